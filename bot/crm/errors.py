"""Domain errors of the office CRM; edges map them to 404 / 409 / 422 (or a page, a CLI line)."""

from __future__ import annotations


class CrmError(Exception):
    """Base of the CRM's domain errors; `str(error)` is a sentence for the user."""


class NotFound(CrmError):
    """No lead (or item) with that id: 404."""


class Conflict(CrmError):
    """The change collides with another record (a phone that belongs to another lead): 409."""

    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message)
        self.existing_id = existing_id


class Invalid(CrmError):
    """Input that is well-formed but not acceptable (a bad phone, a self-merge): 422."""


class Refused(CrmError):
    """A change the record's state does not allow (a done request cannot be rescheduled): 409."""
