"""The office CRM at 100,000 leads: import speed and memory, and query times, both databases.

    python -m bench.crm [--leads 100000] [--runs 7] [--backend sqlite|postgres|both]

1. Import: a generated CSV of `--leads` rows (and one a tenth of its size) imported in a
   fresh process into an empty database; prints seconds, rows a second and the peak RSS
   of that process, so that "memory flat" reads as the two peaks being close.
2. Queries: `--leads` leads seeded with bench.seed_leads, then each service-layer query
   (list, every search form, filters, board, Today) timed; medians in milliseconds and
   the ratio against a bare primary-key lookup measured in the same run. Target 300 ms.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bench.seed_leads import BACKENDS, chosen_backends, person, timed_seed
from bot.crm import importer, search, today
from bot.crm.schemas import LeadQuery
from store.clock import utcnow
from store.db import session_factory
from store.models import Customer, CustomerPhone
from store.uow import UnitOfWork

TZ = ZoneInfo("America/New_York")
QUERIES: dict[str, dict[str, object]] = {
    "list, newest 50": {},
    "list, page 1000": {"offset": 49_950},
    "list by name": {"sort": "name"},
    "search: full name": {"q": "Maria Gonzalez"},
    "search: name reversed": {"q": "gonzalez maria"},
    "search: partial name": {"q": "gonz"},
    "search: phone formatted": {"q": "(512) 555-0101"},
    "search: last 4 digits": {"q": "0101"},
    "search: email": {"q": "maria.gonzalez1@example.com"},
    "search: partial email": {"q": "gonzalez1@"},
    "search: address spelled": {"q": "1234 Oak Avenue"},
    "filter: tag": {"tag": "vip"},
    "filter: status + tag": {"status": "quoted", "tag": "vip"},
    "filter: follow-up due": {"follow_up_due": True},
}


def import_file(rows: int) -> bytes:
    """A CSV in an office tool's columns: `rows` different people, aliased headers.

    Written line by line to a file and read back, so that the only copy held is the one an
    upload would be (the peak RSS is then the import's, not the generator's).
    """
    with tempfile.TemporaryFile("w+b") as out:
        out.write(b"First Name,Last Name,Phone Number,E-mail,Street Address,City,State,"
                  b"Zip Code,Tags,Status\n")
        for i in range(1, rows + 1):
            p = person(i)
            out.write(f"{p['first_name']},{p['last_name']},{p['phone']},{p['email']},"
                      f"{p['line1'].title()},Austin,TX,{p['postal_code']},"
                      f"{';'.join(p['tags'])},{p['lead_status'].title()}\n".encode())
        out.seek(0)
        return out.read()


def _import_child(backend: str, rows: int, out: multiprocessing.SimpleQueue[object]) -> None:
    data = import_file(rows)
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with BACKENDS[backend]() as engine, UnitOfWork(session_factory(engine)) as uow:
        start, cpu = time.perf_counter(), time.process_time()
        report = importer.import_leads(uow.session, "bench.csv", data, False, "bench")
        uow.commit()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put((seconds, cpu, report.created, peak_mb, before_mb))


def bench_import(backend: str, rows: int) -> tuple[float, float, int, float, float]:
    """Seconds (wall, and CPU of this process: the machine may be shared), leads created,
    peak RSS (MB) of a fresh process importing `rows` rows, and its peak before the import
    (the interpreter, the modules and the file)."""
    ctx = multiprocessing.get_context("spawn")
    queue: multiprocessing.SimpleQueue[object] = ctx.SimpleQueue()
    child = ctx.Process(target=_import_child, args=(backend, rows, queue))
    child.start()
    child.join()
    seconds, cpu, created, peak, before = queue.get()  # type: ignore[misc]
    return float(seconds), float(cpu), int(created), float(peak), float(before)


def _median_ms(fn: Callable[[Session], object], engine: Engine, runs: int) -> float:
    sessions = session_factory(engine)
    with sessions() as warm:
        fn(warm)
    times = []
    for _ in range(runs):
        with sessions() as session:  # a fresh session: nothing cached between runs
            start = time.perf_counter()
            fn(session)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _searcher(query: LeadQuery, day: date) -> Callable[[Session], object]:
    return lambda session: search.search(session, query, day)


def bench_queries(engine: Engine, runs: int, day: date) -> dict[str, float]:
    """Median milliseconds for the baselines and every list, search, board and Today query."""
    probes: dict[str, Callable[[Session], object]] = {
        "baseline: id lookup": lambda s: s.scalars(select(Customer.id).where(
            Customer.id == 777)).all(),
        "baseline: phone lookup": lambda s: s.scalars(select(CustomerPhone.customer_id).where(
            CustomerPhone.number == "+15125550101")).all(),
    }
    for name, query in QUERIES.items():
        probes[name] = _searcher(LeadQuery.model_validate(query), day)
    probes["board (50 a column)"] = lambda s: search.board(s, 50)
    probes["today"] = lambda s: today.today(s, utcnow(), TZ)
    return {name: _median_ms(fn, engine, runs) for name, fn in probes.items()}


def main() -> None:
    """Print the import figures, then the query medians, per backend."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    for backend in chosen_backends(args.backend):
        print(f"\n{backend}")
        if not args.skip_import:
            for rows in (args.leads // 10, args.leads):
                seconds, cpu, created, peak, before = bench_import(backend, rows)
                print(f"import {rows:>7,} rows: {seconds:6.1f} s ({cpu:.1f} s CPU), "
                      f"{rows / seconds:7,.0f} rows/s, {created:,} created, "
                      f"peak RSS {peak:,.0f} MB ({before:,.0f} MB before the import)  "
                      "(target 30 s)")
        with BACKENDS[backend]() as engine:
            print(f"seeded {args.leads:,} leads in {timed_seed(engine, args.leads):.0f} s; "
                  f"median of {args.runs} runs")
            results = bench_queries(engine, args.runs, utcnow().astimezone(TZ).date())
        base = results["baseline: id lookup"]
        print(f"{'query':<28}{'ms':>9}{'x lookup':>10}  target 300 ms")
        for name, ms in results.items():
            verdict = "" if name.startswith("baseline") else ("ok" if ms < 300 else "SLOW")
            print(f"{name:<28}{ms:>9.1f}{ms / base:>10.1f}  {verdict}")


if __name__ == "__main__":
    main()
