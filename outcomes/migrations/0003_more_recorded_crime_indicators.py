from importlib import import_module

from django.db import migrations

# The same loader: it writes every indicator in outcomes/reference_data.py, old and new.
load = import_module("outcomes.migrations.0002_indicators").load


class Migration(migrations.Migration):
    """Four more recorded-crime offence groups the ONS table already carries."""

    dependencies = [("outcomes", "0002_indicators")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
