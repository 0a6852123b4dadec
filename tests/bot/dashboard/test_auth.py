"""Dashboard login, sessions and forms refuse what they should."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.dashboard.auth import COOKIE, make_session, session_ok
from bot.settings import Settings


@pytest.fixture
def client(sqlite_engine: Engine, settings: Settings) -> Iterator[TestClient]:
    settings.outbox_in_process = False
    # https: the session cookie is Secure when PUBLIC_BASE_URL is https.
    with TestClient(create_app(settings, sqlite_engine), base_url="https://testserver",
                    follow_redirects=False) as c:
        yield c


def login(client: TestClient) -> None:
    response = client.post("/dashboard/login", data={"password": "admin-secret"})
    assert response.status_code == 303


def test_pages_redirect_to_login_and_posts_get_401(client: TestClient) -> None:
    response = client.get("/dashboard/leads?q=x")
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard/login?next=/dashboard/leads%3Fq%3Dx"
    posted = client.post("/dashboard/leads/1/convert", data={"csrf": "x"})
    assert posted.status_code == 401 and posted.json()["detail"]


def test_login_does_not_redirect_off_site(client: TestClient) -> None:
    response = client.post("/dashboard/login", data={"password": "admin-secret",
                                                     "next": "https://evil.example/"})
    assert response.headers["location"] == "/dashboard/leads"
    response = client.post("/dashboard/login", data={"password": "admin-secret",
                                                     "next": "/dashboard//evil.example"})
    assert response.headers["location"] == "/dashboard/leads"


def test_forms_need_the_csrf_token(client: TestClient) -> None:
    login(client)
    response = client.post("/dashboard/leads/1/status", data={"lead_status": "quoted",
                                                              "csrf": "forged"})
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    chat = client.post("/dashboard/chat/send", json={"text": "hi"})
    assert chat.status_code == 403


def test_bad_input_gets_a_reason(client: TestClient) -> None:
    login(client)
    assert client.get("/dashboard/leads/999").status_code == 404
    page = client.get("/dashboard/leads?since=not-a-date")
    assert page.status_code == 200 and "is not a date" in page.text
    log = client.get("/dashboard/consent?phone=banana")
    assert "is not a phone number" in log.text


def test_sessions_expire_and_die_with_a_new_token(settings: Settings) -> None:
    cookie = make_session(settings, now=1000.0)
    assert session_ok(settings, cookie, now=1001.0)
    assert not session_ok(settings, cookie, now=1000.0 + 13 * 3600)
    settings.admin_token = "rotated"
    assert not session_ok(settings, cookie, now=1001.0)
    assert not session_ok(settings, "garbage", now=1001.0)


def test_no_admin_token_means_no_dashboard(sqlite_engine: Engine, settings: Settings) -> None:
    settings.admin_token = ""
    with TestClient(create_app(settings, sqlite_engine), follow_redirects=False) as c:
        assert "set ADMIN_TOKEN" in c.get("/dashboard/login").text
        assert c.post("/dashboard/login", data={"password": ""}).status_code == 401
        c.cookies.set(COOKIE, "1.x")
        assert c.get("/dashboard/leads").status_code == 303
