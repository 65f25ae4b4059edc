"""Server times measured in-process (Django's test client) in the bench
database, each in a fresh Python under bench/settings.py: the lists'
medians, bench/after_edit.py, bench/optimisations.py, bench/costs.py and
bench/admin_pages.py."""

import json
import subprocess

from bench.parameters import BENCH_DIR, PYTHON, REBUILDS, ROOT
from bench.servers import server_env

SERVER_TIMES_CODE = """\
import json, statistics, sys, time, django; django.setup()
from django.test import Client
client = Client()
result = {}
repeat = int(sys.argv[2])
for path in json.loads(sys.argv[1]):
    assert client.get(path).status_code == 200, path
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    result[path] = [statistics.median(times), times[int(len(times) * 0.95) - 1]]
print(json.dumps(result))
"""


def last_json_line(command, env):
    """Run `command`; the JSON line it prints last, or its error."""
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(command[:2])} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def server_times(db_url, paths, repeat):
    """In-process server time per path, in ms (page cache off, production's
    caches): [median, p95] of repeated requests."""
    return last_json_line(
        [PYTHON, "-c", SERVER_TIMES_CODE, json.dumps(paths), str(repeat)],
        server_env(db_url, cache=False),
    )


def bench_script(db_url, cache, script, *args):
    """The JSON line bench/<script> prints, run in the environment of the
    server `cache` names (server_env())."""
    env = server_env(db_url, cache)
    env["PYTHONPATH"] = str(ROOT)
    return last_json_line([PYTHON, str(BENCH_DIR / script), *args], env)


def optimisation_times(db_url):
    """bench/optimisations.py with production caching: per seam, [seam,
    page, plain alternative, ms as is, ms plain]."""
    return bench_script(db_url, True, "optimisations.py")


def after_edit_times(db_url, paths):
    """bench/after_edit.py with the page cache off: per path, [first request
    after an edit, the next one], medians of REBUILDS edits, in ms."""
    return bench_script(
        db_url, False, "after_edit.py", json.dumps(paths), str(REBUILDS)
    )


def page_costs(db_url, pages):
    """bench/costs.py with the page cache off: per page name, [path,
    {variant: median ms}]."""
    return bench_script(db_url, False, "costs.py", json.dumps(pages))


def admin_times(db_url, pages, repeat):
    """bench/admin_pages.py with production caching: per page name, [path,
    first request after emptying the cache, median, slowest of `repeat`],
    in ms."""
    return bench_script(db_url, True, "admin_pages.py", json.dumps(pages), str(repeat))
