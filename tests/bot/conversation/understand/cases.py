"""The shape of a corpus item: input, expected reading, category, and a known failure's why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Case:
    """One realistic input and what the reader must make of it, field by field."""

    text: str
    expected: Any
    category: str
    known: str | None = None  # why this item still fails; counted in the score, never deleted


def C(text: str, expected: Any, category: str, known: str | None = None) -> Case:  # noqa: N802
    """Shorthand for the corpus tables."""
    return Case(text, expected, category, known)
