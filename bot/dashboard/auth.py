"""Dashboard login: the ADMIN_TOKEN is the password; a signed, expiring session cookie."""

from __future__ import annotations

import hashlib
import hmac
import time

from fastapi import HTTPException, Request

from bot.settings import Settings

COOKIE = "intake_session"
LIFETIME = 12 * 3600


class LoginRequired(Exception):
    """Raised by `require_login`; the app turns it into a redirect to the login page."""


def _key(settings: Settings) -> bytes:
    return hashlib.sha256(b"intake-dashboard:" + settings.admin_token.encode()).digest()


def _sign(settings: Settings, value: str) -> str:
    return hmac.new(_key(settings), value.encode(), hashlib.sha256).hexdigest()


def password_ok(settings: Settings, password: str) -> bool:
    """The login form's password against ADMIN_TOKEN, in constant time."""
    return bool(settings.admin_token) and hmac.compare_digest(password.encode(),
                                                              settings.admin_token.encode())


def make_session(settings: Settings, now: float | None = None) -> str:
    """A cookie value: expiry and its signature."""
    expires = str(int((now or time.time()) + LIFETIME))
    return f"{expires}.{_sign(settings, expires)}"


def session_ok(settings: Settings, cookie: str | None, now: float | None = None) -> bool:
    """True for an unexpired cookie signed with the current ADMIN_TOKEN."""
    if not cookie or not settings.admin_token or "." not in cookie:
        return False
    expires, signature = cookie.split(".", 1)
    if not hmac.compare_digest(signature, _sign(settings, expires)):
        return False
    return expires.isdigit() and int(expires) > (now or time.time())


def csrf_token(settings: Settings, request: Request) -> str:
    """A per-session token every dashboard form carries."""
    return _sign(settings, "csrf:" + (request.cookies.get(COOKIE) or ""))


def require_login(request: Request) -> Settings:
    """Dependency: the settings, or a redirect to the login page."""
    settings: Settings = request.app.state.settings
    if not session_ok(settings, request.cookies.get(COOKIE)):
        raise LoginRequired()
    return settings


def check_csrf(request: Request, token: str) -> None:
    """403 unless the form carries this session's CSRF token."""
    settings: Settings = request.app.state.settings
    if not hmac.compare_digest(token.encode(), csrf_token(settings, request).encode()):
        raise HTTPException(403, "form expired or forged (CSRF token mismatch); reload the page")
