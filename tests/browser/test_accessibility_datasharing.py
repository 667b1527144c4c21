"""Every data-sharing page passes axe-core (WCAG 2.2 AA rules), empty and in its error states."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.dates import fill_date
from tests.browser.test_accessibility import axe_cases

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Page:
    name: str
    user: Callable  # user(world) -> user, or None for anonymous
    url: Callable  # url(world) -> path
    error: Callable | None = None  # error(page): puts the page into its error state


def role(name):
    return lambda world: world.users.get(name)


def ed_staff(world):
    from tests.datasharing.helpers import member_agency, signatory_for

    agency = member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford Hospital Emergency Department",
        site_code="RX101",
    )
    return signatory_for(agency, email="ed.a11y@example.org")


def agreement(status="draft"):
    def pk(world):
        from datasharing.models import Agreement
        from tests.datasharing.helpers import make_agreement

        found = Agreement.objects.filter(partnership=world.partnership, status=status).first()
        return (found or make_agreement(world, status=status)).pk

    return pk


def ds(name, **kwargs):
    def build(world):
        computed = {k: (v(world) if callable(v) else v) for k, v in kwargs.items()}
        return reverse(f"datasharing:{name}", kwargs=computed)

    return build


def press(button):
    def act(page):
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def clear_and_press(button):
    """Empty every text box and untick every radio default, then submit."""

    def act(page):
        for box in page.locator("main input.govuk-input, main textarea").all():
            box.fill("")
        press(button)(page)

    return act


def upload_bad_istv(page):
    from tests.datasharing.helpers import istv_csv, istv_row

    fill_date(page, "Reporting period start date", "01/04/2025")
    fill_date(page, "Reporting period end date", "30/04/2025")
    page.get_by_label("ISTV file (CSV, up to 5 MB)").set_input_files(
        files=[
            {
                "name": "bad.csv",
                "mimeType": "text/csv",
                "buffer": istv_csv([istv_row(), istv_row(method="catapult")]),
            }
        ]
    )
    press("Check and import")(page)


def pending_upload(world):
    from datasharing.models import PendingIstvUpload

    user = ed_staff(world)
    pending = PendingIstvUpload.objects.create(
        agency=user.role_assignments.get().agency,
        uploaded_by=user,
        period_start=date(2025, 4, 1),
        period_end=date(2025, 4, 30),
        content="site_code\n",
    )
    return pending.pk


def pending_smaller_upload(world):
    """A replacement of 2 assaults for a return of 160: the confirmation warns."""
    from core import clock
    from datasharing.models import IstvReturn, PendingIstvUpload

    user = ed_staff(world)
    agency = user.role_assignments.get().agency
    IstvReturn.objects.create(
        agency=agency,
        period_start=date(2025, 4, 1),
        period_end=date(2025, 4, 30),
        site_code="RX101",
        row_count=160,
        uploaded_by=user,
        uploaded_at=clock.now(),
    )
    pending = PendingIstvUpload.objects.create(
        agency=agency,
        uploaded_by=user,
        period_start=date(2025, 4, 1),
        period_end=date(2025, 4, 30),
        content="site_code\nRX101\nRX101\n",
    )
    return pending.pk


def analysis_with_data(world):
    from datasharing import services
    from tests.datasharing.helpers import istv_csv, istv_row

    user = ed_staff(world)
    agency = user.role_assignments.get().agency
    if not agency.istv_returns.exists():
        services.istv_import(
            agency=agency,
            user=user,
            period_start=date(2025, 4, 1),
            period_end=date(2025, 4, 30),
            text=istv_csv([istv_row(), istv_row(method="glass", place="Briggate")]).decode(),
        )
    return reverse("datasharing:istv-analysis", kwargs={"code": world.partnership.ons_code})


def lone_staff(world):
    """Staff of an agency that is in no partnership yet, so it provides no stream."""
    from accounts.models import Role, User
    from accounts.services import role_assign
    from tests import factories

    user = User.objects.filter(email="lone.a11y@example.org").first()
    if user is None:
        user = factories.UserFactory(email="lone.a11y@example.org")
        role_assign(
            user=user,
            role=Role.AGENCY_STAFF,
            agency=factories.AgencyFactory(name="Newly joined agency"),
        )
    return user


def ed_stream(name):
    """A page of the ED's ISTV stream; "stream-detail" with a return, a use and a note."""

    def build(world):
        from datasharing import services
        from datasharing.models import PrescribedDataset
        from tests.partnerships.factories import ActionFactory

        user = ed_staff(world)
        agency = user.role_assignments.get().agency
        if name == "stream-detail-full" and not agency.istv_returns.exists():
            analysis_with_data(world)
            dataset = PrescribedDataset.objects.get(code="istv")
            manager = world.users["manager_this"]
            services.data_use_add(
                user=manager,
                partnership=world.partnership,
                agency=agency,
                dataset=dataset,
                action=ActionFactory(partnership=world.partnership, owner=world.agency),
            )
            services.stream_note_add(
                user=manager,
                partnership=world.partnership,
                agency=agency,
                dataset=dataset,
                text="Thank you",
            )
        return reverse(
            f"datasharing:{name.removesuffix('-full')}",
            kwargs={"code": world.partnership.ons_code, "agency": agency.pk, "dataset": "istv"},
        )

    return build


