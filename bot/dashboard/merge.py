"""Merge a duplicate into a lead, choosing each field from either side."""

from __future__ import annotations

from typing import Any, cast

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from bot.api.auth import sessions_of
from bot.crm import leads as crm
from bot.crm.errors import CrmError, NotFound
from bot.crm.leads import MERGE_FIELDS, Side
from bot.dashboard.auth import require_login
from bot.dashboard.forms import back, checked, text, write
from bot.dashboard.lead_page import lead_id_of
from bot.dashboard.render import render
from store.models import Customer

router = APIRouter(prefix="/dashboard/leads", include_in_schema=False,
                   dependencies=[Depends(require_login)])
LABELS = {"first_name": "First name", "last_name": "Last name", "company_name": "Company",
          "phone": "Primary phone", "email": "Primary email", "address": "Primary address",
          "source": "Source", "notes": "Notes", "next_follow_up_date": "Next follow-up",
          "lead_status": "Status"}


def _value(c: Customer, field: str) -> Any:
    return c.address if field == "address" else getattr(c, field)


@router.get("/{raw_id}/merge")
def merge_page(request: Request, raw_id: str, duplicate: str = "") -> Response:
    """Both records side by side; pick what the surviving lead keeps."""
    keep_id = lead_id_of(raw_id)
    if not duplicate.strip():
        raise HTTPException(422, "Type the number of the duplicate lead to merge in.")
    dup_id = lead_id_of(duplicate.strip().lstrip("#"))
    if dup_id == keep_id:
        raise HTTPException(422, "A lead cannot be merged with itself.")
    with sessions_of(request)() as session:
        try:
            keep, dup = crm.get_lead(session, keep_id), crm.get_lead(session, dup_id)
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None
        rows = [(f, LABELS.get(f, f), _value(keep, f), _value(dup, f)) for f in MERGE_FIELDS]
        return render(request, "merge.html", keep=keep, dup=dup, rows=rows)


@router.post("/{raw_id}/merge")
async def merge(request: Request, raw_id: str) -> Response:
    """Fold the duplicate into this lead; the duplicate stays, archived, pointing here."""
    keep_id, form = lead_id_of(raw_id), checked(request, await request.form())
    dup_id = lead_id_of(text(form, "duplicate_id"))
    choose = {f: cast(Side, text(form, f"pick_{f}")) for f in MERGE_FIELDS
              if text(form, f"pick_{f}") in ("keep", "duplicate")}
    try:
        await run_in_threadpool(write, request, lambda uow, staff: crm.merge(
            uow.session, keep_id, dup_id, staff, choose))
    except CrmError as exc:
        return back(f"/dashboard/leads/{keep_id}", f"Not merged: {exc}")
    return back(f"/dashboard/leads/{keep_id}", f"Lead #{dup_id} merged into this one.")
