"""The admin's heaviest pages for an editor, timed in-process.

Logged in as a superuser (bench-admin, created once in the bench database
with no usable password), Django's test client requests each page once
after emptying the cache, as after an edit, then `repeat` times more. Run
by bench/run.py in the environment of the production-caching server;
prints one JSON line: per page name, [path, first ms, median ms, slowest ms].

    python bench/admin_pages.py '{"attention": "/admin/attention/"}' 5
"""

import json
import statistics
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

from bench.optimisations import timed  # noqa: E402

USERNAME = "bench-admin"


def superuser():
    user, created = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def main():
    pages, repeat = json.loads(sys.argv[1]), int(sys.argv[2])
    client = Client()
    client.force_login(superuser())
    rows = {}
    for name, path in pages.items():
        cache.clear()
        first = timed(client, path)
        times = [timed(client, path) for _ in range(repeat)]
        rows[name] = [path, first, statistics.median(times), max(times)]
    print(json.dumps(rows))


if __name__ == "__main__":
    sys.exit(main())
