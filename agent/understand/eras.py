"""Eras and numbers in a chat message -> an inclusive year range (or an open one) and a relative shift.

Semantics (shared with the labelled corpus): a decade is x0-x9; early = x0-x3, mid = x4-x6,
late = x7-x9 (combinations such as "mid-to-late" join them); "around Y" / "Y give or take" is
Y ± 2 unless a width is stated; "turn of the century" is 1998-2002; "last N years" counts back
from the newest year in the catalog. Plain eras are alternatives (their hull is kept: "80s or
90s" = 1980-1999); bounds ("before 1990", "not older than 2000") are constraints and intersect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from agent.understand.genres import (CROSSED, SENTENCE_END, clause_before, conditional_refusal, refused_after, refused_before, sentence_start,
                                      written_refusal)
from agent.understand.periods import period_spans
from agent.understand.numbers import digits_for_spelled_years

Shift = Literal["older", "newer"]

WORD_DECADES = {
    "twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960, "seventies": 1970,
    "eighties": 1980, "nineties": 1990, "noughties": 2000, "naughties": 2000, "aughts": 2000, "two thousands": 2000,
    "two-thousands": 2000, "twenty tens": 2010, "twenty-tens": 2010, "teens": 2010, "two thousand tens": 2010,
    "two thousand teens": 2010,
}
#: "the sixty's or seventy's" (dictated or typed): the decade.
WORD_DECADES |= {f"{tens}{mark}s": 1900 + 10 * n for n, tens in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), start=3)
                 for mark in ("'", "’")}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "a couple of": 2, "a couple": 2,
    "couple of": 2, "a few": 3, "few": 3, "several": 5,
}
PARTS = {"early": (0, 3), "start": (0, 3), "beginning": (0, 3), "dawn": (0, 3), "mid": (4, 6), "middle": (4, 6),
         "late": (7, 9), "end": (7, 9), "tail": (7, 9), "first half": (0, 4), "front half": (0, 4), "earlier half": (0, 4),
         "second half": (5, 9), "latter half": (5, 9), "later half": (5, 9), "back half": (5, 9),
         "final": (7, 9), "closing": (7, 9), "dying": (7, 9), "last": (7, 9), "first": (0, 3), "opening": (0, 3)}
_HALF = r"(?:first|front|earlier|second|latter|later|back)\s+half"
_PART_WORDS = re.compile("|".join(w.replace(" ", r"\s+") for w in sorted(PARTS, key=len, reverse=True)))  # "first half" before "first"

_YEARS_OF = r"(?:final|closing|dying|last|first|opening)(?:\s+(?:few|couple of))?\s+years"  # "the final years of the sixties"
_PART = rf"(?:early|mid|middle|late|(?:the\s+)?(?:start|beginning|dawn|tail end|end|{_HALF}|{_YEARS_OF})(?=\s+of))"
_MOD = rf"(?P<mod>{_PART}(?:[\s\-/]*(?:to|or|and|into)?[\s\-/]*{_PART})?)[\s\-]*(?:of\s+|(?<=early )in\s+|(?<=late )in\s+)?(?:the\s+)?"
_WORD_DECADE = "|".join(sorted((re.escape(w) for w in WORD_DECADES), key=len, reverse=True))
_DECADE = (
    rf"(?P<decade>(?:(?P<century>1[89]|20)(?P<dd>\d)0\s?'?s)|(?:['’‘]?(?P<short>\d)0\s?['’]?s)"
    rf"|(?:(?:nineteen[\s\-]?|['’‘])?(?P<word>{_WORD_DECADE})))"  # ("made in the 'thirties")
)
#: Units that make a four-digit number a count of things, not a year ("a 2000-piece jigsaw", "1000 pages").
_COUNT_UNITS = r"pieces?|pages?|words?|miles?|calories?|seats?|seater|strong|foot|feet|metres?|meters?|km|points?|pounds?|dollars?|euros?|quid|bucks"
_YEAR = rf"(?P<year>(?:1[89]|20)\d{{2}})(?!\s?'?s\b)(?![\s\-](?:{_COUNT_UNITS})\b)"
_SHORT_YEAR = r"['’‘](?P<yy>\d{2})(?!\s?s\b)"
#: "the Y2K era", "Y2K panic years": the turn of the century, not the year 2000.
_Y2K_TIME = r"(?:\s+(?:panic|bug|scare))?[\s\-]+(?:era|years|days|period)\b"
_Y2K_ERA = rf"y2k{_Y2K_TIME}"
ERA = re.compile(rf"(?<![\w'’‘])(?:{_MOD})?(?:{_DECADE}|{_YEAR}|{_SHORT_YEAR})(?:\b|(?=ish\b))|(?P<century_turn>\bturn of the (?:century|millennium)\b|\b{_Y2K_ERA})", re.IGNORECASE)

_NUM = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_OF_A_DECADE = r"(?!\s+of\s+(?:the\s+)?(?:['’‘]?\d0\s?['’]?s\b|(?:1[89]|20)\d0\s?['’]?s\b|(?:nineteen[\s\-]?)?\w+ties\b|two[\s\-]thousands|aughts|noughties))"  # "the last few years of the 90s"
LAST_N = re.compile(
    rf"\b(?:in\s+)?(?:the\s+)?(?:last|past|previous|recent)\s+(?P<n>\d{{1,2}}|{_NUM}|half(?:\s+a)?)?(?:-?ish)?[\s\-]*(?P<unit>years?|yrs?|decades?)\b{_OF_A_DECADE}"
    rf"|\b(?P<within>within|from)\s+the\s+(?:last|past)\s+(?P<n2>\d{{1,2}}|{_NUM})\s*(?P<unit2>years?|yrs?|decades?)\b{_OF_A_DECADE}"
    rf"|(?:(?<=\byears: )|(?<=\byear: )|(?<=\bera: ))(?:the\s+)?(?:last|past)\s+(?P<n3>\d{{1,2}}|{_NUM})\b(?!\s*(?:years?|yrs?|decades?|films?|movies?)\b)",
    re.IGNORECASE,
)
THIS_CENTURY = re.compile(r"(?:\b(?:the\s+)?first\s+(?:(?P<few>few|couple of)\s+years|(?P<decade>decade|ten years))\s+of\s+)?"
                          r"\b(?:this|the current|the (?:21st|twenty[\s\-]first)) (?:century|millennium)\b|\b(?:21st|twenty[\s\-]first)[\s\-]century\b", re.IGNORECASE)
#: "from this year", "released last year", "this year's releases": a year said of films ("I've read it twice this year",
#: "last year's group got restless" are not).
THIS_YEAR = re.compile(
    r"\b(?:(?:from|of|made|released|out|came out|new)\s+(?P<which>this|last)\s+year(?:'s)?"
    r"(?P<both>\s+(?:or|and)\s+(?:the\s+)?(?:last|this|previous)(?:\s+(?:one|year))?)?|(?P<which2>this|last) year's(?=\s+(?:[\w-]+\s+){0,2}?(?:films?|movies?|pictures?|releases?|blockbusters?|hits?|crop|oscars?|nominees?|winners?|best|line-?up|favou?rites?|awards?|festival)\b))\b",
    re.IGNORECASE)
LAST_CENTURY = re.compile(r"\b(?:last|(?:the )?(?:20th|twentieth))[- ]century\b", re.IGNORECASE)
#: "less than ten years old", "under 5 years old", "not older than 20 years": the last N years.
AGE_AT_MOST = re.compile(
    rf"\b(?:(?:less than|under|no more than|not more than|nothing more than|at most|maximum|max|not older than|no older than|nothing older than|younger than)\s+"
    rf"(?P<n>\d{{1,2}}|{_NUM})\s*(?:years?|yrs?)(?:\s+old)?"
    rf"|(?P<n2>\d{{1,2}}|{_NUM})\s*(?:years?|yrs?)\s+old\s+(?:tops|max(?:imum)?|at most|or (?:less|younger|newer))"
    rf"|(?:less than|under|no more than|not more than|younger than)\s+(?P<decade>a|one)\s+decade\s+old)\b",
    re.IGNORECASE,
)

# Words right before an era that make it a bound (checked on the few words before it).
#: "cut-off is 2000": an upper bound, unless "nothing older" follows (`OPEN_UP`: "my cutoff is 1980, nothing older").
_CUT_OFF = r"cut-?\s?off (?:is|at|of)"
#: "it mustn't be older than 2005", "it shouldn't be newer than 1990".
_MUST_NOT_BE = r"(?:mustn'?t|must not|shouldn'?t|should not|can'?t|cannot|won'?t|will not) be"
#: "made past 2010", "nothing that came out past 2010": "past" as "after", only after a word for release.
_MADE_PAST = r"(?<=made )past|(?<=released )past|(?<=came out )past|(?<=come out )past"
UPPER_EXCLUSIVE = re.compile(r"(?<![\w'’])(?:before|befor|afore|older then|pre|prior to|earlier than|older than|(?<!not )(?<!no )(?<!nothing )more old than|ahead of|antedating|predating|pre-dating|predates?|predated|pre-dates?|antedates?)[\s\-]*(?:the\s+)?$", re.IGNORECASE)
UPPER_INCLUSIVE = re.compile(r"(?<![\w'’])(?:nothing (?:\w+\s+){0,2}(?:after|past|later than|newer than|later then|newer then)|(?:not|no|nothing) more (?:new|recent|modern) th[ae]n|not newer as|maximum|max\.?|at maximum|latest|stop(?:s|ping)? at|until|till|til|up to|up until|through|thru|no later than|not after|(?:the )?" + _CUT_OFF + r"|not newer than|nothing (?:newer|later|more recent) than|" + _MUST_NOT_BE + r" (?:newer|later|more recent) than|nothing after|no newer than|not more recent than|at the latest|by|no newer than|at most|(?<!prior )(?<!posterior )(?<!subsequent )(?<!back )(?<!it )(?<!them )(?<!swap )(?<!switch )(?<!change )(?<!move )(?<!jump )(?<!\bon )to)\s+(?:the\s+)?(?:end of\s+the\s+)?$", re.IGNORECASE)
LOWER_EXCLUSIVE = re.compile(r"(?<![\w'’])(?:after|later than|newer than|later then|newer then|more recent than|more modern than|more new th[ae]n|subsequent to|posterior to|following|" + _MADE_PAST + r")[\s\-]*(?:the\s+)?$", re.IGNORECASE)
LOWER_INCLUSIVE = re.compile(r"(?<![\w'’])(?:nothing (?:\w+\s+){0,2}(?:before|befor|prior to|older then|pre-?dat(?:ing|es?)|antedat(?:ing|es?))|not older as|no older as|(?:no|not|nothing|none|isn'?t|aren'?t|is not|are not) (?:older|earlier) then|(?:isn'?t|aren'?t|is not|are not|" + _MUST_NOT_BE + r") (?:older|earlier) than|(?:not|no|nothing) more old (?:than|of|as)|(?:not|no|nothing) (?:older|earlier) (?:films?|movies?|ones?) than|minimum|minimal|min\.?|at minimum|earliest|since|starting(?: from| in| with)?|no earlier than|not before|not older than|not earlier than|nothing (?:older|earlier) than|nothing before|none (?:older|earlier) than|no older than|at least|as of|beginning(?: in| with)?|onwards? from|made since|released since|(?:this|the near) side of|post(?=[\s\-]))[\s\-]+(?:the\s+)?(?:start of\s+the\s+|beginning of\s+the\s+)?$", re.IGNORECASE)
#: A bound said as a refusal, anywhere earlier in its clause: "I do not care for anything made after 2000"
#: (up to 2000), "no films from before 1970" (from 1970).
_NEGATOR_WORDS = r"\b(?:no|not|nothing|none|never|don'?t|do not|won'?t|wouldn'?t|can'?t|refuses?|avoid|without|skip|(?<!'d )(?<!would )(?:hates?|loathes?|detests?)(?!\s+to\b)|except(?!\s+(?:made|released)\s+(?:since|after|from|in)\b)|veto(?:es|ed)?|bann?(?:ed|s)?|spare (?:me|us|him|her|them))\b"  # ("spare me anything made after 2012")
_NEGATOR = _NEGATOR_WORDS + r"(?:(?!\b(?:something|(?<!n't )(?<!not )like|instead|rather|um|uh|but|and|so|because|just|only|please|pls|plz|more of|too\s+(?!(?:dated|old|new|recent|modern|early|late)\b)\w+\s+from)\b)[^,.;!?\u2600-\u27bf\U0001f000-\U0001faff])*?"  # "not for kids, like an adult one from 2000" wishes
NEGATED_AFTER = re.compile(_NEGATOR + r"\b(?:after|later than|newer than|more recent than|more modern than|post|" + _MADE_PAST + r")[\s\-]*(?:the\s+)?$",
                           re.IGNORECASE)
#: "nothing made since 2014", "nothing from 1990 on" (with `OPEN_UP` after): up to the year before.
NEGATED_SINCE = re.compile(_NEGATOR + r"\bsince[\s\-]*(?:the\s+)?$", re.IGNORECASE)
NEGATED_FROM = re.compile(_NEGATOR + r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
NEGATED_BEFORE = re.compile(_NEGATOR + r"\b(?:before|earlier than|older than|prior to|pre)[\s\-]*(?:the\s+)?$", re.IGNORECASE)
#: An era said as an addition to the standing one ("let the 70s in as well", "widen it back to 2005", "the 30s would work too").
WIDEN = re.compile(r"\b(?:widen|broaden|expand|extend|stretch|open (?:it|that|this|things) up|let\b[^,.;!?]{0,25}?\bin|add|include)\b"
                   r"|^\W*or\b(?!.*\b(?:instead|rather)\b)"  # "or the 40s, both fine" (not "or the 80s instead?")
                   r"|^\W*(?:and|plus)\b(?:\s+(?:also|from|the|films?|movies?|ones?|stuff|please|pls)\b|[^\w\s]+|\s+(?=[^\w\s]|$))*$"  # a follow-up "and the 70s"
                   r"|(?P<too>\b(?:too|as well)\b(?=\s*(?:[,.;!?)]|$)))", re.IGNORECASE)
#: The standing range opened to the whole of its decade(s): "widen it to the whole decade", "anything from that decade".
WHOLE_DECADE = re.compile(r"\b(?:(?:the|that|this)\s+)?(?:whole|entire|full|rest\s+of\s+(?:the|that))\s+decade\b"
                          r"|\b(?:any(?:thing|\s+(?:year|time|film|movie))?|whatever)\s+(?:from|of|in)\s+(?:that|the\s+same)\s+decade\b",
                          re.IGNORECASE)
#: Older or newer said as an addition to the standing range: "older ones too", "newer stuff as well".
SHIFT_ADDED = re.compile(r"\b(?:older|earlier|newer|more recent)(?:\s+(?:ones?|films?|movies?|stuff|titles))?\s*,?\s+(?:too|as well)\b",
                         re.IGNORECASE)
#: Years said as an addition to what stands: "and nothing after 1980 either", "also nothing before 1960".
ADDED_BOUND = re.compile(r"^\W*(?:and|also|plus)\b|(?P<too>\b(?:either|too|also|as well))\s*(?:[,.;!?]|$)", re.IGNORECASE)


def _added(pattern: re.Pattern[str], masked: str, spans: list[tuple[int, int]]) -> bool:
    """Whether `pattern` says the years are an addition; a trailing "too" or "as well" only in the clause of an era
    ("the 30s would work too", not "before 2000, and can it be a bit funny too?")."""
    for m in pattern.finditer(masked):
        if not m.groupdict().get("too"):
            return True
        head = masked[:m.start()].rstrip(" ,")  # "the 30s, too": the comma before "too" ends no clause
        start = max(head.rfind(mark) for mark in ",.;!?\n") + 1
        if any(start <= a < m.start() for a, _ in spans):
            return True
    return False
#: A quality said between a refusal and an era: "a mystery thats not scary from the 40s" wants the 40s.
_QUALITY = r"(?:scary|gory|bloody|cheesy|silly|soppy|sappy|mushy|corny|gritty|preachy|violent|sad|long|dark|grim|heavy|slow|dated)"
#: Words after "not" that leave the era wished: "not too long, 90s", "not just 80s ones", "not only the 90s".
_NOT_REFUSING = r"(?:too|very|so|that|overly|super|as|more|less|just|only|exactly|all|always|quite|really|even)"
#: An era refused outright: "nothing from the 2010s", "no films made in the 2010s", or the era said as what is refused
#: ("no 80s stuff", "not a 2000s one", "not one of those cheesy 2000s ones", "anything but 90s").
REFUSED_ERA = re.compile(rf"\b(?:no|not|nothing|none|never|avoid|skip|except|without|anything but)\s+"
                         rf"(?:(?:(?!{_QUALITY}\b)\w+\s+)?(?:from|in|of|made in|made during)\s+(?:the\s+)?"  # "no comedy from the 80s"
                         rf"|(?!{_NOT_REFUSING}\b)(?:(?:a|an|any|anything|the|those|one of (?:those|the|them))\s+(?!single\b)(?:\w+\s+)?)?)$"
                         # "I've had enough eighties for a lifetime" (not "I haven't had enough 80s yet")
                         r"|(?<!n't )(?<!not )\b(?:had|seen)\s+enough\s+(?:of\s+)?(?:the\s+)?$"
                         # "he won't watch anything from the 80s", "she'll never watch any films made in the 70s", "she hates anything from the 80s"
                         r"|\b(?:(?:won'?t|wouldn'?t|doesn'?t|don'?t|can'?t|never|will not|would not|refuses? to)\s+(?:watch|sit through|stand|like|enjoy)"
                         r"|hates?|loathes?|detests?)\s+(?:anything|any\s+(?:films?|movies?)|films?|movies?|stuff)\s+(?:from|made in|made during)\s+(?:the\s+)?$",
                         re.IGNORECASE)  # not "comedy not romcom 2000s": there the refusal is of the romcom
#: An era welcomed after it, so the "no" before it answers something else: "no 90s is fine", "no 80s would be better".
_WELCOMED_AFTER = re.compile(r"\s*(?:(?:films?|movies?|stuff|ones?)\s+)?(?:(?:is|are|would be|'d be)\s+(?:fine|ok|okay|good|better|great|perfect|best)|will do|works?)\b",
                             re.IGNORECASE)
#: A list item refused by its mark: "❌ anything made 2006 or later", "[✗] older than 2010", "☐ anything before 2000".
_CROSS = re.compile(CROSSED)
_MARK = re.compile(rf"{CROSSED}|\[[✓✔xX]\]|[☑✅✓✔]|(?:^|\s)/(?=\s)|\||;")  # crossed, ticked, or an item separator
#: ...and one that turns "the last N years" into everything older ("nothing from the last 20 years").
REFUSED_BEFORE = re.compile(_NEGATOR_WORDS + r"(?:(?!\b(?:and|but|please|pls|plz|more of|more like|instead|rather|something)\b)[^,.;!?\u2600-\u27bf\U0001f000-\U0001faff])*?$", re.IGNORECASE)  # "not so long and from the past decade" wishes
#: Filler between a bound and its year ("nothing older than like 2010"); dropped before the bound is read.
BOUND_FILLER = re.compile(r"(?:\b(?:like|say|um|uh|erm|maybe|idk|the year|year)\b[\s,]*)+$", re.IGNORECASE)
#: Between two eras: the later one corrects the earlier ("60s. hang on, 50s rather", "1980s. sorry, 1990s").
CORRECTION = re.compile(r"\b(?:rather|sorry|i mean[t]?|make (?:it|that)|let'?s (?:do|go with|go for|say|stick with|make it)|hang on|hang about|actually|scratch that|no wait|wait|correction|typo|"
                        r"oops|my bad|typed it wrong|(?:was|were) a mistake)\b|(?:^|\s)\*", re.IGNORECASE)
#: ...or a bare "no" between them ("Early 70s... no, late 70s").
_NO_BETWEEN = re.compile(r"[\s.,;:!?…\-]*\b(?:no|nah|nope)\b[\s.,;:!?…\-]*(?:the\s+)?", re.IGNORECASE)
#: An era said on top of the last one, not instead of it ("the 80s, wait, or the 90s too").
ADDED = re.compile(r"(?:\b(?:or|and|also|plus)\s+(?:the\s+)?$)|(?:^\s*(?:too|as well|also)\b)", re.IGNORECASE)
INSTEAD_AFTER = re.compile(r"^\s*(?:rather|instead)\b", re.IGNORECASE)
#: "2000 not 2010": the era after "not" is the one taken back.
NOT_BETWEEN = re.compile(r"\s*,?\s*(?:not|rather than|instead of)\s+(?:the\s+)?", re.IGNORECASE)
#: An era taken back ("ignore the 70s bit", "forget the 90s"): it sets nothing.
DROPPED = re.compile(r"\b(?:ignore|forget|drop|scratch|scrap|ditch|never mind|remove|lose)\s+(?:about\s+)?(?:the\s+)?$", re.IGNORECASE)
#: Two negatives that wish for what follows: "nothing that isn't from the 60s or earlier".
_DOUBLE_NEGATIVE = re.compile(r"\b(?:nothing|none|no\s+\w+)\s+that\s+(?:isn'?t|is not|aren'?t|are not|wasn'?t|weren'?t|was not|were not)\b", re.IGNORECASE)
#: Between an era and the years that spell it out: "the Y2K era, say '98 to 2001", "the 90s, i.e. 1994-1998".
_SPELT_OUT = re.compile(r"\W*(?:say|i\.?e\.?|meaning|basically|roughly|specifically)\W*(?:the\s+)?", re.IGNORECASE)
#: Between eras: the next one is all that is meant ("the eighties or nineties no just the nineties").
_ONLY_NOW = re.compile(r"\b(?:no|nah|ugh|actually|hmm+)\W+(?:just|only)\s+(?:the\s+)?$", re.IGNORECASE)
#: An era the writer thought of saying, said before the one they mean ("I was going to say the 80s, but the 90s").
_WAS_GOING_TO = re.compile(r"\b(?:(?:i|we) (?:was|were) (?:going to|gonna|about to) say|(?:i|we) (?:almost|nearly) said)\s+(?:the\s+)?$", re.IGNORECASE)
#: ...and the word that turns from it to the era meant ("..., but honestly the 90s").
_TURNING = re.compile(r"\b(?:but|actually|instead|rather|no)\b", re.IGNORECASE)
#: A decade taken back as it is corrected ("or wait, not 50s, 60s", "wait, not 2010s, I typed it wrong. 2000s").
TAKEN_BACK = re.compile(r"\b(?:wait|sorry|oops|no),?\s+not\s+(?:the\s+)?$", re.IGNORECASE)
#: A year that names one version of a film, not an era ("the 2004 one", "not the 2011 version").
VERSION_YEAR = re.compile(r"^\s*(?:one|version|remake|original|adaptation|cut|reboot|prequel|sequel|redo|re-?imagining|retelling)\b", re.IGNORECASE)
#: ...and a decade that does, said as "the 60s one" ("is the magnificent seven any good, the 60s one"); "the 80s version" of
#: a kind of film is an era asked for.
_ONE_AFTER = re.compile(r"^\s*one\b", re.IGNORECASE)
#: ...and after "the" or a name's "'s": "the 1962 film", "the 1984 Footloose", "Kaufman's 1978 Invasion of ...".
DEFINITE = re.compile(r"(?:\bthe|['’]s)\s+$", re.IGNORECASE)
NAMED_AFTER = re.compile(r"^\s+(?:(?i:film|movie|picture)\b|[A-Z])")
#: "about fifteen years old", "roughly fifty years old": that age, give or take two years.
AGE_AROUND = re.compile(rf"\b(?:about|around|roughly|some|approximately|circa)\s+(?P<n>\d{{1,2}}|{_NUM})\s*(?:years?|yrs?)\s+old\b", re.IGNORECASE)
#: "thirty years old or more", "at least 20 years old", "over 40 years old": made N years before the newest or earlier.
AGE_AT_LEAST = re.compile(
    rf"\b(?:(?:at least|over|(?<!nothing )(?<!no )(?<!not )more than|(?<!nothing )(?<!no )(?<!not )older than)\s+(?P<n>\d{{1,2}}|{_NUM})\s*(?:years?|yrs?)(?:\s+old)?"
    rf"|(?P<n2>\d{{1,2}}|{_NUM})\s*(?:years?|yrs?)\s+old\s+or\s+(?:more|older|over))\b",
    re.IGNORECASE,
)
#: "before the millennium", "nothing made before the millennium", "millennium onwards": the year 2000 ("the turn of the
#: millennium" is an era word).
MILLENNIUM = re.compile(rf"(?<!turn of )\bthe (?:new )?millennium\b|\bmillennium(?=\s+(?:onwards?|forwards?|and (?:after|later|up)|or later)\b)|(?:(?<=\bpre)|(?<=\bpre-)|(?<=\bpre )|(?<=\bpost)|(?<=\bpost-)|(?<=\bpost ))millennium\b|\by2k\b(?!{_Y2K_TIME})", re.IGNORECASE)

#: An age that is a person's, not a film's: "my son is about eight years old", "kids under 10 years old", "a boy aged about 8".
_PERSON_AGED = re.compile(
    r"\b(?:i|he|she|we|you|kids?|children|child|boys?|girls?|sons?|daughters?|nephews?|nieces?|grand(?:son|daughter|kid|child)s?|grandchildren|"
    r"brothers?|sisters?|bab(?:y|ies)|toddlers?|twins|cousins?|lads?|lasses|audience|viewers)"
    r"(?:'s|'re|'m|\s+(?:is|are|am|was|were|both|all|now|just|turned|turns|turning|aged|of|who|being|that))*\s+$", re.IGNORECASE)

def _persons_age(text: str, start: int) -> bool:
    """The age said at `start` is someone's (`_PERSON_AGED`), not how old the films should be."""
    return bool(_PERSON_AGED.search(text, max(0, start - 40), start))


