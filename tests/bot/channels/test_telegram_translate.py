"""What an Update means to the bot: pure translation, no database, no network."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update

from bot.channels.telegram import (
    FOREIGN_CONTACT,
    Ignored,
    Membership,
    contact_phone,
    lead_source,
    parse_update,
    translate,
)
from bot.messages import InboundMessage
from tests.support.bot_api_server import (
    make_command_update,
    make_contact_update,
    make_my_chat_member_update,
    make_text_update,
)

CHAT = 808


def inbound(data: dict[str, Any]) -> InboundMessage:
    found = translate(Update.de_json(data, None))
    assert isinstance(found, InboundMessage), found
    return found


def test_text_message_becomes_an_inbound_message() -> None:
    msg = inbound(make_text_update(5, CHAT, "  my name is Bob  "))
    assert (msg.channel, msg.sender_key, msg.chat_id) == ("telegram", str(CHAT), CHAT)
    assert (msg.text, msg.provider_id, msg.phone, msg.media_count) == (
        "  my name is Bob  ", "tg-5", None, 0)


@pytest.mark.parametrize(("text", "said", "source"), [
    ("/start", "start", None),
    ("/start fb_ad_123", "start", "telegram:fb_ad_123"),
    ("/start@intake_test_bot google-2026", "start", "telegram:google-2026"),
    ("/start " + "a" * 64, "start", "telegram:" + "a" * 31),
    ("/start <script>", "start", None),
    ("/help", "help", None),
    ("/HELP@intake_test_bot", "help", None),
    ("/stop", "stop", None),
    ("/agent please", "agent please", None),
])
def test_commands_become_words(text: str, said: str, source: str | None) -> None:
    msg = inbound(make_command_update(6, CHAT, text))
    assert (msg.text, msg.source) == (said, source)


@pytest.mark.parametrize("text", ["/", "// not a command", "/ stop"])
def test_slashes_that_are_not_commands_stay_as_typed(text: str) -> None:
    assert inbound(make_text_update(7, CHAT, text)).text == text


def test_own_contact_gives_the_number_in_e164() -> None:
    msg = inbound(make_contact_update(8, CHAT, "15551234567", CHAT, CHAT))
    assert msg.text == "+15551234567" and msg.answer is None


@pytest.mark.parametrize("owner", [999, None])
def test_someone_elses_contact_is_answered_by_the_edge(owner: int | None) -> None:
    msg = inbound(make_contact_update(9, CHAT, "15557654321", owner, CHAT))
    assert msg.text == "" and msg.answer == FOREIGN_CONTACT


@pytest.mark.parametrize(("raw", "expected"), [
    ("15551234567", "+15551234567"), ("+15551234567", "+15551234567"),
    ("+1 (555) 123-4567", "+15551234567"), ("447911123456", "+447911123456"),
    ("not a number", "not a number"),
])
def test_contact_phone(raw: str, expected: str) -> None:
    assert contact_phone(raw) == expected


def test_lead_source_slug() -> None:
    assert lead_source("") is None
    assert lead_source("fb_ad_1") == "telegram:fb_ad_1"
    assert lead_source("a b") is None and lead_source("ü") is None


def test_membership_changes() -> None:
    found = translate(Update.de_json(make_my_chat_member_update(10, CHAT, CHAT, "kicked"), None))
    assert found == Membership(CHAT, "member", "kicked", "tg-10")


def test_edited_messages_are_ignored() -> None:
    data = make_text_update(11, CHAT, "Maria")
    data["edited_message"] = {**data.pop("message"), "edit_date": 1}
    assert isinstance(translate(Update.de_json(data, None)), Ignored)


def test_parse_update_refuses_what_is_not_an_update() -> None:
    assert isinstance(parse_update(b'{"update_id": 1}'), Update)
    assert parse_update(b"nope") == "body is not JSON"
    assert "integer update_id" in str(parse_update(b'{"update_id": 1.5}'))
