"""The signed-webhook fixtures of the channel tests, for the corpus sample."""

from tests.bot.channels.conftest import client, texter

__all__ = ["client", "texter"]
