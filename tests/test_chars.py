"""The cheap character tests of the reading's hot paths (``wikibio.syntax.chars``).

Blanks fold as readers see them: each run of blanks is one space.  The functions do it
with substring replaces, so each is compared with the one regular expression that says
what it does.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wikibio.syntax.chars import fold_blanks, fold_spaces, holds_any

#: Text made mostly of blanks of every kind, words and newlines between them.
_BLANKY = st.text(alphabet=" \t\xa0\u2009\u202f\u3000\nab\U000f0010", max_size=40)


@pytest.mark.parametrize(
    ("text", "blanks", "spaces"),
    [
        ("plain words", "plain words", "plain words"),
        ("a  b", "a b", "a b"),
        ("a" + " " * 37 + "b", "a b", "a b"),
        ("a\t\tb", "a b", "a b"),
        ("a \xa0 b", "a b", "a \xa0 b"),
        ("a\u2009\u202fb", "a b", "a\u2009\u202fb"),
        ("a \n b", "a \n b", "a \n b"),
        (" lead and trail ", " lead and trail ", " lead and trail "),
        ("ideographic\u3000space", "ideographic\u3000space", "ideographic\u3000space"),
    ],
)
def test_folding(text: str, blanks: str, spaces: str) -> None:
    """Runs of blanks fold to one space; a newline or an ideographic space is no blank."""
    assert (fold_blanks(text), fold_spaces(text)) == (blanks, spaces)


@given(_BLANKY)
def test_fold_blanks_is_one_space_per_run_of_blanks(text: str) -> None:
    """Spaces, tabs, no-break and thin spaces: any run of them is one space."""
    assert fold_blanks(text) == re.sub("[ \t\xa0\u2009\u202f]+", " ", text)


@given(_BLANKY)
def test_fold_spaces_is_one_space_per_run_of_spaces_and_tabs(text: str) -> None:
    """Spaces and tabs only: the wider blanks stay as they are."""
    assert fold_spaces(text) == re.sub("[ \t]+", " ", text)


@given(_BLANKY, st.text(alphabet="ab \xa0\u2009[]{}\U000f0010", max_size=6))
def test_holds_any_is_a_character_class_search(text: str, chars: str) -> None:
    """A text holds any of a set's characters where the set's character class matches,
    whatever the set (sets are split once and kept, up to a bound)."""
    expected = bool(chars) and re.search(f"[{re.escape(chars)}]", text) is not None
    assert holds_any(text, chars) == expected
