"""Request body caps per route, enforced before the body is read, and a guard on JSON bodies.

The counting is Starlette's `RequestBodyLimitMiddleware` (a chunked body is cut off as
soon as it passes the cap); a declared Content-Length over the cap is answered here
without reading a byte. /api JSON bodies are checked for nesting depth before any parser
sees them, and for text no database can store.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from typing import Any

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.sanitize import problem_in, storable

KB = 1024
MB = 1024 * KB
# (path prefix, cap in bytes), most specific first; the first match wins.
CAPS: tuple[tuple[str, int], ...] = (
    ("/sms/twilio", 64 * KB),  # Twilio's form: 1,600 characters of Body and a few fields
    ("/telegram/webhook", 1 * MB),  # an Update is a few KB; Telegram's own text cap is 4,096
    ("/api/leads/import", 20 * MB),  # CSV / XLSX uploads
    ("/dashboard/import", 20 * MB),
)
DEFAULT_CAP = 256 * KB  # admin JSON, dashboard forms, anything else
MAX_JSON_DEPTH = 32
JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*+"', re.S)
NOT_BRACKET = re.compile(rb"[^\[\]{}]")


def cap_for(path: str) -> int:
    """The largest body accepted on `path`."""
    return next((cap for prefix, cap in CAPS if path.startswith(prefix)), DEFAULT_CAP)


def too_large(cap: int) -> JSONResponse:
    """The 413 answer, naming the cap."""
    return JSONResponse({"detail": f"request body too large: at most {cap} bytes here"},
                        status_code=413)


def _declared_length(scope: Scope) -> int | None:
    raw = Headers(scope=scope).get("content-length")
    return int(raw) if raw is not None and raw.isdigit() else None


class BodyCaps:
    """ASGI middleware: each request gets the cap of its route (see CAPS)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.limited = {cap: RequestBodyLimitMiddleware(app, cap)
                        for cap in {c for _, c in CAPS} | {DEFAULT_CAP}}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = cap_for(scope["path"])
        declared = _declared_length(scope)
        if declared is not None and declared > cap:
            await too_large(cap)(scope, receive, send)  # refused before reading anything
            return
        await self.limited[cap](scope, receive, send)


def json_depth(body: bytes) -> int:
    """How deeply `body`'s arrays and objects nest, without parsing it (strings skipped)."""
    brackets = NOT_BRACKET.sub(b"", JSON_STRING.sub(b"", body))
    steps = (1 if b in b"[{" else -1 for b in brackets)
    return max(itertools.accumulate(steps, initial=0))


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path or "body", value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield path + "." + key if path else key, key
            yield from _strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def json_problem(body: bytes) -> str | None:
    """Why a JSON body is refused before it reaches a route, or None."""
    if json_depth(body) > MAX_JSON_DEPTH:
        return f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None  # not JSON: the route's own parser answers with the position
    for where, text in _strings(data):
        if (why := problem_in(text)) is not None:
            return f"{storable(where)} {why}"
    return None


def _is_json(scope: Scope) -> bool:
    content_type = Headers(scope=scope).get("content-type", "").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")


class InputGuard:
    """ASGI middleware for /api: JSON depth and text no database stores, NUL in queries.

    (The Telegram webhook checks its own body: `bot.channels.telegram.parse_update`.)
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        if b"%00" in scope.get("query_string", b""):
            await JSONResponse({"detail": "query parameters must not contain NUL characters"},
                               status_code=400)(scope, receive, send)
            return
        if not _is_json(scope):
            await self.app(scope, receive, send)
            return
        try:
            messages, body = await _read_all(receive)
        except HTTPException as exc:  # the cap above was passed while reading
            if exc.status_code != 413:
                raise
            await too_large(cap_for(scope["path"]))(scope, receive, send)
            return
        why = json_problem(body)
        if why is not None:
            await JSONResponse({"detail": why}, status_code=422)(scope, receive, send)
            return
        await self.app(scope, _replay(messages, receive), send)


async def _read_all(receive: Receive) -> tuple[list[Message], bytes]:
    """Every body message (the cap above this middleware bounds how much that is)."""
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            break
    return messages, b"".join(m.get("body", b"") for m in messages)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replay() -> Message:
        return pending.pop(0) if pending else await receive()

    return replay
