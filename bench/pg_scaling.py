"""Throughput of intake on PostgreSQL with 1, 2 and 4 `intake serve` processes and a worker.

    python -m bench.pg_scaling [--processes 1 2 4] [--rounds 3] [--seconds 10]
                               [--concurrency 16] [--postgres URL]

The same signed conversations as bench.webhook (new and returning texters, STOP and HELP),
spread round robin over the server processes (each its own port); one `intake worker`
dispatches the outbox beside them. All of it in a schema of its own on the server, dropped
after. Prints, per process count, the median messages/s, p50/p99, errors, and the ratio to
one process; then checks the ledger's chain (`intake consent verify`) and that no customer
or inbound message was stored twice.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import make_url, text

from bench.harness import Server, intake_env, median, percentile, pin
from bench.webhook import Round, _worker
from store.db import make_engine
from store.migrate import upgrade

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DUPLICATES = {
    "customers sharing a phone":
        "SELECT count(*) FROM (SELECT phone FROM customers GROUP BY phone HAVING count(*) > 1) d",
    "inbound messages stored twice":
        "SELECT count(*) FROM (SELECT channel, provider_id FROM messages WHERE direction = 'in' "
        "GROUP BY channel, provider_id HAVING count(*) > 1) d",
    "conversations stored twice":
        "SELECT count(*) FROM (SELECT channel, sender_key FROM conversations "
        "GROUP BY channel, sender_key HAVING count(*) > 1) d",
}


async def load(urls: list[str], concurrency: int, seconds: float) -> Round:
    """`concurrency` texters at once for `seconds`, texter i on server i mod len(urls)."""
    result = Round()
    per = max(1, concurrency // len(urls))
    limits = httpx.Limits(max_connections=per, max_keepalive_connections=per)
    clients = [httpx.AsyncClient(base_url=u, limits=limits, timeout=15.0) for u in urls]
    try:
        start = time.perf_counter()
        counter, returning = itertools.count(), []
        await asyncio.gather(*(_worker(clients[i % len(clients)], start + seconds, result,
                                       counter, returning) for i in range(concurrency)))
        result.elapsed = time.perf_counter() - start
    finally:
        for client in clients:
            await client.aclose()
    return result


def _schema_url(base: str, schema: str) -> str:
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def _measure(url: str, n: int, args: argparse.Namespace, work: Path) -> list[Round]:
    env = intake_env(url, OUTBOX_IN_PROCESS="false")
    worker = subprocess.Popen([sys.executable, "-m", "bot.cli", "worker"], cwd=work, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    servers = [Server(["-m", "bot.cli", "serve"], env, work, core=None) for _ in range(n)]
    try:
        return [asyncio.run(load([s.url for s in servers], args.concurrency, args.seconds))
                for _ in range(args.rounds)]
    finally:
        for server in servers:
            server.stop()
        worker.terminate()
        worker.wait(timeout=20)


def _checks(url: str, work: Path) -> list[str]:
    """The ledger verification's verdict and the duplicate counts, as lines to print."""
    verify = subprocess.run([sys.executable, "-m", "bot.cli", "consent", "verify"], cwd=work,
                            env=intake_env(url), capture_output=True, text=True, check=False)
    lines = [f"intake consent verify: exit {verify.returncode}: "
             + (verify.stdout or verify.stderr).strip().splitlines()[-1]]
    engine = make_engine(url)
    with engine.connect() as conn:
        for name, query in DUPLICATES.items():
            lines.append(f"{name}: {conn.scalar(text(query))}")
        counts = conn.execute(text("SELECT (SELECT count(*) FROM customers), "
                                   "(SELECT count(*) FROM messages WHERE direction = 'in'), "
                                   "(SELECT count(*) FROM consent_events)")).one()
    engine.dispose()
    lines.append(f"stored: {counts[0]} customers, {counts[1]} inbound messages, "
                 f"{counts[2]} consent events")
    return lines


def main() -> None:
    """Run each process count against one fresh schema; print medians, ratio, checks."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--postgres", default=PG_URL)
    args = parser.parse_args()
    pin({1})  # the load generator; servers go where the scheduler puts them
    schema = f"bench_scale_{uuid.uuid4().hex[:8]}"
    admin = make_engine(args.postgres)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = _schema_url(args.postgres, schema)
    try:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        rates: dict[int, float] = {}
        print(f"{os.cpu_count()} cores; {args.concurrency} connections, median of "
              f"{args.rounds} rounds of {args.seconds:g} s")
        print("procs  msg/s   p50 ms  p99 ms  errors  ratio to 1 proc")
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.processes:
                rounds = _measure(url, n, args, Path(tmp))
                rates[n] = median([r.rate for r in rounds])
                p50, p99 = (median([percentile(r.latencies, p) for r in rounds]) * 1000
                            for p in (50, 99))
                base = rates.get(args.processes[0]) or 1e-9
                print(f"{n:>5}  {rates[n]:5.0f}  {p50:7.1f} {p99:7.1f}  "
                      f"{sum(r.errors for r in rounds):6d}  {rates[n] / base:5.2f}")
            for line in _checks(url, Path(tmp)):
                print(line)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
