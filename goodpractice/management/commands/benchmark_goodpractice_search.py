"""Benchmark the ranked good-practice search on PostgreSQL at scale.

Adds synthetic published entries (default 100,000) to the existing partnerships, ANALYZEs, then
times the search page's two queries (the count and the ranked top 20) for several searches and
prints each plan. Refused without DEBUG (it writes thousands of rows); use a scratch database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cdrp_bench manage.py migrate
    DATABASE_URL=... manage.py seed_demo
    DATABASE_URL=... manage.py benchmark_goodpractice_search --entries 100000
"""

import random
import statistics
import time
from contextlib import nullcontext

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.http import QueryDict

from accounts.models import Role, RoleAssignment
from core import clock
from goodpractice import selectors
from goodpractice.models import Entry, Status
from goodpractice.synthetic import add_entries
from partnerships.models import Partnership

SEARCHES = [
    ("one common word", "youth", {}),
    ("two words", "taxi marshals", {}),
    ("phrase", '"help points"', {}),
    ("rare word", "kaleidoscope", {}),
    ("word and filters", "alcohol", {"outcome": ["worked", "promising"], "area_type": ["urban"]}),
    ("no words, filters only", "", {"theme": ["night-time-economy"]}),
]


class Command(BaseCommand):
    help = "Time the ranked good-practice search against many synthetic entries (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--entries", type=int, default=100_000)
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument(
            "--no-insert",
            action="store_true",
            help="Only time the searches (entries already added)",
        )

    def handle(self, *args, entries, runs, no_insert, **options):
        if connection.vendor != "postgresql":
            raise CommandError("This benchmark needs PostgreSQL (set DATABASE_URL)")
        if not settings.DEBUG:
            raise CommandError("Refused: DEBUG is off. Run it against a scratch database.")
        partnerships = list(Partnership.objects.all())
        if not partnerships:
            raise CommandError("No partnerships: run manage.py seed_demo first")
        if not no_insert:
            self._insert(entries, partnerships)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE goodpractice_entry")
        user = RoleAssignment.objects.filter(role=Role.MANAGER).select_related("user").first()
        if user is None:
            raise CommandError("No partnership manager to search as: run seed_demo first")
        user = user.user
        total = Entry.objects.filter(status=Status.PUBLISHED).count()
        self.stdout.write(f"{total:,} published entries; searching as {user.email}")
        for label, query, filters in SEARCHES:
            data = QueryDict(mutable=True)
            if query:
                data["q"] = query
            for name, values in filters.items():
                data.setlist(name, values)
            counts, tops = [], []
            for _ in range(runs):
                user.__dict__.pop("scope", None)
                for attr in ("_gp_neighbourhood", "_gp_writable_ids"):
                    user.__dict__.pop(attr, None)
                _, queryset = selectors.entry_search(user=user, query=query, filters=data)
                # As the search page runs them: with words, under the search's planner setting.
                with selectors.search_plans() if query else nullcontext():
                    started = time.perf_counter()
                    matches = queryset.count()
                    counts.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    top = list(queryset[:20])
                    tops.append(time.perf_counter() - started)
            self.stdout.write(
                f"{label:<24} q={query!r:<16} matches={matches:>7,}  "
                f"count median {statistics.median(counts) * 1000:7.1f} ms  "
                f"top-20 median {statistics.median(tops) * 1000:7.1f} ms  "
                f"(first: {top[0].title if top else '-'})"
            )
            if options.get("verbosity", 1) > 1:
                # The plan of the top 20 as one ordered query (with words, the page reads
                # these ids first; without words it reads each boost level's newest instead).
                self.stdout.write(queryset.values_list("pk", flat=True)[:20].explain(analyze=True))

    def _insert(self, count, partnerships):
        rng = random.Random(6)  # noqa: S311 - repeatable benchmark data
        started = time.perf_counter()
        add_entries(
            count=count,
            rng=rng,
            now=clock.now(),
            rare_word_every=5_000,
            choose_partnership=lambda: rng.choice(partnerships),
            progress=lambda made: self.stdout.write(
                f"  {made:,} entries added ({time.perf_counter() - started:.0f} s)"
            ),
        )
