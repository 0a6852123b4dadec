"""Signed Twilio conversations over HTTP against `intake serve` on SQLite, beside a bare
FastAPI endpoint (same form parsed, fixed TwiML), alternated rounds in one run.

    python -m bench.webhook [--concurrency 16 64] [--rounds 3] [--seconds 10]

Server on core 0, this load generator on core 1. Texters: mostly new ones going through a
whole intake, some returning texters, STOP and HELP mixed in. Prints, per concurrency, the
median over rounds of messages/s, p50/p90/p99 latency, errors, the server's peak RSS, the
ratio to the bare endpoint, and SQL statements per message (counted in-process with an
SQLAlchemy event listener).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.harness import (
    Server,
    Tally,
    intake_env,
    median,
    percentile,
    pin,
    post_signed,
    signed_form,
)

NEW = ["Hi", "Maria Lopez", "yes", "42 Elm St, Springfield, IL 62704", "water heater leaking",
       "tomorrow morning", "maria@example.com", "yes", "yes"]
RETURNING = ["Hi, it's me again", "yes", "yes", "the sink is clogged", "friday afternoon",
             "skip", "yes"]
STOP = ["Hi", "STOP"]
HELP = ["HELP", "Hi"]
_phones = itertools.count(1)


@dataclass
class Round(Tally):
    """What one round measured."""

    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        """Messages (answered 200) a second."""
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


def script(n: int, returning: list[str]) -> tuple[str, list[str]]:
    """The n-th texter: (phone, messages)."""
    if n % 20 == 0:
        return f"+1555{next(_phones):07d}", STOP
    if n % 20 == 1:
        return f"+1555{next(_phones):07d}", HELP
    if n % 10 == 2 and returning:
        return returning.pop(0), RETURNING
    return f"+1555{next(_phones):07d}", NEW


async def _worker(client: httpx.AsyncClient, deadline: float, result: Round,
                  counter: itertools.count[int], returning: list[str]) -> None:
    while time.perf_counter() < deadline:
        phone, messages = script(next(counter), returning)
        for body in messages:
            if time.perf_counter() >= deadline:
                return
            result.add(await post_signed(client, phone, body))
        if messages is NEW:
            returning.append(phone)


async def load(url: str, concurrency: int, seconds: float) -> Round:
    """`concurrency` texters at once for `seconds`."""
    result = Round()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=15.0) as client:
        start = time.perf_counter()
        counter, returning = itertools.count(), []
        await asyncio.gather(*(_worker(client, start + seconds, result, counter, returning)
                               for _ in range(concurrency)))
        result.elapsed = time.perf_counter() - start
    return result


def statements_per_message(conversations: int = 10) -> tuple[float, float]:
    """SQL statements per message of a whole intake, and per replayed message, in-process."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from bench.harness import AUTH_TOKEN, PUBLIC
    from bot.app import create_app
    from bot.settings import load_settings
    from store.db import make_engine
    from store.migrate import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'count.db'}"
        engine = make_engine(url)
        upgrade(engine)
        settings = load_settings(database_url=url, twilio_auth_token=AUTH_TOKEN,
                                 public_base_url=PUBLIC, outbox_in_process=False)
        count = [0]
        event.listen(engine, "before_cursor_execute", lambda *a: count.__setitem__(0, count[0] + 1))
        sent: list[tuple[dict[str, str], dict[str, str]]] = []
        with TestClient(create_app(settings, engine)) as client:
            for _ in range(conversations):
                phone = f"+1555{next(_phones):07d}"
                for body in NEW:
                    sent.append(signed_form(phone, body, f"SM{uuid.uuid4().hex}"))
            count[0] = 0
            for form, headers in sent:
                client.post("/sms/twilio", data=form, headers=headers)
            fresh = count[0] / len(sent)
            count[0] = 0
            for form, headers in sent:
                client.post("/sms/twilio", data=form, headers=headers)
            replay = count[0] / len(sent)
        engine.dispose()
    return fresh, replay


def main() -> None:
    """Alternate intake and bare rounds per concurrency; print medians."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--concurrency", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    fresh, replay = statements_per_message()
    pin({1})
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        intake = Server(["-m", "bot.cli", "serve"],
                        intake_env(f"sqlite:///{work / 'bench.db'}"), work)
        bare = Server(["-m", "bench.bare"], intake_env(""), work)
        try:
            print(f"SQL statements per message: {fresh:.1f} (whole intake), {replay:.1f} (replay)")
            print("conc  server  msg/s   p50 ms  p90 ms  p99 ms  errors  peak RSS MB")
            for concurrency in args.concurrency:
                results: dict[str, list[Round]] = {"intake": [], "bare": []}
                for _ in range(args.rounds):
                    for name, server in (("intake", intake), ("bare", bare)):
                        results[name].append(asyncio.run(
                            load(server.url, concurrency, args.seconds)))
                for name, server in (("intake", intake), ("bare", bare)):
                    rounds = results[name]
                    ms = [median([percentile(r.latencies, p) for r in rounds]) * 1000
                          for p in (50, 90, 99)]
                    print(f"{concurrency:>4}  {name:<6} {median([r.rate for r in rounds]):7.0f}"
                          + "".join(f" {m:7.1f}" for m in ms)
                          + f"  {sum(r.errors for r in rounds):6d}  {server.peak_rss_mb():8.0f}")
                ratio = (median([r.rate for r in results["intake"]])
                         / max(median([r.rate for r in results["bare"]]), 1e-9))
                print(f"{concurrency:>4}  ratio intake/bare (messages/s): {ratio:.2f}")
        finally:
            intake.stop()
            bare.stop()


if __name__ == "__main__":
    main()