THIS_DECADE = re.compile(r"\bthis decade(?:'s)?\b", re.IGNORECASE)
SILENT_ERA = re.compile(r"\bsilent (?:era|films?|movies?|pictures?|period|days|cinema)\b", re.IGNORECASE)
#: A year that is not about films ("I was born in 1941").
NOT_A_FILM_YEAR = re.compile(r"\b(?:born|(?:i|we|he|she|they|kids|children|son|daughter|baby|twins)\s+arrived|married|graduated|retired|grew up)\s+(?:in\s+)?(?:the\s+)?$", re.IGNORECASE)
#: When the writer once saw a film, not when films should be from ("I saw Psycho at the Plaza in 1960").
VIEWING_MEMORY = re.compile(r"\b(?:i|we)\b[^.!?,;]{0,50}?\b(?:saw|watched|took|wept|cried|used to (?:watch|see))\b"
                            r"(?:(?!\b(?:any|more|other|else|what|films?|movies?)\b)[^.!?,;]){0,50}?(?<!made )(?<!released )(?<!filmed )(?<!out )\bin\s+$",
                            re.IGNORECASE)  # not a request after it: "I watched Heat and loved it, any other crime films in 1995?"
#: A decade that is someone's age ("they're in their 70s", "my dad, in his early sixties", "she turned sixty").
AN_AGE = re.compile(r"(?:\b(?:in|from|spent|spend|spending|during|through|throughout) (?:their|his|her|my|our|your)|\b(?:hit|hits|hitting|reached|reaches|reaching|pushing) (?:their|his|her))\s+(?:(?:early|mid|late)[\s\-]+)?$"
                    r"|\b(?:she|he|i|we|they|who|mum|mom|dad|grandma|grandpa|gran|nan)(?:'s| has| had| just)*\s+turn(?:ed|s)\s+$",
                    re.IGNORECASE)  # "she just turned sixty's", "hit her fifties"; never "hits my 90s nostalgia", "turn 80s cliches"
