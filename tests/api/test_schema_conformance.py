"""Schemathesis against /api/schema/, as each role with a real personal token, called in-process
through the WSGI application, in all its phases as every role: every operation with its
examples and generated valid and invalid requests; the coverage phase (each parameter's boundary
and off-by-one values, missing and wrong-typed fields, one deterministic request per case),
split into groups of operations so that pytest-xdist spreads its 30,000 requests; then the stateful
phase, sequences of calls along the links Schemathesis infers from the schema (a listed
record's id is read, changed, deleted). Every check runs (the CLI's
`--checks all`): no server error, status code, content type, headers and body as the schema
says, invalid data refused, valid data accepted, authentication not ignored (in the examples
and stateful phases; the coverage phase leaves that one check to them), a deleted record gone.

Examples are few and derandomized, so the file stays quick and every run sends the same
requests; the world gives each operation records to find, so detail and write operations
reach their real code paths, not only 404s."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.drivers import CoverageGenerator
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.generation.overrides import Override
from schemathesis.specs.openapi.checks import ignored_auth

from accounts.api_tokens import token_create
from cdrp_portal.wsgi import application

pytestmark = pytest.mark.django_db

ROLES = ["admin", "reviewer_in", "manager_this", "staff_this"]
QUICK = {
    "deadline": None,
    "database": None,
    "derandomize": True,
    "suppress_health_check": list(HealthCheck),
}
EXAMPLE_SETTINGS = settings(max_examples=2, phases=[Phase.explicit, Phase.generate], **QUICK)
STATEFUL_SETTINGS = settings(
    max_examples=15, stateful_step_count=6, phases=[Phase.generate], **QUICK
)
# Every check, as they come (the CLI's `--checks all`), each told only what this API may answer
# to a schema-valid request: the schema cannot say "one of your partnerships", so a valid id of
# a record the user may not use is refused with 400 in the API's error format, as are the rules
# between fields it documents in words (a contact's deputy, an awarded bid's amount).
ACCEPTED = ["2xx", "400", "401", "403", "404", "409", "429"]


def _config(token: str) -> SchemathesisConfig:
    """The role's token as the schema's bearer scheme, so Schemathesis knows the credentials
    are real and checks that the API refuses the request without them or with others."""
    return SchemathesisConfig.from_dict(
        {
            "auth": {"openapi": {"bearerAuth": {"bearer": token}}},
            "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}},
        }
    )


@pytest.fixture(params=ROLES)
def api_schema(request, world, monkeypatch):
    """The schema as the application serves it, with one role's personal token; requests run
    in the test's own database transaction, so Django's request signals, which would close
    that connection after each response, are disconnected as the test client does.

    The token's rate limit is lifted: past its 600 requests a minute every answer is a 429,
    which the schema allows, so most of the coverage phase's cases never reached the code they
    test (the limit has its own test in test_tokens.py)."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"token": None, "anon": None})
    role = request.param
    _, token = token_create(user=world.user(role), name=f"Schemathesis {role}")
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi(
        "/api/schema/",
        application,
        config=_config(token),
        headers={"Accept": "application/vnd.oai.openapi+json"},
    )
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _records(world) -> dict[str, int]:
    """One record of each type in the world's partnership: path prefix -> its id, so that
    detail and write operations are also called on a record that exists."""
    from tests.permissions import rows_api
    from tests.permissions.rows_communications_api import communication_records

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
        **_outcome_records(world),
        **communication_records(world),
    }


def _outcome_records(world) -> dict[str, int]:
    from outcomes.models import Figure
    from tests.outcomes.helpers import indicator, population, quarterly

    vap = indicator("violence-against-the-person")
    quarterly(world.partnership, vap.code, [120])
    return {
        "outcome-indicators": vap.pk,
        "outcome-figures": Figure.objects.filter(partnership=world.partnership).first().pk,
        "outcome-populations": population(world.partnership, 2024, 250_000).pk,
    }


def _failure(operation, **strategy) -> str | None:
    """Hypothesis runs the examples; the smallest failing one is reported."""

    @EXAMPLE_SETTINGS
    @given(case=operation.as_strategy(**strategy))
    def check(case):
        case.validate_response(case.call())

    try:
        check()
    except (Exception, FailureGroup) as error:  # every operation is tried, all failures reported
        mode = strategy.get("generation_mode", GenerationMode.POSITIVE).value
        where = f" on record {strategy['path_parameters']}" if "path_parameters" in strategy else ""
        return f"{operation.label} ({mode}{where}): {error}"
    return None


