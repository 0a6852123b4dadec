"""A sample of the corpus through the real signed SMS webhook, on SQLite and PostgreSQL.

The webhook runs on the real clock, so times are graded by the texter's words (kept in
`preferred_time_text`) rather than by the window the fixed-clock corpus checks.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from store.models import ConsentEventRow, Customer, ServiceRequest
from tests.bot.conversation.corpus import all_cases
from tests.bot.conversation.corpus.case import CALLER, Case
from tests.support.twilio import Texter

SKIP_FIELDS = {"when", "attention", "referral", "referral_words"}


def _sample() -> list[Case]:
    chosen = [c for c in all_cases() if c.channel == "sms" and c.phone == CALLER
              and c.outcome == "created" and c.requests == 1 and not c.opted_in]
    step = max(1, len(chosen) // 20)
    return chosen[::step][:20]


def _stored(engine: Engine) -> dict[str, Any]:
    with Session(engine) as s:
        [lead] = s.scalars(select(Customer)).all()
        [request] = s.scalars(select(ServiceRequest)).all()
        kinds = [e.kind for e in s.scalars(select(ConsentEventRow)) if e.kind in (
            "opt_in", "declined")]
    return {"first": lead.first_name, "last": lead.last_name, "company": lead.company_name,
            "phone": lead.phone, "line1": request.line1, "line2": request.line2,
            "city": request.city, "state": request.state, "zip": request.postal_code,
            "need": request.service, "email": lead.email,
            "consent": kinds[-1] if kinds else None, "status": request.status,
            "when_words": request.preferred_time_text}


@pytest.mark.parametrize("c", _sample(), ids=lambda c: c.id)
def test_sampled_conversation_over_the_webhook(c: Case, texter: Any, engine: Engine) -> None:
    t: Texter = texter(c.phone)
    for text in c.turns:
        t.say(text)
    got = _stored(engine)
    for name, want in c.expect.items():
        if name in SKIP_FIELDS:
            continue
        value = got[name]
        if name == "need" and isinstance(value, str) and isinstance(want, str):
            value, want = value.strip(" .!").lower(), want.strip(" .!").lower()
        assert value == want, f"{c.id}: {name} is {value!r}, expected {want!r}"
    assert got["status"] == "new"
    assert got["when_words"], "the texter's words for the time are kept"
