"""Misspelled genre and era words ("horrer", "documentry", "ninties") put right before parsing.

A word is a typo candidate when it is not a whole word of the embedder's WordPiece vocabulary (the
shipped MiniLM's 30k-entry `vocab.txt`, our dictionary) and is close (rapidfuzz ratio >= 82) to one
word of the genre lexicon or the decade words. Without the vocabulary file nothing is changed.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from agent.understand.eras import WORD_DECADES
from agent.understand.languages import OTHER_LANGUAGES, to_english
from agent.understand.lexicon import GENRE_PHRASES, RARE_PHRASES
from tools.retriever.wordlist import dictionary

MIN_RATIO = 82.0
SHORT_WORD = 5  # a word this short two letters short of a target is read as it only as a piece of it or its consonants
SLIP_MIN = 5  # ...or, this long, one letter off a bound word (left out, added, changed or two swapped: "onwrds", "nothng", "famly")
#: The words year bounds and refusals hang on, and the family and holiday words, which typos hit as often as genres. Only
#: these are read one letter off: slang is one letter off a genre word too often ("gooey" is no "goofy", "caped" no "caper").
BOUND_WORDS = frozenset("onwards nothing older newer earlier later before after recent family christmas".split())
_WORD = re.compile(r"[A-Za-z]{4,}")
# Genre and era words a typo may stand for (single words; short ones are too easy to hit by chance).
TARGETS = sorted({p for p in GENRE_PHRASES if " " not in p and "-" not in p and len(p) >= 4 and p not in RARE_PHRASES}  # ("duelling" is no "yodelling")
                 | {w for w in WORD_DECADES if " " not in w} | {"sixties", "movie", "film", "science", "disaster", "years", "decade", "decades"})  # "sience fiction", "disater movie", "last 10 yeras"


#: Words of the other languages' genre phrases and of the rare English ones: read as they are, never "corrected"
#: ("drame", "krimi"; "cooing" of "billing and cooing" is no "crooning").
_OTHER_WORDS = frozenset(w for phrase in [*OTHER_LANGUAGES, *RARE_PHRASES] for w in re.split(r"[\s-]+", phrase))
#: English words the vocabulary lacks whole, close to a genre word: "Chucked on The Babadook" is no "chuckled".
_ENGLISH = frozenset("chucked chucking wart warts".split())  # "warts and all" is no "wars"


_INFLECTIONS = ("ing", "ed", "er", "ers", "ment")
#: Adverbs of genre words that only say "very" ("criminally underrated", "scarily good").
_INTENSIFIERS = frozenset("criminally fantastically scarily".split())


@lru_cache(maxsize=4096)
def _fix(word: str) -> str | None:
    lower = word.lower()
    if lower in TARGETS or lower in dictionary() or lower in _OTHER_WORDS or lower in _ENGLISH:
        return None
    if lower.startswith("no") and len(lower) >= 6 and (glued := _target(lower[2:])) is not None:
        return f"no {glued}"  # "nohorror nothriller": a refusal typed as one word (the "no" is taken off once)
    return _target(lower)


def _target(lower: str) -> str | None:
    """The lexicon or decade word a word not of the language stands for, if it is close to one."""
    if lower in TARGETS:
        return lower
    if lower in dictionary() or lower in _OTHER_WORDS:
        return None
    if lower.endswith("ieth"):
        return None  # an ordinal: "her eightieth" is a birthday, not the eighties
    if lower.endswith("ys") and lower[:-2] + "ies" in WORD_DECADES:
        return lower[:-2] + "ies"  # "the fiftys"
    best = process.extractOne(lower, TARGETS, scorer=fuzz.ratio, score_cutoff=MIN_RATIO)
    target = best[0] if best is not None else _one_slip(lower) or _swapped(lower)
    if target is None or (lower.endswith("s") and lower[:-1] in dictionary() and target not in WORD_DECADES):
        return None  # a plural of a real word ("hours"), not a typo
    if any(target == lower + suffix for suffix in _INFLECTIONS) or lower in _INTENSIFIERS:
        return None  # another form of the word ("won't terrify her" is no "terrifying", "criminally underrated" no "criminal")
    # a word of the language nearer than a target with another first letter is what was typed ("actualy" is "actually", not
    # "factual"); a slip seldom changes the first letter ("musicle" is a musical) and a piece of the word is no slip ("mance")
    if target[:1] != lower[:1] and not target.endswith(lower) and (nearer := _nearer_word(lower, target)) is not None:
        return nearer if nearer in TARGETS else None
    if _longer_by_letters_inside(lower, target):
        return None  # "raunchy" is no "ranch", "relives" no "elves": letters added inside a word make another word
    if len(lower) <= SHORT_WORD and len(target) - len(lower) >= 2 and not (
            target.startswith(lower) or target.endswith(lower) or _consonants(target) == _consonants(lower)):
        return None  # two letters short of a word, neither a piece of it ("fanta", "mance") nor its consonants ("wstrn"), is another word ("a chore" is no "chortle")
    return target


@lru_cache(maxsize=1)
def _dictionary_words() -> list[str]:
    return sorted(dictionary())


def _nearer_word(word: str, target: str) -> str | None:
    """A word of the language fewer edits (OSA) from `word` than `target` is, if there is one."""
    nearer = OSA.distance(word, target) - 1
    best = process.extractOne(word, _dictionary_words(), scorer=OSA.distance, score_cutoff=nearer) if nearer >= 1 else None
    return best[0] if best is not None else None


def _longer_by_letters_inside(word: str, target: str) -> bool:
    """`word` is two or more letters longer than `target` (letters held down aside: "comedyyy") and does not start with
    most of it, as a word with an ending does ("actioner", "gigglefest", "scariest")."""
    squeezed = re.sub(r"(.)\1+", r"\1", word)
    shared = len(os.path.commonprefix([word, target]))
    return len(squeezed) - len(target) >= 2 and shared < len(target) - 2


def _consonants(word: str) -> str:
    return re.sub(r"[aeiouy]", "", word)


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


#: Words a verdict on a film hangs on, which typos hit as often as genres ("fight clubb is so overated", "borring", "awsome"):
#: read one letter off, or with a letter doubled or not in a long word ("dissapointing"), where the slip is no word of the
#: language, no other form of the word and no name, and spells one of these only ("overruled" is two letters off
#: "overrated", and no slip; "griping" is a word).
VERDICT_WORDS = frozenset("""boring terrible horrible awful dreadful overrated overhyped disappointing disappointment rubbish garbage
    pointless pretentious predictable unwatchable tedious forgettable mediocre annoying stupid cringey cringeworthy ridiculous
    amazing awesome brilliant fantastic excellent hilarious wonderful beautiful gorgeous masterpiece favourite favorite
    incredible outstanding underrated perfect superb stunning loved hated enjoyed adored disliked""".split())
VERDICT_SLIP_MIN = 5
_VERDICT_SLIP = re.compile(r"\b[A-Za-z]{%d,}\b" % VERDICT_SLIP_MIN)


@lru_cache(maxsize=4096)
def _verdict_word(lower: str) -> str | None:
    if lower in VERDICT_WORDS or lower in dictionary() or lower in TARGETS or lower in _OTHER_WORDS:
        return None
    squeezed = re.sub(r"(.)\1\1+", r"\1", lower)  # "borrrring", "amaaazing": letters held down
    if squeezed in VERDICT_WORDS:
        return squeezed
    close = [w for w in VERDICT_WORDS if w[0] == lower[0] and (OSA.distance(lower, w) <= 1 or len(w) >= 9 and _singled(lower) == _singled(w))
             and not _another_form(lower, w)]
    return close[0] if len(close) == 1 else None


def _another_form(word: str, verdict: str) -> bool:
    """`word` is another form of the verdict word, not a slip: another ending ("hater", "adores", "predictably"), the word
    with an ending ("masterpieces", "superba") or without one ("cringe", "overrate"); "amazin" and "favourit" are slips (a last
    g or e dropped), as is "beautifull" (its last letter doubled)."""
    added, dropped = word[len(verdict):] if word.startswith(verdict) else "", verdict[len(word):] if verdict.startswith(word) else ""
    return word[:-1] == verdict[:-1] or (added != "" and added != verdict[-1]) or dropped not in ("", "g", "e")


def _singled(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


#: Texting's "u" for "you", typed lower case between words ("10 things i hate about u"; not "U Turn", "u2", "u-boat"). ("n"
#: for "and" is left: "pride n prejudice" finds its film by spelling, "pride and prejudice" names several.)
_YOU = re.compile(r"(?<=[a-z] )u(?= [a-z]| ?[,.!?]| ?$)(?! turn\b)")


#: ...and its "r" for "are" ("r the matrix sequels worth it", "r my fav"; not "rated r", "R").
_ARE = re.compile(r"(?<![\w'’-])(?<!rated )r(?= [a-z])")


#: "to" typed for "too" before a word said of a film ("the notebook was to sappy", "way to long"): after a verb or a measure,
#: before an adjective (not "was to die for", "is to blame").
_TO_TOO = re.compile(r"(?P<lead>\b(?:was|is|are|were|way|far|bit|just|much|kinda|abit|little|'s) )to(?= (?:long|short|slow|sappy|soppy|scary|sad|"
                     r"violent|gory|boring|cheesy|dark|loud|silly|childish|old|weird|confusing|depressing|intense|graphic|mushy|"
                     r"predictable|dull|bloody|creepy|grim|bleak|slushy|much|babyish|young|hard|heavy|serious|stupid|dumb|long-winded|"
                     r"romantic|sweet|cringe|cringey|preachy|real|spooky)\b)"
                     r"|(?P<two>\b2)(?= (?:scary|sad|long|slow|gory|violent|boring|cheesy|dark|childish|old|weird|sappy|soppy|intense|much|young)"
                     r"\s+(?:4|for (?:me|us|him|her|them))\b)", re.IGNORECASE)  # ("2 scary 4 me"; not "2 scary for tonight")


def spell_shorthand(text: str) -> str:
    """`text` with texting's "u" and "r" spelt out (`_YOU`, `_ARE`), so the names they stand in read as typed in full, and
    "to" typed for "too" before a verdict (`_TO_TOO`)."""
    return _TO_TOO.sub(lambda m: (m["lead"] or "") + "too", _ARE.sub("are", _YOU.sub("you", text)))


def spell_verdicts(text: str, keep: frozenset[str] = frozenset(), *, capitalised: bool = False) -> str:
    """`text` with misspelled verdict words ("overated", "borring", "terible") spelt right; the words in `keep` (the
    catalog's title words: "biutiful", "incredibles") and the rest as they were. `capitalised`: every word of `text` is
    capitalised, so a capital marks no name."""
    if not dictionary():
        return text
    def spelt(m: re.Match[str]) -> str:
        word = m.group()
        named = not capitalised and word[:1].isupper() and text[: m.start()].rstrip()[-1:] not in ("", ".", "!", "?", "\n")  # "Hamed": a name
        return word if named or word.lower() in keep else _capital_kept(word, _verdict_word(word.lower()))
    return _VERDICT_SLIP.sub(spelt, text)


#: Texting shorthand for the words eras and refusals hang on ("nthng oldr thn 2010", "b4 1970", "aftr 2000").
TEXTING = {"b4": "before", "aftr": "after", "oldr": "older", "newr": "newer", "thn": "than", "nthng": "nothing", "nthn": "nothing", "nothn": "nothing", "nuthn": "nothing",
           "nothin": "nothing", "nuthin": "nothing", "nuttin": "nothing", "frm": "from", "btwn": "between", "lst": "last", "yrs": "years", "erly": "early", "l8r": "later", "l8": "late",
           "jus": "just", "gd": "good", "hes": "he's", "shes": "she's",
           # Scots ("nae newer than 1990", "efter 2005", "cannae dae horror", "the auld one")
           "nae": "no", "efter": "after", "afore": "before", "cannae": "can't", "dinnae": "don't", "fae": "from", "tae": "to", "auld": "old", "dae": "do"}
#: Misspellings too far from their word for the ratio.
MISSPELT = {"horer": "horror"}
_SPELT_OUT = {**TEXTING, **MISSPELT}
_TEXTING = re.compile(r"\b(?:" + "|".join(_SPELT_OUT) + r")\b", re.IGNORECASE)
#: A bound before a bare two-digit year, as typed in a hurry: "pre 80", "anything after 95", "post 85" -> "pre '80";
#: not an age ("he's after 60", "after 40 I got into westerns") nor a time or a count ("after 30 minutes").
_BARE_YEAR = re.compile(r"(?<!'s )(?<!'m )(?<!\bis )(?<!\bam )(?<!\bage )(?<!\baged )\b(?P<w>pre|post|before|after|since)[\s\-]+(?P<yy>[3-9]\d)\b"
                        r"(?![\d'’%]|\s*(?:s\b|am\b|pm\b|years?|yrs?|mins?|minutes|hours?|o'?clock|:)|\s*,?\s*(?:i|we|he|she|they|you)\b)",
                        re.IGNORECASE)


#: Two pieces a dictation app or an ear split one genre, era or bound word into ("docu mentary", "com edy", "no thing
#: after 1975"): joined when together they spell the word exactly and one of them is no word of its own. (Close spellings
#: are not joined: two whole words come close to a genre word too often, "nights are" to "nightmare".)
_PAIR = re.compile(r"\b([A-Za-z]{2,}) ([A-Za-z]{2,})\b")
_JOIN_EXACT = frozenset(t for t in [*TARGETS, *BOUND_WORDS] if len(t) >= 5)


def _joined(m: re.Match[str]) -> str | None:
    first, second = m.group(1).lower(), m.group(2).lower()
    word = first + second
    if word not in _JOIN_EXACT:
        return None
    # two whole words make a genre word by chance ("I am using" is not "amusing"), but not a bound word ("no thing")
    return word if word in BOUND_WORDS or first not in dictionary() or second not in dictionary() else None


def join_split_words(text: str) -> str:
    """`text` with genre, era and bound words that came out in two pieces joined again."""
    out, at = [], 0
    while (m := _PAIR.search(text, at)) is not None:
        word = _joined(m)
        if word is None:
            out.append(text[at:m.end(1)])  # the second word may start the next pair
            at = m.end(1)
            continue
        out.append(text[at:m.start()] + word)
        at = m.end()
    return "".join(out) + text[at:]


def correct(text: str) -> str:
    """`text` with texting shorthand spelt out ("pre 80" -> "pre '80"), other languages' decades and year bounds in
    English, words split in two joined again, and misspelled genre and era words replaced by the words they stand for."""
    text = _TEXTING.sub(lambda m: _SPELT_OUT[m.group().lower()], text)
    text = join_split_words(to_english(_BARE_YEAR.sub(r"\g<w> '\g<yy>", text)))
    if not dictionary():
        return text
    return _WORD.sub(lambda m: _capital_kept(m.group(), _fix(m.group())), text)


def _capital_kept(word: str, fixed: str | None) -> str:
    """The word as corrected, with its first capital ("Spoofs from the 70s" opens a sentence still), or the word."""
    if fixed is None:
        return word
    return fixed[:1].upper() + fixed[1:] if word[:1].isupper() else fixed
