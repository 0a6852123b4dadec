"""/api/leads: list, read, update, convert."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from bot.api.auth import require_admin, sessions_of
from bot.conversation.parsing import parse_phone
from bot.serialize import activity_json, lead_json, request_json
from bot.settings import Settings
from store import customers
from store.clock import utcnow
from store.models import Customer
from store.uow import UnitOfWork

router = APIRouter(prefix="/api/leads", dependencies=[Depends(require_admin)], tags=["leads"])
Status = Literal["lead", "prospect", "quoted", "customer", "inactive"]


class LeadPatch(BaseModel):
    """Fields the office may change."""

    model_config = ConfigDict(extra="forbid")
    lead_status: Status | None = None
    tags: list[str] | None = Field(default=None, max_length=50)
    next_follow_up_date: date | None = None
    notes: str | None = Field(default=None, max_length=10000)
    needs_attention: bool | None = None


def _phone(value: str | None, region: str) -> str | None:
    if not value:
        return None
    if (phone := parse_phone(value, region)) is None:
        raise HTTPException(400, f"phone {value!r} is not a phone number")
    return phone


@router.get("")
def list_leads(request: Request, q: str | None = Query(None, max_length=200),
               phone: str | None = None, status: Status | None = None,
               source: str | None = Query(None, max_length=40),
               needs_attention: bool | None = None,
               limit: int = Query(50, ge=1, le=500),
               offset: int = Query(0, ge=0)) -> dict[str, Any]:
    """Leads matching the filters, newest first."""
    settings: Settings = request.app.state.settings
    with sessions_of(request)() as session:
        items, total = customers.search(
            session, q=q, phone=_phone(phone, settings.default_region), status=status,
            source=source, needs_attention=needs_attention, limit=limit, offset=offset)
        return {"items": [lead_json(c) for c in items], "total": total}


def _detail(session: Any, c: Customer) -> dict[str, Any]:
    body = lead_json(c)
    body["requests"] = [request_json(r) for r in customers.requests_of(session, c.id)]
    body["timeline"] = [activity_json(a) for a in customers.timeline(session, c.id)]
    return body


@router.get("/{lead_id}")
def get_lead(lead_id: int, request: Request) -> dict[str, Any]:
    """One lead with its requests and timeline."""
    with sessions_of(request)() as session:
        c = session.get(Customer, lead_id)
        if c is None:
            raise HTTPException(404, f"no lead with id {lead_id}")
        return _detail(session, c)


@router.patch("/{lead_id}")
def patch_lead(lead_id: int, patch: LeadPatch, request: Request) -> dict[str, Any]:
    """Change status, tags, follow-up date, notes; each change goes on the timeline."""
    now = utcnow()
    with UnitOfWork(sessions_of(request)) as uow:
        c = uow.session.get(Customer, lead_id, with_for_update=True)
        if c is None:
            raise HTTPException(404, f"no lead with id {lead_id}")
        changes = patch.model_dump(exclude_unset=True)
        for key, value in changes.items():
            if value is None and key in ("lead_status", "tags", "needs_attention"):
                raise HTTPException(400, f"{key} cannot be null")
        if "lead_status" in changes:
            customers.change_status(uow.session, c, changes.pop("lead_status"), now)
        for key, value in changes.items():
            setattr(c, key, value)
        c.updated_at = now
        uow.commit()
        return _detail(uow.session, c)


@router.post("/{lead_id}/convert")
def convert(lead_id: int, request: Request) -> dict[str, Any]:
    """convert_to_customer: status customer, converted_at stamped, logged."""
    now = utcnow()
    with UnitOfWork(sessions_of(request)) as uow:
        c = uow.session.get(Customer, lead_id, with_for_update=True)
        if c is None:
            raise HTTPException(404, f"no lead with id {lead_id}")
        customers.convert_to_customer(uow.session, c, now)
        uow.commit()
        return lead_json(c)
