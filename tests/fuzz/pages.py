"""Driving a page's widgets with AppTest: the helpers the page fuzz tests share."""

from __future__ import annotations

import math
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
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


def apply(at: AppTest, values: dict[str, tuple[str, object]]) -> list[str]:
    """Set every present widget named in `values` ({key: (kind, value)}); return keys set."""
    done = []
    for key, (kind, value) in values.items():
        found = widget(at, kind, key)
        if found is None:
            continue
        if kind == "button":
            if value:
                found.click()
        else:
            found.set_value(value)
        done.append(key)
    return done


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
    return [m.value for m in at.metric]
