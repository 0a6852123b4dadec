"""Understand a texter's answer to "When would you like us to come?".

A small regex grammar covers what texters send; dateparser is only the fallback: on its own it
reads "next tuesday" as the coming Tuesday (upstream #573), keeps the base minutes in "tomorrow
at 9" (09:30), reads "12/3 at 10" as the year 2110 and rolls "11/1" to next year.

Readings chosen (the tests spell them out):
- "tuesday" is the next Tuesday strictly after today (1-7 days ahead); "next tuesday" is the
  Tuesday of next week (weeks start Monday), the common US reading: on Mon 11/23 it is Tue 12/1.
- A clock time or part of day with no day ("3pm", "morning") already over today means tomorrow;
  a day that is over ("today at 7am" said at 09:30) is refused as "past".
- An hour without am/pm is a business hour: 1-6 pm, 7-11 am, unless a part of day says otherwise.
- "12/3" is month/day. A yearless date already over this year is "past", except across New Year
  when next year's date is at most 90 days away ("1/5" said on 12/28).
- "monday or tuesday morning" takes the first alternative, with the last one's time of day.
- "after 5" is a window from 17:00 to the end of that part of the day (17:00, 20:00 or two
  hours later); "before noon" runs from 08:00 to noon.
- "in the morning" without a day is the next morning that has not begun (tomorrow's, said at
  09:30); "morning" alone is this morning while it lasts.
- "on the 9th" / "el 9" is the next 9th that is not over (this month or the next).
- "whenever", "any time", "cuando sea": no preference (no start, `no_preference` set).
- A greeting alone ("Good morning!", "buenas tardes") is "unparsed", never a morning window;
  a greeting before a time is dropped ("Hi! tomorrow at 3").
- Reasons: "unparsed" (not a time), "past", "too_far" (starts more than 366 days from now).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateparser.date import DateDataParser

from bot.conversation.understand.chatter import is_greeting, strip_chatter
from bot.conversation.understand.timewords import means_no_preference

MAX_CHARS = 200  # longer answers are not a time; this also bounds regex and dateparser work
MAX_AHEAD = timedelta(days=366)
WRAP_AHEAD = timedelta(days=90)
WINDOWS: dict[str, tuple[time, time]] = {  # "tonight" is the evening; a bare day is "day"
    "morning": (time(8), time(12)), "afternoon": (time(12), time(17)),
    "evening": (time(17), time(20)), "day": (time(8), time(17))}
REASONS = {"unparsed": "not understood as a day or time", "past": "that time has already passed",
           "too_far": "that is more than a year away"}


@dataclass(frozen=True)
class PreferredTime:
    """When the texter wants the visit: an exact time, a window, as soon as possible, or any."""

    start: datetime | None  # timezone-aware, in the business tz; None when asap or no preference
    end: datetime | None  # end of a window; None for an exact time
    asap: bool
    text: str  # the texter's words, exactly as given
    no_preference: bool = False  # "whenever": any time suits them; start and end are None


class WhenError(ValueError):
    """The answer is not a usable time; `reason` is "unparsed", "past" or "too_far"."""

    reason: str

    def __init__(self, reason: str) -> None:
        super().__init__(REASONS[reason])
        self.reason = reason


_Clock = tuple[int, int, str | None]  # hour, minute, "am"/"pm"/None as typed
_Slot = tuple[datetime, datetime | None]  # start, end (None for an exact time)


@dataclass(frozen=True)
class _Parts:
    """What the grammar found in one alternative of the answer."""

    days: tuple[date, date] | None = None  # first and last day; None when no day was said
    period: str | None = None  # a key of WINDOWS
    clock: _Clock | None = None
    until: _Clock | None = None  # end of "2-4pm"
    bare: bool = False  # a lone number such as "9" in "tomorrow 9": a time only next to a day
    before: bool = False  # "before noon" is a window that ends at the time
    after: bool = False  # "after 5" is a window that starts at the time
    upcoming: bool = False  # "in the morning": the next one that has not begun
    instant: datetime | None = None  # "in 2 hours"


_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"\bo ?clock\b", " "), (r"\b(?:noon|midday|mediodia|lunch(?:time)?)\b", "12:00pm"),
    (r"\bfirst thing\b", "morning"), (r"\b(?:mas )?temprano\b", "morning"),
    (r"\bafter (?:work|school|hours)\b", "after 5pm"), (r"\bcomo\b", "around"),
    (r"\b(?:(?:the )?end of (?:the |this )?week|fin de semana laboral)\b", "friday"),
    (r"\b(\S+ \S+) from now\b", r"in \1"), (r"\b(\d{1,2})\s*ish\b", r"around \1"),
    (r"\b(?:a ?s ?a ?p|as soon as (?:possible|you can|u can)|soon as possible|right away|"
     r"right now|immediately|now|urgent|urgently|emergency|lo antes posible|lo mas pronto "
     r"posible|cuanto antes|ahora mismo|ahora|ya|urgente)\b", "asap"),
    # Spanish "manana" is tomorrow, except after "la": "por la manana" is in the morning.
    (r"\b(?:en|por) la manana\b", "in the morning"), (r"\bde la manana\b", "morning"),
    (r"\bpasado manana\b", "day after tomorrow"),
    (r"\besta manana\b|\bthis morning\b", "today morning"), (r"\bmanana\b", "tomorrow"),
    (r"\besta tarde\b|\bthis afternoon\b", "today afternoon"), (r"\bhoy\b", "today"),
    (r"\besta noche\b|\btonight\b|\btonite\b|\bthis evening\b", "today evening"),
    (r"\b(?:en|por|de) la tarde\b|\btarde\b", "afternoon"),
    (r"\b(?:en|por|de) la noche\b|\bnoche\b|\bnight\b", "evening"),
    (r"\bfin de semana\b", "weekend"), (r"\b(\w+) que viene\b", r"next \1"),
    (r"\bproxim[oa]\b", "next"), (r"\bsemana\b", "week"), (r"\best[ea]\b", "this"),
    (r"\ba las?\b", "at"), (r"\bentre\b", "between"), (r"\bdentro de\b", "in"),
    (r"\bmedia hora\b", "30 minutes"), (r"\bdespues de(?: las?)?\b", "after"),
    (r"\bantes de(?: las?)?\b", "before"), (r"\bel (?:dia )?(\d{1,2})\b(?! ?(?:am|pm|:|de\b))",
                                          r"the \1th"),
))
_FILLERS = frozenset({
    "please", "pls", "plz", "thanks", "thank", "thx", "ty", "you", "u", "we", "us", "me", "i",
    "can", "could", "would", "like", "prefer", "want", "need", "come", "someone", "out", "here",
    "to", "be", "is", "it", "if", "on", "at", "the", "in", "any", "anytime", "time", "sometime",
    "some", "around", "about", "by", "for", "works", "work", "good", "great", "fine", "ok", "okay",
    "best", "ideally", "preferably", "possible", "maybe", "probably", "early", "late", "asap",
    "hi", "hello", "hey", "so", "el", "la", "los", "las", "en", "de", "por", "favor", "a",
    "do", "instead", "make", "how", "what", "lets", "let's", "say", "change", "switch", "move",
    "actually", "rather", "better", "day", "available", "free", "home", "im", "i'm", "am", "will",
    "should", "yes", "yeah", "sure", "perhaps", "definitely", "either", "anyday", "of",
    "that", "this", "one", "just", "only", "also", "and", "then", "when", "sounds",
    "puede", "pueden", "podria", "podrian", "seria", "mejor", "vengan", "venir", "que", "para",
    "are", "mismo", "misma", "bien", "esta", "si", "es", "ideal", "m", "re", "ll", "d",
    "send", "get", "have", "schedule", "book", "appointment", "visit", "there", "over", "stop",
    "swing", "anyone", "somebody", "guys", "y'all", "open", "opening", "slot", "tech"})
_PAST = re.compile(r"\b(?:yesterday|ayer|anoche|last \w+|\w+ ago|hace \w+)\b")
_ALTERNATIVES = re.compile(r"\s+(?:or|o)\s+")

_N = r"(?P<n>\d{1,4}|(?:a )?couple(?: of)?|an?|one|two|three|four|five|un|una|dos|tres)"
_COUNTS = {"a": 1, "an": 1, "one": 1, "un": 1, "una": 1, "two": 2, "dos": 2, "three": 3,
           "tres": 3, "four": 4, "five": 5}
_RELATIVE = re.compile(
    rf"\b(?:in|within|en)\s+{_N}\s+(?P<unit>minutes?|mins?|minutos?|hours?|hrs?|horas?|"
    r"days?|dias?|weeks?|semanas?)\b")
_MONTH_NAMES = (r"january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|"
                r"aug|september|sept|sep|october|oct|november|nov|december|dec|enero|ene|"
                r"febrero|marzo|abril|abr|mayo|junio|julio|agosto|ago|septiembre|setiembre|"
                r"octubre|noviembre|diciembre|dic")
_MONTHS = {k: i + 1 for i, ks in enumerate(("jan ene", "feb", "mar", "apr abr", "may", "jun",
            "jul", "aug ago", "sep set", "oct", "nov", "dec dic")) for k in ks.split()}
_NUMERIC_DATE = re.compile(r"\b(?P<mon>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?\b")
_MONTH_DAY = re.compile(
    rf"\b(?P<mon>{_MONTH_NAMES})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<y>\d{{4}}))?\b")
_ORDINAL_DAY = re.compile(r"\b(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:floor|fl)\b)")
_DAY_MONTH = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?"
                        rf"(?P<mon>{_MONTH_NAMES})(?:\s+(?:de\s+)?(?P<y>\d{{4}}))?\b")
_SPAN = re.compile(r"\b(?:(?P<which>this|next)\s+)?(?P<span>weekend|week)\b")
_DAY = re.compile(
    r"\b(?:(?P<rel>day after tomorrow|today|tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|tmw|"
    r"2morrow|2moro)|(?:(?P<next>next|this|coming)\s+)?(?P<wd>monday|mon|tuesday|tues|tue|"
    r"wednesday|weds|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat|sunday|sun|lunes|"
    r"martes|miercoles|jueves|viernes|sabado|domingo))\b")
_WEEKDAYS = {k: i for i, ks in enumerate(("mon lun", "tue mar", "wed mie", "thu jue", "fri vie",
              "sat sab", "sun dom")) for k in ks.split()}


def _clock_re(i: str) -> str:
    return rf"(?P<h{i}>\d{{1,2}})(?::(?P<m{i}>\d{{2}}))?\s*(?P<ap{i}>am|pm)?"


_RANGE = re.compile(rf"\b(?:between\s+|from\s+|de\s+)?{_clock_re('1')}\s*(?:-|to|and|until|"
                    rf"till|y|a)\s*{_clock_re('2')}\b")
_TIME = re.compile(rf"(?:\b(?P<at>at|around|about|by|after|before)\s*|@\s*)?\b{_clock_re('')}\b")
_PERIOD = re.compile(r"\b(?P<up>in the )?(?P<p>mornings?|am|afternoons?|pm|evenings?)\b")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _passed(moment: datetime, now: datetime) -> bool:
    """Compared as instants: same-zone comparison reads wall clocks and ignores the DST fold."""
    return moment.timestamp() <= now.timestamp()


def _at(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """The wall-clock time on that day; a time skipped by DST moves forward past the gap."""
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC).astimezone(zone)


def _calendar_date(month: int, day: int, year: str | None, today: date) -> date:
    """A calendar date; without a year, this year's unless over (see module notes)."""
    try:
        if year is not None:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        this_year = date(today.year, month, day)
        if this_year >= today:
            return this_year
        following = date(today.year + 1, month, day)
    except ValueError:
        raise WhenError("unparsed") from None
    if following - today <= WRAP_AHEAD:
        return following
    raise WhenError("past")  # rolling silently to next year would book the wrong month


