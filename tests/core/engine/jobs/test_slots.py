"""The training queue: a limit, first come first served, cancellation, many threads."""

from __future__ import annotations

import threading
import time

import pytest

from core.engine.jobs.slots import TrainingSlots


def test_limit_and_order():
    slots = TrainingSlots(limit=2)
    a, b, c, d = (slots.join() for _ in range(4))
    assert slots.try_start(a) == (True, 0)
    # d may not jump ahead of b and c, even when a slot is free.
    assert slots.try_start(d) == (False, 3)
    assert slots.try_start(b) == (True, 0)
    assert slots.try_start(c) == (False, 1)
    assert slots.running == 2 and slots.waiting == 2
    slots.leave(a)
    assert slots.try_start(d) == (False, 2)
    assert slots.try_start(c) == (True, 0)
    assert slots.try_start(d) == (False, 1)
    slots.leave(b)
    assert slots.try_start(d) == (True, 0)


def test_cancel_while_waiting_moves_the_queue_up():
    slots = TrainingSlots(limit=1)
    a, b, c = (slots.join() for _ in range(3))
    assert slots.try_start(a)[0]
    assert slots.try_start(c) == (False, 2)
    slots.leave(b)  # b cancels.
    assert slots.try_start(c) == (False, 1)
    slots.leave(a)
    slots.leave(a)  # Twice is harmless.
    assert slots.try_start(c) == (True, 0)
    with pytest.raises(ValueError):
        slots.try_start(b)
    with pytest.raises(ValueError):
        TrainingSlots(limit=0)


def test_many_threads_never_exceed_the_limit():
    slots = TrainingSlots(limit=2)
    active, peak, lock = [0], [0], threading.Lock()

    def student() -> None:
        ticket = slots.join()
        try:
            while not slots.try_start(ticket)[0]:
                time.sleep(0.001)
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            time.sleep(0.005)
            with lock:
                active[0] -= 1
        finally:
            slots.leave(ticket)

    threads = [threading.Thread(target=student) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    assert peak[0] == 2
    assert slots.running == 0 and slots.waiting == 0
