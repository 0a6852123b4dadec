"""Start-up: weak secrets refused, what will not work said out loud (defects 8 and 9)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot import startup
from bot.app import create_app
from bot.settings import Settings, weak_secret

ROOT = Path(__file__).resolve().parents[2]
GOOD = "9f86d081884c7d659a2feaa0c55ad015"
BOT_TOKEN = "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.mark.parametrize("value", [
    "changeme", "CHANGE_ME", "secret", "password", "Passw0rd", "test", "xxx",
    "xxxxxxxxxxxxxxxxxxxxxxxx", "000000000000000000000", "your-admin-token-here",
    "admin-secret-token-1234", "abababababababababab", "short-but-real",
])
def test_placeholders_and_short_values_are_no_secret(value: str) -> None:
    assert weak_secret(value) is not None


def test_a_random_value_is_a_secret() -> None:
    assert weak_secret(GOOD) is None and weak_secret("k3J9-vQ2x_Lm8pZr") is None


def test_each_weak_secret_is_named(settings: Settings) -> None:
    weak = settings.model_copy(update={
        "admin_token": "changeme", "twilio_auth_token": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "telegram_webhook_secret": "secret", "office_webhook_secret": "password",
        "telegram_bot_token": "123:changeme"})
    problems = "\n".join(weak.secret_problems())
    for name in ("ADMIN_TOKEN is a placeholder", "TWILIO_AUTH_TOKEN is a placeholder",
                 "TELEGRAM_WEBHOOK_SECRET is a placeholder", "OFFICE_WEBHOOK_SECRET",
                 "TELEGRAM_BOT_TOKEN is not a token"):
        assert name in problems
    strong = settings.model_copy(update={
        "admin_token": GOOD, "twilio_auth_token": GOOD[::-1], "telegram_bot_token": BOT_TOKEN,
        "telegram_webhook_secret": "Zk3_9vQ2xLm8pZr-tw", "office_webhook_secret": GOOD + "x"})
    assert strong.secret_problems() == []
    assert settings.model_copy(update={"admin_token": "", "twilio_auth_token": ""}) \
        .secret_problems() == []  # empty: that feature is off, nothing to guess


def _intake(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("TWILIO_", "TELEGRAM_", "OFFICE_", "ADMIN_", "DATABASE_URL",
                                  "BUSINESS_"))}
    clean.update(PYTHONPATH=str(ROOT), **env)
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=tmp_path, env=clean,
                          input="hi\n/quit\n", text=True, capture_output=True, timeout=60)


def test_serve_refuses_a_placeholder_admin_token(tmp_path: Path) -> None:
    result = _intake(["serve", "--port", "1"], tmp_path, ADMIN_TOKEN="changeme",
                     TWILIO_AUTH_TOKEN="test")
    assert result.returncode == 2
    assert "ADMIN_TOKEN is a placeholder" in result.stderr
    assert "TWILIO_AUTH_TOKEN is a placeholder" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "intake.db").exists()  # refused before anything was done


def test_worker_refuses_a_placeholder_secret_too(tmp_path: Path) -> None:
    result = _intake(["worker"], tmp_path, ADMIN_TOKEN=GOOD, OFFICE_WEBHOOK_SECRET="changeme",
                     OFFICE_WEBHOOK_URL="https://crm.example.com/hook")
    assert result.returncode == 2
    assert "OFFICE_WEBHOOK_SECRET is a placeholder" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "intake.db").exists()  # refused before the database was touched


def test_chat_prints_no_migration_lines(tmp_path: Path) -> None:
    result = _intake(["chat"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "alembic" not in result.stderr and "Running upgrade" not in result.stderr
    assert result.stdout.startswith("Texting ")


def test_warnings_say_what_will_not_work(settings: Settings) -> None:
    bare = settings.model_copy(update={"business_phone": "", "twilio_validate_signature": False})
    found = "\n".join(startup.warnings(bare))
    assert "TWILIO_VALIDATE_SIGNATURE is false" in found
    assert "no office target" in found and "BUSINESS_PHONE is empty" in found
    wired = settings.model_copy(update={"office_webhook_url": "https://crm.example.com/hook",
                                        "office_webhook_secret": GOOD})
    assert startup.warnings(wired) == []


def test_warnings_are_logged_loudly_at_start(settings: Settings,
                                             caplog: pytest.LogCaptureFixture) -> None:
    off = settings.model_copy(update={"twilio_validate_signature": False})
    with caplog.at_level(logging.WARNING, logger="intake.startup"):
        startup.announce(off)
    assert any(r.levelno == logging.WARNING and "TWILIO_VALIDATE_SIGNATURE" in r.getMessage()
               for r in caplog.records)


def test_healthz_carries_the_warnings(engine: Engine, settings: Settings) -> None:
    off = settings.model_copy(update={"twilio_validate_signature": False,
                                      "outbox_in_process": False})
    with TestClient(create_app(off, engine)) as client:
        body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert any("TWILIO_VALIDATE_SIGNATURE is false" in w for w in body["warnings"])


def test_the_root_sends_a_newcomer_to_the_dashboard(sqlite_engine: Engine,
                                                    settings: Settings) -> None:
    settings.outbox_in_process = False
    with TestClient(create_app(settings, sqlite_engine)) as client:
        response = client.get("/", follow_redirects=False)
        assert response.status_code == 307 and response.headers["location"] == "/dashboard"
        assert client.get("/").url.path.startswith("/dashboard")
