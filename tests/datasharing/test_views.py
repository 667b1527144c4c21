"""Views: the task list journey, bad input, object access, uploads, exports and query counts."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import clock as portal_clock
from datasharing import services
from datasharing.models import Agreement, Delivery, PrescribedDataset

from .helpers import istv_csv, istv_row, make_agreement, member_agency, signatory_for

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"datasharing:{name}", kwargs=kwargs)


def test_task_list_sections_can_be_saved_in_any_order(client_for, world):
    staff = client_for("staff_this")
    response = staff.post(
        url("agreement-create"),
        {
            "title": "Night-time economy data",
            "partnership": world.partnership.pk,
            "agency": world.agency.pk,
            "role": "provider",
        },
    )
    agreement = Agreement.objects.get()
    assert response["Location"] == agreement.get_absolute_url()
    page = staff.get(agreement.get_absolute_url()).content.decode()
    assert "0 of 8 sections are complete" in page

    section = url("agreement-section", pk=agreement.pk, section="dates")
    assert (
        staff.post(
            section,
            {"frequency": "quarterly", "start_date": "01/04/2025", "review_date": "01/04/2026"},
        ).status_code
        == 302
    )
    assert (
        staff.post(
            url("agreement-section", pk=agreement.pk, section="about"),
            {"title": "Night-time economy data", "purpose": "Safer nights"},
        ).status_code
        == 302
    )
    page = staff.get(agreement.get_absolute_url()).content.decode()
    assert "2 of 8 sections are complete" in page
    agreement.refresh_from_db()
    assert agreement.start_date == date(2025, 4, 1)


@pytest.mark.parametrize(
    ("section", "data", "message"),
    [
        ("about", {}, "Enter"),
        (
            "dates",
            {"frequency": "quarterly", "start_date": "31/02/2025", "review_date": "x"},
            "must be a real date",
        ),
        (
            "dates",
            {"frequency": "quarterly", "start_date": "01/04/2025", "review_date": "01/01/2025"},
            "on or after the start date",
        ),
        (
            "dates",
            {"frequency": "fortnightly", "start_date": "01/04/2025", "review_date": "01/04/2026"},
            "Select an answer from the list",
        ),
        (
            "legal",
            {"lawful_basis": "public_task", "legal_powers": ["other"], "necessity": "x"},
            "Enter the other legal power",
        ),
        (
            "legal",
            {"lawful_basis": "nonsense", "legal_powers": ["zzz"], "necessity": "x"},
            "There is a problem",
        ),
        ("data", {"data_category": "special", "data_items": "x"}, "Enter the condition"),
        (
            "data",
            {"data_category": "personal", "data_items": "x", "datasets": ["999999", "abc"]},
            "There is a problem",
        ),
        ("dpia", {"dpia_status": "done"}, "Enter the DPIA date"),
        ("publication", {"publish": "perhaps"}, "Choose whether to publish"),
        ("parties", {"controllers": ""}, "There is a problem"),
        ("handling", {"retention": "x" * 5}, "Enter"),
    ],
)
def test_bad_section_input_changes_nothing(client_for, world, section, data, message):
    agreement = make_agreement(world, status="active")
    before = Agreement.objects.filter(pk=agreement.pk).values().get()
    response = client_for("staff_this").post(
        url("agreement-section", pk=agreement.pk, section=section), data
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text and message in text
    assert "<title>Error:" in text
    assert Agreement.objects.filter(pk=agreement.pk).values().get() == before


def test_unknown_section_is_404(client_for, world):
    agreement = make_agreement(world)
    assert (
        client_for("staff_this")
        .get(url("agreement-section", pk=agreement.pk, section="nope"))
        .status_code
        == 404
    )


def test_staff_of_an_agency_that_is_not_a_party_cannot_edit_or_sign(client_for, world):
    outsider_agency = member_agency(world.partnership, type_slug="fire", name="Leedsford Fire")
    outsider = signatory_for(outsider_agency, email="fire@example.org")
    from django.test import Client

    client = Client()
    client.force_login(outsider)
    agreement = make_agreement(world, status="awaiting_signatures")
    party = agreement.parties.get(agency=world.agency)
    # Member of the partnership: may read, so refused with 403 rather than 404.
    assert client.get(agreement.get_absolute_url()).status_code == 200
    assert client.get(url("agreement-section", pk=agreement.pk, section="about")).status_code == 403
    assert (
        client.post(
            url("agreement-section", pk=agreement.pk, section="about"),
            {"title": "Hijacked", "purpose": "x"},
        ).status_code
        == 403
    )
    assert (
        client.post(
            url("agreement-sign", pk=agreement.pk, party_pk=party.pk), {"confirm": "on"}
        ).status_code
        == 403
    )
    assert (
        client.post(url("agreement-transition", pk=agreement.pk, action="negotiate")).status_code
        == 403
    )
    agreement.refresh_from_db()
    assert agreement.title != "Hijacked" and not agreement.sign_offs.exists()


def test_sign_journey_through_the_views(client_for, world):
    agreement = make_agreement(world, status="awaiting_signatures")
    party = agreement.parties.get(agency=world.agency)
    staff = client_for("staff_this")
    sign = url("agreement-sign", pk=agreement.pk, party_pk=party.pk)
    refused = staff.post(sign, {})
    assert "There is a problem" in refused.content.decode()
    assert staff.post(sign, {"confirm": "on"}).status_code == 302
    again = staff.post(sign, {"confirm": "on"})  # twice: refused, no server error
    assert again.status_code == 200 and "already signed" in again.content.decode()
    assert agreement.sign_offs.count() == 1
    other = agreement.parties.exclude(agency=world.agency).get()
    wrong = staff.post(url("agreement-sign", pk=agreement.pk, party_pk=other.pk), {"confirm": "on"})
    assert wrong.status_code == 403
    # A party of another agreement in the URL is not found.
    second = make_agreement(world, status="awaiting_signatures", title="Second")
    assert (
        staff.get(
            url("agreement-sign", pk=agreement.pk, party_pk=second.parties.first().pk)
        ).status_code
        == 404
    )


def test_transition_with_incomplete_sections_is_refused_with_a_message(client_for, world):
    agreement = services.agreement_create(
        user=world.users["staff_this"],
        partnership=world.partnership,
        agency=world.agency,
        title="Incomplete",
    )
    response = client_for("staff_this").post(
        url("agreement-transition", pk=agreement.pk, action="request-signatures"), follow=True
    )
    assert "Complete every section" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == "draft"
    assert (
        client_for("staff_this")
        .post(url("agreement-transition", pk=agreement.pk, action="explode"))
        .status_code
        == 404
    )


def test_signed_copy_is_validated_by_content_and_size_and_served_only_to_readers(
    client_for, world, settings, tmp_path
):
    settings.DATASHARING_PRIVATE_ROOT = tmp_path
    agreement = make_agreement(world)
    staff = client_for("staff_this")
    upload = url("signed-copy-upload", pk=agreement.pk)
    fake = staff.post(upload, {"file": SimpleUploadedFile("a.pdf", b"MZ not a pdf")})
    assert "not a real PDF" in fake.content.decode()
    wrong_type = staff.post(upload, {"file": SimpleUploadedFile("a.exe", b"%PDF-1.4")})
    assert "must be a PDF" in wrong_type.content.decode()
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    assert "smaller than 10 MB" in staff.post(upload, {"file": big}).content.decode()
    agreement.refresh_from_db()
    assert not agreement.signed_copy

    ok = staff.post(upload, {"file": SimpleUploadedFile("../../signed.pdf", b"%PDF-1.4 ok")})
    assert ok.status_code == 302
    agreement.refresh_from_db()
    assert agreement.signed_copy.name.startswith("datasharing/signed/")
    assert "signed" in agreement.signed_copy_name and "/" not in agreement.signed_copy_name
    download = url("signed-copy-download", pk=agreement.pk)
    response = client_for("reviewer_in").get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 ok"
    assert client_for("staff_other").get(download).status_code == 404
    assert client_for("anonymous").get(download).status_code == 302


def test_delivery_form_rejects_bad_input_and_records_good(client_for, world):
    make_agreement(world, status="active")  # the police provide recorded crime under it
    staff = client_for("staff_this")
    from partnerships.models import Membership

    membership = Membership.objects.get(partnership=world.partnership, agency=world.agency)
    crime = PrescribedDataset.objects.get(code="police-recorded-crime")
    fire = PrescribedDataset.objects.get(code="fire-deliberate-primary")
    bad = staff.post(
        url("delivery-create"),
        {
            "membership": membership.pk,
            "dataset": fire.pk,
            "period_start": "01/07/2025",
            "period_end": "01/04/2025",
            "received_on": "01/01/2999",
            "record_count": "-3",
        },
    )
    text = bad.content.decode()
    # Fire data is not offered: the police provide only recorded crime under an agreement.
    assert "There is a problem" in text and "Choose a dataset from the list" in text
    assert "on or after its start" in text and "0 or more" in text
    other = Membership.objects.get(partnership=world.other_partnership)
    foreign = staff.post(
        url("delivery-create"),
        {
            "membership": other.pk,
            "dataset": crime.pk,
            "period_start": "01/04/2025",
            "period_end": "30/06/2025",
            "received_on": "01/08/2025",
            "record_count": "10",
        },
    )
    assert "Choose one of your agencies" in foreign.content.decode()
    assert Delivery.objects.count() == 0
    good = staff.post(
        url("delivery-create"),
        {
            "membership": membership.pk,
            "dataset": crime.pk,
            "period_start": "01/04/2025",
            "period_end": "30/06/2025",
            "received_on": "01/08/2025",
            "record_count": "10",
        },
    )
    assert good.status_code == 302 and Delivery.objects.count() == 1


def test_transparency_register_lists_only_published_signed_agreements(client, world):
    published = make_agreement(world, status="active", title="Published one")
    make_agreement(world, status="active", title="Private one", values={"publish": False})
    make_agreement(world, status="draft", title="Draft one")
    response = client.get(reverse("transparency:register"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Published one" in text and "Private one" not in text and "Draft one" not in text
    assert published.purpose in text and "Crime and Disorder Act 1998, section 17A" in text
    # Nothing beyond the published fields.
    assert published.retention not in text and published.reference not in text


def test_coverage_export_and_register_export(client_for, world):
    make_agreement(world, status="active")
    manager = client_for("manager_this")
    response = manager.get(url("coverage-export", code=world.partnership.ons_code))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Dataset"
    assert any(r[0] == "Recorded crime by sub-category" and r[3].startswith("DSA-") for r in rows)
    register = manager.get(url("agreement-export"))
    assert "Recorded crime for the partnership" in register.content.decode()
    outsider = client_for("manager_other").get(url("agreement-export"))
    assert "Recorded crime for the partnership" not in outsider.content.decode()


def test_csv_cells_cannot_become_formulas(client_for, world):
    make_agreement(world, title='=HYPERLINK("http://evil")')
    text = client_for("staff_this").get(url("agreement-export")).content.decode()
    assert "'=HYPERLINK" in text


def test_register_filters_ignore_bad_values(client_for, world):
    make_agreement(world)
    response = client_for("staff_this").get(
        url("agreement-list"), {"status": "bogus", "partnership": "x'; --"}
    )
    assert response.status_code == 200


def test_analysis_filter_errors_show_the_summary(client_for, world):
    response = client_for("manager_this").get(
        url("istv-analysis", code=world.partnership.ons_code),
        {"date_from": "32/13/2025", "site": "abc"},
    )
    text = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in text


def test_home_panel_shows_agreements_awaiting_signature(client_for, world):
    agreement = make_agreement(world, status="awaiting_signatures", title="Please sign me")
    text = client_for("staff_this").get(reverse("home")).content.decode()
    assert "Agreements awaiting your signature" in text and agreement.title in text
    text = client_for("manager_this").get(reverse("home")).content.decode()
    assert "Data sharing" in text


# Pinned query counts: the same maximum at 1 row and at 50 rows.


def _agreements(world, n):
    second = member_agency(world.partnership)
    crime = list(PrescribedDataset.objects.filter(code="police-recorded-crime"))
    for i in range(n):
        agreement = services.agreement_create(
            user=world.users["staff_this"],
            partnership=world.partnership,
            agency=world.agency,
            title=f"Agreement {i}",
        )
        services.party_add(
            agreement=agreement, agency=second, role="recipient", user=world.users["staff_this"]
        )
        services.agreement_update(
            agreement=agreement,
            user=world.users["staff_this"],
            values={"frequency": "quarterly", "start_date": date(2025, 1, 1)},
            datasets=crime,
        )


def _deliveries(world, n):
    crime = PrescribedDataset.objects.get(code="police-recorded-crime")
    start = date(2010, 1, 1)
    for i in range(n):
        Delivery.objects.create(
            partnership=world.partnership,
            agency=world.agency,
            dataset=crime,
            period_start=start + timedelta(days=92 * i),
            period_end=start + timedelta(days=92 * i + 90),
            received_on=portal_clock.today(),
            record_count=i,
        )


def _istv(world, n):
    ed = member_agency(
        world.partnership, type_slug="emergency-department", name="ED", site_code="RX101"
    )
    user = signatory_for(ed, email="ed.staff@example.org")
    rows = [
        istv_row(
            when=f"2025-04-{1 + i % 28:02d} {i % 24:02d}:10",
            arrived=f"2025-04-{1 + i % 28:02d} {i % 24:02d}:50",
            method=["body", "glass", "sharp"][i % 3],
            location=["pub-bar", "street", "home"][i % 3],
            place=f"Place {i % 12}",
        )
        for i in range(n)
    ]
    services.istv_import(
        agency=ed,
        user=user,
        period_start=date(2025, 4, 1),
        period_end=date(2025, 4, 30),
        text=istv_csv(rows).decode(),
    )


PAGES = [
    ("register", lambda w: url("agreement-list"), _agreements, 14),
    ("register-csv", lambda w: url("agreement-export"), _agreements, 14),
    # Coverage reads recent deliveries and returns, and each older stream's last one.
    ("matrix", lambda w: url("coverage", code=w.partnership.ons_code), _agreements, 12),
    (
        "matrix-with-deliveries",
        lambda w: url("coverage", code=w.partnership.ons_code),
        _deliveries,
        12,
    ),
    ("deliveries", lambda w: url("delivery-list"), _deliveries, 8),
    ("analysis", lambda w: url("istv-analysis", code=w.partnership.ons_code), _istv, 4),
    ("analysis-csv", lambda w: url("istv-analysis-export", code=w.partnership.ons_code), _istv, 6),
]


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize(("name", "path", "make", "limit"), PAGES, ids=[p[0] for p in PAGES])
def test_query_counts_are_pinned(
    client_for, world, django_assert_max_num_queries, rows, name, path, make, limit
):
    make(world, rows)
    client = client_for("manager_this")
    target = path(world)
    client.get(target)  # warm any per-process caches
    with django_assert_max_num_queries(limit):
        response = client.get(target)
    assert response.status_code == 200
