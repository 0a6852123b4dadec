"""/api/today: what the office should do now; marking a call-back done."""

from __future__ import annotations

from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict

from bot.api.auth import require_admin, sessions_of
from bot.api.crm_route import ERRORS, CrmRoute, staff_header
from bot.api.models import LeadOut
from bot.crm import today as crm_today
from bot.serialize import lead_json
from bot.settings import Settings
from store.clock import utcnow
from store.uow import UnitOfWork

router = APIRouter(prefix="/api/today", dependencies=[Depends(require_admin)], tags=["today"],
                   route_class=CrmRoute, responses=ERRORS)


class CallbackOut(BaseModel):
    """A call-back asked for and not yet done."""

    id: int
    lead: LeadOut
    words: str
    asked_at: str


class FailedNotification(BaseModel):
    """An office notification that failed for good."""

    model_config = ConfigDict(extra="allow")
    id: int
    target: str
    event_id: str
    last_error: str | None
    created_at: str


class TodayOut(BaseModel):
    """The Today view: true header counts and the first items of each list."""

    counts: dict[str, int]
    callbacks: list[CallbackOut]
    follow_ups: list[LeadOut]
    new_leads: list[LeadOut]
    attention: list[LeadOut]
    failed_notifications: list[FailedNotification]


@router.get("", response_model=TodayOut)
def today(request: Request) -> dict[str, Any]:
    """Call-backs, follow-ups due, new leads not yet contacted, needs attention, failures."""
    settings: Settings = request.app.state.settings
    with sessions_of(request)() as session:
        view = crm_today.today(session, utcnow(), ZoneInfo(settings.business_timezone))
        return {
            "counts": view.counts.__dict__,
            "callbacks": [{"id": cb.item_id, "lead": lead_json(cb.customer), "words": cb.words,
                           "asked_at": cb.asked_at.isoformat()} for cb in view.callbacks],
            "follow_ups": [lead_json(c) for c in view.follow_ups],
            "new_leads": [lead_json(c) for c in view.new_leads],
            "attention": [lead_json(c) for c in view.attention],
            "failed_notifications": [
                {"id": o.id, "target": o.target, "event_id": o.event_id,
                 "last_error": o.last_error, "created_at": o.created_at.isoformat()}
                for o in view.failed_notifications],
        }


@router.post("/callbacks/{item_id}/done")
def callback_done(item_id: int, request: Request,
                  staff: Annotated[str | None, Depends(staff_header)]) -> dict[str, Any]:
    """Mark a call-back handled; it leaves the Today view and goes on the timeline."""
    with UnitOfWork(sessions_of(request)) as uow:
        item = crm_today.mark_callback_done(uow.session, item_id, staff)
        uow.commit()
        return {"id": item.id, "resolved_at": item.resolved_at.isoformat()
                if item.resolved_at else None, "resolved_by": item.resolved_by}
