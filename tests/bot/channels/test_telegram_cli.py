"""`intake telegram set-webhook` and `intake telegram poll` as a user runs them."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.settings import Settings
from tests.support.bot_api_server import BotApiServer
from tests.support.fixtures import bot_api_server_fixture  # noqa: F401
from tests.support.telegram import SECRET, TOKEN


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch,
        bot_api_server: BotApiServer) -> BotApiServer:
    """A clean environment (the settings fixture) pointed at the fake Bot API."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", bot_api_server.base_url)
    return bot_api_server


def test_set_webhook_registers_url_secret_and_update_types(
        env: BotApiServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["telegram", "set-webhook", "https://bot.example.com/telegram/webhook"]) == 0
    assert env.webhook["url"] == "https://bot.example.com/telegram/webhook"
    assert env.webhook["secret_token"] == SECRET
    assert env.webhook["allowed_updates"] == ["message", "my_chat_member"]
    out = capsys.readouterr()
    assert "webhook set: https://bot.example.com/telegram/webhook" in out.out
    assert TOKEN not in out.out + out.err


def test_a_bare_host_gets_the_webhook_path(env: BotApiServer) -> None:
    assert main(["telegram", "set-webhook", "https://bot.example.com"]) == 0
    assert env.webhook["url"] == "https://bot.example.com/telegram/webhook"


def test_plain_http_only_on_this_machine(env: BotApiServer,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["telegram", "set-webhook", "http://bot.example.com/telegram/webhook"]) == 2
    err = capsys.readouterr().err
    assert "https://" in err and "Traceback" not in err
    assert env.calls == []
    assert main(["telegram", "set-webhook", "http://127.0.0.1:8000/telegram/webhook"]) == 0
    assert main(["telegram", "set-webhook", "http://localhost:8000/telegram/webhook"]) == 0


@pytest.mark.parametrize(("unset", "message"), [
    ("TELEGRAM_BOT_TOKEN", "TELEGRAM_BOT_TOKEN is empty"),
    ("TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_WEBHOOK_SECRET is empty"),
])
def test_missing_configuration_is_named(env: BotApiServer, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str], unset: str,
                                        message: str) -> None:
    monkeypatch.delenv(unset)
    assert main(["telegram", "set-webhook", "https://bot.example.com"]) == 2
    assert message in capsys.readouterr().err
    assert env.calls == []


def test_a_secret_telegram_would_refuse_is_named(env: BotApiServer,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "has spaces!")
    assert main(["telegram", "set-webhook", "https://bot.example.com"]) == 2
    assert "A-Z, a-z, 0-9" in capsys.readouterr().err


def test_telegram_errors_are_printed_without_a_traceback(
        env: BotApiServer, capsys: pytest.CaptureFixture[str]) -> None:
    env.fail_next(1, status=400)
    assert main(["telegram", "set-webhook", "https://bot.example.com"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("intake: Telegram refused") and "Traceback" not in err
    assert TOKEN not in err


def test_poll_without_a_token_is_a_clear_error(settings: Settings,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["telegram", "poll"]) == 2
    assert "TELEGRAM_BOT_TOKEN is empty" in capsys.readouterr().err
