"""Ratings written next to a title: "Heat 9/10", "arrival ★★★★½", "A+ grand budapest hotel", "👎 it follows",
"gave the notebook 1 star", "crazy stupid love a solid 7", and a viewing log's word right after one ("the
babadook – loved", "tenet walked out", "Rope (a bore)").

A rating is read on a 0-1 scale and judges the film it touches: 0.7 and up likes it (7/10, 3.5 stars, a B-),
0.5 and below dislikes it (5/10, 2.5 stars, a D), and between (6/10, 3 stars, a C) names it without a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import Literal

from tools.retriever.sequels import NUMBER_WORDS

Verdict = Literal["like", "dislike", "neutral"]
LIKED_FROM = 0.7
DISLIKED_UP_TO = 0.5

_WORDS = {"zero": 0, **{word: int(digits) for word, digits in NUMBER_WORDS.items()}}
_NUMBER = rf"(?:\d{{1,3}}(?:\.\d)?|{'|'.join(_WORDS)})"
_GRADES = {"A+": 1.0, "A-": 0.9, "B+": 0.85, "B": 0.8, "B-": 0.75, "C+": 0.65, "C": 0.6, "C-": 0.55,
           "D+": 0.45, "D": 0.4, "D-": 0.35, "F": 0.1}  # a bare "A" is a word unless it ends its clause (`_scale`)

#: A cross right after a name on its line, ending its clause ("ferngully ✗."), not a checklist's mark opening a line nor one
#: pointed at ("closer to the ✅ or the ❌?"): a rating, and so a sign that the name is a film (`rated`). Any other tick,
#: cross or shrug (the `tick`, `cross` and `meh` groups) only judges a film found without it: the mark before each when
#: the list opens with one ("✅ Amelie ✅ Chocolat ❌ Moulin Rouge"), else the one after each ("Paths of Glory ✓✓");
#: a shrug or a straight face (😐, 🤷) names the film without a verdict.
_CROSS_AFTER = r"(?<!the )(?<!a )(?<!or )(?<!\n)(?<!^)[✗✘❌](?=[ \t]*(?:[,.;!?)]|$))"
#: One rating: "9/10", "4.5/5", "8 out of 10", "★★★★½", "⭐⭐", "½★", "1 star", "zero stars", "A+", "👍", "thumbs down", "✗", "🗑️";
#: a goat is the greatest of all time, a yawn or a snooze a bore ("the godfather 🐐🐐", "transformers 🥱🥱🥱 zzz").
RATING = re.compile(
    rf"(?P<num>{_NUMBER})\s*(?:/|out of)\s*(?P<scale>10|5|100|ten|five)\b"
    r"|(?P<stars>[★⭐]+|🍿{2,})\s*(?P<half>½)?|(?P<halfonly>½\s*[★⭐])"
    r"|(?<![\d.])(?P<pct>\d{1,3})\s?%(?=\s*(?:[,.;!?)\n]|$))"  # a score, not a share ("50% heist and 50% drama")
    rf"|(?P<count>{_NUMBER}|half a|a half)\s*(?:-\s*)?stars?\b"
    r"|(?<![\w'&])(?P<grade>(?-i:[A-F][+-]?))(?![\w'&])(?!-\w|\s+(?:movies?|films?|list|side|plots?|grade)\b)"  # in capitals: "a" is a word ("rope a bore"), "a B movie" none
    r"|(?P<up>👍|💯|(?<!goat )(?<!goat)🐐|thumbs?[\s-]up)|(?P<down>👎|🤮|💩|🥱|😴|💤|🗑️?|" + _CROSS_AFTER + r"|(?:two\s+)?thumbs?(?:\s+way)?[\s-]down)"
    r"|(?P<tick>✅|✔️?|✓+|☑️?)|(?P<cross>❌|✘|✗|☒)|(?P<meh>😐|😑|🤷(?:\u200d?[♀♂]\ufe0f?)?|➖)",
    re.IGNORECASE,
)
#: Right after a title: "Heat 9/10", "the thing (82) ★★★★★", "up: 10/10", "mamma mia gets a 2/10", "paddington 2 = 5/5", "aliens a 7",
#: "crazy stupid love a solid 7" (a bare number needs its article: "alien 3 4 times" is no rating).
_AFTER = re.compile(
    r"(?:[!?](?=\s))?\s*(?:\(\d{2,4}\)\s*)?(?:[:=\-–—,]\s*|(?:gets|got|scores|scored|earns|earned)\s+(?:an?\s+)?(?=\d[\d.]*\s*(?:/|out of|stars?\b))"
    r"|(?:is\s+|was\s+|(?:gets|got|scores|scored|earns|earned|deserves|deserved)\s+)?(?:an?\s+(?:(?:solid|generous|strong|easy|hard|flat|mere|measly|"
    r"whopping|perfect|respectable|decent|weak|firm|clear|charitable|kind|harsh|low|high|straight|fat|big|comfortable)\s+)?"
    rf"(?=(?P<bare>{_NUMBER})\b(?!\s*(?:/|out of|stars?|times|x\b)|[\s-]*(?:years?|yrs?|yo|months?|hours?|hrs?|minutes?|mins?)\b)|(?-i:[A-F][+-]?)(?![\w'])(?!-\w|\s+(?:movies?|films?)\b))))?")
#: Right before a title: "★★★★ airplane!", "A+ grand budapest hotel", "👍 the conjuring", "thumbs down to mamma mia",
#: "gave the notebook" is said by the caller ("4 stars for the nice guys", "C-, D, F" of a list are not read).
_BEFORE_TAIL = re.compile(r"(?:\s+(?:at\s+(?:best|most|a\s+push)|tops|max))?(?:\s+(?:for|to|on)\s+(?:the\s+)?|\s*[:,]?\s*)$", re.IGNORECASE)


def _scale(match: re.Match[str]) -> float | None:
    if match["num"] is not None:
        return min(_value(match["num"]) / _value(match["scale"]), 1.0)
    if match["stars"] is not None:
        return min((len(match["stars"]) + (0.5 if match["half"] else 0)) / 5, 1.0)
    if match["halfonly"] is not None:
        return 0.1
    if match["count"] is not None:
        count = match["count"].lower()
        return 0.1 if "half" in count else min(_value(count) / 5, 1.0)
    if match["pct"] is not None:
        return min(int(match["pct"]) / 100, 1.0)
    if match["grade"] is not None:
        if match["grade"] == "A" and _CLAUSE_ENDS.match(match.string, match.end()):
            return 0.95  # "Memories of Murder A, Prisoners A-": an "A" that ends its clause grades, one before a noun is a word
        return _GRADES.get(match["grade"])
    if match["meh"]:
        return 0.6
    return 1.0 if match["up"] or match["tick"] else 0.0 if match["down"] or match["cross"] else None


_CLAUSE_ENDS = re.compile(r"\s*(?:[,.;!?)\n]|$)")


def _value(number: str) -> float:
    """A number as `_NUMBER` reads it: digits ("8.5") or a word ("seven")."""
    return float(_WORDS.get(number.lower(), number))


def as_sentiment(verdict: Verdict) -> Literal["like", "dislike", "contrast"]:
    """A verdict as a film's role in a message: a middling one names the film without judging it ("contrast")."""
    return "contrast" if verdict == "neutral" else verdict


