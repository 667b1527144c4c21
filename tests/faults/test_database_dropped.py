"""The portal's database connections are dropped between requests (a PostgreSQL restart, a
failover, an idle-connection reaper): the next request still works, because persistent
connections are health-checked before use (CONN_HEALTH_CHECKS)."""

import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from tests.workers import ROOT, worker_environment

from .conftest import free_port

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def portal_backends() -> list[int]:
    """Process ids of the other PostgreSQL connections to the test database (the server's)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


def drop(pids: list[int]) -> None:
    with connection.cursor() as cursor:
        for pid in pids:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_the_portal_recovers_by_itself_when_its_database_connections_are_dropped(
    require_postgres, client_for, tmp_path
):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    signed_in = client_for("staff_this")
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={signed_in.cookies[settings.SESSION_COOKIE_NAME].value}"
    )
    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    env = worker_environment(mail_dir=tmp_path / "mail")
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cdrp_portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:

        def get(path):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie}
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()

        deadline = time.monotonic() + 30
        while True:
            try:
                status, body = get("/")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(
                        f"gunicorn did not start:\n{log_path.read_text()}"
                    ) from None
                time.sleep(0.2)
        assert status == 200 and "Sign out" in body, status  # a signed-in page

        for _ in range(2):
            held = portal_backends()
            assert held, "the server keeps no persistent connection to drop"
            drop(held)
            assert wait_for_gone(held)
            status, body = get("/")
            assert status == 200, f"{status} after the connections were dropped:\n" + (
                log_path.read_text()
            )
            assert "Sign out" in body
            assert set(portal_backends()).isdisjoint(held), "the server did not reconnect"
    finally:
        server.terminate()
        server.wait(timeout=15)


def wait_for_gone(pids: list[int]) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if set(portal_backends()).isdisjoint(pids):
            return True
        time.sleep(0.1)
    return False
