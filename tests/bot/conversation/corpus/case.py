"""One corpus conversation: the texter's turns, and what the request must hold at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CALLER = "+15551234567"  # the SMS caller id of a new texter
RETURNING = "+15552223333"  # on file: Maria Lopez, 12 Elm St, Springfield IL 62704


@dataclass(frozen=True)
class Case:
    """A whole conversation, graded field by field.

    `expect` keys: first, last, company, phone, line1, line2, city, state, zip, need, when
    ("asap", "any", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM-HH:MM" in New York time), email
    (None = skipped), consent ("opt_in" / "declined"), referral, referral_words, attention.
    `outcome`: "created" (exactly one request), "handoff", "dropped", "cancelled", "none".
    `reasks`: the re-asks the script itself provokes (a bad answer); any other is a failure.
    `done_at`: the turn (1-based) whose reply must close the intake; default the last one
    unless after-completion turns follow (then set it).
    """

    id: str
    category: str
    turns: tuple[str, ...]
    expect: dict[str, Any] = field(default_factory=dict)
    outcome: str = "created"
    requests: int = 1  # how many requests "created" means
    channel: str = "sms"
    phone: str | None = CALLER  # caller id; None on Telegram without a known chat
    reasks: int = 0
    done_at: int | None = None
    opted_in: bool = False
    referral: bool = False  # ASK_REFERRAL_SOURCE on
    last_reply: str | None = None  # a fragment the last reply must contain
    lang: str = "en"
    note: str = ""


def case(id: str, category: str, turns: list[str], **kw: Any) -> Case:
    """Shorthand used by the case lists."""
    return Case(id=id, category=category, turns=tuple(turns), **kw)
