"""/api/requests/{id}: the office moves a service request along (schedule, done, cancel).

The route only translates: `bot.crm.visits` decides, CrmRoute maps its errors to JSON.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request

from bot.api.auth import require_admin, sessions_of
from bot.api.crm_route import ERRORS, CrmRoute, staff_header
from bot.api.models import Problem, RequestOut
from bot.crm import visits
from bot.serialize import request_json
from bot.settings import Settings
from store.clock import utcnow
from store.uow import UnitOfWork

router = APIRouter(prefix="/api/requests", dependencies=[Depends(require_admin)],
                   tags=["requests"], route_class=CrmRoute,
                   responses={**ERRORS, 409: {"description": "A transition the request's "
                                              "status does not allow", "model": Problem}})
RequestId = Annotated[int, Path(description="A service request's id")]
Staff = Annotated[str | None, Depends(staff_header)]


@router.patch("/{request_id}", response_model=RequestOut)
def patch_request(request_id: RequestId, patch: visits.RequestPatch, request: Request,
                  staff: Staff) -> dict[str, Any]:
    """Schedule, finish or cancel a request, or change its notes; each change on the timeline."""
    settings: Settings = request.app.state.settings
    with UnitOfWork(sessions_of(request)) as uow:
        r, _ = visits.update_request(uow.session, settings, request_id, patch, staff, utcnow())
        uow.commit()
        body = request_json(r)
    request.app.state.dispatcher.kick()
    return body
