"""An index for the twelve-month sums over many partnerships (the region page): it holds every
column they read."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0004_figure_latest_index")]

    operations = [
        migrations.AddIndex(
            model_name="figure",
            index=models.Index(
                fields=["partnership", "period_start"],
                include=("indicator", "period_type", "value"),
                name="outcome_figure_sums",
            ),
        ),
    ]
