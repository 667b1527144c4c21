"""Good-practice pages: the workflow through the forms, bad input, HTML shown as text, object
access, CSV export, the attached report, and query counts at 1 and 50 rows."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Notification
from goodpractice.models import Adoption, Criterion, Entry, Status, Theme

from .factories import COMPLETE, bulk_published, draft, published, submitted

pytestmark = pytest.mark.django_db


def _entry_post(**overrides):
    data = {k: ("" if v is None else v) for k, v in COMPLETE.items()}
    data.update(
        {
            "title": "Safer nights",
            "themes": [Theme.objects.get(slug="violence").pk],
            "maryland_level": "2",
        }
    )
    data.update(overrides)
    return data


# Forms: bad input changes nothing and shows the GOV.UK error summary ---------------------------

BAD_ENTRY_POSTS = [
    {},
    {"title": "x" * 201},
    {
        "title": "ok",
        "setup_cost": "lots",
        "running_cost": "-5",
        "bed_in_months": "999",
        "outcome": "glorious",
        "maryland_level": "9",
        "evaluation": "peer",
        "area_type": "moon",
        "evaluation_url": "javascript:alert(1)",
        "contact_email": "not-an-email",
        "themes": ["999999", "abc"],
        "partnership": "abc",
    },
    {"title": "ok", "problem": "x" * 10_001},
    {"title": "nul\x00byte"},
]


@pytest.mark.parametrize("data", BAD_ENTRY_POSTS)
def test_bad_entry_input_changes_nothing(world, client_for, data):
    response = client_for("manager_this").post(reverse("goodpractice:entry-create"), data)
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert Entry.objects.count() == 0


def test_a_partnership_the_user_does_not_write_for_is_refused(world, client_for):
    response = client_for("manager_this").post(
        reverse("goodpractice:entry-create"), _entry_post(partnership=world.other_partnership.pk)
    )
    assert b"govuk-error-summary" in response.content and Entry.objects.count() == 0


def test_a_report_must_be_a_pdf(world, client_for):
    fake = SimpleUploadedFile("report.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client_for("manager_this").post(
        reverse("goodpractice:entry-create"),
        _entry_post(partnership=world.partnership.pk, evaluation_report=fake),
    )
    assert b"The file must be a PDF" in response.content and Entry.objects.count() == 0


def test_an_attached_report_is_served_to_readers_only(world, client_for):
    pdf = SimpleUploadedFile(
        "Evaluation 2024.pdf", b"%PDF-1.4 the report", content_type="application/pdf"
    )
    response = client_for("staff_this").post(
        reverse("goodpractice:entry-create"),
        _entry_post(partnership=world.partnership.pk, evaluation_report=pdf, evaluation_url=""),
    )
    entry = Entry.objects.get()
    assert response.status_code == 302 and entry.evaluation_report_name == "Evaluation 2024.pdf"
    url = reverse("goodpractice:entry-report", kwargs={"pk": entry.pk})
    download = client_for("reviewer_in").get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 the report"
    assert client_for("manager_other").get(url).status_code == 404


def test_html_typed_into_fields_is_shown_as_text(world, client_for):
    script = "<script>alert('x')</script>"
    client = client_for("manager_this")
    client.post(
        reverse("goodpractice:entry-create"),
        _entry_post(
            partnership=world.partnership.pk,
            title=f"Title {script}",
            problem=f"Problem {script}",
            summary=script,
            contact_name=script,
        ),
    )
    entry = Entry.objects.get()
    page = client.get(entry.get_absolute_url()).content.decode()
    assert script not in page and "&lt;script&gt;" in page


def test_the_form_workflow_end_to_end(world, client_for):
    """Write, submit, ask for changes, revise, publish, find, adopt: through the pages."""
    manager, reviewer = client_for("manager_this"), client_for("reviewer_in")
    response = manager.post(
        reverse("goodpractice:entry-create"), _entry_post(partnership=world.partnership.pk)
    )
    entry = Entry.objects.get()
    assert response["Location"] == entry.get_absolute_url()
    submit_url = reverse("goodpractice:entry-submit", kwargs={"pk": entry.pk})
    assert manager.post(submit_url).status_code == 302
    review_url = reverse("goodpractice:entry-review", kwargs={"pk": entry.pk})
    # Publishing without the mandatory criteria is refused with the error summary.
    refused = reviewer.post(review_url, {"decision": "publish"})
    assert b"govuk-error-summary" in refused.content and b"mandatory" in refused.content
    # Asking for changes without comments is refused too.
    refused = reviewer.post(review_url, {"decision": "request_changes"})
    assert b"Tell the author what to change" in refused.content
    reviewer.post(
        review_url, {"decision": "request_changes", "comments": "Give the baseline period."}
    )
    entry.refresh_from_db()
    assert entry.status == Status.CHANGES_REQUESTED
    assert Notification.objects.filter(
        user=world.users["manager_this"], body__contains="Give the baseline period."
    ).exists()
    edit = manager.get(reverse("goodpractice:entry-edit", kwargs={"pk": entry.pk}))
    assert b"Give the baseline period." in edit.content
    manager.post(
        reverse("goodpractice:entry-edit", kwargs={"pk": entry.pk}),
        _entry_post(effect="Down 18% on the 2022 to 2023 baseline."),
    )
    manager.post(submit_url)
    all_ids = [str(pk) for pk in Criterion.objects.values_list("pk", flat=True)]
    reviewer.post(review_url, {"decision": "publish", "criteria": all_ids})
    entry.refresh_from_db()
    assert entry.status == Status.PUBLISHED and "18%" in entry.effect
    other = client_for("manager_other")
    found = other.get(reverse("goodpractice:search"), {"q": "baseline"})
    assert entry.title.encode() in found.content
    adopt_url = reverse("goodpractice:adoption-create", kwargs={"pk": entry.pk})
    bad = other.post(
        adopt_url,
        {"started_on_0": "31", "started_on_1": "2", "started_on_2": "2025", "result": "great"},
    )
    assert b"govuk-error-summary" in bad.content and not Adoption.objects.exists()
    done = other.post(
        adopt_url,
        {
            "started_on_0": "1",
            "started_on_1": "9",
            "started_on_2": "2025",
            "result": "partly",
            "explanation": "Worked in the centre only.",
        },
    )
    assert done.status_code == 302
    page = other.get(entry.get_absolute_url()).content.decode()
    assert "Boltham" in page and "Partly worked here" in page


def test_submitting_an_incomplete_draft_shows_what_is_missing(world, client_for):
    entry = draft(partnership=world.partnership, complete=False)
    url = reverse("goodpractice:entry-submit", kwargs={"pk": entry.pk})
    page = client_for("staff_this").get(url).content.decode()
    assert "Describe the response" in page
    response = client_for("staff_this").post(url)
    assert b"govuk-error-summary" in response.content
    entry.refresh_from_db()
    assert entry.status == Status.DRAFT


def test_unpublished_entries_are_secret_outside_the_partnership_and_region(world, client_for):
    entry = submitted(partnership=world.partnership, title="Secret plan")
    for role in ("manager_other", "staff_other", "reviewer_out"):
        client = client_for(role)
        assert client.get(entry.get_absolute_url()).status_code == 404
        assert (
            b"Secret plan"
            not in client.get(reverse("goodpractice:search"), {"q": "secret"}).content
        )
        assert (
            client.get(reverse("goodpractice:entry-history", kwargs={"pk": entry.pk})).status_code
            == 404
        )
    for role in ("manager_this", "staff_this", "reviewer_in", "admin"):
        assert client_for(role).get(entry.get_absolute_url()).status_code == 200
    # The review queue shows it to the region's reviewer only.
    assert b"Secret plan" in client_for("reviewer_in").get(reverse("goodpractice:work")).content
    assert (
        b"Secret plan" not in client_for("reviewer_out").get(reverse("goodpractice:work")).content
    )


def test_published_entry_shows_moderation_comments_only_to_insiders(world, client_for):
    entry = published(partnership=world.partnership, reviewer=world.users["reviewer_in"])
    from goodpractice.models import ReviewDecision

    ReviewDecision.objects.filter(entry=entry).update(comments="Internal remark")
    assert b"Internal remark" in client_for("manager_this").get(entry.get_absolute_url()).content
    outsider = client_for("manager_other").get(entry.get_absolute_url()).content
    assert b"Internal remark" not in outsider and b"Met:" in outsider


def test_csv_export_follows_the_search(world, client_for):
    published(partnership=world.partnership, title='=HYPERLINK("evil")', outcome="worked")
    published(partnership=world.other_partnership, title="Flop", outcome="did_not_work")
    response = client_for("manager_other").get(
        reverse("goodpractice:search-export"), {"outcome": "worked"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Title" and len(rows) == 2
    assert rows[1][0].startswith("'=")
    assert rows[1][2] == "Yorkshire and The Humber"


def test_bad_search_input_is_an_error_not_a_crash(world, client_for):
    client = client_for("manager_this")
    for params in (
        {"q": "x" * 300},
        {"outcome": "nope"},
        {"region": "X"},
        {"cost": "free"},
        {"theme": "<b>"},
        {"page": "-1"},
        {"maryland": "7"},
        {"q": "nul\x00byte"},
    ):
        response = client.get(reverse("goodpractice:search"), params)
        assert response.status_code == 200
    assert (
        b"govuk-error-summary"
        in client.get(reverse("goodpractice:search"), {"outcome": "nope"}).content
    )
    assert client.get(reverse("goodpractice:search-export"), {"outcome": "nope"}).status_code == 200


def test_the_checklist_page_lists_the_criteria(world, client_for):
    page = client_for("staff_other").get(reverse("goodpractice:criteria")).content.decode()
    for criterion in Criterion.objects.filter(is_active=True):
        assert criterion.text in page


def test_search_page_query_count_is_constant(world, client_for, django_assert_max_num_queries):
    # With words the count and the page run in one transaction with the search's planner
    # setting (a savepoint here, SET LOCAL, the release), and a page is read as ranked ids,
    # then those entries by id.
    client = client_for("manager_other")
    bulk_published(partnership=world.partnership, count=1, title="One")
    with django_assert_max_num_queries(16):
        first = client.get(reverse("goodpractice:search"), {"q": "city"})
    bulk_published(partnership=world.partnership, count=50, title="Many")
    with django_assert_max_num_queries(16):
        many = client.get(reverse("goodpractice:search"), {"q": "city"})
    assert first.status_code == many.status_code == 200
    assert b"20 of" not in many.content and b"51 entries" in many.content


def test_browse_page_query_count_is_constant(world, client_for, django_assert_max_num_queries):
    """No words: one more query than a search with words (each boost level's newest ids, then
    the page's entries by id), the same at 1 entry and at 51, on any page."""
    client = client_for("manager_other")
    bulk_published(partnership=world.partnership, count=1, title="One")
    with django_assert_max_num_queries(14):
        first = client.get(reverse("goodpractice:search"))
    bulk_published(partnership=world.other_partnership, count=50, title="Many")
    with django_assert_max_num_queries(14):
        last = client.get(reverse("goodpractice:search"), {"page": "3"})
    assert first.status_code == last.status_code == 200
    assert b"One 0" in first.content and b"51 entries" in last.content
    # The manager's own partnership's entries come first; the other region's entry is last.
    html = last.content.decode()
    assert html.count(">Many ") == 10 and html.index(">Many ") < html.index(">One 0")


def _adopt_many(entry, partnerships):
    from core import clock

    Adoption.objects.bulk_create(
        [
            Adoption(
                entry=entry,
                partnership=p,
                started_on=clock.today(),
                result="worked",
                explanation="It worked.",
            )
            for p in partnerships
        ]
    )


def test_entry_page_query_count_is_constant(world, client_for, django_assert_max_num_queries):
    from tests.factories import PartnershipFactory

    entry = published(partnership=world.partnership, reviewer=world.users["reviewer_in"])
    client = client_for("reviewer_in")
    _adopt_many(entry, [world.other_partnership])
    with django_assert_max_num_queries(16):
        one = client.get(entry.get_absolute_url())
    _adopt_many(entry, PartnershipFactory.create_batch(49, region=world.region_out))
    with django_assert_max_num_queries(16):
        many = client.get(entry.get_absolute_url())
    assert one.status_code == many.status_code == 200
    assert many.content.count(b"gp-adoption") == 50


def test_the_edit_form_starts_from_the_entry(world, client_for):
    entry = draft(partnership=world.partnership, title="Kept title", problem="Kept problem")
    page = (
        client_for("manager_this")
        .get(reverse("goodpractice:entry-edit", kwargs={"pk": entry.pk}))
        .content.decode()
    )
    assert 'value="Kept title"' in page and "Kept problem</textarea>" in page
