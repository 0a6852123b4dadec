"""PostgreSQL waits bounded on both sides: by the server, and by us when it stops answering.

`statement_timeout` and `lock_timeout` make a live server cancel a slow statement or a
lock wait. A server (or the network to it) that stops answering cannot cancel anything,
so the client also stops waiting: every blocking call on a connection (execute, commit,
rollback) gives up one second after the server's own bound, closes the connection and
raises an OperationalError, and the pool replaces the connection on next use.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import errors
from sqlalchemy import Engine, event


class BoundedConnection(psycopg.Connection[Any]):
    """A psycopg connection that never waits on the server longer than `answer_within`."""

    answer_within: float = 6.0

    def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
        """psycopg's wait, with our bound when the caller gave none."""
        try:
            return super().wait(gen, interval, self.answer_within if timeout is None else timeout)
        except errors._WaitTimeout:  # the protocol is mid-message: the connection is lost
            self.close()
            raise psycopg.OperationalError(
                f"the database did not answer within {self.answer_within:g} s") from None


def bound(engine: Engine, connect: float, statement: float, lock: float) -> None:
    """Connect with a timeout, server-side statement and lock timeouts, a client-side cutoff."""
    answer_within = statement + 1.0
    connection_class: type[BoundedConnection] = type(
        "Bounded", (BoundedConnection,), {"answer_within": answer_within})
    server_options = (f"-c statement_timeout={int(statement * 1000)} "
                      f"-c lock_timeout={int(lock * 1000)}")

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect: Any, _record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        cparams["connect_timeout"] = max(1, round(connect))  # libpq counts whole seconds
        cparams["options"] = f"{cparams.get('options', '')} {server_options}".strip()
        return connection_class.connect(*cargs, **cparams)
