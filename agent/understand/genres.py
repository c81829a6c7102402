"""Genres wanted, avoided and required together, and the catalog tags a message names.

Reads text whose title and era spans are already masked (so "The City of Lost Children" never
adds Children). Two layers: the lexicon (exact phrases, high precision), then `ConceptIndex`
(cosine of the remaining phrases to genre prototypes and tags) for words no list has. Negation is
scoped to its clause: a negator earlier in the same clause ("nothing too scary", "no romance or
horror") or a rejection right after ("romance is not my thing").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from collections.abc import Iterator, Sequence
from typing import Literal

from agent.understand.concepts import ConceptIndex, Phrase, phrases
from agent.understand.languages import NEGATORS as OTHER_NEGATORS
from agent.understand.languages import OTHER_LANGUAGES
from agent.understand.lexicon import (ALTERNATIVE, CHANGE_OF_MIND, CONTENT_ONLY, GENRE_PHRASES, JUDGED_BADLY, JUDGED_WELL, LIST_REFUSED_AFTER, MEASURED, MIX,
                                      NEGATION_AFTER, NEGATORS, QUESTION, REFUSED_UNLESS_MEASURED, REMOVE, STRONG,
                                      VERDICT_ALONE)
from agent.understand.numbers import TEENS, UNITS

GenreMode = Literal["any", "all", "unsaid"]
#: Where a genre span comes from: the lexicon, the meaning index, or a phrase that refuses by itself ("live action",
#: "for adults"), whose refusal no list carries on.
SpanSource = Literal["lexicon", "concept", "refusing", "cue"]

#: English genre phrases and those of the languages people mix in ("una de miedo", "ein Krimi").
_PHRASES = {**GENRE_PHRASES, **OTHER_LANGUAGES}
_STRONG = STRONG | {phrase for phrase, genres in OTHER_LANGUAGES.items() if genres}
_LEXICON = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(p) for p in sorted(_PHRASES, key=len, reverse=True)) + r")(?:e?s)?(?![\w])",
    re.IGNORECASE,
)
#: A refusal in English or in another language ("sin romance", "bitte keine Komödie").
_REFUSING = rf"(?<![\w-])(?<!\w')(?:{NEGATORS}|{OTHER_NEGATORS})"
_REFUSAL = re.compile(rf"{_REFUSING}(?![\w'-])", re.IGNORECASE)  # "add 'no animated'"
_REFUSAL_ENDS = re.compile(rf"{_REFUSING}\s*$", re.IGNORECASE)  # ...that ends a stretch of text ("no 👻 horror")
#: The marks that cross a refused item out ("❌ gore"), part of `CROSSED`.
CROSSED_MARKS = "[☐□☒❌✗✘⛔🚫]"
#: A run of emoji ends a clause ("no more superhero junk 🙄 need a puzzler"), unless a list goes on after it ("nothing
#: scary 😬 or sad"); not the marks that cross a refused item out, and not right after a refusal, before the word it
#: decorates (`clause_before`: "no 👻 horror").
_EMOJI_CHAR = r"[\U0001F300-\U0001FAFF\u2600-\u27BF]"
_EMOJI_BREAK = rf"(?!{CROSSED_MARKS}){_EMOJI_CHAR}(?:[\uFE0F\u200D]|\s*{_EMOJI_CHAR})*+(?!\s*(?:or|and|nor|&)\s)"
_EMOJI = re.compile(_EMOJI_BREAK)
_CLAUSE_END = re.compile(
    rf"[,.;:!?()\n]|{_EMOJI_BREAK}|(?:^|\s)/(?=[a-z])|(?<!anything)(?<!everything)(?<!any genre)\sbut\s|\sor\s+(?=(?:he|she|they|we|i|you|it)(?:'\w+)?\s)|\s(?:and|though|although|however|yet|whereas|while|just|only|rather(?!\s+(?:we|you|i|they)\s+(?:didn'?t|did not|don'?t)\b)(?!\s+(?:if\s+)?(?:it|they|the (?:film|movie))\s+(?:wasn'?t|weren'?t|was not|were not|didn'?t|did not|isn'?t|is not|wouldn'?t|would not)\b)(?!\s+than\b))\s|(?<!\bnot)(?<!\bam)(?<!\bim)(?<!['’]m)(?<!\bare)(?<!['’]re)(?<!\bis)(?<!\bwas)\sso\s|\s[-–]\s|\s?—\s?|\s--\s|(?<!thing)(?<!think)\s(?=(?:i|we) (?:want|need|wanna)\b)|(?<!\bnot)(?<!n't)(?<!nt)(?<!\bnever)(?<!\breally)(?<!\bactually)(?<!\beven)(?<!\bi)(?<!\bwe)\s(?=(?:want|wanna|gimme)\s)",
    re.IGNORECASE)  # "anything but horror" is one refusal
#: A child's age: "for my 6 year old", "my son is 7", "kids (7 and 10)", "ages 4 to 12", "he's five".
_AGE_WORDS = {**UNITS, **TEENS}
_AGE = r"(\d{1,2}|" + "|".join(_AGE_WORDS) + r")"
CHILD_AGE_MAX = 11  # a child this old or younger asks for Children; twelve-year-olds and teenagers do not (the corpus rule)
_CHILD = r"(?:son|daughter|nephew|niece|boy|girl|kid|child|little one|toddler|(?:little |lil |baby |kid )?(?:brother|sister|bro|sis))s?"  # ("my nephews (7 and 9)")
CHILD_AGE = re.compile(
    rf"(?<!\bfor )(?<!\bin )(?<!\bover )(?<!\blast )(?<!\bpast )(?<!\bnext )(?<!\bevery )(?<!\bafter )(?<!\bwithin )(?<!\bsince )"  # "on a loop for three years", "learning since one year": how long
    rf"(?<!\bfor about )(?<!\bfor nearly )(?<!\bfor almost )(?<!\bfor over )(?<!\bfor like )"  # "nagged me for about eight years"
    rf"\b{_AGE}[\s\-]*(?:yo\b|(?:years?|yrs?)(?:[\s\-]*(?:old|olds)\b|\b(?!\s+(?:ago|later|earlier|sooner|older|newer|younger|back|forwards?|before|after|either|each|on either|on each|of (?!age\b))\b)))"
    rf"|\b(?:{_CHILD}|grandson|gran(?:d-?)?daughter|kids|children|he|she|twins|triplets|grandkids|grandchildren|kiddos|pupils)"
    rf"(?:(?:'s|\s+is|\s+are|\s+who'?s|\s+who is|\s+aged|\s+has)\s*\(?\s*|\s*\(?\s*(?!one\b))"  # ("a little kid one" is a film for one)
    rf"{_AGE}(?:st|nd|rd|th)?\b(?!\s*(?:%|years? ago|minutes|hours)|\s+of\b)"
    rf"|\b(?:youngest|eldest|oldest|middle)(?:\s+one)?(?:'s|\s+is|\s+who'?s|\s+who is)\s*\(?\s*{_AGE}\b(?!\s+of\b)"  # "youngest is 4"
    rf"|\bages?\s+{_AGE}\b"
    rf"|\b(?:they'?re|they are|who are|all|both|aged)\s+{_AGE}\s*(?:and|or|to|&|-|–)\s*{_AGE}\b(?!\s*(?:%|minutes|hours|years? ago))"
    rf"|\b(?:{_CHILD}|twins|triplets|kids|children|grandson|granddaughter)\s+(?:turns?|turning|is turning|are turning)\s+{_AGE}\b"
    rf"|\b(?:{_CHILD})(?:\s+[a-z]+){{1,3}}\s*\(\s*{_AGE}\s*\)"  # "kid at home (8)"
    rf"|\b(?:{_CHILD}|kids|children|grandkids|grandchildren|twins)\s*,\s*{_AGE}\s*(?:and|&|,)\s*{_AGE}\b(?!\s*(?:%|minutes|hours|years? ago))"  # "two girls, 6 and 9"
    # "movie night with my two (6 and 9)", "something for my pair, nine and six"
    rf"|\b(?:my|our)\s+(?:two|three|four|pair|brood)\s*[(,]?\s*{_AGE}\s*(?:and|&|,)\s*{_AGE}\b(?!\s*(?:%|minutes|hours|years? ago))",
    re.IGNORECASE,
)
#: Right before a child's age, a refusal of it ("not for a 6 year old", "nothing suitable for my 5 year old").
_REFUSED_AGE = re.compile(r"\b(?:not|nothing|no)\s+(?:for|suitable for)\s+(?:a|an|my|the|our)?\s*$", re.IGNORECASE)
#: Between two genre words: the second is in the first one's list ("except kids films and animation").
_SAME_LIST = re.compile(r"^\s*(?:(?:films?|movies?|stuff|ones|flicks?|stories)\s+)?(?:and|or|nor|&)(?:\s+(?:no|not|any|anything))?\s*$", re.IGNORECASE)
#: A refusal's list continued in a fragment of its own: "... are dead to me. and horror." / "Or westerns."
_ADDED_FRAGMENT = re.compile(r"[.!?;]\s*(?:and|or|nor|also|plus)(?:\s+(?:no|not|any))?\s*$", re.IGNORECASE)
_FRAGMENT_END = re.compile(r"\s*(?:too|either|as well)?\s*(?:[.!?;]|$)", re.IGNORECASE)
UNAVOID = re.compile(
    r"(?:(?P<g1>\w(?:[\w\- ]|s'(?= (?:stuff|films?|movies?|ones|things|flicks|shows|cartoons)\b)){2,24}?)(?:\s+(?:is|are|would be)|(?<!\bshe)(?<!\bhe)(?<!\bit)(?<!\bthat)(?<!\bthis)(?<!\bwhat)(?<!\bthere)(?<!\bwho)(?<!\bone)['’]s)\s+(?:(?:totally|perfectly|absolutely|completely|also|now)\s+)?(?:fine|ok|okay|alright|allowed|acceptable|not off the table|back on(?: the (?:table|menu|cards|list))?|back in\b)(?:\s+now|\s+after all|\s+too)?(?![,\s]+(?:preferred|even better|ideally|better still)\b))"  # "horror's back on the table"
    r"|(?:(?P<g6>\w[\w\- ]{2,24}?)\s+(?:i|we)\s+can\s+(?:do|live with|cope with|stomach)\b(?!\s+without\b))"  # "Crime I can do"
    r"|(?:(?:^|(?<=[.!?;:,]))\s*(?P<g7>\w[\w\- ]{2,24}?)\s+(?:i'?m|i am|we'?re|we are)\s+(?:fine|ok|okay|alright)\s+with\b)"  # "Sad I'm ok with"
    r"|(?:(?:^|(?<=[.!?;:,]))\s*(?!(?:no|not|nothing|never)\b)(?P<g9>\w[\w\- ]{2,24}?)\s+(?:allowed|permitted)(?=\s*(?:[,.;!?]|$)))"  # "Fine, animation allowed."
    r"|(?:(?:fine|ok|okay|happy)\s+with\s+(?P<g2>[\w\- ]{3,25}))"
    # "don't mind horror", "I have no objection to a frightening picture", "not that I dislike comedy", "it isn't that I hate romance"
    r"|(?:(?:(?:don'?t|do not)\s+mind|no\s+objections?\s+to|no\s+(?:problem|issue)s?\s+with|not\s+that\s+(?:i|we)\s+(?:dislike|hate|mind|don'?t\s+like)"
    r"|(?:isn'?t|is\s+not|['’]s\s+not)\s+that\s+(?:i|we)\s+(?:dislike|hate|don'?t\s+like))\s+(?P<g3>[\w\- ]{3,25}))"
    r"|(?:(?:forget|drop|scrap|ignore|lift)\s+the\s+no[- ](?P<g4>[\w'-]{3,20}?)\s+(?:rule|ban|thing|policy|bit|part))"  # "forget the no-kids rule"
    r"|(?:(?:forget|drop|scrap|ignore|lift)\s+the\s+(?P<g5>[\w'-]{3,20}?)\s+(?:ban|veto|embargo))"  # "forget the cartoon ban", "scrap the sci-fi ban"
    # "It doesn't have to be a thriller": not required, so neither wished nor refused (not "we don't need to be scared")
    r"|(?:(?:doesn'?t|does not|don'?t|do not|needn'?t|need not)\s+(?:(?:have|need)\s+to\s+)?be\s+an?\s+(?P<g8>[\w\- ]{3,25}?)(?=\s*(?:[,.;!?]|and\b|or\b|but\b|$)))"
    r"|(?:(?:doesn'?t|does not|don'?t|do not)\s+have\s+to\s+be\s+(?P<g10>[\w\- ]{3,25}?)(?=\s*(?:[,.;!?]|and\b|or\b|but\b|$)))",  # "... animated"
    re.IGNORECASE,
)
#: A dislike denied ("not that I dislike comedy", "it isn't that I hate romance") permits the genre unless the sentence
#: refuses it anyway after (`_REFUSED_ANYWAY`: "..., I just can't bear another one right now").
_DISLIKE_DENIED = re.compile(r"(?:not\s+that|(?:isn'?t|is\s+not|['’]s\s+not)\s+that)\b", re.IGNORECASE)
_REFUSED_ANYWAY = re.compile(r"\b(?:can'?t|cannot|don'?t|do not|won'?t|will not)\s+(?:\w+\s+)?(?:bear|stand|face|want|take|do)\b|\bno more\b"
                             r"|\bnot (?:tonight|now|right now|in the mood)\b|\bnot what (?:i|we)(?:'?m|'?re| am| are)? ?(?:want|after|looking for|in the mood for)\b",
                             re.IGNORECASE)
#: Words that end the clause before "... is fine": what they join is not what is allowed.
_PERMITTED_CLAUSE = re.compile(r"\b(?:so|but|because|since|though|although|except|apart from|other than|besides)\b", re.IGNORECASE)  # ("romance when it is funny is fine", "no problem with anything except horror")
_HYPHEN_NO = re.compile(r"(?<=\bno)-(?=[a-z])", re.IGNORECASE)
#: The mood lifted after a sad or heavy wish ("cheer me up instead", "I've cried enough this week"): a drama wished
#: before is taken back, not refused (`_lifted`).
LIFTED = re.compile(r"\b(?:cheer (?:me|us) up|upbeat|cried enough|enough (?:tears|crying)|no more (?:tears|crying))\b", re.IGNORECASE)
#: ...and words that lift it only beside another genre wished ("lighter than that. a crime comedy"): alone they may
#: ask for a lighter drama ("a bit grim, make it a bit lighter").
LIGHTER = re.compile(r"\b(?:lighter|less (?:heavy|sad|bleak|depressing)|too (?:heavy|sad|bleak|depressing|grim|dark))\b", re.IGNORECASE)
#: A sentence answered by a bare "No." ("Oh great, another musical suggestion. No.", "A western? Nope."): its genre is refused.
ANSWERED_NO = re.compile(r"[^.!?\n]*[.!?]+\s*(?:no|nope|nah|no thanks|no thank you|no way|hard pass)\s*(?:[.!]|$)", re.IGNORECASE)
#: "less" / "fewer" right before a word ("with fewer gunfights"), not in "more or less"...
_FEWER = re.compile(r"(?<!more or )\b(?:less|fewer)\s+(?:of\s+(?:the\s+)?)?$", re.IGNORECASE)
#: ...and "more" of something else after it: a trade ("fewer jokes and more sword fights"), no refusal.
_TRADED = re.compile(r"[^.;!?]*?(?:\band|,)\s+more\b", re.IGNORECASE)
#: Scornful words for children's films: said as a verdict they wish for nothing ("the harry potter ones are babyish now").
SCORNED_KIDS = frozenset({"babyish", "baby stuff", "baby movies", "baby films", "childish"})
#: A studio refused is one maker refused, not its kind of film ("like WALL-E, but not made by Pixar"); wished for, it
#: asks for the animation it makes.
STUDIOS = frozenset({"pixar", "ghibli", "studio ghibli"})
#: ...unless they are said to be added ("final answer: yes, and make it a comedy as well").
#: (not who else watches: "my mom wants to watch too. make it a thriller instead")
_ADDED_TOO = re.compile(r"\b(?:(?<!watch )(?<!watching )(?<!join )(?<!joining )(?<!come )(?<!coming )too|as well|also|add|plus)\b", re.IGNORECASE)
#: The writer's own mood before a refused "sad" ("I'm not sad, just bored"): no refusal of a kind of film.
_OWN_MOOD = re.compile(r"\b(?:i'?m|im|i am|we'?re|we are|feeling|i feel|we feel)\s+(?:not|never)\s+$", re.IGNORECASE)
REPLACE = re.compile(r"\b(?:instead|rather|switch(?:ing)? to|change (?:it )?to|how about|what about|now i want|actually|final answer|"
                     r"(?:i )?keep changing my mind|(?:(?<=^)|(?<=[.!?,;:] )|(?<=\bgo )|(?<=\bthen )|(?<=\bso ))back to(?! the drawing board| back| work| school))\b",
                     re.IGNORECASE)  # ("go back to the comedy", "she's in bed. back to the thriller plan"; not "watch them back to back")
#: "westerns only tonight": the genres said replace the ones wished (not who watches: "only ones w/ kids in mind"); not
#: "only a little", "he only likes the ones that are funny too".
_ONLY_BEFORE = re.compile(r"(?<!\bnot )(?<!\bif )\bonly\s+(?:the\s+|a\s+|an\s+|some\s+)?$", re.IGNORECASE)
_ONLY_AFTER = re.compile(r"(?:\s+(?:films?|movies?|ones?|stuff))?\s+only\b(?![^.!?]*\b(?:too|as well|also)\b)", re.IGNORECASE)


def _only(text: str, spans: Sequence["GenreSpan"]) -> bool:
    """A genre said with "only" next to it ("westerns only tonight", "only the horror ones"): it replaces the genres
    wished; not "only a little", "I only have an hour", "only ones w/ kids in mind" (who watches)."""
    return any(s.genres != ("Children",) and (_ONLY_BEFORE.search(text, max(0, s.start - 20), s.start) or _ONLY_AFTER.match(text, s.end))
               for s in spans)


@dataclass(frozen=True, slots=True)
class GenreSpan:
    start: int
    end: int
    genres: tuple[str, ...]
    source: SpanSource
    negated: bool = False
    strong: bool = True  # names the genre outright ("horror"), not a mood or a kind of it ("no laughs")
    content: bool = False  # a content word ("gore", "sad"): refused, it rules out no genre
    mood: bool = False  # a refused mood that rules a genre out ("nothing sad": Drama), softly (see `GenreRead.avoided_moods`)


@dataclass
class GenreRead:
    wanted: list[str] = field(default_factory=list)
    avoided: list[str] = field(default_factory=list)
    avoided_kinds: list[str] = field(default_factory=list)  # avoided only by a kind of it or a mood ("no possession stuff")
    avoided_moods: list[str] = field(default_factory=list)  # avoided only by a refused mood ("nothing sad": Drama)
    unavoided: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    mode: GenreMode = "unsaid"
    replace: bool = False
    tags: list[str] = field(default_factory=list)
    avoid_tags: list[str] = field(default_factory=list)
    spans: list[GenreSpan] = field(default_factory=list)
    plain: list[GenreSpan] = field(default_factory=list)  # lexicon phrases that name no genre ("comic book", "true story")


#: Where a sentence ends: "!", "?", ";", a new line, or a full stop that is not an abbreviation's ("Mrs. Doubtfire",
#: "Dr. Strangelove", "Kill Bill vol. 2"), an initialism's ("E.T.", "L.A. Confidential") or a decimal point ("7.5/10").
#: An initialism's last full stop ends a sentence when a sentence's opening word follows ("Loved E.T. Is Alien ok?").
#: The checks sit after the full stop, so a long run of text without one costs a character class per position.
SENTENCE_END = re.compile(r"[!?;\n]|\.(?:(?<!\.\w\.)(?i:(?<!\bmrs\.)(?<!\bmr\.)(?<!\bms\.)(?<!\bdr\.)(?<!\bst\.)(?<!\bvs\.)(?<!\bvol\.)(?<!\bjr\.))"
                          r"(?!\w\.)(?!(?<=\d\.)\d)|(?<=\.\w\.)(?=\s+(?:I|I'm|I've|It|It's|Is|Was|Are|Were|My|We|What|Which|Who|How|Any|"
                          r"Anything|Something|Can|Could|Would|Should|Do|Does|Did|Loved|Hated|Liked|Also|But|So|Please|Thanks|Not|No|Yes)\b))")


def _sentence_end(text: str, pos: int) -> int:
    end = SENTENCE_END.search(text, pos)
    return end.start() if end else len(text)


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts."""
    return max((m.end() for m in SENTENCE_END.finditer(text, 0, pos)), default=0)