def _verdict(score: float | None) -> Verdict | None:
    if score is None:
        return None
    return "like" if score >= LIKED_FROM else "dislike" if score <= DISLIKED_UP_TO else "neutral"


#: Words of a log or a label that name a film without judging it ("Tombstone (fine)", "neutral: The Holiday").
MIDDLING_WORDS = "fine|ok|okay|alright|so-so|neutral|mixed|average|eh"
MIDDLING = re.compile(rf"(?:{MIDDLING_WORDS})", re.IGNORECASE)
#: A viewing log's verdict written right after a film (a dash, a bracket or a star may come between); a middling word
#: ("Tombstone (fine)", "Signs: ok") names the film without a verdict, and only so set off ("is Up ok?" asks, "I loved Heat -
#: ok, maybe not the ending" still loves it).
WORD_VERDICT = re.compile(
    r"\s*(?:[-–—:(]|★+|♥)?\s*(?:(?P<good>loved(?: it)?|adored(?: it)?|♥+|rewatch(?:ed)?|brilliant|flawless|masterpiece|underrated|"
    r"guilty pleasure|(?<=\()yes)|(?P<bad>overrated|meh|walked out|fell asleep|hated(?: it)?|a bore|boring|dull|awful|terrible|(?<=\()no)"
    rf"|(?:(?<=[(:])|(?<=[(:]\s))(?P<middling>{MIDDLING_WORDS}))(?=\s*(?:[,.;:!?)(/\n—–-]|x\d|$))",
    re.IGNORECASE)


