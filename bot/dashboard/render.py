"""Template rendering with what every page needs (business, CSRF token, staff, display)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from bot import display
from bot.dashboard.auth import csrf_token, staff_of
from bot.settings import Settings

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))
STATUSES = ["lead", "prospect", "quoted", "customer", "inactive"]


def helpers(settings: Settings) -> dict[str, Any]:
    """The display functions templates call: phones, times, dates, addresses."""
    tz, region = settings.business_timezone, settings.default_region
    return {"phone": lambda p: display.phone(p, region), "tel": display.tel_href,
            "when": lambda m: display.when(m, tz), "day": display.day,
            "address": display.address, "title": display.title}


def render(request: Request, template: str, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    """A page; autoescaped, so texters' words can never inject markup."""
    settings: Settings = request.app.state.settings
    staff = staff_of(request)
    # A page's own values win over the shared helpers.
    context = {"business": settings.business_name, "csrf": csrf_token(settings, request),
               "logged_in": bool(staff), "staff": staff, "statuses": STATUSES,
               "path": request.url.path, **helpers(settings), **context}
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)


def day_start(value: str) -> tuple[datetime | None, str | None]:
    """A form's yyyy-mm-dd as the start of that UTC day; an empty field means no filter."""
    if not value:
        return None, None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None, f"{value!r} is not a date (yyyy-mm-dd)"
    return datetime(day.year, day.month, day.day, tzinfo=UTC), None
