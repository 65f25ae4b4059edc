"""Two app servers, one PostgreSQL, one Redis: an edit made through one server
is what that server serves at once and the other within a second (each
process reads the data version at most once a second)."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TransactionTestCase, override_settings

from .conftest import PRODUCTION_HASHERS
from .factories import make_jurisdiction

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
PASSWORD = "a long enough passphrase"

pytestmark = [pytest.mark.postgres, pytest.mark.scale_out]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_available():
    host, port = urllib.parse.urlsplit(REDIS_URL).netloc.split(":")
    try:
        socket.create_connection((host, int(port)), timeout=1).close()
    except OSError:
        return False
    return True


class AppServer:
    def __init__(self, database_url, cache_prefix):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DATABASE_URL=database_url,
            REDIS_URL=REDIS_URL,
            DJANGO_CACHE_PREFIX=cache_prefix,
            DJANGO_SECRET_KEY="scale-out-" + "s3cr3t" * 10,
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_SECURE_COOKIES="0",
            DJANGO_PUBLIC_CACHE_SECONDS="300",
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            GUNICORN_WORKERS="1",
            GUNICORN_THREADS="2",
            GUNICORN_ACCESSLOG="",
        )
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
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.wait()

    def wait(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode())
            try:
                self.get("/healthz")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"no answer from {self.url}")

    def get(self, path, anonymous=False):
        open_url = urllib.request.urlopen if anonymous else self.opener.open
        try:
            # Generous: CI runs this beside other suites on two cores.
            with open_url(self.url + path, timeout=120) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def post(self, path, data):
        request = urllib.request.Request(
            self.url + path,
            data=urllib.parse.urlencode(data, doseq=True).encode(),
            headers={"Referer": self.url + path},
        )
        with self.opener.open(request, timeout=120) as response:
            return response.status, response.read().decode()

    def csrf_token(self, path):
        _, body, _ = self.get(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()


class ScaleOutTests(TransactionTestCase):
    # Transactional: two gunicorn processes must read what the test commits.
    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("app servers share PostgreSQL, not an in-memory SQLite")
        if not redis_available():
            if os.environ.get("CI") == "true":
                self.fail(f"Redis is not reachable at {REDIS_URL}")
            self.skipTest(f"Redis is not reachable at {REDIS_URL}")
        settings = connection.settings_dict
        database_url = (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}"
            f"/{settings['NAME']}"
        )
        prefix = f"scale-out-{uuid.uuid4().hex}"
        self.servers = [AppServer(database_url, prefix) for _ in range(2)]
        self.addCleanup(lambda: [server.stop() for server in self.servers])

    def test_an_edit_through_one_server_is_served_by_the_other(self):
        town = make_jurisdiction(name="Springfield", slug="springfield")
        # The servers check the password with the production hashers.
        with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
            get_user_model().objects.create_superuser("root", "r@example.org", PASSWORD)
        editor, reader = self.servers
        page = town.get_absolute_url()

        # The reader caches the page in the shared Redis.
        status, body, headers = reader.get(page)
        self.assertEqual(status, 200)
        self.assertIn("Springfield", body)
        etag = headers["ETag"]
        self.assertEqual(editor.get(page)[2]["ETag"], etag)

        # An editor returns the record to draft through the other server.
        token = editor.csrf_token("/admin/login/")
        editor.post(
            "/admin/login/?next=/admin/",
            {"username": "root", "password": PASSWORD, "csrfmiddlewaretoken": token},
        )
        changelist = "/admin/jurisdictions/jurisdiction/"
        editor.post(
            changelist,
            {
                "csrfmiddlewaretoken": editor.csrf_token(changelist),
                "action": "return_to_draft",
                "_selected_action": [town.pk],
                "index": "0",
            },
        )
        town.refresh_from_db()
        self.assertEqual(town.publication_status, "draft")
        deadline = time.monotonic() + 1.0

        # The server that made the edit serves it at once, even to readers.
        self.assertEqual(editor.get(page, anonymous=True)[0], 404)

        # The other server serves it within a second, and from then on.
        while True:
            asked_at = time.monotonic()
            if reader.get(page)[0] == 404:
                break
            self.assertLess(asked_at, deadline, "the edit took over a second")
            time.sleep(0.05)
        self.assertNotIn("Springfield", reader.get("/jurisdictions/")[1])
        self.assertEqual(reader.get(page)[0], 404)