def _take_relative(m: re.Match[str], parts: _Parts, now: datetime) -> _Parts:
    n = m["n"]
    count = int(n) if n.isdigit() else 2 if "couple" in n else _COUNTS[n]
    unit = m["unit"][0]
    if unit in "mh":  # real elapsed time, so add in UTC: "in 2 hours" across a DST change
        delta = timedelta(minutes=count) if unit == "m" else timedelta(hours=count)
        return replace(parts, instant=(now.astimezone(UTC) + delta).astimezone(now.tzinfo))
    day = now.date() + timedelta(days=count * (1 if unit == "d" else 7))
    return replace(parts, days=(day, day))


def _take_date(m: re.Match[str], parts: _Parts, now: datetime) -> _Parts:
    mon = m["mon"]
    month = int(mon) if mon.isdigit() else _MONTHS[mon[:3]]
    day = _calendar_date(month, int(m["d"]), m["y"], now.date())
    return parts if parts.days else replace(parts, days=(day, day))


def _take_ordinal(m: re.Match[str], parts: _Parts, now: datetime) -> _Parts:
    """"the 9th": this month's if not over, else next month's."""
    today, wanted = now.date(), int(m["d"])
    for month_ahead in range(3):  # the 31st may skip a month
        year, month = divmod(today.month - 1 + month_ahead, 12)
        try:
            day = date(today.year + year, month + 1, wanted)
        except ValueError:
            continue
        if day >= today:
            return parts if parts.days else replace(parts, days=(day, day))
    raise WhenError("unparsed")