#: A score with no scale after a list item ("shawshank 10, green mile 8, the mist 3", "Forrest Gump: 8.", "gladiator 8.5 / troy 6
#: / ...", a slash or a dash with a space after it ending the item, "8/10" stays one rating; not a rank:
#: "Toy Storys: 2, then 1, then 3"), read only where three or more
#: items of the message are scored so within the scale (a lone "alien 3," or "ocean's 11, apollo 13" are titles'
#: numbers); a scale said before the first score sets it ("out of 5:", "a mark out of five", "out of 100"), not a
#: rating of its own ("heat 4 out of 5").
_LIST_SCORE = re.compile(r"(?:(?<=[a-z'!?)])(?<!\bthen)(?<!\band)(?<!\bor)(?:\s*:\s*|\s+)|(?<=\d):\s+)(?P<n>100|\d{1,2}(?:\.5)?)(?=\s*(?:[,;\n]|\.(?!\d)|$|[/—–](?=\s)))", re.IGNORECASE)
_OUT_OF = re.compile(r"(?<![\d.])(?<![\d.]\s)\bout of (?P<scale>5|10|100|five|ten|a hundred)\b", re.IGNORECASE)
_SCALES = {"5": 5.0, "10": 10.0, "100": 100.0, "five": 5.0, "ten": 10.0, "a hundred": 100.0}
LIST_SCORES_MIN = 3
_NO_SCORES: MappingProxyType[int, float] = MappingProxyType({})


def _list_score(text: str, end: int) -> float | None:
    if _LIST_SCORE.match(text, end) is None:
        return None
    return _list_scores(text).get(end)


@lru_cache(maxsize=64)
def _list_scores(text: str) -> MappingProxyType[int, float]:
    """The message's list scores on its scale (0-1), by where each one's list item ends; none where fewer than
    `LIST_SCORES_MIN` fit the scale. Read once a message (a verdict is asked for each film named in it), so read-only."""
    scales = [m.span() for m in _OUT_OF.finditer(text)]  # "I rate films out of 100": the scale's number is no score
    scores = [m for m in _LIST_SCORE.finditer(text) if not any(a <= m.start("n") < b for a, b in scales) and not _numbering(text, m)]
    if not scores:
        return _NO_SCORES
    scale = _OUT_OF.search(text, 0, scores[0].start())
    top = _SCALES[scale["scale"].lower()] if scale else 10.0
    if sum(float(m["n"]) <= top for m in scores) < LIST_SCORES_MIN:
        return _NO_SCORES
    return MappingProxyType({m.start(): min(float(m["n"]) / top, 1.0) for m in scores if float(m["n"]) <= top})


def _numbering(text: str, score: re.Match[str]) -> bool:
    """Whether a "score" is the number of a numbered list ("rules: 1. no westerns (Pete's) 2. no war films 3. ..."): a
    "k." with "k+1." after it or "k-1." before it, the other not after a colon (as "Heat: 7. Ronin: 8." are)."""
    if text[score.end():score.end() + 1] != "." or not score["n"].isdigit():
        return False
    k = int(score["n"])
    return re.search(rf"(?<!\d)(?<!:)(?<!:\s){k + 1}\.\s", text[score.end():]) is not None \
        or re.search(rf"(?<!\d)(?<!:)(?<!:\s){k - 1}\.\s", text[:score.start("n")]) is not None


def _mark(rating: re.Match[str]) -> bool:
    """A tick, a cross or a shrug: the verdict of a film named, no sign that a name is a film ("dogs ✅ aliens ❌")."""
    return bool(rating["tick"] or rating["cross"] or rating["meh"])


def rating_after(text: str, end: int, *, marks: bool = True) -> Verdict | None:
    """The verdict of a rating (or a log's word) written right after a title ending at `end` (`marks`: ticks and crosses too)."""
    lead = _AFTER.match(text, end)  # every part of it is optional: it always matches
    if lead["bare"] is not None:
        return _verdict(min(_value(lead["bare"]) / 10, 1.0))
    at = lead.end() + 1 if text[lead.end():lead.end() + 1] == "(" else lead.end()  # "pretty woman (40%)"
    rating = RATING.match(text, at)
    if rating is not None and (marks or not _mark(rating)):
        return _verdict(_scale(rating))
    if (listed := _list_score(text, end)) is not None:
        return _verdict(listed)
    word = WORD_VERDICT.match(text, end)
    return None if word is None else _word_verdict(word)


def _word_verdict(word: re.Match[str]) -> Verdict:
    return "dislike" if word["bad"] else "neutral" if word["middling"] else "like"


def word_rating(words: str) -> Verdict | None:
    """The verdict of a short phrase that is nothing but a rating or a log's word ("9/10", "★★", "loved", "fell asleep")."""
    words = words.strip().rstrip(".!")
    rating = RATING.fullmatch(words)
    if rating is not None:
        return _verdict(_scale(rating))
    if MIDDLING.fullmatch(words):
        return "neutral"
    word = WORD_VERDICT.match(words)
    if word is None or word.end() != len(words):
        return None
    return _word_verdict(word)


#: A word in brackets right before a title: "(meh) Signs", "(loved) The Others".
_BRACKETED_BEFORE = re.compile(r"(\([^()]{1,24}\))\s*$")


