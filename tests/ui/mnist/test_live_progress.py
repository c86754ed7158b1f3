"""The MNIST page's live progress draws what a snapshot says, and nothing it has to work out."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.engine.progress import CurvePoint, Progress

WAITING = Progress(phase="waiting", queue_place=2, running=2, limit=2, seconds_waiting=7.4)
TRAINING = Progress(
    phase="training", epoch=1, epochs=2, batch=40, batches_per_epoch=469, batches_done=40,
    total_batches=938, examples_per_s=2150.4, seconds_left=51.6, loss=0.52, accuracy=0.861,
    curve=(CurvePoint(1, 2.3, 0.1), CurvePoint(40, 0.52, 0.861)),
)  # fmt: skip
TESTING = Progress(phase="evaluating", message="Testing the network on 20,000 test digits ...",
                   batches_done=938, total_batches=938)  # fmt: skip


def draw(snapshots):
    """The page's view, handed the snapshots in turn (AppTest runs this as a script)."""
    from ui.mnist.views import LiveProgress

    view = LiveProgress()
    for snapshot in snapshots:
        view.draw(snapshot)


def run(*snapshots: Progress) -> AppTest:
    at = AppTest.from_function(draw, args=(snapshots,), default_timeout=30).run()
    assert not at.exception
    return at


def test_waiting_shows_the_place_in_the_queue_and_a_cancel_button():
    at = run(WAITING)
    (notice,) = at.info
    assert "2 trainings are running on this server, which trains 2 at a time" in notice.value
    assert "You are number 2 in the queue" in notice.value and "(waiting 7 s)" in notice.value
    assert [b.label for b in at.button] == ["Cancel waiting"]


def test_training_replaces_the_queue_with_progress_curves_and_stop():
    at = run(WAITING, TRAINING)
    assert not at.info
    assert [b.label for b in at.button] == ["Stop training"]
    (bar,) = at.get("progress")
    assert bar.proto.text == (
        "Epoch 1/2, batch 40/469: loss 0.520, accuracy 86.1% · 2,150 examples/s · about 52 s left"
    )
    assert bar.proto.value == 4  # percent: 40 of 938 batches.
    assert any("Loss so far" in h.proto.body for h in at.html)


def test_testing_has_nothing_to_stop():
    at = run(TRAINING, TESTING)
    assert not at.button
    (bar,) = at.get("progress")
    assert bar.proto.text == "Testing the network on 20,000 test digits ..."