#: A film told apart by its year ("is it ok for kids? It is the one from 1980"): that film's year, not an era.
VERSION_FROM = re.compile(r"\b(?:the|that)\s+(?:(?!only\b|last\b|first\b)[\w'’-]+\s+)?(?:one|version|original|remake)\s+(?:from|of|made in|released in)\s+(?:the\s+)?(?:year\s+)?'?$",
                          re.IGNORECASE)  # ("the pacino one from 1983")
#: A move of the request to a decade ("my tutor moved the essay to the 80s", "switch it to the 70s"): the decade, no bound.
MOVED_TO = re.compile(r"\b(?:mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|switch(?:es|ed|ing)?|chang(?:e|es|ed|ing)|jump(?:s|ed|ing)?|bump(?:s|ed|ing)?|"
                      r"swap(?:s|ped|ping)?)\s+(?:(?!up\b)[\w']+\s+){0,3}?(?:on\s+)?to\s+(?:the\s+)?$", re.IGNORECASE)  # "movies up to 1995" is a bound
#: An age said as a time of someone's life in words: "my early twenties", "her thirties" (not "my 90s favourites").
_MY_AGE = re.compile(r"\b(?:my|his|her|their|our)\s+(?:(?:early|mid|late)[\s\-]+)?$", re.IGNORECASE)
_LIFE_DECADES = re.compile(r"(?:(?:early|mid|late)[\s\-]+)?(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
                           re.IGNORECASE)
#: A decade that names a time of the writer's life, not an age: "from my 90s childhood", "during my 80s teens".
_DECADE_NOUN = re.compile(r"^\s*(?:childhood|youth|teens|teenage|years|heyday|days|nostalgia|phase|prime|summers?|school|"
                          r"run|period|output|stuff|work|era|stretch|streak|films?|movies?|pictures|comedies|thrillers|horrors?|westerns|dramas|classics|"
                          r"action|romcoms|hits)\b", re.IGNORECASE)  # ...or a body of work ("Tom Hanks in his 80s comedies", "Carpenter from his 80s run")
#: Things a decade gives a style to, not a film ("70s bands", "80s synths", "an 80s soundtrack").
_STYLE_NOUN = re.compile(r"^\s*(?:bands?|music|songs?|tunes|rock|pop|punk|disco|fashion|clothes|hair(?:styles?|cuts?)?|cars|synths?|soundtracks?)\b"
                         r"(?!\s+(?:movies?|films?|flicks?|docs?|documentar\w*|musicals?|comed\w+|dramas?))", re.IGNORECASE)  # (not "80s punk films")
#: A bound written as a sign before the year ("y<1970", "yr≥1990", ">2000").
SIGN = re.compile(r"(?:^|[\s(,;:/]|\b(?:y|yr|yrs|year|years|released|release|made|date))\s*(?P<op><=|=<|>=|=>|≤|≥|<|>)\s*$", re.IGNORECASE)
#: Where a story is set, not when the film was made ("a mystery set in the 1920s").
SETTING = re.compile(r"\b(?:set|takes? place|taking place|happens|happening)\s+(?:in|during|around|back in)\s+(?:the\s+)?$", re.IGNORECASE)
#: Two-digit years as a range after "from" / "between" ("action from 85 to 95").
SHORT_RANGE = re.compile(
    r"\b(?:from|between)\s+(?P<a>[2-9]\d)\s*(?:to|-|–|and|till|until)\s*(?P<b>(?:19|20)\d{2}|\d{2})\b"  # "from 95 to 2005"
    r"(?!\s*(?:%|mins?\b|minutes|hours?|hrs?|years? old|yrs? old|yo\b|pm\b|am\b|dollars|bucks|quid))", re.IGNORECASE)
FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_SIDE_WORDS = "either|each|on either|on each"  # "... either side"
#: A single year widened by words said apart from it: "1996 ... from that year or the year either side".
_EITHER_SIDE = re.compile(rf"\b(?:(?:a|the|one)\s+year|(?P<n>\d|{_NUM})\s+years)\s+(?:{_SIDE_WORDS})\s+side\b(?!\s+of\b(?!\s+(?:that|it|this)\b))",
                          re.IGNORECASE)
AROUND = re.compile(r"\b(?:around|about|circa|ca\.?|c\.|approximately|approx\.?|roughly|near|close to|somewhere around|"
                    rf"(?:(?:within|up to)\s+)?(?:(?P<n>\d{{1,2}}|{_NUM})\s*(?:years?|yrs?)\s+|(?P<decade>a|one)\s+decade\s+)?(?:{_SIDE_WORDS}) side of)"
                    r"\s+(?:the\s+)?(?:year\s+)?$", re.IGNORECASE)
# Words right after an era.
OPEN_UP = re.compile(r"^\s*(?:year\s+(?=or\b|and\b|on|forward|upwards?\b))?(?:,\s*(?:but\s+)?(?:nothing|none|not) (?:earlier|older|before)\b|(?:to|till?|['’]til|until|through|up to|up till)\s+(?:now|today|the present(?:\s+day)?|present day|date|these days)\b|\+|(?:or|and)\s+(?:later|newer|after|since|up|beyond|more recent|more new|anything (?:after|later|newer))|at the (?:very )?earliest\b|onwards?\b|on\b(?!\s+(?:your|the|my|a|an|his|her|their|our|tv|netflix|telly|screen)\b)|forward|(?:and\s+)?going (?:up|forward)\b|and onwards?|and up|upwards?|up\b(?!\s+(?:to|till|until|through)\b)|or so on|plus|(?:and |or )?over(?=\s*(?:[,.;!?]|$)))", re.IGNORECASE)
OPEN_DOWN = re.compile(r"^\s*(?:,\s*(?:but\s+)?(?:nothing|none|not) (?:later|newer|after)\b|(?:or|and)\s+(?:earlier|older|before)|at the (?:very )?latest|"
                       r"(?:and |or )?back\b(?!\s+(?:then|in|when|to|home|at|on|from)\b)|(?:is|'s|as) (?:the|my|our|his|her|their) (?:cut-?\s?off|upper limit|limit))\b",
                       re.IGNORECASE)  # "the seventies back", "1970 is the cut-off"
