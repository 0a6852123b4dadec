"""Random signed Twilio forms and random Telegram updates: never a 5xx, TwiML always well-formed."""

from __future__ import annotations

import itertools
import json
from typing import Any
from xml.etree import ElementTree

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot.settings import Settings
from tests.edges.conftest import TG_HEADERS
from tests.support.twilio import Texter, sign

EXAMPLES = 60
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                phases=[Phase.generate], suppress_health_check=list(HealthCheck))
URL = "https://intake.example.com/sms/twilio"
# What a form can carry: any Unicode scalar value (UTF-8 cannot encode a lone surrogate).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
BIG_INT = st.one_of(st.integers(-(2**70), 2**70), st.integers(-1000, 1000),
                    st.sampled_from([2**31, 2**63 - 1, 2**63, -(2**63) - 1]))

forms = st.fixed_dictionaries(
    {"MessageSid": st.one_of(st.from_regex(r"SM[0-9a-f]{32}", fullmatch=True), TEXT),
     "From": st.one_of(st.sampled_from(["+15551234567", "+447700900123"]), TEXT),
     # Real answers move the conversation on, so the odd text lands in the slots it echoes.
     "Body": st.one_of(TEXT, st.sampled_from(
         ["STOP", "HELP", "START", "yes", "SKIP", "YES", "Ann Lee", "tomorrow morning",
          "12 Elm St Springfield IL 62701", "=HYPERLINK(\"x\")", "leak\x00\x01\x1b<&>",
          "no heat\x0b\x0c", "José \u2028 \ufffe"]))},
    optional={"To": TEXT, "NumMedia": st.one_of(TEXT, st.integers().map(str)),
              "OptOutType": st.one_of(st.sampled_from(["STOP", "START", "HELP"]), TEXT),
              "AccountSid": TEXT, "MediaUrl0": TEXT})


def _twiml_ok(text: str) -> None:
    root = ElementTree.fromstring(text.encode())
    assert root.tag == "Response"
    assert all(child.tag == "Message" for child in root)


@FUZZ
@given(params=forms, extra=st.dictionaries(st.text("abcXYZ_", min_size=1, max_size=8), TEXT,
                                           max_size=3))
def _random_signed_forms(client: TestClient, token: str, params: dict[str, str],
                         extra: dict[str, str]) -> None:
    form = {**extra, **params}
    response = client.post("/sms/twilio", data=form,
                           headers={"X-Twilio-Signature": sign(token, URL, form)})
    assert response.status_code < 500, (form, response.text)
    if response.status_code == 200:
        assert response.headers["content-type"].startswith("application/xml")
        _twiml_ok(response.text)
    else:
        assert response.json()["detail"]


def test_random_signed_twilio_forms(app_client: TestClient, edge_settings: Settings) -> None:
    _random_signed_forms(app_client, edge_settings.twilio_auth_token)


SCRIPT = ["hi", "Bob Smith", "yes", "12 Elm St Springfield IL 62701", "{need}",
          "tomorrow morning", "SKIP", "YES", "YES"]
JUNK = st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Co", "So"]),
               min_size=1, max_size=4)
_phones = itertools.count(1000)


@settings(FUZZ, max_examples=EXAMPLES // 3)
@given(junk=st.lists(JUNK, min_size=3, max_size=3))
def _odd_whole_conversations(client: TestClient, token: str, junk: list[str]) -> None:
    # Control characters and symbols in the need are echoed back in the summary (the other
    # slots refuse them), and every TwiML answer on the way must still parse.
    need = f"{junk[0]}leaking{junk[1]}tap{junk[2]}"
    texter = Texter(client, token, f"+1555010{next(_phones):04d}")
    for answer in SCRIPT:
        texter.say(answer.format(need=need))


def test_whole_conversations_with_odd_characters(app_client: TestClient,
                                                 edge_settings: Settings) -> None:
    _odd_whole_conversations(app_client, edge_settings.twilio_auth_token)


@FUZZ
@given(body=st.binary(max_size=400))
def _random_bytes(client: TestClient, body: bytes) -> None:
    for path in ("/sms/twilio", "/sms/twilio/status"):
        response = client.post(path, content=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "x"})
        assert response.status_code < 500 and response.json()["detail"]


def test_random_form_bytes(app_client: TestClient) -> None:
    _random_bytes(app_client)


# Any JSON at all, and Telegram-shaped updates with odd values where the bot reads.
ANY_TEXT = st.text(max_size=200)  # lone surrogates included: JSON escapes can carry them
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | BIG_INT | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=20)
chats = st.fixed_dictionaries({"id": BIG_INT, "type": st.sampled_from(
    ["private", "group", "supergroup", "channel", "odd"])})
messages = st.fixed_dictionaries(
    {"message_id": BIG_INT, "date": st.one_of(st.integers(0, 2**31), BIG_INT)},
    optional={"chat": chats | JSON_VALUES, "text": ANY_TEXT | JSON_VALUES,
              "from": st.fixed_dictionaries({"id": BIG_INT, "is_bot": st.booleans(),
                                             "first_name": ANY_TEXT}),
              "contact": st.fixed_dictionaries({"phone_number": ANY_TEXT, "first_name": ANY_TEXT},
                                               optional={"user_id": BIG_INT}),
              "caption": ANY_TEXT, "photo": JSON_VALUES})
updates = st.fixed_dictionaries(
    {"update_id": BIG_INT},
    optional={"message": messages | JSON_VALUES, "edited_message": messages,
              "my_chat_member": JSON_VALUES, "channel_post": messages})


@FUZZ
@given(update=st.one_of(updates, JSON_VALUES))
def _random_updates(client: TestClient, update: Any) -> None:
    body = json.dumps(update)  # ASCII escapes: lone surrogates travel as \\udxxx
    response = client.post("/telegram/webhook", content=body,
                           headers={**TG_HEADERS, "Content-Type": "application/json"})
    assert response.status_code < 500, (body[:500], response.text)
    assert response.status_code == 200 or response.json()["detail"]


def test_random_telegram_updates(app_client: TestClient) -> None:
    _random_updates(app_client)
