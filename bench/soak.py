"""A steady load on `intake serve` (SQLite) for a long while: error rate, latency
percentiles and RSS over time.

    python -m bench.soak [--minutes 10] [--rate 20] [--window 30]

Texters start whole signed conversations at `--rate` messages a second in all (open loop:
a slow answer does not slow the arrivals, as with Twilio). Every `--window` seconds it
prints the window's messages, errors, p50/p90/p99 and the server's RSS; at the end, the
window before last against the second (the first is the ramp-up; the baseline of the same
run): p99 ratio and RSS growth.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.harness import Server, Tally, intake_env, median, percentile, pin, post_signed
from bench.webhook import NEW, STOP

_phones = itertools.count(1)


@dataclass
class Window(Tally):
    """One window's figures."""

    rss: float = 0.0


async def _conversation(client: httpx.AsyncClient, n: int, gap: float,
                        windows: list[Window]) -> None:
    phone = f"+1556{next(_phones):07d}"
    for body in STOP if n % 25 == 0 else NEW:
        windows[-1].add(await post_signed(client, phone, body))
        await asyncio.sleep(gap)


async def soak(server: Server, minutes: float, rate: float, window_s: float) -> list[Window]:
    """Run the load; returns the windows."""
    windows = [Window()]
    per_conversation = len(NEW)
    # Each conversation sends one message every `gap` s; start enough of them for `rate`.
    gap = 2.0
    starts_per_s = rate / per_conversation
    tasks: set[asyncio.Task[None]] = set()
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=15.0) as client:
        began = time.perf_counter()
        next_window = began + window_s
        for n in itertools.count():
            now = time.perf_counter()
            if now - began >= minutes * 60:
                break
            if now >= next_window:
                windows[-1].rss = server.rss_mb()
                _print(len(windows), windows[-1], window_s)
                windows.append(Window())
                next_window += window_s
            task = asyncio.create_task(_conversation(client, n, gap, windows))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            await asyncio.sleep(max(0.0, began + (n + 1) / starts_per_s - time.perf_counter()))
        await asyncio.gather(*tasks)
    windows[-1].rss = server.rss_mb()
    return windows


def _print(n: int, w: Window, window_s: float) -> None:
    total = len(w.latencies) + w.errors
    print(f"{n * window_s:6.0f}s  {len(w.latencies) / window_s:6.1f} msg/s  "
          f"errors {w.errors:4d} ({w.errors / max(total, 1):6.2%})  "
          + "  ".join(f"p{p} {percentile(w.latencies, p) * 1000:6.1f} ms" for p in (50, 90, 99))
          + f"  RSS {w.rss:5.0f} MB", flush=True)


def main() -> None:
    """Soak and summarise."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=20.0, help="messages a second")
    parser.add_argument("--window", type=float, default=30.0, help="seconds per line")
    args = parser.parse_args()
    pin({1})
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        server = Server(["-m", "bot.cli", "serve"],
                        intake_env(f"sqlite:///{work / 'soak.db'}"), work)
        try:
            windows = asyncio.run(soak(server, args.minutes, args.rate, args.window))
            peak = server.peak_rss_mb()
            for line in server.errors()[:10]:
                print(f"server error: {line}")
        finally:
            server.stop()
    full = [w for w in windows if w.latencies]
    every = [x for w in windows for x in w.latencies]
    errors = sum(w.errors for w in windows)
    share = errors / max(len(every) + errors, 1)
    print(f"total: {len(every)} answered, {errors} errors ({share:.3%}),"
          f" p50 {median(every) * 1000:.1f} ms, p99 {percentile(every, 99) * 1000:.1f} ms,"
          f" peak RSS {peak:.0f} MB")
    if len(full) >= 3:
        # The first window is the ramp-up and the last may be partial: the second is the
        # baseline, the one before last the end.
        first, last = full[1], full[-2]
        print(f"end window / second window: p99 "
              f"{percentile(last.latencies, 99) / max(percentile(first.latencies, 99), 1e-9):.2f},"
              f" RSS {last.rss / max(first.rss, 1e-9):.2f}")


if __name__ == "__main__":
    main()
