"""What the class found, in one computed sentence, and the points of the board's chart.

Every number in the sentence is read off the shared runs at the moment it is written: a
fixed "inverting helps" would be a claim the class's own runs might not bear out.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.class_board.summary import CHAPTERS, SharedEntry

_NAMES = {"mnist": "MNIST", "iris": "Iris"}
_GROUPS = {
    ("mnist", True): "with invert",
    ("mnist", False): "without invert",
    ("iris", False): "Iris",
}


def _percent(fraction: float) -> int:
    return round(100 * fraction)


def _span(fractions: Sequence[float]) -> str:
    """'97-98%', or '97%' when the lowest and highest round alike."""
    low, high = _percent(min(fractions)), _percent(max(fractions))
    return f"{low}%" if low == high else f"{low}-{high}%"


def _runs(count: int) -> str:
    return f"{count} run" if count == 1 else f"{count} runs"


def _join(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _of(entries: Sequence[SharedEntry], chapter: str) -> list[SharedEntry]:
    if chapter not in CHAPTERS:
        raise ValueError(f"chapter must be one of {CHAPTERS}, got {chapter!r}")
    return [e for e in entries if e.summary.chapter == chapter]


def _invert_sentence(runs: Sequence[SharedEntry]) -> str:
    """How runs with and without invert read the inverted digits."""
    with_invert = [e.summary for e in runs if e.summary.invert]
    without = [e.summary for e in runs if not e.summary.invert]
    if with_invert and without:
        return (
            f"The {_runs(len(with_invert))} with invert read the inverted digits at "
            f"{_span([s.inverted_accuracy for s in with_invert])}, the {len(without)} without "
            f"at {_span([s.inverted_accuracy for s in without])}."
        )
    group = with_invert or without
    how, missing = ("with", "a run without invert") if with_invert else ("without", "invert")
    every = "all " if len(group) > 1 else ""
    they = "they" if len(group) > 1 else "it"
    return (
        f"The {_runs(len(group))} so far {every}trained {how} invert: {they} read normal digits "
        f"at {_span([s.test_accuracy for s in group])} and inverted ones at "
        f"{_span([s.inverted_accuracy for s in group])}; nobody has tried {missing} yet."
    )


def _examples_sentence(runs: Sequence[SharedEntry]) -> str:
    """The best normal-digit accuracy at each number of training examples, most first; ''
    for runs that all trained on one number. It lists, and claims no trend."""
    by_count: dict[int, list[float]] = {}
    for entry in runs:
        by_count.setdefault(entry.summary.examples, []).append(entry.summary.test_accuracy)
    if len(by_count) < 2:
        return ""
    counts = sorted(by_count, reverse=True)
    shown = counts if len(counts) <= 3 else [counts[0], counts[-1]]
    parts = [f"{_percent(max(by_count[n]))}% with {n:,} ({_runs(len(by_count[n]))})" for n in shown]
    sentence = "Best normal-digit accuracy by training examples: " + ", ".join(parts)
    if len(shown) < len(counts):
        between = len(counts) - len(shown)
        others = "other example count" if between == 1 else "other example counts"
        sentence += f"; the chart shows the {between} {others} in between"
    return sentence + "."


def _networks(shapes: Sequence[str]) -> str:
    """'a hidden 16 network', 'hidden 10-10 and hidden 16-8 networks'."""
    return f"a {shapes[0]} network" if len(shapes) == 1 else _join(shapes) + " networks"


def _iris_sentence(runs: Sequence[SharedEntry]) -> str:
    """The range of test accuracies and the network of the best run (a summary from another
    writer may lack its shape: then no network is named)."""
    accuracies = [e.summary.test_accuracy for e in runs]
    shapes = sorted({e.summary.shape for e in runs})
    if len(runs) == 1:
        network = f", with {_networks(shapes)}" if shapes[0] else ""
        return f"The 1 Iris run so far scored {_span(accuracies)} on its test flowers{network}."
    start = f"The {len(runs)} Iris runs scored {_span(accuracies)} on their test flowers"
    if len(shapes) == 1:
        return f"{start}; all used {_networks(shapes)}." if shapes[0] else f"{start}."
    best = max(accuracies)
    best_shapes = sorted({e.summary.shape for e in runs if e.summary.test_accuracy == best} - {""})
    if not best_shapes:
        return f"{start}."
    return f"{start}; the best, {_percent(best)}%, came from {_networks(best_shapes)}."


def class_finding(entries: Sequence[SharedEntry], chapter: str) -> str:
    """What the class's shared runs of `chapter` show, computed from them: for MNIST, how
    runs with and without invert read inverted digits (and the best accuracy at each number
    of training examples, when they differ); for Iris, the accuracies and the best network."""
    runs = _of(entries, chapter)
    if not runs:
        return f"Nobody has shared an {_NAMES[chapter]} run yet."
    if chapter == "iris":
        return _iris_sentence(runs)
    examples = _examples_sentence(runs)
    return _invert_sentence(runs) + (" " + examples if examples else "")


def chart_points(entries: Sequence[SharedEntry], chapter: str) -> list[dict]:
    """One point per shared run of `chapter`: x training examples, y test accuracy in %
    (y_inverted on the inverted digits, None for Iris), its group, and who shared it."""
    points = []
    for entry in _of(entries, chapter):
        s = entry.summary
        group = _GROUPS[chapter, bool(s.invert)]
        inverted = None if s.inverted_accuracy is None else 100 * s.inverted_accuracy
        points.append(
            {
                "x": s.examples,
                "y": 100 * s.test_accuracy,
                "y_inverted": inverted,
                "group": group,
                "nickname": entry.nickname,
                "mine": entry.mine,
                "entry_id": entry.entry_id,
                "label": s.label,
                "shape": s.shape,
            }
        )
    return points