def _prefix(operation) -> str:
    """The operation's first path segment after /api/v1/: its kind of record."""
    return operation.path.removeprefix("/api/v1/").split("/")[0]


def _strategies(operation, records):
    """Generated requests, valid and invalid; valid ones for an operation on one record name
    the record that exists (random ids are the stateful phase's and the invalid requests')."""
    if "{id}" in operation.path:
        yield {"path_parameters": {"id": records[_prefix(operation)]}}
    else:
        yield {}
    yield {"generation_mode": GenerationMode.NEGATIVE}


def test_every_operation_conforms_to_the_schema(world, api_schema):
    records = _records(world)
    failures = []
    labels = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)
        for strategy in _strategies(operation, records):
            failure = _failure(operation, **strategy)
            if failure:
                failures.append(failure)
    assert len(labels) >= 30
    assert not failures, "\n\n".join(failures)


def _coverage_failures(operation, records) -> tuple[int, list[str]]:
    """Every case of the coverage phase sent once: valid ones on an operation on one record
    name the record that exists, so they reach the real code; invalid ones keep their own ids
    (a wrongly typed id is one of them)."""
    sent, failures = 0, []
    for strategy in _strategies(operation, records):
        mode = strategy.get("generation_mode", GenerationMode.POSITIVE)
        path_parameters = {k: str(v) for k, v in strategy.get("path_parameters", {}).items()}
        generator = CoverageGenerator(
            operation=operation,
            generation_modes=[mode],
            generation_config=operation.schema.config.generation_for(
                operation=operation, phase="coverage"
            ),
            auth_storage=None,
            override=Override(path_parameters=path_parameters),
            feedback=FeedbackSources(),
        )
        for case in generator:
            sent += 1
            try:
                # Every check but "authentication not ignored", which sends each accepted case
                # twice more: the examples and stateful phases run it on every operation as
                # every role, and here it was a fifth of the suite's longest tests.
                case.validate_response(case.call(), excluded_checks=[ignored_auth])
            # Every case is sent and all failures are reported together; several failures of one
            # case come as a FailureGroup, a BaseExceptionGroup that `except Exception` misses.
            except (Exception, FailureGroup) as error:
                failures.append(f"{operation.label} (coverage, {mode.value}): {error}")
    return sent, failures


# The coverage phase's operations in groups that take about the same time, so that
# pytest-xdist spreads each role's 7,600 requests and no one test is a long pole: an operation
# is in the first group naming the start of its path after /api/v1/ (the changes to one
# good-practice entry or funding opportunity are the slowest), and in "other" if none does, so
# an operation added later is still sent.
COVERAGE_GROUPS = {
    "good-practice-records": ("good-practice-entries/{id}/",),
    "funding-records": ("funding-opportunities/{id}/",),
    "good-practice-funding": ("good-practice-entries/", "funding-opportunities/"),
    "contacts-agreements": ("contacts/", "agreements/"),
    "memberships-bids": ("memberships/", "bids/"),
    "other": (),
}


def _group(operation) -> str:
    path = operation.path.removeprefix("/api/v1/")
    starts = ((group, start) for group, starts in COVERAGE_GROUPS.items() for start in starts)
    return next((group for group, start in starts if path.startswith(start)), "other")


@pytest.mark.parametrize("group", COVERAGE_GROUPS)
def test_the_coverage_phase_conforms_to_the_schema(world, api_schema, group):
    """As every role, one group of operations at a time: a role that may only read still has
    each write sent and its refusal checked."""
    records = _records(world)
    sent, failures = 0, []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if _group(operation) == group:
            operation_sent, operation_failures = _coverage_failures(operation, records)
            sent += operation_sent
            failures += operation_failures
    assert sent >= 300, sent
    assert not failures, "\n\n".join(failures[:20])


def test_sequences_of_calls_conform_to_the_schema(world, api_schema):
    """Each scenario starts from the same world: what it wrote is rolled back after it, so
    Hypothesis sees the same answers when it runs a scenario again."""
    _records(world)
    answered = []

    class Workflow(api_schema.as_state_machine()):
        def setup(self):
            self.savepoint = transaction.savepoint()

        def teardown(self):
            transaction.savepoint_rollback(self.savepoint)

        def after_call(self, response, case):
            super().after_call(response, case)
            answered.append(response.status_code)

    assert api_schema.statistic.transitions.selected >= 100
    Workflow.run(settings=STATEFUL_SETTINGS)
    assert any(200 <= status < 300 for status in answered), answered
