"""The 360Giving export against the official schemas (offline copies in
../shared/standards/360giving/) and the 360Giving data-quality checks named in issue 16, which
are reproduced here because their tool is not on PyPI."""

import csv
import io
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from core import clock
from funding import services
from funding.models import BidStatus
from partnerships.org_ids import LISTS, list_of, validate_org_id
from tests import factories
from tests.datasharing.helpers import member_agency

from .factories import BidFactory, FunderFactory, OpportunityFactory

pytestmark = pytest.mark.django_db

STANDARD = Path(settings.BASE_DIR).parent / "shared" / "standards" / "360giving"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def package_validator() -> Draft202012Validator:
    package = json.loads((STANDARD / "360-giving-package-schema.json").read_text())
    grant = json.loads((STANDARD / "360-giving-schema.json").read_text())
    resource = DRAFT202012.create_resource(grant)  # its $schema is the http:// spelling
    # The package schema refers to the grant schema by its published address (1.4.2 there,
    # 1.4.3 in the grant schema's own $id): both resolve to the local copy, never the network.
    registry = Registry().with_resources(
        [(grant["$id"], resource), (package["properties"]["grants"]["items"]["$ref"], resource)]
    )
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def date_time(value):
        return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None

    @checker.checks("uri")
    def uri(value):
        parts = urlparse(value) if isinstance(value, str) else None
        return parts is None or bool(parts.scheme and parts.netloc)

    return Draft202012Validator(package, registry=registry, format_checker=checker)


# The data-quality checks: each returns what it finds wrong in a package ------------------------


def _orgs(grant, key):
    return grant.get(key) or []


def zero_amount(package):
    return [g["id"] for g in package["grants"] if g["amountAwarded"] == 0]


def funding_org_unrecognised_prefix(package):
    return [
        o["id"]
        for g in package["grants"]
        for o in _orgs(g, "fundingOrganization")
        if not list_of(o["id"])
    ]


def recipient_org_unrecognised_prefix(package):
    return [
        o["id"]
        for g in package["grants"]
        for o in _orgs(g, "recipientOrganization")
        if not list_of(o["id"])
    ]


def org_360g_prefix(package):
    """Organisations identified under a 360G prefix instead of a register (a warning)."""
    return [
        o["id"]
        for g in package["grants"]
        for o in _orgs(g, "recipientOrganization") + _orgs(g, "fundingOrganization")
        if o["id"].startswith("360G-")
    ]


def no_last_modified(package):
    return [g["id"] for g in package["grants"] if not g.get("dateModified")]


def no_data_source(package):
    return [g["id"] for g in package["grants"] if not g.get("dataSource")]


def no_beneficiary_location(package):
    return [
        g["id"]
        for g in package["grants"]
        if not any(loc.get("geoCode") for loc in g.get("beneficiaryLocation") or [])
    ]


def title_description_same(package):
    return [g["id"] for g in package["grants"] if g["title"].strip() == g["description"].strip()]


def title_length(package):
    return [g["id"] for g in package["grants"] if len(g["title"]) > 140]


def looks_like_email(package):
    return [g["id"] for g in package["grants"] if EMAIL.search(json.dumps(g))]


def grant_id_prefix(package):
    """Every grant id starts with the publisher's registered 360G- prefix."""
    prefix = settings.GIVING360_PREFIX
    return [g["id"] for g in package["grants"] if not g["id"].startswith(prefix + "-")]


def package_metadata(package):
    return [
        key
        for key in ("license", "publisher", "version", "issued", "modified")
        if not package.get(key)
    ]


CHECKS = [
    zero_amount,
    funding_org_unrecognised_prefix,
    recipient_org_unrecognised_prefix,
    org_360g_prefix,
    no_last_modified,
    no_data_source,
    no_beneficiary_location,
    title_description_same,
    title_length,
    looks_like_email,
    grant_id_prefix,
    package_metadata,
]


