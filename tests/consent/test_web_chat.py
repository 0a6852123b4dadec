"""The dashboard's "Try the chat": staff test events, bound to the chat session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.app import create_app
from bot.dashboard.chat import CHAT_COOKIE
from bot.settings import Settings
from store import ledger
from store.models import ConsentEventRow, Customer
from tests.support.twilio import Texter

AUTH = {"Authorization": "Bearer admin-secret"}
INTAKE = ["Hi", "Maria Lopez", "555-201-3344", "42 Elm St, Springfield, IL 62704",
          "water heater leaking", "tomorrow morning", "skip", "yes", "yes"]


def browser_like(engine: Engine, settings: Settings) -> TestClient:
    """A client on https that keeps redirects to itself, like a browser's first request."""
    settings.outbox_in_process = False
    return TestClient(create_app(settings, engine), base_url="https://testserver",
                      follow_redirects=False)


@pytest.fixture
def app_client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    with browser_like(engine, settings) as c:
        yield c


class Chat:
    """One browser on the chat page."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        assert client.post("/dashboard/login", data={"name": "Pat", "password": "admin-secret"}
                           ).status_code == 303
        page = client.get("/dashboard/chat")
        assert page.status_code == 200
        self.cookie = page.headers.get("set-cookie", "")
        self.csrf = page.text.split('"X-CSRF-Token": "')[1].split('"')[0]

    def say(self, text: str) -> list[str]:
        response = self.client.post("/dashboard/chat/send", json={"text": text},
                                    headers={"X-CSRF-Token": self.csrf})
        assert response.status_code == 200, response.text
        return list(response.json()["replies"])

    @property
    def key(self) -> str:
        return "web-" + self.client.cookies[CHAT_COOKIE]


def test_the_chat_cookie_is_secure_when_the_public_url_is_https(app_client: TestClient) -> None:
    chat = Chat(app_client)
    assert CHAT_COOKIE in chat.cookie and "Secure" in chat.cookie and "HttpOnly" in chat.cookie


def test_the_chat_cookie_is_not_secure_on_plain_http(engine: Engine, settings: Settings) -> None:
    settings.outbox_in_process = False
    settings.public_base_url = "http://localhost:8000"
    with TestClient(create_app(settings, engine), follow_redirects=False) as client:
        assert "Secure" not in Chat(client).cookie


def test_a_stop_before_any_phone_binds_the_chat_session(app_client: TestClient,
                                                        engine: Engine) -> None:
    chat = Chat(app_client)
    assert chat.say("Hi")
    [confirmation] = chat.say("STOP")
    assert "unsubscribed" in confirmation
    assert chat.say("Hello?") == [] and chat.say("Maria Lopez") == []
    with Session(engine) as s:
        [event] = ledger.events_for(s, session_key=chat.key)
    assert (event.kind, event.phone, event.test, event.actor) == ("opt_out", None, True,
                                                                   "staff-test")
    assert "unsubscribed" not in " ".join(chat.say("HELP")) and chat.say("START")
    assert chat.say("Maria Lopez")  # subscribed again: the conversation answers


def test_another_chat_session_is_not_bound_by_it(app_client: TestClient,
                                                 engine: Engine, settings: Settings) -> None:
    first = Chat(app_client)
    first.say("Hi")
    first.say("STOP")
    with browser_like(engine, settings) as other_browser:
        assert Chat(other_browser).say("Hi")


def test_test_consent_never_touches_the_phone_typed_in_the_chat(app_client: TestClient,
                                                                engine: Engine) -> None:
    chat = Chat(app_client)
    for answer in INTAKE:
        chat.say(answer)
    chat.say("STOP")
    status = app_client.get("/api/consent/status", params={"phone": "+15552013344"},
                            headers=AUTH).json()["status"]
    assert status == "unknown"  # neither the test YES nor the test STOP is the customer's
    with Session(engine) as s:
        rows = list(s.scalars(select(ConsentEventRow)))
        assert rows and all(r.test and r.session_key == chat.key for r in rows)
        lead = s.scalars(select(Customer).where(Customer.phone == "+15552013344")).one()
        assert lead.is_test is True
    # The real customer texting in afterwards is a new, real texter.
    assert Texter(app_client, "test-auth-token", "+15552013344").say("Hi")


def test_a_real_texters_lead_is_not_test(app_client: TestClient, engine: Engine) -> None:
    t = Texter(app_client, "test-auth-token", "+15552019999")
    for answer in ["Hi", "Ann Lee", "yes", "7 Oak Ln, Dallas TX 75201", "no heat", "asap",
                   "skip", "yes", "yes"]:
        t.say(answer)
    with Session(engine) as s:
        assert s.scalars(select(Customer.is_test)).all() == [False]


def test_a_forged_chat_cookie_gets_a_clear_400(app_client: TestClient) -> None:
    chat = Chat(app_client)
    app_client.cookies.set(CHAT_COOKIE, "x" * 64)
    response = app_client.post("/dashboard/chat/send", json={"text": "hi"},
                               headers={"X-CSRF-Token": chat.csrf})
    assert response.status_code == 400 and "reload" in response.json()["detail"]
