"""Pull several facts out of one message ("This is Bob Smith, 42 Elm St, water heater leaking")."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import datetime

from bot.conversation.addresses import extract_address
from bot.conversation.parsing import Name, find_email, find_phone, parse_name
from bot.conversation.when import PreferredTime, WhenError, parse_when

INTRO = re.compile(
    r"(?:my name is|my name's|this is|i am|i'm|me llamo)\s+"
    r"(?P<name>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){1,2})", re.I)
SERVICE_WORDS = re.compile(
    r"\b(leak\w*|drip\w*|clog\w*|drain\w*|toilet|faucet|sink|pipe\w*|water heater|heater|"
    r"boiler|furnace|heat(?:ing)?|a/?c|air condition\w*|hvac|thermostat|outlet\w*|breaker\w*|"
    r"wiring|electric\w*|light\w*|panel|switch\w*|fan|install\w*|repair\w*|replace\w*|broken|"
    r"fix\w*|not working|no heat|no hot water|no power|burst|flood\w*|sewer|garbage disposal|"
    r"dishwasher|washer|dryer|fridge|refrigerator|oven|stove|vent\w*|duct\w*|gas|smell\w*)\b",
    re.I)
STOP_NAME_WORDS = {"calling", "texting", "looking", "having", "need", "needing", "here", "at"}
TIME_HINT = re.compile(
    r"\b(asap|today|tonight|tomorrow|tmrw|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|morning|afternoon|evening|next week|weekend|\d{1,2}\s*(?:am|pm)|\d{1,2}/\d{1,2})\b",
    re.I)


@dataclass(frozen=True)
class Facts:
    """What one message told us; None where it said nothing."""

    name: Name | None = None
    phone: str | None = None
    address: dict[str, str | None] | None = None
    address_text: str | None = None
    service: str | None = None
    when: PreferredTime | None = None
    email: str | None = None

    @property
    def any(self) -> bool:
        """True when at least one fact was found."""
        return any(v is not None for v in (self.name, self.phone, self.address, self.service,
                                           self.when, self.email))


def _name(text: str) -> tuple[Name, int, int] | None:
    match = INTRO.search(text)
    if not match:
        return None
    tokens = match.group("name").split()
    while tokens and tokens[-1].lower() in STOP_NAME_WORDS:
        tokens.pop()
    parsed = parse_name(" ".join(tokens))
    if not isinstance(parsed, Name):
        return None
    return parsed, match.start(), match.start("name") + len(" ".join(tokens))


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def extract(text: str, region: str, now: datetime, tz: str) -> Facts:
    """Every fact this message carries that we can read with confidence."""
    if len(text) > 600:
        return Facts()
    rest = text
    name = address = address_text = phone = email = service = None
    when: PreferredTime | None = None
    if found := _name(rest):
        name, start, end = found
        rest = _blank(rest, start, end)
    if found_email := find_email(rest):
        email, start, end = found_email
        rest = _blank(rest, start, end)
    if found_addr := extract_address(rest):
        addr, start, end = found_addr
        address = addr.as_dict()
        address_text = text[start:end].strip()
        rest = _blank(rest, start, end)
    if found_phone := find_phone(rest, region):
        phone, start, end = found_phone
        rest = _blank(rest, start, end)
    fragments = [f.strip() for f in re.split(r"[,.;!\n]| - ", rest) if f.strip()]
    for fragment in fragments:
        if service is None and SERVICE_WORDS.search(fragment):
            service = fragment
        elif when is None and TIME_HINT.search(fragment):
            with contextlib.suppress(WhenError):
                when = parse_when(fragment, now, tz)
    return Facts(name=name, phone=phone, address=address, address_text=address_text,
                 service=service, when=when, email=email)
