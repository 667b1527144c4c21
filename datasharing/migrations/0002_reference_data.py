from django.db import migrations


def load(apps, schema_editor):
    from datasharing.reference_data import ISTV_LOCATION_TYPES, ISTV_METHODS, PRESCRIBED_DATASETS

    AgencyType = apps.get_model("partnerships", "AgencyType")
    PrescribedDataset = apps.get_model("datasharing", "PrescribedDataset")
    types = {agency_type.slug: agency_type for agency_type in AgencyType.objects.all()}
    for order, row in enumerate(PRESCRIBED_DATASETS, start=1):
        code, name, owners, description, basis, source, frequency, health = row
        dataset, _ = PrescribedDataset.objects.update_or_create(
            code=code,
            defaults={"name": name, "description": description, "legal_basis": basis,
                      "source": source, "expected_frequency": frequency, "is_health": health,
                      "order": order * 10},
        )
        dataset.owner_agency_types.set([types[slug] for slug in owners if slug in types])
    for model_name, rows in (("IstvMethod", ISTV_METHODS),
                             ("IstvLocationType", ISTV_LOCATION_TYPES)):
        model = apps.get_model("datasharing", model_name)
        for order, (code, label, needs_description) in enumerate(rows, start=1):
            model.objects.update_or_create(
                code=code,
                defaults={"label": label, "needs_description": needs_description,
                          "is_locally_defined": True, "order": order * 10},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("datasharing", "0001_initial"),
        ("partnerships", "0002_reference_data"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
