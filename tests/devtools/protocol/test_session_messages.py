"""The protocol client reads the server's messages as a tab does: which page it is on, what it
shows, which widgets it may set, when it must refresh, and when a run has really ended."""

from __future__ import annotations

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from devtools.protocol.session import PageError, Session


def _tab() -> Session:
    return Session("http://127.0.0.1:1")


def _element(tab: Session, fragment: str = "", **fields) -> bool:
    message = ForwardMsg()
    message.delta.fragment_id = fragment
    element = message.delta.new_element
    for kind, values in fields.items():
        part = getattr(element, kind)
        for name, value in values.items():
            if isinstance(value, list):
                getattr(part, name).extend(value)
            else:
                setattr(part, name, value)
    return tab._read(message)


def test_a_run_ends_only_when_no_other_run_follows_it() -> None:
    tab = _tab()
    early = ForwardMsg(script_finished=ForwardMsg.FINISHED_EARLY_FOR_RERUN)
    assert tab._read(early) is False  # st.rerun(): the answer is the next run's.
    assert tab._read(ForwardMsg(script_finished=ForwardMsg.FINISHED_SUCCESSFULLY)) is True
    done = ForwardMsg(script_finished=ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
    assert tab._read(done) is True


def test_pages_and_refreshes_come_from_the_server() -> None:
    tab = _tab()
    message = ForwardMsg()
    page = message.navigation.app_pages.add()
    page.url_pathname, page.page_script_hash = "class", "abc"
    message.navigation.page_script_hash = "abc"
    tab._read(message)
    assert tab.pages == {"class": "abc"} and tab.page_hash == "abc"
    message = ForwardMsg()
    message.auto_rerun.fragment_id, message.auto_rerun.interval = "f1", 5.0
    tab._read(message)
    assert tab.refreshes == {"f1": 5.0}
    message = ForwardMsg()
    message.stop_auto_rerun.fragment_ids.append("f1")
    tab._read(message)
    assert tab.refreshes == {}


def test_widgets_are_found_by_label_and_by_key_with_their_fragment() -> None:
    tab = _tab()
    slider = {"id": "$$ID-0a1b-mnist_train_size", "label": "Training examples"}
    _element(tab, "frag", slider={**slider, "options": ["300", "5,000"]})
    widget = tab.widgets["Training examples"]
    assert tab.widgets["mnist_train_size"] is widget
    assert (widget.kind, widget.fragment, widget.options) == ("slider", "frag", ("300", "5,000"))
    _element(tab, button={"id": "$$ID-77-None", "label": "Go"})  # No key: by label only.
    assert "None" not in tab.widgets and tab.widgets["Go"].kind == "button"


def test_what_the_page_says_is_searched_from_the_last_mark() -> None:
    tab = _tab()
    _element(tab, markdown={"body": "### Prediction: 7 (98%)"})
    assert tab.shows("Prediction: 7")
    tab.mark()
    assert not tab.shows("Prediction")


def test_an_exception_on_the_page_fails_the_student() -> None:
    with pytest.raises(PageError, match="the page shows an exception: boom"):
        _element(_tab(), exception={"message": "boom"})


def test_the_student_cookie_is_kept_for_a_reload() -> None:
    tab = _tab()
    script = "<script>document.cookie = 'workshop_student=AbC; max-age=5; path=/';</script>"
    _element(tab, html={"body": script})
    assert tab.student == "workshop_student=AbC"


def test_a_held_value_is_sent_but_a_press_is_not_held() -> None:
    tab = _tab()
    _element(tab, number_input={"id": "$$ID-1-petal", "label": "petal", "default": 1.5})
    held = tab.hold("petal", lambda state: setattr(state, "double_value", 4.5))
    assert tab.values == {"$$ID-1-petal": held} and held.double_value == 4.5
    with pytest.raises(PageError, match="no widget 'sepal'"):
        tab.hold("sepal", lambda state: None)
