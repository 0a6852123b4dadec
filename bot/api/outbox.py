"""/api/outbox: what is queued, sent, suppressed or failed; requeue a failed row."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from bot.api.auth import require_admin, sessions_of
from bot.logs import Masker, secrets_of
from store import outbox
from store.clock import utcnow
from store.models import OutboxItem
from store.uow import UnitOfWork

router = APIRouter(prefix="/api/outbox", dependencies=[Depends(require_admin)], tags=["outbox"])
Status = Literal["failed", "pending", "sent", "suppressed"]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def item_json(item: OutboxItem, mask: Masker) -> dict[str, Any]:
    """One outbox row for operators (the payload stays out: it holds the lead).

    The error is masked again on the way out: rows stored by an older version (or after a
    secret was rotated into a new value) may still quote one.
    """
    error = mask(item.last_error) if item.last_error is not None else None
    return {"id": item.id, "event_id": item.event_id, "kind": item.kind,
            "target": item.target, "status": item.status, "attempts": item.attempts,
            "next_attempt_at": _iso(item.next_attempt_at), "last_error": error,
            "created_at": _iso(item.created_at), "sent_at": _iso(item.sent_at)}


def _masker(request: Request) -> Masker:
    return Masker(secrets_of(request.app.state.settings))


@router.get("")
def list_outbox(request: Request, status: Status = "failed",
                limit: int = Query(100, ge=1, le=500)) -> dict[str, Any]:
    """Rows in one status, newest first; `failed` by default, since those need a person."""
    with sessions_of(request)() as session:
        mask = _masker(request)
        return {"items": [item_json(i, mask) for i in outbox.by_status(session, status, limit)]}


@router.post("/{item_id}/retry")
def retry(item_id: int, request: Request) -> dict[str, Any]:
    """Put a failed row back in the queue, due now, with a fresh count of attempts."""
    with UnitOfWork(sessions_of(request)) as uow:
        item = uow.session.get(OutboxItem, item_id, with_for_update=True)
        if item is None:
            raise HTTPException(404, f"no outbox row with id {item_id}")
        if item.status != "failed":
            raise HTTPException(409, f"outbox row {item_id} is {item.status}; only failed rows "
                                     "can be retried")
        outbox.requeue(item, utcnow())
        uow.commit()
        body = item_json(item, _masker(request))
    dispatcher = getattr(request.app.state, "dispatcher", None)
    if dispatcher is not None:
        dispatcher.kick()  # the in-process dispatcher, when it runs, picks it up at once
    return body
