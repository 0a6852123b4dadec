"""Pytest fixtures for the fake Telegram Bot API server."""

from collections.abc import Iterator

import pytest

from tests.support.bot_api_server import BotApiServer


@pytest.fixture(name="bot_api_server")
def bot_api_server_fixture() -> Iterator[BotApiServer]:
    """Yield a started BotApiServer on an ephemeral loopback port; stop it afterwards."""
    with BotApiServer() as server:
        yield server


# Prefer importing `bot_api_server_fixture` (no ruff F811 on test parameters); this alias keeps
# `from tests.support.fixtures import bot_api_server` working as well.
bot_api_server = bot_api_server_fixture
