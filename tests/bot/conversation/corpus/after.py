"""After the request: acknowledgements, call backs, cancellations, a new need."""

from __future__ import annotations

from tests.bot.conversation.corpus.case import RETURNING, Case, case
from tests.bot.conversation.corpus.people import expected, intake, person

ACKS = ["thanks!", "ok", "👍", "great, see you then", "thank you so much", "Thanks 🙏",
        "ok thanks", "cool", "gracias", "perfect, thanks!"]


def acknowledgements() -> list[Case]:
    """Thanks after the request: a short answer, no new intake."""
    out = []
    for i, said in enumerate(ACKS):
        p = person(i)
        turns = [*intake(p), said]
        out.append(case(f"ack-{i}", "after completion", turns, expect=expected(p),
                        done_at=len(turns) - 1, last_reply="You're welcome"
                        if said != "gracias" else "welcome"))
    return out


def follow_ups() -> list[Case]:
    """A call back, a cancellation, a never mind and a new need after the request."""
    p = person(1)
    base = intake(p)
    n = len(base)
    return [
        case("after-callback", "after completion", [*base, "can you call me"],
             expect=expected(p), done_at=n, last_reply="will call you"),
        case("after-cancel-returning", "after completion",
             ["hi", "yes", "leaky faucet", "asap", "yes", "yes", "cancel my appointment",
              "cancel the request"], phone=RETURNING, opted_in=True, outcome="cancelled",
             last_reply="cancelled"),
        case("after-cancel-never-mind", "after completion",
             ["hi", "yes", "leaky faucet", "asap", "yes", "yes", "cancel my appointment",
              "never mind"], phone=RETURNING, opted_in=True, outcome="cancelled",
             last_reply="cancelled"),
        case("after-never-mind", "after completion", [*base, "never mind"],
             expect=expected(p), done_at=n, last_reply="nothing was cancelled"),
        case("after-new-need", "after completion",
             ["hi", "yes", "leaky faucet", "asap", "yes", "yes",
              "also the water heater is making noise", "yes", "tomorrow morning", "yes",
              "yes"], phone=RETURNING, opted_in=True, requests=2,
             expect={"need": "the water heater is making noise",
                     "when": "2026-11-24 08:00-12:00"}, last_reply="received"),
    ]


def cases() -> list[Case]:
    """Every case of this module."""
    return acknowledgements() + follow_ups()
