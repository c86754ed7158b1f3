"""The nickname a student shares runs under: kept as typed, refused only when it could mislead.

The page shows a nickname as plain text, so `<b>`, `**` or `[link](...)` are harmless and
stay as typed. What is refused is what text cannot show honestly: invisible characters that
reorder or hide letters (a right-to-left override can make "evil.exe" look like "exe.live"),
characters with no agreed look, and nicknames too long for the board's table.
"""

from __future__ import annotations

import re
import unicodedata

NICKNAME_MAX = 24

# Ordinary spaces of any script (Unicode "Zs", listed in full: a test checks the list) and
# the whitespace a paste brings along: each run of them becomes one space, not a refusal.
SPACES = " \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\n\r\v\f"
_SPACE_RUN = re.compile(f"[{SPACES}]+")

# Unicode categories refused, each named in words a student understands.
_REFUSED = {
    "Cc": "an invisible control character",
    "Cf": "an invisible formatting character",
    "Co": "a private-use character (one each computer draws its own way)",
    "Cs": "a broken character",
    "Cn": "a character that Unicode does not define",
    "Zl": "a line break",
    "Zp": "a paragraph break",
}


class NicknameError(ValueError):
    """A nickname the board refuses; its text is one sentence to show the student."""


def clean_nickname(text: str) -> str:
    """The nickname to store: NFC, trimmed, spaces collapsed; NicknameError if refused.

    NFC makes "é" typed as one character or as "e" plus an accent the same nickname. The
    length is checked before the characters, so a pasted page of text is refused at once.
    """
    cleaned = _SPACE_RUN.sub(" ", unicodedata.normalize("NFC", text)).strip(" ")
    if not cleaned:
        raise NicknameError("Type a nickname: it cannot be empty.")
    if len(cleaned) > NICKNAME_MAX:
        raise NicknameError(
            f"A nickname can have at most {NICKNAME_MAX} characters; yours has {len(cleaned):,}."
        )
    for char in cleaned:
        kind = _REFUSED.get(unicodedata.category(char))
        if kind is not None:
            name = unicodedata.name(char, "").lower()
            which = f"{name}, U+{ord(char):04X}" if name else f"U+{ord(char):04X}"
            raise NicknameError(
                f"Your nickname contains {kind} ({which}): please type it again without it."
            )
    return cleaned
