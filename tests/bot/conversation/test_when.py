"""parse_when: the texter's answer to "When would you like us to come?", read as a spec."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.conversation.when import MAX_CHARS, PreferredTime, WhenError, parse_when

NY = "America/New_York"
ZONE = ZoneInfo(NY)
MONDAY = datetime(2026, 11, 23, 9, 30, tzinfo=ZONE)  # Monday 2026-11-23 09:30 in New York
SAME_INSTANTS = pytest.mark.parametrize(
    "now", [MONDAY, MONDAY.astimezone(UTC)], ids=["now-in-new-york", "now-in-utc"])


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    """A New York wall-clock time."""
    return datetime(year, month, day, hour, minute, tzinfo=ZONE)


def utc(moment: datetime | None) -> datetime | None:
    return moment and moment.astimezone(UTC)


def assert_slot(got: PreferredTime, start: datetime, end: datetime | None) -> None:
    """Same instants, and expressed in the business's time zone."""
    # Compared in UTC: Python never finds inter-zone datetimes equal inside a DST fold (PEP 495).
    assert got.asap is False
    assert utc(got.start) == utc(start) and utc(got.end) == utc(end)
    assert got.start is not None and got.start.tzinfo == ZONE
    assert end is None or (got.end is not None and got.end.tzinfo == ZONE)


# --- As soon as possible --------------------------------------------------------------------

@SAME_INSTANTS
@pytest.mark.parametrize("text", [
    "asap", "ASAP please", "as soon as possible", "now", "right away", "Right now!!",
    "A.S.A.P.", "emergency", "today asap", "asap or tomorrow", "lo antes posible", "ahora mismo",
])
def test_asap_has_no_time(text: str, now: datetime) -> None:
    assert parse_when(text, now, NY) == PreferredTime(start=None, end=None, asap=True, text=text)


# --- Exact times (end is None) and windows, said on Monday 11/23 at 09:30 -----------------------

