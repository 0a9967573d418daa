"""Gunicorn settings for the production server that `make run`, the end-to-end tests and the
load benchmark all start: `gunicorn -c gunicorn.conf.py wijkkompas.wsgi`.

Threaded workers suit this application: requests mostly wait on the database, and a machine with
two cores serves best with a few processes of a few threads each. A `--bind` or `--workers` on the
command line overrides what is set here.

Environment variables:
    WIJKKOMPAS_BIND   address to listen on (default 127.0.0.1:8000, loopback only).
    WEB_CONCURRENCY   number of worker processes (default 3).
"""

import os

bind = [os.environ.get("WIJKKOMPAS_BIND", "127.0.0.1:8000")]
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = 4
timeout = 30
graceful_timeout = 10
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound, but rarely: a new worker
# starts with an empty page cache, and its first visitors wait for pages to be rendered again.
max_requests = 100_000
max_requests_jitter = 10_000
# No access log (privacy, and the noise); errors go to standard error.
accesslog = None
errorlog = "-"
loglevel = "warning"
proc_name = "wijkkompas"
