"""The conversation's state, stored as JSON, and what the engine is told and returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal, get_args

from consent.texts import Business

# What the conversation is doing. "new": nothing asked yet; "asking": filling the form in
# order; "editing": a field picked from the summary (its answer returns to the summary);
# "handoff": a call back was asked for and we wait for a phone number; "cancel_choice":
# "stop the texts or cancel the request?" was asked; "done": the request was sent, dropped
# or cancelled and after-completion rules apply.
Mode = Literal["new", "asking", "editing", "handoff", "cancel_choice", "done"]
# Who the texter is to us: not yet named, named in this conversation, or known from records.
Texter = Literal["anonymous", "named", "returning"]
# The opt-in disclosure goes with the first reply, once per conversation row.
Disclosure = Literal["due", "shown"]
# How the last request of this conversation ended (what "never mind" reports truthfully).
Ending = Literal["none", "submitted", "dropped", "cancelled"]
Lang = Literal["en", "es"]
MODES: tuple[str, ...] = get_args(Mode)


@dataclass
class Draft:
    """What the texter has told us in this request so far."""

    first_name: str | None = None
    last_name: str | None = None
    company_name: str | None = None
    phone: str | None = None
    address: dict[str, str | None] | None = None
    address_text: str | None = None
    needs_attention: bool = False
    service: str | None = None
    when: dict[str, Any] | None = None
    email: str | None = None
    email_skipped: bool = False
    consent: str | None = None  # "yes" | "no" once the opt-in question was answered
    partial_name: str | None = None  # a first name alone, waiting for the last name
    extra: dict[str, Any] = field(default_factory=dict)  # values of optional slots
    attempts: dict[str, int] = field(default_factory=dict)  # failed answers per slot

    @property
    def display_name(self) -> str:
        """First name, or company."""
        return self.first_name or self.company_name or ""


@dataclass
class ConvState:
    """Where the texter is; `step` is the slot awaiting an answer ("" before the first)."""

    step: str = ""
    mode: Mode = "new"
    draft: Draft = field(default_factory=Draft)
    history: list[str] = field(default_factory=list)
    texter: Texter = "anonymous"
    disclosure: Disclosure = "due"
    ending: Ending = "none"
    resume: str = ""  # the mode to go back to after the cancel question or a call back
    handoff_words: str = ""  # what the texter said when asking for a call back
    lang: Lang = "en"
    # The latest office message the bot took over from (a new need, "start over"): answers
    # to it, or to older ones, are the bot's again; a newer office message is the office's.
    office_taken_over: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConvState:
        """Rebuild from JSON; older shapes (loose booleans) load into the named modes."""
        if not data:
            return cls()
        data = _upgrade(dict(data))
        draft_keys = Draft.__dataclass_fields__
        draft = Draft(**{k: v for k, v in (data.get("draft") or {}).items() if k in draft_keys})
        keys = cls.__dataclass_fields__
        rest = {k: v for k, v in data.items() if k in keys and k != "draft"}
        return cls(draft=draft, **rest)


def _upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """State saved before the named modes (booleans) still continues where it was."""
    if "mode" not in data:
        step = data.get("step") or ""
        if step == "done":
            data["mode"] = "done"
            data["ending"] = "submitted"
        elif data.get("handoff_pending"):
            data["mode"] = "handoff"
        elif data.get("editing"):
            data["mode"] = "editing"
        else:
            data["mode"] = "asking" if step else "new"
    if "texter" not in data:
        data["texter"] = ("returning" if data.get("returning")
                          else "named" if data.get("greeted") else "anonymous")
    if "disclosure" not in data:
        data["disclosure"] = "shown" if data.get("disclosed") else "due"
    draft = data.get("draft")
    if isinstance(draft, dict) and data.get("consent_answered") and not draft.get("consent"):
        draft["consent"] = "answered"
    if data.get("mode") not in MODES:
        data["mode"] = "asking" if data.get("step") else "new"
    return data


@dataclass(frozen=True)
class Known:
    """What the records already hold about a phone number."""

    first_name: str | None
    last_name: str | None
    company_name: str | None
    address: dict[str, str | None] | None
    address_one_line: str | None
    email: str | None
    open_request: bool = False  # a submitted request that is not done or cancelled


@dataclass(frozen=True)
class Context:
    """Everything the engine may consult besides the state and the text."""

    channel: str
    business: Business
    tz: str
    region: str
    lookup: Callable[[str], Known | None]
    caller_phone: str | None = None
    consent_status: str = "unknown"
    media_count: int = 0
    address_max_attempts: int = 3
    last_seen: datetime | None = None
    idle_minutes: int = 1440
    flags: Mapping[str, object] = field(default_factory=dict)  # ASK_* settings, by name
    # The office message this texter was sent within OFFICE_REPLY_WINDOW_HOURS, if any;
    # asked only when the texter is not mid-intake (most turns never read it).
    office_message: Callable[[], int | None] = lambda: None


@dataclass(frozen=True)
class CreateRequest:
    """Effect: save the request from this draft."""

    draft: Draft


@dataclass(frozen=True)
class Handoff:
    """Effect: the office should call this texter."""

    phone: str
    draft: Draft
    words: str


@dataclass(frozen=True)
class RecordConsent:
    """Effect: append a consent event (opt_in on YES, declined on NO)."""

    kind: str
    disclosure: str
    words: str


@dataclass(frozen=True)
class CancelRequest:
    """Effect: cancel this texter's latest open request and tell the office."""

    phone: str
    words: str


@dataclass(frozen=True)
class ReplyToOffice:
    """Effect: this message answers the office's message: the office's thread, no intake."""

    office_message_id: int
    words: str


Effect = CreateRequest | Handoff | RecordConsent | CancelRequest | ReplyToOffice


@dataclass
class Outcome:
    """The engine's answer: the new state, replies in order, and effects to apply."""

    state: ConvState
    replies: list[str] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
