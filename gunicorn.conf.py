"""gunicorn settings: `gunicorn tracker.wsgi` reads this file from the project root.

Every value can be overridden with the matching GUNICORN_* environment variable.

Sized for a CPU-bound app behind a proxy: a page is some 30 ms of Python and a
few of PostgreSQL, so requests should wait in the kernel's listen backlog, in
arrival order, and not inside the workers. A worker takes a connection only
when one of its threads is free (worker_connections = threads) and closes it
after the answer (keepalive 0), so the next request goes to whichever worker
frees first. With gthread's defaults (1,000 connections a worker, kept alive)
a worker accepted more than its threads could serve and kept them, its
requests queued behind its own while another worker idled, and 8 threads a
worker shared one GIL, stretching the heaviest pages several times over: under
`make loadtest` p99 fell from 7.7-8.0 s to 2.2-2.7 s (bench/RESULTS.md, "The
load test's tail"). The proxy in front keeps its clients' connections alive
and buffers slow readers; without one, raise GUNICORN_THREADS so slow CSV
downloads cannot hold every thread.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# gthread: a slow client or a long CSV stream holds one thread, not a worker.
worker_class = "gthread"
# One worker a core keeps every core busy; one more covers a worker whose
# threads all wait on the database or on a CSV stream.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
# Two threads a worker: one runs Python while the other waits on PostgreSQL
# or streams a CSV; more only share the worker's GIL.
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "0"))
# Closing after each answer, a worker accepts only what its threads can serve
# at once; kept-alive connections need room to wait, as gunicorn's default.
worker_connections = threads if keepalive == 0 else 1000
# Connections waiting for a free thread, in arrival order.
backlog = int(os.environ.get("GUNICORN_BACKLOG", "2048"))
# With gthread, `timeout` only bounds a worker that stops answering its master
# entirely; a thread streaming a 200,000-row CSV keeps the worker alive, so
# long exports finish. Keep it generous for first-request work under load.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "60"))
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "0"))

accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s "%(a)s"'
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
