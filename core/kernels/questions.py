"""The Kernel page's two quick questions, from the image and the kernel on screen."""

from __future__ import annotations

from collections.abc import Sequence

from core.basics.questions import Question


def kernel_questions(height: int, width: int, kernel_sides: Sequence[int]) -> list[Question]:
    """How many multiplications one filtered image takes, and what 2x2 pooling leaves.

    `kernel_sides` has one side per kernel applied (Sobel magnitude applies two).
    """
    per_pixel = sum(side * side for side in kernel_sides)
    total = per_pixel * height * width
    if len(kernel_sides) == 1:
        side = kernel_sides[0]
        kernels = f"Your kernel is {side}x{side}"
        per = f"{side} × {side} = {per_pixel}"
    else:
        kernels = (
            f"Your filter applies {len(kernel_sides)} kernels ("
            + ", ".join(f"{side}x{side}" for side in kernel_sides)
            + ")"
        )
        per = " + ".join(f"{side} × {side}" for side in kernel_sides) + f" = {per_pixel}"
    pooled = (height // 2) * (width // 2)
    return [
        Question(
            f"{kernels} and the output keeps the image's {width}x{height} pixels. How many "
            "multiplications does the whole output take?",
            total,
            f"{per} multiplications per output pixel, for {width} × {height} = "
            f"{width * height:,} pixels: **{total:,}**. A convolutional network does this for "
            "every filter of every layer, for every image.",
        ),
        Question(
            f"2x2 max pooling shrinks the {width}x{height} output. How many pixels are left?",
            pooled,
            f"Each 2x2 square becomes one pixel: {width // 2} × {height // 2} = **{pooled:,}** "
            "(a last row or column that does not fill a square is dropped), a quarter of "
            "the values for the next layer to work on.",
        ),
    ]
