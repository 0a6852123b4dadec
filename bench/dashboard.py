"""Dashboard pages rendered at 100,000 leads, on SQLite and PostgreSQL.

    python -m bench.dashboard [--leads 100000] [--runs 7] [--backend sqlite|postgres|both]

Each page is fetched through the whole app (login session, service, template) with
Starlette's TestClient; the baseline, measured in the same run, is the style sheet (a
static file behind no query) and the login page (a template, no data). Prints the median
in milliseconds and the ratio against the static baseline; the target is under 300 ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, text

from bot.app import create_app
from bot.settings import load_settings
from store.clock import utcnow
from store.db import make_engine
from store.migrate import upgrade

PAGES = {
    "static file (baseline)": "/dashboard/static/app.css",
    "login page (baseline)": "/dashboard/login",
    "today": "/dashboard/today",
    "lead list": "/dashboard/leads",
    "list, page 1000": "/dashboard/leads?page=1000",
    "search: name": "/dashboard/leads?q=maria+gonzalez",
    "search: last 4 digits": "/dashboard/leads?q=0101",
    "search: address": "/dashboard/leads?q=1234+oak+avenue",
    "filter: status + tag": "/dashboard/leads?status=quoted&tag=vip",
    "board": "/dashboard/kanban",
}


@contextmanager
def sqlite_engine() -> Iterator[Engine]:
    """A fresh migrated SQLite file."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        upgrade(engine)
        yield engine
        engine.dispose()


def postgres_engine() -> AbstractContextManager[Engine]:
    """A fresh migrated schema on the PostgreSQL server (TEST_POSTGRES_URL), dropped after."""
    from tests.conftest import _postgres  # the test suite's own fresh-schema recipe

    return contextmanager(_postgres)()


FIRST = ["Maria", "James", "Ana", "John", "Li", "Sam", "Priya", "Omar", "Rosa", "Dana"]
LAST = ["Gonzalez", "Smith", "Nguyen", "Patel", "Brown", "Garcia", "Kim", "Lopez", "Reed"]
STREETS = ["OAK AVE", "ELM ST", "MAIN ST", "PINE RD", "LAKE DR", "HILL BLVD", "N 5TH ST"]
STATUSES = ["lead", "prospect", "quoted", "customer", "inactive"]
TAGS = [[], [], ["VIP"], ["roof"], ["commercial", "VIP"], ["spring"]]


def _fallback_seed(engine: Engine, leads: int) -> None:
    """Core inserts of varied leads (phones, tags, requests, call-backs) in batches."""
    from store.models import Activity, Customer, CustomerPhone, ServiceRequest
    from store.words import customer_words, digits_reversed, tags_key

    now, batch = utcnow(), 5000
    for start in range(1, leads + 1, batch):
        people, phones, requests, asks = [], [], [], []
        for i in range(start, min(start + batch, leads + 1)):
            first, last = FIRST[i % len(FIRST)], LAST[(i // 7) % len(LAST)]
            line1 = f"{1000 + i % 9000} {STREETS[i % len(STREETS)]}"
            phone = "+15125550101" if i == 1 else f"+1{212 + i % 700:03d}{i:07d}"
            tags = TAGS[i % len(TAGS)]
            people.append({
                "id": i, "phone": phone, "first_name": first, "last_name": last,
                "email": f"{first}.{last}{i}@example.com".lower(), "line1": line1,
                "city": "AUSTIN", "state": "TX", "postal_code": f"787{i % 100:02d}",
                "lead_status": STATUSES[i % 5], "source": ["sms", "telegram", "import"][i % 3],
                "tags": tags, "tags_key": tags_key(tags), "needs_attention": i % 50 == 0,
                "archived": i % 40 == 0, "created_at": now - timedelta(minutes=i),
                "updated_at": now, "next_follow_up_date": now.date() if i % 20 == 0 else None,
                "search_text": customer_words((first, last, None), None,
                                              (line1, None, "AUSTIN", "TX", None)),
                "search_extra": ""})
            phones.append({"customer_id": i, "number": phone,
                           "digits_rev": digits_reversed(phone)})
            if i % 3 == 0:
                requests.append({"customer_id": i, "channel": "sms", "service": "water heater",
                                 "preferred_time_text": "tomorrow morning", "line1": line1,
                                 "created_at": now})
            if i % 500 == 0:
                asks.append({"customer_id": i, "kind": "handoff", "summary": "call me",
                             "data": {}, "created_at": now})
        with engine.begin() as conn:
            for model, rows in ((Customer, people), (CustomerPhone, phones),
                                (ServiceRequest, requests), (Activity, asks)):
                if rows:
                    conn.execute(insert(model.__table__), rows)


def seed(engine: Engine, leads: int) -> float:
    """Fill the database (the CRM benchmark's seeder when present); returns seconds."""
    start = time.perf_counter()
    try:
        from bench.seed_leads import seed_leads  # type: ignore[import-not-found]
    except ImportError:
        _fallback_seed(engine, leads)
    else:
        seed_leads(engine, leads)
    with engine.begin() as conn:  # fresh statistics, as a running database would have
        conn.execute(text("ANALYZE"))
    return time.perf_counter() - start


def measure(engine: Engine, runs: int) -> dict[str, float]:
    """Median milliseconds per page, logged in as a staff member."""
    settings = load_settings(admin_token="bench-token", outbox_in_process=False,
                             database_url=str(engine.url))
    results: dict[str, float] = {}
    with TestClient(create_app(settings, engine), follow_redirects=False) as client:
        login = client.post("/dashboard/login", data={"name": "Bench", "password": "bench-token"})
        assert login.status_code == 303, login.text
        for name, path in PAGES.items():
            client.get(path)  # warm up caches and compiled templates
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            results[name] = statistics.median(times)
    return results


def main() -> None:
    """Print, per backend and page, the median and the ratio against the static file."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    backends = {"sqlite": sqlite_engine, "postgres": postgres_engine}
    chosen = list(backends) if args.backend == "both" else [args.backend]
    for backend in chosen:
        with backends[backend]() as engine:
            seconds = seed(engine, args.leads)
            results = measure(engine, args.runs)
        base = results["static file (baseline)"]
        print(f"\n{backend}: {args.leads:,} leads (seeded in {seconds:.0f} s), "
              f"median of {args.runs} runs")
        print(f"{'page':<26}{'ms':>9}{'x static':>10}  target 300 ms")
        for name, ms in results.items():
            verdict = "" if "baseline" in name else ("ok" if ms < 300 else "SLOW")
            print(f"{name:<26}{ms:>9.1f}{ms / base:>10.1f}  {verdict}")


if __name__ == "__main__":
    main()
