"""What every dashboard page that writes shares: the unit of work, form fields, redirects."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from bot.api.auth import sessions_of
from bot.crm import search
from bot.crm.errors import CrmError, NotFound
from bot.dashboard.auth import check_csrf, staff_of
from bot.settings import Settings
from store.clock import utcnow
from store.uow import UnitOfWork

T = TypeVar("T")
ADDRESS_KEYS = ("line1", "line2", "city", "state", "postal_code", "label")
OPTIONS_TTL = 30.0


def settings_of(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


def business_today(request: Request) -> date:
    """Today's date where the business is (what "follow-up due" is measured against)."""
    return utcnow().astimezone(ZoneInfo(settings_of(request).business_timezone)).date()


@contextmanager
def unit(request: Request) -> Iterator[UnitOfWork]:
    """One transaction; the service's NotFound becomes the 404 page."""
    with UnitOfWork(sessions_of(request)) as uow:
        try:
            yield uow
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None


def write(request: Request, action: Callable[[UnitOfWork, str], T]) -> T:
    """Run one office action as the logged-in staff member and commit it."""
    with unit(request) as uow:
        result = action(uow, staff_of(request))
        uow.commit()
    request.app.state.filter_options = None  # a new source or tag shows at once
    return result


def filter_options(request: Request, session: Session) -> tuple[list[str], list[str]]:
    """The sources and tags in use, for the filters; kept OPTIONS_TTL seconds.

    Both are a scan of every lead: at 100,000 leads they cost more than the page itself.
    """
    cached = getattr(request.app.state, "filter_options", None)
    if cached is not None and cached[0] > time.monotonic():
        return cached[1], cached[2]
    sources, tags = search.sources_in_use(session), search.tags_in_use(session)
    request.app.state.filter_options = (time.monotonic() + OPTIONS_TTL, sources, tags)
    return sources, tags


def checked(request: Request, form: FormData) -> FormData:
    """The form, once its CSRF token matches this session."""
    check_csrf(request, str(form.get("csrf", "")))
    return form


def back(target: str, message: str) -> Response:
    """303 to a dashboard page with a one-line notice."""
    if not target.startswith("/dashboard") or "//" in target:
        target = "/dashboard/today"
    sep = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{sep}{urlencode({'message': message[:200]})}",
                            status_code=303)


def field_errors(exc: ValidationError | CrmError) -> dict[str, str]:
    """Errors keyed by the form field they belong to ("" for the form as a whole)."""
    if isinstance(exc, CrmError):
        text = str(exc)
        for field in ("phone", "email", "address", "source", "tags", "status"):
            if field in text.lower():
                return {field: text}
        return {"": text}
    errors: dict[str, str] = {}
    for error in exc.errors():
        loc = [str(x) for x in error.get("loc", ())]
        key = loc[0] if loc else ""
        key = "address" if key in ("addresses",) else key
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        errors.setdefault(key, message)
    return errors


def text(form: FormData, name: str) -> str:
    """One text field, trimmed ("" when absent)."""
    return str(form.get(name, "")).strip()


def split_tags(value: str) -> list[str]:
    """Tags typed as "vip, roof; spring" -> ["vip", "roof", "spring"]."""
    return [t.strip() for t in value.replace(";", ",").split(",") if t.strip()]


def _rows(form: FormData, prefix: str, keys: tuple[str, ...]) -> list[dict[str, str | None]]:
    columns = {k: [str(v).strip() for v in form.getlist(f"{prefix}_{k}")] for k in keys}
    count = max((len(v) for v in columns.values()), default=0)
    rows = [{k: (columns[k][i] if i < len(columns[k]) else "") or None for k in keys}
            for i in range(count)]
    return [r for r in rows if any(v for k, v in r.items() if k != "label")]


def contact_rows(form: FormData) -> dict[str, list[dict[str, str | None]]]:
    """The form's phones, emails and addresses as typed, primary (first row) first."""
    return {"phones": _rows(form, "phone", ("number", "label", "extension")),
            "emails": _rows(form, "email", ("address", "label")),
            "addresses": _rows(form, "address", ADDRESS_KEYS)}


def lead_fields(form: FormData) -> dict[str, Any]:
    """The lead form as the service's input: the first row of each list is the primary one,
    the rest go in `phones`, `emails`, `addresses` (the service's "others")."""
    rows = contact_rows(form)
    phones, emails, addresses = rows["phones"], rows["emails"], rows["addresses"]
    fields: dict[str, Any] = {k: text(form, k) or None for k in (
        "first_name", "last_name", "company_name", "source", "notes")}
    fields.update(
        lead_status=text(form, "lead_status") or None, tags=split_tags(text(form, "tags")),
        next_follow_up_date=text(form, "next_follow_up_date") or None,
        phone=phones[0]["number"] if phones else None, phones=phones[1:],
        phone_label=phones[0]["label"] if phones else None,
        phone_extension=phones[0]["extension"] if phones else None,
        email=emails[0]["address"] if emails else None, emails=emails[1:],
        email_label=emails[0]["label"] if emails else None,
        address=addresses[0] if addresses else None,
        addresses=addresses[1:])
    if "needs_attention_shown" in form:
        fields["needs_attention"] = form.get("needs_attention") == "true"
    return fields

