"""Phones, times and addresses read the way people write them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot import display

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_phones_are_national_at_home_and_international_abroad() -> None:
    assert display.phone("+15125550101") == "(512) 555-0101"
    assert display.phone("+442071838750") == "+44 20 7183 8750"
    assert display.phone("+442071838750", region="GB") == "020 7183 8750"
    assert display.phone(None) == "" and display.phone("not a phone") == "not a phone"
    assert display.tel_href("+15125550101") == "tel:+15125550101"


def test_times_are_in_the_business_zone_with_its_label() -> None:
    moment = datetime(2026, 12, 1, 19, 5, tzinfo=UTC)
    assert display.when(moment, "America/New_York", now=NOW) == "Dec 1, 2:05 PM EST"
    summer = datetime(2026, 7, 4, 16, 30, tzinfo=UTC)
    assert display.when(summer, "America/Chicago", now=NOW) == "Jul 4, 11:30 AM CDT"
    assert display.when(datetime(2025, 3, 9, 5, 0, tzinfo=UTC), "America/New_York",
                        now=NOW) == "Mar 9 2025, 12:00 AM EST"
    assert display.when(None, "America/New_York") == ""
    # a report's ISO strings read like the moments they name
    assert display.when("2026-12-01T19:05:00+00:00", "America/New_York",
                        now=NOW) == "Dec 1, 2:05 PM EST"
    assert display.day(date(2026, 12, 24)) == "Dec 24, 2026"


def test_addresses_read_in_title_case() -> None:
    assert display.address({"line1": "1234 OAK AVE NW", "line2": "APT 4B", "city": "SAN ANTONIO",
                            "state": "tx", "postal_code": "78201"}) == (
        "1234 Oak Ave NW Apt 4B, San Antonio, TX 78201")
    assert display.title("21ST st") == "21st St"
    assert display.title("o'neil-smith rd") == "O'neil-Smith Rd"
    assert display.address({"line1": None, "city": "Austin"}) == "Austin"
    assert display.address(None) == ""
