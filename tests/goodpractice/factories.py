"""Good-practice entries in any state, built through the services where the state matters."""

from core import cache, clock
from goodpractice import selectors, services
from goodpractice.models import Criterion, Entry, Status, Theme

COMPLETE = {
    "summary": "A tasking group for the city centre at night.",
    "problem": "Violence with injury in the city centre rose 30% in two years, mostly between "
    "22:00 and 03:00 at weekends (police and A&E data).",
    "response": "A night-time economy group met monthly; help points; a behave-or-be-banned "
    "scheme run with Pubwatch.",
    "effect": "Violence with injury fell 18% against the previous two years' baseline.",
    "mechanism": "Removing the small number of repeat troublemakers from licensed premises.",
    "context": "A city centre with 200 licensed premises and a large student population.",
    "area_type": "urban",
    "implementation": "A coordinator at 0.5 FTE; licensing officers; door staff briefings.",
    "partners_involved": "Police, council licensing, Pubwatch, the hospital",
    "setup_cost": 12_000,
    "running_cost": 30_000,
    "bed_in_months": 6,
    "outcome": "worked",
    "maryland_level": 2,
    "evaluation": "internal",
    "evaluation_url": "https://example.org/evaluation.pdf",
    "contact_name": "Pat Partnership",
    "contact_email": "pat@example.org",
}


def themes(*slugs):
    return list(Theme.objects.filter(slug__in=slugs or ["night-time-economy"]))


def draft(
    *, partnership, user=None, title="Safer nights", complete=True, theme_slugs=(), **fields
) -> Entry:
    values = dict(COMPLETE) if complete else {}
    values.update(fields)
    return services.entry_create(
        user=user,
        partnership=partnership,
        title=title,
        themes=themes(*theme_slugs) if (complete or theme_slugs) else [],
        **values,
    )


def submitted(*, partnership, user=None, **kwargs) -> Entry:
    entry = draft(partnership=partnership, user=user, **kwargs)
    return services.entry_submit(entry=entry, user=user)


def all_criteria_ids():
    return [c.pk for c in Criterion.objects.filter(is_active=True)]


def published(*, partnership, user=None, reviewer=None, **kwargs) -> Entry:
    entry = submitted(partnership=partnership, user=user, **kwargs)
    return services.entry_review(
        entry=entry, user=reviewer, met_criteria=all_criteria_ids(), decision="publish"
    )


def bulk_published(*, partnership, count: int, title="Entry", **fields) -> list[Entry]:
    """Many published entries at once (for query counts), search document included."""
    now = clock.now()
    entries = []
    for n in range(count):
        values = dict(COMPLETE)
        values.update(fields)
        entry = Entry(
            partnership=partnership,
            title=f"{title} {n}",
            status=Status.PUBLISHED,
            published_at=now,
            **values,
        )
        services._refresh_derived(entry)
        entries.append(entry)
    created = Entry.objects.bulk_create(entries)
    created = list(Entry.objects.filter(title__startswith=title))
    through = Entry.themes.through
    theme = Theme.objects.get(slug="night-time-economy")
    through.objects.bulk_create([through(entry_id=e.pk, theme_id=theme.pk) for e in created])
    cache.bump([selectors.VERSION])  # bulk_create sends no signals, as a bulk load bumps
    return created