def evidence(name):
    """A document that drew on the ED's data, cited by a priority with an action: the form that
    records it, the document's page and the overview's evidence chain."""

    def build(world):
        from datasharing import services
        from datasharing.models import PrescribedDataset
        from tests.partnerships.factories import ActionFactory, DocumentFactory, PriorityFactory

        agency = ed_staff(world).role_assignments.get().agency
        document = DocumentFactory(partnership=world.partnership, title="Joint assessment")
        priority = PriorityFactory(partnership=world.partnership)
        priority.documents.add(document)
        ActionFactory(partnership=world.partnership, owner=world.agency, priority=priority)
        services.document_data_set(
            user=world.users["manager_this"],
            partnership=world.partnership,
            document=document,
            streams=[(agency, PrescribedDataset.objects.get(code="istv"))],
        )
        code = world.partnership.ons_code
        if name == "partnership-detail":
            return reverse("partnerships:partnership-detail", kwargs={"code": code})
        return reverse(name, kwargs={"code": code, "pk": document.pk})

    return build


def published(world):
    agreement("active")(world)
    return reverse("transparency:register")


def home_with_signature_waiting(world):
    agreement("awaiting_signatures")(world)
    return reverse("home")


def sign_url(world):
    from datasharing.models import AgreementParty

    pk = agreement("awaiting_signatures")(world)
    party = AgreementParty.objects.get(agreement_id=pk, agency=world.agency)
    return reverse("datasharing:agreement-sign", kwargs={"pk": pk, "party_pk": party.pk})


SAVE = "Save and return to the task list"
SECTIONS = ["about", "parties", "data", "legal", "dpia", "handling", "dates", "publication"]

