"""A series' films by the numbers people give them: "shrek 3" is *Shrek the Third*, "HP3" the third
Harry Potter, "the second matrix" *The Matrix Reloaded*. Titles carry some numbers ("Rocky V", "Toy
Story 3", "Star Wars: Episode I"); the rest are counted in release order between them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

#: Sequel numbers as titles and people write them ("Rocky IV", "toy story three"), as digits.
ROMAN_DIGITS = {"ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "x": "10"}
NUMBER_WORDS = {w: str(n) for n, w in enumerate("one two three four five six seven eight nine ten".split(), start=1)}
#: ...and the other way: 4 -> "iv".
ROMAN = {int(digits): roman for roman, digits in ROMAN_DIGITS.items()}
#: Ordinal words and their numbers ("the third one", "the 2nd harry potter").
ORDINALS: dict[str, int] = {
    **{w: n for n, w in enumerate("first second third fourth fifth sixth seventh eighth ninth".split(), start=1)},
    **{f"{n}{suffix}": n for n, suffix in zip(range(1, 10), ("st", "nd", "rd", "th", "th", "th", "th", "th", "th"))},
}
#: How many films ("the first two", "all 3").
MAX_NUMBER = 9
COUNTS: dict[str, int] = {**{w: int(d) for w, d in NUMBER_WORDS.items() if 2 <= int(d) <= MAX_NUMBER},
                          **{str(n): n for n in range(2, MAX_NUMBER + 1)}}

_ORDINAL = "|".join(sorted(ORDINALS, key=len, reverse=True))
_COUNT = "|".join(sorted(COUNTS, key=len, reverse=True))
#: "the 3rd bourne", "the second matrix": one film of the series named next.
NTH_OF = re.compile(rf"\bthe (?:very )?(?P<ord>{_ORDINAL}) (?!(?:one|ones|film|films|movie|movies|few|time|half|part)\b)(?=[a-z])",
                    re.IGNORECASE)
#: "the first two terminator films", "all three back to the future films": the series' first films.
FIRST_N_OF = re.compile(rf"\b(?:the (?:first|1st)|all(?: the)?|all of the) (?P<count>{_COUNT}) (?=[a-z])", re.IGNORECASE)
#: After a film of a series: "the third one", "the 2nd and 3rd", "part 3", "the sequels", and the films after it ("the two after
#: it", "the ones that followed", "the later ones"; not "everything after it", said of time as often).
_NOT_A_FILM = (r"time|times|half|place|act|hour|minutes?|scene|scenes|of|week|day|night|year|season|episode|date|row|round|"
               r"grade|floor|person|kid|child|son|daughter|world|wife|husband|try|attempt|viewing|watch|rewatch|reason|thing")
NTH_AFTER = re.compile(
    rf"\b(?:(?:the )(?P<ord>(?:{_ORDINAL})(?:(?:,\s*|\s+(?:and|or|&)\s+)(?:{_ORDINAL}))*)"
    rf"(?: (?:one|ones|film|films|movie|movies|part|installment|entry|instalment))?|(?P<bare>{_ORDINAL}) (?:one|film|movie)"
    rf"|part (?P<part>[1-9])|(?P<sequels>(?:all )?(?:the|its) sequels|every sequel)|(?P<rest>the rest|the others|the other ones)"
    rf"|(?:the (?P<count>{_COUNT})|the ones) (?P<after>after|that followed)(?: (?:it|that one))?|the (?P<later>later) ones"
    rf")\b(?! (?:{_NOT_A_FILM})\b)", re.IGNORECASE)
#: A bare number after a numbered film of a series ("toy story 1 and 2 yes, 3 made me sob", "rocky 1-4, skip 5").
_ONE_NUMBER = r"[1-9](?![\w%/:'’]|[.,-]\d)"
#: After a number, the words that make it a count or a score, not a sequel's number ("4 times", "3 stars").
COUNTED = re.compile(r"\s*(?:x|times|hours?|hrs?|h|mins?|minutes|stars?|out|years?|yrs?|yo|of|people|kids|am|pm|%|th|st|nd|rd|/|"
                     r"films?|movies?|ones|episodes?|seasons?|nights?|days?|weeks?)\b",
                     re.IGNORECASE)
NUMBER_AFTER = re.compile(
    rf"(?:[,;&+/]|\b(?:and|or|but|skip|not|except|then|plus|nor|vs|than|no|yes|only|part"
    rf"|loved|liked|adored|enjoyed|hated|disliked|saw|seen|watched|rewatched))\s*"  # "Is Toy Story 3 too sad? She adored 1 and 2."
    rf"(?P<run>{_ONE_NUMBER}(?:(?:\s*[,&+]\s*|\s+(?:and|or)\s+|\s+){_ONE_NUMBER})*)(?!{COUNTED.pattern})",
    re.IGNORECASE)


def by_number(explicit: Mapping[int, int], ordered: Sequence[int], limit: int = MAX_NUMBER) -> dict[int, int]:
    """Number -> film of one series. `explicit` are the numbers its titles carry (the name alone is 1
    when the sequels are numbered); `ordered` is every film of the series worth counting, numbered ones
    included, in release order. A number no title carries is the film that many places after the last
    numbered one before it, provided the films between two numbered ones are exactly as many as the
    numbers between them (so *Alien Nation* never becomes "alien 2")."""
    out = dict(explicit)
    numbered = set(explicit.values())
    position = {item: k for k, item in enumerate(ordered)}
    for n in range(1, limit + 1):
        if n in out:
            continue
        below = max((k for k in explicit if k < n), default=0)
        above = min((k for k in explicit if k > n), default=None)
        start = position[explicit[below]] + 1 if below else 0
        stop = position[explicit[above]] if above is not None else len(ordered)
        between = [i for i in ordered[start:stop] if i not in numbered]
        if above is not None and len(between) != above - below - 1:
            continue
        if n - below - 1 < len(between):
            out[n] = between[n - below - 1]
    return dict(sorted(out.items()))


def first_films(films: Mapping[int, int], count: int) -> list[int]:
    """The first `count` films of a series numbered by `by_number`, as many as it has."""
    return [films[n] for n in range(1, count + 1) if n in films]
