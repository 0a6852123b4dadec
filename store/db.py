"""Engine and session factory with every database wait bounded; nothing built at import time.

Twilio gives up on a webhook after 15 s, so no wait on the database may come near that:
connecting, waiting for a pooled connection, running a statement and waiting for a lock
each have a bound (`Bounds`), and running into one raises an OperationalError (or
SQLAlchemy's pool TimeoutError), which the web app answers with a 503 JSON body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from store import sqlite


@dataclass(frozen=True)
class Bounds:
    """Seconds the app waits on the database before giving up (DATABASE_*_TIMEOUT_SECONDS).

    Worst case for one request on a database that stopped answering: a pool wait, a
    pre-ping cut off at `statement + 1`, a reconnect cut off at `connect`: about 12 s with
    the defaults, inside Twilio's 15 s.
    """

    connect: float = 3.0
    pool: float = 3.0
    statement: float = 5.0
    lock: float = 3.0

    def __post_init__(self) -> None:
        if min(self.connect, self.pool, self.statement, self.lock) <= 0:
            raise ValueError("database timeouts must be positive")


# pool_size + max_overflow = anyio's 40 worker threads: a request thread never waits for
# a connection that no thread could be using.
POOL = {"pool_size": 10, "max_overflow": 30}


def make_engine(url: str, bounds: Bounds | None = None, **kwargs: Any) -> Engine:
    """An engine whose waits are bounded; SQLite gets WAL and serialised writers."""
    bounds = bounds or Bounds()
    parsed = make_url(url)
    options: dict[str, Any] = {"pool_timeout": bounds.pool, **kwargs}
    if parsed.get_backend_name() != "sqlite":
        from store import postgres  # psycopg only where it is used (about 9 MB)

        engine = create_engine(url, pool_pre_ping=True, **POOL, **options)
        postgres.bound(engine, bounds.connect, bounds.statement, bounds.lock)
        return engine
    file_backed = parsed.database not in (None, "", ":memory:")
    if file_backed:
        # A SQLite connection is a file handle: one per thread that wants one, no pool wait;
        # writers then wait in one place only, the FIFO write queue (store.sqlite).
        options = {"pool_size": POOL["pool_size"], "max_overflow": -1, **options}
    engine = create_engine(url, connect_args=sqlite.connect_args(parsed.database, bounds.lock),
                           **options)
    sqlite.serialise_writes(engine, wal=file_backed, busy_timeout=bounds.lock)
    return engine


def is_postgres(engine: Engine) -> bool:
    """True when the engine talks to PostgreSQL."""
    return engine.dialect.name == "postgresql"


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit.

    A session made with `info={"write": True}` (the unit of work) takes SQLite's write lock
    when its transaction starts; other sessions read without it.
    """
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "after_begin", _declare_writes)
    return factory


def urgent_sessions(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """Sessions like `factory`'s whose writes go first in SQLite's write queue (the outbox's)."""
    urgent = sessionmaker(factory.kw["bind"], expire_on_commit=False, info={"urgent": True})
    event.listen(urgent, "after_begin", _declare_writes)
    return urgent


def _declare_writes(session: Session, _transaction: Any, connection: Any) -> None:
    if session.info.get("write") and connection.dialect.name == "sqlite":
        sqlite.will_write(connection, urgent=bool(session.info.get("urgent")))
