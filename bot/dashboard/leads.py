"""The lead list (search, filters, bulk status), the "New lead" form and the export button."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from bot.api.auth import sessions_of
from bot.crm import importer, search
from bot.crm import leads as crm
from bot.crm.errors import Conflict, CrmError
from bot.crm.schemas import SOURCE_PRESETS, LeadCreate, LeadQuery, LeadStatus
from bot.dashboard.auth import require_login
from bot.dashboard.forms import (
    back,
    business_today,
    checked,
    field_errors,
    filter_options,
    lead_fields,
    settings_of,
    text,
    write,
)
from bot.dashboard.render import STATUSES, render
from store.uow import UnitOfWork

router = APIRouter(prefix="/dashboard", include_in_schema=False,
                   dependencies=[Depends(require_login)])
PAGE = 50
FILTERS = ("q", "status", "source", "tag", "needs_attention", "follow_up_due", "archived",
           "is_test")


def _flag(value: str) -> bool | None:
    return True if value == "true" else None


@router.get("/leads")
def lead_list(request: Request, q: str = Query("", max_length=200), status: str = "",
              source: str = Query("", max_length=40), tag: str = Query("", max_length=40),
              needs_attention: str = "", follow_up_due: str = "", archived: str = "",
              is_test: str = "", page: int = Query(1, ge=1, le=10**6),
              message: str = "") -> Response:
    """Search and filter leads; select some and set their status at once."""
    shown = {"q": q, "status": status, "source": source, "tag": tag,
             "needs_attention": needs_attention, "follow_up_due": follow_up_due,
             "archived": archived, "is_test": is_test}
    errors: dict[str, str] = {}
    try:
        query = LeadQuery.model_validate({
            "q": q, "status": status or None, "source": source, "tag": tag,
            "needs_attention": _flag(needs_attention), "follow_up_due": _flag(follow_up_due),
            "archived": archived == "true", "is_test": is_test == "true", "limit": PAGE,
            "offset": (page - 1) * PAGE})
    except ValidationError as exc:
        errors, query = field_errors(exc), LeadQuery(limit=PAGE)
    region = settings_of(request).default_region
    with sessions_of(request)() as session:
        rows, total = search.search(session, query, business_today(request), region)
        sources, tags = filter_options(request, session)
    params = {k: v for k, v in shown.items() if v}

    def page_url(n: int) -> str:
        return "/dashboard/leads?" + urlencode({**params, "page": n})

    pages = max(1, -(-total // PAGE))
    return render(request, "leads.html", leads=rows, total=total, shown=shown, errors=errors,
                  sources=sources, tags=tags, page=page, pages=pages, message=message[:200],
                  here="/dashboard/leads?" + urlencode({**params, "page": page}),
                  tag_url=lambda t: "/dashboard/leads?" + urlencode({"tag": t}),
                  prev_url=page_url(page - 1) if page > 1 else None,
                  next_url=page_url(page + 1) if page < pages else None)


@router.post("/leads/bulk")
async def bulk_status(request: Request) -> Response:
    """Set the status of every selected lead (one timeline entry each)."""
    form = checked(request, await request.form())
    target = text(form, "back") or "/dashboard/leads"
    status = text(form, "lead_status")
    try:
        ids = [int(str(v)) for v in form.getlist("ids")]
    except ValueError:
        return back(target, "Those leads were not understood; select them again.")
    if not ids:
        return back(target, "Select at least one lead first.")
    if status not in STATUSES:
        return back(target, "Choose the status to set.")

    def action(uow: UnitOfWork, staff: str) -> int:
        return len(crm.set_status(uow.session, ids, cast(LeadStatus, status), staff))

    moved = await run_in_threadpool(write, request, action)
    return back(target, f"{moved} lead{'s' if moved != 1 else ''} set to {status}.")


def _new_form(request: Request, status: int, values: dict[str, Any],
              errors: dict[str, str]) -> Response:
    with sessions_of(request)() as session:
        sources = filter_options(request, session)[0]
    return render(request, "lead_new.html", status_code=status, v=values, errors=errors,
                  sources=sources or list(SOURCE_PRESETS))


@router.get("/leads/new")
def new_lead_page(request: Request) -> Response:
    """The "New lead" form, for a walk-up or a phone call."""
    return _new_form(request, 200, {"lead_status": "lead", "source": "Walk-in"}, {})


@router.post("/leads/new")
async def new_lead(request: Request) -> Response:
    """Create the lead, or show the form again with each error next to its field."""
    form = checked(request, await request.form())
    fields = lead_fields(form)
    values = {k: text(form, k) for k in form}
    try:
        data = LeadCreate(**{k: v for k, v in fields.items() if v not in (None, [])})
    except ValidationError as exc:
        return await run_in_threadpool(_new_form, request, 422, values, field_errors(exc))
    region = settings_of(request).default_region

    def action(uow: UnitOfWork, staff: str) -> int:
        lead = crm.create_lead(uow.session, data, staff, region=region)
        uow.session.flush()
        return int(lead.id)

    try:
        lead_id = await run_in_threadpool(write, request, action)
    except Conflict as exc:
        errors = {"phone": str(exc), "existing": str(exc.existing_id)}
        return await run_in_threadpool(_new_form, request, 409, values, errors)
    except CrmError as exc:
        return await run_in_threadpool(_new_form, request, 422, values, field_errors(exc))
    return back(f"/dashboard/leads/{lead_id}", "Lead created.")


@router.get("/leads/export")
def export(request: Request) -> Response:
    """Every active lead as CSV, in the columns the import reads back."""
    factory = sessions_of(request)

    def body() -> Iterator[str]:
        with factory() as session:
            yield from importer.export_leads(session)

    return StreamingResponse(body(), media_type="text/csv", headers={
        "Content-Disposition": 'attachment; filename="leads.csv"'})

