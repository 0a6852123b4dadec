"""Inbound messages per second through the real pipeline, on SQLite and PostgreSQL.

    python -m bench.pipeline [--conversations 30] [--runs 3] [--postgres URL]

Each conversation is the nine messages of a clean intake (disclosure, questions, consent,
summary, request + office event). The baseline, measured in the same run, is the replay of
the same messages (provider id already seen: one indexed lookup, no conversation), so the
ratio says what a whole intake turn costs over the cheapest transaction we make.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text

from bot.messages import InboundMessage
from bot.pipeline import Pipeline
from bot.settings import load_settings
from store.db import make_engine, session_factory
from store.migrate import upgrade

SCRIPT = ["Hi", "Maria Lopez", "yes", "42 Elm St, Springfield, IL 62704",
          "water heater leaking", "tomorrow morning", "maria@example.com", "yes", "yes"]


def _messages(n: int) -> list[InboundMessage]:
    out = []
    for i in range(n):
        phone = f"+1555{2000000 + i:07d}"
        out.extend(InboundMessage(channel="sms", sender_key=phone, phone=phone, text=t,
                                  provider_id=f"SM{uuid.uuid4().hex}") for t in SCRIPT)
    return out


def _timed(pipeline: Pipeline, msgs: list[InboundMessage]) -> float:
    start = time.perf_counter()
    for msg in msgs:
        pipeline.handle(msg)
    return len(msgs) / (time.perf_counter() - start)


def bench(url: str, conversations: int, runs: int) -> tuple[float, float]:
    """Median messages/s for fresh messages and for replays."""
    engine = make_engine(url)
    upgrade(engine)
    settings = load_settings(database_url=url, business_name="Bench Plumbing")
    pipeline = Pipeline(session_factory(engine), settings)
    fresh, replay = [], []
    for _ in range(runs):
        msgs = _messages(conversations)
        fresh.append(_timed(pipeline, msgs))
        replay.append(_timed(pipeline, msgs))
    engine.dispose()
    return statistics.median(fresh), statistics.median(replay)


def main() -> None:
    """Print a table of medians."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("sqlite (file, WAL)",
                     *bench(f"sqlite:///{Path(tmp) / 'bench.db'}", args.conversations, args.runs)))
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(args.postgres)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        sep = "&" if "?" in args.postgres else "?"
        url = f"{args.postgres}{sep}options=-csearch_path%3D{schema}"
        rows.append(("postgresql", *bench(url, args.conversations, args.runs)))
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    print(f"{args.conversations} conversations x {len(SCRIPT)} messages, median of {args.runs}")
    print(f"{'database':<20}{'intake msg/s':>14}{'replay msg/s':>14}{'ratio':>8}")
    for name, fresh, replay in rows:
        print(f"{name:<20}{fresh:>14.0f}{replay:>14.0f}{fresh / replay:>8.2f}")


if __name__ == "__main__":
    main()
