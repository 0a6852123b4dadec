"""Plain intakes in many styles: clean, greetings first, lowercase, typos, emoji, chatty."""

from __future__ import annotations

from typing import Any

from tests.bot.conversation.corpus.case import Case, case
from tests.bot.conversation.corpus.people import expected, intake, person


def clean() -> list[Case]:
    """Clean answers, one per question."""
    return [case(f"clean-{i}", "clean", intake(person(i)), expect=expected(person(i)))
            for i in range(20)]


GREETINGS = ["Hello", "Good morning!", "Good afternoon.", "hey there", "Hi, I need a plumber",
             "hello, are you open today?", "Hi! Got a question", "yo", "Hey, can you help me?",
             "Good evening", "hi there 👋", "Hello? Anyone there?", "Hey guys",
             "Morning! I need someone to come out", "hiya"]


def greetings() -> list[Case]:
    """A greeting or a question first: never stored as a name, a need or a time."""
    return [case(f"greet-{i}", "greetings", intake(person(i + 3), first=g),
                 expect=expected(person(i + 3))) for i, g in enumerate(GREETINGS)]


STORIES = [
    ("Hi my water heater is leaking", "my water heater is leaking"),
    ("Hello, our kitchen sink is clogged and the water won't go down",
     "our kitchen sink is clogged and the water won't go down"),
    ("hey the AC stopped working last night", "the AC stopped working last night"),
    ("Good morning, we have no hot water", "we have no hot water"),
    ("Hi there! The breaker in the garage keeps tripping",
     "The breaker in the garage keeps tripping"),
    ("hello my toilet is overflowing", "my toilet is overflowing"),
    ("Hi, I need someone to look at my furnace", "I need someone to look at my furnace"),
    ("hey, the outlet in the bathroom is sparking", "the outlet in the bathroom is sparking"),
]


def stories() -> list[Case]:
    """The need comes first, with a greeting: kept without the greeting, not asked again."""
    out = []
    for i, (first, need) in enumerate(STORIES):
        p = person(i + 5)
        turns = intake(p, first=first)
        del turns[4]  # the need question is not asked
        out.append(case(f"story-{i}", "greetings", turns, expect=expected(p, need=need)))
    return out


def lowercase() -> list[Case]:
    """Everything typed in lower case."""
    out = []
    for i in range(15):
        p = person(i + 1)
        turns = [t.lower() for t in intake(p)]
        expect = expected(p)
        if expect["first"] == "DeShawn":  # no way to know the capital S from "deshawn"
            expect["first"] = "Deshawn"
        out.append(case(f"lower-{i}", "lowercase", turns, expect=expect))
    return out


TYPOS = [("tmrw morning", "2026-11-24 08:00-12:00"), ("tomorow morning", "2026-11-24 08:00-12:00"),
         ("asap pls", "asap"), ("as soon as possible", "asap"), ("sat morning",
                                                                  "2026-11-28 08:00-12:00"),
         ("Tuesday 2pm", "2026-11-24 14:00"), ("on the 9th", "2026-12-09 08:00-17:00"),
         ("whenever works", "any"), ("any time", "any"), ("thursday", "2026-11-26 08:00-17:00")]
YESES = ["yes", "yep", "yeah", "y", "Yes!", "ya", "yup", "sure", "ok", "Yes."]


def typos() -> list[Case]:
    """Short forms and misspellings of times and yeses."""
    out = []
    for i, (when, key) in enumerate(TYPOS):
        p = person(i + 7)
        turns = intake(p, when=when, phone=YESES[i], consent=YESES[-i - 1], confirm=YESES[i])
        out.append(case(f"typo-{i}", "typos", turns, expect=expected(p, when=key)))
    return out


EMOJI = [("name", "{name} 😊"), ("phone", "👍"), ("confirm", "👍"), ("consent", "yes 👍"),
         ("need", "{need} 😩"), ("confirm", "✅"), ("phone", "yes 🙂"), ("name", "{name} 🙏"),
         ("consent", "👍"), ("confirm", "yes!! 🎉")]


def emoji() -> list[Case]:
    """Emoji after an answer, or instead of a yes."""
    out = []
    for i, (slot, pattern) in enumerate(EMOJI):
        p = person(i + 2)
        text = pattern.format(name=p["name"], need=p["need"])
        turns = intake(p, **{slot: text})
        out.append(case(f"emoji-{i}", "emoji", turns, expect=expected(p)))
    return out


