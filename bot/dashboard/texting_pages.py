"""The lead page's office texting: schedule a request, text the customer, edit templates.

Forms post here and come back to the page with a one-line notice; the service layer
(`bot.crm.visits`, `bot.texting`) decides, exactly as for the API.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from bot.api.auth import sessions_of
from bot.crm import visits
from bot.crm.errors import CrmError
from bot.dashboard.auth import require_login
from bot.dashboard.forms import back, checked, settings_of, text, write
from bot.dashboard.lead_page import lead_id_of
from bot.dashboard.render import render
from bot.texting import templates
from bot.texting.office import OfficeMessage, send_to_lead
from bot.texting.view import reason_words
from store.clock import utcnow
from store.uow import UnitOfWork

router = APIRouter(prefix="/dashboard", include_in_schema=False,
                   dependencies=[Depends(require_login)])


class FormProblem(ValueError):
    """A form field that does not read (a date that is not one)."""


def local_moment(form: FormData, prefix: str, tz: str) -> datetime | None:
    """`<prefix>_date` + `<prefix>_time` typed in the business's zone, as an aware moment."""
    day, clock = text(form, f"{prefix}_date"), text(form, f"{prefix}_time")
    if not day and not clock:
        return None
    try:
        moment = datetime.combine(date.fromisoformat(day),
                                  time.fromisoformat(clock) if clock else time(9, 0))
    except ValueError:
        raise FormProblem(f"{day} {clock} is not a date and time "
                          "(use the date and time pickers)") from None
    return moment.replace(tzinfo=ZoneInfo(tz))


def _schedule(request: Request, lead_id: int, request_id: int, form: FormData) -> str:
    tz = settings_of(request).business_timezone
    try:
        patch = visits.RequestPatch.model_validate({
            "status": text(form, "status") or None,
            "scheduled_for": local_moment(form, "visit", tz),
            "notes": text(form, "notes") if "notes" in form else None})
    except (ValidationError, FormProblem) as exc:
        return f"Not saved: {_first_error(exc)}"

    def run(uow: UnitOfWork, staff: str) -> str:
        r = visits.get_request(uow.session, request_id)
        if r.customer_id != lead_id:
            raise CrmError(f"request #{request_id} belongs to another lead")
        r, _ = visits.update_request(uow.session, settings_of(request), request_id, patch,
                                     staff, utcnow())
        return f"Request #{r.id} is {r.status}."

    return _attempt(request, run, "Not saved")


def _text(request: Request, lead_id: int, form: FormData) -> str:
    tz = settings_of(request).business_timezone
    template = text(form, "template") or None
    fields = {k: text(form, k) for k in ("tech", "eta") if text(form, k)}
    try:
        body = OfficeMessage.model_validate({
            "text": None if template else text(form, "text") or None, "template": template,
            "fields": fields, "send_at": local_moment(form, "send", tz),
            "channel": text(form, "channel") or None})
    except (ValidationError, FormProblem) as exc:
        return f"Not sent: {_first_error(exc)}"

    def run(uow: UnitOfWork, staff: str) -> str:
        row = send_to_lead(uow.session, settings_of(request), lead_id, body, staff, utcnow())
        if row.status == "refused":
            return f"Not sent — refused: {reason_words(row.reason)}."
        return "Queued: it goes out when the consent gate allows (see its state below)."

    return _attempt(request, run, "Not sent")


def _attempt(request: Request, run: Callable[[UnitOfWork, str], str], failed: str) -> str:
    try:
        message = write(request, run)
    except CrmError as exc:
        return f"{failed}: {exc}"
    request.app.state.dispatcher.kick()
    return message


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return f"{where}: {first['msg']}" if where else str(first["msg"])
    return str(exc)


@router.post("/leads/{raw_id}/requests/{raw_request}")
async def schedule(request: Request, raw_id: str, raw_request: str) -> Response:
    """The request's status, visit time (business time zone) and notes."""
    lead_id, form = lead_id_of(raw_id), checked(request, await request.form())
    request_id = lead_id_of(raw_request, "request")
    message = await run_in_threadpool(_schedule, request, lead_id, request_id, form)
    return back(f"/dashboard/leads/{lead_id}", message)


@router.post("/leads/{raw_id}/messages")
async def send(request: Request, raw_id: str) -> Response:
    """The reply box: a text, or a template with its fields; refusals are told at once."""
    lead_id, form = lead_id_of(raw_id), checked(request, await request.form())
    message = await run_in_threadpool(_text, request, lead_id, form)
    return back(f"/dashboard/leads/{lead_id}", message)


@router.get("/templates")
def template_page(request: Request, message: str = "") -> Response:
    """Every template in English and Spanish, editable."""
    with sessions_of(request)() as session:
        return render(request, "templates.html", items=templates.all_templates(session),
                      message=message[:200])


@router.post("/templates/{name}/{language}")
async def save_template(request: Request, name: str, language: str) -> Response:
    """Save the office's text for one template in one language."""
    form = checked(request, await request.form())
    words = text(form, "text")

    def run(uow: UnitOfWork, staff: str) -> str:
        templates.save(uow.session, name, language, words, staff, utcnow())
        return f"Saved the {name.replace('_', ' ')} template ({language})."

    try:
        message = await run_in_threadpool(write, request, run)
    except CrmError as exc:
        message = f"Not saved: {exc}"
    return back("/dashboard/templates", message)
