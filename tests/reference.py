"""Reference data that migrations load. Tests whose tables are emptied between tests (the live
server, real workers) call ensure_reference_data() to put it back. Apps with reference data add
their loader to LOADERS."""

from importlib import import_module

LOADERS = [
    "partnerships.reference_data.load_reference_data",
    "goodpractice.reference_data.load_reference_data",
]


# Data migrations whose load(apps, schema_editor) function is idempotent and can run again with
# the live app registry.
MIGRATION_LOADERS = [
    "datasharing.migrations.0002_reference_data",
    "funding.migrations.0002_reference_data",
    "reviews.migrations.0002_unit_costs",
    "reviews.migrations.0006_benefit_share_agency_types",
    "outcomes.migrations.0002_indicators",
]


def ensure_reference_data() -> None:
    from django.apps import apps

    for path in LOADERS:
        module_name, _, function_name = path.rpartition(".")
        getattr(import_module(module_name), function_name)()
    for module_name in MIGRATION_LOADERS:
        import_module(module_name).load(apps, None)
