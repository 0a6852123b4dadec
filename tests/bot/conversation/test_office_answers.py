"""The corpus of answers to office texts, graded: office thread or the bot (SPEC 2026-12-01)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.conversation.machine import respond
from bot.conversation.state import ConvState, ReplyToOffice
from tests.bot.conversation.office_answers import ANSWERS, BOT, HELD_OUT, OFFICE
from tests.bot.conversation.test_machine import ctx

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
OFFICE_TEXT = 41
KNOWN: set[str] = set()  # answers the rule still gets wrong (counted in the README)


def route(text: str) -> str:
    """Where this answer goes when the office texted after a finished request."""
    done = ConvState(mode="done", step="done", ending="submitted", disclosure="shown")
    out = respond(done, text, ctx(office_message=lambda: OFFICE_TEXT), NOW)
    return OFFICE if any(isinstance(e, ReplyToOffice) for e in out.effects) else BOT


def score(corpus: list[tuple[str, str]] = ANSWERS + HELD_OUT
          ) -> tuple[int, list[tuple[str, str, str]]]:
    """How many answers go where they are labelled, and the misses (text, want, got)."""
    misses = [(t, want, got) for t, want in corpus if (got := route(t)) != want]
    return len(corpus) - len(misses), misses


def test_answers_to_office_texts_go_where_people_mean_them() -> None:
    _, misses = score()
    unexpected = [m for m in misses if m[0] not in KNOWN]
    assert not unexpected, unexpected


def test_known_misses_are_still_misses() -> None:
    # A known miss that now passes must leave KNOWN (so the README's score stays true).
    _, misses = score()
    assert {m[0] for m in misses} >= KNOWN


def test_both_kinds_are_in_the_corpus() -> None:
    labels = [want for _, want in ANSWERS + HELD_OUT]
    assert labels.count(OFFICE) >= 40 and labels.count(BOT) >= 15


def test_without_an_office_text_nothing_goes_to_the_office() -> None:
    done = ConvState(mode="done", step="done", ending="submitted", disclosure="shown")
    out = respond(done, "ok see you then", ctx(), NOW)
    assert not any(isinstance(e, ReplyToOffice) for e in out.effects)
