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
    texting_pages,
)


def install(app: FastAPI) -> None:
    """Add the dashboard's pages and its HTML error handling to the app."""
    # leads before lead_page: /leads/new and /leads/export are not lead ids; texting_pages
    # before lead_page: /leads/{id}/messages is not one of its /leads/{id}/{action}.
    for router in (errors.static_router, login.router, board.router, leads.router,
                   merge.router, texting_pages.router, lead_page.router, imports.router,
                   consent_pages.router, chat.router):
        app.include_router(router)
    errors.install(app)
