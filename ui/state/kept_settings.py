"""How a widget keeps its value: Streamlit's own persistence and address binding, named once.

A lesson's setting lives in the address (a teacher's link sets up the lesson; a copied
address shares settings, never work) and in the session (it survives a visit to other pages).
A widget that names the student's own runs or holds their own edits (a kernel's 25 weights)
is kept for the session but never put in a link.
The store keeps both kinds across a reload (ui/state/kept_work.py): see docs/store.md.
"""

from __future__ import annotations

from typing import Any

# Every setting widget passes one of these; tests/pages/test_settings_remembered.py checks.
LESSON_SETTING: dict[str, Any] = {"persist_state": "session", "bind": "query-params"}
OWN_CHOICE: dict[str, Any] = {"persist_state": "session"}
