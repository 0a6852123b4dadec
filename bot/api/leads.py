"""/api/leads: list and search, create, read, edit, status, convert, archive, merge.

Routes only translate: the CRM service layer (bot.crm) decides and CrmRoute maps its
errors to 404 / 409 / 422 JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from bot.api import lead_files
from bot.api.auth import require_admin, sessions_of
from bot.api.crm_route import CONFLICT, ERRORS, CrmRoute, region_of, staff_header
from bot.api.models import Board, BulkResult, LeadDetail, LeadList, LeadOut, Values
from bot.crm import leads as crm
from bot.crm import search
from bot.crm.schemas import MAX_ID, LeadCreate, LeadPatch, LeadQuery, LeadStatus
from bot.serialize import activity_json, full_lead_json, request_json
from bot.settings import Settings
from store import customers
from store.models import Customer
from store.uow import UnitOfWork

router = APIRouter(prefix="/api/leads", dependencies=[Depends(require_admin)], tags=["leads"],
                   route_class=CrmRoute, responses=ERRORS)
# Any integer is accepted and an id no lead can have is a 404, not a 500 or a 422.
LeadId = Annotated[int, Path(description="A lead's id")]
Staff = Annotated[str | None, Depends(staff_header)]
Region = Annotated[str, Depends(region_of)]


class MergeBody(BaseModel):
    """The duplicate to fold into this lead, and optionally which side each field keeps."""

    model_config = ConfigDict(extra="forbid")
    duplicate_id: int = Field(ge=1)
    choose: dict[str, crm.Side] | None = None


class BulkStatus(BaseModel):
    """Several leads to move to one status."""

    model_config = ConfigDict(extra="forbid")
    ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(min_length=1, max_length=500)
    lead_status: LeadStatus


def detail(session: Session, c: Customer) -> dict[str, Any]:
    """The Lead with its requests and timeline."""
    body = full_lead_json(session, c)
    body["requests"] = [request_json(r) for r in customers.requests_of(session, c.id)]
    body["timeline"] = [activity_json(a) for a in customers.timeline(session, c.id)]
    return body


def _today(request: Request) -> date:
    settings: Settings = request.app.state.settings
    return datetime.now(ZoneInfo(settings.business_timezone)).date()


def _write(request: Request, action: Callable[[Session], Customer],
           body: Callable[[Session, Customer], dict[str, Any]] = full_lead_json
           ) -> dict[str, Any]:
    """Run one office action in a unit of work and answer with the lead it changed."""
    with UnitOfWork(sessions_of(request)) as uow:
        c = action(uow.session)
        uow.commit()
        return body(uow.session, c)


@router.get("", response_model=LeadList)
def list_leads(request: Request, query: Annotated[LeadQuery, Query()],
               region: Region) -> dict[str, Any]:
    """Leads matching the filters; `q` finds names, any phone form, emails, addresses."""
    with sessions_of(request)() as session:
        items, total = search.search(session, query, _today(request), region)
        return {"items": [full_lead_json(session, c) for c in items], "total": total}


@router.post("", status_code=201, response_model=LeadOut, responses=CONFLICT)
def create_lead(request: Request, data: LeadCreate, staff: Staff,
                region: Region) -> dict[str, Any]:
    """A lead entered by hand; 409 with `existing_id` when its phone belongs to a lead."""
    return _write(request, lambda s: crm.create_lead(s, data, staff, region=region))


@router.get("/board", response_model=Board)
def board(request: Request, per_column: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
    """Every status with its true count and its newest leads."""
    with sessions_of(request)() as session:
        return {"columns": [{"status": col.status, "total": col.total,
                             "items": [full_lead_json(session, c) for c in col.cards]}
                            for col in search.board(session, per_column)]}


@router.get("/sources", response_model=Values)
def sources(request: Request) -> dict[str, Any]:
    """The source presets and every other source on a lead."""
    with sessions_of(request)() as session:
        return {"items": search.sources_in_use(session)}


@router.get("/tags", response_model=Values)
def tags(request: Request) -> dict[str, Any]:
    """Every tag in use (lower-case)."""
    with sessions_of(request)() as session:
        return {"items": search.tags_in_use(session)}


@router.post("/status", response_model=BulkResult)
def bulk_status(request: Request, body: BulkStatus, staff: Staff) -> dict[str, Any]:
    """Move several leads to one status (all or none: 404 when an id is unknown)."""
    with UnitOfWork(sessions_of(request)) as uow:
        changed = crm.set_status(uow.session, body.ids, body.lead_status, staff)
        uow.commit()
        return {"updated": len(changed), "ids": [c.id for c in changed]}


router.include_router(lead_files.router)  # /import and /export before /{lead_id}


@router.get("/{lead_id}", response_model=LeadDetail)
def get_lead(lead_id: LeadId, request: Request) -> dict[str, Any]:
    """One lead with its requests and timeline."""
    with sessions_of(request)() as session:
        return detail(session, crm.get_lead(session, lead_id))


@router.patch("/{lead_id}", response_model=LeadDetail, responses=CONFLICT)
def patch_lead(lead_id: LeadId, patch: LeadPatch, request: Request, staff: Staff,
               region: Region) -> dict[str, Any]:
    """Change any field; each change goes on the timeline (old -> new, who)."""
    return _write(request, lambda s: crm.update_lead(s, lead_id, patch, staff, region=region),
                  detail)


@router.post("/{lead_id}/convert", response_model=LeadOut)
def convert(lead_id: LeadId, request: Request, staff: Staff) -> dict[str, Any]:
    """convert_to_customer: status customer, converted_at stamped, logged."""
    return _write(request, lambda s: crm.convert(s, lead_id, staff))


@router.post("/{lead_id}/archive", response_model=LeadOut)
def archive(lead_id: LeadId, request: Request, staff: Staff) -> dict[str, Any]:
    """Hide the lead from lists (kept, and still recognised by phone)."""
    return _write(request, lambda s: crm.archive(s, lead_id, staff))


@router.post("/{lead_id}/restore", response_model=LeadOut)
def restore(lead_id: LeadId, request: Request, staff: Staff) -> dict[str, Any]:
    """Bring an archived lead back."""
    return _write(request, lambda s: crm.restore(s, lead_id, staff))


@router.post("/{lead_id}/merge", response_model=LeadDetail)
def merge(lead_id: LeadId, body: MergeBody, request: Request, staff: Staff) -> dict[str, Any]:
    """Fold `duplicate_id` into this lead; the duplicate is archived with merged_into."""
    return _write(request, lambda s: crm.merge(s, lead_id, body.duplicate_id, staff,
                                               body.choose), detail)
