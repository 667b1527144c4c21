"""Thin Celery tasks: ids in, a service call inside."""

from celery import shared_task


@shared_task(acks_late=True)
def recount_istv_figures() -> int:
    """Every partnership's ISTV-derived figures, worked out afresh from the ISTV returns."""
    from .services import istv_figures_refresh

    return istv_figures_refresh(partnership_ids=None)


@shared_task(acks_late=True)
def recount_istv_figures_for_agency(agency_id: int) -> int:
    """The ISTV-derived figures of the partnerships an emergency department is a member of."""
    from partnerships.models import Membership

    from .services import istv_figures_refresh

    ids = list(
        Membership.objects.filter(agency_id=agency_id).values_list("partnership_id", flat=True)
    )
    return istv_figures_refresh(partnership_ids=ids) if ids else 0
