"""Consent log viewer with filters, CSV/JSON export and the ledger integrity check."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from bot.api.auth import sessions_of
from bot.consent_report import build, csv_text, parse_period
from bot.consent_tools import check, export_chunks
from bot.conversation.parsing import parse_phone
from bot.dashboard.auth import require_login
from bot.dashboard.render import day_start, render
from bot.errors import CliError
from bot.settings import Settings
from store import ledger
from store.clock import utcnow

router = APIRouter(prefix="/dashboard/consent", include_in_schema=False,
                   dependencies=[Depends(require_login)])
KINDS = ["opt_in", "opt_out", "help", "declined", "verbal_opt_in", "carrier_block",
         "bot_blocked", "bot_unblocked"]
SHOWN = 500


def _filters(request: Request, phone: str, kind: str,
             since: str) -> tuple[str | None, str | None, datetime | None, str | None]:
    settings: Settings = request.app.state.settings
    e164 = parse_phone(phone, settings.default_region) if phone else None
    moment, error = day_start(since)
    if phone and e164 is None:
        error = f"{phone!r} is not a phone number"
    return e164, kind if kind in KINDS else None, moment, error


@router.get("")
def consent_log(request: Request, phone: str = Query("", max_length=40), kind: str = "",
                since: str = Query("", max_length=10)) -> Response:
    """The newest events matching the filters."""
    e164, kind_f, moment, error = _filters(request, phone, kind, since)
    with sessions_of(request)() as session:
        events = [] if error else list(ledger.stream(session, phone=e164, kind=kind_f,
                                                     since=moment))
    query = urlencode({k: v for k, v in {"phone": phone, "kind": kind_f or "",
                                          "since": since}.items()
                       if v})
    return render(request, "consent.html", events=events[-SHOWN:][::-1], kinds=KINDS,
                  phone=phone, kind=kind_f, since=since,
                  query=query, error=error, truncated=len(events) > SHOWN)


@router.get("/export")
def export(request: Request, format: str = "csv", phone: str = Query("", max_length=40),
           kind: str = "", since: str = Query("", max_length=10)) -> Response:
    """The filtered ledger as a download, streamed."""
    e164, kind_f, moment, _ = _filters(request, phone, kind, since)
    factory = sessions_of(request)

    def body() -> Iterator[str]:
        with factory() as session:
            yield from export_chunks(session, "json" if format == "json" else "csv",
                                     since=moment, phone=e164, kind=kind_f)

    media = "application/json" if format == "json" else "text/csv"
    name = "consent-ledger." + ("json" if format == "json" else "csv")
    return StreamingResponse(body(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/verify")
def verify(request: Request) -> Response:
    """Walk the hash chain and show the verdict."""
    with sessions_of(request)() as session:
        result, _ = check(session)
    return render(request, "verify.html", result=result)


def _period(request: Request, since: str, until: str) -> tuple[str, str, Any, str | None]:
    """The form's days (the last 30 by default), and the period or why it is wrong."""
    settings: Settings = request.app.state.settings
    today = utcnow().astimezone(ZoneInfo(settings.business_timezone)).date()
    since = since or (today - timedelta(days=30)).isoformat()
    until = until or today.isoformat()
    try:
        return since, until, parse_period(since, until, settings.business_timezone), None
    except CliError as exc:
        return since, until, None, str(exc)


@router.get("/report")
def report_page(request: Request, since: str = Query("", max_length=10),
                until: str = Query("", max_length=10)) -> Response:
    """The compliance report for a period of local days, with its CSV export."""
    settings: Settings = request.app.state.settings
    since, until, period, error = _period(request, since, until)
    found = None
    if period is not None:
        with sessions_of(request)() as session:
            found = build(session, period)
    zone = ZoneInfo(settings.business_timezone)
    return render(request, "consent_report.html", report=found, error=error, since=since,
                  until=until, query=urlencode({"since": since, "until": until}),
                  tz_label=f"{zone.key} ({utcnow().astimezone(zone).strftime('%Z')})",
                  region=settings.default_region)


@router.get("/report.csv")
def report_csv(request: Request, since: str = Query("", max_length=10),
               until: str = Query("", max_length=10)) -> Response:
    """The same report as a CSV download (UTC times with their offset)."""
    since, until, period, error = _period(request, since, until)
    if period is None:
        return JSONResponse({"detail": error}, status_code=422)
    with sessions_of(request)() as session:
        found = build(session, period)
    name = f"consent-report-{since}-to-{until}.csv"
    return Response(csv_text(found), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
