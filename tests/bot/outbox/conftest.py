"""The office targets as real local servers."""

from tests.support.office_targets import (  # noqa: F401
    office_client_fixture,
    office_client_lite_fixture,
    office_fixture,
    wired_fixture,
)
