"""Bad input gets a 4xx JSON naming the problem, never a 500 (issue 11, defect 6)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.limits import MAX_JSON_DEPTH, json_depth
from bot.settings import Settings
from store.models import MessageLog
from tests.edges.conftest import AUTH, TG_HEADERS
from tests.support.bot_api_server import make_text_update
from tests.support.twilio import Texter

BEYOND = [2**31, 2**63, 2**64, 10**30]
JSON = {**AUTH, "Content-Type": "application/json"}


def _refused(response: object, *statuses: int) -> str:
    """The reason of a 4xx JSON answer (asserting it is one)."""
    status = response.status_code  # type: ignore[attr-defined]
    assert 400 <= status < 500 and (not statuses or status in statuses), (
        status, response.text)  # type: ignore[attr-defined]
    detail = response.json()["detail"]  # type: ignore[attr-defined]
    assert detail
    return str(detail)


@pytest.mark.parametrize("number", BEYOND)
def test_ids_and_offsets_beyond_the_column_range(app_client: TestClient, number: int) -> None:
    for method, path in [("GET", f"/api/leads/{number}"), ("PATCH", f"/api/leads/{number}"),
                         ("POST", f"/api/leads/{number}/convert"),
                         ("POST", f"/api/outbox/{number}/retry"),
                         *[("GET", f"/api/leads?offset={number}")] * (number >= 2**63)]:
        body = {"json": {"lead_status": "contacted"}} if method == "PATCH" else {}
        response = app_client.request(method, path, headers=AUTH, **body)  # type: ignore[arg-type]
        _refused(response)


def test_nul_in_a_query_string_is_refused(app_client: TestClient) -> None:
    assert "NUL" in _refused(app_client.get("/api/leads?q=a%00b", headers=AUTH), 400)
    assert "NUL" in _refused(app_client.get("/api/consent/events?phone=%00", headers=AUTH))


@pytest.mark.parametrize(("raw", "words"), [
    ('"staff": "Ann\\u0000Lee"', "staff contains a NUL"),
    ('"staff": "Ann\\ud800"', "staff contains a lone surrogate"),
    ('"staff": "Ann", "x\\udfff": 1', "contains a lone surrogate"),
])
def test_text_no_database_can_store_is_refused(app_client: TestClient, raw: str,
                                               words: str) -> None:
    body = '{"phone": "+15551234567", "script": "Reply STOP to opt out.", ' + raw + "}"
    response = app_client.post("/api/consent/verbal", content=body, headers=JSON)
    assert words in _refused(response, 422)


def test_paired_surrogate_escapes_are_fine(app_client: TestClient) -> None:
    body = '{"phone": "+15551234567", "staff": "Ann \\ud83d\\ude00", "script": "Reply STOP."}'
    response = app_client.post("/api/consent/verbal", content=body, headers=JSON)
    assert response.status_code == 201 and response.json()["actor"] == "Ann \U0001f600"


@pytest.mark.parametrize("since", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_since_out_of_range_is_a_400_before_any_streaming(app_client: TestClient,
                                                          since: str) -> None:
    for path in ("/api/consent/events", "/api/consent/export"):
        response = app_client.get(path, params={"since": since}, headers=AUTH)
        assert "out of range" in _refused(response, 400)


def test_captured_at_out_of_range_is_a_422(app_client: TestClient) -> None:
    for moment in ("9999-12-31T23:00:00", "0001-01-01T00:00:00+05:00"):
        response = app_client.post("/api/consent/verbal", headers=AUTH, json={
            "phone": "+15551234567", "staff": "Ann", "script": "Reply STOP to opt out.",
            "captured_at": moment})
        assert "captured_at" in _refused(response, 422)


def test_deeply_nested_json_is_refused_before_parsing(app_client: TestClient) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert "nested deeper" in _refused(
        app_client.post("/api/consent/verbal", content=deep, headers=JSON), 422)
    update = '{"update_id": 1, "message": ' + deep + "}"
    response = app_client.post("/telegram/webhook", content=update,
                               headers={**TG_HEADERS, "Content-Type": "application/json"})
    assert "nested deeper" in _refused(response, 400)


def test_json_depth_skips_brackets_inside_strings() -> None:
    assert json_depth(b'{"a": "[[[[[[[[[[", "b": [1, {"c": "\\"]]]"}]}') == 3
    assert json_depth(b"[" * (MAX_JSON_DEPTH + 1)) == MAX_JSON_DEPTH + 1
    assert json_depth(b'"no brackets"') == 0


def _telegram(client: TestClient, update: object) -> object:
    return client.post("/telegram/webhook", content=json.dumps(update),
                       headers={**TG_HEADERS, "Content-Type": "application/json"})


@pytest.mark.parametrize(("change", "where"), [
    (lambda u: u["message"]["chat"].update(id=2**63), "message.chat.id"),
    (lambda u: u["message"]["chat"].update(id=-(2**64)), "message.chat.id"),
    (lambda u: u["message"].pop("chat"), "message.chat"),
    (lambda u: u["message"].update(text=12345), "message.text"),
    (lambda u: u["message"].update(text="x" * 4097), "message.text"),
    (lambda u: u.update(update_id=2**63), "update_id"),
    (lambda u: u["message"].update(chat={"id": "42", "type": "private"}), "message.chat.id"),
    (lambda u: u["message"].update(contact={"phone_number": 5551234567}), "message.contact"),
    (lambda u: u["message"].update(date=10**20), "not a Telegram Update"),
])
def test_telegram_updates_telegram_never_sends(app_client: TestClient, change: object,
                                               where: str) -> None:
    update = make_text_update(7, 42, "hi")
    change(update)  # type: ignore[operator]
    assert where in _refused(_telegram(app_client, update), 400)


def _inbound_texts(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(MessageLog.text).where(
            MessageLog.direction == "in").order_by(MessageLog.id)))


def test_nul_and_lone_surrogates_in_telegram_text_are_cleaned(app_client: TestClient,
                                                              engine: Engine) -> None:
    body = '{"update_id": 9, "message": {"message_id": 9, "date": 1700000000, ' \
           '"chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": false, ' \
           '"first_name": "T"}, "text": "hi\\u0000 there \\ud800"}}'
    response = app_client.post("/telegram/webhook", content=body,
                               headers={**TG_HEADERS, "Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    assert _inbound_texts(engine) == ["hi there \ufffd"]


def test_nul_in_an_sms_body_is_dropped(app_client: TestClient, engine: Engine,
                                       edge_settings: Settings) -> None:
    texter = Texter(app_client, edge_settings.twilio_auth_token, "+15551234567")
    assert texter.post("hi\x00 there").status_code == 200
    assert _inbound_texts(engine) == ["hi there"]


def test_a_wrong_bearer_token_of_any_shape_is_a_401(app_client: TestClient) -> None:
    for header in ("Bearer admin-secreT", "Bearer admin-secret-and-more",
                   "Bearer ädmin".encode(), "Basic admin-secret", "Bearer", ""):
        response = app_client.get("/api/consent/verify", headers={"Authorization": header})
        assert response.status_code == 401, header  # type: ignore[str-bytes-safe]


def test_bearer_tokens_are_compared_by_digest() -> None:
    from bot.api.auth import same_secret

    assert same_secret("admin-secret", "admin-secret")
    assert not same_secret("admin-secre", "admin-secret")
    assert not same_secret("\udcff", "admin-secret")  # undecodable header bytes: no error
