"""AppTest of the commentary on the Draw page's example table: the workshop's reading of its
runs beside the same reading of the student's network, and the notes under the faint digits,
the 5, the 9 and the dog, computed from the pictures and the networks
(core/digits/workshop_reading.py, core/digits/workshop_notes.py).

The quick tests use networks trained on 2,000 digits (a few seconds) and untrained ones;
the last test uses the fully trained networks of tests/conftest.py, and is slow.
"""

from __future__ import annotations

import html
import re

from streamlit.testing.v1 import AppTest

from core.digits import workshop_examples as workshop
from core.digits import workshop_notes as wn
from core.digits import workshop_reading as wr
from core.digits.predict import forward
from core.engine.models.trained_network import TrainedNetwork
from core.mnist.config import MnistConfig
from core.mnist.training import MnistRun
from tests.conftest import ROOT
from ui.draw.examples import DOG_POINTER

APP = str(ROOT / "app.py")
PAGE = "app_pages/draw.py"
WITHOUT = "The workshop's run without INVERT got **4 of 9** right: the 2 and 5 confidently"
WITH = "The workshop's run with INVERT got **8 of 9** right: the 2, 3, 4, 5, 6, 7 and 8"


def open_page(runs: list[MnistRun], compare: list[str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.session_state["mnist_runs"] = runs
    at.switch_page(PAGE).run()
    if compare is not None:
        at.multiselect(key="draw_compare").set_value(compare).run()
    assert not at.exception
    return at


def readings(at: AppTest) -> list[str]:
    """The reading paragraph of each network shown, in the order of their columns."""
    return [m.value for m in at.markdown if m.value.startswith("The workshop's run")]


def notes(at: AppTest, index: int = 0) -> list[str]:
    """The sentences under the rows of a network's table, unescaped."""
    tables = [h.value for h in at.html if '<table class="xt">' in h.value]
    return [html.unescape(n) for n in re.findall(r'<td colspan="12">([^<]*)</td>', tables[index])]


def yours_lines(at: AppTest, index: int = 0) -> list[tuple[int, int]]:
    """(answer, its percent) of the student's network for each workshop picture, read from
    the coloured cell of its line, as the student sees it."""
    tables = [h.value for h in at.html if '<table class="xt">' in h.value]
    # A cell is its number; the answer's cell also says right or wrong (a sign, a hidden word).
    cell = r"<td[^>]*>\d+(?:<span[^>]*>[^<]*</span>)*</td>"
    rows = re.findall(rf'<td class="xt-who">yours</td>((?:{cell}){{10}})', tables[index])
    answers = []
    for cells in rows[:10]:
        values = re.findall(r"<td([^>]*)>(\d+)<", cells)
        (digit,) = [d for d, (attributes, _) in enumerate(values) if "xt-win" in attributes]
        answers.append((digit, int(values[digit][1])))
    return answers


def right_on_the_page(answers: list[tuple[int, int]]) -> list[str]:
    """The digit pictures whose coloured answer on the page is their own digit."""
    return [str(t) for t, (digit, _) in zip(range(1, 10), answers, strict=False) if digit == t]


def test_each_network_gets_its_own_reading_beside_the_matching_workshop_run(small_runs) -> None:
    labels = [small_runs[False].label, small_runs[True].label]
    at = open_page([small_runs[False], small_runs[True]], compare=labels)
    shown = readings(at)
    assert len(shown) == 2
    assert shown[0].startswith(WITHOUT) and WITH not in shown[0]
    assert shown[1].startswith(WITH) and WITHOUT not in shown[1]
    for index, invert in enumerate((False, True)):
        yours = forward(small_runs[invert].network, workshop.workshop_batch())
        assert shown[index] == wr.reading_paragraph(yours, invert)
        # The count and the right pictures agree with the table the student sees.
        right = right_on_the_page(yours_lines(at, index))
        assert f"Your network got **{len(right)} of 9** right" in shown[index]
        theirs = [a.name for a in wr.published_reading(invert).right]
        both = wr.list_in_words([n for n in right if n in theirs])
        assert f"Right in both: {both}" in shown[index]
    # Two networks, two readings: the sentence is computed, not written once.
    yours_part = [text.split("Your network")[1] for text in shown]
    assert yours_part[0] != yours_part[1]


def test_the_notes_follow_the_network_and_quote_the_run_beside_it(small_runs) -> None:
    at = open_page([small_runs[True]])
    said = [f"{digit} ({percent}%)" for digit, percent in yours_lines(at)]
    one, three, five, eight, nine, dog = notes(at)
    assert one.startswith("The 1 is the faintest of the nine digits")
    assert "pixel values run from 140 to 255" in one
    assert one.endswith(f"with INVERT said 1 (71%). Yours says {said[0]}.")
    assert three.startswith("The 3 is faint") and eight.startswith("The 8 is faint")
    assert five.startswith("The 5 is the only light-on-dark digit of the nine")
    # Under a network trained with invert, the 5's note quotes the INVERT run, not the plain one.
    assert five.endswith(f"with INVERT said 5 (97%). Yours says {said[4]}.")
    assert nine.startswith("The 9 is not ink on paper: it is a near-white 9")
    assert "faint" not in nine and "rounded outline" in nine
    assert "The workshop's run with INVERT said 0 (81%)" in nine
    assert nine.endswith(f"Yours says {said[8]}.")
    assert not any("without INVERT" in note for note in (one, three, five, eight, nine, dog))
    assert dog.startswith(
        f"The dog is not a digit, yet the network still picks one: yours says {said[9]}, "
    )
    assert dog.endswith(DOG_POINTER)
    yours = forward(small_runs[True].network, workshop.workshop_batch())
    assert [n for n in wn.row_notes(yours, True) if n][:5] == [one, three, five, eight, nine]


def test_the_strengths_and_weaknesses_are_counted_for_each_network(small_runs) -> None:
    labels = [small_runs[False].label, small_runs[True].label]
    at = open_page([small_runs[False], small_runs[True]], compare=labels)
    counted = [m.value for m in at.markdown if m.value.startswith("The workshop expected")]
    assert len(counted) == 2
    assert "strengths and weaknesses stay" not in "\n".join(c.value for c in at.caption)
    for index, invert in enumerate((False, True)):
        yours = forward(small_runs[invert].network, workshop.workshop_batch())
        alike = wr.alike(wr.reading(yours), wr.published_reading(invert))
        assert counted[index] == wr.strengths_sentence(yours, invert)
        assert f"**{alike} of 9** digits" in counted[index]
        # Counted from the table on the page: the pictures right or wrong alike.
        right = right_on_the_page(yours_lines(at, index))
        theirs = [a.name for a in wr.published_reading(invert).right]
        same = sum((name in right) == (name in theirs) for name in workshop.NAMES[:9])
        assert same == alike


def test_an_untrained_network_reads_differently(untrained_runs, small_runs) -> None:
    """An untrained network and a trained one, same settings: different readings."""
    at = open_page([untrained_runs[0]])
    untrained = readings(at)[0]
    yours = forward(untrained_runs[0].network, workshop.workshop_batch())
    assert untrained == wr.reading_paragraph(yours, invert=False)
    right = right_on_the_page(yours_lines(at))
    assert f"Your network got **{len(right)} of 9** right" in untrained
    # Nearly uniform probabilities: nothing it gets right is right confidently.
    assert "confidently" not in untrained.split("Your network")[1]
    trained = readings(open_page([small_runs[False]]))[0]
    assert untrained.split("Your network")[1] != trained.split("Your network")[1]


def test_a_network_from_a_file_is_read_beside_both_runs(small_runs) -> None:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.session_state["mnist_uploaded_models"] = [
        ("Uploaded: small.keras", small_runs[True].network)
    ]
    at.switch_page(PAGE).run()
    assert not at.exception
    (shown,) = readings(at)
    assert shown.startswith(WITHOUT) and WITH in shown
    assert "Right in both" not in shown  # Which run to compare with is not known.


def test_fully_trained_networks_read_like_the_workshops(mnist_model_plain, mnist_model_invert):
    """The workshop's strengths and weaknesses, with its settings (one epoch, 60,000 digits)."""
    runs = [
        MnistRun(
            config=MnistConfig(invert=False),
            network=TrainedNetwork.from_keras(mnist_model_plain.model),
            label="Plain",
        ),
        MnistRun(
            config=MnistConfig(invert=True),
            network=TrainedNetwork.from_keras(mnist_model_invert.model),
            label="Invert",
        ),
    ]
    at = open_page(runs, compare=["Plain", "Invert"])
    plain, inverted = readings(at)
    assert plain.startswith(WITHOUT) and inverted.startswith(WITH)
    found = {}
    for index, (text, trained) in enumerate(
        ((plain, mnist_model_plain), (inverted, mnist_model_invert))
    ):
        yours = forward(trained.model, workshop.workshop_batch())
        found[index] = wr.reading(yours)
        assert text == wr.reading_paragraph(yours, invert=bool(index))
        assert right_on_the_page(yours_lines(at, index)) == [a.name for a in found[index].right]
    # The 5 is light on dark, as MNIST is: both networks read it. Invert helps the others.
    assert all("5" in [a.name for a in found[i].right] for i in (0, 1))
    assert len(found[1].right) > len(found[0].right)
    assert any(n.startswith("The 5 is the only light-on-dark digit") for n in notes(at, 0))
