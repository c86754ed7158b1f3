"""The example table's HTML (ui/draw/example_table.py): rows, lines, colours, the note
under a row."""

from __future__ import annotations

import re

import numpy as np
import pytest

from ui.draw.example_table import (
    NOT_A_DIGIT_COLOUR,
    RIGHT_COLOUR,
    WRONG_COLOUR,
    Line,
    Row,
    Section,
    percent,
    table_html,
)

PICTURE = "data:image/png;base64,AAAA"


def one_hot(digit: int, value: int = 90) -> np.ndarray:
    line = np.zeros(10, dtype=int)
    line[digit] = value
    line[(digit + 1) % 10] = 100 - value
    return line


# The answer's cell also says right or wrong: a sign, and a word for screen readers.
SIGNS = r"(?:<span[^>]*>[^<]*</span>)*"


def winners(table: str) -> list[tuple[str, str]]:
    """(colour, number) of every coloured cell, in order."""
    return re.findall(r'class="xt-win" style="background:(#[0-9A-F]{6})">(\d+)<', table)


def test_percentages_are_rounded_like_the_workshops():
    assert percent([0.004, 0.006, 0.125, 0.5, 0.365, 1.2, np.nan]).tolist() == [
        0, 1, 12, 50, 36, 100, 0
    ]  # fmt: skip


def test_a_picture_with_two_lines_spans_both_and_each_line_has_its_winner():
    row = Row(
        PICTURE,
        "3",
        3,
        (Line("yours", one_hot(3, 97)), Line("workshop", one_hot(5, 58), published=True)),
    )
    table = table_html([Section("", (row,))], "caption")
    assert table.count("<tr") == 3  # The header and the two lines.
    assert 'rowspan="2"' in table and 'alt="picture 3"' in table
    assert winners(table) == [(RIGHT_COLOUR, "97"), (WRONG_COLOUR, "58")]
    assert 'class="xt-published"' in table
    assert [*re.findall(r'<td class="xt-who">([^<]*)</td>', table)] == ["yours", "workshop"]


def test_the_dog_has_neither_right_nor_wrong_and_a_sentence_under_it():
    note = "The dog is not a digit, yet the network still picks one."
    row = Row(PICTURE, "dog", None, (Line("yours", one_hot(8, 61)),), note=note)
    table = table_html([Section("", (row,))], "caption")
    assert winners(table) == [(NOT_A_DIGIT_COLOUR, "61")]
    assert f'<td colspan="12">{note}</td>' in table


def test_sections_have_headings_and_text_is_escaped():
    row = Row(PICTURE, "<b>", 1, (Line("<i>", one_hot(1)),))
    table = table_html([Section("", (row,)), Section("More & more", (row,))], "a < b")
    assert "More &amp; more" in table and "a &lt; b" in table and "&lt;i&gt;" in table
    assert "<b>" not in table.split("</style>")[1]


def test_every_number_is_shown_in_a_table_without_a_scroll_box():
    row = Row(PICTURE, "2", 2, (Line("yours", np.arange(10)),))
    table = table_html([Section("", (row,))], "caption")
    body = table.split("</style>")[1]
    assert re.findall(rf"<td(?: [^>]*)?>(\d+){SIGNS}</td>", body) == [str(d) for d in range(10)]
    assert not re.search(r"overflow(-[xy])?:\s*(auto|scroll)", table)
    assert "max-height" not in table


@pytest.mark.parametrize("bad", [np.zeros(9), np.zeros((2, 10))])
def test_a_line_must_have_ten_numbers(bad):
    with pytest.raises(ValueError, match="ten percentages"):
        table_html([Section("", (Row(PICTURE, "1", 1, (Line("yours", bad),)),))], "c")


def test_the_networks_answer_is_coloured_even_when_rounding_ties_it():
    """An untrained network's 0.1596 and 0.1604 both show as 16%: the answer is the second."""
    rounded = np.array([16, 16, 8, 8, 8, 8, 8, 8, 10, 10])
    lines = (Line("yours", rounded, winner=1), Line("workshop", rounded, published=True))
    table = table_html([Section("", (Row(PICTURE, "dog", None, lines),))], "caption")
    coloured = [
        [
            index
            for index, cell in enumerate(re.findall(rf"<td[^>]*>\d+{SIGNS}</td>", line))
            if "xt-win" in cell
        ]
        for line in table.split("</thead>")[1].split("</tr>")[:2]
    ]
    # The given winner on the network's line; the first largest on the workshop's.
    assert coloured == [[1], [0]]


def test_right_and_wrong_are_said_in_signs_and_words_not_colour_alone() -> None:
    from ui.draw.example_table import winner_mark

    assert winner_mark(3, 3) == ("✓", "right")
    assert winner_mark(5, 3) == ("✗", "wrong")
    assert winner_mark(5, None)[0] == "?"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_white_numbers_on_the_answers_colours_reach_aa_contrast() -> None:
    for colour in (RIGHT_COLOUR, WRONG_COLOUR, NOT_A_DIGIT_COLOUR):
        assert 1.05 / (_luminance(colour) + 0.05) >= 4.5, colour
