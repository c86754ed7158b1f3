"""The ways to compute a training step, and `auto`: the fastest of them on this machine.

Which code trains the CNN fastest depends on the CPU, by a factor of two or more, so every
variant is kept and `auto` times them on the first batches (docs/architecture.md, "Training
variants and auto").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.engine.training.cpu_features import BF16_FLAGS, CpuFeatures, cpu_features

if TYPE_CHECKING:  # This module stays light: the CLI and the pages read its names.
    import keras

AUTO = "auto"

Layer = Callable[[Any], Any]  # A tensor in, a tensor out.


@dataclass(frozen=True)
class TrainVariant:
    """One way to compute the forward pass that a training step differentiates (and that tests
    the trained network, in the same precision)."""

    name: str
    summary: str
    # The forward pass, layer by layer; the flag: training (dropout on) or answering.
    layers: Callable[[keras.Model, bool], list[Layer]]
    applies: Callable[[keras.Model], bool]  # False: for this model it is another variant's maths.
    cpu_problem: Callable[[CpuFeatures], str | None]  # Why it cannot run fast here, or None.


def _whole(model: keras.Model, training: bool = True) -> list[Layer]:
    return [lambda h: model(h, training=training)]


def _sequential(model: keras.Model) -> bool:
    import keras

    return isinstance(model, keras.Sequential)


def _blocks(model: keras.Model, training: bool = True) -> list[Layer]:
    from core.engine.training.conv_blocks import training_layers

    return training_layers(model, training) if _sequential(model) else _whole(model, training)


def _blocks_apply(model: keras.Model) -> bool:
    from core.engine.training.conv_blocks import blocks_apply

    return blocks_apply(model)


def _bf16(model: keras.Model, training: bool = True) -> list[Layer]:
    from core.engine.training.bf16_layers import bf16_training_layers

    return bf16_training_layers(model, training) if _sequential(model) else _whole(model, training)


def _bf16_apply(model: keras.Model) -> bool:
    from core.engine.training.bf16_layers import bf16_applies

    return bf16_applies(model)


def _bf16_problem(cpu: CpuFeatures) -> str | None:
    if not cpu.flags & BF16_FLAGS:
        return "this CPU has neither avx512_bf16 nor amx_bf16, so bfloat16 would be emulated"
    if not cpu.onednn:
        return "TensorFlow runs without oneDNN here (TF_ENABLE_ONEDNN_OPTS=0)"
    return None


VARIANTS: dict[str, TrainVariant] = {
    variant.name: variant
    for variant in (
        TrainVariant(
            "keras", "Keras's own layers in float32", _whole, lambda m: True, lambda c: None
        ),
        TrainVariant(
            "blocks",
            "rearranged conv+ReLU+pool blocks in float32",
            _blocks,
            _blocks_apply,
            lambda c: None,
        ),
        TrainVariant(
            "keras-bf16",
            "Keras's layers with the convolutions in bfloat16",
            _bf16,
            _bf16_apply,
            _bf16_problem,
        ),
    )
}
CHOICES = (AUTO, *VARIANTS)


def variant_problem(name: str, cpu: CpuFeatures | None = None) -> str | None:
    """Why `name` cannot be forced on this CPU, as a sentence; None if it can."""
    if name == AUTO:
        return None
    if name not in VARIANTS:
        return f"unknown training variant {name!r}: choose one of {', '.join(CHOICES)}"
    why = VARIANTS[name].cpu_problem(cpu or cpu_features())
    return f"training variant {name!r} is not offered on this machine: {why}" if why else None


def eligible_variants(model: keras.Model, cpu: CpuFeatures | None = None) -> list[str]:
    """The variants `auto` times for this model on this CPU ("keras" always among them)."""
    cpu = cpu or cpu_features()
    return [n for n, p in VARIANTS.items() if p.cpu_problem(cpu) is None and p.applies(model)]
