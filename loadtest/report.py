"""What `make loadtest` prints, and its verdict: the exit status."""

from loadtest.latency import summary


def log(message):
    print(message, flush=True)


def restarted(seen):
    return bool(
        seen["new_worker_pids"]
        or seen["gone_worker_pids"]
        or seen["booting_worker_lines"]
        or seen["worker_timeout_lines"]
        or seen["worker_killed_lines"]
    )


def report(
    wrk_text, result, seen, export, expected_rows, wrk_ended, log_path, log_text
):
    """Print the figures; return 1 on any non-2xx answer, socket error or
    timeout, worker restart, or an incomplete export, else 0."""
    rows, export_problems = export.check(expected_rows)
    export.path.unlink(missing_ok=True)
    seconds = result["duration_us"] / 1e6
    lat = {k: v / 1000 for k, v in result["latency_us"].items()}
    socket_errors = sum(result["errors"][k] for k in ("connect", "read", "write"))
    any_restart = restarted(seen)
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
    for line in summary(log_text):
        log(line)
    log(f"non-2xx         {result['non2xx']} {result['statuses'] or ''}")
    log(f"socket errors   {socket_errors} (timeouts {result['errors']['timeout']})")
    log(f"worker restarts {'yes' if any_restart else 'none'} {seen}")
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
    if any_restart:
        failures.append("worker restarts")
    if export_problems:
        failures.append("incomplete CSV export")
    if failures:
        log(f"FAILED: {', '.join(failures)} (log: {log_path})")
        return 1
    log("OK")
    return 0
