"""Which partnerships the partnerships app's records touch (core.changes)."""

from core import changes


def _membership_record(instance):
    """Contacts and meeting attendances."""
    from .models import Membership

    return Membership.objects.filter(pk=instance.membership_id).values_list(
        "partnership_id", flat=True
    )


def _meeting(instance):
    from .models import Group

    return Group.objects.filter(pk=instance.group_id).values_list("partnership_id", flat=True)


def _partnership(instance):
    return [instance.pk]


def _region(instance):
    return instance.partnerships.values_list("pk", flat=True)


def _agency(instance):
    return changes.agency_partnerships([instance.pk], owners=True)


def declare() -> None:
    from .models import (
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
        Priority,
        Region,
    )

    changes.touches(Partnership, rule=_partnership)
    changes.touches(Membership, Document, Action, Group, Priority, rule=changes.own_partnership)
    changes.touches(Contact, Attendance, rule=_membership_record)
    changes.touches(Meeting, rule=_meeting)
    changes.touches(Region, rule=_region)
    changes.touches(Agency, rule=_agency)
    changes.touches(AgencyType, rule=changes.everyone)
    changes.agency_source(
        lambda ids: Membership.objects.filter(agency_id__in=ids).values_list(
            "partnership_id", flat=True
        )
    )
    changes.agency_source(
        lambda ids: Action.objects.filter(owner_id__in=ids).values_list(
            "partnership_id", flat=True
        ),
        owners=True,
    )
