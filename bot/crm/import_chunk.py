"""One chunk of an import: read the rows, find their matches in three queries, write.

A row matches by phone, then email, then name + ZIP; a match by email or name + ZIP
whose lead has another phone than the row's creates a new lead flagged as a possible
duplicate of it. Rows matching a lead created earlier in the same chunk update that one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from bot.crm.columns import Row, read_row
from bot.crm.exporter import unguard
from bot.crm.schemas import ImportAction, ImportReport
from store import contacts, customers
from store.bulk import insert_rows, one_of, pair_filter
from store.models import Activity, Customer, CustomerEmail, CustomerPhone, MessageLog
from store.words import customer_words, digits_reversed, tags_key

NameZip = tuple[str, str, str]


@dataclass
class Chunk:
    """Rows of the file and what the import carries from chunk to chunk."""

    rows: list[tuple[int, list[str]]]
    fields: list[str | None]
    seen: dict[int, int]
    staff: str | None
    region: str
    now: datetime
    source_name: str
    width: int


@dataclass
class Pending:
    """A lead this chunk will insert; later rows of the chunk may still fill it in."""

    values: dict[str, Any]
    lines: list[int] = field(default_factory=list)
    id: int | None = None


@dataclass
class Matches:
    """Existing leads for the chunk's phones, emails and names + ZIPs: (id, its phone)."""

    phone: dict[str, int]
    email: dict[str, tuple[int, str | None]]
    name_zip: dict[NameZip, tuple[int, str | None]]


def _name_zip(first: str | None, last: str | None, zip_code: str | None) -> NameZip | None:
    if first and last and zip_code:
        return first.casefold(), last.casefold(), zip_code
    return None


Outcome = tuple[int, ImportAction, "Pending | int | None", "str | None"]


def _read(chunk: Chunk, out: list[Outcome]) -> list[tuple[int, Row]]:
    rows = []
    for line, raw in chunk.rows:
        cells = [unguard(c) for c in raw]
        if not any(cells):
            out.append((line, "skipped", None, "blank row"))
            continue
        if any(cells[chunk.width:]):
            out.append((line, "skipped", None,
                        f"{len(cells)} cells, but the header has {chunk.width} columns"))
            continue
        key = hash(tuple(cells))
        if (first := chunk.seen.setdefault(key, line)) != line:
            out.append((line, "skipped", None, f"the same as line {first}"))
            continue
        named = {f: c for f, c in zip(chunk.fields, cells, strict=False) if f and c}
        try:
            rows.append((line, read_row(named, chunk.region)))
        except ValueError as exc:
            out.append((line, "skipped", None, str(exc)))
    return rows


def _matches(session: Session, rows: list[Row]) -> Matches:
    phones = {r.phone for r in rows if r.phone}
    emails = {r.email for r in rows if r.email}
    # (ZIP, last name) in the spellings it may be stored in; compared case-insensitively below
    pairs = {(r.postal_code, v) for r in rows if r.postal_code and r.first_name and r.last_name
             for v in {r.last_name, r.last_name.title(), r.last_name.upper(),
                       r.last_name.lower()}}
    by_phone = {number: cid for number, cid in session.execute(
        select(CustomerPhone.number, CustomerPhone.customer_id)
        .where(one_of(session, CustomerPhone.number, phones)))} if phones else {}
    by_email: dict[str, tuple[int, str | None]] = {}
    if emails:
        extra = select(CustomerEmail.address, Customer.id, Customer.phone).join(
            Customer, Customer.id == CustomerEmail.customer_id).where(
            one_of(session, CustomerEmail.address, emails))
        primary = select(Customer.email, Customer.id, Customer.phone).where(
            one_of(session, Customer.email, emails))
        for email, cid, phone in [*session.execute(extra), *session.execute(primary)]:
            by_email.setdefault(str(email), (cid, phone))
    by_name: dict[NameZip, tuple[int, str | None]] = {}
    if pairs:
        query = pair_filter(session, select(Customer.first_name, Customer.last_name,
                                            Customer.postal_code, Customer.id, Customer.phone),
                            Customer.postal_code, Customer.last_name, pairs)
        for first, last, zip_code, cid, phone in session.execute(query.order_by(Customer.id)):
            if (key := _name_zip(first, last, zip_code)) is not None:
                by_name.setdefault(key, (cid, phone))
    return Matches(by_phone, by_email, by_name)


