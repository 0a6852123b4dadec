"""The office's send action, shared by the API and the lead page: compose, then queue."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator
from sqlalchemy.orm import Session

from bot.crm import visits
from bot.crm.errors import Invalid
from bot.crm.leads import get_lead
from bot.settings import Settings
from bot.texting import templates
from bot.texting.send import queue_office_message
from store import customers
from store.models import Customer, MessageLog, ServiceRequest

Channel = Literal["sms", "telegram", "web", "console"]
SKEW = timedelta(minutes=1)  # a send_at this little in the past is "now", not an error


class OfficeMessage(BaseModel):
    """`text`, or `template` + `fields`; optional `send_at`, `channel`, `request_id`."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, max_length=templates.MAX_TEXT)
    template: str | None = Field(default=None, max_length=40)
    fields: dict[str, str] = Field(default_factory=dict, max_length=20)
    send_at: AwareDatetime | None = None
    channel: Channel | None = None
    request_id: int | None = None

    @model_validator(mode="after")
    def _one_of(self) -> OfficeMessage:
        if (self.text is None or not self.text.strip()) == (self.template is None):
            raise ValueError("give either a non-empty text or a template")
        return self


def request_for(session: Session, c: Customer, request_id: int | None) -> ServiceRequest | None:
    """The request a message is about: the one named, else the latest open one, else latest."""
    if request_id is not None:
        r = visits.get_request(session, request_id)
        if r.customer_id != c.id:
            raise Invalid(f"request {request_id} belongs to another lead")
        return r
    found = customers.requests_of(session, c.id)
    open_ones = [r for r in found if r.status in visits.OPEN]
    chosen = open_ones or found
    return chosen[-1] if chosen else None


def send_to_lead(session: Session, settings: Settings, lead_id: int, body: OfficeMessage,
                 staff: str | None, now: datetime) -> MessageLog:
    """Compose the office's message and queue it (or record it refused, with why)."""
    c = get_lead(session, lead_id)
    if body.send_at is not None and body.send_at < now - SKEW:
        raise Invalid("send_at is in the past")
    r = request_for(session, c, body.request_id)
    if body.template is not None:
        text = templates.compose(session, settings, c, body.template, body.fields, r, now)
    else:
        text = (body.text or "").strip()
    return queue_office_message(session, settings, c, text, now=now, staff=staff,
                                send_at=body.send_at, channel=body.channel,
                                # Not an automatic kind: only those can be superseded.
                                kind=f"template:{body.template}" if body.template
                                else "office",
                                request_id=r.id if r is not None else None)