#: A year followed by "after" or "later" alone, as some learners of English write a bound: "2010 after." (2011 on),
#: "2000 year later is better" (2000 on).
YEAR_AFTER = re.compile(r"^\s*(?:years?\s+)?after(?=\s*(?:[,.;!?]|$)|\s+(?:movies?|films?)\b)", re.IGNORECASE)
YEAR_LATER = re.compile(r"^\s*(?:years?\s+)?later(?=\s*(?:[,.;!?]|$)|\s+(?:is|are|movies?|films?)\b)", re.IGNORECASE)
#: "2k10" for 2010, said in chat (the same length, so spans stay where they are).
_TWO_K = re.compile(r"(?<![\w'])2k(?P<yy>[0-2]\d)\b", re.IGNORECASE)
GIVE_OR_TAKE = re.compile(r"^\s*(?:,\s*)?(?:give or take|plus or minus|\+/-|±|or so\b|or thereabouts\b|or (?:around|about)(?=\s*(?:[,.;:!?)]|$|(?:then|that|so)\b))|-?ish\b)(?:\s+(?:a\s+)?(?P<n>\d{1,2}(?!\d)|" + _NUM + r")\s*(?:years?|yrs?)?)?", re.IGNORECASE)
RANGE_JOIN = re.compile(r"^\s*(?:years?\s+)?(?:-|–|—|(?:up )?to|through(?: to)?|thru|(?:up )?till|(?:up )?until|and)\s*(?:(?:about|around|roughly|approximately)\s+)?(?:years?\s+)?$", re.IGNORECASE)

# Relative words; vague ones ("classic", "old-fashioned", "black and white") set no range.
OLDER = re.compile(r"(?<!i'm )(?<!i am )(?<!we're )(?<!getting )\b(not as (?:new|recent)|older(?!,?\s+the\s+better)|earlier|oldies?|go(?:ing)? (?:further|farther) back|^\W*(?:hmm+\W+)?(?:even )?(?:further|farther) back(?= than that\W*$|\W*$))\b(?!\s+(?:kids|children|viewers|audiences?|people|teens|brothers?|sisters?|sons?|daughters?|"
    r"one\b|boys?|girls?|child|kid|lads?|lass|grandsons?|granddaughters?|cousins?|nephews?|nieces?|siblings?|folks?|generations?|relatives|guests))",
    re.IGNORECASE)  # "the older one mutes them", "the older folk get lost"; "the older the better" is vague (no range)
_MADE_RECENTLY = r"(?:made|released|filmed|came out|come out) recently"
NEWER = re.compile(rf"\b(not as old|less old|newer|more new(?!\s+(?:th[ae]n|suggestions?|recommendations?|ideas?|picks?|options?|titles?|ones?|stuff)\b)|more recent|recent|new releases?|latest|brand new|newish|{_MADE_RECENTLY})\b", re.IGNORECASE)


def _decades_by(group: str) -> str:
    """"a decade", "by two decades", "a couple of decades": the count in the named group."""
    return rf"(?:by\s+)?(?:(?P<{group}>{_NUM}|a|one|another|\d)\s+decades?|(?P<{group}_years>ten|10|twenty|20|thirty|30)\s+years)"  # whole decades in years


#: A move of the standing range by whole decades ("push it back a decade", "go a decade later", "take it back a couple
#: of decades"): both ends move; "further back" alone is only older.
DECADE_MOVE = re.compile(
    rf"\b(?:(?:push|take|bring|move|go|shift|set|jump|roll|wind|step|skip)\s+(?:it|things|that|this|us|everything|the\s+(?:dates?|years?|era|decade))?\s*"
    rf"(?P<way>back|backwards?|forwards?|ahead|on|earlier|later|older|newer)\s+{_decades_by('n')}"
    rf"|(?:(?:go|move|jump|skip)\s+|(?:make|put|set|shift|push|take|bring|roll)\s+(?:it|them|those|that|things|everything)\s+|^\W*(?:(?:hmm+|ok|okay|maybe|how about|what about|try)\W+)*)"
    rf"{_decades_by('n2')}\s+(?P<way2>back|earlier|older|later|newer|forwards?|on)\b(?!\s+than)(?=\W*$|\s+(?:then|instead|please|pls)\b))",
    re.IGNORECASE)
_BACKWARD = frozenset("back backward backwards earlier older".split())
ABSOLUTE_NEW = re.compile(rf"recent|new releases?|latest|brand new|newish|{_MADE_RECENTLY}", re.IGNORECASE)
#: An era named to be dropped: "forget the 90s thing", "drop the 50s bit", "scrap the 80s".
_DROPPED_BEFORE = re.compile(r"\b(?:scrap|drop|forget|ignore|lose|ditch|never\s?mind|nvm|scratch|remove|bin)\s+(?:about\s+)?(?:the\s+)?$", re.IGNORECASE)
_DROPPED_AFTER = re.compile(r"(?:\s+(?:thing|bit|part|idea|limit|rule|requirement|restriction|filter|stuff))?(?=\s*(?:[,.;:!?)]|$|\s+(?:and|then|please|pls|too|as well)\b))",
                            re.IGNORECASE)
ANY_ERA = re.compile(r"\b(?:(?:any|all) (?:decade|era|year|period|time)s?(?!\s+fav\w*\b)|every (?:decade|era|period)s?|"
                     r"every year(?=\s*['’]s\b|\s+(?:is|are|works|goes|counts|fine|ok|okay)\b)|(?:(?<=from )|(?<=with ))every years?|(?:scrap|drop|forget|ignore|lose|ditch|never mind) (?:the|about the|that) (?:date|year|era|decade)s?(?: (?:thing|bit|limit|rule|filter|part))?|whatever (?:decade|era|year)|(?:don'?t|do not) care (?:about )?(?:when|the (?:year|decade|era))(?!\s+(?:it'?s|it is|they'?re|they are)\s+set\b)|doesn'?t matter when|no matter (?:when|the year)|(?:don'?t|do not) (?:really )?care how (?:old|new|recent) (?:it|they|the (?:films?|movies?|picks?))\b|whenever (?:they|it) (?:was|were|got|'s|are) (?:made|released|filmed)|the (?:year|decade|era|date)s? (?:doesn'?t|does not|don'?t|do not) matter|the (?:year|decade|era|date)s? (?:is|are)(?:n'?t| not) (?:important|a (?:problem|big deal)))\b", re.IGNORECASE)
YEARS_N0 = re.compile(
    r"\b(?:the\s+)?(?:years\s+(?P<d>[1-9])|year\s+(?P<d1>[2-9]))0\b(?!\s*(?:years?|s\b))|\byears\s+(?P<full>(?:19|20)\d0)\b(?!\s*(?:-|to|and|until|onwards?|on|or later|and later|\+)(?:\b|\s|$))"
    r"|\b(?:the|from)\s+(?P<dy>[2-9])0\s+years\b(?!\s+(?:old|ago|of|time|later|from now))"  # "from 60 years or 70 years"
    # "movie of 1990 years", "the 2000 decade", "the decade 80", "the decade of 80" (calques): the decade
    r"|\b(?P<full2>(?:19|20)\d0)\s+(?:years|decade)\b(?!\s+(?:old|ago))|\bdecade\s+(?:of\s+)?(?:the\s+)?(?:(?P<full3>(?:19|20)\d0)|(?P<dd>[2-9])0)\b(?!\s*s\b)"
    # "the years seventy" (French), "tahun 2000-an" (Indonesian): the decade
    r"|\byears\s+(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b(?!\s*-?\s*(?:one|two|three|four|five|six|seven|eight|nine)\b)"
    r"|\b(?P<full4>(?:19|20)\d0)-?an\b"
    r"|\bthe\s+(?P<dth>[2-9])0th\s+years\b",  # "a film from the 90th years"
    re.IGNORECASE,
)
_TENS = {w: n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}


@dataclass
class Era:
    """One era expression: its inclusive range, the kind of constraint it is, and its span."""

    low: int | None
    high: int | None
    kind: Literal["era", "bound"]
    start: int
    end: int
    vague: bool = False  # "recent years": a plural with no number; a lower bound said outright wins ("of recent years, say from 2012 onwards")


@dataclass
class YearRead:
    year_min: int | None = None
    year_max: int | None = None
    shift: Shift | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    any_era: bool = False  # "any decade": drop the standing range
    widen: tuple[int, int] | None = None  # "the 70s too", "widen it to 2005": the years to add to the standing range
    absolute: bool = False  # "recent", "new releases": newness said outright, not "newer" than something named
    decades: int = 0  # with a shift, how many whole decades the standing range moves ("push it back a decade": 1)
    shift_widens: bool = False  # the shift said as an addition ("older ones too"): the standing range opens that way
    added: bool = False  # the years said as an addition to what stands ("and nothing after 1980 either")
    whole_decade: bool = False  # "widen it to the whole decade": the standing range opens to the decades it lies in


def _number(word: str | None, default: int) -> int:
    if not word:
        return default
    word = word.lower().strip()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, default)


def _decade_start(m: re.Match, newest: int) -> int | None:
    if m["century"]:
        return int(m["century"]) * 100 + int(m["dd"]) * 10
    if m["short"] is not None:
        d = int(m["short"]) * 10
        return 2000 + d if 2000 + d <= newest and d <= 10 else 1900 + d
    if m["word"]:
        return WORD_DECADES[re.sub(r"\s+", " ", m["word"].lower())]
    return None


def _with_part(decade: int, mod: str | None) -> tuple[int, int]:
    if not mod:
        return decade, decade + 9
    words = _PART_WORDS.findall(re.sub(r"tail end", "tail", mod.lower()))
    words = [re.sub(r"\s+", " ", w) for w in words]
    parts = [PARTS[w] for w in words] or [(0, 9)]
    return decade + min(p[0] for p in parts), decade + max(p[1] for p in parts)


def _raw_range(m: re.Match, newest: int) -> tuple[int, int, bool] | None:
    """(low, high, is_single_year) of one ERA match."""
    if m["century_turn"]:
        return 1998, 2002, False
    if m["decade"]:
        start = _decade_start(m, newest)
        if start is None:
            return None
        low, high = _with_part(start, m["mod"])
        return low, high, False
    if m["year"]:
        year = int(m["year"])
    else:
        yy = int(m["yy"])
        year = 2000 + yy if 2000 + yy <= newest else 1900 + yy
    return year, year, True


_SHORT_END = re.compile(r"\s*(?:-|–|—|to|through|thru|till|until)\s*(?P<yy>\d{2})(?![\d'’]|\s?s\b)", re.IGNORECASE)


def _same_century(year: int, yy: int) -> int:
    """The year ending in `yy` that closes a range opening at `year` ("1970-89" -> 1989, "1995-05" -> 2005)."""
    end = year // 100 * 100 + yy
    return end if end >= year else end + 100


#: Teenagers, not the 2010s: "the teens (13 and 15) want rocket ships", "the teens are bored".
#: (Only verbs a decade does not take: "the teens were a great decade for horror" is the 2010s.)
_TEENS_PEOPLE = re.compile(r"\s*(?:\(\s*\d{1,2}\b|\(\s*aged\b|(?:want|wants|need|needs|say|says|said|who|get|gets)\b)", re.IGNORECASE)


