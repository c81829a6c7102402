"""Title grounding: free-text mentions ("blade runner", "the matrix 99", "matrx", "Amelie") ->
catalog ids, with a confidence, and alternatives instead of a guess when a mention is ambiguous.

Order of evidence: an exact normalised title or aka (a year hint picks among versions), then
rapidfuzz over every title key, then (optionally) the embedding index. Popularity only breaks
near-ties, and only when one version dominates (e.g. *Titanic* 1997 vs 1953), never "Dracula".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from muse.domain import Item, normalise_title, title_keys
from stores.base import CatalogStore
from tools.protocols import Embedder
from tools.retriever.filters import Filters
from tools.retriever.index import VectorIndex
from tools.retriever.ratings import RATING, rated, rating_after
from tools.retriever.sequels import COUNTED, COUNTS, FIRST_N_OF, NTH_AFTER, NTH_OF, NUMBER_AFTER, ORDINALS, ROMAN, by_number, first_films
from tools.retriever.sequels import NUMBER_WORDS as _NUMBER_WORDS
from tools.retriever.slips import MAX_OPEN
from tools.retriever.slips import MIN_WORDS as _SLIP_MIN_WORDS
from tools.retriever.slips import WordSlips
from tools.retriever.sequels import ROMAN_DIGITS as _ROMAN
from tools.retriever.wordlist import CALENDAR, CHAT_WORDS, COMMON_WORDS, CONNECTORS, FIRST_NAMES, MONTHS, MORE_PLACES, NATIONALITIES, NEVER_ALONE, PLACES, dictionary

Status = Literal["matched", "ambiguous", "unknown"]

SPELLING_MATCH = 85.0  # a word this close to a title's word is another spelling of it ("neighbour"), not a word of its own
FUZZY_MATCH = 86.0  # a fuzzy score this high, clear of the runner-up, is a match
#: `passed_over` also offers words this close to a title (rapidfuzz ratio), of at least this many characters and words
NEAR_SCORE = 85.0
NEAR_MIN_CHARS = 6
NEAR_TOKENS = 5
FUZZY_CANDIDATE = 70.0  # below this a fuzzy hit is not worth offering
CLOSE = 4.0  # fuzzy scores within this of the best are ties
DOMINANT = 5  # a version this many times more popular than the next wins a tie
SIBLINGS_MAX = 12  # ...among at most this many films that share that first word
SIBLING_REACH = 160  # how far after a film of a series its sibling named by its own words may be listed ("matrix: 10. reloaded: 6")
DOMINANT_MIN = 20  # ...if it has at least this many interactions
VERSION_SEEN = 2  # a remade film named bare is the version this many times more rated than the next (and DOMINANT_MIN)...
VERSION_GAP = 10  # ...unless the films named beside it sit this many years nearer another version
TYPO_LONG_CHARS, TYPO_LONG_MATCH, TYPO_LONG_MIN = 10, 94.0, 3  # a misspelt name this long and close may be little rated
TYPO_WORD_MIN = 3  # ...and so may one with a word of no language in it ("the desent", "sesion 9")
TWO_SLIPS_CHARS = 7  # ...and be two letters off, if it is this long and the film well known ("ratatoulie", "insepton")
CUED_MIN = 3  # a lower-case title right after "loved" / "like" / "watched" needs only this many
LISTED_MIN = 1  # ...and one of several words listed beside a title already found needs to be rated at all
ALONE_MIN = 5  # ...a lower-case name of several words, one of them uncommon, standing as a clause of its own ("la la land = snooze")
OPINION_MIN = 10  # ...and one lone uncommon word right after "loved" / "hated" this many
STRONG_VERDICT_REACH = 4  # words after "is"/"was" that may hold the verdict of a lower-case one-word title ("rope was fun")
QUOTED_LOOKUPS = 32  # quoted or bracketed spans looked up a message, at most (each is a lookup, fuzzy when not exact)
TYPO_LOOKUPS = 64  # fuzzy lookups of misspelt lower-case titles a message may make (`_casual_typos`)
UNCUED_PHRASE_MIN = 60  # a lower-case multi-word title with no cue: only films most people know
EMBED_MATCH, EMBED_CANDIDATE = 0.80, 0.55
MAX_ALTERNATIVES = 5
#: Words title case leaves lower-case ("Life or Something Like It", "They Drive by Night").
TITLE_MINOR = CONNECTORS | frozenset("or nor by as vs v into but per via upon".split())
#: ...of which these are no English words: in lower-case chat they mark a name ("la la land", "les mis").
_FOREIGN_MINOR = frozenset("de la le les du des von".split())
#: Words right before a lower-case span that name a film ("loved children of men", "more like heat").
_TYPO_CUE = frozenset("loved love loves liked like likes enjoyed enjoy enjoys adored adore adores watched saw seen rewatched hated hates disliked "
                      "dislike dislikes".split()) | frozenset(
    ["luv", "luvd", "luv d", "lk", "h8", "h8d", "h8ed"])  # texting
#: ...and, for titles spelt right, words that also come before one ("about the godfather", "better than heat",
#: "inception meets heathers", "jurassic park x home alone").
#: Words before a title spelt right, whether a phrase or one word ("watched the conjuring", "just finished arrival").
_NAMING = frozenset("watch watching rewatch rewatching tried directed vs versus meets finished suggesting recommending".split())
_TITLE_CUE = _TYPO_CUE | _NAMING | frozenset("about than skip x between".split())
ARTICLES = frozenset("the a an".split())
#: Words of a title as texts spell them: looked up spelt out when the title is only known that way.
_TEXTED = {"u": "you", "ur": "your", "r": "are"}  # (not "nite": "date nite" is an evening, not *Date Night*; nor "n": "fast n furious" is the series)
#: Before a misspelt title only ("going to watch pulp friction"): "watch one" is no cue for *The One*.
_WATCH = frozenset("watch watching rewatch rewatching".split())
_SIMILE = frozenset("like likes lk".split())
#: A refusal before a name that is not ordinary words ("not transformers", "except notting hill", "hated passengers").
_REFUSAL_CUE = frozenset("not except hated hate skip".split())
#: Before one lower-case word, the words that make it a title ("loved heat", "the movie avatar", "how long is titanic").
_WORD_CUE = _TYPO_CUE | _NAMING | frozenset("movie film flick".split())
_IS = frozenset(["is", "was", "whats", "what s", "who s"])
#: A question about a film's facts, whose verb or ending follows the title ("when did heat come out", "what is heat about",
#: "whats heat rated"): with `_IS` or `_DID` before the title and a question word opening the sentence.
_FACT_AFTER = frozenset("about come came rated release released made filmed shot based".split())
_DID = frozenset(["did", "does"])
#: After a title and "of", the words of a phrase said in passing ("heat of course", "cars of all things").
_OF_IDIOMS = frozenset("course all".split())
_QUESTION_WORDS = frozenset("how what whats who whos when where which is was are does did".split())
_PLACE_BEFORE = frozenset("on in at into onto from to with near under over across through inside around behind by off".split())
#: ...or "of" after a word about a film ("a rewatch of back to the future", "the ending of the prestige", "in the spirit of alien").
_OF_CUE = frozenset("rewatch rewatching fan fans sequel sequels remake version ending end start plot story cast soundtrack director marathon "
                    "runtime length trailer rating spirit opposite".split())
#: ...or "to" after one of these ("a sequel to the incredibles").
_SEQUEL_TO = frozenset("sequel sequels prequel prequels follow-up followup successor answer".split())
#: ...or opening a question about it ("is monster house too scary?", "did casablanca win?").
_ASKING = frozenset("is was did does has have".split())
#: ...and, before a name of several words or a word of no language, a modal ("would the conjuring be too much?"; not
#: "could go for something scary", "would help if ...").
_MODAL_ASKING = frozenset("would will could should".split())
#: ...or, at the start of a sentence, right after it ("true romance is one of my favourites").
_VERDICT = frozenset("is was were".split())
#: Verbs a viewer says of a film, before the viewer ("wrecked me", "blew us away", "bored him"): a lower-case title's cue.
_JUDGED_AFTER = frozenset("wrecked destroyed ruined bored blew broke scared terrified traumatised traumatized haunted gutted floored "
                          "slayed wowed moved thrilled stressed".split())
_VIEWER = frozenset("me us him her them my".split())
#: A list item's verdict, before the next item: "jaws 2 meh, jaws 3 lol no, ...".
_LIST_VERDICT = frozenset("yes yep yeah no nope nah meh ok okay fine lol great perfect good bad awful rubbish brilliant amazing loved "
                          "hated boring solid mid peak trash garbage masterpiece".split())
#: A short verdict that closes a list item's clause ("contagion, meh.", "snatch - fun.", "legend no, ...", "the dead zone
#: all great."): its words, then the small words that may stand around them ("not so much", "kind of boring").
_TAIL_VERDICT = _LIST_VERDICT | frozenset("""fun dull tense gorgeous excellent superb terrible horrible dire weak decent alright overrated overhyped
                                           underrated beautiful stunning liked enjoyed yawn snooze naff ace fave favourite favorite hit flop
                                           wonderful fantastic lovely cool awesome epic sweet cry bawl sob weep classic""".split())
_TAIL_FILLER = frozenset("is was were so not much kind sort of a bit all very really too pretty quite just and but though tho eh kinda sorta super "
                         "both still also absolutely totally utterly made me us".split())  # ("Up made me bawl, Wall-E was sweet")
_TAIL_WORDS = _TAIL_VERDICT | _TAIL_FILLER
#: ...and words after a title that say "a film like this one" ("lotr vibes", "enter the dragon type", "lock stock energy",
#: "inception meets ...", "alien levels of dread")
_LIKE_AFTER = frozenset("type vibes vibe energy esque tier meets levels level style kind ish".split())
#: Verbs that take "to" and a verb ("want to scream", "used to run"): the word after their "to" is no lower-case title.
_WANTING = frozenset("want wants wanted need needs needed going trying tried try used started began".split())
#: Words that may follow a one-word title opening a sentence ("Moon was great", "Heat and Ronin", "Alien scared me").
_AFTER_A_NAME = frozenset("is was were has had and or but vs versus made makes gave gives got left scared blew broke still remains "
                          "meets beats wrecked destroyed ruined bored changed taught did does with by starring might may could would should will "
                          "can sounds looks seems one again itself twice went kept felt holds stands deserves aged annoyed irritated "
                          "grated dragged sucked rocked rocks slaps slapped haunted hooked terrified frightened charmed moved never really just totally honestly "
                          "gripped grabbed floored stunned wowed impressed disappointed without minus".split())
#: What a film left its viewer doing, after "had me" ("twister had me yawning").
_VIEWING_REACTIONS = frozenset("yawning snoring hooked gripped crying sobbing bawling weeping laughing howling screaming bored terrified "
                               "scared dozing sleeping asleep".split())
#: "a film called tomorrow": the nouns before "called" and the words for it.
#: Nouns for a film or its story, before "about" and what it is about.
_STORY_NOUNS = frozenset("story stories film films movie movies something anything one ones tale tales documentary doc docs drama comedy".split())
_CALLED = frozenset("called titled named".split())
_FILM_NOUNS_PLURAL = frozenset("film films movie movies flick flicks".split())
#: Words before a quoted word that is someone's word, not a title ('romcoms are "stupid"', 'films look "scratchy"', 'wants
#: something "grown up"'; not 'the irish one, "waking ted"').
_SCARE_QUOTED_AFTER = frozenset("""is are was were be being look looks looked seem seems seemed feel feels felt sound sounds something anything
                                   so too very more less bit quite rather really pretty""".split())
_KIND_NOUNS = frozenset("films movies flicks".split())  # "I like heist films" (not "i liked frozen movie a lot")
_PARTICLES = frozenset("up off out back in on for over away down".split())
#: Words said to the listener before a comma at a sentence's start.
_INTERJECTIONS = frozenset("whatever wait anyway anyways sure right okay ok listen look sorry honestly seriously please thanks cheers hello "
                           "hi hey yes no well so".split())
#: Words of praise that are also one-word titles: a verdict, unless a title cue comes before ("aliens are perfect").
_PRAISE = frozenset("perfect epic flawless beautiful super".split())
#: A word of praise opening a sentence, then a comma: an answer ("Perfect, Hocus Pocus it is."), not a film.
_ANSWER_WORDS = _PRAISE | frozenset("brilliant great lovely cool awesome excellent fantastic wonderful".split())
#: Words before "like" that ask for films like the one named next ("more like tremors", "something like signs").
_LIKENESS_ASKED = frozenset("more something anything films movies ones stuff flicks".split())
#: Words that open a phrase about no film in particular ("anything else", "something new", "nothing like it").
_INDEFINITE = frozenset("anything something nothing everything anyone someone everyone another any some every".split())
#: A planet after a preposition is the place ("set on Earth"), not *Earth* (2007).
_PLANETS = frozenset("earth mars".split())
_SET_IN = frozenset("in on at during around".split())  # "set in the Pacific"
_PLACE_PREPOSITIONS = frozenset("on from to of off orbiting than around".split())
#: Film-makers' names that are also titles, or spelt close to one: the name of a maker is a style ("any Hitchcock from
#: the 40s", "channels Leone"), the film needs its own cue ("Hitchcock, the Anthony Hopkins film", "Hitchcock (2012)").
_MAKERS = frozenset("hitchcock leone".split())
#: The lower-case particles of surnames: a capitalised word after one is a person ("the le Carré mould", "a von Trier").
_NAME_PARTICLES = frozenset("le la de da di du del della van von der ter ten".split())
#: Said right before or after a name: a person who acts in films, not a film ("Robin Williams is in it", "starring Tom
#: Hanks", "Meryl Streep plays a nun").
_CAST_BEFORE = re.compile(r"\b(?:stars|starring|featuring|actor|actress|directed by)\s+$", re.IGNORECASE)
_ACTS_IN = re.compile(r"\s+(?:(?:is|was|'s)\s+in\s+(?:it|that one|this one|that|this)\b|stars?\s+(?:in|as)\b|starred\s+in\b"
                      r"|play(?:s|ed)?\s+(?:a|an|the)\b)", re.IGNORECASE)
#: A possessive opening a two-word name makes a relative, not a short title ("my cousin" is no *My Cousin Vinny*).
_POSSESSIVES = frozenset("my your our his her their".split())
#: "had me howling", "left us speechless": what a film did to its viewer.
_VIEWER_WORDS = _VIEWER - {"my"}
_HAD_ME = frozenset("had has have having left leaves got gets kept keeps sent sends".split())
#: "anything but moonrise kingdom": what comes after "but" is refused by name.
_ALL_BUT = frozenset("anything everything all".split())
#: The words of a verdict after "is" / "was" that make a possessive phrase a film ("your name was perfect").
_PRAISED = _LIST_VERDICT | _PRAISE
#: After a capitalised run of common words opening a sentence, what goes on as after a name ("True Romance rules").
_NAME_ENDS = _VERDICT | frozenset("but and or rules rocks meets without minus vs versus did does nailed".split())  # ("Get Out meets Rear Window", "Old Boy did it so well")
#: Before "not", words that make what follows a word said of someone ("I'm not brave"), not a film refused.
_COPULAS = frozenset(["i m", "im", "am", "is", "are", "was", "were", "be", "been", "being", "it s", "that s", "he s", "she s", "they re",
                      "we re", "you re", "feel", "feeling", "felt"])
#: Pronouns that are also titles (*It*, *Her*, *Them*): after a verb, objects ("Saw it:", "loved her in Working Girl").
_OBJECT_PRONOUNS = frozenset("it them this that him her".split())
#: Letters in capitals that name a thing as well as a film: after "a" or "an" they are the thing ("are you an AI").
_THINGS_IN_CAPITALS = frozenset({"ai"})
#: Words before a lower-case "up" that make it the word ("is up", "woke up", "stay up late"), not *Up*.
_UP_AS_A_WORD = frozenset("is s was are were be been being am get gets got getting woke wake wakes waking stay stays stayed staying sat sit "
                          "sits stood grew grow give gave given fed messed mixed set".split())
#: Chat words people write in capitals: they continue no name ("Is The Goonies OK for ...").
_CHAT_CAPS = frozenset("ok okay lol pls plz tbh btw imo tv dvd".split())
#: Chat words that may open a message before a lower-case title and name nothing ("bro get out is peak", "omg the raid").
_CHAT_OPENERS = _CHAT_CAPS | frozenset("bro bruh omg ngl fr yo lmao lmfao".split())
#: ...and words that may open a question before its verb ("wtf is mulholland drive about", "so is the shining too scary").
_QUESTION_OPENERS = _CHAT_OPENERS | frozenset("wtf hm hmm um so".split())
#: Words that pick one version of a remade film: the oldest ("the original Shaft", "psycho (the og)")...
_OLDEST = frozenset("original og old auld older oldest classic first".split())
#: ...or the newest ("the robocop remake", "it (the new one)").
_NEWEST = frozenset("remake new newer newest recent reboot modern".split())
#: After a title, the words that say which version is meant ("the robocop remake").
#: "the new" right before a film's name ("the new jumanji", "The new Mamma Mia").
_NEW_BEFORE = re.compile(r"\bthe\s+(?:new|newer|newest)\s+$", re.IGNORECASE)
_VERSION_AFTER = frozenset("remake reboot original".split())
#: A note right after a title that names its version: "(the 2004 one)", "(the old one, not the American version)".
_VERSION_NOTE = re.compile(r"\s*\(([^()]{1,60})\)"
                           # ...or set off by a comma or dash, closing there: "Cat People, the 1982 one, a horror?" (not "Loved
                           # Shrek, the new one was bad"), or going on to the version not meant ("The Italian Job, the proper one
                           # with the Minis, not the Hollywood remake")
                           r"|\s*(?:,|\s[-–—])\s*(the\s+[^,;:.!?()\n]{1,40}?(?:,\s*(?:not|no)\s+the\s+[^,;:.!?()\n]{1,40}?)?"
                           r"\b(?:one|version|remake|original))\b(?=\s*(?:[,;:.!?)]|$))")
#: ...or says it by the way it was made: drawn ("the cartoon one") or filmed with actors ("the live-action remake").
_DRAWN = frozenset("cartoon animated animation drawn".split())
_FILMED = frozenset({"live action", "liveaction"})
_VERSION_WORDS = frozenset("one version remake original og".split()) | _DRAWN | _FILMED
#: A version said later in the sentence ("is the blob on your list the 1988 one?")...
_LATER_VERSION = re.compile(r"\bthe\s+('?\d{2,4}s?)\s+(?:one|version)\b", re.IGNORECASE)
#: ...unless a comparison comes between: that version is set against the film named ("scarface with pacino over the 1932 one").
_COMPARED = re.compile(r"\b(?:over|than|vs|versus|or|and|to|not|like|after|before|beats?|but|though|although|unlike|whereas|while)\b",
                       re.IGNORECASE)
#: A decade that names a version ("the 70s one", "the 1970s version").
_DECADE_WORD = re.compile(r"((?:19|20)?[0-9]0)s")
#: After "<title> from <year>": a range goes on, so the year is an era's, not the version's ("like Dune from 1984 to 2000").
_RANGE_GOES_ON = re.compile(r"\s*(?:[-–+]|to\b|till\b|until\b|thru\b|through\b|onwards?\b|on\b|and (?:later|after|up|on|beyond)\b|"
                            r"or (?:later|after|newer|earlier|before|so)\b)", re.IGNORECASE)
#: How a film of a series goes on from the series' name: a colon, a dash or a number ("Star Trek: ...", "Star Trek II").
_PART_AFTER_NAME = re.compile(r"\s*(?::|[-–]|\d|[ivx]+\b)")
#: Where a lower-case run that may be a misspelt title stops.
_RUN_STOP = _VERDICT | frozenset("and or but are vibes vibe energy esque tier type".split())  # "blade runer vibes"


@dataclass(frozen=True, slots=True)
class Alternative:
    """A catalog item a mention may mean."""

    item_id: int
    title: str
    score: float


@dataclass(frozen=True, slots=True)
class Grounding:
    """What a mention resolved to. `item_id`/`title` are set only when `status == "matched"`;
    `alternatives` lists other readings (the choices to offer when ambiguous). `start`/`end` are the
    span in the message when the mention came from `find_mentions`."""

    mention: str
    status: Status
    item_id: int | None = None
    title: str | None = None
    confidence: float = 0.0
    alternatives: tuple[Alternative, ...] = ()
    method: str = "none"
    start: int | None = None
    end: int | None = None


#: Abbreviations people type for famous films (a target is a title key; used only where the catalog has it).
TITLE_ALIASES = {
    "t2": "terminator 2", "rotk": "lord of the rings the return of the king", "fotr": "lord of the rings the fellowship of the ring",
    "ttt": "lord of the rings the two towers", "esb": "star wars episode v the empire strikes back",
    "rotj": "star wars episode vi return of the jedi", "anh": "star wars episode iv a new hope", "gotg": "guardians of the galaxy",
    "edge of tmrw": "edge of tomorrow", "bttf": "back to the future",
}
#: ...and for whole series.
SERIES_ALIASES = {
    "lotr": ("lord of the rings the fellowship of the ring", "lord of the rings the two towers", "lord of the rings the return of the king"),
}
#: Short names people give a series before a film's number ("indy 4", "pirates 1", "avengers 1"): used only with the number.
SERIES_NICKNAMES = {"indy": "indiana jones", "pirates": "pirates of the caribbean", "potter": "harry potter", "avengers": "avengers",
                    "jp": "jurassic park"}
#: ...and those used only written together with the number ("mi2", "gf3"): apart they are words ("mi 3 years").
SERIES_NICKNAMES_JOINED = {"mi": "mission impossible", "gf": "godfather"}
#: Series whose first film came out under the bare series name, which still means that film ("not Star
#: Wars", "we agree on Star Wars"): the 1977 film was released as *Star Wars*; the catalog adds its episode.
RELEASED_AS_SERIES = {"star wars": "star wars episode iv a new hope"}
_SERIES_ALIAS = re.compile(r"\b(?:" + "|".join(SERIES_ALIASES) + r")\b(?!\s*\d)", re.IGNORECASE)
#: "the original ... trilogy", "the first ... trilogy": the series' first three films, not the later ones.
_ORIGINAL_BEFORE = re.compile(r"\b(?:original|first|old|classic)\s+$", re.IGNORECASE)
_SERIES_CUE = re.compile(r"\b(?:films|movies|series|trilogy|franchise|saga|sequels|ones)\b", re.IGNORECASE)
#: What follows a series' name when it means no film of it ("the Harry Potter books", "the Star Wars prequels").
#: Words that describe a kind of film, right before a lower-case word and "films" ("gentle alien films", "cheesy shark movies"):
#: the word is the films' subject, not a series' name.
_KIND_BEFORE = frozenset("""gentle good great scary cheesy funny decent fun cool nice proper creepy cute silly dumb serious smart clever
                            dark bad cheap campy gory realistic romantic underrated""".split())
#: Kinds of film, game or story said before a noun they make a kind of ("horror game", "zombie shooter", "heist caper").
_KIND_WORDS = frozenset("""horror action comedy fighting racing survival zombie space war puzzle strategy platform shooter sports arcade
                           indie spy heist crime disaster monster superhero western adventure fantasy scifi sci-fi mystery detective
                           romance thriller slasher teen kids family cartoon musical drama documentary board video card""".split())
#: Kinds of game before "game" and a film noun ("fighting game movies", "video game films"): games, not a series.
_GAME_KINDS = frozenset("fighting racing video board card puzzle platform arcade survival strategy".split())
#: ...unless a determiner comes before it: "the good rocky films" are some of the series.
_SOME_OF = frozenset("the those these all both my our his her their".split())
_NOT_ITS_FILMS = frozenset("book books novel novels game games comic comics toys lego prequel prequels spin-off spin-offs spinoffs".split())
#: A series named as the kind its one film is of ("HP3 is the only harry potter I rewatch").
_ONLY_OF_KIND = re.compile(r"\bthe only\s+$", re.IGNORECASE)
_LEADING_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+")
_PLURAL_LEADS = frozenset("the both all".split())
PLURAL_SERIES_MAX = 3  # series named in the plural read in one message ("the harry potters"): each names all its films
#: A name followed by two or more numbers ("godfather 1 and 2", "kill bill 1 & 2", "toy story 2, 3").
_NUMBER_LIST = re.compile(
    r"(?<![\w'’])(?P<base>(?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*)\s+"
    r"(?P<nums>\d{1,2}(?:(?:\s*(?:,|and|&|\+|or|-|–|to|through|thru)\s*|\s+)\d{1,2})+)(?![\w%.])", re.IGNORECASE)
#: A range of sequel numbers ("rocky 1 through 4", "lethal weapon 1-3").
_NUMBER_RANGE = re.compile(r"(\d{1,2})\s*(?:-|–|to|through|thru)\s*(\d{1,2})", re.IGNORECASE)
SERIES_MIN = 5  # a film of a series must have this many interactions
FIRST_SHARE = 5  # a sequel's named first film is watched at least a fifth as much as the sequel
LIST_PASSES = 3  # how far down a list of lower-case titles a found one reaches
#: A title key that ends in a sequel number ("toy story 2", "rocky 5"): its head may name a series.
_SEQUEL_KEY = re.compile(r"(.+) ([2-9])")
_NUMBERED_CACHE = 20_000  # series names looked up per grounder, at most (names come from chat text)
#: A likeness hyphenated onto a title ("Paddington 2-level kindness", "a Groundhog Day-style loop").
#: "-ish" after one word makes an adjective ("Halloween-ish", "Chaplin-ish"); after a longer title, a likeness ("Lethal Weapon-ish").
_ISH_WORD = re.compile(r" ish\b", re.IGNORECASE)
_MONOCHROME = re.compile(r"\bblack\s*(?:and|&|n)\s*$", re.IGNORECASE)
_LIKENESS_SUFFIX = re.compile(r"(?<=\w)-(?=(?:level|style|esque|type|tier|vibes?|core|lite|ish)\b)", re.IGNORECASE)
#: "pre-Jaws", "post-Titanic": a film said as a date behind a prefix; the prefix is its own word.
_DATE_PREFIX = re.compile(r"(?:(?<=\b[Pp]re)|(?<=\b[Pp]ost))-(?=[A-Z])")
#: A mention that ends in a sequel number ("toy story 2", "harry potter part 3").
_ENDS_IN_NUMBER = re.compile(r"(?:\s+part)?\s*\b[1-9]$", re.IGNORECASE)
#: The words that make a film of a series the start of a run, said after a film whose mention ends in its number, and ending its clause ("Rocky III onwards no", "Alien 3 and
#: after were rubbish", "Shrek 2 and later ones"; not "Toy Story and Up", "Shrek and after that Toy Story").
_ONWARDS = re.compile(r"\s*(?P<on>onwards?|on|and\s+(?:later|after|beyond|up)(?:\s+(?:ones|films|movies|sequels))?|\+)"
                      r"(?=\s*(?:[,.;:!?)]|$|(?:is|are|was|were|no|nope|can|should|not|never|they|it|i|all|just|got|went)\b))", re.IGNORECASE)
_ENDS_NUMBERED = re.compile(r"(?:\b[1-9]|\b(?:ii|iii|iv|v|vi|vii|viii|ix)|[a-z][1-9])$", re.IGNORECASE)
#: Letters people type that are no film's initials.
_NOT_INITIALS = frozenset("ww wwi wwii lol omg wtf btw fyi imo imho tbh ngl idk smh asap aka diy faq pov usa bbc dvd cgi vhs imax rsvp ttyl brb afaik tldr irl "
                          "cos".split())
#: A span that only dates films ("Post-1995", "pre-1990", "1985-2005", "1970-89", "Year 2000"): an era, not *The Post* or *Godzilla 1985*.
_ERA_WORDS = re.compile(r"(?:(?:post|pre|mid|late|early|(?:the\s+)?years?)\s*-?\s*)?(?:18|19|20)\d{2}(?:\s*[-–]\s*(?:(?:18|19|20)\d{2}|\d{2}))?", re.IGNORECASE)
_YEAR_TAIL = re.compile(r"^(?P<title>.*?\S)[\s,]*\(?\s*(?P<year>'?\d{2}|\d{4})\s*\)?$")
_TOKEN = re.compile(r"\w+(?:['’.\-]\w+)*")
#: Where a name cannot run on: punctuation, and the arrows, ticks, crosses, stars and emoji that mark list items
#: ("john wick 2 > john wick 1", "✅ Amelie ✅ Chocolat ❌ Moulin Rouge"; no catalog title holds one of those marks).
_BOUNDARY = re.compile("[,;:.!?()\\[\\]{}\"“”\\n<>=|•+\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001F000-\U0001FAFF]")
_SENTENCE_END = re.compile(r"[.!?\n]")
_YEAR_WORD = re.compile(r"(?:1[89]|20)\d{2}s?")
#: Numbers joined into a range ("10-11", "9–12"): never a title of one number ("for 10-11 year olds" is no *10*).
_NUMBERS_JOINED = re.compile(r"\d+(?:[-–]\d+)+")
#: A title set off in quotes or brackets: "Heat", “Heat”, «Heat», [Heat], and 'Heat' where the marks stand apart from words
#: (not the apostrophes of "the kids' films").
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{2,120})[\"”]|«([^«»\n]{2,120})»|\[([^\[\]\n]{2,120})\]"
                     r"|(?:^|(?<=[\s(]))['‘]([^'‘’\n]{2,120})['’](?=[\s,.!?;:)]|$)")
#: ...where single quotes name a title only with its year after them or in capitals of two words or more ("'IT FOLLOWS' (2014)",
#: "'The Conjuring'"), since they mostly set off a word ("their first 'big' film", "'52 and '64").
_TITLE_CASE = re.compile(r"[A-Z0-9][\w'’:&-]*(?:\s+(?:[A-Z0-9][\w'’:&-]*|of|the|a|an|and|in|on|to|for|with|at|or))*\s+[A-Z0-9][\w'’:&-]*")
_CATALOG_YEAR = re.compile(r"\s*\(\s*\d{4}(?:\s*[-–]\s*\d{0,4})?\s*\)\s*$")
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_OPEN_YEAR = re.compile(r"[.!?…]*\s*\(\s*")
_YEAR_TAIL_AT = re.compile(r"[.!?]?\s*(?:\(\s*((?:18|19|20)\d{2})\s*\)|((?:18|19|20)\d{2})\b)")


#: English words the shipped vocabulary lacks that are also one-word titles: words in a chat, not coinages
_UNLISTED_WORDS = frozenset("""armageddon birdcage cliffhanger copycat daredevil deliverance dogma entrapment eraser gladiator hangover
    highlander illusionist insomnia limitless multiplicity negotiator omen payback peacemaker serendipity serenity stardust stigmata
    striptease babel transporter""".split())
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers")


def _closes_clause(tokens: list["_Tok"], j: int) -> bool:
    """The word at `j` is the last of its clause: the text ends, or punctuation follows it."""
    return j + 1 == len(tokens) or tokens[j + 1].boundary_before


#: A song, not a film: sung or hummed before its quoted name ('humming "Stand By Me"', 'I\'ve sung "My Girl" to her'), or
#: stuck in someone's head after it; not the song *from* or *in* a film ('the song from "Frozen"').
_SUNG_BEFORE = re.compile(r"\b(?:hum(?:s|med|ming)?|sing(?:s|ing)?|sang|sung|whistl(?:e|es|ed|ing)|songs?|tunes?|records?|singles?|"
                          r"anthems?|belt(?:s|ed|ing)? out)\b(?:\s+\w+)?\s*$", re.IGNORECASE)
#: ...not a song of a film, nor a film sung along with or named as a kind ('the song from "Frozen"', 'sing along with "Frozen"',
#: 'musicals with songs like "Grease"'), nor a film's theme ('whistling "The Great Escape" theme')
_SUNG_NOT = re.compile(r"\b(?:from|in|of|for|to|with|like|watching|after)\s*$", re.IGNORECASE)
_SUNG_NOT_AFTER = re.compile(r"\W{0,2}\s*(?:theme|soundtrack|score)\b", re.IGNORECASE)
_SUNG_AFTER = re.compile(r"\W{0,2}\s*(?:(?:is|was|'s|has been|keeps)\s+)?(?:(?:still|been)\s+)?(?:stuck in (?:my|our|his|her|their) heads?|"
                         r"(?:is|was)\s+what (?:they|we|you) play)", re.IGNORECASE)


def _sung(text: str, start: int, end: int) -> bool:
    """The quote at `start`-`end` names a song (hummed, sung, stuck in the head), not a film."""
    before = text[max(0, start - 40):start]
    if _SUNG_NOT.search(before) or _SUNG_NOT_AFTER.match(text, end):
        return False
    return bool(_SUNG_BEFORE.search(before) or _SUNG_AFTER.match(text, end))


def _quoted_at(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] in "\"“'‘«["


def _coined(word: str) -> bool:
    """A word outside MiniLM's WordPiece vocabulary (the shipped `dictionary`), nor a plural or other form of one
    ("coraline", "shrek", "goodfellas"; not "hackers"): most often a title's own coinage. The vocabulary lacks some
    ordinary words too ("babysitter", "getaway"), so a coined word alone is weak evidence of a film."""
    words = dictionary()
    if not words or not word.isalpha() or word in COMMON_WORDS or word in NEVER_ALONE or word in _UNLISTED_WORDS or word in words \
            or word in CHAT_WORDS:
        return False
    return not any(word.endswith(end) and word[: -len(end)] in words for end in _INFLECTIONS)


#: Endings that make another form of a word ("dream", "dreams", "dreamy"; "special", "specialist").
_FORMS = ("ists", "ist", "ers", "er", "ing", "ed", "es", "ly", "s", "y")


def _stem(word: str) -> str:
    return next((word[: -len(end)] for end in _FORMS if word.endswith(end) and len(word) - len(end) >= 4), word)


def _another_form(part: Sequence["_Tok"], title: str) -> bool:
    """One word of the language typed where a title has another form of it: a word, not a misspelling ("the special
    effect" is no *The Specialist*, "dreamy" no *Dreams*; "the martin" is still *The Martian*)."""
    content = [t.lower for t in part if t.lower not in TITLE_MINOR]
    if len(content) != 1 or content[0] not in dictionary() and _stem(content[0]) not in dictionary():
        return False
    typed = content[0]
    return any(w != typed and len(typed) >= 4 and (w.startswith(typed) or _stem(w) == _stem(typed))
               for w in normalise_title(title).split())


def _slip_of(key: str, item: Item, *, plural: bool = False, slips: int = 1, ends_kept: bool = False) -> bool:
    """`key` is `slips` letters or fewer off a name of `item` (with its first and last letters, if `ends_kept`: a slip
    inside the word, not another word: "cannibals" is no *Hannibal*); a plural of the name ("heists" of *Heist*) counts only
    if `plural`."""
    return any(OSA.distance(key, k) <= slips and (plural or not key.startswith(k)) and (not ends_kept or (k[:1], k[-1:]) == (key[:1], key[-1:]))
               for k in title_keys(item))


def catalog_form(item: Item) -> str:
    """The title as the catalog file writes it, article moved and no year: "Godfather, The"."""
    stripped = _CATALOG_YEAR.sub("", item.raw_title or item.title).strip()
    return _TRAILING_PAREN.sub("", stripped).strip() or item.title


@dataclass(frozen=True, slots=True)
class _Surface:
    """A title as written, split into normalised words and the punctuation between them."""

    words: tuple[str, ...]
    gaps: tuple[str, ...]  # len(words) - 1 entries, "" where only spaces separate two words


def _surface(name: str) -> _Surface | None:
    tokens = list(_TOKEN.finditer(name))
    words = tuple(normalise_title(t.group()) for t in tokens)
    if not words or not all(words):
        return None
    gaps = tuple(name[a.end() : b.start()].strip() for a, b in zip(tokens, tokens[1:]))
    return _Surface(words, gaps)


def names_year(said: int, year: int | None) -> bool:
    """Whether a year as said, in full or by its last two digits ("1982", "82", "'82"), is `year`."""
    return said == year or (said < 100 and (year or 0) % 100 == said)


def split_year(mention: str) -> tuple[str, int | None]:
    """("the matrix 99") -> ("the matrix", 1999); ("Blade Runner (1982)") -> ("Blade Runner", 1982)."""
    found = _YEAR_TAIL.match(mention.strip())
    if not found:
        return mention.strip(), None
    digits = found["year"].lstrip("'")
    year = int(digits) if len(digits) == 4 else (2000 + int(digits) if int(digits) <= 30 else 1900 + int(digits))
    if not 1870 <= year <= 2035:
        return mention.strip(), None
    return found["title"].strip(), year


class TitleGrounder:
    """Resolves title mentions against a catalog (loaded once; rebuild after catalog changes)."""

    def __init__(self, catalog: CatalogStore, *, embedder: Embedder | None = None, index: VectorIndex | None = None) -> None:
        self._items: dict[int, Item] = {item.item_id: item for item in catalog.all()}
        self._by_key: dict[str, list[int]] = defaultdict(list)
        for item in self._items.values():
            for key in {variant for key in title_keys(item) for variant in key_variants(key)} | initials_joined(item):
                self._by_key[key].append(item.item_id)
        self._add_spelled_names()
        for key, item_id in _joined_keys(self._items.values()):  # "spiderman 2", "xmen": a hyphenated name typed as one word
            if key not in self._by_key and key not in dictionary():  # ("breakup", "nonstop" are words)
                self._by_key[key].append(item_id)
        self._add_short_names()
        self._add_prefix_names()
        self._tags = frozenset(t.strip().lower() for item in self._items.values() for t in item.tags)
        self._name_words = self._add_name_words()
        self._add_run_together_names()
        for alias, target in TITLE_ALIASES.items():  # "t2", "rotk": where the catalog has the film and no title is the alias
            if target in self._by_key and alias not in self._by_key:
                self._by_key[alias] = list(self._by_key[target])
        self._join_spellings()
        self._initials = self._initialisms()
        for alias, ids in self._initials.items():  # "tdk", "httyd 2", "mib2": a known film by its initials
            self._by_key.setdefault(alias, ids)
        self._keys: list[str] = []
        self._keys_by_first: dict[str, list[str]] = defaultdict(list)
        self._keys_by_later_word: dict[str, list[str]] = defaultdict(list)
        self._max_tokens = 1
        self._index_keys(list(self._by_key))
        self._embedder, self._index = embedder, index
        self._surfaces = self._punctuated_surfaces()
        self._bare_series = self._series_names()
        self._by_number: dict[str, dict[int, int]] = {}
        self._series_of: dict[int, str] = {}  # a film -> the series name it was numbered under
        self._sequel_bases: frozenset[str] | None = None  # names of numbered series, built when a misspelt one is met
        self._by_initial: dict[tuple[str, int], list[str]] | None = None  # title keys by first letter and length, built when first needed
        self._sibling_words: dict[str, list[tuple[int, re.Pattern[str]]]] | None = None  # films by a title's first word others share (`_siblings`)
        self._add_numbered_names()
        #: Every word of every name a film answers to ("incredibles", "biutiful"): no spelling fix may touch them.
        self.title_words = frozenset(w for key in self._keys for w in key.split())
        self._title_words = frozenset(w for w in self.title_words if len(w) >= 7)  # "godfather"
        self._slips = WordSlips(((key, item.item_id) for item in self._items.values() if item.popularity >= DOMINANT_MIN
                                 for key in title_keys(item)), minor=TITLE_MINOR, common=COMMON_WORDS,
                                cues=_TYPO_CUE | _WATCH | _IS | _VERDICT, dictionary=dictionary())

    def _index_keys(self, keys: Iterable[str]) -> None:
        """Add `keys` to the lookups over title keys: the keys, those by first word (series lookups scan one
        first word's keys) and by a later word (series names inside a title), and the longest key in words."""
        for key in keys:
            first, *later = key.split()
            self._keys.append(key)
            self._keys_by_first[first].append(key)
            for word in set(later):
                self._keys_by_later_word[word].append(key)
            self._max_tokens = min(12, max(self._max_tokens, 1 + len(later)))

    def _initialisms(self) -> dict[str, list[int]]:
        """Known films by the first letters of their title's words ("the dark knight rises" -> "tdkr",
        "men in black" -> "mib"), and a numbered sequel by its series' letters and number ("back to the
        future 2" -> "bttf2" / "bttf 2", "toy story 3" -> "ts3"). Three letters at least (two with a
        number), never an ordinary word, and only where the letters name one film."""
        by_letters: dict[str, set[int]] = defaultdict(set)
        for key, ids in list(self._by_key.items()):
            words = key.split()
            known = [i for i in ids if self._items[i].popularity >= DOMINANT_MIN]
            if len(words) < 2 or not known or any(not w[0].isalpha() for w in words):
                continue
            letters = "".join(w[0] for w in words)
            if len(letters) >= 3:
                by_letters[letters].update(known)
            for n in range(1, 10):
                sequel = self._indexed(f"{key} {n}") if n > 1 else (key if self._indexed(f"{key} 2") in self._by_key else "")
                if sequel in self._by_key:
                    films = [i for i in self._by_key[sequel] if self._items[i].popularity >= CUED_MIN]
                    for alias in (f"{letters}{n}", f"{letters} {n}"):
                        by_letters[alias].update(films)
        return {alias: sorted(ids) for alias, ids in by_letters.items()
                if len(ids) == 1 and alias not in self._by_key and alias.split()[0].rstrip("0123456789") not in COMMON_WORDS | NEVER_ALONE | _NOT_INITIALS
                and alias not in dictionary()}

    def _add_spelled_names(self) -> None:
        """A rated film's number said as a word ("apollo thirteen"), where no title already is those words ("The Taking of
        Pelham One Two Three" is the 1974 film's own, not the 2009 one's "1 2 3")."""
        titles = frozenset(self._by_key)
        for item in self._items.values():
            if item.popularity < CUED_MIN:
                continue
            for spelled in filter(None, (spelled_key(key) for key in title_keys(item))):
                if spelled not in titles and item.item_id not in self._by_key[spelled]:
                    self._by_key[spelled].append(item.item_id)

    def _add_short_names(self) -> None:
        """The names people shorten a popular title to, where no other title has them: the part before a
        subtitle ("Kill Bill: Vol. 1" -> "kill bill", "Star Trek: Generations" -> "star trek"), a leading initialism
        ("E.T. the Extra-Terrestrial" -> "e t", "et"), and the subtitle of a series' film in any of its titles
        ("fury road", "chamber of secrets", "philosopher s stone"), also where the film is little rated but its series is
        well known ("Star Wars: The Last Jedi" -> "last jedi")."""
        short: dict[str, list[int]] = defaultdict(list)
        in_titles = Counter(w for item in self._items.values() for w in set(normalise_title(item.title).split()))
        heads_of = {item.item_id: short_names(item.title) for item in self._items.values()}
        known_series = {h for item in self._items.values() if item.popularity >= DOMINANT_MIN for h in heads_of[item.item_id]}
        for item in self._items.values():
            heads = heads_of[item.item_id]
            if item.popularity >= DOMINANT_MIN:
                names = heads + [n for title in (item.title, *item.aka) for n in subtitle_names(title)]
            elif item.popularity >= CUED_MIN and known_series.intersection(heads):
                # a well-known series' newer film, however few have rated it yet: with its article, a name ("is the last jedi ok")
                names = [n for title in (item.title, *item.aka) for n in subtitle_names(title, with_article=True)]
            else:  # only films people name casually: "Africa: The Serengeti" must not make "Africa" a title,
                # but a word of no language that no other title has is this film's own ("Lagaan", "Aguirre")
                names = [n for n in heads if item.popularity >= CUED_MIN and _coined(n) and in_titles[n] == 1]
            for name in names:
                if name not in self._by_key and item.item_id not in short[name]:
                    short[name].append(item.item_id)
        for name, ids in short.items():
            if len(ids) == 1 or name in {n for i in ids for n in short_names(self._items[i].title)}:
                self._by_key[name].extend(ids)  # a subtitle names a film only when no other film has it

    def _add_run_together_names(self) -> None:
        """A popular film's name of two to four words typed as one ("fightclub", "thegodfather", "furyroad"), its sequel's
        number too ("toystory2", "ghostbusters2"), where the letters are no word of the language and no other name."""
        words_of_language = dictionary()
        for key, ids in list(self._by_key.items()):
            words = key.split()
            number = words.pop() if len(words) > 1 and words[-1].isdigit() else ""
            popular = [i for i in ids if self._items[i].popularity >= DOMINANT_MIN]
            letters = "".join(words)
            if not popular or not 2 <= len(words) + bool(number) <= 4 or not letters.isalpha() or len(letters) < 7:
                continue
            joined = letters + number
            if joined not in self._by_key and (number or letters not in words_of_language and _coined(letters)):
                self._by_key[joined] = popular

    def _add_prefix_names(self) -> None:
        """The first words people stop at for a popular title ("grand budapest", "crouching tiger",
        "eternal sunshine"): two content words or more, ending on one, that start no other title. Where a
        barely-seen film has that very title, the popular one is a reading too and wins unless the year says
        otherwise ("blair witch" is the 1999 film, "Blair Witch (2016)" the other)."""
        owners: dict[str, set[int]] = defaultdict(set)
        for item in self._items.values():
            for key in title_keys(item):
                for name in prefix_names(key):
                    owners[name].add(item.item_id)
        for name, ids in owners.items():
            item_id = self._known_owner(ids)  # ("rocky horror": the 1975 film, not its little-seen namesake)
            if item_id is None or item_id in self._by_key.get(name, ()):
                continue
            named = self._by_key.get(name, [])
            if not named or self._dominant(sorted([item_id, *named], key=lambda i: -self._items[i].popularity)) == item_id:
                self._by_key[name].append(item_id)

    def _known_owner(self, ids: set[int]) -> int | None:
        """The film a short name belongs to: the only one, or the one that dwarfs the rest, if people name it casually."""
        ordered = sorted(ids, key=lambda i: -self._items[i].popularity)
        item_id = ordered[0] if len(ordered) == 1 else self._dominant(ordered)
        return item_id if item_id is not None and self._items[item_id].popularity >= DOMINANT_MIN else None

    def _add_name_words(self) -> frozenset[str]:
        """The one coined word people shorten a popular title to ("shawshank", "totoro", "lebowski"): a word of no
        dictionary, five letters or more, in the titles of one film only or of one that dwarfs the others, and no
        tag (a maker or a world: "aardman", "narnia"). Returns the words added (in lower case they need a cue: the
        list holds ordinary words the dictionary lacks)."""
        owners: dict[str, set[int]] = defaultdict(set)
        for item in self._items.values():
            for key in title_keys(item):
                for word in _LEADING_ARTICLE_RE.sub("", key).split():
                    if len(word) >= 5 and _coined(word) and word not in self._tags:
                        owners[word].add(item.item_id)
        added = set()
        for word, ids in owners.items():
            item_id = self._known_owner(ids)
            if item_id is not None and word not in self._by_key:
                self._by_key[word].append(item_id)
                added.add(word)
        return frozenset(added)

    def _series_names(self) -> dict[str, tuple[int, ...]]:
        """Series that people name without a noun ("not harry potter", "loved lord of the rings"): the
        head shared by two or more known films ("Harry Potter and the ...", "Pirates of the Caribbean:
        ..."), two words or more, where a film of that very title, if any, is far less known than each
        film of the series (*The Lord of the Rings* of 1978 is not what "lord of the rings" means).
        Films in release order."""
        members: dict[str, set[int]] = defaultdict(set)
        for item in self._items.values():
            if item.popularity >= SERIES_MIN:
                for name in series_heads(item):
                    members[name].add(item.item_id)
        out: dict[str, tuple[int, ...]] = {}
        for name, ids in members.items():
            known = [self._items[i].popularity for i in ids]
            namesakes = [self._items[i].popularity for i in self._by_key.get(name, []) if i not in ids]
            if len(ids) >= 2 and max(known) >= DOMINANT_MIN and max(namesakes, default=0) * DOMINANT <= min(known):
                out[name] = tuple(sorted(ids, key=lambda i: (self._items[i].year or 0, i))[:12])
        return out

    def films_by_number(self, name: str) -> dict[int, int]:
        """A series' films by the number people give them ("shrek" -> 1: *Shrek*, 2: *Shrek 2*, 3: *Shrek
        the Third*); empty when `name` names no series."""
        films = self._by_number.get(name)
        if films is None:
            films = self._count_films(name)
            if len(self._by_number) < _NUMBERED_CACHE:
                self._by_number[name] = films
        return films

    def _count_films(self, name: str) -> dict[int, int]:
        """`films_by_number` worked out: the numbers titles carry, then the series' well-known films counted."""
        explicit = {n: film for n in range(2, 10) if (film := self._explicit_number(name, n)) is not None}
        if explicit and name in self._by_key:
            first = self._decide(name, {i: 100.0 for i in self._by_key[name]}, None, "exact")
            earliest = min(self._items[i].year or 0 for i in explicit.values())
            if first.item_id is not None and first.item_id not in explicit.values() and (self._items[first.item_id].year or 0) <= earliest:
                explicit[1] = first.item_id  # not *Star Trek* (2009), which came after "Star Trek II"
        aliased = [i for key in SERIES_ALIASES.get(name, ()) for i in self._by_key.get(key, [])[:1]]
        members = aliased or list(self._bare_series.get(name, ())) or self._series_ids(name)
        counted = {i for i in members if self._items[i].popularity >= DOMINANT_MIN} | set(explicit.values())
        ordered = sorted(counted, key=lambda i: (self._items[i].year or 0, i))
        if len(ordered) < 2:
            return {}
        return by_number(explicit, ordered) if not self._named_inside(name, ordered) else dict(sorted(explicit.items()))

    def _named_inside(self, name: str, ordered: list[int]) -> bool:
        """Whether a known film of the series' years carries its name inside its title, not at the head
        ("X2: X-Men United" between *X-Men* and *X-Men: The Last Stand"), so counting by release order would skip it."""
        years = [self._items[i].year or 0 for i in ordered]
        inside = re.compile(rf"(?<=\w) {re.escape(name)}\b")
        return any(inside.search(key) for key in self._keys_by_later_word.get(name.split()[0], ()) for i in self._by_key[key]
                   if i not in ordered and self._items[i].popularity >= DOMINANT_MIN and min(years) <= (self._items[i].year or 0) <= max(years))

    def _explicit_number(self, name: str, n: int) -> int | None:
        """The film whose title gives it number `n` of the series `name`: "<name> <n>" ("rocky ii"), or a
        title that goes on after the number ("terminator 2 judgment day", "star wars episode 1 the phantom menace")."""
        key = self._indexed(f"{name} {n}")
        ids = [i for i in self._by_key.get(key, []) if self._items[i].popularity >= CUED_MIN]
        if not ids:
            heads = tuple(f"{name} {middle}{number} " for middle in ("", "part ", "episode ") for number in (str(n), ROMAN[n]))
            ids = sorted({i for k in self._keys_by_first.get(name.split()[0], ()) if k.startswith(heads)
                          for i in self._by_key[k] if self._items[i].popularity >= CUED_MIN})
        if not ids:
            return None
        if len(ids) == 1:
            return ids[0]
        return self._decide(f"{name} {n}", {i: 100.0 for i in ids}, None, "exact").item_id

    def _add_numbered_names(self) -> None:
        """Every series' films by number as title keys ("shrek 3", "harry potter 1", "lotr 2") and by
        the series' initials ("hp3", "dh 3"), where no title has them."""
        names = {m.group(1) for key in self._by_key if (m := _SEQUEL_KEY.fullmatch(key)) and (m.group(1) in self._by_key or m.group(1) in self._bare_series)}
        # ...and a numbered head before a subtitle ("Gremlins 2: The New Batch"), however little the film is rated
        names |= {m.group(1) for item in self._items.values() for head in short_names(item.title)
                  if (m := _SEQUEL_KEY.fullmatch(head)) and m.group(1) in self._by_key}
        names |= set(self._bare_series) | set(SERIES_ALIASES)
        added: dict[str, tuple[int, bool]] = {}  # alias -> (film, whether the alias is initials)
        for name in sorted(names):
            letters = "".join(w[0] for w in name.split()) if len(name.split()) >= 2 else ""
            initials = bool(letters) and letters not in COMMON_WORDS | NEVER_ALONE | _NOT_INITIALS
            films = self.films_by_number(name)
            for item_id in films.values():  # the longest series a film is numbered in ("star wars", not "star wars episode")
                current = self._series_of.get(item_id)
                if current is None or len(films) > len(self.films_by_number(current)):
                    self._series_of[item_id] = name
            for n, item_id in films.items():
                aliases = [(f"{name} {n}", False)] + ([(f"{name}{n}", False)] if name in SERIES_ALIASES else [])
                aliases += [(f"{letters}{n}", True), (f"{letters} {n}", True)] if initials else []
                for alias, by_letters in aliases:
                    if self._indexed(alias) not in self._by_key and alias not in dictionary():
                        added.setdefault(alias, (item_id, by_letters))
        for nickname, name in {**SERIES_NICKNAMES, **SERIES_NICKNAMES_JOINED}.items():
            for n, item_id in self.films_by_number(name).items():
                for alias in (f"{nickname}{n}", *([f"{nickname} {n}"] if nickname in SERIES_NICKNAMES else [])):
                    if self._indexed(alias) not in self._by_key:
                        added.setdefault(alias, (item_id, False))
        for alias, (item_id, by_letters) in added.items():
            self._by_key[alias] = [item_id]
            if by_letters:
                self._initials[alias] = [item_id]
        self._index_keys(added)

    def _punctuated_surfaces(self) -> dict[str, list[tuple[_Surface, tuple[int, ...]]]]:
        """Titles with punctuation between their words ("Monsters, Inc.", "Kill Bill: Vol. 1",
        "Godfather, The") or too long for the n-gram scan, by first word, longest first."""
        ids_of: dict[_Surface, list[int]] = defaultdict(list)
        for item in self._items.values():
            names = (item.title, catalog_form(item), *item.aka)
            for name in dict.fromkeys((*names, *(n.replace("&", "and") for n in names if "&" in n))):  # "Planes, Trains and Automobiles"
                surface = _surface(name)
                if surface and (any(surface.gaps) or len(surface.words) > self._max_tokens) and item.item_id not in ids_of[surface]:
                    ids_of[surface].append(item.item_id)
        by_first: dict[str, list[tuple[_Surface, tuple[int, ...]]]] = defaultdict(list)
        for surface, ids in ids_of.items():
            by_first[surface.words[0]].append((surface, tuple(ids)))
        for entries in by_first.values():
            entries.sort(key=lambda e: -len(e[0].words))
        return dict(by_first)

    # One mention ---------------------------------------------------------------------------------
    def ground(self, mention: str, year: int | None = None, *, use_embeddings: bool = True) -> Grounding:
        """Resolve one mention; `year` (or a trailing year in the mention) picks among versions."""
        text = " ".join(mention.split())[:200]
        key = normalise_title(text)
        if not key:
            return Grounding(mention, "unknown")
        if key not in self._by_key and all(word in NEVER_ALONE for word in key.split()):
            return Grounding(mention, "unknown")  # "something", "a movie": not worth a fuzzy guess
        if key not in self._by_key:
            stripped, hinted = split_year(text)
            if hinted is not None and normalise_title(stripped):
                key, year = normalise_title(stripped), year or hinted
        key = self._indexed(key)
        if key in self._by_key:
            return self._decide(mention, {i: 100.0 for i in self._by_key[key]}, year, "exact")
        fuzzy = self._fuzzy(key, year)
        if fuzzy and max(fuzzy.values()) >= FUZZY_CANDIDATE:
            return self._decide(mention, fuzzy, year, "fuzzy")
        if use_embeddings and self._embedder is not None and self._index is not None:
            return self._by_embedding(mention, text)
        return Grounding(mention, "unknown")

    def _join_spellings(self) -> None:
        """Two words that are also a title written as one ("Old Boy" of 2003, "Oldboy" of 2013): the one word names the
        two-word films too when those are far better known (people write "Oldboy" for the 2003 film), and the version
        people rated wins as for any remake. Not the other way: "The Dead Pool" is no *Deadpool*."""
        for key in [k for k in self._by_key if k.count(" ") == 1]:
            joined = key.replace(" ", "")
            if joined in self._by_key and joined.isalpha():
                spaced, whole = self._by_key[key], self._by_key[joined]
                if max(self._items[i].popularity for i in spaced) >= DOMINANT * max(self._items[i].popularity for i in whole):
                    self._by_key[joined] = [*whole, *spaced]

    def _indexed(self, key: str) -> str:
        """`key`, or its sequel-number form when only that is a title key ("kill bill volume two"), or its words as texts
        spell them when only those are ("10 things i hate about u", "call me by ur name")."""
        if key in self._by_key:
            return key
        if canonical_key(key) in self._by_key:
            return canonical_key(key)
        spelt = " ".join(_TEXTED.get(w, w) for w in key.split()) if " " in key else key
        return spelt if spelt in self._by_key else key

    def _fuzzy(self, key: str, year: int | None) -> dict[int, float]:
        """Item id -> best fuzzy score (0-100) over its title keys, a matching year adding a little."""
        scores: dict[int, float] = {}
        plain = process.extract(key, self._keys, scorer=fuzz.ratio, limit=20, score_cutoff=60)
        subset = process.extract(key, self._keys, scorer=fuzz.token_set_ratio, limit=20, score_cutoff=67)
        words = len(key.split())
        # token_set_ratio is 100 whenever one side's words are a subset of the other's; only the
        # mention-inside-a-longer-title direction ("harry potter") is evidence, and weaker.
        subset = [hit for hit in subset if len(hit[0].split()) > words]
        for hits, weight in ((plain, 1.0), (subset, 0.9)):
            for found, score, _ in hits:
                for item_id in self._by_key[found]:
                    scores[item_id] = max(scores.get(item_id, 0.0), score * weight)
        if year is not None:
            scores = {i: min(100.0, s + 5.0) if self._items[i].year == year else s for i, s in scores.items()}
        return scores

    def _decide(self, mention: str, scores: dict[int, float], year: int | None, method: str) -> Grounding:
        """Match, or ambiguous with alternatives, from scored candidates (ties broken by year, then dominance)."""
        best = max(scores.values())
        tied = [i for i, s in scores.items() if s >= best - CLOSE]
        if year is not None:
            same_year = [i for i in tied if self._items[i].year == year]
            tied = same_year or tied
        tied.sort(key=lambda i: -self._items[i].popularity)
        confidence = best / 100.0
        if year is not None and self._items[tied[0]].year != year:
            confidence *= 0.7  # the year hint did not fit any close candidate
            if method == "fuzzy" and "(" not in mention and abs((self._items[tied[0]].year or 0) - year) > 1:  # a bracketed year is the writer's
                return Grounding(mention, "ambiguous", confidence=round(confidence / 2, 3),
                                 alternatives=self._alternatives(scores, exclude=None, first=tied), method=method)  # "Born in 1938"
        winner = tied[0] if len(tied) == 1 else self._dominant(tied)
        if winner is None and method == "exact":
            winner = self._article_match(mention, tied)
        if winner is not None and (method == "exact" or best >= FUZZY_MATCH):
            if len(tied) > 1:
                confidence *= 0.85
            item = self._items[winner]
            return Grounding(mention, "matched", winner, item.display_title, round(confidence, 3),
                             self._alternatives(scores, exclude=winner), method)
        return Grounding(mention, "ambiguous", confidence=round(confidence / max(len(tied), 1), 3),
                         alternatives=self._alternatives(scores, exclude=None, first=tied), method=method)

    def _casual(self, tokens: list[_Tok], i: int, length: int, key: str, listed: bool = False, followed: bool = False) -> bool:
        """A lower-case mention names a film only when people name it casually (it is popular) and
        it does not read as ordinary words: all-common words ("true romance", "heat") need a cue
        right next to them ("loved ...", "like ...", "... was"), and so does one lone content word
        ("with aliens", "fast cars") unless it stands alone or in a list. `listed`: a neighbouring item of
        its list is a title ("loved toy story and shrek", "children of men, gattaca"), which is a cue too."""
        span = tokens[i : i + length]
        if length == 1 and span[0].lower in _OBJECT_PRONOUNS and i + 1 < len(tokens) and not tokens[i + 1].boundary_before \
                and tokens[i + 1].lower not in _AFTER_A_NAME | _LIKE_AFTER:
            return False  # "loved her in Working Girl", "watch her favourite": the pronoun, not *Her* ("eternal sunshine, her, ..." is the film)
        before = tokens[i - 1] if i > 0 and not span[0].boundary_before else None
        after = tokens[i + length] if i + length < len(tokens) and not tokens[i + length].boundary_before else None
        kind = after is not None and after.lower in _KIND_NOUNS
        if length == 1 and kind and not (before is not None and before.lower in ARTICLES):
            return False  # "I like heist films", "loved zombie movies": a kind of film, not *Heist* ("the alien films" is a series)
        if length == 1 and before is not None and not before.capitalised and before.lower in _KIND_WORDS \
                and after is not None and after.lower in _LIKE_AFTER:
            return False  # "survival horror game energy": the head of a kind of thing, not *The Game*
        if before is not None and before.sentence_start and before.lower in _CHAT_OPENERS:
            before = None  # "lol scary movie 2 was trash": a chat word opens the sentence as nothing
        # "is monster house too scary", "wait, is alien from 1979", "who's in the departed?"
        opened = before is not None and (_clause_start(before) or i >= 2 and tokens[i - 2].sentence_start and tokens[i - 2].lower in _QUESTION_OPENERS)
        asking = before is not None and (opened and (before.lower in _ASKING or before.lower in _MODAL_ASKING and (length > 1 or _coined(key)))
                                         or _cast_question(tokens, i))
        # "how long is lawrence of arabia", "what about anchorman?" (not for ordinary words: "is it ... big enough?")
        question = before is not None and (before.lower in _IS or before.lower == "about") and _question(tokens, i)
        # "what year was heat", "when did alien come out": the film a question about its facts runs on after, or ends on
        # when the question says more than its opening ("whats up?" is a greeting)
        ends = i + length == len(tokens) or tokens[i + length].boundary_before
        asked_fact = before is not None and before.lower in _IS | _DID and _question(tokens, i) \
            and (after is not None and after.lower in _FACT_AFTER or ends and i >= 2 and not tokens[i - 1].sentence_start)
        of_film = before is not None and i > 1 and (before.lower == "of" and tokens[i - 2].lower in _OF_CUE  # "a rewatch of"
                                                    or before.lower == "to" and tokens[i - 2].lower in _SEQUEL_TO)  # "a sequel to"
        # "how much gore is there in the revenant?", "are there sex scenes in titanic?": what is in a film, asked
        in_film = before is not None and before.lower == "in" and after is None and _question(tokens, i)
        content = [t for t in span if t.lower not in TITLE_MINOR or t.lower in _FOREIGN_MINOR] or span  # "la la land" is no "land"
        # "lawrence of arabia, big adventure" is no *Big*; "up, inside out and coco" and "drive, heat, collateral" are films, the
        # title found after them ("i loved titanic, big, sweeping and sad" is no *Big*)
        whole_item = i + length < len(tokens) and (tokens[i + length].lower in _LIST_JOIN if after is not None
                                                   else not tokens[i + length].sentence_start)  # ("shrek 3 meh. next?" is no *Next*)
        # ...with a title after it, another item joined after it, or its verdict ("wall e, up and inside out", "hero, fantastic.")
        followed = followed or (whole_item and (after is not None or tokens[i + length].lower in _TAIL_VERDICT))
        listed = listed and not (len(content) == 1 and content[0].lower in COMMON_WORDS and not (whole_item and before is None and followed))
        # "fell asleep in inception," (a film everybody names, closing its clause: not "fell asleep in traffic on the way home")
        dozed = _dozed_in(tokens, i) and (tokens[i - 1].lower != "in" or ends and self._well_known(key))
        said = (before is not None and (before.lower in _TITLE_CUE or asking or of_film or in_film)) or _choice(tokens, i, length) or dozed
        cue = listed or said
        if len(content) == 1 and after is not None and after.lower == "of" and not (said and before is not None and before.lower != "about") \
                and not (i + length + 1 < len(tokens) and tokens[i + length + 1].lower in _OF_IDIOMS):
            return False  # "a film about the fall of the Wall": the head of a longer phrase, not *The Fall* ("loved heat of all things" is)
        if before is not None and before.lower == "about" and i > 1 and tokens[i - 2].lower in _STORY_NOUNS \
                and all(t.lower in dictionary() for t in content):
            return False  # "a nice story about ordinary people", "a film about the deep": what it is about, not *Ordinary People*
        if len(span) == 1 and before is not None and before.lower in _VIEWER_WORDS and i > 1 and tokens[i - 2].lower in _HAD_ME:
            return False  # "Horrible Bosses had me howling": how it left the viewer, not *The Howling*
        if len(span) == 1 and before is not None and before.lower == "to" and i > 1 and tokens[i - 2].lower in _WANTING:
            return False  # "Minions made me want to scream, Frozen was fine": a verb after its "to", not *Scream*
        refused = before is not None and (before.lower in _REFUSAL_CUE or before.lower == "but" and i > 1 and tokens[i - 2].lower in _ALL_BUT) \
            and not (before.lower == "not" and i > 1 and tokens[i - 2].lower in _COPULAS)  # "I'm not brave": a word said of someone
        made_me = after is not None and after.lower == "made" and i + length + 1 < len(tokens) and tokens[i + length + 1].lower in ("me", "us")
        verdict = after is not None and (after.lower in _VERDICT or after.lower in _LIKE_AFTER or made_me)  # "war horse made me cry"
        # "the conjuring good, annabelle bad": a name opening its clause, then one verdict word that closes it
        verdict = verdict or (before is None and after is not None and after.lower in _LIST_VERDICT  # ("ransom yes, payback no";
                              and (len(span) > 1 or self._lone_name(key))  # not "cowboys: hard no" (a word of *Die Hard*),
                              and _closes_clause(tokens, i + length))  # nor "robots yes, aliens no" (things in a film)
        if len(span) == 2 and span[0].lower in _POSSESSIVES and not (said or listed) and not (
                verdict and i + length + 1 < len(tokens) and tokens[i + length + 1].lower in _PRAISED):
            return False  # "my uncle is a retired copper": a relative, not *Mon Oncle (My Uncle)*; "your name was perfect" is the film
        # a verb that only a film's viewer says of it, then its viewer: "the conjuring wrecked me", "ex machina blew me away"
        judged = after is not None and after.lower in _JUDGED_AFTER and i + length + 1 < len(tokens) and tokens[i + length + 1].lower in _VIEWER
        # "twister had me yawning" (not "the boss had me working late", "traffic had me fuming")
        judged = judged or (after is not None and after.lower in _HAD_ME and i + length + 2 < len(tokens)
                            and tokens[i + length + 1].lower in _VIEWER and tokens[i + length + 2].lower in _VIEWING_REACTIONS)
        # A cue before "the conjuring" / "get out", or a verdict after several words ("scary movie 3 was"), is
        # evidence enough for a less-rated film; a lone word ("seen enough", "the killer was") must be popular.
        # A multi-word span that opens a sentence or carries the title's own article ("the godfather") reads as a name.
        named = len(span) > 1 and (before is None or span[0].lower in ARTICLES)
        relaxed = ((cue or question or refused) and len(span) > 1) or ((verdict or judged) and len(content) > 1) or (judged and named) \
            or listed  # "superbad and adventureland"
        opinion = before is not None and before.lower in _TYPO_CUE - _SIMILE  # "loved prisoners", not "age like milk"
        # ...but "more like tremors", "films like signs": a likeness asked of films
        opinion = opinion or (before is not None and before.lower in _SIMILE and i > 1 and tokens[i - 2].lower in _LIKENESS_ASKED)
        alone = named and before is None and len(content) > 1 and any(t.lower not in COMMON_WORDS for t in content)
        # "the searchers was great", "the conjuring was a bit much": the title's own article, then a plural or a gerund that
        # the verb treats as one thing ("the killer was obvious", "the hunt was tense" are the story's)
        alone = alone or (named and before is None and span[0].lower in ARTICLES and len(content) == 1 and content[0].lower not in COMMON_WORDS
                          and after is not None and after.lower in ("is", "was") and content[0].lower.endswith(("s", "ing")))
        # "is hugo for kids?", "a sequel to tremors": one word asked about is a film, if some people rated it
        opinion = opinion or dozed or (len(content) == 1 and (asking or of_film or in_film))
        minimum = CUED_MIN if relaxed else ALONE_MIN if alone else OPINION_MIN if opinion else DOMINANT_MIN
        strong = length == 1 and _judged_strongly(tokens, i, length)
        if strong:  # "rope was fun", "clue is the funniest film": a bare word that opens its clause and is judged in it
            minimum, verdict = min(minimum, CUED_MIN if _coined(key) else OPINION_MIN), True  # ("vacation was great": few rated)
        if len(content) == 1 and _called(tokens, i):
            return self._well_known(key, LISTED_MIN)  # "is there a film called tomorrow?": named as a title
        if len(content) == 1 and (opinion or cue or verdict or judged) and _coined(content[0].lower):
            minimum = CUED_MIN  # "adored paddington", "cujo was boring": a word of no language by a cue is a name, however little rated
        elif listed and len(content) > 1:  # "casablanca, rio bravo and roman holiday": beside a title, any rated film,
            words = dictionary()  # unless its words are all the language's ("last night", "brief encounter")
            minimum = CUED_MIN if all(t.lower in words for t in content) else LISTED_MIN
        # a name of several words, one of them outside MiniLM's vocabulary, said the way films are ("watched: the babadook -
        # overhyped", "train to busan – fun"), needs only a rating; not words in passing ("the babysitter cancelled")
        nxt = i + length  # a verdict word set off after it, or closing its clause ("- overhyped", "– fun.")
        tail = nxt < len(tokens) and tokens[nxt].lower in _TAIL_VERDICT and (tokens[nxt].boundary_before or _closes_clause(tokens, nxt))
        if len(span) > 1 and (cue or question or verdict or judged or refused or tail) and any(_coined(t.lower) for t in content):
            minimum = LISTED_MIN
        if not self._well_known(key, minimum):
            return False
        if len(content) == 1 and (content[0].lower in NEVER_ALONE or _YEAR_WORD.fullmatch(content[0].word) or content[0].word.isdigit()):
            return False
        if all(t.lower in COMMON_WORDS or t.word.isdigit() for t in content):
            # "war dogs was trash, anything else about ...": a list's neighbour is no cue for such words
            listed_only = not said and len(content) > 1 and content[0].lower in _INDEFINITE
            return (said if listed_only else cue) or ((before is None or strong) and verdict) or (asked_fact and len(content) == 1)
        if len(content) == 1 and named and span[0].lower in ARTICLES and (before is None or before.lower not in _PLACE_BEFORE):
            return True  # "about the godfather": the title's own article makes it a name ("on the island" stays a place)
        if length == 1 and re.fullmatch(r"[a-z]+\d", span[0].lower):
            return True  # "mi1 great", "t2 or aliens": a name and its number written together is no word
        if len(content) == 1 and content[0].lower in _MAKERS:
            return False  # "psycho (hitchcock)": the film-maker
        if len(content) == 1 and content[0].lower in _PRAISE and not (before is not None and before.lower in _TITLE_CUE):
            return False  # "aliens are perfect", "Grand Budapest: perfect.": a verdict, not *Perfect* or *Epic*
        if len(content) == 1:  # one lower-case word ("misery", "cars", "alien monster") is a word unless a cue names it
            if "." in span[0].word or verdict or judged or listed or (before is None and (after is None or self._listed(tokens, i + length))):
                return True  # "e.t.", "heat was great", "jaws, alien and heat"
            if _coined(content[0].lower) and key not in self._name_words:
                return True  # "the creepy bits in coraline": a popular title that is no word of the language names the film
            return dozed or before is not None and (before.lower in _WORD_CUE or asking or question or asked_fact or refused or of_film or in_film)
        # Ordinary phrases that are also titles ("behind enemy lines", "old school") need a cue or a
        # film everybody names.
        return cue or question or verdict or judged or named or refused or self._well_known(key, UNCUED_PHRASE_MIN)

    def _opens_title(self, word: str, item_id: int) -> bool:
        """`word` is the first word of the film's title, past an English article ("sleepless" of *Sleepless in Seattle*)."""
        return self._bare_title(item_id).split()[:1] == [word]

    def _lone_name(self, key: str) -> bool:
        """One word that is a film's whole title and reads as a name: no common word, no word of *Die Hard*, and no plural
        of the language (things a film has: "robots", "aliens"), unless coined ("ransom", "payback", "shrek")."""
        if key in COMMON_WORDS or key.endswith("s") and not _coined(key):
            return False
        return any(self._bare_title(i) == key for i in self._by_key.get(key, ()))

    def _bare_title(self, item_id: int) -> str:
        """The film's title as a key, without an English leading article ("the others" -> "others"; "die hard" stays)."""
        return _LEADING_ARTICLE_RE.sub("", normalise_title(self._items[item_id].title))

    @staticmethod
    def _listed(tokens: list[_Tok], j: int) -> bool:
        """The word at `j` starts a new item ("jaws, alien and heat"): punctuation or "and"/"or" before it."""
        return tokens[j].boundary_before or tokens[j].lower in ("and", "or", "vs", "but")

    def _one_word_reading(self, grounding: Grounding) -> bool:
        """Whether a fuzzy reading of one word is a one-word title (a typo: "Matirx"), not a part of one."""
        ids = [grounding.item_id] if grounding.item_id is not None else [a.item_id for a in grounding.alternatives[:1]]
        return any(len(key.split()) == 1 for i in ids for key in title_keys(self._items[i]))

    def _well_known(self, key: str, minimum: int = 0) -> bool:
        """A lower-case mention counts only for a film people name casually ("alien"): at least
        `minimum` interactions (default `DOMINANT_MIN`)."""
        return max(self._items[i].popularity for i in self._by_key[key]) >= (minimum or DOMINANT_MIN)

    def _article_match(self, mention: str, tied: list[int]) -> int | None:
        """Of tied versions, the only one that agrees with the mention on a leading article ("Arrival"
        is *Arrival* (2016), not *The Arrival* (1996)), or the dominant one of those that agree ("War of the
        Worlds" is Spielberg's, listed twice, not *The War of the Worlds*); None when that does not single one out."""
        said = bool(_LEADING_ARTICLE_RE.match(mention.lower()))
        agreeing = [i for i in tied if bool(_LEADING_ARTICLE_RE.match(self._items[i].title.lower())) == said]
        if len(agreeing) > 1 and len(agreeing) < len(tied):
            return self._dominant(agreeing)
        if len(agreeing) != 1:
            return None
        known = self._items[agreeing[0]].popularity  # well known, or capitalised and no less known than the versions it beats
        return agreeing[0] if known >= DOMINANT_MIN or mention[:1].isupper() and all(known >= self._items[i].popularity for i in tied) else None  # ("Heat and Thief")

    def _versions(self, key: str) -> list[int]:
        """The dated items named `key`, oldest first, when there are several (a remade film)."""
        ids = sorted((i for i in self._by_key.get(key, ()) if self._items[i].year), key=lambda i: self._items[i].year or 0)
        return ids if len(ids) > 1 else []

    def _version_cue(self, text: str, start: int, end: int, versions: list[int], *, before: bool = True) -> tuple[int, int] | None:
        """Which of `versions` the words around a mention name, and where they end: a note right after it
        ("(the 2004 one)", "(carpenter, not the 2011 one)", "(the og)"), a word right after ("remake"), or
        the word before, when `before` ("the original Shaft", "the old Solaris"). (item id, end of the cue) or None."""
        note = _VERSION_NOTE.match(text, end)
        if note and (words := [normalise_title(w) for w in _TOKEN.findall(note.group(1) or note.group(2))]):
            if _VERSION_WORDS & set(words) or any(w.isdigit() for w in words):
                picked = self._version_named(words, versions)
                if picked is not None or note.group(1):
                    return (picked, note.end()) if picked is not None else None
                # ", the Hayley Mills one" names no year: the word before may still ("the old Parent Trap, the Hayley Mills one")
        after = _TOKEN.match(text, end + 1) if text[end : end + 1] == " " else None
        if after and normalise_title(after.group()) in _VERSION_AFTER:
            picked = self._version_named([normalise_title(after.group())], versions)
            return (picked, after.end()) if picked is not None else None
        words = _TOKEN.findall(_BOUNDARY.split(text[max(0, start - 24) : start])[-1])[-1:] if before else []
        picked = self._version_named([normalise_title(w) for w in words], versions) if words else None
        return (picked, end) if picked is not None else None

    def _version_named(self, words: list[str], versions: list[int]) -> int | None:
        """The version that `words` name: a year ("2004", "98"), the oldest or the newest; after "not" the
        other one ("not the 2011 one" of two versions). What is said before the "not" comes first ("the 1975 one, not the
        remake")."""
        cut = next((k for k, w in enumerate(words) if w in ("not", "no")), None)
        if cut is None:
            return self._version_in(words, versions, negated=False)
        said = self._version_in(words[:cut], versions, negated=False)
        return said if said is not None else self._version_in(words[cut + 1:], versions, negated=True)

    def _version_in(self, words: list[str], versions: list[int], *, negated: bool) -> int | None:
        for word in _live_action_joined(words):
            number = int(word) if word.isdigit() and len(word) in (2, 4) else None
            dated = [i for i in versions if number is not None and names_year(number, self._items[i].year)]
            dated = dated or self._of_decade(word, versions)
            if dated:
                rest = [i for i in versions if i not in dated]
                return (rest[-1] if len(rest) == 1 else None) if negated else dated[0]
            drawn = [i for i in versions if ("Animation" in self._items[i].genres) == (word in _DRAWN)] if word in _DRAWN | _FILMED else []
            if drawn and len(drawn) < len(versions):  # "the cartoon one", "not the live-action remake"
                rest = [i for i in versions if i not in drawn]
                return (rest[-1] if len(rest) == 1 else None) if negated else drawn[-1] if word in _FILMED else drawn[0]
            if word in _OLDEST or word in _NEWEST:
                oldest = (word in _OLDEST) != negated
                return versions[0] if oldest else versions[-1]
        return None

    def _later_version(self, text: str, end: int, versions: list[int]) -> int | None:
        """The version a dated "the 1988 one" later in the same sentence names ("is the blob on your list the
        1988 one?", "is the magnificent seven any good, the 60s one not the remake")."""
        stop = _SENTENCE_END.search(text, end)
        later = _LATER_VERSION.search(text, end, stop.start() if stop else len(text))
        if later is None or _COMPARED.search(text, end, later.start()):
            return None  # "scarface with pacino over the 1932 one", "is the 2016 ghostbusters connected to the 1984 one?"
        return self._version_named([normalise_title(later.group(1))], versions)

    def _of_decade(self, word: str, versions: list[int]) -> list[int]:
        """The versions made in the decade `word` names ("70s", "1970s", "'70s"), oldest first."""
        found = _DECADE_WORD.fullmatch(word.lstrip("'’"))
        if not found:
            return []
        digits = int(found.group(1))
        start = digits if digits >= 100 else digits + (1900 if digits >= 20 else 2000)
        return [i for i in versions if start <= (self._items[i].year or 0) < start + 10]

    def likeliest_version(self, ids: Iterable[int], company: Iterable[int]) -> int | None:
        """Which version of a remade film a message means when nothing beside the name says: the one made
        nearest the other films it names (beside Fargo and Burn After Reading, the 2004 *Ladykillers*), else
        the one far more people have rated (*The Fly* of 1986 over that of 1958). None when neither decides."""
        versions = [i for i in ids if i in self._items and self._items[i].year]
        if len(versions) < 2:
            return None
        years = sorted(y for i in company if i in self._items and i not in versions and (y := self._items[i].year))
        if years:
            middle = years[len(years) // 2]
            gaps = sorted((abs((self._items[i].year or 0) - middle), i) for i in versions)
            if gaps[1][0] - gaps[0][0] >= VERSION_GAP:
                return gaps[0][1]
        return self._dominant(sorted(versions, key=lambda i: -self._items[i].popularity), VERSION_SEEN)

    def _dominant(self, ids: list[int], ratio: int = DOMINANT) -> int | None:
        """The most popular of `ids` when it is rated `ratio` times as often as the next (ids sorted by popularity)."""
        top, second = self._items[ids[0]].popularity, self._items[ids[1]].popularity
        return ids[0] if top >= DOMINANT_MIN and top >= ratio * max(second, 1) else None

    def _alternatives(self, scores: dict[int, float], *, exclude: int | None, first: list[int] | None = None) -> tuple[Alternative, ...]:
        order = list(first or [])
        order += sorted((i for i in scores if i not in order), key=lambda i: (-scores[i], -self._items[i].popularity))
        return tuple(
            Alternative(i, self._items[i].display_title, round(scores[i] / 100.0, 3))
            for i in order
            if i != exclude and scores[i] >= FUZZY_CANDIDATE
        )[:MAX_ALTERNATIVES]

    def _by_embedding(self, mention: str, text: str) -> Grounding:
        assert self._embedder is not None and self._index is not None
        hits = [(i, s) for i, s in self._index.query(self._embedder.embed([text])[0], MAX_ALTERNATIVES, Filters()) if i in self._items]
        if not hits or hits[0][1] < EMBED_CANDIDATE:
            return Grounding(mention, "unknown", method="embedding")
        alternatives = tuple(Alternative(i, self._items[i].display_title, round(s, 3)) for i, s in hits)
        margin = hits[0][1] - (hits[1][1] if len(hits) > 1 else 0.0)
        if hits[0][1] >= EMBED_MATCH and margin >= 0.08:
            item_id = hits[0][0]
            return Grounding(mention, "matched", item_id, self._items[item_id].display_title,
                             round(hits[0][1] * 0.8, 3), alternatives[1:], "embedding")
        return Grounding(mention, "ambiguous", confidence=round(hits[0][1] * 0.5, 3), alternatives=alternatives, method="embedding")

    # Mentions in a message -----------------------------------------------------------------------
    def find_mentions(self, text: str) -> list[Grounding]:
        """Title mentions in a chat message, grounded ("I loved Alien and Blade Runner, nothing
        romantic" -> Alien, Blade Runner). Precision first: quoted spans, exact title n-grams that
        pass the common-word rules, then fuzzy capitalised runs; unknowns are dropped. A message typed With A Capital On
        Every Word (`capitalised_throughout`) is read as typed and in lower case, and the films of both readings kept."""
        text = _unshouted(_apart(text[:5000]))
        found = self._mentions(text)
        if capitalised_throughout(text):  # (as typed, a run that found no one film is only capitals: "Nothing After 1980")
            found = [g for g in found if g.status == "matched"]
            found += [g for g in self._mentions(words_lowered(text)) if not any((g.start or 0) < (f.end or 0) and (f.start or 0) < (g.end or 0) for f in found)]
        return sorted(found, key=lambda g: g.start or 0)

    def _mentions(self, text: str) -> list[Grounding]:
        found: list[Grounding] = []
        taken: list[tuple[int, int]] = []
        self._quoted_titles(text, taken, found)
        self._punctuated_titles(text, taken, found)
        self._titles_before_years(text, taken, found)
        tokens = _tokens(text, taken)
        used = [False] * len(tokens)
        shouting = _shouting(tokens)
        self._exact_ngrams(text, tokens, used, found, shouting)
        for _ in range(LIST_PASSES if any(used) else 0):  # again: a list item beside a title found ("children of men, gattaca"), down the list
            count = len(found)
            self._exact_ngrams(text, tokens, used, found, shouting)
            if len(found) == count:
                break
        self._capitalised_runs(text, tokens, used, found, shouting)
        self._casual_typos(text, tokens, used, found)
        self._word_slips(text, tokens, used, found)
        found = self._pick_versions(text, found)
        found = self._numbered_lists(text, found)
        found += self._firsts_of_sequels(text, found)
        found = self._firsts_of_series(text, found)
        found = self._ordinals_of_series(text, found)
        found += self._numbers_after(text, found)
        found += self._nth_after(text, found)
        found += self._siblings_after(text, found)
        found = self._onwards(text, found)
        found = [g for g in found if not _ERA_WORDS.fullmatch(text[g.start or 0:g.end or 0]) or _quoted_at(text, g.start or 0)]
        found = [g for g in found if not _ISH_WORD.match(text, g.end or 0) or " " in (said := text[g.start or 0:g.end or 0].strip())
                 or _coined(said.lower())]  # "horror-ish" is a genre, "totoro-ish" a film
        found = [g for g in found if not _a_place_or_date(text, g)]
        found = _other_media(text, found)
        return sorted(found, key=lambda g: g.start or 0)

    def passed_over(self, text: str, taken: Sequence[tuple[int, int]]) -> list[Grounding]:
        """Words outside `taken` that are a catalog title, or a letter or two off one (`_near_names`), but that
        `find_mentions`'s rules did not take (a lower-case name with no cue: "watched whale rider last night"),
        longest first, each matched to one film. Candidates for a trained model to judge (`agent.understand.roles`),
        never titles alone."""
        text = _apart(text[:5000])
        tokens = _tokens(text, taken)
        out: list[Grounding] = []
        i = 0
        while i < len(tokens):
            for length in range(min(self._max_tokens, len(tokens) - i), 0, -1):
                span = tokens[i : i + length]
                if any(t.boundary_before for t in span[1:]) or _straddles(span, taken):
                    continue
                key = self._indexed(normalise_title(text[span[0].start : span[-1].end]))
                if key not in self._by_key or (length == 1 and key in NEVER_ALONE) or key in self._initials:
                    continue
                grounding = self._decide(text[span[0].start : span[-1].end], {k: 100.0 for k in self._by_key[key]}, None, "exact")
                if grounding.status == "matched":
                    out.append(_at(grounding, span[0].start, span[-1].end))
                    i += length - 1
                    break
            i += 1
        return out + self._near_names(text, [*taken, *((g.start or 0, g.end or 0) for g in out)])

    def _near_names(self, text: str, taken: Sequence[tuple[int, int]]) -> list[Grounding]:
        """Words a letter or two from a catalog title ("the dark night", "home along"), longest first: more candidates
        for `passed_over`. Only titles with the same first letter and a length the score allows are compared."""
        tokens = _tokens(text, taken)
        out: list[Grounding] = []
        i = 0
        while i < len(tokens):
            for length in range(min(NEAR_TOKENS, len(tokens) - i), 0, -1):
                span = tokens[i : i + length]
                key = normalise_title(text[span[0].start : span[-1].end])
                if any(t.boundary_before for t in span[1:]) or _straddles(span, taken) or len(key) < NEAR_MIN_CHARS \
                        or key in self._by_key or span[-1].lower in TITLE_MINOR \
                        or length == 1 and (span[0].lower in COMMON_WORDS or span[0].lower in dictionary()):
                    continue  # one word of the language is no misspelt title ("burglars" is no *Burglar*)
                hit = process.extractOne(key, self._near_keys(key), scorer=fuzz.ratio, score_cutoff=NEAR_SCORE)
                if hit is None:
                    continue
                grounding = self._decide(text[span[0].start : span[-1].end], {k: hit[1] for k in self._by_key[hit[0]]}, None, "exact")
                if grounding.status == "matched":
                    out.append(_at(grounding, span[0].start, span[-1].end))
                    i += length - 1
                    break
            i += 1
        return out

    def _near_keys(self, key: str) -> list[str]:
        """Title keys that can score `NEAR_SCORE` against `key`: the same first letter, and a length within the
        ratio the score allows (2 * common / (a + b) >= s needs the shorter at least s / (2 - s) of the longer)."""
        if self._by_initial is None:
            self._by_initial = defaultdict(list)
            for k in self._keys:
                self._by_initial[(k[:1], len(k))].append(k)
        least = NEAR_SCORE / (200.0 - NEAR_SCORE)
        return [k for n in range(int(len(key) * least), int(len(key) / least) + 1) for k in self._by_initial.get((key[:1], n), ())]

    def find_series(self, text: str) -> list[tuple[int, int, list[tuple[int, str]]]]:
        """Series named as such ("the Harry Potter films", "the lord of the rings movies", "toy story
        trilogy"): (start, end, the catalog's films of it in release order). The name is the longest run
        of words before the cue that starts the titles of at least two films with `SERIES_MIN`
        interactions, and is not ordinary words ("the war films" is a genre)."""
        out: list[tuple[int, int, list[tuple[int, str]]]] = []
        text = text[:5000]
        for named in _SERIES_ALIAS.finditer(text):  # "lotr vibes": the films the abbreviation stands for
            ids = [i for key in SERIES_ALIASES[named.group().lower()] for i in self._by_key.get(key, [])[:1]]
            if ids:
                out.append((named.start(), named.end(), [(i, self._items[i].display_title) for i in ids]))
        firsts = {m.end() for m in _FIRST_OF.finditer(text)}  # "the first pirates of the caribbean" is one film (`find_mentions`)
        out += [found for found in self._bare_series_in(text) if found[0] not in firsts]
        for cue in _SERIES_CUE.finditer(text):
            words = list(_TOKEN.finditer(text, max(0, cue.start() - 80), cue.start()))
            for n in range(min(6, len(words)), 0, -1):
                start, end = words[-n].start(), words[-1].end()
                if _BOUNDARY.search(text, start, end) or _MONOCHROME.search(text, 0, start):
                    continue  # "black and white films" are no films of a "White" series
                if n == 1 and text[start:end].islower() and len(words) > 1 and words[-2].group().lower() in _KIND_BEFORE | _GAME_KINDS \
                        and not (len(words) > 2 and words[-3].group().lower() in _SOME_OF):
                    break  # "more gentle alien films", "good zombie movies", "fighting game movies": a kind of film, not the Alien films
                ids = self._series_ids(normalise_title(text[start:end]))
                if len(ids) > 1 and cue.group().lower() == "sequels":  # "the matrix sequels": not the first film
                    first = min(ids, key=lambda i: self._items[i].year or 9999)
                    ids = [i for i in ids if i != first]
                if cue.group().lower() == "trilogy" and _ORIGINAL_BEFORE.search(text, max(0, start - 16), start):
                    ids = sorted(ids, key=lambda i: self._items[i].year or 9999)[:3]  # "the original star wars trilogy": its first three
                if ids:
                    out.append((start, end, [(i, self._items[i].display_title) for i in ids]))
                    break
        counted = {m.end() for m in FIRST_N_OF.finditer(text)} | {m.end() for m in NTH_OF.finditer(text) if ORDINALS[m["ord"].lower()] > 1}
        return [found for found in out if found[0] not in counted]  # "the first two terminator films" are two films (`find_mentions`)

    def members_named(self, text: str, start: int, end: int, films: list[tuple[int, str]]) -> list[tuple[int, int, int]]:
        """Films of a series named after it by the part of the title the series name leaves ("the Bourne films.
        Identity was great, Ultimatum less so", "the Alien films: Resurrection was awful"): (start, end, item id) for
        each, the part capitalised or closed by a colon, a dash or a comma."""
        named = set(normalise_title(text[start:end]).split()) | ARTICLES
        parts: dict[str, int] = {}
        for item_id, _ in films:
            words = [w for w in normalise_title(self._items[item_id].title).split() if w not in named]
            part = " ".join(words)
            if words and not any(w.isdigit() or w in _NUMBER_WORDS or w in _ROMAN for w in words) and (
                    part not in parts or self._items[item_id].popularity > self._items[parts[part]].popularity):
                parts[part] = item_id  # the version most people rated ("Identity": the 2002 Bourne, not the 1988 one)
        found: list[tuple[int, int, int]] = []
        for part, item_id in parts.items():
            for m in re.finditer(r"(?<![\w'’])" + r"\W+".join(map(re.escape, part.split())) + r"(?![\w'’])", text[end:end + 600], re.IGNORECASE):
                a, b = end + m.start(), end + m.end()
                if text[a].isupper() or _CLOSED_PART.match(text, b):
                    found.append((a, b, item_id))
                    break
        return sorted(found)

    def _bare_series_in(self, text: str) -> list[tuple[int, int, list[tuple[int, str]]]]:
        """Series named without a noun: the longest run of words that is a series' name and goes on
        neither into one of its titles ("harry potter and the goblet of fire") nor into a number
        ("harry potter 1 to 3"), a year ("The Lord of the Rings (1978)") or a series noun (the cue pass
        reads those)."""
        out: list[tuple[int, int, list[tuple[int, str]]]] = []
        tokens = _tokens(text, ())
        i = plurals = 0
        while i < len(tokens):
            found = None
            for n in range(min(6, len(tokens) - i), 1, -1):
                run = tokens[i:i + n]
                if any(t.boundary_before for t in run[1:]):
                    continue
                name = _LEADING_ARTICLE_RE.sub("", " ".join(t.lower for t in run))
                ids = self._bare_series.get(name)
                if not ids and plurals < PLURAL_SERIES_MAX:  # (a few: each names every film of its series)
                    ids = self._plural_series(name, tokens, i, n)
                    plurals += bool(ids)
                if ids and not _ONLY_OF_KIND.search(text, 0, run[0].start) and not _YEAR_TAIL_AT.match(text, run[-1].end) and not self._goes_on(name, ids, tokens[i + n] if i + n < len(tokens) else None):
                    ids = tuple(self._by_key.get(RELEASED_AS_SERIES[name], [])[:1]) or ids if name in RELEASED_AS_SERIES else ids
                    found = (run[0].start, run[-1].end, [(k, self._items[k].display_title) for k in ids])
                    break
            if found:
                out.append(found)
                i += n
            else:
                i += 1
        return out

    def _plural_series(self, name: str, tokens: list[_Tok], i: int, n: int) -> tuple[int, ...] | None:
        """A series named in the plural after "the", "both" or "all" ("the harry potters", "both Toy Stories", "all
        the Shreks"); not a title in its own right ("the Aliens" is *Aliens*)."""
        led = tokens[i].lower in _PLURAL_LEADS or (i > 0 and tokens[i - 1].lower in _PLURAL_LEADS)
        if not name.endswith("s") or name in self._by_key or not led:
            return None
        for j in range(max(0, i - 3), i):  # inside a title: "the lord of the rings", "planet of the apes"
            said = normalise_title(" ".join(t.word for t in tokens[j:i + n]))
            if said and any(key.startswith(said) for key in self._keys_by_first.get(said.split()[0], ())):
                return None
        single = name[:-3] + "y" if name.endswith("ies") else name[:-1]
        if single in self._bare_series:
            return self._bare_series[single]
        if " " in single:  # "both Toy Stories"
            return tuple(self._series_ids(single)) or None
        # one word: only the name of a well-known film that heads a series, capitalised and not a plain noun's plural in
        # "-ies" ("the Shreks"; not "the parents", "the screams", "the Rockies")
        if name.endswith("ies") or not tokens[i + n - 1].word[:1].isupper():
            return None
        return (tuple(self._series_ids(single)) or None) if (self._titled(single) or 0) >= DOMINANT_MIN else None

    def _goes_on(self, name: str, ids: tuple[int, ...], after: _Tok | None) -> bool:
        if after is None or after.boundary_before:
            return False
        word = after.lower
        if word.isdigit() or word in _NUMBER_WORDS or word in _ROMAN or _SERIES_CUE.fullmatch(word) or word == "one" or word in _NOT_ITS_FILMS:
            return True
        return any(k.startswith(f"{name} {word}") for i in ids for k in title_keys(self._items[i]))

    def _names_a_series(self, name: str) -> bool:
        """Whether a kind of film is meant rather than a series ("christmas films", "vampire films",
        "kung fu movies", "road movies"): a catalog tag, or one word that titles only a little-known
        film, names a series only when it heads the series' titles ("harry potter") or a well-known film
        has that very title ("the alien films")."""
        own = self._titled(name)
        if name in self._bare_series or (own is not None and own >= DOMINANT_MIN):
            return True
        return name not in self._tags and not (own is not None and " " not in name)

    def _titled(self, name: str) -> int | None:
        """How widely seen the best-known film of exactly this title is (`None`: no film has it)."""
        return max((self._items[i].popularity for i in self._by_key.get(name, []) if name in title_keys(self._items[i])), default=None)

    def _series_ids(self, name: str) -> list[int]:
        name = _LEADING_ARTICLE_RE.sub("", name)
        words = name.split()
        if not words or all(w in COMMON_WORDS or w in _NUMBER_WORDS or w in TITLE_MINOR or w in ORDINALS for w in words) or len(name) < 4:
            return []  # "the war films", "the last three films", "is he in the sequels", "first films only": not a series
        if not self._names_a_series(name):
            return []
        keys = [k for k in self._keys_by_first.get(words[0], ()) if k == name or k.startswith(name + " ")]
        keys = [k for k in keys if not k.startswith(name + " s ")]  # "the john wayne ones" are not *Wayne's World*
        ids = sorted({i for key in keys for i in self._by_key[key] if self._items[i].popularity >= SERIES_MIN},
                     key=lambda i: (self._items[i].year or 0, i))
        namesakes = set(self._by_key.get(name, ())) & set(ids)
        others = [self._items[i].popularity for i in ids if i not in namesakes]
        if len(others) >= 2 and max((self._items[i].popularity for i in namesakes), default=0) * DOMINANT <= min(others):
            ids = [i for i in ids if i not in namesakes]  # "the lord of the rings films" are not the 1978 cartoon
        elif namesakes:  # "the rocky films" are not *The Rocky Horror Picture Show* (1975), older than *Rocky* and no part of it
            first = min(self._items[i].year or 0 for i in namesakes)
            ids = [i for i in ids if i in namesakes or (self._items[i].year or 0) >= first or self._a_part_by_title(i, words)]
        if len(words) == 1 and words[0] in dictionary() and sum(self._items[i].popularity >= DOMINANT_MIN for i in ids) < 2 \
                and not any(self._items[i].popularity >= DOMINANT_MIN for i in self._by_key.get(name, ())):
            return []  # a word of the language names a series people know, or one of a known namesake: "cowboy films" are westerns
        return ids[:12] if len(ids) >= 2 else []

    def _a_part_by_title(self, item_id: int, words: list[str]) -> bool:
        """Whether a film's title goes on from the series' name as a part does: a colon or a number ("Star Trek: The
        Motion Picture", "Star Trek II"), not another word ("Rocky Horror")."""
        title = _LEADING_ARTICLE_RE.sub("", self._items[item_id].title.lower())
        rest = title.split(" ".join(words), 1)[-1] if title.startswith(" ".join(words)) else ""
        return bool(_PART_AFTER_NAME.match(rest))

    def _quoted_titles(self, text: str, taken: list[tuple[int, int]], found: list[Grounding]) -> None:
        """Titles set off by quotes or brackets, at most `QUOTED_LOOKUPS` of them; songs and words set apart are skipped, and
        a year after the closing mark picks the version."""
        for quoted in list(_QUOTED.finditer(text))[:QUOTED_LOOKUPS]:
            if _sung(text, quoted.start(), quoted.end()):
                taken.append((quoted.start(), quoted.end()))
                continue
            group = next(k for k in range(1, 5) if quoted.group(k) is not None)
            said = quoted.group(group)
            end, year = _year_at(text, quoted.end())
            loose = group in (3, 4)  # brackets and single quotes mostly set off words: "a thriller [the darker the better]", "[sigh]"
            if loose and year is None and not _TITLE_CASE.fullmatch(said):
                continue
            grounding = self.ground(said, use_embeddings=False)
            if year is not None and (grounding.status == "ambiguous" or grounding.item_id is not None
                                     and not names_year(year, self._items[grounding.item_id].year)):
                dated = self.ground(said, year, use_embeddings=False)  # '"PRIDE & PREJUDICE" (2005)', '"Psycho" (1998)': the year
                grounding = dated if dated.status == "matched" else grounding  # picks the version
            if loose and not (grounding.status == "matched" and grounding.method == "exact" and (
                    year is None or names_year(year, self._items[grounding.item_id].year))):
                continue  # ("a 'Family Friendly' film"; "Waiting for 'Superman' (2010)" is a longer title's year)
            plain = re.findall(r"[a-z]+", said)
            if grounding.method != "exact" and said.islower() and len(plain) <= 2 and _scare_quoted(text, quoted.start()) and (
                    all(w in dictionary() for w in plain) or grounding.item_id is not None
                    and any(said.startswith(k) for k in title_keys(self._items[grounding.item_id]))):
                continue  # a word set off as someone's ('look "scratchy"', 'something "grown up"'): no film's near spelling
            if grounding.status != "unknown":
                found.append(_at(grounding, quoted.start(group), quoted.end(group)))
                taken.append((quoted.start(), end if grounding.status == "matched" and end is not None else quoted.end()))

    def _punctuated_titles(self, text: str, taken: list[tuple[int, int]], found: list[Grounding]) -> None:
        """Titles written with their own punctuation ("I loved Monsters, Inc. (2001)"): the words
        must match and each gap must be the title's punctuation (or left out, if another gap kept
        it); a year right after picks the version."""
        tokens = [t for t in _tokens(text, taken)]
        words = [t.lower for t in tokens]
        i = 0
        while i < len(tokens):
            match = self._surface_at(text, tokens, words, i)
            if match is None:
                i += 1
                continue
            length, ids = match
            start, end = tokens[i].start, tokens[i + length - 1].end
            year_end, year = _year_at(text, end)
            grounding = self._decide(text[start:end], {item_id: 100.0 for item_id in ids}, year, "exact")
            found.append(_at(grounding, start, year_end or end))
            taken.append((start, year_end or end))
            i += length

    def _titles_before_years(self, text: str, taken: list[tuple[int, int]], found: list[Grounding]) -> None:
        """"<title> (<year>)" is a title even when its words are common ("I loved Kids (1995)",
        "It (2017)"): the longest run of words before a parenthesised year that names an item of
        exactly that year."""
        tokens = _tokens(text, taken)
        for j, token in enumerate(tokens):
            gap_before = text[tokens[j - 1].end : token.start] if j else ""
            short = re.fullmatch(r"\d{2}", token.word) is not None and gap_before.endswith(("'", "’"))  # "the thing from '82"
            if j == 0 or not (re.fullmatch(r"(18|19|20)\d{2}", token.word) or short):
                continue
            after = text[token.end : token.end + 1]
            bracketed = not short and bool(_OPEN_YEAR.fullmatch(gap_before)) and after == ")"
            said_from = not bracketed and j > 1 and tokens[j - 1].lower in ("from", "of") and not gap_before.strip(" '’") \
                and not tokens[j - 1].boundary_before and not _RANGE_GOES_ON.match(text, token.end)  # "like Dune from 1984 to 2000"
            if not bracketed and not said_from:
                continue
            year, last = int(token.word), j - 1 if said_from else j
            for length in range(min(self._max_tokens, last), 0, -1):
                span = tokens[last - length : last]
                if any(t.boundary_before for t in span[1:]):
                    continue
                key = normalise_title(text[span[0].start : span[-1].end])
                ids = [i for i in self._by_key.get(key, ()) if names_year(year, self._items[i].year)]
                if ids and not bracketed and len(self._versions(key)) < 2:
                    continue  # "from 1982" picks a version of a remade film ("the thing from 1982"), not any film ("big from 1988")
                if ids:
                    grounding = self._decide(text[span[0].start : span[-1].end], {i: 100.0 for i in ids}, self._items[ids[0]].year if short else year, "exact")
                    end = token.end + 1 if bracketed else token.end
                    found.append(_at(grounding, span[0].start, end))
                    taken.append((span[0].start, end))
                    break

    def _surface_at(self, text: str, tokens: list[_Tok], words: list[str], i: int) -> tuple[int, tuple[int, ...]] | None:
        for surface, ids in self._surfaces.get(words[i], ()):
            n = len(surface.words)
            if i + n > len(tokens) or tuple(words[i : i + n]) != surface.words:
                continue
            gaps = [text[a.end : b.start].strip() for a, b in zip(tokens[i : i + n - 1], tokens[i + 1 : i + n])]
            if not all(g == want or (not g and want) for g, want in zip(gaps, surface.gaps)):
                continue
            if surface.words[-1] in ARTICLES and i + n < len(tokens) and not tokens[i + n].boundary_before:
                continue  # "the Great War, the mud of Flanders": a catalog form ends where its article ends the phrase
            kept = any(g for g in gaps)
            capitalised = any(t.capitalised for t in tokens[i : i + n])
            if (kept or n > self._max_tokens) and (capitalised or n >= 3):
                return n, ids
        return None

    def _exact_ngrams(self, text: str, tokens: list[_Tok], used: list[bool], found: list[Grounding], shouting: bool) -> None:
        i = 0
        while i < len(tokens):
            for length in range(min(self._max_tokens, len(tokens) - i), 0, -1):
                span = tokens[i : i + length]
                # a capital after a name goes on with it, unless a rating of the name comes first or is that capital
                # ("The Girl on the Train D+", "👍 Heat 👍 Manhunter"; "Emma Stone 10/10" stays one name)
                graded = i + length < len(tokens) and rating_after(text, span[-1].end) is not None \
                    and (_GRADE_WORD.fullmatch(tokens[i + length].word) is not None or RATING.search(text, span[-1].end, tokens[i + length].start) is not None)
                if any(t.boundary_before for t in span[1:]) or any(used[i : i + length]) \
                        or _inside_name(tokens, i, length, graded, self._emphasis_after(tokens, i, length)):
                    continue
                if _DENOMINATOR.search(text, 0, span[0].start) and span[0].word.isdigit():
                    break  # "Ronin: 9/10, 6/10": the scale of a score, never a film ("10")
                if length > 1 and span[-1].word.isdigit() and _SCORED.match(text, span[-1].end):
                    continue  # "Grease 2/5", "Cars — 3/10": a score, not a sequel's number
                if tokens[i].lower in ARTICLES and self._longer_after_article(text, tokens, used, i, length):
                    break  # "of the Master and Commander sort": the title starts after the article
                key = normalise_title(text[span[0].start : span[-1].end])
                key = key if key in self._by_key or not key.endswith(" s") else key[:-2]  # "crocodile dundee's"
                key = self._indexed(key)
                if key not in self._by_key:
                    continue
                if key in self._initials and not all(t.word.isupper() or any(c.isdigit() for c in t.word) for t in span) \
                        and not (length == 2 and span[1].word.isdigit() and not COUNTED.match(text, span[-1].end)) \
                        and not (length == 1 and _coined(key) and _initials_cued(text, tokens, used, i)):
                    continue  # initials are written in capitals ("TDK") or with their number ("ts3", "hp 3"), never as a word ("lit");
                    # in lower case only letters of no word, and only said the way films are ("tdk is peak", "fmj or platoon?")
                if length == 1 and tokens[i].word == "up" and i > 0 and not tokens[i].boundary_before and tokens[i - 1].lower in _UP_AS_A_WORD \
                        and not (tokens[i - 1].sentence_start and tokens[i - 1].lower in ("is", "was")):  # ("is up too sad?" asks of *Up*)
                    continue  # "her kid is up now ugh", "woke up": the word, not *Up*
                if length == 1 and i > 0 and tokens[i - 1].lower in ("a", "an") and tokens[i].lower in _THINGS_IN_CAPITALS:
                    continue  # "are you an AI": letters that name a thing after its article, not *A.I.* ("a JFK style thriller" is)
                # a leading digit is no capital ("10 things i hate about you"), nor is a shouted word ("my 5yo is OBSESSED"), but initials are
                capitals = any(t.word[:1].isupper() and not (shouting and _shouted(t) and key not in self._initials)
                               and not _pronoun_i(tokens, i + k) for k, t in enumerate(span))  # "I confess that ..." is the speaker
                if capitals and length == 1 and _shouted(span[0]) and span[0].lower in dictionary() and self._article_left_out(key):
                    continue  # "WAY more explosions": a word stressed, not *The Way* (a title said in capitals keeps its article)
                if capitals and length > 1 and _article_capital_only(span) and not self._well_known(key, CUED_MIN) \
                        and not (i + length < len(tokens) and tokens[i + length].lower in _VERDICT):
                    continue  # "The boys are 9 and 11": a sentence's capital on its article, a film hardly anyone rated ("The wailing was ..." is)
                versions = self._versions(key)  # "crash (the 2004 one)", "the robocop remake": a remade film named as such
                marked = bool(versions) and self._version_cue(text, span[0].start, span[-1].end, versions, before=False) is not None
                # a rating beside it names a film ("heat 9/10", "👎 it follows"), unless the words are no name alone
                rating = rated(text, span[0].start, span[-1].end) and not (length == 1 and tokens[i].lower in NEVER_ALONE | _PRAISE)
                if capitals and not (marked or rating or _plausible(tokens, i, length) or self._listed_opener(tokens, used, i, length, key)):
                    continue
                if capitals and key in CALENDAR and not (marked or _film_cue_before(tokens, i) or _beside_title(tokens, used, i, length)):
                    continue  # "for Halloween", "every Friday": a date
                version = None if capitals or key in ("one", "ones") else self._version_year(tokens, used, i, length, key)
                preceded, followed = _titles_beside(tokens, used, i, length)
                listed = preceded or followed or _verdict_closes(tokens, used, i, length)
                if capitals or version or marked or rating or self._casual(tokens, i, length, key, listed, followed) \
                        or self._sequel_of_casual(text, tokens, used, i, length):
                    end, year = _year_after(text, tokens, i + length)
                    first, last = i, i + length - 1 + (1 if end else 0)
                    if version is not None:  # "halloween 78", "the 2016 jungle book": the year dates the version and is no era
                        year, first, last = version[1], min(first, version[0]), max(last, version[0])
                        end = tokens[last].end
                    grounding = self._decide(text[span[0].start : span[-1].end], {k: 100.0 for k in self._by_key[key]}, year, "exact")
                    found.append(_at(grounding, tokens[first].start, end or span[-1].end))
                    for j in range(first, last + 1):
                        used[j] = True
                    i += length - 1
                    break
            i += 1

    def _article_left_out(self, key: str) -> bool:
        """Every film of `key` has an article the words left out ("way" for *The Way*)."""
        return all(self._items[i].display_title.lower().startswith(("the ", "a ", "an ")) for i in self._by_key[key])

    def _emphasis_after(self, tokens: list[_Tok], i: int, length: int) -> bool:
        """A word shouted after a name written in lower case, and no word of any title that starts as the name does:
        emphasis ("gf wants the notebook AGAIN"), not the rest of a longer name ("shrek FOREVER", "fast and furious TOKYO DRIFT")."""
        after = tokens[i + length] if i + length < len(tokens) else None
        if after is None or after.boundary_before or not _shouted(after) or len(after.word) < 3 \
                or not all(t.word.islower() for t in tokens[i : i + length]):
            return False
        first = _LEADING_ARTICLE_RE.sub("", " ".join(t.lower for t in tokens[i : i + length])).split()[:1]
        return not first or not any(after.lower in key.split() for key in self._keys_by_first.get(first[0], ()))

    def _longer_after_article(self, text: str, tokens: list[_Tok], used: list[bool], i: int, length: int) -> bool:
        """Whether a title key starts right after the article at tokens[i] and reaches past tokens[i:i+length]
        ("the Master and Commander", a short name without its article, over *The Master*)."""
        for longer in range(min(self._max_tokens, len(tokens) - i - 1), length - 1, -1):
            span = tokens[i + 1 : i + 1 + longer]
            if any(t.boundary_before for t in span[1:]) or any(used[i + 1 : i + 1 + longer]):
                continue
            if self._indexed(normalise_title(text[span[0].start : span[-1].end])) in self._by_key and len(span) >= 2:
                return True
        return False

    def _opening_typo(self, tokens: list[_Tok], k: int, grounding: Grounding) -> Grounding | None:
        """A misspelt one-word title opening a sentence, a word of no language, with its verdict's verb right after
        ("Matirx was awesome", "Interstelar was too long"): the popular title it is close to, as a lower-case one would be."""
        token = tokens[k]
        after = tokens[k + 1] if k + 1 < len(tokens) and not tokens[k + 1].boundary_before else None
        if not (token.sentence_start and _coined(token.lower) and after is not None and after.lower in _VERDICT and self._one_word_reading(grounding)):
            return None
        return self._typo_reading(token.word, grounding)

    def _listed_opener(self, tokens: list[_Tok], used: list[bool], i: int, length: int, key: str) -> bool:
        """A popular one-word title opening a sentence as the first of a list of titles ("Heat, Speed, Face/Off"), or
        as a list item its verdict closes ("Moon - loved. Paycheck - nope.")."""
        if length != 1 or not tokens[i].sentence_start or (i + 1 < len(tokens) and tokens[i + 1].lower in _OBJECT_PRONOUNS):
            return False  # ("Saw it: Gravity (meh)" is a verb and its object)
        return self._well_known(key) and _beside_title(tokens, used, i, length) \
            or self._well_known(key, OPINION_MIN) and tokens[i].lower not in NEVER_ALONE and _verdict_closes(tokens, used, i, length)  # "Paycheck - nope."

    def _pick_versions(self, text: str, found: list[Grounding]) -> list[Grounding]:
        """A remade film's version named beside it ("the original Shaft", "crash (the 2004 one)",
        "psycho (the og)"): that version, its span taking in the note so no other slot reads it."""
        out: list[Grounding] = []
        for g in found:
            versions, before = [], True
            if g.method == "exact" and g.start is not None:
                key = self._indexed(normalise_title(g.mention))
                versions = self._versions(key)
                if not versions and _VERSION_NOTE.match(text, g.end or 0):
                    versions, before = self._series_ids(key), False  # "Jumanji (the new one)": the series' newest, said right after it
                elif not versions and _NEW_BEFORE.search(text, max(0, (g.start or 0) - 12), g.start or 0):
                    series = self._series_ids(key)  # "the new jumanji": the series' newest, when it is another film
                    versions = series if len(series) > 1 and series[-1] != g.item_id else []
            elif g.method == "fuzzy" and g.item_id is None and len({self._items[a.item_id].title for a in g.alternatives}) == 1:
                versions = [a.item_id for a in g.alternatives]  # a misspelt remade film: "muder on the orient expres (the old one)"
            cue = self._version_cue(text, g.start or 0, g.end or 0, versions, before=before) if versions else None
            if cue is None and versions and (later := self._later_version(text, g.end or 0, versions)) is not None:
                chosen = self._decide(g.mention, {i: 100.0 for i in versions}, self._items[later].year, "exact")
                out.append(_at(chosen, g.start or 0, g.end or 0))
                continue
            if cue is None:
                out.append(g)
                continue
            picked, end = cue
            chosen = self._decide(g.mention, {i: 100.0 for i in versions}, self._items[picked].year, "exact")
            out.append(_at(chosen, g.start or 0, max(g.end or 0, end)))
        return out

    def _numbered_lists(self, text: str, found: list[Grounding]) -> list[Grounding]:
        """A series' films listed by number ("godfather 1 and 2", "kill bill 1 & 2", "toy story 2, 3"):
        each number names the film "<name> <number>", and 1 the film named by the name alone. Taken only
        when two or more numbers name films, so "alien 3 4 times" stays as it was."""
        for m in _NUMBER_LIST.finditer(text):
            if COUNTED.match(text, m.end()):
                continue  # "seen alien 3 4 times"
            words = m.group("base").split()
            for k in range(len(words), 0, -1):
                base = normalise_title(" ".join(words[-k:]))
                films = [self._numbered(base, n) for n in _numbers(m.group("nums"))]
                if sum(f is not None for f in films) < 2 and (fixed := self._sequel_base_spelt(base)):
                    films = [self._numbered(fixed, n) for n in _numbers(m.group("nums"))]  # "terminater 1 and 2"
                if sum(f is not None for f in films) < 2:
                    continue
                start = m.start("base") + m.group("base").rfind(words[-k]) if k < len(words) else m.start("base")
                found = [g for g in found if g.end is None or g.start is None or g.end <= start or m.end() <= g.start]
                found += [_at(f, start, m.end()) for f in films if f is not None]
                break
        return found

    def _sequel_base_spelt(self, base: str) -> str | None:
        """The one name of a numbered series that `base` misspells by a letter ("terminater" for "terminator"), if any."""
        if len(base) < 6:
            return None
        if self._sequel_bases is None:
            self._sequel_bases = frozenset(k[:-2] for k in self._by_key if k.endswith(" 2") and len(k) >= 8)
        close = [b for b in self._sequel_bases if abs(len(b) - len(base)) <= 1 and OSA.distance(b, base) <= 1]
        return close[0] if len(close) == 1 else None

    def _numbered(self, base: str, number: str) -> Grounding | None:
        """The film "<base> <number>" (1: the film called `base` when it has numbered sequels), if popular enough."""
        key = self._indexed(f"{base} {number}")
        if key not in self._by_key and number == "1" and self._indexed(f"{base} 2") in self._by_key:
            key = self._indexed(base)
        if key not in self._by_key or not self._well_known(key, CUED_MIN):
            return None
        grounding = self._decide(f"{base} {number}", {k: 100.0 for k in self._by_key[key]}, None, "exact")
        return grounding if grounding.status == "matched" else None

    def _firsts_of_sequels(self, text: str, found: list[Grounding]) -> list[Grounding]:
        """"the first (one)" or "the original" after a sequel, in its sentence or the next, is the first film
        of that series ("the godfather part 2 is better than the first", "Paddington 2, is the first one as
        good?"): a mention at those words."""
        out: list[Grounding] = []
        for g in found:
            if g.status != "matched" or g.item_id is None or g.end is None:
                continue
            back = _FIRST_ONE.search(text, g.end, _sentence_end(text, _sentence_end(text, g.end) + 1))
            first = self._series_first(g.item_id) if back else None
            if back and any(o.start is not None and g.end <= o.start < back.start() and o.item_id not in (first, g.item_id) for o in found):
                continue  # "Saw The Dark Knight Rises and Interstellar, the first one was better": the first of those named
            if back and first is not None and not any(o.start is not None and o.start <= back.start() < (o.end or 0) for o in found):
                item = self._items[first]
                out.append(Grounding(back.group(), "matched", first, item.display_title, 0.8, (), "sequel", back.start(), back.end()))
        return out

    def _firsts_of_series(self, text: str, found: list[Grounding]) -> list[Grounding]:
        """"the first harry potter": the earliest film of a series (three films or more) named right after "the first",
        in place of the series' name read as no one film. Returns `found` with them."""
        out = list(found)
        for cue in _FIRST_OF.finditer(text):
            for end, name in _runs_after(text, cue.end()):
                overlapping = [g for g in out if g.start is not None and g.start < end and cue.end() < (g.end or 0)]
                if any(g.status != "ambiguous" or (g.end or 0) > end for g in overlapping):
                    continue  # a name read as no one film gives way to its first film, a longer one does not ("harold and kumar")
                ids = self._series_ids(name)
                if len(ids) >= 3:  # a name that starts two titles may not start the first film's ("fast and furious")
                    if _OTHER_MEDIUM.match(text, end):
                        break  # "the first harry potter book" is no film
                    item = self._items[ids[0]]
                    out = [g for g in out if g not in overlapping]
                    out.append(Grounding(text[cue.start():end], "matched", ids[0], item.display_title, 0.8, (), "series", cue.start(), end))
                    break
        return out

    def _ordinals_of_series(self, text: str, found: list[Grounding]) -> list[Grounding]:
        """"the 3rd bourne", "the second matrix": that film of the series named next; "the first two
        terminator films", "all three back to the future films": its first films. They replace what was
        found inside the name."""
        cues = [(m, ORDINALS[m["ord"].lower()], 0) for m in NTH_OF.finditer(text) if ORDINALS[m["ord"].lower()] > 1]
        cues += [(m, 0, COUNTS[m["count"].lower()]) for m in FIRST_N_OF.finditer(text)]
        for cue, nth, count in cues:
            named = self._series_after(text, cue.end()) if not any(_covers(g, cue.start()) for g in found) else None
            if named is None:
                continue  # "The Mystery of the Third Planet" is a title of its own
            end, films = named
            ids = first_films(films, count) if count else [films[nth]] if nth in films else []
            if ids:
                found = [g for g in found if g.start is None or g.end is None or g.end <= cue.start() or end <= g.start]
                found += [Grounding(text[cue.start():end], "matched", i, self._items[i].display_title, 0.8, (), "series", cue.start(), end)
                          for i in ids]
        return found

    def _series_after(self, text: str, start: int) -> tuple[int, dict[int, int]] | None:
        """The longest run of words (five at most) from `start` that names a numbered series: (its end, its films)."""
        named = ((end, self.films_by_number(_LEADING_ARTICLE_RE.sub("", name))) for end, name in _runs_after(text, start))
        return next(((end, films) for end, films in named if films), None)

    def _numbers_after(self, text: str, found: list[Grounding]) -> list[Grounding]:
        """A bare number after a numbered film of a series, in its sentence or the next ("toy story 1 and
        2 yes, 3 made me sob", "rocky 1 through 4, skip 5"): that film of the series. After a series' first film
        named bare, the numbers must start at 2 ("Scream still rules, 2 was fine, 3 was a joke")."""
        out: list[Grounding] = []
        have = {g.item_id for g in found}
        for g in found:
            numbered = _ENDS_IN_NUMBER.search(g.mention) is not None
            name = self._series_name(g)
            if name is None or g.end is None:
                continue
            films = self.films_by_number(name)
            if not numbered and (films.get(1) != g.item_id or any(o.item_id not in films.values() for o in found)):
                continue  # ("toy story and shrek, 2 favourites": which series is not known)
            for m in NUMBER_AFTER.finditer(text, g.end, _sentence_end(text, _sentence_end(text, g.end) + 1)):
                if any(_covers(o, m.start("run")) for o in found):
                    continue
                if not numbered and (not (have & {films.get(n) for n in range(2, 10)}) and not m["run"].startswith("2")
                                     or text[: m.start("run")].rstrip()[-1:] not in (",", ";", ".", ":") or not _JUDGED_NEXT.match(text, m.end("run"))):
                    break  # ("Jaws was great, 5 of us jumped": no film of the series counted from the second; "the hunger games
                    # ... mockingjay 1 and 2": a number opening no clause of its own belongs to another name; "2 thumbs up", "2
                    # questions:": a count)
                for number in re.findall(r"[1-9]", m["run"]):  # "1 2 3 absolutely not": the run is one mention, so one verdict
                    item_id = films.get(int(number))
                    if item_id is not None and item_id not in have:
                        have.add(item_id)
                        out.append(Grounding(m["run"], "matched", item_id, self._items[item_id].display_title, 0.8, (), "sequel", m.start("run"), m.end("run")))
        return out

    def _onwards(self, text: str, found: list[Grounding]) -> list[Grounding]:
        """A numbered film of a series said as where a run starts ("Rocky III onwards", "Alien 3 and after", "rocky 4+"):
        the series' later films too, all spanning the run's words so they share one verdict."""
        out: list[Grounding] = []
        have = {g.item_id for g in found}
        for g in found:
            numbered = g.end is not None and g.status == "matched" and _ENDS_NUMBERED.search(g.mention.strip()) is not None
            on = _ONWARDS.match(text, g.end) if numbered and g.end is not None else None
            if on is not None and on["on"] == "+" and on.start("on") != g.end:
                on = None  # "rocky 4+" starts a run; "rocky 4 + rambo" lists two films
            name = self._series_name(g) if on is not None else None
            films = self.films_by_number(name) if on is not None and name is not None else {}
            number = next((n for n, i in films.items() if i == g.item_id), None)
            later = [i for n, i in sorted(films.items()) if number is not None and n > number and i not in have]
            if on is None or not later:
                out.append(g)
                continue
            run = replace(g, mention=text[g.start:on.end()], end=on.end())  # one span, so one verdict for the run
            out.append(run)
            for item_id in later:
                have.add(item_id)
                out.append(replace(run, item_id=item_id, title=self._items[item_id].display_title, confidence=0.8, alternatives=(), method="sequel"))
        return out

    def _nth_after(self, text: str, found: list[Grounding]) -> list[Grounding]:
        """After a film of a series, in its sentence or the next, and with no film of another series
        between: "the third one", "the 2nd", "part 3" and "the sequels" name films of that series ("I
        loved paddington. is the second one as good?")."""
        out: list[Grounding] = []
        if not NTH_AFTER.search(text):
            return out
        have = {g.item_id for g in found}
        named = sorted((g for g in found if g.status == "matched" and g.item_id is not None and g.end is not None), key=lambda g: g.end or 0)
        for k, g in enumerate(named):
            name = self._series_name(g)
            if name is None or g.end is None:
                continue
            films = self.films_by_number(name)
            stop = min([_sentence_end(text, _sentence_end(text, g.end) + 1)] + [o.start or 0 for o in named[k + 1:] if o.item_id not in films.values()])
            if any(o.item_id not in films.values() for o in named[:k]):
                continue  # "toy story and shrek. the second one": which list is meant is not known
            for m in NTH_AFTER.finditer(text, g.end, stop):
                if m["sequels"]:
                    ids = [i for n, i in films.items() if n > 1]
                elif m["after"] or m["later"]:  # "the first matrix is genius, the two after it are garbage", "hp3 ... the later ones"
                    number = next((n for n, i in films.items() if i == g.item_id), 1)
                    ids = [i for n, i in sorted(films.items()) if n > number][: COUNTS.get((m["count"] or "").lower(), len(films))]
                elif m["rest"]:  # after films picked by number: "the first two terminator films, the rest can stay in the bin"
                    picked = _ENDS_IN_NUMBER.search(g.mention) or FIRST_N_OF.match(g.mention)
                    ids = [i for i in films.values() if i not in have] if picked else []
                else:  # "the third one", "the 2nd and 3rd", "part 3"
                    said = re.findall(r"[a-z0-9]+", (m["ord"] or m["bare"] or "").lower())
                    numbers = [ORDINALS[w] for w in said if w in ORDINALS] or [int(m["part"] or 0)]
                    ids = [films[n] for n in numbers if n in films]
                if any(_covers(o, m.start()) for o in found + out):
                    continue
                for item_id in (i for i in ids if i not in have):
                    have.add(item_id)
                    out.append(Grounding(m.group(), "matched", item_id, self._items[item_id].display_title, 0.8, (), "sequel", m.start(), m.end()))
        return out

    def _siblings(self) -> dict[str, list[tuple[int, re.Pattern[str]]]]:
        """Films that share a title's first word with another film, by that word, each with the words its title adds
        ("matrix": *The Matrix Reloaded* -> "reloaded"; "bourne": *The Bourne Supremacy* -> "supremacy"; "alien": *Alien:
        Resurrection* -> "resurrection"): built when first needed. Only first words that are no common word and start few
        titles (no "star", "love"), added words with a letter in them (numbers are the sequels' own reading), rated films.
        Each sibling comes with the pattern of its words set off as a list item (`_sibling_item`)."""
        if self._sibling_words is None:
            by_head: dict[str, list[tuple[int, re.Pattern[str]]]] = defaultdict(list)
            for item in self._items.values():
                words = self._bare_title(item.item_id).split()
                if len(words) < 2 or item.popularity < CUED_MIN or words[0] in COMMON_WORDS or len(words[0]) < 4:
                    continue
                rest = _LEADING_ARTICLE_RE.sub("", " ".join(words[1:]))
                # a word of its own: no number, no word of the language a label or a verdict is ("Captain Fantastic", "Easy A",
                # "The Wedding Date" are no siblings of "Captain Phillips: fantastic", "Easy Rider, a", "Wedding Crashers. date:")
                if any(w.isalpha() and w not in _ROMAN for w in rest.split()) and len(rest) >= 4 \
                        and not (" " not in rest and (rest in COMMON_WORDS or rest in _TAIL_VERDICT)):
                    by_head[words[0]].append((item.item_id, _sibling_item(rest)))
            self._sibling_words = {head: films for head, films in by_head.items() if len(films) <= SIBLINGS_MAX}
        return self._sibling_words

    def _siblings_after(self, text: str, found: list[Grounding]) -> list[Grounding]:
        """After a film whose title's first word others share, list items that name one of those by the words its title
        adds, each set off as an item and judged ("matrix: 10. reloaded: 6. revolutions: 3", "bourne identity: great;
        supremacy: great; legacy: skip", "Alien 10/10, Resurrection 2/10"). Not words in a sentence ("the legacy of it")."""
        out: list[Grounding] = []
        have = {g.item_id for g in found}
        spans = [(g.start or 0, g.end or 0) for g in found]
        for g in found:
            if g.item_id is None or g.end is None:
                continue
            words = self._bare_title(g.item_id).split()
            for item_id, item in self._siblings().get(words[0] if words else "", ()):
                if item_id in have:
                    continue
                m = item.search(text, g.end, min(len(text), g.end + SIBLING_REACH))
                if m is None or any(a < m.end(1) and m.start(1) < b for a, b in spans) or not _judged_item(text, m.end(1)):
                    continue
                have.add(item_id)
                spans.append(m.span(1))
                out.append(Grounding(m[1], "matched", item_id, self._items[item_id].display_title, 0.8, (), "sequel", m.start(1), m.end(1)))
        return out

    def _series_name(self, g: Grounding) -> str | None:
        """The series a found film was named as part of ("toy story 2", "the second matrix", "harry potter
        1"), or the series whose name the mention is ("the matrix"), when the film is numbered in it."""
        if g.item_id is None:
            return None
        words = _LEADING_ARTICLE_RE.sub("", normalise_title(g.mention)).split()
        while words and (words[0] in ORDINALS or words[0] in COUNTS or words[0] in ("all", "very", "the", "of")):
            words = words[1:]
        base = _ENDS_IN_NUMBER.sub("", " ".join(words)).strip()
        for name in (base, " ".join(words), self._series_of.get(g.item_id, "")):
            if name and g.item_id in self.films_by_number(name).values():
                return name
        return None

    def _series_first(self, item_id: int) -> int | None:
        """The earliest film of the series whose numbered sequel `item_id` is ("Godfather: Part II" ->
        "The Godfather"), or None when the item carries no sequel number."""
        for key in title_keys(self._items[item_id]):
            words = canonical_key(key).split()
            if len(words) < 2 or not words[-1].isdigit() or words[-1] == "1":
                continue
            base = words[:-2] if words[-2] in _PART_WORDS else words[:-1]
            name = " ".join(base)
            if not base or name in COMMON_WORDS:
                continue
            keys = [k for k in self._keys_by_first.get(base[0], ()) if k == name or k.startswith(name + " ")]
            ids = sorted({i for k in keys for i in self._by_key[k] if i != item_id and self._items[i].year
                          and self._items[i].year < (self._items[item_id].year or 0)}, key=lambda i: self._items[i].year or 0)
            if ids:
                return ids[0]
        return self._named_first(item_id)

    def _named_first(self, item_id: int) -> int | None:
        """The earlier film whose whole title opens a sequel's name ("The Matrix Revolutions" -> "The Matrix", "Die Hard with
        a Vengeance" -> "Die Hard"), if people watched it at least a fifth as much (not the little-seen 1978 "Lord of the Rings"
        for "The Two Towers")."""
        item = self._items[item_id]
        for key in title_keys(item):
            words = canonical_key(key).split()
            for cut in range(len(words) - 1, 0, -1):
                name = " ".join(words[:cut])
                if name in COMMON_WORDS:
                    continue
                earlier = [i for i in self._by_key.get(name, ()) if i != item_id and self._items[i].year and item.year
                           and self._items[i].year < item.year and self._bare_title(i) == name
                           and self._items[i].popularity * FIRST_SHARE >= item.popularity and self._same_kind(i, item_id)]
                if earlier:
                    return max(earlier, key=lambda i: self._items[i].popularity)
        return None

    def _same_kind(self, first: int, sequel: int) -> bool:
        """Two films of one kind: two genres shared, or the first film's only one ("Casino" is no first "Casino Royale",
        "Alien" no first "Alien Nation")."""
        a, b = set(self._items[first].genres), set(self._items[sequel].genres)
        return len(a & b) >= min(2, len(a))

    def _version_year(self, tokens: list[_Tok], used: list[bool], i: int, length: int, key: str) -> tuple[int, int] | None:
        """A year right after or before a lower-case title that dates one of its versions ("halloween 78",
        "the 2016 jungle book", "robocop '87"): (the year's token index, the year)."""
        years = {self._items[k].year for k in self._by_key[key]} - {None}
        for j, joined in ((i + length, i + length < len(tokens) and not tokens[i + length].boundary_before),
                          (i - 1, i > 0 and not tokens[i].boundary_before)):
            if not joined or used[j] or not re.fullmatch(r"'?(?:\d{2}|(?:18|19|20)\d{2})", tokens[j].word):
                continue
            number = int(tokens[j].word.lstrip("'"))
            for year in years:
                if names_year(number, year):
                    return j, year
        return None

    def _sequel_of_casual(self, text: str, tokens: list[_Tok], used: list[bool], i: int, length: int) -> bool:
        """A sequel's number after a title named casually ("is toy story three sad"): the longer title is meant."""
        last = tokens[i + length - 1].lower
        if length < 2 or not (_NUMBER_WORDS.get(last) or _ROMAN.get(last) or last).isdigit():
            return False
        key = self._indexed(normalise_title(text[tokens[i].start : tokens[i + length - 2].end]))
        return key in self._by_key and self._casual(tokens, i, length - 1, key, _beside_title(tokens, used, i, length - 1))

    def _capitalised_runs(self, text: str, tokens: list[_Tok], used: list[bool], found: list[Grounding], shouting: bool) -> None:
        at = {id(t): k for k, t in enumerate(tokens)}
        for run in _runs(tokens, used):
            if all(_YEAR_WORD.fullmatch(t.word) or t.word.isdigit() or _NUMBERS_JOINED.fullmatch(t.word) or t.lower in CONNECTORS for t in run):
                continue  # "from 1984", "10/10", "godfather 1 and 2", "for 10-11 year olds" (no *10*)
            if shouting and all(_shouted(t) for t in run):
                continue  # "something a bit cute but not OVER the top??": emphasis, not a name
            mention = text[run[0].start : run[-1].end]
            k = at[id(run[0])]
            if _a_date(text, tokens, run) or _INTRODUCED.search(text, max(0, run[0].start - 20), run[0].start) or _ACTS_IN.match(text, run[-1].end) \
                    or _CAST_BEFORE.search(text, max(0, run[0].start - 20), run[0].start) or (k > 0 and tokens[k - 1].word in _NAME_PARTICLES):
                continue  # a person: "my name is Farida", "Robin Williams is in it", "starring Robin Williams", "le Carré"
            grounding = self.ground(mention, use_embeddings=False)
            if grounding.method == "fuzzy" and sum(c.isalpha() for c in mention) < 4:
                continue  # three letters or fewer are too few to be misspelt ("a D&D campaign" is no *... 3-D*)
            if len(run) == 1 and grounding.method == "fuzzy" and (run[0].sentence_start or not self._one_word_reading(grounding)):
                typo = self._opening_typo(tokens, k, grounding)
                if typo is None:
                    continue  # one word of a longer title ("Feeling", "Arnold") or a sentence's capital ("Educational ...")
                grounding = typo
            if len(run) == 1 and (grounding.method == "exact" or run[0].lower in _MAKERS):  # "channels Leone" is no *Léon*
                if _story_setting(tokens, k) or _other_name(run[0], tokens[k - 1] if k > 0 else None, tokens[k + 1] if k + 1 < len(tokens) else None):
                    continue
            if len(run) == 1 and run[0].sentence_start and grounding.method == "exact":
                # "Sleepless yes,": the first word of a title, then a verdict that closes its clause (not "Hard no on ...", nor "Hard
                # no." for *Die Hard*)
                judged = k + 1 < len(tokens) and tokens[k + 1].lower in _LIST_VERDICT and _closes_clause(tokens, k + 1) \
                    and grounding.item_id is not None and self._opens_title(run[0].lower, grounding.item_id)
                if not judged and not _plausible_word(run[0], None, tokens[k + 1] if k + 1 < len(tokens) else None):
                    continue  # a dictionary word opening a phrase ("Junior doctor.", "Airport night crew")
            if grounding.method == "fuzzy" and grounding.item_id is not None and self._owner_only(mention, grounding.item_id):
                continue  # "no Adam Sandler", "Kurosawa": a person, not *Adam Sandler's Eight Crazy Nights*
            if grounding.method == "fuzzy" and grounding.item_id is not None and (
                    len(run) > 1 and self._word_of_its_own(mention, grounding.item_id) or self._plural_of(mention, grounding.item_id)):
                continue  # "John Carpenter" is a name of its own, not *John Carter* misspelt; "Martians" are no *The Martian*
            confident_tie = grounding.status == "ambiguous" and grounding.alternatives and grounding.alternatives[0].score * 100 >= FUZZY_MATCH
            if grounding.status == "matched" or confident_tie:
                found.append(_at(grounding, run[0].start, run[-1].end))


    def _casual_typos(self, text: str, tokens: list[_Tok], used: list[bool], found: list[Grounding]) -> None:
        """A misspelt lower-case title where a title is expected: right after a cue ("movies like
        forest gump"), after "and" that follows a title ("pulp fiction and resevoir dogs"), or opening a
        sentence before "is"/"was" ("matirx was awsome"). Only a close spelling of a popular title counts.
        At most `TYPO_LOOKUPS` fuzzy lookups a message, each of a run no longer than the longest title: a fuzzy lookup
        scans every title, and a hostile message of 300 cue words ("whats whats ...") had taken 40 seconds."""
        looked: dict[str, Grounding] = {}
        for i, token in enumerate(tokens):
            if used[i] or token.capitalised or not _title_expected(tokens, used, i):
                continue
            run = _lower_run(tokens, used, i)[: self._max_tokens]
            join = next((k for k, t in enumerate(run) if k > 0 and t.lower in _EITHER), None)
            run = run[:join] if join is not None else run  # "bravehart vs last of the mohicians": one side of a match-up
            after = tokens[i + len(run)] if i + len(run) < len(tokens) else None
            opening = i == 0 or token.boundary_before
            verdict_after = after is not None and not after.boundary_before and after.lower in _VERDICT | _LIKE_AFTER | _PLURAL_VERDICT  # "blade runer vibes"
            # one side of a match-up or a choice, spelt as no word is ("bravehart vs last of the mohicians")
            verdict_after = verdict_after or (after is not None and not after.boundary_before and after.lower in _EITHER
                                              and any(len(t.lower) >= 4 and _coined(t.lower) for t in run))  # (not "hungover and ...")
            # a misspelt title opening a sentence and judged by the words after it: "toy stroy 3 made me cry", "the prestage blew my
            # mind", "shawshenk redemtion never gets old" (only a run that ends there)
            judged_at = {n for n in range(1, len(run) + 1) if i + n < len(tokens) and not tokens[i + n].boundary_before
                         and _judged_next(tokens, i + n) and any(len(t.lower) >= 4 and _coined(t.lower) for t in run[:n])}
            listed = text[: token.start].rstrip()[-1:] not in ("(", "[") and _beside_title(tokens, used, i, len(run))  # not a note
            if not run or (opening and not verdict_after and not listed and not judged_at):
                continue  # a list item beside a title found counts ("shawshank, green mile, forest gump")
            only_judged = opening and not verdict_after and not listed
            if _a_date(text, tokens, run):
                continue
            for length in range(len(run), 0, -1):  # the longest start of the run that reads as a title: "watch pulp friction tonight"
                part = run[:length]
                if only_judged and length not in judged_at:
                    continue
                if part[-1].lower in TITLE_MINOR or not (any(len(t.lower) >= 4 and t.lower not in COMMON_WORDS for t in part)
                                                          or self._split_title_word(part)):
                    continue
                if length == 1 and part[0].lower in CHAT_WORDS:
                    continue  # a word people use about films is no misspelling ("gory is fine" is not *Glory*)
                # a word of the language is a misspelling only of a film everybody names ("i saw amelia" is *Amelie*; "watch paint
                # dry" is no *Saint*)
                floor = UNCUED_PHRASE_MIN if length == 1 and part[0].lower in dictionary() else 0
                mention = text[part[0].start : part[-1].end]
                if mention not in looked:
                    if len(looked) >= TYPO_LOOKUPS:
                        return
                    looked[mention] = self.ground(mention, use_embeddings=False)
                grounding = self._typo_reading(mention, looked[mention])
                if grounding is not None and grounding.item_id is not None and self._items[grounding.item_id].popularity < floor:
                    grounding = None
                if grounding is not None and grounding.title and _another_form(part, grounding.title):
                    grounding = None  # "the special effect" is no *The Specialist*, "dreamy" no *Dreams*
                if grounding is not None and grounding.item_id is not None and length == 1 and part[0].lower in dictionary() \
                        and not self._one_word_title(part[0].lower, grounding.item_id):
                    grounding = None  # "heard the start is sad": a word of the language is no slip of a longer title (*Die Hard*)
                if grounding is not None:
                    found.append(_at(grounding, part[0].start, part[-1].end))
                    for j in range(i, i + length):
                        used[j] = True
                    break

    def _one_word_title(self, word: str, item_id: int) -> bool:
        """Whether the film's title is one word, `word` is all of its words run together ("diehard"), or one of them."""
        key = normalise_title(re.sub(r"\s*\([^()]*\)", "", self._items[item_id].display_title))  # no year, no other name
        key = re.sub(r"^(?:the|a|an) ", "", key)  # "shinning" for *The Shining*
        return " " not in key or key.replace(" ", "") == word or word in key.split()  # ("l.a. confidential": a word of it)

    def _word_slips(self, text: str, tokens: list[_Tok], used: list[bool], found: list[Grounding]) -> None:
        """A popular title said one word off ("the shawshank escape", "how to train my dragon"). One word for
        one before one word said as two ("sleepless in san francisco"); a title found inside the run gives way
        to the longer one ("the wolves of wall street" is not *Wall Street*)."""
        i = 0
        while i < len(tokens):
            expected = _title_expected(tokens, used, i)
            for width, length in ((w, n) for w in range(1, MAX_OPEN + 1)
                                  for n in range(min(self._slips.max_words, len(tokens) - i), _SLIP_MIN_WORDS - 1, -1)):
                span = tokens[i : i + length]
                after = tokens[i + length] if i + length < len(tokens) else None
                if not (expected or (after is not None and after.lower in _VERDICT and not after.boundary_before)):
                    continue  # where a title is expected: "adored the devil wears gucci", "the shawshank escape is ..."
                if any(a.boundary_before and text[b.end : a.start].strip() != "," for b, a in zip(span, span[1:])):
                    continue  # a comma may be the title's own ("the good, the bad and the nasty")
                words = " ".join(t.lower for t in span).split()  # "tiffany's" is two words of a title key
                ids = sorted(self._slips.match(words, width), key=lambda k: -self._items[k].popularity)
                winner = ids[0] if len(ids) == 1 else (self._dominant(ids) if ids else None)
                if winner is None or not self._numbers_kept(span, winner):
                    continue
                inside = [g for g in found if g.start is not None and span[0].start <= g.start and (g.end or 0) <= span[-1].end]
                covered = {j for j in range(i, i + length) for g in inside if _covers(g, tokens[j].start)}
                if len(covered) > length // 2 or any(used[j] and j not in covered for j in range(i, i + length)):
                    continue
                for g in inside:
                    found.remove(g)
                found.append(_at(self._decide(text[span[0].start : span[-1].end], {winner: 100.0}, None, "slip"), span[0].start, span[-1].end))
                used[i : i + length] = [True] * length
                i += length - 1
                break
            i += 1

    def _numbers_kept(self, span: list[_Tok], item_id: int) -> bool:
        """A slip never changes a number: "die hard 20 times" is no slip of *Die Hard 2*."""
        numbers = {t.lower for t in span if any(c.isdigit() for c in t.word)}
        return not numbers or any(numbers <= set(key.split()) for key in title_keys(self._items[item_id]))

    def _plural_of(self, mention: str, item_id: int) -> bool:
        """The mention is the plural of the item's title, with or without its article ("Martians", *The Martian*)."""
        key = normalise_title(mention)
        return any(key in (k + "s", k + "es") or f"the {key}" in (k + "s", k + "es") for k in title_keys(self._items[item_id]))

    def _word_of_its_own(self, mention: str, item_id: int) -> bool:
        """A word of the language in the mention that no title of the item has: the mention says something else
        (a misspelling is seldom a real word)."""
        keys = title_keys(self._items[item_id])
        if any(" " not in key and fuzz.ratio(normalise_title(mention).replace(" ", ""), key) >= SPELLING_MATCH for key in keys):
            return False  # a one-word title said in two ("Brave Heart", "Snow Piercer")
        title_words = {w for key in keys for w in key.split()}
        return any(len(w) >= 4 and w in dictionary() and not any(fuzz.ratio(w, t) >= SPELLING_MATCH for t in title_words)
                   for w in normalise_title(mention).split())  # ("My Neighbour Totoro" is *My Neighbor Totoro*)

    def _owner_only(self, mention: str, item_id: int) -> bool:
        """The mention names no more than the owner of a possessive title ("Akira Kurosawa's Dreams")."""
        words = set(normalise_title(mention).split())
        item = self._items[item_id]
        return any(words <= set(normalise_title(m.group(1)).split()) for name in (item.title, *item.aka) if (m := _OWNER.match(name)))

    def _name_words_of(self, item: Item) -> list[str]:
        """The one coined word of the item's title that names it alone ("shawshank")."""
        return [w for key in title_keys(item) for w in key.split() if w in self._name_words and item.item_id in self._by_key.get(w, ())]

    def _split_title_word(self, run: list[_Tok]) -> bool:
        """Two neighbouring words that a title writes as one ("the god father"; "dye hard" is not one)."""
        return any(a.lower + b.lower in self._title_words for a, b in zip(run, run[1:]))

    def _typo_reading(self, mention: str, grounding: Grounding) -> Grounding | None:
        """The popular title a misspelt mention means: a close fuzzy match, or the only popular reading one
        typo away (a slip or two swapped letters: "matirx", "interstellr")."""
        if grounding.method != "fuzzy":
            return None
        key = normalise_title(mention)
        if grounding.item_id is not None and self._plural_of(mention, grounding.item_id):
            return None  # a plural is no misspelling ("i love adaptations", "he likes boats")
        # a word of no language in the mention makes it a misspelling, not ordinary words: "like the desent" (not "the desert")
        floor = TYPO_WORD_MIN if any(len(w) >= 4 and _coined(w) for w in key.split()) else DOMINANT_MIN
        if grounding.status == "matched":
            return grounding if self._close_and_known(mention, grounding, floor) else None
        close = [a.item_id for a in grounding.alternatives if len(key) >= 5 and self._items[a.item_id].popularity >= floor
                 and _slip_of(key, self._items[a.item_id], plural=floor == DOMINANT_MIN)]
        bare = _LEADING_ARTICLE_RE.sub("", key)
        if not close and floor == TYPO_WORD_MIN and len(bare) >= TWO_SLIPS_CHARS:  # two slips inside a long word of no language, of a
            close = [a.item_id for a in grounding.alternatives  # film everybody names: "ratatoulie", "insepton", "prisinors"
                     if self._items[a.item_id].popularity >= DOMINANT_MIN and _slip_of(bare, self._items[a.item_id], slips=2, ends_kept=True)]
        if len(close) > 1 and len({self._items[i].title for i in close}) == 1:  # versions of one title: the note or the company picks
            return self._decide(mention, dict.fromkeys(close, 100.0), None, "fuzzy")
        if len(close) > 1:  # "arival" is *Arrival* (2016), not *The Arrival*: the article agrees, or one is far more rated
            ranked = sorted(close, key=lambda i: -self._items[i].popularity)
            winner = self._article_match(mention, ranked) or self._dominant(ranked)
            close = [winner] if winner is not None else close
        return self._decide(mention, {close[0]: 100.0}, None, "fuzzy") if len(close) == 1 else None

    def _close_and_known(self, mention: str, grounding: Grounding, floor: int = DOMINANT_MIN) -> bool:
        """The whole mention is spelt close to the whole name of a title rated at least `floor` times (not a part of it)."""
        assert grounding.item_id is not None
        item = self._items[grounding.item_id]
        key = normalise_title(mention)
        names = [*title_keys(item), *short_names(item.title), *self._name_words_of(item)]  # ("terminater 2", "shawshenk")
        best = max((fuzz.ratio(key, k) for k in names), default=0.0)
        if item.popularity >= DOMINANT_MIN:
            return best >= FUZZY_MATCH
        if item.popularity >= floor and _slip_of(key, item):
            return True  # one slip of the pen in a word of no language: "the conjering", "sesion 9"
        # a long name of several words spelt one letter off names even a little-rated film ("infernal afairs")
        words = [w for w in key.split() if w not in ARTICLES]  # "the animals" is no name of two words
        return len(words) >= 2 and len(key) >= TYPO_LONG_CHARS and best >= TYPO_LONG_MATCH and item.popularity >= TYPO_LONG_MIN


_PART_WORDS = {"part", "pt", "vol", "volume", "chapter", "episode"}
_SHORT_ALIAS = {"volume": "vol", "pt": "part"}
_APOSTROPHE_S = re.compile(r"(\w) s\b")
_INITIALISM = re.compile(r"^((?:[A-Za-z]\.){2,})\s+\S")


#: After a sequel's bare number, what judges it: "2 was fine", "3: awful", "2 and 3 too", "2, meh".
_JUDGED_NEXT = re.compile(r"\s*(?:was|is|'s|were|wasn'?t|isn'?t|[:=\-–(,.;!]|too|also|yes|no|nope|meh|good|great|bad|fine|ok|okay|awful|better|worse|$)",
                          re.IGNORECASE)


def _numbers(listed: str) -> list[str]:
    """The numbers of a list of sequels, ranges spelt out ("1 through 4" -> 1 2 3 4, "1-3, 5")."""
    spelt = _NUMBER_RANGE.sub(lambda m: " ".join(str(n) for n in range(int(m[1]), int(m[2]) + 1)) if int(m[1]) < int(m[2]) <= int(m[1]) + 12
                              else m.group(), listed)
    return re.findall(r"\d+", spelt)


def canonical_key(key: str) -> str:
    """A sequel's number as a digit, however it is written ("kill bill volume two" -> "kill bill
    vol 2", "toy story three" -> "toy story 3", "the godfather part ii" -> "the godfather part 2")."""
    words = [_SHORT_ALIAS.get(w, w) for w in key.split()]
    for j, word in enumerate(words):
        last = j == len(words) - 1 and len(words) > 1
        if j and (words[j - 1] in _PART_WORDS or last):
            words[j] = _NUMBER_WORDS.get(word) or _ROMAN.get(word) or word
    return " ".join(words)


_HYPHEN_JOIN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")


def _joined_keys(items: Iterable[Item]) -> Iterator[tuple[str, int]]:
    """Title keys with a hyphenated name written as one word ("Spider-Man 2" -> "spiderman 2", "X-Men" -> "xmen")."""
    for item in items:
        for name in (item.title, *item.aka):
            if _HYPHEN_JOIN.search(name):
                for key in key_variants(normalise_title(_HYPHEN_JOIN.sub("", name))):
                    yield key, item.item_id
                    yield _LEADING_ARTICLE_RE.sub("", key), item.item_id


def key_variants(key: str) -> set[str]:
    """A catalog key and the forms people type it in: numbers as digits, "vol."/"part" left out
    ("kill bill vol 2" -> "kill bill 2")."""
    canonical = canonical_key(key)
    words = canonical.split()
    out = {key, canonical, _APOSTROPHE_S.sub(r"\1s", key)}  # "muriel s wedding" is typed "muriels wedding"
    if len(words) > 2 and words[-2] in _PART_WORDS and words[-1].isdigit():
        out.add(" ".join(words[:-2] + words[-1:]))
    if len(words) > 2 and words[0].isdigit() and 0 < int(words[0]) < len(_SPELLED):  # "12 angry men" is said "twelve angry men"
        out.add(" ".join([_SPELLED[int(words[0])], *words[1:]]))
    if any(w in _ORDINALS for w in words):  # "the fifth element" is typed "the 5th element"
        out.add(" ".join(_ORDINALS.get(w, w) for w in words))
    return out


def spelled_key(key: str) -> str | None:
    """A title key with its numbers (1-99) said as words, where a word comes first: "apollo 13" -> "apollo thirteen" (not a
    number opening a title: "twenty seven dresses" is said of dresses)."""
    words = canonical_key(key).split()
    if len(words) < 2 or _spelled(words[0]) or not any(_spelled(w) for w in words[1:]):
        return None
    return " ".join(_spelled(w) or w for w in words)


def initials_joined(item: Item) -> set[str]:
    """A title with initials written with stops, keyed as people type the initials: "L.A. Confidential" -> "la confidential",
    "U.S. Marshals" -> "us marshals" (not "V/H/S", nor a possessive's "s": stops only)."""
    if not _STOPPED_INITIALS.search(item.title):
        return set()
    return {_LETTERS.sub(lambda m: m.group().replace(" ", ""), key) for key in title_keys(item)} - title_keys(item)


_STOPPED_INITIALS = re.compile(r"\b[A-Za-z]\.[A-Za-z]\.")
#: Single letters in a row, the stops of initials gone from the key ("l a confidential").
_LETTERS = re.compile(r"\b[a-z](?: [a-z]\b)+")


_SPELLED = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
            "eighteen nineteen twenty").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _spelled(word: str) -> str | None:
    """A number of a title (1-99) as it is said ("13" -> "thirteen", "28" -> "twenty eight"); None for any other word (a year
    such as "1984" is said as a date, and the reading of dates is the era parser's)."""
    if not word.isdigit() or word.startswith("0") or not 0 < int(word) < 100:
        return None
    n = int(word)
    if n < len(_SPELLED):
        return _SPELLED[n]
    tens, units = divmod(n, 10)
    return _TENS[tens - 2] + (f" {_SPELLED[units]}" if units else "")


_SPELLED_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
                     "fifteenth sixteenth seventeenth eighteenth nineteenth").split()
