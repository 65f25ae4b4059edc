"""bench/settings.py: production's settings plus what `make bench` needs,
which production itself never serves (tests/test_deploy.py)."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase, TestCase, override_settings

import bench.urls
import tracker.urls

ROOT = Path(__file__).resolve().parent.parent


@override_settings(ROOT_URLCONF="bench.urls")
class BenchUrlsTests(TestCase):
    def test_the_baseline_answers_under_the_bench_urlconf(self):
        response = self.client.get("/bench/baseline")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ok")

    def test_the_production_urls_and_error_handlers_stay(self):
        self.assertEqual(self.client.get("/healthz").status_code, 200)
        self.assertEqual(bench.urls.handler400, tracker.urls.handler400)
        self.assertEqual(bench.urls.urlpatterns[1:], tracker.urls.urlpatterns)


class BenchSettingsTests(SimpleTestCase):
    def settings_of(self, **env):
        base = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("DJANGO_") and k not in ("REDIS_URL", "BENCH_CACHE")
        }
        code = (
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.ROOT_URLCONF, settings.CACHES['default']['BACKEND'], "
            "','.join(sorted(settings.CACHES)))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**base, "DJANGO_SETTINGS_MODULE": "bench.settings", **env},
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.splitlines()[-1].split()

    def test_the_caches_are_productions(self):
        # "Uncached" in the bench is the page cache off, never DummyCache:
        # what the app keeps behind it (a list's Summary) stays cached.
        urlconf, backend, aliases = self.settings_of(
            REDIS_URL="redis://127.0.0.1:6379/15", BENCH_CACHE="dummy"
        )
        self.assertEqual(urlconf, "bench.urls")
        self.assertEqual(backend, "django.core.cache.backends.redis.RedisCache")
        self.assertEqual(aliases, "default,pages,process")
        _, backend, aliases = self.settings_of()
        self.assertEqual(backend, "django.core.cache.backends.locmem.LocMemCache")
        self.assertEqual(aliases, "default,process")
