"""Grade each reader on its corpus field by field; shared by the tests and bench/understanding."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.conversation.understand import (
    addresses,
    chatter,
    emails,
    extract,
    names,
    phones,
    referral,
    skip,
    when,
    yesno,
)
from tests.bot.conversation.understand import corpus_held_out as held
from tests.bot.conversation.understand.cases import Case
from tests.bot.conversation.understand.corpus_addresses import ADDRESSES, SAME_AS_BEFORE
from tests.bot.conversation.understand.corpus_answers import (
    CHATTER,
    EMAILS,
    PHONES,
    REFERRALS,
    SKIPS,
    SPLIT,
    YES_NO,
)
from tests.bot.conversation.understand.corpus_extract import EXTRACT
from tests.bot.conversation.understand.corpus_names import FOUND_NAMES, NAMES
from tests.bot.conversation.understand.corpus_when import WHEN

TZ = "America/New_York"
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo(TZ))
Fields = dict[str, bool]


def _fields(expected: dict[str, Any], got: dict[str, Any]) -> Fields:
    return {k: got.get(k) == v for k, v in expected.items()}


def _name(got: names.Name | str | None) -> Any:
    if isinstance(got, names.Name):
        return {"first": got.first, "last": got.last, "company": got.company}
    return got


def grade_name(case: Case) -> Fields:
    got = _name(names.parse_name(case.text))
    if isinstance(case.expected, str) or not isinstance(got, dict):
        return {"reason": got == case.expected}
    return _fields(case.expected, got)


def grade_found_name(case: Case) -> Fields:
    got = _name(names.find_name(case.text))
    if case.expected is None or got is None:
        return {"name": got == case.expected}
    return _fields(case.expected, got)


def _when_reading(text: str) -> tuple[str, str | None, str | None]:
    try:
        got = when.parse_when(text, NOW, TZ)
    except when.WhenError as exc:
        return f"error:{exc.reason}", None, None
    return _when_tuple(got)


def _when_tuple(got: when.PreferredTime) -> tuple[str, str | None, str | None]:
    if got.asap or got.no_preference:
        return ("asap" if got.asap else "any"), None, None
    def fmt(moment: datetime | None) -> str | None:
        return moment.strftime("%m-%d %H:%M") if moment else None
    return ("window" if got.end else "exact"), fmt(got.start), fmt(got.end)


def grade_when(case: Case) -> Fields:
    kind, start, end = _when_reading(case.text)
    return {"kind": kind == case.expected[0], "start": start == case.expected[1],
            "end": end == case.expected[2]}


def grade_address(case: Case) -> Fields:
    got = addresses.parse_address(case.text)
    if case.expected is None or got is None:
        return {"address": got == case.expected if case.expected is None else False}
    return _fields(case.expected, got.as_dict())


def grade_extract(case: Case) -> Fields:
    facts = extract.extract(case.text, "US", NOW, TZ)
    name = facts.name and (facts.name.first, facts.name.last, facts.name.company)
    address = facts.address
    want = case.expected
    fields = {
        "name": name == want.get("name"), "phone": facts.phone == want.get("phone"),
        "email": facts.email == want.get("email"), "service": facts.service == want.get("service"),
        "when": (facts.when and _when_tuple(facts.when)) == want.get("when"),
    }
    if "address" in want:
        fields["address"] = address is not None and all(
            address.get(k) == v for k, v in want["address"].items())
    else:
        fields["address"] = address is None
    return fields


def _equal(read: Callable[[str], Any]) -> Callable[[Case], Fields]:
    return lambda case: {"value": read(case.text) == case.expected}


def _chatter(case: Case) -> Fields:
    strip, only, ack = case.expected
    return {"strip": chatter.strip_chatter(case.text) == strip,
            "is_chatter": chatter.is_chatter(case.text) == only,
            "is_acknowledgement": chatter.is_acknowledgement(case.text) == ack}


# function name -> (its corpus, its grader)
SUITES: dict[str, tuple[list[Case], Callable[[Case], Fields]]] = {
    "names.parse_name": (NAMES + held.NAMES, grade_name),
    "names.find_name": (FOUND_NAMES, grade_found_name),
    "yesno.read_yes_no": (YES_NO + held.YES_NO, _equal(yesno.read_yes_no)),
    "yesno.split_yes_no": (SPLIT, _equal(yesno.split_yes_no)),
    "skip.is_skip": (SKIPS, _equal(skip.is_skip)),
    "chatter": (CHATTER, _chatter),
    "phones.find_phone": (PHONES, _equal(lambda t: phones.find_phone(t, "US"))),
    "emails.find_email": (EMAILS, _equal(emails.find_email)),
    "referral.read_referral": (REFERRALS, _equal(referral.read_referral)),
    "when.parse_when": (WHEN + held.WHEN, grade_when),
    "addresses.parse_address": (ADDRESSES + held.ADDRESSES, grade_address),
    "addresses.means_same_as_before": (SAME_AS_BEFORE, _equal(addresses.means_same_as_before)),
    "extract.extract": (EXTRACT + held.EXTRACT, grade_extract),
}


def passed(fields: Fields) -> bool:
    """An item passes when every graded field is right."""
    return all(fields.values())
