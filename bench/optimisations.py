"""What each remaining optimisation buys, measured side by side in one run.

For each named seam of docs/PERFORMANCE.md, the median server time of a page
(Django's test client, in-process, the project's caches as in production but
the whole-page cache off unless the row is about it) with the seam as it is
and with the plain Django it stands for patched in, requests alternating in
blocks so the machine's drift falls on both. Run by bench/run.py in the bench
database's environment; prints one JSON line.
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
from django.templatetags.cache import CacheNode  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from jurisdictions import caching, counting  # noqa: E402
from jurisdictions.models import DataVersion  # noqa: E402
from jurisdictions.pagination import RankedRows  # noqa: E402

BLOCKS = 5
PER_BLOCK = 10


def no_summary():
    """Count every list with a grouped query per facet and the paginator's
    COUNT, as django-filter and ListView would."""
    return mock.patch.object(counting, "request_summary", lambda *args: None)


def no_ranked_keys():
    """Rank a search's matches again for every page."""
    return mock.patch.object(RankedRows, "applies", staticmethod(lambda qs: False))


def live_data_version():
    """Ask the database for the data version on every request."""
    return mock.patch.object(DataVersion, "recent", DataVersion.current)


def no_form_fragment():
    """Draw the filter form on every request."""
    return mock.patch.object(
        CacheNode, "render", lambda self, context: self.nodelist.render(context)
    )


def djangos_widget_templates():
    """Draw the choice widgets with Django's own templates, one include per
    option."""
    return override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates")


def no_process_pages():
    """Read every cached page from Redis."""
    return mock.patch.object(caching, "process_pages", lambda: None)


def no_page_cache():
    """Render every page."""
    return override_settings(PUBLIC_CACHE_SECONDS=0)


# (seam, page, plain Django it stands for, page cache on[, applied to both])
OPTIMISATIONS = [
    ("whole-page cache (caching.PublicPageCacheMiddleware)",
     "/ordinances/?state=CA&status=in_effect", no_page_cache, True),
    ("pages kept in each process in front of Redis (caching.nearest_copy)",
     "/ordinances/?state=CA&status=in_effect", no_process_pages, True),
    ("data version read once a second (DataVersion.recent)",
     "/ordinances/?state=CA&status=in_effect", live_data_version, True),
    ("list counts from a Summary (counting.request_summary)",
     "/ordinances/?state=CA&status=in_effect", no_summary, False),
    ("list counts from a Summary (counting.request_summary)",
     "/ordinances/", no_summary, False),
    ("a search's ranked keys kept (pagination.RankedRows)",
     "/ordinances/?q=privacy&page=2", no_ranked_keys, False),
    ("filter form cached per version and query (list_base.html)",
     "/ordinances/?state=CA&status=in_effect", no_form_fragment, False),
    ("choice widgets drawn by Jinja2 (templates/jinja2/)",
     "/ordinances/?state=CA&status=in_effect", djangos_widget_templates, False,
     no_form_fragment),
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


def measure(path, plain, page_cache, both=contextlib.nullcontext):
    seconds = 86400 if page_cache else 0
    with override_settings(PUBLIC_CACHE_SECONDS=seconds), both():
        cache.clear()
        medians = alternate(path, {"as is": contextlib.nullcontext, "plain": plain})
    return medians["as is"], medians["plain"]


def main():
    rows = []
    for seam, path, plain, page_cache, *both in OPTIMISATIONS:
        with_it, without = measure(path, plain, page_cache, *both)
        rows.append([seam, path, " ".join(plain.__doc__.split()), with_it, without])
    print(json.dumps(rows))


if __name__ == "__main__":
    sys.exit(main())
