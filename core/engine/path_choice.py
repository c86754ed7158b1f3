"""Which training path runs: forced, or `auto`'s choice, timed on the first batch.

`auto` decides once per kind of network (its layers and sizes) and CPU in a process. At
the first training of that kind, the first batch is run a few times through each path
that applies, in turn, timing them (`TrialStep`), with the model's weights, optimizer
state and dropout seeds put back afterwards: the training itself then runs the winner
from its first batch, so a seed gives the same numbers as with that path forced, in the
first training of a process as in the next ones. The fastest path is kept for the rest of
the process and logged. A training that starts while another is timing its kind does not
disturb it: it takes the likely winner, untimed. A network only one path applies to
(Iris: no convolution) is never timed, so `auto` costs it nothing.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from core.engine.cpu_features import CpuFeatures, cpu_features, cpu_features_light
from core.engine.train_paths import AUTO, PATHS, eligible_paths, path_problem

if TYPE_CHECKING:  # Light at import: the MNIST page reads `describe_train_path` before training.
    import keras

LOG = logging.getLogger(__name__)
PATH_VARIABLE = "WORKSHOP_TRAIN_PATH"
TRIAL_BUDGET_S = 2.0  # The whole trial, compiling included, on the first batches.
TIMED_CALLS = 3  # Per path, after its first call (which traces and compiles the step) ...
TRIAL_BATCHES = 2  # ... each on the first chunk's first two batches.

# Chunks of batches (k, batch, ...) and their labels -> each batch's mean loss and hits.
Step = Callable[[Any, Any], tuple[Any, Any]]


@dataclass(frozen=True)
class PathDecision:
    """Which path trains a kind of network in this process, and why."""

    path: str
    how: str  # "timed", "only one applies", "forced" or "untimed" (the budget ran out first).
    candidates: tuple[str, ...]
    cpu: CpuFeatures
    ms_per_batch: dict[str, float] = field(default_factory=dict)  # The timed paths' best.
    batch_size: int = 0
    trial_seconds: float = 0.0  # Wall time of the trial, all paths together ...
    overhead: float = 0.0  # ... less the winner's compiling, which forcing it would cost too.

    def sentence(self) -> str:
        """One line for a caption or a log: the path, and why it trains."""
        flags = ", ".join(self.cpu.relevant_flags()) or "no AVX2"
        if self.how == "forced":
            return f"Training path: {self.path}, forced ({PATH_VARIABLE} or --train-path)."
        if self.how == "untimed":
            return (
                f"Training path: {self.path}, the likely fastest on this CPU ({flags}): "
                f"compiling took the {TRIAL_BUDGET_S:g} s set aside to time the paths."
            )
        if self.how != "timed":
            return f"Training path: {self.path} ({self.how}; CPU: {flags})."
        others = ", ".join(
            f"{name} {ms:.1f}" for name, ms in self.ms_per_batch.items() if name != self.path
        )
        return (
            f"Training path: {self.path}, the fastest of {len(self.ms_per_batch)} timed on this "
            f"CPU ({flags}): {self.ms_per_batch[self.path]:.1f} ms a batch of {self.batch_size}"
            + (f" against {others}." if others else ".")
        )


class _Choices:
    """The process's decisions, one per (CPU, kind of network); guarded by one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.forced: str | None = None
        self.decided: dict[tuple, PathDecision] = {}
        self.trials: dict[tuple, object] = {}  # Kinds being timed now -> the trial's token.
        self.last_choice: dict[CpuFeatures, PathDecision] = {}  # For the page's caption.
        self.warned: set[str] = set()

    def record(self, key: tuple, decision: PathDecision, token: object = None) -> None:
        with self.lock:
            self.decided.setdefault(key, decision)
            if self.trials.get(key) is token:
                self.trials.pop(key, None)
            if len(decision.candidates) > 1:
                self.last_choice[decision.cpu] = decision
        LOG.info("%s (%s)", decision.sentence(), decision.cpu.describe())

    def abandon(self, key: tuple, token: object) -> None:
        with self.lock:
            if self.trials.get(key) is token:
                del self.trials[key]


_CHOICES = _Choices()


def force_train_path(name: str, cpu: CpuFeatures | None = None) -> None:
    """Train with `name` for the rest of the process ("auto": choose again). For the CLI.

    Raises ValueError, with a one-sentence reason, for an unknown name or a path this
    machine does not offer.
    """
    if (problem := path_problem(name, cpu)) is not None:
        raise ValueError(problem)
    with _CHOICES.lock:
        _CHOICES.forced = None if name == AUTO else name