@pytest.fixture
def awarded(world):
    """Two awarded bids of the world's partnership, whose council has an org-id.guide id."""
    council = member_agency(world.partnership, type_slug="la-unitary", name="Leedsford Council")
    council.org_id = "GB-LAE-LDF"
    council.save()
    manager = world.users["manager_this"]
    funder = FunderFactory(name="Home Office", identifier="GB-GOV-13")
    bids = []
    for amount in (55_000, 12_500):
        opportunity = OpportunityFactory(
            funder=funder,
            programme="Safer Streets",
            period_start=clock.today(),
            period_end=clock.today() + timedelta(days=364),
            period_months=12,
        )
        bid = BidFactory(
            partnership=world.partnership,
            opportunity=opportunity,
            status=BidStatus.SUBMITTED,
            amount_requested=60_000,
        )
        bids.append(
            services.bid_change_status(
                bid=bid, user=manager, status=BidStatus.AWARDED, amount_awarded=amount
            )
        )
    return bids


def export(client_for, role="manager_this") -> dict:
    response = client_for(role).get(reverse("funding:giving360-json"))
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_export_validates_against_the_360giving_package_schema(awarded, client_for):
    package = export(client_for)
    errors = sorted(package_validator().iter_errors(package), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    assert len(package["grants"]) == 2


def test_the_schema_check_can_fail(awarded, client_for):
    package = export(client_for)
    del package["grants"][0]["fundingOrganization"]
    package["grants"][1]["dateModified"] = "yesterday"
    package["license"] = "CC BY"
    messages = [e.message for e in package_validator().iter_errors(package)]
    assert len(messages) >= 3, messages


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_the_export_passes_each_data_quality_check(awarded, client_for, check):
    assert check(export(client_for)) == []


def test_each_data_quality_check_finds_what_it_is_for(awarded, client_for):
    """Proof the checks can fail: each is run on a package broken the way it looks for."""
    bad = export(client_for)
    first = bad["grants"][0]
    first.update(
        amountAwarded=0,
        title=first["description"],
        dataSource="",
        id="360G-madeup-1",
        beneficiaryLocation=[],
    )
    first.pop("dateModified")
    first["fundingOrganization"][0]["id"] = "XX-FUNDER-1"
    first["recipientOrganization"][0]["id"] = "360G-cdrpportal-E22000001"
    bad["grants"][1]["title"] = "t" * 141
    bad["grants"][1]["description"] = "Contact grants@example.org"
    del bad["license"]
    for check in CHECKS:
        assert check(bad), check.__name__


def test_grants_carry_the_settings_prefix_source_and_last_change(awarded, client_for, settings):
    settings.GIVING360_PREFIX = "360G-examplefund"
    package = export(client_for)
    grant = package["grants"][0]
    assert grant["id"] == f"360G-examplefund-{awarded[0].pk}"
    assert grant["dataSource"] == "http://testserver" + reverse("funding:giving360-json")
    assert datetime.fromisoformat(grant["dateModified"]) >= awarded[0].created_at.replace(
        microsecond=0
    )
    assert grant["recipientOrganization"][0] == {
        "id": "GB-LAE-LDF",
        "name": "Leedsford Council",
        "department": "Leedsford Community Safety Partnership",
    }
    assert package["version"] == "1.4"
    assert package["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["publisher"]["name"] == settings.GIVING360_PUBLISHER_NAME


def test_the_default_grant_prefix_looks_registered():
    from cdrp_portal.settings import base

    assert re.fullmatch(r"360G-[A-Za-z0-9]+", base.GIVING360_PREFIX)


def test_the_csv_carries_the_same_identifiers_and_quality_columns(awarded, client_for):
    response = client_for("manager_this").get(reverse("funding:giving360-csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["Recipient Org:Identifier"] for row in rows} == {"GB-LAE-LDF"}
    assert {row["Funding Org:Identifier"] for row in rows} == {"GB-GOV-13"}
    assert all(row["Last Modified"] and row["Data Source"] for row in rows)
    assert {row["Amount Awarded"] for row in rows} == {"55000", "12500"}


# Organisation identifiers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["GB-LAE-LDS", "GB-CHC-1185413", "GB-WALEA-CRF", "GB-COH-01234567", "GB-GOV-13"]
)
def test_org_ids_from_org_id_guide_lists_are_accepted(value):
    validate_org_id(value)
    assert list_of(value) in LISTS


@pytest.mark.parametrize(
    "value",
    [
        "",
        "360G-cdrpportal-funder-home-office",
        "GB-XYZ-1",
        "LDS",
        "GB-LAE-",
        "gb-lae-lds",
        "GB-LAE-LDS extra",
    ],
)
def test_other_org_ids_are_refused(value):
    with pytest.raises(ValidationError):
        validate_org_id(value)


def test_an_agency_and_a_funder_check_their_org_ids(world):
    agency = factories.AgencyFactory(org_id="GB-MADEUP")
    with pytest.raises(ValidationError) as error:
        agency.full_clean()
    assert "org_id" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.funder_create(name="Fund", identifier="360G-fund")
    assert "identifier" in error.value.message_dict
    assert services.funder_create(name="Fund", identifier=" GB-CHC-1234567 ").identifier == (
        "GB-CHC-1234567"
    )


def test_the_funder_form_refuses_a_made_up_identifier(world, client_for):
    response = client_for("admin").post(
        reverse("funding:funder-create"), {"name": "Fund", "identifier": "360G-fund"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "Enter an org-id.guide identifier" in response.content.decode()


def test_the_demo_gives_councils_and_funders_org_ids(world):
    from funding.demo import FUNDERS
    from partnerships.demo import COUNCIL_ORG_IDS

    for org_id in [*COUNCIL_ORG_IDS.values(), *(identifier for _n, identifier, _u in FUNDERS)]:
        validate_org_id(org_id)


# An awarded bid has money: form, service and API ---------------------------------------------


def test_an_award_of_nothing_is_refused_by_the_service(awarded, world):
    manager = world.users["manager_this"]
    for amount in (0, None):
        with pytest.raises(ValidationError) as error:
            services.bid_update(bid=awarded[0], user=manager, amount_awarded=amount)
        assert "amount_awarded" in error.value.message_dict
    bid = BidFactory(partnership=world.partnership, status=BidStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        services.bid_change_status(
            bid=bid, user=manager, status=BidStatus.AWARDED, amount_awarded=0
        )
    awarded[0].refresh_from_db()
    assert awarded[0].amount_awarded == 55_000


def test_an_award_of_nothing_is_refused_by_the_forms(awarded, world, client_for):
    client = client_for("manager_this")
    edit = client.post(
        reverse("funding:bid-edit", kwargs={"pk": awarded[0].pk}),
        {"amount_awarded": "0", "staff_days": "1"},
    )
    assert edit.status_code == 200
    assert "more than £0" in edit.content.decode()
    bid = BidFactory(partnership=world.partnership, status=BidStatus.SUBMITTED)
    status = client.post(
        reverse("funding:bid-status", kwargs={"pk": bid.pk}),
        {"status": "awarded", "amount_awarded": "0"},
    )
    assert status.status_code == 200
    assert "more than £0" in status.content.decode()
    bid.refresh_from_db()
    assert bid.status == BidStatus.SUBMITTED


def test_an_award_of_nothing_is_refused_by_the_api(awarded, world):
    from rest_framework.test import APIClient

    from accounts.api_tokens import token_create

    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION="Bearer "
        + token_create(user=world.users["manager_this"], name="award")[1]
    )
    response = client.patch(f"/api/v1/bids/{awarded[0].pk}/", {"amount_awarded": 0}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "amount_awarded"
    awarded[0].refresh_from_db()
    assert awarded[0].amount_awarded == 55_000
