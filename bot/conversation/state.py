"""The conversation's state, stored as JSON, and what the machine is told and returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from consent.texts import Business

STEPS = ("name", "phone", "address", "service", "when", "email", "consent", "summary")


@dataclass
class Draft:
    """What the texter has told us in this request so far."""

    first_name: str | None = None
    last_name: str | None = None
    company_name: str | None = None
    phone: str | None = None
    address: dict[str, str | None] | None = None
    address_text: str | None = None
    address_failures: int = 0
    needs_attention: bool = False
    service: str | None = None
    when: dict[str, Any] | None = None
    email: str | None = None
    email_skipped: bool = False

    @property
    def display_name(self) -> str:
        """First name, or company."""
        return self.first_name or self.company_name or ""


@dataclass
class ConvState:
    """Where the texter is; `step` is the question awaiting an answer ("" before the first)."""

    step: str = ""
    draft: Draft = field(default_factory=Draft)
    history: list[str] = field(default_factory=list)
    editing: bool = False
    disclosed: bool = False
    greeted: bool = False
    returning: bool = False
    handoff_pending: bool = False
    consent_answered: bool = False
    lang: str = "en"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConvState:
        """Rebuild from JSON; unknown keys (from older versions) are ignored."""
        if not data:
            return cls()
        draft_keys = Draft.__dataclass_fields__
        draft = Draft(**{k: v for k, v in (data.get("draft") or {}).items() if k in draft_keys})
        keys = cls.__dataclass_fields__
        rest = {k: v for k, v in data.items() if k in keys and k != "draft"}
        return cls(draft=draft, **rest)


@dataclass(frozen=True)
class Known:
    """What the records already hold about a phone number."""

    first_name: str | None
    last_name: str | None
    company_name: str | None
    address: dict[str, str | None] | None
    address_one_line: str | None
    email: str | None


@dataclass(frozen=True)
class Context:
    """Everything the machine may consult besides the state and the text."""

    channel: str
    business: Business
    tz: str
    region: str
    lookup: Callable[[str], Known | None]
    caller_phone: str | None = None
    consent_status: str = "unknown"
    media_count: int = 0
    address_max_attempts: int = 3


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


Effect = CreateRequest | Handoff | RecordConsent


@dataclass
class Outcome:
    """The machine's answer: the new state, replies in order, and effects to apply."""

    state: ConvState
    replies: list[str] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