#: A title's ordinal word as people type it in digits: "fifth" -> "5th" (not "twentieth": "20th-century only" is an era, not
#: *Twentieth Century*; and not the other way: "the sixth day of my holiday" is no *The 6th Day*).
_ORDINALS = {w: f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n if n < 4 else 0, 'th')}" for n, w in enumerate(_SPELLED_ORDINALS, start=1)}


def short_names(title: str) -> list[str]:
    """Shortened names of a title that are safe to look up: the part before a colon (two words or
    more, one uncommon word without digits, or letters in capitals: "AVP: Alien vs. Predator"), a leading initialism."""
    out = []
    head = title.split(":", 1)[0] if ":" in title else ""
    key = normalise_title(head)
    words = key.split()
    capitals = len(key) >= 3 and head.isalpha() and head.isupper()
    if words and (len(words) >= 2 or capitals or (len(key) >= 4 and key not in COMMON_WORDS and not any(c.isdigit() for c in key))):
        out.append(key)
    initials = _INITIALISM.match(title)
    if initials:
        letters = normalise_title(initials.group(1))
        out += [letters, letters.replace(" ", "")]
    return out


def subtitle_names(title: str, *, with_article: bool = False) -> list[str]:
    """The subtitle people name a series' film by ("Mad Max: Fury Road" -> "fury road", "Star Wars: Episode III -
    Revenge of the Sith" -> "revenge of the sith", "Harry Potter and the Chamber of Secrets" -> "chamber of secrets"):
    two words or more after the last colon or dash, or three after a name of two words or more and "and the", one of
    them uncommon, with no sequel number; `with_article`: its own article kept too ("the last jedi")."""
    tails = [(re.split(r":| - ", title)[-1], 2)] if re.search(r":| - ", title) else []
    if (joined := _AND_THE.match(title)) and len(joined.group(1).split()) >= 2:
        tails.append((joined.group(2), 3))  # three words: "holy grail", "sundance kid", "seven dwarfs" are said of other things
    out = []
    for tail, fewest in tails:
        said = normalise_title(tail)
        key = _LEADING_ARTICLE_RE.sub("", said)
        words = key.split()
        if len(words) >= fewest and not any(w.isdigit() or w in _ROMAN or w in _PART_WORDS for w in words) \
                and any(len(w) >= 4 and w not in COMMON_WORDS for w in words):
            out += [key, said] if with_article and said != key else [key]
    return out


