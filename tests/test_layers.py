"""The layer contracts (pyproject.toml, docs/adr/0002) catch an import against the layers.

Each test copies the packages into its own temporary directory, adds one module there and runs
lint-imports on the copy, so the source tree is never touched and xdist workers never share.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def root_packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["root_packages"]


def lint_copy(tmp_path: Path, extra: dict[str, str]) -> subprocess.CompletedProcess:
    """lint-imports over a copy of the packages with `extra` (path: source) added."""
    for package in root_packages():
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for path, source in extra.items():
        (tmp_path / path).write_text(source)
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--no-logo", "--config", "pyproject.toml"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_packages_as_they_are_keep_every_contract(tmp_path):
    result = lint_copy(tmp_path, {})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("path", "source", "contract"),
    [
        # A lower layer importing a higher one.
        (
            "partnerships/bad_import.py",
            "from reviews import ratings\n",
            "Apps form layers, core beneath them all",
        ),
        # Apps on one layer are independent of each other.
        (
            "funding/bad_import.py",
            "import datasharing.models\n",
            "Apps form layers, core beneath them all",
        ),
        # core imports no app.
        (
            "core/bad_import.py",
            "from accounts.models import User\n",
            "Apps form layers, core beneath them all",
        ),
        # Nothing but the shell imports the shell.
        (
            "core/bad_import.py",
            "from cdrp_portal import celery\n",
            "Core and the apps never import the project shell",
        ),
    ],
)
def test_an_import_against_the_layers_fails(tmp_path, path, source, contract):
    result = lint_copy(tmp_path, {path: source})
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{contract} BROKEN" in result.stdout
    module = path.removesuffix(".py").replace("/", ".")
    assert module in result.stdout
    assert not (ROOT / path).exists()
