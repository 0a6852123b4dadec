"""Returning customers, Spanish speakers, handoff, never mind / start over, Telegram."""

from __future__ import annotations

from typing import Any

from tests.bot.conversation.corpus.case import CALLER, RETURNING, Case, case
from tests.bot.conversation.corpus.people import expected, intake, person

MARIA = {"first": "Maria", "last": "Lopez", "phone": RETURNING, "line1": "12 ELM ST",
         "city": "SPRINGFIELD", "state": "IL", "zip": "62704"}



# (turns after the greeting, what changes from the file)
RETURNS: list[tuple[list[str], dict[str, Any]]] = [
    (["yes", "AC not cooling", "asap", "yes", "yes"], {"need": "AC not cooling",
                                                       "when": "asap",
                                                       "email": "maria@example.com"}),
    (["same spot as before", "dripping faucet", "tomorrow morning", "skip", "yes"],
     {"need": "dripping faucet", "when": "2026-11-24 08:00-12:00", "email": None}),
    (["yes thats right", "water heater again", "friday afternoon", "yep", "yes"],
     {"need": "water heater again", "when":
      "2026-11-27 12:00-17:00", "email": "maria@example.com"}),
    (["no, 300 Main St, Austin TX 78701", "new outlet", "whenever", "yes", "yes"],
     {"line1": "300 MAIN ST", "city": "AUSTIN", "state": "TX", "zip": "78701",
      "need": "new outlet", "when": "any", "email": "maria@example.com"}),
    (["300 Main St, Austin TX 78701", "clogged drain", "asap", "m.lopez@example.com", "yes"],
     {"line1": "300 MAIN ST", "city": "AUSTIN", "state": "TX", "zip": "78701",
      "need": "clogged drain", "when": "asap", "email": "m.lopez@example.com"}),
    (["same address", "the furnace is making noise", "thursday morning", "same", "yes"],
     {"need": "the furnace is making noise", "when": "2026-11-26 08:00-12:00",
      "email": "maria@example.com"}),
]
RETURN_OPENERS = ["hi again", "Hello, it's Maria", "hey", "Hi, need you guys again",
                  "hello there", "good morning"]


def returning() -> list[Case]:
    """A phone on file: greeted by name, the address and email offered, no consent again."""
    out = []
    for i, (rest, changes) in enumerate(RETURNS):
        out.append(case(f"return-{i}", "returning", [RETURN_OPENERS[i], *rest],
                        phone=RETURNING, opted_in=True, expect={**MARIA, **changes},
                        last_reply="received"))
    # A returning customer on Telegram is recognised by the phone they type.
    out.append(case("return-telegram", "returning",
                    ["/start", "Maria Lopez", "(555) 222-3333", "yes", "no heat", "asap",
                     "yes", "yes"], channel="telegram", phone=None, opted_in=True,
                    expect={**MARIA, "need": "no heat", "when": "asap",
                            "email": "maria@example.com"}))
    return out


SPANISH = [
    ("Hola, necesito un plomero", "María López", "María", "López", "sí",
     "42 Elm St, Springfield, IL 62704", "se tapó el fregadero", "mañana por la mañana",
     "omitir", "sí", "sí, correcto"),
    ("Buenos días", "José Hernández", "José", "Hernández", "si", "300 Main St, Austin TX 78701",
     "el calentador de agua tiene una fuga", "lo antes posible", "no tengo", "si", "si"),
    ("Hola, buenas tardes", "Lucía Torres", "Lucía", "Torres", "sí, es correcto",
     "2201 Sunset Blvd, Miami FL 33101", "no funciona el aire acondicionado", "el viernes",
     "lucia@example.com", "claro", "sí"),
    ("hola", "Pedro Gómez", "Pedro", "Gómez", "sí", "55 River Rd, Albany NY 12203",
     "el inodoro no deja de correr", "jueves", "omitir", "no", "correcto"),
    ("Buenas, tengo un problema con la calefacción", "Ana Ramírez", "Ana", "Ramírez", "sí",
     "18 Birch Ln, Columbus OH 43215", None, "cuando sea", "no tengo", "sí", "sí"),
]


def spanish() -> list[Case]:
    """Spanish speakers: Spanish questions, Spanish yes/no/skip."""
    out = []
    for i, (first, name, fn, ln, phone, place, need, when, email, consent, ok) in enumerate(
            SPANISH):
        turns = [first, name, phone, place] + ([need] if need else []) + [
            when, email, consent, ok]
        keys = {"mañana por la mañana": "2026-11-24 08:00-12:00", "lo antes posible": "asap",
                "el viernes": "2026-11-27 08:00-17:00", "jueves": "2026-11-26 08:00-17:00",
                "cuando sea": "any"}
        out.append(case(f"es-{i}", "spanish", turns, lang="es", last_reply="Recibimos",
                        expect={"first": fn, "last": ln, "phone": CALLER, "when": keys[when],
                                "need": need or "tengo un problema con la calefacción",
                                "email": None if email in ("omitir", "no tengo") else email,
                                "consent": "opt_in" if consent != "no" else "declined"}))
    for i in range(5):
        p = person(i + 2)
        turns = ["Hola", p["name"], "sí", p["place"], "fuga de agua en la cocina", "mañana",
                 "omitir", "sí", "sí"]
        out.append(case(f"es-mixed-{i}", "spanish", turns, lang="es", last_reply="Recibimos",
                        expect={**expected(p, need="fuga de agua en la cocina",
                                          when="2026-11-24 08:00-17:00", email=None)}))
    return out


