"""gunicorn settings for serving the portal:

    gunicorn -c python:cdrp_portal.gunicorn_conf cdrp_portal.wsgi

Garbage collection. Once Django has loaded, a worker holds a few hundred thousand long-lived
objects (modules, URL patterns, templates, model metadata). Python's full collections walk all
of them every so often, and on a page that builds many objects (the national review dashboard's
315 rows) that made one request in six take 150 to 650 ms instead of 30 (`make bench`: p95 at
one client 119 ms against a p50 of 31 ms). Freezing what exists after start-up takes those
objects out of every later collection, and collecting young objects less often (every 20,000
allocations rather than 700) leaves fewer collections per request.
"""

import gc

GC_THRESHOLDS = (20_000, 50, 100)


def post_worker_init(worker):
    """After the worker has loaded the application: freeze what start-up made."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
