"""The consent event model and its hash chain: any edit, deletion or reordering shows."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime

GENESIS = "0" * 64

# Channels that are the office trying the bot (the dashboard's "Try the chat"): their
# events are staff test events, bound to that chat session only, never to a phone's consent.
TEST_CHANNELS = frozenset({"web"})
TEST_ACTOR = "staff-test"

# Kinds that decide whether a recipient may be texted.
OPT_OUT_KINDS = frozenset({"opt_out", "carrier_block"})
OPT_IN_KINDS = frozenset({"opt_in", "verbal_opt_in"})
BLOCK_KINDS = frozenset({"bot_blocked", "bot_unblocked"})


@dataclass(frozen=True)
class ConsentEvent:
    """One ledger entry, as the contract's ConsentEvent JSON names its fields."""

    channel: str
    kind: str
    method: str
    actor: str
    recorded_at: datetime
    phone: str | None = None
    chat_id: int | None = None
    text: str | None = None
    disclosure: str | None = None
    disclosure_version: str | None = None
    provider_message_id: str | None = None
    # Added 2026-12-01. Hashed only when set, so events written before them still verify.
    entered_at: datetime | None = None  # when staff typed it in (verbal), beside recorded_at
    session_key: str | None = None  # the web-chat session it binds (no phone known yet)
    test: bool = False  # a staff test event: never a texter's consent
    id: int | None = None
    prev_hash: str = field(default=GENESIS)
    hash: str = field(default="")


def _stamp(moment: datetime) -> str:
    # Microseconds are kept by both SQLite and PostgreSQL, so the canonical form round-trips.
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# Fields added after the first events were written: in the canonical JSON only when set
# (not None, not False). An old event hashes exactly as before; a new one covers them, and
# clearing or setting one later changes the hash like any other edit.
OPTIONAL_FIELDS = ("entered_at", "session_key", "test")
HASHED_FIELDS = tuple(f.name for f in fields(ConsentEvent)
                      if f.name not in ("id", "prev_hash", "hash", *OPTIONAL_FIELDS))


def event_digest(event: ConsentEvent, prev_hash: str) -> str:
    """SHA-256 over the previous hash and every field of the event except id and hashes."""
    # Field by field, not dataclasses.asdict (a deep copy): this runs once per event verified.
    body: dict[str, object] = {name: getattr(event, name) for name in HASHED_FIELDS}
    body["recorded_at"] = _stamp(event.recorded_at)
    for name in OPTIONAL_FIELDS:
        value = getattr(event, name)
        if value is not None and value is not False:
            body[name] = _stamp(value) if isinstance(value, datetime) else value
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def chain(event: ConsentEvent, prev_hash: str) -> ConsentEvent:
    """The event linked after `prev_hash`."""
    return replace(event, prev_hash=prev_hash, hash=event_digest(event, prev_hash))


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of a chain check."""

    ok: bool
    events: int
    first_bad_event: int | None = None
    reason: str | None = None


def verify_chain(events: Iterable[ConsentEvent]) -> VerifyResult:
    """Walk events in id order; name the first whose link or content does not hold."""
    prev = GENESIS
    count = 0
    for event in events:
        count += 1
        if event.prev_hash != prev:
            return VerifyResult(False, count, event.id, "link to previous event broken "
                                "(an event before it was deleted, inserted or reordered)")
        if event_digest(event, prev) != event.hash:
            return VerifyResult(False, count, event.id, "content does not match its hash (edited)")
        prev = event.hash
    return VerifyResult(True, count)


def session_key_of(channel: str, sender_key: str) -> str | None:
    """The key a web-chat event binds (its chat session); None on channels with a phone."""
    return sender_key if channel in TEST_CHANNELS else None


def as_test(event: ConsentEvent) -> ConsentEvent:
    """A web-chat event as a staff test event (the office typing, not a texter consenting)."""
    if event.channel not in TEST_CHANNELS:
        return event
    return replace(event, test=True,
                   actor=TEST_ACTOR if event.actor == "texter" else event.actor)


def consent_status(events: Iterable[ConsentEvent], channel: str = "sms") -> str:
    """`opted_in`, `opted_out` or `unknown`, from a recipient's events oldest first.

    Opt-outs and opt-ins count on every channel ("any reasonable means"); a carrier block
    counts for SMS and a blocked bot for Telegram, each lifted by its own unblock or opt-in.
    """
    status = "unknown"
    blocked = False
    for event in events:
        if event.kind in OPT_OUT_KINDS and (event.kind != "carrier_block" or channel == "sms"):
            status = "opted_out"
        elif event.kind in OPT_IN_KINDS:
            status = "opted_in"
        elif event.kind in BLOCK_KINDS and channel == "telegram":
            blocked = event.kind == "bot_blocked"
    return "opted_out" if blocked else status
