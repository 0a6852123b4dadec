"""Seed N varied leads with bulk SQL (the CRM and dashboard benchmarks share it).

    python -m bench.seed_leads DATABASE_URL [--leads 100000]

Lead 1 is Maria Gonzalez, (512) 555-0101, 1234 OAK AVE, so that every search form has
one known answer; the others vary names, streets, statuses, sources, tags, follow-ups,
needs-attention flags, archived rows, second phones, requests and call-back requests.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, text

from store.clock import utcnow
from store.db import make_engine
from store.migrate import upgrade
from store.models import Activity, Customer, CustomerPhone, ServiceRequest
from store.words import customer_words, digits_reversed, tags_key

FIRST = ["James", "Ana", "John", "Li", "Sam", "Priya", "Omar", "Rosa", "Dana", "Maria",
         "Kofi", "Yuki", "Ivan", "Lena", "Raj", "Zoe", "Tom", "Nia", "Eli", "Ava"]
# 30 x 30 last names, so that, as in a real customer list, few people share name and ZIP
ROOTS = ["Gar", "Lo", "Ngu", "Pat", "Bro", "Kim", "Re", "Mar", "Sil", "Fer", "Whit", "Har",
         "Cal", "Ben", "Dor", "Ems", "Fal", "Gib", "Hol", "Ing", "Jar", "Kel", "Lind", "Mor",
         "Nor", "Osb", "Pen", "Quin", "Ros", "Stan"]
ENDS = ["cia", "pez", "yen", "el", "wn", "ball", "ed", "tin", "va", "ris", "ley", "mon",
        "son", "ton", "ford", "wood", "field", "man", "ers", "ridge", "well", "by", "ham",
        "lock", "ner", "more", "vale", "stone", "bury", "dale"]
LAST = [r + e for r in ROOTS for e in ENDS]
STREETS = ["OAK AVE", "ELM ST", "MAIN ST", "PINE RD", "LAKE DR", "HILL BLVD", "N 5TH ST"]
STATUSES = ["lead", "prospect", "quoted", "customer", "inactive"]
SOURCES = ["sms", "telegram", "import", "Google", "Referral", "Yelp"]
TAGS: list[list[str]] = [[], [], ["VIP"], ["roof"], ["commercial", "VIP"], ["spring"]]
BATCH = 5000


def person(i: int) -> dict[str, Any]:
    """Lead number i (1-based) as column values."""
    now = utcnow()
    known = i == 1
    first = "Maria" if known else FIRST[i % len(FIRST)]
    last = "Gonzalez" if known else LAST[(i // 300) % len(LAST)]  # (ZIP, name) unique
    line1 = "1234 OAK AVE" if known else f"{1000 + i % 9000} {STREETS[i % len(STREETS)]}"
    phone = "+15125550101" if known else f"+1{212 + i % 700:03d}{2000000 + i:07d}"
    email = f"{first}.{last}{i}@example.com".lower()
    zip_code = f"7{i % 300:04d}"
    tags = TAGS[i % len(TAGS)]
    status = STATUSES[i % len(STATUSES)]
    return {
        "id": i, "phone": phone, "first_name": first, "last_name": last, "email": email,
        "line1": line1, "city": "AUSTIN", "state": "TX", "postal_code": zip_code,
        "lead_status": status, "source": SOURCES[i % len(SOURCES)], "tags": tags,
        "tags_key": tags_key(tags), "needs_attention": i % 50 == 0,
        "archived": not known and i % 40 == 0, "created_at": now - timedelta(minutes=i),
        "updated_at": now, "converted_at": now if status == "customer" else None,
        "next_follow_up_date": (now - timedelta(days=i % 3)).date() if i % 20 == 0 else None,
        "search_text": customer_words((first, last, None), email,
                                      (line1, None, "AUSTIN", "TX", zip_code)),
        "search_extra": ""}


@contextmanager
def sqlite_engine() -> Iterator[Engine]:
    """A fresh migrated SQLite file, removed after."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        upgrade(engine)
        yield engine
        engine.dispose()


def postgres_engine() -> AbstractContextManager[Engine]:
    """A fresh migrated schema on the PostgreSQL server (TEST_POSTGRES_URL), dropped after."""
    from tests.conftest import _postgres  # the test suite's own fresh-schema recipe

    return contextmanager(_postgres)()


BACKENDS: dict[str, Callable[[], AbstractContextManager[Engine]]] = {
    "sqlite": sqlite_engine, "postgres": postgres_engine}


def chosen_backends(name: str) -> list[str]:
    """The backends a benchmark's --backend names ("both": every one)."""
    return list(BACKENDS) if name == "both" else [name]


def _batches(leads: int) -> Iterator[range]:
    for start in range(1, leads + 1, BATCH):
        yield range(start, min(start + BATCH, leads + 1))


def timed_seed(engine: Engine, leads: int) -> float:
    """seed_leads, and the seconds it took."""
    start = time.perf_counter()
    seed_leads(engine, leads)
    return time.perf_counter() - start


def seed_leads(engine: Engine, leads: int) -> None:
    """Insert `leads` leads (ids 1..N) with phones, requests and call-backs, in batches."""
    now = utcnow()
    for ids in _batches(leads):
        people = [person(i) for i in ids]
        phones = [{"customer_id": p["id"], "number": p["phone"],
                   "digits_rev": digits_reversed(p["phone"])} for p in people]
        phones += [{"customer_id": i, "number": f"+1737{3000000 + i:07d}", "label": "work",
                    "digits_rev": digits_reversed(f"+1737{3000000 + i:07d}")}
                   for i in ids if i % 10 == 0]
        requests = [{"customer_id": p["id"], "channel": "sms", "service": "water heater",
                     "preferred_time_text": "tomorrow morning", "line1": p["line1"],
                     "created_at": now} for p in people if p["id"] % 3 == 0]
        asks = [{"customer_id": i, "kind": "handoff", "summary": "Asked for a call back",
                 "data": {}, "created_at": now} for i in ids if i % 500 == 0]
        with engine.begin() as conn:
            for model, rows in ((Customer, people), (CustomerPhone, phones),
                                (ServiceRequest, requests), (Activity, asks)):
                if rows:
                    conn.execute(insert(model.__table__), rows)
    if engine.dialect.name == "postgresql":  # ids were given: move the sequence past them
        with engine.begin() as conn:
            conn.execute(text("SELECT setval(pg_get_serial_sequence('customers', 'id'), "
                              "(SELECT max(id) FROM customers))"))
    with engine.begin() as conn:  # fresh statistics, as a running database would have
        conn.execute(text("ANALYZE"))


def main() -> None:
    """Migrate DATABASE_URL and seed it."""
    parser = argparse.ArgumentParser()
    parser.add_argument("database_url")
    parser.add_argument("--leads", type=int, default=100_000)
    args = parser.parse_args()
    engine = make_engine(args.database_url)
    upgrade(engine)
    print(f"seeded {args.leads:,} leads in {timed_seed(engine, args.leads):.1f} s")


if __name__ == "__main__":
    main()
