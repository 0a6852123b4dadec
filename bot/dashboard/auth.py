"""Dashboard login state: each request's session, the staff name on it, and CSRF tokens."""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request

from bot.api.auth import sessions_of
from bot.dashboard import sessions
from bot.settings import Settings
from store.clock import utcnow

COOKIE = "intake_session"


class LoginRequired(Exception):
    """Raised by `require_login`; the app turns it into a redirect to the login page."""


def password_ok(settings: Settings, password: str) -> bool:
    """The login form's token against ADMIN_TOKEN, in constant time."""
    return bool(settings.admin_token) and hmac.compare_digest(password.encode(),
                                                              settings.admin_token.encode())


def csrf_token(settings: Settings, request: Request) -> str:
    """A per-session token every dashboard form carries."""
    key = hashlib.sha256(b"intake-csrf:" + settings.admin_token.encode()).digest()
    value = "csrf:" + (request.cookies.get(COOKIE) or "")
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def require_login(request: Request) -> Settings:
    """Dependency: the settings, with `request.state.staff` set; else a redirect to log in."""
    settings: Settings = request.app.state.settings
    with sessions_of(request)() as db:
        row = sessions.find(db, settings, request.cookies.get(COOKIE), utcnow())
    if row is None:
        raise LoginRequired()
    request.state.staff = row.staff
    return settings


def staff_of(request: Request) -> str:
    """The logged-in staff member's name (what goes on every change they make)."""
    return str(getattr(request.state, "staff", ""))


def check_csrf(request: Request, token: str) -> None:
    """403 unless the form carries this session's CSRF token."""
    settings: Settings = request.app.state.settings
    if not hmac.compare_digest(token.encode(), csrf_token(settings, request).encode()):
        raise HTTPException(403, "form expired or forged (CSRF token mismatch); reload the page")
