"""Times people name by what happened in them rather than by their years: "the Reagan years", "when VHS was
king", "the decade of disco", "older than the moon landing", "post-9/11". Each is a range of release years
(an event is one year); the words around it make it a bound as they do a year ("before the Reagan years")."""

from __future__ import annotations

import re

_IN_OFFICE = (r"(?:years|era|days|administration|presidency|america|(?:was|were) (?:president|in office|in power|in charge|in the white house)"
              r"|ran (?:the country|america|things)|in the white house)")


def _leader(names: str) -> str:
    """A head of government's time: "the Reagan years", "when Clinton was president", "Obama's two terms"."""
    return rf"\b(?:(?:while|when)\s+)?(?:{names})(?:['’]s)?(?:\s+(?:two\s+|first\s+|second\s+)?terms?\b|[\s\-]+{_IN_OFFICE}\b)"


#: The second world war by name ("the war" alone only in `(while|when) the war was on`: "made during the war in Bosnia" is none).
_WW2 = r"(?:the\s+)?(?:second\s+world\s+war|ww2|wwii|world\s+war\s+(?:ii|two|2))"


def _away_at_war(places: str) -> str:
    """Someone's time at a war, said by where they served: "when my grandad was out in Korea" (not "when we were in
    Korea on holiday")."""
    return rf"\b(?:while|when)\s+(?:[\w'’]+\s+){{1,3}}?(?:was|were)\s+(?:out|serving|fighting|stationed|posted|deployed)\s+in\s+(?:{places})\b"


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
    (rf"\b(?:(?:while|when)\s+(?:{_WW2}|the\s+war)\s+was\s+(?:still\s+)?(?:going\s+)?on|made\s+during\s+{_WW2})\b", 1939, 1945),
    # wars and hard times (a wartime needs words saying the films were made then; a film set in or about any of them is none)
    (r"\b(?:(?:while|when)\s+(?:the\s+)?korean\s+war\s+was\s+(?:still\s+)?(?:on|being\s+fought)|(?:made|released)\s+during\s+the\s+korean\s+war)\b", 1950, 1953),
    (r"\b(?:(?:made|released)\s+during\s+the\s+cold\s+war(?:\s+itself)?)\b", 1947, 1991),
    # ...or someone's time in one: "when my grandad was out in Korea", "while Dad was serving in Vietnam"
    (_away_at_war("korea"), 1950, 1953),
    (_away_at_war("vietnam|nam"), 1965, 1973),
    (r"\b(?:the\s+)?(?:gap\s+)?between\s+the\s+(?:two\s+)?(?:world\s+)?wars\b|\binter-?war\s+(?:years|period|era)\b", 1919, 1938),
    (r"\b(?:the\s+)?(?:great\s+depression|depression\s+(?:years|era))\b", 1929, 1939),
    (r"\bthe\s+blitz\b", 1940, 1941),
    (r"\b(?:the\s+)?miners['’]?\s+strike\b", 1984, 1985),
    # events, one year: "older than the moon landing", "post-9/11", "pre-internet", "the year the Berlin Wall fell"
    (r"\b(?:the\s+)?moon\s+landings?\b|\b(?:armstrong|a\s+man)\s+(?:walked|landed|set\s+foot)\s+on\s+the\s+moon\b", 1969, 1969),
    (r"\b(?:the\s+)?(?:berlin\s+)?wall\s+(?:fell|came\s+down)\b|\bfall\s+of\s+the\s+(?:berlin\s+)?wall\b", 1989, 1989),
    (r"\b(?:the\s+)?fall\s+of\s+saigon\b", 1975, 1975),
    (r"\b(?:the\s+)?watergate\s+break-?in\b", 1972, 1972),
    (r"\bnixon['’]?s\s+resignation\b|\bnixon\s+resigned\b", 1974, 1974),
    (r"\bpearl\s+harbou?r\b", 1941, 1941),
    (r"\bd-?day\b", 1944, 1944),
    (r"\bve\s+day\b", 1945, 1945),
    (r"\b(?:kennedy|jfk)\s+(?:was\s+)?(?:shot|assassinated|killed)\b", 1963, 1963),
    (r"\b(?:the\s+)?(?:queen|elizabeth(?:\s+ii)?)\s+was\s+crowned\b", 1953, 1953),
    (r"\b(?:the\s+)?soviet\s+union\s+(?:was\s+)?(?:dissolved|collapsed|fell\s+apart|broke\s+up|ended)\b", 1991, 1991),
    (r"\bthe\s+(?:2008\s+(?:financial\s+)?|financial\s+)(?:crash|crisis)\b", 2008, 2008),
    (r"\bhitler\s+(?:took|came\s+to|seized)\s+power\b", 1933, 1933),
    (r"(?:(?<=\bpost-)|(?<=\bpost )|(?<=\bpre-)|(?<=\bpre )|(?<=\bbetween ))9[/\-]11\b", 2001, 2001),
    (r"(?<=\bpre)[\s\-]?internet\b|(?<=\bbefore\s)(?:the\s+(?:internet|web)|every(?:one|body)\s+(?:was|went|got)\s+online)\b", 1995, 1995),
    # "pre-war only": made before the second world war ("a drama set in pre-war Berlin" is where it happens)
    (r"(?<=\bpre)(?<!set in pre)(?<!about pre)(?<!during pre)(?<!in a pre)[\s\-]?war\b(?!\s+(?:on|against|with)\b)", 1939, 1939),
))


def period_spans(text: str) -> list[tuple[int, int, int, int]]:
    """Each named time in `text`: (start, end, first year, last year)."""
    return [(m.start(), m.end(), low, high) for pattern, low, high in PERIODS for m in pattern.finditer(text)]