#: A series' name, "and the", then the film's own part: "Harry Potter and the Prisoner of Azkaban", "Indiana Jones and the
#: Temple of Doom" (up to a colon or a dash).
_AND_THE = re.compile(r"^(.+?) and the ([^:]+?)(?::| - |$)", re.IGNORECASE)


#: Where a series' name ends in its films' titles: a subtitle, "and the ...", a sequel number.
_SERIES_HEAD = re.compile(r"^(.+?)(?::| - | and the |\s+(?:\d+|II|III|IV|V|VI|Part)\b)", re.IGNORECASE)


def series_heads(item: Item) -> list[str]:
    """The series names an item's titles start with ("Harry Potter and the Goblet of Fire" -> "harry
    potter", "Pirates of the Caribbean: At World's End" -> "pirates of the caribbean"): two words or
    more besides a leading article."""
    out = []
    for title in dict.fromkeys([item.title, *item.aka]):
        head = _SERIES_HEAD.match(title)
        name = _LEADING_ARTICLE_RE.sub("", normalise_title(head.group(1))) if head else ""
        if len(name.split()) >= 2 and name not in out:
            out.append(name)
    return out


def prefix_names(key: str) -> list[str]:
    """The leading word runs of a title key that could stand for it: at least two content words, the
    last of them an uncommon word of three letters or more ("grand budapest hotel" -> "grand budapest";
    not "there s" of "there's something about mary")."""
    words = _LEADING_ARTICLE_RE.sub("", key).split()
    out = []
    for n in range(2, len(words)):
        head = words[:n]
        if len(head[-1]) >= 3 and head[-1] not in COMMON_WORDS and sum(w not in TITLE_MINOR for w in head) >= 2 \
                and not (n == 2 and head[0] in _POSSESSIVES):  # "my cousin" is a relative, not *My Cousin Vinny*
            out.append(" ".join(head))
    return out


