from django.apps import AppConfig


def _bump(partnership_ids) -> None:
    from cdrp_portal import generations

    generations.bump([generations.partnership(pk) for pk in sorted(set(partnership_ids)) if pk])


def _group_changed(sender, instance, **kwargs):
    _bump([instance.partnership_id])


def _meeting_changed(sender, instance, **kwargs):
    from .models import Group

    _bump(Group.objects.filter(pk=instance.group_id).values_list("partnership_id", flat=True))


def _attendance_changed(sender, instance, **kwargs):
    from .models import Membership

    _bump(Membership.objects.filter(pk=instance.membership_id)
          .values_list("partnership_id", flat=True))


def _agency_changed(sender, instance, **kwargs):
    """An action's owner agency is named on the overview even if it has left the partnership
    (cdrp_portal.changes covers the partnerships it is a member of)."""
    from .models import Action

    _bump(Action.objects.filter(owner_id=instance.pk).values_list("partnership_id", flat=True)
          .distinct())


def _region_changed(sender, instance, **kwargs):
    _bump(instance.partnerships.values_list("pk", flat=True))


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import dashboard  # noqa: F401  (registers the home-page panels)
        from .models import Agency, Attendance, Group, Meeting, Region

        # Records the overview shows that cdrp_portal.changes does not count: they replace
        # their partnership's cache generation here (cdrp_portal.generations).
        receivers = [(_group_changed, Group), (_meeting_changed, Meeting),
                     (_attendance_changed, Attendance), (_agency_changed, Agency),
                     (_region_changed, Region)]
        for receiver, model in receivers:
            uid = f"partnerships-generation-{model.__name__}"
            post_save.connect(receiver, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(receiver, sender=model, dispatch_uid=uid + "-delete")
