"""Templates: English and Spanish by the texter's language, fields from the records, edits."""

from __future__ import annotations

import pytest

from tests.bot.texting.conftest import AUTH, STAFF, Office, local_tomorrow

VISIT = "2030-06-03T14:00:00+00:00"  # 10:00 AM in New York, the business's zone


def _schedule(office: Office, request_id: int) -> None:
    r = office.client.patch(f"/api/requests/{request_id}", headers=AUTH,
                            json={"scheduled_for": VISIT})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Hi Ann, your visit from Ace Plumbing is confirmed for Jun 3 2030, 10:00 AM EDT."),
    ("es", "Hola Ann, su visita de Ace Plumbing está confirmada para Jun 3 2030, 10:00 AM EDT."),
])
def test_visit_confirmed_in_the_texters_language(office: Office, language: str,
                                                 text: str) -> None:
    lead_id, request_id = office.lead(language=language)
    _schedule(office, request_id)
    office.client.app.state.settings.auto_text_confirmation = False  # type: ignore[attr-defined]
    sent = office.send(lead_id, template="visit_confirmed")
    assert sent["text"].startswith(text) and "{" not in sent["text"]


def test_on_the_way_needs_tech_and_eta(office: Office) -> None:
    lead_id, _ = office.lead()
    r = office.client.post(f"/api/leads/{lead_id}/messages", headers=AUTH,
                           json={"template": "on_the_way", "fields": {"tech": "Sam"}})
    assert r.status_code == 422 and r.json()["detail"] == "missing template field(s): eta"
    sent = office.send(lead_id, template="on_the_way",
                       fields={"tech": "Sam", "eta": "20 minutes"})
    assert sent["text"] == "Sam from Ace Plumbing is on the way, about 20 minutes."


def test_reminder_without_a_visit_time_names_when(office: Office) -> None:
    lead_id, _ = office.lead()
    r = office.client.post(f"/api/leads/{lead_id}/messages", headers=AUTH,
                           json={"template": "reminder"})
    assert r.status_code == 422 and "when" in r.json()["detail"]


def test_the_office_edits_a_template_and_it_is_used(office: Office) -> None:
    r = office.client.put("/api/templates/on_the_way/es", headers=STAFF,
                          json={"text": "{tech} llega en {eta}. ¡Gracias!"})
    assert r.status_code == 200 and r.json()["updated_by"] == "Dana"
    items = office.client.get("/api/templates", headers=AUTH).json()["items"]
    es = next(t for t in items if (t["name"], t["language"]) == ("on_the_way", "es"))
    en = next(t for t in items if (t["name"], t["language"]) == ("on_the_way", "en"))
    assert (es["text"], es["edited"], en["edited"]) == ("{tech} llega en {eta}. ¡Gracias!",
                                                        True, False)
    assert {t["name"] for t in items} == {"visit_confirmed", "on_the_way", "reminder",
                                          "follow_up"}
    lead_id, _ = office.lead(language="es")
    sent = office.send(lead_id, template="on_the_way", fields={"tech": "Sam", "eta": "5 min"})
    assert sent["text"] == "Sam llega en 5 min. ¡Gracias!"


@pytest.mark.parametrize(("path", "body", "status"), [
    ("/api/templates/nope/en", {"text": "hi"}, 404),
    ("/api/templates/reminder/fr", {"text": "salut"}, 422),
    ("/api/templates/reminder/en", {"text": ""}, 422),
    ("/api/templates/reminder/en", {"text": "see you {when"}, 422),
    ("/api/templates/reminder/en", {"text": "see you {when!r}"}, 422),
    ("/api/templates/reminder/en", {"text": "see you {0}"}, 422),
    ("/api/templates/reminder/en", {}, 422),
])
def test_bad_template_edits_are_refused_with_a_reason(office: Office, path: str,
                                                      body: object, status: int) -> None:
    r = office.client.put(path, headers=AUTH, json=body)
    assert r.status_code == status, r.text
    assert r.json()["detail"]


def test_a_follow_up_sent_by_hand_is_not_an_automatic_one(office: Office) -> None:
    lead_id, _ = office.lead()  # the request is new, not done: still the office's choice
    office.send(lead_id, template="follow_up")
    office.dispatch_at(local_tomorrow(12))
    assert office.thread(lead_id)[-1]["status"] == "sent"
