"""Kept ratings predate the outcomes dimension: mark them stale so the next read rates them."""

from django.db import migrations


def mark_stale(apps, schema_editor):
    apps.get_model("reviews", "StoredRatings").objects.update(stale=True)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0007_merge_benefit_shares_and_responses")]

    operations = [migrations.RunPython(mark_stale, migrations.RunPython.noop)]