def _eras(text: str, newest: int) -> list[Era]:
    found: list[Era] = []
    matches = [m for m in ERA.finditer(text)]
    i = 0
    while i < len(matches):
        m = matches[i]
        raw = _raw_range(m, newest)
        if raw is None:
            i += 1
            continue
        low, high, single = raw
        start, end = m.start(), m.end()
        if (m["word"] or "").lower() == "teens" and (not (m["mod"] or re.search(r"\bthe\s+$", text[max(0, start - 5):start], re.IGNORECASE))
                                                     or _TEENS_PEOPLE.match(text, end)):
            i += 1  # "for actual teens", "teens (14 and 16)": people; "the teens", "the late teens": the 2010s
            continue
        if single and (tail := _SHORT_END.match(text, end)) and (high_year := _same_century(low, int(tail["yy"]))) > low:
            found.append(Era(low, high_year, "era", start, tail.end()))  # "1970-89", "1980 to 89"
            i += 1
            continue
        # "1985-1990", "from 1985 to 1990", "between the 80s and the 90s"
        if i + 1 < len(matches) and RANGE_JOIN.match(text[end:matches[i + 1].start()].replace("the", "")):
            nxt = _raw_range(matches[i + 1], newest)
            if nxt is not None and nxt[1] >= low:
                found.append(Era(low, nxt[1], "era", start, matches[i + 1].end()))
                i += 2
                continue
        before, after = text[max(0, start - 40):start], text[end:end + 40]
        if _no_era(text, start, before, after, single):
            i += 1
            continue
        era = _bounded(low, high, single, before, after, start, end)
        found.append(era)
        i += 1
    return found


#: A birth year said as who someone is ("I'm a 1975 baby").
_A_BIRTH = re.compile(r"\s+bab(?:y|ies)\b", re.IGNORECASE)
#: A bound's own words, right before "about" / "around" and its year.
_A_BOUND = re.compile(r"\b(?:after|before|since|until|till|than|up to|through|thru)\s*$", re.IGNORECASE)


def _no_era(text: str, start: int, before: str, after: str, single: bool) -> bool:
    """Whether the years at `start` (one year when `single`) name no era: a life event, someone's age, a story's
    setting, a memory of a viewing, or one version of a film."""
    if NOT_A_FILM_YEAR.search(before) or SETTING.search(before) or (DEFINITE.search(before) and _ONE_AFTER.match(after)):
        return True
    if _TENS_WORD.match(text, start) and _SCORES_OF_TEN.search(before) and _SCORE_END.match(after):
        return True  # "the fly (86): all 10s.", "both 10s", "9s and 10s": scores out of ten, not the 2010s ("all 10s horror" is)
    if not single and _STYLE_NOUN.match(after):
        return True  # "docs about music, pref 70s bands", "a film with an 80s soundtrack": a style, not when it was made
    if (AN_AGE.search(before) and not text[start:start + 4].isdigit() or _MY_AGE.search(before) and _LIFE_DECADES.match(text, start)) \
            and not _DECADE_NOUN.match(after):
        return True
    return single and bool(VERSION_FROM.search(before) or VIEWING_MEMORY.search(text, max(0, start - 100), start) or _A_BIRTH.match(after)
                           or VERSION_YEAR.match(after) or (DEFINITE.search(before) and NAMED_AFTER.match(after))
                           or (_MAKERS_YEAR.search(before) and not _KIND_AFTER.match(after)))


#: A maker's possessive right before one year, which dates one of their films ("kubrick's 1968 odyssey", "his 1979 zone
#: film"), unless a kind follows ("spielberg's 1993 films"); not "that's 1990".
_MAKERS_YEAR = re.compile(r"(?:\b(?!(?:that|what|there|here|where|who|let|today|tonight)['’])[a-z]{3,}['’]s|\b(?:his|her|their))\s+$", re.IGNORECASE)
_KIND_AFTER = re.compile(r"\s*(?:films?|movies?|ones|stuff|output|work|releases?|pictures|era|period|favou?rites|picks)\b", re.IGNORECASE)


#: Before "10s", words that make them scores ("all 10s", "both 10s", "straight 10s", "9s and 10s"), and what follows a score.
_TENS_WORD = re.compile(r"10['’]?s\b")
_SCORES_OF_TEN = re.compile(r"(?:\b(?:all|both|straight)|\b[5-9]['’]?s\s+(?:and|or|to|-|&))\s*$", re.IGNORECASE)
_SCORE_END = re.compile(r"\s*(?:[,.;:!?)]|$|across\b|from\b|for (?:me|us)\b|out of\b|all round\b)", re.IGNORECASE)


def _refused_from(before: str) -> bool:
    """Whether an open range said next is refused from its start ("nothing from the 90s or later"; not "nothing that
    isn't from the 60s or earlier")."""
    return NEGATED_FROM.search(before) is not None and _DOUBLE_NEGATIVE.search(before) is None


#: Said right after an era's films ("anything from the 90s", "stuff from the 50s"): they look too old ("... looks ancient",
#: "... is too old for me"); not when a "but" follows ("films from the 80s are so dated but I love them").
_DATED_SUBJECT = re.compile(r"\b(?:anything|everything|stuff|films?|movies?|something)\s+from\s+(?:the\s+)?$", re.IGNORECASE)
_BUT_AFTER = re.compile(r"[^.!?;]*\b(?:but|though|yet|fun|love|loves|loved|great|brilliant|best|why i)\b", re.IGNORECASE)  # ("... so cheesy, that's why I love them")
_LOOKS_DATED = re.compile(r"^\s*(?:(?:films?|movies?|stuff|ones?)\s+)?(?:looks?|seems?|feels?|is|are)\s+(?:(?:so|really|all|pretty|way|just|a bit|kinda)\s+)?"
                          r"(?:ancient|dated|prehistoric|antique|old[- ]fashioned|too old|cheesy|corny)\b", re.IGNORECASE)
#: ...or said as "the nineties stuff looks cheesy", "the eighties ones look too old to them".
_DATED_THE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_DATED_NOUN = re.compile(r"^\s*(?:films?|movies?|stuff|ones?)\b", re.IGNORECASE)


def _bounded(low: int, high: int, single: bool, before: str, after: str, start: int, end: int) -> Era:
    """The era with the words around it: a bound, an open range, or "around Y"."""
    if (around := AROUND.search(before)) and _A_BOUND.search(before[:around.start()]):
        before, around = before[:around.start()], None  # "nothing after about 2005", "before around 1960": the bound
    if single and ((g := GIVE_OR_TAKE.match(after)) or around):
        skip = g.end() if g else 0
        if (up := OPEN_UP.match(after[skip:])):  # "2000-ish onwards", "from about '97 on": from that year on
            return Era(low, None, "bound", start, end + skip + up.end())
        width = 10 if around and around["decade"] else _number((g and g["n"]) or (around and around["n"]) or None, 2)
        return Era(low - width, high + width, "era", start, end + skip)
    if (_DATED_SUBJECT.search(before) or _DATED_THE.search(before) and _DATED_NOUN.match(after)) \
            and (dated := _LOOKS_DATED.match(after)) and not _BUT_AFTER.match(after, dated.end()):
        return Era(high + 1, None, "bound", start, end + dated.end())  # "anything from the 90s looks ancient to him": what came after it
    if (sign := SIGN.search(before)):  # "y<1970", "yr≥1990", ">2000"
        bounds = {"<": (None, low - 1), ">": (high + 1, None), "<=": (None, high), "=<": (None, high), "≤": (None, high)}
        return Era(*bounds.get(sign["op"], (low, None)), "bound", start, end)  # ">=", "=>", "≥": from the year on
    before = BOUND_FILLER.sub("", before)
    if (negated := NEGATED_AFTER.search(before)):  # "nothing post-2000": before 2000 (a decade's first year opens "post-2000")
        decade_start = single and low % 10 == 0 and re.search(r"\bpost[\s\-]*$", negated.group(), re.IGNORECASE)
        return Era(None, low - 1 if decade_start else high, "bound", start, end)  # ("nothing post 99": up to 1999)
    if (single and NEGATED_SINCE.search(before)) or (_refused_from(before) and OPEN_UP.match(after)):
        return Era(None, low - 1, "bound", start, end)  # ("nothing from the 90s or later": before the 90s)
    if NEGATED_BEFORE.search(before):
        return Era(low, None, "bound", start, end)
    if LOWER_INCLUSIVE.search(before):  # before the plain forms: "not older than" is not "older than"
        return Era(low, None, "bound", start, end)
    if MOVED_TO.search(before):
        return Era(low, high, "era", start, end)
    if UPPER_INCLUSIVE.search(before) and not (re.search(_CUT_OFF + r"\s+$", before, re.IGNORECASE) and OPEN_UP.match(after)):
        return Era(None, high, "bound", start, end)
    if UPPER_EXCLUSIVE.search(before):
        return Era(None, low - 1, "bound", start, end)
    if LOWER_EXCLUSIVE.search(before):
        return Era(high + 1, None, "bound", start, end)
    if (up := OPEN_UP.match(after) or YEAR_LATER.match(after)):
        return Era(low, None, "bound", start, end + up.end())
    if single and (later := YEAR_AFTER.match(after)):
        return Era(high + 1, None, "bound", start, end + later.end())
    if (down := OPEN_DOWN.match(after)):  # "from the 80s or earlier"; refused ("won't watch anything from the 80s or earlier"): after it
        refused = _refused_from(before) and not down.group().lstrip().startswith(",")
        return Era(high + 1, None, "bound", start, end + down.end()) if refused else Era(None, high, "bound", start, end + down.end())
    if (g := GIVE_OR_TAKE.match(after)) and not single:
        return Era(low, high, "era", start, end + g.end())
    return Era(low, high, "era", start, end)


#: A birth (or arrival) year: "born 2001", "born in 1975", "I arrived in 1983", "my own arrival in 1958", "born (1984)", "(born '88)".
_BIRTH_YEAR = re.compile(r"\b(?:born|arrived|arrival|birth)\s*(?:in\s+)?\(?\s*'?(?P<y>(?:19|20)\d{2}|\d{2})\b(?!\s*(?:%|years?|yrs?|yo)\b)"
                         r"|\b(?:an?|both|all|two)\s+'?(?P<baby>(?:19|20)\d{2}|\d{2})\s+bab(?:y|ies)\b"  # "I'm a 1975 baby", "a '92 baby"
                         # or an age said of the same person: "from before my birth (I'm 30)", "older than me, and I'm 45"
                         r"|\b(?:i'?m|i am|he'?s|he is|she'?s|she is)\s+(?P<age>[1-9]\d)\b(?!\s*(?:%|min|mins|minutes|hours?|hrs?|times|kg|lbs?|quid|[:.]\d))",
                         re.IGNORECASE)
#: Being born, as people say it: "was born", "turned up", "came along".
_BORN = r"(?:(?:was|were)\s+born|turned\s+up|came\s+along|showed\s+up|arrived)"
#: What a birth year ends when said of someone: films from before it ("older than me", "before he was born",
#: "predating my own arrival") or (refused: "nothing older than me") from it on.
_BEFORE_BIRTH = re.compile(rf"\b(?:older than (?:me|him|her|us|them|i am|he is|she is|we are|my \w+)|(?:made|came(?: out)?|released) before (?:me|him|her|us|them)|(?:made |from )?before (?:i|he|she|we|they) "
                           rf"{_BORN}|before (?:my|his|her|our) (?:own )?birth|(?:made |from )?before (?:that|then)(?= *[.,;!?]|$)|predat\w*(?: my| his| her| our)?(?: own)?(?: birth| arrival)?)\b", re.IGNORECASE)
