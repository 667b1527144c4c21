"""Which partnerships a saved or deleted record touches, told to whoever keeps derived work.

Listeners are called with a list of partnership ids, or with None when the record is reference
data that counts for every partnership. Two listen: reviews.invalidation marks kept review
ratings stale, and cdrp_portal.generations replaces the partnerships' cache generations.

The records and whom they touch:

- a partnership itself, and records with a partnership of their own: memberships, documents,
  actions, bids, groups, data-sharing agreements and deliveries;
- a contact or a meeting attendance: its membership's partnership; a meeting: its group's;
- an agreement party or sign-off: its agreement's partnership; an agreement's datasets: its
  partnership;
- an agency, and an ISTV return from one: every partnership the agency is a member of or a
  party to an agreement of (and, for the agency, owns an action of: the overview names it);
- a region: its partnerships;
- agency types and prescribed datasets (and which agency types own a dataset): everyone.

Every write path in the apps saves or deletes these records one at a time, so the signals see
them, except a meeting's attendances, written in bulk with the meeting, whose save counts for
them (generations replaces tokens again when the transaction commits, after the attendances are
written); the demo and scale loaders write some records in bulk and call `changed(None)`
afterwards.
"""

from collections.abc import Callable, Iterable

from django.db.models.signals import m2m_changed, post_delete, post_save

Listener = Callable[[list[int] | None], None]

_listeners: list[Listener] = []


def listen(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def changed(partnership_ids: Iterable[int] | None) -> None:
    """Tell every listener these partnerships' records (None: every partnership's) changed."""
    ids = None if partnership_ids is None else sorted({pk for pk in partnership_ids if pk})
    if ids == []:
        return
    for listener in _listeners:
        listener(ids)


def _partnerships_of_agency(agency_id, *, owners=False) -> list[int]:
    """Partnerships the agency is a member of or a party to an agreement of, and with `owners`
    those it owns an action of (one query; an agency that has since left a partnership is
    still named on its agreements and actions)."""
    from datasharing.models import AgreementParty
    from partnerships.models import Action, Membership

    # Unordered parts: SQLite allows no ORDER BY (the models' default) inside a UNION.
    parts = [Membership.objects.filter(agency_id=agency_id).values_list("partnership_id"),
             AgreementParty.objects.filter(agency_id=agency_id)
             .values_list("agreement__partnership_id")]
    if owners:
        parts.append(Action.objects.filter(owner_id=agency_id).values_list("partnership_id"))
    first, *rest = (part.order_by() for part in parts)
    return [pk for (pk,) in first.union(*rest)]


def _own_partnership(sender, instance, **kwargs):
    changed([instance.pk if sender.__name__ == "Partnership" else instance.partnership_id])


def _membership_record(sender, instance, **kwargs):
    """Contacts and meeting attendances."""
    from partnerships.models import Membership

    changed(Membership.objects.filter(pk=instance.membership_id)
            .values_list("partnership_id", flat=True))


def _meeting(sender, instance, **kwargs):
    from partnerships.models import Group

    changed(Group.objects.filter(pk=instance.group_id).values_list("partnership_id", flat=True))


def _region(sender, instance, **kwargs):
    changed(instance.partnerships.values_list("pk", flat=True))


def _agreement_record(sender, instance, **kwargs):
    from datasharing.models import Agreement

    changed(Agreement.objects.filter(pk=instance.agreement_id)
            .values_list("partnership_id", flat=True))


def _agency(sender, instance, **kwargs):
    changed(_partnerships_of_agency(instance.pk, owners=True))


def _istv_return(sender, instance, **kwargs):
    changed(_partnerships_of_agency(instance.agency_id))


def _everything(sender, instance=None, action="", **kwargs):
    if not action.startswith("pre_"):  # post_save, post_delete, and m2m_changed's post_*
        changed(None)


def _agreement_datasets(sender, instance, action, reverse, **kwargs):
    if not action.startswith("post_"):
        return
    # From the dataset's side any partnership may be affected.
    changed(None if reverse else [instance.partnership_id])


def connect() -> None:
    """Connect the signals (CdrpPortalConfig.ready)."""
    from datasharing.models import (
        Agreement,
        AgreementParty,
        Delivery,
        IstvReturn,
        PrescribedDataset,
        SignOff,
    )
    from funding.models import Bid
    from partnerships.models import (
        Action,
        Agency,
        AgencyType,
        Attendance,
        Contact,
        Document,
        Group,
        Meeting,
        Membership,
        Partnership,
        Region,
    )

    receivers = [
        (_own_partnership, (Partnership, Membership, Document, Action, Bid, Group, Agreement,
                            Delivery)),
        (_membership_record, (Contact, Attendance)),
        (_meeting, (Meeting,)),
        (_region, (Region,)),
        (_agreement_record, (AgreementParty, SignOff)),
        (_agency, (Agency,)),
        (_istv_return, (IstvReturn,)),
        (_everything, (AgencyType, PrescribedDataset)),
    ]
    for receiver, models in receivers:
        for model in models:
            uid = f"changes-{receiver.__name__}-{model.__name__}"
            post_save.connect(receiver, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(receiver, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(_agreement_datasets, sender=Agreement.datasets.through,
                        dispatch_uid="changes-agreement-datasets")
    m2m_changed.connect(_everything, sender=PrescribedDataset.owner_agency_types.through,
                        dispatch_uid="changes-dataset-owner-types")
