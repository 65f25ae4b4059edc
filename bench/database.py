"""The bench database: created, migrated and filled once, then reused."""

import subprocess
import time

import psycopg

from bench.parameters import PYTHON, RANDOM_PAGE_COST, ROOT, SIZES
from bench.servers import server_env


def manage(db_url, *args, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=server_env(db_url, cache=False),
        check=True,
        text=True,
        capture_output=capture,
    )


def ensure_database(db_url):
    name = db_url.rsplit("/", 1)[1]
    admin_url = db_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    manage(db_url, "migrate", "--noinput", "-v0")
    with psycopg.connect(db_url) as conn:
        count = conn.execute("SELECT count(*) FROM jurisdictions_ordinance").fetchone()
    if count[0] < SIZES["ordinances"]:
        print(f"Generating bench data in {name} (a few minutes)...", flush=True)
        started = time.perf_counter()
        manage(db_url, "generate_bench_data", *[f"--{k}={v}" for k, v in SIZES.items()])
        print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    with psycopg.connect(db_url, autocommit=True) as conn:
        # Plan for storage where a random read costs about what a sequential
        # one does (SSDs, or data held in memory), as production servers are
        # tuned; PostgreSQL's default of 4 assumes spinning disks.
        conn.execute(
            f'ALTER DATABASE "{name}" SET random_page_cost = {RANDOM_PAGE_COST}'
        )
        conn.execute("ANALYZE")
    manage(db_url, "collectstatic", "--noinput", "-v0")