def _take_span(m: re.Match[str], parts: _Parts, now: datetime) -> _Parts:
    today = now.date()
    monday = _monday(today) + timedelta(days=7 if m["which"] == "next" else 0)
    if m["span"] == "weekend":
        days = (monday + timedelta(days=5), monday + timedelta(days=6))
    else:
        days = (max(monday, today), monday + timedelta(days=4))
    return parts if parts.days else replace(parts, days=days)


def _take_day(m: re.Match[str], parts: _Parts, now: datetime) -> _Parts:
    today = now.date()
    if m["rel"]:
        day = today + timedelta(days=0 if m["rel"] == "today" else 2 if m["rel"][0] == "d" else 1)
        return parts if parts.days else replace(parts, days=(day, day))
    weekday = _WEEKDAYS[m["wd"][:3]]
    if parts.days and parts.days[0] != parts.days[1]:  # "tuesday next week": inside that span
        day = parts.days[0] + timedelta(days=(weekday - parts.days[0].weekday()) % 7)
    elif parts.days:
        return parts  # a calendar date was given too, and wins
    elif m["next"] == "next":
        day = _monday(today) + timedelta(days=7 + weekday)
    else:
        day = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    return replace(parts, days=(day, day))


def _clock(m: re.Match[str], i: str) -> _Clock:
    return int(m[f"h{i}"]), int(m[f"m{i}"] or 0), m[f"ap{i}"]


