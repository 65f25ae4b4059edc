"""Settings for `make bench` and bench scripts: production's, plus the bench's own.

    DJANGO_SETTINGS_MODULE=bench.settings

Adds /bench/baseline (bench/urls.py). The caches are production's (Redis when
REDIS_URL is set, and each process's own "pages" and "process" aliases):
"uncached" in the bench means the whole-page cache off
(DJANGO_PUBLIC_CACHE_SECONDS=0), with what the app keeps behind it (a list's
Summary) cached as in production.
"""

from tracker.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
