"""Made-up CPUs, a small network and steps of a known duration, for the training-variant tests.

A made-up model name per CPU keeps each test's decisions apart from the others' in this
process, so the tests mean the same on an AVX2-only machine as on one with AMX.
"""

from __future__ import annotations

import time
import uuid

import keras
import numpy as np
import tensorflow as tf

from core.engine.training.cpu_features import CpuFeatures
from core.mnist.config import MnistConfig
from core.mnist.model import build_mnist_model

AVX2 = frozenset({"avx", "avx2", "fma"})
AVX512 = AVX2 | {"avx512f", "avx512bw"}
BF16 = AVX512 | {"avx512_bf16"}
RNG = np.random.default_rng(0)


def cpu(flags: frozenset[str], onednn: bool = True) -> CpuFeatures:
    """A made-up CPU, different from every other one in this process."""
    return CpuFeatures(model=f"test CPU {uuid.uuid4().hex[:8]}", flags=flags, onednn=onednn)


def small_cnn() -> keras.Model:
    return build_mnist_model(MnistConfig(filters=(4, 8), dense_units=16))


def timed_steps(seconds: dict[str, float], calls: list[str]):
    """A `build` for choose_step whose steps take a known time and log their calls."""

    def build(name: str):
        def step(x, y):
            calls.append(name)
            time.sleep(seconds[name])
            return tf.constant(0.0), tf.constant(0)

        return step

    return build


# The steps `fit` calls take chunks of batches: here two batches of eight.
BATCH = (tf.zeros((2, 8, 28, 28, 1)), tf.zeros((2, 8), tf.int32))
