"""What messaging apps do to a message: quoted lines of the bot's reply, starred corrections, spoken punctuation."""

from __future__ import annotations

import re

import pytest

from agent.understand.messaging import answer_to_quote, spoken_punctuation, split_quoted, starred_corrections

#: A few catalog titles, found by their exact words: enough to stand in for the grounder here.
_FILMS = {"Heat (1995)": 6, "Collateral (2004)": 5867, "Thief (1981)": 8798, "P.S. I Love You (2007)": 56941,
          "Dunkirk (2017)": 174055, "Hacksaw Ridge (2016)": 163645}


def films_in(text: str) -> list[tuple[int, str]]:
    return [(i, title) for title, i in _FILMS.items() if re.search(re.escape(title), text)]


def test_quoted_lines_are_told_from_the_persons_own() -> None:
    assert split_quoted("> Heat (1995)\n>> Thief (1981)\nloved it") == ("loved it", "Heat (1995)\nThief (1981)")
    assert split_quoted("no quotes here") == ("no quotes here", "")


@pytest.mark.parametrize(("text", "read"), [
    # a pointer at the one film quoted is its title; at several, all of them
    ("> P.S. I Love You (2007)\nugh no. hated it. anything romantic but less cheesy",
     "ugh no. hated P.S. I Love You (2007). anything romantic but less cheesy"),
    ("> Dunkirk (2017)\n> Hacksaw Ridge (2016)\nboth watched, both amazing",
     "Dunkirk (2017) and Hacksaw Ridge (2016) watched, both amazing"),
    # a quoted film named again by its words alone, in any case, is the film; the others stay unnamed
    ("> Heat (1995)\n> Collateral (2004)\n> Thief (1981)\nheat yes!!! the other two nah", "Heat (1995) yes!!! the other two nah"),
    # no pointer: a short reply is about the one film quoted; a longer one names none of them
    ("> Heat (1995)\nnope, hated", "Heat (1995): nope, hated"),
    ("> Heat (1995)\nnah too old, i said the 2000s please", "nah too old, i said the 2000s please"),
    # a pointer's "'s" is the verb; "these days" points at nothing
    ("> Heat (1995)\nthat one's great", "Heat (1995) is great"),
    ("> Heat (1995)\n> Thief (1981)\nno time for long films these days", "no time for long films these days"),
    # ">" before a year is "after"
    ("sci-fi please\n>2000 only", "sci-fi please\n>2000 only"),
    # nothing quoted, or only the quote: as typed
    ("loved it", "loved it"),
    ("> Heat (1995)", "> Heat (1995)"),
])
def test_a_reply_to_a_quote_points_at_the_films_quoted(text: str, read: str) -> None:
    assert answer_to_quote(text, films_in).text == read


def test_the_films_quoted_are_what_the_reply_can_point_at_by_number() -> None:
    assert answer_to_quote("> Heat (1995)\n> Thief (1981)\nthe first one sounds good", films_in).quoted == (6, 8798)
    assert answer_to_quote("the first one sounds good", films_in).quoted == ()


@pytest.mark.parametrize(("text", "read"), [
    ("A crime drama like The Deported *Departed but older", "A crime drama like The Departed but older"),
    ("Is Amelia in French? Do I need subtitles? *Amélie the movie", "Is Amélie in French? Do I need subtitles? the movie"),
    ("My son is 7 and loves animal *animation, anything for him?", "My son is 7 and loves animation, anything for him?"),
    # a star that corrects nothing near loses its star; a word between stars is emphasis, kept
    ("*sigh* ok, a comedy", "*sigh* ok, a comedy"),
    ("a comedy *please", "a comedy please"),
    # stars opening lines are bullets
    ("fav sci-fi:\n*Alien\n*Aliens", "fav sci-fi:\n*Alien\n*Aliens"),
])
def test_a_starred_word_corrects_the_word_it_is_closest_to(text: str, read: str) -> None:
    assert starred_corrections(text) == read


def test_punctuation_said_aloud_is_written_as_marks() -> None:
    assert spoken_punctuation("is it worth watching comma or is it too long question mark") == "is it worth watching, or is it too long?"
    assert spoken_punctuation("i didn't like jaws new line it was boring full stop") == "i didn't like jaws\nit was boring."
    assert spoken_punctuation("a period drama") == "a period drama"
    assert spoken_punctuation("no singing, full stop. a romance") == "no singing, full stop. a romance"  # said for emphasis
    assert spoken_punctuation("is there a new line of Star Wars films coming?") == "is there a new line of Star Wars films coming?"
