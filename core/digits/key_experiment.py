"""The Draw page's first step: the chapter's key experiment, worded from the networks at hand.

A dark digit on light paper goes to a network trained without INVERT, then to one trained
with it. The step names the student's own networks for it (with, without, from a file) and
promises no outcome: what each answers is on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WHITE_PAPER = "Black ink on white paper"  # The Draw page's paper choice (ui/draw/board.py).
ONLY_WHITE_ON_BLACK = "it has only seen white digits on black paper"


@dataclass(frozen=True)
class Network:
    """One network the page can draw with: its label, and whether it was trained with invert
    (None: not known, for a file or the class model)."""

    label: str
    invert: bool | None


def _latest(networks: Sequence[Network], invert: bool | None) -> Network | None:
    found = [network for network in networks if network.invert is invert]
    return found[-1] if found else None


def draw_first_step(networks: Sequence[Network]) -> str:
    """What to do first on the Draw page (markdown, after "Try this first:").

    `networks` in the page's order, oldest first: the latest of each kind is named.
    """
    plain, inverted = _latest(networks, False), _latest(networks, True)
    paper = f"choose **{WHITE_PAPER}** under **Paper**"
    if plain is not None and inverted is not None:
        return (
            f"{paper} and draw a digit for *{plain.label}*, trained without invert: "
            f"{ONLY_WHITE_ON_BLACK}. Does it read yours? Then pick *{inverted.label}*, "
            "trained with invert, under **Network** and draw the same digit again."
        )
    if plain is not None:
        return (
            f"{paper} and draw a digit for *{plain.label}*, trained without invert: "
            f"{ONLY_WHITE_ON_BLACK}. Does it read yours? Then train one with **invert** on, "
            "on the MNIST page, and draw the same digit for it."
        )
    if inverted is not None:
        return (
            f"{paper} and draw a digit for *{inverted.label}*, trained with invert. Then train "
            "one with **invert** off on the MNIST page and draw the same digit for it: "
            f"{ONLY_WHITE_ON_BLACK}. Does it read yours?"
        )
    if networks:
        return (
            f"{paper} and draw a digit. A network trained without invert has only seen white "
            "digits on black paper; one trained with invert has also seen dark digits on light "
            "paper. To see the difference, train one of each on the MNIST page."
        )
    return (
        "train a network on the MNIST page with **invert** off (5,000 examples make a first "
        f"one), then come back, choose **{WHITE_PAPER}** under **Paper** and draw a digit for "
        "it: that network has only seen white digits on black paper. Does it read yours?"
    )
