"""Steps of one run dealt to forked processes: how the figure script and ``report`` use both cores.

A forked worker inherits everything the parent holds (tables, fitted models,
open styles), so nothing but the task's index and its small result crosses
between processes; each result is the same whichever process computes it.
Workers ignore Ctrl-C (SIGINT): the parent receives it, stops them and says so
once, instead of every worker printing a traceback. The parent's objects are
frozen for the garbage collector while it forks (:func:`frozen_heap`). Where
the platform cannot fork, everything runs in the calling process.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
from collections.abc import Callable, Iterable, Iterator

__all__ = ["frozen_heap", "map_forked", "worker_count"]


def worker_count(n_items: int, n_jobs: int | None) -> int:
    """How many processes share ``n_items`` independent tasks; 1 means the calling process alone.

    Parameters
    ----------
    n_items : int
        Tasks to run.
    n_jobs : int or None
        Processes asked for: ``-1`` or None for one per core, ``1`` for none.

    Returns
    -------
    int
        At most ``n_items``; 1 when ``n_jobs`` is 1, when there are fewer than
        two tasks, when the platform cannot fork, or inside a worker of
        :func:`map_forked` (its workers may not start processes of their own).

    Examples
    --------
    >>> worker_count(9, 1), worker_count(1, 2), worker_count(9, 2) in (1, 2)
    (1, 1, True)
    """
    import multiprocessing

    if (
        n_jobs == 1
        or n_items < 2
        or "fork" not in multiprocessing.get_all_start_methods()
        or multiprocessing.current_process().daemon
    ):
        return 1
    workers = (os.cpu_count() or 1) if n_jobs in (None, -1) else n_jobs
    return max(1, min(workers, n_items))


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Fork inside this block: the objects that exist now are left out of garbage collection.

    A forked worker shares the parent's memory until it writes to it, and a
    garbage collection in the worker writes to every object it examines
    (about 200 MB after pandas, scikit-learn and matplotlib are imported), so
    each worker would copy most of the parent's memory page by page. With
    them frozen (:func:`gc.freeze`, which Python's documentation recommends
    before a fork), the figure script and ``report`` on the seed event took
    6–7 % less CPU in all. Collection decides when memory is freed, never
    what is computed. On the way out of the outermost block the objects are
    handed back to the collector in this process.

    Yields
    ------
    None
    """
    _frozen.append(None)
    gc.freeze()
    try:
        yield
    finally:
        _frozen.pop()
        if not _frozen:  # the outermost block: a nested one leaves the objects frozen
            gc.unfreeze()


#: Open :func:`frozen_heap` blocks (they nest).
_frozen: list = []


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def map_forked(function: Callable, items: Iterable, n_workers: int) -> list:
    """``[function(item) for item in items]``, computed by ``n_workers`` forked processes.

    Each worker takes the next task as soon as it is free (tasks of unequal
    length keep both cores busy), and the results come back in the order of
    ``items``. An exception in a task is raised here, after the workers have
    been stopped.

    Neither ``function`` nor ``items`` is pickled: the workers inherit both
    at the fork and receive task numbers, so ``function`` may be a closure or
    a :func:`functools.partial` and the items may be large (matrices, tables,
    figures to draw). Only the results travel back, pickled.

    Parameters
    ----------
    function : callable
        Applied to each item.
    items : iterable
        One task each.
    n_workers : int
        Processes (:func:`worker_count`); 1 or less runs every task here.

    Returns
    -------
    list
        The results, in the order of ``items``.
    """
    items = list(items)
    if n_workers <= 1:
        return [function(item) for item in items]
    import multiprocessing

    context = multiprocessing.get_context("fork")
    _CALLS.append((function, items))
    try:
        # The with block terminates the workers on the way out, also on an error or Ctrl-C.
        with frozen_heap(), context.Pool(min(n_workers, len(items)), initializer=_ignore_interrupts) as pool:
            return pool.map(_run_task, range(len(items)), chunksize=1)
    finally:
        _CALLS.pop()


#: The :func:`map_forked` calls in progress, ``(function, items)``: what its workers inherit.
_CALLS: list = []


def _run_task(index: int):
    """Task ``index`` of the :func:`map_forked` call that forked this worker."""
    function, items = _CALLS[-1]
    return function(items[index])