@SAME_INSTANTS
@pytest.mark.parametrize(("text", "start", "end"), [
    # a day with no time is 08:00-17:00; a window already under way starts now
    ("today", at(11, 23, 9, 30), at(11, 23, 17)),
    ("hoy", at(11, 23, 9, 30), at(11, 23, 17)),
    ("tomorrow", at(11, 24, 8), at(11, 24, 17)),
    ("mañana", at(11, 24, 8), at(11, 24, 17)),
    ("day after tomorrow", at(11, 25, 8), at(11, 25, 17)),
    # parts of the day: morning 08-12, afternoon 12-17, evening/tonight 17-20
    ("today afternoon", at(11, 23, 12), at(11, 23, 17)),
    ("this afternoon", at(11, 23, 12), at(11, 23, 17)),
    ("tonight", at(11, 23, 17), at(11, 23, 20)),
    ("this evening", at(11, 23, 17), at(11, 23, 20)),
    ("esta noche", at(11, 23, 17), at(11, 23, 20)),
    ("tomorrow morning", at(11, 24, 8), at(11, 24, 12)),
    ("tmrw am", at(11, 24, 8), at(11, 24, 12)),
    ("tomorrow pm", at(11, 24, 12), at(11, 24, 17)),
    ("first thing tomorrow", at(11, 24, 8), at(11, 24, 12)),
    ("mañana en la tarde", at(11, 24, 12), at(11, 24, 17)),
    ("mañana por la mañana", at(11, 24, 8), at(11, 24, 12)),
    ("in the afternoon", at(11, 23, 12), at(11, 23, 17)),
    # weekdays: "tuesday" is the next one after today; "next tuesday" is next week's
    ("tuesday", at(11, 24, 8), at(11, 24, 17)),
    ("on friday", at(11, 27, 8), at(11, 27, 17)),
    ("friday afternoon", at(11, 27, 12), at(11, 27, 17)),
    ("fri morning", at(11, 27, 8), at(11, 27, 12)),
    ("next tuesday", at(12, 1, 8), at(12, 1, 17)),
    ("tuesday next week", at(12, 1, 8), at(12, 1, 17)),
    ("el próximo martes", at(12, 1, 8), at(12, 1, 17)),
    ("el martes que viene", at(12, 1, 8), at(12, 1, 17)),
    ("viernes en la tarde", at(11, 27, 12), at(11, 27, 17)),
    ("monday", at(11, 30, 8), at(11, 30, 17)),  # said on a Monday: a week from today
    # alternatives: the first one, with the last one's part of day
    ("monday or tuesday morning", at(11, 30, 8), at(11, 30, 12)),
    ("tomorrow or friday", at(11, 24, 8), at(11, 24, 17)),
    ("lunes o martes", at(11, 30, 8), at(11, 30, 17)),
    ("monday or 11/1", at(11, 30, 8), at(11, 30, 17)),  # only the first alternative counts
    # weeks and weekends
    ("this weekend", at(11, 28, 8), at(11, 29, 17)),
    ("next weekend", at(12, 5, 8), at(12, 6, 17)),
    ("any time next week", at(11, 30, 8), at(12, 4, 17)),
    ("la semana que viene", at(11, 30, 8), at(12, 4, 17)),
    ("sometime this week", at(11, 23, 9, 30), at(11, 27, 17)),
    # calendar dates are month/day
    ("12/3", at(12, 3, 8), at(12, 3, 17)),
    ("December 3rd", at(12, 3, 8), at(12, 3, 17)),
    ("dec 3, 2026", at(12, 3, 8), at(12, 3, 17)),
    ("3 de diciembre", at(12, 3, 8), at(12, 3, 17)),
    ("11/23", at(11, 23, 9, 30), at(11, 23, 17)),
    ("jan 5", at(1, 5, 8, year=2027), at(1, 5, 17, year=2027)),  # across New Year, 43 days on
    # relative days
    ("in 3 days", at(11, 26, 8), at(11, 26, 17)),
    ("in a week", at(11, 30, 8), at(11, 30, 17)),
    ("2 weeks from now", at(12, 7, 8), at(12, 7, 17)),
    # time ranges
    ("tomorrow 2-4pm", at(11, 24, 14), at(11, 24, 16)),
    ("friday between 10 and 2", at(11, 27, 10), at(11, 27, 14)),
    ("before noon", at(11, 23, 9, 30), at(11, 23, 12)),
    # exact times
    ("tomorrow at 9", at(11, 24, 9), None),
    ("next tuesday at 3pm", at(12, 1, 15), None),
    ("saturday 10am", at(11, 28, 10), None),
    ("12/3 at 10", at(12, 3, 10), None),
    ("dec 3 at 2pm", at(12, 3, 14), None),
    ("in 2 hours", at(11, 23, 11, 30), None),
    ("in 45 minutes", at(11, 23, 10, 15), None),
    ("in a couple of hours", at(11, 23, 11, 30), None),
    ("3pm", at(11, 23, 15), None),
    ("at 3:30 pm", at(11, 23, 15, 30), None),
    ("at 3:30 p.m.", at(11, 23, 15, 30), None),
    ("noon", at(11, 23, 12), None),
    ("Tues @ 2", at(11, 24, 14), None),
    ("tomorrow 9", at(11, 24, 9), None),
    ("around 10 tomorrow", at(11, 24, 10), None),
    ("tonight at 8", at(11, 23, 20), None),
    ("thursday 4:30", at(11, 26, 16, 30), None),  # no am/pm: business hours
    ("mañana a las 9", at(11, 24, 9), None),
    ("a las 3 de la tarde", at(11, 23, 15), None),
    ("next fri 10:30am", at(12, 4, 10, 30), None),
    ("tomorrow at 00:30", at(11, 24, 0, 30), None),  # a 24-hour clock is taken as said
])
def test_understood(text: str, start: datetime, end: datetime | None, now: datetime) -> None:
    assert_slot(parse_when(text, now, NY), start, end)


@pytest.mark.parametrize("text", ["  Tmrw AM!! ", "ASAP please", "12/3"])
def test_keeps_the_texters_words_exactly(text: str) -> None:
    assert parse_when(text, MONDAY, NY).text == text


# --- Weekday arithmetic from other days of the week -----------------------------------------