PAGES = [
    Page("register", role("staff_this"), ds("agreement-list")),
    Page(
        "register-with-rows",
        role("manager_this"),
        lambda w: (agreement("active")(w), reverse("datasharing:agreement-list"))[1],
    ),
    Page(
        "agreement-create",
        role("staff_this"),
        ds("agreement-create"),
        error=press("Create draft agreement"),
    ),
    Page("agreement-detail-draft", role("staff_this"), ds("agreement-detail", pk=agreement())),
    Page(
        "agreement-detail-active",
        role("manager_this"),
        ds("agreement-detail", pk=agreement("active")),
    ),
    Page("agreement-history", role("staff_this"), ds("agreement-history", pk=agreement())),
    *[
        Page(
            f"section-{slug}",
            role("staff_this"),
            ds("agreement-section", pk=agreement("in_negotiation"), section=slug),
        )
        for slug in SECTIONS
    ],
    Page(
        "section-about-error",
        role("staff_this"),
        ds("agreement-section", pk=agreement(), section="about"),
        error=clear_and_press(SAVE),
    ),
    Page(
        "section-data-error",
        role("staff_this"),
        ds("agreement-section", pk=agreement(), section="data"),
        error=clear_and_press(SAVE),
    ),
    Page(
        "section-dates-error",
        role("staff_this"),
        ds("agreement-section", pk=agreement(), section="dates"),
        error=clear_and_press(SAVE),
    ),
    Page(
        "section-handling-error",
        role("staff_this"),
        ds("agreement-section", pk=agreement(), section="handling"),
        error=clear_and_press(SAVE),
    ),
    Page(
        "section-legal-error",
        role("staff_this"),
        ds("agreement-section", pk=agreement(), section="legal"),
        error=clear_and_press(SAVE),
    ),
    Page(
        "party-add", role("staff_this"), ds("party-add", pk=agreement()), error=press("Add party")
    ),
    Page("agreement-sign", role("staff_this"), sign_url, error=press("Sign the agreement")),
    Page(
        "agreement-end",
        role("staff_this"),
        ds("agreement-end", pk=agreement()),
        error=press("End the agreement"),
    ),
    Page(
        "agreement-review",
        role("staff_this"),
        ds("agreement-review", pk=agreement("active")),
        error=press("Record the review"),
    ),
    Page(
        "signed-copy-upload",
        role("staff_this"),
        ds("signed-copy-upload", pk=agreement()),
        error=press("Upload signed copy"),
    ),
    Page("datasets", role("staff_this"), ds("dataset-list")),
    Page(
        "coverage-empty",
        role("manager_this"),
        ds("coverage", code=lambda w: w.partnership.ons_code),
    ),
    Page(
        "coverage-with-agreement",
        role("manager_this"),
        lambda w: (
            agreement("active")(w),
            reverse("datasharing:coverage", kwargs={"code": w.partnership.ons_code}),
        )[1],
    ),
    Page("deliveries", role("staff_this"), ds("delivery-list")),
    Page(
        "delivery-create", role("staff_this"), ds("delivery-create"), error=press("Record delivery")
    ),
    Page("istv-list", role("admin"), ds("istv-list")),
    Page("istv-upload", ed_staff, ds("istv-upload"), error=press("Check and import")),
    Page("istv-upload-bad-rows", ed_staff, ds("istv-upload"), error=upload_bad_istv),
    Page("istv-confirm", ed_staff, ds("istv-confirm", pk=pending_upload)),
    Page("istv-confirm-much-smaller", ed_staff, ds("istv-confirm", pk=pending_smaller_upload)),
    Page(
        "istv-analysis-empty",
        role("reviewer_in"),
        ds("istv-analysis", code=lambda w: w.partnership.ons_code),
    ),
    Page("istv-analysis", role("manager_this"), analysis_with_data),
    Page(
        "istv-analysis-error",
        role("manager_this"),
        lambda w: (
            reverse("datasharing:istv-analysis", kwargs={"code": w.partnership.ons_code})
            + "?date_from=31/02/2025&site=x"
        ),
    ),
    Page("stream-list", ed_staff, ds("stream-list")),
    Page("stream-list-empty", lone_staff, ds("stream-list")),
    Page("stream-detail-empty", role("manager_this"), ed_stream("stream-detail")),
    Page("stream-detail", ed_staff, ed_stream("stream-detail-full")),
    Page(
        "stream-note-create",
        role("manager_this"),
        ed_stream("stream-note-create"),
        error=press("Add the note"),
    ),
    Page(
        "stream-use-create",
        role("manager_this"),
        ed_stream("stream-use-create"),
        error=press("Record the use"),
    ),
    Page("document-data", role("manager_this"), evidence("datasharing:document-data")),
    Page(
        "document-with-its-data",
        role("manager_this"),
        evidence("partnerships:document-detail"),
    ),
    Page("overview-with-evidence-chain", role("manager_this"), evidence("partnership-detail")),
    Page("transparency-empty", lambda w: None, lambda w: reverse("transparency:register")),
    Page("transparency", lambda w: None, published),
    Page("home-with-signature-waiting", role("staff_this"), home_with_signature_waiting),
]


def test_page_names_are_unique():
    assert len({case.name for case in PAGES}) == len(PAGES)


@pytest.mark.parametrize(("case", "with_errors"), list(axe_cases(PAGES)))
def test_datasharing_page_has_no_axe_violations(
    page, world, log_in_as, assert_no_axe_violations, case, with_errors
):
    path = case.url(world)
    user = case.user(world)
    if user is not None:
        log_in_as(page, user)
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    if with_errors:
        case.error(page)
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert page.title().startswith("Error:"), page.title()
    assert_no_axe_violations(page)