CHATTY_NAMES = [("its kim lee", "Kim", "Lee"), ("sam ortiz here", "Sam", "Ortiz"),
                ("um yeah it's Dana Fox", "Dana", "Fox"), ("Mrs. Helen Ward", "Helen", "Ward"),
                ("mr john park", "John", "Park"), ("This is Nora Quinn", "Nora", "Quinn"),
                ("my name is Luis Ortega", "Luis", "Ortega"), ("I'm Beth Cole", "Beth", "Cole")]
CHATTY_YES = ["yes thats correct", "yeah that works", "sure, go ahead", "yup all set",
              "great, send it over", "yes that's the best number", "yeah that's me",
              "correct, thanks"]


def chatty() -> list[Case]:
    """Fillers around names and affirmatives with extra words."""
    out = []
    for i, (said, first_name, last_name) in enumerate(CHATTY_NAMES):
        p = person(i + 4)
        turns = intake(p, name=said, phone=CHATTY_YES[i], consent=CHATTY_YES[-i - 1],
                       confirm=CHATTY_YES[(i + 3) % len(CHATTY_YES)])
        out.append(case(f"chatty-{i}", "chatty", turns,
                        expect=expected(p, first=first_name, last=last_name, company=None)))
    companies: list[tuple[str, str | None, str | None, str]] = [
                 ("this is Kevin with Summit Realty", "Kevin", None, "Summit Realty"),
                 ("Tony's Deli", None, None, "Tony's Deli"),
                 ("Riverside Vet Clinic", None, None, "Riverside Vet Clinic"),
                 ("Acme Holdings LLC", None, None, "Acme Holdings LLC")]
    for i, (said, first, last, company) in enumerate(companies):
        p = person(i + 11)
        out.append(case(f"company-{i}", "chatty", intake(p, name=said),
                        expect=expected(p, first=first, last=last, company=company)))
    for i, words in enumerate(["the ac in the upstairs bedroom is blowing warm air, been like "
                               "that since saturday", "honestly not sure, the dishwasher just "
                               "stopped draining??", "we think a pipe burst under the sink!!"]):
        p = person(i + 14)
        out.append(case(f"chatty-need-{i}", "chatty", intake(p, need=words),
                        expect=expected(p, need=words)))
    return out


def cases() -> list[Case]:
    """Every case of this module."""
    return (clean() + greetings() + stories() + lowercase() + typos() + emoji() + chatty()
            + harder())


def harder() -> list[Case]:
    """Answers with more around them than the question asked."""
    out = []
    variants: list[tuple[str, dict[str, str], dict[str, Any]]] = [
        ("chatty", {"place": "I'm at 42 Elm St Springfield IL 62704"},
         {"line1": "42 ELM ST", "line2": None, "city": "SPRINGFIELD", "state": "IL",
          "zip": "62704"}),
        ("chatty", {"phone": "yes that's my cell"}, {}),
        ("typos", {"when": "any time after 3 tomorrow"}, {"when": "2026-11-24 15:00-17:00"}),
        ("chatty", {"when": "whenever, no rush"}, {"when": "any"}),
        ("chatty", {"name": "Dr. Raj Gupta"}, {"first": "Raj", "last": "Gupta",
                                               "company": None}),
        ("chatty", {"confirm": "looks good"}, {}),
        ("chatty", {"consent": "Sounds good!"}, {}),
        ("chatty", {"email": "sure it's sam.k@example.com"}, {"email": "sam.k@example.com"}),
        ("typos", {"place": "77 oak ave apt 2 durham nc 27701"},
         {"line1": "77 OAK AVE", "line2": "APT 2", "city": "DURHAM", "state": "NC",
          "zip": "27701"}),
        ("emoji", {"when": "tomorrow morning ☀️"}, {"when": "2026-11-24 08:00-12:00"}),
        ("chatty", {"email": "no email, thanks"}, {"email": None}),
        ("chatty", {"consent": "no thanks"}, {"consent": "declined"}),
    ]
    for i, (category, answers, changes) in enumerate(variants):
        p = person(i + 1)
        out.append(case(f"harder-{i}", category, intake(p, **answers),
                        expect=expected(p, **changes)))
    return out
