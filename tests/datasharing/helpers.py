"""Building blocks for data-sharing tests: agreements in a given state, ED agencies, ISTV files."""

import csv
import io
from datetime import date, timedelta

from accounts.models import Role
from accounts.services import role_assign
from core import clock
from datasharing import services
from datasharing.models import Agreement, AgreementParty, PrescribedDataset
from tests import factories

COMPLETE = {
    "purpose": "Reduce violence in the city centre",
    "controllers": Agreement.Controllers.SEPARATE,
    "data_category": Agreement.DataCategory.DEPERSONALISED,
    "data_items": "Crime sub-category, date, time, location",
    "lawful_basis": Agreement.LawfulBasis.NOT_APPLICABLE,
    "legal_powers": ["cda_s17a"],
    "necessity": "Needed for the strategic assessment",
    "dpia_status": Agreement.Dpia.NOT_NEEDED,
    "retention": "Three years",
    "security": "Secure server",
    "transfer_method": "SFTP",
    "rights_arrangements": "No personal data",
    "frequency": "quarterly",
    "publish": True,
}


def member_agency(partnership, *, type_slug="la-unitary", name=None, site_code=""):
    from partnerships.models import Agency, Membership

    agency, _ = Agency.objects.get_or_create(
        name=name or f"{partnership.name} {type_slug}",
        agency_type=factories.agency_type(type_slug),
        defaults={"site_code": site_code},
    )
    Membership.objects.get_or_create(partnership=partnership, agency=agency)
    return agency


def signatory_for(agency, email=None):
    from accounts.models import User

    email = email or f"signatory.{agency.pk}@example.org"
    user = User.objects.filter(email=email).first() or factories.UserFactory(email=email)
    role_assign(user=user, role=Role.AGENCY_STAFF, agency=agency, is_signatory=True)
    return user


def make_agreement(
    world,
    *,
    status="draft",
    dataset_code="police-recorded-crime",
    start=None,
    second=None,
    title="Recorded crime for the partnership",
    values=None,
):
    """An agreement of world.partnership with world.agency (police) providing data and a
    second member agency receiving it, in the given status."""
    staff = world.users["staff_this"]
    agreement = services.agreement_create(
        user=staff,
        partnership=world.partnership,
        agency=world.agency,
        title=title,
        role=AgreementParty.Role.PROVIDER,
    )
    second = second or member_agency(world.partnership)
    services.party_add(
        agreement=agreement, agency=second, role=AgreementParty.Role.RECIPIENT, user=staff
    )
    today = clock.today()
    all_values = {
        **COMPLETE,
        "start_date": start or today - timedelta(days=400),
        "review_date": today + timedelta(days=200),
        **(values or {}),
    }
    datasets = list(PrescribedDataset.objects.filter(code=dataset_code))
    services.agreement_update(agreement=agreement, user=staff, values=all_values, datasets=datasets)
    agreement.refresh_from_db()
    if status == "draft":
        return agreement
    if status == "in_negotiation":
        return services.agreement_start_negotiation(agreement=agreement, user=staff)
    services.agreement_request_signatures(agreement=agreement, user=staff)
    if status == "awaiting_signatures":
        agreement.refresh_from_db()
        return agreement
    for party in agreement.parties.all():
        signer = staff if party.agency_id == world.agency.pk else signatory_for(party.agency)
        services.agreement_sign(agreement=agreement, party=party, user=signer)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.ACTIVE, agreement.status
    return agreement


def istv_csv(rows, *, header=None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        header
        or [
            "site_code",
            "arrival_datetime",
            "assault_datetime",
            "assault_method",
            "assault_method_other",
            "assault_location_type",
            "assault_location_description",
        ]
    )
    writer.writerows(rows)
    return out.getvalue().encode()


def istv_row(
    site="RX101",
    when="2025-04-05 23:10",
    arrived="2025-04-05 23:50",
    method="body",
    other="",
    location="pub-bar",
    place="Call Lane",
):
    return [site, arrived, when, method, other, location, place]


APRIL = (date(2025, 4, 1), date(2025, 4, 30))
