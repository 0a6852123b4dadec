"""`intake worker` (the Procfile's worker) delivers the outbox and stops cleanly on SIGTERM."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import Engine

from bot.settings import Settings
from tests.support.office_targets import OfficeTargets, new_request_event, once_each, rows
from tests.support.worker_process import WorkerProcess


def test_intake_worker_sends_everything_then_exits_on_sigterm(
        sqlite_engine: Engine, settings: Settings, office: OfficeTargets,
        tmp_path: Path) -> None:
    wired = office.configure(settings)
    event_id, name = new_request_event(sqlite_engine, wired)
    worker = WorkerProcess("cli", wired, sqlite_engine, tmp_path)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (
                office.counts(event_id, name) != once_each()
                or any(r.status != "sent" for r in rows(sqlite_engine))):
            time.sleep(0.05)
        assert office.counts(event_id, name) == once_each(), worker.output()
        assert worker.terminate() == 0, worker.output()
    finally:
        worker.kill()
    assert {r.status for r in rows(sqlite_engine)} == {"sent"}
    assert "outbox worker stopped" in worker.output()
    assert wired.telegram_bot_token not in worker.output()  # logs never carry tokens
