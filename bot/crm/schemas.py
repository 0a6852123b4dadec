"""Input models of the CRM service layer, and the import report.

Validation here is about shape (lengths, counts, formats, known statuses); phone numbers
are parsed to E.164 by the service with the deployment's DEFAULT_REGION, which a pydantic
model cannot know, so a wrong number is an `Invalid` from the service with the same kind
of message.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    computed_field,
    field_validator,
    model_validator,
)

from bot.conversation.parsing import parse_email

LeadStatus = Literal["lead", "prospect", "quoted", "customer", "inactive"]
STATUSES: tuple[LeadStatus, ...] = ("lead", "prospect", "quoted", "customer", "inactive")
SOURCE_PRESETS = ("Referral", "Website", "Google", "Facebook", "Yelp", "Repeat customer",
                  "Walk-in", "Other")
SortOrder = Literal["newest", "oldest", "name", "updated", "follow_up"]
MAX_TAGS, MAX_TAG_LEN = 30, 40
MAX_ID = 2**31 - 1  # the id columns are 32-bit on PostgreSQL; anything larger cannot exist
MAX_OFFSET = 10**9
PHONE_CHARS = set("0123456789 +-().")

Name = Annotated[str | None, Field(default=None, max_length=100)]
Label = Annotated[str | None, Field(default=None, max_length=40)]


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _status(value: Any) -> Any:
    """Statuses are read case-insensitively ("Quoted", " INACTIVE ")."""
    return value.strip().lower() if isinstance(value, str) else value


def clean_tags(tags: list[str]) -> list[str]:
    """Tags trimmed, de-duplicated case-insensitively (first spelling kept), length-checked."""
    seen: dict[str, str] = {}
    for tag in tags:
        tag = " ".join(tag.split())
        if not tag:
            continue
        if len(tag) > MAX_TAG_LEN:
            raise ValueError(f"tag {tag[:20]!r}... is longer than {MAX_TAG_LEN} characters")
        seen.setdefault(tag.casefold(), tag)
    if len(seen) > MAX_TAGS:
        raise ValueError(f"at most {MAX_TAGS} tags, got {len(seen)}")
    return list(seen.values())


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AddressIn(_Model):
    """A postal address; `label` names it ("home", "rental on 5th")."""

    line1: str | None = Field(default=None, max_length=200)
    line2: str | None = Field(default=None, max_length=100)
    city: str | None = Field(default=None, max_length=100)
    state: str | None = Field(default=None, max_length=2, min_length=2)
    postal_code: str | None = Field(default=None, max_length=10)
    label: Label = None

    _blanks = field_validator("*", mode="before")(_blank_to_none)

    @field_validator("state")
    @classmethod
    def _upper_state(cls, value: str | None) -> str | None:
        return value.upper() if value else value


class PhoneIn(_Model):
    """A phone as typed; the service turns it into E.164."""

    number: str = Field(max_length=40)
    label: Label = None
    extension: str | None = Field(default=None, max_length=10, pattern=r"^\d{1,10}$")

    @field_validator("number")
    @classmethod
    def _looks_like_a_phone(cls, value: str) -> str:
        if set(value) - PHONE_CHARS or sum(c.isdigit() for c in value) < 7:
            raise ValueError(f"{value!r} is not a phone number")
        return value


class EmailIn(_Model):
    """An email address, stored lower-case."""

    address: str = Field(max_length=254)
    label: Label = None

    @field_validator("address")
    @classmethod
    def _email(cls, value: str) -> str:
        return valid_email(value)


def valid_email(value: str) -> str:
    """The lower-cased address, or ValueError naming it."""
    if (email := parse_email(value)) is None:
        raise ValueError(f"{value!r} is not an email address")
    return email


class _LeadFields(_Model):
    """What create and patch share."""

    first_name: Name = None
    last_name: Name = None
    company_name: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    phone_label: Label = None  # the primary phone's label ("mobile") and extension
    phone_extension: str | None = Field(default=None, max_length=10, pattern=r"^\d{1,10}$")
    email: str | None = Field(default=None, max_length=254)
    email_label: Label = None  # the primary email's label ("work")
    address: AddressIn | None = None
    phones: list[PhoneIn] | None = Field(default=None, max_length=10)
    emails: list[EmailIn] | None = Field(default=None, max_length=10)
    addresses: list[AddressIn] | None = Field(default=None, max_length=20)
    lead_status: LeadStatus | None = None
    source: str | None = Field(default=None, max_length=40)
    tags: list[str] | None = Field(default=None, max_length=200)
    notes: str | None = Field(default=None, max_length=10000)
    next_follow_up_date: date | None = None
    needs_attention: bool | None = None

    _blanks = field_validator("first_name", "last_name", "company_name", "phone", "email",
                              "source", "notes", "phone_label", "phone_extension",
                              "email_label", mode="before")(_blank_to_none)
    _statuses = field_validator("lead_status", mode="before")(_status)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return None if value is None else PhoneIn._looks_like_a_phone(value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else valid_email(value)

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else clean_tags(value)

    @field_validator("next_follow_up_date")
    @classmethod
    def _sane_date(cls, value: date | None) -> date | None:
        if value is not None and not 2000 <= value.year <= 2100:
            raise ValueError(f"{value.isoformat()} is not a plausible follow-up date")
        return value


class LeadCreate(_LeadFields):
    """A lead entered by hand (walk-up, phone call); a phone or an email is required."""

    lead_status: LeadStatus = "lead"
    source: str | None = Field(default="manual", max_length=40)
    tags: list[str] = Field(default_factory=list, max_length=200)

    @model_validator(mode="after")
    def _reachable(self) -> LeadCreate:
        if not (self.phone or self.email or self.phones or self.emails):
            raise ValueError("a phone or an email is required")
        return self


class LeadPatch(_LeadFields):
    """Any subset of the fields; only the keys sent are changed (`model_fields_set`)."""

    @model_validator(mode="after")
    def _no_nulls(self) -> LeadPatch:
        for key in ("lead_status", "tags", "needs_attention", "source", "phones", "emails",
                    "addresses"):
            if key in self.model_fields_set and getattr(self, key) is None:
                raise ValueError(f"{key} cannot be null")
        return self

    def changes(self) -> dict[str, Any]:
        """The fields that were sent, as plain values."""
        return self.model_dump(include=self.model_fields_set)


class LeadQuery(_Model):
    """The lead list's filters; `q` understands names, phones, emails and addresses."""

    q: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    status: LeadStatus | None = None
    source: str | None = Field(default=None, max_length=40)
    tag: str | None = Field(default=None, max_length=MAX_TAG_LEN)
    needs_attention: bool | None = None
    follow_up_due: bool | None = None
    archived: bool = False
    is_test: bool = False  # only the leads made by "Try the chat" (hidden otherwise)
    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)
    sort: SortOrder = "newest"

    _blanks = field_validator("q", "phone", "source", "tag", mode="before")(_blank_to_none)
    _statuses = field_validator("status", mode="before")(_status)


