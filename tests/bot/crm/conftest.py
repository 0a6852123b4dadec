"""Sessions on both databases and a way to make leads quickly."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.crm import leads
from bot.crm.schemas import LeadCreate
from store.db import session_factory
from store.models import Customer

MakeLead = Callable[..., Customer]


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose work the test commits when it wants to."""
    with session_factory(engine)() as s:
        yield s


@pytest.fixture
def make_lead(session: Session) -> MakeLead:
    """Create (and commit) a lead by hand: make_lead(first_name="Ann", phone="...")."""

    def make(**fields: object) -> Customer:
        c = leads.create_lead(session, LeadCreate.model_validate(fields), "Test")
        session.commit()
        return c

    return make
