"""Counting the app's script runs from inside the page, for tests and the load test.

An action (a stroke, a typed number) starts a run; "the page answered" is: a run started
after the action has ended. Run these with Playwright's `evaluate` / `wait_for_function`.
"""

# Counts the script runs that start (the app's state leaves "notRunning"). Every attribute
# change is a mutation record, so even a run that starts and ends between two observer
# callbacks is counted.
COUNT_RUNS = """() => {
    if (window.__startedRuns !== undefined) return;
    window.__startedRuns = 0;
    new MutationObserver((records) => {
        for (const record of records) {
            if (record.oldValue === "notRunning") window.__startedRuns += 1;
        }
    }).observe(document.documentElement, {
        attributes: true, subtree: true, attributeOldValue: true,
        attributeFilter: ["data-test-script-state"],
    });
}"""
STARTED_RUNS = "() => window.__startedRuns"
# True once a run that started after `before` runs were counted has finished.
RUN_DONE = """(before) => window.__startedRuns > before && document.querySelector(
    "[data-test-script-state]")?.getAttribute("data-test-script-state") === "notRunning"
"""
