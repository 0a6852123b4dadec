"""The words a record is searched by: lower-cased, punctuation that staff never type dropped."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s,;:()\"'/\\#]+")


def words(*parts: str | None) -> str:
    """" maria gonzalez 1234 oak ave " from the parts (blank ones skipped).

    Leading and trailing spaces let a query ask for a whole word (" ave ") or a part.
    """
    text = " ".join(p for p in parts if p)
    tokens = [t.strip(".") for t in _SEPARATORS.split(text.lower())]
    joined = " ".join(t for t in tokens if t)
    return f" {joined} " if joined else ""


def address_words(line1: str | None, line2: str | None, city: str | None, state: str | None,
                  postal_code: str | None) -> str:
    """The words of one address."""
    return words(line1, line2, city, state, postal_code)


def digits_reversed(number: str) -> str:
    """"+15125550101" -> "10105552151": "ends with" becomes an indexed prefix."""
    return "".join(c for c in reversed(number) if c.isdigit())


def customer_words(names: Iterable[str | None], email: str | None,
                   address: Iterable[str | None]) -> str:
    """The search_text of a customer row: names and company, email, primary address."""
    line1, line2, city, state, postal_code = (list(address) + [None] * 5)[:5]
    return words(*names, email, address_words(line1, line2, city, state, postal_code))


def tags_key(tags: Iterable[str]) -> str:
    """"|vip|repeat customer|": a tag filter is one case-insensitive LIKE '%|vip|%'."""
    folded = [t.casefold().replace("|", " ") for t in tags if t]
    return f"|{'|'.join(folded)}|" if folded else ""
