"""`intake serve` SIGKILLed twice mid-load: every acknowledged message is stored, every
acknowledged STOP honoured, the consent ledger's chain intact; its log lines are JSON
without a secret (uvicorn's own lines too)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import httpx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.consent_tools import check
from consent.ledger import consent_status
from store import ledger
from store.models import MessageLog
from tests.reliability.load import ADMIN_TOKEN, AUTH_TOKEN, Load, serve_env
from tests.support.serve_process import ServeProcess
from tests.support.twilio import Texter, messages_of
from tests.support.worker_process import database_url

KILL_AT = (25, 70)  # acknowledged messages at which the server is killed


def test_sigkill_mid_load_loses_nothing_acknowledged(engine: Engine, tmp_path: Path) -> None:
    server = ServeProcess(serve_env(database_url(engine)), tmp_path).start()
    load = Load(server.url)
    restarting = threading.Lock()
    kills: list[int] = []

    def maybe_kill() -> None:
        with restarting:
            if len(kills) < len(KILL_AT) and len(load.acked) >= KILL_AT[len(kills)]:
                server.kill()  # other threads' requests in flight fail: not acknowledged
                kills.append(len(load.acked))
                server.start()

    try:
        load.run(between=maybe_kill)
        assert len(kills) == len(KILL_AT), "the load ended before both kills"
        with httpx.Client(base_url=server.url, timeout=14.0) as client:
            for phone in load.stopped():  # after the crashes, still nothing but silence
                again = Texter(client, AUTH_TOKEN, phone)  # type: ignore[arg-type]
                assert messages_of(again.post("are you still there?")) == []
            assert client.get(f"/api/outbox?token={ADMIN_TOKEN}").status_code in (401, 403)
    finally:
        server.stop()

    assert load.refused, "the kills should have cut some requests"
    with Session(engine) as session:
        stored = set(session.scalars(select(MessageLog.provider_id)
                                     .where(MessageLog.direction == "in")))
        assert {s.sid for s in load.acked} <= stored
        for phone in load.stopped():
            events = ledger.events_for(session, phone=phone)
            assert consent_status(events, "sms") == "opted_out", phone
        result, _ = check(session)
        assert result.ok and result.events >= len(load.stopped()), result
    _log_lines_are_masked_json(server.output())


def _log_lines_are_masked_json(output: str) -> None:
    lines = [line for line in output.splitlines() if line.strip()]
    assert any('"uvicorn' in line for line in lines)  # uvicorn's own lines came through us
    for line in lines:
        record = json.loads(line)  # every line, uvicorn's access and error lines too
        assert {"time", "level", "logger", "msg"} <= set(record)
        assert AUTH_TOKEN not in line and ADMIN_TOKEN not in line
