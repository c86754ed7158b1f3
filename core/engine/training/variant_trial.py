"""`auto`'s trial: the first chunk of the first training of a kind of network, timed per variant.

Each variant's first call compiles it; then the variants take turns on the same batches, so a busy
moment of the host falls on all of them, and the fastest trains. The model is put back as
it was, so the training itself starts from the same weights whichever variant won.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from core.engine.training.variant_decisions import (
    CHOICES,
    LOG,
    TRIAL_BUDGET_S,
    VariantDecision,
    likely_fastest,
)
from core.engine.training.variant_memory import remember
from core.engine.training.variants import VARIANTS

if TYPE_CHECKING:
    import keras

TIMED_CALLS = 3  # Per variant, after its first call (which traces and compiles the step) ...
TRIAL_BATCHES = 2  # ... each on the first chunk's first two batches.

# Chunks of batches (k, batch, ...) and their labels -> each batch's mean loss and hits.
Step = Callable[[Any, Any], tuple[Any, Any]]


class TrialStep:
    """A training step that, on its first call, times each candidate variant on that chunk.

    Steps take chunks of batches, (k, batch, ...) with labels (k, batch), as `fit` calls
    them. Each variant's first call compiles it; then each runs the chunk's first
    TRIAL_BATCHES batches TIMED_CALLS more times, taking turns, so that a busy moment of the
    host falls on all of them. The fastest (its best call: a noisy host only ever slows
    one down) wins. The trial keeps within TRIAL_BUDGET_S: a variant whose compilation would
    not fit (judged by the slowest so far) is left out, and when a call would not fit, the
    best so far wins. A variant that fails to compile is left out too (both logged).
    """

    def __init__(self, model: keras.Model, key: tuple, steps: dict[str, Step], cpu, token):
        self.model, self.key, self.steps, self.cpu, self.token = model, key, steps, cpu, token
        self.batch_size = 0
        self.candidates = tuple(name for name in VARIANTS if name in steps)
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
        """Time the variants on these batches, then put the model back as it was."""
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
                CHOICES.abandon(self.key, self.token)

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
        LOG.warning("training variant %s left out of the timing: %s", name, why)
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
            compiled = [name for name in self.steps if name in self.compile_seconds]
            self.winner = likely_fastest(compiled, self.cpu)
            how = "untimed"
        ms = {name: 1000 * seconds * self.batch_size for name, seconds in best.items()}
        # What auto costs beyond forcing the winner, which compiles it all the same.
        overhead = self.spent - self.compile_seconds.get(self.winner, 0.0)
        decision = VariantDecision(self.winner, how, self.candidates, self.cpu, ms, self.batch_size)
        decision = replace(decision, trial_seconds=self.spent, overhead=overhead)
        CHOICES.record(self.key, decision, self.token)
        if how == "timed":
            remember(self.key, decision)
