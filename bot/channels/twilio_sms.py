"""The SMS edge: verify Twilio's signature, translate the form, answer in TwiML."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

import anyio.to_thread
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import FormData
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from bot.consent_tools import lock_ledger
from bot.conversation.parsing import parse_phone
from bot.messages import InboundMessage
from bot.pipeline import Pipeline
from bot.sanitize import storable, xml_safe
from bot.settings import Settings
from consent.ledger import ConsentEvent
from store import ledger, messages
from store.clock import utcnow
from store.models import ConsentEventRow, MessageLog
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
router = APIRouter()
MAX_FIELD = 4096  # Twilio's Body is at most 1,600 characters (4,096 on WhatsApp)
MAX_FIELDS = 200
MAX_SID = 128  # Twilio's SIDs are 34; the columns hold 128, longer is not Twilio's
LIMITS = {"MessageSid": MAX_SID, "SmsSid": MAX_SID, "SmsMessageSid": MAX_SID, "From": 64,
          "To": 64, "OptOutType": 20, "MessageStatus": 20, "SmsStatus": 20, "ErrorCode": 20}
OPTED_OUT_AT_CARRIER = "21610"  # Twilio: "Attempt to send to unsubscribed recipient"
# Callbacks may arrive out of order; a later stage never goes back to an earlier one.
STAGES = {"accepted": 0, "scheduled": 0, "queued": 1, "sending": 2, "sent": 3,
          "delivered": 4, "undelivered": 4, "failed": 4, "canceled": 4, "read": 5}


def public_url(settings: Settings, request: Request) -> str:
    """The URL Twilio called: PUBLIC_BASE_URL + path (+ query), else what we received."""
    if not settings.public_base_url:
        return str(request.url)
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{settings.public_base_url}{request.url.path}{query}"


def signature_ok(settings: Settings, request: Request, form: FormData) -> bool:
    """Twilio's own validator over every received parameter and the public URL."""
    if not settings.twilio_validate_signature:
        return True
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature:
        return False
    validator = RequestValidator(settings.twilio_auth_token)
    return bool(validator.validate(public_url(settings, request), form, signature))


def twiml(texts: list[str]) -> Response:
    """A TwiML document with one <Message> per text (an empty <Response/> for none)."""
    response = MessagingResponse()
    for text in texts:
        response.message(xml_safe(text))  # a control character would break the document
    return Response(content=str(response), media_type="application/xml")


async def verified_form(settings: Settings, request: Request) -> FormData | Response:
    """The posted form when Twilio signed it; else the 503/415/403 answer (nothing stored)."""
    if not settings.twilio_auth_token and settings.twilio_validate_signature:
        return problem(503, "SMS is not configured: TWILIO_AUTH_TOKEN is empty")
    form = await read_form(request)
    if isinstance(form, str):
        return problem(415 if form.startswith("expected") else 400, form)
    if not signature_ok(settings, request, form):
        return problem(403, "X-Twilio-Signature does not match")
    if (why := field_problem(form)) is not None:
        return problem(400, why)
    return form


def problem(status: int, detail: str) -> JSONResponse:
    """A 4xx/5xx with a JSON reason."""
    return JSONResponse({"detail": detail}, status_code=status)


async def read_form(request: Request) -> FormData | str:
    """The urlencoded form decoded as UTF-8, or why the body is not one."""
    content_type = request.headers.get("content-type", "")
    if "application/x-www-form-urlencoded" not in content_type:
        return "expected Twilio's application/x-www-form-urlencoded form"
    body = await request.body()  # bounded by the route's body cap (bot/limits.py)
    try:
        # Starlette reads raw bytes as latin-1 (mojibake for UTF-8 typed without %-escapes).
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                          max_num_fields=MAX_FIELDS, errors="strict")
    except UnicodeDecodeError:
        return "the form is not UTF-8"
    except ValueError:
        return f"the form has more than {MAX_FIELDS} fields"
    return FormData([(name, value) for name, value in pairs])


