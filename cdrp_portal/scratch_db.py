"""Create a scratch PostgreSQL database if it does not exist (used by `make bench`)."""

from urllib.parse import urlparse

import psycopg2
from psycopg2 import sql


def ensure_database(url: str) -> bool:
    """Create the database named in `url` unless it exists; returns whether it was created."""
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in ("postgres", "postgresql", "pgsql") or not name:
        raise SystemExit(f"Not a PostgreSQL database URL: {url}")
    conn = psycopg2.connect(
        dbname="postgres",
        user=parts.username or "postgres",
        password=parts.password,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
    )
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone():
                return False
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    finally:
        conn.close()
