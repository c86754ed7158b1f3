"""Every session-state key is named in ui/state/keys.py, unless it is a widget's own key.

A page may read or set its widgets' values through `st.session_state[...]` (a callback
resetting a slider, a preset filling number boxes): those keys are written beside their
widget (`key="gd_start_weight"`). Any other key written as text in a page or a ui module
would bypass the list in ui/state/keys.py, and two pages could disagree on it.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

SESSION_METHODS = {"get", "pop", "setdefault", "__contains__", "__getitem__", "__setitem__"}


def _is_session_state(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def _text(node: ast.AST, constants: dict[str, str]) -> str | None:
    """A key written as text: a literal, an f-string's fixed start, or a module constant."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value) + "*"
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _keys_and_widget_keys(path: Path) -> tuple[set[str], set[str]]:
    tree = ast.parse(path.read_text())
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }  # fmt: skip
    used, widgets = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and _is_session_state(node.value):
            used.add(_text(node.slice, constants))
        elif isinstance(node, ast.Call):
            function = node.func
            if (
                isinstance(function, ast.Attribute)
                and _is_session_state(function.value)
                and function.attr in SESSION_METHODS
                and node.args
            ):
                used.add(_text(node.args[0], constants))
            for keyword in node.keywords:
                if keyword.arg == "key" and (text := _text(keyword.value, constants)):
                    widgets.add(text)
        elif isinstance(node, ast.Attribute) and _is_session_state(node.value):
            if node.attr not in SESSION_METHODS | {"keys", "items", "values", "clear"}:
                used.add(node.attr)  # st.session_state.conv_preset
        elif isinstance(node, ast.Compare) and any(_is_session_state(c) for c in node.comparators):
            used.add(_text(node.left, constants))  # "key" in st.session_state
    return used - {None}, widgets


def _sources() -> list[Path]:
    files = sorted((ROOT / "app_pages").glob("*.py")) + sorted((ROOT / "ui").rglob("*.py"))
    keys = ROOT / "ui" / "state" / "keys.py"
    return [path for path in files if path != keys] + [ROOT / "app.py"]


def test_keys_written_as_text_are_widget_keys() -> None:
    found = {path: _keys_and_widget_keys(path) for path in _sources()}
    widgets = set().union(*(keys for _, keys in found.values()))
    offenders = [
        f"{path.relative_to(ROOT)}: {key!r} is no widget's key"
        for path, (used, _) in found.items()
        for key in sorted(used - widgets)
    ]
    assert offenders == []
    assert sum(len(used) for used, _ in found.values()) >= 5  # The rule saw the pages' keys.
    assert ROOT / "ui" / "draw" / "board.py" in found  # ... and the ui modules in sub-packages.


def test_the_rule_catches_a_key_that_bypasses_the_list(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text(
        "import streamlit as st\n"
        'PATH = "gd_path"\n'
        'st.slider("w", key="gd_weight")\n'
        'st.session_state["gd_weight"] = 1\n'
        "st.session_state[PATH] = []\n"
        'st.session_state.get("latest", None)\n'
        'if "hidden" in st.session_state: pass\n'
    )
    used, widgets = _keys_and_widget_keys(page)
    assert used - widgets == {"gd_path", "latest", "hidden"}


def test_the_list_names_each_key_once() -> None:
    from ui.state import keys

    named = [
        value
        for name, value in vars(keys).items()
        if name.isupper() and isinstance(value, str) and not name.endswith("_ENV")
    ]
    assert len(named) == len(set(named)) >= 12
