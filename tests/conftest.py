"""Shared fixtures: real SQLite and real PostgreSQL databases, migrated, one per test."""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url, text

from bot.settings import Settings, load_settings
from store.db import make_engine
from store.migrate import upgrade

PG_URL = os.environ.get("TEST_POSTGRES_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for each test (migrating every time is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()  # closing the last connection checkpoints the WAL into the file
    return path


def _sqlite(tmp_path: Path, template: Path) -> Iterator[Engine]:
    path = tmp_path / "intake.db"
    shutil.copy(template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def _postgres() -> Iterator[Engine]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    # In the URL itself, so any engine made from `engine.url` lands in the same schema.
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path,
           sqlite_template: Path) -> Iterator[Engine]:
    """A migrated database of each kind (the same test runs on both)."""
    if request.param == "sqlite":
        yield from _sqlite(tmp_path, sqlite_template)
    else:
        yield from _postgres()


@pytest.fixture
def sqlite_engine(tmp_path: Path, sqlite_template: Path) -> Iterator[Engine]:
    """A migrated SQLite database only."""
    yield from _sqlite(tmp_path, sqlite_template)


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    """A migrated PostgreSQL schema only."""
    yield from _postgres()


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Settings:
    """Settings for tests: no .env, no ambient variables, a fixed business."""
    for key in list(os.environ):
        if key.startswith(("TWILIO_", "TELEGRAM_", "OFFICE_", "SMTP_", "BUSINESS_", "ADMIN_",
                           "PUBLIC_BASE_URL", "DATABASE_URL", "DEFAULT_REGION")):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    return load_settings(
        database_url=f"sqlite:///{tmp_path}/unused.db", business_name="Ace Plumbing",
        business_phone="(555) 010-0000", business_timezone="America/New_York",
        twilio_auth_token="test-auth-token", twilio_account_sid="AC" + "0" * 32,
        public_base_url="https://intake.example.com", admin_token="admin-secret")


@pytest.fixture(autouse=True)
def _root_logging_restored() -> Iterator[None]:
    """Each test leaves root logging as it found it.

    `intake` run in-process (`bot.cli.main`) configures root logging with a handler bound
    to the sys.stderr of that moment: under capsys, a capture stream closed when the test
    ends. Left in place, every later log line printed "Logging error ... I/O operation on
    closed file" with a traceback.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
