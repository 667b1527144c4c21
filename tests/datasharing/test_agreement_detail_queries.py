"""The agreement page reads its parties, their agencies and every sign-off once, with the
agreement: a fixed number of queries however many parties and versions, and the same page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from datasharing import services
from datasharing.models import Agreement, AgreementParty

from .helpers import make_agreement, member_agency, signatory_for

pytestmark = pytest.mark.django_db


def detail(client, agreement):
    """The page's main content and the number of queries it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("datasharing:agreement-detail", kwargs={"pk": agreement.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")], len(queries)


def test_the_page_runs_the_same_queries_whatever_the_parties_and_sign_offs(world, client_for):
    agreement = make_agreement(world, status="draft")
    client = client_for("manager_this")
    _, draft_count = detail(client, agreement)

    staff = world.users["staff_this"]
    third = member_agency(world.partnership, type_slug="fire", name="Leedsford Fire")
    services.party_add(
        agreement=agreement, agency=third, role=AgreementParty.Role.RECIPIENT, user=staff
    )
    services.agreement_request_signatures(agreement=agreement, user=staff)
    for party in agreement.parties.select_related("agency"):
        signer = staff if party.agency_id == world.agency.pk else signatory_for(party.agency)
        services.agreement_sign(agreement=agreement, party=party, user=signer)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.ACTIVE
    # New terms: every party must sign version 2; the police sign at once.
    services.agreement_update(agreement=agreement, user=staff, values={"retention": "Two years"})
    agreement.refresh_from_db()
    assert agreement.terms_version == 2
    police = agreement.parties.get(agency=world.agency)
    services.agreement_sign(agreement=agreement, party=police, user=staff)

    body, count = detail(client, agreement)
    assert count == draft_count == 7
    # The parties table: the police signed the current terms, the others not yet.
    assert body.count("Signed by") == 1
    # The sign-off record: newest version first, then in the order signed.
    record = re.findall(r"<li>Version (\d+): ([^,]+),", body)
    assert record[0] == ("2", world.agency.name)
    assert [version for version, _ in record] == ["2", "1", "1", "1"]
    assert {name for version, name in record if version == "1"} == {
        p.agency.name for p in agreement.parties.select_related("agency")
    }


def test_a_signatory_sees_the_link_to_sign_for_their_party_only(world, client_for):
    agreement = make_agreement(world, status="awaiting_signatures")
    second = agreement.parties.exclude(agency=world.agency).select_related("agency").get()
    sign_url = reverse(
        "datasharing:agreement-sign", kwargs={"pk": agreement.pk, "party_pk": second.pk}
    )
    police_url = reverse(
        "datasharing:agreement-sign",
        kwargs={"pk": agreement.pk, "party_pk": agreement.parties.get(agency=world.agency).pk},
    )
    body, _ = detail(client_for("staff_this"), agreement)
    assert police_url in body and sign_url not in body
    body, _ = detail(client_for("manager_this"), agreement)
    assert police_url not in body and sign_url not in body
