"""The agreement workflow and its sign-off rules, through the services."""

from datetime import timedelta

import pytest

from core import clock as portal_clock
from datasharing import services
from datasharing.models import Agreement, AgreementParty, SignOff
from datasharing.selectors import agreement_sections

from .helpers import make_agreement, member_agency, signatory_for

pytestmark = pytest.mark.django_db
Status = Agreement.Status


def test_a_new_agreement_is_a_draft_with_a_reference_and_the_creators_agency_as_party(world):
    staff = world.users["staff_this"]
    agreement = services.agreement_create(
        user=staff, partnership=world.partnership, agency=world.agency, title="Crime data"
    )
    assert agreement.status == Status.DRAFT
    assert agreement.reference == f"DSA-{world.partnership.ons_code}-{agreement.pk:05d}"
    assert [p.agency for p in agreement.parties.all()] == [world.agency]
    assert agreement.history.first().history_user == staff


def test_an_agency_outside_the_partnership_cannot_be_a_party(world):
    with pytest.raises(services.ServiceError):
        services.agreement_create(
            user=world.users["staff_other"],
            partnership=world.partnership,
            agency=world.other_agency,
            title="Crime data",
        )
    agreement = make_agreement(world)
    with pytest.raises(services.ServiceError):
        services.party_add(
            agreement=agreement,
            agency=world.other_agency,
            role="provider",
            user=world.users["staff_this"],
        )
    assert agreement.parties.count() == 2


def test_sections_show_what_is_complete(world):
    agreement = services.agreement_create(
        user=world.users["staff_this"],
        partnership=world.partnership,
        agency=world.agency,
        title="Crime data",
    )
    sections = {s.slug: s.complete for s in agreement_sections(agreement)}
    assert not any(sections.values())
    services.agreement_update(
        agreement=agreement, user=world.users["staff_this"], values={"purpose": "To reduce crime"}
    )
    agreement.refresh_from_db()
    sections = {s.slug: s.complete for s in agreement_sections(agreement)}
    assert sections["about"] and not sections["parties"]


def test_sending_for_signature_needs_every_section(world):
    agreement = services.agreement_create(
        user=world.users["staff_this"],
        partnership=world.partnership,
        agency=world.agency,
        title="Crime data",
    )
    with pytest.raises(services.ServiceError, match="Complete every section"):
        services.agreement_request_signatures(agreement=agreement, user=world.users["staff_this"])
    agreement.refresh_from_db()
    assert agreement.status == Status.DRAFT


def test_special_category_data_needs_its_condition(world):
    agreement = make_agreement(world, values={"data_category": "special"})
    assert not next(s for s in agreement_sections(agreement) if s.slug == "data").complete


def test_active_needs_every_partys_signatory_and_records_who_and_when(world, clock):
    agreement = make_agreement(world, status="awaiting_signatures")
    police, council = (
        agreement.parties.get(agency=world.agency),
        agreement.parties.exclude(agency=world.agency).get(),
    )
    staff = world.users["staff_this"]
    sign_off = services.agreement_sign(agreement=agreement, party=police, user=staff)
    agreement.refresh_from_db()
    assert agreement.status == Status.AWAITING_SIGNATURES
    assert (sign_off.signed_by, sign_off.signed_at) == (staff, clock.current)

    # The police signatory cannot sign for the council, nor sign twice for the police.
    with pytest.raises(services.ServiceError, match="not an authorised signatory"):
        services.agreement_sign(agreement=agreement, party=council, user=staff)
    with pytest.raises(services.ServiceError, match="already signed"):
        services.agreement_sign(agreement=agreement, party=police, user=staff)

    services.agreement_sign(agreement=agreement, party=council, user=signatory_for(council.agency))
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE
    assert SignOff.objects.filter(agreement=agreement).count() == 2


def test_staff_who_are_not_signatories_cannot_sign(world):
    from accounts.models import Role
    from accounts.services import role_assign
    from tests.factories import UserFactory

    agreement = make_agreement(world, status="awaiting_signatures")
    clerk = UserFactory()
    role_assign(user=clerk, role=Role.AGENCY_STAFF, agency=world.agency, is_signatory=False)
    with pytest.raises(services.ServiceError):
        services.agreement_sign(
            agreement=agreement, party=agreement.parties.get(agency=world.agency), user=clerk
        )


