"""Ledger verify and export at scale: wall time and peak memory against baselines.

Run from the repo root: python -m bench.ledger [--events 1000000] [--runs 3]

Builds the ledger in a temporary SQLite file (bulk inserts of events linked by the real
consent.ledger.chain), then times each task in a fresh process (so that ru_maxrss starts
clean): the median of --runs runs without tracemalloc, then one more run with tracemalloc
for the peak of Python allocations.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import resource
import shutil
import sqlite3
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.consent_tools import export, verify
from bot.settings import Settings, load_settings
from consent.ledger import GENESIS, ConsentEvent, chain, verify_chain
from consent.texts import DISCLOSURE_VERSION, Business, consent_question
from store import ledger
from store.db import make_engine, session_factory
from store.migrate import upgrade

COLUMNS = ("phone", "chat_id", "channel", "kind", "method", "text", "disclosure",
           "disclosure_version", "provider_message_id", "actor", "recorded_at", "prev_hash",
           "hash")
INSERT = (f"INSERT INTO consent_events ({', '.join(COLUMNS)}) "
          f"VALUES ({', '.join('?' for _ in COLUMNS)})")
START = datetime(2026, 1, 1, tzinfo=UTC)
QUESTION = consent_question(Business("Ace Plumbing", "(555) 010-0000"))


def synthetic(n: int) -> Iterator[ConsentEvent]:
    """A plausible mix: opt-ins with their disclosure, opt-outs, HELP, 50,000 numbers."""
    for i in range(n):
        phone = f"+1555{i % 50_000:07d}"
        moment = START + timedelta(seconds=i)
        if i % 5 == 0:
            yield ConsentEvent(channel="sms", kind="opt_out", method="keyword", actor="texter",
                               recorded_at=moment, phone=phone, text="STOP",
                               provider_message_id=f"SM{i:032x}")
        elif i % 5 == 1:
            yield ConsentEvent(channel="sms", kind="help", method="keyword", actor="texter",
                               recorded_at=moment, phone=phone, text="help",
                               provider_message_id=f"SM{i:032x}")
        else:
            yield ConsentEvent(channel="sms", kind="opt_in", method="reply", actor="texter",
                               recorded_at=moment, phone=phone, text="yes", disclosure=QUESTION,
                               disclosure_version=DISCLOSURE_VERSION,
                               provider_message_id=f"SM{i:032x}")


def _row(e: ConsentEvent) -> tuple[Any, ...]:
    # SQLAlchemy's SQLite DATETIME text form, so the ORM reads back the same instant.
    stamp = e.recorded_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return (e.phone, e.chat_id, e.channel, e.kind, e.method, e.text, e.disclosure,
            e.disclosure_version, e.provider_message_id, e.actor, stamp, e.prev_hash, e.hash)


def build(path: Path, n: int, batch: int = 20_000) -> float:
    """A migrated SQLite file holding `n` chained events; returns the seconds it took."""
    began = time.perf_counter()
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")  # a throw-away file: durability is not measured
    prev, rows = GENESIS, []
    for event in synthetic(n):
        linked = chain(event, prev)
        prev = linked.hash
        rows.append(_row(linked))
        if len(rows) >= batch:
            conn.executemany(INSERT, rows)
            rows = []
    conn.executemany(INSERT, rows)
    conn.commit()
    conn.close()
    return time.perf_counter() - began


class NullSink:
    """A text sink that keeps nothing."""

    def write(self, text: str) -> int:
        """Drop `text`."""
        return len(text)


def _settings(path: str) -> Settings:
    return load_settings(database_url=f"sqlite:///{path}")


def floor(path: str) -> None:
    """Raw sqlite3 iteration over every row: what reading alone costs."""
    conn = sqlite3.connect(path)
    for _ in conn.execute("SELECT * FROM consent_events ORDER BY id"):
        pass
    conn.close()


def naive_verify(path: str) -> None:
    """The baseline: load every event into a list, then verify."""
    with session_factory(make_engine(f"sqlite:///{path}"))() as session:
        events = list(ledger.stream(session))
        assert verify_chain(events).ok


def streamed_verify(path: str) -> None:
    """`intake consent verify`."""
    assert verify(_settings(path), out=io.StringIO()) == 0


def export_csv(path: str) -> None:
    """`intake consent export --format csv` to a null sink."""
    export(_settings(path), fmt="csv", since=None, phone=None, out=NullSink())  # type: ignore[arg-type]


def export_json(path: str) -> None:
    """`intake consent export --format json` to a null sink."""
    export(_settings(path), fmt="json", since=None, phone=None, out=NullSink())  # type: ignore[arg-type]


NAIVE = "naive verify (list)"  # a baseline, timed once: it is the slowest and largest
TASKS: dict[str, Callable[[str], None]] = {
    "sqlite3 rows (floor)": floor, NAIVE: naive_verify,
    "verify (streamed)": streamed_verify, "export csv": export_csv, "export json": export_json}
Result = tuple[float, float, float]


_free: Any = None  # in a worker: the queue of database copies no other worker is reading


def _init(free: Any) -> None:
    global _free
    _free = free


def _measure(job: tuple[str, bool]) -> Result:
    """In a fresh process: seconds, tracemalloc peak MiB (or 0), ru_maxrss growth MiB.

    Side-by-side jobs read different copies of the file: SQLite transactions are
    BEGIN IMMEDIATE here, so two readers of one file would wait for each other.
    """
    name, traced = job
    path = _free.get()
    try:
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if traced:
            tracemalloc.start()
        began = time.perf_counter()
        TASKS[name](path)
        seconds = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else 0.0
        tracemalloc.stop()
        rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024  # KiB
    finally:
        _free.put(path)
    return seconds, peak, rss


def measure(jobs: list[tuple[str, bool]], copies: list[Path]) -> list[Result]:
    """Each job in its own spawned interpreter (a clean ru_maxrss), one per copy at a time."""
    context = multiprocessing.get_context("spawn")
    free = context.Manager().Queue()
    for copy in copies:
        free.put(str(copy))
    with context.Pool(len(copies), initializer=_init, initargs=(free,),
                      maxtasksperchild=1) as pool:
        return pool.map(_measure, jobs, chunksize=1)


def _copies(path: Path, n: int) -> list[Path]:
    copies = [path]
    for i in range(1, n):
        copies.append(path.with_suffix(f".{i}.db"))
        shutil.copyfile(path, copies[-1])
    return copies


def main(argv: list[str] | None = None) -> None:
    """Build, measure, print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.ledger", description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per task (median)")
    parser.add_argument("--trace-events", type=int, default=100_000,
                        help="ledger size for the tracemalloc pass (it slows verify ~6x)")
    parser.add_argument("--jobs", type=int, default=2, help="runs side by side (one per core)")
    args = parser.parse_args(argv)
    traced_n = min(args.trace_events, args.events)
    with tempfile.TemporaryDirectory() as tmp:
        full, small = Path(tmp) / "ledger.db", Path(tmp) / "traced.db"
        built = build(full, args.events)
        print(f"built {args.events:,} chained events in {built:.1f} s "
              f"({full.stat().st_size / 2**20:.0f} MiB file)", flush=True)
        build(small, traced_n)
        runs = {name: 1 if name == NAIVE else args.runs for name in TASKS}
        jobs = [(name, False) for name in TASKS for _ in range(runs[name])]
        timed = measure(jobs, _copies(full, args.jobs))
        traced = measure([(name, True) for name in TASKS], _copies(small, args.jobs))
    rows, start = [], 0
    for i, name in enumerate(TASKS):
        mine = [timed[k] for k in range(start, start + runs[name])]
        start += runs[name]
        rows.append((name, statistics.median(t for t, _, _ in mine),
                     statistics.median(r for _, _, r in mine), traced[i][1]))
    floor_s, naive_s, naive_peak = rows[0][1], rows[1][1], rows[1][3]
    print(f"\nwall, rss: median of {args.runs} runs (naive: 1) on {args.events:,} events, "
          f"{args.jobs} side by side; rss = ru_maxrss growth; peak = tracemalloc on "
          f"{traced_n:,} events")
    print(f"{'task':<22} {'wall s':>8} {'events/s':>10} {'x floor':>8} {'x naive':>8} "
          f"{'rss MiB':>8} {'peak MiB':>9} {'peak/naive':>10}")
    for name, wall, rss, peak in rows:
        print(f"{name:<22} {wall:>8.2f} {args.events / wall:>10,.0f} {wall / floor_s:>8.1f} "
              f"{wall / naive_s:>8.2f} {rss:>8.1f} {peak:>9.1f} "
              f"{peak / naive_peak if naive_peak else 0:>10.3f}")


if __name__ == "__main__":
    main()
