"""Dashboard login, server-side sessions, throttling and forms refuse what they should."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, update

from bot.app import create_app
from bot.dashboard import sessions
from bot.dashboard.auth import COOKIE
from bot.settings import Settings
from store.clock import utcnow
from store.db import session_factory
from store.models import DashboardSession
from tests.bot.dashboard.conftest import login


def test_pages_redirect_to_login_and_posts_get_a_page(client: TestClient) -> None:
    response = client.get("/dashboard/leads?q=x")
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard/login?next=/dashboard/leads%3Fq%3Dx"
    posted = client.post("/dashboard/leads/1/convert", data={"csrf": "x"})
    assert posted.status_code == 401 and "log in again" in posted.text
    assert posted.headers["content-type"].startswith("text/html")


def test_login_asks_for_the_staff_name(client: TestClient) -> None:
    response = client.post("/dashboard/login", data={"name": "  ", "password": "admin-secret"})
    assert response.status_code == 400 and "Type your name" in response.text
    login(client, "Dana  Reyes")
    page = client.get("/dashboard/consent")
    assert page.status_code == 200 and 'id="staff">Dana Reyes<' in page.text


def test_logout_ends_the_session_on_the_server(client: TestClient) -> None:
    cookie = login(client)
    page = client.get("/dashboard/consent")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    assert client.post("/dashboard/logout", data={"csrf": csrf}).status_code == 303
    client.cookies.set(COOKIE, cookie)  # a kept copy of the old cookie
    assert client.get("/dashboard/consent").status_code == 303


def test_two_logins_in_the_same_second_get_different_cookies(client: TestClient) -> None:
    first, second = login(client), login(client)
    assert first != second
    for cookie in (first, second):
        client.cookies.set(COOKIE, cookie)
        assert client.get("/dashboard/consent").status_code == 200


def test_wrong_tokens_are_throttled_per_address(client: TestClient, engine: Engine) -> None:
    for _ in range(5):
        wrong = client.post("/dashboard/login", data={"name": "Eve", "password": "guess"})
        assert wrong.status_code == 401 and "Wrong admin token" in wrong.text
    locked = client.post("/dashboard/login", data={"name": "Eve", "password": "admin-secret"})
    assert locked.status_code == 429 and "Try again in 30 seconds" in locked.text
    assert locked.headers["Retry-After"] == "30"
    with engine.begin() as conn:  # the wait passes
        conn.execute(update(DashboardSession).values(
            created_at=utcnow() - timedelta(seconds=31)))
    login(client)
    # A success clears the count: the next wrong token is not locked out.
    again = client.post("/dashboard/login", data={"name": "Eve", "password": "guess"})
    assert again.status_code == 401


def test_the_wait_doubles_with_each_further_wrong_token(client: TestClient,
                                                        engine: Engine) -> None:
    for _ in range(5):
        client.post("/dashboard/login", data={"name": "Eve", "password": "guess"})
    with engine.begin() as conn:
        conn.execute(update(DashboardSession).values(
            created_at=utcnow() - timedelta(seconds=31)))
    assert client.post("/dashboard/login",
                       data={"name": "Eve", "password": "guess"}).status_code == 401
    locked = client.post("/dashboard/login", data={"name": "Eve", "password": "guess"})
    assert locked.status_code == 429 and "Try again in 60 seconds" in locked.text


def test_rotating_the_admin_token_ends_every_session(client: TestClient,
                                                      settings: Settings) -> None:
    login(client)
    assert client.get("/dashboard/consent").status_code == 200
    settings.admin_token = "rotated-secret"
    assert client.get("/dashboard/consent").status_code == 303
    login(client, token="rotated-secret")
    assert client.get("/dashboard/consent").status_code == 200


def test_the_cookie_is_httponly_samesite_and_secure_on_https(client: TestClient,
                                                             settings: Settings) -> None:
    response = client.post("/dashboard/login", data={"name": "Pat", "password": "admin-secret"})
    header = response.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header and "secure" in header
    settings.public_base_url = "http://localhost:8000"
    plain = client.post("/dashboard/login", data={"name": "Pat", "password": "admin-secret"})
    assert "secure" not in plain.headers["set-cookie"].lower()


def test_login_does_not_redirect_off_site(client: TestClient) -> None:
    for target in ("https://evil.example/", "/dashboard//evil.example"):
        response = client.post("/dashboard/login", data={
            "name": "Pat", "password": "admin-secret", "next": target})
        assert response.headers["location"] == "/dashboard/today"


def test_forms_need_the_csrf_token(client: TestClient) -> None:
    login(client)
    response = client.post("/dashboard/leads/1/status", data={"lead_status": "quoted",
                                                              "csrf": "forged"})
    assert response.status_code == 403 and "CSRF" in response.text
    chat = client.post("/dashboard/chat/send", json={"text": "hi"})
    assert chat.status_code == 403 and "CSRF" in chat.json()["detail"]


def test_errors_are_pages_in_words(client: TestClient) -> None:
    login(client)
    for path in ("/dashboard/leads/999", "/dashboard/leads/99999999999999999999999"):
        page = client.get(path)
        assert page.status_code == 404, path
        assert page.headers["content-type"].startswith("text/html")
        assert "Not found" in page.text
    missing = client.get("/dashboard/no-such-page")
    assert missing.status_code == 404 and "Not found" in missing.text
    assert client.get("/api/leads/999").headers["content-type"] == "application/json"


def test_no_admin_token_means_no_dashboard(sqlite_engine: Engine, settings: Settings) -> None:
    settings.admin_token = ""
    # No dispatcher in the app: on a loaded machine its heartbeat writes could hold SQLite's
    # write lock past the bound while the login records its failure (a 503, not the 401).
    settings.outbox_in_process = False
    with TestClient(create_app(settings, sqlite_engine), follow_redirects=False) as c:
        assert "set ADMIN_TOKEN" in c.get("/dashboard/login").text
        assert c.post("/dashboard/login", data={"name": "Pat", "password": ""}).status_code == 401
        c.cookies.set(COOKIE, "anything")
        assert c.get("/dashboard/leads").status_code == 303


def test_the_throttle_counts_each_address_on_its_own(engine: Engine) -> None:
    now = utcnow()
    with session_factory(engine)() as db:
        for _ in range(5):
            sessions.record_failure(db, "Eve", "10.0.0.1", now)
        db.commit()
        assert sessions.wait_seconds(db, "10.0.0.1", now) == 30
        assert sessions.wait_seconds(db, "10.0.0.2", now) == 0
        # Failures older than the window are forgotten.
        assert sessions.wait_seconds(db, "10.0.0.1", now + sessions.WINDOW) == 0


def test_old_session_rows_are_deleted_at_the_next_login(engine: Engine,
                                                        settings: Settings) -> None:
    now = utcnow()
    factory = session_factory(engine)
    with factory() as db:
        sessions.record_failure(db, "Eve", "10.0.0.1", now - timedelta(days=31))
        sessions.open_session(db, settings, "Pat", "10.0.0.1", now - timedelta(days=31))
        db.commit()
        sessions.open_session(db, settings, "Pat", "10.0.0.1", now)
        db.commit()
        assert db.scalar(select(func.count()).select_from(DashboardSession)) == 1
