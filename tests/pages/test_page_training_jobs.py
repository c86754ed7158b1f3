"""The training pages as the flows drive them: a stopped job filed on the next run, a failure
shown as one sentence, and widgets whose defaults and ranges are the configs'.

The MNIST trainings here are tiny (300 digits, small filters, 500 test digits), so this
module runs in the quick suite; tests/pages/test_page_mnist.py trains the page's own sizes.
"""

from __future__ import annotations

import time
from dataclasses import replace
from functools import partial

import pytest
from streamlit.testing.v1 import AppTest

from core.engine.settings import limit_of
from core.iris.config import IrisConfig
from core.mnist.config import MnistConfig
from core.mnist.data import MnistData, load_mnist
from core.mnist.training import describe, run_mnist
from tests.conftest import ROOT
from ui.frame.page_list import SECTIONS, lessons
from ui.state import backend, keys

APP = str(ROOT / "app.py")
MNIST_PAGE = "app_pages/mnist_training.py"
TINY = MnistConfig(train_size=2_000, batch_size=32, filters=(4, 8), dense_units=16)


@pytest.fixture(scope="module")
def small() -> MnistData:
    full = load_mnist()
    return MnistData(full.x_train, full.y_train, full.x_test[:500], full.y_test[:500], "small")


@pytest.fixture(autouse=True)
def no_class_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKSHOP_MNIST_MODEL", raising=False)


def stopped_job(small: MnistData):
    """A real job, stopped once it has trained a batch: what a click on Stop leaves behind."""
    job = backend.training_backend().submit(partial(run_mnist, data=small), TINY, queued=True)
    while not (job.progress().phase == "training" and job.progress().batches_done > 0):
        assert not job.done(), job.progress()
        time.sleep(0.005)
    job.stop()  # As the interrupted script run's `finally` does.
    return job


def test_the_next_run_tests_and_files_a_stopped_training(small):
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.session_state[keys.MNIST_JOB] = stopped_job(small)
    at.switch_page(MNIST_PAGE).run()
    assert not at.exception
    runs = at.session_state[keys.MNIST_RUNS]
    assert len(runs) == 1 and runs[0].stopped and runs[0].evaluation is not None
    assert runs[0].label.startswith(f"Run 1: {describe(TINY)}, stopped after ")
    assert keys.MNIST_JOB not in at.session_state
    assert at.radio(key="mnist_choice").value == 0
    assert any("stopped early" in w.value for w in at.warning)
    assert any(m.label == "Test accuracy (normal digits)" for m in at.metric)

    # A second stopped training: numbered 2 and selected, for the Draw page too.
    at.session_state[keys.MNIST_JOB] = stopped_job(small)
    at.run()
    assert [run.label[:6] for run in at.session_state[keys.MNIST_RUNS]] == ["Run 1:", "Run 2:"]
    assert at.radio(key="mnist_choice").value == 1
    assert at.session_state[keys.MNIST_SELECTED] == 1


def test_the_draw_page_sees_a_stopped_training_at_once(small):
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.session_state[keys.MNIST_JOB] = stopped_job(small)
    at.switch_page("app_pages/draw.py").run()
    assert not at.exception
    (network,) = [s for s in at.selectbox if s.key == "draw_model"]
    assert network.value.startswith("Run 1: ") and "stopped after" in network.value


def test_a_training_picked_up_on_the_draw_page_is_said_and_kept_when_it_ends(small):
    """A reload that lands on the Draw page while the training runs (ui/training/elsewhere.py):
    the page says so, and the network is there on the first run after the training ended."""
    long = replace(TINY, train_size=20_000, epochs=3)
    job = backend.training_backend().submit(partial(run_mnist, data=small), long, queued=True)
    while job.progress().phase != "training":
        assert not job.done(), job.progress()
        time.sleep(0.005)
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.session_state[keys.MNIST_JOB] = job
    at.session_state[keys.RESUMED] = {keys.MNIST_JOB}  # As pick_up_trainings leaves it.
    at.switch_page("app_pages/draw.py").run()
    assert not at.exception
    assert any("Your MNIST training is still running" in i.value for i in at.info)
    assert any("comes here by itself" in i.value for i in at.info)
    assert not any("There is no trained network" in i.value for i in at.info)
    assert keys.MNIST_JOB in at.session_state  # Nobody waits for it, nobody stops it.
    job.stop()
    while not job.done():
        time.sleep(0.05)
    at.run()
    assert not at.exception
    assert not any("still running" in i.value for i in at.info)
    (network,) = [s for s in at.selectbox if s.key == "draw_model"]
    assert network.value.startswith("Run 1: ")
    assert keys.MNIST_JOB not in at.session_state
    assert keys.MNIST_JOB not in at.session_state[keys.RESUMED]


