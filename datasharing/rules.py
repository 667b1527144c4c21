"""Who may do what with data-sharing records. One place; views declare the permission.

- Read an agreement, the coverage matrix, deliveries and the ISTV analysis of a partnership:
  anyone who may read the partnership (its manager, its agencies' staff, its region's
  reviewers, administrators). Everyone else gets 404.
- Create an agreement: staff of an agency that is a member of a partnership (it becomes a party).
- Change an agreement: staff of a party agency, and administrators. The manager only reads.
- Sign: an authorised signatory of a party agency, once per party and version of the terms.
- Record a delivery: agency staff, for their own agency.
- Upload an ISTV return: staff of a hospital emergency department.
- What a data stream achieved: read by anyone who may read the partnership; its manager (and
  administrators) add notes and record which actions and documents use the data. Agency staff
  list the streams their agencies provide.
"""

import rules

from accounts.rules import is_administrator
from partnerships.rules import can_read_partnership, is_manager_of_partnership

ED = "emergency-department"


@rules.predicate
def can_read_agreement(user, agreement) -> bool:
    return agreement is not None and can_read_partnership(user, agreement.partnership)


@rules.predicate
def is_staff_of_party(user, agreement) -> bool:
    if agreement is None or not user.scope.agency_ids:
        return False
    return any(p.agency_id in user.scope.agency_ids for p in agreement.parties.all())


@rules.predicate
def agreement_is_editable(user, agreement) -> bool:
    return agreement is not None and agreement.is_editable


@rules.predicate
def is_signatory_for_party(user, party) -> bool:
    return party is not None and party.agency_id in user.scope.signatory_agency_ids


@rules.predicate
def can_read_party(user, party) -> bool:
    return party is not None and can_read_agreement(user, party.agreement)


@rules.predicate
def is_member_agency_staff(user) -> bool:
    if not user.is_authenticated or not user.scope.agency_ids:
        return False
    from partnerships.models import Membership

    return Membership.objects.filter(agency_id__in=user.scope.agency_ids).exists()


@rules.predicate
def is_agency_staff(user) -> bool:
    return user.is_authenticated and user.scope.is_agency_staff


@rules.predicate
def is_ed_staff(user) -> bool:
    if not user.is_authenticated or not user.scope.agency_ids:
        return False
    from partnerships.models import Agency

    return Agency.objects.filter(pk__in=user.scope.agency_ids, agency_type__slug=ED).exists()


@rules.predicate
def has_data_sharing_scope(user) -> bool:
    scope = user.scope
    return scope.is_admin or scope.is_reviewer or scope.is_manager or scope.is_agency_staff


@rules.predicate
def owns_pending_upload(user, pending) -> bool:
    return (
        pending is not None
        and pending.uploaded_by_id == user.pk
        and pending.agency_id in user.scope.agency_ids
    )


rules.add_perm("datasharing.use_datasharing", rules.is_authenticated & has_data_sharing_scope)
rules.add_perm("datasharing.view_agreement", rules.is_authenticated & can_read_agreement)
rules.add_perm("datasharing.add_agreement", is_administrator | is_member_agency_staff)
rules.add_perm(
    "datasharing.change_agreement",
    rules.is_authenticated
    & can_read_agreement
    & agreement_is_editable
    & (is_administrator | is_staff_of_party),
)
rules.add_perm(
    "datasharing.sign_agreement", rules.is_authenticated & can_read_party & is_signatory_for_party
)
rules.add_perm("datasharing.view_coverage", rules.is_authenticated & can_read_partnership)
rules.add_perm("datasharing.add_delivery", is_administrator | is_agency_staff)
rules.add_perm("datasharing.upload_istv", is_ed_staff)
rules.add_perm("datasharing.list_istv", is_administrator | is_ed_staff)
rules.add_perm("datasharing.confirm_istv", rules.is_authenticated & owns_pending_upload)


rules.add_perm("datasharing.list_own_streams", is_agency_staff)
rules.add_perm("datasharing.view_stream", rules.is_authenticated & can_read_partnership)
rules.add_perm("datasharing.change_stream", is_administrator | is_manager_of_partnership)
