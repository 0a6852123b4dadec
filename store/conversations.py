"""Conversation state rows, one per (channel, sender), locked while a message is handled."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Conversation
from store.upsert import insert_ignore


def load_for_update(session: Session, channel: str, sender_key: str,
                    now: datetime) -> Conversation:
    """The texter's conversation row, created empty if new, locked to this transaction."""
    query = select(Conversation).where(Conversation.channel == channel,
                                       Conversation.sender_key == sender_key)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    query = query.execution_options(populate_existing=True)
    # A returning texter (most messages) costs one statement; a new one three.
    found = session.scalars(query).one_or_none()
    if found is not None:
        return found
    values = {"channel": channel, "sender_key": sender_key, "state": {}, "updated_at": now}
    session.execute(insert_ignore(session, Conversation.__table__, values,
                                  ["channel", "sender_key"]))
    return session.scalars(query).one()


def save(conversation: Conversation, state: dict[str, Any], now: datetime) -> None:
    """Store the new state (a fresh dict so the JSON column sees the change)."""
    conversation.state = dict(state)
    conversation.updated_at = now
