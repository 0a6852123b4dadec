"""Lead list, board and detail pages; status change, conversion and verbal opt-in forms."""

from __future__ import annotations

from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from bot.api.auth import sessions_of
from bot.consent_tools import VerbalRefused, record_verbal
from bot.dashboard.auth import check_csrf, require_login
from bot.dashboard.render import STATUSES, day_start, render
from bot.settings import Settings
from consent.ledger import consent_status
from store import customers, ledger
from store.clock import utcnow
from store.models import Customer
from store.uow import UnitOfWork

router = APIRouter(prefix="/dashboard", include_in_schema=False,
                   dependencies=[Depends(require_login)])
SOURCES = ["sms", "telegram", "web", "console", "manual", "import"]
PAGE = 50


@router.get("/leads")
def lead_list(request: Request, q: str = Query("", max_length=200), status: str = "",
              source: str = Query("", max_length=40), needs_attention: bool = False,
              since: str = Query("", max_length=10), page: int = Query(0, ge=0)) -> Response:
    """Search and filter leads."""
    created_since, error = day_start(since)
    with sessions_of(request)() as session:
        leads, total = customers.search(
            session, q=q or None, status=status if status in STATUSES else None,
            source=source or None, needs_attention=True if needs_attention else None,
            created_since=created_since, limit=PAGE, offset=page * PAGE)
    params = {k: v for k, v in {"q": q, "status": status, "source": source,
                                "needs_attention": "true" if needs_attention else "",
                                "since": since}.items() if v}
    def page_url(n: int) -> str:
        return "/dashboard/leads?" + urlencode({**params, "page": n})
    return render(request, "leads.html", leads=leads, total=total, q=q, status=status,
                  source=source, sources=SOURCES, needs_attention=needs_attention,
                  since=since, error=error,
                  prev_url=page_url(page - 1) if page else None,
                  next_url=page_url(page + 1) if (page + 1) * PAGE < total else None)


@router.get("/kanban")
def kanban(request: Request) -> Response:
    """Leads by status, newest first, 100 a column."""
    with sessions_of(request)() as session:
        columns = [(s, list(session.scalars(select(Customer).where(Customer.lead_status == s)
                                            .order_by(Customer.id.desc()).limit(100))))
                   for s in STATUSES]
    return render(request, "kanban.html", columns=columns)


@router.get("/leads/{lead_id}")
def lead_detail(request: Request, lead_id: int, message: str = "") -> Response:
    """One lead: requests, consent history, timeline, and the office's forms."""
    settings: Settings = request.app.state.settings
    with sessions_of(request)() as session:
        c = session.get(Customer, lead_id) if 0 < lead_id < 2**31 else None
        if c is None:
            raise HTTPException(404, f"no lead with id {lead_id}")
        events = ledger.events_for(session, phone=c.phone, chat_id=c.telegram_chat_id)
        return render(request, "lead.html", c=c, requests=customers.requests_of(session, c.id),
                      timeline=customers.timeline(session, c.id), consent=events,
                      consent_status=consent_status(events), message=message[:200],
                      tz=ZoneInfo(settings.business_timezone))


def _back(lead_id: int, message: str, back: str = "") -> Response:
    target = back if back == "/dashboard/kanban" else f"/dashboard/leads/{lead_id}"
    sep = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{sep}{urlencode({'message': message})}", status_code=303)


@router.post("/leads/{lead_id}/status")
def change_status(request: Request, lead_id: int, lead_status: str = Form(...),
                  csrf: str = Form(""), back: str = Form("")) -> Response:
    """Move a lead to another status (logged on its timeline)."""
    check_csrf(request, csrf)
    if lead_status not in STATUSES:
        raise HTTPException(400, f"lead_status must be one of {STATUSES}")
    now = utcnow()
    with UnitOfWork(sessions_of(request)) as uow:
        c = uow.session.get(Customer, lead_id, with_for_update=True)
        if c is None:
            raise HTTPException(404, f"no lead with id {lead_id}")
        if c.lead_status != lead_status:
            customers.change_status(uow.session, c, lead_status, now)
        uow.commit()
    return _back(lead_id, f"Status is now {lead_status}.", back)


@router.post("/leads/{lead_id}/convert")
def convert(request: Request, lead_id: int, csrf: str = Form("")) -> Response:
    """convert_to_customer from the detail page."""
    check_csrf(request, csrf)
    with UnitOfWork(sessions_of(request)) as uow:
        c = uow.session.get(Customer, lead_id, with_for_update=True)
        if c is None:
            raise HTTPException(404, f"no lead with id {lead_id}")
        customers.convert_to_customer(uow.session, c, utcnow())
        uow.commit()
    return _back(lead_id, "Converted to customer.")


@router.post("/leads/{lead_id}/verbal")
def verbal(request: Request, lead_id: int, staff: str = Form(..., max_length=100),
           script: str = Form(..., max_length=4000),
           call_reference: str = Form(..., max_length=64), csrf: str = Form("")) -> Response:
    """Record a verbal opt-in for this lead's phone."""
    check_csrf(request, csrf)
    if not staff.strip() or not script.strip():
        raise HTTPException(400, "staff and script are required")
    with UnitOfWork(sessions_of(request)) as uow:
        c = uow.session.get(Customer, lead_id)
        if c is None:
            raise HTTPException(404, f"no lead with id {lead_id}")
        try:
            record_verbal(uow.session, phone=c.phone or "", staff=staff.strip(), script=script,
                          call_reference=call_reference.strip() or None, version=None,
                          captured_at=None, now=utcnow())
        except VerbalRefused as exc:
            return _back(lead_id, f"Not recorded: {exc}")
        uow.commit()
    return _back(lead_id, "Verbal opt-in recorded.")
