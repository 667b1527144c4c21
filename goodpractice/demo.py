"""Demo good practice: 33 entries across themes and outcome labels (30 published, checked
against the criteria by the region's reviewer; the rest in draft or waiting for review), with
adoptions by other partnerships. Safe to run again: entries already there are left alone."""

from datetime import timedelta

from django.db import transaction

from accounts.models import Role, RoleAssignment, User
from core import clock
from partnerships.models import Partnership

from . import services
from .demo_data import ENTRIES
from .models import Adoption, Criterion, Entry, Theme

CONTACTS = {
    "E22000345": ("Morgan Manager", "manager@example.org"),
    "E22000099": ("Bea Bolton", "manager.bolton@example.org"),
}


def _reviewer_for(partnership, admin):
    assignment = (
        RoleAssignment.objects.filter(role=Role.REVIEWER, region_id=partnership.region_id)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return assignment.user if assignment else admin


def _author_for(partnership):
    assignment = (
        RoleAssignment.objects.filter(role=Role.MANAGER, partnership_id=partnership.pk)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return assignment.user if assignment else None


@transaction.atomic
def seed() -> dict:
    partnerships = {p.ons_code: p for p in Partnership.objects.select_related("region")}
    themes = {t.slug: t for t in Theme.objects.all()}
    admin = User.objects.filter(email="admin@example.org").first()
    criteria = list(Criterion.objects.filter(is_active=True).values_list("pk", flat=True))
    now = clock.now()
    created = []
    for index, item in enumerate(ENTRIES):
        partnership = partnerships.get(item.code)
        if (
            partnership is None
            or Entry.objects.filter(partnership=partnership, title=item.title).exists()
        ):
            continue
        author = _author_for(partnership)
        url = item.url or (
            f"https://example.org/evaluations/{item.code.lower()}-{index}.pdf"
            if item.evaluation != "none"
            else ""
        )
        name, email = CONTACTS.get(
            item.code,
            (
                f"Community safety officer, {partnership.name}",
                f"csp.{item.code.lower()}@example.org",
            ),
        )
        entry = services.entry_create(
            user=author,
            partnership=partnership,
            title=item.title,
            themes=[themes[slug] for slug in item.themes if slug in themes],
            summary=item.summary,
            problem=item.problem,
            response=item.response,
            effect=item.effect,
            mechanism=item.mechanism,
            context=item.context,
            area_type=item.area,
            implementation=item.implementation,
            partners_involved=item.partners,
            setup_cost=item.setup,
            running_cost=item.running,
            bed_in_months=item.months,
            outcome=item.outcome,
            maryland_level=item.maryland,
            evaluation=item.evaluation,
            evaluation_url=url,
            contact_name=name,
            contact_email=email,
        )
        if item.status in ("submitted", "published"):
            entry = services.entry_submit(entry=entry, user=author)
        if item.status == "published":
            entry = services.entry_review(
                entry=entry,
                user=_reviewer_for(partnership, admin),
                met_criteria=criteria,
                decision="publish",
                comments="Clear and complete. Thank you.",
            )
            # Spread publication over the last two years, oldest first.
            published_at = now - timedelta(days=730 - index * 20)
            Entry.objects.filter(pk=entry.pk).update(
                published_at=published_at, submitted_at=published_at
            )
            for code, months_ago, result, explanation in item.adoptions:
                adopter = partnerships.get(code)
                if adopter is None:
                    continue
                Adoption.objects.create(
                    entry=entry,
                    partnership=adopter,
                    recorded_by=_author_for(adopter),
                    started_on=(now - timedelta(days=30 * months_ago)).date(),
                    result=result,
                    explanation=explanation,
                )
        created.append(entry)
    return {"entries": created}
