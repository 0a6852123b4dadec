"""Shared tokens for the readers: words and emoji with their spans, folded for matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_CHARS = 1000  # every reader looks at no more than this much of a message
MAX_ANSWER = 300  # a short answer (yes/no, skip, "same as before", a source) is never longer
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s]")
# Modifiers that ride on an emoji (skin tones, variation selectors, joiners): never a token.
_EMOJI_NOISE = re.compile("[\U0001f3fb-\U0001f3ff\ufe0e\ufe0f\u200d\u20e3]")


@dataclass(frozen=True)
class Tok:
    """One word or emoji of a message: its folded key and its [start, end) span."""

    key: str  # lower case, accents and curly quotes folded: "dias", "it's"
    start: int
    end: int
    emoji: bool = False


def fold(text: str) -> str:
    """Lower case without accents, curly apostrophes made straight: "Días" -> "dias"."""
    s = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    return "".join(c for c in s if not unicodedata.combining(c))


def is_emoji(char: str) -> bool:
    """A pictograph or symbol such as 👍, 🙂, ✅ (not a letter, digit or punctuation)."""
    return unicodedata.category(char) in ("So", "Sk") or 0x1F000 <= ord(char) <= 0x1FAFF


def tokens(text: str) -> list[Tok]:
    """The words and emoji of `text` (its first MAX_CHARS); punctuation is left out."""
    text = _EMOJI_NOISE.sub(" ", text[:MAX_CHARS])
    found: list[Tok] = []
    for m in _TOKEN.finditer(text):
        raw = m[0]
        if raw[0].isalnum() or raw[0] == "_":
            found.append(Tok(fold(raw), m.start(), m.end()))
        elif is_emoji(raw):
            found.append(Tok(raw, m.start(), m.end(), emoji=True))
    return found


def phrases(lines: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """A set of folded word sequences from "a, b c, d" style vocabulary lines."""
    return frozenset(tuple(fold(p).split()) for line in lines for p in line.split(",")
                     if p.strip())


def longest(toks: Sequence[Tok], i: int, vocab: frozenset[tuple[str, ...]]) -> int:
    """How many tokens from toks[i] spell the longest phrase of `vocab` (0 when none)."""
    for n in range(min(6, len(toks) - i), 0, -1):
        if tuple(t.key for t in toks[i : i + n]) in vocab:
            return n
    return 0


def longest_back(toks: Sequence[Tok], j: int, vocab: frozenset[tuple[str, ...]]) -> int:
    """How many tokens ending just before toks[j] spell the longest phrase of `vocab`."""
    for n in range(min(6, j), 0, -1):
        if tuple(t.key for t in toks[j - n : j]) in vocab:
            return n
    return 0


def words_of(text: str) -> str:
    """The folded words and emoji of `text`, single-spaced: "Sí, claro 👍" -> "si claro 👍"."""
    return " ".join(t.key for t in tokens(text))
