"""The web chat: the office tries the real conversation in a browser (channel `web`).

Everything typed here is a staff test: its consent events are stored as test events bound
to this chat session (consent.ledger.as_test), and leads it creates are marked `is_test`.
"""

from __future__ import annotations

import re
import secrets
import uuid
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from bot.dashboard.auth import check_csrf, require_login
from bot.dashboard.render import render
from bot.messages import InboundMessage
from bot.pipeline import Pipeline
from bot.settings import Settings

router = APIRouter(prefix="/dashboard/chat", include_in_schema=False,
                   dependencies=[Depends(require_login)])
CHAT_COOKIE = "intake_webchat"
SESSION_ID = re.compile(r"[0-9a-f]{24}")  # what chat_page sets: 12 random bytes in hex


class ChatText(BaseModel):
    """One message typed in the web chat."""

    text: str = Field(max_length=1600)


@router.get("")
def chat_page(request: Request) -> Response:
    """The chat page; each browser gets its own conversation."""
    settings: Settings = request.app.state.settings
    response = render(request, "chat.html")
    if not SESSION_ID.fullmatch(request.cookies.get(CHAT_COOKIE) or ""):
        response.set_cookie(CHAT_COOKIE, secrets.token_hex(12), httponly=True, samesite="lax",
                            secure=settings.public_base_url.startswith("https://"))
    return response


@router.post("/send")
async def send(body: ChatText, request: Request) -> Response:
    """Run one message through the pipeline; the replies come back in the JSON."""
    check_csrf(request, request.headers.get("X-CSRF-Token", ""))
    session_id = request.cookies.get(CHAT_COOKIE) or ""
    if not SESSION_ID.fullmatch(session_id):
        raise HTTPException(400, "no chat session: reload the chat page")
    pipeline: Pipeline = request.app.state.pipeline
    result = await pipeline.run(InboundMessage(
        channel="web", sender_key=f"web-{session_id}", text=body.text,
        provider_id=f"web-{uuid.uuid4()}", source="web"))
    payload: dict[str, Any] = {"replies": result.texts, "step": result.step}
    return JSONResponse(payload)