def field_problem(form: FormData) -> str | None:
    """Why a form's fields cannot be Twilio's (too long), or None."""
    for name, value in form.multi_items():
        limit = LIMITS.get(name, MAX_FIELD)
        if len(str(value)) > limit:
            return f"{name} is longer than {limit} characters"
    return None


def _int(value: Any) -> int:
    try:
        return max(0, int(str(value)))
    except ValueError:
        return 0


@router.post("/sms/twilio")
async def inbound_sms(request: Request) -> Response:
    """Twilio's inbound message webhook."""
    settings: Settings = request.app.state.settings
    pipeline: Pipeline = request.app.state.pipeline
    form = await verified_form(settings, request)
    if isinstance(form, Response):
        return form
    sid, sender = str(form.get("MessageSid", "")), str(form.get("From", ""))
    if not sid or not sender:
        return problem(400, "MessageSid and From are required")
    phone = parse_phone(sender, settings.default_region)
    if phone is None:
        return problem(400, f"From is not a phone number: {sender[:40]!r}")
    msg = InboundMessage(
        channel="sms", sender_key=phone, phone=phone, text=storable(str(form.get("Body", ""))),
        provider_id=storable(sid), media_count=_int(form.get("NumMedia", "0")),
        opt_out_type=storable(str(form.get("OptOutType", ""))) or None)
    result = await pipeline.run(msg)
    return twiml(result.texts)


def _carrier_block(session: Session, *, sid: str, phone: str, now: datetime) -> bool:
    """Append carrier_block for this message once, however often Twilio reports it."""
    lock_ledger(session)
    seen = session.scalar(select(ConsentEventRow.id).where(
        ConsentEventRow.kind == "carrier_block", ConsentEventRow.provider_message_id == sid))
    if seen is not None:
        return False
    ledger.append(session, ConsentEvent(
        channel="sms", kind="carrier_block", method="carrier", actor="twilio", recorded_at=now,
        phone=phone, text=None, provider_message_id=sid))
    return True


def record_delivery(sessions: sessionmaker[Session], *, sid: str, status: str,
                    error_code: str | None, to: str | None, now: datetime) -> None:
    """A status callback: the outbound message's status, and a carrier block on 21610."""
    with UnitOfWork(sessions) as uow:
        session = uow.session
        row = session.scalars(select(MessageLog).where(
            MessageLog.channel == "sms", MessageLog.direction == "out",
            MessageLog.provider_id == sid)).first()
        if row is not None and status and STAGES.get(status, 0) >= STAGES.get(row.status or "", 0):
            messages.set_status(session, "sms", sid, status, error_code)
        phone = to or (row.phone if row is not None else None)
        if error_code == OPTED_OUT_AT_CARRIER:
            if phone is None:
                log.warning("status %s for %s: no recipient to record the block for", status, sid)
            elif _carrier_block(session, sid=sid, phone=phone, now=now):
                log.info("carrier block recorded for message %s", sid)
        uow.commit()


@router.post("/sms/twilio/status", status_code=204)
async def delivery_status(request: Request) -> Response:
    """Twilio's status callback: delivery status, and 21610 as a carrier block."""
    settings: Settings = request.app.state.settings
    form = await verified_form(settings, request)
    if isinstance(form, Response):
        return form
    sid = storable(str(form.get("MessageSid", "") or form.get("SmsSid", "")))
    if not sid:
        return problem(400, "MessageSid is required")
    status = storable(str(form.get("MessageStatus", "") or form.get("SmsStatus", ""))).lower()
    error_code = storable(str(form.get("ErrorCode", ""))).strip() or None
    to = parse_phone(str(form.get("To", "")), settings.default_region) if form.get("To") else None
    await anyio.to_thread.run_sync(lambda: record_delivery(
        request.app.state.sessions, sid=sid, status=status,
        error_code=error_code, to=to, now=utcnow()))
    return Response(status_code=204)
