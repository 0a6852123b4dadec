"""Office actions on one lead (or a few): create, edit, status, convert, archive, merge.

Each loads, decides and writes in the caller's session; the caller commits. Every change
goes on the lead's timeline with what changed (old -> new) and `staff` (who, or None).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from sqlalchemy.orm import Session

from bot.crm.schemas import LeadCreate, LeadPatch, LeadStatus
from store.models import Customer

Side = Literal["keep", "duplicate"]
MERGE_FIELDS = ("first_name", "last_name", "company_name", "phone", "email", "address",
                "source", "notes", "next_follow_up_date", "lead_status")


def get_lead(session: Session, lead_id: int, *, for_update: bool = False) -> Customer:
    """The lead with this id (archived ones too); NotFound otherwise, whatever the id's size."""
    raise NotImplementedError


def create_lead(session: Session, data: LeadCreate, staff: str | None, *,
                region: str = "US", now: datetime | None = None) -> Customer:
    """A lead entered by hand; Conflict(existing_id) when one of its phones is taken."""
    raise NotImplementedError


def update_lead(session: Session, lead_id: int, patch: LeadPatch, staff: str | None, *,
                region: str = "US", now: datetime | None = None) -> Customer:
    """Apply the fields sent; each change on the timeline as field: old -> new."""
    raise NotImplementedError


def set_status(session: Session, ids: Sequence[int], status: LeadStatus, staff: str | None,
               *, now: datetime | None = None) -> list[Customer]:
    """Move several leads to `status` at once (the list's bulk action); NotFound on any id."""
    raise NotImplementedError


def convert(session: Session, lead_id: int, staff: str | None, *,
            now: datetime | None = None) -> Customer:
    """convert_to_customer: status customer, converted_at stamped (kept if already set)."""
    raise NotImplementedError


def archive(session: Session, lead_id: int, staff: str | None, *,
            now: datetime | None = None) -> Customer:
    """Hide a lead from lists by default; it is kept and still recognised by phone."""
    raise NotImplementedError


def restore(session: Session, lead_id: int, staff: str | None, *,
            now: datetime | None = None) -> Customer:
    """Bring an archived lead back (a merged duplicate stays archived: Invalid)."""
    raise NotImplementedError


def merge(session: Session, keep_id: int, duplicate_id: int, staff: str | None,
          choose: dict[str, Side] | None = None, *, now: datetime | None = None) -> Customer:
    """Fold `duplicate_id` into `keep_id`: requests, timeline, messages, phones, emails and
    addresses move; `choose` picks each of MERGE_FIELDS from either side (default: the
    survivor's value, else the duplicate's); the duplicate is archived with merged_into."""
    raise NotImplementedError
