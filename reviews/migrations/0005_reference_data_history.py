"""The unit costs and benefit shares loaded by 0002_unit_costs were created without a history
record, so the first change to one (now made in the portal) had nothing to be compared with.
Each one without history gets a "Created" record of its figures as they are now."""

from django.db import migrations
from django.utils import timezone


def record_starting_figures(apps, schema_editor):
    now = timezone.now()
    for name, fields in (("UnitCost", ("slug", "name", "cost", "price_year", "source", "order")),
                         ("BenefitShare", ("slug", "beneficiary", "amount", "source", "order"))):
        model = apps.get_model("reviews", name)
        historical = apps.get_model("reviews", f"Historical{name}")
        recorded = set(historical.objects.values_list("id", flat=True))
        historical.objects.bulk_create([
            historical(id=row.pk, history_date=now, history_type="+", history_user=None,
                       **{field: getattr(row, field) for field in fields})
            for row in model.objects.exclude(pk__in=recorded)
        ])


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0004_reminder_per_due_date'),
    ]

    operations = [migrations.RunPython(record_starting_figures, migrations.RunPython.noop)]
