import pytest


@pytest.fixture(autouse=True)
def _reports_in_tmp(settings, tmp_path):
    """Attached reports go to a temporary directory, never var/private."""
    settings.GOODPRACTICE_PRIVATE_ROOT = tmp_path
