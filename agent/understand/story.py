"""Long messages that tell a story before they ask: only the asking sentences state the wish.

"Okay, bit of background first. ... Last week we did The Incredibles and the kids adored it. The week
before that my husband picked The Sound of Music ... So, basically: an animated adventure the four of us
can enjoy together, and nothing where they burst into song." The genres and years of the story are its
setting, not the request, and a film it names counts only where the sentence judges it.
"""

from __future__ import annotations

import re

LONG_WORDS = 60  # a message this long...
LONG_SENTENCES = 4  # ...in this many sentences may tell a story around its request

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
#: What makes a sentence ask: a wish in the first person, a request to the bot, a refusal, the turn to the request.
ASKING = re.compile(
    r"\b(?:(?:i|we)(?:'d| would| really| just| kind of| kinda| still| also)? (?:like|love|want|need|fancy|prefer)|"
    r"(?:i'm|i am|we're|we are) (?:after|looking|in the mood|hoping|thinking of|craving|up for|trying to find)|"
    r"what (?:i'm|i am|we're|we are|i|we) (?:really |actually )?(?:after|want|need)|"
    r"(?:can|could|would|will) you|find (?:me|us)|give (?:me|us)|show (?:me|us)|recommend|suggest|"
    r"something|anything|nothing|(?<!to )please|pls|plz|ideally|preferably|tonight|"
    r"this (?:time|week|weekend|month|evening)|next (?:week|time|weekend)|instead|(?:we|you) should|let'?s|no|(?:but|and) not)\b"
    r"|^\s*(?:so|anyway|basically|right)\s*[,:]|\bso basically\b|^\s*(?:and |but )?(?:not|definitely not|absolutely not)\b|\?"
    # a condition on the films: "Made in the 80s or the 90s.", "Has to be made before '65 though", "The 2000s would be ideal"
    r"|^\s*(?:made|released|filmed|has to be|have to be|must be|needs? to be|should be|still|only|fairly|within)\b"
    r"|\b(?:would|'d) be (?:ideal|perfect)\b"
    # a wish said as a bare phrase and a hedge ("A 90s romantic comedy maybe, ..."), a bonus asked for ("extra points if ...")
    r"|\b(?:maybe|perhaps|possibly)(?=\s*(?:[,.!?]|$))|\b(?:extra|bonus) (?:credit|points)\b|\bbonus if\b",
    re.IGNORECASE)
#: An asking sentence that points back at the sentence before it ("Can you find us one like that?", "Is it very slow?").
POINTS_BACK = re.compile(r"\b(?:it|that one|this one|like that|like those|like it|like them|same vein|similar|the same|some more|"
                         r"more of (?:those|them|these|that))\b", re.IGNORECASE)
SHORT_FOLLOW = 6  # a sentence this short right after an asking one goes on with it ("2000 onwards, say.")
#: What makes a story's sentence judge a film it names.
JUDGED = re.compile(
    r"\b(?:lov(?:e|ed|es|ing)|lik(?:e|ed|es)|enjoy(?:ed|s)?|ador(?:e|ed|es)|favou?rites?|great|amazing|brilliant|perfect|best|"
    r"wonderful|splendid|magnificent|marvell?ous|superb|never forg(?:o|e)t(?:ten)?|"
    r"hat(?:e|ed|es)|disliked?|boring|awful|terrible|dull|a mess|too long|couldn'?t|never (?:again|watching)|walked out|"
    r"switch(?:ed)? (?:it )?off|bailed|wasn'?t|didn'?t|not|obsessed|hooked|cried|stopped talking about|"
    # "was a hit", "went down a treat", "everyone loathed it", "half the room was bored stiff", "Yes to Halloween"
    r"(?:a |big |huge )?hit|a treat|loath(?:e|ed|es)|bored|slog|flop|dud|disaster|rubbish|dreadful|fun|incredible|fantastic|lovely|"
    r"excellent|gripped|terrified|overrated|yes to|no to)\b", re.IGNORECASE)


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of `text` as spans."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def story_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of a long message that tell rather than ask, when some other sentence asks;
    nothing for a short message or one where no sentence asks."""
    spans = sentences(text)
    if len(spans) < LONG_SENTENCES or len(text.split()) < LONG_WORDS:
        return []
    asking = [bool(ASKING.search(text[a:b].strip())) for a, b in spans]
    if not any(asking):
        return []
    for k in range(len(spans) - 1, 0, -1):  # the sentence an asking one points back at is part of the request
        if asking[k] and POINTS_BACK.search(text, *spans[k]):
            asking[k - 1] = True
    for k in range(1, len(spans)):
        if asking[k - 1] and len(text[slice(*spans[k])].split()) <= SHORT_FOLLOW:
            asking[k] = True
    return [span for span, asks in zip(spans, asking) if not asks]


_CLAUSE_BREAK = re.compile(r",\s*(?:and|but)\b|;|\bbut\b", re.IGNORECASE)


def judged(text: str, span: tuple[int, int], position: int) -> bool:
    """Whether the clause of a story's sentence that holds `position` passes a verdict ("the kids adored
    it", "I found it rather a mess"; not "My sister keeps recommending Casablanca, and ... loved it")."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, span[0], position)), default=span[0])
    following = _CLAUSE_BREAK.search(text, position, span[1])
    return bool(JUDGED.search(text, start, following.start() if following else span[1]))
