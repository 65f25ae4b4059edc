"""The two servers `make bench` starts: the project under bench/settings.py
and plain Django (bench/plain_django.py), both gunicorn with the project's
gunicorn.conf.py."""

import contextlib
import os
import subprocess
import time
import urllib.request

from bench.parameters import (
    KEEPALIVE,
    PLAIN_PORT,
    PORT,
    PYTHON,
    REDIS_URL,
    ROOT,
    SETTINGS,
    THREADS,
    WORKERS,
)


def server_env(db_url, cache):
    """The project's environment, production's caches (Redis) in both modes:
    `cache` False turns the whole-page cache off, so every request renders
    its page; True is production's page cache."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k != "REDIS_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=db_url,
        DJANGO_SECRET_KEY="bench-" + "k3y" * 20,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        # wrk speaks plain HTTP to the app server, as a TLS proxy would.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_API_ANON_RATE="100000000/minute",
        DJANGO_PUBLIC_CACHE_SECONDS="86400" if cache else "0",
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        GUNICORN_WORKERS=WORKERS,
        GUNICORN_THREADS=THREADS,
        GUNICORN_KEEPALIVE=KEEPALIVE,
        GUNICORN_LOGLEVEL="warning",
        GUNICORN_ACCESSLOG="",
        REDIS_URL=REDIS_URL,
    )
    return env


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url}")


@contextlib.contextmanager
def serving(command, env, health_url):
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        wait_until_up(health_url)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def plain_django():
    """Plain Django's trivial view, served by the same gunicorn.conf.py."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        GUNICORN_BIND=f"127.0.0.1:{PLAIN_PORT}",
        GUNICORN_WORKERS=WORKERS,
        GUNICORN_THREADS=THREADS,
        GUNICORN_KEEPALIVE=KEEPALIVE,
        GUNICORN_LOGLEVEL="warning",
        GUNICORN_ACCESSLOG="",
    )
    return serving(
        [PYTHON, "-m", "gunicorn", "bench.plain_django:application", "-c",
         "gunicorn.conf.py"],
        env, f"http://127.0.0.1:{PLAIN_PORT}/",
    )  # fmt: skip


def gunicorn(db_url, cache):
    """The project under bench/settings.py (server_env())."""
    return serving(
        [PYTHON, "-m", "gunicorn", "tracker.wsgi", "-c", "gunicorn.conf.py"],
        server_env(db_url, cache),
        f"http://127.0.0.1:{PORT}/healthz",
    )
