"""Conversation state rows, one per (channel, sender), locked while a message is handled."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from store.models import Conversation
from store.upsert import insert_ignore


def load_for_update(session: Session, channel: str, sender_key: str,
                    now: datetime) -> Conversation:
    """The texter's conversation row, created empty if new, locked to this transaction."""
    query = _locked(session.get_bind().dialect.name == "postgresql")
    keys = {"channel": channel, "sender_key": sender_key}
    # A returning texter (most messages) costs one statement; a new one three.
    found = session.scalars(query, keys).one_or_none()
    if found is not None:
        return found
    values = {"channel": channel, "sender_key": sender_key, "state": {}, "updated_at": now}
    session.execute(insert_ignore(session, Conversation.__table__, values,
                                  ["channel", "sender_key"]))
    return session.scalars(query, keys).one()


@functools.cache
def _locked(for_update: bool) -> Select[Conversation]:
    """The row's query, built once (building costs more than running it)."""
    query = select(Conversation).where(Conversation.channel == bindparam("channel"),
                                       Conversation.sender_key == bindparam("sender_key"))
    if for_update:
        query = query.with_for_update()
    return query.execution_options(populate_existing=True)


def save(conversation: Conversation, state: dict[str, Any], now: datetime) -> None:
    """Store the new state (a fresh dict so the JSON column sees the change)."""
    conversation.state = dict(state)
    conversation.updated_at = now
