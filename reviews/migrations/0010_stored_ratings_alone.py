"""Each kept row's ratings alone, beside its results. Rows kept before it have none: mark them
stale so the next read rates them again."""

from importlib import import_module

from django.db import migrations, models

mark_stale = import_module("reviews.migrations.0008_kept_ratings_stale_for_outcomes").mark_stale


class Migration(migrations.Migration):
    dependencies = [("reviews", "0009_kept_ratings_stale_for_communications")]

    operations = [
        migrations.AddField(
            model_name="storedratings",
            name="ratings",
            field=models.JSONField(
                default=dict,
                help_text="For each dimension key: its rating alone, for pages that count ratings",
            ),
        ),
        migrations.RunPython(mark_stale, migrations.RunPython.noop),
    ]
