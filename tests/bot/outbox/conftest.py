"""The office targets as real local servers."""

from tests.support.office_targets import office_fixture  # noqa: F401
