"""wrk rounds: every page's requests/s as a ratio to plain Django's, measured
just before it, in both cache modes, with plain Django checked at the start,
middle and end of the run."""

import re
import subprocess
import time
import urllib.request

from bench.export import export_csv
from bench.parameters import (
    PAGE_CACHE_OFF,
    PAGE_CACHE_ON,
    PLAIN_PORT,
    PORT,
    ROUNDS,
    SETTLE_SECONDS,
    WARMUP_SECONDS,
    WRK_CONNECTIONS,
    WRK_SECONDS,
)
from bench.servers import gunicorn, plain_django

TRIVIAL_VIEW = "project's trivial view"


def fetch(path, port=PORT):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120) as r:
        return r.status, r.read()


def wrk(path, seconds=WRK_SECONDS, port=PORT):
    status, _ = fetch(path, port)  # fail early on a broken URL; warms the cache
    if status != 200:
        raise SystemExit(f"{path} answered {status}")
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{WRK_CONNECTIONS}",
            f"-d{seconds}s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],  # fmt: skip
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def plain():
    return wrk("/", port=PLAIN_PORT)


def page_rounds(path):
    """The median of ROUNDS (ratio, plain Django's result, the page's)."""
    # Every worker answers the page before the rounds: each process builds
    # what it keeps per data version.
    wrk(path, seconds=WARMUP_SECONDS)
    rounds = []
    for _ in range(ROUNDS):
        time.sleep(SETTLE_SECONDS)  # the last requests end
        denominator = plain()
        result = wrk(path)
        rounds.append((result["rps"] / denominator["rps"], denominator, result))
    ratio, denominator, result = sorted(rounds, key=lambda r: r[0])[len(rounds) // 2]
    result["rounds"] = [r[0] for r in rounds]
    return ratio, denominator, result


def median_export(master, rounds=3):
    """export_csv() of the whole /ordinances.csv, the median of `rounds`
    after the server settles: one export right after the pages' rounds once
    took twice as long as alone (59 % of COPY, against 89-97 % alone)."""
    exports = []
    for _ in range(rounds):
        time.sleep(SETTLE_SECONDS)
        exports.append(export_csv(master, PORT, "/ordinances.csv"))
    rows, _, _ = exports[0]
    seconds = sorted(export[1] for export in exports)[rounds // 2]
    return rows, seconds, max(export[2] for export in exports)


def measure(db_url, pages):
    """(results, plain_checks, export): results a list of (name, wrk result,
    ratio), plain_checks of (when, wrk result), export what export_csv()
    returns for the whole /ordinances.csv (page cache off)."""
    results, plain_checks, export = [], [], None
    with plain_django():
        # Plain Django at the start, between the modes and at the end: the
        # machine's speed drifts, and each page is also divided by the plain
        # round right before it.
        plain_checks.append(("start", plain()))
        for cache in (False, True):
            label = PAGE_CACHE_ON if cache else PAGE_CACHE_OFF
            with gunicorn(db_url, cache) as master:
                measured = {TRIVIAL_VIEW: "/bench/baseline", **pages}
                if cache:
                    # The 2nd run: the first fills the caches.
                    for path in measured.values():
                        wrk(path, seconds=WARMUP_SECONDS)
                for name, path in measured.items():
                    ratio, denominator, result = page_rounds(path)
                    print(
                        f"  {name} ({label}): {result['rps']:,.0f} req/s, plain "
                        f"Django {denominator['rps']:,.0f} req/s: {ratio:.1%}",
                        flush=True,
                    )
                    results.append((f"{name} ({label})", result, ratio))
                if not cache:
                    export = median_export(master)
            if not cache:
                plain_checks.append(("middle", plain()))
        plain_checks.append(("end", plain()))
    return results, plain_checks, export
