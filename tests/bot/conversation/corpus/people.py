"""The people, places, needs and times the corpus conversations are made of."""

from __future__ import annotations

from typing import Any

from tests.bot.conversation.corpus.case import CALLER

# (what they type, first, last, company)
NAMES: list[tuple[str, str | None, str | None, str | None]] = [
    ("Maria Lopez", "Maria", "Lopez", None), ("Ann Lee", "Ann", "Lee", None),
    ("James O'Brien", "James", "O'Brien", None), ("Priya Patel", "Priya", "Patel", None),
    ("Tom Nguyen", "Tom", "Nguyen", None), ("DeShawn Jackson", "DeShawn", "Jackson", None),
    ("Linda McDonald", "Linda", "McDonald", None), ("Carlos de la Cruz", "Carlos", "de la Cruz",
                                                    None),
    ("Bob Smith", "Bob", "Smith", None), ("Grace Kim", "Grace", "Kim", None),
    ("Oakwood Property Management", None, None, "Oakwood Property Management"),
    ("Ahmed Hassan", "Ahmed", "Hassan", None), ("Sarah Goldberg", "Sarah", "Goldberg", None),
    ("Kevin Brown", "Kevin", "Brown", None), ("Riverside Vet Clinic", None, None,
                                               "Riverside Vet Clinic"),
    ("Emily Chen", "Emily", "Chen", None), ("Mike Rossi", "Mike", "Rossi", None),
    ("Fatima Ali", "Fatima", "Ali", None), ("Jake Miller", "Jake", "Miller", None),
    ("Rosa Martinez", "Rosa", "Martinez", None),
]
# (what they type, line1, line2, city, state, zip)
PLACES: list[tuple[str, str, str | None, str | None, str | None, str | None]] = [
    ("42 Elm St, Springfield, IL 62704", "42 ELM ST", None, "SPRINGFIELD", "IL", "62704"),
    ("77 Oak Ave Apt 2, Durham NC 27701", "77 OAK AVE", "APT 2", "DURHAM", "NC", "27701"),
    ("1200 Lakeshore Blvd, Unit 5, Chicago IL 60614", "1200 LAKESHORE BLVD", "UNIT 5",
     "CHICAGO", "IL", "60614"),
    ("9 Maple Dr", "9 MAPLE DR", None, None, None, None),
    ("300 Main St, Austin TX 78701", "300 MAIN ST", None, "AUSTIN", "TX", "78701"),
    ("55 River Rd, Albany NY 12203", "55 RIVER RD", None, "ALBANY", "NY", "12203"),
    ("18 Birch Ln, Columbus OH 43215", "18 BIRCH LN", None, "COLUMBUS", "OH", "43215"),
    ("2201 Sunset Blvd, Miami FL 33101", "2201 SUNSET BLVD", None, "MIAMI", "FL", "33101"),
    ("610 W Park Ave, Denver CO 80205", "610 W PARK AVE", None, "DENVER", "CO", "80205"),
    ("14 Cedar Ct, Boston MA 02108", "14 CEDAR CT", None, "BOSTON", "MA", "02108"),
]
NEEDS: list[str] = [
    "water heater leaking", "no heat in the house", "outlet not working in the kitchen",
    "clogged drain", "AC not cooling", "toilet keeps running", "need a new garbage disposal",
    "breaker keeps tripping", "furnace making a loud noise", "leaky faucet in the bathroom",
]
# (what they type, the stored time key)
TIMES: list[tuple[str, str]] = [
    ("tomorrow morning", "2026-11-24 08:00-12:00"), ("asap", "asap"),
    ("friday afternoon", "2026-11-27 12:00-17:00"), ("next tuesday at 3pm", "2026-12-01 15:00"),
    ("tomorrow at 10am", "2026-11-24 10:00"), ("wednesday", "2026-11-25 08:00-17:00"),
    ("12/3 at 10", "2026-12-03 10:00"), ("thursday morning", "2026-11-26 08:00-12:00"),
    ("whenever", "any"), ("this afternoon", "2026-11-23 12:00-17:00"),
]
EMAILS: list[str | None] = ["maria@example.com", None, "priya.p@example.org", None,
                            "tom@nguyen.example", None, "linda@example.net", None]


def person(i: int) -> dict[str, Any]:
    """The i-th persona, with what they type and what must be stored."""
    name, first, last, company = NAMES[i % len(NAMES)]
    place, line1, line2, city, state, zip_ = PLACES[i % len(PLACES)]
    need = NEEDS[(i * 3) % len(NEEDS)]
    when, key = TIMES[(i * 7) % len(TIMES)]
    email = EMAILS[i % len(EMAILS)]
    return {"name": name, "place": place, "need": need, "when": when, "email": email,
            "expect": {"first": first, "last": last, "company": company, "line1": line1,
                       "line2": line2, "city": city, "state": state, "zip": zip_,
                       "need": need, "when": key, "email": email}}


def intake(p: dict[str, Any], *, first: str = "hi", phone: str = "yes", consent: str = "yes",
           confirm: str = "yes", name: str | None = None, place: str | None = None,
           need: str | None = None, when: str | None = None,
           email: str | None = None) -> list[str]:
    """The turns of a plain intake for persona `p`, any answer replaced."""
    return [first, name or p["name"], phone, place or p["place"], need or p["need"],
            when or p["when"], email or p["email"] or "skip", consent, confirm]


def expected(p: dict[str, Any], **more: Any) -> dict[str, Any]:
    """What persona `p`'s request must hold after a plain intake, with changes."""
    return {**p["expect"], "phone": CALLER, "consent": "opt_in", **more}
