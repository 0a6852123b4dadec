"""The office dashboard: server-rendered pages behind a login."""

from __future__ import annotations

from fastapi import FastAPI

from bot.dashboard import (
    board,
    chat,
    consent_pages,
    errors,
    imports,
    lead_page,
    leads,
    login,
    merge,
)


def install(app: FastAPI) -> None:
    """Add the dashboard's pages and its HTML error handling to the app."""
    # leads before lead_page: /leads/new and /leads/export are not lead ids.
    for router in (errors.static_router, login.router, board.router, leads.router,
                   merge.router, lead_page.router, imports.router, consent_pages.router,
                   chat.router):
        app.include_router(router)
    errors.install(app)
