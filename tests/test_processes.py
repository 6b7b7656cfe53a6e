"""Forked workers (analysis.processes): results in order, errors raised, Ctrl-C left to the parent."""

import gc
import os
import signal

import pytest

from analysis.processes import frozen_heap, map_forked, worker_count

needs_fork = pytest.mark.skipif(worker_count(2, 2) < 2, reason="the platform cannot fork")


def _square_and_pid(x):
    return x * x, os.getpid()


def _fail_on_three(x):
    if x == 3:
        raise ValueError(f"task {x} failed")
    return x


def _workers_inside_a_worker(_):
    return worker_count(5, 2)


def _sigint_handler(_):
    return signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def test_worker_count():
    assert worker_count(9, 1) == 1
    assert worker_count(1, 2) == 1  # one task: no process to start
    assert worker_count(0, -1) == 1
    if "fork" in __import__("multiprocessing").get_all_start_methods():
        assert worker_count(9, 2) == 2
        assert worker_count(3, 8) == 3  # never more processes than tasks
        assert worker_count(9, -1) == min(9, os.cpu_count() or 1)


@needs_fork
def test_results_come_back_in_order_from_other_processes():
    results = map_forked(_square_and_pid, range(12), 2)
    assert [value for value, _ in results] == [x * x for x in range(12)]
    assert os.getpid() not in {pid for _, pid in results}
    # One worker or none: the same values, computed here.
    assert [value for value, _ in map_forked(_square_and_pid, range(12), 1)] == [x * x for x in range(12)]
    assert {pid for _, pid in map_forked(_square_and_pid, range(3), 1)} == {os.getpid()}


@needs_fork
def test_an_error_in_a_task_is_raised_in_the_parent():
    with pytest.raises(ValueError, match="task 3 failed"):
        map_forked(_fail_on_three, range(6), 2)


@needs_fork
def test_workers_leave_ctrl_c_to_the_parent():
    assert map_forked(_sigint_handler, range(2), 2) == [True, True]
    assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN


@needs_fork
def test_a_worker_runs_its_own_tasks_itself():
    # A worker of map_forked may not start processes: select_k called inside one fits in it.
    assert map_forked(_workers_inside_a_worker, range(2), 2) == [1, 1]


@needs_fork
def test_neither_the_function_nor_the_items_are_pickled():
    # The workers inherit both at the fork: a closure over a local (which pickle refuses) applied
    # to items that pickle refuses too (lambdas), results in order, computed in other processes.
    offset = 100
    items = [lambda x=x: x for x in range(6)]
    results = map_forked(lambda item: (item() + offset, os.getpid()), items, 2)
    assert [value for value, _ in results] == [100, 101, 102, 103, 104, 105]
    assert os.getpid() not in {pid for _, pid in results}


def test_the_heap_is_frozen_only_inside_the_block_and_blocks_nest():
    # Objects that exist when a fork happens are left out of garbage collection (workers then do not
    # copy the parent's memory page by page), and handed back after the outermost block.
    assert gc.get_freeze_count() == 0
    with frozen_heap():
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with frozen_heap():
            assert gc.get_freeze_count() >= frozen
        assert gc.get_freeze_count() >= frozen  # the inner block left them frozen
    assert gc.get_freeze_count() == 0
    with pytest.raises(ValueError), frozen_heap():
        raise ValueError("the block fails")
    assert gc.get_freeze_count() == 0
