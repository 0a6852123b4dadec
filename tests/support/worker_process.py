"""Workers in child processes, against the test's database and servers, killable at will.

Children are forked from a multiprocessing forkserver that imported the worker code once:
each child is still its own process (its own engine, event loop and sockets, killed with
SIGKILL), without paying a second or more of imports for every test.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import time
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, text

from bot.settings import Settings
from tests.support.crash_worker import child

REPO = Path(__file__).resolve().parents[2]
_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["tests.support.crash_worker"])


def _ensure_forkserver() -> None:
    """Start the forkserver able to import this repository, wherever the test has cd'ed.

    Python 3.11's forkserver ignores the sys.path it is given, and a failed preload is
    silently skipped (every child would then import everything again): PYTHONPATH it is.
    """
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), before) if p)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before


def database_url(engine: Engine) -> str:
    """A DATABASE_URL reaching the same database (and, on PostgreSQL, the test's schema)."""
    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name != "postgresql" or "options" in engine.url.query:
        return url  # (SQLAlchemy may already carry connect_args' options in the URL)
    with engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


def environment(settings: Settings, engine: Engine) -> dict[str, str]:
    """The child's environment: every setting as its variable."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TWILIO_", "TELEGRAM_", "OFFICE_", "SMTP_", "OUTBOX_"))}
    for name, value in settings.model_dump().items():
        env[name.upper()] = str(value).lower() if isinstance(value, bool) else str(value)
    env["DATABASE_URL"] = database_url(engine)
    return env


class WorkerProcess:
    """A child worker ("before_send", "after_send" or "cli"); see tests.support.crash_worker."""

    def __init__(self, point: str, settings: Settings, engine: Engine, workdir: Path) -> None:
        self.marker = workdir / f"{point}.marker"
        self.log = workdir / f"{point}.log"
        _ensure_forkserver()
        self.process = _context.Process(
            target=child, args=(point, str(self.marker), environment(settings, engine),
                                str(workdir), str(self.log)), daemon=True)
        self.process.start()

    def reached(self) -> list[int]:
        """Row ids that reached the freeze point so far."""
        if not self.marker.exists():
            return []
        return [int(line) for line in self.marker.read_text().split()]

    def wait_for(self, count: int, timeout: float = 20.0) -> list[int]:
        """Block until `count` rows are frozen (or fail with the child's log)."""
        deadline = time.monotonic() + timeout
        while len(self.reached()) < count:
            if not self.process.is_alive() or time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"worker froze {len(self.reached())} of {count} rows:\n"
                                     + self.output())
            time.sleep(0.02)
        return self.reached()

    def output(self) -> str:
        """What the child wrote (logs, tracebacks)."""
        return self.log.read_text() if self.log.exists() else ""

    def terminate(self, timeout: float = 10.0) -> int | None:
        """SIGTERM, as a platform stops a worker; returns the exit code."""
        self.process.terminate()
        self.process.join(timeout)
        return self.process.exitcode

    def kill(self) -> None:
        """SIGKILL: no cleanup, no finally blocks, exactly like a crash."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=10)
