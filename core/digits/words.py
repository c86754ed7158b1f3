"""Small words that depend on a number: "a 2" but "an 8".

A sentence built around a computed digit cannot carry a fixed article: "calls the dog a 8"
reads wrong for one digit in ten. English picks "an" before a vowel sound: eight, eleven,
eighteen, eighty, eight hundred, and eleven or eighteen thousand (million, ...).
"""

from __future__ import annotations


def article(number: int) -> str:
    """'a' or 'an' for a whole number as it is read aloud: 'an' for 8, 11, 18, 80-89, 800-899,
    11,000 and 18,000, 'a' for the rest."""
    digits = str(abs(int(number)))
    if digits.startswith("8"):
        return "an"
    # 11 and 18 are "eleven" and "eighteen" when they lead a group of three: 11, 11,000, ...
    return "an" if len(digits) % 3 == 2 and digits[:2] in ("11", "18") else "a"


def with_article(number: int, bold: bool = False) -> str:
    """'a 2', 'an 8', or with bold=True 'a **2**' (markdown): the article stays outside the bold."""
    shown = f"**{number}**" if bold else str(number)
    return f"{article(number)} {shown}"
