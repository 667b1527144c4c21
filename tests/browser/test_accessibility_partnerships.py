"""Every partnership page from issue #3 passes axe-core (WCAG 2.2 AA rules): empty, with
records, and for forms in their error state."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_cases

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    url: Callable  # url(world) -> path
    error: Callable | None = None  # error(page): puts a form into its error state
    full: bool = False  # whether the partnership has one record of every kind first


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.PARTNERSHIPS_PRIVATE_ROOT = str(tmp_path / "private")


def fill(world):
    """One of every record in the world's partnership, with the problems the pages flag."""
    import datetime

    from partnerships.models import Level
    from tests import factories
    from tests.partnerships import factories as f

    partnership = world.partnership
    if partnership.groups.exists():
        return
    today = datetime.date.today()
    health = factories.MembershipFactory(
        partnership=partnership,
        strategic=True,
        agency=factories.AgencyFactory(
            name="Leedsford ICB", agency_type=factories.agency_type("health-commissioner")
        ),
    )
    membership = partnership.memberships.get(agency=world.agency)
    f.ContactFactory(
        membership=health,
        level=Level.STRATEGIC,
        name="Solo Person",
        deputy_name="",
        deputy_email="",
        confirmed_on=today - datetime.timedelta(days=500),
    )
    f.ContactFactory(membership=membership, level=Level.TACTICAL)
    group = f.GroupFactory(partnership=partnership, name="Leedsford board", chair=world.agency)
    meeting = f.MeetingFactory(group=group, notes="Agreed the plan.")
    f.AttendanceFactory(meeting=meeting, membership=membership, attended=True)
    f.AttendanceFactory(meeting=meeting, membership=health, attended=False)
    f.DocumentFactory(
        partnership=partnership,
        title="Strategic assessment",
        published_on=today - datetime.timedelta(days=400),
        review_due_on=today - datetime.timedelta(days=10),
        is_joint_with_police=True,
    )
    priority = f.PriorityFactory(partnership=partnership, title="Night-time violence")
    f.ActionFactory(
        partnership=partnership,
        owner=world.agency,
        priority=priority,
        title="Share ED data",
        due_on=today - datetime.timedelta(days=3),
        status="blocked",
        note="Waiting for signatures",
    )
    # An earlier meeting whose action arising is overdue, and the latest meeting's agenda,
    # minutes (text and a document) and an action arising.
    earlier = f.MeetingFactory(group=group, held_on=today - datetime.timedelta(days=40))
    f.ActionFactory(
        partnership=partnership,
        owner=world.agency,
        arising_from=earlier,
        title="Audit street lighting",
        due_on=today - datetime.timedelta(days=10),
    )
    f.ActionFactory(
        partnership=partnership,
        owner=world.agency,
        arising_from=meeting,
        title="Invite the ICB",
        due_on=today + datetime.timedelta(days=20),
    )
    meeting.agenda = "Apologies\nThe strategic assessment\nAny other business"
    meeting.minutes = "The board agreed the plan."
    meeting.minutes_document = partnership.documents.first()
    meeting.save()


def p(name, **kwargs):
    def build(world):
        from partnerships.models import Contact, Document, Group, Meeting, Membership

        records = {
            "membership": lambda: (
                Membership.objects.filter(partnership=world.partnership).order_by("pk").first()
            ),
            "contact": lambda: Contact.objects.filter(
                membership__partnership=world.partnership
            ).first(),
            "group": lambda: Group.objects.filter(partnership=world.partnership).first(),
            "meeting": lambda: Meeting.objects.filter(group__partnership=world.partnership).first(),
            "document": lambda: Document.objects.filter(partnership=world.partnership).first(),
            "action": lambda: world.partnership.actions.first(),
            "priority": lambda: world.partnership.priorities.first(),
        }
        computed = {key: records[record]().pk for key, record in kwargs.items()}
        return reverse(
            f"partnerships:{name}", kwargs={"code": world.partnership.ons_code, **computed}
        )

    return build


def press(button):
    def act(page):
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def bad_upload(button, field, name, content):
    def act(page):
        page.get_by_label(field, exact=True).set_input_files(
            files=[{"name": name, "mimeType": "application/octet-stream", "buffer": content}]
        )
        press(button)(page)

    return act


def bad_dates(page):
    for field, (day, month, year) in (("start_on", (1, 6, 2026)), ("due_on", (31, 2, 2026))):
        for index, value in enumerate((day, month, year)):
            page.locator(f"#id_{field}_{index}").fill(str(value))
    press("Save action")(page)


