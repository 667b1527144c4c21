"""Production settings pass Django's deployment checks; the two-command contract's pieces."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parent.parent


def clean_environment() -> dict:
    # The browser tests allow Django's async-unsafe calls in this process; a deployment never does.
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args, env_extra=None):
    env = {**clean_environment(), **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "cdrp_portal.settings.production",
            "DJANGO_SECRET_KEY": "a-long-random-secret-key-for-the-deployment-check-0123456789abcdef",
            "DJANGO_ALLOWED_HOSTS": "cdrp.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in clean_environment().items() if k != "DJANGO_SECRET_KEY"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cdrp_portal.settings.production",
            "DJANGO_ALLOWED_HOSTS": "cdrp.example.org",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_one_beat_schedule_with_a_comment_per_entry():
    from cdrp_portal.celery import app

    source = (ROOT / "cdrp_portal" / "celery.py").read_text()
    assert app.conf.beat_schedule
    for name in app.conf.beat_schedule:
        before = source[: source.index(f'"{name}"')].rstrip().splitlines()[-1].strip()
        assert before.startswith("#"), f"beat entry {name} has no plain-English comment"


@pytest.mark.django_db
def test_seed_demo_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_makes_one_account_per_role(settings):
    from accounts.models import RoleAssignment, User
    from partnerships.models import Membership, Partnership

    settings.DEBUG = True
    call_command("seed_demo")
    counts = (
        User.objects.count(),
        Partnership.objects.count(),
        Membership.objects.count(),
        RoleAssignment.objects.count(),
    )
    call_command("seed_demo")
    assert counts == (
        User.objects.count(),
        Partnership.objects.count(),
        Membership.objects.count(),
        RoleAssignment.objects.count(),
    )
    regions = set(Partnership.objects.values_list("region__name", flat=True))
    assert {
        "North East",
        "North West",
        "East of England",
        "South East",
        "Yorkshire and The Humber",
        "East Midlands",
    } <= regions
    assert Partnership.objects.count() >= 12
    assert {"E22000345", "E22000099", "E22000089"} <= set(
        Partnership.objects.values_list("ons_code", flat=True)
    )
    emails = set(User.objects.values_list("email", flat=True))
    for prefix, role in [
        ("admin", "administrator"),
        ("reviewer", "reviewer"),
        ("manager", "manager"),
        ("staff", "agency_staff"),
    ]:
        assert any(
            e.startswith(prefix)
            and RoleAssignment.objects.filter(user__email=e, role=role).exists()
            for e in emails
        ), prefix
    # Every demo partnership has an agency of every type.
    from partnerships.models import AgencyType

    for partnership in Partnership.objects.all():
        types = set(partnership.memberships.values_list("agency__agency_type__slug", flat=True))
        missing = set(AgencyType.objects.values_list("slug", flat=True)) - types
        # A partnership is either unitary or two-tier, so it has one kind of council.
        assert missing <= {"la-unitary", "la-county", "la-district"}, (partnership, missing)


def test_no_migrations_are_missing():
    result = manage(
        "makemigrations",
        "--check",
        "--dry-run",
        env_extra={"DJANGO_SETTINGS_MODULE": "cdrp_portal.settings.test"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("redis_url", "kept"), [("", "0"), ("redis://127.0.0.1:6379/0", "600")])
def test_derived_work_is_kept_only_in_a_cache_every_process_shares(redis_url, kept):
    """Without Redis the cache is each process's own, and a change one process sees would not
    end what another kept (core.cache)."""
    env = {
        **clean_environment(),
        "DJANGO_SETTINGS_MODULE": "cdrp_portal.settings.local",
        "REDIS_URL": redis_url,
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django.conf import settings; print(settings.PAGE_CACHE_SECONDS)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == kept, result.stderr
