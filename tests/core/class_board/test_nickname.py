"""Nicknames: kept as typed when printable, refused in one sentence when they could mislead."""

from __future__ import annotations

import re
import sys
import time
import unicodedata

import pytest

from core.class_board.nickname import NICKNAME_MAX, SPACES, NicknameError, clean_nickname


def refusal(text: str) -> str:
    with pytest.raises(NicknameError) as caught:
        clean_nickname(text)
    message = str(caught.value)
    assert message.count(".") >= 1 and "\n" not in message  # One plain sentence.
    return message


@pytest.mark.parametrize(
    "typed",
    ["<b>hi</b>", "**bold**", "[link](http://e.x)", "'; DROP TABLE x;--", "Zoë 🦊", "李小龍"],
)
def test_printable_nicknames_stay_exactly_as_typed(typed):
    assert clean_nickname(typed) == typed


def test_spaces_are_trimmed_and_each_run_becomes_one_space():
    assert clean_nickname("  Ada   L  ") == "Ada L"
    assert clean_nickname("\tAda\u00a0\u3000Lovelace\n") == "Ada Lovelace"


def test_the_same_letters_typed_two_ways_are_one_nickname():
    decomposed = "Zoe\u0308"  # "e" followed by a combining diaeresis.
    assert clean_nickname(decomposed) == "Zo\u00eb"
    assert clean_nickname(decomposed) == clean_nickname("Zo\u00eb")


@pytest.mark.parametrize("typed", ["", "   ", "\t\n"])
def test_an_empty_nickname_is_refused(typed):
    assert refusal(typed) == "Type a nickname: it cannot be empty."


def test_a_long_nickname_is_refused_with_how_many_characters_it_has():
    assert clean_nickname("y" * NICKNAME_MAX) == "y" * 24
    assert refusal("<script>alert(1)</script>") == (
        "A nickname can have at most 24 characters; yours has 25."
    )


def test_a_pasted_page_of_text_is_refused_at_once():
    started = time.perf_counter()
    message = refusal("x" * 10_000)
    assert time.perf_counter() - started < 0.5
    assert message == "A nickname can have at most 24 characters; yours has 10,000."
    assert "24" in refusal("x " * 1_000_000)  # 2 MB: still no slow per-character work.


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("a\u202eb", "invisible formatting character (right-to-left override, U+202E)"),
        ("a\u200bb", "invisible formatting character (zero width space, U+200B)"),
        ("a\u200cb", "(zero width non-joiner, U+200C)"),
        ("a\u200db", "(zero width joiner, U+200D)"),
        ("a\u2060b", "(word joiner, U+2060)"),
        ("\ufeffab", "(zero width no-break space, U+FEFF)"),
        ("a\x00b", "invisible control character (U+0000)"),
        ("a\x1bb", "invisible control character (U+001B)"),
        ("a\ue000b", "private-use character"),
        ("a\ud800b", "broken character (U+D800)"),
        ("a\u0378b", "character that Unicode does not define (U+0378)"),
        ("a\u2028b", "line break (line separator, U+2028)"),
        ("a\u2029b", "paragraph break (paragraph separator, U+2029)"),
    ],
)
def test_invisible_and_undefined_characters_are_refused_and_named(typed, named):
    message = refusal(typed)
    assert message.startswith("Your nickname contains ")
    assert named in message
    assert message.endswith(": please type it again without it.")


def test_the_spaces_list_holds_every_unicode_space_of_this_python():
    spaces = re.compile(f"[{SPACES}]")
    every_zs = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs"]
    assert every_zs and all(spaces.fullmatch(c) for c in every_zs)
    assert not spaces.search("\u200b\u2028\u2029\x1c\x85ab")  # Refused, not collapsed.
