"""The first list requests after an edit, timed in-process.

An edit bumps its table's counter (a database trigger), which moves the
Summary of every list reading that table (counting.list_version) to a new
cache key: the first request of such a list after it rebuilds it; the other
lists keep theirs. Each round edits one row of each kind of EDITS in turn (an
UPDATE of one row, as the admin's save writes it), and after each edit
requests each list of `paths`, once right after the edit and once more; per
path and edit, the median of the rounds. The whole-page cache is off (the
bench's "uncached" server), so the version is read live and every request
renders. Run by bench/run.py; prints one JSON line: per path, {edit: [first
request after the edit ms, the next request ms]}.

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

# What each edit touches: a place is read by every list; an ordinance by
# the ordinances' and the places' lists; a statement by the statements' and
# (a federal list's) the places'.
EDITS = {
    kind: f"UPDATE {table} SET updated_at = now() "
    f"WHERE id = (SELECT min(id) FROM {table})"
    for kind, table in (
        ("a jurisdiction", "jurisdictions_jurisdiction"),
        ("an ordinance", "jurisdictions_ordinance"),
        ("a federal statement", "jurisdictions_federalstatement"),
    )
}


def edit(kind):
    with connection.cursor() as cursor:
        cursor.execute(EDITS[kind])


def main():
    paths, rounds = json.loads(sys.argv[1]), int(sys.argv[2])
    client = Client()
    for path in paths:
        timed(client, path)  # the process's imports and first queries
    times = {path: {kind: ([], []) for kind in EDITS} for path in paths}
    for _ in range(rounds):
        for kind in EDITS:
            edit(kind)
            for path in paths:
                first, again = times[path][kind]
                first.append(timed(client, path))
                again.append(timed(client, path))
    print(
        json.dumps(
            {
                path: {
                    kind: [statistics.median(first), statistics.median(again)]
                    for kind, (first, again) in edits.items()
                }
                for path, edits in times.items()
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
