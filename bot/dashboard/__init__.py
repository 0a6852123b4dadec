"""The office dashboard: server-rendered pages behind a login."""

from __future__ import annotations

from fastapi import FastAPI

from bot.dashboard import chat, consent_pages, errors, leads, login


def install(app: FastAPI) -> None:
    """Add the dashboard's pages and its HTML error handling to the app."""
    for router in (errors.static_router, login.router, leads.router, consent_pages.router,
                   chat.router):
        app.include_router(router)
    errors.install(app)
