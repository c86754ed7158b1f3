"""Driving a page's widgets with AppTest: the helpers the page fuzz tests share."""

from __future__ import annotations

import math
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
FUZZ = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FEW = settings(FUZZ, max_examples=6)


def open_page(page: str, state: dict | None = None) -> AppTest:
    """A fresh session on `page`, with `state` put into its session state first."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(page).run()
    assert_clean(at, f"opening {page}")
    return at


def assert_clean(at: AppTest, what: object) -> None:
    """No uncaught exception and no st.exception element; no traceback in an error box."""
    assert not at.exception, f"{what}: {[e.message for e in at.exception]}"
    assert not any("Traceback" in e.value for e in at.error), what


def widget(at: AppTest, kind: str, key: str):
    """The widget of this kind with this key, or None when the page does not show it now."""
    try:
        return getattr(at, kind)(key=key)
    except KeyError:
        return None


def page_of(at: AppTest) -> str:
    """The script of the page `at` last ran, for messages ("app_pages/iris.py")."""
    # AppTest keeps the pages st.navigation registered, by hash; both attributes are private,
    # so fall back to a vaguer name rather than fail for want of one.
    pages = getattr(at, "_registered_pages", {})
    page = pages.get(getattr(at, "_finished_page_script_hash", ""))
    if not page:
        return "the current page"
    path = Path(page["script_path"])
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def apply(at: AppTest, values: dict[str, tuple[str, object]]) -> None:
    """Set the widgets named in `values` ({key: (kind, value)}); a button's value says
    whether to click it.

    Every key must name a widget of that kind the page shows now; otherwise the test fails,
    naming the keys and the page, and nothing is set. (A renamed widget would otherwise leave
    a fuzz test quietly testing nothing.) A caller whose page shows some widgets only for
    some settings passes only the ones shown for the page's current settings.
    """
    found = {key: widget(at, kind, key) for key, (kind, _) in values.items()}
    missing = [f"{values[key][0]} {key!r}" for key, w in found.items() if w is None]
    assert not missing, f"{page_of(at)} shows no {', no '.join(missing)}"
    for key, (kind, value) in values.items():
        if kind != "button":
            found[key].set_value(value)
        elif value:
            found[key].click()


def number(lo: float, hi: float, step: float | None = None, outside: bool = True):
    """Values for a slider or number input: the bounds, just inside, random, and (if `outside`)
    just beyond the bounds and non-finite, which Streamlit must turn back into the default."""
    edges = [lo, hi]
    if step:
        edges += [lo + step, hi - step]
    inside = st.floats(lo, hi, allow_nan=False) if step is None or step % 1 else None
    if inside is None:
        inside = st.integers(int(lo), int(hi))
    choices = [st.sampled_from(edges), inside]
    if outside:
        beyond = [lo - (step or 1), hi + (step or 1), 1e308, -1e308, math.inf, math.nan]
        choices.append(st.sampled_from(beyond))
    return st.one_of(*choices)


def integer(lo: int, hi: int, outside: bool = True):
    values = st.one_of(st.sampled_from([lo, lo + 1, hi - 1, hi]), st.integers(lo, hi))
    if outside:
        values = st.one_of(values, st.sampled_from([lo - 1, hi + 1, -(2**31), 2**31]))
    return values


def metric_values(at: AppTest) -> list[str]:
    """The values of the page's metrics. A page that shows none fails: a check that no
    metric reads "nan" would otherwise pass on a page that lost its metrics."""
    values = [m.value for m in at.metric]
    assert values, f"{page_of(at)} shows no metric"
    return values
