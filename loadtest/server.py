"""gunicorn under test: production settings with the page cache off, its
log, its workers and their restarts.

The caches are production's: Redis (LOADTEST_REDIS_URL, a database of the
load test's own, emptied before each run) as README.md asks of a busy
server, so a list's Summary is built once for every worker, not once per
worker in each one's memory. LOADTEST_GUNICORN_<NAME> sets GUNICORN_<NAME>
for one run (experiments); by default gunicorn.conf.py's values are tested.
"""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/13")
OVERRIDE = "LOADTEST_GUNICORN_"


def server_env(db_url, port):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "GUNICORN_")) and k != "REDIS_URL"
    }
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SECRET_KEY="loadtest-" + "s3cr3t-" * 8,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # wrk speaks plain HTTP, as the app server hears it behind a TLS proxy.
        DJANGO_SECURE_SSL_REDIRECT="0",
        # Every request does its real work: no page served from the cache.
        DJANGO_PUBLIC_CACHE_SECONDS="0",
        REDIS_URL=REDIS_URL,
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_LOGLEVEL="info",
        # Every request in the log with its server time (gunicorn.conf.py's
        # access_log_format), for loadtest/latency.py.
        GUNICORN_ACCESSLOG="-",
    )
    env.update(
        {
            "GUNICORN_" + k.removeprefix(OVERRIDE): v
            for k, v in os.environ.items()
            if k.startswith(OVERRIDE)
        }
    )
    return env


def empty_cache():
    """Empty the load test's own Redis database: every run starts cold, as
    after a deploy or an edit."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


class Gunicorn:
    """gunicorn in the background, its output in a log file."""

    def __init__(self, env, log_path):
        self.log_path = log_path
        self.log_file = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "tracker.wsgi",
                "-c",
                "gunicorn.conf.py",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )

    def workers(self):
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
        ).stdout
        return {int(pid) for pid in out.split()}

    def log_text(self):
        return Path(self.log_path).read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()


def wait_until_up(base, server, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {server.log_path}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer; see {server.log_path}")


def preflight(base, paths):
    """Every path must answer 200 before the load starts (and warms the workers)."""
    for path in paths:
        try:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            raise SystemExit(f"{path} answers {status} before any load")


def restarts(server, before_pids, boots_before):
    """Worker restarts seen by PID and in gunicorn's log."""
    text = server.log_text()
    boots = len(re.findall(r"Booting worker", text)) - boots_before
    timeouts = len(re.findall(r"WORKER TIMEOUT", text))
    killed = len(re.findall(r"Worker \(pid:\d+\) was sent", text))
    now = server.workers()
    return {
        "new_worker_pids": sorted(now - before_pids),
        "gone_worker_pids": sorted(before_pids - now),
        "booting_worker_lines": boots,
        "worker_timeout_lines": timeouts,
        "worker_killed_lines": killed,
    }
