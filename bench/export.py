"""The CSV export against its denominator: the whole /ordinances.csv through
gunicorn (rows/s and the workers' memory), and COPY of the best hand-written
query for its columns (bench/best_ordinances_export.sql)."""

import contextlib
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

from bench.parameters import BEST_EXPORT_SQL, PYTHON, ROOT
from bench.servers import server_env


def worker_pids(master):
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    return [int(pid) for pid in children.read_text().split()]


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def export_csv(master, port, path):
    """Stream the CSV; return (rows, seconds, peak RSS growth of any worker in MiB)."""
    pids = worker_pids(master)
    before = {pid: rss_kib(pid) for pid in pids}
    peak = dict(before)
    done = threading.Event()

    def watch():
        while not done.is_set():
            for pid in pids:
                with contextlib.suppress(OSError):
                    peak[pid] = max(peak[pid], rss_kib(pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.perf_counter()
    lines = 0
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=600) as r:
        while chunk := r.read(1 << 16):
            lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    growth = max(peak[pid] - before[pid] for pid in pids) / 1024
    return lines - 1, seconds, growth


COPY_CODE = """\
import sys, time, django; django.setup()
from django.db import connection
sql = open(sys.argv[1]).read().strip().rstrip(';')
connection.ensure_connection()
started = time.perf_counter(); rows = 0
with connection.connection.cursor() as cursor:
    statement = f'COPY ({sql}) TO STDOUT WITH (FORMAT csv)'
    with cursor.copy(statement) as copy:
        for data in copy:
            rows += 1
print(rows, time.perf_counter() - started)
"""


def copy_baseline(db_url, rounds=3):
    """COPY the best hand-written query for the export's columns
    (bench/best_ordinances_export.sql) TO STDOUT through psycopg, as the
    export itself streams; rows and the median seconds of `rounds`, as the
    export's (throughput.median_export)."""
    runs = []
    for _ in range(rounds):
        out = subprocess.run(
            [PYTHON, "-c", COPY_CODE, str(BEST_EXPORT_SQL)], cwd=ROOT,
            env=server_env(db_url, cache=False), capture_output=True, text=True,
            check=True,
        ).stdout.split()  # fmt: skip
        runs.append((int(out[-2]), float(out[-1])))
    return runs[0][0], sorted(seconds for _, seconds in runs)[rounds // 2]
