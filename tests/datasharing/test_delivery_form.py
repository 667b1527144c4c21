"""The delivery form (issue 17, item 10): it offers only what the agency provides under an
agreement in force, takes "1,240", and the agreement page links to it, filled in."""

from django.urls import reverse

from datasharing.models import Delivery, PrescribedDataset
from partnerships.models import Membership

from .helpers import make_agreement


def _form(client, query=""):
    response = client.get(reverse("datasharing:delivery-create") + query)
    assert response.status_code == 200
    return response.context["form"], response.content.decode()


def test_only_datasets_provided_under_an_agreement_are_offered(world, client_for):
    staff = client_for("staff_this")
    form, _ = _form(staff)
    assert list(form.fields["dataset"].queryset) == []
    make_agreement(world, status="active")  # police provide recorded crime
    make_agreement(
        world, status="draft", dataset_code="police-asb-incidents", title="Not yet in force"
    )
    form, html = _form(staff)
    assert [d.code for d in form.fields["dataset"].queryset] == ["police-recorded-crime"]
    assert "Anti-social behaviour" not in html and "Recorded crime by sub-category" in html


def test_a_dataset_without_an_agreement_is_refused(world, client_for):
    make_agreement(world, status="active")
    membership = Membership.objects.get(partnership=world.partnership, agency=world.agency)
    asb = PrescribedDataset.objects.get(code="police-asb-incidents")
    staff = client_for("staff_this")
    from datasharing.forms import DeliveryForm
    from datasharing.selectors import delivery_choices

    memberships, _ = delivery_choices(user=world.user("staff_this"))
    form = DeliveryForm(
        data={
            "membership": membership.pk,
            "dataset": asb.pk,
            "period_start": "2025-04-01",
            "period_end": "2025-06-30",
            "received_on": "2025-08-01",
            "record_count": "10",
        },
        memberships=memberships,
        datasets=PrescribedDataset.objects.all(),
    )
    assert not form.is_valid()
    assert "does not provide" in form.errors["dataset"][0]
    assert staff.get(reverse("datasharing:delivery-create")).status_code == 200


def test_a_count_with_a_thousands_comma_is_recorded(world, client_for):
    make_agreement(world, status="active")
    membership = Membership.objects.get(partnership=world.partnership, agency=world.agency)
    crime = PrescribedDataset.objects.get(code="police-recorded-crime")
    response = client_for("staff_this").post(
        reverse("datasharing:delivery-create"),
        {
            "membership": membership.pk,
            "dataset": crime.pk,
            "period_start_0": "1",
            "period_start_1": "April",
            "period_start_2": "2025",
            "period_end_0": "30",
            "period_end_1": "6",
            "period_end_2": "2025",
            "received_on_0": "1",
            "received_on_1": "Aug",
            "received_on_2": "2025",
            "record_count": "1,240",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert Delivery.objects.get().record_count == 1240


def test_the_agreement_page_links_to_a_filled_in_delivery_form(world, client_for):
    agreement = make_agreement(world, status="active")
    staff = client_for("staff_this")
    page = staff.get(agreement.get_absolute_url()).content.decode()
    link = f"{reverse('datasharing:delivery-create')}?agreement={agreement.pk}"
    assert f'href="{link}"' in page and "Record a delivery" in page
    form, html = _form(staff, f"?agreement={agreement.pk}")
    membership = Membership.objects.get(partnership=world.partnership, agency=world.agency)
    crime = PrescribedDataset.objects.get(code="police-recorded-crime")
    assert form.initial == {"membership": membership.pk, "dataset": crime.pk}
    assert agreement.get_absolute_url() in html  # back to the agreement


def test_the_link_is_only_for_providers_of_an_agreement_in_force(world, client_for):
    draft = make_agreement(world, status="draft")
    staff = client_for("staff_this")
    assert "Record a delivery" not in staff.get(draft.get_absolute_url()).content.decode()
    active = make_agreement(world, status="active", title="In force")
    manager_page = client_for("manager_this").get(active.get_absolute_url()).content.decode()
    assert "Record a delivery" not in manager_page
    # Another agency's staff get nothing from an agreement they are not party to (their one
    # membership is chosen for them, as any single choice is).
    form, html = _form(client_for("staff_other"), f"?agreement={active.pk}")
    assert "dataset" not in form.initial and active.get_absolute_url() not in html
