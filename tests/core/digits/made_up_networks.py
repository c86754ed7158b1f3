"""Made-up answers of a network to the workshop's ten pictures, shared by the tests of the
example table's reading and of its notes."""

from __future__ import annotations

import numpy as np

from core.digits import workshop_examples as workshop


def network(answers: dict[str, tuple[int, float]]) -> np.ndarray:
    """Made-up (10, 10) probabilities: for each picture, its answer and how sure, the rest
    spread evenly; pictures not named answer 0 at 50%."""
    table = np.zeros((10, 10))
    for row, name in enumerate(workshop.NAMES):
        digit, sure = answers.get(name, (0, 0.5))
        table[row] = (1 - sure) / 9
        table[row, digit] = sure
    return table


# Seven of nine right: five confidently, the 3 and the 8 unsure; the 4 and 9 wrong.
SEVEN_RIGHT = network(
    {
        "1": (1, 0.93),
        "2": (2, 0.88),
        "3": (3, 0.52),
        "4": (9, 0.61),
        "5": (5, 0.999),
        "6": (6, 0.8),
        "7": (7, 0.97),
        "8": (8, 0.794),  # Rounds to 79%: unsure, as the table shows it.
        "9": (4, 0.45),
        "dog": (3, 0.3),
    }
)