#: Words that judge a film after "is"/"was", a few words on ("clue is the funniest film ever made", "brick was brilliant").
_STRONG_VERDICT = (_TAIL_VERDICT - frozenset("yes yep yeah no nope nah ok okay fine lol liked enjoyed hit cry classic sweet cool".split())) \
    | frozenset("funniest scariest saddest best worst dumb nasty harrowing hilarious gripping better worse guilty".split())
#: Words that open a clause before a film named at its start ("..., but twister had me yawning").
_CLAUSE_JOINS = frozenset("and but though tho then".split())


def _judged_strongly(tokens: list[_Tok], i: int, length: int) -> bool:
    """A word that opens its clause, then "is"/"was" and a verdict word within its clause: a film judged."""
    before = tokens[i - 1] if i > 0 and not tokens[i].boundary_before else None
    opens = before is None or before.lower in _CLAUSE_JOINS and (i == 1 or _clause_start(before) or tokens[i - 2].sentence_start)
    j = i + length
    if not opens or j >= len(tokens) or tokens[j].boundary_before or tokens[j].lower not in _VERDICT:
        return False
    for tok in tokens[j + 1 : j + 1 + STRONG_VERDICT_REACH]:
        if tok.boundary_before:
            return False
        if tok.lower in _STRONG_VERDICT:
            return True
    return False


