"""The office notice says who, where, what, when, how they came in, and links to the lead."""

from __future__ import annotations

from typing import Any

from bot.office.message import render
from bot.settings import Settings


def _payload(**request: Any) -> dict[str, Any]:
    base_request = {
        "id": 7, "channel": "sms", "service": "water heater leaking",
        "preferred_time": "2026-03-05T13:00:00+00:00",
        "preferred_time_end": "2026-03-05T17:00:00+00:00", "asap": False,
        "preferred_time_text": "thursday morning", "needs_attention": False,
        "address": {"line1": "42 ELM ST", "line2": "APT 2", "city": "SPRINGFIELD",
                    "state": "IL", "postal_code": "62704"},
    }
    return {
        "event": "request.created", "event_id": "ev-1", "returning": False, "channel": "sms",
        "occurred_at": "2026-03-02T15:00:00+00:00",
        "lead": {"id": 12, "first_name": "Maria", "last_name": "Lopez", "company_name": None,
                 "phone": "+15551234567", "email": None, "address": base_request["address"]},
        "request": {**base_request, **request},
    }


def test_a_request_reads_line_by_line(settings: Settings) -> None:
    notice = render(_payload(), settings)
    assert notice.text.splitlines() == [
        "New service request (new customer)",
        "Who: Maria Lopez",
        "Phone: (555) 123-4567",
        "Address: 42 ELM ST APT 2, SPRINGFIELD, IL 62704",
        "What: water heater leaking",
        "When: thursday morning (Thu Mar 5, 8:00 AM to 12:00 PM EST)",
        "Channel: SMS",
        "Customer: new customer",
        "Lead: https://intake.example.com/dashboard/leads/12",
    ]
    assert notice.subject == "New request from Maria Lopez: water heater leaking"


def test_times_are_in_the_business_time_zone(settings: Settings) -> None:
    pacific = settings.model_copy(update={"business_timezone": "America/Los_Angeles"})
    payload = _payload(preferred_time_end="2026-03-06T01:00:00+00:00")
    assert "(Thu Mar 5, 5:00 AM to 5:00 PM PST)" in render(payload, pacific).text


def test_asap_and_a_window_over_midnight(settings: Settings) -> None:
    assert "When: asap (as soon as possible)" in render(
        _payload(asap=True, preferred_time=None, preferred_time_text="asap"), settings).text
    late = render(_payload(preferred_time="2026-03-06T04:00:00+00:00",
                           preferred_time_end="2026-03-06T06:00:00+00:00"), settings)
    assert "(Thu Mar 5, 11:00 PM to Fri Mar 6, 1:00 AM EST)" in late.text


def test_an_unparsed_address_is_kept_verbatim_and_flagged(settings: Settings) -> None:
    payload = _payload(needs_attention=True, address={
        "line1": "the blue house behind the church", "line2": None, "city": None,
        "state": None, "postal_code": None})
    assert ("Address: the blue house behind the church (NEEDS ATTENTION: kept as typed, "
            "not verified)") in render(payload, settings).text


def test_company_returning_and_telegram(settings: Settings) -> None:
    payload = _payload()
    payload.update(returning=True, channel="telegram")
    payload["lead"].update(company_name="Acme Property Mgmt", email="ops@acme.test")
    text = render(payload, settings).text
    assert text.startswith("New service request (returning customer)")
    for line in ("Who: Maria Lopez (Acme Property Mgmt)", "Email: ops@acme.test",
                 "Channel: Telegram", "Customer: returning customer"):
        assert line in text.splitlines()


def test_a_handoff_asks_for_a_call_back(settings: Settings) -> None:
    payload = _payload()
    payload.update(event="handoff.requested", request=None)
    payload["lead"].update(first_name=None, last_name=None, phone="+447911123456",
                           address={"line1": None})
    notice = render(payload, settings)
    assert notice.text.splitlines()[:3] == [
        "Call back requested", "Who: name not given yet", "Phone: +44 7911 123456"]
    assert "Address" not in notice.text and "Lead: https://" in notice.text
    assert notice.subject == "Call back requested: name not given yet, +44 7911 123456"


def test_no_link_without_a_public_url_and_long_words_are_clipped(settings: Settings) -> None:
    plain = settings.model_copy(update={"public_base_url": ""})
    notice = render(_payload(service="drip " * 300), plain)
    assert "Lead:" not in notice.text
    what = next(line for line in notice.text.splitlines() if line.startswith("What: "))
    assert len(what) == len("What: ") + 500 and what.endswith("…")
    assert "\n" not in notice.subject and len(notice.subject) <= 150
