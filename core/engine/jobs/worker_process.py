"""One training worker: a child process of the server that runs flows one at a time.

TensorFlow keeps part of every training's memory until its process ends, so trainings run
here and the server replaces a worker after a few (core.engine.jobs.worker_pool). One socket
carries pickled messages (flows travel by reference, as pickle sends functions):

    python -m core.engine.jobs.worker_process <socket's fd> <server's process id>

    server -> worker: ("warm_up", functions) first, then ("run", flow, config, decisions),
                      ("stop",), ("quit",)
    worker -> server: ("ready", ...) or ("broken", sentence); per run ("progress", p)...,
                      then ("done", result) or ("failed", sentence), then ("stats", ...)

`decisions` are the training variants earlier workers timed, so this one does not time them
again. The result is plain data (NumPy, `.keras` bytes): the server needs no TensorFlow.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

import psutil

from core.engine.jobs.base import Flow, TrainingFailed, for_another_process, one_sentence
from core.engine.training.variant_decisions import CHOICES


def resident_mb() -> float:
    """This process's resident memory in MB."""
    return psutil.Process().memory_info().rss / 2**20


def offer_to_the_oom_killer() -> None:
    """When memory runs out, Linux ends the process it scores highest: let that be a worker,
    whose one training fails with a sentence, not the server every student is on."""
    with contextlib.suppress(OSError), open("/proc/self/oom_score_adj", "w") as score:
        score.write("500")


def leave_with_the_server(server: int, interval_s: float = 0.5) -> None:
    """End this process as soon as the server that started it is gone.

    A worker notices a closed socket only when it next reads it, after its warm-up (TensorFlow,
    MNIST, perhaps `auto`'s trial): a server that restarts or stops meanwhile would leave it
    working for nobody on the cores the next server needs. Linux hands an orphan to another
    parent, so a parent other than `server` (its process id) means the server has ended.
    """

    def watch() -> None:
        while os.getppid() == server:
            time.sleep(interval_s)
        os._exit(0)  # Nothing to tidy: no one is left to hear from this process.

    threading.Thread(target=watch, name="worker-orphan-watch", daemon=True).start()


def warm_up(functions: tuple[Callable[[], object], ...]) -> None:
    """What the trainings need first (the caller's functions, called without arguments:
    importing TensorFlow, reading MNIST), done before the worker says it is ready."""
    for function in functions:
        function()


class _Worker:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.send_lock = threading.Lock()
        self.stop = threading.Event()
        self.jobs: list[tuple[Any, Any]] = []
        self.arrived = threading.Condition()
        self.closed = False

    def send(self, *message: Any) -> None:
        with self.send_lock:
            try:
                self.connection.send(message)
            except OSError:  # The server is gone: the training stops, the listener ends us.
                self.stop.set()

    def listen(self) -> None:
        """Read the server's messages beside the running flow: Stop must arrive mid-batch."""
        try:
            while True:
                message = self.connection.recv()
                if message[0] == "stop":
                    self.stop.set()
                elif message[0] == "run":
                    with self.arrived:
                        self.jobs.append(message[1:])
                        self.arrived.notify()
                elif message[0] == "quit":
                    break
        except (EOFError, OSError):
            self.stop.set()  # The server is gone: a training ends after its batch, and so
            # does this worker.
        with self.arrived:
            self.closed = True
            self.arrived.notify()

    def serve(self) -> None:
        while True:
            with self.arrived:
                while not self.jobs and not self.closed:
                    self.arrived.wait()
                if not self.jobs:
                    return
                entry, config, decisions = self.jobs.pop(0)
            self.stop.clear()
            self.run(entry, config, decisions)

    def run(self, entry: Flow, config: Any, decisions: dict) -> None:
        for key, decision in decisions.items():  # Earlier workers' trials: not timed again.
            CHOICES.record(key, decision)
        try:
            result = entry(config, lambda p: self.send("progress", p), self.stop.is_set)
            payload = for_another_process(result)
            outcome: tuple[Any, ...] = ("done", payload)
        except BaseException as error:  # Any failure is one sentence for the student.
            sentence = str(error) if isinstance(error, TrainingFailed) else one_sentence(error)
            outcome = ("failed", sentence)
        self.send(*outcome)  # First: the student waits for it.
        result = payload = outcome = None
        gc.collect()
        with CHOICES.lock:
            decided = dict(CHOICES.decided)
        self.send("stats", {"rss_mb": resident_mb(), "decisions": decided})


def main(fd: int, server: int) -> None:
    """Warm up, say so, then run what the server sends until it says quit or goes away."""
    from core.engine.runtime.lean_import import import_tensorflow_lean
    from core.engine.runtime.memory import keep_for_life, limit_malloc_arenas
    from core.engine.runtime.priority import lower_calling_thread

    leave_with_the_server(server)
    limit_malloc_arenas()
    offer_to_the_oom_killer()
    connection = Connection(fd)
    worker = _Worker(connection)
    lower_calling_thread()  # Trainings yield the cores to the pages' answers.
    try:
        import_tensorflow_lean()  # Before the worker's own threads; the watch imports nothing.
        _, warm_ups = connection.recv()  # ("warm_up", functions): the server's first message.
        warm_up(warm_ups)
        keep_for_life()
    except BaseException as error:  # Reported, so the server stops starting workers in vain.
        connection.send(("broken", one_sentence(error)))
        return
    try:
        connection.send(("ready", {"rss_mb": resident_mb(), "pid": os.getpid()}))
    except OSError:
        return  # The server went away while this worker started.
    threading.Thread(target=worker.listen, name="worker-listen", daemon=True).start()
    worker.serve()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
