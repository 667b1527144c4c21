"""Seeds the savings estimator's unit costs (Heeks et al. 2018) and benefit shares (Florence et
al. 2014). Editable afterwards; a re-run keeps edits."""

from django.db import migrations


def load(apps, schema_editor):
    from reviews.reference_data import load_reference_data

    load_reference_data(apps.get_model("reviews", "UnitCost"),
                        apps.get_model("reviews", "BenefitShare"))


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
