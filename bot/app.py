"""The FastAPI application factory: nothing is built until `create_app` is called."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from bot import dashboard
from bot.api import consent as consent_api
from bot.api import leads as leads_api
from bot.api import outbox as outbox_api
from bot.api import today as today_api
from bot.channels import telegram, twilio_sms
from bot.outbox.worker import make_dispatcher
from bot.pipeline import Pipeline
from bot.settings import Settings
from store.db import make_engine, session_factory

log = logging.getLogger(__name__)


def create_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    """Build the web app around one engine (made from DATABASE_URL when not given)."""
    engine = engine or make_engine(settings.database_url)
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
    app.state.pipeline = Pipeline(sessions, settings, after_commit=lambda: dispatcher.kick())
    app.state.dispatcher = dispatcher
    for router in (twilio_sms.router, telegram.router, leads_api.router, today_api.router,
                   consent_api.router,
                   outbox_api.router):
        app.include_router(router)

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except OperationalError:
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ok"})

    @app.exception_handler(RequestValidationError)
    async def _bad_input(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": "invalid request", "errors": _errors(exc)},
                            status_code=422)

    @app.exception_handler(OperationalError)
    async def _db_down(_: Request, exc: OperationalError) -> JSONResponse:
        log.error("database unavailable: %s", exc.__class__.__name__)
        return JSONResponse({"detail": "database unavailable, try again"}, status_code=503)

    dashboard.install(app)  # last: its error pages wrap the handlers above for /dashboard
    return app


def _errors(exc: RequestValidationError) -> list[dict[str, object]]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]
