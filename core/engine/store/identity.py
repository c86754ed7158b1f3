"""Who a student is: a random id kept in their browser's cookie, nothing else.

The id is the only key to a student's work, so it is long and random (no name, no login).
A cookie can be edited by hand: anything that does not have the id's exact shape is treated
as no id at all, and the student gets a fresh one.
"""

from __future__ import annotations

import re
import secrets

ID_BYTES = 24  # secrets.token_urlsafe(24): 32 characters of A-Z, a-z, 0-9, '-' and '_'.
_SHAPE = re.compile(r"[A-Za-z0-9_-]{32}")


def new_student_id() -> str:
    """A fresh, unguessable id for a student seen for the first time."""
    return secrets.token_urlsafe(ID_BYTES)


def is_student_id(text: object) -> bool:
    """True only for the shape new_student_id() makes (an edited cookie is no id)."""
    return isinstance(text, str) and _SHAPE.fullmatch(text) is not None
