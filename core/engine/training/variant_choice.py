"""Which training variant runs: forced, or `auto`'s choice, timed on the first batch.

`auto` decides once per kind of network and CPU in a process, with the weights put back after
timing, so a seed gives the same numbers as with the winner forced (docs/architecture.md,
"How auto chooses").
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from core.engine.training.cpu_features import CpuFeatures, cpu_features, cpu_features_light
from core.engine.training.variant_decisions import (
    CHOICES,
    LOG,
    VariantDecision,
    likely_fastest,
    variant_from_environment,
)
from core.engine.training.variant_memory import recall
from core.engine.training.variant_trial import Step, TrialStep
from core.engine.training.variants import AUTO, VARIANTS, eligible_variants, variant_problem

if TYPE_CHECKING:  # Light at import: the MNIST page reads `describe_train_variant` before training.
    import keras


def force_train_variant(name: str, cpu: CpuFeatures | None = None) -> None:
    """Train with `name` for the rest of the process ("auto": choose again). For the CLI.

    Raises ValueError, with a one-sentence reason, for an unknown name or a variant this
    machine does not offer.
    """
    if (problem := variant_problem(name, cpu)) is not None:
        raise ValueError(problem)
    with CHOICES.lock:
        CHOICES.forced = None if name == AUTO else name


def requested_variant(cpu: CpuFeatures | None = None) -> str:
    """The forced variant (CLI, then WORKSHOP_TRAIN_VARIANT), or "auto".

    A value the machine cannot use is logged as a warning once and ignored: a server keeps
    serving, and chooses for itself.
    """
    if CHOICES.forced is not None:
        return CHOICES.forced
    variable, value = variant_from_environment()
    if (problem := variant_problem(value or AUTO, cpu)) is None:
        return value or AUTO
    if value not in CHOICES.warned:
        CHOICES.warned.add(value)
        LOG.warning("%s=%s is ignored, auto chooses instead: %s", variable, value, problem)
    return AUTO


def _kind(model: keras.Model, cpu: CpuFeatures) -> tuple:
    """What makes variants faster or slower: the CPU and the layers, their shapes and sizes."""
    layers = []
    for layer in model.layers:
        try:
            shape = str(layer.output.shape)
        except (AttributeError, ValueError):  # A subclassed model's layers have no symbolic output.
            shape = ""
        layers.append((type(layer).__name__, shape, layer.count_params()))
    return (cpu, tuple(layers))


def choose_step(
    model: keras.Model, build: Callable[[str], Step], cpu: CpuFeatures | None = None
) -> Step:
    """The step of the forced or decided variant, or a trial that times the variants on the first
    chunk it is given and then trains with the fastest."""
    cpu = cpu or cpu_features()
    candidates = eligible_variants(model, cpu)
    requested = requested_variant(cpu)
    if requested != AUTO:
        return build(requested)
    key = _kind(model, cpu)
    with CHOICES.lock:
        decision = CHOICES.decided.get(key)
        busy = decision is None and key in CHOICES.trials
        token = object()
        if decision is None and not busy and len(candidates) > 1:
            CHOICES.trials[key] = token
    if decision is not None:
        return build(decision.variant)
    if len(candidates) == 1:
        CHOICES.record(key, VariantDecision(candidates[0], "only one applies", (*candidates,), cpu))
        return build(candidates[0])
    if busy:  # Another training is timing this kind of network right now: don't disturb it.
        return build(likely_fastest(candidates, cpu))
    if (remembered := recall(key, tuple(candidates), cpu)) is not None:
        CHOICES.record(key, remembered, token)
        return build(remembered.variant)
    # The likely winner first: it pays the process's first compilation, and if compiling
    # is so slow that the budget runs out, the variants left out are the unlikely ones.
    likely = likely_fastest(candidates, cpu)
    order = [likely, *(name for name in candidates if name != likely)]
    return TrialStep(model, key, {name: build(name) for name in order}, cpu, token)


def needs_trial(model: keras.Model, cpu: CpuFeatures | None = None) -> bool:
    """True when the next training of this kind of network would pay `auto`'s trial: no
    variant forced, more than one eligible, none decided in this process or kept on disk."""
    cpu = cpu or cpu_features()
    candidates = eligible_variants(model, cpu)
    if requested_variant(cpu) != AUTO or len(candidates) < 2:
        return False
    if decision_for(model, cpu) is not None:
        return False
    return recall(_kind(model, cpu), tuple(candidates), cpu) is None


def answering_variant(model: keras.Model, cpu: CpuFeatures | None = None) -> str:
    """The variant that trains this kind of network in this process: forced, or `auto`'s
    decision; before any decision, the one `auto` would likely choose."""
    cpu = cpu or cpu_features()
    requested = requested_variant(cpu)
    if requested != AUTO:
        return requested
    decision = decision_for(model, cpu)
    if decision is not None:
        return decision.variant
    return likely_fastest(eligible_variants(model, cpu), cpu)


def decision_for(model: keras.Model, cpu: CpuFeatures | None = None) -> VariantDecision | None:
    """The decision taken for this kind of network in this process, if any."""
    cpu = cpu or cpu_features()
    with CHOICES.lock:
        return CHOICES.decided.get(_kind(model, cpu))


def describe_train_variant(cpu: CpuFeatures | None = None) -> str:
    """One line for the MNIST page: which variant trains and why (before or after training).

    With a Ray cluster the trainings run on its workers, whose CPUs this server cannot see:
    each worker chooses for its own CPU, and the line says so.
    """
    if os.environ.get("WORKSHOP_RAY_ADDRESS", "").strip():
        return (
            "Training variant: chosen by each worker of the Ray cluster, the fastest on its own "
            "CPU (or the one WORKSHOP_TRAIN_VARIANT names there)."
        )
    cpu = cpu or cpu_features_light()
    requested = requested_variant(cpu)
    if requested != AUTO:
        return VariantDecision(requested, "forced", (requested,), cpu).sentence()
    with CHOICES.lock:  # A training thread of this process may be deciding right now.
        choices = list(CHOICES.last_choice.items())
    same_cpu = [  # Decided here, or by a training worker (which knows oneDNN's state).
        decision for seen, decision in choices if (seen.model, seen.flags) == (cpu.model, cpu.flags)
    ]
    if same_cpu:
        return same_cpu[-1].sentence()
    offered = [name for name in VARIANTS if variant_problem(name, cpu) is None]
    flags = ", ".join(cpu.relevant_flags()) or "no AVX2"
    return (
        "Training variant: timed once on this kind of CPU, before its first training: the "
        f"fastest of {', '.join(offered)} on this CPU ({flags})."
    )
