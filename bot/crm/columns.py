"""Import columns: the documented names, their aliases, and one row read into a lead's fields.

Headers are matched case-insensitively with spaces, dashes and underscores alike, so
"First Name", "first_name" and "FIRST-NAME" are one column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.conversation.parsing import parse_email
from bot.conversation.usps import STATES
from bot.crm.contacts import e164, usps_line, usps_parts
from bot.crm.errors import Invalid
from bot.crm.schemas import STATUSES, clean_tags

ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "first", "firstname", "given name", "fname"),
    "last_name": ("last name", "last", "lastname", "surname", "family name", "lname"),
    "name": ("name", "full name", "customer name", "contact name", "contact", "customer"),
    "business_name": ("business name", "business", "company", "company name", "organization",
                      "organisation", "account name"),
    "phone": ("phone", "phone number", "mobile", "mobile phone", "cell", "cell phone",
              "telephone", "tel", "primary phone", "phone 1", "mobile number"),
    "email": ("email", "e mail", "email address", "e mail address", "mail"),
    "address": ("address", "street", "street address", "address 1", "address line 1",
                "address1", "line1", "line 1", "service address"),
    "address2": ("address 2", "address line 2", "address2", "line2", "line 2", "apt",
                 "unit", "suite"),
    "city": ("city", "town"),
    "state": ("state", "province", "st", "state code"),
    "zip": ("zip", "zip code", "zipcode", "postal code", "postcode", "postal"),
    "source": ("source", "lead source", "referral source", "how did you hear"),
    "tags": ("tags", "tag", "labels"),
    "notes": ("notes", "note", "comments", "comment"),
    "status": ("status", "lead status", "stage"),
}
_BY_ALIAS = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
_SPACES = re.compile(r"[\s_\-.]+")
IDENTIFYING = {"phone", "email", "first_name", "last_name", "name", "business_name"}


def column_of(header: str) -> str | None:
    """The field a header names, or None for a column the import ignores."""
    key = _SPACES.sub(" ", header.replace("\ufeff", "").strip().lower()).strip()
    return _BY_ALIAS.get(key) or _BY_ALIAS.get(key.replace(" ", ""))


def mapping(header: list[str]) -> list[str | None]:
    """The field each header cell fills, by position (of two columns for one field the
    first wins; the other is ignored, as is an unknown column)."""
    seen: set[str] = set()
    out: list[str | None] = []
    for cell in header:
        name = column_of(cell)
        out.append(name if name and name not in seen else None)
        if name:
            seen.add(name)
    return out


@dataclass
class Row:
    """One line of the file read into a lead's fields (blank cells are None)."""

    first_name: str | None = None
    last_name: str | None = None
    company_name: str | None = None
    phone: str | None = None
    email: str | None = None
    line1: str | None = None
    line2: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    source: str | None = None
    status: str | None = None
    notes: str | None = None
    tags: list[str] = field(default_factory=list)

    def address(self) -> dict[str, str | None]:
        """The five address fields."""
        return {"line1": self.line1, "line2": self.line2, "city": self.city,
                "state": self.state, "postal_code": self.postal_code}


def _split_name(full: str) -> tuple[str | None, str | None]:
    if "," in full:  # "Gonzalez, Maria"
        last, _, first = full.partition(",")
        return first.strip() or None, last.strip() or None
    parts = full.split()
    return (" ".join(parts[:-1]) or None, parts[-1]) if len(parts) > 1 else (full, None)


def _limit(value: str | None, size: int, what: str) -> str | None:
    if value and len(value) > size:
        raise ValueError(f"{what} is longer than {size} characters")
    return value or None


def read_row(cells: dict[str, str], region: str) -> Row:
    """The row's fields, checked; ValueError with the reason when the row cannot be used."""
    get = cells.get
    row = Row(first_name=_limit(get("first_name"), 100, "first_name"),
              last_name=_limit(get("last_name"), 100, "last_name"),
              company_name=_limit(get("business_name"), 200, "business_name"),
              source=_limit(get("source"), 40, "source"), notes=_limit(get("notes"), 10000,
                                                                          "notes"))
    if get("name") and not (row.first_name or row.last_name):
        row.first_name, row.last_name = _split_name(get("name", ""))
    if raw := get("phone"):
        try:
            row.phone = e164(raw, region)
        except Invalid as exc:
            raise ValueError(str(exc)) from None
    if raw := get("email"):
        if (email := parse_email(raw)) is None:
            raise ValueError(f"email {raw!r} is not an email address")
        row.email = email
    _address(row, cells)
    if raw := get("status"):
        row.status = raw.strip().lower()
        if row.status not in STATUSES:
            raise ValueError(f"status {raw!r} is not one of {', '.join(STATUSES)}")
    row.tags = _tags(get("tags") or "")
    if not (row.phone or row.email or row.first_name or row.last_name or row.company_name):
        raise ValueError("no phone, email or name")
    return row


def _address(row: Row, cells: dict[str, str]) -> None:
    get = cells.get
    street, unit = usps_parts(_limit(get("address"), 200, "address") or "")
    row.line1 = street or None
    line2 = _limit(get("address2"), 100, "address2")
    row.line2 = (usps_line(line2) if line2 else None) or unit
    row.city = (_limit(get("city"), 100, "city") or "").upper() or None
    if raw := get("state"):
        state = STATES.get(" ".join(raw.upper().replace(".", "").split()))
        if state is None:
            raise ValueError(f"state {raw!r} is not a US state or its two-letter code")
        row.state = state
    if raw := get("zip"):
        digits = raw.replace(" ", "")
        if digits.isdigit() and len(digits) < 5:
            digits = digits.zfill(5)  # a spreadsheet dropped the leading zero of 02101
        if not re.fullmatch(r"\d{5}(-?\d{4})?|[A-Za-z0-9 -]{3,10}", digits):
            raise ValueError(f"zip {raw!r} is not a ZIP code")
        row.postal_code = digits


def _tags(raw: str) -> list[str]:
    return clean_tags(re.split(r"[;,|]", raw))
