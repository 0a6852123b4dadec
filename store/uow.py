"""The unit of work: one transaction per inbound message, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker


class UnitOfWork:
    """Owns the session; repositories never commit, this does, once."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        # A unit of work writes: on SQLite it queues for the write lock when it begins
        # instead of upgrading a read later (which fails outright if another writer won).
        self.session = self._factory(info={"write": True})
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        """Commit the whole unit."""
        self.session.commit()
