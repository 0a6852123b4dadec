"""The graded conversation corpus: every case, by category."""

from __future__ import annotations

from tests.bot.conversation.corpus import (
    after,
    basic,
    edits,
    held_out,
    held_out_lead,
    others,
    referral,
)
from tests.bot.conversation.corpus.case import Case


def all_cases() -> list[Case]:
    """Every conversation of the corpus."""
    cases = (basic.cases() + edits.cases() + others.cases() + after.cases()
             + referral.cases() + held_out.cases() + held_out_lead.cases())
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "corpus case ids must be unique"
    return cases
