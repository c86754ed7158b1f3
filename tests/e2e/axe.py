"""axe-core, the engine most accessibility audits use, run inside a page Chromium shows.

axe-core comes from npm, pinned in tests/e2e/axe/package-lock.json; `.ci/run` installs it with
`npm ci --prefix tests/e2e/axe`. The rules are WCAG 2.0 and 2.1, levels A and AA: the level
schools and universities are asked to meet (issue 31).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

AXE_JS = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html,
                                  summary: n.failureSummary || ''})),
    }));
}"""


def _describe(violation: dict) -> list[str]:
    """One readable line per element: the rule, its impact, where, and the markup."""
    lines = []
    for node in violation["nodes"]:
        snippet = " ".join(node["html"].split())[:160]
        detail = " ".join(node["summary"].split())[:200]
        lines.append(
            f"{violation['id']} ({violation['impact']}: {violation['help']}) at "
            f"{node['target']}: {snippet} -- {detail}"
        )
    return lines


def axe_violations(page: Page) -> list[str]:
    """Every WCAG 2.1 A/AA violation axe-core finds in the page as it is now, as text."""
    if not AXE_JS.exists():
        pytest.fail(
            f"axe-core is not installed ({AXE_JS} is missing): run "
            "`npm ci --prefix tests/e2e/axe` from the repository's root."
        )
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(RUN, WCAG_AA)
    return [line for violation in violations for line in _describe(violation)]