ImportAction = Literal["created", "updated", "skipped"]


@dataclass(slots=True)
class ImportRow:
    """What the import did with one line of the file (1 is the header)."""

    line: int
    action: ImportAction
    lead_id: int | None = None
    reason: str | None = None


_ACTIONS: tuple[ImportAction, ...] = ("created", "updated", "skipped")


class ImportReport(BaseModel):
    """An import's outcome: counts, the file's column mapping and every row's action.

    The rows are kept as compact columns (a few bytes a row instead of an object each), so
    that a 100,000-row report stays small; `rows` builds the list when it is asked for
    (the API's JSON), `entries()` walks it without building it (the CLI's lines).
    """

    created: int = 0
    updated: int = 0
    skipped: int = 0
    dry_run: bool = False
    columns: dict[str, str | None] = Field(default_factory=dict)
    _lines: array[int] = PrivateAttr(default_factory=lambda: array("q"))
    _actions: bytearray = PrivateAttr(default_factory=bytearray)
    _ids: array[int] = PrivateAttr(default_factory=lambda: array("q"))
    _reasons: dict[int, str] = PrivateAttr(default_factory=dict)  # row index -> reason

    def add(self, line: int, action: ImportAction, lead_id: int | None = None,
            reason: str | None = None) -> None:
        """Record one row and count it."""
        if reason is not None:
            self._reasons[len(self._lines)] = reason
        self._lines.append(line)
        self._actions.append(_ACTIONS.index(action))
        self._ids.append(lead_id or 0)
        setattr(self, action, getattr(self, action) + 1)

    def entries(self) -> Iterator[ImportRow]:
        """Every row's outcome, in file order, one at a time."""
        for i, (line, action, lead_id) in enumerate(zip(self._lines, self._actions,
                                                         self._ids, strict=True)):
            yield ImportRow(line, _ACTIONS[action], lead_id or None, self._reasons.get(i))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def rows(self) -> list[ImportRow]:
        """Every row's outcome (line, action, lead_id, reason), in file order."""
        return list(self.entries())

    def summary(self) -> str:
        """One line for the CLI."""
        prefix = "dry run: would have " if self.dry_run else ""
        return f"{prefix}created {self.created}, updated {self.updated}, skipped {self.skipped}"
