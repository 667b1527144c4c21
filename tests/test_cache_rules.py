"""Every model a cached fragment reads has a rule that replaces a version when it changes:
a partnership's (core.changes), or a named one (core.cache.versioned). A model with neither
would leave cached pages stale, so this test fails until its app declares one."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import cache, changes

pytestmark = pytest.mark.django_db

# Models cached fragments read that no version rule needs to cover, and why.
NOT_VERSIONED = {
    "accounts.User": "who is reading: in the key of per-user fragments",
    "accounts.RoleAssignment": "the reader's scope: in the key of every fragment but everyone's",
    "reviews.StoredRatings": "the dashboard's key holds the time its latest rating was worked "
    "out, and it is cached only when every rating is current",
    "datasharing.StoredOverdue": "a copy of what the coverage rule makes of records that have "
    "rules of their own, worked out again when they change (datasharing/overdue.py)",
}

TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"([^"]+)"', re.IGNORECASE)


def cached_pages(world) -> list[str]:
    code = world.partnership.ons_code
    return [
        reverse("home"),
        reverse("funding:finder"),
        reverse("funding:timetable"),
        reverse("funding:finder") + "?eligible=on",
        reverse("goodpractice:search") + "?q=youth",
        reverse("datasharing:coverage", kwargs={"code": code}),
        reverse("datasharing:istv-analysis", kwargs={"code": code}),
        reverse("datasharing:agreement-list"),
        reverse("datasharing:delivery-list"),
        reverse("partnerships:partnership-detail", kwargs={"code": code}),
        reverse("reviews:dashboard"),
    ]


@pytest.fixture
def tables_read(monkeypatch):
    """The tables each cached fragment's work read, by fragment name."""
    read: dict[str, set[str]] = {}
    remember = cache.remember

    def capturing(parts, depends_on, compute, **kwargs):
        def captured():
            with CaptureQueriesContext(connection) as queries:
                value = compute()
            read.setdefault(str(parts[0]), set()).update(
                table for query in queries for table in TABLE.findall(query["sql"])
            )
            return value

        return remember(parts, depends_on, captured, **kwargs)

    monkeypatch.setattr(cache, "remember", capturing)
    return read


def unruled(read: dict[str, set[str]]) -> dict[str, set[str]]:
    models = {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}
    covered = changes.ruled_models() | cache.versioned_models()
    found = {}
    for name, tables in read.items():
        missing = {
            models[t]._meta.label
            for t in tables
            if t in models
            and models[t] not in covered
            and models[t]._meta.label not in NOT_VERSIONED
        }
        if missing:
            found[name] = missing
    return found


def test_every_model_a_cached_page_reads_has_a_version_rule(world, client_for, tables_read):
    from tests.datasharing.helpers import make_agreement

    make_agreement(world, status="active")
    for role in ("admin", "reviewer_in", "manager_this", "staff_this"):
        client = client_for(role)
        for url in cached_pages(world):
            assert client.get(url).status_code in (200, 403, 404), (role, url)
    assert {
        "partnership-overview",
        "coverage-matrix",
        "funding-finder",
        "goodpractice-search",
    } <= set(tables_read)
    assert unruled(tables_read) == {}


def test_a_model_without_a_rule_is_named(world, client_for, tables_read, monkeypatch):
    """Drop the rule of one model the overview reads: the check above names it."""
    from partnerships.models import Contact

    rules = changes.ruled_models() - {Contact}
    monkeypatch.setattr(changes, "ruled_models", lambda: rules)
    client_for("manager_this").get(
        reverse("partnerships:partnership-detail", kwargs={"code": world.partnership.ons_code})
    )
    assert "partnerships.Contact" in unruled(tables_read)["partnership-overview"]
