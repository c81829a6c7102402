"""Misspelled genre and era words ("horrer", "documentry", "ninties") put right before parsing.

A word is a typo candidate when it is not a whole word of the embedder's WordPiece vocabulary (the
shipped MiniLM's 30k-entry `vocab.txt`, our dictionary) and is close (rapidfuzz ratio >= 82) to one
word of the genre lexicon or the decade words. Without the vocabulary file nothing is changed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from agent.understand.eras import WORD_DECADES
from agent.understand.languages import OTHER_LANGUAGES, to_english
from agent.understand.lexicon import GENRE_PHRASES
from tools.retriever.wordlist import dictionary

MIN_RATIO = 82.0
SLIP_MIN = 5  # ...or, this long, one letter off a bound word (left out, added, changed or two swapped: "onwrds", "nothng", "famly")
#: The words year bounds and refusals hang on, and the family and holiday words, which typos hit as often as genres. Only
#: these are read one letter off: slang is one letter off a genre word too often ("gooey" is no "goofy", "caped" no "caper").
BOUND_WORDS = frozenset("onwards nothing older newer earlier later before after recent family christmas".split())
_WORD = re.compile(r"[A-Za-z]{4,}")
# Genre and era words a typo may stand for (single words; short ones are too easy to hit by chance).
TARGETS = sorted({p for p in GENRE_PHRASES if " " not in p and "-" not in p and len(p) >= 4}
                 | {w for w in WORD_DECADES if " " not in w} | {"sixties", "movie", "film"})


#: Words of the other languages' genre phrases: read as they are, never "corrected" ("drame", "krimi").
_OTHER_WORDS = frozenset(w for phrase in OTHER_LANGUAGES for w in phrase.split())


_INFLECTIONS = ("ing", "ed", "er", "ers", "ment")


@lru_cache(maxsize=4096)
def _fix(word: str) -> str | None:
    lower = word.lower()
    if lower in TARGETS or lower in dictionary() or lower in _OTHER_WORDS:
        return None
    if lower.endswith("ys") and lower[:-2] + "ies" in WORD_DECADES:
        return lower[:-2] + "ies"  # "the fiftys"
    best = process.extractOne(lower, TARGETS, scorer=fuzz.ratio, score_cutoff=MIN_RATIO)
    target = best[0] if best is not None else _one_slip(lower) or _swapped(lower)
    if target is None or (lower.endswith("s") and lower[:-1] in dictionary() and target not in WORD_DECADES):
        return None  # a plural of a real word ("hours"), not a typo
    if any(target == lower + suffix for suffix in _INFLECTIONS):
        return None  # another form of the word ("won't terrify her" is no "terrifying")
    return target


def _swapped(word: str) -> str | None:
    """The only lexicon or decade word that is `word` with two neighbouring letters swapped ("scray" -> "scary")."""
    close = [t for t in TARGETS if len(t) == len(word) and sorted(t) == sorted(word) and OSA.distance(word, t) == 1]
    return close[0] if len(close) == 1 else None


def _one_slip(word: str) -> str | None:
    """The only bound word one letter off a word this long, inside its first and last letters ("onwrds" -> "onwards";
    "earlies" is no "earlier"), or with its last two letters swapped ("nothign")."""
    if len(word) < SLIP_MIN:
        return None
    close = [t for t in BOUND_WORDS if abs(len(t) - len(word)) <= 1 and OSA.distance(word, t) <= 1
             and t[0] == word[0] and (t[-1] == word[-1] or t == word[:-2] + word[-1] + word[-2])]  # "nothign": the last two swapped
    return close[0] if len(close) == 1 else None


#: Texting shorthand for the words eras and refusals hang on ("nthng oldr thn 2010", "b4 1970", "aftr 2000").
TEXTING = {"b4": "before", "aftr": "after", "oldr": "older", "newr": "newer", "thn": "than", "nthng": "nothing", "nthn": "nothing",
           "nothin": "nothing", "nuthin": "nothing", "nuttin": "nothing", "frm": "from", "btwn": "between", "lst": "last", "yrs": "years", "erly": "early", "l8r": "later", "l8": "late"}
#: Misspellings too far from their word for the ratio.
MISSPELT = {"horer": "horror"}
_SPELT_OUT = {**TEXTING, **MISSPELT}
_TEXTING = re.compile(r"\b(?:" + "|".join(_SPELT_OUT) + r")\b", re.IGNORECASE)


def correct(text: str) -> str:
    """`text` with texting shorthand spelt out, other languages' decades and year bounds in English, and
    misspelled genre and era words replaced by the words they stand for."""
    text = to_english(_TEXTING.sub(lambda m: _SPELT_OUT[m.group().lower()], text))
    if not dictionary():
        return text
    return _WORD.sub(lambda m: _fix(m.group()) or m.group(), text)
