"""/api/outbox (being built)."""

from fastapi import APIRouter, Depends

from bot.api.auth import require_admin

router = APIRouter(prefix="/api/outbox", dependencies=[Depends(require_admin)], tags=["outbox"])
