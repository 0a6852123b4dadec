"""Every reader on its corpus, item by item and field by field (pure: no database, no network).

A known failure stays in the corpus and is asserted to still fail, so that fixing one is
noticed and its mark removed; the score with known failures counted is bench/understanding.py.
"""

from __future__ import annotations

import pytest

from tests.bot.conversation.understand.cases import Case
from tests.bot.conversation.understand.grading import SUITES, passed

ITEMS = [pytest.param(name, case, id=f"{name}:{case.text[:40]}")
         for name, (cases, _) in SUITES.items() for case in cases]


@pytest.mark.parametrize(("function", "case"), ITEMS)
def test_corpus_item(function: str, case: Case) -> None:
    fields = SUITES[function][1](case)
    if case.known:
        assert not passed(fields), f"now passes, remove its known mark: {case.known}"
    else:
        assert passed(fields), {k: v for k, v in fields.items() if not v}


@pytest.mark.parametrize("function", [
    "names.parse_name", "yesno.read_yes_no", "when.parse_when", "addresses.parse_address",
    "extract.extract"])
def test_corpus_is_large_and_bilingual(function: str) -> None:
    cases = SUITES[function][0]
    assert len(cases) >= 40
    assert any("spanish" in c.category for c in cases)