def _called(tokens: list[_Tok], i: int) -> bool:
    """tokens[i] is named as a title: "a film called tomorrow", "the movie titled once" (not "the movie called up so many
    memories", a verb and its particle)."""
    return (i > 1 and tokens[i - 1].lower in _CALLED and tokens[i - 2].lower in _FILM_NOUNS_PLURAL and not tokens[i].boundary_before
            and tokens[i].lower not in _PARTICLES)


def _clause_start(token: _Tok) -> bool:
    """The token opens a sentence or a clause ("wait, is ...", "quick one: is ...")."""
    return token.sentence_start or token.boundary_before


def _cast_question(tokens: list[_Tok], i: int) -> bool:
    """tokens[i] follows "who's in" ("whos in the departed?")."""
    return i > 1 and tokens[i - 1].lower == "in" and tokens[i - 2].lower in ("whos", "who s", "who")


#: A back-reference to the first film of a series named just before ("better than the first", "is the original as good").
_NOT_A_FILM = r"time|half|place|act|hour|minutes?|scene|of"  # "the first time", "the first half of"
_FIRST_ONE = re.compile(rf"\bthe (?:first|original|1st)(?: (?:one|film|movie|part))?\b(?! (?:{_NOT_A_FILM})\b)(?! (?-i:[A-Z]))", re.IGNORECASE)
#: ...and "the first" right before a series' name ("the first harry potter").
_OTHER_MEDIUM = re.compile(r"\s+(?:book|books|novel|novels|game|games|comic|comics|season|seasons|episode|episodes)\b", re.IGNORECASE)
_FIRST_OF = re.compile(rf"\bthe (?:very )?(?:first|original|1st) (?!(?:{_NOT_A_FILM}|one|two|few|film|movie)\b)(?=\w)", re.IGNORECASE)


