"""GET /api/consent/report: the compliance report for a period, as JSON or CSV."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from bot.api.auth import require_admin, sessions_of
from bot.consent_report import build, csv_text, parse_period
from bot.errors import CliError
from bot.settings import Settings

router = APIRouter(prefix="/api/consent", dependencies=[Depends(require_admin)], tags=["consent"])


@router.get("/report", response_model=None)
def report(request: Request, since: str | None = Query(None, max_length=40),
           until: str | None = Query(None, max_length=40),
           format: Literal["json", "csv"] = "json") -> Response | dict[str, Any]:
    """Opt-outs with the messages around them, what was sent that should not have been, and
    how many messages the gate held and refused. Dates are the business's local days."""
    settings: Settings = request.app.state.settings
    try:
        period = parse_period(since, until, settings.business_timezone)
    except CliError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=422)
    with sessions_of(request)() as session:
        found = build(session, period)
    if format == "csv":
        return Response(csv_text(found), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition":
                                 'attachment; filename="consent-report.csv"'})
    return found