PAGES = [
    # Read pages, empty (the world's partnership has one member and nothing else).
    Page("overview-empty", "manager_this", p("partnership-detail")),
    Page("contacts-empty", "manager_this", p("contact-list")),
    Page("groups-empty", "manager_this", p("group-list")),
    Page("documents-empty", "manager_this", p("document-list")),
    Page("actions-empty", "manager_this", p("action-list")),
    Page("member-empty", "manager_this", p("member-detail", pk="membership")),
    # Read pages with records, as the manager and as read-only roles.
    Page("overview", "manager_this", p("partnership-detail"), full=True),
    Page("overview-staff", "staff_this", p("partnership-detail"), full=True),
    Page("overview-reviewer", "reviewer_in", p("partnership-detail"), full=True),
    Page("contacts", "manager_this", p("contact-list"), full=True),
    Page("groups", "manager_this", p("group-list"), full=True),
    Page("group", "manager_this", p("group-detail", pk="group"), full=True),
    Page("meeting", "manager_this", p("meeting-detail", pk="meeting"), full=True),
    Page("documents", "manager_this", p("document-list"), full=True),
    Page("document", "manager_this", p("document-detail", pk="document"), full=True),
    Page("actions", "manager_this", p("action-list"), full=True),
    Page("actions-staff", "staff_this", p("action-list"), full=True),
    Page("member", "manager_this", p("member-detail", pk="membership"), full=True),
    Page("member-staff", "staff_this", p("member-detail", pk="membership"), full=True),
    Page("dashboard-manager", "manager_this", lambda world: reverse("home"), full=True),
    Page("dashboard-staff", "staff_this", lambda world: reverse("home"), full=True),
    # History pages
    Page("partnership-history", "manager_this", p("partnership-history"), full=True),
    Page("member-history", "manager_this", p("member-history", pk="membership"), full=True),
    Page("contact-history", "manager_this", p("contact-history", pk="contact"), full=True),
    Page("group-history", "manager_this", p("group-history", pk="group"), full=True),
    Page("meeting-history", "manager_this", p("meeting-history", pk="meeting"), full=True),
    Page("document-history", "manager_this", p("document-history", pk="document"), full=True),
    Page("action-history", "manager_this", p("action-history", pk="action"), full=True),
    Page("priority-history", "manager_this", p("priority-history", pk="priority"), full=True),
    # Forms, each also in its error state
    Page(
        "profile-edit",
        "manager_this",
        p("profile-edit"),
        error=bad_upload("Save profile", "Logo", "logo.png", b"not an image"),
    ),
    Page("member-add", "manager_this", p("member-add"), error=press("Add agency")),
    Page(
        "member-edit",
        "manager_this",
        p("member-edit", pk="membership"),
        error=lambda page: (
            page.locator("#id_joined_on_0").fill("40"),
            press("Save membership")(page),
        ),
    ),
    Page(
        "contact-add",
        "manager_this",
        p("contact-add", pk="membership"),
        error=press("Save contact"),
    ),
    Page(
        "contact-edit",
        "manager_this",
        p("contact-edit", pk="contact"),
        full=True,
        error=lambda page: (
            page.get_by_label("Contact’s name").fill(""),
            press("Save contact")(page),
        ),
    ),
    Page("group-add", "manager_this", p("group-add"), error=press("Save group")),
    Page(
        "group-edit",
        "manager_this",
        p("group-edit", pk="group"),
        full=True,
        error=lambda page: (
            page.get_by_label("Name of the group").fill(""),
            press("Save group")(page),
        ),
    ),
    Page(
        "meeting-add",
        "manager_this",
        p("meeting-add", pk="group"),
        full=True,
        error=press("Save meeting"),
    ),
    Page(
        "meeting-action-add",
        "manager_this",
        p("meeting-action-add", pk="meeting"),
        full=True,
        error=bad_dates,
    ),
    Page(
        "meeting-edit",
        "manager_this",
        p("meeting-edit", pk="meeting"),
        full=True,
        error=lambda page: (
            page.locator("#id_held_on_0").fill(""),
            page.locator("#id_held_on_1").fill(""),
            page.locator("#id_held_on_2").fill(""),
            press("Save meeting")(page),
        ),
    ),
    Page(
        "document-add",
        "manager_this",
        p("document-add"),
        error=bad_upload("Save document", "File", "fake.pdf", b"plain text"),
    ),
    Page(
        "document-edit",
        "manager_this",
        p("document-edit", pk="document"),
        full=True,
        error=lambda page: (page.get_by_label("Title").fill(""), press("Save document")(page)),
    ),
    Page("priority-add", "manager_this", p("priority-add"), error=press("Save priority")),
    Page(
        "priority-edit",
        "manager_this",
        p("priority-edit", pk="priority"),
        full=True,
        error=lambda page: (page.get_by_label("Title").fill(""), press("Save priority")(page)),
    ),
    Page("action-add", "manager_this", p("action-add"), error=bad_dates),
    Page("action-edit", "manager_this", p("action-edit", pk="action"), full=True, error=bad_dates),
]


def test_page_names_are_unique():
    names = [case.name for case in PAGES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("case", "with_errors"), list(axe_cases(PAGES)))
def test_partnership_page_has_no_axe_violations(
    page, world, log_in_as, assert_no_axe_violations, case, with_errors
):
    if case.full:
        fill(world)
    log_in_as(page, world.user(case.role))
    path = case.url(world)
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    assert page.url.split("?")[0].endswith(path)

    if with_errors:
        case.error(page)
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert page.title().startswith("Error:"), page.title()

    assert_no_axe_violations(page)
