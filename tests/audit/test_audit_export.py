"""CSV exports of the audit log (with its filters) and of the users list."""

import csv
import io

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_the_audit_log_export_follows_the_filters(world, client_for):
    AuditEvent.objects.create(action=Action.SIGN_IN, actor_email="=cmd@example.org", path="/one/")
    AuditEvent.objects.create(action=Action.SIGN_OUT, actor_email="other@example.org", path="/two/")
    found = rows(client_for("admin").get(reverse("audit:event-list-export"), {"person": "cmd@"}))
    assert [(r["Person"], r["Page"]) for r in found] == [("'=cmd@example.org", "/one/")]


def test_the_users_export_lists_people_and_their_roles(world, client_for):
    found = {
        r["Email"]: r
        for r in rows(
            client_for("admin").get(reverse("accounts:user-list-export"), {"q": "manager.this"})
        )
    }
    assert list(found) == ["manager.this@example.org"]
    assert world.partnership.name in found["manager.this@example.org"]["Roles"]
