"""ORM models: one table per concept, typed with SQLAlchemy 2 `Mapped[...]`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from store.clock import as_utc, utcnow
from store.words import customer_words, tags_key


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC, returns aware UTC on every backend (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return as_utc(value)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    """Declarative base; `type_annotation_map` keeps every datetime timezone-aware UTC."""

    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON}


ADDRESS_FIELDS = ("line1", "line2", "city", "state", "postal_code")
REQUEST_STATUSES = ("new", "scheduled", "done", "cancelled")


class AddressColumns:
    """The five address columns a customer and a service request both carry."""

    line1: Mapped[str | None] = mapped_column(String(200))
    line2: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str | None] = mapped_column(String(2))
    postal_code: Mapped[str | None] = mapped_column(String(10))

    @property
    def address(self) -> dict[str, str | None]:
        """The address as the contract's JSON object."""
        return {name: getattr(self, name) for name in ADDRESS_FIELDS}

    def set_address(self, address: dict[str, str | None]) -> None:
        """Copy an address object (missing keys become empty) into the columns."""
        for name in ADDRESS_FIELDS:
            setattr(self, name, address.get(name))


class Customer(AddressColumns, Base):
    """A lead or customer; one row per phone number (the database enforces it)."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The primary phone (E.164); null for a lead entered with an email only. All of a
    # customer's phones, this one included, are in customer_phones, unique there too.
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    company_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    lead_status: Mapped[str] = mapped_column(String(20), default="lead", index=True)
    source: Mapped[str] = mapped_column(String(40), default="sms", index=True)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    needs_attention: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    # Created by the dashboard's "Try the chat": left out of counts and reports.
    is_test: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(),
                                          index=True)
    referral_text: Mapped[str | None] = mapped_column(Text)  # "how did you hear about us?"
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    last_contacted_at: Mapped[datetime | None]
    next_follow_up_date: Mapped[date | None] = mapped_column(Date)
    converted_at: Mapped[datetime | None]
    # Office CRM: archive instead of delete, merges, the import's duplicate flag, search.
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    archived_at: Mapped[datetime | None]
    merged_into: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", name="fk_customers_merged_into"))
    possible_duplicate_of: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", name="fk_customers_possible_duplicate_of"))
    email_label: Mapped[str | None] = mapped_column(String(40))
    address_label: Mapped[str | None] = mapped_column(String(40))
    # Lower-cased words of the names, company, email and address (see store.search), and
    # of the extra emails and addresses; kept by store.search so that `q` is one LIKE.
    search_text: Mapped[str] = mapped_column(Text, default="")
    search_extra: Mapped[str] = mapped_column(Text, default="")
    tags_key: Mapped[str] = mapped_column(Text, default="")  # "|vip|repeat|", lower-case

    requests: Mapped[list[ServiceRequest]] = relationship(
        back_populates="customer", order_by="ServiceRequest.id"
    )


@event.listens_for(Customer, "before_insert")
@event.listens_for(Customer, "before_update")
def _search_words(_mapper: Mapper[Customer], _conn: Connection, target: Customer) -> None:
    # Every writer (conversation, office, import) keeps the search words true this way.
    target.search_text = customer_words(
        (target.first_name, target.last_name, target.company_name), target.email,
        (getattr(target, name) for name in ADDRESS_FIELDS))
    target.tags_key = tags_key(target.tags or [])


Index("ix_customers_board", Customer.archived, Customer.lead_status, Customer.is_test,
      Customer.id)
Index("ix_customers_follow_up", Customer.archived, Customer.next_follow_up_date)
# The import's name + ZIP match (a plain index: SQLite cannot reflect one on lower()).
Index("ix_customers_name_zip", Customer.postal_code, Customer.last_name)


class CustomerPhone(Base):
    """One of a customer's phones; a number belongs to at most one customer."""

    __tablename__ = "customer_phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    # The digits backwards: "ends with 0101" becomes an indexed prefix range.
    digits_rev: Mapped[str] = mapped_column(String(20), index=True)
    label: Mapped[str | None] = mapped_column(String(40))
    extension: Mapped[str | None] = mapped_column(String(10))


