"""Two web replicas share one real PostgreSQL: a reload that the load balancer sends to the
other replica finds the student's work there (the cookie is the browser's, not a replica's)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from devtools.replicas import start_replicas, stop_replicas
from tests.e2e.conftest import wait_for_app
from tests.e2e.test_browser_kept_work import _epochs, _has_run, _train_from_the_link
from tests.postgres import postgres_server  # noqa: F401  (the session fixture)

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def test_a_reload_served_by_the_other_replica_keeps_the_work(
    browser: Browser,
    postgres_server,  # noqa: F811  (the fixture imported above)
    tmp_path,
) -> None:
    store = {"WORKSHOP_DATABASE_URL": postgres_server.new_database()}
    replicas = start_replicas(2, store, tmp_path)
    try:
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        _train_from_the_link(page, replicas[0].url)
        page.goto(replicas[1].url + "/iris")  # Another server process, the same browser.
        wait_for_app(page, timeout=90_000)
        _has_run(page)
        assert _epochs(page) == "2"
        page.context.close()
    finally:
        stop_replicas(replicas)
