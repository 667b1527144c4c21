"""Which partnerships the data-sharing records touch (core.changes)."""

from core import changes


def _agreement_record(instance):
    """Agreement parties and sign-offs."""
    from .models import Agreement

    return Agreement.objects.filter(pk=instance.agreement_id).values_list(
        "partnership_id", flat=True
    )


def _istv_return(instance):
    return changes.agency_partnerships([instance.agency_id])


def _agreement_datasets(instance, reverse):
    # From the dataset's side any partnership may be affected.
    return None if reverse else [instance.partnership_id]


def declare() -> None:
    from .models import (
        Agreement,
        AgreementParty,
        DataUse,
        Delivery,
        IstvReturn,
        PrescribedDataset,
        SignOff,
    )

    changes.touches(Agreement, Delivery, DataUse, rule=changes.own_partnership)
    changes.touches(AgreementParty, SignOff, rule=_agreement_record)
    changes.touches(IstvReturn, rule=_istv_return)
    changes.touches(PrescribedDataset, rule=changes.everyone)
    changes.touches_m2m(Agreement.datasets.through, rule=_agreement_datasets)
    changes.touches_m2m(
        PrescribedDataset.owner_agency_types.through, rule=lambda instance, reverse: None
    )
    changes.agency_source(
        lambda ids: AgreementParty.objects.filter(agency_id__in=ids).values_list(
            "agreement__partnership_id", flat=True
        )
    )
