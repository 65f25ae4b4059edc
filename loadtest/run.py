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
"""

import argparse
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "postgres://postgres@127.0.0.1:5432/sanctuary_bench"
OWN_DB = "postgres://postgres@127.0.0.1:5432/sanctuary_loadtest"
MIN_ORDINANCES = 200_000
# Smaller than the bench sizes where the test does not need national scale.
OWN_SIZES = [
    *("--jurisdictions", "20000", "--ordinances", "200000"),
    *("--resolutions", "5000", "--statements", "5000", "--sources", "5000"),
]
PUBLISHED_ORDINANCES = """
    SELECT count(*) FROM jurisdictions_ordinance o
    JOIN jurisdictions_jurisdiction j ON j.id = o.jurisdiction_id
    WHERE o.publication_status = 'published' AND j.publication_status = 'published'
"""


def log(message):
    print(message, flush=True)


def server_env(db_url, port):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "GUNICORN_")) and k != "REDIS_URL"
    }
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SECRET_KEY="loadtest-" + "s3cr3t-" * 8,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # wrk speaks plain HTTP, as the app server hears it behind a TLS proxy.
        DJANGO_SECURE_SSL_REDIRECT="0",
        # Every request does its real work: no page served from the cache.
        DJANGO_PUBLIC_CACHE_SECONDS="0",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_LOGLEVEL="info",
    )
    return env


def manage(db_url, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=server_env(db_url, 0),
        check=True,
    )


def published_ordinances(db_url):
    with psycopg.connect(db_url) as conn:
        return conn.execute(PUBLISHED_ORDINANCES).fetchone()[0]


def database_exists(db_url):
    name = db_url.rsplit("/", 1)[1]
    with psycopg.connect(db_url.rsplit("/", 1)[0] + "/postgres") as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


def prepare_database(db_url):
    """Return a migrated database URL holding at least 200,000 ordinances."""
    candidates = [db_url] if db_url else [BENCH_DB, OWN_DB]
    for url in candidates:
        if database_exists(url):
            manage(url, "migrate", "--noinput", "-v0")
            count = published_ordinances(url)
            if count >= MIN_ORDINANCES:
                log(f"database: {url} ({count:,} published ordinances)")
                return url
            log(f"database: {url} holds {count:,} published ordinances, too few")
    url = db_url or OWN_DB
    name = url.rsplit("/", 1)[1]
    if not database_exists(url):
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    log(f"database: filling {url} (a few minutes)")
    manage(url, "migrate", "--noinput", "-v0")
    manage(url, "generate_bench_data", *OWN_SIZES)
    return url


def mix(db_url):
    """The request mix: paths cycled by wrk, read from the database's own rows."""
    with psycopg.connect(db_url) as conn:

        def slugs(table, n, where="publication_status = 'published'"):
            rows = conn.execute(
                f"SELECT slug FROM {table} WHERE {where} ORDER BY id LIMIT %s", [n]
            )
            return [row[0] for row in rows]

        places = slugs("jurisdictions_jurisdiction", 3, "kind = 'city'")
        ordinances = slugs("jurisdictions_ordinance", 3)
        resolutions = slugs("jurisdictions_schooldistrictresolution", 2)
        statements = slugs("jurisdictions_federalstatement", 2)
        people = slugs("jurisdictions_person", 2, "is_federal")
        districts = slugs("jurisdictions_jurisdiction", 1, "kind = 'school_district'")
        # The places with the most instruments still make a small CSV.
        busy = conn.execute(
            "SELECT j.slug FROM jurisdictions_ordinance o JOIN "
            "jurisdictions_jurisdiction j ON j.id = o.jurisdiction_id "
            "GROUP BY j.slug ORDER BY count(*) DESC, j.slug LIMIT 2"
        ).fetchall()
        place_word = conn.execute(
            "SELECT split_part(name, ' ', 1) FROM jurisdictions_jurisdiction "
            "WHERE kind = 'city' ORDER BY id LIMIT 1"
        ).fetchone()[0]

    def path(base, **query):
        return f"{base}?{urlencode(query, doseq=True)}" if query else base

    return [
        "/",
        # Lists.
        "/jurisdictions/",
        "/ordinances/",
        "/resolutions/",
        "/statements/",
        # Filtered lists.
        path("/ordinances/", state="CA", status="in_effect"),
        path("/ordinances/", instrument="executive_order", ordering="-date"),
        path("/ordinances/", provision="staff-training", state="TX"),
        path("/ordinances/", state="NY", page="3"),
        path("/jurisdictions/", kind="county", state="TX"),
        path("/jurisdictions/", stance="sanctuary", ordering="name"),
        path("/resolutions/", status="adopted", state="NY"),
        path("/statements/", kind="threat", state="CA"),
        # Searches.
        path("/ordinances/", q="trust act"),
        path("/ordinances/", q=place_word, state="CA"),
        path("/jurisdictions/", q=place_word),
        path("/statements/", q="detainers"),
        path("/resolutions/", q="community safety"),
        # Details.
        *(f"/jurisdictions/{slug}/" for slug in places),
        *(f"/ordinances/{slug}/" for slug in ordinances),
        *(f"/resolutions/{slug}/" for slug in resolutions),
        *(f"/statements/{slug}/" for slug in statements),
        *(f"/people/{slug}/" for slug in people),
        # Small CSV exports.
        *(path("/ordinances.csv", jurisdiction=slug) for (slug,) in busy),
        path("/statements.csv", speaker=people[0]),
        path("/resolutions.csv", district=districts[0]),
        path("/jurisdictions.csv", state="WY", kind="county"),
        path("/ordinances.csv", q="trust act", state="VT"),
    ]


