"""The Telegram edge (being built)."""

from fastapi import APIRouter

router = APIRouter()
