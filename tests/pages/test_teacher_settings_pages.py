"""Every teacher's setting set to a wrong value, on every page: one sentence each, no exception.

The Draw page once crashed on a missing class model (a local name hid a module); this
walks every page of the page list with every setting wrong at once.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.core.engine.jobs.test_teacher_settings import WRONG
from tests.pages.navigation import APP
from ui.frame.page_list import SECTIONS

PAGES = [entry.path for entries in SECTIONS.values() for entry in entries]


def _texts(at: AppTest) -> list[str]:
    kinds = ("warning", "error", "info", "caption", "markdown", "success", "exception")
    return [
        str(getattr(e, "value", "") or getattr(e, "message", ""))
        for k in kinds
        for e in getattr(at, k)
    ]


@pytest.mark.parametrize("page", PAGES)
def test_every_wrong_setting_is_one_sentence_on_every_page(page: str, monkeypatch) -> None:
    monkeypatch.delenv("WORKSHOP_TIMING_LOG", raising=False)
    for name, value in WRONG.items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    texts = _texts(at)
    for name, value in WRONG.items():  # What names the setting and its value: a complaint.
        naming = [text for text in texts if name in text and value in text]
        assert len(naming) == 1, (page, name, naming)
    assert len(at.sidebar.warning) == len(WRONG)


@pytest.mark.parametrize("name", sorted(WRONG))
def test_each_wrong_setting_alone_is_one_sentence(name: str, monkeypatch) -> None:
    """One setting wrong and the others unset: its sentence alone, on the home page and on
    the page that reads it most (the MNIST page: the queue, the variant, Ray)."""
    for other in WRONG:
        monkeypatch.delenv(other, raising=False)
    monkeypatch.setenv(name, WRONG[name])
    at = AppTest.from_file(APP, default_timeout=120).run()
    for page in (None, "app_pages/mnist_training.py", "app_pages/draw.py"):
        if page is not None:
            at.switch_page(page).run()
        assert not at.exception, [e.message for e in at.exception]
        naming = [text for text in _texts(at) if name in text and WRONG[name] in text]
        assert len(naming) == 1, (page, naming)
        assert len(at.sidebar.warning) == 1