def _take_clock(m: re.Match[str], parts: _Parts, now: datetime) -> _Parts:
    if "h1" in m.re.groupindex:  # a range, "2-4pm"
        return replace(parts, clock=_clock(m, "1"), until=_clock(m, "2"))
    bare = not (m["at"] or m["m"] or m["ap"] or "@" in m[0])
    return replace(parts, clock=_clock(m, ""), bare=bare, before=m["at"] in ("before", "by"),
                   after=m["at"] == "after")


def _take_period(m: re.Match[str], parts: _Parts, now: datetime) -> _Parts:
    p = m["p"]
    period = "afternoon" if p[:2] in ("af", "pm") else "evening" if p[0] == "e" else "morning"
    return replace(parts, period=period, upcoming=bool(m["up"]))


_Rule = Callable[[re.Match[str], _Parts, datetime], _Parts]
_RULES: tuple[tuple[re.Pattern[str], _Rule], ...] = (
    (_RELATIVE, _take_relative), (_NUMERIC_DATE, _take_date), (_MONTH_DAY, _take_date),
    (_DAY_MONTH, _take_date), (_ORDINAL_DAY, _take_ordinal), (_SPAN, _take_span),
    (_DAY, _take_day), (_RANGE, _take_clock),
    (_TIME, _take_clock), (_PERIOD, _take_period),
)


