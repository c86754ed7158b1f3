"""The Draw page's rule for strokes that Clear or a new paper has wiped (ui/draw/canvas_memory)."""

from __future__ import annotations

from ui.draw.canvas_memory import fingerprint, is_fresh

BLANK = {"objects": [], "background": "#000000"}


def drawing(*paths: str) -> dict:
    return {"objects": [{"type": "path", "path": p} for p in paths], "background": "#000000"}


def test_strokes_on_the_current_board_are_fresh():
    memory: dict = {}
    assert not is_fresh(BLANK, ("black", 0), memory)
    assert is_fresh(drawing("M 1 1 L 5 5"), ("black", 0), memory)
    assert is_fresh(drawing("M 1 1 L 5 5", "M 9 9"), ("black", 0), memory)


def test_wiped_strokes_are_not_answered_until_the_canvas_moves_on():
    memory: dict = {}
    old = drawing("M 1 1 L 5 5")
    assert is_fresh(old, ("black", 0), memory)
    # Clear: the canvas still reports the old strokes until it has loaded the blank.
    assert not is_fresh(old, ("black", 1), memory)
    assert not is_fresh(old, ("black", 1), memory)  # A rerun in between changes nothing.
    assert not is_fresh(BLANK, ("black", 1), memory)
    # A new drawing, even one that repeats the old strokes, counts once the blank was seen.
    assert is_fresh(old, ("black", 1), memory)


def test_a_new_stroke_right_after_clear_counts_even_if_the_blank_was_never_seen():
    memory: dict = {}
    assert is_fresh(drawing("M 1 1"), ("black", 0), memory)
    assert not is_fresh(drawing("M 1 1"), ("black", 1), memory)
    assert is_fresh(drawing("M 7 7"), ("black", 1), memory)


def test_another_paper_wipes_the_drawing_too():
    memory: dict = {}
    ink = drawing("M 1 1 L 5 5")
    assert is_fresh(ink, ("black", 0), memory)
    assert not is_fresh(ink, ("white", 0), memory)  # Not read as ink on the other paper.
    assert is_fresh(drawing("M 3 3"), ("white", 0), memory)


def test_fingerprints_name_the_strokes():
    assert fingerprint(None) is None
    assert fingerprint(BLANK) is None
    assert fingerprint(drawing("M 1 1")) == fingerprint(drawing("M 1 1"))
    assert fingerprint(drawing("M 1 1")) != fingerprint(drawing("M 1 2"))
