"""The matching form of an inbound text: folded, undisguised ("S T O P", "st0p", "ЅТОР").

Pure; the one table built from data (Unicode's confusables, as shipped by the
confusable-homoglyphs package) is built on first use and kept.

Undisguising only ever produces a keyword: a spaced, dotted or digit-for-letter word is
replaced when what it spells is one of `keywords`, and left alone otherwise, so "4pm",
"2nd floor" or "a b c" never change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import cache

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
                             "\u00b4": "'"})
_SPACES = re.compile(r"\s+")
# Digits and signs people type for letters: "st0p", "5TOP", "$top", "qu1t", "c4ncel".
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s",
                       "@": "a"})
_UNIT = r"[^\W_]|[$@]"  # one letter or digit, or a sign that stands for one
# One character, then two or more more, each after a space, dot, dash, star or underscore.
_SPELLED = re.compile(rf"(?<![\w$@])(?:{_UNIT})(?:[\s.\-_*·]+(?:{_UNIT})){{2,}}(?![\w$@])")
_WORD = re.compile(r"[\w$@]+")
_SMALL_CAPITAL = re.compile(r"LATIN LETTER SMALL CAPITAL ([A-Z])$")


@cache
def _skeleton_table() -> dict[int, str]:
    """Non-ASCII characters that look like one ASCII letter, mapped to it (lowercase).

    From Unicode's confusables (UTS #39) as shipped by confusable-homoglyphs; where the
    look-alike is a small capital ("т" is listed as "ᴛ"), its letter.
    """
    from confusable_homoglyphs.utils import load  # type: ignore[import-untyped]

    data: dict[str, list[dict[str, str]]] = load("confusables.json")
    table: dict[int, str] = {}
    for char, glyphs in data.items():
        if len(char) != 1 or char.isascii() or not unicodedata.category(char).startswith("L"):
            continue  # letters only: "¡" looks like "i" but opens a Spanish exclamation
        for glyph in (g["c"] for g in glyphs):
            letter = _ascii_letter(glyph)
            if letter:
                table[ord(char)] = letter
                break
    return table


def _ascii_letter(glyph: str) -> str | None:
    if len(glyph) == 1 and glyph.isascii() and glyph.isalpha():
        return glyph.lower()
    if len(glyph) == 1 and (found := _SMALL_CAPITAL.search(unicodedata.name(glyph, ""))):
        return found.group(1).lower()
    return None


def skeleton(text: str) -> str:
    """NFKC (full-width and styled letters), then look-alikes from other alphabets as ASCII."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    return text.translate(_skeleton_table())


def fold(text: str) -> str:
    """Casefold, strip accents, map symbols/newlines to clause breaks and controls to spaces."""
    out = []
    for ch in unicodedata.normalize("NFKD", text.translate(APOSTROPHES).casefold()):
        cat = unicodedata.category(ch)
        if cat == "Mn" or cat == "Cf":
            continue  # accents, emoji variation selectors, zero-width characters
        if (cat[0] == "S" and ch not in "$@") or ch in "\n\r":
            out.append("\n")  # emoji often separate sentences: "wrong number 🙄 stop"
        elif cat[0] in "CZ":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def undisguise(folded: str, keywords: Collection[str]) -> str:
    """Spaced, dotted or leetspeak spellings of a keyword replaced by the keyword.

    A "$" that spells nothing is put back as a clause break, as other symbols are.
    """
    def spelled(m: re.Match[str]) -> str:
        word = re.sub(r"[\s.\-_*·]+", "", m.group()).translate(_LEET)
        return word if word in keywords else m.group()

    def leet(m: re.Match[str]) -> str:
        token = m.group()
        if token in keywords or not any(c.isalpha() for c in token):
            return token
        word = token.translate(_LEET)
        if word not in keywords and len(word) >= 4:
            word = word.replace("l", "i")  # "qult", "unsubscrlbe": I and l look alike
        return word if word in keywords else token

    out = _WORD.sub(leet, _SPELLED.sub(spelled, folded))
    return out.replace("$", "\n")


def squash(folded: str) -> str:
    """Collapse whitespace and drop leading/trailing non-alphanumerics."""
    s = _SPACES.sub(" ", folded)
    start = next((i for i, c in enumerate(s) if c.isalnum()), len(s))
    end = next((i for i in range(len(s) - 1, start - 1, -1) if s[i].isalnum()), start - 1)
    return s[start : end + 1]