def handoff() -> list[Case]:
    """A person is asked for: the office is told, the texter hears who will call."""
    asks = ["agent", "call me", "I want to talk to a human", "can someone call me",
            "speak to a person", "real person", "have someone call me",
            "please have someone call me asap", "call me back please"]
    out = [case(f"handoff-{i}", "handoff", ["hi", "Ann Lee", said], outcome="handoff",
                last_reply="will call you at (555) 123-4567") for i, said in enumerate(asks)]
    out += [case(f"handoff-es-{i}", "handoff", ["Hola", "Ana Ruiz", said], outcome="handoff",
                 lang="es", last_reply="le llamará al (555) 123-4567")
            for i, said in enumerate(["quiero hablar con una persona", "llámenme por favor"])]
    out.append(case("handoff-telegram", "handoff", ["/start", "call me", "555 444 1212"],
                    channel="telegram", phone=None, outcome="handoff",
                    expect={"phone": "+15554441212"}, last_reply="will call you"))
    return out


def leaving() -> list[Case]:
    """Never mind drops the draft; start over begins again; back returns a question."""
    out = [case(f"nevermind-{i}", "never mind / start over", ["hi", "Ann Lee", said],
                outcome="dropped", last_reply="dropped")
           for i, said in enumerate(["never mind", "nvm", "forget it", "no importa"])]
    for i, said in enumerate(["start over", "restart", "start again"]):
        p = person(i + 6)
        turns = ["hi", "Jon Doe", "yes", said, *intake(p)[1:]]
        out.append(case(f"startover-{i}", "never mind / start over", turns,
                        expect=expected(p)))
    p = person(9)
    turns = intake(p)
    turns[4:4] = ["back", p["place"]]
    out.append(case("back-0", "never mind / start over", turns, expect=expected(p)))
    out.append(case("cancel-mid-0", "never mind / start over",
                    ["hi", "Ann Lee", "cancel my appointment", "cancel the request"],
                    outcome="dropped", last_reply="nothing was sent"))
    out.append(case("cancel-mid-1", "never mind / start over",
                    ["hi", "Ann Lee", "cancel my appointment", "no", "yes"],
                    outcome="none", expect={"first": "Ann", "phone": CALLER}))
    return out


def cases() -> list[Case]:
    """Every case of this module."""
    return returning() + spanish() + spanish_fixes() + handoff() + leaving() + telegram()


PHONES = [("(555) 123-4567", "+15551234567"), ("555.123.4567", "+15551234567"),
          ("+1 555 123 4567", "+15551234567"), ("5551234567", "+15551234567"),
          ("my cell is 555-123-4567", "+15551234567"), ("+44 20 7946 0958", "+442079460958"),
          ("it's 646 555 0123", "+16465550123"), ("617-555-0199 thanks", "+16175550199")]


def telegram() -> list[Case]:
    """Telegram: no caller id, the number is typed in the forms people use."""
    out = []
    for i, (typed, e164) in enumerate(PHONES):
        p = person(i + 10)
        turns = intake(p, first="/start", phone=typed)
        out.append(case(f"telegram-{i}", "telegram", turns, channel="telegram", phone=None,
                        expect=expected(p, phone=e164)))
    return out


def spanish_fixes() -> list[Case]:
    """Corrections in Spanish."""
    p = person(4)
    base = ["Hola", p["name"], "sí", p["place"], "fuga de agua", "mañana", "omitir", "sí"]
    expect = {**expected(p, need="fuga de agua", when="2026-11-24 08:00-17:00", email=None)}
    return [
        case("es-fix-0", "spanish", [*base[:6], "mejor el jueves", *base[6:], "sí"], lang="es",
             expect={**expect, "when": "2026-11-26 08:00-17:00"}),
        case("es-fix-1", "spanish", [*base, "la dirección es 14 Birch Rd", "sí"], lang="es",
             expect={**expect, "line1": "14 BIRCH RD", "line2": None, "city": None,
                     "state": None, "zip": None}),
        case("es-fix-2", "spanish", [*base, "me equivoqué, mi correo es ana@example.com", "sí"],
             lang="es", expect={**expect, "email": "ana@example.com"}),
        case("es-fix-3", "spanish", [*base[:7], "perdón, mi nombre es Ana Ruiz", *base[7:], "sí"],
             lang="es", expect={**expect, "first": "Ana", "last": "Ruiz"}),
    ]
