"""Whole messages, read for every fact (said on Monday 2026-11-23 09:30, New York).

expected: the facts that must be found; every other field must come back empty (no false
facts). name is (first, last, company); address is line1 plus any of city/state/zip/line2;
when is (kind, start, end) as in corpus_when.
"""

from __future__ import annotations

from tests.bot.conversation.understand.cases import C

W, X = "window", "exact"
TOMORROW = (W, "11-24 08:00", "11-24 17:00")

EXTRACT = [
    # several facts in a first message
    C("This is Bob Smith, 42 Elm St Springfield IL, leaky faucet",
      {"name": ("Bob", "Smith", None), "address": {"line1": "42 ELM ST", "city": "SPRINGFIELD",
                                                   "state": "IL"}, "service": "leaky faucet"},
      "several facts"),
    C("Bob Smith, 42 Elm St Springfield IL 62704, water heater leaking",
      {"name": ("Bob", "Smith", None), "address": {"line1": "42 ELM ST", "postal_code": "62704"},
       "service": "water heater leaking"}, "several facts"),
    C("hi i'm kim, my sink is clogged", {"name": ("Kim", None, None),
                                         "service": "my sink is clogged"}, "several facts"),
    C("Hi, Sam here at 12 Park Pl Apt #3, Brooklyn, NY 11201. AC not cooling",
      {"name": ("Sam", None, None), "address": {"line1": "12 PARK PL", "line2": "APT 3",
                                                "city": "BROOKLYN"}, "service": "AC not cooling"},
      "several facts"),
    C("This is Kevin with Summit Realty, unit 4 at 300 Bay Rd has no heat, can someone come "
      "tomorrow?", {"name": ("Kevin", None, "Summit Realty"),
                    "address": {"line1": "300 BAY RD", "line2": "UNIT 4"}, "service": "has no heat",
                    "when": TOMORROW}, "several facts"),
    C("my name is ana ruiz and my toilet is clogged, 555-123-4567",
      {"name": ("Ana", "Ruiz", None), "service": "my toilet is clogged", "phone": "+15551234567"},
      "several facts"),
    C("Bob Smith, 42 Elm St Springfield IL 62704, water heater leaking, can you come tomorrow "
      "morning?", {"name": ("Bob", "Smith", None), "address": {"line1": "42 ELM ST"},
                   "service": "water heater leaking",
                   "when": (W, "11-24 08:00", "11-24 12:00")}, "several facts"),
    C("Dana Wu, dana@example.com, 5 Oak St, dishwasher won't drain",
      {"name": ("Dana", "Wu", None), "email": "dana@example.com", "address": {"line1": "5 OAK ST"},
       "service": "dishwasher won't drain"}, "several facts"),
    C("we're on 40 Cedar Lane in Durham NC and the furnace is making a banging noise",
      {"address": {"line1": "40 CEDAR LN", "city": "DURHAM", "state": "NC"},
       "service": "the furnace is making a banging noise"}, "several facts"),
    C("hey it's Maria, AC broken at 4521 NE Sandy Blvd Portland OR",
      {"name": ("Maria", None, None), "address": {"line1": "4521 NE SANDY BLVD"},
       "service": "AC broken"}, "several facts"),
    # greetings and the need
    C("Hi my water heater is leaking", {"service": "my water heater is leaking"}, "need"),
    C("Good morning! My AC stopped working", {"service": "My AC stopped working"}, "need"),
    C("hey so the toilet keeps running", {"service": "the toilet keeps running"}, "need"),
    C("leak under the kitchen sink", {"service": "leak under the kitchen sink"}, "need"),
    C("need someone to look at my garbage disposal",
      {"service": "need someone to look at my garbage disposal"}, "need"),
    C("my sink is leaking can someone come tomorrow", {"service": "my sink is leaking",
                                                       "when": TOMORROW}, "need"),
    C("no hot water since last night", {"service": "no hot water since last night"}, "need"),
    C("I need my deck stained next week", {"service": "I need my deck stained",
                                           "when": (W, "11-30 08:00", "12-04 17:00")}, "need"),
    C("breaker keeps tripping asap please", {"service": "breaker keeps tripping",
                                             "when": ("asap", None, None)}, "need"),
    # single facts, as answers or corrections
    C("tomorrow", {"when": TOMORROW}, "one fact"),
    C("whenever works", {"when": ("any", None, None)}, "one fact"),
    C("can we do monday morning instead", {"when": (W, "11-30 08:00", "11-30 12:00")},
      "one fact"),
    C("use 617-555-0199 for the phone instead", {"phone": "+16175550199"}, "one fact"),
    C("nah use +1 646 555 0123 instead", {"phone": "+16465550123"}, "one fact"),
    C("my email is actually Kim.Lee@Example.com", {"email": "kim.lee@example.com"}, "one fact"),
    C("actually it's 14 Birch Rd", {"address": {"line1": "14 BIRCH RD"}}, "one fact"),
    C("no the address is wrong, should be 118 Pine St", {"address": {"line1": "118 PINE ST"}},
      "one fact"),
    C("Good morning, friday works", {"when": (W, "11-27 08:00", "11-27 17:00")}, "one fact"),
    # nothing to read: answers that must not turn into facts
    *(C(t, {}, "nothing") for t in [
        "yes", "no", "ok", "thanks!", "👍", "Good morning!", "Good afternoon.", "hi there",
        "skip", "sí, correcto", "yes thats correct", "great, see you then", "Kim Lee",
        "idk", "lol", "?"]),
    # Spanish
    C("Hola, me llamo Ana Ruiz, tengo una fuga en el baño, mañana por la tarde",
      {"name": ("Ana", "Ruiz", None), "service": "tengo una fuga en el baño",
       "when": (W, "11-24 12:00", "11-24 17:00")}, "spanish"),
    C("hola buenos días, el calentador no funciona", {"service": "el calentador no funciona"},
      "spanish"),
    C("soy Luis Pérez, 12 Elm Ave, el inodoro está tapado",
      {"name": ("Luis", "Pérez", None), "address": {"line1": "12 ELM AVE"},
       "service": "el inodoro está tapado"}, "spanish"),
    C("lo antes posible", {"when": ("asap", None, None)}, "spanish"),
    C("cuando sea", {"when": ("any", None, None)}, "spanish"),
]
