"""The quick questions of the MNIST and Inside-the-CNN pages, from the network on screen."""

from __future__ import annotations

import math
from collections.abc import Sequence

from core.basics.questions import Question
from core.mnist.config import MnistConfig, examples_per_epoch, steps_per_epoch
from core.mnist.shapes import CLASSES, layer_rows


def mnist_questions(config: MnistConfig) -> list[Question]:
    """The weights a wider dense layer adds, and the steps a smaller batch takes."""
    rows = {row.name: row for row in layer_rows(config)}
    total = sum(row.parameters for row in rows.values())
    flat, units = rows["flatten"].output_size, config.dense_units
    wide = 2 * units
    dense_then, digits_then = flat * wide + wide, wide * CLASSES + CLASSES
    then = total - rows["dense"].parameters - rows["digits"].parameters + dense_then + digits_then
    examples, steps = examples_per_epoch(config), steps_per_epoch(config)
    half = config.batch_size // 2
    more = math.ceil(examples / half)
    return [
        Question(
            f"Your network learns {total:,} weights and biases; its dense layer has {units} "
            f"units, each fed by all {flat:,} values of Flatten. How many weights and biases "
            f"would the whole network learn with {wide} dense units?",
            then,
            f"Two layers change. The dense layer: {flat:,} × {wide} weights + {wide} biases = "
            f"{dense_then:,} (was {rows['dense'].parameters:,}). The digits layer: {wide} × "
            f"{CLASSES} + {CLASSES} = {digits_then:,} (was {rows['digits'].parameters:,}). "
            f"In all: **{then:,}**.",
        ),
        Question(
            f"One epoch is {examples:,} examples in {steps:,} steps of {config.batch_size}. "
            f"How many steps would one epoch take with batches of {half}?",
            more,
            f"{examples:,} / {half}, rounded up (the last batch may be smaller): **{more:,}** "
            "steps, each one a smaller, noisier step downhill.",
        ),
    ]


def inside_questions(
    filters: int, kernel: tuple[int, int], pooled: Sequence[int]
) -> list[Question]:
    """conv1's weights, counted from its filters; and the numbers Flatten hands on."""
    height, width = kernel
    learned = filters * height * width + filters
    values = math.prod(pooled)
    shape = "x".join(map(str, pooled))
    return [
        Question(
            f"conv1 has {filters} filters of {height}x{width} weights, on a grey picture "
            "(one channel). How many weights and biases does it learn?",
            learned,
            f"{filters} × {height} × {width} weights + {filters} biases (one per filter) = "
            f"**{learned:,}**.",
        ),
        Question(
            f"pool2 hands on maps of {shape} values. How many numbers does Flatten pass to the "
            "dense layer?",
            values,
            f"{' × '.join(map(str, pooled))} = **{values:,}**, one long list of numbers: every "
            "dense neuron gets a weight for each.",
        ),
    ]
