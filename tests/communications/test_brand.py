"""The brand page, its form and the printable sheet."""

import pytest
from django.urls import reverse

from communications.models import Brand
from communications.services import records

pytestmark = pytest.mark.django_db


def _url(world, name):
    return reverse(f"communications:{name}", kwargs={"code": world.partnership.ons_code})


def _brand(world, **values):
    return Brand.objects.create(
        partnership=world.partnership,
        public_name=values.get("public_name", "Safer Leedsford"),
        strapline=values.get("strapline", "Leedsford is a safe place"),
        primary_colour=values.get("primary_colour", "#1d70b8"),
        secondary_colour=values.get("secondary_colour", "#ffdd00"),
        voice="Plain and calm.",
        key_messages="Crime is falling\nThe city centre is safe at night",
    )


def test_no_brand_says_so_and_offers_the_manager_to_set_it(world, client_for):
    page = client_for("manager_this").get(_url(world, "brand")).content.decode()
    assert "The brand has not been set" in page
    assert "Set the brand" in page
    assert "No logo has been uploaded" in page
    assert reverse("partnerships:profile-edit", kwargs={"code": world.partnership.ons_code}) in page


def test_agency_staff_see_no_button_to_set_the_brand(world, client_for):
    page = client_for("staff_this").get(_url(world, "brand")).content.decode()
    assert "The brand has not been set" in page
    assert "Set the brand</a>" not in page
    assert "The partnership’s manager sets it" in page


def test_the_brand_shows_its_colours_with_readable_text(world, client_for):
    _brand(world)
    page = client_for("staff_this").get(_url(world, "brand")).content.decode()
    assert "Safer Leedsford" in page and "Leedsford is a safe place" in page
    assert 'fill="#1d70b8"' in page and "<code>#1d70b8</code>" in page
    # GOV.UK blue takes white text at 5.2 to 1; yellow takes black text.
    assert "Use white text on it: contrast 5.2 to 1, readable for body text" in page
    assert "Use black text on it" in page
    assert "<li>The city centre is safe at night</li>" in page
    assert "Change the brand" not in page


def test_contrast_follows_wcag():
    assert records.contrast("#ffffff", "#000000") == pytest.approx(21)
    assert records.swatch("Main", "#ffffff").text_colour == "black"
    red = records.swatch("Main", "#ff0000")  # 4.0 to 1 with white, 4.9 with near-black
    assert (red.text_colour, red.ratio, red.meets_aa) == ("black", 4.9, True)


def test_a_manager_sets_the_brand(world, client_for):
    client = client_for("manager_this")
    form = client.get(_url(world, "brand-edit"))
    assert form.context["form"].initial["public_name"] == "Leedsford"
    response = client.post(
        _url(world, "brand-edit"),
        {
            "public_name": "Safer Leedsford",
            "strapline": "",
            "primary_colour": "  1D70B8 ",
            "secondary_colour": "",
            "voice": "Plain",
            "key_messages": "One\nTwo",
        },
    )
    assert response.status_code == 302
    brand = Brand.objects.get(partnership=world.partnership)
    assert brand.primary_colour == "#1d70b8"
    assert brand.updated_by == world.users["manager_this"]
    # Changing it keeps one brand.
    client.post(
        _url(world, "brand-edit"),
        {"public_name": "Safer Leedsford Together", "primary_colour": "#00703c"},
    )
    brand = Brand.objects.get(partnership=world.partnership)
    assert (brand.public_name, brand.primary_colour) == ("Safer Leedsford Together", "#00703c")


def test_bad_brand_input_comes_back_with_govuk_errors(world, client_for):
    response = client_for("manager_this").post(
        _url(world, "brand-edit"),
        {"public_name": "", "primary_colour": "blue", "secondary_colour": "#12345"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["public_name"] == ["Enter the public name"]
    assert errors["primary_colour"] == ["Enter the main colour as a hex code, like #1d70b8"]
    assert errors["secondary_colour"] == ["Enter the second colour as a hex code, like #1d70b8"]
    assert "Error:" in response.content.decode()
    assert not Brand.objects.exists()


def test_the_sheet_is_a_page_of_its_own_with_print_styles(world, client_for):
    _brand(world)
    page = client_for("reviewer_in").get(_url(world, "brand-sheet")).content.decode()
    assert "communications/brand.css" in page
    assert 'class="cdrp-brand-sheet"' in page
    assert '<h1 class="govuk-heading-l">Safer Leedsford</h1>' in page
    assert "cdrp-no-print" in page


def test_the_print_styles_hide_the_navigation():
    from django.contrib.staticfiles import finders

    css = open(finders.find("communications/brand.css")).read()
    printed = css[css.index("@media print") :]
    for hidden in (".portal-header", ".govuk-footer", ".govuk-phase-banner", ".cdrp-no-print"):
        assert hidden in printed


def test_the_logo_is_shown_through_the_partnerships_view(world, client_for):
    from django.core.files.base import ContentFile

    world.partnership.logo.save("logo.png", ContentFile(b"\x89PNG\r\n\x1a\nx"), save=True)
    _brand(world)
    page = client_for("staff_this").get(_url(world, "brand")).content.decode()
    logo = reverse("partnerships:partnership-logo", kwargs={"code": world.partnership.ons_code})
    assert f'src="{logo}"' in page


def test_the_brand_page_runs_a_pinned_number_of_queries(
    world, client_for, django_assert_num_queries
):
    _brand(world)
    client = client_for("manager_this")
    client.get(_url(world, "brand"))  # the session is read once
    with django_assert_num_queries(BRAND_QUERIES):
        assert client.get(_url(world, "brand")).status_code == 200


# Session, user, roles, the partnership, the brand.
BRAND_QUERIES = 5
