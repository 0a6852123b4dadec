"""The gate every outbound message passes: may we send this, to them, for this, now?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from phonenumbers import timezone as pn_timezone

from consent.strict_areas import is_strict


class Purpose(StrEnum):
    """Why a message goes out; only the first three may reach an opted-out recipient."""

    OPT_OUT_CONFIRMATION = "opt_out_confirmation"
    HELP = "help"
    OPT_IN_CONFIRMATION = "opt_in_confirmation"
    REPLY = "reply"
    PROACTIVE = "proactive"
    OFFICE_NOTICE = "office_notice"


ALWAYS_ALLOWED = frozenset({Purpose.HELP, Purpose.OPT_IN_CONFIRMATION})
# STRICT_STATES (consent.strict_areas): state mini-TCPAs, 8-20h, 3 a day.
STRICT_DAILY_MAX = 3
DAY = timedelta(hours=24)
DAY_START = time(8, 0)
HELD = "held: "  # every hold reason starts so (the compliance report counts them)


@dataclass(frozen=True)
class Decision:
    """`send`, `hold` (until `not_before`) or `deny`, with the reason."""

    action: str
    reason: str
    not_before: datetime | None = None

    @property
    def allowed(self) -> bool:
        """True when the message may go out now."""
        return self.action == "send"


@dataclass(frozen=True)
class Recipient:
    """What the gate knows of the recipient at the moment of sending."""

    status: str  # opted_in | opted_out | unknown
    opt_out_confirmations_sent: int = 0  # since the latest opt-out
    # When each proactive message of the last 24 hours went out (FL/OK count them).
    proactive_24h: tuple[datetime, ...] = ()
    phone: str | None = None


def recipient_zone(phone: str | None, fallback_tz: str) -> tuple[ZoneInfo, bool]:
    """The recipient's local zone from the number (the business's when unknown) and FL/OK."""
    if not phone:
        return ZoneInfo(fallback_tz), False
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return ZoneInfo(fallback_tz), False
    strict = is_strict(number)
    # "Etc/Unknown" (numbers phonenumbers cannot place, e.g. 555) is no zone tzdata knows.
    zones = [z for z in pn_timezone.time_zones_for_number(number)
             if "/" in z and z != pn_timezone.UNKNOWN_TIMEZONE]
    # One zone for the area code: use it. Several (toll-free, split area codes) or none:
    # the business's own zone is the best guess we have.
    if len(zones) == 1:
        try:
            return ZoneInfo(zones[0]), strict
        except ZoneInfoNotFoundError:
            pass
    return ZoneInfo(fallback_tz), strict


def _next_window(local: datetime, end: time) -> datetime:
    start = local.replace(hour=DAY_START.hour, minute=0, second=0, microsecond=0)
    if local.time() >= end:
        start = (local + timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
    return start


def _in_window(local: datetime, end: time) -> bool:
    return DAY_START <= local.time() < end


def _strict_release(sent: tuple[datetime, ...], now: datetime) -> datetime | None:
    """When a FL/OK recipient may get one more: the moment enough counted messages age out.

    A message counts for the 24 hours after it went out, (sent, sent + 24h]; with n counted,
    the (n - 3 + 1)-th oldest must age out, so the wait ends exactly 24 hours after it.
    """
    counted = sorted(t for t in sent if now - DAY < t <= now)
    if len(counted) < STRICT_DAILY_MAX:
        return None
    return counted[len(counted) - STRICT_DAILY_MAX] + DAY


def decide(purpose: Purpose, recipient: Recipient, now: datetime, business_tz: str) -> Decision:
    """The gate's decision; pure, so that it can be tested with any clock."""
    if purpose in ALWAYS_ALLOWED:
        return Decision("send", f"{purpose.value} is always allowed")
    if purpose is Purpose.OPT_OUT_CONFIRMATION:
        if recipient.status == "opted_out" and recipient.opt_out_confirmations_sent == 0:
            return Decision("send", "the single opt-out confirmation")
        return Decision("deny", "opt-out confirmation already sent")
    if recipient.status == "opted_out":
        return Decision("deny", "recipient opted out")
    if purpose in (Purpose.REPLY, Purpose.OFFICE_NOTICE):
        return Decision("send", "reply to the texter" if purpose is Purpose.REPLY else "office")
    if recipient.status != "opted_in":
        return Decision("deny", "no express opt-in for proactive messages")
    zone, strict = recipient_zone(recipient.phone, business_tz)
    local = now.astimezone(zone)
    end = time(20, 0) if strict else time(21, 0)
    if not _in_window(local, end):
        return Decision("hold", HELD + "quiet hours where the recipient is",
                        _next_window(local, end).astimezone(now.tzinfo))
    release = _strict_release(recipient.proactive_24h, now) if strict else None
    if release is not None:
        opens = release.astimezone(zone)
        if not _in_window(opens, end):  # ages out at night: the window's next opening
            release = _next_window(opens, end).astimezone(now.tzinfo)
        return Decision("hold", HELD + "3 messages in 24 hours reached (FL/OK); the oldest "
                        "counted one ages out then", release)
    return Decision("send", "opted in, within hours")
