"""The compliance reviewer's checks, pure: what was sent after an opt-out, or without opt-in.

A message is judged by what the ledger said when it went out. An opt-in counts from when it
reached the ledger (`entered_at` for a back-dated verbal opt-in, since the gate could not
know of it sooner); an opt-out counts from when it was given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from consent.ledger import OPT_IN_KINDS, OPT_OUT_KINDS, ConsentEvent, consent_status

# After an opt-out only these may follow (and one opt_out_confirmation), until a new opt-in.
ALLOWED_AFTER_OPT_OUT = frozenset({"help", "opt_in_confirmation"})
CONFIRMATION = "opt_out_confirmation"
STOPS = OPT_OUT_KINDS | {"bot_blocked"}  # what silences a recipient


@dataclass(frozen=True)
class Sent:
    """One outbound message, as the report needs it."""

    id: int
    channel: str
    purpose: str
    at: datetime
    phone: str | None = None
    chat_id: int | None = None  # Telegram messages without a known phone


@dataclass(frozen=True)
class Violation:
    """A message that should not have gone out, and the event it broke."""

    message: Sent
    reason: str
    event: ConsentEvent | None = None
    status: str = "opted_out"


def known_at(event: ConsentEvent) -> datetime:
    """When the gate could first act on the event."""
    if event.kind in OPT_IN_KINDS and event.entered_at is not None:
        return max(event.entered_at, event.recorded_at)
    return event.recorded_at


@dataclass
class Ledger:
    """Real (non-test) events indexed by phone and chat, for questions at a moment."""

    by_phone: dict[str, list[ConsentEvent]] = field(default_factory=dict)
    by_chat: dict[int, list[ConsentEvent]] = field(default_factory=dict)
    confirmations: dict[tuple[str, int], int] = field(default_factory=dict)

    @classmethod
    def of(cls, events: Iterable[ConsentEvent]) -> Ledger:
        """Index `events` (oldest first); staff test events are left out."""
        book = cls()
        for event in events:
            if event.test:
                continue
            if event.phone:
                book.by_phone.setdefault(event.phone, []).append(event)
            if event.chat_id is not None:
                book.by_chat.setdefault(event.chat_id, []).append(event)
        return book

    def events(self, phone: str | None, chat_id: int | None) -> list[ConsentEvent]:
        """Every event binding this phone or chat, in ledger order."""
        found = {e.id: e for e in self.by_phone.get(phone or "", [])}
        if chat_id is not None:
            found.update((e.id, e) for e in self.by_chat.get(chat_id, []))
        return [found[k] for k in sorted(found, key=lambda k: k or 0)]

    def next_opt_in(self, event: ConsentEvent) -> datetime | None:
        """When the recipient of an opt-out was next opted in again, if ever."""
        after = [known_at(e) for e in self.events(event.phone, event.chat_id)
                 if (e.id or 0) > (event.id or 0) and e.kind in OPT_IN_KINDS]
        return min(after, default=None)

    def open_since(self, moment: datetime) -> datetime | None:
        """The oldest opt-out still in force at `moment` (its confirmation may precede it)."""
        oldest = None
        for events in (*self.by_phone.values(), *self.by_chat.values()):
            last = next((e for e in reversed(events) if known_at(e) < moment
                         and e.kind in STOPS | OPT_IN_KINDS), None)
            if last is not None and last.kind in STOPS:
                oldest = min(oldest or last.recorded_at, last.recorded_at)
        return oldest

    def judge(self, m: Sent) -> list[Violation]:
        """What is wrong with this message going out when it did (empty: nothing)."""
        seen = [e for e in self.events(m.phone, m.chat_id) if known_at(e) <= m.at]
        status = consent_status(seen, "telegram" if m.channel == "telegram" else "sms")
        found = []
        if status == "opted_out":
            stop = next((e for e in reversed(seen) if e.kind in STOPS), None)
            reason = self._after_opt_out(m, stop) if stop else None
            if stop and reason:
                found.append(Violation(m, reason, stop))
        if m.purpose == "proactive" and status != "opted_in":
            found.append(Violation(m, f"proactive message while {status}", None, status))
        return found

    def _after_opt_out(self, m: Sent, stop: ConsentEvent) -> str | None:
        if m.purpose in ALLOWED_AFTER_OPT_OUT:
            return None
        if m.purpose == CONFIRMATION:
            key = (m.phone or f"chat:{m.chat_id}", stop.id or 0)
            self.confirmations[key] = self.confirmations.get(key, 0) + 1
            return None if self.confirmations[key] == 1 else "a second opt-out confirmation"
        return f"{m.purpose} sent after {stop.kind}"


def check(book: Ledger, sent: Iterable[Sent]) -> tuple[list[Violation], list[Violation]]:
    """(sent after an opt-out, proactive without an express opt-in), oldest first.

    `sent` must come oldest first: the first opt-out confirmation after an opt-out is the
    one allowed.
    """
    after: list[Violation] = []
    proactive: list[Violation] = []
    for m in sent:
        for v in book.judge(m):
            (proactive if v.event is None else after).append(v)
    return after, proactive
