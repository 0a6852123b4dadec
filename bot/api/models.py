"""Response models of /api/leads for the OpenAPI schema (the bodies come from bot.serialize).

Models allow extra keys, so that a field another part of the app adds to a body is passed
through rather than dropped.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Out(BaseModel):
    model_config = ConfigDict(extra="allow")


class AddressOut(_Out):
    """A postal address (USPS style)."""

    line1: str | None
    line2: str | None
    city: str | None
    state: str | None
    postal_code: str | None


class LabeledAddressOut(AddressOut):
    """One of a lead's addresses."""

    label: str | None


class PhoneOut(_Out):
    """One of a lead's phones (E.164)."""

    number: str
    label: str | None


class EmailOut(_Out):
    """One of a lead's email addresses."""

    address: str
    label: str | None


class LeadOut(_Out):
    """A Lead as CONTRACT.md names its fields; times are ISO 8601 with offset."""

    id: int
    first_name: str | None
    last_name: str | None
    company_name: str | None
    phone: str | None
    email: str | None
    address: AddressOut
    lead_status: str
    source: str
    tags: list[str]
    notes: str | None
    needs_attention: bool
    created_at: str
    updated_at: str
    last_contacted_at: str | None
    next_follow_up_date: str | None
    converted_at: str | None
    phones: list[PhoneOut]
    emails: list[EmailOut]
    addresses: list[LabeledAddressOut]
    archived: bool
    merged_into: int | None
    possible_duplicate_of: int | None


class RequestOut(_Out):
    """A service request."""

    id: int
    channel: str
    service: str
    preferred_time: str | None
    preferred_time_text: str | None
    address: AddressOut
    status: str
    scheduled_for: str | None
    created_at: str


class ActivityOut(_Out):
    """One timeline entry; `staff` is who made an office change."""

    id: int
    kind: str
    summary: str
    data: dict[str, Any]
    staff: str | None
    created_at: str


class LeadDetail(LeadOut):
    """A Lead with its requests and its timeline, oldest first."""

    requests: list[RequestOut]
    timeline: list[ActivityOut]


class LeadList(_Out):
    """One page of leads and the number that match."""

    items: list[LeadOut]
    total: int


class BoardColumnOut(_Out):
    """A board column: the true count of its leads and the first cards."""

    status: str
    total: int
    items: list[LeadOut]


class Board(_Out):
    """The board, one column per status."""

    columns: list[BoardColumnOut]


class Problem(BaseModel):
    """An error: what is wrong; a 409 adds the id of the lead that has the phone."""

    detail: str
    existing_id: int | None = None


class Values(_Out):
    """The values in use (sources, tags)."""

    items: list[str]


class BulkResult(_Out):
    """How many leads a bulk action changed."""

    updated: int
    ids: list[int]