def rating_before(text: str, start: int, *, marks: bool = True) -> Verdict | None:
    """The verdict of a rating written right before a title starting at `start` ("★★★★ airplane!", "(meh) Signs")."""
    if (bracketed := _BRACKETED_BEFORE.search(text, max(0, start - 30), start)) is not None \
            and (said := word_rating(bracketed.group(1)[1:-1])) is not None:
        return said
    head = text[:start]
    tail = _BEFORE_TAIL.search(head)
    head = head[:tail.start()] if tail else head
    for rating in RATING.finditer(head, max(0, len(head) - 24)):
        # "A chamber piece": an "A" before a name is its article; "50% heist": a share of what follows
        if rating.end() == len(head) and rating["grade"] != "A" and rating["pct"] is None and not _answers_a_line(text, rating, start) \
                and (marks or not _mark(rating)):
            return _verdict(_scale(rating))
    return None


def _answers_a_line(text: str, mark: re.Match[str], start: int) -> bool:
    """A tick or a cross that answers a question or ends the line above ("Set in Europe? ✅\nMade after 1999?"): not a mark
    of what follows it."""
    if not _mark(mark):
        return False
    return "\n" in text[mark.end():start] or text[:mark.start()].rstrip().endswith("?")


def rated(text: str, start: int, end: int) -> bool:
    """Whether a rating touches the span (after or before it): a place where a title is named. Ticks and crosses do not
    count: criteria are ticked too ("funny ✅ under 2 hours ✅ subtitles ❌")."""
    return rating_after(text, end, marks=False) is not None or rating_before(text, start, marks=False) is not None


def _opens_message(text: str, start: int | None) -> bool:
    """Only ratings stand before the first title: the list opens with one ("👍 the conjuring ..."), where
    "bravehart 9/10, gladiator 9/10" (the first title not found) rates the films after them."""
    head = re.split(r"[:\n]", text[:start or 0])[-1]  # a heading may stand before the list ("Sci-fi I rate:\n10/10 ...")
    tail = _BEFORE_TAIL.search(head)
    return not re.search(r"\w", RATING.sub("", head[:tail.start()] if tail else head))


def verdicts(text: str, spans: Sequence[tuple[int | None, int | None]]) -> list[Verdict | None]:
    """Each title's rating. Ratings come after the titles ("Heat 9/10, Thief 8/10") unless the list opens
    with one ("👍 the conjuring 👍 the babadook 👎 it follows"): then each title takes the one before it."""
    before = [rating_before(text, s) if s is not None else None for s, _ in spans]
    after = [rating_after(text, e) if e is not None else None for _, e in spans]
    leading = bool(before) and before[0] is not None and _opens_message(text, spans[0][0])
    if leading:
        return [b or a for b, a in zip(before, after)]
    # a rating before a title is its own only where it is not the one the title before took ("troy 5/10, heat ...");
    # else a lone score later in the title's own sentence ("Sinister: cheap jolts, one star.")
    starts = [s for s, _ in spans[1:]] + [None]
    return [a or (b if k == 0 or after[k - 1] is None else None) or _later_in_sentence(text, e, nxt)
            for k, (b, a, (_, e), nxt) in enumerate(zip(before, after, spans, starts))]


_SENTENCE_END = re.compile(r"[.!?;\n](?:\s|$)")
_FOR_SOMETHING = re.compile(r"\s*for\b", re.IGNORECASE)


def _later_in_sentence(text: str, end: int | None, next_start: int | None) -> Verdict | None:
    """The verdict of the only score (a number or stars, no letter grade) between a title and the end of its sentence
    or the next title, or of a score that opens the next sentence and names no other film."""
    if end is None:
        return None
    stop = _SENTENCE_END.search(text, end)
    limit = min(stop.start() if stop else len(text), next_start if next_start is not None and next_start > end else len(text))
    scores = [m for m in RATING.finditer(text, end, limit) if m["grade"] is None]
    if not scores and stop is not None:
        # ...or a score that opens the next sentence ("Avatar is a theme-park ride. Two out of ten, and that is generous."),
        # not one given to something else ("2/10 for the third one though", "3/10: Cars 2")
        opening = RATING.match(text, stop.end() + len(text[stop.end():]) - len(text[stop.end():].lstrip()))
        closing = _SENTENCE_END.search(text, opening.end()) if opening is not None else None
        own = next_start is None or next_start < end or next_start >= (closing.end() if closing else len(text))
        scores = [opening] if opening is not None and opening["grade"] is None and own and not _FOR_SOMETHING.match(text, opening.end()) else []
    return _verdict(_scale(scores[0])) if len(scores) == 1 else None
