"""The SMS edge: verify Twilio's signature, translate the form, answer in TwiML."""

from __future__ import annotations

import logging
from typing import Any

import phonenumbers
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.datastructures import FormData
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from bot.messages import InboundMessage
from bot.pipeline import Pipeline
from bot.settings import Settings

log = logging.getLogger(__name__)
router = APIRouter()
MAX_FIELD = 5000


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
        response.message(text)
    return Response(content=str(response), media_type="application/xml")


def e164(raw: str, region: str) -> str | None:
    """The sender's number in E.164, or None when it is not a phone number."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def problem(status: int, detail: str) -> JSONResponse:
    """A 4xx/5xx with a JSON reason."""
    return JSONResponse({"detail": detail}, status_code=status)


async def read_form(request: Request) -> FormData | None:
    """The urlencoded form, or None when the body is not one."""
    content_type = request.headers.get("content-type", "")
    if "application/x-www-form-urlencoded" not in content_type and "multipart/form-data" \
            not in content_type:
        return None
    try:
        return await request.form()
    except Exception:  # a malformed body is the caller's problem, not a 500
        log.info("unreadable form body on %s", request.url.path)
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
    if not settings.twilio_auth_token and settings.twilio_validate_signature:
        return problem(503, "SMS is not configured: TWILIO_AUTH_TOKEN is empty")
    form = await read_form(request)
    if form is None:
        return problem(415, "expected Twilio's application/x-www-form-urlencoded form")
    if not signature_ok(settings, request, form):
        return problem(403, "X-Twilio-Signature does not match")
    sid, sender = str(form.get("MessageSid", "")), str(form.get("From", ""))
    if not sid or not sender:
        return problem(400, "MessageSid and From are required")
    phone = e164(sender, settings.default_region)
    if phone is None:
        return problem(400, f"From is not a phone number: {sender[:40]!r}")
    msg = InboundMessage(
        channel="sms", sender_key=phone, phone=phone, text=str(form.get("Body", ""))[:MAX_FIELD],
        provider_id=sid[:64], media_count=_int(form.get("NumMedia", "0")),
        opt_out_type=str(form.get("OptOutType", "")) or None)
    result = await pipeline.run(msg)
    return twiml(result.texts)