def requested_path(cpu: CpuFeatures | None = None) -> str:
    """The forced path (CLI, then WORKSHOP_TRAIN_PATH), or "auto".

    A value the machine cannot use is logged as a warning once and ignored: a server keeps
    serving, and chooses for itself.
    """
    if _CHOICES.forced is not None:
        return _CHOICES.forced
    value = os.environ.get(PATH_VARIABLE, "").strip() or AUTO
    if (problem := path_problem(value, cpu)) is None:
        return value
    if value not in _CHOICES.warned:
        _CHOICES.warned.add(value)
        LOG.warning("%s=%s is ignored, auto chooses instead: %s", PATH_VARIABLE, value, problem)
    return AUTO


def _kind(model: keras.Model, cpu: CpuFeatures) -> tuple:
    """What makes paths faster or slower: the CPU and the layers, their shapes and sizes."""
    layers = []
    for layer in model.layers:
        try:
            shape = str(layer.output.shape)
        except (AttributeError, ValueError):  # A subclassed model's layers have no symbolic output.
            shape = ""
        layers.append((type(layer).__name__, shape, layer.count_params()))
    return (cpu, tuple(layers))


def _guess(candidates: list[str], cpu: CpuFeatures) -> str:
    """Without timing: bfloat16 where it runs, oneDNN's float32 kernels, else the blocks."""
    for name in ("keras-bf16", "keras" if cpu.onednn else "blocks", "keras"):
        if name in candidates:
            return name
    return candidates[0]


def choose_step(
    model: keras.Model, build: Callable[[str], Step], cpu: CpuFeatures | None = None
) -> Step:
    """The step of the forced or decided path, or a trial that times the paths on the first
    chunk it is given and then trains with the fastest."""
    cpu = cpu or cpu_features()
    candidates = eligible_paths(model, cpu)
    requested = requested_path(cpu)
    if requested != AUTO:
        return build(requested)
    key = _kind(model, cpu)
    with _CHOICES.lock:
        decision = _CHOICES.decided.get(key)
        busy = decision is None and key in _CHOICES.trials
        token = object()
        if decision is None and not busy and len(candidates) > 1:
            _CHOICES.trials[key] = token
    if decision is not None:
        return build(decision.path)
    if len(candidates) == 1:
        _CHOICES.record(key, PathDecision(candidates[0], "only one applies", (*candidates,), cpu))
        return build(candidates[0])
    if busy:  # Another training is timing this kind of network right now: don't disturb it.
        return build(_guess(candidates, cpu))
    # The likely winner first: it pays the process's first compilation, and if compiling
    # is so slow that the budget runs out, the paths left out are the unlikely ones.
    likely = _guess(candidates, cpu)
    order = [likely, *(name for name in candidates if name != likely)]
    return TrialStep(model, key, {name: build(name) for name in order}, cpu, token)


