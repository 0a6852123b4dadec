"""With ASK_REFERRAL_SOURCE on: "How did you hear about us?" after the email."""

from __future__ import annotations

from tests.bot.conversation.corpus.case import CALLER, RETURNING, Case, case
from tests.bot.conversation.corpus.people import intake, person

ANSWERS = [("google", "Google"), ("my neighbor recommended you", "Referral"),
           ("saw you on facebook", "Facebook"), ("Yelp reviews", "Yelp"),
           ("you fixed our furnace last year", "Repeat customer"), ("skip", None),
           ("un amigo", "Referral")]


def cases() -> list[Case]:
    """New texters answer it; a texter on file is not asked."""
    out = []
    for i, (said, preset) in enumerate(ANSWERS):
        p = person(i + 2)
        turns = intake(p)
        turns.insert(7, said)
        out.append(case(f"referral-{i}", "referral", turns, referral=True,
                        expect={**p["expect"], "phone": CALLER, "consent": "opt_in",
                                "referral": preset,
                                "referral_words": said if preset else None}))
    out.append(case("referral-returning", "referral",
                    ["hi", "yes", "clogged drain", "asap", "yes", "yes"], phone=RETURNING,
                    opted_in=True, referral=True, expect={"referral": None}))
    return out
