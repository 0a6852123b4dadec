"""The signed-webhook fixtures of the channel tests and the office targets, for the corpus."""

from tests.bot.channels.conftest import client, texter
from tests.support.office_targets import (
    office_client_fixture,
    office_fixture,
    wired_fixture,
)

__all__ = ["client", "texter", "office_client_fixture", "office_fixture", "wired_fixture"]
