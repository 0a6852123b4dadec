"""The pure gate: who may get what, and quiet hours in the recipient's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consent.gate import Purpose, Recipient, decide, recipient_zone

NY, LA, CHI = ZoneInfo("America/New_York"), ZoneInfo("America/Los_Angeles"), ZoneInfo(
    "America/Chicago")
LOS_ANGELES, NEW_YORK = "+12135550100", "+12125550100"
MIAMI, OKLAHOMA_CITY, TULSA, NAPLES = "+13055550100", "+14055550100", "+19185550100", \
    "+12395550100"
TOLL_FREE, FICTIONAL = "+18005550100", "+15555550100"
BUSINESS_TZ = "America/New_York"


def opted_in(phone: str | None, sent_24h: int = 0, now: datetime | None = None) -> Recipient:
    """Opted in, with `sent_24h` proactive messages sent in the hour before `now`."""
    sent = tuple((now or datetime.now(UTC)) - timedelta(minutes=m + 1) for m in range(sent_24h))
    return Recipient(status="opted_in", phone=phone, proactive_24h=sent)


def proactive(phone: str | None, when: datetime, tz: str = BUSINESS_TZ, sent_24h: int = 0) -> str:
    return decide(Purpose.PROACTIVE, opted_in(phone, sent_24h, when), when, tz).action


def local(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone).astimezone(UTC)  # type: ignore[misc]


def test_same_instant_los_angeles_may_be_texted_new_york_may_not() -> None:
    late_evening_ny = local(NY, 2026, 1, 14, 21, 30)  # 18:30 in Los Angeles
    assert proactive(NEW_YORK, late_evening_ny) == "hold"
    assert proactive(LOS_ANGELES, late_evening_ny) == "send"
    early_morning_la = local(NY, 2026, 1, 15, 8, 30)  # 05:30 in Los Angeles
    assert proactive(NEW_YORK, early_morning_la) == "send"
    assert proactive(LOS_ANGELES, early_morning_la) == "hold"


def test_a_held_message_waits_for_8am_where_the_recipient_is() -> None:
    ten_pm_la = local(LA, 2026, 1, 14, 22, 0)
    decision = decide(Purpose.PROACTIVE, opted_in(LOS_ANGELES), ten_pm_la, BUSINESS_TZ)
    assert decision.action == "hold" and "quiet hours" in decision.reason
    assert decision.not_before == local(LA, 2026, 1, 15, 8, 0)
    before_dawn = decide(Purpose.PROACTIVE, opted_in(LOS_ANGELES), local(LA, 2026, 1, 15, 6, 5),
                         BUSINESS_TZ)
    assert before_dawn.not_before == local(LA, 2026, 1, 15, 8, 0)


@pytest.mark.parametrize(("hour", "minute", "action"), [
    (7, 59, "hold"), (8, 0, "send"), (12, 0, "send"), (20, 59, "send"), (21, 0, "hold"),
    (23, 59, "hold"), (0, 0, "hold")])
def test_the_window_is_8_to_21_local(hour: int, minute: int, action: str) -> None:
    assert proactive(NEW_YORK, local(NY, 2026, 6, 10, hour, minute)) == action
    assert proactive(LOS_ANGELES, local(LA, 2026, 6, 10, hour, minute)) == action


def test_the_next_morning_is_found_across_a_dst_change() -> None:
    # 22:00 PST on the eve of the spring change; 08:00 next morning is PDT (UTC-7).
    decision = decide(Purpose.PROACTIVE, opted_in(LOS_ANGELES), local(LA, 2026, 3, 7, 22, 0),
                      BUSINESS_TZ)
    assert decision.not_before == datetime(2026, 3, 8, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize("phone", [TOLL_FREE, FICTIONAL, None, "not a number"])
def test_numbers_without_a_single_zone_use_the_business_time_zone(phone: str | None) -> None:
    nine_thirty_pm_ny = local(NY, 2026, 1, 14, 21, 30)  # 20:30 in Chicago
    assert proactive(phone, nine_thirty_pm_ny, tz="America/New_York") == "hold"
    assert proactive(phone, nine_thirty_pm_ny, tz="America/Chicago") == "send"
    assert recipient_zone(phone, "America/Denver") == (ZoneInfo("America/Denver"), False)


@pytest.mark.parametrize(("phone", "zone"), [(MIAMI, NY), (NAPLES, NY), (OKLAHOMA_CITY, CHI),
                                             (TULSA, CHI)])
def test_florida_and_oklahoma_end_at_20(phone: str, zone: ZoneInfo) -> None:
    assert recipient_zone(phone, "America/Denver") == (zone, True)
    assert proactive(phone, local(zone, 2026, 1, 14, 19, 59)) == "send"
    decision = decide(Purpose.PROACTIVE, opted_in(phone), local(zone, 2026, 1, 14, 20, 0),
                      BUSINESS_TZ)
    assert decision.action == "hold" and decision.not_before == local(zone, 2026, 1, 15, 8, 0)
    assert proactive(NEW_YORK, local(NY, 2026, 1, 14, 20, 30)) == "send"  # not a strict state


@pytest.mark.parametrize("phone", [MIAMI, OKLAHOMA_CITY])
def test_florida_and_oklahoma_get_at_most_three_a_day(phone: str) -> None:
    noon = local(NY, 2026, 1, 14, 12, 0)
    assert proactive(phone, noon, sent_24h=2) == "send"
    decision = decide(Purpose.PROACTIVE, opted_in(phone, sent_24h=3, now=noon), noon,
                      BUSINESS_TZ)
    assert decision.action == "hold" and "3 messages" in decision.reason
    assert decision.not_before is not None and decision.not_before > noon
    assert proactive(NEW_YORK, noon, sent_24h=10) == "send"


def test_only_opted_in_recipients_get_proactive_messages() -> None:
    noon = local(NY, 2026, 1, 14, 12, 0)
    for status in ("opted_out", "unknown"):
        decision = decide(Purpose.PROACTIVE, Recipient(status=status, phone=NEW_YORK), noon,
                          BUSINESS_TZ)
        assert decision.action == "deny", status


def test_replies_help_and_confirmations_are_not_held_by_quiet_hours() -> None:
    midnight = local(NY, 2026, 1, 14, 23, 59)
    unknown = Recipient(status="unknown", phone=NEW_YORK)
    assert decide(Purpose.REPLY, unknown, midnight, BUSINESS_TZ).action == "send"
    out = Recipient(status="opted_out", phone=NEW_YORK)
    assert decide(Purpose.HELP, out, midnight, BUSINESS_TZ).action == "send"
    assert decide(Purpose.OPT_IN_CONFIRMATION, out, midnight, BUSINESS_TZ).action == "send"
    assert decide(Purpose.OPT_OUT_CONFIRMATION, out, midnight, BUSINESS_TZ).action == "send"
    assert decide(Purpose.REPLY, out, midnight, BUSINESS_TZ).action == "deny"


def test_exactly_one_opt_out_confirmation() -> None:
    noon = local(NY, 2026, 1, 14, 12, 0)
    once = Recipient(status="opted_out", opt_out_confirmations_sent=1, phone=NEW_YORK)
    assert decide(Purpose.OPT_OUT_CONFIRMATION, once, noon, BUSINESS_TZ).action == "deny"
    not_out = Recipient(status="opted_in", phone=NEW_YORK)
    assert decide(Purpose.OPT_OUT_CONFIRMATION, not_out, noon, BUSINESS_TZ).action == "deny"


PHONES = [LOS_ANGELES, NEW_YORK, MIAMI, OKLAHOMA_CITY, TULSA, TOLL_FREE, FICTIONAL,
          "+18085550100", "+16025550100", "+447911123456", None]


@settings(max_examples=300, deadline=None)
@given(phone=st.sampled_from(PHONES),
       when=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31),
                         timezones=st.just(UTC)),
       tz=st.sampled_from(["America/New_York", "America/Chicago", "America/Los_Angeles"]))
def test_proactive_decisions_respect_the_window_and_holds_land_inside_it(
        phone: str | None, when: datetime, tz: str) -> None:
    zone, strict = recipient_zone(phone, tz)
    end = 20 if strict else 21
    decision = decide(Purpose.PROACTIVE, opted_in(phone), when, tz)
    hour = when.astimezone(zone).hour
    if decision.action == "send":
        assert 8 <= hour < end
        return
    assert decision.action == "hold" and decision.not_before is not None
    assert not 8 <= hour < end
    opens = decision.not_before.astimezone(zone)
    assert (opens.hour, opens.minute) == (8, 0)
    assert timedelta(0) < decision.not_before - when <= timedelta(hours=13)
    assert decide(Purpose.PROACTIVE, opted_in(phone), decision.not_before, tz).action == "send"


def sent_at(phone: str, *times: datetime) -> Recipient:
    return Recipient(status="opted_in", phone=phone, proactive_24h=times)


@pytest.mark.parametrize("phone", [MIAMI, OKLAHOMA_CITY])
def test_the_three_a_day_hold_ends_exactly_when_the_oldest_counted_message_ages_out(
        phone: str) -> None:
    zone = recipient_zone(phone, BUSINESS_TZ)[0]
    first, second, third = (local(zone, 2026, 1, 14, h, m) for h, m in [(9, 17), (11, 0),
                                                                          (15, 30)])
    who = sent_at(phone, third, first, second)  # in any order
    decision = decide(Purpose.PROACTIVE, who, local(zone, 2026, 1, 15, 8, 5), BUSINESS_TZ)
    assert decision.action == "hold" and "3 messages" in decision.reason
    assert decision.not_before == first + timedelta(hours=24)
    assert decide(Purpose.PROACTIVE, who, first + timedelta(hours=24), BUSINESS_TZ).allowed
    just_before = first + timedelta(hours=24) - timedelta(microseconds=1)
    assert decide(Purpose.PROACTIVE, who, just_before, BUSINESS_TZ).action == "hold"


def test_with_four_counted_the_hold_waits_for_the_second_oldest() -> None:
    zone = recipient_zone(MIAMI, BUSINESS_TZ)[0]
    times = [local(zone, 2026, 1, 14, h, 0) for h in (9, 10, 11, 12)]
    decision = decide(Purpose.PROACTIVE, sent_at(MIAMI, *times),
                      local(zone, 2026, 1, 14, 13, 0), BUSINESS_TZ)
    assert decision.not_before == times[1] + timedelta(hours=24)


def test_a_count_that_ages_out_at_night_waits_for_the_next_morning() -> None:
    zone = recipient_zone(MIAMI, BUSINESS_TZ)[0]
    times = [local(zone, 2026, 1, 14, h, m) for h, m in [(19, 30), (19, 40), (19, 50)]]
    decision = decide(Purpose.PROACTIVE, sent_at(MIAMI, *times),
                      local(zone, 2026, 1, 15, 19, 0), BUSINESS_TZ)
    # 19:30 the next day is inside 8-20, so that is when; a count that ages out before
    # 08:00 waits for 08:00.
    assert decision.not_before == local(zone, 2026, 1, 15, 19, 30)
    late = [local(zone, 2026, 1, 14, 7, 0) - timedelta(hours=1)] + times[1:]
    decision = decide(Purpose.PROACTIVE, sent_at(MIAMI, *late), local(zone, 2026, 1, 14, 19, 55),
                      BUSINESS_TZ)
    assert decision.not_before == local(zone, 2026, 1, 15, 8, 0)


def test_messages_older_than_24_hours_do_not_count() -> None:
    zone = recipient_zone(MIAMI, BUSINESS_TZ)[0]
    noon = local(zone, 2026, 1, 15, 12, 0)
    old = noon - timedelta(hours=24)  # exactly 24 hours ago: aged out
    assert decide(Purpose.PROACTIVE, sent_at(MIAMI, old, noon - timedelta(hours=2),
                                             noon - timedelta(hours=1)),
                  noon, BUSINESS_TZ).allowed
