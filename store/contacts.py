"""A customer's phones, emails and addresses: the first of each is the primary one.

All phones (the primary too) are rows of customer_phones, where a number is unique; the
primary email and address stay on the customer row (the conversation writes them there)
and the others are rows of customer_emails and customer_addresses.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from store.customers import attach_messages, claim_phone
from store.models import ADDRESS_FIELDS, Customer, CustomerAddress, CustomerEmail, CustomerPhone
from store.words import address_words, words


class PhoneTaken(Exception):
    """The number already belongs to another customer."""

    def __init__(self, number: str, owner_id: int) -> None:
        super().__init__(f"{number} belongs to lead {owner_id}")
        self.number, self.owner_id = number, owner_id


@dataclass(frozen=True)
class Phone:
    """A phone to set: E.164, an optional label and extension."""

    number: str
    label: str | None = None
    extension: str | None = None


@dataclass(frozen=True)
class Email:
    """An email address to set (lower-case) and its label."""

    address: str
    label: str | None = None


@dataclass(frozen=True)
class Address:
    """An address to set and its label."""

    line1: str | None = None
    line2: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    label: str | None = None

    def fields(self) -> dict[str, str | None]:
        """The five address columns."""
        return {name: getattr(self, name) for name in ADDRESS_FIELDS}


def has_address(c: Customer) -> bool:
    """The customer row carries an address (a street, or at least a city or ZIP)."""
    return bool(c.line1 or c.city or c.postal_code)


def phones_of(session: Session, c: Customer) -> list[CustomerPhone]:
    """The customer's phones, the primary first."""
    rows = session.scalars(select(CustomerPhone).where(CustomerPhone.customer_id == c.id)
                           .order_by(CustomerPhone.id))
    return sorted(rows, key=lambda p: p.number != c.phone)


def emails_of(session: Session, c: Customer) -> list[Email]:
    """The customer's emails, the primary first."""
    extra = session.scalars(select(CustomerEmail).where(CustomerEmail.customer_id == c.id)
                            .order_by(CustomerEmail.id))
    primary = [Email(c.email, c.email_label)] if c.email else []
    return primary + [Email(e.address, e.label) for e in extra]


def addresses_of(session: Session, c: Customer) -> list[Address]:
    """The customer's addresses, the primary first."""
    extra = session.scalars(select(CustomerAddress).where(CustomerAddress.customer_id == c.id)
                            .order_by(CustomerAddress.id))
    primary = [Address(**c.address, label=c.address_label)] if has_address(c) else []
    return primary + [Address(**a.address, label=a.label) for a in extra]


def set_phones(session: Session, c: Customer, phones: list[Phone]) -> None:
    """Make `phones` the customer's phones (the first primary); PhoneTaken if one is not free."""
    wanted = {p.number: p for p in phones}
    for row in phones_of(session, c):
        if row.number not in wanted:
            session.delete(row)
    session.flush()
    for phone in wanted.values():
        owner = claim_phone(session, c.id, phone.number, phone.label, phone.extension)
        if owner != c.id:
            raise PhoneTaken(phone.number, owner)
        session.execute(update(CustomerPhone).where(CustomerPhone.number == phone.number)
                        .values(label=phone.label, extension=phone.extension))
        attach_messages(session, c.id, phone.number)
    c.phone = phones[0].number if phones else None


def set_emails(session: Session, c: Customer, emails: list[Email]) -> None:
    """Make `emails` the customer's emails, the first the primary."""
    unique = list({e.address: e for e in emails}.values())
    c.email, c.email_label = (unique[0].address, unique[0].label) if unique else (None, None)
    session.execute(delete(CustomerEmail).where(CustomerEmail.customer_id == c.id))
    session.add_all(CustomerEmail(customer_id=c.id, address=e.address, label=e.label)
                    for e in unique[1:])
    refresh_extra_words(session, c, extra_emails=unique[1:])


def set_addresses(session: Session, c: Customer, addresses: list[Address]) -> None:
    """Make `addresses` the customer's addresses, the first the primary."""
    first = addresses[0] if addresses else Address()
    c.set_address(first.fields())
    c.address_label = first.label
    session.execute(delete(CustomerAddress).where(CustomerAddress.customer_id == c.id))
    for a in addresses[1:]:
        row = CustomerAddress(customer_id=c.id, label=a.label)
        row.set_address(a.fields())
        session.add(row)
    refresh_extra_words(session, c, extra_addresses=addresses[1:])


def refresh_extra_words(session: Session, c: Customer, *,
                        extra_emails: list[Email] | None = None,
                        extra_addresses: list[Address] | None = None) -> None:
    """search_extra from the extra emails and addresses (read back when not given)."""
    if extra_emails is None:
        extra_emails = emails_of(session, c)[1 if c.email else 0:]
    if extra_addresses is None:
        extra_addresses = addresses_of(session, c)[1 if has_address(c) else 0:]
    c.search_extra = words(*(e.address for e in extra_emails),
                           *(address_words(*a.fields().values()) for a in extra_addresses))
