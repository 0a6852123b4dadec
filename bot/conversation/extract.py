"""Pull every fact out of one message ("This is Bob Smith, 42 Elm St, water heater leaking").

Runs on every turn, so it is conservative: a plain answer ("yes", "Kim Lee" at the phone
question aside) yields nothing it is not sure of. Name, email, address and phone are found
and blanked out first; what is left is split into phrases, each read as a time or as the need.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import datetime

from bot.conversation.addresses import extract_address
from bot.conversation.understand.chatter import is_chatter, strip_chatter
from bot.conversation.understand.emails import find_email_span
from bot.conversation.understand.names import Name, find_name_span
from bot.conversation.understand.phones import find_phone_span
from bot.conversation.understand.skip import is_skip
from bot.conversation.understand.text import fold
from bot.conversation.understand.vocab import SERVICE
from bot.conversation.understand.yesno import read_yes_no
from bot.conversation.when import PreferredTime, WhenError, parse_when

MAX_CHARS = 600
_DAYS = (r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|"
         r"fri|sat|sun|lunes|martes|miercoles|miércoles|jueves|viernes|sabado|sábado|domingo")
TIME_HINT = re.compile(
    rf"\b(?:asap|a\.s\.a\.p|as soon as|today|tonight|tomorrow|tmrw|tmr|{_DAYS}|morning|"
    r"afternoon|evening|next week|this week|weekend|whenever|any ?time|\d{1,2}\s*(?:am|pm)|"
    r"\d{1,2}:\d\d|\d{1,2}/\d{1,2}|noon|hoy|mañana|manana|tarde|noche|lo antes posible|"
    r"(?:after|before|around|at|by) \d{1,2}|the \d{1,2}(?:st|nd|rd|th)|right away|urgent\w*|"
    r"emergency|cuando sea|cualquier (?:dia|día|hora))\b", re.I)
# Where a time request starts inside a need ("sink leaking can you come tomorrow").
_TIME_TAIL = re.compile(
    rf"\s*(?:,|-|\band\b)?\s*(?:\b(?:can|could|would) (?:you|someone|somebody|u|anyone|y'all)"
    rf"(?: guys)? (?:come|be here|stop by|make it|swing by)\b|\b(?:ideally|preferably|"
    rf"hopefully|maybe)\b|\b(?:asap|today|tonight|tomorrow|tmrw|this (?:morning|afternoon|"
    rf"evening|week|weekend)|next (?:week|{_DAYS})|(?:on )?(?:{_DAYS})|hoy|mañana|manana|"
    rf"lo antes posible|lo mas pronto posible|lo más pronto posible|cuanto antes|"
    rf"(?:para )?(?:hoy|mañana|manana|el (?:{_DAYS})))\b)", re.I)
# A day said in the middle of a need ("need an electrician tomorrow for 3 outlets").
_FULL_DAYS = (r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miercoles|"
              r"miércoles|jueves|viernes|sabado|sábado|domingo")  # "sun room" is no Sunday
_DAY_INSIDE = re.compile(
    rf"(?:\b(?:on|para|el) )?\b(?:today|tonight|tomorrow|tmrw|asap|this (?:morning|afternoon|"
    rf"evening)|(?:next |this )?(?:{_FULL_DAYS})(?: (?:morning|afternoon|evening))?)\b", re.I)
# "leaking since wed": a day the trouble started, not when to come.
_SINCE = re.compile(r"\b(?:since|from|last|desde|ago|hace|started|began|empezo|empezó)\W*$", re.I)
_NEED = re.compile(r"\b(?:need|needs|needed|looking for|want|would like|necesito|"
                   r"necesitamos|quiero|busco)\b", re.I)
# A preposition left at the end once the time is taken away: "a tune up for <next week>".
_DANGLING = re.compile(r"\s+(?:for|para|on|at|by|in|el|la|de|this|next|around)$", re.I)
_FRAGMENTS = re.compile(r"[,.;!?\n]+\s*|\s+-\s+|\s+(?:also|plus|and also|y también)\s+")


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


_GAP = "\x00"  # what a found fact is blanked with: same length, so later spans stay right
# A found fact with the words that led into it: "we're on <address>", "AC broken at <address>".
_AROUND_GAP = re.compile(r"\s*(?:(?:we|i)['\u2019]?(?:re|m)\s+|(?:we are|i am|i live|we live|"
                         r"located|is|it's)\s+)?(?:at|on|in|near|by|to|is)?\s*\x00+\s*", re.I)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + _GAP * (end - start) + text[end:]


def _when(text: str, now: datetime, tz: str) -> PreferredTime | None:
    if not TIME_HINT.search(text):
        return None  # only time-like phrases reach the parser (and dateparser)
    with contextlib.suppress(WhenError):
        return parse_when(text, now, tz)
    return None


def _need(fragment: str) -> bool:
    """A phrase that describes work to be done."""
    words = re.findall(r"[^\W\d_]+", fragment)
    return bool(SERVICE.search(fold(fragment))) or (bool(_NEED.search(fragment))
                                                    and len(words) >= 3)


def _read_rest(rest: str, now: datetime, tz: str) -> tuple[str | None, PreferredTime | None]:
    """The need and the time in what is left once the other facts are blanked out."""
    needs: list[str] = []
    when: PreferredTime | None = None
    for raw in _FRAGMENTS.split(rest):
        fragment = strip_chatter(_AROUND_GAP.sub(" ", raw).strip())
        if not fragment or is_chatter(fragment):
            continue
        if when is None and (found := _when(fragment, now, tz)):
            when = found
            continue
        if not _need(fragment):
            continue
        for tail in _TIME_TAIL.finditer(fragment):  # "sink leaking can you come tomorrow"
            said, before = fragment[tail.start() :].strip(), fragment[: tail.start()]
            if _SINCE.search(before):
                continue
            if when is None and tail.start() > 0 and (found := _when(said, now, tz)):
                when, fragment = found, fragment[: tail.start()].strip(" ,-")
                break
        inside = _DAY_INSIDE.search(fragment)
        if when is None and inside and not _SINCE.search(fragment[: inside.start()]) and (
                found := _when(inside[0], now, tz)):
            when = found
            fragment = re.sub(r"\s{2,}", " ", fragment[: inside.start()] + fragment[inside.end():])
        needs.append(_DANGLING.sub("", fragment.strip(" ,-")))
    return (", ".join(needs) or None), when


def extract(text: str, region: str, now: datetime, tz: str) -> Facts:
    """Every fact this message carries that we can read with confidence."""
    if len(text) > MAX_CHARS or not text.strip():
        return Facts()
    if is_chatter(text) or read_yes_no(text) is not None or is_skip(text):
        return Facts()  # "yes", "thanks!", "skip": answers, not facts
    rest = text
    name = address = address_text = phone = email = None
    if found_name := find_name_span(rest):
        name, start, end = found_name
        rest = _blank(rest, start, end)
    if found_email := find_email_span(rest):
        email, start, end = found_email
        rest = _blank(rest, start, end)
    if found_addr := extract_address(rest):
        addr, start, end = found_addr
        address, address_text = addr.as_dict(), text[start:end].strip()
        rest = _blank(rest, start, end)
    if found_phone := find_phone_span(rest, region):
        phone, start, end = found_phone
        rest = _blank(rest, start, end)
    service, when = _read_rest(rest, now, tz)
    return Facts(name=name, phone=phone, address=address, address_text=address_text,
                 service=service, when=when, email=email)
