"""One lead: the edit form, timeline, transcript, requests and the office's actions."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from bot import display
from bot.api.auth import sessions_of
from bot.consent_tools import VerbalRefused, record_verbal
from bot.crm import leads as crm
from bot.crm.errors import CrmError, NotFound
from bot.crm.schemas import LeadPatch
from bot.dashboard.auth import require_login
from bot.dashboard.forms import (
    back,
    checked,
    contact_rows,
    field_errors,
    filter_options,
    lead_fields,
    settings_of,
    text,
    write,
)
from bot.dashboard.render import STATUSES, render
from bot.texting.templates import DEFAULTS
from bot.texting.view import form_helpers, state_words
from consent.ledger import consent_status
from store import contacts, customers, ledger, messages
from store.clock import utcnow
from store.models import Customer, MessageLog
from store.uow import UnitOfWork

Action = Literal["status", "convert", "archive", "restore"]
router = APIRouter(prefix="/dashboard/leads", include_in_schema=False,
                   dependencies=[Depends(require_login)])


def lead_id_of(raw: str, what: str = "lead") -> int:
    """A lead's (or `what`'s) id from the URL; anything else is the 404 page, never a 500."""
    if not raw.isdigit() or len(raw) > 12:
        raise HTTPException(404, f"There is no {what} #{raw[:30]}.")
    return int(raw)


def form_values(session: Session, c: Customer, region: str) -> dict[str, Any]:
    """The edit form's starting values: what is on the record now, primary contacts first."""
    phones = [{"number": display.phone(p.number, region), "label": p.label,
               "extension": p.extension} for p in contacts.phones_of(session, c)]
    emails = [{"address": e.address, "label": e.label} for e in contacts.emails_of(session, c)]
    addresses = [{**a.fields(), "line1": display.title(a.line1), "line2": display.title(a.line2),
                  "city": display.title(a.city), "label": a.label}
                 for a in contacts.addresses_of(session, c)]
    return {"first_name": c.first_name, "last_name": c.last_name,
            "company_name": c.company_name, "lead_status": c.lead_status, "source": c.source,
            "tags": ", ".join(c.tags or []), "notes": c.notes,
            "next_follow_up_date": c.next_follow_up_date.isoformat()
            if c.next_follow_up_date else "", "phones": phones, "emails": emails,
            "addresses": addresses, "needs_attention": c.needs_attention}


def _thread(session: Session, c: Customer, tz: str) -> list[tuple[MessageLog, str]]:
    """Every message both ways, with its state in words ("Held until 8:00 AM EST ...")."""
    return [(m, state_words(m, tz)) for m in messages.thread(session, c)]


def _page(request: Request, lead_id: int, status: int = 200, message: str = "",
          errors: dict[str, str] | None = None, values: dict[str, Any] | None = None) -> Response:
    with sessions_of(request)() as session:
        try:
            c = crm.get_lead(session, lead_id)
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None
        events = ledger.events_for(session, phone=c.phone, chat_id=c.telegram_chat_id)
        region = settings_of(request).default_region
        return render(request, "lead.html", status_code=status, c=c,
                      v=values or form_values(session, c, region), errors=errors or {},
                      requests=customers.requests_of(session, c.id),
                      timeline=customers.timeline(session, c.id)[::-1],
                      thread=_thread(session, c, settings_of(request).business_timezone),
                      template_names=list(DEFAULTS), consent=events,
                      **form_helpers(settings_of(request).business_timezone),
                      consent_status=consent_status(events), message=message[:200],
                      sources=filter_options(request, session)[0])


@router.get("/{raw_id}")
def lead_detail(request: Request, raw_id: str, message: str = "") -> Response:
    """The lead page."""
    return _page(request, lead_id_of(raw_id), message=message)


@router.post("/{raw_id}/edit")
async def edit(request: Request, raw_id: str) -> Response:
    """Save the edit form; errors come back next to their fields."""
    lead_id, form = lead_id_of(raw_id), checked(request, await request.form())
    fields = lead_fields(form)
    values = {**fields, **contact_rows(form), "tags": text(form, "tags"),
              "next_follow_up_date": text(form, "next_follow_up_date")}
    try:
        patch = LeadPatch(**{k: v for k, v in fields.items()
                             if v is not None or k not in ("lead_status", "source")})
    except ValidationError as exc:
        return await run_in_threadpool(_page, request, lead_id, 422, "", field_errors(exc),
                                       values)
    region = settings_of(request).default_region
    try:
        await run_in_threadpool(write, request, lambda uow, staff: crm.update_lead(
            uow.session, lead_id, patch, staff, region=region))
    except CrmError as exc:
        return await run_in_threadpool(_page, request, lead_id, 422, "", field_errors(exc),
                                       values)
    return back(f"/dashboard/leads/{lead_id}", "Saved.")


@router.post("/{raw_id}/verbal")
async def verbal(request: Request, raw_id: str) -> Response:
    """Record a verbal opt-in for this lead's phone, taken by the logged-in staff member."""
    lead_id, form = lead_id_of(raw_id), checked(request, await request.form())
    script, reference = text(form, "script"), text(form, "call_reference")[:64]
    if not script:
        return back(f"/dashboard/leads/{lead_id}", "Not recorded: type the script you read.")

    def run(uow: UnitOfWork, staff: str) -> str:
        c = crm.get_lead(uow.session, lead_id)
        if not c.phone:
            return "Not recorded: this lead has no phone."
        try:
            record_verbal(uow.session, phone=c.phone, staff=staff, script=script[:4000],
                          call_reference=reference or None, version=None, captured_at=None,
                          now=utcnow())
        except VerbalRefused as exc:
            return f"Not recorded: {exc}"
        return "Verbal opt-in recorded."

    return back(f"/dashboard/leads/{lead_id}", await run_in_threadpool(write, request, run))


@router.post("/{raw_id}/{action}")
async def act(request: Request, raw_id: str, action: Action) -> Response:
    """Change status (from the lead page or the board), convert, archive or restore."""
    lead_id, form = lead_id_of(raw_id), checked(request, await request.form())
    target = text(form, "back")
    target = target if target.startswith("/dashboard/kanban") else f"/dashboard/leads/{lead_id}"

    def run(uow: UnitOfWork, staff: str) -> str:
        if action == "status":
            status = text(form, "lead_status")
            if status not in STATUSES:
                raise HTTPException(422, f"Status must be one of {', '.join(STATUSES)}.")
            crm.set_status(uow.session, [lead_id], status, staff)  # type: ignore[arg-type]
            return f"Status is now {status}."
        if action == "convert":
            crm.convert(uow.session, lead_id, staff)
            return "Converted to customer."
        if action == "archive":
            crm.archive(uow.session, lead_id, staff)
            return "Archived: hidden from lists, still recognised by phone."
        crm.restore(uow.session, lead_id, staff)
        return "Restored."

    try:
        message = await run_in_threadpool(write, request, run)
    except CrmError as exc:
        message = f"Not done: {exc}"
    if request.headers.get("X-Requested-With") == "fetch":  # the board's drag and drop
        return Response(message, media_type="text/plain")
    return back(target, message)
