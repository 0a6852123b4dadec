"""/api/consent: the ledger for the office and the compliance reviewer."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.orm import Session

from bot.api.auth import require_admin, sessions_of
from bot.consent_tools import (
    VerbalRefused,
    check,
    export_chunks,
    naive_in,
    parse_since,
    phone_e164,
    record_verbal,
)
from bot.errors import CliError
from bot.serialize import consent_json
from bot.settings import Settings
from consent.ledger import consent_status
from store import ledger
from store.clock import utcnow
from store.uow import UnitOfWork

router = APIRouter(prefix="/api/consent", dependencies=[Depends(require_admin)], tags=["consent"])
KIND = r"^[a-z_]{1,30}$"
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


class VerbalOptIn(BaseModel):
    """A consent the office took on a call: who, when, the script read, the call reference."""

    model_config = ConfigDict(extra="forbid")
    phone: str = Field(min_length=1, max_length=40)
    staff: str = Field(min_length=1, max_length=100)
    script: str = Field(min_length=1, max_length=20000)
    call_reference: str | None = Field(default=None, max_length=200)
    script_version: str | None = Field(default=None, min_length=1, max_length=40)
    captured_at: datetime | None = None

    @field_validator("staff", "script")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _phone(request: Request, raw: str) -> str:
    try:
        return phone_e164(raw, _settings(request).default_region, "phone")
    except CliError as exc:
        raise HTTPException(400, str(exc)) from None


def _since(raw: str | None) -> datetime | None:
    try:
        return in_utc(parse_since(raw, "since"), "since")
    except CliError as exc:
        raise HTTPException(400, str(exc)) from None


def in_utc(moment: datetime | None, name: str) -> datetime | None:
    """`moment` in UTC; a CliError when that falls outside the years 1-9999."""
    if moment is None:
        return None
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise CliError(f"{name} {moment.isoformat()} is out of range (years 1 to 9999 in UTC)"
                       ) from None


def _streamed(request: Request, make: Callable[[Session], Iterator[str]], media_type: str,
              filename: str | None = None) -> StreamingResponse:
    """A response fed by `make(session)`, in a session that lives as long as the response."""
    sessions = sessions_of(request)

    def body() -> Iterator[str]:
        with sessions() as session:
            yield from make(session)

    # The first block is read here, so that a query that fails is a 4xx/503 answer, not a
    # connection closed in the middle of a 200.
    blocks = body()
    first = next(blocks, "")
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'} if filename else None
    return StreamingResponse(itertools.chain([first], blocks), media_type=media_type,
                             headers=headers)


@router.get("/events")
def events(request: Request, phone: str | None = Query(None, max_length=40),
           since: str | None = Query(None, max_length=40),
           kind: str | None = Query(None, pattern=KIND)) -> StreamingResponse:
    """{"items": [ConsentEvent...]} oldest first, streamed (the ledger can be large)."""
    number = _phone(request, phone) if phone else None
    moment = _since(since)

    def make(session: Session) -> Iterator[str]:
        return export_chunks(session, "json", since=moment, phone=number, kind=kind)

    return _streamed(request, make, MEDIA["json"])


@router.get("/status")
def status(request: Request, phone: str = Query(..., max_length=40)) -> dict[str, str]:
    """Whether this number may get SMS: opted_in, opted_out or unknown."""
    number = _phone(request, phone)
    with sessions_of(request)() as session:
        found = consent_status(ledger.events_for(session, phone=number), "sms")
    return {"phone": number, "status": found}


@router.post("/verbal", status_code=201)
def verbal(body: VerbalOptIn, request: Request) -> dict[str, Any]:
    """Record a verbal opt-in; `text` holds the call reference, `disclosure` the script."""
    settings = _settings(request)
    number = _phone(request, body.phone)
    with UnitOfWork(sessions_of(request)) as uow:
        try:
            captured = in_utc(naive_in(body.captured_at, settings.business_timezone),
                              "captured_at")
            event = record_verbal(
                uow.session, phone=number, staff=body.staff.strip(), script=body.script,
                call_reference=body.call_reference or None, version=body.script_version,
                captured_at=captured, now=utcnow())
        except VerbalRefused as exc:
            raise HTTPException(409 if exc.conflict else 422, str(exc)) from None
        except CliError as exc:
            raise HTTPException(422, str(exc)) from None
        uow.commit()
    return consent_json(event)


@router.get("/export")
def export(request: Request, format: Literal["csv", "json"] = "csv",
           since: str | None = Query(None, max_length=40),
           phone: str | None = Query(None, max_length=40)) -> StreamingResponse:
    """The whole (or filtered) ledger as CSV or JSON, streamed in constant memory."""
    number = _phone(request, phone) if phone else None
    moment = _since(since)

    def make(session: Session) -> Iterator[str]:
        return export_chunks(session, format, since=moment, phone=number)

    return _streamed(request, make, MEDIA[format], f"consent-ledger.{format}")


@router.get("/verify")
def verify(request: Request) -> JSONResponse:
    """The hash chain check: ok with the count and head, or the first bad event and why."""
    with sessions_of(request)() as session:
        result, last = check(session)
    if result.ok:
        return JSONResponse({"ok": True, "events": result.events,
                             "last_id": last.id if last else None,
                             "last_hash": last.hash if last else None})
    return JSONResponse({"ok": False, "first_bad_event": result.first_bad_event,
                         "reason": result.reason, "events_checked": result.events})
