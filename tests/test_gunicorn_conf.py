"""The gunicorn settings load and tune garbage collection once a worker has started."""

import gc

from cdrp_portal import gunicorn_conf


def test_after_start_up_objects_are_frozen_and_young_ones_collected_less_often():
    thresholds = gc.get_threshold()
    try:
        gunicorn_conf.post_worker_init(worker=None)
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == gunicorn_conf.GC_THRESHOLDS
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
