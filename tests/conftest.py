"""Shared fixtures: the services the suite needs, a clock we control, and a small world of
regions, partnerships, agencies and one user per role."""

import os
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import Role
from accounts.services import role_assign
from tests import factories

IN_CI = bool(os.environ.get("CI"))


def need_service(reason: str) -> None:
    """Skip a test for a missing service, with the reason; in CI a missing service fails."""
    if IN_CI:
        pytest.fail(f"CI must provide this service: {reason}")
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    """Tests that commit (transactional tests, the live server, real workers) end by emptying
    the tables, which would also remove the reference data the migrations loaded (regions,
    agency types, prescribed datasets...). Serialized rollback puts it back for each of them."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (
            "transactional_db" in item.fixturenames
            or "live_server" in item.fixturenames
            or (marker is not None and marker.kwargs.get("transaction"))
        )
        if not transactional:
            continue
        if marker is not None and not marker.kwargs.get("serialized_rollback"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
        if "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")


@pytest.fixture(scope="session", autouse=True)
def _celery_queue_per_xdist_worker(worker_id):
    """Each pytest-xdist worker sends to its own Celery queue (and the real workers it starts
    listen there), so parallel test processes never take each other's tasks."""
    if worker_id == "master":
        yield
        return
    from cdrp_portal.celery import app

    queue = f"cdrp-test-{worker_id}"
    previous = (settings.CELERY_TASK_DEFAULT_QUEUE, app.conf.task_default_queue)
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    app.conf.task_default_queue = queue
    yield
    settings.CELERY_TASK_DEFAULT_QUEUE, app.conf.task_default_queue = previous


@pytest.fixture
def require_postgres():
    if connection.vendor != "postgresql":
        need_service("needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/cdrp")


@pytest.fixture
def require_redis():
    if not settings.REDIS_URL:
        need_service("needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0")


@pytest.fixture
def real_broker(require_postgres, require_redis):
    """Send tasks to Redis for a real worker (tests/workers.py) instead of running them here."""
    from cdrp_portal.celery import app
    from tests.workers import purge_queue

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    purge_queue()
    yield
    purge_queue()
    app.conf.task_always_eager = previous


class Clock:
    """A clock the test moves by hand. Patches the portal's clock and django-axes' clock."""

    def __init__(self, start):
        self.current = start

    def __call__(self):
        return self.current

    def advance(self, **kwargs):
        self.current = self.current + timedelta(**kwargs)


@pytest.fixture
def clock(monkeypatch):
    from django.utils import timezone

    controlled = Clock(timezone.now())
    monkeypatch.setattr("core.clock.now", controlled)
    monkeypatch.setattr("axes.handlers.proxy.now", controlled)
    monkeypatch.setattr("axes.attempts.now", controlled)
    return controlled


@dataclass
class World:
    region_in: object
    region_out: object
    partnership: object
    other_partnership: object
    agency: object
    other_agency: object
    users: dict

    def user(self, role_name):
        return self.users.get(role_name)


ROLE_NAMES = [
    "anonymous",
    "admin",
    "reviewer_in",
    "reviewer_out",
    "manager_this",
    "manager_other",
    "staff_this",
    "staff_other",
]


@pytest.fixture
def world(db):
    """Two regions, a partnership in each, an agency in each, and one user per role."""
    from tests.reference import ensure_reference_data

    ensure_reference_data()
    region_in = factories.region("E12000003")
    region_out = factories.region("E12000002")
    partnership = factories.PartnershipFactory(name="Leedsford", region=region_in)
    other_partnership = factories.PartnershipFactory(name="Boltham", region=region_out)
    agency = factories.AgencyFactory(name="Leedsford Police")
    other_agency = factories.AgencyFactory(name="Boltham Police")
    factories.MembershipFactory(partnership=partnership, agency=agency)
    factories.MembershipFactory(partnership=other_partnership, agency=other_agency)
    users = {}
    for name, role, scope in [
        ("admin", Role.ADMINISTRATOR, {}),
        ("reviewer_in", Role.REVIEWER, {"region": region_in}),
        ("reviewer_out", Role.REVIEWER, {"region": region_out}),
        ("manager_this", Role.MANAGER, {"partnership": partnership}),
        ("manager_other", Role.MANAGER, {"partnership": other_partnership}),
        ("staff_this", Role.AGENCY_STAFF, {"agency": agency, "is_signatory": True}),
        ("staff_other", Role.AGENCY_STAFF, {"agency": other_agency, "is_signatory": True}),
    ]:
        user = factories.UserFactory(email=f"{name.replace('_', '.')}@example.org")
        role_assign(user=user, role=role, **scope)
        users[name] = user
    return World(region_in, region_out, partnership, other_partnership, agency, other_agency, users)


@pytest.fixture
def client_for(client, world):
    """A test client signed in as one of the world's roles ("anonymous" stays signed out)."""

    def make(role_name):
        from django.test import Client

        c = Client()
        user = world.user(role_name)
        if user is not None:
            # Administrators and reviewers also pass the second factor, with a real device.
            factories.login_verified(c, user)
        return c

    return make


@pytest.fixture(autouse=True)
def _cache_of_its_own(settings):
    """Every test starts with an empty cache of its own: the same backend (Redis in CI) under a
    key prefix no other test or xdist worker uses. Nothing one test keeps (throttle counters,
    filter panels, derived work about records whose ids repeat between test databases) is read
    by another, and no test empties the cache under another running at the same time (which
    clearing the shared Redis database would, Celery's queues with it)."""
    import uuid

    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    }


@pytest.fixture
def cache_check(settings):
    """Check every cached fragment given to a reader other than the one it was worked out for
    (core.cache's leak check): a fragment keyed too broadly fails the test."""
    from core import cache

    cache.forget_checks()
    settings.PAGE_CACHE_CHECK = True
    yield
    cache.forget_checks()