#: How far back a clause is read: longer runs without a break are no sentence anyone writes ("war war war ..." x 500
#: took 5 s, each genre word reading back to the start).
CLAUSE_MAX_CHARS = 300


def clause_before(text: str, start: int) -> str:
    """The words of the same clause before `start` (at most `CLAUSE_MAX_CHARS` of them)."""
    head = text[:start]
    ends = list(_CLAUSE_END.finditer(head, max(0, start - CLAUSE_MAX_CHARS)))
    while ends and _EMOJI.fullmatch(ends[-1].group()) and not head[ends[-1].end():].strip() \
            and _REFUSAL_ENDS.search(head, ends[-2].end() if len(ends) > 1 else 0, ends[-1].start()):
        ends.pop()  # "no 👻 horror": the emoji decorates the word after a refusal (not "no horror 😂 comedy please")
    return head[ends[-1].end():] if ends else head[max(0, start - CLAUSE_MAX_CHARS):]



#: A refusal taken back in the same breath ("I wouldn't say I dislike sci-fi", "I'm not against a bit of romance").
HEDGE = re.compile(
    r"\b(?:(?:i|we) wouldn'?t say (?:i|we) (?:dislike|hate)|"
    r"(?:i'?m|i am|we'?re|we are) not against|(?:i|we) (?:have|'ve got) nothing against|nothing against|"
    # "not that I'm not up for a western, but a comedy tonight": the western is let be, not asked for
    r"not that (?:i'?m|i am|we'?re|we are) not|not dead set against|never said (?:i|we) didn'?t like)\b[^,.;!?]*$",
    re.IGNORECASE)
#: The viewers are adults: no film made for children ("fantasy for grown-ups", "a toon for grown folk").
ADULT_AUDIENCE = re.compile(
    r"(?:^|[,.;:!?]\s*|\b(?:films?|movies?|ones?|something|anything|stuff|pictures?|flicks?|toons?|cartoons?|anime|animation|animated|"
    r"fantasy|fairy ?tales?|things?|but|only|just|strictly|made|meant|aimed)\s+)(?P<audience>(?:for|4) (?:the )?(?:grown[- ]?ups|adults|grown[- ]?(?:folks?|people)|adult (?:people|persons?|viewers))"
    r"|make it (?:grown[- ]?up|adult))\b"
    r"|(?P<audience2>for (?:a |an )?(?:grown[- ]?up|adult|older) audience"
    r"|(?<!n't )(?<!not )(?:pitched|aimed) at (?:the )?(?:grown[- ]?ups|adults|grown[- ]?(?:folks?|people)|adult viewers|people my age)"
    r"|(?<=, )(?:grown[- ]?up|adult) ones(?= *[?.!,;]| *$)|for an audience of (?:adults|grown[- ]?ups)|(?<=\bbut )for an? (?:grown[- ]?up|adult)(?= *[?.!,;]| *$)"
    r"|(?<=\bproperly )(?:adult|grown[- ]?up))\b", re.IGNORECASE)


#: Said without punctuation, a refusal ends where a new wish starts ("not romantic something exciting",
#: "no horror at all okay um something mysterious"): a spoken pause, or "something" after the refused words.
_SPOKEN_RESTART = re.compile(r"\b(?:okay|ok|um+|uh+|erm|hmm+|something"
                             # a wish said without punctuation after the refused thing ("he hates horror make it an action one",
                             # "not the funny ones he wants proper westerns")
                             r"|make it|give (?:me|us)|find (?:me|us)|show (?:me|us)|(?:he|she|they|i|we)\s+(?:wants?|needs?|prefers?|would (?:like|prefer)))\b",
                             re.IGNORECASE)
#: Words that only carry a refusal on to its object ("don't want something scary", "no more of that"), no refused content.
_CARRIERS = frozenset("want wanna need like fancy feel watch see show give me us to a an the any really more of that those these it them with about involving "
                      "ever again when you u always that that'll thatll which who will would could might gonna".split())
# ("never ever show me a musical", "I hate it when you give me horror", "nothing that'll give me the creeps")


#: A condition whose consequence is a refusal: "if it's set in a fantasy kingdom, forget it".
IF_THEN_NO = re.compile(
    r"^[^.!?;]{0,40}?[,\s]\s*(?:forget it|no thanks|no thank you|(?:i'?m|we'?re) (?:also |just )?out|(?:also |then )?(?:no|nope|nah|pass)(?=\s*(?:[.!;]|$))|"
    r"(?:i|we) (?:\w+ )?(?:don'?t|do not) want (?:it|that|them)|count (?:me|us) out|no deal|"
    r"(?:i'?ll|we'?ll) (?:walk out|leave|switch (?:it )?off|turn (?:it )?off)|(?:i'?m|im|we'?re) (?:leaving|off|done|turning (?:it )?off|switching (?:it )?off|walking out))\b",
    re.IGNORECASE)


#: Written forms of a refusal (bot commands, forms, lists): a minus sign on the word ("/rec -horror"), an
#: unticked box ("[ ] horror", "☐ horror"), or a label that refuses ("not: musicals", "Avoid: puppets, musicals",
#: "Deal-breakers: war, horror", "list of what i DON'T want:" and its bullets).
_MINUS = re.compile(r"(?:^|[\s,;(/|])[-−–]$")
#: A box left empty or crossed out before a list item ("☐ horror", "[✗] cheesy", "❌ gore"); shared with the era reader.
CROSSED = rf"\[\s?\]|\[[✗✘]\]|{CROSSED_MARKS}"  # "[x]" is ticked, as in a markdown checklist
_UNTICKED = re.compile(rf"(?:{CROSSED})\s*$")
#: A label: words, then a colon ("Avoid: ..."); never across a run of spaces, where a masked title stood ("not ________: seen it").
_LABEL = re.compile(r"(?P<label>[A-Za-z](?:[A-Za-z'’\-]| (?! )|\((?=[A-Za-z][A-Za-z ]{0,20}\))|(?<=[A-Za-z])\)){0,38}?) ?:(?!\d)")
_REFUSING_LABEL = re.compile(
    r"\b(?:no-?go(?:es)?|deal-?breakers?|don'?t need|do not need|can'?t take|cannot take|cons|excl(?:ude|uding|usions?)?|hard limits?|limits|turn-?offs?|"
    r"red flags?|never|nope|nah|won'?t|will not|don'?t|do not|doesn'?t|does not|veto(?:es)?)\b", re.IGNORECASE)  # "What I don't: gore-fests"
#: Labels that refuse only as the whole label ("Out: superheroes", "Impossible: colour films"; not "Mission Impossible:").
_BARE_REFUSING_LABEL = re.compile(
    r"^\s*(?:(?:the\s+)?red list|unwanted|unacceptable|mustn'?t|must not|off the table|out|impossible|not allowed|forbidden|banned|vetoed|"
    r"no-nos?|rejected|thumbs down)\s*$", re.IGNORECASE)
#: Words that may follow a refusing label's cue without turning it into a thing refused ("Dealbreaker either way:").
_LABEL_TAIL = re.compile(r"^\s*(?:list\s+|lists\s+|again\s+)?\(?(?:either way|for (?:me|us|him|her|them|all|everyone|both|tonight|the kids|the children|the little ones)|"
                         r"though|tonight|please|seriously|honestly|sorry)?\)?\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)]|\[[\sxX✓]?\])\s*\S")


#: A sentence that adds to the list before it ("westerns too", "also musicals").
_ADDS_TO_LIST = r"[^.!?\n]*\b(?:too|as well|also|either)\b"
_ADDED_AFTER = re.compile(_ADDS_TO_LIST)
_NEW_SENTENCE = re.compile(rf"[.!?]\s+(?=[A-Z]|(?:more|something|anything|give|want|need|looking|recommend|suggest|pls|please)\b|(?!{_ADDS_TO_LIST})[^.!?:\n]*\?)"
                           r"(?![A-Z][A-Za-z'’\- ]{0,38}:)")  # "HATED: jury duty. more 80s comedies" wishes again
