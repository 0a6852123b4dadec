"""Errors in words: dashboard paths get an HTML page, every other path keeps its JSON."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.dashboard.auth import LoginRequired
from bot.dashboard.render import render

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent.parent / "static"
TITLES = {400: "That did not work", 401: "Please log in", 403: "Not allowed",
          404: "Not found", 405: "Not allowed", 422: "That did not work",
          429: "Slow down", 503: "Try again in a moment"}
Handler = Callable[[Request, Any], Response | Awaitable[Response]]

static_router = APIRouter(prefix="/dashboard/static", include_in_schema=False)


@static_router.get("/{name}")
def static(name: str) -> Response:
    """The style sheet and the board's script (a fixed list: no path tricks)."""
    path = STATIC / name
    if name not in {p.name for p in STATIC.iterdir()}:
        raise HTTPException(404, f"no file {name!r}")
    return FileResponse(path, headers={"Cache-Control": "max-age=3600"})


def _dashboard(request: Request) -> bool:
    return request.url.path.startswith("/dashboard") and not request.url.path.startswith(
        "/dashboard/chat/send")


def error_page(request: Request, status: int, detail: str) -> Response:
    """The HTML page for an error, in words, with a way back."""
    return render(request, "error.html", status_code=status, status=status,
                  heading=TITLES.get(status, "Something went wrong"), detail=detail)


def _message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors():
        field = ".".join(str(x) for x in e.get("loc", ())[1:]) or "input"
        parts.append(f"{field}: {e.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request was not understood"


async def _call(handler: Handler, request: Request, exc: Exception) -> Response:
    result = handler(request, exc)
    return await result if inspect.isawaitable(result) else result


def install(app: FastAPI) -> None:
    """Register the dashboard's handlers; other paths fall through to the app's own."""
    previous_validation: Handler | None = app.exception_handlers.get(RequestValidationError)
    previous_db: Handler | None = app.exception_handlers.get(OperationalError)
    previous_http: Handler | None = app.exception_handlers.get(StarletteHTTPException)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _: LoginRequired) -> Response:
        if request.method != "GET":
            return error_page(request, 401, "Your session has ended: log in again.")
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return RedirectResponse(f"/dashboard/login?next={target}", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if not _dashboard(request):
            if previous_http is not None:  # e.g. the API's 413 that names the cap
                return await _call(previous_http, request, exc)
            return await http_exception_handler(request, exc)
        return error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if _dashboard(request):
            return error_page(request, 422, _message(exc))
        if previous_validation is not None:
            return await _call(previous_validation, request, exc)
        return JSONResponse({"detail": _message(exc)}, status_code=422)

    @app.exception_handler(OperationalError)
    async def _db_down(request: Request, exc: OperationalError) -> Response:
        if _dashboard(request):
            log.error("database unavailable: %s", exc.__class__.__name__)
            return error_page(request, 503, "The database did not answer. Try again.")
        if previous_db is not None:
            return await _call(previous_db, request, exc)
        return JSONResponse({"detail": "database unavailable, try again"}, status_code=503)
