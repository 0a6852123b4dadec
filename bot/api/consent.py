"""/api/consent (being built)."""

from fastapi import APIRouter, Depends

from bot.api.auth import require_admin

router = APIRouter(prefix="/api/consent", dependencies=[Depends(require_admin)], tags=["consent"])
