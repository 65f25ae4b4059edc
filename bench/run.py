"""`make bench`: measure the tracker at national scale, side by side in one run.

Builds (or reuses) a PostgreSQL bench database of 200,000 ordinances, starts
gunicorn with production-like settings (bench/settings.py: production's plus
/bench/baseline) and reports every figure as a ratio to a denominator
measured in the same run: throughput against plain Django (a trivial view
under startproject's middleware, no database, bench/plain_django.py) served
by the same gunicorn.conf.py, and the CSV export against PostgreSQL's COPY of
the best hand-written query for its columns (bench/best_ordinances_export.sql).
The admin's heaviest pages are timed in absolute ms. Writes bench/RESULTS.md.

    bench/parameters.py   sizes, ports, rounds, pages
    bench/database.py     the bench database
    bench/servers.py      gunicorn for the project and for plain Django
    bench/throughput.py   the wrk rounds
    bench/export.py       the CSV export and COPY
    bench/inprocess.py    server times in-process (after_edit.py, costs.py,
                          optimisations.py, admin_pages.py)
    bench/report.py       bench/RESULTS.md
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: python bench/run.py

from bench import inprocess, throughput  # noqa: E402
from bench.database import ensure_database  # noqa: E402
from bench.export import copy_baseline  # noqa: E402
from bench.parameters import (  # noqa: E402
    ADMIN_PAGES,
    ADMIN_REPEAT,
    AFTER_EDIT_PATHS,
    BENCH_DIR,
    DEFAULT_DB,
    PAGES,
    REPEAT,
    SERVER_TIME_PATHS,
)
from bench.report import render, versions  # noqa: E402

# bench/RESULTS.md's last section, about `make loadtest`.
LOADTEST_SECTION = "## The load test's tail"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    ensure_database(args.db)
    results, plain_checks, export = throughput.measure(args.db, PAGES)
    copy = copy_baseline(args.db)
    timings = inprocess.server_times(args.db, SERVER_TIME_PATHS, REPEAT)
    after_edit = inprocess.after_edit_times(args.db, AFTER_EDIT_PATHS)
    seams = inprocess.optimisation_times(args.db)
    costs = inprocess.page_costs(args.db, PAGES)
    admin = inprocess.admin_times(args.db, ADMIN_PAGES, ADMIN_REPEAT)
    for name, (path, first, median, _) in admin.items():
        print(f"  admin, {name} ({path}): first {first:.0f} ms, median "
              f"{median:.0f} ms", flush=True)  # fmt: skip
    report = render(
        versions(),
        results,
        plain_checks,
        export,
        copy,
        timings,
        after_edit,
        seams,
        costs,
        admin,
    )
    results_md = BENCH_DIR / "RESULTS.md"
    report += kept_sections(results_md)
    results_md.write_text(report)
    print(report)


def kept_sections(path):
    """The sections of `path` that `make bench` does not measure, written
    by hand after a `make loadtest` (LOADTEST_SECTION), kept across runs."""
    text = path.read_text() if path.exists() else ""
    start = text.find(LOADTEST_SECTION)
    return "\n" + text[start:].rstrip() + "\n" if start >= 0 else ""


if __name__ == "__main__":
    main()