#: ...and films from it on: "something from my own lifetime", "from after i was born".
_SINCE_BIRTH = re.compile(r"\b(?:(?:my|his|her|our|their) (?:own )?lifetimes?|(?:after|since) (?:i|he|she|we|they|(?:my|his|her|our|their) (?:\w+ )?\w+) "
                          r"(?:was|were) born)\b", re.IGNORECASE)  # ("made since my daughter was born in 2012")
#: The times of one's own life said with a possessive ("my teens", "her twenties", "his childhood").
_OWN_TIMES = r"teens|teenage\s+years|childhood|twenties|thirties|forties"
#: A time of someone's life some years after their birth: "as a teenager", "her twenties", "when he was a kid".
_LIFE_STAGE = re.compile(rf"\b(?:(?:as\s+an?|when\s+(?:i|he|she|we|they)\s+(?:was|were)(?:\s+an?)?)\s+(?P<stage>teenagers?|teens?|kids?|child|children|little)"
                         r"|(?:my|his|her|our|their)\s+(?:own\s+)?(?:(?P<mod>early|mid|late)[\s\-]+)?"
                         rf"(?P<years>{_OWN_TIMES}))\b", re.IGNORECASE)  # not "my kid"
#: The ages each time of life covers (the decades of a life by `_with_part`, so "her late twenties" is 27-29).
_STAGE_AGES = {**dict.fromkeys(("teenager", "teenagers", "teen", "teens", "teenage years"), (13, 19)),
               **dict.fromkeys(("kid", "kids", "child", "children", "little", "childhood"), (5, 12)),
               "twenties": (20, 29), "thirties": (30, 39), "forties": (40, 49)}
#: What makes a time of life the films' time: "from her twenties", "would have seen ... as a teenager" (not "loved
#: dinosaurs as a kid", "I'm in my forties now", "Spy Kids was the film of my childhood").
_FILMS_THEN = re.compile(r"(?:\b(?:from|during)\s+(?:back\s+)?$|\b(?:seen|saw|watched|watch|see|seeing|watching)\b[^.!?,;]{0,40}$)", re.IGNORECASE)
#: Who is meant, by the last person named: the writer, a man or a woman ("I was born", "my dad was born", "she's 40";
#: "my childhood", "his twenties", "since my daughter was born").
_PEOPLE = (("writer", re.compile(r"\b(?:i|me|my|we|us|our)\b", re.IGNORECASE)),
           ("him", re.compile(r"\b(?:he|him|his|dad|father|grand(?:d?ad|pa|father)|son|brother|husband|boyfriend|uncle|nephew)\b", re.IGNORECASE)),
           ("her", re.compile(r"\b(?:she|her|mum|mom|mother|gran|grandma|grandmother|nan|daughter|sister|wife|girlfriend|aunt|niece)\b", re.IGNORECASE)))
#: A possessive before someone else, who is the one meant ("my eldest", "my dad"); not before a time of one's own life.
_OWNER = re.compile(rf"\b(?:my|our|his|her|their)\s+(?!(?:own|{_OWN_TIMES}|teenage|early|mid|late|birth|lifetimes?|arrival)\b)(?=\w)",
                    re.IGNORECASE)
#: The years just before a birth: "the decade leading up to my birth", "the ten years before I was born".
_LEADING_UP = re.compile(r"\bthe\s+(?:decade|(?P<n>\d{1,2}|ten|five|twenty)\s+years)\s+(?:(?:just|right)\s+)?(?:leading\s+up\s+to|before|prior\s+to)\s+"
                         rf"(?:(?:my|his|her|our|their)\s+(?:own\s+)?birth|(?:i|he|she|we|they)\s+{_BORN})\b", re.IGNORECASE)
#: Refusals the era words lack, and a refusal carried on ("Westerns are out. So is anything older than me").
_RULED_OUT = re.compile(r"\b(?:rul(?:e|es|ed|ing) out|exclud\w*|so (?:is|are))\b", re.IGNORECASE)


def _lifetime(text: str, newest: int) -> list[Era]:
    """Bounds set by someone's birth year, said with what it bounds ("nothing older than me (born 2001)" = 2001 on,
    "predating my own arrival in 1958" = up to 1957, "born in 2001, so something from my own lifetime" = 2001 on,
    "born 1962 ... would have seen as a teenager" = 1975-1981, "the decade leading up to my birth (I'm a 1975 baby)" =
    1965-1974). What it bounds is looked for in the birth's sentence, then, for the only birth said, in the whole
    message ("Films that predate me. I arrived in '79."); it must be of the person born ("my dad was born in 1950 and I
    want something from my childhood" sets nothing). A birth year said alone sets nothing (`NOT_A_FILM_YEAR`)."""
    out: list[Era] = []
    births = list(_BIRTH_YEAR.finditer(text))
    for born in births:
        said_year = born["y"] or born["baby"]
        yy = int(said_year) if said_year else 0
        year = newest - int(born["age"]) if born["age"] else yy if yy > 99 else (2000 + yy if yy <= newest % 100 else 1900 + yy)
        end = SENTENCE_END.search(text, born.end())
        first, last = sentence_start(text, born.start()), end.start() if end else len(text)
        person = _person(text[max(first, born.start() - 30):born.end()])
        era = _life_bound(text, first, last, year, person)
        if era is None and len(births) == 1:
            era = _life_bound(text, 0, len(text), year, person)
        elif era is not None:  # said in one sentence: the birth year is part of it
            era = replace(era, start=min(era.start, born.start()), end=max(era.end, born.end()))
        if era is not None:
            out.append(era)
    return out


def _person(words: str) -> str | None:
    """Who `words` are about: the last person named in them, if any ("my eldest" is no one known, "my dad" him)."""
    words = _OWNER.sub("", words)
    named = [(m.end(), who) for who, pattern in _PEOPLE for m in pattern.finditer(words)]
    return max(named)[1] if named else None


def _of_person(said: re.Match[str], person: str | None) -> bool:
    """Whether what a birth bounds is said of the person born: it names them, or no one."""
    return person is None or _person(said.group()) in (None, person)


def _life_bound(text: str, first: int, last: int, year: int, person: str | None) -> Era | None:
    """The bound between `first` and `last` that a birth in `year` of `person` sets, spanning only the words that say it."""
    if (lead := _LEADING_UP.search(text, first, last)) and _of_person(lead, person):
        return Era(year - _number(lead["n"], 10), year - 1, "bound", lead.start(), lead.end())
    if (since := _SINCE_BIRTH.search(text, first, last)) and _of_person(since, person):
        return Era(year, None, "bound", since.start(), since.end())
    if (said := _BEFORE_BIRTH.search(text, first, last)) and _of_person(said, person):
        refused = REFUSED_BEFORE.search(text, max(0, said.start() - 40), said.start()) or _RULED_OUT.search(text, first, said.start())
        return Era(year, None, "bound", said.start(), said.end()) if refused else Era(None, year - 1, "bound", said.start(), said.end())
    for stage in _LIFE_STAGE.finditer(text, first, last):
        if _of_person(stage, person) and _FILMS_THEN.search(text, max(first, stage.start() - 60), stage.start()):
            ages = _STAGE_AGES[re.sub(r"\s+", " ", (stage["stage"] or stage["years"]).lower())]
            low, high = _with_part(ages[0], stage["mod"]) if ages[1] - ages[0] == 9 else ages
            return Era(year + low, year + high, "bound", stage.start(), stage.end())
    return None


#: An event that starts a range ("between the moon landing and ..."), or is what a film is about, not when it was
#: made ("a documentary about the moon landing").
_FROM_EVENT = re.compile(r"\b(?:between|from|(?<!\bthis )year)\s+(?:the\s+)?$"  # ..., "the year the Berlin Wall fell"
                         r"|\bbetween\s+(?!(?:a|an|my|your|his|her|our|their|this|that|some)\b)[^.!?]{1,60}\band\s+(?:the\s+)?$",  # "between X and Y"
                         re.IGNORECASE)
_TOPIC = re.compile(r"\b(?:about|on|(?<!\btime )(?<!\bdays )(?<!\byears )of|into|covering|set(?:\s+(?:in|during|at))?)\s+(?:the\s+)?$",
                    re.IGNORECASE)  # "the time of the miners' strike" is when


#: A time before an event that a film is set in or about: "a film about life before the internet", "set before
#: everyone was online".
_SET_BEFORE = re.compile(r"\b(?:set|about|life|living|days|world|times?)\s+(?:\w+\s+)?before\s+$", re.IGNORECASE)