def _restart_training_workers() -> None:
    """As when the server starts: its training workers take the environment as it is now."""
    from core.engine.jobs import default

    pool = getattr(backend.training_backend(), "pool", None)
    if pool is not None:
        pool.close()
    default._backend_for.cache_clear()


@pytest.fixture
def restarted_workers():
    _restart_training_workers()
    yield
    _restart_training_workers()  # The next tests' workers read MNIST again.


def test_a_training_that_cannot_load_mnist_is_one_sentence(
    tmp_path, monkeypatch, restarted_workers
):
    monkeypatch.setenv("MNIST_DIR", str(tmp_path))  # No MNIST files there.
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page(MNIST_PAGE).run()
    at.button(key="mnist_train").click().run()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith("MNIST could not be loaded: ") and "\n" not in error.value
    assert at.session_state[keys.MNIST_RUNS] == []
    assert any("Press **Train the network**" in i.value for i in at.info)


def test_the_training_widgets_start_at_the_configs_defaults_within_its_ranges():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(MNIST_PAGE).run()
    mnist = MnistConfig()
    for key, name in (("mnist_epochs", "epochs"), ("mnist_dropout", "dropout")):
        widget, limit = at.slider(key=key), limit_of(MnistConfig, name)
        assert (widget.min, widget.max) == (limit.low, limit.high)
        assert widget.value == getattr(mnist, name)
    seed = at.number_input(key="mnist_seed")
    assert (seed.min, seed.max, seed.value) == (0, limit_of(MnistConfig, "seed").high, 0)
    chosen = {
        "mnist_train_size": "train_size",
        "mnist_batch": "batch_size",
        "mnist_kernel": "kernel_size",
        "mnist_dense": "dense_units",
    }
    for key, name in chosen.items():
        assert at.select_slider(key=key).value == getattr(mnist, name), key
    filters = tuple(at.select_slider(key=f"mnist_filters{i}").value for i in (1, 2))
    assert filters == mnist.filters and at.toggle(key="mnist_invert").value == mnist.invert

    at.switch_page("app_pages/iris.py").run()
    iris = IrisConfig()
    for key, name in (("iris_epochs", "epochs"), ("iris_steps", "steps_per_epoch"),
                      ("iris_test_fraction", "test_fraction")):  # fmt: skip
        widget, limit = at.slider(key=key), limit_of(IrisConfig, name)
        assert (widget.min, widget.max) == (limit.low, limit.high)
        assert widget.value == getattr(iris, name)
    hidden = limit_of(IrisConfig, "hidden")
    assert at.slider(key="iris_layers").value == len(iris.hidden)
    assert (at.slider(key="iris_layers").min, at.slider(key="iris_layers").max) == hidden.length
    neurons = [at.slider(key=f"iris_neurons_{i}") for i in range(1, len(iris.hidden) + 1)]
    assert tuple(n.value for n in neurons) == iris.hidden
    assert all((n.min, n.max) == (hidden.low, hidden.high) for n in neurons)
    assert at.select_slider(key="iris_batch").value == iris.batch_size
    assert at.select_slider(key="iris_learning_rate").value == iris.learning_rate
    assert at.number_input(key="iris_seed").value == iris.seed


def test_the_home_page_lists_the_routers_pages_in_order():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    links = [link.value for link in at.get("page_link")]
    assert links == [f"{n}. {page.title}" for n, page in enumerate(lessons(), start=1)]
    assert len(links) == sum(len(entries) for entries in SECTIONS.values()) - 1
    at.switch_page(lessons()[-1].path).run()  # The router knows the home page's last link.
    assert not at.exception and at.title[0].value.startswith(lessons()[-1].icon)
