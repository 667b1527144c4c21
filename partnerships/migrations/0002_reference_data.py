from django.db import migrations


def load(apps, schema_editor):
    from partnerships.reference_data import AGENCY_TYPES, REGIONS

    Region = apps.get_model("partnerships", "Region")
    AgencyType = apps.get_model("partnerships", "AgencyType")
    for code, name in REGIONS:
        Region.objects.update_or_create(code=code, defaults={"name": name})
    for order, (slug, name, ra, svd) in enumerate(AGENCY_TYPES, start=1):
        AgencyType.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "is_responsible_authority": ra,
                      "is_svd_specified_authority": svd, "order": order * 10},
        )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