def _new_values(row: Row, chunk: Chunk) -> dict[str, Any]:
    status = row.status or "lead"
    return {"first_name": row.first_name, "last_name": row.last_name,
            "company_name": row.company_name, "phone": row.phone, "email": row.email,
            **row.address(), "lead_status": status, "source": row.source or "import",
            "tags": row.tags, "notes": row.notes, "needs_attention": False,
            "created_at": chunk.now, "updated_at": chunk.now, "archived": False,
            "converted_at": chunk.now if status == "customer" else None,
            "possible_duplicate_of": None, "search_extra": ""}


def _fill(values: dict[str, Any], row: Row) -> None:
    for name, value in {"first_name": row.first_name, "last_name": row.last_name,
                        "company_name": row.company_name, "email": row.email,
                        "phone": row.phone, "notes": row.notes, **row.address()}.items():
        if value and not (name == "phone" and values.get("phone")):
            values[name] = value
    if row.status:
        values["lead_status"] = row.status
    values["tags"] = list({t.casefold(): t for t in [*values["tags"], *row.tags]}.values())


def new_ids(session: Session, count: int) -> list[int]:
    """Ids for `count` new customers, taken before a plain bulk insert.

    PostgreSQL hands them out of the table's sequence; SQLite continues after the largest
    id, which is safe because its transactions take the write lock at BEGIN.
    """
    if session.get_bind().dialect.name == "postgresql":
        query = text("SELECT nextval(pg_get_serial_sequence('customers', 'id')) "
                     "FROM generate_series(1, :n)")
        return [int(i) for i in session.scalars(query, {"n": count})]
    last = session.scalar(select(func.max(Customer.id))) or 0
    return list(range(last + 1, last + 1 + count))


class _Writer:
    """Decides each row of a chunk and writes the outcome."""

    def __init__(self, session: Session, chunk: Chunk) -> None:
        self.session, self.chunk = session, chunk
        self.pending: list[Pending] = []
        self.by_key: dict[object, Pending] = {}
        self.outcome: list[Outcome] = []

    def _keys(self, row: Row) -> list[object]:
        return [k for k in (row.phone and ("p", row.phone), row.email and ("e", row.email),
                            _name_zip(row.first_name, row.last_name, row.postal_code)) if k]

    def _create(self, line: int, row: Row, duplicate_of: tuple[int, str] | None) -> None:
        values = _new_values(row, self.chunk)
        reason = None
        if duplicate_of is not None:
            values["possible_duplicate_of"], values["needs_attention"] = duplicate_of[0], True
            reason = f"possible duplicate of lead {duplicate_of[0]} (same {duplicate_of[1]}, " \
                     "another phone)"
        if not (row.phone or row.email):
            self.outcome.append((line, "skipped", None, "no phone or email, and no lead "
                                                        "matches by name + ZIP"))
            return
        pending = Pending(values, [line])
        self.pending.append(pending)
        for key in self._keys(row):
            self.by_key.setdefault(key, pending)
        self.outcome.append((line, "created", pending, reason))

    def decide(self, line: int, row: Row, found: Matches) -> int | None:
        """Record the row's action; the id of an existing lead to update, if that is it."""
        if row.phone and row.phone in found.phone:
            return found.phone[row.phone]
        for key in self._keys(row):
            if (pending := self.by_key.get(key)) is not None and (
                    not row.phone or pending.values["phone"] in (None, row.phone)):
                _fill(pending.values, row)
                pending.lines.append(line)
                self.outcome.append((line, "updated", pending, "fills in a lead of this file"))
                return None
        nz = _name_zip(row.first_name, row.last_name, row.postal_code)
        for match, what in ((found.email.get(row.email or ""), "email"),
                            (found.name_zip.get(nz) if nz else None, "name and ZIP")):
            if match is None:
                continue
            if row.phone and match[1] and match[1] != row.phone:
                self._create(line, row, (match[0], what))
                return None
            return match[0]
        self._create(line, row, None)
        return None

    def insert(self) -> None:
        """Insert the chunk's new leads, their phones and timeline entries, in bulk."""
        if not self.pending:
            return
        rows = []
        for p in self.pending:
            v = p.values
            rows.append({**v, "search_text": customer_words(
                (v["first_name"], v["last_name"], v["company_name"]), v["email"],
                (v["line1"], v["line2"], v["city"], v["state"], v["postal_code"])),
                "tags_key": tags_key(v["tags"])})
        for p, row, new_id in zip(self.pending, rows, new_ids(self.session, len(rows)),
                                  strict=True):
            p.id = row["id"] = new_id
        insert_rows(self.session, Customer.__table__, rows)
        phoned = [p for p in self.pending if p.values["phone"]]
        if phoned:
            insert_rows(self.session, CustomerPhone.__table__, [
                {"customer_id": p.id, "number": p.values["phone"],
                 "digits_rev": digits_reversed(p.values["phone"])} for p in phoned])
            owner = select(CustomerPhone.customer_id).where(
                CustomerPhone.number == MessageLog.phone).scalar_subquery()
            self.session.execute(update(MessageLog).where(
                MessageLog.customer_id.is_(None),
                one_of(self.session, MessageLog.phone, [p.values["phone"] for p in phoned]))
                .values(customer_id=owner).execution_options(synchronize_session=False))
        insert_rows(self.session, Activity.__table__, [
            {"customer_id": p.id, "kind": "import", "summary":
             f"Imported from {self.chunk.source_name}, line {p.lines[0]}", "staff":
             self.chunk.staff, "created_at": self.chunk.now,
             "data": {"lines": p.lines}} for p in self.pending])


