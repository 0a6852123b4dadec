"""How phones, times and addresses read to people: the one home for display formatting."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import phonenumbers

# Words kept upper case in an address: state codes and USPS directionals.
_UPPER = {"N", "S", "E", "W", "NE", "NW", "SE", "SW", "PO", "US"}
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)


@lru_cache(maxsize=4096)  # a board or list page formats hundreds of numbers
def phone(e164: str | None, region: str = "US") -> str:
    """A phone as people write it: national format at home, international abroad."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    if not phonenumbers.is_possible_number(number):
        return e164
    # By country code, not region: test and fictional numbers (555) have no region.
    home = number.country_code == phonenumbers.country_code_for_region(region)
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if home
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, style)


def tel_href(e164: str | None) -> str:
    """The `tel:` link for a phone (E.164 dials from anywhere)."""
    return f"tel:{e164}" if e164 else ""


def when(moment: datetime | str | None, tz: str, now: datetime | None = None) -> str:
    """A moment in the business time zone with its label: "Dec 1, 2:05 PM EST".

    The year shows only when it is not the current one. An ISO 8601 string (as reports
    hold them) reads the same as the datetime it names.
    """
    if not moment:
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(ZoneInfo(tz))
    this_year = (now or datetime.now(UTC)).astimezone(ZoneInfo(tz)).year
    year = "" if local.year == this_year else f" {local.year}"
    hour = local.strftime("%I").lstrip("0")
    return f"{local:%b} {local.day}{year}, {hour}:{local:%M %p} {local.tzname()}"


def day(value: date | None) -> str:
    """A calendar date as people read it: "Dec 1, 2026"."""
    return f"{value:%b} {value.day}, {value.year}" if value else ""


def _word(word: str) -> str:
    if word.upper() in _UPPER or _ORDINAL.match(word):
        return word.upper() if word.upper() in _UPPER else word.lower()
    if any(ch.isdigit() for ch in word):
        return word.upper()  # unit numbers like 4B
    return word[:1].upper() + word[1:].lower()


@lru_cache(maxsize=4096)
def title(text: str | None) -> str:
    """Title case for a street or city typed in capitals ("1234 OAK AVE" -> "1234 Oak Ave")."""
    if not text:
        return ""
    return " ".join("-".join(_word(p) for p in w.split("-")) for w in text.split())


def address(fields: Mapping[str, str | None] | None) -> str:
    """One readable line: "1234 Oak Ave Apt 2, Austin, TX 78701"."""
    if not fields:
        return ""
    street = " ".join(title(fields.get(k)) for k in ("line1", "line2") if fields.get(k))
    region = " ".join(v for v in ((fields.get("state") or "").upper(),
                                  fields.get("postal_code") or "") if v)
    return ", ".join(p for p in (street, title(fields.get("city")), region) if p)
