"""The layers stay apart: `core/` is plain Python, its chapters import each other one way, and
no module anywhere imports itself back through others.

Every import in every module counts, the ones inside functions included (that is where the
app defers TensorFlow), so a late `import streamlit` in core/ fails here too.
"""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

from tests.conftest import ROOT

FORBIDDEN_IN_CORE = ("streamlit", "streamlit_drawable_canvas", "ui", "app_pages", "devtools")


def _imported_modules(path: Path) -> list[str]:
    """Every module a file imports, at any depth of the syntax tree."""
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _core_files() -> list[Path]:
    return sorted((ROOT / "core").rglob("*.py"))


def _chapter(module: str) -> str | None:
    """'core.mnist.training' -> 'mnist'; None for the top of core (cli, __main__)."""
    parts = module.split(".")
    if parts[0] != "core" or len(parts) < 3:
        return None
    return parts[1]


def test_core_imports_no_streamlit_and_nothing_of_ui_pages_or_devtools() -> None:
    offenders = []
    for path in _core_files():
        for name in _imported_modules(path):
            if name.split(".")[0] in FORBIDDEN_IN_CORE:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_the_rule_catches_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "late.py"
    module.write_text("def page():\n    import streamlit as st\n    from ui.state import keys\n")
    assert {"streamlit", "ui.state", "ui.state.keys"} <= set(_imported_modules(module))


def _chapter_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in _core_files():
        relative = path.relative_to(ROOT).with_suffix("")
        source = _chapter(".".join(relative.parts))
        if source is None:
            continue
        graph.setdefault(source, set())
        for name in _imported_modules(path):
            target = _chapter(name)
            if target is not None and target != source:
                graph[source].add(target)
    return graph


def test_chapters_import_each_other_without_a_circle() -> None:
    graph = _chapter_graph()
    assert {"basics", "iris", "kernels", "mnist", "digits", "engine"} <= set(graph)
    circles = [
        (a, b) for a, b in itertools.permutations(graph, 2) if b in graph[a] and a in graph[b]
    ]
    assert circles == []
    # Deeper circles (a -> b -> c -> a) as well: a topological order must exist.
    remaining = {name: set(targets) for name, targets in graph.items()}
    while remaining:
        leaves = [name for name, targets in remaining.items() if not targets & set(remaining)]
        assert leaves, f"import circle among {sorted(remaining)}"
        for leaf in leaves:
            del remaining[leaf]


def test_the_engine_knows_no_lesson_and_the_basics_need_nothing() -> None:
    graph = _chapter_graph()
    assert graph["engine"] == set()
    assert graph["basics"] == set()


def test_chapters_do_not_import_the_cli_dispatcher() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in _core_files()
        if path.parent != ROOT / "core" and "core.cli" in _imported_modules(path)
    ]
    assert offenders == []


# --- Circles between modules, anywhere in the app -----------------------------------------------

PACKAGES = ("core", "ui", "app_pages", "devtools")


def _module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def _module_graph() -> dict[str, set[str]]:
    """Every first-party module -> the first-party modules it imports (lazy imports too).

    `from a.b import c` counts as importing `a.b.c` where that is a module, else `a.b`.
    """
    paths = [ROOT / "app.py"] + [p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))]
    modules = {_module_name(path): path for path in paths}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in _imported_modules(path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_back_through_others() -> None:
    graph = _module_graph()
    assert "core.engine.jobs.base" in graph and "ui" in {n.split(".")[0] for n in graph}
    assert _circles(graph) == []


def test_the_circle_check_finds_a_lazy_circle() -> None:
    """As jobs.py and ray_backend.py once did: one side imports the other inside a function."""
    graph = {"a.jobs": {"a.ray"}, "a.ray": {"a.jobs", "a.board"}, "a.board": set()}
    assert _circles(graph) == [["a.jobs", "a.ray"]]


ENGINE_JOBS = {"jobs", "training", "models", "cli", "runtime", "store"}


def test_the_engine_is_arranged_by_job_and_its_parts_import_each_other_one_way() -> None:
    engine = ROOT / "core" / "engine"
    packages = {p.parent.name for p in engine.glob("*/__init__.py")}
    assert packages == ENGINE_JOBS
    loose = sorted(p.name for p in engine.glob("*.py") if p.name != "__init__.py")
    assert loose == ["progress.py", "settings.py"]  # What every part of the engine shares.
    parts: dict[str, set[str]] = {}
    for name, targets in _module_graph().items():
        if name.startswith("core.engine."):
            part = name.split(".")[2]
            parts.setdefault(part, set()).update(
                t.split(".")[2] for t in targets if t.startswith("core.engine.")
            )
    for part in parts:
        parts[part].discard(part)
    assert _circles(parts) == []


def test_what_a_session_keeps_imports_nothing_of_a_pages_training() -> None:
    """ui/training/ uses ui/state/ (the backend, the keys, the store); never the other way."""
    graph = _module_graph()
    offenders = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module.startswith("ui.state")
        for target in targets
        if target.startswith("ui.training")
    )
    assert offenders == []