#: A full stop (or ! or ?) and the space after it: where `_NEW_SENTENCE` may begin.
_STOP = re.compile(r"[.!?]\s+")
#: A label opens its line, sentence or clause: "Something for the two of us that isn't trash: a 90s drama" has none.
_LABEL_OPENS = re.compile(r"(?:^|[.!?;:,\n(\-–—•*>\])&+/|]|\b(?:and|but|then|also|plus|&))\s*(?:\d+\s*)?$", re.IGNORECASE)  # ("3 films I hated:")


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def governing_label(text: str, start: int) -> str | None:
    """The label whose list `start` lies in ("Avoid: puppets, musicals", "Movies I hated:" over its
    bullet lines): the rest of a label's line up to the next label, or, when the label ends its line,
    the bullet lines under it."""
    label = _governing(text, start)
    return label["label"] if label is not None else None


def _governing(text: str, start: int) -> re.Match[str] | None:
    line = _line_start(text, start)
    labels: list[re.Match[str]] = []
    if text.find(":", line, min(len(text), start + 42)) >= 0:  # (no colon on the line so far: no label on it)
        if any(m.start() <= start < m.end() for m in _LABEL.finditer(text, max(line, start - 40), min(len(text), start + 42))):
            return None  # `start` is in a heading itself ("Love Actually: no. Pretty Woman: absolutely not.")
        labels = [m for m in _LABEL.finditer(text, line, start)
                  if m.start() == line or _LABEL_OPENS.search(text, max(line, m.start() - 16), m.start())]
    if not labels:  # a bullet line: the label that heads its list
        if not _BULLET.match(text[line:start + 1]):
            return None
        head = line - 1
        while head > 0:
            above = _line_start(text, head)
            row = text[above:head]
            if not _BULLET.match(row + " "):
                labels = [m for m in _LABEL.finditer(text, above, head) if not text[m.end():head].strip()]
                break
            head = above - 1
        if not labels:
            return None
    # (each full stop is read against the whole text: the sentence after it may begin right at `start`)
    stops = list(_STOP.finditer(text, labels[-1].end(), start))
    if any(_NEW_SENTENCE.match(text, stop.start()) for stop in stops):
        return None
    if stops and _REFUSAL.search(text, labels[-1].end(), stops[0].start()) and not _ADDED_AFTER.match(text, stops[0].end()):
        return None  # a list that says its own refusals ends with its sentence ("two vetoes: no subtitles. adventure film")
    return labels[-1]


def _refused_by_label(text: str, start: int) -> bool:
    """Whether `start` lies in what a refusing label introduces (`governing_label`)."""
    found = _governing(text, start)
    if found is None:
        return False
    label = found["label"]
    if _BARE_REFUSING_LABEL.match(label):
        return True
    cues = [*_REFUSAL.finditer(label), *_REFUSING_LABEL.finditer(label)]
    # the refusal ends the label ("Avoid", "what i DON'T want", "Cons I can't take"); a label that only
    # holds a refused thing ("a no-blubbing evening please", "no homework:") introduces no refusals
    mid_sentence = text[_line_start(text, found.start()):found.start()].rstrip().endswith(",")
    return any((len(label[c.end():].split()) <= 1 or _LABEL_TAIL.match(label[c.end():]))
               and not (mid_sentence and _NO_THING.match(label, c.start())) for c in cues)


#: "no" and one thing, after a comma: the label refuses that thing, not its list ("Plain wish tonight, no homework: a goofy
#: comedy"); one opening its sentence still refuses what follows ("No bueno: horror", "Zero tolerance: gore"), and so do
#: "no way:", "no thanks:" anywhere.
_NO_THING = re.compile(r"no\s+(?!(?:way|thanks|thank|thx|go|more|again|chance|please|ta|to|for|on)\b)[\w'’-]+\s*$", re.IGNORECASE)


def written_refusal(text: str, start: int) -> bool:
    """Whether `start` is refused by how it is written: a minus sign, a crossed or unticked box, a refusing label."""
    head = text[max(0, start - 4):start]
    return bool(_MINUS.search(text[max(0, start - 2):start]) or _UNTICKED.search(head) or _refused_by_label(text, start))


#: Two negatives that make a wish: "nothing that isn't a comedy", "I don't not like horror", "I wouldn't not watch a
#: musical", "not un-funny", "I'm not unmoved by a good war film", "I wouldn't say no to a sad one".
LITOTES = re.compile(
    r"(?:\b(?:nothing|none|no (?:film|movie)s?)\s+that\s+(?:isn'?t|is not|aren'?t|are not)\s+(?:a |an )?(?:\w+\s+)?"
    r"|\b(?:don'?t|do not|doesn'?t|does not|wouldn'?t|would not|didn'?t|did not|never)\s+not\s+(?:\w+\s+){0,3}"
    r"|\bnot\s+un-?|\bnot\s+unmoved\s+by\s+(?:a |an |the )?(?:\w+\s+)?"
    r"|\b(?:wouldn'?t|would not|'d not|would never)\s+(?:say no to|turn down|object to|refuse|mind)\s+(?:a |an |the |some )?(?:\w+\s+){0,2}"
    r"|\b(?:didn'?t|did not|never)\s+(?:say|said)\s+no\s+to\s+(?:a |an |the )?(?:\w+\s+)?"  # "I didn't say no to westerns, I said no to the long ones"
    # "I'd not turn my nose up at a western", "I'm not not in the mood for", "never one to turn down", "not that I'm not up for"
    r"|\b(?:(?:i'?d|i would|we'?d) not turn (?:my|our) noses? up at|not not|never one to turn down)\b[^,.;!?]*"
    # praise said with a negation: "nothing beats a thriller", "there's no such thing as too many heist movies", "without a
    # doubt the best genre is mystery"
    r"|\bnothing\s+(?:beats|tops|compares\s+to|comes\s+close\s+to)\s+(?:a |an |the |some |my )?(?:good |great |proper |decent )?(?:\w+\s+)?"
    # a refusal of all but the genre: "nobody here will watch anything but comedy", "we never want anything other than horror"
    r"|\b(?:nobody|no-?one|no one|none of us|never|don'?t|do not|doesn'?t|does not|won'?t|will not|wouldn'?t|would not|can'?t|cannot)"
    r"(?:\s+(?:here|in this house|really|ever|usually|normally|will|would|'ll|want to|wants to|going to|gonna))*"
    r"\s+(?:watch|see|want|show|put on|play|pick|choose|suggest|recommend|allow|stand|stomach|sit through)(?:\s+(?:me|us|him|her|them|you))?"
    r"\s+anything\s+(?:but|except|other than|apart from|besides)\s+(?:a |an |the |some )?(?:\w+\s+)?"
    r"|\bno\s+such\s+thing\s+as\s+(?:too\s+many|too\s+much|enough)\s+(?:\w+\s+)?|\bwithout\s+(?:a|any)\s+doubt,?\s+(?:the\s+|my\s+)?(?:best|greatest|finest|top|favou?rite)\b[^,.;!?]*)$",
    re.IGNORECASE)


#: What a film must not do, said with the doing inside the phrase read ("don't make me cry", "that won't make me jump").
_NOT_CAUSED = re.compile(r"\b(?:don'?t|do not|won'?t|wont|will not|doesn'?t|does not|shouldn'?t|should not|mustn'?t|must not|never)\s+$",
                         re.IGNORECASE)
_CAUSING = re.compile(r"(?:make|makes|give|gives|leave|leaves)\b", re.IGNORECASE)


def refused_before(text: str, start: int) -> bool:
    """A refusal in the clause before `start` that no new wish restarts ("I hate silent films", "sick of ...")."""
    before = clause_before(text, start)
    cues = [c for c in _REFUSAL.finditer(before) if not _UNSEEN.match(before, c.start())]
    return bool(cues) and not _restarted(before[cues[-1].end():])


def refused_after(text: str, end: int) -> re.Match[str] | None:
    """A refusal said right after what ends at `end` ("War films, no.", "... are just not my bag")."""
    return NEGATION_AFTER.match(text[end:end + 40])


def _negated(text: str, start: int, end: int) -> bool:
    before = clause_before(text, start)
    if LITOTES.search(before):
        return False
    if written_refusal(text, start) or _ANTI.search(text, 0, start):
        return True
    if refused_before(text, start):
        return True
    if _NOT_CAUSED.search(before) and _CAUSING.match(text, start):  # "don't make me cry", "won't give her nightmares"
        return True
    joined = before + text[start:end]  # a refusal that runs into the phrase read: "too old for" + "for kids"
    if any(c.start() < len(before) < c.end() for c in _REFUSAL.finditer(joined)):
        return True
    after = refused_after(text, end)
    if after and not (_LESS_THAN.match(after.group()) and _LESS.search(before[-12:])):  # "less horror than I'm after" wants more
        return True
    if _in_refused_list(text, start, end) or _list_refused_after(text, end) \
            or _kept_away(before, text[end:end + 30]) \
            or refusal_goes_on(text, start) or _refusal_lists_on(text, start, end):
        return True
    return conditional_refusal(text, start, end) or _said_no_one(text, end) or _unless_refused(text, start) or _so_refused(text, start)


