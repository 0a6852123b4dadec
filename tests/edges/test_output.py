"""What we hand downstream stays readable: TwiML, CSV, stored text, provider ids (defect 7)."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bot.channels.twilio_sms import twiml
from bot.settings import Settings
from bot.spreadsheet import safe_cell
from store.models import MessageLog
from tests.edges.conftest import AUTH
from tests.support.twilio import Texter, messages_of, sign

PHONE = "+15551234567"
URL = "https://intake.example.com/sms/twilio"


def test_twiml_is_well_formed_whatever_the_text() -> None:
    nasty = "Bob\x00\x01\x07\x08\x0b\x0c\x1b\x7f\ufffe\uffff\ud800 Smith\t\n<&>"
    body = twiml([nasty]).body
    [message] = ElementTree.fromstring(bytes(body)).iter("Message")
    assert message.text == "Bob\x7f Smith\t\n<&>"


def test_control_characters_echoed_in_the_summary_keep_the_twiml_well_formed(
        app_client: TestClient, edge_settings: Settings) -> None:
    texter = Texter(app_client, edge_settings.twilio_auth_token, PHONE)
    for text in ("hi", "Bob Smith", "yes", "12 Elm St Springfield IL 62701",
                 "leaking\x03\x1b tap\x0b", "tomorrow morning", "SKIP"):
        texter.say(text)  # parses each TwiML answer, asserting it is well-formed
    summary = texter.last("YES")
    assert "Need: leaking tap" in summary


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("\uff1d1+1", "'\uff1d1+1"),
    ("+15551234567", "+15551234567"), ("-3.5", "-3.5"), ("Bob = Smith", "Bob = Smith"),
    ("", ""), (None, None), (42, 42),
])
def test_spreadsheet_formulas_are_neutralised(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


def test_the_consent_csv_export_carries_no_formula(app_client: TestClient) -> None:
    formula = '=HYPERLINK("http://evil.example","call me")'
    created = app_client.post("/api/consent/verbal", headers=AUTH, json={
        "phone": PHONE, "staff": "@SUM(1+1)", "script": "Reply STOP to opt out.",
        "call_reference": formula})
    assert created.status_code == 201, created.text
    exported = app_client.get("/api/consent/export?format=csv", headers=AUTH)
    [row] = list(csv.DictReader(io.StringIO(exported.text)))
    assert row["text"] == "'" + formula and row["actor"] == "'@SUM(1+1)"
    assert row["phone"] == PHONE  # a phone number is data, left as it is
    events = app_client.get("/api/consent/events", headers=AUTH).json()["items"]
    assert events[0]["text"] == formula  # JSON keeps the exact text


def test_raw_utf8_in_the_form_is_stored_as_typed(app_client: TestClient, engine: Engine,
                                                 edge_settings: Settings) -> None:
    params = {"MessageSid": "SM" + "1" * 32, "From": PHONE, "To": "+15550001111",
              "Body": "José Müller ☕", "NumMedia": "0"}
    # Percent-escape the separators only: the UTF-8 bytes of the Body go on the wire raw.
    raw = "&".join(f"{k}={v.replace(' ', '+') if k == 'Body' else quote(v)}"
                   for k, v in params.items())
    assert "é".encode() in raw.encode()
    response = app_client.post("/sms/twilio", content=raw.encode(), headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": sign(edge_settings.twilio_auth_token, URL, params)})
    assert response.status_code == 200, response.text
    with Session(engine) as session:
        assert session.scalar(select(MessageLog.text).where(
            MessageLog.direction == "in")) == "José Müller ☕"


def test_a_form_that_is_not_utf8_is_a_400(app_client: TestClient) -> None:
    response = app_client.post("/sms/twilio", content=b"Body=caf\xe9&From=x", headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "x"})
    assert response.status_code == 400 and "UTF-8" in response.json()["detail"]


def test_two_long_message_sids_with_the_same_first_64_characters_are_two_messages(
        app_client: TestClient, engine: Engine, edge_settings: Settings) -> None:
    texter = Texter(app_client, edge_settings.twilio_auth_token, PHONE)
    prefix = "SM" + "a" * 70
    first = messages_of(texter.post("hi", sid=prefix + "1"))
    second = messages_of(texter.post("Ann Lee", sid=prefix + "2"))
    assert second != first  # not answered as a replay of the first
    with Session(engine) as session:
        stored = session.scalars(select(MessageLog.provider_id).where(
            MessageLog.direction == "in").order_by(MessageLog.id)).all()
        assert stored == [prefix + "1", prefix + "2"]
        assert session.scalar(select(func.count()).select_from(MessageLog).where(
            MessageLog.direction == "in")) == 2


def test_an_absurdly_long_message_sid_is_a_400(app_client: TestClient,
                                               edge_settings: Settings) -> None:
    texter = Texter(app_client, edge_settings.twilio_auth_token, PHONE)
    response = texter.post("hi", sid="SM" + "b" * 500)
    assert response.status_code == 400 and "MessageSid" in response.json()["detail"]
