"""The CRM's domain errors as JSON answers, and what every lead route needs (staff, region)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Header, Request
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute

from bot.api.models import Problem
from bot.crm.errors import Conflict, CrmError, Invalid, NotFound, Refused
from bot.settings import Settings

STATUS = {NotFound: 404, Conflict: 409, Refused: 409, Invalid: 422}
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or wrong bearer token", "model": Problem},
    404: {"description": "No lead with that id", "model": Problem},
    422: {"description": "Invalid input, with what is wrong"},
}
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "The phone belongs to another lead (its id in existing_id)",
          "model": Problem}}


def problem(error: CrmError) -> JSONResponse:
    """404 / 409 / 422 with the sentence the domain gave (and the other lead's id on 409)."""
    body: dict[str, Any] = {"detail": str(error)}
    if isinstance(error, Conflict):
        body["existing_id"] = error.existing_id
    return JSONResponse(body, status_code=STATUS.get(type(error), 422))


class CrmRoute(APIRoute):
    """A route whose CrmError becomes its JSON answer (edges translate, the core decides)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def answer(request: Request) -> Response:
            try:
                return await handler(request)
            except CrmError as error:
                return problem(error)

        return answer


def staff_header(x_intake_staff: str | None = Header(
        None, max_length=100, description="Who makes the change (recorded on the timeline)")
                 ) -> str | None:
    """The X-Intake-Staff header, trimmed; None when absent or blank."""
    return (x_intake_staff or "").strip() or None


def region_of(request: Request) -> str:
    """The deployment's DEFAULT_REGION for phones typed without +."""
    settings: Settings = request.app.state.settings
    return settings.default_region