def _sentence_end(text: str, start: int) -> int:
    found = _SENTENCE_END.search(text, min(start, len(text)))
    return found.end() if found else len(text)


def _a_date(text: str, tokens: list[_Tok], run: list[_Tok]) -> bool:
    """A run (or it and the word before) that names a day or a holiday with no film cue before it ("for
    Valentine's", "New Year's Eve with the in-laws")."""
    first = tokens.index(run[0])
    mention = text[run[0].start : run[-1].end]
    widened = text[tokens[first - 1].start : run[-1].end] if first > 0 and not run[0].boundary_before else mention
    return bool(CALENDAR & {normalise_title(mention), normalise_title(widened)}) and not _film_cue_before(tokens, first)


def _film_cue_before(tokens: list[_Tok], i: int) -> bool:
    """A word right before tokens[i] that names what follows as a film ("loved Halloween", "the movie Friday")."""
    return i > 0 and not tokens[i].boundary_before and tokens[i - 1].lower in _WORD_CUE


def _question(tokens: list[_Tok], i: int) -> bool:
    """Whether the sentence holding tokens[i] opens with a question word ("how long is titanic")."""
    j = i
    while j > 0 and not tokens[j].sentence_start:
        j -= 1
    return tokens[j].lower.split()[0] in _QUESTION_WORDS


