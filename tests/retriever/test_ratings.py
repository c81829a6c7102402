"""Ratings written beside a title: their scale and the verdict they give."""

from __future__ import annotations

import pytest

from tools.retriever.ratings import rated, rating_after, rating_before, verdicts


@pytest.mark.parametrize(("after", "verdict"), [
    (" 9/10, next", "like"), (" 7/10", "like"), (" 6/10", "neutral"), (" 5/10", "dislike"), (": 10/10, cried", "like"),
    (" = 4.5/5", "like"), (" ★★★★½ /", "like"), (" ★★★", "neutral"), (" ★½.", "dislike"), (" 8 out of 10", "like"),
    (": zero stars, and", "dislike"), (" a solid 7, the", "like"), (" an 8.", "like"), (" (82) ★★★★★", "like"),
    (": three out of ten.", "dislike"), (" gets a 2/10 from me", "dislike"), (" scored 9/10", "like"),
    (" 3 4 times", None), (" a bit", None), (" and more", None), (" 2 was fun", None),
    # a viewing log's word right after the film; "a" is no grade
    (" – loved.", "like"), (" (guilty pleasure)", "like"), (" rewatch, still", "like"), (" a bore.", "dislike"),
    (" walked out,", "dislike"), (" (meh, too long)", "dislike"), (" loved by critics", None), (" was loved", None),
    # a grade after its article or ending its clause, percentages, popcorn, 💯 and 🤮
    (" A, Prisoners A-", "like"), (" is a solid A.", "like"), (" a C- and", "neutral"), (" D+.", "dislike"), (" A quest", None),
    (" 100%, stardust", "like"), (" (40%).", "dislike"), (" 🍿🍿🍿🍿🍿", "like"), (" 🤮🤮 ,", "dislike"),
    # ...but not a share, a B movie or popcorn as a mood
    (", 50% heist and 50% drama", None), (" is a B movie", None), (" is a B-movie", None), (" 🍿 tonight", None),
])
def test_a_rating_after_a_title(after: str, verdict: str | None) -> None:
    assert rating_after("Heat" + after, 4) == verdict


@pytest.mark.parametrize(("before", "verdict"), [
    ("A+ ", "like"), ("C+ ", "neutral"), ("F ", "dislike"), ("👍 ", "like"), ("👎 ", "dislike"), ("★★★★ ", "like"),
    ("thumbs down to ", "dislike"), ("thumbs up to ", "like"), ("½★ ", "dislike"), ("A ", None), ("I loved ", None),
    ("💯 for ", "like"), ("🤮 for ", "dislike"), ("🍿🍿 ", "dislike"), ("🍿 ", None), ("A, ", None),
])
def test_a_rating_before_a_title(before: str, verdict: str | None) -> None:
    assert rating_before(before + "heat", len(before)) == verdict


def test_ratings_that_open_a_list_belong_to_the_title_after_them() -> None:
    text = "👍 alien 👍 aliens 👎 alien 3"
    spans = [(2, 7), (10, 16), (19, 26)]
    assert verdicts(text, spans) == ["like", "like", "dislike"]
    text = "alien 9/10, aliens 8/10, alien 3 2/10"
    assert verdicts(text, [(0, 5), (12, 18), (25, 32)]) == ["like", "like", "dislike"]
    assert rated("heat 9/10", 0, 4) and not rated("heat was fine", 0, 4)
    # the first title not found: the rating before the second is the first's, and the list does not open with one;
    # a lone score later in a title's own sentence is its own
    text = "bravehart 9/10, troy 5/10, kingdom of heaven directors cut 8/10"
    assert verdicts(text, [(16, 20), (27, 44)]) == ["dislike", "like"]
    text = "Suspiria: gorgeous nightmare, five stars. Sinister: cheap jolts, one star."
    assert verdicts(text, [(0, 8), (42, 50)]) == ["like", "dislike"]
    assert verdicts("heat, seen it 4 times", [(0, 4)]) == [None]


def test_bare_scores_read_only_in_a_list_of_three_or_more() -> None:
    text = "shawshank 10, green mile 8, the mist 3. more stephen king please"
    assert verdicts(text, [(0, 9), (14, 24), (28, 36)]) == ["like", "like", "dislike"]
    text = "out of 5: fargo 5, burn after reading 2, the ladykillers 1"
    assert verdicts(text, [(10, 15), (19, 37), (41, 56)]) == ["like", "dislike", "dislike"]
    assert rating_after("heathers 6, clueless 8, mean girls 9", 8) == "neutral"
    assert rating_after("alien 3, and aliens", 5) is None  # one number is a sequel's, not a score
    # the scale said in words or out of a hundred, anywhere before the list; a number past the scale is a title's
    text = "scoring out of 100: notting hill 92, how to lose a guy in 10 days 41, the proposal 38"
    assert verdicts(text, [(20, 32), (37, 65), (70, 82)]) == ["like", "dislike", "dislike"]
    text = "a mark out of five each. casablanca 5, the maltese falcon 4.5, citizen kane 2"
    assert verdicts(text, [(25, 35), (39, 57), (63, 75)]) == ["like", "like", "dislike"]
    assert rating_after("out of 10: heat 9, ocean's 11, up 3", 24) is None
    assert rating_after("i rewatched ocean's 11, apollo 13, district 9, heat", 44) is None  # titles' numbers, not three scores
    text = "heat 4 out of 5. also: shawshank 10, green mile 8, the mist 3"  # a rating of its own sets no scale
    assert verdicts(text, [(23, 32), (37, 47), (51, 59)]) == ["like", "like", "dislike"]
    # the scale said as a sentence of its own ("out of 100."), and scores after a colon
    text = "I rate films out of 100. The Godfather 98, Goodfellas 95, Casino 71, Scarface 40."
    assert [rating_after(text, text.index(t) + len(t)) for t in ("Goodfellas", "Casino", "Scarface")] == ["like", "like", "dislike"]
    text = "Forrest Gump: 8. Cast Away: 8. The Terminal: 4. Tom Hanks stranded somewhere"
    assert [rating_after(text, text.index(t) + len(t)) for t in ("Forrest Gump", "Cast Away", "The Terminal")] == ["like", "like", "dislike"]
    text = "flat film rules as voted last night: 1. no westerns (Pete's rule) 2. no war films (mine) 3. under two hours."
    assert rating_after(text, text.index("night") + 5) is None  # a numbered list's numbers are no scores
    assert rating_after("Ranking the Toy Storys: 2, then 1, then 3.", 22) is None  # ranks, not scores
    text = "Heat: 7. Ronin: 8. Collateral: 9."
    assert [rating_after(text, text.index(t) + len(t)) for t in ("Heat", "Ronin", "Collateral")] == ["like", "like", "like"]
