"""What one message's decisions need about its texter, each read at most once per message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from bot.conversation.state import Known
from consent.ledger import ConsentEvent, consent_status
from store import customers, ledger, messages
from store.models import Customer

OPEN_STATUSES = ("new", "scheduled")
_UNREAD = object()


@dataclass
class Snapshot:
    """The texter as one message sees them: consent events, records by phone, chat's phone.

    Everything is read lazily and kept: the pipeline, the conversation's lookup and the gate
    share one read. Events are read again only when the phone changes or this transaction
    appended to the ledger (STOP, a YES to the opt-in question); records are forgotten
    after the conversation's effects wrote them. To add a fact, add a field and a method.
    """

    session: Session
    chat_id: int | None
    session_key: str | None  # a web chat's session (consent.ledger.session_key_of)
    _events: tuple[str | None, int, list[ConsentEvent]] | None = None
    _records: dict[str, tuple[Customer, bool] | None] = field(default_factory=dict)
    _chat_phone: object = _UNREAD
    _office: dict[str | None, int | None] = field(default_factory=dict)

    def events(self, phone: str | None) -> list[ConsentEvent]:
        """Consent events naming this phone, the chat or the web-chat session, oldest first."""
        appends = ledger.appended(self.session)
        if self._events is None or self._events[:2] != (phone, appends):
            found = ledger.events_for(self.session, phone=phone, chat_id=self.chat_id,
                                      session_key=self.session_key)
            self._events = (phone, appends, found)
        return self._events[2]

    def consent_status(self, phone: str | None, channel: str) -> str:
        """opted_in, opted_out or unknown on `channel` ("sms" or "telegram")."""
        return consent_status(self.events(phone), channel)

    def record(self, phone: str) -> Customer | None:
        """The customer having this phone, if any."""
        found = self._record(phone)
        return found[0] if found else None

    def known(self, phone: str) -> Known | None:
        """The conversation's view of the customer having this phone (its lookup)."""
        found = self._record(phone)
        return _known(*found) if found else None

    def forget_records(self) -> None:
        """Records were written (a request, a handoff): read them again when asked."""
        self._records.clear()

    def chat_phone(self) -> str | None:
        """The phone on file for this Telegram chat, if we know one."""
        if self._chat_phone is _UNREAD:
            found = (customers.find_by_chat(self.session, self.chat_id)
                     if self.chat_id is not None else None)
            self._chat_phone = found.phone if found else None
        return self._chat_phone if isinstance(self._chat_phone, str) else None

    def office_message(self, phone: str | None, now: datetime, hours: float) -> int | None:
        """The latest office message that went out to this texter in the last `hours`."""
        if phone not in self._office:
            if (phone is None or self.record(phone) is None) and self.chat_phone() is None:
                return None  # no record, so no office text (the office texts its leads)
            self._office[phone] = messages.office_message_within(
                self.session, phone=phone, chat_id=self.chat_id, now=now, hours=hours)
        return self._office[phone]

    def _record(self, phone: str) -> tuple[Customer, bool] | None:
        if phone not in self._records:
            self._records[phone] = customers.find_with_open_request(self.session, phone,
                                                                    OPEN_STATUSES)
        return self._records[phone]


def _known(c: Customer, open_request: bool) -> Known:
    one_line = " ".join(x for x in (c.line1, c.line2) if x) if c.line1 else None
    return Known(first_name=c.first_name, last_name=c.last_name, company_name=c.company_name,
                 address=c.address if c.line1 else None, address_one_line=one_line,
                 email=c.email, open_request=open_request)
