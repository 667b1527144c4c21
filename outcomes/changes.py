"""Which partnerships the outcome records touch (core.changes), and the recount of the
ISTV-derived figures whenever an emergency department's ISTV return changes."""

from django.db.models.signals import post_delete, post_save

from core import cache, changes

# The version of every outcome figure and population: a partnership's comparison reads its
# whole group, and the latest 12 months are those of the latest figure anywhere.
OUTCOMES = "outcomes"


def with_groups(partnership_ids) -> set[int] | None:
    """The partnerships and every member of their most similar groups: one partnership's
    figures move its whole group's band (one query)."""
    from django.db.models import Q

    from partnerships.models import Partnership

    if partnership_ids is None:
        return None
    ids = set(partnership_ids)
    if not ids:
        return ids
    groups = Partnership.objects.filter(pk__in=ids).exclude(most_similar_group="")
    return ids | set(
        Partnership.objects.filter(
            Q(most_similar_group__in=groups.values("most_similar_group"))
        ).values_list("pk", flat=True)
    )


def figures_changed(partnership_ids) -> None:
    """Figures or populations were written in bulk (no signals): tell the cache and listeners."""
    cache.bump([OUTCOMES])
    changes.changed(with_groups(partnership_ids))


def _figure(instance):
    return with_groups([instance.partnership_id])


def _target(instance):
    from partnerships.models import Priority

    return Priority.objects.filter(pk=instance.priority_id).values_list("partnership_id", flat=True)


def _recount_after_istv_change(sender, instance, **kwargs):
    """An ISTV return was imported, replaced or deleted: recount its department's partnerships'
    ISTV-derived figures once the change commits (datasharing cannot call up to outcomes)."""
    from .tasks import recount_istv_figures_for_agency

    recount_istv_figures_for_agency.delay_on_commit(instance.agency_id)


def declare() -> None:
    from datasharing.models import IstvReturn

    from .models import Figure, Indicator, Population, Target

    changes.touches(Figure, Population, rule=_figure)
    changes.touches(Target, rule=_target)
    changes.touches(Indicator, rule=changes.everyone)
    cache.versioned(Figure, Population, Indicator, version=OUTCOMES)
    for signal in (post_save, post_delete):
        signal.connect(
            _recount_after_istv_change,
            sender=IstvReturn,
            dispatch_uid=f"outcomes-istv-recount-{signal is post_save}",
        )
