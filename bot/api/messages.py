"""/api/leads/{id}/messages (the thread, and the office texting) and /api/templates.

Routes only translate: `bot.texting` decides, CrmRoute maps its errors to JSON.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from bot.api.auth import require_admin, sessions_of
from bot.api.crm_route import ERRORS, CrmRoute, staff_header
from bot.crm.leads import get_lead
from bot.settings import Settings
from bot.texting import templates
from bot.texting.office import OfficeMessage, send_to_lead
from bot.texting.view import message_json
from store import messages
from store.clock import utcnow
from store.uow import UnitOfWork

router = APIRouter(dependencies=[Depends(require_admin)], tags=["texting"],
                   route_class=CrmRoute, responses=ERRORS)
LeadId = Annotated[int, Path(description="A lead's id")]
Staff = Annotated[str | None, Depends(staff_header)]


class TemplateText(BaseModel):
    """The office's own text for a template."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=templates.MAX_TEXT)


@router.get("/api/leads/{lead_id}/messages")
def thread(lead_id: LeadId, request: Request) -> dict[str, Any]:
    """Every message both ways, every channel, oldest first (inbound ones are `received`)."""
    with sessions_of(request)() as session:
        c = get_lead(session, lead_id)
        return {"items": [message_json(m) for m in messages.thread(session, c)]}


@router.post("/api/leads/{lead_id}/messages", status_code=202)
def send(lead_id: LeadId, body: OfficeMessage, request: Request, staff: Staff
         ) -> dict[str, Any]:
    """Queue a text to the lead; `status` is `queued`, or `refused` with the reason at once."""
    settings: Settings = request.app.state.settings
    with UnitOfWork(sessions_of(request)) as uow:
        row = send_to_lead(uow.session, settings, lead_id, body, staff, utcnow())
        uow.commit()
        answer = message_json(row)
    request.app.state.dispatcher.kick()
    return answer


@router.get("/api/templates")
def list_templates(request: Request) -> dict[str, Any]:
    """Every template in English and Spanish: the office's text, the default, its fields."""
    with sessions_of(request)() as session:
        return {"items": templates.all_templates(session)}


@router.put("/api/templates/{name}/{language}")
def put_template(name: Annotated[str, Path(max_length=40)],
                 language: Annotated[str, Path(max_length=5)], body: TemplateText,
                 request: Request, staff: Staff) -> dict[str, Any]:
    """Replace a template's text in one language (the default stays in code)."""
    with UnitOfWork(sessions_of(request)) as uow:
        row = templates.save(uow.session, name, language, body.text, staff, utcnow())
        uow.commit()
        return {"name": row.name, "language": row.language, "text": row.text,
                "edited": True, "updated_by": row.updated_by}
