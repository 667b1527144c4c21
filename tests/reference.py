"""Reference data that migrations load. Tests whose tables are emptied between tests (the live
server, real workers) call ensure_reference_data() to put it back. Apps with reference data add
their loader to LOADERS."""

from importlib import import_module

LOADERS = [
    "partnerships.reference_data.load_reference_data",
    "goodpractice.reference_data.load_reference_data",
]


def ensure_reference_data() -> None:
    for path in LOADERS:
        module_name, _, function_name = path.rpartition(".")
        getattr(import_module(module_name), function_name)()