class TrialStep:
    """A training step that, on its first call, times each candidate path on that chunk.

    Steps take chunks of batches, (k, batch, ...) with labels (k, batch), as `fit` calls
    them. Each path's first call compiles it; then each runs the chunk's first
    TRIAL_BATCHES batches TIMED_CALLS more times, taking turns, so that a busy moment of the
    host falls on all of them. The fastest (its best call: a noisy host only ever slows
    one down) wins. The trial keeps within TRIAL_BUDGET_S: a path whose compilation would
    not fit (judged by the slowest so far) is left out, and when a call would not fit, the
    best so far wins. A path that fails to compile is left out too (both logged).
    """

    def __init__(self, model: keras.Model, key: tuple, steps: dict[str, Step], cpu, token):
        self.model, self.key, self.steps, self.cpu, self.token = model, key, steps, cpu, token
        self.batch_size = 0
        self.candidates = tuple(name for name in PATHS if name in steps)
        self.turns = [name for _ in range(1 + TIMED_CALLS) for name in steps]
        self.per_example: dict[str, list[float]] = {name: [] for name in steps}
        self.compile_seconds: dict[str, float] = {}
        self.spent, self.slowest_example = 0.0, 0.0
        self.winner: str | None = None

    def __call__(self, xs: Any, ys: Any) -> tuple[Any, Any]:
        if self.winner is None:
            self._trial(xs[:TRIAL_BATCHES], ys[:TRIAL_BATCHES])
        return self.steps[self.winner](xs, ys)

    def _trial(self, x: Any, y: Any) -> None:
        """Time the paths on these batches, then put the model back as it was."""
        self.batch_size = int(y.shape[1])
        state = [*self.model.variables, *self.model.optimizer.variables]
        saved = [(variable, variable.numpy()) for variable in state]
        try:
            while self.winner is None:
                self._turn(x, y)
        finally:
            for variable, value in saved:
                variable.assign(value)
            if self.winner is None:  # Interrupted: a later training of this kind times again.
                _CHOICES.abandon(self.key, self.token)

    def _turn(self, x: Any, y: Any) -> None:
        name = self.turns[0]
        if not self._fits(name):
            if name in self.compile_seconds:
                self._decide()  # Time is up: the best so far wins.
            else:
                self._leave_out(name, "its compilation would not fit in the trial's time")
            return
        self.turns.pop(0)
        started = time.perf_counter()
        try:
            loss, _ = self.steps[name](x, y)
        except Exception as error:  # Only a first call can fail: it traces the step.
            if name in self.compile_seconds or len(self.steps) == 1:
                raise
            self._leave_out(name, f"it failed to compile ({error})")
            return
        loss.numpy()  # The batches are done when their losses are known.
        self._note(name, time.perf_counter() - started, int(y.shape[0]) * int(y.shape[1]))

    def _fits(self, name: str) -> bool:
        """Whether the call is likely to end within the budget, judged by the slowest so far."""
        if name in self.compile_seconds:
            slowest = self.slowest_example * TRIAL_BATCHES * self.batch_size
        else:
            slowest = max(self.compile_seconds.values(), default=0.0)
        return self.spent + slowest < TRIAL_BUDGET_S

    def _note(self, name: str, elapsed: float, size: int) -> None:
        self.spent += elapsed
        if name in self.compile_seconds:
            self.per_example[name].append(elapsed / size)
            self.slowest_example = max(self.slowest_example, elapsed / size)
        else:
            self.compile_seconds[name] = elapsed
        if not self.turns or self.spent > TRIAL_BUDGET_S:
            self._decide()

    def _leave_out(self, name: str, why: str) -> None:
        LOG.warning("training path %s left out of the timing: %s", name, why)
        del self.steps[name], self.per_example[name]
        self.turns = [turn for turn in self.turns if turn != name]
        if not self.turns:
            self._decide()

    def _decide(self) -> None:
        best = {name: min(times) for name, times in self.per_example.items() if times}
        if best:
            self.winner = min(best, key=best.get)
            how = "timed"
        else:  # Nothing timed within the budget (very slow compiling): choose without timing.
            self.winner = _guess([n for n in self.steps if n in self.compile_seconds], self.cpu)
            how = "untimed"
        ms = {name: 1000 * seconds * self.batch_size for name, seconds in best.items()}
        # What auto costs beyond forcing the winner, which compiles it all the same.
        overhead = self.spent - self.compile_seconds.get(self.winner, 0.0)
        decision = PathDecision(self.winner, how, self.candidates, self.cpu, ms, self.batch_size)
        decision = replace(decision, trial_seconds=self.spent, overhead=overhead)
        _CHOICES.record(self.key, decision, self.token)


def decision_for(model: keras.Model, cpu: CpuFeatures | None = None) -> PathDecision | None:
    """The decision taken for this kind of network in this process, if any."""
    cpu = cpu or cpu_features()
    with _CHOICES.lock:
        return _CHOICES.decided.get(_kind(model, cpu))


def describe_train_path(cpu: CpuFeatures | None = None) -> str:
    """One line for the MNIST page: which path trains and why (before or after training).

    With a Ray cluster the trainings run on its workers, whose CPUs this server cannot see:
    each worker chooses for its own CPU, and the line says so.
    """
    if os.environ.get("WORKSHOP_RAY_ADDRESS", "").strip():
        return (
            "Training path: chosen by each worker of the Ray cluster, the fastest on its own "
            "CPU (or the one WORKSHOP_TRAIN_PATH names there)."
        )
    cpu = cpu or cpu_features_light()
    requested = requested_path(cpu)
    if requested != AUTO:
        return PathDecision(requested, "forced", (requested,), cpu).sentence()
    if (decision := _CHOICES.last_choice.get(cpu)) is not None:
        return decision.sentence()
    offered = [name for name in PATHS if path_problem(name, cpu) is None]
    flags = ", ".join(cpu.relevant_flags()) or "no AVX2"
    return (
        f"Training path: chosen at the first training, the fastest of "
        f"{', '.join(offered)} on this CPU ({flags})."
    )
