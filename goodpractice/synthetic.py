"""Synthetic good-practice entries for scale data and benchmarks (seed_scale and
benchmark_goodpractice_search): realistic words, costs and outcomes, inserted in bulk."""

import random
from collections.abc import Callable
from datetime import datetime

WORDS = (
    "lighting patrols wardens mentoring outreach licensing cameras gating taxi marshals youth "
    "clubs refuge advocates triage pubwatch bans helpline schools football allotments graffiti "
    "fly-tipping burglary robbery knife alcohol drugs treatment housing tenancy victims "
    "witnesses hospital ambulance firesetting bonfire moped shoplifting retail newsletter "
    "radio volunteers pastors churches parks buses stations"
).split()


def add_entries(
    *,
    count: int,
    choose_partnership: Callable,
    rng: random.Random,
    now: datetime,
    published_share: float = 1.0,
    rare_word_every: int = 0,
    progress: Callable | None = None,
    batch: int = 5_000,
) -> int:
    """Insert `count` entries in batches, each with one theme and its derived search text.

    A share `published_share` is published; the rest take any status. With rare_word_every,
    one entry in that many has the word "kaleidoscope" in its title (a rare-word search).
    """
    from . import services
    from .models import AreaType, Entry, Evaluation, Outcome, Status, Theme

    themes = list(Theme.objects.all())
    through = Entry.themes.through
    made = 0
    while made < count:
        rows = []
        for n in range(made, min(count, made + batch)):
            words = rng.sample(WORDS, 6)
            status = (
                Status.PUBLISHED if rng.random() < published_share else rng.choice(Status.values)
            )
            rare = " kaleidoscope" if rare_word_every and n % rare_word_every == 7 else ""
            entry = Entry(
                partnership=choose_partnership(),
                status=status,
                title=f"{words[0].title()} and {words[1]}{rare} ({n})",
                summary=f"A scheme using {words[2]} and {words[3]}.",
                problem=f"Problems with {words[4]}.",
                response=f"We used {words[5]}.",
                effect="Incidents fell.",
                context="A town centre at night.",
                area_type=rng.choice(AreaType.values),
                outcome=rng.choice(Outcome.values),
                evaluation=rng.choice(Evaluation.values),
                setup_cost=rng.randint(0, 300_000),
                running_cost=rng.randint(0, 100_000),
                maryland_level=rng.choice([None, 1, 2, 3, 4, 5]),
                published_at=now if status == Status.PUBLISHED else None,
                submitted_at=now,
                contact_name="Benchmark",
                contact_email="bench@example.org",
            )
            services._refresh_derived(entry)
            rows.append(entry)
        created = Entry.objects.bulk_create(rows)
        through.objects.bulk_create(
            [through(entry_id=e.pk, theme_id=rng.choice(themes).pk) for e in created],
            batch_size=batch,
        )
        made += len(rows)
        if progress is not None:
            progress(made)
    return made
