"""SQLite under concurrency: readers never lock, writers queue in order, waits are bounded.

In WAL mode readers never block and one writer at a time holds the write lock. SQLite's
own busy handler polls with growing sleeps, so under contention a late writer can win over
one that waited seconds (and the unlucky one runs out of time). Here the writers of one
process queue on a FIFO lock first, and only the head of the queue asks SQLite for the
lock (BEGIN IMMEDIATE); SQLite's busy timeout is left for other processes on the file.

A transaction starts when its first statement runs: BEGIN IMMEDIATE when it declared it
will write (the unit of work) or its first statement writes, a plain BEGIN otherwise, so
reads never take the write lock.
"""

from __future__ import annotations

import collections
import os
import re
import sqlite3
import threading
import time
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import OperationalError

_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


class WriteQueue:
    """A lock granted in the order it was asked for, with a bounded wait.

    Urgent writers (the outbox dispatcher's short claim and mark transactions) are served
    before the others: a texter's reply otherwise waits behind every inbound message
    queued meanwhile, once to be claimed and once more to be sent. Only while the oldest
    other writer has waited less than `patience` seconds, so that an inbound message is
    never pushed past its bound (a 503 loses a texter's message) by replies going first.
    """

    def __init__(self, patience: float = 0.5) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._waiting: collections.deque[threading.Event] = collections.deque()
        self._since: dict[threading.Event, float] = {}  # when each waiter asked
        self._urgent: collections.deque[threading.Event] = collections.deque()
        self.patience = patience
        self.timeouts = 0  # writers that gave up (counted for operators and benchmarks)
        self._holder = ("", 0.0)  # the thread that has the turn, and since when

    def holder(self) -> str:
        """Who has the turn and for how long, for the message of a writer that gave up."""
        with self._mutex:
            if not self._held:
                return "nobody"
            name, since = self._holder
            return f"thread {name} for {time.monotonic() - since:.1f} s"

    def _grant(self) -> None:
        self._holder = (threading.current_thread().name, time.monotonic())

    def acquire(self, timeout: float, urgent: bool = False) -> bool:
        """Wait for our turn; False after `timeout` seconds."""
        line = self._urgent if urgent else self._waiting
        with self._mutex:
            if not self._held:
                self._held = True
                self._grant()
                return True
            turn = threading.Event()
            line.append(turn)
            self._since[turn] = time.monotonic()
        if turn.wait(timeout):
            with self._mutex:
                self._grant()
            return True
        with self._mutex:
            if turn.is_set():  # handed to us just as we gave up: it is ours
                self._grant()
                return True
            line.remove(turn)
            self._since.pop(turn, None)
            self.timeouts += 1
            return False

    def release(self) -> None:
        """Hand the lock to the longest urgent waiter, else the longest waiter, or free it."""
        with self._mutex:
            overdue = bool(self._waiting) and (
                time.monotonic() - self._since[self._waiting[0]] >= self.patience)
            line = self._urgent if self._urgent and not overdue else self._waiting
            if line:
                turn = line.popleft()
                self._since.pop(turn, None)
                turn.set()
            else:
                self._held = False


_queues: dict[str, WriteQueue] = {}
_queues_mutex = threading.Lock()


def queue_for(database: str | None) -> WriteQueue:
    """The one queue of this process for a database file (shared by all its engines);
    an in-memory database, private to its engine, gets a queue of its own."""
    if database in (None, "", ":memory:"):
        return WriteQueue()
    with _queues_mutex:
        return _queues.setdefault(os.path.realpath(database), WriteQueue())


class _Connection(sqlite3.Connection):
    """A DBAPI connection that gives its place in the write queue back when it ends."""

    queue: WriteQueue
    wait: float

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.holds_queue = False
        self.begin_pending = False
        self.will_write = False
        self.urgent = False

    def take_queue(self) -> None:
        if self.holds_queue:
            return
        if not self.queue.acquire(self.wait, self.urgent):
            raise sqlite3.OperationalError(
                f"database is locked: no turn to write within {self.wait:g} s"
                f" (held by {self.queue.holder()})")
        self.holds_queue = True

    def release_queue(self) -> None:
        if self.holds_queue:
            self.holds_queue = False
            self.queue.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.release_queue()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.release_queue()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.release_queue()


def connect_args(database: str | None, wait: float) -> dict[str, Any]:
    """pysqlite arguments: our connection class, usable from the pool's threads."""
    factory = type("SerialisedConnection", (_Connection,),
                   {"queue": queue_for(database), "wait": wait})
    return {"check_same_thread": False, "factory": factory}


def will_write(connection: Connection, urgent: bool = False) -> None:
    """Declare that the transaction just begun on `connection` writes (BEGIN IMMEDIATE);
    `urgent`: it goes before the queued writers that are not (see WriteQueue)."""
    dbapi = connection.connection.dbapi_connection
    if isinstance(dbapi, _Connection):
        dbapi.will_write, dbapi.urgent = True, urgent


def serialise_writes(engine: Engine, *, wal: bool, busy_timeout: float) -> None:
    """Pragmas on connect; BEGIN deferred to the first statement and chosen by it."""

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy owns BEGIN (see below)
        cur = dbapi_conn.cursor()
        if wal:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        dbapi = conn.connection.dbapi_connection
        if isinstance(dbapi, _Connection):
            dbapi.begin_pending, dbapi.will_write, dbapi.urgent = True, False, False

    @event.listens_for(engine, "before_cursor_execute")
    def _first_statement(conn: Connection, _cursor: Any, statement: str, params: Any,
                         _context: Any, _many: bool) -> None:
        dbapi = conn.connection.dbapi_connection
        if not isinstance(dbapi, _Connection):
            return
        writes = bool(_WRITES.match(statement))
        try:
            if dbapi.begin_pending:
                dbapi.begin_pending = False
                if dbapi.will_write or writes:
                    dbapi.take_queue()
                    dbapi.execute("BEGIN IMMEDIATE")
                else:
                    dbapi.execute("BEGIN")
            elif writes and not dbapi.holds_queue:
                dbapi.take_queue()  # a read that turned into a write: wait our turn too
        except sqlite3.OperationalError as exc:
            dbapi.release_queue()
            raise OperationalError(statement, params, exc) from exc