def test_a_change_to_an_active_agreements_terms_returns_it_for_signature(world):
    agreement = make_agreement(world, status="active")
    version = agreement.terms_version
    services.agreement_update(
        agreement=agreement, user=world.users["staff_this"], values={"retention": "Five years"}
    )
    agreement.refresh_from_db()
    assert agreement.status == Status.AWAITING_SIGNATURES
    assert agreement.terms_version == version + 1
    # The old sign-offs stay on record but do not count for the new terms.
    assert agreement.sign_offs.filter(terms_version=version).count() == 2
    assert not agreement.sign_offs.filter(terms_version=version + 1).exists()


def test_saving_the_same_values_changes_nothing(world):
    agreement = make_agreement(world, status="active")
    services.agreement_update(
        agreement=agreement,
        user=world.users["staff_this"],
        values={"retention": agreement.retention, "publish": False},
    )
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE  # publication is not a term


def test_adding_a_party_to_an_active_agreement_returns_it_for_signature(world):
    agreement = make_agreement(world, status="active")
    services.party_add(
        agreement=agreement,
        agency=member_agency(world.partnership, type_slug="fire"),
        role=AgreementParty.Role.RECIPIENT,
        user=world.users["staff_this"],
    )
    agreement.refresh_from_db()
    assert agreement.status == Status.AWAITING_SIGNATURES


def test_every_transition_is_in_the_history(world):
    agreement = make_agreement(world, status="active")
    services.agreement_end(
        agreement=agreement,
        user=world.users["staff_this"],
        outcome=Status.TERMINATED,
        reason="Replaced by national feed",
    )
    statuses = list(
        agreement.history.order_by("history_date", "history_id").values_list("status", flat=True)
    )
    compressed = [s for i, s in enumerate(statuses) if i == 0 or statuses[i - 1] != s]
    assert compressed == ["draft", "awaiting_signatures", "active", "terminated"]


def test_an_ended_agreement_cannot_change(world):
    agreement = make_agreement(world, status="active")
    services.agreement_end(
        agreement=agreement,
        user=world.users["staff_this"],
        outcome=Status.TERMINATED,
        reason="Stopped",
    )
    with pytest.raises(services.ServiceError):
        services.agreement_update(
            agreement=agreement, user=world.users["staff_this"], values={"title": "New"}
        )


def test_superseding_needs_the_replacement(world):
    agreement = make_agreement(world, status="active")
    with pytest.raises(services.ServiceError):
        services.agreement_end(
            agreement=agreement,
            user=world.users["staff_this"],
            outcome=Status.SUPERSEDED,
            reason="Replaced",
        )
    newer = make_agreement(world, title="Newer")
    services.agreement_end(
        agreement=agreement,
        user=world.users["staff_this"],
        outcome=Status.SUPERSEDED,
        reason="Replaced",
        superseded_by=newer,
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.superseded_by) == (Status.SUPERSEDED, newer)


def test_review_date_and_end_date_move_the_status(world, clock):
    agreement = make_agreement(
        world,
        status="active",
        values={
            "review_date": portal_clock.today() + timedelta(days=10),
            "end_date": portal_clock.today() + timedelta(days=20),
        },
    )
    services.agreements_update_statuses(today=portal_clock.today() + timedelta(days=10))
    agreement.refresh_from_db()
    assert agreement.status == Status.REVIEW_DUE
    services.agreement_record_review(
        agreement=agreement,
        user=world.users["staff_this"],
        next_review_date=portal_clock.today() + timedelta(days=15),
    )
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE
    services.agreements_update_statuses(today=portal_clock.today() + timedelta(days=21))
    agreement.refresh_from_db()
    assert agreement.status == Status.EXPIRED


def test_delivery_only_for_the_users_own_member_agency(world):
    from datasharing.models import PrescribedDataset

    dataset = PrescribedDataset.objects.get(code="police-recorded-crime")
    today = portal_clock.today()
    with pytest.raises(services.ServiceError):
        services.delivery_record(
            user=world.users["staff_other"],
            partnership=world.partnership,
            agency=world.agency,
            dataset=dataset,
            period_start=today,
            period_end=today,
            received_on=today,
            record_count=1,
        )
    with pytest.raises(services.ServiceError):
        services.delivery_record(
            user=world.users["staff_this"],
            partnership=world.partnership,
            agency=world.agency,
            dataset=dataset,
            period_start=today,
            period_end=today,
            received_on=today + timedelta(days=1),
            record_count=1,
        )
