"""What each remaining optimisation buys, measured side by side in one run.

For each seam kept (docs/PERFORMANCE.md), the median server time of a page
(Django's test client, in-process, the project's caches as in production:
Redis and each process's own) with the seam as it is and with the plain
Django it stands for patched in, requests alternating in blocks so the
machine's drift falls on both. The whole-page cache is on in the rows of the
seams in front of it (their pages are cache hits) and off in the others. Run
by bench/run.py in the bench database's environment; prints one JSON line.
"""

import contextlib
import json
import statistics
import sys
import time
from unittest import mock

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from jurisdictions import counting, middleware  # noqa: E402
from jurisdictions.models import DataVersion  # noqa: E402

BLOCKS = 5
PER_BLOCK = 10


def no_page_cache():
    """Render every page."""
    return override_settings(PUBLIC_CACHE_SECONDS=0)


def no_process_pages():
    """Read every cached page from Redis."""
    return mock.patch.object(middleware, "process_pages", lambda: None)


def live_data_version():
    """Ask the database for the data version on every request."""
    return mock.patch.object(DataVersion, "recent", DataVersion.current)


def no_summary():
    """Count every list with a grouped query per facet and the paginator's
    COUNT, as django-filter and ListView would."""
    return mock.patch.object(counting, "request_summary", lambda *args: None)


def csp_per_response():
    """Let django-csp build the CSP header for every response."""
    return mock.patch.object(middleware, "site_policy", lambda: None)


# (seam, page, plain Django it stands for, page cache on)
OPTIMISATIONS = [
    ("whole-page cache (middleware.PublicPageCacheMiddleware)",
     "/ordinances/?state=CA&status=in_effect", no_page_cache, True),
    ("pages kept in each process in front of Redis (middleware.nearest_copy)",
     "/ordinances/?state=CA&status=in_effect", no_process_pages, True),
    ("data version read once a second (DataVersion.recent)",
     "/ordinances/?state=CA&status=in_effect", live_data_version, True),
    ("CSP header built once (middleware.site_policy), page-cache hit",
     "/ordinances/?state=CA&status=in_effect", csp_per_response, True),
    ("list counts from a Summary (counting.request_summary)",
     "/ordinances/?state=CA&status=in_effect", no_summary, False),
    ("list counts from a Summary (counting.request_summary)",
     "/ordinances/", no_summary, False),
]  # fmt: skip


def timed(client, path):
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def alternate(path, variants):
    """The median ms of `path` under each of `variants` (name -> a context
    manager factory), requests alternating in blocks."""
    client = Client()
    times = {name: [] for name in variants}
    for _ in range(BLOCKS):
        for name, patch in variants.items():
            with patch():
                timed(client, path)  # each variant fills what it keeps
                times[name] += [timed(client, path) for _ in range(PER_BLOCK)]
    return {name: statistics.median(values) for name, values in times.items()}


def measure(path, plain, page_cache):
    seconds = 86400 if page_cache else 0
    with override_settings(PUBLIC_CACHE_SECONDS=seconds):
        cache.clear()
        medians = alternate(path, {"as is": contextlib.nullcontext, "plain": plain})
    return medians["as is"], medians["plain"]


def main():
    rows = []
    for seam, path, plain, page_cache in OPTIMISATIONS:
        with_it, without = measure(path, plain, page_cache)
        rows.append([seam, path, " ".join(plain.__doc__.split()), with_it, without])
    print(json.dumps(rows))


if __name__ == "__main__":
    sys.exit(main())