_LIST_JOIN = frozenset("and or vs versus n".split())  # "loved grease n dirty dancin"
_PLURAL_VERDICT = frozenset("are r".split())  # "monster inc and finding nemmo r the best"


def _live_action_joined(words: list[str]) -> list[str]:
    """"live" and "action" said as two words are one ("the live action one")."""
    out: list[str] = []
    for word in words:
        if word == "action" and out and out[-1] == "live":
            out[-1] = "live action"
        else:
            out.append(word)
    return out


def _judged_next(tokens: list[_Tok], k: int) -> bool:
    """tokens[k:] open a verdict on what stands before them: a verb said of a film and its viewer ("made me cry", "blew my
    mind", "scared us"), or "never" ("never gets old")."""
    viewer = tokens[k + 1].lower in _VIEWER if k + 1 < len(tokens) else False
    return tokens[k].lower == "never" or viewer and tokens[k].lower in _JUDGED_AFTER | {"made", "makes", "had", "has", "got", "left", "kept"}


def _beside_title(tokens: list[_Tok], used: list[bool], i: int, length: int) -> bool:
    """tokens[i:i+length] is an item of a list whose next or previous item is a title already found
    ("toy story and shrek", "children of men, gattaca", "the departed or infernal affairs")."""
    return any(_titles_beside(tokens, used, i, length))


def _titles_beside(tokens: list[_Tok], used: list[bool], i: int, length: int) -> tuple[bool, bool]:
    """Whether the previous and the next item of the list holding tokens[i:i+length] are titles already found."""
    def joined(left: int, right: int) -> bool:  # the item ending at `left` and the one starting at `right` are listed
        if right - left == 1:
            return tokens[right].boundary_before and not tokens[right].sentence_start
        if right - left == 3 and tokens[left + 2].lower == "than" and tokens[left + 1].lower.endswith(("er", "more", "less")):
            return True  # "shrek 2 better than shrek": compared with a title
        if right - left == 2 and tokens[left + 1].lower in _LIST_JOIN and not tokens[left + 1].sentence_start:
            return True
        # a verdict closes the item before ("jaws 3 lol no, jaws the revenge ...", "taxi driver, yes. cuckoo's nest, yes.")
        # ("10 cloverfield lane, tense and great. contagion, meh.", "layer cake - fantastic. snatch - fun.")
        between = tokens[left + 1 : right]
        return 0 < len(between) <= 5 and tokens[right].boundary_before and all(t.lower in _TAIL_WORDS or t.word.isdigit() for t in between) \
            and any(t.lower in _TAIL_VERDICT or t.word.isdigit() for t in between)
    j = i + length
    before = any(used[k] and joined(k, i) for k in range(i - 1, i - 7, -1) if k >= 0)
    after = any(used[k] and joined(j - 1, k) for k in range(j, j + 6) if k < len(tokens))
    return before, after


def _verdict_closes(tokens: list[_Tok], used: list[bool], i: int, length: int) -> bool:
    """tokens[i:i+length] opens its clause and a short verdict closes it, in a message that names another title
    ("christine, creepshow and the dead zone all great.", "..., loved every one of them. the replacements, eh, no.")."""
    if not (any(used[:i]) or any(used[i + length :])) or (length == 1 and not (_coined(tokens[i].lower) or tokens[i].sentence_start and tokens[i].capitalised)):
        return False  # one word of the language needs a title right beside it or a capital ("Paycheck - nope."; "zombies: no" is a checklist)
    if i > 0 and not tokens[i].boundary_before and not (tokens[i - 1].lower in _LIST_JOIN and not tokens[i - 1].boundary_before):
        return False
    strong, k = False, i + length
    while k < min(len(tokens), i + length + 6):
        token = tokens[k]
        if k > i + length and token.boundary_before and (strong or token.sentence_start):
            return strong  # the verdict's clause ends ("legend no, willow ..."), or its sentence does
        if token.lower not in _TAIL_WORDS:
            return False
        strong = strong or token.lower in _TAIL_VERDICT or token.lower == "not"  # "not so much"
        k += 1
    return strong and k == len(tokens)


#: Two words before a film watched through, left or cried at: "fell asleep in", "dozed off during", "walked out of", "sat through".
_VIEWED_IN = frozenset([("asleep", "in"), ("asleep", "during"), ("off", "during"), ("out", "of"), ("sat", "through"),
                        ("suffered", "through"), ("slept", "through"), ("cried", "at"), ("cried", "during")])


def _title_expected(tokens: list[_Tok], used: list[bool], i: int) -> bool:
    token = tokens[i]
    if i == 0 or token.boundary_before:
        return True
    before = tokens[i - 1]
    similar_to = before.lower == "to" and i > 1 and tokens[i - 2].lower in ("similar", "close", "comparable")
    asked = before.lower in _IS and _question(tokens, i)  # "how long is interstelar"
    watched = before.lower in _WATCH and token.lower not in ("a", "an")  # "watching an adaptation" is no title
    stand = before.lower == "stand" and i > 1 and tokens[i - 2].lower.startswith(("can", "couldn")) and token.lower in ARTICLES  # "cant stand the notebok"
    sat = i > 1 and (tokens[i - 2].lower, before.lower) in _VIEWED_IN and not before.boundary_before  # "fell asleep in blade runer"
    return before.lower in _TYPO_CUE or watched or similar_to or asked or stand or sat or (
        before.lower in ("and", "or", "n", "vs", "versus") and i > 1 and used[i - 2] and not before.boundary_before)


def _lower_run(tokens: list[_Tok], used: list[bool], i: int) -> list[_Tok]:
    """Lower-case words from `i` up to punctuation, a used word or a chat word, at most six (the caller
    asks for a word worth reading as a title in the part it reads)."""
    run: list[_Tok] = []
    for j in range(i, min(len(tokens), i + 6)):
        t = tokens[j]
        if used[j] or (t.capitalised and not t.word.isdigit()) or (run and t.boundary_before) or t.lower in _RUN_STOP:  # "toy stroy 3"
            break
        if t.lower in NEVER_ALONE and t.lower not in TITLE_MINOR:
            break
        run.append(t)
    while run and run[-1].lower in TITLE_MINOR:
        run.pop()
    return run


@dataclass(frozen=True, slots=True)
class _Tok:
    word: str
    start: int
    end: int
    boundary_before: bool  # punctuation between this token and the previous one
    sentence_start: bool

    @property
    def lower(self) -> str:
        return normalise_title(self.word)

    @property
    def capitalised(self) -> bool:
        return self.word[:1].isupper() or self.word[:1].isdigit()


#: Words shortened with a full stop inside titles and names ("Dr. Strangelove", "Mr. Holland's Opus").
_ABBREVIATIONS = frozenset("dr mr mrs ms st jr sr prof".split())


def _tokens(text: str, taken: Iterable[tuple[int, int]]) -> list[_Tok]:
    spans = list(taken)
    out: list[_Tok] = []
    previous_end = 0
    for match in _TOKEN.finditer(text):
        if any(a <= match.start() < b for a, b in spans):
            previous_end = match.end()
            continue
        gap = text[previous_end : match.start()]
        if out and out[-1].lower in _ABBREVIATIONS and re.fullmatch(r"\. +", gap):
            gap = gap[1:]  # "Dr. Strangelove", "Mr. Smith Goes to Washington": the full stop ends a word, not a sentence
        first = not out
        # a slash with a space beside it separates ("alien / aliens / predator"); one joining two words may be a title's own ("Face/Off")
        out.append(_Tok(match.group(), match.start(), match.end(), first or bool(_BOUNDARY.search(gap)) or ("/" in gap and gap != "/"),
                        first or bool(_SENTENCE_END.search(gap))))
        previous_end = match.end()
    return out


_GRADE_WORD = re.compile(r"[A-F]")


def _inside_name(tokens: list[_Tok], i: int, length: int, graded: bool = False, emphasis: bool = False) -> bool:
    """Part of a longer capitalised name ("Blade Runer", "Tom Hanks", "Eternal Sunshine"): left to
    the fuzzy pass. A word before counts only when nothing else explains its capital; the word after, not when it
    is a grade of the name (`graded`) or a word shouted after it (`emphasis`: "gf wants the notebook AGAIN")."""
    after = tokens[i + length] if i + length < len(tokens) and not graded and not emphasis else None
    if after is not None and not after.boundary_before and after.capitalised and after.lower not in CONNECTORS and not after.word[:1].isdigit() \
            and after.lower not in _CHAT_CAPS and not (_pronoun_i(tokens, i + length) and tokens[i].word.islower() or after.word in _I_CONTRACTED):
        # ("la la land I found boring", "Cars 2 I'd rather forget": the speaker; not "Jaws 2 I mean. no, the first")
        return True
    if length == 1 and after is not None and tokens[i].capitalised and _goes_on_through_of(tokens, i + 1):
        return True  # "Game of Thrones": a longer name, not *The Game*
    before = tokens[i - 1] if i > 0 and not tokens[i].boundary_before else None
    possessive = before is not None and before.word[-2:].lower() in ("'s", "’s")  # "Kurosawa's Seven Samurai"
    # a given name opening the sentence is a person's first name ("Tom Cruise and Brad Pitt as vampires": no *The Cruise*)
    named = before is not None and before.sentence_start and before.lower in FIRST_NAMES and length == 1 and tokens[i].lower in dictionary()
    return (before is not None and tokens[i].capitalised and before.word[:1].isupper() and (not before.sentence_start or named)
            and before.word != "I" and before.lower not in CONNECTORS and not possessive)


def _goes_on_through_of(tokens: list[_Tok], k: int) -> bool:
    """tokens[k:] go on a name through "of" and one capitalised plural of a word, ending there ("Game of Thrones"); not a
    maker or a person ("Kwaidan of Kobayashi", "Heat of Michael Mann")."""
    if k + 1 >= len(tokens) or tokens[k].lower != "of" or tokens[k].boundary_before or tokens[k + 1].boundary_before:
        return False
    word = tokens[k + 1]
    ends = k + 2 >= len(tokens) or tokens[k + 2].boundary_before or not tokens[k + 2].capitalised
    return word.capitalised and word.lower.endswith("s") and word.lower[:-1] in dictionary() \
        and word.lower.removesuffix(" s") not in FIRST_NAMES | _MAKERS and ends


