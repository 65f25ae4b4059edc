"""The first list requests after an edit, timed in-process.

An edit bumps the data version (a database trigger), which moves every
list's Summary, its facets counted alone and the provision names to new
cache keys: the first request of each list after it rebuilds them. Each
round saves one jurisdiction (an UPDATE of one row, as the admin's save
writes it), then requests each list of `paths` in turn, once right after the
edit and once more; per path, the median of the rounds. The whole-page cache
is off (the bench's "uncached" server), so the version is read live and every
request renders. Run by bench/run.py; prints one JSON line: per path, [first
request after the edit ms, the next request ms].

    python bench/after_edit.py '["/ordinances/", "/jurisdictions/"]' 5
"""

import json
import statistics
import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.optimisations import timed  # noqa: E402

EDIT = (
    "UPDATE jurisdictions_jurisdiction SET updated_at = now() WHERE id = "
    "(SELECT min(id) FROM jurisdictions_jurisdiction)"
)


def edit():
    with connection.cursor() as cursor:
        cursor.execute(EDIT)


def main():
    paths, rounds = json.loads(sys.argv[1]), int(sys.argv[2])
    client = Client()
    for path in paths:
        timed(client, path)  # the process's imports and first queries
    first = {path: [] for path in paths}
    next_ = {path: [] for path in paths}
    for _ in range(rounds):
        edit()
        for path in paths:
            first[path].append(timed(client, path))
            next_[path].append(timed(client, path))
    print(
        json.dumps(
            {
                path: [statistics.median(first[path]), statistics.median(next_[path])]
                for path in paths
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
