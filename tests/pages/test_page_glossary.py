"""The glossary page in AppTest: its entries follow the student's settings and networks."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.pages.navigation import APP, IRIS, NEURONS, PAGES

GLOSSARY = PAGES["glossary"]


def entry(at: AppTest, word: str) -> str:
    (found,) = [m.value for m in at.markdown if m.value.startswith(f"**{word}**:")]
    return found


def visit(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_glossary_follows_a_setting_changed_on_another_page(untrained_runs) -> None:
    at = visit(AppTest.from_file(APP, default_timeout=120).run(), GLOSSARY)
    assert "**Try this first:**" in at.markdown[0].value
    assert "Iris: 10 × 150 = **1,500** steps" in entry(at, "Step")
    assert "**Yours:**" not in entry(at, "Bias")  # Not been to the Neurons page yet.
    assert "**Yours:**" not in entry(at, "Accuracy")  # Nothing trained yet.

    visit(at, IRIS)
    at.slider(key="iris_epochs").set_value(40)
    at.select_slider(key="iris_batch").set_value(16).run()
    visit(at, NEURONS)
    at.slider(key="neurons_bias").set_value(1.5).run()
    at.session_state["mnist_runs"] = untrained_runs[:1]
    visit(at, GLOSSARY)
    assert "Iris: 40 × 150 = **6,000** steps" in entry(at, "Step")
    assert "Iris: **16** flowers" in entry(at, "Batch")
    assert "your neuron's b = **1.5**" in entry(at, "Bias")
    run = untrained_runs[0]
    assert f"*{run.label}*: **{run.evaluation.test_accuracy:.1%}**" in entry(at, "Accuracy")
