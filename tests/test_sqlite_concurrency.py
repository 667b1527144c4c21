"""`make run`'s SQLite serves a small team: two people saving at the same moment both succeed.

Runs in a subprocess on a file database of its own with Django's real SQLite backend and the
settings' SQLITE_OPTIONS, whatever database the suite itself uses."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = """
import json, sys, threading, time
import django
from django.conf import settings
from cdrp_portal.settings.base import SQLITE_OPTIONS

settings.configure(DATABASES={"default": {
    "ENGINE": "django.db.backends.sqlite3", "NAME": sys.argv[1],
    "OPTIONS": SQLITE_OPTIONS if sys.argv[2] == "portal" else {},
}})
django.setup()
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE saves (who text)")
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]
connections.close_all()
errors, both_read = [], threading.Barrier(2, timeout=1)

def save(who):
    # As a form save does: read inside the transaction, then write.
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM saves")
                try:
                    both_read.wait()  # only possible when reads overlap (no write lock yet)
                except threading.BrokenBarrierError:
                    pass
                time.sleep(0.2)
                cursor.execute("INSERT INTO saves VALUES (%s)", [who])
    except Exception as error:
        errors.append(str(error))
    finally:
        connections.close_all()

threads = [threading.Thread(target=save, args=(who,)) for who in ("first", "second")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM saves")
    rows = cursor.fetchone()[0]
print(json.dumps({"errors": errors, "rows": rows, "journal_mode": journal_mode}))
"""


def run(tmp_path, options: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "portal.sqlite3"), options],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_two_saves_at_once_both_succeed_on_the_portals_sqlite(tmp_path):
    outcome = run(tmp_path, "portal")
    assert outcome == {"errors": [], "rows": 2, "journal_mode": "wal"}


def test_without_the_options_one_of_two_saves_at_once_is_refused(tmp_path):
    """What the options fix (and proof the test above can fail): SQLite's defaults."""
    outcome = run(tmp_path, "plain")
    assert outcome["journal_mode"] == "delete"
    assert outcome["rows"] == 1
    assert outcome["errors"] == ["database is locked"]


def test_without_database_url_the_default_database_uses_the_options():
    script = (
        "from cdrp_portal.settings import base; d = base.DATABASES['default']; "
        "print(d['ENGINE'], d['OPTIONS'] == base.SQLITE_OPTIONS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]
