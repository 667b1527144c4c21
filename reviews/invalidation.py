"""Kept ratings go stale when a record they were worked out from changes.

Each receiver below marks the affected partnerships' StoredRatings stale in one UPDATE; the next
read works them out again (reviews/stored.py). The records the ratings read (see
ratings.rate_partnerships and ratings.coverage_counts):

- a partnership itself (structure, analytical capacity, analysts), its memberships and their
  contacts (engagement levels, deputies), documents, actions and bids;
- its data-sharing agreements, their parties and datasets, and its deliveries;
- ISTV returns, which count for every partnership their emergency department is a member of;
- agencies (name, type), which count wherever the agency is a member;
- agency types and prescribed datasets, which count for every partnership.

Every write path in the other apps saves or deletes records one at a time, so these signals
see them; the demo loaders write some records in bulk, and reviews.demo marks everything stale
after them. The other apps know nothing of this module: reviews.apps connects it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import StoredRatings


def mark_stale(**lookup) -> int:
    """Mark stale the kept ratings matching `lookup` (one UPDATE)."""
    return StoredRatings.objects.filter(stale=False, **lookup).update(stale=True)


def mark_partnerships_stale(partnership_ids) -> int:
    return mark_stale(partnership_id__in=list(partnership_ids))


def mark_all_stale() -> int:
    return mark_stale()


def _own_partnership(sender, instance, **kwargs):
    """Records with a partnership_id of their own (and the partnership itself)."""
    pid = instance.pk if sender.__name__ == "Partnership" else instance.partnership_id
    if pid is not None:
        mark_stale(partnership_id=pid)


def _contact(sender, instance, **kwargs):
    mark_stale(partnership__memberships__id=instance.membership_id)


def _agreement_party(sender, instance, **kwargs):
    mark_stale(partnership__agreements__id=instance.agreement_id)


def _agency(sender, instance, **kwargs):
    mark_stale(partnership__memberships__agency_id=instance.pk)


def _istv_return(sender, instance, **kwargs):
    mark_stale(partnership__memberships__agency_id=instance.agency_id)


def _everything(sender, instance=None, action="", **kwargs):
    if not action.startswith("pre_"):  # post_save, post_delete, and m2m_changed's post_*
        mark_all_stale()


def _agreement_datasets(sender, instance, action, reverse, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # datasets changed from the dataset's side: any partnership may be affected
        mark_all_stale()
    else:
        mark_stale(partnership_id=instance.partnership_id)


def connect() -> None:
    from datasharing.models import (
        Agreement,
        AgreementParty,
        Delivery,
        IstvReturn,
        PrescribedDataset,
    )
    from funding.models import Bid
    from partnerships.models import (
        Action,
        Agency,
        AgencyType,
        Contact,
        Document,
        Membership,
        Partnership,
    )

    receivers = [
        (_own_partnership, (Partnership, Membership, Document, Action, Bid, Agreement,
                            Delivery)),
        (_contact, (Contact,)),
        (_agreement_party, (AgreementParty,)),
        (_agency, (Agency,)),
        (_istv_return, (IstvReturn,)),
        (_everything, (AgencyType, PrescribedDataset)),
    ]
    for receiver, models in receivers:
        for model in models:
            uid = f"reviews-stale-{receiver.__name__}-{model.__name__}"
            post_save.connect(receiver, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(receiver, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(_agreement_datasets, sender=Agreement.datasets.through,
                        dispatch_uid="reviews-stale-agreement-datasets")
    m2m_changed.connect(_everything, sender=PrescribedDataset.owner_agency_types.through,
                        dispatch_uid="reviews-stale-dataset-owner-types")
