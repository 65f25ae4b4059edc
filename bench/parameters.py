"""What `make bench` measures and how hard: data sizes, ports, wrk rounds,
gunicorn's workers, the pages. Most can be overridden with BENCH_*
environment variables."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
PYTHON = sys.executable
# Every process the bench starts (gunicorn, manage.py, the in-process
# scripts) runs the production settings plus /bench/baseline.
SETTINGS = "bench.settings"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/sanctuary_bench"
SIZES = {"jurisdictions": 50000, "ordinances": 200000, "resolutions": 20000,
         "statements": 20000}  # fmt: skip
PORT = 8311
PLAIN_PORT = 8312
BEST_EXPORT_SQL = BENCH_DIR / "best_ordinances_export.sql"
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "5"))
# Five alternating rounds: this VM's speed swings within a minute (a page's
# three rounds read 7.3%, 11.3% and 12.4% of their baselines in one run), and
# a median of five is less at the mercy of one slow minute.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
WRK_CONNECTIONS = int(os.environ.get("BENCH_WRK_CONNECTIONS", "16"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
# wrk's keep-alive connections stay with the worker that accepted them; with
# 2 workers x 4 threads one worker often held most of them and, held to one
# core by its GIL, left the other core ~45% idle (a page's rounds then read
# 64 or 116 req/s). With 4 workers x 2 threads both cores stay busy (<1% idle).
WORKERS = os.environ.get("BENCH_WORKERS", "4")
THREADS = os.environ.get("BENCH_THREADS", "2")
# wrk keeps its connections alive, to the project as to plain Django, as in
# every earlier run: the ratios measure the app, not a TCP handshake per
# request (gunicorn.conf.py closes each connection by default, for
# `make loadtest`'s queueing).
KEEPALIVE = os.environ.get("BENCH_KEEPALIVE", "5")
# The two modes of the wrk rounds: production's caches (Redis) in both, the
# whole-page cache off ("uncached": every request renders) or on, after a
# first pass.
PAGE_CACHE_OFF = "page cache off"
PAGE_CACHE_ON = "page cache on, 2nd run"
RANDOM_PAGE_COST = 1.1
SETTLE_SECONDS = 3
WARMUP_SECONDS = 2
# Edits bench/after_edit.py times the first list requests after.
REBUILDS = 5
# In-process requests per path for the server-time medians.
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))

PAGES = {
    "list, unfiltered": "/ordinances/",
    "list, state+status": "/ordinances/?state=CA&status=in_effect",
    "list, search q": "/ordinances/?q=privacy",
    "detail": "/ordinances/bench-ordinance-123456/",
}
SERVER_TIME_PATHS = ["/ordinances/?q=privacy", "/ordinances/?state=CA&status=in_effect"]
# The lists timed right after an edit, in this order (bench/after_edit.py):
# the first rebuilds the ordinances' Summary, the second reads it, the third
# rebuilds the jurisdictions', the search its own.
AFTER_EDIT_PATHS = [
    "/ordinances/",
    "/ordinances/?state=CA&status=in_effect",
    "/jurisdictions/",
    "/ordinances/?q=privacy",
]
# The admin's heaviest pages for an editor (issue 29), logged in as a
# superuser; their target is absolute.
ADMIN_PAGES = {
    "attention list": "/admin/attention/",
    "jurisdictions, stance differs": "/admin/jurisdictions/jurisdiction/"
    "?stance_differs=yes",
}
ADMIN_REPEAT = int(os.environ.get("BENCH_ADMIN_REPEAT", "5"))
ADMIN_TARGET_MS = 500
# Issue 29's floors, as ratios: to plain Django for pages, to COPY of the
# best query for the export.
TARGETS = {
    "lists, page cache on": 0.85,
    "detail, page cache on": 0.85,
    "lists, page cache off": 0.015,
    "detail, page cache off": 0.045,
    "export": 0.90,
}
