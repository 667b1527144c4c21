"""Who benefits names the kinds of agency bearing each part of the saving, so a partnership's
estimate splits it between its member agencies."""

from django.db import migrations, models


def load(apps, schema_editor):
    from reviews.reference_data import link_benefit_agency_types

    link_benefit_agency_types(apps.get_model("reviews", "BenefitShare"))


class Migration(migrations.Migration):

    dependencies = [
        ("partnerships", "0003_partnership_profile_and_records"),
        ("reviews", "0005_reference_data_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="benefitshare",
            name="agency_types",
            field=models.ManyToManyField(
                blank=True,
                help_text="The kinds of member agency that would avoid this part of the cost",
                related_name="+", to="partnerships.agencytype"),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
