"""Lead list queries: filters, word and phone search, sorting, board counts.

Words are matched against customers.search_text / search_extra (kept true by the models'
flush hook and store.contacts): on PostgreSQL one LIKE each, on SQLite through the trigram
index of store.fts (the same substrings found without reading every row); phone digits
against the reversed digits of customer_phones, so "ends with 0101" is an indexed prefix
range on both databases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.orm import Session

from store import fts
from store.models import Customer, CustomerPhone

SORTS: dict[str, Sequence[Any]] = {
    "newest": (Customer.id.desc(),),
    "oldest": (Customer.id.asc(),),
    "name": (func.lower(Customer.last_name), func.lower(Customer.first_name), Customer.id),
    "updated": (Customer.updated_at.desc(), Customer.id.desc()),
    "follow_up": (Customer.next_follow_up_date.is_(None), Customer.next_follow_up_date,
                  Customer.id),
}


@dataclass(frozen=True)
class Filters:
    """What to look for; `words` is a list of alternatives that must each match."""

    words: list[tuple[str, ...]] = field(default_factory=list)
    digits: str | None = None  # 4+ digits a phone ends with
    digits_or_words: bool = False  # a bare number may also be a house number
    phone: str | None = None  # an exact E.164 phone
    status: str | None = None
    source: str | None = None
    tag: str | None = None
    needs_attention: bool | None = None
    follow_up_due: bool | None = None  # next_follow_up_date today or earlier (or not)
    today: date | None = None
    archived: bool = False
    is_test: bool = False  # leads made by the dashboard's "Try the chat"
    ids: Sequence[int] | None = None


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _word(alternatives: tuple[str, ...]) -> ColumnElement[bool]:
    return or_(*(column.like(_like(w), escape="\\") for w in alternatives
                 for column in (Customer.search_text, Customer.search_extra)))


def _words(words: list[tuple[str, ...]], indexed: bool) -> list[ColumnElement[bool]]:
    """Each word (any of its spellings) in the words; through the index where it can be."""
    if not indexed:
        return [_word(w) for w in words]
    long = [w for w in words if min(map(len, w)) >= fts.MIN_CHARS]
    out = [_word(w) for w in words if w not in long]
    if long:
        index: ColumnElement[str] = literal_column(fts.TABLE)
        found: Select[int] = select(literal_column("rowid", Integer)).select_from(
            text(fts.TABLE)).where(index.op("MATCH")(fts.match(long)))
        out.insert(0, Customer.id.in_(found))
    return out


def phone_ends_with(digits: str) -> ColumnElement[bool]:
    """Customers one of whose phones ends with `digits` (an index range, not a scan)."""
    prefix = digits[::-1]
    stripped = prefix.rstrip("9")
    condition = CustomerPhone.digits_rev >= prefix
    if stripped:  # the smallest string above every one starting with the prefix
        above = stripped[:-1] + str(int(stripped[-1]) + 1)
        condition = and_(condition, CustomerPhone.digits_rev < above)
    return Customer.id.in_(select(CustomerPhone.customer_id).where(condition))


def not_test() -> ColumnElement[bool]:
    """Not a "Try the chat" lead; as `NOT is_test`, which no planner takes for an index
    (`is_test = false` made SQLite read all 100,000 rows through ix_customers_is_test)."""
    return ~Customer.is_test


def conditions(f: Filters, indexed: bool = False) -> list[ColumnElement[bool]]:
    """The WHERE clauses for `f`; `indexed`: words through SQLite's trigram index."""
    out: list[ColumnElement[bool]] = [Customer.archived == f.archived,
                                      Customer.is_test == true() if f.is_test else not_test()]
    words = _words(f.words, indexed)
    if f.digits and f.digits_or_words:
        out.append(or_(phone_ends_with(f.digits), and_(*words)))
    elif f.digits:
        out.append(phone_ends_with(f.digits))
        out.extend(words)
    else:
        out.extend(words)
    if f.phone:
        owner = select(CustomerPhone.customer_id).where(CustomerPhone.number == f.phone)
        out.append(Customer.id.in_(owner))
    if f.status:
        out.append(Customer.lead_status == f.status)
    if f.source:
        out.append(func.lower(Customer.source) == f.source.lower())
    if f.tag:
        out.append(Customer.tags_key.like(_like(f"|{f.tag.casefold()}|"), escape="\\"))
    if f.needs_attention is not None:
        out.append(Customer.needs_attention == f.needs_attention)
    if f.follow_up_due is not None and f.today is not None:
        due = Customer.next_follow_up_date <= f.today
        out.append(due if f.follow_up_due else or_(Customer.next_follow_up_date.is_(None),
                                                   Customer.next_follow_up_date > f.today))
    if f.ids is not None:
        out.append(Customer.id.in_(list(f.ids)) if f.ids else false())
    return out


def find(session: Session, f: Filters, sort: str = "newest", limit: int = 50,
         offset: int = 0) -> tuple[list[Customer], int]:
    """One page of matching customers and how many match in all.

    A page that is not full tells the total itself: a selective search scans once.
    """
    where = conditions(f, indexed=session.get_bind().dialect.name == "sqlite")
    rows = list(session.scalars(select(Customer).where(*where).order_by(*SORTS[sort])
                                .limit(limit).offset(offset)))
    if len(rows) < limit and (rows or offset == 0):
        return rows, offset + len(rows)
    total = session.scalar(select(func.count()).select_from(Customer).where(*where)) or 0
    return rows, total


# The board's queries name is_test with an equality, so that ix_customers_board (archived,
# lead_status, is_test, id) answers them alone: counts from the index, cards in id order.
def status_counts(session: Session) -> dict[str, int]:
    """How many active (not archived, not test) leads each status has."""
    query = (select(Customer.lead_status, func.count())
             .where(Customer.archived == false(), Customer.is_test == false())
             .group_by(Customer.lead_status))
    return {status: count for status, count in session.execute(query)}


def newest_in_status(session: Session, status: str, limit: int) -> list[Customer]:
    """The newest active (not test) leads of one status."""
    query = (select(Customer).where(Customer.archived == false(),
                                    Customer.lead_status == status, Customer.is_test == false())
             .order_by(Customer.id.desc()).limit(limit))
    return list(session.scalars(query))


def distinct_sources(session: Session) -> list[str]:
    """Every source on a lead."""
    return list(session.scalars(select(Customer.source).distinct()))


def distinct_tag_keys(session: Session) -> list[str]:
    """Every combination of tags on a lead, as stored in tags_key."""
    return list(session.scalars(select(Customer.tags_key).where(Customer.tags_key != "")
                                .distinct()))
