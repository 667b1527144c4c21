"""The audit log: what is written for each kind of event, that nobody can change it, and the
administrators' page."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from audit.models import Action, AuditEvent, AuditLogIsAppendOnly
from audit.services import record
from tests.factories import PASSWORD
from tests.permissions.matrix import all_rows

SIGN_IN = reverse("accounts:sign-in")


def events(action):
    return AuditEvent.objects.filter(action=action)


def test_sign_in_is_recorded_with_the_address(world):
    manager = world.users["manager_this"]
    Client().post(
        SIGN_IN, {"username": manager.email, "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    event = events(Action.SIGN_IN).get(actor=manager)
    assert event.actor_email == manager.email
    assert event.ip_address == "10.1.2.3" and event.path == SIGN_IN and event.method == "POST"


def test_a_failed_sign_in_names_the_account_tried_but_never_the_password(world):
    manager = world.users["manager_this"]
    Client().post(
        SIGN_IN,
        {"username": manager.email.upper(), "password": "guess-number-one"},
        REMOTE_ADDR="10.9.9.9",
    )
    Client().post(SIGN_IN, {"username": "nobody@example.org", "password": "guess-number-two"})
    known, unknown = events(Action.SIGN_IN_FAILED).order_by("id")
    assert known.actor is None and known.ip_address == "10.9.9.9"
    assert known.object_type == "accounts.user" and known.object_id == str(manager.pk)
    assert unknown.object_id == "" and unknown.details == {"username": "nobody@example.org"}
    for event in (known, unknown):
        assert "guess-number" not in str(event.details)


def test_a_lockout_is_recorded(world):
    manager = world.users["manager_this"]
    client = Client()
    for _ in range(5):
        client.post(SIGN_IN, {"username": manager.email, "password": "wrong"})
    assert events(Action.LOCKED_OUT).filter(object_id=str(manager.pk)).exists()


def test_sign_out_is_recorded(world, client_for):
    client_for("staff_this").post(reverse("accounts:sign-out"))
    assert events(Action.SIGN_OUT).filter(actor=world.users["staff_this"]).exists()


def test_a_403_is_recorded_with_the_permission_refused(world, client_for):
    response = client_for("manager_this").get(reverse("accounts:user-list"))
    assert response.status_code == 403
    event = events(Action.PERMISSION_REFUSED).get()
    assert event.actor == world.users["manager_this"]
    assert event.details == {"status": 403, "permission": "accounts.manage_users"}
    assert event.path == reverse("accounts:user-list")


def test_a_record_hidden_outside_the_users_scope_is_recorded_but_a_missing_page_is_not(
    world, client_for
):
    client = client_for("manager_other")
    detail = reverse("partnerships:partnership-detail", kwargs={"code": world.partnership.ons_code})
    assert client.get(detail).status_code == 404
    event = events(Action.PERMISSION_REFUSED).get()
    assert event.details["status"] == 404
    assert event.object_type == "partnerships.partnership"
    assert event.object_id == str(world.partnership.pk)

    assert client.get("/no-such-page/").status_code == 404
    missing = reverse("partnerships:partnership-detail", kwargs={"code": "E22999999"})
    assert client.get(missing).status_code == 404
    assert events(Action.PERMISSION_REFUSED).count() == 1


def test_a_refusal_is_kept_when_the_views_transaction_rolls_back(world, client_for):
    with transaction.atomic():
        client_for("reviewer_in").get(reverse("accounts:user-list"))
    assert events(Action.PERMISSION_REFUSED).filter(actor=world.users["reviewer_in"]).exists()


def _download_url_names() -> set[str]:
    """Every named URL pattern whose address is a file: .csv, .json, .ics, or "export"."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = set()

    def walk(patterns, prefix, route):
        for pattern in patterns:
            here = route + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                walk(pattern.url_patterns, namespace, here)
            elif isinstance(pattern, URLPattern) and pattern.name:
                if here.endswith((".csv", ".json", ".ics")) or "export" in here:
                    found.add(prefix + pattern.name)

    walk(get_resolver().url_patterns, "", "")
    return found


DOWNLOAD_NAMES = _download_url_names()
# Rows some role may download (a row that refuses everyone, like a feed whose owner may no
# longer read the partnership, has nothing to record).
DOWNLOAD_ROWS = [
    row
    for row in all_rows()
    if row.name in DOWNLOAD_NAMES and row.method == "get" and 200 in row.expect.values()
]


def test_the_download_views_are_found():
    assert {
        "datasharing:agreement-export",
        "funding:giving360-json",
        "funding:calendar-feed",
        "goodpractice:search-export",
        "partnerships:export-members",
        "reviews:dashboard-export",
    } <= DOWNLOAD_NAMES
    assert len(DOWNLOAD_NAMES) >= 15
    assert {row.name for row in DOWNLOAD_ROWS} == DOWNLOAD_NAMES


@pytest.mark.parametrize("row", DOWNLOAD_ROWS, ids=lambda row: row.name)
def test_every_export_is_recorded(row, world, client_for):
    """Every CSV, JSON and iCalendar download, whoever asks (each by a role the permission
    matrix lets through)."""
    role = next(role for role, status in row.expect.items() if status == 200)
    url = reverse(row.name, kwargs=row.kwargs(world))
    response = client_for(role).get(url, {"q": "x"} if "search" in row.name else {})
    assert response.status_code == 200 and response.has_header("Content-Disposition")
    event = events(Action.EXPORT).get()
    assert event.actor == world.user(role)
    assert event.path == url or "[hidden]" in event.path
    assert event.details["disposition"].startswith(("attachment", "inline"))