SHOUTED_WORDS = 2  # a message with this many words in capitals shouts: a word in capitals is emphasis, not a name


def _shouted(token: _Tok) -> bool:
    """A word written all in capitals ("OBSESSED", "DON'T")."""
    return token.word.isupper() and len(token.word) >= 2 and token.word.replace("'", "").isalpha()


def _shouting(tokens: list[_Tok]) -> bool:
    """The message shouts: `SHOUTED_WORDS` words of three letters or more in capitals."""
    return sum(_shouted(t) and len(t.word) >= 3 for t in tokens) >= SHOUTED_WORDS


def _sibling_item(rest: str) -> re.Pattern[str]:
    """A sibling's own words set off as a list item: opening the text, or after a separator, "and" or "then", an article
    allowed, and a separator, a number or a mark right after ("reloaded: 6", "Resurrection 2/10", "rocky 5 🗑️")."""
    return re.compile(rf"(?:^|(?<=[.,;:/|\n•]\s)|(?<=[.,;:/|\n•])|(?<=\band\s)|(?<=\bthen\s))(?:the\s+)?({re.escape(rest)})"
                      r"(?=\s*(?:[:=\-–—(]|\d|[★⭐✅❌👍👎🔥🗑💩🤮]))", re.IGNORECASE)


_ITEM_VERDICT = re.compile(r"\s*[:=\-–—(]\s*(?P<word>[a-z]+)", re.IGNORECASE)
#: The words after an item's separator that judge it ("legacy: skip", "supremacy: great").
_ITEM_VERDICTS = _TAIL_VERDICT | frozenset("skip greatest best worst".split())


def _judged_item(text: str, end: int) -> bool:
    """A list item ending at `end` carries its verdict: a rating ("2/10", "🗑️"), or a separator and a verdict word ("legacy:
    skip", "supremacy: great")."""
    if rating_after(text, end) is not None:
        return True
    word = _ITEM_VERDICT.match(text, end)
    return word is not None and word["word"].lower() in _ITEM_VERDICTS


#: After lower-case initials and "is"/"was", the words that judge a film ("tdk is peak", "mmfr best ..."; not "so": "sil was so
#: kind", a sister-in-law).
_INITIALS_JUDGED = _TAIL_VERDICT | frozenset("best worst goat".split())


def _initials_cued(text: str, tokens: list[_Tok], used: list[bool], i: int) -> bool:
    """Lower-case initials (tokens[i]) said the way films are: after a viewer's verb ("loved tdk", "watched fmj"), beside a
    title found, rated, one side of a "which" choice, or judged right after ("tdk is peak", "mmfr best action movie"); never
    after a possessive ("my sil is obsessed": a sister-in-law) nor as chat ("stg if you ...")."""
    before = tokens[i - 1] if i > 0 and not tokens[i].boundary_before else None
    if before is not None and before.lower in _POSSESSIVES:
        return False
    if before is not None and before.lower in _TYPO_CUE | _NAMING:
        return True
    if any(_titles_beside(tokens, used, i, 1)) or rated(text, tokens[i].start, tokens[i].end) or _choice(tokens, i, 1):
        return True
    after: list[str] = []
    for t in tokens[i + 1 : i + 3]:
        if t.boundary_before:
            break
        after.append(t.lower)
    if after[:1] and after[0] in _VERDICT:
        after = after[1:]
    return bool(after) and after[0] in _INITIALS_JUDGED


def _choice(tokens: list[_Tok], i: int, length: int) -> bool:
    """tokens[i:i+length] is one side of a choice asked with "which" ("which is better, heat or collateral?",
    "Lagaan or 3 idiots, which first?", "heat or ronin, which's more intense?")."""
    start = i
    while start > 0 and not tokens[start].sentence_start and i - start < CHOICE_REACH:
        start -= 1
    end = i + length
    while end < len(tokens) and not tokens[end].sentence_start and end - i < CHOICE_REACH:
        end += 1
    if not any(t.lower.split()[0] == "which" for t in tokens[start:end]):  # "which's" is "which s"
        return False
    before = tokens[i - 1].lower if i > start and not tokens[i].boundary_before else None
    after = tokens[i + length] if i + length < end else None
    return before in _EITHER or (after is not None and after.lower in _EITHER and not after.boundary_before)


_EITHER = frozenset("or vs versus".split())
CHOICE_REACH = 40  # words either side a "which" is looked for (a sentence of 500 words made it quadratic)


def _pronoun_i(tokens: list[_Tok], k: int) -> bool:
    """tokens[k] is "I" the speaker: a lower-case word follows it ("Psycho I found overrated", "la la land I found
    boring"), not a numeral ("Rocky I and II", "Star Wars Episode I is ...")."""
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    return tokens[k].word == "I" and after is not None and not after.boundary_before and after.word[:1].islower() \
        and after.lower not in _NOT_AFTER_I


_NOT_AFTER_I = frozenset("is has does and or vs versus".split())
_I_CONTRACTED = frozenset(f"I{a}{end}" for a in "'’" for end in ("d", "m", "ve", "ll"))  # "Cars 2 I'd rather forget": the speaker


_PLACES_OR_MONTHS = PLACES | MORE_PLACES | MONTHS
_CLOSED_PART = re.compile(r"\s*[:\-–,]")  # "Resurrection: awful", "sunrise - perfect"
_GOING_TO = r"(?:trip|move|moving|moved|flight|holiday|went|going|go)"
_PLACE_CUE = re.compile(rf"\b(?:in|from|across|around|through|near|visit(?:ed|ing)?|{_GOING_TO} to)\s+$"
                        rf"|\b(?:{'|'.join(sorted(PLACES))})\s+(?:or|and)\s+$", re.IGNORECASE)
_DATE_CUE = re.compile(r"\b(?:in|for|on|since|until|till|by|this|next|last|early|late|mid|during|of)\s+$", re.IGNORECASE)


#: A birth date read as a name ("Born 1962", "born in the 80s").
_BIRTH_DATE = re.compile(r"born\s+(?:in\s+)?(?:the\s+)?['’]?\d{2,4}s?", re.IGNORECASE)


#: ...and for the longer list of places, some of them famous films, where a bare "in" or "from" may be a film's ("is there
#: much singing in chicago?", "Frances McDormand from Fargo"): where someone goes, lives or is from, or a film is set.
_PLACE_CUE_MORE = re.compile(r"\b(?:across|around|through|near|visit(?:ed|ing)?|(?:'s|is|are|am|was|were|comes?|came|hails?) from|"
                             r"(?:set|filmed|shot|live|lives|living|lived|born|raised|grew up|based|holiday|holidays|staying|stayed|stay|"
                             r"moved|move|moving|working|work|works) in|"
                             rf"(?:{_GOING_TO}|fly|flying|flew|head|heading|headed|drive|driving|drove|travel|travelling|traveling|travelled|"
                             r"traveled|relocate|relocating|relocated|emigrate|emigrated|emigrating) to)\s+$", re.IGNORECASE)


#: After a name, the show, game or book it names instead of the film ("Westworld (the HBO show)", "mortal kombat the game",
#: "the Jurassic Park novel", "House of Cards, the Kevin Spacey series", "Fargo season 3"); not "the Star Wars series".
_MEDIUM = (r"(?:(?:original|old|new|tv|hbo|netflix|bbc|cable|animated|video)\s+)?(?:(?:tv|television)\s+(?:show|series|programme|program)|"
           r"show(?!\s+(?:me|us|him|her|them|more|something|anything|some)\b)|sitcom|miniseries|mini-series|manga|novels?|books?|comics?|"
           r"graphic novel|(?:video\s*)?games?|podcast)"
           # ...the head of its phrase: not "the game references", "the comic book movie", "the Stephen King novel adaptation"
           r"(?!\s+(?:references?|movies?|films?|adaptations?|versions?|ones?|fans?|tie-?ins?|books?|and (?:the )?(?:films?|movies?))\b)(?!-)")
_SHOW_OR_BOOK = re.compile(rf"(?:\s+|\s*[,(:]\s*(?=the\b|that\b))(?:(?:the|that)\s+(?:[A-Z][\w.'’-]*\s+){{0,2}}(?:series\b|{_MEDIUM})|{_MEDIUM}"
                           r"|season\s+(?:\d+|one|two|three|four|five|six|seven|eight)|series\s+\d+|s\d+e\d+)\b", re.IGNORECASE)


def _other_media(text: str, found: list[Grounding]) -> list[Grounding]:
    """`found` less the names of a show, game or book (`_SHOW_OR_BOOK`) and any name inside the words that say so
    ("mortal kombat the game" names neither *Mortal Kombat* nor *The Game*). A quoted name stays."""
    media = [(g.start or 0, m.end()) for g in found if (m := _SHOW_OR_BOOK.match(text, g.end or 0)) and not _quoted_at(text, g.start or 0)]
    return [g for g in found if not any(a <= (g.start or 0) < b for a, b in media)]


def _a_place_or_date(text: str, g: Grounding) -> bool:
    """A country or city named as a place, not a film: a letter off one ("France" is no *Frances*), or after "in",
    "from", "a trip to" or another place and "or" ("In Brazil we call it ...", "Italy or Paris"); a month after "for",
    "in", "next" ... ("for May" is no *May*); a birth date ("Born 1962, she loved ..." is no *Born* film). Never when quoted."""
    if _BIRTH_DATE.fullmatch(text, g.start or 0, g.end or 0) and not _quoted_at(text, g.start or 0):
        return True
    said = normalise_title(text[g.start or 0:g.end or 0])
    if said not in _PLACES_OR_MONTHS or _quoted_at(text, g.start or 0):
        return False
    before = text[max(0, (g.start or 0) - 24):g.start or 0]
    if said in MONTHS:
        return _DATE_CUE.search(before) is not None
    cue = _PLACE_CUE if said in PLACES else _PLACE_CUE_MORE
    return g.method == "fuzzy" or cue.search(before) is not None


def _article_capital_only(span: list[_Tok]) -> bool:
    """The only capital of the words is the one opening the sentence, on an article ("The boys are ...")."""
    return span[0].sentence_start and span[0].lower in ARTICLES and not any(t.word[:1].isupper() for t in span[1:])


def _plausible(tokens: list[_Tok], i: int, length: int) -> bool:
    """Whether an exact title match on tokens[i:i+length] (some word capitalised) is likely a title
    and not ordinary words."""
    span = tokens[i : i + length]
    content = [t for t in span if t.lower not in TITLE_MINOR] or span
    after = tokens[i + length] if i + length < len(tokens) else None
    the = span[0].lower == "the" or (i > 0 and tokens[i - 1].lower == "the" and not span[0].boundary_before)
    if the and length <= 2 and after is not None and not after.boundary_before and after.lower in ("one", "version"):
        return False  # "The Ring, the American one", "the Spielberg one": which version, not a film
    if span[0].sentence_start and not any(t.capitalised for t in span[1:]) and after is not None and not after.boundary_before \
            and after.lower in _NEWCOMER_AFTER:
        return False  # "First time here.", "First time using this": the writer is new, not *The First Time*
    if len(content) == 1 and _story_setting(tokens, i + 1 if span[0].lower == "the" else i):
        return False  # "a war film not set in the Pacific": where the story is, not *The Pacific*
    if len(content) == 1 and content[0].lower in NATIONALITIES and after is not None and not after.boundary_before and after.word.islower() \
            and after.lower in dictionary() and after.lower not in _AFTER_A_NAME | _LIKE_AFTER:
        return False  # "the American frontier", "the English countryside": a word of the phrase, not *The American*
    if length == 1:
        if span[0].word.isdigit() and i > 1 and tokens[i - 1].lower in ("and", "or", "to") and tokens[i - 2].word.isdigit():
            return False  # "(7 and 10)", "2 or 3": a number in a list of numbers
        return _plausible_word(span[0], tokens[i - 1] if i > 0 else None, tokens[i + 1] if i + 1 < len(tokens) else None)
    if all(t.capitalised for t in content):
        if not (span[0].sentence_start and all(t.lower in COMMON_WORDS for t in content)):
            return True
        # Opening a sentence, common words count when more than the first is capitalised and the
        # sentence goes on as after a name ("Mystery Men is...", "Ghost World but newer"; not "The Thing is").
        ends = after is None or after.boundary_before or after.lower in _NAME_ENDS or after.word in _I_CONTRACTED  # "Pretty Woman I've gone off"
        # ...or a verdict follows ("The Others was perfect"; "The Thing is, ..." stays words)
        return ends and (any(t.capitalised for t in content[1:]) or _judged_strongly(tokens, i, length))
    if i > 0 and tokens[i - 1].lower in _POSSESSIVES and span[0].lower in NATIONALITIES and not any(t.capitalised for t in content[1:]):
        return False  # "my English teacher": a nationality's capital, not *The English Teacher* ("the English patient" is the film)
    return any(t.lower not in COMMON_WORDS and not t.word.isdigit() for t in content)  # "10 years" is no title


#: After a sentence's opening words, the words of someone new to the chat ("First time here", "Long time listening").
_NEWCOMER_AFTER = frozenset("here using posting asking trying".split())


#: Where a viewer dozed, right before the film: "fell asleep in", "dozed off during", "nodded off halfway through".
_DOZED_AT = frozenset("during in through into".split())
_DOZING = {"off": frozenset("nodded dozed drifted dropped zoned conked".split()), "asleep": frozenset("fell falling fall falls".split())}
_PART_WAY = frozenset("halfway partway midway".split())


def _dozed_in(tokens: list["_Tok"], i: int) -> bool:
    """A lower-case name right after where its viewer dozed off ("fell asleep in inception", "dozed off during interstellar"):
    the film, whose verdict the parser reads from those words."""
    j = i - 2
    if j < 1 or tokens[i - 1].lower not in _DOZED_AT or tokens[i].boundary_before:
        return False
    if tokens[j].lower in _PART_WAY:
        j -= 1
    verbs = _DOZING.get(tokens[j].lower) if j >= 1 else None
    return verbs is not None and tokens[j - 1].lower in verbs


#: Three words or more in capitals, side by side (a shouted clause), with eight letters or more.
_REFUSALS_SHOUTED = "NO|NOT|NOTHING|NEVER|NONE|NOPE"
_SHOUTED_RUN = re.compile(rf"\b(?!(?:{_REFUSALS_SHOUTED})\b)[A-Z][A-Z0-9'’]*(?:[ ,]+[A-Z][A-Z0-9'’]*){{2,}}\b")
SHOUTED_LETTERS = 8
_SHOUTED_REFUSAL = re.compile(rf"\b(?:{_REFUSALS_SHOUTED})\s*$")


def _unshouted(text: str) -> str:
    """Runs of words typed all in capitals ("ZOMBIELAND IS SO GOOD 😭 more like it", "A WALK TO REMEMBER IS SO OVERRATED") in
    lower case, offsets kept, so the films in them are found the way lower-case ones are (with a cue or a verdict); a word
    or two in capitals ("NOT a comedy", "the notebook AGAIN") and a shouted refusal ("NOT ANOTHER TEEN MOVIE PLEASE") stay as they are."""
    def lower(m: re.Match[str]) -> str:
        run = m.group()
        if sum(c.isupper() for c in run) < SHOUTED_LETTERS or _SHOUTED_REFUSAL.search(text, 0, m.start()):
            return run
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in run)
    return _SHOUTED_RUN.sub(lower, text)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<![.!?:\n]\s)(?<![.!?:\n])(?<!^)\b[A-Z][a-z]+\b")
#: Everyday words a title seldom holds, capitalised inside a sentence only by someone who capitalises every word.
_TYPED_WORDS = frozenset("""please would should could have has had am are is was were my our your thank thanks you very much too many perhaps
                            not nothing can tell me if something anything we she he they her him does did do suitable liked enjoyed watch
                            watched seen want prefer also but so like that this""".split())
TITLED_WORDS, TITLED_SHARE, TITLED_TYPED = 5, 0.9, 2


def capitalised_throughout(text: str) -> bool:
    """The message is typed With A Capital On Every Word ("I Have Seen Top Hat Several Times And Enjoyed It Very Much."): at
    least `TITLED_WORDS` words, `TITLED_SHARE` of them capitalised, and `TITLED_TYPED` everyday words a title seldom holds
    capitalised inside a sentence ("Was", "Very"); a list of titles ("✅ A Quiet Place ❌ It Follows") is not."""
    words = _WORD.findall(text)
    if len(words) < TITLED_WORDS or sum(w[0].isupper() for w in words) < TITLED_SHARE * len(words):
        return False
    return sum(m.group().lower() in _TYPED_WORDS for m in _MID_SENTENCE_CAPITAL.finditer(text)) >= TITLED_TYPED


def words_lowered(text: str) -> str:
    """`text` in lower case, offsets kept, so the films of a message capitalised throughout are found the way lower-case
    ones are; "I" and words in capitals ("UK") stay."""
    return _WORD.sub(lambda m: m.group() if m.group() == "I" or m.group().isupper() and len(m.group()) > 1 else m.group().lower(), text)


def _apart(text: str) -> str:
    """Hyphens that join a title to a word of its own turned to spaces, offsets kept: "Fury Road-level mayhem" (the
    title, then "level"), "pre-Jaws" (a prefix, then the title)."""
    return _DATE_PREFIX.sub(" ", _LIKENESS_SUFFIX.sub(" ", text))


#: Right before a number that is the scale of a score ("9/10", "7 out of 10").
_DENOMINATOR = re.compile(r"(?:\d\s*/|\bout of)\s*$", re.IGNORECASE)
#: Right before a person's name: "my name is Farida", "I'm called Jo".
_INTRODUCED = re.compile(r"\b(?:my name is|my name's|name's|i'?m called|i am called|call me)\s+$", re.IGNORECASE)
#: Right after a number that is a score ("2/5", "7 out of 10").
_SCORED = re.compile(r"\s*(?:/|out of)\s*\d", re.IGNORECASE)


def _plausible_word(token: _Tok, before: _Tok | None, after: _Tok | None = None) -> bool:
    """A one-word title: never a chat word; a common word only when capitalised mid-sentence for no
    other reason ("I loved Heat", "Heat, Up and Alien"; not "The Thing is...")."""
    if token.lower.removesuffix(" s") in NEVER_ALONE or _YEAR_WORD.fullmatch(token.word) or token.word.isdigit():  # "Dad's birthday"
        return False  # "from 1984", "my 10 year old": numbers, not *1984* or *10*; they ground when quoted
    if _other_name(token, before, after):
        return False
    if token.lower not in COMMON_WORDS:
        # a dictionary word opening a sentence and going on as a phrase is no title ("Junior doctor.", "Body says
        # sleep", "Airport night crew"): a name there stands alone or is talked about ("Moon was great", "Heat and Ronin")
        return not (token.sentence_start and token.word[1:].isalpha() and token.word[1:].islower() and after is not None and not after.boundary_before
                    and after.lower in dictionary() and after.lower not in _AFTER_A_NAME | _LIKE_AFTER and not after.capitalised)
    if token.sentence_start:
        return False
    asked = before is not None and _clause_start(before) and before.lower in _ASKING  # "Is Up too sad?"
    judged = before is not None and before.sentence_start and before.lower in _REFUSAL_CUE | _TYPO_CUE  # "Not Heat, I've seen it"
    return token.boundary_before or before is None or not before.capitalised or before.word == "I" or asked or judged


def _scare_quoted(text: str, start: int) -> bool:
    """The word right before the quote at `start` makes it someone's word (`_SCARE_QUOTED_AFTER`)."""
    before = re.search(r"(\w+)\W*$", text[max(0, start - 40):start])
    return before is not None and before.group(1).lower() in _SCARE_QUOTED_AFTER


def _story_setting(tokens: list[_Tok], i: int) -> bool:
    """tokens[i] is where a story is set: "set on the Moon", "set in the Pacific" (not "set in the Alien universe")."""
    j = i - 1 if i > 0 and tokens[i - 1].lower == "the" and not tokens[i].boundary_before else i
    world = i + 1 < len(tokens) and tokens[i + 1].lower in _FRANCHISE_NOUNS
    return j >= 2 and tokens[j - 1].lower in _SET_IN and tokens[j - 2].lower == "set" and not tokens[j].boundary_before \
        and not tokens[j - 1].boundary_before and not world


_FRANCHISE_NOUNS = frozenset("universe world franchise series saga films movies".split())


def _other_name(token: _Tok, before: _Tok | None, after: _Tok | None) -> bool:
    """A capitalised word that is a one-word title but names something else here: an answer ("Perfect, Hocus Pocus
    it is."), a planet ("set on Earth"), a film-maker ("any Hitchcock from the 40s")."""
    if token.sentence_start and token.lower in _ANSWER_WORDS | _INTERJECTIONS and after is not None and after.boundary_before:
        return True  # ("Whatever, honestly.", "Wait, heavy plus drama ...": a word said to the listener, not *Whatever* or *Wait*)
    if token.lower in _PLANETS and before is not None and before.lower in _PLACE_PREPOSITIONS:
        return True
    maker = token.lower.removesuffix(" s") in _MAKERS  # ("Hitchcock's one with the birds")
    return maker and not (after is not None and after.lower in _FILM_NOUNS or before is not None and before.lower in _FILM_NOUNS)


_OWNER = re.compile(r"^(.+?)['’]s\s")
_FILM_NOUNS = frozenset("film movie picture biopic".split())


def _year_after(text: str, tokens: list[_Tok], index: int) -> tuple[int | None, int | None]:
    """A year right after a title ("Dracula 1931", "Dracula (1931)"): (span end, year)."""
    if index >= len(tokens) or not re.fullmatch(r"(18|19|20)\d{2}", tokens[index].word):
        return None, None
    gap = text[tokens[index - 1].end : tokens[index].start].strip().lstrip(".!?…")  # "Shall We Dance? (1996)"
    if gap.strip() not in ("", "("):
        return None, None
    end = tokens[index].end + (1 if text[tokens[index].end : tokens[index].end + 1] == ")" else 0)
    return end, int(tokens[index].word)


def _year_at(text: str, end: int) -> tuple[int | None, int | None]:
    """A year right after position `end` ("... Inc. (2001)", "... Vol. 1 2003"): (span end, year)."""
    found = _YEAR_TAIL_AT.match(text, end)
    if not found:
        return None, None
    return found.end(), int(found.group(1) or found.group(2))


def _runs(tokens: list[_Tok], used: list[bool]) -> list[list[_Tok]]:
    """Maximal runs of capitalised unused tokens (connectors allowed inside), trimmed of chat words."""
    runs: list[list[_Tok]] = []
    current: list[_Tok] = []
    for k, (token, is_used) in enumerate(zip(tokens, used)):
        joins = current and not token.boundary_before
        if joins and (_pronoun_i(tokens, k) or token.word in _I_CONTRACTED):  # "Psycho I found overrated": the speaker, not a numeral
            runs.append(current)
            current = []
            continue
        if not is_used and (token.capitalised or (joins and token.lower in CONNECTORS)) and (joins or not current):
            current.append(token)
            continue
        runs.append(current)
        current = [token] if not is_used and token.capitalised else []
    runs.append(current)
    return [run for run in (_trim(r) for r in runs) if run]


def _trim(run: list[_Tok]) -> list[_Tok]:
    while run and (run[0].lower in CONNECTORS or run[0].lower in NEVER_ALONE or (run[0].sentence_start and run[0].lower in COMMON_WORDS)):
        run = run[1:]
    while run and run[-1].lower in CONNECTORS:
        run = run[:-1]
    if len(run) == 1 and (len(run[0].word) < 4 or run[0].lower in COMMON_WORDS or run[0].word.isdigit()):
        return []
    return run


def _runs_after(text: str, start: int) -> Iterator[tuple[int, str]]:
    """The runs of words from `start` with no punctuation inside, five words at most, longest first: (end, the run normalised)."""
    words = list(_TOKEN.finditer(text, start, min(len(text), start + 60)))
    for n in range(min(5, len(words)), 0, -1):
        if not _BOUNDARY.search(text, words[0].start(), words[n - 1].end()):
            yield words[n - 1].end(), normalise_title(text[words[0].start() : words[n - 1].end()])


def _straddles(span: list[_Tok], taken: Sequence[tuple[int, int]]) -> bool:
    """The tokens run across a taken name (tokens skip taken words, so "i loved the [dark] knight" joins around it)."""
    return any(span[0].start < b and a < span[-1].end for a, b in taken)


def _covers(grounding: Grounding, position: int) -> bool:
    return grounding.start is not None and grounding.end is not None and grounding.start <= position < grounding.end


def _at(grounding: Grounding, start: int, end: int) -> Grounding:
    return Grounding(grounding.mention, grounding.status, grounding.item_id, grounding.title, grounding.confidence,
                     grounding.alternatives, grounding.method, start, end)
