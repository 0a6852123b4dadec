"""Bad input that only the database notices becomes a 422 JSON naming the problem, not a 500.

A route validates what it can; these handlers are the generic guard behind every route,
including ones that forgot: a number beyond the column's range (PostgreSQL int4 from
2**31, int8 from 2**63; SQLite from 2**63), a NUL character or a lone surrogate in text.
"""

from __future__ import annotations

import logging
from types import TracebackType
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.limits import cap_for, too_large

log = logging.getLogger(__name__)
DRIVERS = ("sqlalchemy", "psycopg", "sqlite3")
ERROR_SCHEMA: dict[str, Any] = {
    "title": "HTTPValidationError", "type": "object", "required": ["detail"],
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "loc": {"type": "array", "items": {"anyOf": [{"type": "string"},
                                                         {"type": "integer"}]}},
            "msg": {"type": "string"}}}},
    },
}


def _raised_by_driver(tb: TracebackType | None) -> bool:
    """True when the innermost Python frame belongs to SQLAlchemy or a database driver."""
    module = ""
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        tb = tb.tb_next
    return module.split(".")[0] in DRIVERS


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    if isinstance(exc, UnicodeError) or "surrogates" in text:
        return "text contains a lone surrogate (not valid Unicode)"
    if "NUL" in text:
        return "text contains a NUL character"
    if "out of range" in text or "too large" in text or isinstance(exc, OverflowError):
        return "a number is beyond what the database stores (ids and offsets up to 2**31-1)"
    return text[:200]


def _unprocessable(exc: BaseException) -> JSONResponse:
    return JSONResponse({"detail": f"invalid value: {_reason(exc)}"}, status_code=422)


def _errors(exc: RequestValidationError) -> list[dict[str, object]]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]


def install(app: FastAPI) -> None:
    """Register the handlers, and document the 422 shape they answer with."""

    @app.exception_handler(RequestValidationError)
    async def _bad_input(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": "invalid request", "errors": _errors(exc)},
                            status_code=422)

    @app.exception_handler(DataError)
    async def _data(_: Request, exc: DataError) -> JSONResponse:
        return _unprocessable(exc)

    @app.exception_handler(OverflowError)
    @app.exception_handler(ValueError)
    async def _driver_value(_: Request, exc: Exception) -> JSONResponse:
        if not _raised_by_driver(exc.__traceback__):
            raise exc  # our own bug: a 500 with a traceback in the log, to be fixed
        return _unprocessable(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 413:  # Starlette's body counter: say what the cap is
            return too_large(cap_for(request.url.path))
        return await http_exception_handler(request, exc)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
            schema.get("components", {}).get("schemas", {})["HTTPValidationError"] = ERROR_SCHEMA
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
