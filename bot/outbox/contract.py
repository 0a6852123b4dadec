"""What a sender is given and returns: the contract between the dispatcher and channels."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

TEXTER = "texter"  # outbox kind of messages to texters: these pass the gate at send time


@dataclass(frozen=True)
class Delivery:
    """One claimed row, detached from the session, as a sender sees it."""

    id: int
    event_id: str
    kind: str
    target: str
    payload: dict[str, Any]
    attempts: int
    lease_until: datetime | None = None  # the claim's fencing token (see outbox.renew)
    lane: str = ""  # rows of one lane go one at a time, in order (see outbox.lane)


Sender = Callable[[Delivery], Awaitable[str | None]]
