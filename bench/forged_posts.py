"""Server memory under forged 100 MB POSTs to the SMS webhook, against the server at rest.

    python -m bench.forged_posts [--size-mb 100] [--concurrent 4] [--runs 3]

Starts `intake serve` (SQLite in a temporary directory) in a child process, then sends
`--concurrent` forged bodies at once, both with a declared Content-Length and chunked
(no length), and reads the child's resident memory (VmRSS) before and after. The
baseline is the same server's RSS after as many small signed-looking requests. Before the
body caps (issue 11) one 100 MB post raised RSS from 211 to 512 MiB, four from 211 to 726.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx

CHUNK = 64 * 1024


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _body(size: int) -> AsyncIterator[bytes]:
    sent = 0
    while sent < size:
        sent += CHUNK
        yield b"x" * CHUNK


async def _forged(url: str, size: int, declared: bool) -> int:
    headers = {"Content-Type": "application/x-www-form-urlencoded",
               "X-Twilio-Signature": "forged"}
    if declared:
        headers["Content-Length"] = str(size)
    async with httpx.AsyncClient(timeout=60) as client:
        try:
            response = await client.post(url, content=_body(size), headers=headers)
        except httpx.HTTPError:  # the server may close while we are still sending
            return 0
        return response.status_code


async def _round(url: str, size: int, concurrent: int, declared: bool) -> list[int]:
    return list(await asyncio.gather(*(_forged(url, size, declared)
                                       for _ in range(concurrent))))


def _small(url: str, n: int) -> None:
    with httpx.Client(timeout=10) as client:
        for _ in range(n):
            client.post(url, data={"Body": "hi"}, headers={"X-Twilio-Signature": "forged"})


def main() -> None:
    """Print RSS figures and the ratio growth(forged) / growth(small requests)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=100)
    parser.add_argument("--concurrent", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    port = _free_port()
    url = f"http://127.0.0.1:{port}/sms/twilio"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TWILIO_AUTH_TOKEN": "9f86d081884c7d659a2feaa0c55ad015",
               "LOG_LEVEL": "WARNING", "OUTBOX_IN_PROCESS": "false"}
        env.pop("ADMIN_TOKEN", None)
        child = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--port", str(port)],
                                 cwd=tmp, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            _small(url, 20)
            rest = _rss_mib(child.pid)
            _small(url, 8 * args.runs)
            after_small = _rss_mib(child.pid)
            figures = {}
            for declared in (True, False):
                growth, statuses = [], []
                for _ in range(args.runs):
                    before = _rss_mib(child.pid)
                    statuses += asyncio.run(_round(url, args.size_mb * 1024 * 1024,
                                                   args.concurrent, declared))
                    growth.append(_rss_mib(child.pid) - before)
                figures["Content-Length" if declared else "chunked"] = (
                    statistics.median(growth), sorted(set(statuses)))
            final = _rss_mib(child.pid)
        finally:
            child.terminate()
            child.wait(timeout=10)
    baseline = max(after_small - rest, 0.1)
    print(f"RSS at rest {rest:.1f} MiB; after small requests {after_small:.1f} MiB; "
          f"after everything {final:.1f} MiB")
    print(f"{args.concurrent} concurrent forged {args.size_mb} MB posts, {args.runs} runs:")
    print("| body | median RSS growth MiB | statuses | x small-request growth |")
    print("| --- | --- | --- | --- |")
    for name, (grown, statuses) in figures.items():
        print(f"| {name} | {grown:.1f} | {statuses} | {grown / baseline:.1f} |")


if __name__ == "__main__":
    main()
