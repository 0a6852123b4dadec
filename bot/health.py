"""A bounded database check for /healthz: an answer within the bound, whatever the database does."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable

from sqlalchemy import Engine, text

HEALTH_TIMEOUT_SECONDS = 1.5  # /healthz answers within 2 s either way


def select_one(engine: Engine) -> Callable[[], None]:
    """The check itself: one round trip to the database."""
    def check() -> None:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    return check


class HealthProbe:
    """Runs `check` in one background thread, one at a time, and waits at most `timeout`.

    A hung database holds that one thread; every probe meanwhile waits on the same
    attempt (no pile of stuck threads) and answers "unavailable" when the bound is reached.
    """

    def __init__(self, check: Callable[[], None],
                 timeout: float = HEALTH_TIMEOUT_SECONDS) -> None:
        self.check = check
        self.timeout = timeout
        self._lock = threading.Lock()
        self._running: concurrent.futures.Future[None] | None = None

    def _attempt(self) -> concurrent.futures.Future[None]:
        with self._lock:
            if self._running is None or self._running.done():
                self._running = concurrent.futures.Future()
                threading.Thread(target=self._run, args=(self._running,), daemon=True,
                                 name="healthz").start()
            return self._running

    def _run(self, future: concurrent.futures.Future[None]) -> None:
        try:
            self.check()
        except Exception as exc:  # any failure of the check means "unavailable"
            future.set_exception(exc)
        else:
            future.set_result(None)

    async def ok(self) -> bool:
        """True when the check passed within the bound."""
        attempt = asyncio.wrap_future(self._attempt())
        # A probe that gave up still gets the outcome later: mark it read, not "never retrieved".
        attempt.add_done_callback(lambda f: f.cancelled() or f.exception())
        try:
            await asyncio.wait_for(asyncio.shield(attempt), self.timeout)
        except Exception:  # timed out, or the check failed
            return False
        return True
