"""SMS through the Twilio REST API (official client): office phones and proactive texts."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
from twilio.base.exceptions import TwilioException
from twilio.http import AsyncHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from bot.conversation.parsing import parse_phone
from bot.office.message import render
from bot.office.tls import tls_context
from bot.office.webhook import retry_after
from bot.outbox.dispatcher import Delivery, Sender
from bot.outbox.errors import PermanentError, RecipientBlocked, TransientError
from bot.settings import Settings

TIMEOUT = 15.0
MAX_BODY = 1600  # Twilio refuses longer bodies (error 21617)
UNSUBSCRIBED = 21610  # the recipient texted STOP to our number: the carrier blocks us
TRANSIENT_CODES = frozenset({20429, 21611})  # too many requests; From's queue is full


class TwilioHttp(AsyncHttpClient):  # type: ignore[misc]  # twilio ships no type hints
    """Twilio's HTTP client hook on httpx, optionally aimed at another base URL.

    TWILIO_API_BASE_URL (e.g. a local fake in tests) replaces the scheme and host of the
    URLs the twilio client builds; the path (/2010-04-01/Accounts/...) is kept.
    """

    def __init__(self, http: httpx.AsyncClient, base_url: str = "",
                 timeout: float = TIMEOUT) -> None:
        super().__init__(logging.getLogger("twilio.http_client"), True, timeout)
        self._http, self._base = http, base_url.rstrip("/")
        self.last_headers: httpx.Headers = httpx.Headers()

    def rebase(self, url: str) -> str:
        """The URL the twilio client built, moved onto the configured base."""
        if not self._base:
            return url
        base, parts = urlsplit(self._base), urlsplit(url)
        return urlunsplit((base.scheme, base.netloc, base.path + parts.path, parts.query, ""))

    async def request(self, method: str, uri: str, params: dict[str, Any] | None = None,
                      data: dict[str, Any] | None = None,
                      headers: dict[str, str] | None = None,
                      auth: tuple[str, str] | None = None, timeout: float | None = None,
                      allow_redirects: bool = False) -> Any:
        """One HTTP exchange, as twilio's own clients do it."""
        response = await self._http.request(
            method.upper(), self.rebase(uri), params=params, data=data, headers=headers,
            auth=auth, timeout=timeout or self.timeout, follow_redirects=allow_redirects)
        self.last_headers = response.headers
        return Response(response.status_code, response.text, response.headers)


def twilio_ready(settings: Settings) -> bool:
    """Credentials and a sender (number or messaging service) are configured."""
    return bool(settings.twilio_account_sid and settings.twilio_auth_token and (
        settings.twilio_from_number or settings.twilio_messaging_service_sid))


def e164(number: str, region: str) -> str:
    """The number in E.164, or PermanentError (retrying cannot fix a bad number)."""
    if (phone := parse_phone(number, region)) is None:
        raise PermanentError(f"not a phone number: {number!r}")
    return phone


def _error(exc: TwilioException, headers: httpx.Headers) -> Exception:
    status, code = getattr(exc, "status", None), getattr(exc, "code", None)
    text = getattr(exc, "msg", None) or getattr(exc, "detail", None) or exc.__class__.__name__
    error = f"Twilio HTTP {status} error {code}: {text}"
    if code == UNSUBSCRIBED:
        return RecipientBlocked(error)
    if status == 429 or code in TRANSIENT_CODES:
        return TransientError(error, retry_after=retry_after(headers))
    if isinstance(status, int) and 400 <= status < 500:
        return PermanentError(error)
    return TransientError(error)


async def send_sms(settings: Settings, to: str, body: str,
                   status_callback: str | None = None) -> str:
    """Send one SMS; returns Twilio's message SID; raises the outbox's errors."""
    kwargs: dict[str, Any] = {"to": e164(to, settings.default_region), "body": body[:MAX_BODY]}
    if settings.twilio_messaging_service_sid:
        kwargs["messaging_service_sid"] = settings.twilio_messaging_service_sid
    else:
        kwargs["from_"] = settings.twilio_from_number
    if status_callback:
        kwargs["status_callback"] = status_callback
    async with httpx.AsyncClient(verify=tls_context()) as http:
        hook = TwilioHttp(http, settings.twilio_api_base_url)
        client = Client(settings.twilio_account_sid, settings.twilio_auth_token,
                        http_client=hook)
        try:
            message = await client.messages.create_async(**kwargs)
        except TwilioException as exc:
            raise _error(exc, hook.last_headers) from None
        except httpx.TimeoutException:
            raise TransientError("Twilio timed out") from None
        except httpx.HTTPError as exc:
            raise TransientError(f"Twilio unreachable: {exc.__class__.__name__}") from None
    return str(message.sid)


def office_sms_sender(settings: Settings) -> Sender:
    """The sender for "sms:+1555..." targets: the office notice to that phone."""

    async def send(delivery: Delivery) -> str | None:
        number = delivery.target.split(":", 1)[1]
        return await send_sms(settings, number, render(delivery.payload, settings).text)

    return send


def texter_sms_sender(settings: Settings) -> Sender:
    """The sender for "texter:sms" rows (proactive texts; the dispatcher gated them)."""
    callback = (f"{settings.public_base_url}/sms/twilio/status"
                if settings.public_base_url else None)

    async def send(delivery: Delivery) -> str | None:
        p = delivery.payload
        if not p.get("phone") or not p.get("text"):
            raise PermanentError("a texter SMS needs a phone and a text")
        return await send_sms(settings, str(p["phone"]), str(p["text"]), callback)

    return send
