"""Schemathesis against /api/schema/: for each role, with a real personal token, every operation
is called in-process through the WSGI application with generated requests, and every answer must
be no server error and must conform to the schema (status code, content type and body).

Examples are few per operation so the file stays quick; the world gives each operation records
to find, so detail and write operations reach their real code paths, not only 404s."""

import json

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.api_tokens import token_create
from cdrp_portal.wsgi import application

pytestmark = pytest.mark.django_db

ROLES = ["admin", "reviewer_in", "manager_this", "staff_this"]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 4
EXAMPLE_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def in_process_wsgi():
    """Requests run in the test's own database transaction: Django's request signals would close
    that connection after each response, so they are disconnected here as the test client
    does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(world):
    response = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return schemathesis.openapi.from_dict(json.loads(response.content))


def _records(world) -> dict[str, int]:
    """One record of each type in the world's partnership: path prefix -> its id, so that
    detail and write operations are also called on a record that exists."""
    from tests.permissions import rows_api

    made = {make.__name__: make(world)["pk"] for make in rows_api.RECORD_MAKERS}
    return {
        "partnerships": world.partnership.pk,
        "review-status": world.partnership.pk,
        "memberships": made["_membership"],
        "contacts": made["_contact"],
        "agreements": made["_agreement"],
        "deliveries": made["_delivery"],
        "funding-opportunities": made["_opportunity_pk"],
        "bids": made["_bid_pk"],
        "istv-returns": made["_istv_return"],
        "good-practice-entries": made["_entry"],
        "datasets": rows_api._dataset().pk,
    }


def _failure(operation, headers, app, **strategy) -> str | None:
    """Hypothesis runs the examples; the smallest failing one is reported."""

    @EXAMPLE_SETTINGS
    @given(case=operation.as_strategy(**strategy))
    def check(case):
        response = case.call(app=app, headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    try:
        check()
    except Exception as error:  # every operation is tried; all failures are reported together
        mode = strategy.get("generation_mode", GenerationMode.POSITIVE).value
        where = f" on record {strategy['path_parameters']}" if "path_parameters" in strategy else ""
        return f"{operation.label} ({mode}{where}): {error}"
    return None


def _strategies(operation, records):
    """Generated requests, valid and invalid; for an operation on one record, valid requests
    on the record that exists too."""
    yield {}
    yield {"generation_mode": GenerationMode.NEGATIVE}
    if "{id}" in operation.path:
        prefix = operation.path.removeprefix("/api/v1/").split("/")[0]
        yield {"path_parameters": {"id": records[prefix]}}


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_conforms_to_the_schema(role, world, api_schema, in_process_wsgi):
    records = _records(world)
    _, raw = token_create(user=world.user(role), name=f"Schemathesis {role}")
    headers = {"Authorization": f"Bearer {raw}"}
    failures = []
    labels = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)
        for strategy in _strategies(operation, records):
            failure = _failure(operation, headers, in_process_wsgi, **strategy)
            if failure:
                failures.append(failure)
    assert len(labels) >= 30
    assert not failures, "\n\n".join(failures)
