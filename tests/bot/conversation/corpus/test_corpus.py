"""The graded corpus through the pure engine: at least 97% of whole conversations pass."""

from __future__ import annotations

from collections import Counter

from tests.bot.conversation.corpus import all_cases
from tests.bot.conversation.corpus.runner import run

CASES = all_cases()
TARGET = 0.97
# Known failures, kept in the corpus and counted (docs/conversation.md says why); the four
# listed on first contact (es-4, held-17, held-22, held-23) pass since the readers learnt them.
# lead-12: an email spoken with a space in the local part ("eli brooks at gmail dot com").
KNOWN: set[str] = {"lead-12"}


def test_the_corpus_is_large_and_covers_every_style() -> None:
    assert len(CASES) >= 200
    counts = Counter(c.category for c in CASES)
    assert set(counts) >= {"clean", "greetings", "lowercase", "typos", "emoji", "chatty",
                           "corrections", "several facts", "returning", "spanish", "handoff",
                           "never mind / start over", "after completion", "telegram",
                           "referral"}


def test_the_pass_rate_is_at_least_97_percent() -> None:
    graded = [run(c) for c in CASES]
    failed = {g.case.id: g.failures for g in graded if not g.passed}
    rate = 1 - len(failed) / len(graded)
    assert rate >= TARGET, f"pass rate {rate:.1%}; failures: {failed}"
    new = {k: v for k, v in failed.items() if k not in KNOWN}
    assert not new, f"new failures: {new}"
    fixed = KNOWN - set(failed)
    assert not fixed, f"known failures that now pass (take them off KNOWN): {fixed}"
