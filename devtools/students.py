"""The simulated students of the load test: each trains Iris, trains MNIST, then draws.

Each student is one headless Chromium context driven by Playwright, doing what a student
does in the workshop, and timing what a student waits for: a page to open, a typed flower's
answer, a stroke's answer. Every wait is bounded; a failure becomes an error in the report
of the student's replica, with its reason.
"""

from __future__ import annotations

import asyncio
import time

import numpy as np

from core.digits.strokes import stroke_points
from devtools.board_client import BoardPages
from devtools.canvas import BLACK_PAPER, BLANK_PAPER, HOVER_MS, INK, SURFACE
from devtools.class_run import BOARD_PAGES_PER_S, open_board_pages, play_class
from devtools.load_report import Report
from devtools.script_runs import COUNT_RUNS, STARTED_RUNS
from devtools.server import CHROMIUM, CHROMIUM_ARGS

IDLE = "[data-test-script-state=notRunning]"
# Checked on every animation frame. Playwright's locator waits poll at growing intervals (up
# to 0.5 s apart), which added up to half a second to a measured answer.
SHOWN = "(selector) => document.querySelector(selector) !== null"
# The app is idle after a run that followed the typing, or shows another answer. (A quick
# run's "running" state can be batched away by React before it reaches the page's DOM, and
# then the run counter never sees it: the changed answer still shows the run happened.)
IRIS_ANSWERED = """([runs, text]) => {
    const state = document.querySelector("[data-test-script-state]");
    const answer = document.querySelector(".st-key-iris_prediction");
    return state?.getAttribute("data-test-script-state") === "notRunning"
        && (window.__startedRuns > runs || (answer?.innerText ?? "") !== text);
}"""
ONE_STROKE_DIGITS = (0, 2, 3, 6, 8, 9)  # Digits drawn in one stroke: one mouse-up, one rerun.
THINK_S = 1.0  # s between a fresh canvas and the first stroke.
PAGE_TIMEOUT = 180  # s: ten students opening pages at once, while others train.


async def idle(page, timeout: float) -> None:
    await page.wait_for_selector(IDLE, timeout=timeout * 1000)


async def shown(page, selector: str, timeout_s: float) -> None:
    """Wait, frame by frame, until an element matching `selector` is in the page."""
    await page.wait_for_function(SHOWN, arg=selector, polling="raf", timeout=timeout_s * 1000)


async def open_page(page, report: Report, link: str, heading: str, timeout: float) -> None:
    """Follow a sidebar link and wait for the page's heading: how long a student waits."""
    started = time.perf_counter()
    await page.get_by_role("link", name=link).first.click(timeout=timeout * 1000)
    await page.get_by_role("heading", name=heading).first.wait_for(timeout=timeout * 1000)
    await idle(page, timeout)
    report.page_ms.append((time.perf_counter() - started) * 1000)


async def check_no_exception(page, where: str, report: Report) -> None:
    if await page.locator("[data-testid=stException]").count():
        report.errors.append(f"{where}: the page shows an exception")


async def iris(page, report: Report, student: int) -> None:
    await open_page(page, report, "Iris flowers", "The Iris classifier", PAGE_TIMEOUT)
    started = time.perf_counter()
    await page.get_by_role("button", name="Train the network").click()
    # The result's metric (the runs' comparison below it offers "Test accuracy" too).
    metric = page.get_by_test_id("stMetricLabel").get_by_text("Test accuracy", exact=True)
    await metric.wait_for(timeout=600_000)
    report.iris_train_s.append(time.perf_counter() - started)
    await idle(page, 120)
    field_ = page.get_by_label("petal length (cm)", exact=True)
    answer = page.locator(".st-key-iris_prediction")
    for value in (1.4, 4.5, 5.8):
        await page.evaluate(COUNT_RUNS)
        before = [await page.evaluate(STARTED_RUNS), await answer.inner_text()]
        started = time.perf_counter()
        await field_.fill(str(value))
        await field_.press("Enter")  # Reruns the fragment: new probabilities, new scatter.
        await page.wait_for_function(IRIS_ANSWERED, arg=before, polling="raf", timeout=60_000)
        report.iris_ms.append((time.perf_counter() - started) * 1000)
    await check_no_exception(page, f"student {student} iris", report)


async def mnist(page, report: Report, student: int, train_steps_right: int) -> None:
    await open_page(page, report, "MNIST training", "MNIST: a network", PAGE_TIMEOUT)
    slider = page.get_by_role("slider", name="Training examples")
    await slider.press("Home")  # The over-fitting preset's few hundred digits, then ...
    await slider.press("ArrowRight")  # ... 5,000 ...
    for _ in range(train_steps_right):
        await slider.press("ArrowRight")  # ... 10,000
    await idle(page, 60)
    started = time.perf_counter()
    await page.get_by_role("button", name="Train the network").click()
    done = page.get_by_text("Test accuracy (normal digits)")
    failed = page.locator("[data-testid=stAlertContentError]")
    await done.or_(failed).first.wait_for(timeout=1_500_000)
    if await failed.count():
        raise RuntimeError(f"MNIST training failed: {await failed.first.inner_text()}")
    report.train_s.append(time.perf_counter() - started)
    await idle(page, 300)
    report.trained += 1
    await check_no_exception(page, f"student {student} mnist", report)


