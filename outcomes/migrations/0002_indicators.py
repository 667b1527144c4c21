from django.db import migrations


def load(apps, schema_editor):
    from outcomes.reference_data import INDICATORS

    Indicator = apps.get_model("outcomes", "Indicator")
    for code, name, unit, lower, source, how, column, order in INDICATORS:
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "lower_is_better": lower,
                "source": source,
                "how_counted": how,
                "ons_column": column,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