class CustomerEmail(Base):
    """An email address of a customer besides the primary one (customers.email)."""

    __tablename__ = "customer_emails"
    __table_args__ = (UniqueConstraint("customer_id", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    address: Mapped[str] = mapped_column(String(254), index=True)
    label: Mapped[str | None] = mapped_column(String(40))


class CustomerAddress(AddressColumns, Base):
    """A service address (property) besides the primary one on the customer row."""

    __tablename__ = "customer_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    label: Mapped[str | None] = mapped_column(String(40))


class ServiceRequest(AddressColumns, Base):
    """One completed intake: what, where, when, over which channel, in the texter's words."""

    __tablename__ = "service_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    service: Mapped[str] = mapped_column(Text)
    preferred_start: Mapped[datetime | None]
    preferred_end: Mapped[datetime | None]
    preferred_asap: Mapped[bool] = mapped_column(Boolean, default=False)
    preferred_time_text: Mapped[str | None] = mapped_column(Text)
    address_text: Mapped[str | None] = mapped_column(Text)
    needs_attention: Mapped[bool] = mapped_column(Boolean, default=False)
    # new, scheduled, done, cancelled (REQUEST_STATUSES); the office schedules it later.
    status: Mapped[str] = mapped_column(String(20), default="new", server_default="new",
                                        index=True)
    scheduled_for: Mapped[datetime | None]
    notes: Mapped[str | None] = mapped_column(Text)  # the office's, about the visit
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    customer: Mapped[Customer] = relationship(back_populates="requests")


class Conversation(Base):
    """Where one texter is in the intake; lives here so any process can continue it."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("channel", "sender_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    sender_key: Mapped[str] = mapped_column(String(64))
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class MessageLog(Base):
    """Every inbound and outbound message; inbound rows keep the replies for replays."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("channel", "direction", "provider_id", name="uq_messages_provider"),
        Index("ix_messages_recipient", "channel", "sender_key", "id"),
        Index("ix_messages_customer_thread", "customer_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(3))  # "in" | "out"
    sender_key: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str | None] = mapped_column(String(30))
    provider_id: Mapped[str | None] = mapped_column(String(128))
    in_reply_to: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    replies: Mapped[list[str] | None] = mapped_column(JSON)
    status: Mapped[str | None] = mapped_column(String(20))
    error_code: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Office texting: why a message was held or refused, until when, when it went out, and
    # the request it is about (a reminder is refused at sending once its visit changed).
    reason: Mapped[str | None] = mapped_column(Text)
    not_before: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    request_id: Mapped[int | None] = mapped_column(Integer)


class MessageTemplate(Base):
    """An office-edited message template; the defaults live in bot.texting.templates."""

    __tablename__ = "message_templates"
    __table_args__ = (UniqueConstraint("name", "language",
                                       name="uq_message_templates_name_language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(5))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(100))


class Activity(Base):
    """The timeline of a customer record."""

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    staff: Mapped[str | None] = mapped_column(String(100))  # who, for office actions
    # For entries that ask for work (a call-back): when and by whom it was handled.
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(100))


Index("ix_activities_open", Activity.kind, Activity.resolved_at)


class ConsentEventRow(Base):
    """The append-only consent ledger; rows are inserted, never updated or deleted."""

    __tablename__ = "consent_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    channel: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(30), index=True)
    method: Mapped[str] = mapped_column(String(20))
    text: Mapped[str | None] = mapped_column(Text)
    disclosure: Mapped[str | None] = mapped_column(Text)
    disclosure_version: Mapped[str | None] = mapped_column(String(40))
    provider_message_id: Mapped[str | None] = mapped_column(String(128))
    actor: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(index=True)
    # When staff entered it (a verbal opt-in may be back-dated to when it was given).
    entered_at: Mapped[datetime | None]
    # The web-chat session an event binds before any phone is known.
    session_key: Mapped[str | None] = mapped_column(String(64), index=True)
    # A staff test event (dashboard "Try the chat"): never a texter's consent.
    test: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class OutboxItem(Base):
    """A side effect to perform after commit: a reply, a notification, a proactive text."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("event_id", "target", name="uq_outbox_event_target"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_ordering", "ordering_key", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64))
    # Rows with the same key go out in id order (one texter's replies never overtake).
    ordering_key: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30))
    target: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_until: Mapped[datetime | None]
    # The worker (OutboxWorker.id) holding the claim: once it is gone, the row is free.
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class OutboxWorker(Base):
    """A running dispatcher, alive while its heartbeat is fresh (and, on its host, its pid)."""

    __tablename__ = "outbox_workers"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime]
    heartbeat_at: Mapped[datetime]
class DashboardSession(Base):
    """One dashboard login attempt; a successful one is a session (only its hash is kept).

    Failed attempts stay as rows too: they are what the per-address throttle counts.
    """

    __tablename__ = "dashboard_sessions"
    __table_args__ = (Index("ix_dashboard_sessions_client", "client", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Which ADMIN_TOKEN the session was opened with: rotating the token ends it.
    token_key: Mapped[str | None] = mapped_column(String(64))
    staff: Mapped[str] = mapped_column(String(100))
    client: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
