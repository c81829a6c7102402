"""Misspelled genre and era words ("horrer", "documentry", "ninties") put right before parsing.

A word is a typo candidate when it is not a whole word of the embedder's WordPiece vocabulary (the
shipped MiniLM's 30k-entry `vocab.txt`, our dictionary) and is close (rapidfuzz ratio >= 82) to one
word of the genre lexicon or the decade words. Without the vocabulary file nothing is changed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from agent.understand.eras import WORD_DECADES
from agent.understand.languages import OTHER_LANGUAGES, to_english
from agent.understand.lexicon import GENRE_PHRASES
from tools.retriever.wordlist import dictionary

MIN_RATIO = 82.0
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
    best = process.extractOne(lower, TARGETS, scorer=fuzz.ratio, score_cutoff=MIN_RATIO)
    if best is None or (lower.endswith("s") and lower[:-1] in dictionary() and best[0] not in WORD_DECADES):
        return None  # a plural of a real word ("hours"), not a typo
    if any(best[0] == lower + suffix for suffix in _INFLECTIONS):
        return None  # another form of the word ("won't terrify her" is no "terrifying")
    return best[0]


#: Texting shorthand for the words eras and refusals hang on ("nthng oldr thn 2010", "b4 1970", "aftr 2000").
TEXTING = {"b4": "before", "aftr": "after", "oldr": "older", "newr": "newer", "thn": "than", "nthng": "nothing",
           "nothin": "nothing", "nuthin": "nothing", "frm": "from", "btwn": "between", "lst": "last", "yrs": "years"}
_TEXTING = re.compile(r"\b(?:" + "|".join(TEXTING) + r")\b", re.IGNORECASE)


def correct(text: str) -> str:
    """`text` with texting shorthand spelt out, other languages' decades and year bounds in English, and
    misspelled genre and era words replaced by the words they stand for."""
    text = to_english(_TEXTING.sub(lambda m: TEXTING[m.group().lower()], text))
    if not dictionary():
        return text
    return _WORD.sub(lambda m: _fix(m.group()) or m.group(), text)