_LESS_THAN = re.compile(r"\W*than\b", re.IGNORECASE)
#: One more refusal carried on by "so is": "Horror's out, romance is out and so is anything animated", "Westerns are out. So are musicals."
_SO_IS = re.compile(r"\bso\s+(?:is|are)\s+(?:(?:anything|any|all|the)\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_IS_OUT = re.compile(r"(?:\b(?:is|are)|['’](?:s|re))\s+(?:(?:right|totally|definitely)\s+)?(?:out|banned|off the table|off limits|a (?:hard |flat |firm )?(?:no|refusal))\b", re.IGNORECASE)
#: What is said of a genre ("is out", "'s great", "are a flat no"): the nearest one before "so is" is what carries on.
_PREDICATE = re.compile(r"(?:\b(?:is|are)|['’](?:s|re))\s+(?:(?:right|totally|definitely|so|really)\s+)?(?:a\s+)?(?:(?:hard|flat|firm)\s+)?[\w-]+", re.IGNORECASE)


def _so_refused(text: str, start: int) -> bool:
    """Whether "so is" before the genre carries on a refusal: the nearest thing said of a genre before it is that it is
    out ("Horror's out, romance is out and so is anything animated"; not "Horror is out, comedy is great and so is ...")."""
    said = _SO_IS.search(text, max(0, start - 30), start)
    if said is None:
        return False
    nearest = list(_PREDICATE.finditer(text, max(0, said.start() - 120), said.start()))
    return bool(nearest) and _IS_OUT.match(text, nearest[-1].start()) is not None


#: "unless" followed by what the film is or does ("unless it's a romcom", "unless they go comedic", "unless people burst into
#: song"), not by another offer ("unless you have a great thriller in mind", "unless there's a good horror out").
_UNLESS = re.compile(r"\bunless\s+(?:it|its|it'?s|they|they'?re|that'?s|this|that|the (?:film|movie|story|plot|ending)|people|someone|"
                     r"somebody|everyone|anyone|he|she)\b", re.IGNORECASE)
_JOINED_ON = re.compile(r"\b(?:and|but|or)$", re.IGNORECASE)


def _unless_refused(text: str, start: int) -> bool:
    """The genre is what calls a wish off: "a comedy from 2005, unless it's a romcom", "space films, unless they turn
    into a monster movie". Not when the clause before the "unless" refuses ("no westerns unless Clint's in them",
    "Nothing scary, unless the scares are played for laughs"): then it names the exception; and not when the "unless" opens
    its sentence ("Unless it's a comedy, I'm not interested"): a condition."""
    first = sentence_start(text, start)
    cues = list(_UNLESS.finditer(text, first, start))
    if not cues or re.search(r"[,;:]", text[cues[-1].end():start]) or len(re.findall(r"\w+", text[first:cues[-1].start()])) <= 1:
        return False
    head = text[:cues[-1].start()].rstrip(" ,\t\n")
    head = head[:len(head) - len(m.group())] if (m := _JOINED_ON.search(head[-4:])) else head  # "..., and unless"
    head = head.rstrip(" ,\t\n")
    clause = clause_before(head, len(head))
    return not any(not _UNSEEN.match(clause, c.start()) for c in _REFUSAL.finditer(clause))


#: Sarcasm undone at once: "what I really want after a long shift is a three-hour war epic. Said no one ever."
_SAID_NO_ONE = re.compile(r"\W*(?:said|says)\s+no(?:\s+|-)?one\s+ever\b", re.IGNORECASE)


def _said_no_one(text: str, end: int) -> bool:
    stop = SENTENCE_END.search(text, end)
    return stop is not None and bool(_SAID_NO_ONE.match(text, stop.end()))


#: "... and anything that might give her nightmares": one more thing refused after the first, unless welcomed.
_ANYTHING_ELSE = re.compile(r"\b(?:and|or|nor)\s+(?:also\s+)?anything\b[^,.;!?]*$", re.IGNORECASE)
_WELCOME = re.compile(r"\s*(?:\w+\s+)?(?:is|are|would be|'d be|'s)\s+(?:\w+\s+)?(?:fine|welcome|great|good|ok|okay|lovely|perfect|a bonus|a plus)\b",
                      re.IGNORECASE)


def _refusal_lists_on(text: str, start: int, end: int) -> bool:
    """The genre is in an "and anything ..." clause that goes on with a refusal earlier in its sentence ("vetoed
    anything with subtitles and anything that might give her nightmares", "avoid anything after 1979, and anything
    of a horrific character")."""
    first = sentence_start(text, start)
    more = _ANYTHING_ELSE.search(text, first, start)
    if not more or _WELCOME.match(text, end):
        return False
    return any(not _UNSEEN.match(text, c.start()) for c in _REFUSAL.finditer(text, first, more.start()))


def conditional_refusal(text: str, start: int, end: int) -> bool:
    """The span is the condition of a refusal: "if it's got singing, no", "if it was made after 1985 i don't want it"."""
    return bool(re.search(r"\bif\b", text[sentence_start(text, start):start], re.IGNORECASE) and IF_THEN_NO.match(text[end:end + 80]))


_KEEP = re.compile(r"\b(?:keep|keeps|kept|keeping)\s+(?:(?:the|all|any|your|those|these|them|their)\s+)?$", re.IGNORECASE)
_AWAY = re.compile(r"\s*(?:(?:films?|movies?|stuff|ones|flicks)\s+)?(?:well\s+|far\s+)?away\b", re.IGNORECASE)


def _kept_away(before: str, after: str) -> bool:
    """ "keep the whodunits away", "keep westerns well away": the genre between the verb and "away" is refused."""
    return bool(_KEEP.search(before) and _AWAY.match(after))


_OR_FRAGMENT = re.compile(r"\s*(?:or|nor)\b", re.IGNORECASE)  # used with .match
#: A short sentence that adds one more thing to the refusal before it: "Spare me the musicals. And the cartoons."
_AND_FRAGMENT = re.compile(r"(?![^.!?]*\b(?:is|are|was|were|am|be|has|have|had|can|will|would|do|does|did|loves?|likes?|wants?|needs?|hates?|prefers?|"
                           r"better|more|less|\w+er|\d+)\b)\s*(?:and|also|plus)\s+(?:also\s+)?(?:the\s+|any\s+|those\s+|all\s+(?:the\s+)?)?[\w'’-]+(?:\s+[\w'’-]+){0,2}\s*", re.IGNORECASE)
_NOT_AGAINST = re.compile(r"\bnot (?:like|that) (?:i'?m|i am|we'?re|we are)\b|\bnothing against\b", re.IGNORECASE)
_NEW_WISH = re.compile(r"\b(?:maybe|perhaps|instead|rather|prefer|a|an|some|something|just|like|want|fancy)\b", re.IGNORECASE)


def refusal_goes_on(text: str, start: int) -> bool:
    """A sentence that opens with "Or" goes on with the refusal of the sentence before it: "Can't face anything sad
    tonight. Or anything all-singing all-dancing.", "Don't suggest Titanic. Or The Notebook. Or anything where ..."."""
    bounds = [0, *(m.end() for m in SENTENCE_END.finditer(text, 0, start))]
    if len(bounds) < 2 or _NEW_WISH.search(text, bounds[-1], start):
        return False
    end = SENTENCE_END.search(text, start)
    if not (_OR_FRAGMENT.match(text, bounds[-1], start) or _AND_FRAGMENT.fullmatch(text, bounds[-1], end.start() if end else len(text))):
        return False
    for a, b in zip(reversed(bounds[:-1]), reversed(bounds[1:])):
        sentence = text[a:b]
        if _REFUSAL.search(sentence):
            return not _NOT_AGAINST.search(sentence)
        if not _OR_FRAGMENT.match(sentence):
            return False
    return False


#: The items of a refused list before its last one ("no lightsabers, laser fights or action"): short, with no new wish among them.
_LIST_ITEM = re.compile(r"^\s*(?:[\w'’-]+\s+){0,3}?[\w'’-]+\s*$")
_LAST_ITEM = re.compile(r"^\s*(?:(?:[\w'’-]+\s+){0,3}?[\w'’-]+\s+)?(?:or|nor|and)\s+(?:any\s+)?$", re.IGNORECASE)
_MIDDLE_ITEM = re.compile(r"^\s*(?:[\w'’-]+\s+){0,3}$")
_LIST_GOES_ON = re.compile(r"\s*,[^.!?;]{0,60}?\b(?:or|nor|and)\b|\s+(?:or|nor)\s", re.IGNORECASE)
#: What opens the first refused item, before the item itself: "not keen on anything with zombies or clowns, or any horror".
_REFUSED_HEAD = re.compile(r"^\s*(?:(?:keen on|into|fond of|a fan of|big on|up for)\s+)?"
                           r"(?:anything|any|films?|movies?|stuff)\s+(?:with|involving|featuring|that has|full of)\s+", re.IGNORECASE)
_WISH_IN_LIST = re.compile(r"\b(?:something|anything|just|want|wants|need|like|maybe|please|prefer|rather|instead|more|lots|plenty|some|"
                           r"but|only|love|loves|fancy|so|then|though|tho|oh|otherwise|a|an)\b", re.IGNORECASE)  # "no horror, a comedy or a drama"


def _in_refused_list(text: str, start: int, end: int) -> bool:
    """The genre at `start`..`end` is an item after the first of a list, written with commas, whose first item a
    refusal opens: "no lightsabers, laser fights or action", "without gore, jump scares, or horror of any kind"."""
    pieces = re.split(r",", text[sentence_start(text, start):start])
    if len(pieces) < 2 or _WISH_IN_LIST.search(pieces[-1]):
        return False
    goes_on = _LIST_GOES_ON.match(text, end)
    if not (_LAST_ITEM.match(pieces[-1]) or _MIDDLE_ITEM.match(pieces[-1]) and goes_on and not _REFUSAL.search(goes_on.group())):
        return False  # a middle item, not one before a new refusal ("no space ones, earthbound sci-fi, and not horror")
    for piece in reversed(pieces[:-1]):
        cues = list(_REFUSAL.finditer(piece))
        if cues:
            refused = _REFUSED_HEAD.sub("", piece[cues[-1].end():], count=1)
            return bool(_LIST_ITEM.match(refused)) and not _WISH_IN_LIST.search(refused)
        if not _LIST_ITEM.match(piece) or _WISH_IN_LIST.search(piece):
            return False
    return False


#: The items after a genre in a list ("horror, thrillers and big action", "war films and westerns"), up to where a
#: refusal of them all is said ("... are all out", "... I would like neither").
_LIST_AFTER = re.compile(r"(?:\s+(?:films?|movies?|stuff|flicks?|shows?|pictures?|ones))?"
                         r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:[\w'-]+\s+){0,2}[\w'-]+)+", re.IGNORECASE)
_LIST_JOINS = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+", re.IGNORECASE)


def _list_refused_after(text: str, end: int) -> bool:
    """The genre ending at `end` opens or goes on a list refused after its last item ("Horror, thrillers and big
    action are all out", "war films and westerns. I would like neither")."""
    window = text[end:end + 80]
    for stop in (m.end() for m in re.finditer(r"[\w'-]+", window)):
        if _LIST_AFTER.fullmatch(window, 0, stop) and LIST_REFUSED_AFTER.match(window[stop:stop + 40]):
            items = _LIST_JOINS.split(window[:stop])[1:]  # every later item names a genre, and none is a wish
            return not _WISH_IN_LIST.search(window[:stop]) and all(set(re.findall(r"[\w'-]+", item.lower())) & STRONG for item in items)
    return False


#: A limit on how much, not a refusal ("something creepy but not too creepy"), when the genre was just asked for.
_DEGREE = re.compile(r"\b(?:not|nothing|no)\s+(?:too|overly|so|that)\s+(?:\w+\s+)?$", re.IGNORECASE)
#: A genre word with "anti-" or "non-" fixed to it refuses the genre ("the most anti-romantic film you've got").
_ANTI = re.compile(r"\b(?:(?:anti|non)-?|un-)$", re.IGNORECASE)  # "un-scary" too
#: Inexperience is no refusal: "I have never seen a single western (and I feel like I should)".
_UNSEEN = re.compile(r"never\s+(?:(?:really|actually|properly|once|even)\s+)?(?:seen|watched|tried)\b", re.IGNORECASE)


#: Words that may stand before a genre named as the subject of a verdict ("Period dramas put me in a coma",
#: "Hard sci-fi clearly isn't for me", "all those superhero films..."): no wish word among them.
_SUBJECT_WORDS = frozenset("the these those all most any long old older new newer modern big hard period slow loud cheesy "
                           "sad dark soppy gory bloody violent sappy cute fancy arty anything".split())
#: What a genre as subject goes on to say: a film noun, then words up to the clause's end, which must
#: speak of the viewer ("... send me straight to sleep", "... and I have never got along").
_JUDGED_NOUN = re.compile(r"\s*(?:(?:films?|movies?|stuff|ones|flicks?|pictures?|shows?)\b)?", re.IGNORECASE)
_REPORTED = re.compile(r"^\s*(?:i|we|he|she|they|my \w+|his \w+|her \w+)\s+(?:think|thinks|find|finds|say|says|reckon|reckons|feel|feels)\s+(?:that\s+)?",
                       re.IGNORECASE)
_CLAUSE_OPENING = re.compile(r"^\s*(?:so|and|but|because|as|since|(?:even\s+)?though|although|honestly|frankly)\b", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r"[,;:()]|\s(?:and|but|whereas)\s", re.IGNORECASE)
_VIEWER = re.compile(r"\b(?:me|us|my|our|i|we|i'?m|we'?re|i'?ve|we'?ve|him|her|them|his|their)\b", re.IGNORECASE)  # one of the party too
_JUDGED_END = re.compile(r"[.,!?;()\n]|\s(?:but|so|though|although|whereas)\s", re.IGNORECASE)
#: ...and what shows it is no subject: a list goes on, the genre is qualified ("horror from the 80s"), or asked for.
_NOT_JUDGED = re.compile(r"^\s*(?:or|and(?!\s+(?:i|we)\b)|from|set|made|please|pls|for|to|that|which|like|as|in|\?|,|$)", re.IGNORECASE)
_JUDGED_MAX_WORDS = 14


def _judged_predicate(text: str, span: "GenreSpan") -> str | None:
    """What is said of a genre named as the subject of a sentence about the viewer ("westerns send me
    straight to sleep every time" -> "send me straight to sleep every time"); None when the genre is
    no such subject (a wish, a list item, an object)."""
    before = text[sentence_start(text, span.start):span.start]  # the subject of the sentence or of a clause after a comma
    before = _CLAUSE_OPENING.sub("", _CLAUSE_SPLIT.split(before)[-1])  # ("..., so musicals are wasted on me", "... and comedies annoy me")
    reported = _REPORTED.search(before)  # "He thinks romance is gross": someone's own verdict, said for them
    if any(w not in _SUBJECT_WORDS for w in re.findall(r"[\w']+", (before[reported.end():] if reported else before).lower())):
        return None
    rest = text[_JUDGED_NOUN.match(text, span.end).end():]
    alone = VERDICT_ALONE.match(rest)  # "... are a con", "... are so dull": a verdict that needs no viewer named
    end = _JUDGED_END.search(rest)
    predicate = alone.group().strip() if alone else rest[:end.start() if end else len(rest)].strip()
    if _NOT_JUDGED.match(rest) or not (reported or alone or _VIEWER.search(predicate)) or len(predicate.split()) > _JUDGED_MAX_WORDS:
        return None
    return predicate


#: The bad verdict said not to happen: "the songs didn't even annoy me", "musicals never bore me".
_VERDICT_NOT_SAID = re.compile(r"(?:n'?t|\bnot|\bnever)(?:\s+(?:even|really|ever|once))?\s+$", re.IGNORECASE)


def _bad_verdict(text: str, span: "GenreSpan") -> Literal["said", "denied"] | None:
    """Whether a genre named as the subject of a sentence about the viewer gets a bad verdict on what it does to them
    ("Period dramas put me in a coma"), one said not to happen ("the songs didn't even annoy me": neither a refusal
    nor a wish), or none."""
    said = text[span.start:span.end]
    if said.lower() in _PEOPLE or re.search(rf"\b{_AGE}\b", said, re.IGNORECASE):  # "the kids are bored", "(she's 7)": people
        return None
    predicate = _judged_predicate(text, span)
    verdict = JUDGED_BADLY.search(predicate) if predicate is not None else None
    if verdict is None or JUDGED_WELL.search(predicate):
        return None
    if not _VERDICT_NOT_SAID.search(predicate, 0, verdict.start()):
        return "said"
    # "musicals never bore me, they're great": denied and praised in the same sentence, a wish
    return None if _PRAISED_AFTER.match(text, span.end) else "denied"


#: Praise in the rest of the sentence after a genre: "..., they're great", "..., more please".
_PRAISED_AFTER = re.compile(r"[^.!?;]*?(?:\b(?<!no )(?<!not )(?:great|brilliant|fab|fabulous|wonderful|amazing|the best|fun|more please|more of them|love (?:them|it|'?em))\b"
                            r"|\b(?:i|we) (?:really |just )?(?:love|adore)\b)", re.IGNORECASE)


_PEOPLE = frozenset("kids kid children child family the kids".split())


def _restarted(between: str) -> bool:
    """Whether a new wish starts between a refusal and a genre word: a pause or "something" that
    follows refused content (not only words that carry the refusal on), or an article right after a
    refused genre ("no wait not horror a suspense thriller"; not "no horror or a slasher")."""
    for cue in _SPOKEN_RESTART.finditer(between):
        words = re.findall(r"[\w']+", between[:cue.start()].lower())
        if any(w not in _CARRIERS for w in words):
            return True
    return any(_ends_with_a_genre(between[:cue.start()]) for cue in _ARTICLE_RESTART.finditer(between))


#: Said without punctuation, an article right after a refused genre opens the next wish ("not horror a thriller"; not
#: "no horror or a slasher", "I can't sit through a musical").
_ARTICLE_RESTART = re.compile(r"\b(?:a|an)\b(?!\s+la\b)", re.IGNORECASE)
_FILM_NOUNS = frozenset("film films movie movies stuff ones flicks".split())


def _ends_with_a_genre(words_before: str) -> bool:
    """Whether the words end with a genre phrase, a film noun aside ("no horror films")."""
    words = re.findall(r"[\w'-]+", words_before.lower())[-4:]
    while words and words[-1] in _FILM_NOUNS:
        words.pop()
    phrases = (" ".join(words[-n:]) for n in (3, 2, 1) if len(words) >= n)
    return any(p in _PHRASES or p.removesuffix("s") in _PHRASES or p.removesuffix("es") in _PHRASES for p in phrases)


#: "too scary", "way too silly", "too much of a tearjerker": a complaint about the last films, neither a wish for
#: the genre nor (labels disagree, "too daft, but still a laugh") a refusal of it.
EXCESS = re.compile(r"\btoo\s+(?:much\s+(?:of\s+)?(?:a\s+|an\s+)?)?$", re.IGNORECASE)


#: Moods that name a genre alone ("something serious" is a drama) but only describe one said outright
#: ("these are too silly, a serious sci-fi"; "a dramatic crime film" stays a crime drama, labels say).
MODIFIER_MOODS = frozenset({"serious", "eerie"})


def _too_young(text: str, span: "GenreSpan") -> bool:
    """"too kiddy", "a bit too childish": the films are for younger viewers than these, so no Children."""
    return span.genres == ("Children",) and not span.negated and bool(EXCESS.search(text, 0, span.start))


#: Words that say "for children" only as a put-down: never a wish for Children ("they think it's babyish").
PUT_DOWNS = frozenset({"babyish", "childish", "juvenile", "juveniles"})


#: A wish doubted away in the same breath is no wish and no refusal: "maybe a comedy? or maybe not", "I was going to
#: say action, but honestly maybe not", "kind of fancying a western... nah, something else".
DOUBTED = re.compile(r"^[\s?,…]{0,4}(?:\w+\s+){0,2}?(?:(?:or|but)\s+)?(?:honestly\s+|actually\s+)?(?:maybe|perhaps|probably)\s+not\s*(?:[,.;!?…]|$)"
                     r"|^\s*(?:\.\.\.|…)\s*(?:nah|no|hmm no)\b", re.IGNORECASE)


def _hedged(text: str, span: "GenreSpan") -> bool:
    if not span.negated and (EXCESS.search(text, 0, span.start) or text[span.start:span.end].lower() in PUT_DOWNS):
        return True
    if DOUBTED.match(text[span.end:span.end + 40]):
        return True
    return bool(HEDGE.search(text, 0, span.start))


#: Tears told as what a film did ("war horse made me cry", "I cried more than the kids did", "my son
#: cried at Up", "bored me to tears"): an experience, not a wish for Drama.
_TEARS_TOLD = re.compile(
    r"\b(?:cried|cries|sobbed|wept|bawled|teared up|(?:made|had) (?:me|us|him|her|them|my \w+) (?:cry|sob|weep|tear up|bawl|crying|sobbing|bawling|in bits)|"
    r"bored (?:me|us) to tears|(?:crying|sobbing) for days)\b", re.IGNORECASE)
#: A question whose subject is a film pointed at ("is it a comedy?", "was that one sad?") or the bot ("are you a robot?").
_ABOUT_IT = re.compile(r"^\s*(?:(?:is|are|was|were|does|do|did|would|will)\s+(?:it|that|this|they|those|these)|(?:are|were)\s+you)\b", re.IGNORECASE)


#: Nightmares told as what happened ("the youngest had nightmares"): no wish for horror, and no refusal said either.
_NIGHTMARES_TOLD = re.compile(r"\bhad\s+(?:bad\s+)?(?:nightmares|bad dreams)\b"
                              # "The Polar Express, which creeped them both out": what a film did
                              r"|(?:\bwhich|\bit|,\s*that)\s+(?:really\s+|totally\s+|properly\s+)?(?:creeped|crept|scared|frightened|terrified|spooked|freaked)\s+"
                              r"(?:them|him|her|us|me|my\s+\w+)(?:\s+(?:both|all))?(?:\s+(?:out|silly|witless|stiff))?\b"
                              # "The Polar Express gave me the creeps", "gave my 6-year-old bad dreams" (not "one that gave me the creeps as a kid")
                              r"|(?<!\bthat )(?<!\bwhich )(?<!\bwhat )\bgave\s+(?:me|us|him|her|them|my\s+[\w-]+)\s+(?:the\s+(?:creeps|willies|heebie-jeebies)|bad\s+dreams|nightmares)\b",
                              re.IGNORECASE)


#: Nightmares a film is told not to have given: "Coraline never gave my kids bad dreams" (not "one that never gave me
#: nightmares", nor "doesn't give them nightmares", which ask).
_NO_NIGHTMARES_TOLD = re.compile(r"(?<!\bthat )(?<!\bwhich )\b(?:never|didn'?t|did not)\s+(?:once\s+)?(?:gave|give)\s+"
                                 r"(?:me|us|him|her|them|my\s+\w+|our\s+\w+|the\s+\w+)\s+(?:any\s+)?(?:bad\s+dreams|nightmares|the\s+creeps)\b",
                                 re.IGNORECASE)


def _told_reaction(text: str, span: "GenreSpan") -> bool:
    """Tears or nightmares told as what a film did (or did not do), not wished for."""
    if span.negated:  # only nightmares are told refused ("never gave my kids bad dreams")
        told = _NO_NIGHTMARES_TOLD if span.genres == ("Horror",) else None
    else:
        told = {("Drama",): _TEARS_TOLD, ("Horror",): _NIGHTMARES_TOLD}.get(span.genres)
    if told is None:
        return False
    return any(m.start() < span.end and span.start < m.end() for m in told.finditer(text, max(0, span.start - 30), span.end + 20))


#: A child writing for themselves: "im 9 and i LOVE dinosors", "i'm 10"; only a child's age counts ("I'm 30" is another matter).
SELF_AGE = re.compile(rf"\b(?:i'?m|i am)\s+(?:only\s+|just\s+)?{_AGE}\b(?!\s*(?:%|minutes|mins|hours|hrs|months|weeks|days|years? ago|"
                      rf"(?:in|on|at|of|out|pm|am|o'?clock|percent|episodes|films|movies|pages|chapters)\b|[:.]\d))", re.IGNORECASE)


#: What lasts a number of years said after it: "my boyfriend of four years", "been married 8 years".
_LASTING = re.compile(r"(?:\b(?:boyfriend|girlfriend|husband|wife|partner|fianc[eé]e?|marriage|relationship|friendship|friends?|job|career)\s+of"
                      r"|\b(?:married|together|dating|divorced|retired|working|living)(?:\s+for)?)\s*$", re.IGNORECASE)


_WRITER_THEN = re.compile(r"\b(?:i|we)\s+(?:was|were)\s+(?:(?:about|around|only|just|maybe|roughly|probably|like)\s+)*$", re.IGNORECASE)


def _child_ages(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Each age said of a child or of who is watching, with the words that say it."""
    for m in CHILD_AGE.finditer(text):
        if _LASTING.search(text, max(0, m.start() - 30), m.start()) or _WRITER_THEN.search(text, max(0, m.start() - 30), m.start()):
            continue  # "my boyfriend of four years": how long, not how old; "I was about 10 when I first saw Jaws": the writer then
        word = next(g for g in m.groups() if g).lower()
        yield m, int(word) if word.isdigit() else _AGE_WORDS[word]
    for m in SELF_AGE.finditer(text):
        age = int(m[1]) if m[1].isdigit() else _AGE_WORDS[m[1].lower()]
        if 3 <= age <= CHILD_AGE_MAX:
            yield m, age


def _grown(text: str) -> list[tuple[int, int]]:
    """Where "kids" are said to be teenagers ("My kids are 16 and 17", "kids (13, 15)"): no film for children."""
    return [(m.start(), m.end()) for m, age in _child_ages(text) if age > CHILD_AGE_MAX]


def age_spans(text: str, known: set[str]) -> list[GenreSpan]:
    """Children by the viewers' age: wanted for a child up to 11 ("for my 6 year old", "my son is 7"),
    refused for adults ("a fantasy for grown-ups")."""
    if "Children" not in known:
        return []
    out = []
    for m, age in _child_ages(text):
        if 1 <= age <= CHILD_AGE_MAX:  # refused only outright ("not for a 6 year old"), not by a refusal earlier in the clause
            out.append(GenreSpan(m.start(), m.end(), ("Children",), "lexicon", bool(_REFUSED_AGE.search(text, 0, m.start()))))
    out += [GenreSpan(m.start("audience") if m["audience"] else m.start("audience2"), m.end(), ("Children",), "refusing", True)
            for m in ADULT_AUDIENCE.finditer(text)]
    return out


#: Films with actors, asked for as such, refuse the cartoon: "live action only", "any good live-action films".
LIVE_ACTION = re.compile(r"\blive[- ]action\b(?!\s+(?:remake|version|one)\b)(?!(?:\s+(?:films?|movies?|ones?))?\s+(?:is|are|'s)\s+(?:fine|ok|okay|good)\b)",
                         re.IGNORECASE)  # ("live action is fine too": welcome, not asked for)


#: Children who are not watching, or only in a story: "the kids are at his mum's", "kids finally asleep", "my kids
#: were bored stiff", "I cried more than the kids did", "the kids start seeing things" (not "the kids will be watching").
KIDS_AWAY = re.compile(
    r"\b(?:kids|children|grandchildren|grandkids)(?=\s+(?:(?:are|were)\s+(?:finally\s+)?(?:asleep|away|out|at|in bed|on at|bored)\b"
    r"|finally\b|asleep\b|away\b|did\b|were\b|have (?:worn|gone|been)\b|start(?:ed)?\b"
    r"|(?:drove|wore|ran|ground|tired)\s+(?:me|us)\b|(?:went|go|gone|have gone|'ve gone)\s+(?:to bed|up)\b))", re.IGNORECASE)
#: Children in the story: "nothing bad happening to children".
KIDS_IN_STORY = re.compile(r"\b(?:happens?|happening|happened|done|befalls?)\s+to\s+(?:the\s+|any\s+|little\s+)?(?P<kids>kids|children)\b",
                           re.IGNORECASE)
#: Children coped with, not a refused genre: "I couldn't cope with the kids today", "after wrangling my kids all day" (not
#: "something I can handle with the kids watching").
KIDS_HANDLED = re.compile(r"\b(?:(?:cope|coping|deal|dealing|put up|putting up)\s+with|handle|handling|wrangl\w*|chas(?:e|ed|ing)(?:\s+after)?)\s+"
                          r"(?:the|my|our|these|those|two|three)\s+(?:\w+\s+)?(?P<kids>kids|children)\b"
                          r"(?!'|\s+(?:films?|movies?|stuff|shows?|flicks?|cartoons?|fare|watching|around|present|there|too|as well)\b)", re.IGNORECASE)
#: Children a film does something to, refused or not: "Coraline never gave my kids bad dreams", "one that won't scare the
#: children" (not "nothing that scares kids' films fans").
KIDS_AFFECTED = re.compile(r"\b(?:(?P<gave>gave|give|gives|giving)|scared?|scares|scaring|frightened?|frightens|frightening|terrified|"
                           r"terrif(?:y|ies)|upset|upsets|upsetting)\s+(?:the|my|our|his|her|their)\s+(?:\w+\s+)?(?P<kids>kids|children)\b"
                           r"(?!'|\s+(?:films?|movies?|stuff|shows?|flicks?|cartoons?|fare)\b)"
                           # ...given only a fright ("gave my kids bad dreams"; not "something to give my kids a laugh")
                           r"(?(gave)\s+(?:any\s+)?(?:bad\s+dreams|nightmares|the\s+(?:creeps|willies)|a\s+(?:fright|scare)))", re.IGNORECASE)
#: Children had, not watching, refused or wished: "can't stomach horror since having kids", "then I had kids and stopped".
PARENTHOOD = re.compile(r"\b(?:since|then|when|after|before|once|until|till)\s+(?:i\s+|we\s+)?(?:had|having)\s+(?P<kids>kids|children)\b", re.IGNORECASE)


#: A taste left behind: "well I used to like westerns, but these days I'm more into crime" (not "I used to love horror as a
#: teenager", nor "my dad used to love them": those still ask).
_USED_TO_LIKE = re.compile(r"\bused to (?:like|love|enjoy|adore|be into)\s+(?:\w+\s+)?$", re.IGNORECASE)
_BUT_NOW = re.compile(r"\W*\s*but\s+(?:these days|nowadays|now|lately|recently)\b[^.!?]{0,20}\b(?:more into|prefer|rather|into)\b", re.IGNORECASE)


#: The writer's own childhood, not who watches: "we queued for it as youngsters", "when we were kids".
CHILDHOOD = re.compile(r"\b(?:as|when\s+(?:i|we)\s+(?:was|were))\s+(?:(?:a|little|young|small|wee)\s+)*"
                       r"(?:kids?|child|children|youngsters?|little ones?|nippers?|bairns?|weans?|lads?|boys?|girls?|tots?)\b", re.IGNORECASE)


#: Said right after a child or a child's age, the child is not watching: "Little one (5) will be asleep", "the 6 year old is at a sleepover".
_NOT_WATCHING = re.compile(r"\s*+\)?\s*+(?:will be|is|'s|are|were|was|has gone|have gone)\s+(?:already\s+|finally\s+)?"
                           r"(?:asleep|in bed|at (?:a |her |his )?(?:sleepover|nan'?s|gran'?s|grandma'?s|dad'?s|mum'?s|school)|away|out for the night|staying at)\b"
                           # "the kids aren't watching", "the little one won't be watching"
                           r"|\s*+\)?\s*+(?:aren'?t|isn'?t|are not|is not|won'?t be|will not be)\s+(?:watching|joining (?:us|me|in))(?=\s*(?:[,.;!?)]|$|so\b|tonight\b|this time\b))"
                           r"|\s*+\)?\s*+(?:in bed|asleep|tucked up)\b",  # "ankle biters in bed, horror time"
                           re.IGNORECASE)


#: Who watched, said with what a film did to them, is no wish for a children's film: "the whole family enjoyed",
#: "all the family cried", "the kids made us watch stuart little 2 twice", "my grandchildren made me sit through Avatar",
#: "the grandchildren say I must watch ...", "the grandchildren put on something last week".
_REACTED = re.compile(r"(?:(?:whole|all the|the)\s+)?family\s+(?:(?:all|really|both)\s+)?(?:loved|adored|enjoyed|cried|sobbed|laughed)\b"
                      r"|(?:kids|children|grandchildren|grandkids)\s+(?:(?:made|make)\s+(?:me|us)|showed\s+(?:me|us)"
                      r"|(?:say|says|said|tell|told|insist|insisted|reckon|think)\s+(?:that\s+)?(?:i|me)\s+(?:must|should|have to|need to|ought to)"
                      r"|put\s+on\s+(?:\w+\s+){1,3}?(?:last|yesterday|the other)\b)\b", re.IGNORECASE)


#: A refusal said to be whole ("skip space entirely", "no singing, full stop").
_WHOLLY = re.compile(r"\s*,?\s*(?:entirely|at all|full stop|whatsoever|altogether|period|of any kind)\b", re.IGNORECASE)


def _asked_before(text: str, wanted: GenreSpan, refused: GenreSpan) -> bool:
    """`wanted` asks for the refused thing's genre earlier in its sentence, in a clause of its own, before any refusal
    ("space, survival, no aliens"; "with dancing in it, but not one where they burst into song" refuses the musical)."""
    return (set(refused.genres) <= set(wanted.genres) and wanted.genres != ("Children",)  # an age is no wish said outright
            and wanted.source != "concept"  # a word only near a genre's meaning ("with dancing in it") asks for none outright
            and sentence_start(text, refused.start) <= wanted.start < refused.start
            and bool(_CLAUSE_END.search(text, wanted.end, refused.start))
            and not _REFUSAL.search(text, sentence_start(text, wanted.start), wanted.start))


def _asked_after(text: str, wanted: GenreSpan, refused: GenreSpan) -> bool:
    """`wanted` asks for the refused thing's genre after it in spite of it, "but still" right before it ("no ghosts.
    But still spooky", "no zombies, but still something creepy"; not "no ghosts, the kids are 8 and still get nightmares from
    spooky stuff")."""
    return (set(refused.genres) <= set(wanted.genres) and wanted.genres != ("Children",) and wanted.source != "concept"
            and refused.end < wanted.start and (turn := _IN_SPITE.search(text, refused.end, wanted.start)) is not None
            and not _REFUSAL.search(text, turn.end(), wanted.start))


#: Between a thing refused and its genre asked for: "but still", "yet still", "and still", then at most a word or two that
#: say how much or what ("but still something creepy", "but still pretty spooky").
_IN_SPITE = re.compile(r"\b(?:but|yet|and)\s+still\s+(?:(?:a|an|some|something|pretty|quite|very|really|properly|kinda|bit|somewhat|seriously)\s+){0,2}$",
                       re.IGNORECASE)


#: What names a genre itself, not a thing films of it have ("horror", "romcoms", "kids' films"; not "aliens", "gore").
#: Narrower than lexicon.STRONG, which also counts moods and things that refuse a genre when negated ("scary", "cowboys").
GENRE_NAME = re.compile(
    r"(?:sci[- ]?fi|science[- ]fiction|sf|horrors?|comed(?:y|ies)|romances?|romantic|rom[- ]?coms?|romantic comed(?:y|ies)|dramas?|thrillers?|"
    r"westerns?|musicals?|documentar(?:y|ies)|docs?|war(?: films?| movies?| pictures?| stuff)?|crime|myster(?:y|ies)|fantasy|fantasies|"
    r"adventures?|action|animated|animation|cartoons?|anime|(?:kids'?|children'?s) (?:films?|movies?|stuff)|film[- ]noir|noir|"
    r"(?:horror|comedy|romance|drama|crime|war|action|fantasy|mystery|musical|western|sci-fi) (?:films?|movies?|flicks?|stuff|ones?))",
    re.IGNORECASE)


def _named_genre(text: str, span: GenreSpan) -> bool:
    """The span is a genre's own name ("horror", "war films"), not a mood or a thing its films have."""
    return GENRE_NAME.fullmatch(text[span.start:span.end].strip()) is not None


#: A reason against a genre just taken back makes it a refusal ("ok scrap the horror, my girlfriend hates it").
REASON_AGAINST = re.compile(
    r"\b(?:hates?|can'?t (?:stand|handle|take|bear)|cannot (?:stand|handle|take|bear)|(?:i'?m|i am) (?:a )?(?:wimp|coward|scaredy[- ]?cat)"
    r"|scared|never sleep|nightmares|too (?:scary|much for))\b", re.IGNORECASE)


#: Fear said of oneself or of who is watching refuses horror: "I get nightmares for weeks", "he frightens easily", "I'm a
#: total scaredy-cat", "horror films give me palpitations", "a cartoon she won't be frightened by". Imperatives still wish
#: ("give me nightmares"), so a film's effect counts only with what has it as its subject.
FEAR = re.compile(
    r"\b(?:i|she|he|they|we|you|the (?:\w+ )?(?:one|youngest|eldest|kids?|boys?|girls?)|my (?:\w+ )?(?:son|daughter|kids?|boy|girl|wife|husband))"
    r"\s+(?:still\s+)?(?:get|gets|got|have|has)\s+(?:bad\s+)?(?:nightmares|bad dreams)\b"
    r"|\b(?<!don't )(?<!dont )(?<!don’t )(?<!do not )(?<!doesn't )(?<!never )(?:frightens?|scares?|spooks?)\s+(?:so\s+|very\s+|too\s+|really\s+)?easily\b"
    r"|\bscaredy[- ]?cat\b"
    r"|\bjumps?\s+out\s+of\s+(?:their|his|her|my|our)\s+skins?\s+at\s+(?:anything|everything)\b"  # "jump out of their skin at anything with ghosts"
    r"|\b(?:i'?m|i am|she'?s|he'?s|she is|he is)\s+(?:too|so|very|really|a bit|far too|way too)\s+jumpy\b|\bjumpy enough\b"
    r"|\b(?:i'?ll|i will|she'?ll|he'?ll|they'?ll|we'?ll)\s+never\s+sleep\b"
    r"|\b(?:gets?|got|getting)\s+(?:so\s+|very\s+|really\s+|easily\s+)?(?:spooked|scared|frightened)\b"

    r"|\b(?:horror(?:\s+(?:films?|movies?|stuff))?|scary\s+(?:films?|movies?|ones)|they|it|those|these)\s+(?:give|gives|gave)\s+"
    r"(?:me|her|him|them|us)\s+(?:palpitations|nightmares|bad dreams|the creeps|the willies)\b"
    r"|\b(?:won'?t|will not|wouldn'?t)\s+be\s+(?:frightened|scared|spooked)\b"
    r"|\b(?:is|am|'m|are|'re|gets?)\s+(?:so\s+|very\s+|too\s+|really\s+)?easily\s+(?:frightened|scared|spooked)\b"
    r"|\b(?:won'?t|wont|will not|wouldn'?t|doesn'?t|does not|shouldn'?t)\s+(?:terrify|frighten|scare|spook)\s+(?:me|her|him|them|us|the kids|anyone|anybody|everyone)\b"
    # asked, not told: "please don't terrify me" (not "the monsters don't frighten me")
    r"|(?:^|[.!?,;]\s*|\bplease\s+|\bjust\s+)(?:don'?t|do not)\s+(?:terrify|frighten|scare|spook)\s+(?:me|her|him|them|us|the kids|anyone)\b",
    re.IGNORECASE)
#: Fear shown by what it makes someone do, said as a habit ("the little one hides behind the sofa at anything scary", "I
#: still sleep with the hall light on") or as what a film must not make them do ("won't have me hiding behind the settee",
#: "nothing with monsters that'll keep them up all night"); a wish for it ("have me hiding behind the sofa") is no refusal.
_NOT_MADE = r"\b(?:won'?t|wont|will not|wouldn'?t|doesn'?t|does not|shouldn'?t|not|nothing|without|never|no need to)\b[^.!?;]{0,60}?"
_HIDING = r"(?:hid(?:e|es|ing)?|cower(?:s|ing)?)\s+behind\s+(?:the|a|her|his|my|their|our)\s+(?:sofa|couch|settee|cushions?|pillows?|blankets?|hands|fingers)\b"
_LIGHT_ON = r"sleep(?:s|ing)?\s+with\s+(?:the|a)\s+(?:\w+\s+)?lights?\s+on\b"
FEAR_SHOWN = re.compile(
    rf"\b(?:she|he|they|i|we|one|kid|kids|child|son|daughter)\s+(?:still\s+|always\s+|even\s+)?(?:hides|hide|cowers|hid)\s+behind\b"
    rf"|\b(?:i|she|he|they|we)\s+(?:still\s+|always\s+)?{_LIGHT_ON}"
    rf"|{_NOT_MADE}(?:{_HIDING}|{_LIGHT_ON}|(?:keep|have)\s+(?:me|her|him|them|us|the kids)\s+(?:up|awake)\s+(?:all night|at night|for nights)?)",
    re.IGNORECASE)
#: "keep the scares out", "leave the romance out", "keep romance well away from it", "keep the scares low": what is kept
#: or left out is refused.
KEEP_OUT = re.compile(r"\b(?:keep|leave)\s+(?:the\s+|all\s+the\s+|any\s+)?(?P<what>[\w'-]+(?:\s+[\w'-]+){0,3}?)\s+"
                      r"(?:out\b(?!\s+of\b)|out of (?:it|this|that|here|the (?:mix|list|running))\b|(?:well\s+)?away\s+from\b|(?:low|down|to a minimum)\b(?!-))",
                      re.IGNORECASE)


#: Actors asked for as such refuse the cartoon ("real actors this time please", "Sci-fi, with real actors"); beside a
#: documentary they refuse the documentary instead, which the words for it already say.
REAL_ACTORS = re.compile(r"(?<!\bveto )(?<!\bvetoes )(?<!\bvetoed )(?<!\bno )\b(?:real|actual|proper|live|flesh[- ]and[- ]blood)[- ]actors\b(?!\s+(?:are|is)\s+(?:fine|ok|okay|allowed))",
                         re.IGNORECASE)
_DOCUMENTARY = re.compile(r"\bdocumentar|\bdocos?\b|\bdocs\b", re.IGNORECASE)
#: Fear asked for: "I want to be so scared I sleep with the landing light on".
_FEAR_WISHED = re.compile(r"(?<!n't )(?<!not )(?<!nt )\b(?:want|wanna|like|need|love)\s+(?:to\s+(?:be|get)\s+)?(?:so\s+|really\s+|properly\s+)?(?:scared|frightened|terrified|spooked)\b",
                          re.IGNORECASE)
#: The fear enjoyed, in the same sentence right after it: "It gave me nightmares for weeks, loved it", "... in the best way"
#: (not "I get nightmares easily, love it when you suggest cosy stuff").
_FEAR_ENJOYED = re.compile(r"[^.!?;]{0,25}?(?:\b(?:loved|adored|enjoyed) (?:it|that|them|every (?:minute|second) of it)\b(?!\s+when\b)"
                           r"|\bin (?:a|the) (?:good|best) way\b)", re.IGNORECASE)
#: Either kind welcome: "could be animated, could be live action", "animated or live action, I don't mind".
_EITHER_KIND = re.compile(r"\b(?:animated|animation|cartoons?)\W+(?:or|could be|either|and)\b[^.!?]{0,20}\blive[- ]action\b"
                          r"|\blive[- ]action\W+(?:or|could be|either|and)\b[^.!?]{0,20}\b(?:animated|animation|cartoons?)\b", re.IGNORECASE)
#: Phrases that refuse a genre by themselves, with no refusal word ("live action only", "I get nightmares"), what in the
#: same message keeps one from refusing, and what right after it does (the fear enjoyed: "gave me nightmares, loved it").
REFUSING: tuple[tuple[re.Pattern[str], str, re.Pattern[str] | None, re.Pattern[str] | None], ...] = (
    (LIVE_ACTION, "Animation", _EITHER_KIND, None), (REAL_ACTORS, "Animation", _DOCUMENTARY, None),
    (FEAR, "Horror", None, _FEAR_ENJOYED), (FEAR_SHOWN, "Horror", _FEAR_WISHED, _FEAR_ENJOYED))


def refusal_spans(text: str, known: set[str]) -> list[GenreSpan]:
    return [GenreSpan(m.start(), m.end(), (genre,), "refusing", True) for pattern, genre, unless, unless_after in REFUSING
            if genre in known and not (unless and unless.search(text)) for m in pattern.finditer(text)
            if not (unless_after and unless_after.match(text, m.end()))]


#: A thing said as a kind of films ("no possession stuff", "no zombie bits"): refused, it may leave the genre wished.
_A_KIND_OF = re.compile(r"\s*(?:stuff|bits|scenes|parts|plots?|elements|storylines?|ones)\b", re.IGNORECASE)
#: A genre refused with a word of its own before it ("not erotic thrillers", "no political thrillers please"): a kind of the
#: genre refused, which leaves the genre wished where it is ("thrillers, just no erotic thrillers").
_QUALIFIED = re.compile(r"\b(?:no|not|zero|without)\s+(?:(?:more|any|those|these|the|of|one)\s+)*(?P<q>[a-z][a-z'-]+)\s+$", re.IGNORECASE)
_NOT_A_QUALIFIER = frozenset("""more any those these the of one a an into like likes enjoy stand tolerate want wanting need watch watching
do does did is are was be have having really too very so that this it my your our their his her another other
real actual proper bloody damn damned full-on full pure straight outright true genuine whole entire usual typical
no not nothing none zero without never for with in about on at to from by as than""".split())  # emphasis, negators, prepositions


#: A word of time or place right before a refused genre: the refusal is of that kind of it.
_ERA_OR_PLACE = re.compile(r"\b(?:modern|new|newer|recent|today'?s|current|contemporary|present-day|american|hollywood|british|english|french|"
                           r"european|asian|indian|bollywood|mainstream|big-budget|blockbuster)\s+$", re.IGNORECASE)


def _qualified(text: str, span: GenreSpan) -> bool:
    """The refused genre has a word of its own before it, not emphasis, a negator, a preposition or a verb ("no erotic
    thrillers"; not "no real horror", "not for children", "not liking musicals")."""
    m = _QUALIFIED.search(text, max(0, span.start - 60), span.start)
    return m is not None and m["q"].lower() not in _NOT_A_QUALIFIER and not m["q"].lower().endswith("ing")


#: What a documentary is about ("a documentary about space", "docs abt the moon landing"): a topic, not a genre.
_DOCUMENTARY_TOPIC = re.compile(r"(?:\bdocumentar\w*|\bdocu\w*|\bdocos?|\bdocs)\s+(?:about|abt|on|of|re|regarding|covering)\s+(?:[\w'’-]+\s+){0,4}$",
                                re.IGNORECASE)


def _documentary_topic(text: str, span: GenreSpan) -> bool:
    """A mood or thing that is what a documentary is about ("documentaries about space") asks for no genre of its own;
    a genre named outright still does ("a documentary about war films")."""
    return not span.negated and not span.strong and _DOCUMENTARY_TOPIC.search(text, max(0, span.start - 70), span.start) is not None


#: Dread that is no film's: of a day or a week ("Sunday night dread", "Monday dread"), of a life or an age ("existential
#: dread", "nuclear dread"), a film's own ("that same dread"), or dreaded ("I dread to think").
_LIFES_DREAD = re.compile(r"(?:\b(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday|weekend|week|night|morning|evening|work|"
                          r"exams?|school|term|holiday|job|office|interview|existential|nuclear|cold war|same|that|its|full of|filled with)"
                          r"\W*(?:[\w-]+\s+){0,2}|\b(?:i|we|you|they)\s+)$", re.IGNORECASE)
#: ...nor dread about or before something ("the dread before exams", "dread about my job interview").
_DREAD_OF = re.compile(r"\s+(?:about|before|over|ahead of|at the thought)\b", re.IGNORECASE)


def _dread_of_life(text: str, span: GenreSpan, spans: Sequence[GenreSpan]) -> bool:
    """"dread" asks for a horror film only alone: not said of a day, a life or a film ("Monday dread", "that same dread"),
    nor beside another kind of film wished ("modern westerns with that dusty dread", "cold 70s paranoia dread")."""
    if text[span.start:span.end].lower() != "dread" or span.negated:
        return False
    if text[span.start].isupper() and sentence_start(text, span.start) != span.start:
        return True  # a name: "the Dread Pirate Roberts"
    return _LIFES_DREAD.search(text, max(0, span.start - 30), span.start) is not None or _DREAD_OF.match(text, span.end) is not None \
        or any(not s.negated and s.strong and "Horror" not in s.genres for s in spans)


def _scorned(text: str, span: GenreSpan) -> bool:
    """A scornful word for children's films said as a verdict ("all the harry potter ones are babyish now", "calls cartoons
    baby stuff") wishes for no children's film; refused ("nothing babyish"), it stays a refusal."""
    return not span.negated and text[span.start:span.end].lower() in SCORNED_KIDS


def _fewer_of(text: str, span: GenreSpan) -> bool:
    """Fewer of things counted in the plural ("with fewer gunfights", "less explosions"), or less romance, is a refusal of
    them; less of a quality ("less scary", "less serious") or of another genre ("less horror, more comedy") only tones the
    request down (`REMOVE`), and so does a trade ("fewer jokes and more sword fights")."""
    said = text[span.start:span.end].lower()
    return bool(_FEWER.search(text, 0, span.start)) and (said == "romance" or (said.endswith("s") and not said.endswith(("ous", "ss")))) \
        and not _TRADED.match(text, span.end)


_LESS = re.compile(r"\b(?:less|fewer|not so much|lighter on)\b", re.IGNORECASE)


def _toned_down(text: str, span: GenreSpan, spans: list[GenreSpan]) -> bool:
    """Less of a thing films of a genre have, with no other genre wished instead, tones the genre down and keeps it
    ("less of the slapstick, more dry", "romance but less sappy"); less of the genre itself ("less horror") or a trade
    ("less funny, more scary") takes it back, and so does a swap or a drop ("lose the funny part")."""
    if _named_genre(text, span) or not _LESS.search(clause_before(text, span.start)):
        return False
    return not any(not s.negated and s is not span and not set(s.genres) <= set(span.genres)
                   and not REMOVE.search(clause_before(text, s.start)) for s in spans)


def _kept_out(text: str, span: GenreSpan) -> bool:
    return any(m.start("what") <= span.start and span.end <= m.end("what") for m in KEEP_OUT.finditer(text))


_ROMCOM = re.compile(r"rom[\s-]?coms?|romantic comed(?:y|ies)", re.IGNORECASE)


def _romcom_refused_for_romance(text: str, spans: Sequence[GenreSpan], wished: Sequence[GenreSpan]) -> bool:
    """Romance wished outright before, and refused only as romcoms: what is refused is the comedy of them ("Romantic, ...
    he hates romcoms"; not "that AREN'T romcoms ... Hallmark-style romance")."""
    romance = [s for s in spans if s.negated and "Romance" in s.genres]
    return bool(romance) and all(_ROMCOM.fullmatch(text[s.start:s.end]) for s in romance) \
        and any("Romance" in w.genres and w.end <= romance[0].start for w in wished)


def _refused_genres(genres: tuple[str, ...]) -> tuple[str, ...]:
    """What refusing a phrase refuses: "spare me the romcoms" refuses the romance, not every comedy."""
    return ("Romance",) if set(genres) == {"Romance", "Comedy"} else genres


#: "scream" said as a verb by someone watching is their reaction, no horror asked for ("my son screams whenever people start
#: singing", "we scream at the spiders").
_SCREAMER = re.compile(r"(?<!\bmake )(?<!\bmakes )(?<!\bmade )(?<!\bmaking )(?<!\blet )(?<!\bthat )(?<!\bwhere )(?<!\bwhich )"
                       r"\b(?:i|we|they|he|she|(?:my|our|his|her|their) [\w'-]+)\s+(?:\w+ly\s+|just\s+|always\s+|still\s+)?$",
                       re.IGNORECASE)  # (not "a film that makes you scream", "something where they scream and run")


#: Children in the story, not in the audience: "nothing with possessed kids", "no creepy children" (not "a spooky kids
#: film", "something creepy kids would enjoy": the audience).
_STORY_KINDS = frozenset("possessed creepy evil killer demonic murderous sinister cursed psycho psychopathic satanic undead".split())
_STORY_CHILD_WORDS = frozenset("kid kids child children kiddie kiddies".split())
_STORY_CHILD = re.compile(rf"(?<!\bmy )(?<!\bour )(?<!\bhis )(?<!\bher )(?<!\btheir )\b(?:{'|'.join(sorted(_STORY_KINDS))})\s+$", re.IGNORECASE)
_CHILD_AFTER = re.compile(rf"\s+(?:{'|'.join(sorted(_STORY_CHILD_WORDS))})\b", re.IGNORECASE)
#: ...what children in the audience do, or the film noun they qualify ("creepy kids movie", "kids would enjoy")
_AUDIENCE_AFTER = re.compile(r"\s+(?:films?|movies?|flicks?|stuff|shows?|would|will|can|could|might|love|like|enjoy|want|wants|need|needs|who|that|lol)\b",
                             re.IGNORECASE)


def _in_story(text: str, start: int, end: int, phrase: str) -> bool:
    """A child word in the story ("possessed kids"), or the story word before it ("creepy" of "no creepy kids")."""
    if phrase in _STORY_CHILD_WORDS:
        return bool(_STORY_CHILD.search(text, 0, start)) and not _AUDIENCE_AFTER.match(text, end)
    child = _CHILD_AFTER.match(text, end)
    return (phrase in _STORY_KINDS and child is not None and not _AUDIENCE_AFTER.match(text, child.end())
            and _STORY_CHILD.search(text, 0, end + 1) is not None)  # ("my creepy kids": the writer's own)


def lexicon_spans(text: str, known: set[str]) -> list[GenreSpan]:
    out = []
    for m in _LEXICON.finditer(text):
        phrase = m.group().lower()
        if (phrase in {"scream", "screams"} and _SCREAMER.search(text, 0, m.start())
                or _in_story(text, m.start(), m.end(), phrase)):
            out.append(GenreSpan(m.start(), m.end(), (), "lexicon"))
            continue
        stems = (phrase[:-1], phrase[:-2] if phrase.endswith("es") else "") if phrase.endswith("s") else ()
        base = next((b for b in stems if b in _PHRASES), phrase)  # "creature features", "comedies"
        entry = _PHRASES[phrase] if phrase in _PHRASES else _PHRASES.get(base, ())
        genres = tuple(g for g in entry if g in known)
        if not entry:  # "comic book": words that name no genre, kept so no other reading takes them
            out.append(GenreSpan(m.start(), m.end(), (), "lexicon"))
        elif genres:
            negated = _negated(text, m.start(), m.end())
            content = (phrase in CONTENT_ONLY or base in CONTENT_ONLY) \
                and not (phrase in REFUSED_UNLESS_MEASURED and not MEASURED.search(text, max(0, m.start() - 40), m.start())
                         and not _OWN_MOOD.search(text, max(0, m.start() - 30), m.start()))
            if negated and content:  # "no gore": a content wish, not a genre to avoid, and no meaning to read in it again
                out.append(GenreSpan(m.start(), m.end(), (), "lexicon"))
                continue
            if negated:
                genres = _refused_genres(genres)
            mood = negated and phrase in REFUSED_UNLESS_MEASURED
            out.append(GenreSpan(m.start(), m.end(), genres, "lexicon", negated, phrase in _STRONG or base in _STRONG, content, mood))
    return out


def _overlaps(p: Phrase | GenreSpan, spans: list) -> bool:
    return any(p.start < s.end and s.start < p.end for s in spans)


def _concept_spans(text: str, taken: list[GenreSpan], concepts: ConceptIndex) -> tuple[list[GenreSpan], list[tuple[Phrase, str, float]]]:
    """Genre readings of phrases the lexicon missed (longest non-overlapping first), and tag hits."""
    hits = concepts.match(phrases(text))
    genre_hits = sorted((h for h in hits if h.kind == "genre" and not _overlaps(h.phrase, taken)),
                        key=lambda h: (-(h.phrase.end - h.phrase.start), -h.score))
    spans: list[GenreSpan] = []
    for h in genre_hits:
        if _overlaps(h.phrase, spans):
            continue
        negated = _negated(text, h.phrase.start, h.phrase.end)
        if negated and (h.score < concepts.refused_threshold or any(w in CONTENT_ONLY for w in h.phrase.text.split())):
            continue  # a refused word must be close to a genre to avoid it ("no smooching": Romance; "no gore": none)
        spans.append(GenreSpan(h.phrase.start, h.phrase.end, (h.value,), "concept", negated, strong=False))
    tags = [(h.phrase, h.value, h.score) for h in hits if h.kind == "tag"]
    return spans, tags


def _carry_negation(text: str, spans: list[GenreSpan]) -> list[GenreSpan]:
    """A genre listed right after a refused one is refused too ("anything except kids films and animation"); not after
    a phrase that refuses by itself ("something live action and funny")."""
    out: list[GenreSpan] = []
    for i, span in enumerate(spans):
        prev = out[-1] if out else None
        between = text[prev.end:span.start] if prev is not None else ""
        added = _ADDED_FRAGMENT.search(between) and _FRAGMENT_END.match(text, span.end)  # "musicals are dead to me. and horror."
        if prev is not None and prev.negated and prev.source != "refusing" and not span.negated and (_SAME_LIST.match(between) or added or _comma_list(text, spans, i)):
            span = GenreSpan(span.start, span.end, span.genres, span.source, True, span.strong)
        out.append(span)
    return out


def _comma_list(text: str, spans: list[GenreSpan], i: int) -> bool:
    """spans[i] follows the one before it after a bare comma, in a list that "and" / "or" closes ("no horror, crime or war")."""
    for j in range(i, len(spans)):
        between = text[spans[j - 1].end:spans[j].start]
        if j > i and _SAME_LIST.match(between):
            return True
        if not _BARE_COMMA.match(between):
            return False
    return False


_BARE_COMMA = re.compile(r"^\s*(?:(?:films?|movies?|stuff)\s*)?,\s*$", re.IGNORECASE)


#: What follows a change of mind that drops everything said before it ("no wait, something else").
_ANEW = re.compile(r"\b(?:else|different|other)\b", re.IGNORECASE)


def _taken_back(text: str, cut: int | None, spans: list[GenreSpan], removed: list[GenreSpan]) -> list[GenreSpan]:
    """Spans left after the message's last change of mind (ending at `cut`): a genre wished before it
    is dropped (into `removed`), and refusing that same genre after it is the taking back, not an avoidance.
    A change of mind that goes on about something else and names no genre ("a war film, after 2005... no
    wait, the old ones are better") changes that, not the genres."""
    if cut is None:
        return spans
    tail = text[cut:]
    if not any(s.start >= cut for s in spans) and re.search(r"[a-z]{3,}|\d|\s{4}", tail, re.IGNORECASE) and not _ANEW.search(tail):
        return spans  # ("a war movie from 1945 to 1960 no actually make that 1965" changes the years; read, they are blanked)
    before = [s for s in spans if s.start < cut and not s.negated]
    said_before = {g for s in before for g in s.genres}
    # ...in the same sentence ("horror, no, a thriller. horror's too much for me this week" still refuses horror)
    after = [s for s in spans if s.start >= cut and not (s.negated and set(s.genres) <= said_before and sentence_start(text, s.start) <= cut)]
    said_after = {g for s in after for g in s.genres}
    wished_after = {g for s in after if not s.negated for g in s.genres}
    removed += [s for s in before if not set(s.genres) & said_after]
    # "I know I said no horror, but actually a funny horror": the refusal is taken back too
    refused = [s for s in spans if s.start < cut and s.negated and not set(s.genres) <= wished_after]
    return refused + after


#: A sentence that turns on the one before: "... scared out of my skin. but im home alone so.. maybe not THAT scared".
_BUT_THEN = re.compile(r"\s*(?:but|though|although|just|maybe|ok(?:ay)?,? but)\b", re.IGNORECASE)
#: "scratch my horror itch": a craving, not a genre taken back.
_ITCH = re.compile(r"\s+itch\b", re.IGNORECASE)
#: Alternatives said without "or": "could be ..., could be ...", "... a musical works too".
_COULD_BE = re.compile(r"\bcould be\b", re.IGNORECASE)
_WORKS_TOO = re.compile(r"[^.!?;\n]{0,20}?\b(?:works|would work|would do|will do|is fine|would be fine|is good) (?:too|as well)\b", re.IGNORECASE)


def _mode(text: str, wanted: list[GenreSpan]) -> GenreMode:
    """"all" when wanted genres describe one film ("a mix of X and Y", "a horror comedy", "X with a
    bit of Y"), "any" for alternatives ("X or Y"), "unsaid" for one genre with no cue (it then joins
    the genres already asked, as the corpus labels follow-ups like "can it be a bit funnier?")."""
    if not wanted:
        return "unsaid"
    first, last = wanted[0], wanted[-1]
    between = text[first.end:last.start] if len(wanted) > 1 else ""
    # "X or Y", "could be a western, could be a war film", "a documentary would be ideal, though a musical works too"
    either = ALTERNATIVE.search(between) or _COULD_BE.search(between) \
        or _WORKS_TOO.match(text, last.end) and re.search(r"[,;]|\bthough\b", between)
    if len(wanted) > 1 and either and not MIX.search(between):
        return "any"
    lead = text[max(0, first.start - 30):first.start]
    if MIX.search(between) or re.search(r"\b(?:mix|blend|combination|combo|cross|hybrid)\b", lead, re.IGNORECASE):
        return "all"
    if any(len(s.genres) > 1 for s in wanted) or len({g for s in wanted for g in s.genres}) > 1:
        return "all"  # "romcom", "a horror comedy", "a romance set during a war": one film, both genres
    if len(wanted) == 1 and re.search(r"\bwith\s+(?:(?:a|some|more|lots of|plenty of|a bit of|a little|a touch of|a dash of|elements of)\s+)*$", lead, re.IGNORECASE):
        return "all"  # "...with some romance": joins the genres already asked
    return "unsaid"


#: Monsters that, in a comedy or a romance, make no horror film ("zombies but funny", "Zombies, but make it romantic").
_UNDEAD = re.compile(r"(?:zombies?|vampires?|undead)", re.IGNORECASE)


def _lifted(text: str, spans: list[GenreSpan], known: set[str]) -> bool:
    """The mood lifts, so a drama wished before goes ("actually, lighter than that. a crime comedy")."""
    wished = {g for s in spans if not s.negated for g in s.genres}
    return "Drama" in known and "Drama" not in wished and bool(LIFTED.search(text) or LIGHTER.search(text) and wished)


def _undead_for_laughs(text: str, wanted: list[GenreSpan], genres: list[str]) -> bool:
    """Horror comes only from zombies or vampires, and a comedy or a romance is asked for: the writers' labels say
    the film wished is that comedy or romance ("zombie comedy pls" is no horror film)."""
    horror = [s for s in wanted if "Horror" in s.genres]
    return bool(horror) and "Horror" in genres and bool({"Comedy", "Romance"} & set(genres)) \
        and all(_UNDEAD.fullmatch(text[s.start:s.end]) for s in horror)


def _no_audience(text: str, found: list[GenreSpan]) -> list[GenreSpan]:
    """The children named in `found` who are not watching: had, coped with or in the story (refused or not), away or
    asleep, grown up, or only reacting or telling the writer what to watch."""
    had = {m.start("kids") for pattern in (PARENTHOOD, KIDS_HANDLED, KIDS_IN_STORY, KIDS_AFFECTED) for m in pattern.finditer(text)}
    away = {m.start() for m in KIDS_AWAY.finditer(text)}
    grown = _grown(text)
    return [s for s in found if s.genres == ("Children",) and (any(s.start <= k < s.end for k in had) or not s.negated and (
        s.start in away or any(a <= s.start < b for a, b in grown) or _NOT_WATCHING.match(text, s.end) or _REACTED.match(text, s.start)))]


def read_genres(text: str, known: set[str], concepts: ConceptIndex | None = None, *, about_a_film: bool = True) -> GenreRead:
    """Wanted / avoided / no-longer-avoided genres, whether wanted ones go together, and tags.
    `about_a_film`: the message names a film (or points at one shown), so a question may be about it."""
    read = GenreRead()
    text = _HYPHEN_NO.sub(" ", text)  # "a strict no-horror rule" reads as "no horror" (same offsets)
    turns = [m.end() for m in CHANGE_OF_MIND.finditer(text)]
    text = CHANGE_OF_MIND.sub(lambda m: " " * len(m.group()), text)  # the "no" of "no wait" refuses nothing
    unavoid_spans: list[tuple[int, int, int]] = []  # (start, where the words allowed end, end)
    content_unavoided: list[str] = []  # lifted by a content word ("gore is fine"): not a refusal said in the same message
    permitted_until: dict[str, int] = {}
    for m in UNAVOID.finditer(text):
        name = next(n for n, g in m.groupdict().items() if g)
        clauses = _PERMITTED_CLAUSE.split(m[name])  # "vetoed horror so a comedy is fine": the comedy; "ok with creepy but ...": creepy
        phrase = clauses[-1] if name in ("g1", "g6", "g7", "g9") else clauses[0]
        at = m.start(name) + (len(m[name]) - len(phrase) if name in ("g1", "g6", "g7", "g9") else 0)
        if name == "g3" and _DISLIKE_DENIED.match(m.group()) and _REFUSED_ANYWAY.search(text, m.end(), _sentence_end(text, m.end())):
            continue  # "Not that I dislike westerns, I just don't want one tonight": refused after all
        spans_in = lexicon_spans(phrase, known)
        found = [g for s in spans_in if not s.content for g in s.genres]
        content_unavoided += [g for s in spans_in if s.content for g in s.genres]
        if any(s.genres for s in spans_in):
            read.unavoided += found
            if name in ("g2", "g3"):  # a permission said outright gives way to a refusal of the genre after it
                for g in found:  # ("not that we mind horror, but the kids are here so no horror tonight")
                    permitted_until.setdefault(g, m.end())
            # the words after the phrase allowed are still read for refusals: "I don't mind horror but no romance"
            unavoid_spans.append((at, m.end(), m.end()) if name in ("g1", "g6", "g7", "g9") else (m.start(), at + len(phrase), m.end()))
    refusals = refusal_spans(text, known)
    spans = [s for s in lexicon_spans(text, known) if not any(a <= s.start < b and not (s.negated and s.start >= allowed)
                                                              for a, allowed, b in unavoid_spans) and not _overlaps(s, refusals)]
    spans += refusals
    no_genre = read.plain = [s for s in spans if not s.genres]
    spans = [s for s in spans if s.genres]
    spans += [s for s in age_spans(text, known) if not _overlaps(s, spans)]
    no_audience = _no_audience(text, spans)
    spans = [s for s in spans if s not in no_audience]
    tag_hits: list[tuple[Phrase, str, float]] = []
    if concepts is not None:
        cues = [GenreSpan(m.start(), m.end(), (), "cue") for m in _REFUSAL.finditer(text)]  # "wild horses couldn't drag me" is no western
        extra, tag_hits = _concept_spans(text, spans + no_genre + cues + no_audience, concepts)  # (nor is "the kids" read again)
        absent = _no_audience(text, extra)  # "the grandchildren say I must watch ...": read by meaning, still no audience
        spans += [s for s in extra if not any(a <= s.start < b for a, _, b in unavoid_spans) and s not in absent]
    childhood = [m.span() for m in CHILDHOOD.finditer(text)]
    spans = [s for s in spans if not (s.genres == ("Children",) and any(a <= s.start < b for a, b in childhood))]
    spans = [s for s in spans if not (_USED_TO_LIKE.search(clause_before(text, s.start)) and _BUT_NOW.match(text, s.end))]
    either = [m.span() for m in _EITHER_KIND.finditer(text)]  # "could be animated, could be live action": no wish either way
    spans = [s for s in spans if not (s.genres == ("Animation",) and not s.negated and any(a <= s.start < b for a, b in either))]
    spans.sort(key=lambda s: s.start)
    spans = _carry_negation(text, spans)
    verdicts = [None if s.negated else _bad_verdict(text, s) for s in spans]
    # neither refused nor wished: a content word judged badly ("zombies do nothing for me"), a bad verdict denied ("the
    # songs didn't even annoy me")
    neither = [s for s, v in zip(spans, verdicts) if v == "denied" or v == "said" and s.content]
    spans = [replace(s, negated=True) if not s.negated and (_kept_out(text, s) or v == "said" or ANSWERED_NO.match(text, s.end))
             else s for s, v in zip(spans, verdicts) if s not in neither]
    read.plain = [*read.plain, *neither]
    spans = [replace(s, negated=True) if _too_young(text, s) else s for s in spans]
    studios = [s for s in spans if s.negated and text[s.start:s.end].lower() in STUDIOS]
    spans = [s for s in spans if s not in studios]
    doubted = [s for s in spans if _hedged(text, s) or _told_reaction(text, s) or _scorned(text, s) or _documentary_topic(text, s)
               or _dread_of_life(text, s, spans)]
    read.plain = [*read.plain, *doubted, *studios]  # neither a genre nor a search word ("a comedy? or maybe not")
    spans = [s for s in spans if s not in doubted]
    read.spans = spans
    spans = [replace(s, negated=True) if not s.negated and _fewer_of(text, s) else s for s in spans]
    removed = [s for s in spans if not s.negated and REMOVE.search(clause_before(text, s.start)) and not _ITCH.match(text, s.end)]
    spans = _taken_back(text, turns[-1] if turns else None, spans, removed)
    read.removed = list(dict.fromkeys(g for s in removed if not _toned_down(text, s, spans) for g in s.genres))
    if _lifted(text, spans, known):
        read.removed.append("Drama")
    spans = [s for s in spans if s not in removed]
    if QUESTION.match(text) and (about_a_film or _ABOUT_IT.match(text)):  # a question about a film is not a request for its genre
        spans = [s for s in spans if s.negated]
    if any(s.strong and not s.negated for s in spans):  # "a serious sci-fi": the mood describes the genre asked for
        spans = [s for s in spans if s.negated or text[s.start:s.end].lower() not in MODIFIER_MOODS]
    wanted_spans = [s for s in spans if not s.negated]
    asked = {g for s in wanted_spans for g in s.genres}
    # "not a kids comedy" negates the modifier: the head genre, asked for elsewhere, stays wanted; and "more horror, no
    # horror comedies" the head: the modifier asked for stays wanted.
    pairs = [(i, a, b) for i, (a, b) in enumerate(zip(spans, spans[1:]), start=1) if a.negated and b.negated and not text[a.end:b.start].strip(" -")]
    heads = {i for i, _, b in pairs if set(b.genres) <= asked} | {i - 1 for i, a, b in pairs if a.source == "lexicon" and set(a.genres) <= asked
                                                                   and not set(b.genres) <= asked}
    outright = {g for s in wanted_spans if s.strong for g in s.genres}  # "war film, no battle scenes": War stays
    # "a comedy, no romcoms": a refused mix rules out only what was not asked for outright
    # "something creepy but not too creepy": a limit on how much of a genre asked for is no refusal of it (asked for in
    # an earlier sentence too, when the limit's sentence turns on it: "i wanna be scared out of my skin. but im home alone
    # so.. maybe not THAT scared"; not "you gave me a horror and it was too much. nothing too scary this time")
    limited = {i for i, s in enumerate(spans) if s.negated and _DEGREE.search(clause_before(text, s.start))
               and any(set(s.genres) <= set(w.genres) and w.start < s.start
                       and (sentence_start(text, s.start) <= w.start or _BUT_THEN.match(text, sentence_start(text, s.start)))
                       for w in wanted_spans)}
    # "space, survival, no aliens", "a comedy, nothing silly": a thing refused after the genre asked for, in the same
    # sentence, is no refusal of the genre
    # ...and "No zombies, no ghosts. But still spooky": the things refused first, then the genre asked for in spite of them
    elements = {i for i, s in enumerate(spans) if s.negated and not _named_genre(text, s) and not _overlaps(s, refusals)
                and not _WHOLLY.match(text, s.end) and any(_asked_before(text, w, s) or _asked_after(text, w, s) for w in wanted_spans)}
    # "it was not funny at all ... never again. give me an actual 90s comedy": a mood said of a film gives way to the genre
    # asked for by name in a later sentence
    overruled = {i for i, s in enumerate(spans) if s.negated and not _named_genre(text, s)
                 and any(set(s.genres) == set(w.genres) and _named_genre(text, w)
                         and sentence_start(text, w.start) >= s.end for w in wanted_spans)}
    # "slashers please, no horror-comedy": a refused blend written as one word refuses only the genre not asked for
    blended = {j for i, (a, b) in enumerate(zip(spans, spans[1:])) if a.negated and b.negated and text[a.end:b.start] in ("-", "–", "/")
               for j, s in ((i, a), (i + 1, b)) if set(s.genres) <= asked}
    # "a thriller, but not one of those erotic thrillers": a kind of the genre asked for by name is refused, not the genre
    named = {g for s in wanted_spans if _named_genre(text, s) for g in s.genres}
    kinds = {i for i, s in enumerate(spans) if s.negated and set(s.genres) <= named and _named_genre(text, s) and _qualified(text, s)}
    # ...and so is one of a time or a place, whatever words wish for the genre ("Modern comedies are unwatchable. Something
    # funny from the forties", "sick of American horror, something scary from Japan")
    wished = {g for s in wanted_spans for g in s.genres}
    kinds |= {i for i, s in enumerate(spans) if s.negated and s.genres and set(s.genres) <= wished
              and _ERA_OR_PLACE.search(text, max(0, s.start - 30), s.start)}
    set_aside = heads | limited | elements | overruled | blended | kinds
    read.avoided = list(dict.fromkeys(g for i, s in enumerate(spans) if s.negated and i not in set_aside
                                      and (s.strong or not set(s.genres) <= outright) for g in s.genres
                                      if len(s.genres) == 1 or g not in outright))
    refusing = [s for i, s in enumerate(spans) if i not in set_aside]
    if _romcom_refused_for_romance(text, refusing, [w for w in wanted_spans if w.strong]):  # "Romantic, ... he hates romcoms"
        read.avoided = [g for g in read.avoided if g != "Romance"] + ["Comedy"] * ("Comedy" not in read.avoided)
    # ...and a genre refused only inside a refused mix ("no war documentaries" refuses a kind of documentary, and a kind
    # of war film: after "only documentaries", War; after "war films please", Documentary)
    mixed = {j for i, a, b in pairs if not set(a.genres) & set(b.genres) for j in (i - 1, i)}
    read.avoided_kinds = [g for g in read.avoided if not any(s.negated and g in s.genres and i not in mixed
                                                             and (s.strong or _named_genre(text, s) or not _A_KIND_OF.match(text, s.end))
                                                             and not (_named_genre(text, s) and _qualified(text, s))
                                                             for i, s in enumerate(spans))]
    read.avoided_moods = [g for g in read.avoided if all(s.mood for s in spans if s.negated and g in s.genres)]
    if removed and REASON_AGAINST.search(text):  # "scrap the horror, she hates it": taken back for a reason is refused
        read.avoided += [g for s in removed for g in _refused_genres(s.genres) if g not in read.avoided]
        read.removed = [g for g in read.removed if g not in read.avoided]
    read.wanted = [g for g in dict.fromkeys(g for s in wanted_spans for g in s.genres) if g not in read.avoided]
    if _undead_for_laughs(text, wanted_spans, read.wanted):  # the monsters stay as what to search for
        read.wanted.remove("Horror")
        undead = [text[s.start:s.end].lower() for s in wanted_spans if "Horror" in s.genres]
        read.tags += [w if w.endswith("s") else w + "s" for w in undead]
    read.mode = _mode(text, [s for s in wanted_spans if any(g in read.wanted for g in s.genres)]) if read.wanted else "unsaid"
    read.unavoided = list(dict.fromkeys(read.unavoided + [g for g in content_unavoided if g not in read.avoided]))
    # "not that we mind horror, but the kids are here so no horror tonight": a refusal after the permission wins
    read.unavoided = [g for g in read.unavoided if not (g in read.avoided and g in permitted_until
                                                         and any(s.negated and g in s.genres and s.start >= permitted_until[g] for s in spans))]
    read.replace = bool(read.wanted) and bool(REPLACE.search(text) or _only(text, wanted_spans)) and not _ADDED_TOO.search(text)
    genre_names = {re.sub(r"\W", "", g.lower()) for g in known}
    for phrase, tag, _ in sorted(tag_hits, key=lambda t: -t[2]):
        if re.sub(r"\W", "", tag) in genre_names:
            continue  # "western" is the genre filter's job, not a tag to search for
        target = read.avoid_tags if _negated(text, phrase.start, phrase.end) else read.tags
        if tag not in target:
            target.append(tag)
    read.tags, read.avoid_tags = read.tags[:6], read.avoid_tags[:6]
    return read
