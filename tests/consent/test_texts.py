"""The compliance texts: what carriers expect in each, in English and Spanish."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from consent.ledger import ConsentEvent, verify_chain
from consent.texts import (
    DISCLOSURE_VERSION,
    Business,
    consent_question,
    disclosure,
    help_text,
    opt_in_confirmation,
)
from store import ledger
from store.clock import utcnow
from store.db import session_factory
from store.uow import UnitOfWork

ACE = Business("Ace Plumbing", "(555) 010-0000")
FREQUENCY = {"en": "Message frequency varies", "es": "La frecuencia de los mensajes varía"}
RATES = {"en": "Msg & data rates may apply", "es": "tarifas"}
STOP = {"en": "STOP", "es": "PARAR"}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("text", [disclosure, consent_question, opt_in_confirmation])
def test_opt_in_language_says_frequency_varies_with_rates_and_stop(text: object,
                                                                   lang: str) -> None:
    said = text(ACE, lang)  # type: ignore[operator]
    assert FREQUENCY[lang] in said and RATES[lang] in said and STOP[lang] in said
    assert said.startswith(("Ace Plumbing", "May Ace Plumbing", "¿Podemos"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_help_names_the_business_the_contact_and_stop(lang: str) -> None:
    said = help_text(ACE, lang)
    assert "Ace Plumbing" in said and "(555) 010-0000" in said and STOP[lang] in said


def test_the_disclosure_version_names_this_wording() -> None:
    assert DISCLOSURE_VERSION == "2026-12-01.en-es.3"


def test_events_keep_the_version_they_were_shown(engine: Engine) -> None:
    with UnitOfWork(session_factory(engine)) as uow:
        for version, words in [("2026-11-23.en-es.2", "old wording"),
                               (DISCLOSURE_VERSION, consent_question(ACE))]:
            ledger.append(uow.session, ConsentEvent(
                channel="sms", kind="opt_in", method="reply", actor="texter",
                recorded_at=utcnow(), phone="+15551234567", text="YES", disclosure=words,
                disclosure_version=version))
        uow.commit()
    with session_factory(engine)() as s:
        events = list(ledger.stream(s))
        assert [e.disclosure_version for e in events] == ["2026-11-23.en-es.2",
                                                          DISCLOSURE_VERSION]
        assert verify_chain(events).ok