def _update(session: Session, c: Customer, row: Row, chunk: Chunk) -> str | None:
    """Fill the lead in from the row; what changed, or None when nothing did."""
    before = {n: getattr(c, n) for n in ("first_name", "last_name", "company_name", "email",
                                          "notes", "line1", "line2", "city", "state",
                                          "postal_code", "tags")}
    values = {**before, "tags": list(c.tags or []), "phone": c.phone}
    _fill(values, row)
    changed = [n for n in before if values[n] != before[n]]
    for name in changed:
        setattr(c, name, values[name])
    known = {p.number for p in contacts.phones_of(session, c)} if row.phone else set()
    if row.phone and row.phone not in known and \
            customers.claim_phone(session, c.id, row.phone) == c.id:
        c.phone = c.phone or row.phone
        changed.append("phone")
    if row.status and row.status != c.lead_status:
        customers.change_status(session, c, row.status, chunk.now, chunk.staff)
        changed.append("status")
    elif row.status == "customer" and c.converted_at is None:
        c.converted_at = chunk.now
        changed.append("converted_at")
    if not changed:
        return None
    c.updated_at = chunk.now
    customers.add_activity(session, c.id, "import", f"Updated from {chunk.source_name}: "
                           f"{', '.join(changed)}", chunk.now, {"fields": changed}, chunk.staff)
    return ", ".join(changed)


def import_chunk(session: Session, chunk: Chunk, report: ImportReport) -> None:
    """Import one chunk; every row ends in the report, in file order."""
    writer = _Writer(session, chunk)
    rows = _read(chunk, writer.outcome)
    found = _matches(session, [r for _, r in rows])
    updates: list[tuple[int, Row, int]] = []
    for line, row in rows:
        if (target := writer.decide(line, row, found)) is not None:
            updates.append((line, row, target))
    loaded = {c.id: c for c in session.scalars(
        select(Customer).where(Customer.id.in_({t for *_, t in updates})))}
    for line, row, target in updates:
        changed = _update(session, loaded[target], row, chunk)
        action: ImportAction = "updated" if changed else "skipped"
        why = f"changed {changed}" if changed else f"no changes (lead {target})"
        writer.outcome.append((line, action, target, why))
    session.flush()
    writer.insert()
    for line, act, ref, reason in sorted(writer.outcome, key=lambda o: o[0]):
        report.add(line, act, ref.id if isinstance(ref, Pending) else ref, reason)