def test_a_stored_document_download_is_recorded_but_a_logo_shown_in_a_page_is_not(
    world, client_for
):
    rows = {row.name: row for row in all_rows() if row.method == "get"}
    client = client_for("manager_this")
    document = rows["partnerships:document-download"]
    assert client.get(reverse(document.name, kwargs=document.kwargs(world))).status_code == 200
    logo = rows["partnerships:partnership-logo"]
    assert client.get(reverse(logo.name, kwargs=logo.kwargs(world))).status_code == 200
    assert [event.path for event in events(Action.EXPORT)] == [
        reverse(document.name, kwargs=document.kwargs(world))
    ]


def test_the_calendar_feed_is_recorded_without_its_secret_address(world, client_for):
    from funding.models import FundingPreferences

    client_for("manager_this").post(reverse("funding:calendar-token"), {"action": "reset"})
    token = FundingPreferences.objects.get(user=world.users["manager_this"]).calendar_token
    assert token
    url = reverse("funding:calendar-feed", kwargs={"token": token})
    assert Client().get(url).status_code == 200
    event = events(Action.EXPORT).get()
    assert token not in event.path and event.path.endswith("[hidden].ics")


def test_a_refused_api_token_is_recorded_by_its_prefix_only(world):
    secret = "cdrp_abcd1234_thisisnotarealsecretvalue0123456789"
    response = Client().get("/api/v1/partnerships/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401
    event = events(Action.API_TOKEN_REFUSED).get()
    assert event.details == {"status": 401, "token_prefix": "abcd1234"}
    assert "thisisnotarealsecret" not in str(event.details) + event.path


def test_an_api_refusal_names_the_tokens_owner(world):
    """A partnership manager may not record a data delivery: the API answers 403 to their
    token, and the log names them (the token's user, not a session)."""
    from accounts.api_tokens import token_create

    row = next(
        row for row in all_rows() if row.name == "api:delivery-list" and row.method == "post"
    )
    assert row.expect["manager_this"] == 403
    _token, raw = token_create(user=world.users["manager_this"], name="script")
    response = Client().post(reverse(row.name), row.data(world), HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403
    event = events(Action.PERMISSION_REFUSED).get()
    assert event.actor == world.users["manager_this"] and event.method == "POST"


# Nobody can change the log --------------------------------------------------------------------


@pytest.fixture
def event(world):
    return record(action=Action.EXPORT, actor=world.users["admin"], details={"rows": 3})


def test_a_saved_event_cannot_be_changed_or_deleted_through_the_model(event):
    event.details = {"rows": 0}
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(details={})
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    event.refresh_from_db()
    assert event.details == {"rows": 3}


def test_deleting_a_user_leaves_their_events(world, event):
    admin = world.users["admin"]
    admin.delete()
    kept = AuditEvent.objects.get(pk=event.pk)
    assert kept.actor_email == "admin@example.org"


def test_the_django_admin_shows_the_log_read_only(world, client_for, event):
    client = client_for("admin")
    changelist = reverse("admin:audit_auditevent_changelist")
    assert client.get(changelist).status_code == 200
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    page = client.get(change)
    assert page.status_code == 200 and "Save" not in page.content.decode().split("submit-row")[-1]
    assert client.post(change, {"action": "sign_in"}).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_delete", args=[event.pk])).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == Action.EXPORT


def test_postgresql_refuses_update_and_delete_from_any_client(require_postgres, event):
    for sql in (
        "UPDATE audit_auditevent SET details = '{}' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with pytest.raises(Exception, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [event.pk])
    event.refresh_from_db()
    assert event.details == {"rows": 3}


# The administrators' page ---------------------------------------------------------------------


def test_administrators_read_and_filter_the_log(world, client_for):
    record(action=Action.SIGN_IN, actor=world.users["manager_this"])
    record(action=Action.EXPORT, actor=world.users["staff_this"], details={"rows": 2})
    client = client_for("admin")
    url = reverse("audit:event-list")
    html = client.get(url).content.decode()
    assert "Audit log" in html and "manager.this@example.org" in html
    assert "staff.this@example.org" in html
    only_exports = client.get(url, {"action": "export"}).content.decode()
    assert "staff.this@example.org" in only_exports
    assert "manager.this@example.org" not in only_exports
    by_person = client.get(url, {"person": "manager.this"}).content.decode()
    assert "manager.this@example.org" in by_person and "staff.this@example.org" not in by_person
    # Nonsense filters are ignored, never a server error.
    assert client.get(url, {"action": "nonsense", "page": "x"}).status_code in (200, 404)


@pytest.mark.parametrize("rows", [1, 50])
def test_the_log_page_runs_the_same_queries_whatever_its_length(
    world, client_for, rows, django_assert_max_num_queries
):
    for index in range(rows):
        record(action=Action.EXPORT, actor=world.users["manager_this"], details={"n": index})
    client = client_for("admin")
    client.get(reverse("audit:event-list"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("audit:event-list")).status_code == 200
