"""A student of the load test in Streamlit's protocol: the workshop's class script, no browser.

The same steps as the browser students (`devtools/students.py`), in the same order and at the
same pace, so the server sees the same class: open the app, train Iris and type three flowers,
train MNIST on 5,000 digits (or more), share it on the class board, draw digits (Clear, a
moment's thought, one stroke), open the class board and wait for one of its refreshes, then
come back as after a reload (the same cookie, a new session) and find the network kept.
Each answer is timed from the request to the end of the run that answers it.
"""

from __future__ import annotations

import asyncio
import time

import numpy as np

from core.digits.strokes import stroke_points
from devtools.load_report import Report
from devtools.protocol.drawing import blank_state, canvas_state
from devtools.protocol.session import PageError, Session

ONE_STROKE_DIGITS = (0, 2, 3, 6, 8, 9)  # As the browser students draw them.
THINK_S = 1.0  # s between a fresh canvas and the first stroke, as the browser students.
TRAINING_TIMEOUT_S = 1500  # A class queueing for two training places.
MNIST_DONE = "Test accuracy (normal digits)"
NO_NETWORK = "There is no trained network yet"
BOARD_HEADING = "The class board"


def _number(value: float):
    return lambda state: setattr(state, "double_value", value)


def _text(value: str):
    return lambda state: setattr(state, "string_value", value)


def _option(tab: Session, label: str, index: int):
    """A select slider's option by its place, as the browser students press arrow keys."""
    shown = tab.widgets[label].options[index]
    return lambda state: state.string_array_value.data.append(shown)


async def iris(tab: Session, report: Report) -> None:
    report.page_ms.append(await tab.open("iris"))
    tab.mark()
    started = time.perf_counter()
    await tab.press("Train the network", TRAINING_TIMEOUT_S)
    await tab.wait_for(("Test accuracy",), TRAINING_TIMEOUT_S)
    report.iris_train_s.append(time.perf_counter() - started)
    typed = "petal length (cm)"
    tab.hold(typed, _number(tab.widgets[typed].default))  # A tab sends what it shows.
    for value in (1.4, 4.5, 5.8):
        report.iris_ms.append(await tab.set(typed, _number(value)))


async def mnist(tab: Session, report: Report, steps_right: int) -> None:
    """Training examples: the preset's few hundred, then 5,000 and `steps_right` more."""
    report.page_ms.append(await tab.open("mnist"))
    await tab.set("Training examples", _option(tab, "Training examples", 1 + steps_right))
    tab.mark()
    started = time.perf_counter()
    await tab.press("Train the network", TRAINING_TIMEOUT_S)
    shown = await tab.wait_for((MNIST_DONE, "training failed"), TRAINING_TIMEOUT_S)
    if shown != MNIST_DONE:
        raise PageError("MNIST training failed")
    report.train_s.append(time.perf_counter() - started)
    report.trained += 1


async def share(tab: Session, number: int) -> None:
    await tab.set("Your nickname on the class board", _text(f"Student {number}"))
    tab.mark()
    await tab.press("Share this run with the class")
    if not tab.shows("Shared: your run is on the Class page"):
        raise PageError("the run was not shared")


async def draw(tab: Session, report: Report, number: int, digits: int) -> None:
    report.page_ms.append(await tab.open("draw"))
    rng = np.random.default_rng(number)
    clears = 0
    tab.hold("draw_canvas", _json(blank_state(clears)))  # The canvas as it was drawn.
    for i in range(digits):
        digit = ONE_STROKE_DIGITS[i % len(ONE_STROKE_DIGITS)]
        strokes = stroke_points(digit, rng, 280)
        while len(strokes) != 1:
            strokes = stroke_points(digit, rng, 280)
        await tab.press("Clear")
        clears += 1
        # The canvas loads the blank drawing Clear gave it and reports it, as in a browser.
        await tab.set("draw_canvas", _json(blank_state(clears)))
        await asyncio.sleep(THINK_S)
        tab.mark()
        report.stroke_ms.append(await tab.set("draw_canvas", _json(canvas_state(strokes, clears))))
        if not tab.shows("Prediction:"):
            raise PageError("a drawn digit got no prediction")


def _json(value: str):
    return lambda state: setattr(state, "json_value", value)


async def board_and_back(tab: Session, url: str, report: Report) -> None:
    """The Class page until it has looked at the board once; then a reload of the Draw page."""
    report.page_ms.append(await tab.open("class"))
    if not tab.shows(BOARD_HEADING) or not tab.refreshes:
        raise PageError("the Class page came without its board")
    await asyncio.sleep(min(tab.refreshes.values()))
    await tab.refresh()
    async with Session(url, cookie=tab.student) as again:
        again.mark()
        report.page_ms.append(await again.open("draw"))
        if again.shows(NO_NETWORK):
            raise PageError("after a reload the trained network was gone")


async def protocol_student(url: str, number: int, args, report: Report) -> None:
    """One student's whole class; a failure becomes an error in the report, with its step."""
    step = "home"
    try:
        async with Session(url) as tab:
            await tab.open("")
            step = "iris"
            await iris(tab, report)
            step = "mnist"
            await mnist(tab, report, args.mnist_steps)
            step = "share"
            await share(tab, number)
            step = "draw"
            await draw(tab, report, number, args.digits)
            step = "class board"
            await board_and_back(tab, url, report)
    except Exception as error:  # Any failure of a student counts, with its reason.
        report.errors.append(f"student {number} {step}: {type(error).__name__}: {error}"[:800])
