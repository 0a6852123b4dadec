"""Corrections at every step and at the summary, and several facts in one message."""

from __future__ import annotations

from typing import Any

from tests.bot.conversation.corpus.case import CALLER, Case, case
from tests.bot.conversation.corpus.people import expected, intake, person

PINE = {"line1": "118 PINE ST", "line2": None, "city": None, "state": None, "zip": None}
BIRCH = {"line1": "14 BIRCH RD", "line2": None, "city": None, "state": None, "zip": None}
# (index of the turn the correction follows, the correction, what changes)
MID: list[tuple[int, str, dict[str, Any]]] = [
    (6, "can we do monday morning instead", {"when": "2026-11-30 08:00-12:00"}),
    (4, "no the address is wrong, should be 118 Pine St", PINE),
    (3, "use 617-555-0199 for the phone instead", {"phone": "+16175550199"}),
    (6, "make it thursday", {"when": "2026-11-26 08:00-17:00"}),
    (4, "actually it's 14 Birch Rd", BIRCH),
    (7, "actually my name is Jonathan Reyes", {"first": "Jonathan", "last": "Reyes"}),
    (3, "sorry, my name is Ellen Park", {"first": "Ellen", "last": "Park"}),
    (6, "wait, the address should be 14 Birch Rd", BIRCH),
    (6, "change the time to friday afternoon", {"when": "2026-11-27 12:00-17:00"}),
    (7, "my email is actually jo@example.com", {"email": "jo@example.com"}),
    (4, "nah use +1 646 555 0123 instead", {"phone": "+16465550123"}),
    (5, "oops wrong address, it's 118 Pine St", PINE),
    (6, "actually make it asap", {"when": "asap"}),
    (7, "actually can you come tomorrow at 10am instead", {"when": "2026-11-24 10:00"}),
    (7, "the phone should be 555-867-5309", {"phone": "+15558675309"}),
]


def mid() -> list[Case]:
    """A correction of an earlier answer, then the script carries on where it was."""
    out = []
    for i, (after, said, changes) in enumerate(MID):
        p = person(i)
        turns = intake(p)
        turns.insert(after, said)
        expect = expected(p, **changes)
        out.append(case(f"fix-{i}", "corrections", turns, expect=expect))
    return out


# At the summary: (the change, its answer or None, what changes)
AT_SUMMARY: list[tuple[str, str | None, dict[str, Any]]] = [
    ("change address", "14 Birch Rd", BIRCH),
    ("the time is wrong", "friday afternoon", {"when": "2026-11-27 12:00-17:00"}),
    ("change the time to monday morning", None, {"when": "2026-11-30 08:00-12:00"}),
    ("name", "Ann Marie Lee", {"first": "Ann", "last": "Marie Lee"}),
    ("no, the address is 118 Pine St", None, PINE),
    ("email should be pat@example.com", None, {"email": "pat@example.com"}),
    ("wrong phone", "(617) 555-0100", {"phone": "+16175550100"}),
    ("can we do thursday instead", None, {"when": "2026-11-26 08:00-17:00"}),
    ("the problem is actually a clogged toilet, not the drain", None,
     {"need": "a clogged toilet, not the drain"}),
    ("14 Birch Rd", None, BIRCH),
    ("make it asap", None, {"when": "asap"}),
    ("the need is wrong", "burst pipe in the basement", {"need": "burst pipe in the basement"}),
]


def at_summary() -> list[Case]:
    """A change at the summary, then YES."""
    out = []
    for i, (said, answer, changes) in enumerate(AT_SUMMARY):
        p = person(i + 3)
        turns = intake(p)
        extra = [said] + ([answer] if answer else [])
        turns[-1:-1] = extra
        out.append(case(f"summary-fix-{i}", "corrections", turns, expect=expected(p, **changes)))
    return out


# (first message, the turns that follow, what is stored)
SEVERAL = [
    ("This is Bob Smith, 42 Elm St Springfield IL 62704, water heater leaking",
     ["yes", "tomorrow morning", "skip", "yes", "yes"],
     {"first": "Bob", "last": "Smith", "line1": "42 ELM ST", "city": "SPRINGFIELD",
      "state": "IL", "zip": "62704", "need": "water heater leaking",
      "when": "2026-11-24 08:00-12:00"}),
    ("Hi, I'm Kim Lee. My sink is clogged at 9 Maple Dr, can someone come tomorrow morning?",
     ["yes", "skip", "yes", "yes"],
     {"first": "Kim", "last": "Lee", "line1": "9 MAPLE DR", "need": "My sink is clogged"}),
    ("my name is Ana Ruiz and the AC isn't cooling", ["yes", "300 Main St, Austin TX 78701",
                                                      "asap", "skip", "yes", "yes"],
     {"first": "Ana", "last": "Ruiz", "line1": "300 MAIN ST", "need": "the AC isn't cooling",
      "when": "asap"}),
]
AT_NAME = [
    ("Bob Smith, 42 Elm St Springfield IL, leaky faucet",
     {"first": "Bob", "last": "Smith", "line1": "42 ELM ST", "city": "SPRINGFIELD",
      "state": "IL", "need": "leaky faucet"}),
    ("Grace Kim - 55 River Rd, Albany NY 12203 - no heat",
     {"first": "Grace", "last": "Kim", "line1": "55 RIVER RD", "city": "ALBANY", "state": "NY",
      "zip": "12203", "need": "no heat"}),
    ("Tom Nguyen, 18 Birch Ln Columbus OH 43215, toilet keeps running",
     {"first": "Tom", "last": "Nguyen", "line1": "18 BIRCH LN", "city": "COLUMBUS",
      "need": "toilet keeps running"}),
]


def several() -> list[Case]:
    """One message with several facts fills them all, at the start or at the name question."""
    out = []
    for i, (first, rest, expect) in enumerate(SEVERAL):
        out.append(case(f"facts-{i}", "several facts", [first, *rest],
                        expect={"phone": CALLER, **expect}))
    for i, (said, expect) in enumerate(AT_NAME):
        turns = ["hi", said, "yes", "friday afternoon", "skip", "yes", "yes"]
        out.append(case(f"facts-name-{i}", "several facts", turns,
                        expect={"phone": CALLER, "when": "2026-11-27 12:00-17:00", **expect}))
    # Two answers in one: the address with the need, the need with the time.
    for kind, at, count, first, glue in (("addr", 3, 4, 8, "{place}, {need}"),
                                         ("need", 4, 3, 12, "{need}, {when} works")):
        for i in range(count):
            p = person(i + first)
            turns = intake(p)
            turns[at:at + 2] = [glue.format(**p)]
            out.append(case(f"facts-{kind}-{i}", "several facts", turns, expect=expected(p)))
    return out


def cases() -> list[Case]:
    """Every case of this module."""
    return mid() + at_summary() + several()