@pytest.mark.parametrize(("said_on", "text", "day"), [
    (at(11, 23, 9), "tuesday", at(11, 24, 8)),  # Monday: tomorrow
    (at(11, 24, 9), "tuesday", at(12, 1, 8)),  # Tuesday: a week from today
    (at(11, 25, 9), "tuesday", at(12, 1, 8)),
    (at(11, 23, 9), "next tuesday", at(12, 1, 8)),  # Monday: next week's, not tomorrow
    (at(11, 24, 9), "next tuesday", at(12, 1, 8)),
    (at(11, 28, 9), "next tuesday", at(12, 1, 8)),  # Saturday: the coming one is next week's
    (at(11, 29, 9), "next monday", at(11, 30, 8)),  # Sunday: tomorrow starts next week
    (at(11, 26, 9), "next friday", at(12, 4, 8)),  # Thursday: not tomorrow
])
def test_weekdays(said_on: datetime, text: str, day: datetime) -> None:
    assert parse_when(text, said_on, NY).start == day


# --- A time said without a day that is over today means tomorrow ----------------------------

@pytest.mark.parametrize(("said_on", "text", "start", "end"), [
    (at(11, 23, 16), "3pm", at(11, 24, 15), None),
    (at(11, 23, 16), "at 3:30 pm", at(11, 24, 15, 30), None),
    (at(11, 23, 15), "3pm", at(11, 24, 15), None),  # exactly now is over too
    (at(11, 23, 13), "morning", at(11, 24, 8), at(11, 24, 12)),
    (at(11, 23, 14), "afternoon", at(11, 23, 14), at(11, 23, 17)),  # still under way
    # a window under way starts this minute
    (MONDAY.replace(hour=14, minute=5, second=42), "today", at(11, 23, 14, 5), at(11, 23, 17)),
    (at(12, 28, 10), "1/5", at(1, 5, 8, year=2027), at(1, 5, 17, year=2027)),
])
def test_later_in_the_day(said_on: datetime, text: str, start: datetime,
                          end: datetime | None) -> None:
    assert_slot(parse_when(text, said_on, NY), start, end)


# --- Time zones and DST ---------------------------------------------------------------------

def test_now_in_utc_is_read_in_the_business_time_zone() -> None:
    late_monday = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # 22:00 Monday in New York
    assert_slot(parse_when("tomorrow", late_monday, NY), at(11, 24, 8), at(11, 24, 17))
    pacific = parse_when("tomorrow at 9", late_monday, "America/Los_Angeles")
    assert pacific.start == datetime(2026, 11, 24, 9, tzinfo=ZoneInfo("America/Los_Angeles"))


@pytest.mark.parametrize(("said_on", "text", "start", "end"), [
    # fall back on Sun 2026-11-01: tomorrow's 09:00 is EST, not 09:00 EDT
    (at(10, 31, 10), "tomorrow at 9", at(11, 1, 9), None),
    (at(10, 31, 10), "tomorrow morning", at(11, 1, 8), at(11, 1, 12)),
    # two real hours from 00:30 EDT is 01:30 EST, the second 01:30 of the night
    (at(11, 1, 0, 30), "in 2 hours", datetime(2026, 11, 1, 6, 30, tzinfo=UTC), None),
    # 01:50 EDT + 20 minutes is 01:10 EST: earlier on the wall clock, later in time
    (at(11, 1, 1, 50), "in 20 minutes", datetime(2026, 11, 1, 6, 10, tzinfo=UTC), None),
    # spring forward on Sun 2027-03-14: 02:30 does not exist and moves to 03:30 EDT
    (at(3, 13, 10, year=2027), "tomorrow morning", at(3, 14, 8, year=2027),
     at(3, 14, 12, year=2027)),
    (at(3, 13, 10, year=2027), "tomorrow at 2:30am", at(3, 14, 3, 30, year=2027), None),
    (at(3, 12, 10, year=2027), "in 3 days", at(3, 15, 8, year=2027), at(3, 15, 17, year=2027)),
])
def test_dst(said_on: datetime, text: str, start: datetime, end: datetime | None) -> None:
    got = parse_when(text, said_on, NY)
    assert_slot(got, start, end)
    assert got.start is not None
    assert got.start.utcoffset() == start.astimezone(ZONE).utcoffset()


