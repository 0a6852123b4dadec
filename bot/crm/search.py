"""The lead list as staff search it, the board, and the sources and tags in use.

`q` is read as what staff type: a name (full or partial, either order), a phone in any
format or its last 4+ digits, an email, or an address with USPS or spelled-out suffixes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from bot.crm.schemas import LeadQuery, LeadStatus
from store.models import Customer


@dataclass(frozen=True)
class BoardColumn:
    """One board column: the true number of leads in it and the first cards."""

    status: LeadStatus
    total: int
    cards: list[Customer]


def search(session: Session, query: LeadQuery, today: date,
           region: str = "US") -> tuple[list[Customer], int]:
    """One page of leads matching `query` and the total number that match."""
    raise NotImplementedError


def board(session: Session, per_column: int = 50) -> list[BoardColumn]:
    """Every status's true count and its newest `per_column` active leads."""
    raise NotImplementedError


def sources_in_use(session: Session) -> list[str]:
    """The presets followed by every other source actually on a lead."""
    raise NotImplementedError


def tags_in_use(session: Session) -> list[str]:
    """Every tag on a lead, case-insensitively distinct, sorted."""
    raise NotImplementedError
