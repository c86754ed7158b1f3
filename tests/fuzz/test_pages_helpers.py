"""The fuzz tests' own helpers fail when the page lacks what they look for."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.fuzz.pages import apply, metric_values, open_page


@pytest.fixture(scope="module")
def overfitting_page() -> AppTest:
    return open_page("app_pages/overfitting.py")


def test_apply_sets_every_widget_named(overfitting_page) -> None:
    at = overfitting_page
    apply(at, {"overfitting_degree": ("slider", 7), "overfitting_seed": ("number_input", 42)})
    at.run()
    assert at.slider(key="overfitting_degree").value == 7
    assert at.number_input(key="overfitting_seed").value == 42


@pytest.mark.parametrize(
    ("values", "named"),
    [
        # A key the page does not have (a renamed widget, say).
        ({"overfitting_degre": ("slider", 7)}, "slider 'overfitting_degre'"),
        # The right key for the wrong kind of widget.
        ({"overfitting_seed": ("slider", 7)}, "slider 'overfitting_seed'"),
    ],
)
def test_apply_fails_on_a_key_the_page_does_not_show(overfitting_page, values, named) -> None:
    at = overfitting_page
    degree = at.slider(key="overfitting_degree").value
    with pytest.raises(
        AssertionError, match=re.escape(f"app_pages/overfitting.py shows no {named}")
    ):
        apply(at, {"overfitting_degree": ("slider", degree % 15 + 1), **values})
    at.run()
    # Nothing was set: a test that fails half-way leaves the session as it was.
    assert at.slider(key="overfitting_degree").value == degree


def test_metric_values_fails_on_a_page_without_metrics() -> None:
    """A check that no metric reads "nan" must not pass on a page that shows none."""
    at = open_page("app_pages/closing.py")
    assert not at.metric
    with pytest.raises(AssertionError, match=re.escape("app_pages/closing.py shows no metric")):
        metric_values(at)