def _normalize(text: str) -> str:
    """Lower case, no accents or punctuation, Spanish and idioms rewritten to plain English."""
    s = unicodedata.normalize("NFKD", text.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", s)
    s = re.sub(r"(\d)\.(\d\d)\b", r"\1:\2", s)
    s = re.sub(r"\s+", " ", re.sub(r"[^\w:/@\s-]+", " ", s)).strip()
    for pattern, repl in _REWRITES:
        s = pattern.sub(repl, s)
    return re.sub(r"\s+", " ", s).strip()


def _scan(s: str, now: datetime) -> _Parts | None:
    """The grammar's reading of one alternative; None when a word is left unexplained."""
    parts = _Parts()
    for pattern, take in _RULES:
        if m := pattern.search(s):
            parts = take(m, parts, now)
            s = f"{s[: m.start()]} {s[m.end():]}"
    if parts.bare and not (parts.days or parts.period):
        return None  # a lone "10" may be a date, an hour or a count: ask again
    if parts == _Parts() or any(w not in _FILLERS for w in s.split()):
        return None
    return parts


def _with_time_of(last: str, parts: _Parts, now: datetime) -> _Parts:
    """The first alternative with the time of day said last ("monday or tuesday morning")."""
    try:
        other = _scan(last, now)
    except WhenError:  # only the first alternative counts, so "monday or 11/1" is still monday
        return parts
    if other is None:
        return parts
    return replace(parts, period=other.period, clock=other.clock, until=other.until,
                   before=other.before)


def _to_time(clock: _Clock, period: str | None) -> time:
    """A clock reading as a time of day, guessing am/pm from the part of day or business hours."""
    hour, minute, ampm = clock
    if hour > 23 or minute > 59 or (ampm and not 1 <= hour <= 12):
        raise WhenError("unparsed")
    if ampm:
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif 0 < hour < 12 and (period in ("afternoon", "evening") or (not period and hour <= 6)):
        hour += 12
    return time(hour, minute)


def _slot(days: tuple[date, date], parts: _Parts, zone: ZoneInfo) -> _Slot:
    """The start and end (None for an exact time) of what the parts describe on those days."""
    if parts.clock is None:
        low, high = WINDOWS[parts.period or "day"]
        return _at(days[0], low, zone), _at(days[1], high, zone)
    hour, minute, ampm = parts.clock
    if parts.until is not None and ampm is None and hour <= parts.until[0]:
        ampm = parts.until[2]  # "2-4pm": the pm covers both ends
    start = _to_time((hour, minute, ampm), parts.period)
    if parts.until is not None:
        end = _to_time(parts.until, parts.period)
        if end <= start and end.hour < 12:
            end = end.replace(hour=end.hour + 12)  # "5-7": both in the evening
        if end <= start:
            raise WhenError("unparsed")
    elif parts.before and start > WINDOWS["day"][0]:
        start, end = WINDOWS["day"][0], start  # "before noon": from the start of the day
    elif parts.after:
        end = _until(start)
    else:
        return _at(days[0], start, zone), None
    return _at(days[0], start, zone), _at(days[0], end, zone)


def _until(start: time) -> time:
    """Where "after <start>" ends: the end of the working day, the evening, or two hours on."""
    for _, high in (WINDOWS["day"], WINDOWS["evening"]):
        if start < high:
            return high
    return time(min(start.hour + 2, 23), 59 if start.hour >= 22 else start.minute)


def _resolve(parts: _Parts, now: datetime, zone: ZoneInfo) -> _Slot:
    """Start and end for the parts, rolling a time said without a day to tomorrow if over."""
    if parts.instant is not None:
        return parts.instant, None
    today = now.date()
    start, end = _slot(parts.days or (today, today), parts, zone)
    if parts.days is None and (_passed(end or start, now) or (parts.upcoming and _passed(start,
                                                                                       now))):
        tomorrow = today + timedelta(days=1)
        start, end = _slot((tomorrow, tomorrow), parts, zone)
    return start, end


def _fallback(s: str, now: datetime, zone: ZoneInfo) -> _Slot:
    """Ask dateparser about what the grammar missed; accept only day- or time-precise answers."""
    # Naive base in the business tz: aware bases are mishandled upstream (dateparser #1213).
    parser = DateDataParser(languages=["en", "es"], settings={
        "RELATIVE_BASE": now.replace(tzinfo=None), "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "MDY", "RETURN_AS_TIMEZONE_AWARE": False, "RETURN_TIME_AS_PERIOD": True})
    try:
        data = parser.get_date_data(s)
    except Exception:  # third-party code fed raw texts: any failure just means "not understood"
        raise WhenError("unparsed") from None
    found = data.date_obj
    if found is None or data.period not in ("time", "day", "week"):
        raise WhenError("unparsed")  # "next month", or "the 3rd" read as March: too vague
    if data.period == "time":
        return _at(found.date(), found.time(), zone), None
    return _slot((found.date(), found.date()), _Parts(), zone)  # its time is filler, not said


def warm_up() -> None:
    """Load dateparser's languages now, not on the first texter whose time needs the
    fallback (0.1-0.6 s of that texter's reply). `intake serve` calls it before serving."""
    now, zone = datetime.now(UTC), ZoneInfo("UTC")
    for sample in ("December 5th at 3pm", "5 de diciembre a las 3"):
        with contextlib.suppress(WhenError):
            _fallback(sample, now, zone)


def _asap_only(clause: str) -> bool:
    """True for a clause that only says "as soon as possible" ("asap, its leaking")."""
    words = _normalize(clause).split()
    return "asap" in words and all(w in _FILLERS for w in words)


def parse_when(text: str, now: datetime, tz: str) -> PreferredTime:
    """Read the texter's preferred visit time in the business's time zone `tz`."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    zone = ZoneInfo(tz)
    now = now.astimezone(zone)
    if len(text) > MAX_CHARS or is_greeting(text):
        raise WhenError("unparsed")  # "Good morning!" greets; it does not ask for a morning
    if means_no_preference(text):
        return PreferredTime(start=None, end=None, asap=False, text=text, no_preference=True)
    alternatives = _ALTERNATIVES.split(_normalize(strip_chatter(text) or text))
    first = alternatives[0]
    words = first.split()
    if "asap" in words and all(w in _FILLERS or w == "today" for w in words) or any(
            _asap_only(clause) for clause in re.split(r"[,.;!]", text)[:-1]):
        return PreferredTime(start=None, end=None, asap=True, text=text)
    if _PAST.search(first):
        raise WhenError("past")
    parts = _scan(first, now)
    if parts and len(alternatives) > 1 and parts.period is None and parts.clock is None:
        parts = _with_time_of(alternatives[-1], parts, now)
    start, end = _resolve(parts, now, zone) if parts else _fallback(first, now, zone)
    if _passed(end or start, now):
        raise WhenError("past")
    if start.astimezone(UTC) - now.astimezone(UTC) > MAX_AHEAD:
        raise WhenError("too_far")
    if end is not None and _passed(start, now):  # under way: starts this minute (never crosses DST)
        start = now.replace(second=0, microsecond=0)
    return PreferredTime(start=start, end=end, asap=False, text=text)
