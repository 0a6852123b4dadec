"""Each route refuses a body over its cap with 413 JSON, before reading it (issue 11, defect 5)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.limits import DEFAULT_CAP, KB, MB, cap_for
from bot.settings import Settings
from tests.edges.conftest import AUTH, TG_HEADERS
from tests.support.bot_api_server import make_text_update

CHUNK = 64 * KB
HUNDRED_MB = 100 * MB


class Forged:
    """A 100 MB body handed over a chunk at a time, counting what the server pulled."""

    def __init__(self, size: int = HUNDRED_MB) -> None:
        self.size = size
        self.pulled = 0

    async def chunks(self) -> AsyncIterator[bytes]:
        while self.pulled < self.size:
            self.pulled += CHUNK
            yield b"Body=" + b"x" * (CHUNK - 5)


async def _post(app_settings: Settings, engine: Engine, path: str, body: Forged,
                headers: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=create_app(app_settings, engine))
    async with httpx.AsyncClient(transport=transport, base_url="http://internal") as client:
        return await client.post(path, content=body.chunks(), headers=headers)


FORM = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "forged"}


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
async def test_a_100_mb_forged_sms_post_is_refused_without_being_read(
        sqlite_engine: Engine, edge_settings: Settings, declared: bool) -> None:
    body = Forged()
    headers = {**FORM, **({"Content-Length": str(HUNDRED_MB)} if declared else {})}
    response = await _post(edge_settings, sqlite_engine, "/sms/twilio", body, headers)
    assert response.status_code == 413
    assert "at most 65536 bytes" in response.json()["detail"]
    # Declared too large: not a byte read. Streamed: cut off at the cap (plus one chunk).
    assert body.pulled <= (0 if declared else 64 * KB + CHUNK)


async def test_a_streamed_telegram_update_is_cut_off_at_one_mb(
        sqlite_engine: Engine, edge_settings: Settings) -> None:
    body = Forged()
    headers = {**TG_HEADERS, "Content-Type": "application/json"}
    response = await _post(edge_settings, sqlite_engine, "/telegram/webhook", body, headers)
    assert response.status_code == 413 and "at most 1048576 bytes" in response.json()["detail"]
    assert body.pulled <= MB + CHUNK


def test_a_20_mb_telegram_text_is_refused(app_client: TestClient) -> None:
    update = make_text_update(1, 42, "a" * (20 * MB))
    response = app_client.post("/telegram/webhook", content=json.dumps(update),
                               headers={**TG_HEADERS, "Content-Type": "application/json"})
    assert response.status_code == 413 and "1048576" in response.json()["detail"]


def test_a_20_mb_tags_patch_is_refused(app_client: TestClient) -> None:
    response = app_client.patch("/api/leads/1", headers=AUTH,
                                json={"tags": ["x" * 1000] * (20 * 1024)})
    assert response.status_code == 413
    assert f"at most {DEFAULT_CAP} bytes" in response.json()["detail"]


def test_admin_json_over_the_cap_is_refused(app_client: TestClient) -> None:
    response = app_client.post("/api/consent/verbal", headers=AUTH, json={
        "phone": "+15551234567", "staff": "Ann", "script": "s" * (300 * KB)})
    assert response.status_code == 413


def test_csv_uploads_may_be_larger_than_admin_json(app_client: TestClient) -> None:
    csv = "phone,first_name\n" + "5551230000,A\n" * (400 * KB // 13)
    response = app_client.post("/api/leads/import", headers=AUTH,
                               files={"file": ("leads.csv", csv, "text/csv")})
    assert response.status_code != 413 and response.status_code < 500


def test_the_caps_by_route() -> None:
    assert cap_for("/sms/twilio") == cap_for("/sms/twilio/status") == 64 * KB
    assert cap_for("/telegram/webhook") == MB
    assert cap_for("/api/leads/import") == 20 * MB
    assert cap_for("/api/leads/7") == cap_for("/dashboard/login") == DEFAULT_CAP == 256 * KB


def test_an_sms_body_longer_than_twilio_sends_is_refused(app_client: TestClient,
                                                        edge_settings: Settings) -> None:
    from tests.support.twilio import Texter

    response = Texter(app_client, edge_settings.twilio_auth_token, "+15551234567").post(
        "x" * 5000)
    assert response.status_code == 400 and "Body is longer than" in response.json()["detail"]
