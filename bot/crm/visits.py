"""A service request's life: new -> scheduled -> done, or cancelled; set by the office.

Shared by `PATCH /api/requests/{id}` and the lead page. Each change goes on the lead's
timeline (old -> new, by whom); an office cancel tells the office's targets
(`request.cancelled`); the automatic texts follow from `bot.texting.auto`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.orm import Session

from bot import display
from bot.crm.errors import Invalid, NotFound, Refused
from bot.crm.schemas import MAX_ID
from bot.office_events import queue_office_event
from bot.settings import Settings
from bot.texting import auto
from store import customers
from store.models import ServiceRequest

RequestStatus = Literal["new", "scheduled", "done", "cancelled"]
OPEN = ("new", "scheduled")
# What each status may become; the same status again is no change.
ALLOWED: dict[str, tuple[str, ...]] = {"new": ("scheduled", "cancelled"),
                                       "scheduled": ("done", "cancelled"),
                                       "done": (), "cancelled": ()}


class RequestPatch(BaseModel):
    """What the office may change on a request."""

    model_config = ConfigDict(extra="forbid")
    status: RequestStatus | None = None
    scheduled_for: AwareDatetime | None = None
    notes: str | None = Field(default=None, max_length=5000)

    @field_validator("status", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value


@dataclass(frozen=True)
class Change:
    """What a patch did to a request (for the automatic texts)."""

    old_status: str
    new_status: str
    old_time: datetime | None
    new_time: datetime | None

    @property
    def rescheduled(self) -> bool:
        """The visit's time is new (first scheduling included) and the request is scheduled."""
        return self.new_status == "scheduled" and self.new_time != self.old_time


def get_request(session: Session, request_id: int, *, for_update: bool = False
                ) -> ServiceRequest:
    """The request with this id; NotFound otherwise, whatever the id's size."""
    r = session.get(ServiceRequest, request_id, with_for_update=for_update) \
        if 1 <= request_id <= MAX_ID else None
    if r is None:
        raise NotFound(f"no request with id {request_id}")
    return r


def _target_status(r: ServiceRequest, patch: RequestPatch) -> str:
    if patch.status is not None:
        return patch.status
    # A time given to a new request schedules it: that is what the office means.
    return "scheduled" if patch.scheduled_for is not None and r.status == "new" else r.status


def _check(r: ServiceRequest, patch: RequestPatch, status: str) -> None:
    if status != r.status and status not in ALLOWED[r.status]:
        allowed = ", ".join(ALLOWED[r.status]) or "nothing (it is closed)"
        raise Refused(f"request {r.id} is {r.status}: it cannot become {status} "
                      f"(allowed: {allowed})")
    if patch.scheduled_for is not None and r.status not in OPEN:
        raise Refused(f"request {r.id} is {r.status}: it cannot be rescheduled")
    if status == "scheduled" and (patch.scheduled_for or r.scheduled_for) is None:
        raise Invalid("scheduled_for is required to schedule a request")


def update_request(session: Session, settings: Settings, request_id: int,
                   patch: RequestPatch, staff: str | None, now: datetime
                   ) -> tuple[ServiceRequest, Change]:
    """Apply the office's change; refused transitions raise Refused (409) or Invalid (422)."""
    r = get_request(session, request_id, for_update=True)
    status = _target_status(r, patch)
    _check(r, patch, status)
    change = Change(r.status, status, r.scheduled_for,
                    patch.scheduled_for or r.scheduled_for)
    tz = settings.business_timezone
    label = f"Request #{r.id}"
    if change.new_time != change.old_time:
        customers.add_activity(
            session, r.customer_id, "request_scheduled",
            f"{label} visit: {display.when(change.old_time, tz, now) or '(none)'} -> "
            f"{display.when(change.new_time, tz, now)}", now,
            {"request_id": r.id, "field": "scheduled_for", "old": _iso(change.old_time),
             "new": _iso(change.new_time)}, staff)
        r.scheduled_for = change.new_time
    if status != r.status:
        customers.add_activity(session, r.customer_id, "request_status",
                               f"{label}: {r.status} -> {status}", now,
                               {"request_id": r.id, "field": "status", "old": r.status,
                                "new": status}, staff)
        r.status = status
        if status == "cancelled":
            queue_office_event(session, settings, event="request.cancelled",
                               customer=r.customer, request=r, returning=False,
                               channel="office", now=now)
    if patch.notes is not None and patch.notes != (r.notes or ""):
        customers.add_activity(session, r.customer_id, "request_notes",
                               f"{label} notes changed", now,
                               {"request_id": r.id, "field": "notes", "old": r.notes,
                                "new": patch.notes}, staff)
        r.notes = patch.notes or None
    session.flush()
    auto.after_change(session, settings, r, rescheduled=change.rescheduled,
                      finished=change.new_status == "done" and change.old_status != "done",
                      now=now)
    return r, change


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
