"""The rules of tests/test_docs.py catch what each is for, and leave reasons and limits alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_docs import (
    README_MAX_LINES,
    anchors,
    broken_pointers,
    dated_measurements,
    missing_targets,
    readme_problems,
)

# --- Each rule catches what it is for -----------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        '"""Trainings at nice 10.\n\nMeasured on 2026-11-28: it helps."""\n',
        "x = 1  # Tried 2026-11-27 on the AVX2 machine.\n",
        '"""Why.\n\nWith two trainings, one forward pass took 44 ms (median).\n"""\n',
        'def f():\n    """The server\'s p95 was 182 ms."""\n',
        "# Measured on a 2-core machine: the import costs\n# 1.5 GB and 4 s.\nx = 1\n",
        "# p50 0.54-0.61 s\nx = 1\n",
        # No measure word beside the figure:
        '"""Answers stay quick.\n\nOne TensorFlow forward pass took tens of milliseconds."""\n',
        "x = 1  # TensorFlow's threads keep hundreds of MB each.\n",
        '"""Importing TensorFlow warns twice (measured on a Xeon and an AMD EPYC)."""\n',
        "# Timed on two AVX2 cores, the blocks win.\nx = 1\n",
        'log.warning("a full garbage collection of 0.3-0.5 s that every session waits for")\n',
        "# A class is done in 2 to 7 min.\nx = 1\n",
    ],
)
def test_a_dated_measurement_is_caught(source: str) -> None:
    assert dated_measurements(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "CHUNK = 8  # Batches per call: short enough for a prompt Stop.\n",
        '"""Capped at 64 MB (docs/reliability.md, "Uploaded images")."""\n',
        '"""The median of the image border is the paper colour."""\n',
        'SHOWN = "measured on 2026-11-28: 44 ms (median)"  # A page\'s text, not commentary.\n',
        "TIMEOUT = 30  # s: a network probe never waits longer.\n",
        "LEARNING_RATE = 0.5  # The workshop's default: 0.5.\n",
        '"""Train for 10 epochs, 5-15 steps each, then test."""\n',
        "EPOCHS = (1, 50)  # epochs: the slider's range, 1-50.\n",
        '"""The centre of mass was measured on MNIST\'s test set: 14.0."""\n',
        '"""Limits: an upload of at most 64 MB; a probe waits 30 s."""\n',
        '"""Arrays of tens of rows; hundreds of digits."""\n',
    ],
)
def test_a_reason_or_a_limit_is_not_a_measurement(source: str) -> None:
    assert dated_measurements(source) == []


def test_a_long_readme_and_a_broken_link_are_caught(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "here.md").write_text("# Here\n")
    good = "# App\n\nSee [here](docs/here.md#here).\n"
    assert readme_problems(good, tmp_path) == []
    too_long = good + "line\n" * README_MAX_LINES
    assert any("more than" in problem for problem in readme_problems(too_long, tmp_path))
    broken = good + "And [gone](docs/gone.md), [nowhere](docs/here.md#there).\n"
    assert readme_problems(broken, tmp_path) == [
        "link to docs/gone.md: no such page",
        "link to docs/here.md#there: no such heading",
    ]


def test_a_pointer_to_a_missing_page_or_section_is_caught(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "speed.md").write_text("# Speed\n\n## Cold start\n\nFast.\n")
    source = (
        '"""Fast to start (docs/speed.md, "Cold start"); see docs/speed.md too.\n\n'
        'Slow to train (docs/speed.md, "Training"), and docs/gone.md.\n"""\n'
    )
    assert broken_pointers(source, tmp_path) == [
        "line 1: docs/speed.md has no 'Training'",
        "line 1: docs/gone.md: no such page",
    ]


def test_anchors_follow_githubs_rule() -> None:
    page = "# Performance\n\n## Streamlit's defaults\n\n### Answers never wait, for now\n"
    assert anchors(page) == {"performance", "streamlits-defaults", "answers-never-wait-for-now"}


def test_a_cited_path_that_does_not_exist_is_caught(tmp_path: Path) -> None:
    text = "Built in `core/engine/jobs/base.py` and `ui/charts/svg_*.py`, not `ui/svg_*.py`.\n"
    assert missing_targets(text, tmp_path) == ["`ui/svg_*.py`: no such file or folder"]
    assert missing_targets("`core/engine/old_name.py: run`\n", tmp_path) == [
        "`core/engine/old_name.py`: no such file or folder"
    ]
    fenced = "Run:\n\n```bash\npython -m devtools.gone core/gone.py\n```\n\nThen `app.py`.\n"
    assert missing_targets(fenced, tmp_path) == [
        "`core/gone.py`: no such file or folder",
        "`devtools.gone`: no such module",
    ]
    assert (
        missing_targets("`python -m devtools.bench.decode` and `core.engine.jobs`", tmp_path) == []
    )
