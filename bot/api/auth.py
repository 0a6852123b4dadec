"""Bearer-token auth for /api/*; a missing ADMIN_TOKEN switches the API off."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings

# Declares the bearer scheme in the OpenAPI schema (and /docs' Authorize button); the
# header is still checked below, so that every failure is our 401 with a reason.
BEARER = HTTPBearer(auto_error=False, description="ADMIN_TOKEN")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)]

def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison that does not even leak the length (digests are compared)."""
    digest = hashlib.sha256
    return hmac.compare_digest(digest(given.encode("utf-8", "surrogateescape")).digest(),
                               digest(expected.encode("utf-8", "surrogateescape")).digest())


def require_admin(request: Request, _bearer: Credentials) -> None:
    """401 unless `Authorization: Bearer <ADMIN_TOKEN>`; compared in constant time."""
    settings: Settings = request.app.state.settings
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if not settings.admin_token:
        raise HTTPException(401, "the admin API is disabled: ADMIN_TOKEN is not set")
    if scheme.lower() != "bearer" or not same_secret(token, settings.admin_token):
        raise HTTPException(401, "missing or wrong bearer token",
                            headers={"WWW-Authenticate": "Bearer"})


def sessions_of(request: Request) -> sessionmaker[Session]:
    """The app's session factory."""
    factory: sessionmaker[Session] = request.app.state.sessions
    return factory
