"""The README stays short and its links hold; measured figures live in docs/, not in code.

A figure measured on one machine on one day (a timing, a peak of memory) goes stale when the
code or the machine changes, and a comment gives no date or CPU to judge it by. So a `.py`
file outside devtools/ keeps the reason and points to the docs/ page that holds the figure,
with its date and its CPU's flags (docs/testing.md, "Figures live in docs/"). devtools/
measures, so its own figures stay. Each rule below is also tried on a sample it must catch.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from tests.conftest import ROOT

README_MAX_LINES = 200
# Folders whose files carry no rule here: devtools/ measures; the rest is not the app's code.
SKIPPED_FOLDERS = {"devtools", ".git", ".venv", "node_modules", "test-results", "__pycache__"}

ISO_DATE = re.compile(r"\b20\d\d-[01]\d-[0-3]\d\b")
# A number with a time or memory unit: "44 ms", "0.37 s", "1,099 MB", "7-15 s", "1.5 GB".
FIGURE = re.compile(
    r"\d(?:[\d,.]*\d)?\s?(?:ms|µs|us|s|secs?|seconds?|min|mins|minutes?|h|hours?"
    r"|[KMGT]i?B|kB)\b"
)
MEASURE_WORD = re.compile(r"\b(?:measured|median|p50|p90|p95|p99|took)\b", re.IGNORECASE)
NEAR = 60  # Characters either side of a measure word that count as "next to" it.
# Forms that are a measurement with no measure word beside them, caught in comments, docstrings
# and in any other string too (a log line states its figure as a fact as well):
# a range of times or sizes ("0.3-0.5 s", "7 to 15 s": nobody sets a range as a limit) ...
FIGURE_RANGE = re.compile(
    r"\d(?:[\d,.]*\d)?\s?(?:-|–|to)\s?\d(?:[\d,.]*\d)?\s?(?:ms|µs|us|s|secs?|seconds?|min|mins"
    r"|minutes?|h|hours?|[KMGT]i?B|kB)\b"
)
# ... and an order of magnitude ("took tens of milliseconds", "hundreds of MB").
MAGNITUDE = re.compile(
    r"\b(?:tens|hundreds|thousands) of (?:(?:milli|micro)?seconds|ms|[KMGT]i?B|[kmg]egabytes)\b",
    re.IGNORECASE,
)
# In comments and docstrings: the machine a figure came from ("measured on a Xeon").
MEASURED_ON = re.compile(
    r"\b(?:measured|timed|benchmarked) on (?:an? |the |this |these |two |\d)[^.;:]{0,40}?"
    r"\b(?:machines?|CPUs?|cores?|laptops?|servers?|Xeon|EPYC|Ryzen|Intel|AMD|Mac\w*|AVX\S*)",
    re.IGNORECASE,
)

# In code: a pointer to the page that holds a figure, `docs/performance.md, "Cold start"`.
DOCS_POINTER = re.compile(r'\bdocs/([\w-]+\.md)(?:,\s*"([^"]+)")?')
# In Markdown: links to .md files, and paths of the repository's own files and folders.
MD_LINK = re.compile(r"\]\(([^)\s]+)\)")
REPO_PATH = re.compile(
    r"(?<![\w./-])((?:app_pages|ui|core|devtools|tests|deploy|docs|assets|\.ci|\.streamlit)"
    r"/[\w./*-]*|app\.py|requirements[\w-]*\.txt|pyproject\.toml)"
)

# A module named in code: `python -m devtools.bench.decode`, the `core.engine.jobs` logger.
MODULE = re.compile(r"(?<![\w./-])((?:app_pages|ui|core|devtools|tests)(?:\.[a-z_]\w*)+)")


# --- What the rules read ------------------------------------------------------------------------


def commentary(source: str) -> list[tuple[int, str]]:
    """(line, text) of each comment block and docstring of a module, whitespace collapsed.

    Consecutive comment lines are one block, so a figure and its "measured" may sit on
    neighbouring lines. Other strings (what a page shows, test data) are not commentary.
    """
    blocks: list[tuple[int, list[str]]] = []
    last_line = -2
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        line, text = token.start[0], token.string.lstrip("#").strip()
        if blocks and line == last_line + 1:
            blocks[-1][1].append(text)
        else:
            blocks.append((line, [text]))
        last_line = line
    found = [(line, " ".join(texts)) for line, texts in blocks]
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if (docstring := ast.get_docstring(node, clean=False)) is not None:
            found.append((node.body[0].lineno, docstring))
    return [(line, " ".join(text.split())) for line, text in found]


def other_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string in a module that is not a docstring: messages, page text."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and ast.get_docstring(node, clean=False) is not None
    }
    return [
        (node.lineno, " ".join(node.value.split()))
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
    ]


def dated_measurements(source: str, strings: bool = True) -> list[str]:
    """Each place in a module that holds a measured figure: in its comments and docstrings a
    date, a figure beside a measure word or the machine it was measured on; in them and in its
    other strings (unless `strings` is False: a test's data), a range of times or sizes, or an
    order of magnitude."""
    problems = []
    for line, text in commentary(source) + (other_strings(source) if strings else []):
        for figure in (*FIGURE_RANGE.finditer(text), *MAGNITUDE.finditer(text)):
            problems.append(f"line {line}: a measured figure, {figure.group(0)!r}")
    for line, text in commentary(source):
        for date in ISO_DATE.finditer(text):
            problems.append(f"line {line}: a date, {date.group(0)!r}")
        for machine in MEASURED_ON.finditer(text):
            problems.append(f"line {line}: the machine it was measured on, {machine.group(0)!r}")
        for word in MEASURE_WORD.finditer(text):
            around = text[max(0, word.start() - NEAR) : word.end() + NEAR]
            if figure := FIGURE.search(around):
                problems.append(
                    f"line {line}: {figure.group(0)!r} beside {word.group(0)!r}: {around!r}"
                )
    return problems


def readme_problems(text: str, root: Path) -> list[str]:
    """The README's length, and its links to Markdown pages that do not exist."""
    problems = []
    if len(text.splitlines()) > README_MAX_LINES:
        problems.append(f"{len(text.splitlines())} lines, more than {README_MAX_LINES}")
    return problems + missing_targets(text, root)


def missing_targets(text: str, folder: Path) -> list[str]:
    """Links to .md pages, and repository paths in code spans, that do not exist.

    Links are relative to the page's folder; paths and module names in code (`core/cli.py`,
    `core.cli`, or in a fenced block) to the repository's root. A path with `*` must match at
    least one file.
    """
    problems = []
    for target in MD_LINK.findall(text):
        page, _, anchor = target.partition("#")
        if not page.endswith(".md") or "://" in page:
            continue
        if not (folder / page).exists():
            problems.append(f"link to {target}: no such page")
        elif anchor and anchor not in anchors((folder / page).read_text(encoding="utf-8")):
            problems.append(f"link to {target}: no such heading")
    fenced = re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    prose = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    for span in fenced + re.findall(r"`([^`]+)`", prose):
        for path in REPO_PATH.findall(span):
            path = path.rstrip(".:,")
            exists = any(ROOT.glob(path)) if "*" in path else (ROOT / path).exists()
            if not exists:
                problems.append(f"`{path}`: no such file or folder")
        for module in MODULE.findall(span):
            base = ROOT.joinpath(*module.split("."))
            if not (base.with_suffix(".py").exists() or (base / "__init__.py").exists()):
                problems.append(f"`{module}`: no such module")
    return problems


def broken_pointers(source: str, root: Path) -> list[str]:
    """Pointers in comments and docstrings (a docs/ page, then a section's words in quotes)
    that lead nowhere.

    The page must exist, and the quoted words must appear in it (a heading or a bold lead).
    """
    problems = []
    for line, text in commentary(source):
        for page, section in DOCS_POINTER.findall(text):
            path = root / "docs" / page
            if not path.exists():
                problems.append(f"line {line}: docs/{page}: no such page")
            elif section and section not in " ".join(path.read_text(encoding="utf-8").split()):
                problems.append(f"line {line}: docs/{page} has no {section!r}")
    return problems


def anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation dropped, '-' for ' '."""
    headings = re.findall(r"^#+\s+(.+?)\s*$", markdown, flags=re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def python_files() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if not SKIPPED_FOLDERS.intersection(path.relative_to(ROOT).parts)
    )


def doc_pages() -> list[Path]:
    return sorted((ROOT / "docs").glob("*.md"))


# --- The rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [path for path in python_files() if path != Path(__file__).resolve()],  # Quotes its forms.
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_dated_measurement_in_code(path: Path) -> None:
    """A measured figure belongs in docs/, dated, with its CPU; the code keeps a pointer."""
    in_tests = path.relative_to(ROOT).parts[0] == "tests"
    assert dated_measurements(path.read_text(encoding="utf-8"), strings=not in_tests) == []


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pointers_to_docs_lead_somewhere(path: Path) -> None:
    """Where code says a figure is in docs/, the page and its section are there."""
    assert broken_pointers(path.read_text(encoding="utf-8"), ROOT) == []


def test_the_readme_is_short_and_its_links_hold() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_problems(readme, ROOT) == []


def test_the_readme_links_every_docs_page() -> None:
    """Every page in docs/ is reachable from the README, so none is left behind."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = {Path(target.split("#")[0]).name for target in MD_LINK.findall(readme)}
    assert doc_pages(), "docs/ holds no page"
    assert {page.name for page in doc_pages()} - linked == set()


@pytest.mark.parametrize("page", doc_pages(), ids=lambda p: p.name)
def test_each_docs_page_links_and_cites_what_exists(page: Path) -> None:
    assert missing_targets(page.read_text(encoding="utf-8"), page.parent) == []
