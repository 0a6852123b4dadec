"""Run corpus conversations through the pure engine and grade them field by field."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.conversation import lang
from bot.conversation.machine import respond
from bot.conversation.state import Context, ConvState, CreateRequest, Draft, Known, RecordConsent
from consent.texts import Business
from tests.bot.conversation.corpus.case import RETURNING, Case

NOW = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)  # Monday 09:30 in New York
TZ = "America/New_York"
ON_FILE = {RETURNING: Known("Maria", "Lopez", None,
                            {"line1": "12 ELM ST", "line2": None, "city": "SPRINGFIELD",
                             "state": "IL", "postal_code": "62704"},
                            "12 ELM ST, SPRINGFIELD, IL 62704", "maria@example.com",
                            open_request=True)}
REASKS = {text for code in ("en", "es") for key, text in lang.CATALOGUES[code].TEXTS.items()
          if key.startswith("reask.") and "{" not in text}


@dataclass
class Graded:
    """A conversation's result: which checks failed (empty when it passed)."""

    case: Case
    failures: list[str] = field(default_factory=list)
    replies: list[list[str]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Every check held."""
        return not self.failures


def context(c: Case, created: bool = False) -> Context:
    """The engine's context for this case (a returning texter is on file)."""
    def lookup(phone: str) -> Known | None:
        return ON_FILE.get(phone)

    return Context(channel=c.channel, business=Business("Ace Plumbing", "(555) 010-0000"),
                   tz=TZ, region="US", lookup=lookup, caller_phone=c.phone,
                   consent_status="opted_in" if c.opted_in or created else "unknown",
                   flags={"ask_referral_source": c.referral})


def when_key(when: dict[str, Any] | None) -> str | None:
    """The stored time as the corpus writes it."""
    if not when:
        return None
    if when.get("asap"):
        return "asap"
    if not when.get("start"):
        return "any"
    zone = ZoneInfo(TZ)
    start = datetime.fromisoformat(when["start"]).astimezone(zone)
    key = f"{start:%Y-%m-%d %H:%M}"
    if when.get("end"):
        key += f"-{datetime.fromisoformat(when['end']).astimezone(zone):%H:%M}"
    return key


def fields(d: Draft, consent: str | None) -> dict[str, Any]:
    """A draft as the corpus grades it."""
    a = d.address or {}
    return {"first": d.first_name, "last": d.last_name, "company": d.company_name,
            "phone": d.phone, "line1": a.get("line1") or (d.address_text if not a else None),
            "line2": a.get("line2"), "city": a.get("city"), "state": a.get("state"),
            "zip": a.get("postal_code"), "need": d.service, "when": when_key(d.when),
            "when_words": (d.when or {}).get("text"), "email": d.email, "consent": consent,
            "attention": d.needs_attention, "referral": d.extra.get("referral"),
            "referral_words": d.extra.get("referral_text")}


def _same(field_name: str, got: Any, want: Any) -> bool:
    if got is None and want is None:
        return True
    if isinstance(want, str) and isinstance(got, str) and field_name in ("need", "when_words",
                                                                       "referral_words"):
        return got.strip(" .!").lower() == want.strip(" .!").lower()
    return bool(got == want)


def run(c: Case) -> Graded:
    """Play the turns, then grade outcome, fields, re-asks and turns."""
    g = Graded(c)
    state, created_at, consent = ConvState(), None, None
    requests: list[Draft] = []
    kinds: list[str] = []
    for n, text in enumerate(c.turns, start=1):
        out = respond(state, text, context(c, created=bool(requests) and consent == "opt_in"),
                      NOW)
        state = out.state
        g.replies.append(out.replies)
        for e in out.effects:
            if isinstance(e, CreateRequest):
                requests.append(e.draft)
                created_at = created_at or n
            elif isinstance(e, RecordConsent):
                consent = e.kind
            kinds.append(type(e).__name__)
    _grade(g, c, state, requests, kinds, consent, created_at)
    return g


def _grade(g: Graded, c: Case, state: ConvState, requests: list[Draft], kinds: list[str],
           consent: str | None, created_at: int | None) -> None:
    want = {"created": ("CreateRequest", 1), "handoff": ("Handoff", None),
            "cancelled": ("CancelRequest", 1), "dropped": (None, 0), "none": (None, 0)}
    kind, count = want[c.outcome]
    if kind and kind not in kinds:
        g.failures.append(f"outcome: no {kind}")
    if c.outcome in ("created", "dropped", "none") and len(requests) != (
            c.requests if c.outcome == "created" else 0):
        g.failures.append(f"requests: {len(requests)}")
    if c.outcome == "dropped" and state.mode != "done":
        g.failures.append(f"mode {state.mode}, not done")
    draft = requests[-1] if requests else state.draft
    got = fields(draft, consent)
    for name, value in c.expect.items():
        if not _same(name, got.get(name), value):
            g.failures.append(f"{name}: {got.get(name)!r} != {value!r}")
    reasks = sum(r in REASKS for replies in g.replies for r in replies)
    if reasks != c.reasks:
        g.failures.append(f"re-asks: {reasks} (allowed {c.reasks})")
    if c.outcome == "created":
        done_at = c.done_at or len(c.turns) if c.requests == 1 else created_at
        if created_at != done_at:
            g.failures.append(f"turns: request at turn {created_at}, expected {done_at}")
    if c.last_reply and not any(c.last_reply in r for r in g.replies[-1]):
        g.failures.append(f"last reply lacks {c.last_reply!r}: {g.replies[-1]}")
    if any(_greets_filler(r) for replies in g.replies for r in replies):
        g.failures.append("a reply greets a filler word as a name")


FILLERS = ("its", "it's", "hi", "hey", "hello", "um", "yeah", "mrs.", "mr.", "here", "this",
           "good", "thanks", "im", "i'm", "so", "ok", "hola")


def _greets_filler(reply: str) -> bool:
    for opener in ("Thanks, ", "Welcome back, ", "¡Gracias, ", "¡Bienvenido de nuevo, "):
        if reply.startswith(opener):
            name = reply[len(opener):].split("!")[0].split(",")[0].strip().lower()
            return name in FILLERS or not name
    return False
