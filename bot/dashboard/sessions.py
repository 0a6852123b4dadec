"""Server-side dashboard sessions and the wrong-login throttle (table dashboard_sessions)."""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.settings import Settings
from store.models import DashboardSession

LIFETIME = timedelta(hours=12)
FREE_FAILURES = 5  # wrong logins from one address before it has to wait
FIRST_DELAY = 30  # seconds; doubles with every further wrong login
MAX_DELAY = 15 * 60
WINDOW = timedelta(hours=1)  # older failures are forgotten
KEEP = timedelta(days=30)  # rows older than this are deleted at the next login


def token_key(settings: Settings) -> str:
    """A fingerprint of ADMIN_TOKEN: a session opened under another token is void."""
    return hashlib.sha256(b"intake-dashboard:" + settings.admin_token.encode()).hexdigest()


def _hash(cookie: str) -> str:
    return hashlib.sha256(cookie.encode()).hexdigest()


def open_session(db: Session, settings: Settings, staff: str, client: str,
                 now: datetime) -> str:
    """Record a successful login; returns the random cookie (only its hash is kept)."""
    cookie = secrets.token_urlsafe(32)
    # Keep the table small: sessions and attempts long past any use go.
    db.execute(delete(DashboardSession).where(DashboardSession.created_at < now - KEEP))
    db.add(DashboardSession(token_hash=_hash(cookie), token_key=token_key(settings),
                            staff=staff, client=client, succeeded=True, created_at=now,
                            expires_at=now + LIFETIME))
    return cookie


def record_failure(db: Session, staff: str, client: str, now: datetime) -> None:
    """Remember a wrong login from this address (what the throttle counts)."""
    db.add(DashboardSession(staff=staff[:100], client=client, succeeded=False, created_at=now))


def find(db: Session, settings: Settings, cookie: str | None,
         now: datetime) -> DashboardSession | None:
    """The live session behind a cookie: not ended, not expired, same ADMIN_TOKEN."""
    if not cookie or not settings.admin_token or len(cookie) > 100:
        return None
    row = db.scalars(select(DashboardSession)
                     .where(DashboardSession.token_hash == _hash(cookie))).one_or_none()
    if (row is None or row.ended_at is not None or row.expires_at is None
            or row.expires_at <= now or row.token_key != token_key(settings)):
        return None
    return row


def end(db: Session, cookie: str | None, now: datetime) -> None:
    """Log out: the cookie stops working everywhere, even if a copy was kept."""
    if cookie:
        db.execute(update(DashboardSession).where(DashboardSession.token_hash == _hash(cookie))
                   .values(ended_at=now))


def wait_seconds(db: Session, client: str, now: datetime) -> int:
    """How long this address must wait before its next try (0: it may try now).

    Failures since its last successful login count; after FREE_FAILURES each one doubles
    the wait, from FIRST_DELAY up to MAX_DELAY.
    """
    since = now - WINDOW
    last_ok = db.scalar(select(func.max(DashboardSession.created_at)).where(
        DashboardSession.client == client, DashboardSession.succeeded.is_(True),
        DashboardSession.created_at > since))
    start = max(since, last_ok) if last_ok else since
    count, last = db.execute(select(func.count(), func.max(DashboardSession.created_at)).where(
        DashboardSession.client == client, DashboardSession.succeeded.is_(False),
        DashboardSession.created_at > start)).one()
    failures = int(count)
    if failures < FREE_FAILURES or last is None:
        return 0
    delay = min(FIRST_DELAY << min(failures - FREE_FAILURES, 10), MAX_DELAY)
    last_at: datetime = last if last.tzinfo else last.replace(tzinfo=now.tzinfo)
    return max(0, math.ceil(delay - (now - last_at).total_seconds()))
