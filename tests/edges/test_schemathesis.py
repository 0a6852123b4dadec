"""Schemathesis against /openapi.json: no /api/* request is a 500, every answer as documented.

Generic over whatever /api routes the schema lists (the lead API is rebuilt concurrently);
a fixed, small number of examples per operation and mode keeps it near a minute.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from sqlalchemy import Engine

from bot.app import create_app
from bot.settings import Settings
from tests.edges.conftest import AUTH

EXAMPLES = 8  # per operation and generation mode
CHECKS = [not_a_server_error, response_schema_conformance]


def test_every_api_operation_answers_as_documented(engine: Engine,
                                                   edge_settings: Settings) -> None:
    app = create_app(edge_settings, engine)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex="^/api/")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5  # the consent API alone has five
    tried: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @hypothesis_settings(max_examples=EXAMPLES, deadline=None, database=None,
                                 phases=[Phase.generate],
                                 suppress_health_check=list(HealthCheck))
            def call(case: schemathesis.Case) -> None:
                response = case.call(headers=AUTH)
                case.validate_response(response, checks=CHECKS)

            try:
                call()
            except Unsatisfiable:
                # Only the negative mode of an operation that takes no input at all.
                assert mode is GenerationMode.NEGATIVE, operation.label
                continue
            tried.append(f"{operation.label} {mode.value}")
    assert len(tried) > len(operations)  # every positive run, and the negative ones
