"""Where the load test's latency goes, from gunicorn's access log: each
request's server time (`%(M)sms`, from the request parsed to the response
sent, in gunicorn.conf.py's access_log_format) per path.

wrk's latency less the server time is the time a request waited before a
thread took it (queueing); the paths with the longest server times make the
rest of the tail. Only wrk's requests count (they carry no User-Agent); the
preflight and the full export are Python's.
"""

import collections
import re

LINE = re.compile(r'"GET (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) \S+ (?P<ms>\d+)ms')
WRK = '"-"'


def server_times(log_text):
    """{path: [ms, ...]} of wrk's requests."""
    times = collections.defaultdict(list)
    for line in log_text.splitlines():
        match = LINE.search(line)
        if match and line.rstrip().endswith(WRK):
            times[match["path"]].append(int(match["ms"]))
    return times


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def summary(log_text, top=8):
    """Lines to print: server times overall, then the `top` paths by p99."""
    times = server_times(log_text)
    every = [ms for values in times.values() for ms in values]
    if not every:
        return ["server time: no wrk requests in gunicorn's log"]
    total = sum(every)
    lines = [
        f"server time (ms) p50 {percentile(every, 0.5):,}, p90 "
        f"{percentile(every, 0.9):,}, p99 {percentile(every, 0.99):,}, max "
        f"{max(every):,} of {len(every):,} requests; on average "
        f"{total / 1000 / max(1, len(every)):.2f} s each",
        f"slowest paths by p99 server time (top {top}):",
    ]
    ranked = sorted(times.items(), key=lambda item: -percentile(item[1], 0.99))
    for path, values in ranked[:top]:
        lines.append(
            f"  p50 {percentile(values, 0.5):>6,} p99 {percentile(values, 0.99):>6,}"
            f" max {max(values):>6,} n {len(values):>4} "
            f"{sum(values) / total:>4.0%} of server time  {path}"
        )
    return lines
