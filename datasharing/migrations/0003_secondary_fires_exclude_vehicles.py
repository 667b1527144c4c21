"""SI 2007/1831 schedule para 3(c) excludes deliberate secondary fires in vehicles."""

from django.db import migrations

CODE = "fire-deliberate-secondary"


def reword(apps, schema_editor):
    apps.get_model("datasharing", "PrescribedDataset").objects.filter(code=CODE).update(
        name="Deliberate secondary fires (not vehicles)",
        description="Time, date and location of each deliberate secondary fire, excluding "
        "deliberate secondary fires in vehicles.",
    )


def restore(apps, schema_editor):
    apps.get_model("datasharing", "PrescribedDataset").objects.filter(code=CODE).update(
        name="Deliberate secondary fires",
        description="Time, date and location of each deliberate secondary fire.",
    )


class Migration(migrations.Migration):
    dependencies = [("datasharing", "0002_reference_data")]
    operations = [migrations.RunPython(reword, restore)]
