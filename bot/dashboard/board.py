"""The board (kanban by lead_status) and the Today view."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from bot.api.auth import sessions_of
from bot.crm import search
from bot.crm import today as crm_today
from bot.crm.errors import CrmError
from bot.dashboard.auth import require_login
from bot.dashboard.forms import back, checked, settings_of, write
from bot.dashboard.render import render
from store.clock import utcnow
from store.models import ServiceRequest

router = APIRouter(prefix="/dashboard", include_in_schema=False,
                   dependencies=[Depends(require_login)])
PER_COLUMN = 30  # cards a column shows; its count is the true total
TODAY_LIMIT = 20  # items a Today list shows; more reads "20+"


@router.get("/kanban")
def kanban(request: Request, message: str = "") -> Response:
    """Columns by status with their true counts; cards move by drag and drop or the form."""
    with sessions_of(request)() as session:
        columns = search.board(session, per_column=PER_COLUMN)
        latest = latest_requests(session, [c.id for col in columns for c in col.cards])
        return render(request, "kanban.html", columns=columns, message=message[:200],
                      latest=latest)


def latest_requests(session: Session, ids: list[int]) -> dict[int, ServiceRequest]:
    """Each card's newest request, in one query (not one per card)."""
    if not ids:
        return {}
    newest = (select(func.max(ServiceRequest.id)).where(ServiceRequest.customer_id.in_(ids))
              .group_by(ServiceRequest.customer_id))
    rows = session.scalars(select(ServiceRequest).where(ServiceRequest.id.in_(newest)))
    return {r.customer_id: r for r in rows}


@router.get("/today")
def today(request: Request, message: str = "") -> Response:
    """The first page: what the office should do now."""
    tz = ZoneInfo(settings_of(request).business_timezone)
    with sessions_of(request)() as session:
        view = crm_today.today(session, utcnow(), tz, limit=TODAY_LIMIT)
        return render(request, "today.html", view=view, message=message[:200],
                      limit=TODAY_LIMIT)


@router.post("/today/callbacks/{item_id}/done")
async def callback_done(request: Request, item_id: int) -> Response:
    """Mark a call-back request handled (on the lead's timeline, with who)."""
    checked(request, await request.form())
    try:
        await run_in_threadpool(write, request, lambda uow, staff: crm_today.mark_callback_done(
            uow.session, item_id, staff))
    except CrmError as exc:
        return back("/dashboard/today", f"Not done: {exc}")
    return back("/dashboard/today", "Call-back marked done.")