def _relative(text: str, newest: int) -> list[Era]:
    out: list[Era] = []
    for m in YEARS_N0.finditer(text):  # "from years 80", "years 2000", "the 80 years" (non-native): the decade
        full = m["full"] or m["full2"] or m["full3"] or m["full4"]
        tens = _TENS[m["tens"].lower()] if m["tens"] else int(m["d"] or m["d1"] or m["dy"] or m["dd"] or m["dth"] or 0)
        start = int(full) if full else 1900 + tens * 10
        out.append(Era(start, start + 9, "era", m.start(), m.end()))
        for more in re.finditer(r"^\s*(?:or|and|,|-|–|to)\s*(?P<d>[1-9])0\b", text[m.end():]):
            start = 1900 + int(more["d"]) * 10
            out.append(Era(start, start + 9, "era", m.end() + more.start(), m.end() + more.end()))
    for m in LAST_N.finditer(text):
        unit = (m["unit"] or m["unit2"] or "years").lower()
        half = (m["n"] or "").lower().startswith("half")  # "the past half decade": five years
        said = m["n"] or m["n2"] or m["n3"]
        if not said and unit in ("year", "yr") and not (re.match(r"(?:in\s+)?the\b", m.group(), re.IGNORECASE)
                                                        or re.search(r"\bthis\s+$", text[max(0, m.start() - 6):m.start()], re.IGNORECASE)):
            continue  # "we did Dr. Strangelove last year": when it happened; "films from the last year" is an era
        n = 1 if half else _number(said, 1 if unit.startswith("decade") or unit in ("year", "yr") else 5)
        years = (5 if half else n * 10) if unit.startswith("decade") else n
        if years < 1:
            continue
        if REFUSED_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            out.append(Era(None, newest - years, "bound", m.start(), m.end()))
        else:
            out.append(Era(newest - years + 1, newest, "era", m.start(), m.end(), vague=not said and unit.endswith("s")))
    for m in SHORT_RANGE.finditer(text):
        low = 1900 + int(m["a"])
        high = int(m["b"]) if len(m["b"]) == 4 else _same_century(low, int(m["b"]))
        out.append(Era(low, high, "era", m.start(), m.end()))
    for m in THIS_CENTURY.finditer(text):  # "the first few years of this century": 2000-2003; "the first decade": 2000-2009
        high = 2003 if m["few"] else 2009 if m["decade"] else None
        out.append(Era(2000, high, "bound" if high is None else "era", m.start(), m.end()))
    for m in THIS_DECADE.finditer(text):
        out.append(Era(newest // 10 * 10, newest // 10 * 10 + 9, "era", m.start(), m.end()))
    for m in SILENT_ERA.finditer(text):  # refused ("no silent films", "silent films are not my bag"): the talkies on
        low, high = (1930, None) if refused_before(text, m.start()) or refused_after(text, m.end()) else (None, 1929)
        out.append(Era(low, high, "bound", m.start(), m.end()))
    for m in THIS_YEAR.finditer(text):
        year = newest if (m["which"] or m["which2"]).lower() == "this" else newest - 1
        out.append(Era(year - 1 if m["both"] else year, year, "era", m.start(), m.end()))  # "this year or last"
    for m in LAST_CENTURY.finditer(text):
        out.append(Era(1900, 1999, "era", m.start(), m.end()))
    for m in AGE_AT_LEAST.finditer(text):
        if _persons_age(text, m.start()):
            continue
        out.append(Era(None, newest - _number(m["n"] or m["n2"], 5), "bound", m.start(), m.end()))
    for m in MILLENNIUM.finditer(text):
        out.append(_bounded(2000, 2000, False, text[max(0, m.start() - 40):m.start()], text[m.end():m.end() + 40], m.start(), m.end()))
    for m in AGE_AT_MOST.finditer(text):
        if _persons_age(text, m.start()):
            continue
        said = 10 if m["decade"] else _number(m["n"] or m["n2"], 5)
        out.append(Era(newest - said + 1, newest, "bound", m.start(), m.end()))  # as "the last N years"
    for start, end, low, high in period_spans(text):  # "the Reagan years", "older than the moon landing"
        if _TOPIC.search(text, max(0, start - 16), start) or _SET_BEFORE.search(text, max(0, start - 40), start):
            continue  # what a film is about or set in, not when it was made
        era = _bounded(low, high, low == high, text[max(0, start - 40):start], text[end:end + 40], start, end)
        if low < high or (era.low, era.high) != (low, high) or _FROM_EVENT.search(text, max(0, start - 80), start):
            # an event only bounds, centres or starts a range ("a film about the moon landing" is none)
            out.append(era)
    for m in AGE_AROUND.finditer(text):
        if _persons_age(text, m.start()):
            continue
        year = newest - _number(m["n"], 10)
        out.append(Era(year - 2, year + 2, "era", m.start(), m.end()))
    return out


def _cover(eras: list[Era], rewritten: list[tuple[int, int]]) -> list[Era]:
    """Spans found in the digit-rewritten text, widened to the whole spelled-out year they touch."""
    out = []
    for e in eras:
        start = min([e.start] + [a for a, b in rewritten if a < e.end and e.start < b])
        end = max([e.end] + [b for a, b in rewritten if a < e.end and e.start < b])
        out.append(replace(e, start=start, end=end))
    return out


FUTURE_YEARS = 5  # a year this far past the catalog's newest is a name or a number, not a release year


#: "the same sort of era" as a film, "the Rear Window era": its year give or take this many (the corpus rule).
SAME_ERA_WIDTH = 2
_MADE = r"(?:made|released|filmed|shot|produced|from|came out|come out)"  # not "out": "I walked out before Titanic ended"
_SPAN = rf"(?:(?:in\s+|within\s+)?(?:the\s+)?(?P<n>\d{{1,2}}|{_NUM}|a)\s+(?P<unit>years?|decades?)\s+)?"
_BEFORE_WORDS = ("before", "prior to", "ahead of", "pre")
#: A film's release year said as a bound: "made before Casablanca", "from before Pulp Fiction", "released after
#: Titanic", "in the ten years after Blade Runner", "pre Jaws"; refused ("nothing made before Terminator 2", "no films
#: from after Titanic") it bounds the other way.
_FILM_BOUND = re.compile(rf"(?P<neg>\b(?:no|nothing|none|never)\s+(?:(?:films?|movies?|stuff|ones?)\s+)?)?\b{_MADE}\s+{_SPAN}"
                         r"(?P<way>before|prior to|ahead of|after|following|since)\s+(?:the\s+)?$"
                         r"|(?<![\w-])(?P<pre>pre|post)[\s\-]+(?:the\s+)?$", re.IGNORECASE)
#: ...or with the release said after the film ("after Star Wars came out"), or as a stretch of years ("the decade after Jaws").
_PLAIN_BOUND = re.compile(rf"{_SPAN}(?P<way>before|after)\s+(?:the\s+)?$", re.IGNORECASE)
_STRETCH_BOUND = re.compile(rf"\bthe\s+(?:(?P<n>\d{{1,2}}|{_NUM})\s+(?P<unit>years?|decades?)|(?P<decade>decade))\s+(?P<way>before|after)\s+(?:the\s+)?$",
                            re.IGNORECASE)
_CAME_OUT = re.compile(r"^\s+(?:first\s+)?(?:came out|come out|was released|was made|hit (?:the )?(?:cinemas|theaters|theatres|screens))\b", re.IGNORECASE)
#: Newer or older than the film: "no newer than E.T." (up to 1982), "older than Jaws" (up to 1974); not in a question
#: about two films ("Is Heat older than Ronin?").
_FILM_COMPARED = re.compile(r"(?P<refused>\b(?:no|not|nothing|none)\s+)?\b(?P<way>newer|later|more recent|older|earlier)\s+th[ae]n\s+(?:the\s+)?(?:(?:original|first)\s+)?$",
                            re.IGNORECASE)
_A_QUESTION = re.compile(r"^\W*(?:is|was|are|were|which)\b", re.IGNORECASE)
#: "the year Saving Private Ryan came out" (with `_CAME_OUT`; not "I was born the year ..."), "within two years of
#: Se7en", "Toy Story's decade", "the Rear Window era" (its year give or take two, as "the same sort of era").
_FILM_YEAR = re.compile(r"(?<!born )(?<!married )(?<!\bmet )\b(?:the|that)\s+(?:same\s+)?year\s+$", re.IGNORECASE)
_FILM_WITHIN = re.compile(rf"\bwithin\s+(?:about\s+)?(?P<n>\d{{1,2}}|{_NUM}|a)\s+(?P<unit>years?|decades?)\s+(?:either side\s+)?of\s+$", re.IGNORECASE)
_FILM_DECADE = re.compile(r"^(?:['’]s)?\s+(?:(?P<decade>decade)|era)\b|^['’]s\s+(?P<year>year)\b(?!-)", re.IGNORECASE)
#: "the same year as Pulp Fiction", "same decade as the original Jurassic Park": the film's year, or its decade.
_SAME_AS = re.compile(r"(?<!born the )(?<!married the )(?<!\bmet the )\bsame\s+(?:(?P<decade>decade)|year)\s+as\s+(?:the\s+)?(?:(?:original|first)\s+)?$", re.IGNORECASE)


def _years_in(found: re.Match[str]) -> int | None:
    """How many years a stretch says ("the ten years", "a decade"), if it says one."""
    if found.groupdict().get("decade"):
        return 10
    if not found.groupdict().get("n"):
        return None
    return _number(found["n"], 1) * (10 if (found["unit"] or "").lower().startswith("decade") else 1)


def _stretch(year: int, way: str, years: int | None) -> tuple[int | None, int | None]:
    """The years before (or after) a film's year, all of them or the stretch said."""
    if way in _BEFORE_WORDS:
        return (year - years if years else None), year - 1
    return year + 1, (year + years if years else None)


#: The second film of a bound said twice ("released before Titanic but after Heat") or of a stretch between two films
#: ("made between Jaws and Titanic", both years in): read only after a first film was a date.
_CHAINED_BOUND = re.compile(r"[^.!?;]{0,30}?\b(?:but|and|yet)\s+(?:also\s+)?(?P<way>before|prior to|after|following)\s+(?:the\s+)?", re.IGNORECASE)  # .fullmatch
_BETWEEN_FILMS = re.compile(rf"\b{_MADE}\s+between\s+(?:the\s+)?$", re.IGNORECASE)  # not "torn between Jaws and Titanic"
_BETWEEN_END = re.compile(r"\s+and\s+(?:the\s+)?", re.IGNORECASE)  # used with .fullmatch


def chained_film_bound(text: str, previous: tuple[int, int], start: int, year: int) -> tuple[int | None, int | None] | None:
    """The years a second film bounds when a first one, at `previous`, was a date: "before Titanic but after Heat"
    (1996-), "made between Jaws and Titanic" (-1997). Not after "or" ("before Casablanca or after Grease" is no one
    range), nor after a refused first bound ("nothing made after Jaws and before Titanic")."""
    if _REFUSED_FIRST.search(text, max(0, previous[0] - 30), previous[0]):
        return None
    if _BETWEEN_FILMS.search(text, max(0, previous[0] - 60), previous[0]):
        return (None, year) if _BETWEEN_END.fullmatch(text, previous[1], start) else None
    found = _CHAINED_BOUND.fullmatch(text, previous[1], start)
    return _stretch(year, found["way"].lower(), None) if found else None


_REFUSED_FIRST = re.compile(r"\b(?:no|nothing|none|not|never)\b", re.IGNORECASE)


def film_bound(text: str, start: int, end: int, year: int) -> tuple[int | None, int | None] | None:
    """The years a film named at `start`-`end` (made in `year`) bounds, when it is said as a date rather than a film:
    "made before Casablanca" (-1941), "released after Titanic" (1998-), "no newer than E.T." (-1982), "the ten years
    after Blade Runner" (1983-1992), "the year Saving Private Ryan came out" (1998), "Titanic's year" and "the same year as
    Titanic" (1997), "Toy Story's decade" and "the same decade as Toy Story" (the 1990s), "the Rear Window era"
    (1952-1956). `None`: the film is not said as a date."""
    before, after = text[max(0, start - 60):start], text[end:end + 40]
    if text[max(0, end - 2):end].lower() in ("'s", "’s"):
        after = text[end - 2:end + 40]  # the mention took its possessive ("Titanic's year")
    if (era := _FILM_DECADE.match(after) or _SAME_AS.search(before)):
        if era["decade"]:
            return year // 10 * 10, year // 10 * 10 + 9
        return (year, year) if era.re is _SAME_AS or era["year"] else (year - SAME_ERA_WIDTH, year + SAME_ERA_WIDTH)
    if (within := _FILM_WITHIN.search(before)):
        n = _years_in(within) or 1
        return year - n, year + n
    if _FILM_YEAR.search(before) and _CAME_OUT.match(after):
        return year, year
    if (compared := _FILM_COMPARED.search(before)):
        stop = SENTENCE_END.search(text, end)
        if stop is not None and stop.group().startswith("?") and _A_QUESTION.match(text, sentence_start(text, start)):
            return None
        newer = compared["way"].lower() not in ("older", "earlier")
        if compared["refused"]:
            return (None, year) if newer else (year, None)
        return (year + 1, None) if newer else (None, year - 1)
    if _BETWEEN_FILMS.search(before) and re.match(r"\s+and\b", after, re.IGNORECASE):  # "between Jaws and Titanic"
        return year, None
    if (found := _FILM_BOUND.search(before)):
        way = (found["way"] or {"pre": "before", "post": "after"}[found["pre"].lower()]).lower()
        if way == "since":
            return year, None
        if found["neg"] and not _years_in(found):  # "nothing made before Terminator 2": from it on
            return (year, None) if way in _BEFORE_WORDS else (None, year)
        return _stretch(year, way, _years_in(found))
    found = _STRETCH_BOUND.search(before) or (_PLAIN_BOUND.search(before) if _CAME_OUT.match(after) else None)
    return _stretch(year, found["way"].lower(), _years_in(found)) if found else None


#: A school year ("my year 10s", "for year 7", "Year 11 pupils"): a class, no decade.
_SCHOOL_YEAR = re.compile(r"(?<!\bthe )(?<!\bthat )\byear\s+\d{1,2}s?\b(?!\s*(?:['’]s|-|/|\.\d))", re.IGNORECASE)


def read_years(text: str, newest_year: int = 2018) -> YearRead:
    """Year constraints in `text` (title spans should already be masked out)."""
    text = _SCHOOL_YEAR.sub(lambda m: " " * len(m.group()), text)
    text, rewritten = digits_for_spelled_years(_TWO_K.sub(lambda m: "20" + m["yy"], text))
    eras = sorted(_cover(_eras(text, newest_year) + _relative(text, newest_year) + _lifetime(text, newest_year), rewritten),
                  key=lambda e: e.start)
    eras = [e for e in eras if (e.low if e.low is not None else e.high or 0) <= newest_year + FUTURE_YEARS]  # "blade runner and 2049",
    # "go straight to 2049" name no year
    eras = [e for n, e in enumerate(eras) if not any(o.start <= e.start and e.end <= o.end and o is not e for o in eras[:n])]
    spans = [(e.start, e.end) for e in eras]
    dropped = [e for e in eras if _DROPPED_BEFORE.search(text, max(0, e.start - 24), e.start) and _DROPPED_AFTER.match(text, e.end)]
    eras = [e for e in eras if e not in dropped]  # "forget the 90s thing", "drop the 50s bit": that era is dropped
    eras = [r for e in eras for r in _refused_and_beyond(text, e, newest_year)]
    eras = _corrected(text, eras)
    if any(e.kind == "bound" and e.low is not None and not e.vague for e in eras):  # ("the 90s or recent years" keeps both)
        eras = [e for e in eras if not e.vague]
    plain = [e for e in eras if e.kind == "era"]
    low = min((e.low for e in plain if e.low is not None), default=None)
    high = max((e.high for e in plain if e.high is not None), default=None)
    for bound in (e for e in eras if e.kind == "bound"):
        if bound.low is not None:
            low = bound.low if low is None else max(low, bound.low)
        if bound.high is not None:
            high = bound.high if high is None else min(high, bound.high)
    if low is not None and high is not None and low > high:  # contradictory: keep the last thing said
        last = eras[-1]
        low, high = last.low, last.high
    masked = _mask(text, spans)
    if low is not None and low == high and (side := _EITHER_SIDE.search(masked)) is not None:  # "from that year or the year either side"
        low, high = low - _number(side["n"], 1), high + _number(side["n"], 1)
    shift: Shift | None = None
    anytime = list(ANY_ERA.finditer(masked))
    if anytime and eras and all(e.end <= anytime[-1].start() for e in eras):  # "from the last few years? or, no, I don't care how old"
        low = high = None  # the era said last wins
    read = YearRead(low, high, None, spans, any_era=bool(anytime or dropped) and low is None and high is None)
    points = [y for e in eras for y in (e.low, e.high) if y is not None]
    if points and _added(WIDEN, masked, spans):
        read.widen = (min(points), max(points))
    if low is None and high is None and not read.any_era:
        shift, read.decades = _decade_move(masked) or (_shift(masked), 0)
    read.shift = shift
    read.shift_widens = shift is not None and not read.decades and bool(SHIFT_ADDED.search(masked))
    read.added = _added(ADDED_BOUND, masked, spans)
    read.whole_decade = not points and not read.any_era and WHOLE_DECADE.search(masked) is not None
    newer = NEWER.search(masked) if shift == "newer" else None
    read.absolute = newer is not None and ABSOLUTE_NEW.fullmatch(newer.group()) is not None
    return read


#: "nothing older", "no oldies", "not newer": the other way.
_SHIFT_REFUSED = re.compile(r"\b(?:(?:no|not|nothing|none|never)\s+(?:any\s+)?|too\s+(?:(?:damn|bloody|darn)\s+)?)$", re.IGNORECASE)  # "those feel too recent": older


def _decade_move(text: str) -> tuple[Shift, int] | None:
    """("older" or "newer", how many decades) when the message moves the range by whole decades."""
    found = DECADE_MOVE.search(text)
    if found is None:
        return None
    way = (found["way"] or found["way2"]).lower()
    years = found["n_years"] or found["n2_years"]  # "ten years earlier": one decade (only whole decades are read)
    return ("older" if way in _BACKWARD else "newer"), (_number(years, 10) // 10 if years else _number(found["n"] or found["n2"], 1))


#: "Earlier" said of the chat itself: "I said no horror earlier", "the list you sent earlier".
_SAID_EARLIER = re.compile(r"\b(?:said|mentioned|told|asked|wrote|typed|suggested|gave|sent|showed|recommended|listed)\b"
                           r"(?:\s+(?!(?:but|want|wanted|need|something|anything|films?|movies?|ones?|were|was)\b)[\w']+){0,4}\s+$", re.IGNORECASE)


def _said_earlier(text: str, m: re.Match[str]) -> bool:
    """Whether the OLDER word `m` is "earlier" said of the chat ("I said no horror earlier")."""
    return m.group().lower() == "earlier" and _SAID_EARLIER.search(text, max(0, m.start() - 60), m.start()) is not None


def _shift(text: str) -> Shift | None:
    """Older or newer than what stands, said without a year ("older ones", "nothing older" after a film)."""
    ways: tuple[tuple[re.Pattern[str], Shift, Shift], ...] = ((OLDER, "older", "newer"), (NEWER, "newer", "older"))
    said = sorted((found.start(), n) for n, (pattern, _, _) in enumerate(ways)
                  if (found := next((m for m in pattern.finditer(text) if not _said_earlier(text, m)), None)))
    if not said:
        return None  # the first said wins ("Recent stuff only, older stuff just looks silly to me")
    start, n = said[0]
    _, shift, other = ways[n]
    return other if _SHIFT_REFUSED.search(text, max(0, start - 12), start) else shift


def _refused(text: str, e: Era, newest: int) -> Era | None:
    """The era as allowed when it is refused by a label, a crossed box or "nothing from the ...": a bound turned
    round ("Out: anything before 1990" = 1990 on); a refused era at either end of time leaves the rest (the
    newest decade: everything before it; "the last century": from 2000). `None`: refused, nothing to keep."""
    line = text[text.rfind("\n", 0, e.start) + 1:e.start]
    marks = list(_MARK.finditer(line))
    crossed = bool(marks) and _CROSS.fullmatch(marks[-1].group()) is not None and not SENTENCE_END.search(line, marks[-1].end())
    # ("Barry Lyndon ✗. Give me war films ... before 1990": the cross closed its own item)
    if conditional_refusal(text, e.start, e.end) and e.kind == "bound":  # "if it was made after 1985 i don't want it"
        return _turned_round(e)
    if not (written_refusal(text, e.start) or crossed or (e.kind == "era" and REFUSED_ERA.search(clause_before(text, e.start)) and not _WELCOMED_AFTER.match(text, e.end))):
        return e
    near = text[max(0, e.start - 40):e.start]
    if e.kind == "bound" and not NEGATED_AFTER.search(near) and not NEGATED_BEFORE.search(near):  # not already turned round by its words
        return _turned_round(e)
    if e.kind == "era" and e.low is not None and e.high is not None:
        if e.high >= newest:
            return Era(None, e.low - 1, "bound", e.start, e.end)
        if e.low <= 1900:
            return Era(e.high + 1, None, "bound", e.start, e.end)
        return None
    return e


#: Past an era just refused: "Not the eighties. I've had enough of them. Anything after that" (1990 on).
_BEYOND_IT = re.compile(r"\b(?:anything|films?|movies?|stuff|ones?|from|made|released)\s+(?:(?:made|released|from)\s+)?(?P<way>after|since|before|later than|earlier than|newer than|older than)\s+(?:that|then|those|them)\b(?!\s+(?:film|movie|one)s?\b)",
                        re.IGNORECASE)
#: Sentences after the refused era in which "after that" may point back to it: its own and the next one ("Not the
#: eighties. I've had enough eighties. Anything after that": the sentence after the second "eighties").
_BEYOND_REACH = 2


def _refused_and_beyond(text: str, e: Era, newest: int) -> list[Era]:
    """`_refused`, and for a closed era refused outright, the years past it that a later "after that" / "before that" asks for."""
    kept = _refused(text, e, newest)
    if kept is not None or e.low is None or e.high is None:
        return [kept] if kept is not None else []
    stop = e.end
    for _ in range(_BEYOND_REACH):
        found = SENTENCE_END.search(text, stop + 1)
        stop = found.end() if found else len(text)
    beyond = _BEYOND_IT.search(text, e.end, stop)
    if beyond is None:
        return []
    later = beyond["way"].lower() in ("after", "since", "later than", "newer than")
    return [Era(e.high + 1, None, "bound", beyond.start(), beyond.end()) if later else Era(None, e.low - 1, "bound", beyond.start(), beyond.end())]


def _turned_round(e: Era) -> Era:
    """An open bound refused: what it leaves ("up to 1985" refused is "from 1986 on"); a closed one stays."""
    if e.high is not None and e.low is None:
        return Era(e.high + 1, None, "bound", e.start, e.end)
    if e.low is not None and e.high is None:
        return Era(None, e.low - 1, "bound", e.start, e.end)
    return e


def _corrected(text: str, eras: list[Era]) -> list[Era]:
    """The eras left once the message's own corrections are applied: a taken-back era sets nothing,
    and a corrected one gives way to its correction."""
    out: list[Era] = []
    for e in eras:
        before = text[max(0, e.start - 30):e.start]
        if DROPPED.search(before) or (e.kind == "era" and TAKEN_BACK.search(before)) \
                or (_WAS_GOING_TO.search(before) and any(o.start >= e.end and _TURNING.search(text, e.end, o.start) for o in eras)):
            continue
        if out and e.kind == "era" and _ONLY_NOW.search(text, out[-1].end, e.start):
            out = [o for o in out if o.kind != "era"]  # "70s? or 80s? ugh, just the 80s"
        if out and e.kind == "era" and out[-1].kind == "era":
            between = text[out[-1].end:e.start]
            if NOT_BETWEEN.fullmatch(between):
                continue
            added = ADDED.search(between) or ADDED.match(text[e.end:])
            if _SPELT_OUT.fullmatch(between) and not added:
                out.pop()  # "the Y2K panic era, say '98 to 2001": the years say what the era meant
            elif INSTEAD_AFTER.match(text[e.end:]):
                out.pop()  # "between 1980 and 1990, no wait, 2005 instead": replaced
            elif (CORRECTION.search(between) or _NO_BETWEEN.fullmatch(between)) and not added:
                e = _new_end(text, out.pop(), e)
                out = [o for o in out if o.kind != "era"]  # "90s. Or early 2000s. Actually, let's say 1995 to 2005": all of them
        out.append(e)
    return out


def _new_end(text: str, old: Era, new: Era) -> Era:
    """A range of two years said outright, corrected by one year, keeps its start and takes the new end ("from 1945
    to 1960 no actually make that 1965"), or its end with a new start; any other correction replaces it."""
    if new.low != new.high or new.low is None or old.low is None or old.high is None \
            or len(re.findall(r"(?:18|19|20)\d{2}", text[old.start:old.end])) != 2:
        return new
    return replace(new, low=old.low) if new.low > old.low else replace(new, high=old.high)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)
