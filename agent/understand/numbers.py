"""Years written as words ("nineteen eighty five", "two thousand and five", "twenty oh five",
"twenty ten") rewritten as digits in place, so the era reader sees "1985".

The rewrite keeps every character offset: the digits are left-aligned in the span the words took
and the rest is blanked, so spans found in the rewritten text still point into the original.
Decade words ("the nineteen eighties", "the twenty tens", "the two thousands") are left alone:
`eras.WORD_DECADES` reads them.
"""

from __future__ import annotations

import re

UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

_SEP = r"[\s\-]+"
_UNIT = "|".join(UNITS)
_TEEN = "|".join(TEENS)
_TENS = "|".join(TENS)
CENTURIES = {"eighteen": 1800, "nineteen": 1900}
#: The last two digits of a year: "eighty five", "eighty-five", "sixty", "twelve", "oh five".
_TAIL = rf"(?:(?:{_TENS})(?:{_SEP}(?:{_UNIT}))?|{_TEEN}|(?:oh|o){_SEP}(?:{_UNIT}))"
_END = r"(?![\w'’-])"  # "twenty tens" is a decade, not 2010 followed by "s"
#: "nineteen seventy something", "nineteen-eighty-odd": that decade.
SPELLED_DECADE = re.compile(rf"(?<![\w'’-])(?P<century>eighteen|nineteen){_SEP}(?P<tens>{_TENS}){_SEP}(?:something|odd|ish)\b", re.IGNORECASE)
SPELLED_YEAR = re.compile(
    rf"(?<![\w'’-])(?:"
    rf"(?P<century>eighteen|nineteen){_SEP}(?P<tail>{_TAIL}){_END}"
    rf"|two{_SEP}thousand(?!{_SEP}(?:tens|teens)\b)"
    rf"(?:{_SEP}(?:and{_SEP})?(?P<small>(?:{_TENS})(?:{_SEP}(?:{_UNIT}))?|{_TEEN}|{_UNIT})(?!{_SEP}thousand))?{_END}"
    rf"|twenty{_SEP}(?P<twenty>{_TEEN}|(?:oh|o){_SEP}(?:{_UNIT})|twenty){_END}"
    rf")",
    re.IGNORECASE,
)


def _small(words: str | None) -> int:
    """The value of a number said in words below 100 ("eighty five", "oh five", "twelve"); 0 for none."""
    parts = re.split(_SEP, (words or "").lower())
    return sum(UNITS.get(p, 0) + TEENS.get(p, 0) + TENS.get(p, 0) for p in parts)


def _year(m: re.Match) -> int:
    if m["century"]:
        return CENTURIES[m["century"].lower()] + _small(m["tail"])
    return 2000 + _small(m["small"] or m["twenty"])  # "two thousand and ten", "twenty oh five", "twenty twenty"


def digits_for_spelled_years(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` with spelled-out years as digits (same length, offsets kept) and the rewritten spans."""
    spans: list[tuple[int, int]] = []
    chars = list(text)
    for m in SPELLED_DECADE.finditer(text):
        decade = CENTURIES[m["century"].lower()] + TENS[m["tens"].lower()]
        chars[m.start():m.end()] = list(f"{decade}s".ljust(m.end() - m.start()))
        spans.append((m.start(), m.end()))
    text = "".join(chars)
    for m in SPELLED_YEAR.finditer(text):
        digits = str(_year(m))
        chars[m.start():m.end()] = list(digits.ljust(m.end() - m.start()))
        spans.append((m.start(), m.end()))
    return "".join(chars), spans


#: A year said after "from" in digits or words: "1986", "'86", "86", "eighty six", "nineteen eighty six".
YEAR_SAID = rf"(?:(?:18|19|20)\d{{2}}|['’]?\d{{2}}|(?:(?:eighteen|nineteen){_SEP})?{_TAIL}){_END}"


def year_said(words: str) -> int:
    """The number a `YEAR_SAID` stands for: 1986 for "1986" and "nineteen eighty six", 86 for "'86", "86" and "eighty six"."""
    digits = words.lstrip("'’")
    if digits.isdigit():
        return int(digits)
    century = re.match(rf"(eighteen|nineteen){_SEP}", words, re.IGNORECASE)
    return (CENTURIES[century[1].lower()] if century else 0) + _small(words[century.end():] if century else words)
