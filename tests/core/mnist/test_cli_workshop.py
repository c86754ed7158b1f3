"""`python -m core predict mnist --as-workshop`: the workshop's pictures, fed its way."""

from __future__ import annotations

import contextlib
import io
import json

import numpy as np
import pytest
from PIL import Image

from core.cli import main
from core.digits import workshop_examples as workshop
from core.digits.predict import forward
from core.engine.models.files import load_checked_model
from core.mnist.model import CLASSES, INPUT_SHAPE

pytestmark = pytest.mark.slow

PICTURES = [str(workshop.FOLDER / f"{name}.png") for name in workshop.NAMES]


def run(*args: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(list(args))
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> str:
    """A network trained on 2,000 MNIST digits (one epoch, a few seconds)."""
    out = str(tmp_path_factory.mktemp("workshop_cli") / "small.keras")
    code, _, err = run("train", "mnist", "--train-size", "2000", "--out", out)
    assert code == 0, err
    return out


def answers(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.strip().splitlines()]


def test_the_pictures_get_what_the_network_says_to_the_workshops_batch(model_path):
    code, out, err = run(
        "predict", "mnist", "--model", model_path, "--as-workshop", "--json", *PICTURES
    )
    assert code == 0, err
    lines = answers(out)
    assert [line["image"] for line in lines] == PICTURES
    expected = forward(
        load_checked_model(model_path, INPUT_SHAPE, CLASSES), workshop.workshop_batch()
    )
    for line, probabilities in zip(lines, expected, strict=True):
        np.testing.assert_allclose(line["probabilities"], probabilities, atol=2e-6)
        assert line["prediction"] == int(probabilities.argmax())


def test_no_centre_is_not_the_workshops_feeding(model_path):
    """--no-centre still stretches the contrast: the 8 on grey paper comes out otherwise."""
    eight = PICTURES[7]
    _, fed_raw, _ = run("predict", "mnist", "--model", model_path, "--as-workshop", "--json", eight)
    _, shrunk, _ = run("predict", "mnist", "--model", model_path, "--no-centre", "--json", eight)
    raw, stretched = answers(fed_raw)[0]["probabilities"], answers(shrunk)[0]["probabilities"]
    assert np.abs(np.subtract(raw, stretched)).max() > 0.01


def test_a_picture_of_another_size_gets_its_own_error_line(model_path, tmp_path):
    big = tmp_path / "big.png"
    Image.new("L", (280, 200), 255).save(big)
    code, out, _ = run(
        "predict", "mnist", "--model", model_path, "--as-workshop", "--json", str(big), PICTURES[1]
    )
    lines = answers(out)
    assert code == 2
    assert lines[0] == {
        "image": str(big),
        "error": "The workshop feeds 28x28 pictures as they are, with no resizing; "
        "this one is 280x200 pixels.",
    }
    assert lines[1]["image"] == PICTURES[1] and len(lines[1]["probabilities"]) == 10


def test_the_two_feedings_exclude_each_other_and_help_says_what_each_does(model_path):
    code, out, err = run(
        "predict", "mnist", "--model", model_path, "--as-workshop", "--no-centre", PICTURES[0]
    )
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "not allowed with" in err
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout), pytest.raises(SystemExit) as done:
        main(["predict", "mnist", "--help"])
    assert done.value.code == 0
    text = " ".join(stdout.getvalue().split())
    assert "--as-workshop" in text and "each pixel / 255, no crop, no centring" in text
    assert "the contrast is still stretched" in text  # --no-centre says it is not that.
