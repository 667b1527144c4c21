"""Fixtures for the partnership tests: private uploads go to a temporary directory."""

import pytest


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Uploaded logos and documents are written under a per-test directory."""
    settings.PARTNERSHIPS_PRIVATE_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


@pytest.fixture
def leeds(db):
    """The demo data, with Leeds (E22000345) as the rich partnership."""
    from partnerships import demo

    result = demo.seed()
    return result["partnerships"]["E22000345"], result["users"]
