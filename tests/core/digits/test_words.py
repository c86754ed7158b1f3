"""'a 2' but 'an 8': the article before a computed number (core/digits/words.py)."""

from __future__ import annotations

import pytest

from core.digits.words import article, with_article


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "a"),
        (1, "a"),
        (2, "a"),
        (7, "a"),
        (8, "an"),
        (9, "a"),
        (10, "a"),
        (11, "an"),
        (18, "an"),
        (19, "a"),
        (80, "an"),
        (88, "an"),
        (100, "a"),
        (110, "a"),  # "a hundred and ten"
        (180, "a"),
        (800, "an"),
        (11_000, "an"),
        (18_500, "an"),
        (110_000, "a"),
        (8_000_000, "an"),
    ],
)
def test_the_article_follows_how_the_number_is_read(number: int, expected: str) -> None:
    assert article(number) == expected


def test_with_article_keeps_the_article_outside_the_bold() -> None:
    assert [with_article(d) for d in (0, 8)] == ["a 0", "an 8"]
    assert with_article(8, bold=True) == "an **8**"
    assert with_article(3, bold=True) == "a **3**"
