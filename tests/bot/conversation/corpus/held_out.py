"""Conversations written after the engine was built, scored before any tuning (held out)."""

from __future__ import annotations

from tests.bot.conversation.corpus.case import CALLER, RETURNING, Case, case

ELM = {"line1": "42 ELM ST", "city": "SPRINGFIELD", "state": "IL", "zip": "62704"}


def cases() -> list[Case]:
    """Every held-out conversation."""
    return first() + more() + third()


def first() -> list[Case]:
    """Mixed behaviours, one conversation each."""
    c = "held out"
    return [
        case("held-0", c, ["hi i need help my basement is flooding!!!", "Dana Fox", "yes",
                           "42 Elm St Springfield IL 62704", "asap", "skip", "yes", "yes"],
             expect={"first": "Dana", "last": "Fox", **ELM, "when": "asap"}),
        case("held-1", c, ["Hello", "Chris Doyle", "yes that's me",
                           "42 elm street springfield il 62704", "the dryer won't turn on",
                           "tomorrow afternoon if possible", "chris.doyle@example.com",
                           "yes please", "yes"],
             expect={"first": "Chris", "last": "Doyle", **ELM, "need": "the dryer won't turn on",
                     "when": "2026-11-24 12:00-17:00", "email": "chris.doyle@example.com"}),
        case("held-2", c, ["hey", "Pat Kim", "yes", "42 Elm St, Springfield, IL 62704",
                           "sink leaking", "friday", "pat@example.com", "yes",
                           "oh wait can you make it saturday morning", "yes"],
             expect={"first": "Pat", "when": "2026-11-28 08:00-12:00", "need": "sink leaking"}),
        case("held-3", c, ["Hi", "Sam Lee", "Yes", "42 Elm St, Springfield, IL 62704",
                           "no hot water", "Monday", "no", "yes", "Yes"],
             expect={"first": "Sam", "when": "2026-11-30 08:00-17:00", "email": None}),
        case("held-4", c, ["Good afternoon.", "Olga Petrova", "yes",
                           "42 Elm St, Springfield, IL 62704", "gas smell in the kitchen",
                           "asap!!", "skip", "yes", "yes"],
             expect={"first": "Olga", "need": "gas smell in the kitchen", "when": "asap"}),
        case("held-5", c, ["hi", "Ray Ortiz", "no use 917-555-0142",
                           "42 Elm St, Springfield, IL 62704", "ceiling fan install",
                           "next week", "skip", "yes", "yes"],
             expect={"first": "Ray", "phone": "+19175550142", "need": "ceiling fan install"}),
        case("held-6", c, ["Hi, this is Tina from Maple Grove Apartments", "yes",
                           "42 Elm St, Springfield, IL 62704", "unit 4 has no heat", "today",
                           "skip", "yes", "yes"],
             expect={"first": "Tina", "company": "Maple Grove Apartments",
                     "need": "unit 4 has no heat"}),
        case("held-7", c, ["hi", "Ann Lee", "yes", "42 Elm St, Springfield, IL 62704",
                           "water heater", "tomorrow morning", "skip", "yes",
                           "actually the email is ann.lee@example.com", "yes"],
             expect={"first": "Ann", "email": "ann.lee@example.com"}),
        case("held-8", c, ["hello again", "yep", "the garbage disposal is jammed", "whenever",
                           "yes", "yes"], phone=RETURNING, opted_in=True,
             expect={"first": "Maria", "need": "the garbage disposal is jammed", "when": "any"}),
        case("held-9", c, ["Hola", "Juan Pérez", "sí", "42 Elm St, Springfield, IL 62704",
                           "el lavabo gotea", "el lunes por la tarde", "omitir", "sí",
                           "sí"], lang="es", last_reply="Recibimos",
             expect={"first": "Juan", "last": "Pérez", "need": "el lavabo gotea",
                     "when": "2026-11-30 12:00-17:00"}),
        case("held-10", c, ["hi", "Liz Grant", "yes", "42 Elm St, Springfield, IL 62704",
                            "toilet clogged", "tomorrow morning", "skip", "yes",
                            "the name should be Elizabeth Grant", "yes"],
             expect={"first": "Elizabeth", "last": "Grant"}),
        case("held-11", c, ["hi", "Mo Ali", "yes", "42 Elm St, Springfield, IL 62704",
                            "AC broken", "tomorrow", "skip", "yes", "yes", "thanks a lot!",
                            "👍"], done_at=9, last_reply="welcome",
             expect={"first": "Mo", "phone": CALLER}),
        case("held-12", c, ["hi", "Jo March", "yes", "42 Elm St, Springfield, IL 62704",
                            "leak under sink", "before noon tomorrow", "skip", "yes", "yes"],
             expect={"first": "Jo", "need": "leak under sink"}),
        case("held-13", c, ["Hi there, my name is Victor Hugo and I live at 42 Elm St "
                            "Springfield IL 62704. The furnace won't start.", "yes",
                            "tomorrow at 9am", "skip", "yes", "yes"],
             expect={"first": "Victor", "last": "Hugo", **ELM, "need": "The furnace won't start",
                     "when": "2026-11-24 09:00"}),
        case("held-14", c, ["hi", "Ben Ross", "yes", "Apt 3, 42 Elm St, Springfield IL 62704",
                            "outlets dead in the bedroom", "thursday after 5", "skip", "no",
                            "yes"],
             expect={"first": "Ben", "line1": "42 ELM ST", "line2": "APT 3",
                     "when": "2026-11-26 17:00-20:00", "consent": "declined"}),
    ]


