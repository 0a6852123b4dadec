"""The FastAPI application factory: nothing is built until `create_app` is called."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi_offline import FastAPIOffline
from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from bot import dashboard, startup
from bot.api import consent as consent_api
from bot.api import errors
from bot.api import leads as leads_api
from bot.api import messages as messages_api
from bot.api import outbox as outbox_api
from bot.api import report as report_api
from bot.api import requests as requests_api
from bot.api import today as today_api
from bot.channels import telegram, twilio_sms
from bot.health import HealthProbe, select_one
from bot.limits import BodyCaps, InputGuard
from bot.outbox.worker import make_dispatcher
from bot.pipeline import Pipeline
from bot.settings import Settings
from store.db import make_engine, session_factory

log = logging.getLogger(__name__)
# The database is down, frozen or too busy: each is a 503 JSON, whatever the route.
DB_UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeout)
# Inbound messages handled at once on SQLite (Pipeline.turns); chosen with bench.webhook,
# figures in docs/performance.md.
SQLITE_AT_ONCE = 8


def create_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    """Build the web app around one engine (made from DATABASE_URL when not given)."""
    engine = engine or make_engine(settings.database_url, settings.database_bounds)
    sessions = session_factory(engine)
    dispatcher = make_dispatcher(sessions, settings)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if not settings.outbox_in_process:
            yield
            return
        stop = asyncio.Event()
        task = asyncio.create_task(dispatcher.run(stop))
        try:
            yield
        finally:
            stop.set()
            await task

    # /docs serves Swagger UI's files from the app (fastapi-offline ships them): no CDN.
    app = FastAPIOffline(title="intake", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = sessions
    app.state.pipeline = Pipeline(
        sessions, settings, after_commit=lambda: dispatcher.kick(),
        turns=anyio.CapacityLimiter(SQLITE_AT_ONCE) if engine.dialect.name == "sqlite"
        else None)
    app.state.dispatcher = dispatcher
    for router in (twilio_sms.router, telegram.router, leads_api.router, today_api.router,
                   consent_api.router, outbox_api.router, report_api.router,
                   requests_api.router, messages_api.router):
        app.include_router(router)

    app.state.health = HealthProbe(select_one(engine))
    notices = startup.warnings(settings)

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        up = await app.state.health.ok()  # bounded: a hung database is "unavailable"
        return JSONResponse({"status": "ok" if up else "unavailable", "warnings": notices},
                            status_code=200 if up else 503)

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse("/dashboard", status_code=307)

    app.state.db_unavailable = 0  # requests answered 503 because of the database

    async def _db_down(request: Request, exc: Exception) -> JSONResponse:
        # A bounded wait ran out (store.db.Bounds) or the server went away: answer now with
        # a 503 the caller can retry, never a plain-text 500 after Twilio gave up.
        app.state.db_unavailable += 1
        log.error("database unavailable (%s on %s %s; %d so far): %s",
                  exc.__class__.__name__, request.method, request.url.path,
                  app.state.db_unavailable, _reason(exc))
        return JSONResponse({"detail": "database unavailable, try again"}, status_code=503)

    for unavailable in DB_UNAVAILABLE:
        app.add_exception_handler(unavailable, _db_down)
    errors.install(app)
    dashboard.install(app)  # after the JSON handlers: its error pages wrap them for /dashboard
    app.add_middleware(InputGuard)
    app.add_middleware(BodyCaps)  # outermost: nothing reads a body before its cap applies
    return app


def _reason(exc: Exception) -> str:
    """The driver's message, first line only (no SQL, no parameters)."""
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0][:200] if str(orig).strip() else type(orig).__name__

