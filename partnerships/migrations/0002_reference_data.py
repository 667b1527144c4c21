from django.db import migrations


def load(apps, schema_editor):
    from partnerships.reference_data import load_reference_data

    load_reference_data(apps.get_model("partnerships", "Region"),
                        apps.get_model("partnerships", "AgencyType"))


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
