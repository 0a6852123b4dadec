"""Automatic texts: confirmation when scheduled, the day-before reminder, the follow-up."""

from __future__ import annotations

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from store.models import Activity
from tests.bot.texting.conftest import AUTH, Office, local_tomorrow

NEW_YORK = ZoneInfo("America/New_York")


def _patch(office: Office, request_id: int, **body: str) -> None:
    r = office.client.patch(f"/api/requests/{request_id}", headers=AUTH, json=body)
    assert r.status_code == 200, r.text


def _outbound(office: Office, lead_id: int) -> list[tuple[str, str]]:
    return [(m["status"], m["text"]) for m in office.thread(lead_id)
            if m["direction"] == "outbound"]


def test_scheduling_confirms_now_and_reminds_the_day_before(office: Office) -> None:
    lead_id, request_id = office.lead()
    visit = local_tomorrow(10, days=3)
    _patch(office, request_id, scheduled_for=visit.isoformat())
    queued = _outbound(office, lead_id)
    assert [s for s, _ in queued] == ["queued", "queued"]
    assert "is confirmed for" in queued[0][1] and "Reminder:" in queued[1][1]
    reminder = office.thread(lead_id)[-1]
    # 6 PM in New York (the business's zone) the day before, whatever the texter's zone.
    day_before = (visit - timedelta(days=1)).astimezone(NEW_YORK)
    assert reminder["not_before"] == day_before.replace(hour=18, minute=0).astimezone(
        UTC).isoformat()
    office.dispatch_at(local_tomorrow(12))
    assert len(office.sender.sent) == 1 and "is confirmed for" in office.sender.texts[0]
    office.dispatch_at(local_tomorrow(17, 30, days=2))  # 6:30 PM New York
    assert len(office.sender.sent) == 2 and office.sender.texts[1].startswith("Reminder:")


def test_a_rescheduled_visits_old_reminder_is_refused_as_superseded(office: Office) -> None:
    lead_id, request_id = office.lead()
    _patch(office, request_id, scheduled_for=local_tomorrow(10, days=3).isoformat())
    _patch(office, request_id, scheduled_for=local_tomorrow(10, days=4).isoformat())
    office.dispatch_at(local_tomorrow(17, 30, days=3))  # after both reminders are due
    rows = office.thread(lead_id)
    refused = [m for m in rows if m["status"] == "refused"]
    assert [m["reason"] for m in refused] == ["superseded: the visit was rescheduled"] * 2
    texts = office.sender.texts  # the new confirmation and the new reminder only
    assert len(texts) == 2 and texts[1].startswith("Reminder:")


def test_a_cancelled_visit_gets_no_reminder(office: Office) -> None:
    lead_id, request_id = office.lead()
    _patch(office, request_id, scheduled_for=local_tomorrow(10, days=3).isoformat())
    office.dispatch_at(local_tomorrow(12))
    _patch(office, request_id, status="cancelled")
    office.dispatch_at(local_tomorrow(17, 30, days=2))
    assert len(office.sender.sent) == 1  # the confirmation went out before the cancel
    assert office.thread(lead_id)[-1]["reason"] == "superseded: the request is cancelled now"


def test_done_queues_the_follow_up_hours_later(office: Office) -> None:
    lead_id, request_id = office.lead()
    _patch(office, request_id, scheduled_for=local_tomorrow(10).isoformat())
    _patch(office, request_id, status="done")
    follow_up = office.thread(lead_id)[-1]
    assert "did we fix it?" in follow_up["text"] and follow_up["status"] == "queued"
    assert follow_up["not_before"] is not None


def test_each_automatic_text_can_be_switched_off(office: Office) -> None:
    settings = office.settings
    settings.auto_text_confirmation = settings.auto_text_reminder = False
    settings.auto_text_follow_up = False
    lead_id, request_id = office.lead()
    _patch(office, request_id, scheduled_for=local_tomorrow(10, days=3).isoformat())
    _patch(office, request_id, status="done")
    assert _outbound(office, lead_id) == []


def test_a_lead_without_a_name_is_told_on_the_timeline_not_texted(office: Office) -> None:
    lead_id, request_id = office.lead(first_name="")
    _patch(office, request_id, scheduled_for=local_tomorrow(10, days=3).isoformat())
    with office.sessions() as s:
        skipped = s.scalars(select(Activity.summary).where(
            Activity.kind == "message_skipped")).all()
    assert skipped == ["Automatic confirmation text not queued: missing template field(s): "
                       "first_name"]
    assert [t for _, t in _outbound(office, lead_id)][0].startswith("Reminder:")
