"""Spanish keywords over the signed SMS webhook get Spanish replies, and the ledger says so."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from consent.texts import (
    Business,
    disclosure,
    help_text,
    opt_in_confirmation,
    opt_out_confirmation,
)
from store.models import ConsentEventRow, MessageLog
from tests.support.twilio import Texter

MakeTexter = Callable[..., Texter]
ACE = Business("Ace Plumbing", "(555) 010-0000")


def events(engine: Engine) -> list[ConsentEventRow]:
    with Session(engine) as s:
        return list(s.scalars(select(ConsentEventRow).order_by(ConsentEventRow.id)))


def outbound(engine: Engine) -> list[MessageLog]:
    with Session(engine) as s:
        query = select(MessageLog).where(MessageLog.direction == "out").order_by(MessageLog.id)
        return list(s.scalars(query))


@pytest.mark.parametrize("word", ["PARAR", "Alto", "cancelar", "  ALTO. ", "Parar por favor",
                                  "BAJA", "no me envíen más", "No me manden mas mensajes"])
def test_spanish_opt_out_gets_one_spanish_confirmation_then_silence(
        texter: MakeTexter, engine: Engine, word: str) -> None:
    t = texter("+15553330001")
    t.say("Hola, necesito un plomero")
    assert t.say(word) == [opt_out_confirmation(ACE, "es")]
    assert t.say("PARAR") == []
    assert t.say("hola?") == []
    opt_outs = [e for e in events(engine) if e.kind == "opt_out"]
    assert [e.text for e in opt_outs] == [word, "PARAR"]
    assert opt_outs[0].disclosure == opt_out_confirmation(ACE, "es")
    purposes = [m.purpose for m in outbound(engine)]
    assert purposes.count("opt_out_confirmation") == 1 and purposes[-1] == "opt_out_confirmation"


@pytest.mark.parametrize("word", ["AYUDA", "ayuda", "Ayuda por favor"])
def test_ayuda_gets_the_spanish_help_text_and_keeps_the_conversation(
        texter: MakeTexter, engine: Engine, word: str) -> None:
    t = texter("+15553330002")
    t.say("Hola")
    t.say("Maria Lopez")
    reply, question = t.say(word)
    assert "(555) 333-0002" in question and question.startswith("¿Es")  # asked again, in Spanish
    assert reply == help_text(ACE, "es")
    assert "Ace Plumbing" in reply and "(555) 010-0000" in reply and "PARAR" in reply
    assert "tarifas de mensajes y datos" in reply
    assert t.say("yes"), "the conversation continues where it was"
    [event] = events(engine)
    assert (event.kind, event.text, event.disclosure) == ("help", word, reply)


def test_ayuda_while_opted_out_is_answered_in_spanish(texter: MakeTexter) -> None:
    t = texter("+15553330003")
    t.say("PARAR")
    assert t.say("AYUDA") == [help_text(ACE, "es")]


@pytest.mark.parametrize("word", ["COMENZAR", "Sí", "si"])
def test_spanish_re_opt_in_is_confirmed_in_spanish(texter: MakeTexter, engine: Engine,
                                                   word: str) -> None:
    t = texter("+15553330004")
    t.say("ALTO")
    assert t.say(word) == [opt_in_confirmation(ACE, "es")]
    assert [e.kind for e in events(engine)] == ["opt_out", "opt_in"]


def test_a_spanish_first_message_gets_the_spanish_disclosure(texter: MakeTexter) -> None:
    first = texter("+15553330005").say("Hola, necesito un plomero para mi casa")
    assert first[0] == disclosure(ACE, "es")


def test_english_stop_keeps_english_replies(texter: MakeTexter) -> None:
    t = texter("+15553330006")
    assert t.say("STOP") == [opt_out_confirmation(ACE, "en")]
    assert t.say("HELP") == [help_text(ACE, "en")]
