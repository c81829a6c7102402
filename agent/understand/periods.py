"""Times people name by what happened in them rather than by their years: "the Reagan years", "when VHS was
king", "the decade of disco", "older than the moon landing", "post-9/11". Each is a range of release years
(an event is one year); the words around it make it a bound as they do a year ("before the Reagan years")."""

from __future__ import annotations

import re

_IN_OFFICE = (r"(?:years|era|days|administration|presidency|america|(?:was|were) (?:president|in office|in power|in charge|in the white house)"
              r"|ran (?:the country|america|things)|in the white house)")


def _leader(names: str) -> str:
    """A head of government's time: "the Reagan years", "when Clinton was president", "Obama's two terms"."""
    return rf"\b(?:(?:while|when)\s+)?(?:{names})(?:['’]s)?(?:\s+(?:two\s+|first\s+|second\s+)?terms?\b|\s+{_IN_OFFICE}\b)"


#: (pattern, first year, last year).
PERIODS: tuple[tuple[re.Pattern[str], int, int], ...] = tuple((re.compile(p, re.IGNORECASE), low, high) for p, low, high in (
    (_leader(r"eisenhower|ike"), 1953, 1960),
    (_leader(r"kennedy|jfk"), 1961, 1963),
    (_leader(r"nixon"), 1969, 1974),
    (_leader(r"carter"), 1977, 1980),
    (_leader(r"reagan"), 1981, 1989),
    (_leader(r"clinton"), 1993, 2000),
    (_leader(r"obama"), 2009, 2016),
    (_leader(r"thatcher|maggie"), 1979, 1990),
    (r"\b(?:the\s+)?(?:disco\s+(?:era|years|days|decade)|decade of disco|heyday of disco)\b", 1970, 1979),
    (r"\b(?:when\s+(?:vhs|video\s*tapes?|videos)\s+(?:was|were)\s+king|the\s+vhs\s+(?:era|years|days|age)|video\s+(?:shop|store|rental)\s+(?:era|days|years))\b",
     1980, 1989),
    (r"\bdot[\s\-]?com\s+(?:boom|bubble|years|era|days)\b", 1995, 2000),
    (r"\b(?:(?:while|when)\s+(?:the\s+)?(?:second world\s+)?war\s+was\s+(?:still\s+)?on|made\s+during\s+(?:the\s+)?(?:second world war|ww2|wwii))\b", 1939, 1945),
    # events, one year: "older than the moon landing", "post-9/11", "pre-internet"
    (r"\b(?:the\s+)?moon\s+landings?\b", 1969, 1969),
    (r"(?:(?<=\bpost-)|(?<=\bpost )|(?<=\bpre-)|(?<=\bpre ))9[/\-]11\b", 2001, 2001),
    (r"(?<=\bpre)[\s\-]?internet\b", 1995, 1995),
))


def period_spans(text: str) -> list[tuple[int, int, int, int]]:
    """Each named time in `text`: (start, end, first year, last year)."""
    return [(m.start(), m.end(), low, high) for pattern, low, high in PERIODS for m in pattern.finditer(text)]