def more() -> list[Case]:
    """A second held-out batch."""
    c = "held out"
    base = ["hi", "Ann Lee", "yes", "42 Elm St, Springfield, IL 62704", "leaky faucet",
            "tomorrow morning", "skip", "yes"]
    return [
        case("held-15", c, [*base, "no", "the time", "friday afternoon", "yes"],
             reasks=1, expect={"when": "2026-11-27 12:00-17:00"}),
        case("held-16", c, ["hi", "Ann Lee", "yes", "back", "(646) 555-0123",
                            "42 Elm St, Springfield, IL 62704", "leaky faucet", "asap",
                            "skip", "yes", "yes"],
             expect={"phone": "+16465550123"}),
        case("held-17", c, ["hi", "Bob & Sue Miller", "yes", *base[3:], "yes"],
             expect={"first": "Bob", "last": "Miller"}),
        case("held-18", c, [*base[:6], "ANN@EXAMPLE.COM", "yes", "yes"],
             expect={"email": "ann@example.com"}),
        case("held-19", c, ["hi", "Ann Lee", "this number is fine", *base[3:], "yes"],
             expect={"phone": CALLER}),
        case("held-20", c, [*base, "correct"], expect={"first": "Ann"}),
        case("held-21", c, [*base[:5], "ASAP - it's an emergency", "skip", "yes", "yes"],
             expect={"when": "asap"}),
        case("held-22", c, [*base[:5], "in the morning", "skip", "yes", "yes"],
             expect={"when": "2026-11-24 08:00-12:00"}),
        case("held-23", c, ["Hi, it's for my restaurant, Joe's Pizza", "yes",
                            "42 Elm St, Springfield, IL 62704", "grease trap backing up",
                            "asap", "skip", "yes", "yes"],
             expect={"company": "Joe's Pizza", "need": "grease trap backing up"}),
        case("held-24", c, ["hi", "Ann Lee", "yep", "42 Elm St, Springfield, IL 62704",
                            "leaky faucet", "tomorrow morning",
                            "my email is ann@example.com", "sure", "yes"],
             expect={"email": "ann@example.com", "consent": "opt_in"}),
    ]


def third() -> list[Case]:
    """A third held-out batch, scored before any change."""
    c = "held out"
    elm = "42 Elm St, Springfield, IL 62704"
    return [
        case("held-25", c, ["hi", "Ann Lee", "yes", elm, "leaky faucet", "tomorrow morning",
                            "skip", "yes", "change the email to ann@example.com", "yes"],
             expect={"email": "ann@example.com"}),
        case("held-26", c, ["hello", "Ann Lee", "yes", elm, "my toilet won't flush 🚽",
                            "asap", "skip", "yes", "yes"],
             expect={"need": "my toilet won't flush", "when": "asap"}),  # emoji is not need
        case("held-27", c, ["hi", "ann lee", "y", "42 elm st springfield il 62704",
                            "furnace", "tmrw", "no", "y", "y"],
             expect={"first": "Ann", "last": "Lee", "need": "furnace",
                     "when": "2026-11-24 08:00-17:00", "email": None}),
        case("held-28", c, ["Hi, I'm Kim", "Lee", "yes", elm, "clogged drain", "asap", "skip",
                            "yes", "yes"], expect={"first": "Kim", "last": "Lee"}),
        case("held-29", c, ["hi", "Ann Lee", "yes", elm, "leaky faucet", "next monday",
                            "skip", "yes", "actually make it tuesday", "yes"],
             expect={"when": "2026-11-24 08:00-17:00"}),
        case("held-30", c, ["Hola", "Ana Ruiz", "sí", elm, "el refrigerador no enfría",
                            "mañana por la tarde", "no tengo", "sí", "cambia la hora a el jueves",
                            "sí"], lang="es",
             expect={"when": "2026-11-26 08:00-17:00", "need": "el refrigerador no enfría"}),
        case("held-31", c, ["hi", "Ann Lee", "yes", elm, "leaky faucet", "asap", "skip", "yes",
                            "yes", "actually can someone call me"], done_at=9,
             last_reply="will call you"),
        case("held-32", c, ["hi there, leaking pipe in the basement at 42 Elm St Springfield "
                            "IL 62704, it's Ann Lee", "yes", "asap", "skip", "yes", "yes"],
             expect={"first": "Ann", "last": "Lee", "line1": "42 ELM ST",
                     "need": "leaking pipe in the basement"}),
        case("held-33", c, ["hi", "Ann Lee", "yes", elm, "leaky faucet", "asap",
                            "skip", "yes", "the address should be 9 Maple Dr", "yes"],
             expect={"line1": "9 MAPLE DR", "city": None}),
        case("held-34", c, ["hi", "Ann Lee", "yes", elm, "leaky faucet", "yesterday",
                            "tomorrow", "skip", "yes", "yes"], reasks=1,
             expect={"when": "2026-11-24 08:00-17:00"}),
    ]
