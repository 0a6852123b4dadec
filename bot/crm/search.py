"""The lead list as staff search it, the board, and the sources and tags in use.

`q` is read as what staff type: a name (full or partial, either order), a phone in any
format or its last 4+ digits, an email, or an address with USPS or spelled-out suffixes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from bot.conversation.parsing import parse_phone
from bot.crm.contacts import fold_word
from bot.crm.errors import Invalid
from bot.crm.schemas import PHONE_CHARS, SOURCE_PRESETS, STATUSES, LeadQuery, LeadStatus
from store import search as store_search
from store.models import Customer
from store.search import Filters


@dataclass(frozen=True)
class BoardColumn:
    """One board column: the true number of leads in it and the first cards."""

    status: LeadStatus
    total: int
    cards: list[Customer]


def _is_phone_like(q: str) -> bool:
    return bool(q) and not set(q) - PHONE_CHARS and sum(c.isdigit() for c in q) >= 4


def filters(query: LeadQuery, today: date, region: str = "US") -> Filters:
    """The store's filters for a LeadQuery; `q` read as a phone, an email or words."""
    q = (query.q or "").strip()
    digits = "".join(c for c in q if c.isdigit())
    words: list[tuple[str, ...]] = []
    phone_like = _is_phone_like(q)
    if q and not (phone_like and not q.isdigit()):
        for word in q.lower().replace(",", " ").split():
            word = word.strip(".")
            if word:
                folded = fold_word(word)
                words.append((word, folded) if folded else (word,))
    phone = None
    if query.phone:
        phone = parse_phone(query.phone, region)
        if phone is None:
            raise Invalid(f"phone {query.phone!r} is not a phone number")
    return Filters(words=words, digits=digits if phone_like else None,
                   digits_or_words=phone_like and q.isdigit(), phone=phone,
                   status=query.status, source=query.source, tag=query.tag,
                   needs_attention=query.needs_attention,
                   follow_up_due=query.follow_up_due, today=today,
                   archived=query.archived, is_test=query.is_test)


def search(session: Session, query: LeadQuery, today: date,
           region: str = "US") -> tuple[list[Customer], int]:
    """One page of leads matching `query` and the total number that match."""
    return store_search.find(session, filters(query, today, region), query.sort,
                             query.limit, query.offset)


def board(session: Session, per_column: int = 50) -> list[BoardColumn]:
    """Every status's true count and its newest `per_column` active leads."""
    counts = store_search.status_counts(session)
    return [BoardColumn(status, counts.get(status, 0),
                        store_search.newest_in_status(session, status, per_column))
            for status in STATUSES]


def sources_in_use(session: Session) -> list[str]:
    """The presets followed by every other source actually on a lead."""
    presets = {p.casefold() for p in SOURCE_PRESETS}
    others = sorted({s for s in store_search.distinct_sources(session)
                     if s and s.casefold() not in presets}, key=str.casefold)
    return [*SOURCE_PRESETS, *others]


def tags_in_use(session: Session) -> list[str]:
    """Every tag on a lead, case-insensitively distinct, sorted."""
    tags = {t for key in store_search.distinct_tag_keys(session) for t in key.split("|") if t}
    return sorted(tags)
