"""Production mode: secure defaults, refusal of the dev key, health, headers."""

import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import TestCase, override_settings

from jurisdictions.models import Ordinance
from jurisdictions.requestlog import RequestIdFilter

LOGGING = settings.LOGGING
ROOT = Path(__file__).resolve().parent.parent


def run_python(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


# Settings and start-up checks in fresh processes, which read no test data:
# the engine cannot change them, so they run once (with `make test`).
@pytest.mark.engine_independent
class ProductionModeTests(TestCase):
    def test_check_deploy_passes_with_only_key_and_hosts_set(self):
        result = run_python(
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DJANGO_SECRET_KEY="q7Lp2-vX9mZ4_tR8sN1bK6wH3yC5dF0gJ" * 2,
            DJANGO_ALLOWED_HOSTS="tracker.example.org",
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_check_deploy_fails_with_the_development_key(self):
        result = run_python(
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DJANGO_ALLOWED_HOSTS="tracker.example.org",
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("W009", result.stdout + result.stderr)

    def test_app_refuses_to_start_in_production_with_the_development_key(self):
        with tempfile.TemporaryDirectory() as static:
            collected = run_python(
                "manage.py", "collectstatic", "--noinput", "-v0",
                DJANGO_SECRET_KEY="k" * 60, DJANGO_STATIC_ROOT=static,
            )  # fmt: skip
            self.assertEqual(collected.returncode, 0, collected.stderr)
            result = run_python(
                "-c", "import tracker.wsgi", DJANGO_STATIC_ROOT=static
            )  # fmt: skip
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("development secret key", result.stderr)
            ok = run_python(
                "-c", "import tracker.wsgi",
                DJANGO_SECRET_KEY="k" * 60, DJANGO_STATIC_ROOT=static,
            )  # fmt: skip
            self.assertEqual(ok.returncode, 0, ok.stderr)

    def test_app_refuses_to_start_in_production_without_static_files(self):
        with tempfile.TemporaryDirectory() as static:
            result = run_python(
                "-c", "import tracker.wsgi",
                DJANGO_SECRET_KEY="k" * 60, DJANGO_STATIC_ROOT=static,
            )  # fmt: skip
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("collectstatic", result.stderr)
        # Development serves the files from their sources.
        debug = run_python(
            "-c", "import tracker.wsgi", DJANGO_DEBUG="1", DJANGO_STATIC_ROOT=static
        )
        self.assertEqual(debug.returncode, 0, debug.stderr)

    def test_gunicorn_config_uses_threads_and_logs_to_stdout(self):
        config = {}
        exec((ROOT / "gunicorn.conf.py").read_text(), config)
        self.assertEqual(config["worker_class"], "gthread")
        self.assertEqual(config["accesslog"], "-")
        self.assertGreaterEqual(config["timeout"], 60)


class HealthTests(TestCase):
    def test_healthz_reports_the_database(self):
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok", "database": "ok"})
        self.assertIn("no-cache", response["Cache-Control"])

    def test_healthz_fails_when_the_database_does(self):
        with mock.patch(
            "tracker.health.connection.cursor", side_effect=OperationalError("down")
        ):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["status"], "error")

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_plain_http_redirects_to_https_except_healthz(self):
        self.assertEqual(self.client.get("/").status_code, 301)
        self.assertEqual(self.client.get("/healthz").status_code, 200)


class HeaderTests(TestCase):
    def test_security_headers_on_public_pages(self):
        response = self.client.get("/")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["Referrer-Policy"], "strict-origin-when-cross-origin")
        self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")

    def test_strict_content_security_policy_everywhere(self):
        for path in ["/", "/ordinances/", "/admin/login/", "/api/v1/docs/", "/data/"]:
            with self.subTest(path=path):
                policy = self.client.get(path)["Content-Security-Policy"]
                directives = dict(
                    part.strip().split(" ", 1) for part in policy.split(";")
                )
                self.assertEqual(directives["default-src"], "'self'")
                self.assertEqual(directives["script-src"], "'self'")
                self.assertEqual(directives["style-src"], "'self'")
                self.assertEqual(directives["frame-ancestors"], "'none'")
                self.assertEqual(directives["object-src"], "'none'")
                self.assertNotIn("unsafe", policy)

    def test_request_id_is_set_or_passed_through(self):
        generated = self.client.get("/healthz")["X-Request-ID"]
        self.assertRegex(generated, r"^[0-9a-f]{32}$")
        kept = self.client.get("/healthz", headers={"X-Request-ID": "lb-123"})
        self.assertEqual(kept["X-Request-ID"], "lb-123")
        replaced = self.client.get(
            "/healthz", headers={"X-Request-ID": "bad id\nforged log line"}
        )
        self.assertRegex(replaced["X-Request-ID"], r"^[0-9a-f]{32}$")

    def test_log_lines_carry_the_request_id(self):
        records = []
        handler = logging.Handler()
        handler.emit = records.append
        handler.addFilter(RequestIdFilter())
        logger = logging.getLogger("django.request")
        logger.addHandler(handler)
        try:
            self.client.get("/no-such-page/", headers={"X-Request-ID": "trace-42"})
        finally:
            logger.removeHandler(handler)
        self.assertEqual([r.request_id for r in records], ["trace-42"])
        self.assertEqual(LOGGING["handlers"]["console"]["filters"], ["request_id"])
        self.assertIn("rid=%(request_id)s", LOGGING["formatters"]["plain"]["format"])


# Production's URLconf, whichever settings module runs the suite: only
# bench/settings.py (bench/urls.py) adds the baseline (tests/test_bench_settings.py).
@override_settings(ROOT_URLCONF="tracker.urls")
class BaselineTests(TestCase):
    def test_bench_baseline_exists_only_under_bench_settings(self):
        self.assertEqual(self.client.get("/bench/baseline").status_code, 404)


class PreparedStatementTests(TestCase):
    def test_postgresql_prepares_a_query_run_five_times(self):
        if connection.vendor != "postgresql":
            self.skipTest("prepared statements are PostgreSQL's")
        for _ in range(6):
            list(Ordinance.objects.filter(slug="any").values_list("pk"))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                ['%"jurisdictions_ordinance"."slug" = $1%'],
            )
            prepared = cursor.fetchone()[0]
        # On by default; DJANGO_DB_SERVER_SIDE_BINDING=0 turns it off.
        expected = 1 if connection.settings_dict["OPTIONS"]["prepare_threshold"] else 0
        self.assertEqual(prepared, expected)


class SessionSettingsTests(TestCase):
    def test_the_app_s_queries_take_no_parallel_workers_and_no_jit(self):
        if connection.vendor != "postgresql":
            self.skipTest("parallel query and JIT are PostgreSQL's")
        expected = {
            # So the full CSV and the lists' grouped queries take a core
            # each, not three, while readers wait (make loadtest).
            "max_parallel_workers_per_gather": "0",
            # The change log's uncached count compiled 1.6 s to run 0.2 s.
            "jit": "off",
        }
        with connection.cursor() as cursor:
            for setting, value in expected.items():
                cursor.execute(f"SHOW {setting}")
                self.assertEqual(cursor.fetchone()[0], value, setting)
