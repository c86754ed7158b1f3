"""Moving through the app as one student (AppTest through the router): the helpers of the
settings tests."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")
HOME, NEURONS, GD, OVERFITTING = (
    "app_pages/home.py",
    "app_pages/neurons.py",
    "app_pages/gradient_descent.py",
    "app_pages/overfitting.py",
)
IRIS, KERNELS, MNIST = (
    "app_pages/iris.py",
    "app_pages/convolution.py",
    "app_pages/mnist_training.py",
)
DRAW, INSIDE = "app_pages/draw.py", "app_pages/inside_cnn.py"


def open_app(state: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return at


def visit(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, f"{page}: {[e.message for e in at.exception]}"
    return at


def away_and_back(at: AppTest, page: str, away: tuple[str, ...] = (DRAW, NEURONS)) -> AppTest:
    """Visit other pages, with a second run on the first of them, then come back."""
    for number, other in enumerate(away):
        visit(at, other)
        if number == 0:
            at.run()  # A second run away, as when a student moves a slider there.
            assert not at.exception
    return visit(at, page)


def assert_kept(at: AppTest, settings: dict[str, tuple[str, object]]) -> None:
    """Each widget shows its setting, and the browser is told to show it too."""
    for key, (kind, value) in settings.items():
        widget = getattr(at, kind)(key=key)
        assert widget.value == value, (key, widget.value, value)
        assert widget.proto.set_value, f"{key}: the browser would show the default"


def set_all(at: AppTest, settings: dict[str, tuple[str, object]]) -> None:
    for key, (kind, value) in settings.items():
        getattr(at, kind)(key=key).set_value(value).run()
        assert not at.exception, key
