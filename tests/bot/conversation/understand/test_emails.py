"""The plain-address shortcut agrees with email-validator on every address it decides."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.conversation.understand import emails


def _library(candidate: str) -> str | None:
    try:
        return validate_email(candidate, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


TRICKY = [
    "maria.gonzalez1@example.com", "Kim.Lee@Example.COM", "o'neil@mail.co.uk", "a+b@x.io",
    "100%@x.com", "a_b@x-y.org", ".lead@x.com", "trail.@x.com", "two..dots@x.com",
    "a@-x.com", "a@x-.com", "a@x..com", "a@x_y.com", "a@xn--bcher-kva.com", "a@xn--zz.com",
    "a@ab--cd.com", "a@x.local", "a@localhost", "a@x.test", "a@123.com", "a@x.c",
    "x" * 64 + "@x.com", "x" * 65 + "@x.com", "a@" + "b" * 63 + ".com",
    "a@" + "b" * 64 + ".com", "josé@x.com", "a@bücher.com", "a b@x.com", "\"q\"@x.com",
]


@pytest.mark.parametrize("candidate", TRICKY)
def test_the_shortcut_agrees_with_the_library(candidate: str) -> None:
    assert emails._valid(candidate) == _library(candidate)


_ATOM = st.text(alphabet="abcXYZ019._%+'-", min_size=1, max_size=12)
_LABEL = st.text(alphabet="abcQ09-_", min_size=1, max_size=10)


@settings(max_examples=300, deadline=None)
@given(_ATOM, st.lists(_LABEL, min_size=1, max_size=3),
       st.sampled_from(["com", "org", "io", "co.uk", "local", "test", "c0m"]))
def test_generated_addresses_read_the_same_both_ways(local: str, labels: list[str],
                                                     tld: str) -> None:
    candidate = f"{local}@{'.'.join(labels)}.{tld}"
    assert emails._valid(candidate) == _library(candidate)


@pytest.mark.parametrize("answer", ["Kim.Lee@Example.com", "  kim@x.io ", "kim@gmail,com",
                                    ".kim@x.com", "my email is kim@x.com", "kim@x.com and more"])
def test_a_whole_answer_reads_as_the_long_way_reads_it(answer: str) -> None:
    found = emails.find_email_span(answer)
    rest = "" if found is None else f"{answer[:found[1]]}{answer[found[2]:]}".strip()
    expected = found[0] if found and (not rest or rest == "my email is") else None
    assert emails.parse_email(answer) == expected
