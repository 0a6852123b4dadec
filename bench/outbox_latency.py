"""Telegram texter reply latency while office notifications queue up, against the local
Bot API server of tests/support (Telegram's one-message-a-second per chat applies).

    python -m bench.outbox_latency [--texters 30] [--turns 6] [--queued 30]

Three scenarios, each on a fresh `intake serve` (SQLite, in-process dispatcher):
baseline (no office target), `--queued` notifications waiting for the office Telegram
chat, and the same plus an office webhook that answers after 15 s. Latency: from posting
the texter's update to the first reply reaching the Bot API server; texters pause 1 s
between a reply and their next message (Telegram's one message a second per chat).
Prints p50 and p99 and their ratio to the baseline measured in the same run (target: p99
under 1 s).
"""

from __future__ import annotations

import argparse
import asyncio
import http.server
import itertools
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from bench.harness import Server, intake_env, median, percentile, pin
from bot.settings import load_settings
from store.db import make_engine
from tests.support.bot_api_server import BotApiServer, make_text_update
from tests.support.office_targets import new_request_event

TOKEN = "7000000001:bench-token-0123456789abcdefghijklmn"
SECRET = "bench-webhook-secret-0123456789"
OFFICE_CHAT = -1001234567890
TURNS = ["Hi", "Maria Lopez", "555-123-4567", "42 Elm St, Springfield, IL 62704",
         "water heater leaking", "tomorrow morning", "skip", "yes"]
THINK = 1.0  # seconds between reading a reply and sending the next message
_updates = itertools.count(1)


class SlowHook(http.server.BaseHTTPRequestHandler):
    """An office webhook that answers after 15 s."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        time.sleep(15)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        """Quiet."""


class Recording(BotApiServer):
    """The fake Bot API, noting when each chat's messages arrive and waking its waiter."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived: dict[str, list[float]] = {}
        self.waiters: dict[str, tuple[asyncio.AbstractEventLoop, asyncio.Event]] = {}

    def dispatch(self, token: str, method: str, params: dict[str, Any]) -> Any:
        """Record a successful sendMessage's arrival time (in an HTTP handler thread)."""
        result = super().dispatch(token, method, params)
        if method.lower() == "sendmessage":
            chat = str(params.get("chat_id"))
            self.arrived.setdefault(chat, []).append(time.time())
            if chat in self.waiters:
                loop, event = self.waiters[chat]
                loop.call_soon_threadsafe(event.set)
        return result


async def texter(client: httpx.AsyncClient, bot: Recording, chat: int, turns: int,
                 latencies: list[float], errors: list[str]) -> None:
    """One texter: each turn waits for the bot's answer, then for it to finish answering."""
    key, event = str(chat), asyncio.Event()
    bot.waiters[key] = (asyncio.get_running_loop(), event)
    arrived = bot.arrived.setdefault(key, [])
    for text in TURNS[:turns]:
        before, started = len(arrived), time.time()
        event.clear()
        try:
            await client.post("/telegram/webhook",
                              json=make_text_update(next(_updates), chat, text),
                              headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        except httpx.HTTPError as exc:
            errors.append(type(exc).__name__)
            continue
        while len(arrived) == before:
            try:
                await asyncio.wait_for(event.wait(), 120)
            except TimeoutError:
                errors.append("no reply within 120 s")
                break
            event.clear()
        if len(arrived) > before:
            latencies.append(arrived[before] - started)
        quiet = -1
        while len(arrived) != quiet:  # the turn's other replies, if any
            quiet = len(arrived)
            await asyncio.sleep(0.3)
        # A person reads and types: without this pause the texter would outrun Telegram's
        # one message a second per chat, which the sender respects (and we would measure it).
        await asyncio.sleep(THINK)


def scenario(work: Path, texters: int, turns: int, queued: int, office: bool,
             webhook_url: str | None) -> tuple[list[float], int]:
    """Run one scenario; (texter latencies, office notices delivered meanwhile)."""
    with Recording() as bot:
        url = f"sqlite:///{work / f'outbox-{time.monotonic_ns()}.db'}"
        extra = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": SECRET,
                 "TELEGRAM_API_BASE_URL": bot.base_url}
        if office:
            extra["OFFICE_TELEGRAM_CHAT_ID"] = str(OFFICE_CHAT)
        if webhook_url:
            extra["OFFICE_WEBHOOK_URL"] = webhook_url
        server = Server(["-m", "bot.cli", "serve"], intake_env(url, **extra), work)
        try:
            if office:
                settings = load_settings(database_url=url, **{k.lower(): v for k, v in
                                                             extra.items()})
                engine = make_engine(url)
                for _ in range(queued):
                    new_request_event(engine, settings)
                engine.dispose()
            latencies: list[float] = []
            errors: list[str] = []

            async def everyone() -> None:
                async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
                    # Warm-up, not measured: first use loads the parsers' data.
                    await texter(client, bot, 4999, len(TURNS), [], errors)
                    await asyncio.gather(*(texter(client, bot, 5000 + n, turns, latencies,
                                                  errors) for n in range(texters)))

            asyncio.run(everyone())
            if errors:
                print(f"  errors: {errors}")
            return latencies, len(bot.sent_to(OFFICE_CHAT))
        finally:
            server.stop()


def main() -> None:
    """Baseline, queued office chat, plus slow webhook; print p50/p99 and ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--texters", type=int, default=30)
    parser.add_argument("--turns", type=int, default=6)
    parser.add_argument("--queued", type=int, default=30)
    args = parser.parse_args()
    pin({1})
    hook = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowHook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    hook_url = f"http://127.0.0.1:{hook.server_address[1]}/hooks/intake"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        runs = [("baseline (no office target)", False, None),
                (f"{args.queued} queued for the office chat", True, None),
                (f"{args.queued} queued + webhook answering in 15 s", True, hook_url)]
        base: tuple[float, float] | None = None
        print("scenario                                    replies  p50 ms  p99 ms  "
              "office sent  p50 ratio  p99 ratio")
        for name, office, webhook in runs:
            latencies, office_sent = scenario(work, args.texters, args.turns, args.queued,
                                              office, webhook)
            p50, p99 = median(latencies), percentile(latencies, 99)
            base = base or (p50, p99)
            print(f"{name:<43} {len(latencies):7d} {p50 * 1000:7.0f} {p99 * 1000:7.0f}  "
                  f"{office_sent:11d}  {p50 / base[0]:9.2f}  {p99 / base[1]:9.2f}")
    hook.shutdown()


if __name__ == "__main__":
    main()
