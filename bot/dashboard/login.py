"""Log in and out."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from bot.dashboard.auth import COOKIE, LIFETIME, check_csrf, make_session, password_ok
from bot.dashboard.render import render
from bot.settings import Settings

router = APIRouter(prefix="/dashboard", include_in_schema=False)


def _safe_next(target: str) -> str:
    # Only paths inside the dashboard: no open redirect to another site.
    return target if target.startswith("/dashboard") and "//" not in target else "/dashboard/leads"


@router.get("/login")
def login_page(request: Request, next: str = "/dashboard/leads") -> Response:
    """The login form."""
    settings: Settings = request.app.state.settings
    return render(request, "login.html", enabled=bool(settings.admin_token),
                  next=_safe_next(next), error=None)


@router.post("/login")
def login(request: Request, password: str = Form(""),
          next: str = Form("/dashboard/leads")) -> Response:
    """Check the password; set the session cookie."""
    settings: Settings = request.app.state.settings
    if not password_ok(settings, password):
        return render(request, "login.html", status_code=401, enabled=bool(settings.admin_token),
                      next=_safe_next(next), error="Wrong admin token.")
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(COOKIE, make_session(settings), max_age=LIFETIME, httponly=True,
                        samesite="lax", secure=settings.public_base_url.startswith("https://"))
    return response


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> Response:
    """Forget the session."""
    check_csrf(request, csrf)
    response = RedirectResponse("/dashboard/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("")
def home() -> Response:
    """The dashboard starts at the lead list."""
    return RedirectResponse("/dashboard/leads", status_code=303)
