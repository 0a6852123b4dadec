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
    # real-looking secrets: `intake worker` refuses placeholders, as `intake serve` does
    office.twilio.auth_token = "5ad55c0aaef2a95c7d4c188180d68f9"
    wired = office.configure(settings, admin_token="9f86d081884c7d659a2feaa0c55ad015",
                             twilio_auth_token=office.twilio.auth_token,
                             telegram_bot_token="7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")
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
