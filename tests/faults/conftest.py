"""Fixtures of the fault tests: each test starts its own redis-server on a free port, and points
the portal's Celery producer at it; it stops only what it started."""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import need_service


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """One `redis-server` process of this test: no persistence, its own directory and port."""

    def __init__(self, directory: Path, port: int):
        self.directory = directory
        self.port = port
        self.process = None
        directory.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        assert self.process is None, "already running"
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--logfile",
                str(self.directory / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def client(self):
        import redis

        return redis.Redis.from_url(self.url)


@pytest.fixture
def redis_server(tmp_path, require_postgres):
    """A redis-server of this test's own, running; stopped at the end (only this one)."""
    if shutil.which("redis-server") is None:
        need_service("needs the redis-server binary on PATH")
    server = RedisServer(tmp_path / "redis", free_port())
    server.start()
    yield server
    server.stop()


@contextmanager
def broker_at(url: str):
    """This test process sends tasks to `url` (not eagerly) until the block ends."""
    from django.test import override_settings

    from cdrp_portal.celery import app

    def forget_connections():
        from kombu import pools

        if app._pool is not None:
            app._pool.force_close_all()
            app._pool = None
        app.amqp._producer_pool = None
        # kombu keeps producer pools per connection in a process-wide registry; a pool closed
        # above must not be handed to the next test (Celery acquires a producer even when
        # tasks run eagerly), so the registry starts afresh.
        pools.reset()

    previous = (app.conf.broker_url, app.conf.task_always_eager)
    forget_connections()
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    try:
        with override_settings(CELERY_BROKER_URL=url, CELERY_TASK_ALWAYS_EAGER=False):
            yield
    finally:
        forget_connections()
        app.conf.broker_url, app.conf.task_always_eager = previous
