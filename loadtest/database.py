"""The load test's database: the one named, else the bench database when it
holds enough published ordinances, else sanctuary_loadtest, created and
filled here."""

import subprocess
import sys

import psycopg

from loadtest.report import log
from loadtest.server import ROOT, server_env

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
