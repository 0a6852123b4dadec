"""Cost of a message with 1,000 vs 1,000,000 customers and consent events on file.

    python -m bench.growth [--small 1000] [--large 1000000] [--rounds 5] [--postgres]

Both databases are seeded with bulk SQL (bench.seed_leads: leads, phones, requests; plus one
opt-in consent event per lead), then the same mix goes through the real pipeline in
alternated rounds: new texters through a whole intake and seeded customers coming back
(their record, requests and consent found by phone). Prints the median milliseconds per
message for each size and the ratio large/small (target: under 1.2).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack

from sqlalchemy import Engine, insert, text

from bench.seed_leads import BATCH, person, postgres_engine, seed_leads, sqlite_engine
from bench.webhook import NEW, RETURNING
from bot.messages import InboundMessage
from bot.pipeline import Pipeline
from bot.settings import load_settings
from store.clock import utcnow
from store.db import session_factory
from store.models import ConsentEventRow

_new_phones = itertools.count(1)


def seed_consent(engine: Engine, leads: int) -> None:
    """One opt-in per lead, by its phone (hashes are unique but not a verifiable chain)."""
    now = utcnow()
    for start in range(1, leads + 1, BATCH):
        rows = []
        for i in range(start, min(start + BATCH, leads + 1)):
            digest = hashlib.sha256(f"seed-{i}".encode()).hexdigest()
            rows.append({"phone": person(i)["phone"], "channel": "sms", "kind": "opt_in",
                         "method": "keyword", "actor": "texter", "recorded_at": now,
                         "entered_at": now, "test": False, "prev_hash": "0" * 64,
                         "hash": digest, "text": "YES"})
        with engine.begin() as conn:
            conn.execute(insert(ConsentEventRow.__table__), rows)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def _messages(leads: int, texters: int) -> Iterator[InboundMessage]:
    """`texters` new intakes and as many seeded customers coming back, interleaved."""
    step = max(1, leads // texters)
    for n in range(texters):
        new = f"+1555{next(_new_phones):07d}"
        back = person(2 + n * step % (leads - 1))["phone"]
        for phone, script in ((new, NEW), (back, RETURNING)):
            for body in script:
                yield InboundMessage(channel="sms", sender_key=phone, phone=phone, text=body,
                                     provider_id=f"SM{uuid.uuid4().hex}")


def _round(pipeline: Pipeline, leads: int, texters: int) -> float:
    """Milliseconds per message for one round."""
    msgs = list(_messages(leads, texters))
    start = time.perf_counter()
    for msg in msgs:
        pipeline.handle(msg)
    return (time.perf_counter() - start) * 1000 / len(msgs)


def run(make: AbstractContextManager[Engine], other: AbstractContextManager[Engine],
        sizes: tuple[int, int], rounds: int, texters: int) -> tuple[float, float, float]:
    """Median ms/message (small, large) and the seeding time of the large one, in seconds."""
    with ExitStack() as stack:
        engines = [stack.enter_context(make), stack.enter_context(other)]
        seeded = 0.0
        for engine, leads in zip(engines, sizes, strict=True):
            start = time.perf_counter()
            seed_leads(engine, leads)
            seed_consent(engine, leads)
            seeded = time.perf_counter() - start
        pipelines = [Pipeline(session_factory(e), load_settings(
            database_url=str(e.url), business_name="Bench Plumbing")) for e in engines]
        for k in (0, 1):  # warm-up: imports, parsers' caches, the pool's connections
            _round(pipelines[k], sizes[k], texters)
        times: list[list[float]] = [[], []]
        for _ in range(rounds):  # alternated, so that machine noise hits both alike
            for k in (0, 1):
                times[k].append(_round(pipelines[k], sizes[k], texters))
        return statistics.median(times[0]), statistics.median(times[1]), seeded


def main() -> None:
    """Print ms/message per size and the ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--texters", type=int, default=10)
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL")
    args = parser.parse_args()
    sizes = (args.small, args.large)
    kinds = [("sqlite", sqlite_engine)] + ([("postgresql", postgres_engine)]
                                           if args.postgres else [])
    print(f"{args.texters} new + {args.texters} returning texters a round, "
          f"median of {args.rounds} alternated rounds")
    print(f"{'database':<12}{'ms/msg ' + str(sizes[0]):>16}{'ms/msg ' + str(sizes[1]):>18}"
          f"{'ratio':>8}{'seed s':>9}")
    for name, factory in kinds:
        small, large, seeded = run(factory(), factory(), sizes, args.rounds, args.texters)
        print(f"{name:<12}{small:>16.2f}{large:>18.2f}{large / small:>8.2f}{seeded:>9.0f}")


if __name__ == "__main__":
    main()
