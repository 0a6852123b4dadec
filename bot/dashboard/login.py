"""Log in (staff name + ADMIN_TOKEN) and out; wrong tokens are throttled per address."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from bot.api.auth import sessions_of
from bot.dashboard import sessions
from bot.dashboard.auth import COOKIE, check_csrf, password_ok
from bot.dashboard.render import render
from bot.settings import Settings
from store.clock import utcnow

router = APIRouter(prefix="/dashboard", include_in_schema=False)
HOME = "/dashboard/today"


def _safe_next(target: str) -> str:
    # Only paths inside the dashboard: no open redirect to another site.
    return target if target.startswith("/dashboard") and "//" not in target else HOME


def _client(request: Request) -> str:
    return (request.client.host if request.client else "unknown")[:64]


def _form(request: Request, status: int, next: str, name: str = "",
          errors: dict[str, str] | None = None) -> Response:
    settings: Settings = request.app.state.settings
    return render(request, "login.html", status_code=status, enabled=bool(settings.admin_token),
                  next=_safe_next(next), name=name, errors=errors or {})


@router.get("/login")
def login_page(request: Request, next: str = HOME) -> Response:
    """The login form: who you are, and the office's admin token."""
    return _form(request, 200, next)


@router.post("/login")
def login(request: Request, name: str = Form("", max_length=200),
          password: str = Form("", max_length=500), next: str = Form(HOME)) -> Response:
    """Check the token; open a server-side session for this staff member."""
    settings: Settings = request.app.state.settings
    staff, client, now = " ".join(name.split())[:100], _client(request), utcnow()
    with sessions_of(request)() as db:
        wait = sessions.wait_seconds(db, client, now)
        if wait:
            response = _form(request, 429, next, staff, {"password": (
                f"Too many wrong tokens from this address. Try again in {wait} seconds.")})
            response.headers["Retry-After"] = str(wait)
            return response
        if not staff:
            return _form(request, 400, next, staff,
                         {"name": "Type your name: it goes on every change you make."})
        if not password_ok(settings, password):
            sessions.record_failure(db, staff, client, now)
            db.commit()
            return _form(request, 401, next, staff, {"password": "Wrong admin token."})
        cookie = sessions.open_session(db, settings, staff, client, now)
        db.commit()
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(COOKIE, cookie, max_age=int(sessions.LIFETIME.total_seconds()),
                        httponly=True, samesite="lax",
                        secure=settings.public_base_url.startswith("https://"))
    return response


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> Response:
    """End the session on the server, so a copied cookie stops working too."""
    check_csrf(request, csrf)
    with sessions_of(request)() as db:
        sessions.end(db, request.cookies.get(COOKIE), utcnow())
        db.commit()
    response = RedirectResponse("/dashboard/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("")
def home() -> Response:
    """The dashboard starts at Today."""
    return RedirectResponse(HOME, status_code=303)