def test_wall_clock_is_kept_across_dst() -> None:
    got = parse_when("tomorrow at 9", at(10, 31, 10), NY).start
    assert got is not None and (got.hour, got.utcoffset()) == (9, timedelta(hours=-5))


# --- Refusals -------------------------------------------------------------------------------

@SAME_INSTANTS
@pytest.mark.parametrize(("text", "reason"), [
    ("yesterday", "past"),
    ("last week", "past"),
    ("ayer", "past"),
    ("2 days ago", "past"),
    ("11/1", "past"),  # this year's 11/1 is over; not silently next year's
    ("nov 1", "past"),
    ("today at 7am", "past"),
    ("12/3/2025", "past"),
    ("12/3/2028", "too_far"),
    ("in 400 days", "too_far"),
    ("dec 3 2030", "too_far"),
    ("Good morning!", "unparsed"),  # a greeting, not a morning window
    ("Good afternoon.", "unparsed"),
    ("buenas tardes", "unparsed"),
    ("blue", "unparsed"),
    ("", "unparsed"),
    ("   ", "unparsed"),
    ("🔧🔧", "unparsed"),
    ("10", "unparsed"),  # a lone number: a date, an hour or a count?
    ("next month", "unparsed"),
    ("tomorrow at 25", "unparsed"),
    ("2/30", "unparsed"),
    ("x" * 1600, "unparsed"),
])
def test_refused(text: str, reason: str, now: datetime) -> None:
    with pytest.raises(WhenError) as caught:
        parse_when(text, now, NY)
    assert caught.value.reason == reason
    assert str(caught.value)


@pytest.mark.parametrize(("said_on", "text"), [
    (at(11, 23, 18), "today"),
    (at(11, 23, 21), "tonight"),
    (at(11, 23, 18), "this afternoon"),  # a named day is not rolled to tomorrow
    (at(11, 29, 18), "this weekend"),
    (at(11, 28, 9), "this week"),
])
def test_refused_as_over(said_on: datetime, text: str) -> None:
    with pytest.raises(WhenError) as caught:
        parse_when(text, said_on, NY)
    assert caught.value.reason == "past"


def test_when_error_is_a_value_error() -> None:
    assert isinstance(WhenError("past"), ValueError)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_when("tomorrow", MONDAY.replace(tzinfo=None), NY)


def test_long_input_is_refused() -> None:
    # How fast is measured by bench/parsers.py, not asserted here (timed tests flake).
    for text in ("9 " * 5000, "x" * (MAX_CHARS + 1), "in " * 66, "1 " * 99, "12/" * 66):
        with pytest.raises(WhenError):
            parse_when(text, MONDAY, NY)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60) | st.lists(st.sampled_from(
    ["tomorrow", "at", "3", "pm", "or", "next", "12/3", "in", "2", "hours", "mañana", "week",
     "morning", "-", "4", "friday", "before", "noon", "last", "asap", ":30", "de", "la"]),
    max_size=8).map(" ".join))
def test_anything_is_a_time_or_a_when_error(text: str) -> None:
    try:
        got = parse_when(text, MONDAY, NY)
    except WhenError as refused:
        assert refused.reason in {"unparsed", "past", "too_far"}
        return
    if got.asap:
        assert got.start is None and got.end is None
        return
    assert got.start is not None and got.start.tzinfo == ZONE
    assert got.start >= MONDAY and (got.end is None or got.end > got.start)
    assert got.start - MONDAY <= timedelta(days=366)


def test_warm_up_loads_dateparsers_languages_before_the_first_texter() -> None:
    """`intake serve` warms the fallback up; in a fresh interpreter, nothing else has."""
    probe = ("from dateparser.languages.loader import default_loader as d;"
             "before = sorted(d._loaded_languages);"
             "from bot.conversation.when import warm_up; warm_up();"
             "print(before, sorted(d._loaded_languages))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[] ['en', 'es']"
