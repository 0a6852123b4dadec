"""The office notification as people read it (Telegram, SMS, email), from the outbox payload."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import phonenumbers

from bot.settings import Settings

CHANNELS = {"sms": "SMS", "telegram": "Telegram", "web": "Web chat", "console": "Console",
            "office": "Office (dashboard or API)"}
MAX_FIELD = 500  # a texter's essay must not push the rest of the notice out of an SMS


@dataclass(frozen=True)
class Notice:
    """A subject line and a plain-text body."""

    subject: str
    text: str


def render(payload: Mapping[str, Any], settings: Settings) -> Notice:
    """The notice for a request.created, request.cancelled, handoff.requested or
    message.received payload."""
    lead: Mapping[str, Any] = payload.get("lead") or {}
    request: Mapping[str, Any] | None = payload.get("request")
    who, phone = _who(lead), _phone(lead.get("phone"), settings.default_region)
    returning = "returning customer" if payload.get("returning") else "new customer"
    if payload.get("event") == "message.received":
        subject, lines = _reply(payload, who, phone)
    elif payload.get("event") == "request.cancelled" and request is not None:
        service = _clip(str(request.get("service") or ""))
        by = "the office" if payload.get("channel") == "office" else "the texter"
        lines = [f"Request cancelled by {by} (#{request.get('id')})", f"Who: {who}",
                 f"Phone: {phone}", f"Address: {_request_address(request)}",
                 f"What: {service}", f"When: {_when(request, settings.business_timezone)}"]
        subject = f"Request cancelled: {who}, {service}"
    elif payload.get("event") == "handoff.requested" or request is None:
        lines = ["Call back requested", f"Who: {who}", f"Phone: {phone}"]
        if _address(lead.get("address")):
            lines.append(f"Address: {_address(lead.get('address'))}")
        subject = f"Call back requested: {who}, {phone}"
    else:
        service = _clip(str(request.get("service") or ""))
        lines = [f"New service request ({returning})", f"Who: {who}", f"Phone: {phone}",
                 f"Address: {_request_address(request)}", f"What: {service}",
                 f"When: {_when(request, settings.business_timezone)}"]
        if lead.get("email"):
            lines.append(f"Email: {lead['email']}")
        subject = f"New request from {who}: {service}"
    channel = str(payload.get("channel") or "")
    lines.append(f"Channel: {CHANNELS.get(channel, channel or 'unknown')}")
    lines.append(f"Customer: {returning}")
    if settings.public_base_url and lead.get("id") is not None:
        lines.append(f"Lead: {settings.public_base_url}/dashboard/leads/{lead['id']}")
    return Notice(subject=_one_line(subject)[:150], text="\n".join(lines))


def _reply(payload: Mapping[str, Any], who: str, phone: str) -> tuple[str, list[str]]:
    """A texter answered the office's text: what they wrote, and what it answers."""
    said = _clip(str((payload.get("message") or {}).get("text") or ""))
    answered = _clip(str((payload.get("in_reply_to") or {}).get("text") or ""))
    return (f"Reply from {who}: {said}",
            ["Reply to the office's text", f"Who: {who}", f"Phone: {phone}",
             f"They wrote: {said}", f"Answering: {answered}"])


def _clip(text: str) -> str:
    return text if len(text) <= MAX_FIELD else text[:MAX_FIELD - 1] + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _who(lead: Mapping[str, Any]) -> str:
    name = " ".join(str(p) for p in (lead.get("first_name"), lead.get("last_name")) if p)
    company = lead.get("company_name")
    if name and company:
        return f"{name} ({company})"
    return name or str(company or "name not given yet")


def _phone(value: Any, region: str) -> str:
    if not value:
        return "unknown"
    try:
        number = phonenumbers.parse(str(value), None)
    except phonenumbers.NumberParseException:
        return str(value)
    # By country code, not region: fictional 555 numbers belong to no region but are local.
    local = number.country_code == phonenumbers.country_code_for_region(region)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL if local
                                      else phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _address(address: Any) -> str:
    if not isinstance(address, Mapping):
        return ""
    street = " ".join(str(address[k]) for k in ("line1", "line2") if address.get(k))
    state_zip = " ".join(str(address[k]) for k in ("state", "postal_code") if address.get(k))
    return ", ".join(p for p in (street, str(address.get("city") or ""), state_zip) if p)


def _request_address(request: Mapping[str, Any]) -> str:
    text = _address(request.get("address")) or "not given"
    if request.get("needs_attention"):
        # The texter's words were kept verbatim because they did not parse as an address.
        return f"{_clip(text)} (NEEDS ATTENTION: kept as typed, not verified)"
    return text


def _when(request: Mapping[str, Any], tz: str) -> str:
    words = _clip(str(request.get("preferred_time_text") or "")).strip()
    if request.get("asap"):
        parsed = "as soon as possible"
    else:
        parsed = _window(request.get("preferred_time"), request.get("preferred_time_end"), tz)
    if words and parsed:
        return f"{words} ({parsed})"
    return words or parsed or "not given"


def _window(start: Any, end: Any, tz: str) -> str:
    if not start:
        return ""
    zone = ZoneInfo(tz)
    first = datetime.fromisoformat(str(start)).astimezone(zone)
    text = f"{first:%a %b} {first.day}, {_clock(first)}"
    if end:
        last = datetime.fromisoformat(str(end)).astimezone(zone)
        same_day = last.date() == first.date()
        text += f" to {_clock(last) if same_day else f'{last:%a %b} {last.day}, {_clock(last)}'}"
    return f"{text} {first:%Z}"


def _clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment:%M} {'AM' if moment.hour < 12 else 'PM'}"
