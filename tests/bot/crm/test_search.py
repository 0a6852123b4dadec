"""Search as staff type it: names either way, any phone form, emails, addresses; filters."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from bot.crm import leads, search
from bot.crm.errors import Invalid
from bot.crm.schemas import LeadPatch, LeadQuery
from store import customers
from store.clock import utcnow
from tests.bot.crm.conftest import MakeLead

TODAY = date(2026, 12, 1)


def ids(session: Session, **query: object) -> list[int]:
    items, total = search.search(session, LeadQuery.model_validate(query), TODAY)
    assert total == len(items)
    return sorted(c.id for c in items)


@pytest.fixture
def maria(make_lead: MakeLead) -> int:
    return make_lead(first_name="Maria", last_name="Gonzalez", phone="(512) 555-0101",
                     email="maria.g@example.com",
                     address={"line1": "1234 Oak Avenue", "city": "Austin", "state": "TX",
                              "postal_code": "78701"}).id


@pytest.fixture
def others(make_lead: MakeLead) -> list[int]:
    return [make_lead(first_name="Mario", last_name="Lopez", phone="512-555-0199").id,
            make_lead(first_name="Ann", last_name="Maria", phone="5125550333",
                      address={"line1": "9 Pine Rd"}).id]


@pytest.mark.parametrize("q", ["Maria Gonzalez", "gonzalez maria", "GONZ", "maria gon",
                               "(512) 555-0101", "512.555.0101", "+1 512 555 0101",
                               "555-0101", "0101", "maria.g@example.com", "MARIA.G@EXAMPLE",
                               "1234 Oak Avenue", "1234 OAK AVE", "1234 oak ave.", "oak",
                               "austin 78701"])
def test_each_form_staff_type_finds_the_lead(session: Session, maria: int, others: list[int],
                                             q: str) -> None:
    assert ids(session, q=q) == [maria]


def test_a_partial_name_finds_every_lead_with_it(session: Session, maria: int,
                                                 others: list[int]) -> None:
    assert ids(session, q="maria") == sorted([maria, others[1]])
    assert ids(session, q="555") == []  # 3 digits: too short to be a phone's last digits
    assert ids(session, q="mari") == sorted([maria, *others])


def test_a_spelled_out_suffix_finds_an_abbreviated_one_and_back(
        session: Session, make_lead: MakeLead) -> None:
    stored = make_lead(first_name="Al", phone="5125550444", address={"line1": "77 ELM ST N"})
    assert ids(session, q="77 Elm Street North") == [stored.id]
    assert ids(session, q="77 elm st") == [stored.id]


def test_any_of_a_leads_phones_is_found(session: Session, maria: int) -> None:
    leads.update_lead(session, maria, LeadPatch(phones=[
        {"number": "512 555 0101"}, {"number": "737-555-0777", "label": "work"}]), None)
    session.commit()
    assert ids(session, q="0777") == [maria]
    assert ids(session, phone="+17375550777") == [maria]


def test_a_bad_phone_filter_is_invalid(session: Session) -> None:
    with pytest.raises(Invalid, match="not a phone number"):
        ids(session, phone="12")


def test_filters_tag_source_status_follow_up_and_archive(session: Session,
                                                          make_lead: MakeLead) -> None:
    a = make_lead(first_name="A", phone="5125550001", tags=["VIP", "Repeat"], source="Yelp",
                  next_follow_up_date="2026-11-30")
    b = make_lead(first_name="B", phone="5125550002", tags=["vip"], lead_status="Quoted",
                  next_follow_up_date="2026-12-02")
    c = make_lead(first_name="C", phone="5125550003")
    assert ids(session, tag="vip") == [a.id, b.id] == ids(session, tag="VIP")
    assert ids(session, tag="vi") == []  # a tag is matched whole
    assert ids(session, source="yelp") == [a.id]
    assert ids(session, status="QUOTED") == [b.id]
    assert ids(session, follow_up_due=True) == [a.id]
    assert ids(session, follow_up_due=False) == [b.id, c.id]
    leads.archive(session, c.id, "Dana")
    session.commit()
    assert c.id not in ids(session)
    assert ids(session, archived=True) == [c.id]
    assert customers.find_by_phone(session, "+15125550003") is not None  # still recognised


def test_pages_sorts_and_totals(session: Session, make_lead: MakeLead) -> None:
    made = [make_lead(first_name=f"N{n}", last_name=name, phone=f"51255510{n:02d}").id
            for n, name in enumerate(["Cole", "Abbot", "Baker"])]
    query = LeadQuery(limit=2, offset=0, sort="name")
    items, total = search.search(session, query, TODAY)
    assert total == 3 and [c.last_name for c in items] == ["Abbot", "Baker"]
    items, total = search.search(session, LeadQuery(limit=2, offset=2), TODAY)
    assert total == 3 and [c.id for c in items] == [made[0]]  # newest first
    assert search.search(session, LeadQuery(offset=50), TODAY) == ([], 3)


def test_the_board_counts_every_lead_not_only_the_cards(session: Session) -> None:
    now = utcnow()
    for n in range(130):
        customers.get_or_create(session, f"+1512556{n:04d}", "sms", now)
    session.commit()
    columns = {col.status: col for col in search.board(session, per_column=20)}
    assert columns["lead"].total == 130 and len(columns["lead"].cards) == 20
    assert columns["quoted"].total == 0 and columns["quoted"].cards == []


def test_sources_and_tags_in_use(session: Session, make_lead: MakeLead) -> None:
    make_lead(first_name="A", phone="5125550001", tags=["VIP", "gutter"], source="Angi")
    make_lead(first_name="B", phone="5125550002", tags=["vip"], source="Google")
    sources = search.sources_in_use(session)
    assert sources[:8] == ["Referral", "Website", "Google", "Facebook", "Yelp",
                           "Repeat customer", "Walk-in", "Other"]
    assert "Angi" in sources and sources.count("Google") == 1
    assert search.tags_in_use(session) == ["gutter", "vip"]


def test_words_are_found_after_every_kind_of_write(session: Session, maria: int,
                                                    make_lead: MakeLead) -> None:
    # SQLite reads words through its trigram index (kept by triggers): each writer must
    # leave it true, as PostgreSQL's plain scan is by construction.
    leads.update_lead(session, maria, LeadPatch.model_validate(
        {"address": {"line1": "88 Birch Lane"}, "emails": [{"address": "mg@work.example"}]}),
        "Test")
    session.commit()
    assert ids(session, q="birch ln") == [maria] and ids(session, q="oak avenue") == []
    assert ids(session, q="mg@work") == [maria]  # an extra email: the other column
    leads.update_lead(session, maria, LeadPatch.model_validate({"lead_status": "quoted"}),
                      "Test")
    session.commit()
    assert ids(session, q="gonzalez birch") == [maria]  # a non-word edit leaves it alone
    new = make_lead(first_name="Zed", last_name="Quux", phone="5125550777").id
    assert ids(session, q="quux") == [new] and ids(session, q="qu zed") == [new]
    assert ids(session, q='"quux"') == []  # a quote in a word is a character, not syntax
