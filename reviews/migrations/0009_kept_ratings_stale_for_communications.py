"""Kept ratings predate the communications dimension: mark them stale so the next read rates
them."""

from importlib import import_module

from django.db import migrations

mark_stale = import_module("reviews.migrations.0008_kept_ratings_stale_for_outcomes").mark_stale


class Migration(migrations.Migration):
    dependencies = [("reviews", "0008_kept_ratings_stale_for_outcomes")]

    operations = [migrations.RunPython(mark_stale, migrations.RunPython.noop)]