class Gunicorn:
    """gunicorn in the background, its output in a log file."""

    def __init__(self, env, log_path):
        self.log_path = log_path
        self.log_file = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "tracker.wsgi",
                "-c",
                "gunicorn.conf.py",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )

    def workers(self):
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
        ).stdout
        return {int(pid) for pid in out.split()}

    def log_text(self):
        return Path(self.log_path).read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()


def wait_until_up(base, server, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {server.log_path}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer; see {server.log_path}")


def preflight(base, paths):
    """Every path must answer 200 before the load starts (and warms the workers)."""
    for path in paths:
        try:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            raise SystemExit(f"{path} answers {status} before any load")


class FullExport(threading.Thread):
    """Stream the unfiltered /ordinances.csv to a file, then check it whole."""

    def __init__(self, url, path):
        super().__init__(daemon=True)
        self.url = url
        self.path = path
        self.error = None
        self.started = self.finished = None
        self.status = self.bytes = 0

    def run(self):
        self.started = time.monotonic()
        try:
            with (
                urllib.request.urlopen(self.url, timeout=600) as response,
                open(self.path, "wb") as out,
            ):
                self.status = response.status
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    self.bytes += len(chunk)
        except Exception as error:  # any failure to stream is the finding
            self.error = repr(error)
        self.finished = time.monotonic()

    def check(self, expected):
        """Return (rows, problems) for the file received."""
        problems = []
        if self.error:
            problems.append(f"stream failed: {self.error}")
        if self.status != 200:
            problems.append(f"status {self.status}")
        rows, width = 0, None
        with open(self.path, "rb") as raw:
            raw.seek(max(0, self.bytes - 2))
            tail = raw.read()
        with open(self.path, encoding="utf-8", newline="") as text:
            reader = csv.reader(text)
            header = next(reader, [])
            width = len(header)
            last = header
            for row in reader:
                rows += 1
                last = row
        if not tail.endswith(b"\n"):
            problems.append(f"last line cut off (ends {tail!r})")
        if len(last) != width:
            problems.append(f"last row has {len(last)} cells, header {width}")
        if rows != expected:
            problems.append(f"{rows:,} rows, database has {expected:,}")
        return rows, problems


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


def restarts(server, before_pids, boots_before):
    """Worker restarts seen by PID and in gunicorn's log."""
    text = server.log_text()
    boots = len(re.findall(r"Booting worker", text)) - boots_before
    timeouts = len(re.findall(r"WORKER TIMEOUT", text))
    killed = len(re.findall(r"Worker \(pid:\d+\) was sent", text))
    now = server.workers()
    return {
        "new_worker_pids": sorted(now - before_pids),
        "gone_worker_pids": sorted(before_pids - now),
        "booting_worker_lines": boots,
        "worker_timeout_lines": timeouts,
        "worker_killed_lines": killed,
    }


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

    rows, export_problems = export.check(expected_rows)
    (work / "ordinances.csv").unlink(missing_ok=True)
    seconds = result["duration_us"] / 1e6
    lat = {k: v / 1000 for k, v in result["latency_us"].items()}
    socket_errors = sum(result["errors"][k] for k in ("connect", "read", "write"))
    restarted = bool(
        seen["new_worker_pids"]
        or seen["gone_worker_pids"]
        or seen["booting_worker_lines"]
        or seen["worker_timeout_lines"]
        or seen["worker_killed_lines"]
    )
    export_seconds = (export.finished or wrk_ended) - export.started

    log("")
    log(wrk_text.split("LOADTEST")[0].rstrip())
    log("")
    log("== load test ==")
    log(f"requests        {result['requests']:,} in {seconds:.1f} s")
    log(f"requests/s      {result['requests'] / seconds:,.1f}")
    log(
        "latency (ms)    "
        + ", ".join(
            f"{k} {lat[k]:,.1f}" for k in ("p50", "p75", "p90", "p99", "p99.9", "max")
        )
    )
    log(f"non-2xx         {result['non2xx']} {result['statuses'] or ''}")
    log(f"socket errors   {socket_errors} (timeouts {result['errors']['timeout']})")
    log(f"worker restarts {'yes' if restarted else 'none'} {seen}")
    overlap = (
        "finished during"
        if export.finished and export.finished <= wrk_ended
        else "finished after"
    )
    verdict = "complete" if not export_problems else "; ".join(export_problems)
    log(
        f"full CSV        {rows:,} of {expected_rows:,} rows, {export.bytes:,} bytes "
        f"in {export_seconds:.1f} s, {overlap} the load; {verdict}"
    )

    failures = []
    if result["non2xx"]:
        failures.append(f"{result['non2xx']} non-2xx answers")
    if socket_errors or result["errors"]["timeout"]:
        failures.append("socket errors or timeouts")
    if restarted:
        failures.append("worker restarts")
    if export_problems:
        failures.append("incomplete CSV export")
    if failures:
        log(f"FAILED: {', '.join(failures)} (log: {server.log_path})")
        return 1
    log("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
