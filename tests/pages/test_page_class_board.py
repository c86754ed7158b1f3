"""The Class page through the router, on boards of a handful of shapes: the sentence, the
chart's text and the table follow the board; a store that is down is one sentence."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.class_board.summary import RunSummary, to_json
from core.engine.store import new_student_id
from tests.pages.navigation import APP, PAGES
from ui.class_board import shared
from ui.state import keys
from ui.state.kept_work import work_store

CLASS = PAGES["class"]


@pytest.fixture
def own_store(monkeypatch: pytest.MonkeyPatch, tmp_path):
    """A board of this test's own: no other test's shared runs on it."""
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    work_store.clear()
    shared.refresh()
    yield work_store()
    work_store().close()
    work_store.clear()
    shared.refresh()


def _mnist(accuracy: float, inverted: float, invert: bool, examples: int = 5_000) -> str:
    return to_json(
        RunSummary(
            chapter="mnist", test_accuracy=accuracy, inverted_accuracy=inverted, weights=1234,
            seconds=12.5, epochs=2, examples=examples, invert=invert, batch_size=32,
            shape="conv 32-64, kernel 3, dense 128", label=f"Run: {examples} examples",
        )
    )  # fmt: skip


def _share(store, student: str, nickname: str, summary: str) -> None:
    store.share(student, nickname, "mnist", summary, b"")
    assert store.flush(timeout=10)


def _open(student: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[keys.STUDENT] = student
    at.run()
    at.switch_page(CLASS).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _finding(at: AppTest) -> str:
    return next(i.value for i in at.info if "run" in i.value)


def test_an_empty_board_says_so(own_store) -> None:
    at = _open(new_student_id())
    assert _finding(at) == "Nobody has shared an MNIST run yet."
    assert not at.dataframe


def test_one_run_is_in_the_sentence_the_chart_text_and_the_table(own_store) -> None:
    _share(own_store, new_student_id(), "Ada", _mnist(0.97, 0.43, invert=False))
    at = _open(new_student_id())
    sentence = _finding(at)
    assert "43%" in sentence and "97%" in sentence, sentence
    chart_text = " ".join(c.value for c in at.caption)
    assert "1 run without invert (5,000 examples) at 97%" in chart_text, chart_text
    table = at.dataframe[0].value
    assert list(table["Nickname"]) == ["Ada"]
    assert list(table["Yours"]) == [""]


def test_only_plain_runs_and_a_mixed_board(own_store) -> None:
    me = new_student_id()
    _share(own_store, me, "Me", _mnist(0.98, 0.41, invert=False))
    _share(own_store, new_student_id(), "Bo", _mnist(0.97, 0.63, invert=False))
    at = _open(me)
    plain = _finding(at)
    assert "41-63%" in plain, plain
    assert list(at.dataframe[0].value["Yours"]) == ["", "yes"]  # Newest first.

    _share(own_store, new_student_id(), "Cy", _mnist(0.98, 0.97, invert=True))
    _share(own_store, new_student_id(), "Di", _mnist(0.99, 0.98, invert=True))
    shared.refresh()
    at.run()
    mixed = _finding(at)
    assert "2 runs with invert read the inverted digits at 97-98%" in mixed, mixed
    assert "the 2 without at 41-63%" in mixed, mixed
    at.radio(key="class_measure").set_value("y_inverted").run()
    chart_text = " ".join(c.value for c in at.caption)
    assert "2 runs with invert (5,000 examples) at 97-98%" in chart_text, chart_text
    assert "1 of them yours, ringed" in chart_text, chart_text


def test_unsafe_nicknames_are_shown_as_typed(own_store) -> None:
    for nickname in ("<b>hi</b>", "**bold**", "[link](http://e.x)"):
        _share(own_store, new_student_id(), nickname, _mnist(0.97, 0.5, invert=False))
    at = _open(new_student_id())
    assert set(at.dataframe[0].value["Nickname"]) == {"<b>hi</b>", "**bold**", "[link](http://e.x)"}
    for element in at.markdown:  # No nickname reaches Markdown.
        assert "**bold**" not in element.value and "<b>hi</b>" not in element.value


def test_a_store_that_is_down_is_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_DATABASE_URL", "postgresql://student@127.0.0.1:9/workshop")
    work_store.clear()
    shared.refresh()
    try:
        at = _open(new_student_id())
        said = [w.value for w in at.warning]
        assert any("class board cannot be read" in sentence for sentence in said), said
        assert not at.dataframe
    finally:
        work_store().close()
        work_store.clear()
        shared.refresh()
