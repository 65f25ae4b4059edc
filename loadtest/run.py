"""`make loadtest`: the site under load, with a full CSV export streaming through it.

Starts gunicorn with the project's gunicorn.conf.py and production settings
(DEBUG off, a real secret key, the page cache off so every request does its
real work) against a PostgreSQL database of at least 200,000 published
ordinances, then runs wrk over a mix of lists, filtered lists, searches,
detail pages and small CSV exports (loadtest/mix.lua) while one client
streams the unfiltered /ordinances.csv. Reports requests/s, latency
percentiles, non-2xx answers and worker restarts, and exits non-zero on any
non-2xx answer, socket error or timeout, worker restart, or an export that
arrives short or cut off.

The database: LOADTEST_DATABASE_URL, else the bench database
(postgres://postgres@127.0.0.1:5432/sanctuary_bench) when it already holds
200,000 published ordinances, else a dedicated sanctuary_loadtest database
that this script creates, migrates and fills with generate_bench_data.

    loadtest/database.py  the database
    loadtest/mix.py       the paths wrk cycles through (loadtest/mix.lua)
    loadtest/server.py    gunicorn, its workers and their restarts
    loadtest/export.py    the full CSV export
    loadtest/latency.py   server time per path, from gunicorn's access log
    loadtest/report.py    the figures printed and the verdict
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: python loadtest/run.py

from loadtest.database import (  # noqa: E402
    manage,
    prepare_database,
    published_ordinances,
)
from loadtest.export import FullExport  # noqa: E402
from loadtest.mix import mix  # noqa: E402
from loadtest.report import log, report  # noqa: E402
from loadtest.server import (  # noqa: E402
    Gunicorn,
    empty_cache,
    preflight,
    restarts,
    server_env,
    wait_until_up,
)


def run_wrk(base, paths_file, seconds, connections, threads):
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        # Slow answers count as such, not as socket timeouts at wrk's 2 s.
        "--timeout=60s",
        "--latency",
        f"--script={ROOT / 'loadtest' / 'mix.lua'}",
        base,
        "--",
        str(paths_file),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True)
    match = re.search(r"^LOADTEST (\{.*\})$", output.stdout, re.MULTILINE)
    if not match:
        raise SystemExit(f"wrk gave no result:\n{output.stdout}\n{output.stderr}")
    return output.stdout, json.loads(match.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("LOADTEST_DATABASE_URL"))
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--port", type=int, default=8331)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    db_url = prepare_database(args.db)
    # Production settings serve hashed static files and refuse to start
    # without them.
    manage(db_url, "collectstatic", "--noinput", "-v0")
    expected_rows = published_ordinances(db_url)
    paths = mix(db_url)
    work = Path(tempfile.mkdtemp(prefix="loadtest-"))
    paths_file = work / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    base = f"http://127.0.0.1:{args.port}"

    empty_cache()
    server = Gunicorn(server_env(db_url, args.port), work / "gunicorn.log")
    try:
        wait_until_up(base, server)
        preflight(base, paths)
        time.sleep(2)  # let every worker finish booting
        before_pids = server.workers()
        boots_before = len(re.findall(r"Booting worker", server.log_text()))
        log(
            f"gunicorn: {len(before_pids)} workers, log {server.log_path}; "
            f"wrk: {args.seconds} s, {args.connections} connections, "
            f"{len(paths)} paths; page cache off"
        )
        export = FullExport(f"{base}/ordinances.csv", work / "ordinances.csv")
        export.start()
        wrk_text, result = run_wrk(
            base, paths_file, args.seconds, args.connections, args.threads
        )
        wrk_ended = time.monotonic()
        export.join(timeout=900)
        seen = restarts(server, before_pids, boots_before)
    finally:
        server.stop()

    return report(
        wrk_text,
        result,
        seen,
        export,
        expected_rows,
        wrk_ended,
        server.log_path,
        server.log_text(),
    )


if __name__ == "__main__":
    sys.exit(main())