async def fresh_canvas(page) -> None:
    """Clear, and wait until the canvas shows blank black paper again."""
    await page.locator(SURFACE).wait_for(timeout=PAGE_TIMEOUT * 1000)
    await page.get_by_role("button", name="Clear", exact=True).click()
    await page.locator(".st-key-prediction").wait_for(state="detached", timeout=60_000)
    # Strokes drawn before the blank drawing has loaded would be wiped with the old ones.
    # (The canvas lives in a shadow root: Playwright's locators see it, document queries
    # do not.)
    deadline = time.monotonic() + 60
    while await page.locator(SURFACE).evaluate(BLANK_PAPER) != BLACK_PAPER:
        if time.monotonic() > deadline:
            raise RuntimeError("the cleared canvas did not turn blank within 60 s")
        await asyncio.sleep(0.1)
    await idle(page, 60)


async def draw_stroke(page, stroke) -> float:
    """Draw one stroke with the mouse; the moment the mouse went up (which sends it)."""
    canvas = page.locator("canvas.upper-canvas").first
    await canvas.scroll_into_view_if_needed()  # Mouse events outside the viewport go nowhere.
    box = await canvas.bounding_box()
    await page.mouse.move(box["x"] + stroke[0][0], box["y"] + stroke[0][1])
    await asyncio.sleep(HOVER_MS / 1000)  # A hand rests on the canvas before pressing.
    await page.mouse.down()
    for x, y in stroke[1::2]:
        await page.mouse.move(box["x"] + x, box["y"] + y)
    lifted = time.perf_counter()
    await page.mouse.up()
    return lifted


async def draw(page, report: Report, student: int, digits: int) -> None:
    """Draw one-stroke digits; time each mouse-up until the prediction shows.

    A stroke that left no ink on the canvas is counted as lost, the canvas cleared and the
    digit drawn again.
    """
    from playwright.async_api import TimeoutError as PlaywrightTimeoutError

    await open_page(page, report, "Draw a digit", "Draw a digit", PAGE_TIMEOUT)
    rng = np.random.default_rng(student)
    for i in range(digits):
        digit = ONE_STROKE_DIGITS[i % len(ONE_STROKE_DIGITS)]
        strokes = stroke_points(digit, rng, 280)
        while len(strokes) != 1:
            strokes = stroke_points(digit, rng, 280)
        for _attempt in range(3):
            await fresh_canvas(page)
            await asyncio.sleep(THINK_S)  # A student looks at the empty canvas, then draws.
            started = await draw_stroke(page, strokes[0])
            try:
                await shown(page, ".st-key-prediction", 15)
                break
            except PlaywrightTimeoutError:
                if await page.locator(SURFACE).evaluate(INK):
                    await shown(page, ".st-key-prediction", 45)  # Drawn, but slow: wait.
                    break
                report.lost_strokes += 1  # As a student would: clear, and draw it again.
        else:
            raise RuntimeError("three strokes in a row never reached the canvas")
        report.stroke_ms.append((time.perf_counter() - started) * 1000)
        await idle(page, 60)
    await check_no_exception(page, f"student {student} draw", report)


async def share(page, number: int) -> None:
    """Share the MNIST run just trained, as a student who wants it on the class board."""
    nickname = page.get_by_label("Your nickname on the class board")
    await nickname.fill(f"Student {number}")
    await page.get_by_role("button", name="Share this run with the class").click()
    await page.get_by_text("Shared: your run is on the Class page").wait_for(timeout=60_000)
    await idle(page, 60)


async def board_watcher(
    browser, url: str, number: int, done: asyncio.Event, errors: list[str]
) -> None:
    """A Class page left open until the class is done: it refreshes itself every few seconds."""
    await asyncio.sleep(number / BOARD_PAGES_PER_S)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = await context.new_page()
        await page.goto(f"{url}/class", timeout=PAGE_TIMEOUT * 1000)
        await page.get_by_role("heading", name="The class board").wait_for(
            timeout=PAGE_TIMEOUT * 1000
        )
        await done.wait()
        if await page.locator("[data-testid=stException]").count():
            errors.append("a Class page shows an exception")
    except Exception as error:
        errors.append(f"a Class page: {type(error).__name__}: {str(error)[:300]}")
    finally:
        await context.close()


async def student(browser, url: str, number: int, args, report: Report) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    try:
        page.set_default_timeout(PAGE_TIMEOUT * 1000)
        await page.goto(url, timeout=PAGE_TIMEOUT * 1000)
        await idle(page, PAGE_TIMEOUT)
        await iris(page, report, number)
        await mnist(page, report, number, args.mnist_steps)
        if getattr(args, "board_tabs", 0):
            await share(page, number)  # The open Class pages have runs to show.
        await draw(page, report, number, args.digits)
    except Exception as error:  # Any failure of a student counts, with its reason.
        report.errors.append(f"student {number}: {type(error).__name__}: {str(error)[:800]}")
    finally:
        await context.close()


async def classroom(
    urls: list[str], args, reports: list[Report], errors: list[str], board: BoardPages
) -> None:
    """All students at once in one Chromium, student n on replica n mod len(urls)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        done = asyncio.Event()
        # With --board-tabs: Class pages open on the first replica for the whole run, as
        # Chromium tabs or (the default) as protocol clients that ask what a tab asks.
        tabs = getattr(args, "board_tabs", 0)
        if getattr(args, "board_as", "protocol") == "browser":
            boards = [
                asyncio.create_task(board_watcher(browser, urls[0], number, done, errors))
                for number in range(tabs)
            ]
        else:
            boards = open_board_pages(urls[0], tabs, done, board)

        def one(url: str, number: int, report: Report):
            return student(browser, url, number, args, report)

        try:
            await play_class(urls, args, reports, errors, one, boards, done)
        finally:
            await browser.close()
