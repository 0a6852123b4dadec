"""Dedup by phone is the database's job: racing inserts still make one record."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store import customers, search
from store.clock import utcnow
from store.db import session_factory
from store.models import Customer
from store.search import Filters
from store.uow import UnitOfWork


def test_get_or_create_returns_the_same_record_for_the_same_phone(engine: Engine) -> None:
    sessions = session_factory(engine)
    with UnitOfWork(sessions) as uow:
        first, created = customers.get_or_create(uow.session, "+15551234567", "sms", utcnow())
        uow.commit()
    with UnitOfWork(sessions) as uow:
        again, created_again = customers.get_or_create(uow.session, "+15551234567", "telegram",
                                                       utcnow())
        uow.commit()
    assert created and not created_again and first.id == again.id
    assert again.source == "sms"  # the first channel stays the source


def test_phone_uniqueness_is_a_database_constraint(engine: Engine) -> None:
    with Session(engine) as s:
        s.add_all([Customer(phone="+15550000001", created_at=utcnow(), updated_at=utcnow()),
                   Customer(phone="+15550000001", created_at=utcnow(), updated_at=utcnow())])
        try:
            s.commit()
        except IntegrityError:
            s.rollback()
        else:
            raise AssertionError("two rows with one phone were accepted")


def test_racing_transactions_make_one_record(engine: Engine) -> None:
    sessions = session_factory(engine)
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def race() -> None:
        try:
            barrier.wait()
            with UnitOfWork(sessions) as uow:
                customers.get_or_create(uow.session, "+15559998888", "sms", utcnow())
                uow.commit()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=race, daemon=True) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Session(engine) as s:
        assert s.scalar(select(func.count(Customer.id))) == 1


def test_search_matches_name_phone_email_and_address(engine: Engine) -> None:
    sessions = session_factory(engine)
    with UnitOfWork(sessions) as uow:
        c, _ = customers.get_or_create(uow.session, "+15551112222", "sms", utcnow())
        c.first_name, c.email, c.city = "Maria", "maria@example.com", "SPRINGFIELD"
        customers.get_or_create(uow.session, "+15553334444", "telegram", utcnow())
        uow.commit()
    with sessions() as s:
        for f in (Filters(words=[("mari",)]), Filters(words=[("maria@",)]),
                  Filters(words=[("springf",)]), Filters(digits="5551112222"),
                  Filters(digits="2222"), Filters(phone="+15551112222")):
            found, total = search.find(s, f)
            assert total == 1 and found[0].phone == "+15551112222", f
        assert search.find(s, Filters(source="telegram"))[1] == 1
        assert search.find(s, Filters())[1] == 2
        assert search.find(s, Filters(digits="999"))[1] == 0


def test_a_returning_texter_is_found_by_any_of_the_records_phones(engine: Engine) -> None:
    sessions = session_factory(engine)
    with UnitOfWork(sessions) as uow:
        c, _ = customers.get_or_create(uow.session, "+15551112222", "sms", utcnow())
        assert customers.claim_phone(uow.session, c.id, "+15559990000", "work") == c.id
        uow.commit()
    with UnitOfWork(sessions) as uow:
        again, created = customers.get_or_create(uow.session, "+15559990000", "sms", utcnow())
        other = customers.claim_phone(uow.session, again.id + 1000, "+15559990000")
        uow.commit()
    assert (again.id, created, other) == (c.id, False, c.id)
    with Session(engine) as s:
        assert s.scalar(select(func.count(Customer.id))) == 1
