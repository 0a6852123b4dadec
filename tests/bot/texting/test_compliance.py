"""The compliance report sees office texts: refused ones are no message sent, sent ones count
when they went out (a held text at its release, not when it was queued)."""

from __future__ import annotations

from datetime import timedelta

from tests.bot.texting.conftest import AUTH, Office, local_tomorrow


def _report(office: Office, since: str, until: str) -> dict[str, object]:
    r = office.client.get("/api/consent/report", headers=AUTH,
                          params={"since": since, "until": until})
    assert r.status_code == 200, r.text
    body: dict[str, object] = r.json()
    return body


def test_an_office_text_refused_after_stop_is_counted_refused_not_sent(office: Office) -> None:
    lead_id, _ = office.lead()
    office.send(lead_id, text="On our way")
    office.opt_out()
    office.dispatch_at(local_tomorrow(12))
    office.send(lead_id, text="Hello?")  # refused at once
    today = local_tomorrow(0, days=0).date()
    report = _report(office, (today - timedelta(days=1)).isoformat(),
                     (today + timedelta(days=3)).isoformat())
    assert report["sent_after_opt_out"] == [] and report["proactive_without_opt_in"] == []
    assert report["refused"] == 2
    [opt_out] = report["opt_outs"]  # type: ignore[misc]
    assert opt_out["ok"] and opt_out["first_message_after"] is None


def test_a_held_text_counts_when_it_went_out(office: Office) -> None:
    lead_id, _ = office.lead()
    office.send(lead_id, text="Your part arrived.")
    office.dispatch_at(local_tomorrow(23))  # held
    release = local_tomorrow(8, days=2)
    office.dispatch_at(release)
    office.opt_out(when=release + timedelta(minutes=5))
    today = local_tomorrow(0, days=0).date()
    report = _report(office, (today - timedelta(days=1)).isoformat(),
                     (today + timedelta(days=4)).isoformat())
    assert report["held"] == 1
    [opt_out] = report["opt_outs"]  # type: ignore[misc]
    assert opt_out["last_message_before"]["sent_at"] == release.isoformat()
