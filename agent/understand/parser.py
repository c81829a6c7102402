"""Deterministic, catalog-grounded understanding of one chat message.

Small LLMs cannot extract a profile reliably, so this parser is the first and always-available
path. Titles are found first (the retriever's `TitleGrounder`, plus title-like spans that did not
ground) and masked, so no title word is read as anything else; then eras (`eras`), genres wanted,
avoided and required together plus catalog tags (`genres`: lexicon, then embedding concepts),
references to shown items ("#2", "the second one") and the content words the search carries.
A capable LLM's extraction is merged on top by `agent.llm_steps.llm_extract`, never instead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from agent.types import Intent
from agent.understand.concepts import STOP, ConceptIndex
from agent.understand.eras import SAME_ERA_WIDTH, chained_film_bound, film_bound, read_years
from agent.understand.typos import correct, spell_shorthand, spell_verdicts
from agent.understand.story import judged, story_spans
from agent.understand.genres import (GENRE_NAME, SENTENCE_END, GenreMode, GenreSpan, clause_before, governing_label, lexicon_spans, read_genres,
                                     refusal_goes_on, sentence_start, written_refusal)
from agent.understand.judge import GenreJudge, GenreOdds, judge_genres
from agent.understand.messaging import answer_to_quote, spoken_punctuation, starred_corrections
from agent.understand.lexicon import CHANGE_OF_MIND, GENRE_PHRASES
from agent.understand.numbers import YEAR_SAID, year_said
from agent.understand.roles import Sentiment, TitleRoles, names_a_film, second_opinion, sure_role
from muse.domain import normalise_title
from tools.retriever.grounding import ARTICLES, Grounding, capitalised_throughout, names_year, words_lowered
from tools.retriever.ratings import MIDDLING, as_sentiment, rating_after, verdicts, word_rating
from tools.retriever.wordlist import COMMON_WORDS, FIRST_NAMES, dictionary

MAX_MESSAGE_CHARS = 2000

REFERENCE = re.compile(r"(?:#\s?(?P<num>[1-9])\b|\b(?:the\s+)?(?P<ord>first|second|third|fourth|fifth|last)\s+(?:one|pick|movie|film|item|suggestion))", re.IGNORECASE)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
NEGATIVE_CUE = re.compile(r"\b(hate[ds]?|hated|dislike[ds]?|loath(?:e[ds]?|ed)|detest(?:s|ed)?|despise[ds]?|bann?(?:ed|s)|(?:didn'?t|did not|don'?t|do not) (?:much |really )?care (?:much )?for|didn'?t (?:like|love|enjoy)|did not (?:like|love|enjoy)|don'?t like|not a fan of|boring|awful|terrible|couldn'?t stand|"
                          r"don'?t (?:even |you dare )?(?:think about |bother )?(?:suggest|recommend|show|mention|put on)\w*|don'?t (?:say|hand)\b|don'?t (?:you )?even think about|"
                          r"bored (?:stiff |silly |to death |to tears )?by|struggled (?:with|through)(?=\s*$)|(?:slept|suffered) through|(?:fell asleep|dozed off|nodded off) (?:in|during)|(?<!say )no to|neither of us (?:\w+ )?(?:could finish|could stand|liked|enjoyed|loved|got through)|"
                          r"didn'?t do it for (?:me|us)|(?:nobody|no one|no-one) wants|(?:had|'ve had|have had|'d had) (?:quite )?enough of|(?:had|'ve had|have had) (?:my|our) fill (?:of|after|with)|fed up (?:with|of)|(?<!never get )(?<!never got )(?<!never grow )(?<!n't get )(?:sick|tired) (?:and tired )?of|"
                          r"over my dead body|sooner .{1,40} than (?:sit through|watch|see)|"
                          r"can'?t stand|not(?!\s+(?:unlike|dissimilar)\b)|nothing like|(?:nothing|no)\s+(?!(?:else|quite|one|other|film|movie)\b)(?:(?!(?:i|we|you|mean|wait|sorry|actually|scratch|hang|please|pls|something|anything|just|maybe|more)\b)[\w-]+\s+){1,3}?like(?=\s*$)|"
                          r"(?:i'?m|i am|we'?re|we are)\s+(?:so\s+|completely\s+|totally\s+)?done\s+with|(?:can'?t|cannot|couldn'?t)\s+(?:do|face|stomach|handle)(?:\s+(?:another|(?:[\w-]+\s+){1,3}of))?(?=\s*$)|no more|never again|never understood|never (?:made it|got|get|make it) through|couldn'?t get through|(?:couldn'?t|could not|can'?t|never) (?:really )?(?:get|got) into(?=\s*$)|(?:but |and )?never(?!\s+(?:\w+\s+)?(?:seen|watched|tried|heard|got|gets?|been|knew|read|miss\w*|tire\w*|fail\w*|forg[eo]t|stop\w*|thought|expected|had|cried|laughed|said|says|meant|claimed)\b)|won'?t (?:watch|see)|will not (?:watch|see)|refuse to (?:watch|see)|"
                          r"none of|skip|minus|except|anything but|disappointed (?:by|with|in)|let down by|h8(?:e?d)?|nt|opposite of|isn'?t|aren'?t|"
                          r"walked out of|gave up on|(?:couldn'?t|could not|didn'?t|did not) (?:even )?finish|(?:don'?t|do not|no need to) bother with|unsee|(?:switched|turned) off|veto(?:ed|es)?|pass(?:ing)? on|rul(?:e|es|ed|ing) out|bounced (?:right |straight )?off|looking at you|"
                          r"(?:don'?t|do not|never) (?:get|got|understood|understand|see) the (?:hype|appeal|fuss)|fainted (?:during|at|in)|(?:nodded|dozed|drifted) off (?:during|in|at)|fell asleep (?:during|in|at)|didn'?t get(?!\s+(?:to|round|around|a chance|the chance|through)\b))\b",
                          re.IGNORECASE)
POSITIVE_CUE = re.compile(r"\b(luv(?:'?d|s)?|lk|love[ds]?|loved|like[ds]?|liked|enjoy(?:ed|s)?|adore[ds]?|fan of|favou?rites?|faves?|favs?|great|amazing|brilliant|fantastic|wonderful|lovely|excellent|(?:were|was|is|are) perfect|(?:the )?gold standard|more like|similar to|such as|not unlike|not dissimilar to|"
                          r"equivalent (?:of|to)|"
                          r"comfort (?:film|movie|watch|flick)|(?:is|are|was|were) (?:the|my|our|a) (?:whole )?vibe|(?:still |totally |absolutely )?rules(?=\s*(?:[,.;!?]|$))|(?:was |were |is )?(?:the |a )?(?:high point|highlight|pinnacle)|(?:were|was|are|am|is) floored|(?:still )?holds up(?=\s*(?:[,.;!]|$|well\b|fine\b|brilliantly\b|beautifully\b)))\b", re.IGNORECASE)
#: Verbs that ask a question as a statement ("I should like to know whether ...", "wondering if ...", "please advise whether ...").
_WONDER = r"(?:know|enquire|inquire|wonder|wondering|curious|advise)"
ASK_ITEM = re.compile(
    r"\b(what(?:'?s| is)\s+(?:[^\s.!?;]+\s+)+?about|tell me (?:more )?about|tell me (?:(?:whether|if)(?!\s+there(?:'s|\s+is|\s+are|\s+might\s+be)\s+(?:an(?:other|y)|more|other|some)\b)|who|what|when|how)|who (?:is|was|'s) in|"
    r"who (?:directed|made|wrote|stars|starred|plays|played|acts|acted)|is\s+(?:[^\s.!?;]+\s+)+?(?:any good|worth)|"
    # a question asked as a statement about the film named ("would you let me know if it is meant for children")
    rf"(?:let me know|tell me|{_WONDER})\s+(?:whether|if)\s+(?:it|that one|this one|the film|the movie)\s+(?:is|was|has|would|will)\b|"
    r"^\s*[\w' :-]{2,40}\s(?:worth it|worth (?:a|the) watch|any good)\s*\??\s*$|"  # "gattaca worth it"
    # "john wick 2 worth it if i liked the first", "la la land for a first date, good idea or nah"
    r"^\s*[\w' :-]{2,40}\s(?:worth it|worth (?:a|the) (?:watch|rewatch|look))\s+(?:if|for|or|tho|though)\b|,\s*(?:a\s+)?(?:good|bad) idea(?:\s+or\s+(?:nah|not|no|bad))?\s*\??\s*$|"
    r"(?<!\belse )(?<!\banything )(?<!\bsomething )(?:is|was) (?:it|that|this(?: one)?) (?:the sort|the kind|the version|suitable|appropriate|ok|okay|any good|good|worth|too|very|"
    r"terribly|really|actually|sad|scary|funny|violent|better|for)|"
    r"is (?:the )?(?:first|second|third|original|sequel|new|old|last)(?: one)? (?:as|any|better|worse|good)|"
    r"^\s*(?:is|are)\s+(?:\S+\s+){1,5}too\s+\w+\s+for|which (?:one |1 )?(?:is|was) better|"
    # "the shining or the exorcist which is scarier", "X or Y, which's the better pick for a film night?" (not "..., which is
    # scarier to me than most": a clause about the film)
    r"wh?ich(?: one| 1)?(?:'s| is| was) (?:the )?(?:better|worse|funnier|scarier|sadder|darker|longer|shorter|more \w+|\w+ier)(?![^.!?]*\bthan\b)"
    r"(?: (?:pick|choice|bet|one|watch|option))?(?=\s*(?:[?.!,;]|$|for (?:a|an|the|my|our|tonight|kids)\b|to (?:start|watch|begin|see|show)\b))|"
    # "whats the plot of donny darko", "wat year did heat come out", "X vs Y, which one's funnier?", "is fellowship longer than rotk"
    r"(?:what'?s|wats|what is) the (?:plot|story|storyline|premise|deal) (?:of|with|in)|(?:what|wat|which) year (?:did|was|is|does)|"
    r"wh?ich (?:one|1|of (?:them|those|the two))\s*(?:'s|is|was)\s+(?:better|best|worse|funnier|scarier|sadder|longer|shorter|darker|more \w+|\w+ier)|"
    r"which (?:one )?(?:do|should|shall|would) (?:i|we) (?:show|watch|pick|choose|see|put on)(?![^.!?]*\bnext\b)|"
    r"^\s*(?:is|was)\s+(?:\S+\s+){1,5}(?:longer|shorter|scarier|funnier|better|worse|sadder|darker)\s+than|"
    # a choice among the films named: "whichever you reckon is scarier", "Pick from: Heat, Collateral", "Shortlist: ..."
    r"whichever|which (?:one|of (?:them|those|these|the two|the three|the two of them))\s+(?:should|shall|do|would)\s+(?:i|we)\s+"
    r"(?:watch|see|pick|choose|go for|start with|put on)(?![^.!?]*\bnext\b)|pick (?:from|between)|choose (?:from|between)|decide between|shortlist|break the tie|cross off|"
    # "Which one's skippable?", "which goes first", "is there a fourth one yet?", "is there a sequel to paddington", "should I bother?"
    r"which (?:one|1)\s*(?:'s|is|was)\s+\w+(?=\s*\?)|which (?:one |1 )?(?:goes|comes|to watch) first|"
    r"is there (?:a|an|another) (?:sequel|prequel|fourth|third|second|fifth|sixth|next|new) (?:one|film|movie|part)?(?![^.!?]*\blike\b)|"
    r"(?:should|shall) (?:i|we) (?:bother|give it a go|give it a try)(?=\s*\?)|"
    # "what's Amélie like?": how the film named is (not "what's something like heat?", which asks for films)
    r"^\s*what(?:'?s| is| was)\s+(?:[^\s.!?;]+\s+){1,6}?(?:(?:actually|really) )?like(?=\s*\?))\b",
    re.IGNORECASE,
)
#: Words that open a message before what it says: "hey", "um", "ok so", "quick question", "random q".
_OPENER = r"(?:hey|hi|hello|um+|uh+|er+m?|so|ok(?:ay)?|well|oh|wait|(?:hang|hold) on|quick one|(?:(?:a|one|random|quick|stupid|dumb|silly|honest|serious|genuine) )?(?:question|q))"
#: A first sentence or line of openers only ("question\nis the shining too scary", "hey. is jaws ok for kids").
_OPENERS_ONLY = re.compile(rf"\s*(?:{_OPENER}\W*)+", re.IGNORECASE)
#: A question about one film ("is fargo a comedy?", "who directed pulp fiction", "how long is titanic").
QUESTION_START = re.compile(
    rf"^\s*(?:{_OPENER}\W+)*(?:is|was|are|were|does|did|do|has|had|how|who(?:'s)?|what(?:'s)?|whats|when|where|why|which|in (?:what|which)|can|could|should|would|will)\b",
    re.IGNORECASE,
)
#: ...unless it asks for films ("is there something like Alien?", "what would you recommend after Heat?").
REQUEST_CUE = re.compile(
    # ("smth", "sth", "sumthin": texting; not "or am i thinking of something else", which asks about the film named; nor
    # texting's filler "or like": "is get out scary or like funny scary")
    r"\b(recommend|suggest|(?<!thinking of )(?<!confusing it with )(?:something|anything|smth|smthn|smthng|sth|sumthin|sumthing|somethin|anythin)"
    r"|similar|(?<!\bor )like|more|others?|movies|films|ideas|options|picks?|(?<!you )got|got(?=\s+(?:any|anything|some|something|more|others?)\b))\b", re.IGNORECASE
)
#: Words about the film asked of, not a wish for others ("more of a comedy or a war movie?", "the kids
#: want to rewatch one of them").
ABOUT_THE_FILM = re.compile(
    # ("would Get Out be a weird pick for a date?", "is get out actually scary or just like, unsettling")
    r"\bbe (?:a|an) (?:\w+ )?(?:pick|choice|option|idea|watch)\b|\blike(?=,)|"
    r"\bmore of an?\b|\b(?:more|better|worse)\s+(?:\w+\s+)?than\b|"
    # a comparison asked of the films named: "which one is more frightening?", "or more sad?", "slow like the first?"
    r"\b(?:or|is it|it'?s|is|was|be|one|get|gets|got|gives?|has)\s+(?:a (?:lot|bit) |much |even |any )?(?:more|less)\s+"
    r"(?!(?:like|films?|movies?|ones?|stuff|suggestions?|please|pls|recommendations?|options?|ideas?|of|similar|titles?|picks?)\b)[a-z][\w-]*|\blike the (?:first|original|second|last|book|sequel|prequel)\b|"
    r"\b(?:wants?|wanna|going|like) to (?:re)?(?:watch|see|show)\s+(?:it|them|that|this|one of them)\b|"
    # whether someone would like the film: "would my wife like mamma mia?", "do teenagers enjoy ..."
    r"\b(?:would|will|does|do|did|might)\s+(?:(?:my|our|your|his|her|their|the|a|an)\s+)?\w+\s+(?:(?:still|really|actually)\s+)?(?:like|enjoy|love)\b", re.IGNORECASE)
#: A question that refers back to the film just named ("I am told Gattaca is clever. Would it suit my
#: father?", "..., do they hold up for an adult"): its opening, at a sentence or clause start.
ASKS_BACK = re.compile(
    r"(?:^|[.!?;,]\s*|\b(?:but|so|and|or)\s+)(?:would|will|is|was|does|did|do|are|could|can|should)\s+(?:it|they|that one|this one)\b"
    # "X, Y. Which one is more frightening?": a comparison of the films just named (not "Which one next?")
    r"|(?:^|[.!?;]\s*)which(?:\s+one|\s+of\s+(?:them|those|these|the two|the three))?(?![^.!?;]*\bnext\b)"
    r"(?=[^.!?;]*\b(?:more|less|better|worse|best|worst|\w+ier|\w+iest|stronger|strongest|longer|shorter|darker)\b[^.!?;]*\?)"
    # a question cut short after the film: "Heat. worth it?", "the thing, 82 version. worth it or just gross", "shld i"
    r"|(?:^|[.!?;,]\s*|\s[-–]\s*)(?:worth\s+(?:it|watching|a\s+(?:watch|look|go)|(?:hunting|tracking)\s+down|seeking\s+out|my\s+time)|any\s+good)"
    r"(?=\s*(?:\?|\bor\b))|(?:^|[.!?;,]\s*|\s[-–]\s*)sh(?:ou)?ld\s+i(?:\s+(?:watch\s+it|bother))?(?=\s*(?:\?|$))"
    # ...whether the writer or someone would like it, or it is too much for someone: "would I hate it?", "Too frightening for a
    # 78-year-old heart?"
    r"|(?:^|[.!?;,]\s*)(?:would|will|might)\s+(?:i|we|he|she|they|you)\s+(?:\w+\s+)?(?:like|love|hate|enjoy|regret|mind)\s+(?:it|this|that)\b"
    r"|(?P<much>(?:^|[.!?;]\s*)too\s+\w+\s+for\b(?=[^.!?]*\?))"
    r"|(?P<heard>(?:^|[.!?;,]\s*|\s)(?:is|was)\s+(?:that|it|this)\s+(?:really\s+|actually\s+)?true\b|(?:^|[.!?;,]\s*)do\s+you\s+agree\b)",
    re.IGNORECASE)
_ASKS_AFTER_TITLE = re.compile(r"\b(?:would|will|is|was|does|did|are|could|can|should)\s+(?:it|they)\b", re.IGNORECASE)
#: Whether someone may like a film, which asks about it ("is it a film an old man might enjoy?").
_MAY_LIKE = re.compile(r"\b(?:might|may|would|will|could)\s+(?:(?:i|we|he|she|they|you)\s+)?(?:like|enjoy|love)\b", re.IGNORECASE)
#: The noun that names a series as such ("the x-men films"): part of the title, not a request for films.
_SERIES_NOUN = re.compile(r"\s*(?:films?|movies?|series|trilogy|franchise|saga|sequels)\b", re.IGNORECASE)
#: A question about what is in a film ("anything violent in the sound of music?", "is there a lot of kissing in ...").
CONTENT_QUESTION = re.compile(
    r"^\W*(?:is there|are there|anything|any|how much|how many)\b(?:(?!\b(?:movies?|films?|like|similar)\b)[^.?!])*\bin\s*$",
    re.IGNORECASE)
#: After a mild verdict ("painful", "slow"), no praise in the rest of its sentence ("painful but brilliant", "slow and
#: gorgeous", "slow at first and then it blew my mind").
_NO_PRAISE_AFTER = (r"(?![^.!?]*?\b(?:brilliant|masterpiece|essential|glad|wonderful|gorgeous|beautiful|stunning|blew|amazing|great|"
                    r"worth|lov(?:e|ed|es)|ador(?:e|ed|es)|enjoyed|fantastic|superb|perfect|incredible|more like|similar|like it|like that)\b)")
#: A verdict after the title in its own sentence ("Avatar was pretty but boring", "Inception, not my thing").
NEGATIVE_AFTER = re.compile(
    r"\b(not (?:(?:so|that|very|all that|too|particularly)\s+)?(?:great|good)|not (?:my thing|for me|my cup of tea|to my taste|my taste|my kind of)|wasn'?t (?:for me|good|great|my thing)|(?:isn'?t|is not|was not) my thing|(?:terribly|painfully|overly|unbearably|excruciatingly) (?:long|slow|noisy|dull|cheesy|predictable|silly|talky|drawn[- ]out)\b|"
    r"(?<!\bnot )(?<!\bnever )(?:way |far |much )?too "
    r"(?:much|long|slow|scary|frightening|creepy|noisy|complicated|talky|violent|dark|gory|sad|cheesy|predictable|silly|weird|stressful|upsetting|harrowing|disturbing|bleak)\b|boring|bored|awful|terrible|horrible|overrated|"
    r"over-?hyped|dull|tedious|dreadful|distasteful|vulgar|(?<!myself )(?<!ourselves )(?<!themselves )silly|pretentious|annoying|cringe\w*|meh|mediocre|forgettable|"
    r"unwatchable|rubbish|garbage|trash|a mess|snooze\w*|(?:snore|bore|yawn)-?\s?fest|yawner|bakwa+s|disappointing|(?<!\bnot a )(?<!\bnever a )(?<!\bno )(?:real |big |huge |total |massive |major |such a |bit of a |complete )?disappointment\b|(?:(?<=\bwas )|(?<=\bis )|(?<=\bwere )|(?<=\bjust )|(?<=\) )|(?<=[:=\-–—] ))(?:an? )(?:(?:total|complete|utter|absolute|real|bit of a|right) )?(?:disaster|car crash|train wreck|trainwreck)(?=\s*(?:[.,;:!?)…]|$|(?:of a (?:film|movie)|from start to finish|tbh|honestly)\b))|a let[- ]?down|had (?:me|us) snoring|hated it|hate it|hated (?:both|them|them both|them all|all (?:three|of them)|the lot)|no thanks|(?:was|is|so|just|really) lazy|(?<=[:=\-–] )lazy(?=\s*(?:[.,;!?]|$))|loath(?:ed|e) it|(?:loathed|hated|detested) every (?:minute|second)|didn'?t (?:land|click)|did not (?:land|click)|never (?:really )?(?:landed|clicked)\b|(?:i|we) never (?:really )?bought (?:it|into it|that|for a second)\b|(?<=[:=\-–] )dire(?=\s*(?:[.,;!?)]|$))|worse still(?=\s*(?:[.;!?)]|$))|couldn'?t face|(?:a bit |too |way too )?young for (?:me|us)|"
    # everyday words for a bad film: "Lucy was nonsense", "Pearl Harbor was cack", "a bit pants", "a right turkey"
    r"(?:was|is|were|are|just|utter|total|complete|absolute) (?:nonsense|tosh|cack|naff|grotty|drivel)\b(?!\s+fun)|\b(?:drivel|tripe|dross)\b|(?:was|is|so|bit|right|total|utter|absolute|complete) pants\b(?!\s+laughing)|"
    r"an? (?:(?:absolute|right|real|total|utter|complete|proper) )?(?:stinker|turkey|dog'?s dinner|clunker)\b|"
    r"not my (?:humou?r|type|style|sort of thing|kind of thing|bag)|"
    r"(?:has |have )?aged (?:terribly|badly|poorly)|"
    r"(?:a |such a |(?:a )?(?:sad|steep|long|slow) )decline\b|(?:went|goes|going|all) downhill|"  # "T3 onwards is a sad decline"
    r"the (?:final|last) straw|(?:was|is) a (?:bad )?joke\b(?!\s+a\s+minute|-a-minute)|the weak(?:est)? link|(?:what|such) a comedown|"
    # a verb that ends its sentence ("she did not like."), not a cue before the next film ("..., didn't like gone girl")
    r"(?:did not|didn'?t|does not|doesn'?t) (?:like|enjoy)(?=[.!;]|$)|(?:i|we) (?:just )?never got(?=[.!;]|$)|never got the (?:appeal|hype|fuss)\b|(?<!never )gave (?:(?!no\b)[\w'-]+\s+){0,4}?bad dreams\b|"
    r"gave (?:[\w'-]+\s+){0,4}?nightmares(?!\s+in\s+(?:the|a)\s+(?:best|good)\b)|(?<!never )gave (?:me|us|him|her|them|my \w+) the (?:creeps|willies|heebie-jeebies)(?!\s+in\s+(?:the|a)\s+(?:best|good)\b)|(?:doesn'?t|does not|didn'?t|did not|don'?t|do not) hold up|so not (?:that|this|it)(?: one)?\b|"
    r"never (?:\w+\s+){1,3}?again\b|(?:sort|kind|type) of (?:thing|film|movie) (?:i|we) (?:don'?t|do not|wouldn'?t) (?:want|like|need)(?!\s+to\s+end)\b|"
    r"(?:feels |felt |looks |is |was )?dated(?=\s*(?:[,.;!?]|$))|"
    r"(?:was|is|=)\s+(?:so |really |pretty |just |kinda |a bit |loud and )?dumb(?=\s*(?:[,.;!?]|$|but\b))|(?:was|is|so|pretty|absolutely|utterly|truly) dire\b|"
    r"all style,? (?:(?:and|but) )?no (?:substance|heart|soul)|(?:pretty|beautiful|gorgeous|nice to look at) but (?:hollow|soulless|shallow|dumb)\b|(?<=[:=\-–] )(?:pretty|beautiful|gorgeous) but empty\b|"
    r"(?<!not )(?<!n't )(?<!never )\b(?:was|is|were|so|really|very|pretty|quite|just|plain|kinda|properly)\s+bad(?![\w-])(?!\s*:)"
    r"(?!\s+(?:it'?s|its|it was|that it'?s) good)(?!\s+in a good way)|[:=\-–,]\s+bad(?=\s*(?:[,.;!?]|$))|"
    r"a (?:bit|little|tad) much|(?<!not )(?<!never )(?:was |is )?an? (?:flop|dud|miss)\b|(?<=[:=\-–] )(?:slow|skip)(?=\s*(?:[.;!]|$))|"
    r"didn'?t (?:like|enjoy|get|love) it|did not (?:like|enjoy) it|couldn'?t finish|fell asleep|slept through|(?:was|is|so|felt|a bit|rather) stuffy|(?:i'?d|i would|we'?d) (?:rather|sooner) forget|best forgotten|scratch (?:those|them|that|it)\b|"
    r"(?:made|makes) (?:me|us) feel (?:physically |actually |genuinely )?(?:ill|sick|queasy)(?=\s*(?:[,.;!?]|$|and\b))|(?:made|makes) (?:me|us) (?:seasick|queasy|nauseous|nauseated|(?:gag|retch|heave|puke|vomit)(?!\s+(?:a\s+sigh|from\s+laugh|with\s+laugh|laugh)))|disappointed (?:me|us)|never (?:really )?worked for (?:me|us)|"
    r"(?:i )?found (?:it |that one )?(?:a bit |rather |pretty |quite |kind of |kinda |a little )?flat|(?<!not )(?<!never )a (?:bit|little|tad) flat\b|\bugh+\b(?=\s*(?:[,.;!?]|$))|\bI (?:just |really |honestly )?didn'?t get(?=\s*(?:[,.;!?]|$))|scarred (?:me|him|her|us|them)|waste of|wasted|"
    r"(?:will|would|gonna|going to) lose my mind|(?:drives?|drove) (?:me|us) (?:crazy|nuts|mad|up the wall|round the bend)|sick of|"
    r"(?:was|is|'s|were) (?:so+ |really |pretty |kinda |lowkey |totally |super )?mid\b|"
    # "Jumanji was painful", "the witch was sooo slow" (not "a slow burn", "slow, but a masterpiece"), "annabelle even worse"
    rf"(?:(?:was|is|were|so+|just|really) painful\b|painful to (?:watch|sit through)|(?:(?<=\bwas )|(?<=\bis )|(?<=\bwere ))(?:(?:so+|really|very|painfully|super|just|kinda) )?slow\b(?![\s-]*burn)){_NO_PRAISE_AFTER}|"
    r"(?:even|much|way|far) worse\b|(?:was|is|were|way|far|much) too loud\b|(?:put|puts|sent|sends) (?:me|us) to sleep|(?:was|is|so|pretty|kinda|super|really|bit|totally) lame\b|(?:hours?|hrs|minutes|mins) of (?:nothing|boredom)\b|"
    r"style over substance|nemesis|(?<=^ )(?:was|is|were|did)(?:n'?t| not)(?=\s*(?:[,.;!?)]|$)|\s+[^\w\s])|(?<=^ )(?:do|does)(?:n'?t| not)(?=\s*(?:[,.;!?)]|$))|"
    r"(?<!\bnot )too \w+ for (?:me|us|my taste|them|him|her|the kids|my kids|our kids)\b|intolerable|too (?:heavy|intense|gross|childish|kiddy|long-winded)|bleak|grim|depressing|"
    # "the matrix revolutions (didnt finish)", "Rope, nobody finished it", "saw 3 gross", "Annie Hall: not one laugh", "to me it
    # was flat", "For me it was messy"
    r"(?:didn'?t|did not|never|nobody|no one) finish(?:ed)?(?: it| them)?(?=\s*(?:[.,;!?)]|$))|(?:(?<=[:=(\-–])|(?<=[:=\-–] )|\b(?:was|is|so|just|plain) )gross(?=\s*(?:[.,;!?)]|$))|"
    r"(?<![\w-] )(?:not (?:a single|one)|zero) laughs?\b(?!\s*\?)|"
    r"(?<!never )(?<!not )\b(?:was|felt|fell) (?:a bit |pretty |so |really |kind of |kinda )?flat(?=\s*(?:[.,;!?)]|$))|(?<!never )\b(?:was|is) (?:a bit |so |really |kind of |kinda )?messy\b|"
    r"\bdead last\b|(?<=\()bottom(?=\s*[,)])|"  # a ranking's last: "... and Cars 2 dead last", "Cars (bottom, by a mile)"
    r"bounced (?:right |straight )?off (?:me|us)|nodding off|(?<![,;:] )not once(?=\s*(?:[.,;!?]|$))|(?:lost|left) (?:me|us)(?! (?:speechless|breathless|in (?:bits|tears|pieces)|wanting more|reeling|shaking|wrecked))(?=\s*(?:[.,;!?]|$|halfway\b))|hollow|glacial|exhausting|"
    r"interminable|plodding|muck|tiresome|over-?long|needlessly \w+|insufferable|unbearable|naff|a (?:real |total |bit of a )?slog|a chore|worse than|the worst|(?<=[=:] )worst|(?:is|are|was|were) (?:strictly )?banned|(?:just|only) noise|can'?t stand|couldn'?t stand|"
    r"nope|never again|just no(?=\s*(?:[.!]|$))|"
    # a film called something it is not: "a three-hour screensaver", "a two-hour theme park advert", "a two-hour photocopy"
    r"(?:\b(?:was|is|'s|just|basically)\s+|(?<=[:=\-–—] ))an?\s+(?:[\w'-]+\s+){0,3}?(?:advert|advertisement|commercial|screensaver|photocopy|cash[- ]grab)\b|(?:i|we) (?:just |literally )?wanted to die|(?:is|was|'s) an? (?:hard |big |firm |definite |flat )?no(?![\w-])|suck(?:ed|s)?|absolutely not|(?:a )?hard pass|a (?:right |real )?stinker|stay in the bin|ran out of steam|"
    r"neither of us (?:liked|enjoyed|loved) it|never watching it again|(?:switched|turned) (?:it )?off|walked out|gave up on it|"
    # "Dune is out", "Hostel can stay away", "Pulp Fiction left me cold", "Psycho was over the line", "I found it manipulative"
    r"(?:is|are|'s) out(?=\s*(?:[,.;!?)(]|$))|can stay (?:away|in the (?:bin|swamp|past|vault|cupboard))|"
    # "mom says superbad is off limits", "he's watched frozen a million times so anything but that"
    r"(?:is|are|'s|was) (?:totally |completely |strictly )?off[- ](?:limits|the table|the menu)\b|anything but (?:that|this|it|those|them)\b|"
    # "Goldmember I could do without", "Alien 3 I'd happily erase from history", "3 is where it fell apart", "The Reader
    # went down badly", "Love Actually got shouted down", "Casino I actually didn't enjoy", "Julie & Julia grating"
    r"(?:i|we) could do without|erase(?:d)? from (?:history|my memory|existence)|(?:is where it |it )?fell apart|"
    r"went down (?:badly|poorly)|(?:got|was) shouted down|(?:was |is )?an insult|"
    # "Enemy made no sense to me", "Interstellar was a shrug", "Hell or High Water felt flat", "Deadpool 2 went too far" (not
    # "never felt flat", "felt flat-out brilliant", "went too far in the best way", "made no sense the first time, loved it")
    r"(?:(?<!never )(?<!n't )(?:made (?:no|zero|little) sense|(?:was|felt like) a (?:bit of a )?shrug|felt (?:a bit |rather |kind of |pretty )?flat"
    r"|went (?:way )?too far)(?![\w-])(?![^.!?]{0,40}\b(?:loved|in (?:the best|a good) way|brilliant)\b))|"
    r"(?:i|we) (?:actually |really |just )?(?:didn'?t|did not) (?:like|enjoy|love|rate)(?:\s+(?:it\s+)?(?:at all|one bit|very much))?(?=\s*(?:[,.;!?]|$))|"
    # "Moulin Rouge was hard work", "heavy going" (not "hard work pays off")
    rf"(?:was|is|'s|were|bit of|a bit) (?:hard work|heavy going|hard going)(?=\s*(?:[,.;!?]|$)){_NO_PRAISE_AFTER}|"
    r"(?:too |so |a bit |rather |very )?(?:preachy|sermoni[sz]ing|grating)|(?:was|is|were) (?:a bit |rather |too |so |pretty |very )?slow(?=\s*(?:[.;!?]|$))|(?:was|is) (?:embarrassing|plenty|a (?:war )?crime|(?:my )?(?:personal )?nightmare)|"
    r"(?:hours?|minutes?)(?: of my life)? (?:i'?ll|i will|i'?m never|i can'?t|i won'?t|we'?ll|we will|we can'?t) (?:never )?get back|never did (?:it|much|anything) for (?:me|us)|never (?:really )?took to (?:it|them|that one)|"
    r"(?:is |was )?the last thing (?:i|we) (?:need|want)|(?:felt|feels|was|is|were|seemed|so|too|a bit|rather|pretty|quite|really) (?:muddled|smug|fake|stretched(?: thin)?)(?=\s*(?:[,.;!?]|to me|$))|"
    r"(?<!never )(?<!n't )(?:found|thought) (?:it|that|them) (?:a bit |rather |pretty |really |just |so |quite |frankly )?(?:nasty|cruel|mean-spirited|ugly|cheap|stupid|pointless|shallow|empty|bloated|soulless)(?=\s*(?:[,.;!?]|$))"
    r"(?![,\s]*(?:in (?:the|a) (?:best|good|fun)|but (?:in a good|brilliant|great|fun|loved)))|"
    r"an? lukewarm|a crime against|(?:a bit|rather|too|quite|pretty) cold(?=\s*(?:for|[,.;!?]|$))|under duress|"
    r"(?:i'?ve|we'?ve|i have|we have) gone off(?:\s+(?:it|that one|them))?(?=\s*(?:[,.;!?]|$))|"
    r"(?:lost|left) (?:me|us) (?:in|during|by) the (?:last|final|second|first|middle) (?:hour|half|act|third)(?=\s*(?:[.;!?]|$))|(?<![\w-] )(?:is |are )?(?:excluded|ruled out)(?=\s*(?:[,.;!?)]|$))|"
    r"(?:made|makes) my (?:\w+ )?(?:temples|ears) (?:throb|hurt|ache|bleed)|"  # not "made my head hurt in the best way"
    r"(?:was|were|is|are|felt|so|too) (?:so |really |way |hugely )?(?:bloated|overblown|self-indulgent)|"
    # "Home Alone 3 was a disaster" (not "the critics called Waterworld a disaster"), "a cynical cash grab", "Interstellar: I zoned
    # out", "wasn't a fan", "both left me cold"
    r"(?:was|is|'s) (?:a |an )?(?:total |complete |utter |absolute )?disaster(?=\s*(?:[,.;!?)]|$|but\b))|cash[- ]grab|zoned out|"
    r"(?:was|is|i'?m|i am)(?:n'?t| not) (?:a |much of a |a big |the biggest )fan\b(?!\s+of)|(?:left|leaves) (?:me|us|them) cold\b|"
    r"exhausting|gave (?:me|us) a headache|annoyed (?:me|us)|f[ae]ll(?:s)? flat|(?:left|had|leaves|has) (?:me|us) yawning|overplayed|"
    r"(?:felt|feels|was|is|seemed) (?:\w+ )?rushed|grated on (?:me|us)|(?:was|is) (?:pure |absolute |sheer )?torture|(?:nearly|almost) (?:finished|killed) (?:me|us)(?!\s+(?:off\s+)?(?:laughing|with laughter))|"
    r"(?:made|makes) (?:me|us) want to (?:scream|vomit|throw up|walk out|gouge)|(?:(?:we'?ve|i'?ve|we have|i have) )?(?:all )?worn (?:it|that one|them|those) out|no thank you|"
    # "seen them, done", "I'd rather die", "ruined the whole series", "die hard 2 weak"
    r"(?:seen|watched|done) (?:it|them|those|that),? (?:and )?(?:done|over it|enough)(?![\w-])|(?:i'?d|i would|we'?d) (?:sooner|rather) die|"
    r"ruin(?:ed|s) (?:it|the|everything|my|our|his|her|their)\b|ruin(?:ed|s) (?:\w+ )?for (?:me|us)\b|weak(?:er|est)?|pointless|laughable|confusing|dragged|can rot|can do one|we don'?t talk about|(?:i |let'?s )?pretend (?:it |that )?never happened|shouldn'?t (?:legally )?exist|(?:left|leaves) (?:me|us) cold|(?:was|is) over the line|manipulative|"
    # expectations let down, a film that has not lasted, a verdict asked back: "nowhere near as good as the reviews said",
    # "Beyond Thunderdome hasn't held up", "Howl's Moving Castle I didn't care for", "Eragon I couldn't get into", "Alien 3: what happened."
    r"nowhere near as good|not (?:nearly |half )?as good as (?:everyone|the hype|the reviews|i'?d|i had|i hoped|i expected)|"
    r"(?:hasn'?t|has not|doesn'?t|does not|didn'?t|did not) (?:really )?(?:hold|held) up|(?:hasn'?t|has not|didn'?t|did not) age(?:d)? well|"
    r"(?:i|we) (?:didn'?t|did not) care for(?=\s*(?:[,.;!?]|$))|(?:i|we) (?:couldn'?t|could not|never) (?:really )?(?:get|got) into(?=\s*(?:[,.;!?]|$))|"
    r"(?<=[:=\-–] )what (?:happened|was that|were they thinking)(?=\s*(?:[.?!]|$))|"
    # a verdict by contrast, ending its clause: "grand budapest yes, fantastic mr fox not so much", "step brothers less so"
    r"(?:not so much|less so|not as much|not really)(?=\s*(?:[,.;!?)]|$))|"
    # time lost on it: "I want those two hours back", "gave up after twenty minutes", "dozed off twice", "kept checking my phone"
    r"(?:want|get) (?:those|that|my|our|the) (?:\w+ )?(?:hours?|minutes?|evening|night) back|gave up (?:after|halfway|partway|on it)|(?:and )?(?<!never )(?<!n't )gave up(?=\s*(?:[,.;!?]|$))|"
    r"(?:dozed|nodded|drifted|conked) off(?!\s+\w+\s+(?:anything|everything|any|all)\b)|(?:checking|checked) (?:my|our) (?:phones?|watch(?:es)?)|didn'?t (?:laugh|smile|crack a smile) (?:once|at all)|"
    r"(?:didn'?t|did not) do (?:it|anything|much|a thing) for (?:me|us)|did (?:absolutely |really |just |literally )?nothing for (?:me|us)|(?<!no )(?<!not )(?<!any )(?:cheesy|worse)(?=\s*(?:[,.;!?)]|$))|didn'?t work for (?:me|us)|squirm(?:ed)?|"
    # a bare "no" closing the verdict: "3 made me sob in public so no", "raimi's 3rd one though, no."
    r"(?:(?:so|though|then)\s*,?|,)\s*no(?=\s*(?:[.;!)]|$)))\b",
    re.IGNORECASE,
)
SHORT_VERDICT_WORDS = 6  # a sentence this short after a title judges it even without "it"
#: A later sentence that judges the title just named ("I found it rather silly").
_BACK_REFERENCE = re.compile(r"\b(?:it|that one|this one)\b", re.IGNORECASE)
#: The person addressing the bot by name ("Dear Muse,", "thanks Muse"): not *The Muse* (1999).
ADDRESSEE = re.compile(
    r"\b(?P<greeting>dear|hi|hello|hey|thanks|thank you|cheers|bye|ok|okay|well)\s*,?\s+muse\b|^\s*muse\b(?=\s*(?:[,!.:?]|$))"
    r"|\b(?:all|everyone|people|folks|team) at muse\b|\bthe muse (?:people|team|folks|staff|service|bot|app|assistant)\b"
    r"|\bmuse (?=(?:service|bot|app|assistant)\b)", re.IGNORECASE)  # "Dear all at Muse", "To the Muse people"


def _unaddressed(m: re.Match[str]) -> str:
    """The bot's name blanked out; a greeting before it stays ("thanks muse" is still thanks)."""
    kept = m.end("greeting") - m.start() if m["greeting"] else 0
    return m.group()[:kept] + " " * (len(m.group()) - kept)


#: The person starts a new request instead of changing the current one.
NEW_SEARCH = re.compile(
    r"\b(?:new search|start(?:ing)? (?:over|again|afresh|from scratch)|forget (?:all )?(?:that|this|everything)(?: i said)?|"
    r"different question|(?:totally|completely|entirely) (?:separate|unrelated) (?:question|request)|new (?:thing|request|topic) (?:entirely|altogether)?|new (?:request|topic)(?=\s*(?:[,.;:!?]|$))|(?:(?<=^)|(?<=[,.;:!?] )|(?<=let's )|(?<=lets ))restart(?=\s*(?:[,.;:!?]|$))|something (?:else )?entirely different|(?:scratch|scrap) all that|"
    r"clean slate|from the top|fresh start|new question|forget the rules|new plan|(?:totally|completely|entirely) different (?:mood|plan|idea)|^\W*unrelated\b|"
    r"(?:different (?:topic|subject)|(?:change|changing) (?:of |the )?(?:topic|subject)|on (?:another|a different|a totally different|"
    r"a completely different) (?:topic|subject))(?=\s*(?:[,.;:!?]|$)))\b", re.IGNORECASE)
#: A follow-up that opens by throwing out what was asked ("scrap that, my brother wants superheroes"): the genres
#: wished and refused go; the era stays unless a new one is said (writers differ on that, and "same decade" keeps it).
SCRAPPED = re.compile(r"^\W*(?:(?:ok|okay|right|hmm+|um+|no|nah|nope|actually)[\s,.!]+)*(?:let'?s\s+)?(?:scrap|scratch|forget|ditch|bin|wipe) (?:all )?(?:that|this)\b(?!\s+(?:\w+\s+){0,2}itch\b)",
                      re.IGNORECASE)
#: The young viewer has left the sofa ("she's gone up to bed", "the kid's asleep!!", "kids are in bed now").
AUDIENCE_LEFT = re.compile(
    r"\b(?:(?:she|he|they|the kids?|the little ones?|the twins|the children|my (?:son|daughter|kids?|niece|nephew|grandkids?)|her kid|his kid)"
    r"(?:'s|’s|'re|’re| is| are| has| have)?\s+(?:(?:now|finally|just)\s+)?(?:gone\s+(?:up\s+)?to\s+bed|gone\s+to\s+sleep|fallen asleep|asleep|in bed|off to bed)"
    r"|(?:kids?|little ones?)\s+(?:are\s+|is\s+)?(?:now\s+)?(?:in bed|asleep|tucked up))(?:\s+(?:now|already|at last))?(?=\s*(?:[,.;:!?)]|$|\s+(?:so|and|then)\b))",
    re.IGNORECASE)  # (not "she's in bed by 8", "he's in bed with the flu": still watching)
CHITCHAT = re.compile(r"^\s*(?:(?:hi|hello|hey|yo|thanks|thank you|thx|ta|cheers|good (?:morning|evening|night)|how are you|bye|goodbye|ok|okay|"
                      r"cool|great|night night|see ya|see you|later)\b[\s!.,?]*)+$", re.IGNORECASE)  # "ok cheers bye"
INJECTION = re.compile(
    r"(ignore (?:all |any |your |the |previous |prior )*(?:instructions|rules|prompts?)|system prompt|developer message|"
    r"you are now|act as|jailbreak|reveal (?:your|the) (?:prompt|instructions)|print (?:your|the) (?:prompt|instructions))",
    re.IGNORECASE,
)


class Grounder(Protocol):
    """What understanding needs from the retriever's title grounding."""

    def find_mentions(self, text: str) -> list: ...


@dataclass
class TitleMention:
    mention: str
    status: Literal["matched", "ambiguous", "unknown"]
    item_id: int | None
    title: str | None
    sentiment: Literal["like", "dislike", "ask", "contrast"]  # contrast: named only to compare ("more like X than Y")
    alternatives: list[tuple[int, str]] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    watched: bool = False  # said to be watched, with no verdict ("watched Heat last night, it was ok"): "it" may point at it next


@dataclass
class Understanding:
    """Everything the deterministic parser read in one message."""

    intent: Intent
    text: str
    titles: list[TitleMention] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    avoid_genres: list[str] = field(default_factory=list)
    avoid_kinds: list[str] = field(default_factory=list)  # of avoid_genres, those refused only by a kind or a mood ("no possession stuff")
    avoid_moods: list[str] = field(default_factory=list)  # of avoid_genres, those refused only as a mood ("nothing sad": Drama)
    unavoid_genres: list[str] = field(default_factory=list)
    unwant_genres: list[str] = field(default_factory=list)
    year_min: int | None = None
    year_max: int | None = None
    era_shift: Literal["older", "newer"] | None = None
    era_decades: int = 0  # the shift moves the standing range by this many decades ("push it back a decade")
    any_era: bool = False
    era_widen: tuple[int, int] | None = None  # years said as an addition to the standing range ("the 70s too")
    era_shift_widens: bool = False  # older or newer said as an addition ("older ones too"): the range opens that way
    era_absolute: bool = False  # newness said outright ("something recent"): not relative to the films liked
    era_whole_decade: bool = False  # "widen it to the whole decade": the standing range opens to its decades
    era_added: bool = False  # years said as an addition ("and nothing after 1980 either"): a bound on the open side closes the range
    references: list[tuple[int, Literal["like", "dislike", "neutral"]]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    genre_mode: GenreMode = "unsaid"
    replace_genres: bool = False
    new_search: bool = False  # "forget all that, new search: ...": the request starts afresh
    reset_genres: bool = False  # "scrap that, ...": the genres wished and refused so far go, the era stays
    audience_left: bool = False  # "she's gone up to bed": the genres of who was watching (Children) go
    tags: list[str] = field(default_factory=list)
    avoid_tags: list[str] = field(default_factory=list)
    injection: bool = False
    notes: list[str] = field(default_factory=list)

    def _ids(self, sentiment: str, *, watched_only: bool = False) -> list[int]:
        """The matched items said with `sentiment` (and said to be watched, with `watched_only`), each once (a film named
        twice is one item)."""
        return list(dict.fromkeys(t.item_id for t in self.titles if t.status == "matched" and t.sentiment == sentiment and t.item_id is not None
                                  and (t.watched or not watched_only)))

    @property
    def liked_ids(self) -> list[int]:
        return self._ids("like")

    @property
    def disliked_ids(self) -> list[int]:
        return self._ids("dislike")

    @property
    def liked_years(self) -> list[int]:
        """The release years of the films the message likes ("I loved Heat and Ronin": 1995, 1998)."""
        return [y for t in self.titles if t.status == "matched" and t.sentiment == "like" and t.title and (y := _title_year(t.title)) is not None]

    @property
    def asked_ids(self) -> list[int]:
        """Items the person asked about: neither liked nor disliked."""
        return self._ids("ask")

    @property
    def unjudged_ids(self) -> list[int]:
        """Items said to be watched with no verdict on them ("watched Heat last night, it was ok")."""
        return self._ids("contrast", watched_only=True)

    @property
    def unresolved(self) -> list[TitleMention]:
        return [t for t in self.titles if t.status != "matched"]


#: A line opening with "and" / "or" goes on the line before: "they loved moana\nand coco", "like goodfellas\nor casino".
_LINE_GOES_ON = re.compile(r"\n(?=(?:and|or|&|plus|nor)\s)(?!or (?:was|is) it\b)", re.IGNORECASE)  # ("loved Alien\nor was it Aliens?")

#: A line ending on a word no sentence ends on goes on in the next: "I really didn't like\nthe new ghostbusters",
#: "hated\nhated\nmoulin rouge", "something like\nalien" (one thought per line, as some people send them). The word is
#: written in lower case, or is the whole line: a title ending in such a word starts its own line ("Addicted to Love").
_LINE_ENDS_OPEN = re.compile(r"(?P<open>\b(?:the|a|an|of|than|like|liked|loved|hated|adored|enjoyed|watched|saw|was|from|and|or|but|between))"
                             r"\n(?=[^\W\d_])", re.IGNORECASE)


def _lines_run_on(text: str) -> str:
    def join(m: re.Match[str]) -> str:
        word, line_start = m["open"], text.rfind("\n", 0, m.start()) + 1
        whole_line = not text[line_start:m.start()].strip()
        return f"{word} " if word.islower() or whole_line else m.group()
    return _LINE_ENDS_OPEN.sub(join, text)


#: A year in brackets with a doubt: "Cinema Paradiso (1988?)" is no question about the film.
_YEAR_DOUBTED = re.compile(r"\((?P<year>(?:19|20)\d\d)\s*\?+\)")
#: A refusal spelt out word by word for emphasis: "NO. MORE. ROMANCE." is "no more romance".
_SPELT_OUT_REFUSAL = re.compile(r"\b(?P<no>no|not|never|nothing|zero|enough|stop)\.\s+(?P<more>more|another|any|again|with)\.\s+(?=[^\W\d_]+\s*[.!])",
                                re.IGNORECASE)


def clean_message(text: str) -> tuple[str, list[str]]:
    """Strip control characters, collapse spaces, cap the length; notes say what was changed. Line
    breaks stay (one between lines): they end a list's items and a form's fields ("Avoid: musicals"),
    unless the next line goes on with "and" or "or", or the line ends on a word no sentence ends on."""
    notes: list[str] = []
    cleaned = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text or "")
    cleaned = cleaned.replace("’", "'").replace("‘", "'")  # phones type curly apostrophes: "don’t" is "don't"
    cleaned = "\n".join(line for line in (" ".join(row.split()) for row in cleaned.splitlines()) if line)
    cleaned = _lines_run_on(_LINE_GOES_ON.sub(" ", cleaned))
    cleaned = _YEAR_DOUBTED.sub(r"(\g<year>)", cleaned)
    cleaned = _SPELT_OUT_REFUSAL.sub(lambda m: f"{m['no']} {m['more']} ", cleaned)
    if len(cleaned) > MAX_MESSAGE_CHARS:
        notes.append(f"message cut from {len(cleaned)} to {MAX_MESSAGE_CHARS} characters")
        cleaned = cleaned[:MAX_MESSAGE_CHARS]
    return cleaned, notes


def read_references(text: str, shown: Sequence[int]) -> list[tuple[int, Literal["like", "dislike", "neutral"]]]:
    """Items the message points at among those shown last turn ("#2", "the first one")."""
    refs: list[tuple[int, Literal["like", "dislike", "neutral"]]] = []
    for match in REFERENCE.finditer(text):
        index = int(match["num"]) if match["num"] else ORDINALS[match["ord"].lower()]
        position = len(shown) - 1 if index == -1 else index - 1
        if 0 <= position < len(shown):
            clause = clause_before(text, match.start()) + text[match.start():match.end()]
            sentiment = "dislike" if NEGATIVE_CUE.search(clause) else "like" if POSITIVE_CUE.search(clause) else "neutral"
            refs.append((shown[position], sentiment))
    return refs


#: "It" or "that one" as the film a wish or a verdict is about, in a message naming no film: "more like it", "seen that
#: one, loved it", "any others like that one?" (like); "hated it", "didn't like that one" (dislike). Not a wish ("would
#: she like it?", "I'd love it to be short") nor a verdict denied ("not that I loved it").
_IT_ALONE = r"(?:it|that one|that film)\b(?!\s+(?:when|that|how|if|because|whenever|you|the way)\b)(?!\s+(?:to|as)\s)"
#: ...said by the writer: opening a sentence or a clause, or after "I" / "we" ("my dad hated it" is his verdict).
_MINE = r"(?:(?:^|[.!?,;]\s*|\b(?:and|but|so)\s+)(?:(?:i|we)(?:'ve|\s+have)?\s+)?|\b(?:i|we)(?:'ve|\s+have)?\s+)(?:(?:really|absolutely|totally|both|all|just|actually|also)\s+)?"
_BACK_LIKED = re.compile(r"(?<!\bthat's )(?<!\bthats )(?<!\bthat’s )(?<!\bthat is )(?<!\bnow )(?<!\bor )\b(?:more|something|anything|films?|movies?|ones?|stuff|others?|else)\s+(?:\w+\s+)?"
                         rf"(?:like|similar to)\s+(?:it|that(?: one| film| movie)?|this one)\b(?!\s+(?:you|from the list)\b)|{_MINE}(?:loved|liked|enjoyed|adored)\s+{_IT_ALONE}",
                         re.IGNORECASE)
_BACK_DISLIKED = re.compile(rf"{_MINE}(?:hated|disliked|(?:didn'?t|did not) (?:like|enjoy|love)|couldn'?t stand|could not stand)\s+{_IT_ALONE}", re.IGNORECASE)


def the_film_asked(asked_ids: Sequence[int], unjudged_ids: Sequence[int] = ()) -> int | None:
    """What the next message's "it" may point at: the one film a message asked about, or, asking about none, the one film
    it named without a verdict ("Watched Inception last night. it was ok I guess", then "I really liked it")."""
    ids = asked_ids or unjudged_ids
    return ids[0] if len(set(ids)) == 1 else None


def refers_back(text: str) -> Literal["like", "dislike"] | None:
    """The verdict a message gives a film it points back at with "it" or "that one" (`_BACK_LIKED`, `_BACK_DISLIKED`)."""
    if _BACK_DISLIKED.search(text):
        return "dislike"
    return "like" if _BACK_LIKED.search(text) else None


#: A verdict said only to be denied: "I never said Die Hard was bad", "I'm not saying it's boring".
_VERDICT_DENIED = re.compile(r"\b(?:never said|didn'?t say|did not say|not saying|never claimed|wouldn'?t say|would not say)\s*$",
                             re.IGNORECASE)
#: Bad enough to be good, right after the bad verdict: "the room was so bad it was incredible", "so bad its good".
_BAD_IS_GOOD = re.compile(r"[\s,;:-]*(?:that\s+)?(?:it\s*'?s|it\s+was|its)\s+(?:so\s+|actually\s+)?(?:good|great|incredible|brilliant|amazing|hilarious|genius|fun)\b",
                          re.IGNORECASE)
_LIKED_ANYWAY = re.compile(r"\b(?:but|though|still)\b[^.!?;]*?\b(?:i|we)\s+(?:still\s+)?(?:love|like|enjoy|adore)[sd]?\s+(?:it\b|every minute\b(?! of))"
                           r"|\bmeant?\s+(?:that|it)\s+(?:kindly|nicely|positively|in a good way|as (?:a )?(?:compliment|praise))\b"  # "..., and I mean that kindly"
                           # "gave me the creeps, loved it", "utter nonsense and I adore it", "nonsense, in a good way"
                           r"|(?:,|\band\b)\s*(?:i\s+)?(?:still\s+)?(?:loved?|adored?|enjoyed)\s+(?:it|every minute)\b|\bin (?:a|the) (?:good|best|fun) way\b",
                           re.IGNORECASE)
#: Praise someone else gave a film, before it ("Everyone told me La La Land was brilliant. I found it dull."): not the writer's.
_REPORTED = re.compile(r"\b(?:told|tells|say|says|said|people|everyone|everybody|reviews?|critics|supposed to be|heard)\b", re.IGNORECASE)
#: Verdict words in a label over a list ("Bad:", "these all bored me:", "good:", "top 3:"); a label is a few words.
#: Whole labels only: "Good news:", "Top Gun: Maverick" and "What I watch when bored:" carry none.
_BAD_LABEL = re.compile(r"\s*(?:the |these |those |my )?(?:bad|worst|meh|nope|misses|flops|overrated|disappointing|disappointments|"
                        r"(?:(?:these|those|they|all|these all|they all)\s+)?(?:bored me|sucked|were bad))(?: ones| films| movies)?\s*", re.IGNORECASE)
_GOOD_LABEL = re.compile(r"\s*(?:the |these |those |my )?(?:good|best|hits|yes|top(?:\s+(?:\d{1,2}|three|five|ten))?|keepers|winners|gems|"
                         r"(?:(?:these|those|they|all|these all|they all)\s+)?(?:rule[ds]?|were good))(?: ones| films| movies)?\s*", re.IGNORECASE)
_BOTTOM_LIST = re.compile(r"\b(?:(?<!\bto )bottom|worst|least favou?rite)\s*(?:\d{1,2}|three|five|ten|one|two|four)?\s*:[^.!?\n:]*$", re.IGNORECASE)


def label_verdict(text: str, start: int) -> Literal["like", "dislike"] | None:
    """The verdict of the label whose list holds `start` ("Seen & disliked: Love Actually", "Movies I hated:" over a bullet
    list, "good: starman ... bad: ...", "Bottom 3: Grease, Mamma Mia"), or None."""
    label = governing_label(text, start) or ""
    if NEGATIVE_CUE.search(label) or _BAD_LABEL.fullmatch(label) or _BOTTOM_LIST.search(text, sentence_start(text, start), start):
        return "dislike"
    return "like" if POSITIVE_CUE.search(label) or _GOOD_LABEL.fullmatch(label) else None


def _middling_label(text: str, start: int) -> bool:
    """The list holding `start` is labelled with no verdict: "neutral: The Holiday", "ok: ..."."""
    return MIDDLING.fullmatch((governing_label(text, start) or "").strip()) is not None


#: A bare "no" opening the film's clause: "not the gross-out kind though, no American Pie", "but still no star wars",
#: "and definitely no ace ventura" (not "shawshank no the shining").
_NO_OPENS = re.compile(r"^\W*(?:(?:and|but|so|also|then|just|still|definitely|absolutely|certainly|really|oh|plus)\s+){0,3}(?:no|nope)\s*$",
                       re.IGNORECASE)


#: Praise taken back by what follows it: "Avatar: three hours I'll treasure forever. Not.", "Love Actually, the gift
#: that keeps on giving. Said nobody.", "Twilight changed my life. Into a worse one.", "Peak cinema: Movie 43. Kidding, obviously."
_NOBODY_SAID = r"said\s+no\s*(?:one|body)(?:\s+ever)?"
_PRAISE_RETRACTED = re.compile(rf"\W*(?:not|{_NOBODY_SAID}|into\s+a\s+worse\s+one|yeah,?\s+right|as\s+if|(?:just\s+)?kidding(?:,?\s+obviously)?|jk)\W*(?:[.!;\n]|$)",
                               re.IGNORECASE)  # ("Peak cinema: Movie 43. Kidding, obviously.")
#: ...or at the end of its own sentence: "Titanic, the best three hours of my life, said nobody ever."
_SAID_NOBODY = re.compile(rf"[,\-–—]\s*{_NOBODY_SAID}\W*$", re.IGNORECASE)


def _taken_back(text: str, end: int) -> bool:
    """Whether praise of the film ending at `end` is taken back in or right after its sentence (it takes back the
    praise of every film in that sentence: "Heat and Ronin were great. Not.")."""
    stop = SENTENCE_END.search(text, end)
    said_end = stop.start() if stop else len(text)
    return bool(_SAID_NOBODY.search(text, end, said_end + 1) or stop is not None and _PRAISE_RETRACTED.match(text, stop.end()))


def title_sentiment(text: str, start: int | None, end: int | None = None,
                    next_start: int | None = None) -> Literal["like", "dislike", "contrast"]:
    """A title mention is liked unless a negative cue stands in its clause before it, or, with no
    liking said before it, a verdict follows it in its sentence before the next title
    ("Avatar was pretty but boring", "I watched Inception, not my thing"), or praise of it is taken back."""
    verdict = _sentiment(text, start, end, next_start)
    if verdict == "like" and start is not None and end is not None and _taken_back(text, end):
        return "dislike"
    return verdict


#: A likeness that starts a new phrase after something refused ("not the pink fluffy kind more like before sunrise", "not
#: like gory scary you know like the orphanage", "not a cozy one a dark one like uh gone girl"): the film is the measure
#: of what is wished. Not "not a cozy one like X", "I don't want a story like X", "no more like X", "not a fan of stuff sorta
#: like X" nor "nothing like X" (the refused thing's likeness): a kind is refused first, and the new phrase opens right after it.
_LIKENESS_AFTER_REFUSAL = re.compile(
    r"(?:\b(?:not|no|none of)\s+(?:the|a|an|like|those|that)\s+(?:(?!fan\b|into\b|keen\b|watch|want|see\b)[\w'-]+\s+){0,3}?"
    r"(?:kind|sort|type|one|ones|stuff|things?|films?|movies?|scary|sappy)\s+(?:more|rather|closer|kinda|sorta|you know|i mean|thinking)\s+like"
    r"|\b(?:one|ones|kind|sort|type|stuff|things?|films|movies)\s+(?:a|an)\s+(?:[\w'-]+\s+)?(?:one|kind|sort|type|story|film|movie)\s+(?:about\s+[\w'-]+\s+)?like)"
    r"\s+(?:(?:uh|um|er|erm|say)\s+)?$", re.IGNORECASE)


#: A rhetorical "why" about a film, said as the writer's verdict: everyone else loves it ("why does everyone love Titanic??"
#: pans it) or nobody talks about it ("why is nobody talking about The Iron Giant" praises it).
_WHY_EVERYONE = re.compile(r"\bwhy\s+(?:does|do|did|is|are)\s+(?:everyone|everybody|every one|people|the whole world|all my friends|critics)\s+"
                           r"(?:still\s+|so\s+)?(?:lov|lik|rav\w* about|rat|prais|hyp|ador|go\w* on about|obsess\w* (?:over|about))\w*\s+$", re.IGNORECASE)
_WHY_NOBODY = re.compile(r"\bwhy\s+(?:(?:is|are|does|do|has|have)\s+(?:nobody|no one|no-one|noone)|(?:don'?t|doesn'?t|do not|does not|haven'?t|hasn'?t)\s+"
                         r"(?:more\s+)?(?:people|folks))\s+(?:\w+\s+)?(?:talk\w* about|mention\w*|watch\w*|seen|know\w*(?: about)?|lov\w*|rat\w*)\s+$",
                         re.IGNORECASE)


def _rhetorical_why(text: str, start: int) -> Literal["like", "dislike"] | None:
    """"why is nobody talking about X" praises it; "is it weird that I liked X" likes it; "why does everyone love X" pans it
    when a pan follows and nothing asks or praises after it (not "why does everyone love Fight Club so much? genuinely
    curious, is it worth watching?")."""
    before = text[sentence_start(text, start):start]
    if _WHY_NOBODY.search(before):
        return "like"
    if (me := _ASKS_ABOUT_ME.search(before)) is not None:  # "is it weird that i liked the emoji movie": the writer's own verdict
        return "dislike" if NEGATIVE_CUE.search(me.group()) else "like"
    if not _WHY_EVERYONE.search(before) or not NEGATIVE_AFTER.search(text, start):
        return None
    closed = SENTENCE_END.search(text, start)
    after = text[closed.end():].lstrip("?!") if closed else ""
    asked_or_praised = "?" in after or POSITIVE_CUE.search(after) or _PRAISE.search(after) or _WHAT_A_FILM.search(after) or ASKS_FOR_FILMS.search(after)
    return None if asked_or_praised else "dislike"


def _sentiment(text: str, start: int | None, end: int | None, next_start: int | None) -> Literal["like", "dislike", "contrast"]:
    if start is None:
        return "like"
    if (rhetorical := _rhetorical_why(text, start)) is not None:
        return rhetorical
    before = clause_before(text, start)
    if end is not None and _SOMEONE_ELSE.match(before) and (own := _writer_after(text, before, end, next_start)) is not None:
        return own  # "My girlfriend liked Twilight. I kept quiet but found it dreadful": the writer's own verdict
    if _LIKENESS_AFTER_REFUSAL.search(before):
        return "like"  # "romantic but not the pink fluffy kind more like before sunrise": the refusal was of another thing
    if end is not None and (made := _MADE_TO_WATCH.search(text, sentence_start(text, start), start)) \
            and (own_verdict := _verdict_after(text, end, endured=made["how"].lower() == "sit through")) is not None:
        return own_verdict
    if end is not None and _DOZED.search(before):  # "nodded off halfway through Fantasia" (but "... it's my favourite")
        return _verdict_after(text, end, endured=True) or "dislike"
    if NEGATIVE_CUE.search(before) or _LOOKING_AT.search(text, 0, start) or _NO_OPENS.match(before):
        return "dislike"
    if end is None or POSITIVE_CUE.search(before):
        return "like"
    if written_refusal(text, start) or refusal_goes_on(text, start):  # "No: The Shining (seen it)", "Don't suggest Titanic. Or The Notebook."
        return "dislike"
    if (verdict := label_verdict(text, start)) is not None:
        return verdict
    if _middling_label(text, start):
        return "contrast"
    after = text[end:next_start if next_start is not None and next_start > end else len(text)]
    if start > 0 and text[start - 1] in _OPENING_MARKS and after[:1] in _CLOSING_MARKS:
        after = after[1:]  # '"THE NOTEBOOK" no.', "[Heat] was great": the verdict after the closing mark
    if COMPARATIVE_WISH.match(after):  # "se7en but less grim, nothing horror-ish": the film, changed, is wished
        return "like"
    own, following = _first_sentence(after)
    own = _OTHER_OBJECT.split(own)[0]  # "liked X and In Bruges but couldn't stand Four Weddings": that verdict is on another film
    own = _OTHER_SUBJECT.split(own)[0]  # "Videodrome or The Fly, but anything that leans comedic is out", "..., rather than the bleak stuff"
    own = _FILLER_LIKE.sub("", own)  # "watched frozen like a million times"
    if _BARE_YES.match(own):  # "grand budapest yes, fantastic mr fox not so much": its own verdict comes first
        return "like"
    if (measure := _LIKENESS_AFTER.match(own)) is not None and not NEGATIVE_AFTER.search(own, measure.end()) and not NEGATIVE_CUE.search(own):
        return "like"  # "Rush Hour levels of silly", "Lethal Weapon level": a measure of what is wished (not "Die Hard energy, I hated it")
    bad, good = NEGATIVE_AFTER.search(own), _liking(own)
    if bad and _lead_in(text, start, end, next_start, bad.group()):
        # "Memento and Inception, but I couldn't finish Dunkirk": that verdict is Dunkirk's; one said before it is this film's
        # ("Interstellar had me snoring and I walked out of Avatar")
        bad = NEGATIVE_AFTER.search(own, 0, own.lower().find(bad.group().lower())) or None
    bad_is_good = bad is not None and text[end:end + len(own)] == own and _BAD_IS_GOOD.match(text, end + bad.end())  # (past a
    if bad and (_VERDICT_DENIED.search(before) or _LIKED_ANYWAY.search(own, bad.end()) or bad_is_good):  # mention "it's" cuts `own`)
        return "like"  # "I never said Die Hard was bad", "Rocky IV: so silly, but I loved it"
    if bad and not (good and good.start() < bad.start()) or _BARE_NO.match(own) or (_OVERSEEN.search(own) and not (good or _PRAISE.search(own))):
        return "dislike"  # ("are two of my faves, amelie less so": the film's own verdict comes first)
    if good and not _REPORTED.search(before):
        return "like"  # "10 cloverfield lane, tense and great. contagion, meh.": its own verdict, not the next sentence's
    following, later = _first_sentence(following.lstrip("?!"))  # "...watched Mamma Mia at Christmas. I found it rather silly."
    if _judged_first(following):
        return "dislike"  # "Titanic; I hated it, loved Memento": the liking after it is another film's
    if not later.strip() and _lead_in(text, start, end, next_start, following):
        return "like"  # "Heat, Collateral and Drive; I couldn't finish Baby Driver": that verdict is the next film's
    # "tried se7en. too bleak for me"; a title held up alone is judged by the next clause ("la la land? not my cup of tea, I'm afraid")
    following = _writers_clauses(following)  # "I thought it was genius, she thought it was awful": the writer's own
    short = _short_verdict(following, NEGATIVE_AFTER, first_clause=not re.search(r"\w", own))
    if (short or _judges_it(following)) and not (POSITIVE_CUE.search(_own_words(following)) or _PRAISE.search(following)):
        return "dislike"
    return "like"


#: A clause break inside a sentence ("..., she thought it was awful", "... but he hated it").
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;]\s*(?:(?:and|but|while|whereas)\s+)?|\s+(?:but|while|whereas)\s+)", re.IGNORECASE)


def _writers_clauses(sentence: str) -> str:
    """The sentence without its clauses about someone else ("I thought it was genius, she thought it was awful" -> "I
    thought it was genius"), when the writer speaks in it."""
    parts = _CLAUSE_BREAK.split(sentence)
    if len(parts) < 2 or not any(_SPEAKER.search(p) for p in parts):
        return sentence
    own = [p for p in parts if not _OTHER_SUBJECT_OPENS.match(p)]
    return ", ".join(own) if own else sentence


#: Someone made the writer watch the film, or sit through it (said of films the writer did not choose: "my sister makes me
#: watch it every christmas", "My brother made me sit through the three matrix films"); the films listed after the first
#: share it ("my bf made me watch the notebook, a walk to remember AND dear john").
_MADE_TO_WATCH = re.compile(r"\b(?:made|makes|make|making|forced|dragged)\s+(?:me|us)\s+(?:to\s+)?(?P<how>sit through|watch|rewatch)\s+"
                            r"(?:[^.!?;]{0,80}?(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+))?$", re.IGNORECASE)
_NOT_SO_BAD = re.compile(r"\b(?:i|we)\s+(?:didn'?t|did not)\s+(?:hate|mind)\b", re.IGNORECASE)
#: ...over and over: "every single valentine's day", "twice this week", "like 40 times".
_OVER_AND_OVER = re.compile(r"\b(?:again|twice|\d+\s*(?:times\b|x\b)|(?:three|four|five|six|ten|a hundred|a million) times|every (?:single )?[\w']+)",
                            re.IGNORECASE)


#: Dozing off in the film, right before its name: a verdict against it unless the writer likes it after all (`NEGATIVE_CUE`
#: keeps the older, looser "fell asleep in", "dozed off during" for a film named further on: "fell asleep in both Blade
#: Runner films").
_DOZED = re.compile(r"\b(?:(?:nodded|dozed|drifted|dropped) off|fell asleep|conked out)\s+(?:during|in|(?:halfway |part way |partway )?through)\s+$",
                    re.IGNORECASE)


def _verdict_after(text: str, end: int, *, endured: bool) -> Literal["like", "dislike"] | None:
    """The writer's verdict on a film they were made to watch or dozed in, from the rest of its sentence and the next: liked
    ("... The Sound of Music and The Third Man, and I loved both!", "... twice and I didn't hate it", "... lol, I loved it"),
    disliked ("... and I'm over it", "... every single valentine's day"), or, with neither said, disliked when endured (sat
    through, dozed in) and unsaid (None) when only watched."""
    own, following = _first_sentence(text[end:])
    following = _first_sentence(following)[0]
    # the next sentence counts when it speaks of the film ("Masterpiece.", "I didn't hate it."; not "He liked Alien though.")
    said = _FILLER_LIKE.sub("", own + " " + (following if len(following.split()) <= 2 or _OF_THEM.search(following) else ""))
    if _NOT_SO_BAD.search(said):
        return "like"
    good = _liking(said) or _PRAISE.search(said) or _LOVELY.search(said)
    bad = NEGATIVE_AFTER.search(said)
    if good and not bad:
        return "like"  # ("my kids made me sit through Coco twice (it's lovely)")
    if bad or _OVERSEEN.search(said) or _OVER_AND_OVER.search(own):
        return "dislike"
    return "dislike" if endured else None


_OF_THEM = re.compile(rf"{_BACK_REFERENCE.pattern}|\b(?:them|both)\b", re.IGNORECASE)  # "it", "that one", and "them", "both"
_LOVELY = re.compile(r"\b(?:lovely|a gem|masterpiece|blew (?:my|our) minds?|hooked|obsessed)\b", re.IGNORECASE)


def _judges_it(clause: str) -> bool:
    """A verdict on the film just named, said of "it" ("I hated it")."""
    return bool(_BACK_REFERENCE.search(clause) and NEGATIVE_AFTER.search(clause))


#: A pan turned into praise: "Found it nasty, in the best possible way".
_IN_A_GOOD_WAY = re.compile(r"\bin (?:the|a) (?:best|good|fun)(?: possible)? way\b", re.IGNORECASE)


def _judged_first(sentence: str) -> bool:
    """The sentence opens on a dislike of "it" and likes nothing else of "it" ("I hated it, loved Memento"; not "my wife
    hated it, I loved it")."""
    first, *rest = sentence.split(",")
    return (_judges_it(first) and not POSITIVE_CUE.search(first) and not _IN_A_GOOD_WAY.search(sentence)
            and not any(POSITIVE_CUE.search(c) and _BACK_REFERENCE.search(c) for c in rest))


_OPENING_MARKS, _CLOSING_MARKS = "\"“'‘«[(", "\"”'’»])"


def _lead_in(text: str, start: int, end: int, next_start: int | None, verdict: str) -> bool:
    """Whether `verdict`, said after the film (`start`-`end`), lies in the clause that leads into the next film named and
    holds a cue for it, liking or not ("Heat, Collateral and Drive; I couldn't finish Baby Driver"; not "Heat was boring,
    and I loved Ronin"). The same film named again takes its own verdict ("frozen. adults: absolutely not frozen again")."""
    if next_start is None or next_start <= end or not verdict.strip():
        return False
    if text[next_start:next_start + end - start].lower() == text[start:end].lower():
        return False
    clause = clause_before(text, next_start)
    return (next_start - len(clause) >= end and verdict.strip().lower() in clause.lower()
            and bool(NEGATIVE_CUE.search(clause) or POSITIVE_CUE.search(clause)))


#: Someone else's liking beside the writer's own verdict ("I found it rather silly, though she adored it"): it
#: does not outweigh a dislike the writer says as their own, but it does a mild one said of no one ("a bit slow,
#: but my whole family loved it" likes the film).
#: Someone other than the writer: "she", "my (older) sister", "his dad", "the kids".
_OTHERS = r"(?:she|he|they|my (?:\w+ )?\w+|the kids|his \w+|her \w+|our \w+)"
_THEIR_LIKING = re.compile(rf"\b{_OTHERS}\s+(?:\w+\s+)?"
                           r"(?:loved|adored|liked|enjoyed|loves|adores|likes|enjoys|was (?:mad|crazy) about)\b"
                           r"(?:(?!\b(?:but|though|although|while|whereas)\b)[^,.;!?])*", re.IGNORECASE)
_SPEAKER = re.compile(r"\b(?:i|i'm|im|i've|me)\b", re.IGNORECASE)


#: A clause about someone else's viewing ("My partner fell asleep during", "my girlfriend liked", "Dad watches").
_SOMEONE_ELSE = re.compile(rf"^\W*(?:(?:and|but|so|well|honestly|ok)\W+)?(?:{_OTHERS}|dad|mum|mom|grandad|grandpa|grandma|gran|nan)"
                           r"(?:'s)?\s+(?!and\b)(?:(?!\b(?:i|i'm|i've|me|we|us)\b)[^,;])*$", re.IGNORECASE)
#: The writer's own verdict on "it" in the next sentence ("I thought it was stunning", "I found it dreadful").
_WRITER_ON_IT = re.compile(r"^\W*(?:(?:but|and|honestly|personally|me,?|as for me,?)\W+)?(?:i|i've|i'd|i'm)\b[^.!?;]*\bit\b[^.!?;]*", re.IGNORECASE)


#: ...or after a comma in the same sentence ("My boyfriend hated Mamma Mia, I loved it"), or as a bare difference ("He
#: liked Interstellar, I didn't").
_WRITER_IN_CLAUSE = re.compile(r"^\s*[,;]\s*(?:(?:but|whereas|while|and)\s+)?i\s+(?:(?:really|honestly|personally|actually|absolutely|just)\s+)?"
                               r"(?:loved|liked|enjoyed|adored|hated|disliked|thought|found|couldn'?t stand|could not stand|can'?t stand|didn'?t (?:like|enjoy|love))\b"
                               r"[^.!?;]*?\b(?:it|that one|this one|too|as well)\b[^.!?;]*",
                               re.IGNORECASE)  # (not "My wife hated Alien, I loved Aliens": that verdict is another film's)
_WRITER_DIFFERS = re.compile(r"^\s*[,;]\s*(?:(?:but|whereas|while|and)\s+)?(?:i|me)\s+(?:didn'?t|did not|don'?t|do not|not so much)\s*(?:[,.!?;]|$)",
                             re.IGNORECASE)


def _writer_after(text: str, before: str, end: int, next_start: int | None) -> Literal["like", "dislike"] | None:
    """After someone else's viewing of a film (`before` it), the writer's own verdict on it later in the sentence or in the
    next one, if one is said."""
    stop = next_start if next_start is not None and next_start > end else len(text)
    own, following = _first_sentence(text[end:stop])
    if _WRITER_DIFFERS.match(own):
        return "dislike" if _liking(before) else "like" if NEGATIVE_CUE.search(before) else None
    said = _WRITER_IN_CLAUSE.match(own) or _WRITER_ON_IT.match(following)
    if said is None:
        return None
    bad, good = NEGATIVE_AFTER.search(said.group()), _liking(said.group()) or _PRAISE.search(said.group())
    return "dislike" if bad and not good else "like" if good and not bad else None


_PRAISE = re.compile(r"\b(?:stunning|gorgeous|beautiful|perfect|genius|superb|terrific|magnificent|wonderful|brilliant|great)\b", re.IGNORECASE)


def _own_words(sentence: str) -> str:
    """The sentence without others' likings when the writer speaks in it, else the sentence as it is."""
    own = _THEIR_LIKING.sub(" ", sentence)
    return own if _SPEAKER.search(own) else sentence


def _liking(text: str) -> re.Match[str] | None:
    """The first liking said in `text`, not negated ("I did not like") nor a filler ("I did not sleep, like, at all")."""
    for m in POSITIVE_CUE.finditer(text):
        if not (_NEGATED_BEFORE.search(text, 0, m.start()) or m.group().lower() == "like" and text[m.end():m.end() + 1] == ","):
            return m
    return None


_NEGATED_BEFORE = re.compile(r"(?:\b(?:not|never|no|nt)|n't)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _short_verdict(sentence: str, verdict: re.Pattern[str], *, first_clause: bool = True) -> bool:
    """The sentence is a short verdict: its whole, or (`first_clause`) its first clause ("not my cup of tea, I'm afraid")."""
    parts = (sentence, sentence.split(",")[0]) if first_clause else (sentence,)
    return any(len(part.split()) <= SHORT_VERDICT_WORDS and verdict.search(part) for part in parts)


#: A film named and then changed, which asks for films like it: "pulp fiction but gentler?", "clue but on a train".
COMPARATIVE_WISH = re.compile(r"\s*,?\s*but\s+(?:a\s+(?:bit|little|lot)\s+|way\s+|much\s+)?"
                              r"(?!(?:never|ever|other|others|either|neither|rather|after|whatever|however|over|under|later)\b)"
                              r"(?:\w+er\b|more\b|less\b|fewer\b|without\b|with\b|minus\b|set\b|on\b|in\b|for\b|made\b)", re.IGNORECASE)
#: A film as the measure of a wish, right after it: "Rush Hour levels of silly", "Lethal Weapon level," (not "Lethal Weapon level
#: violence", a thing the film has).
_LIKENESS_AFTER = re.compile(r"\s*-?\s*(?:levels?|vibes?|energy|tier|esque)\b(?:\s+of\s+[\w-]+)?(?!\s+[a-z])", re.IGNORECASE)
#: A verdict verb after "but" with its own object: it judges that object, not the title before it.
_OTHER_OBJECT = re.compile(r"\bbut\s+(?=(?:\w+\s+){0,2}?(?:couldn'?t stand|can'?t stand|hated?|didn'?t (?:like|enjoy)|disliked|loathed?)\s+"
                           r"(?!it\b|them\b|that\b|this\b|those\b|either\b|one\b|every\b|the ending\b)(?:\w|$))", re.IGNORECASE)  # (cut at the next title)
#: A new subject or a contrast after the title: what follows judges something else.
_OTHER_SUBJECT = re.compile(r"\bbut\s+(?=(?:anything|nothing|something|everything|none|no)\b)|\b(?:rather than|instead of|unlike)\b"
                            # "rocky iv is my guilty pleasure, but rocky v was dire": a new subject with its own verdict (not "but it
                            # was dull", "but the ending was dire", "but my wife was bored": the film, its parts, its viewers)
                            r"|,\s*but\s+(?!(?:it|its|it's|that|this|they|those|these|he|she|i|we|you|my|our|his|her|their|the (?:ending|end|plot|story|acting|"
                            r"script|dialogue|pacing|music|soundtrack|effects|cast|last|second|first|middle|sequel|final|lead))\b)"
                            r"(?=(?:[\w'-]+\s+){1,3}(?:was|is|were|are)\b)", re.IGNORECASE)
#: "like" as a filler before a count ("like a million times"), no liking.
_FILLER_LIKE = re.compile(r"\blike\s+(?=(?:a |one )?(?:hundred|million|thousand|billion|zillion|\d+) times\b"
                          r"|(?:everyone|everybody|every other \w+|all the others|the rest|always|usual)\b)", re.IGNORECASE)  # ("... Avatar like everyone else")
#: A bare verdict right after a title in a list of verdicts ("jurassic park yes, lost world no").
# ("marnie: no.", "X = yes" end their sentence; "grease, hair and chicago: yes, yes, no" gives a verdict to each in turn)
def _bare_verdict(words: str) -> re.Pattern[str]:
    aside = r"(?:\((?![^()]*\b(?:yet|seen|watched|never)\b)[^()]{1,40}\)\s*)?"  # "Persona no (too opaque).", not "Inception no (not yet)"
    return re.compile(rf"\s*(?:[:=\-–,]\s*(?:{words})\s*{aside}(?:[.!?;]|$)|(?:{words})\s*{aside}(?:[,.!?;]|$))", re.IGNORECASE)


_YES_WORDS, _NO_WORDS = "yes|yep|yeah|yup", "no|nope|nah|meh"
_BARE_YES = _bare_verdict(_YES_WORDS)
_BARE_NO = _bare_verdict(_NO_WORDS)
#: Seen so often it is ruled out ("they've done Frozen to death", "seen frozen a hundred times so not that", "Cars 47 times";
#: not "..., love it", nor "for the 100th time, still crying laughing").
_OVERSEEN = re.compile(r"\b(?:to death|(?:too|so) many times|(?:far |way )?too often|enough times|umpteen times|(?:i|we) could recite|"
                       r"(?:a |one )?(?:hundred|million|thousand|billion|zillion) times|\d{2,}\s?(?:x|times))\b", re.IGNORECASE)
#: Nothing but a list separator between two titles ("cars and cars 2 were boring").
_LISTED = re.compile(r"\s*(?:and|or|&|\+|, and|, or)\s*", re.IGNORECASE)


def share_list_verdicts(text: str, titles: Sequence["TitleMention"]) -> None:
    """Titles listed together take the dislike said after the last of them ("the last stand and
    origins wolverine sucked"), unless one was liked by name before ("loved alien and titanic"), and the refusal
    said before the first of them, unless one is liked after ("I hated Titanic and The Notebook")."""
    for k in range(len(titles) - 2, -1, -1):
        t, following = titles[k], titles[k + 1]
        if t.start is None or t.end is None or following.start is None or following.sentiment != "dislike" or t.sentiment != "like":
            continue
        between = text[t.end:following.start]
        if (_LISTED.fullmatch(between) or _COMMA.fullmatch(between) and _judged_together(text, titles, k + 1)) \
                and not POSITIVE_CUE.search(clause_before(text, t.start)):
            t.sentiment = "dislike"
    for t, following in zip(titles, titles[1:]):  # in order, so the refusal reaches down the list
        if t.start is None or t.end is None or following.start is None or following.end is None \
                or t.sentiment != "dislike" or following.sentiment != "like":
            continue
        if _LISTED.fullmatch(text[t.end:following.start]) and (NEGATIVE_CUE.search(clause_before(text, t.start)) or _LOOKING_AT.search(text, 0, t.start)) \
                and not POSITIVE_CUE.search(_first_sentence(text[following.end:])[0]):
            following.sentiment = "dislike"


#: Where a list of films gives way to a list of verdicts, one for each in turn ("Grease, Hair and Chicago: yes, yes, no",
#: "Spirited Away, Ponyo and Up - loved, meh, fell asleep", "..., in that order: 9/10, 4/10").
_VERDICTS_OPEN = re.compile(r"\s*,?\s*(?:(?:in that order|respectively)\s*)?[:=\-–—]\s*", re.IGNORECASE)
_VERDICTS_END = re.compile(r"[.!?;\n](?:\s|$)")
_VERDICT_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+|then\s+)?|\s+(?:and|then)\s+|\s+/\s+", re.IGNORECASE)
#: Words that make an item a comment on something, not one film's verdict ("love them, hate the sequels").
_NOT_ONE_VERDICT = re.compile(r"\b(?:them|it|those|these|all|both|the|sequels?|what|tonight|after|but)\b", re.IGNORECASE)
_YES = re.compile(rf"(?:{_YES_WORDS}|yay)!*", re.IGNORECASE)
_NO = re.compile(rf"(?:{_NO_WORDS}|nay)!*", re.IGNORECASE)
VERDICT_ITEM_MAX_WORDS = 4


def _item_verdict(words: str) -> Literal["like", "dislike", "contrast"] | None:
    """One item of a list of verdicts: a rating, a log's word, a yes or a no, or a short phrase of liking or dislike."""
    words = words.strip().rstrip(".!")
    if not words or len(words.split()) > VERDICT_ITEM_MAX_WORDS or _NOT_ONE_VERDICT.search(words):
        return None
    if (rating := word_rating(words)) is not None:
        return as_sentiment(rating)
    if _YES.fullmatch(words):
        return "like"
    if _NO.fullmatch(words) or NEGATIVE_AFTER.search(words) or NEGATIVE_CUE.search(words):
        return "dislike"
    return "like" if _liking(words) or _PRAISE.search(words) else None


def respective_verdicts(text: str, titles: Sequence["TitleMention"]) -> None:
    """A list of two or more films followed by as many verdicts gives each film the verdict in its place."""
    k = 0
    while k < len(titles):
        j = k
        while j + 1 < len(titles) and _between_listed(text, titles[j], titles[j + 1]):
            j += 1
        run, k = titles[k:j + 1], j + 1
        end = run[-1].end
        if len(run) < 2 or end is None or (opened := _VERDICTS_OPEN.match(text, end)) is None:
            continue
        stop = _VERDICTS_END.search(text, opened.end())
        items = _VERDICT_SEPARATOR.split(text[opened.end():stop.start() if stop else len(text)])
        found = [_item_verdict(item) for item in items]
        if len(found) == len(run) and all(v is not None for v in found):
            for t, verdict in zip(run, found):
                t.sentiment = verdict  # type: ignore[assignment]


def _between_listed(text: str, t: "TitleMention", following: "TitleMention") -> bool:
    if t.end is None or following.start is None or following.start < t.end:
        return False
    return bool(_LISTED.fullmatch(text[t.end:following.start]) or _COMMA.fullmatch(text[t.end:following.start]))


_COMMA = re.compile(r"\s*,\s*")
#: "(looking at you, stand by me)": the film named next is the one blamed.
_LOOKING_AT = re.compile(r"\blooking at you\s*[,:—–-]\s*$", re.IGNORECASE)
#: A verdict said of the whole list before it ("fury road, the road, i am legend, seen them, done").
_OF_THEM_ALL = re.compile(r"^\W*(?:[^.!?;]*\b(?:them|all|both|those|the lot)\b)", re.IGNORECASE)


def _judged_together(text: str, titles: Sequence["TitleMention"], k: int) -> bool:
    """The comma list that titles[k] is in ends in a verdict said of them all."""
    while k + 1 < len(titles) and titles[k].end is not None and titles[k + 1].start is not None \
            and (_COMMA.fullmatch(text[titles[k].end:titles[k + 1].start]) or _LISTED.fullmatch(text[titles[k].end:titles[k + 1].start])):
        k += 1
    end = titles[k].end
    return end is not None and bool(_OF_THEM_ALL.match(_first_sentence(text[end:])[0]))


def _first_sentence(text: str) -> tuple[str, str]:
    """`text` split after its first sentence: (that sentence, the rest; "" when it is one sentence)."""
    end = SENTENCE_END.search(text)
    return (text[:end.start()], text[end.end():]) if end else (text, "")


TITLE_AFTER_CUE = re.compile(
    r"\b(?:loved|love|liked|like|enjoyed|adored|hated|disliked|similar to|such as|fan of|watched|seen)\s+"
    r"(?P<title>(?:the\s+)?[A-Z0-9][\w'’:\-]*(?:\s+(?:of|the|and|a|in|on|to|[A-Z0-9][\w'’:\-]*))*)"
)
QUOTED = re.compile(r"[\"“]([^\"“”\n]{2,120})[\"”]")
#: A quote that reports what someone said, not only a title: its words are read for genres ('she says "NO princesses, I want
#: DINOSAURS"'), though it stays an unknown mention the agent may ask about. A refusal makes speech only in four words or
#: more ("No Love Lost" is a title the catalog lacks).
SPEECH = re.compile(r"\b(?:i|i'm|i'd|we|we're|want|wants|please|pls)\b|"
                    r"^(?=(?:\W*\w+){4}).*\b(?:no|not|nothing|never|none|anything but|don'?t|won'?t|can'?t)\b", re.IGNORECASE)


def _speech(t: TitleMention) -> bool:
    """An unknown quoted mention that reports what someone said ("anything but a musical")."""
    return t.status == "unknown" and bool(SPEECH.search(t.mention))


def unknown_titles(text: str, grounded: Sequence[tuple[int, int]]) -> list[TitleMention]:
    """Title-like spans (quoted, or capitalised after "loved"/"like"...) that did not ground: the
    agent asks about these instead of guessing."""
    found: list[TitleMention] = []
    spans = [(m.start(1), m.end(1), m.group(1)) for m in QUOTED.finditer(text)]
    spans += [(m.start("title"), m.end("title"), m.group("title")) for m in TITLE_AFTER_CUE.finditer(text)]
    parts: list[tuple[int, int, str]] = []
    for start, _, mention in spans:  # "Zorblax and Blade Runner": judge each part on its own
        offset = 0
        for piece in re.split(r"(\s+and\s+|,\s*|\s+or\s+)", mention):
            if piece.strip() and not re.fullmatch(r"\s+and\s+|,\s*|\s+or\s+", piece):
                parts.append((start + offset, start + offset + len(piece), piece))
            offset += len(piece)
    for start, end, mention in parts:
        mention = re.sub(r"\s+(?:and|or|but|the|of|in|on|to|a)$", "", mention.strip())
        if len(mention) < 2 or any(s < end and start < e for s, e in grounded):
            continue
        if mention.lower() in STOP or mention.lower().split()[0] in ("i", "it", "this", "that"):
            continue
        if read_years(mention).spans:  # "I love the 90s": an era, not a title
            continue
        found.append(TitleMention(mention, "unknown", None, None, title_sentiment(text, start), start=start, end=start + len(mention)))
    return found


#: Words that ask for films: a message with one of these is a request, whatever else it says.
ASKS_FOR_FILMS = re.compile(
    r"\b((?<!highly )(?<!thoroughly )recommend\w*|suggest\w*|propose|something|anything|smth|smthn|smthng|sth|sumthin|sumthing|somethin|anythin|similar|sim+il+ar|more|wh?at else|wut else|others?|ideas|options|want(?:s(?!\s+to\b))?|wants to (?:watch|see|find|try)|wanna|make it|"
    r"vibes?|style|kind of|sort of|(?!(?:good|bad|early|late|old|new|okay|fine)-)[a-z]{4,}-ish|"
    r"looking for|look for|give me|show me|find me|need(?!\s+to\s+(?:plan|know|sort|check|decide|leave|be|get up|work|finish|sleep|go)\b)|search\w*)\b|\?"
    r"|(?:^|[.!,;]\s*)(?:next|another)(?:\s+(?:one|pls|please))?\W*$"  # "seen heat, loved it. next", "loved it. another"
    r"|\bwhat (?:should|shall|can|could|do) (?:i|we) (?:watch|see|put on)\b"  # (asked without a question mark)
    r"|\b(?:not sure|no idea|can'?t decide|don'?t know|dunno|idk|help me (?:decide|choose|pick))\s+what to (?:watch|put on)\b"
    # a bare imperative: "Try again, and nothing with hackers" (not "will try again tomorrow"), "go on then"
    r"|(?:^|[.!?,;]\s*)(?:(?:please|pls|ok|okay)\s+)?try again\b|(?:^|[.!?,;]\s*)(?:go on then|over to you|hit me)\W*$",
    re.IGNORECASE)  # not "I need to plan my evening around it", nor praise: "highly recommended to anyone"
#: ...and words about films at all: a greeting with one of these is a request ("hi, what should I watch?").
FILM_WORDS = re.compile(r"\b(?:watch\w*|movies?|films?|flicks?|cinema|series|shows?)\b", re.IGNORECASE)
#: Talk to or about the bot, greetings and thanks ("ty bot ur goated", "Hi! How this works?").
BOT_TALK = re.compile(
    r"^\W*(?:hi|hiya|howdy|hello|hey|yo|greetings|thanks|thank you|ty|thx|thnx|thanx|thnaks|thnks|tnx|cheers|(?:good )?(?:morning|afternoon|evening)|good night|bye|goodbye)\b"
    r"|\bsorry (?:for|about) my (?:english|spelling|typing)\b"
    r"|\b(?:you|u|ur|bot|muse|this (?:app|thing|works?)|how (?:does )?this work)\b"
    # thanks with no wish after it: "perfect, thanks so much!", "great, thanks, we'll go with the top pick" (not "nice thanks,
    # but shorter please", "lovely thanks. not so dark this time?")
    r"|\b(?:thanks|thank you|thx|thnx|thanx|ty)\b(?!.*\b(?:but|not|no|less|more|shorter|longer|newer|older|please|pls|instead)\b)",
    re.IGNORECASE | re.DOTALL)


#: A question about the bot itself ("do you actually watch them?", "what's your favourite film?", "is there a human typing
#: this?"): small talk, whatever films it names, unless the message also asks for films (`_ASKS_TOO`).
BOT_SELF = re.compile(
    r"\b(?:are (?:you|ye|ya|u) (?:like |actually |really )?(?:a |an |the )?(?:real|human|person|bot|robot|computer|program|ai|machine)|you are (?:a |an )?(?:real (?:person|human)|human|bot|robot|ai|machine)\b[^.!?]*(?=\?)|are you (?:the|a|an) (?:\w+ )?(?:bot|robot|ai|assistant)\b|is there a (?:real )?(?:human|person)|"
    r"who are you|what (?:do|can) you (?:actually )?do|(?:can|could|do) (?:you|u) (?:also )?(?:do|handle|cover) (?:(?:tv|telly|television)(?:\s+(?:shows|series|programmes))?|series|shows|books|music|games)(?:\s+(?:too|as well|also))?(?:,?\s+or (?:only|just) (?:films|movies))?(?=\s*(?:\?|$))|how many (?:films|movies|flicks|titles) (?:do |have )?(?:you|ya|u) (?:got|have|know)(?:\s+(?:in there|in total|altogether|then))?(?=\s*(?:\?|$|\n))|how do you (?:decide|pick|choose|work|learn)|"
    r"(?:do|did|have|can) you (?:ever |actually |even |really )?(?:get (?:tired|bored|sick|paid|a cut|commission)|have (?:an? )?(?:all-time )?favou?rite|"
    r"sleep|dream|feel|remember (?:what|me|us|our|when|last)|keep (?:track|a record|a list) of (?:what|which|the (?:films|movies)))|(?:your|ur) favou?rite (?:film|movie|director|actor|genre)"
    # a complaint about the bot, a question whether this is it ("you keep giving me the same 5 films", "Is This The Film Service.")
    r"|(?:you|this bot|the bot) keeps? (?:on )?(?:giving|suggesting|showing|recommending|sending) (?:me |us )?the same|"
    r"is your (?:catalog(?:ue)?|database|list|library|selection) (?:so |that |really )?(?:tiny|small|limited|empty)|is this (?:the )?(?:film|movie) (?:service|bot|app|thing|site)"
    # how to use it, what it can search by, what it knows ("How does one use you?", "how do I save a movie to watch later on
    # this", "can you recommend by director, or only by genre?", "do you actually know anything about films or are you just a list?")
    r"|how (?:does one|do (?:i|we)|can (?:i|we)) use (?:you|u|this|the (?:bot|app))|how (?:do|can) (?:i|we) (?:save|bookmark|rate|share|delete|reset|undo)\b[^.!?]*\b(?:on|in|with) (?:this|here|the (?:bot|app))(?=\s*(?:[?.!]|$))"
    r"|(?:can|could|do) (?:you|u) (?:also )?(?:recommend|search|sort|filter|find|suggest)(?: (?:films|movies))? by (?:director|actor|cast|star|year|rating|mood|language|country)s?(?:,?\s+or (?:only|just) by \w+)?(?=\s*(?:\?|$))"
    r"|(?:do|does) (?:you|u) (?:actually |really |even )?know anything about (?:films|movies|cinema)|are (?:you|u) (?:just|only) (?:a|an) (?:list|database|algorithm|search engine|spreadsheet))\b",
    re.IGNORECASE)
#: The bot's own name ("movie bot", "HAPPY FRIDAY MOVIE BOT!!!"): no word about films.
_BOT_NAME = re.compile(r"\b(?:the\s+)?(?:movie|film)\s*-?\s*bot\b", re.IGNORECASE)
#: ...and ones that may be about a film named beside them ("do you know about Jaws? what is it about"): small talk only
#: with no film named ("do you actually watch them?").
BOT_HABITS = re.compile(r"\b(?:do|did|have|can) you (?:ever |actually |even |really )?(?:watch|remember|know (?:about|any jokes|all))\b",
                        re.IGNORECASE)
_ASKS_TOO = re.compile(r"\b(?:(?:recommend|suggest|propose|advise) (?:me|us|a|an|some|something)|give me|show me|find me|(?:i|we) (?:want|need)|"
                       r"anything like|something|any good|what do you (?:suggest|propose|advise|recommend))\b", re.IGNORECASE)


def _has_request_slots(u: Understanding) -> bool:
    return bool(u.genres or u.avoid_genres or u.unavoid_genres or u.year_min or u.year_max or u.era_shift or u.references or u.any_era
                or u.era_whole_decade)


#: An opinion said about a film ("was so boring", "I watched ... yesterday", "peak cinema", "moves me").
VERDICT = re.compile(
    r"\b(?:was|were|is|saw|seen|watched|tried|hated?|loved?|liked|enjoyed|adored|finished|cried|moves? me|made me|couldn'?t|"
    r"didn'?t|never|peak|masterpiece|favou?rite|best|worst|overrated|underrated|wonderful|10/10|"
    r"felt|feels|gave me|gives me|left me|kept me|had me|bored|destroyed|wrecked|ruined|dragged|drags|sucked|sucks|stank|stinks|"
    r"blew me|knocked me|should never|blew (?:my|our) minds?|iconic|bangers?|(?:literally|still|easily) an? \d{1,2})\b", re.IGNORECASE)
_PRONOUN = frozenset("i we you they he she really also just do did would i'd we'd".split())


def _like_title(text: str, t: TitleMention) -> bool:
    """"like Alien" / "something like Alien" asks for films like it; "I like Alien" is an opinion."""
    words = re.findall(r"[\w']+", text[:t.start or 0].lower())
    if words[-4:] == ["along", "the", "lines", "of"]:  # "along the lines of RoboCop"
        return True
    return len(words) >= 1 and words[-1] in ("like", "lk", "as") and (len(words) == 1 or words[-2] not in _PRONOUN)


def _is_feedback(text: str, u: Understanding, stated_genres: bool) -> bool:
    """An opinion about named films with no request ("i hated titanic, so long", "shrek is peak cinema")."""
    titles = [t for t in u.titles if t.status == "matched"]
    middling = [t for t in titles if t.sentiment == "contrast" and _middling(text, t)]  # "forrest gump was fine, I suppose"
    judged = [t for t in titles if t.sentiment in ("like", "dislike")] + middling  # and films compared with them ("Shrek 2 is better than Shrek")
    if not judged or any(t.sentiment not in ("like", "dislike", "contrast") or _like_title(text, t) for t in titles):
        return False
    if stated_genres or u.year_min or u.year_max or u.era_shift or u.references:
        return False
    if any(t.start is not None and _FILM_REFUSED.match(clause_before(text, t.start)) for t in titles) or _RULED_OUT.search(text):
        return False  # "not Forrest Gump, I can't stand it", "she's seen Up and Coco, so not those": films ruled out of the picks
    # a wish in a sentence of its own: "(meh) Signs. Ghost stories without the big twist please", "... Nothing romantic. Go."
    if any(((u.genres or u.tags) and (_PLEASE.search(sentence) or _KIND_OF_FILM.search(sentence)) or u.avoid_genres and _REFUSING_WORD.search(sentence)
            or _OVER_TO_YOU.fullmatch(sentence)) for sentence in _sentences_without(text, titles)):
        return False  # ("Boxing films from whatever era, just no soppy romance", "We're both fine with Pixar. Go.")
    rest = _mask(text, [(t.start, t.end) for t in titles if t.start is not None and t.end is not None])
    # films scored, and nothing wished beside them: "Blade Runner 2049: 9/10. Villeneuve understands silence ..."
    scored = any(t.end is not None and rating_after(text, t.end) is not None for t in judged) and not (u.genres or u.avoid_genres or u.tags) \
        and not (_PLEASE.search(rest) or _KIND_OF_FILM.search(rest))
    return bool(VERDICT.search(rest) or NEGATIVE_AFTER.search(rest) or middling or scored) and not ASKS_FOR_FILMS.search(rest)  # "...? not my cup of tea"


#: A film held up as the measure of what is wished: "is there a live-action equivalent of Nausicaä?".
_EQUIVALENT_OF = re.compile(r"\bequivalent (?:of|to)\s+$", re.IGNORECASE)
#: A wish said politely ("Ghost stories without the big twist please").
_PLEASE = re.compile(r"\b(?:please|pls|plz)\b", re.IGNORECASE)


#: A film changed and asked for as a kind: "Groundhog Day, but dead serious: does that exist?", "is there such a thing?" (not
#: "Casablanca - does it exist in colour?").
_EXISTS = re.compile(r"\b(?:does (?:that|it|such a (?:thing|film|movie)|one like that) (?:even )?exist|is there (?:even )?such a (?:thing|film|movie))\b",
                     re.IGNORECASE)
_CHANGED_KIND = re.compile(r"\b(?:but|without|minus|only)\b", re.IGNORECASE)
#: A film ruled out by name, opening its clause ("not Forrest Gump", "except Heat"); `_NO_OPENS` reads only "no".
_RULED_OUT = re.compile(r"(?:(?:\bso|,)\s+not\s+(?:those|them|these|that(?:\s+one)?)|\bskip (?:those|them|these))(?:\s+(?:two|three|either|then))?"
                        r"(?:\s+(?:obviously|of course|please|pls|thanks))?(?=\s*(?:[,.;!?]|$))"
                        # ...or films like them ("I hated Taxi Driver so nothing like that one"), or more of them ("so ones along those lines")
                        r"|\bso\s+(?:nothing|none|no\s+films?|no\s+movies?)\s+(?:like|similar to)\s+(?:that|it|those|them|these)\b|\balong (?:those|these|the same|similar) lines\b",
                        re.IGNORECASE)  # (not "so not that bad", "not that I wanted to")
_FILM_REFUSED = re.compile(r"^\W*(?:(?:and|but|so|just)\s+)?(?:not|no|except|skip|anything but|never)\s*$", re.IGNORECASE)
#: A sentence that names a kind of film ("Boxing films from whatever era", "Spy stuff that's grounded").
_KIND_OF_FILM = re.compile(r"\b(?:films|movies|flicks|stuff|ones|pictures)\b", re.IGNORECASE)
#: A sentence that hands over to the recommender: "Go.", "Hit me.", "Over to you."
_OVER_TO_YOU = re.compile(r"\W*(?:go|go on|hit me|over to you|your turn|your move|surprise me|do your thing|dealer'?s choice)\W*", re.IGNORECASE)
#: A refusal said in a sentence of its own ("Nothing romantic."): with a genre refused, a request.
_REFUSING_WORD = re.compile(r"\b(?:nothing|none|without|zero)\b|^\W*(?:(?:and|but|also|plus|oh|so)\s+)?(?:no(?!\s*,)|not|never)\b", re.IGNORECASE)  # (not "Kids - no.": a verdict)


#: A superlative that makes a sentence a verdict on a film ("Best animated film ever made.").
_SUPERLATIVE = re.compile(r"\b(?:best|worst|greatest|finest|funniest|scariest|saddest)\b", re.IGNORECASE)
#: A liking said of a kind right before it ("I love horror, Hereditary was great"): a taste, not a word about the film.
_LIKING_BEFORE = re.compile(r"\b(?:love|loves|like|likes|adore|adores|enjoy|enjoys|into|fan of)\s+(?:[\w'-]+\s+)?$", re.IGNORECASE)


def _kind_in_verdict(text: str, start: int, end: int, titles: Sequence[TitleMention]) -> bool:
    """A genre named in a sentence of its own that praises and asks for nothing, after a film judged ("Funniest drama ever
    made.", "... Beautiful, quiet, devastating drama."): what the film was, not a wish. Not "I love horror, Hereditary was
    great" (a taste), "Alien was great, sci-fi horror tonight", "Loved Heat. Crime thrillers, 90s", nor a mood ("i loved
    titanic, big, sweeping and sad": more like it)."""
    a, b = next(((a, b) for a, b in _sentence_spans(text) if a <= start < b), (0, len(text)))
    sentence = text[a:b]
    if not GENRE_NAME.fullmatch(text[start:end].strip()) or ASKS_FOR_FILMS.search(sentence) or _PLEASE.search(sentence) \
            or _LIKING_BEFORE.search(text, a, start):
        return False
    verdict = _SUPERLATIVE.search(sentence) or _PRAISE.search(sentence)
    return verdict is not None and not _has_title(titles, a, b) and any(t.sentiment in ("like", "dislike") for t in titles)


def _audience_of_verdict(text: str, span: GenreSpan, titles: Sequence[TitleMention]) -> bool:
    """Children named after a film liked in their sentence, as who it pleased ("Cool Runnings was a winner with the kids",
    "Fantastic Mr. Fox was a huge hit, even the grumpy ten year old"): who watched, not a wish (not "Monster House gave my
    6-year-old bad dreams", which asks for something fit for the child)."""
    if span.genres != ("Children",):
        return False
    a, b = next(((a, b) for a, b in _sentence_spans(text) if a <= span.start < b), (0, len(text)))
    sentence = text[a:b]
    return not (ASKS_FOR_FILMS.search(sentence) or _PLEASE.search(sentence)) and any(
        t.sentiment == "like" and t.end is not None and a <= t.end <= span.start for t in titles)


def _has_title(titles: Sequence[TitleMention], start: int, end: int) -> bool:
    return any(t.start is not None and start <= t.start < end for t in titles)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of `text` as spans, each ending after its `SENTENCE_END`."""
    bounds = [0, *(m.end() for m in SENTENCE_END.finditer(text)), len(text)]
    return list(zip(bounds, bounds[1:]))


def _sentences_without(text: str, titles: Sequence[TitleMention]) -> list[str]:
    """The sentences of `text` that name none of the films."""
    return [text[a:b] for a, b in _sentence_spans(text) if text[a:b].strip() and not _has_title(titles, a, b)]


_MORE_OF_IT = re.compile(r"\b(?:else|ones|simi\w*|siml\w*)\b", re.IGNORECASE)  # "what else fits?", "simlar ones?"


#: A question asked as a statement, right before the film ("I should like to know whether The Third Man is ...").
INDIRECT_QUESTION = re.compile(rf"\b(?:(?:i|we)(?:'d| would| should)? (?:like|love|want) to )?{_WONDER}\s+(?:whether|if)\s+(?:\w+\s+){{0,2}}$",
                               re.IGNORECASE)


#: "what's Amélie like?", "what is the babadook actually like?": how a film is, asked (before the title, and after it).
_WHATS_IT_LIKE = re.compile(r"\bwhat(?:'?s|\s+is|\s+was|\s+are|\s+were)\s+$", re.IGNORECASE)
_LIKE_ASKED = re.compile(r"\s*(?:\(\d{4}\)\s*)?(?:(?:actually|really|even)\s+)?like\s*\?", re.IGNORECASE)


#: A sentence that asks which of the films just offered ("which one", "which first", "decide for me", "you pick").
_CHOICE_ASKED_NEXT = re.compile(r"\s*(?:(?:so|ok|okay|well|pls|please)\W+)?(?:which(?:\s+(?:one|1|first|is better|should (?:i|we)\b|to\b))?|"
                                r"help me (?:choose|pick|decide)|decide for me|you (?:pick|choose|decide))\b", re.IGNORECASE)
_OFFERED = re.compile(r"\b(?:or|vs\.?|versus|between)\b|/", re.IGNORECASE)


def _offered_films(sentence: str) -> bool:
    """A short sentence offering films as alternatives ("A or B", "can't decide between A and B"), with no verdict."""
    return len(sentence.split()) <= 10 and bool(_OFFERED.search(sentence)) \
        and not (POSITIVE_CUE.search(sentence) or NEGATIVE_CUE.search(sentence) or NEGATIVE_AFTER.search(sentence))


#: "what is X about", "wtf is X even about".
_WHAT_IS_IT = re.compile(r"\b(?:what|wtf|wth)\s*(?:'s|is|was)\s+$", re.IGNORECASE)
_ABOUT_AFTER = re.compile(r"\s+(?:(?:even|actually|really|exactly)\s+)?about\b(?!\s+\w)", re.IGNORECASE)
#: A question about the writer, not the film: "is it weird that i liked the emoji movie".
_ASKS_ABOUT_ME = re.compile(r"\b(?:is it|am i)\s+(?:weird|bad|wrong|strange|odd|crazy|embarrassing|normal|ok|okay|just me|the only one)\b[^.!?]*?"
                            r"\b(?:i|we)\s+(?:\w+\s+)?(?:liked?|loved?|enjoyed?|hated?|cried at|laughed at)\s+(?:the\s+)?$", re.IGNORECASE)


def _asked_about(text: str, t: TitleMention) -> bool:
    """The title sits in a question that asks for no films ("amelie - subtitled?", "wait, is alien from 1979?", "I am
    writing to enquire whether Fanny and Alexander is suitable ...")."""
    if t.start is None or t.end is None or t.status != "matched" or _like_title(text, t) or COMPARATIVE_WISH.match(text, t.end):
        return False
    opened = sentence_start(text, t.start)
    if _WHAT_IS_IT.search(text, opened, t.start) and _ABOUT_AFTER.match(text, t.end):
        return True  # "wtf is mulholland drive even about", asked without a question mark
    if _ASKS_ABOUT_ME.search(text, opened, t.start):
        return False  # "is it weird that i liked the emoji movie": the writer's verdict, asked about themselves
    if _WHATS_IT_LIKE.search(text, opened, t.start) and _LIKE_ASKED.match(text, t.end):
        return True  # "what's Amélie like?": how the film is, asked
    closed = SENTENCE_END.search(text, t.end)
    indirect = INDIRECT_QUESTION.search(text, opened, t.start)
    if closed is not None and closed.group() != "?" and _CHOICE_ASKED_NEXT.match(text, closed.end()) \
            and _offered_films(text[opened:closed.start()]):
        return True  # "GOODFELLAS OR CASINO. WHICH ONE.": films offered, then the choice asked for
    if not indirect and (closed is None or closed.group() != "?"):
        return False
    if CONTENT_QUESTION.search(text[opened:t.start]):
        return True
    end = closed.start() if closed else len(text)
    asking = text[opened : indirect.start()] if indirect else text[opened:t.start]  # "I should like to know whether" likes nothing
    sentence = ABOUT_THE_FILM.sub(" ", asking + text[t.end:end])
    if not re.search(r"\w", sentence) and closed is not None:  # "the exorcist? hard pass.": a title held up and judged, not asked about
        answer, _ = _first_sentence(text[closed.end():].lstrip("?!"))  # ("la la land?? hated it")
        if _short_verdict(answer, NEGATIVE_AFTER) or _short_verdict(answer, POSITIVE_CUE):
            return False
    return not (REQUEST_CUE.search(sentence) or ASKS_FOR_FILMS.search(sentence) or POSITIVE_CUE.search(sentence)
                or _MORE_OF_IT.search(sentence))


def _unnamed(text: str, titles: Sequence[TitleMention]) -> str:
    """`text` with its titles blanked, each with the noun that names a series as such ("the x-men films")."""
    spans = []
    for t in titles:
        if t.start is not None and t.end is not None:
            noun = _SERIES_NOUN.match(text, t.end)
            spans.append((t.start, noun.end() if noun else t.end))
    return _mask(text, spans)


def _closed_as_statement(text: str, at: int) -> bool:
    """The sentence going on at `at` ends with a full stop or an exclamation mark, not a question mark."""
    closed = SENTENCE_END.search(text, at)
    return closed is not None and "?" not in closed.group()


def _asked_back(text: str, titles: Sequence[TitleMention]) -> list[tuple[int, int]]:
    """Questions that refer back to films named just before them and ask for no films ("I am told
    Gattaca is clever. Would it suit my father?"): each as (start of the sentence naming the films,
    end of the question). Films named with a verdict ("I hated Titanic. Is it just me?") are opinions."""
    out: list[tuple[int, int]] = []
    ends = {t.end for t in titles if t.end is not None}
    # a verdict heard and put to the listener ("someone said the babadook is boring is that true", "people say ..., do you
    # agree?"; not the writer's own: "Fight Club was brilliant, do you agree it's Fincher's best?")
    asked = [(m.start() + len(m.group()) - len(m.group().lstrip(".!?;, ")), m) for m in ASKS_BACK.finditer(text)]
    heard = {opened for opened, m in asked if m["heard"]}
    # "Too frightening for my son?" asks only of a film not judged where it is named ("Alien was brilliant. Too old for ...?")
    much = {opened for opened, m in asked if m["much"]}
    openers = [opened for opened, _ in asked]
    # unpunctuated, right after the title: "my friend said i should watch jaws is it too scary for me"
    # ("Old Boy did it so well." says how the film did it: a statement closed without a question mark asks nothing)
    openers += [m.start() for m in _ASKS_AFTER_TITLE.finditer(text) if text[:m.start()].rstrip() and len(text[:m.start()].rstrip()) in ends
                and not (m.group().lower().startswith(("did", "does")) and _closed_as_statement(text, m.end()))]
    for opened in sorted(set(openers)):
        closed = SENTENCE_END.search(text, opened)
        question = ABOUT_THE_FILM.sub(" ", text[opened:closed.start() if closed else len(text)])
        if REQUEST_CUE.search(question) or ASKS_FOR_FILMS.search(question.replace("?", "")) or _MORE_OF_IT.search(question) \
                or POSITIVE_CUE.search(_MAY_LIKE.sub(" ", question)):  # "or was it Jackie Brown I adored?" is an opinion
            continue
        before = [t for t in titles if t.start is not None and t.end is not None and t.end <= opened]
        if before and opened in heard and not _REPORTED.search(text, sentence_start(text, before[-1].start or 0), before[-1].start or 0):
            continue
        if before and opened in much and _judged_where_named(text, before[-1]):
            continue
        if not before or any(POSITIVE_CUE.search(clause_before(text, t.start or 0)) or NEGATIVE_CUE.search(clause_before(text, t.start or 0))
                             or written_refusal(text, t.start or 0) for t in before):
            continue
        out.append((sentence_start(text, before[-1].start or 0), closed.end() if closed else len(text)))
    return out


#: A first question whose subject is the film named ("Is Memento like Inception?", "Does Casablanca hold up ...?") or that
#: holds the film up and asks about it ("zombieland: more funny or more gory?"); its words are not read as a request.
_FILM_IS_SUBJECT = re.compile(r"^\s*(?:(?:hey|hi|hello|so|ok(?:ay)?|quick question)\W+)*(?:(?:is|was|are|were|does|did|do|has|had)\s{3,}\S|\s+[:—–]\s*[^.!?]*\?)",
                              re.IGNORECASE)


def _film_is_asked(text: str, titles: Sequence[TitleMention]) -> bool:
    """The message opens with a question about the film it names (`_FILM_IS_SUBJECT`)."""
    end = len(_first_sentence(text)[0])
    return text[end:end + 1] == "?" and bool(_FILM_IS_SUBJECT.match(_unnamed(text, titles)[:end + 1]))


def _names_in_opening(text: str, titles: Sequence[TitleMention]) -> bool:
    """Whether a film is named in the message's first sentence: a question opening the message asks
    about a film only then ("is heat too long?"), not when the film comes in a later sentence ("Could
    you find me a drama? I really enjoyed True Romance.", "What I want is a drama. Loved Heat.")."""
    end = SENTENCE_END.search(text)
    while end and _OPENERS_ONLY.fullmatch(text, 0, end.start()):  # past openers said on their own ("hey.\nis heat too long")
        end = SENTENCE_END.search(text, end.end())
    stop = end.end() if end else len(text)
    return any(t.start is None or t.start < stop for t in titles)


#: A question reported, not asked: "we ended up arguing about whether Titanic is actually any good".
_DEBATED = re.compile(r"\b(?:about|over|on)\s+whether\b", re.IGNORECASE)


def _asks_about_a_film(text: str) -> bool:
    """A question about one film asked of the bot ("is Heat any good?"), not one the message only reports ("we ended up
    arguing about whether Titanic is actually any good")."""
    return any(not _DEBATED.search(text, sentence_start(text, m.start()), m.start()) for m in ASK_ITEM.finditer(text))


#: Thanks, or word that a pick went well, said anywhere; and what in such a message wishes for nothing.
_THANKED = re.compile(r"(?:\b(?:thanks|thank you|thank ya|thank ye|thankyou|thanku|thx|ty|much appreciated)\b|\bta(?= (?:for|very|much|heaps|loads|mate|pal|love)\b|\s*[!.,]|$)|\bjust want(?:ed)? to (?:say|tell you)\b)"
                      r"(?!.*\b(?:but|not|less|more|shorter|longer|newer|older|please|pls|instead)\b)", re.IGNORECASE | re.DOTALL)
_NO_WISH = re.compile(r"\byour (?:suggestions?|picks?|advice|recommendations?|list|ideas)\b|\b(?:don'?t|do not) need anything\b"
                      # a pick praised ("great recommendation, thanks!", "that was a solid 8/10 recommendation")
                      r"|(?<!\bany )(?<!\bsome )(?<!\bmore )\b(?:great|good|solid|nice|excellent|perfect|brilliant|cracking|top|\d+/10)\s+(?:recommendation|suggestion|rec|pick|tip)s?\b",
                      re.IGNORECASE)


#: A film half remembered, its name asked: "What was it called?", "whats the film where bill murray ...", "I don't
#: remember the title, only that ...", "I forgot the name of that film with the shark" (not "the name of the actor").
_WHICH_FILM = re.compile(r"\bwhat (?:was|is|'?s) (?:it|that|that one|the (?:film|movie)|this) called\b|\bwhat(?:'?s| is| was) (?:the|that) (?:name of the )?(?:film|movie) (?:where|with|in which|about)\b"
                         r"|\b(?:can'?t|cannot|don'?t|do not) remember what it'?s called\b|\bhalf[- ]remember(?:ed)?\b"
                         r"|\b(?:can'?t|cannot|don'?t|do not) remember (?:the|its) (?:title|name)\b(?!\s+of\s+(?!(?:the|that|this)\s+(?:film|movie)\b))"
                         r"|\bforg[eo]t the (?:title|name) of (?:the|that|this) (?:film|movie)\b", re.IGNORECASE)


def read_intent(text: str, u: Understanding, has_previous: bool, stated_genres: bool = False) -> Intent:
    """What this message does; `stated_genres`: a genre was named outright (not only inferred from a mood)."""
    if not text or (CHITCHAT.match(text) and not u.titles and not u.genres and not u.avoid_genres):
        return "chitchat"
    if (BOT_SELF.search(text) or BOT_HABITS.search(text) and not u.titles) and not _has_request_slots(u) and not _ASKS_TOO.search(text):
        return "chitchat"
    plain = ABOUT_THE_FILM.sub(" ", _unnamed(text, u.titles))
    if u.titles and (exists := _EXISTS.search(text)) and (_CHANGED_KIND.search(text, 0, exists.start()) or "such" in exists.group()):
        return "refine" if has_previous and not u.new_search else "recommend"  # "Groundhog Day, but dead serious: does that exist?"
    opening = QUESTION_START.match(text)  # (not a title's own first word: "When Harry Met Sally is perfect")
    opening = opening if opening is not None and not _has_title(u.titles, opening.start(), opening.end()) else None
    rhetorical = bool(u.titles) and all(t.start is not None and _rhetorical_why(text, t.start) for t in u.titles)
    if u.titles and not rhetorical and (_asks_about_a_film(text) or (opening and not REQUEST_CUE.search(plain) and _names_in_opening(text, u.titles)
                                                  and not any(_EQUIVALENT_OF.search(text, 0, t.start or 0) for t in u.titles))
                     or any(_asked_about(text, t) for t in u.titles) or _asked_back(text, u.titles) or _film_is_asked(text, u.titles)):
        return "ask_item"
    if rhetorical and not _has_request_slots(u) and not REQUEST_CUE.search(plain):  # "why does everyone love Titanic??"
        return "feedback"
    if not u.titles and _WHICH_FILM.search(text) and not REQUEST_CUE.search(text):  # "what was it called?": a film to be told
        return "ask_item"
    if u.references and all(s != "neutral" for _, s in u.references) and not (u.genres or u.avoid_genres or u.era_shift or u.year_min or u.year_max) \
            and not (ASKS_FOR_FILMS.search(text.replace("?", "")) or _MORE_OF_IT.search(text)):  # ("loved it. what else is like it?" asks)
        return "feedback"
    if _is_feedback(text, u, stated_genres):
        return "feedback"
    if not u.titles and not _has_request_slots(u) and _THANKED.search(text) and not ASKS_FOR_FILMS.search(_NO_WISH.sub(" ", text).replace("?", "")):
        return "chitchat"  # "Thank you, your advice was very good, we watched all evening"
    if not u.titles and not _has_request_slots(u) and BOT_TALK.search(text) and not ASKS_FOR_FILMS.search(text.replace("?", "")) \
            and not FILM_WORDS.search(_BOT_NAME.sub(" ", text)):
        return "chitchat"
    if has_previous and not u.new_search:  # anything else said after a request changes it
        return "refine"
    return "recommend"


#: Everyday phrases that contain a title's words ("in the spirit of" is not *The Spirit*).
CHAT_IDIOMS = re.compile(
    r"\b(?:in the spirit of|up my (?:street|alley)|right up my (?:street|alley)|the real deal|the whole thing|"
    r"the same vein|along the lines of|in the mood for|the kind of thing|at the end of the day|on the same page|"
    r"out of this world|for the record|the big screen|the best of both worlds|it can'?t be|nowhere near|"
    r"(?:hours?|hrs|minutes?|mins|days?|weeks?|years?|nights?|time|love) of my life)\b|^\W*hello again\b"  # not *My Life*
    r"|\b(?:french |czech |british |german |japanese |korean )?new wave\b",  # a film movement ("Something French New Wave"), not *The Wave*
    re.IGNORECASE,
)
#: ...and sayings said in lower case, whose capitalised form is a film ("horror. old school, 70s", "anything else is fine").
LOWER_IDIOMS = re.compile(r"(?:(?:^|[.,;:!?]\s|\b(?:a|an|some|proper|real|bit|very|kinda|properly|something)\s))old[\s-]school\b(?!\s+(?:or|and)\b)"
                          r"|\banything else\b")  # (not "like old school or step brothers")
WORD = re.compile(r"[a-zA-Z][a-zA-Z\-']{2,}")
FILLER = set("""
    mood moods want wanted looking look something anything film films movie movies watch watching tonight please
    recommend suggest show give need find prefer preferably ideally maybe perhaps probably definitely really
    especially particularly kind sort type style stuff ones one pick picks lately recently yesterday weekend friday
    saturday sunday evening night tonight later earlier older newer recent classic modern old new vintage latest
    release released made came out come comes set around give take era years year decade decades century late early
    mid middle turn onwards onward later pre post off interest they them their age ages fine okay thing things way lot lots bit little great good nice best
    love loved liked enjoy enjoyed adored hate hated dislike disliked watched seen mind totally actually also else
    again instead another other different similar same exactly sure cool awesome amazing fun enjoyable entertaining
    interesting lol haha hmm thanks thank hey hello hello hi ok yes yeah yep nope also kinda sorta gonna wanna got get
    mix mixture blend combination combo bit touch dash hint splash elements plus both together story stories
    """.split())


def read_keywords(text: str, limit: int = 8) -> list[str]:
    """Content words of an already masked text (titles, eras, genre words blanked): moods, themes,
    plot words. Filler and era words never reach the search."""
    words = [w.lower().strip("-'") for w in WORD.findall(text)]
    keep = [w for w in words if len(w) > 2 and w not in STOP and w not in FILLER and not w.endswith("'s")]
    return list(dict.fromkeys(keep))[:limit]


def _mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_GENRE_WORDS = frozenset(p for p, genres in GENRE_PHRASES.items() if genres and " " not in p)


def _genre_word_heading(text: str, start: int | None, end: int | None) -> bool:
    """A one-word genre phrase opening a terse sentence ("Heist. Sixties.", "Heist, not Inception.", "Mobsters,
    seventies") is the kind of film asked for, not the film of that name."""
    if start is None or end is None or text[start:end].lower() not in _GENRE_WORDS:
        return False
    return sentence_start(text, start) == start and bool(re.match(r"\s*[.,;:!/]", text[end:end + 2])) and not _SCORED.match(text, end)


#: A score right after a name, ending its sentence ("Aliens: 10. Alien: 9."): the name is a film's.
_SCORED = re.compile(r"\s*:\s*\d{1,2}(?:\.5)?(?:\s*/\s*10)?\s*(?:[.,;!]|$)")


#: A sign-off before the last words of a message: what follows is the writer's name ("With thanks, Margaret.",
#: "Kind regards, Harvey", "Thanks so much! - Amelie"), never a film.
#: Not a verb said by someone ("didn't love Shutter Island", "I love Amelie").
_SIGN_OFF = re.compile(r"(?:(?<!n't )(?<!\bnot )(?<!\bi )(?<!\bwe )(?<!\bthey )(?<!\bhe )(?<!\bshe )\b(?:thanks|thank you|many thanks|with thanks|regards|cheers|best wishes|all the best|best|love|yours(?: truly| sincerely| faithfully)?"
                       r"|sincerely|warmly|ta|x+)\s*[,.!]*\s*(?:[-–—]\s*)?|[.!?]\s*[-–—]\s*)$", re.IGNORECASE)
_SIGNATURE_END = re.compile(r"\s*[.!]?\s*(?:x+\s*)?$", re.IGNORECASE)


#: ...or a sentence ended before a given name, with nothing after it ("... by mistake. Frank"; not "My favourite? Inception").
_NAME_AFTER_SENTENCE = re.compile(r"\w[.!?]+\s+$")


def _signed(text: str, start: int | None, end: int | None) -> bool:
    """The mention is the writer's name signing the message off."""
    if start is None or end is None or not _SIGNATURE_END.fullmatch(text, end) or not text[start:start + 1].isupper():
        return False
    if text[start:end].lower() in FIRST_NAMES and not text[end:].strip() and _NAME_AFTER_SENTENCE.search(text, 0, start):
        return True
    return bool(_SIGN_OFF.search(text, 0, start)) and len(text[start:end].split()) <= 2


#: An opinion of a series as a whole, before its name ("I love all the Bourne films", "hated every Hobbit film").
_SERIES_JUDGED = re.compile(r"\b(?:lov\w*|lik\w*|enjoy\w*|ador\w*|hat\w*|disliked?|all|every|each)\b", re.IGNORECASE)


_COMMAND = re.compile(r"(?:^|(?<=\s))/$")


def _command(scan: str, start: int | None) -> bool:
    """A bot command ("/rec", "/start"): a slash opening the word, not one between two films ("heat/ronin")."""
    return start is not None and _COMMAND.search(scan, 0, start) is not None


#: Films read in one message, at most: a message naming more is a list dump or hostile, and each film's verdict is read
#: over the whole text ("the harry potter films " x 100 took 12 s).
MAX_MENTIONS = 40


#: A version told apart by who is in it or made it ("the Robin Williams one", "the Arnie one", "the Clooney version").
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_ONE_AFTER = re.compile(r"(?:['’]s)?\s+(?:one|version|remake|original)\b", re.IGNORECASE)


def _cast_named(text: str, g: Grounding) -> bool:
    """A name that only looks like a film's ("Arnie" as *Marnie*, "Robin Williams" as his stand-up special), said as the
    person a version of a film is told apart by; not a film's whole name ("the Titanic one with Leo")."""
    return g.status == "matched" and g.start is not None and g.end is not None and g.confidence < 1.0 and _not_its_own_words(g) \
        and bool(_THE_BEFORE.search(text, max(0, g.start - 8), g.start)) and bool(_ONE_AFTER.match(text, g.end))


def _not_its_own_words(g: Grounding) -> bool:
    """A mention read as a film it does not name in that film's words: a slip ("Arnie" as *Marnie*) or the name heading a
    special ("Robin Williams" of *Robin Williams: Live on Broadway*); not a film's whole name ("the Titanic one") nor a
    part of its title ("the Black Pearl one")."""
    said, title = normalise_title(g.mention), _name_of(g.title)
    heading = re.match(rf"{re.escape(g.mention.strip())}\s*:", g.title or "", re.IGNORECASE)
    return not _whole_title(g) and (f" {said} " not in f" {title} " or heading is not None)


def _whole_title(g: Grounding) -> bool:
    """The mention says the film's whole name (its year and a leading article aside)."""
    return bool(g.title) and _ARTICLE_OPENING.sub("", normalise_title(g.mention)) == _ARTICLE_OPENING.sub("", _name_of(g.title))


def _name_of(title: str | None) -> str:
    """A catalog title's words without its year ("Titanic (1997)" -> "titanic")."""
    return normalise_title(re.sub(r"\s*\(\d{4}\)$", "", title or ""))


_ARTICLE_OPENING = re.compile(r"^(?:the|a|an)\s+")


def _possessive_read_as_plural(g: Grounding) -> bool:
    """A lower-case possessive read as a plural title ("neither of us has seen the other's" is not *The Others*; "the
    godfather's pacing" is still *The Godfather*)."""
    if not (g.mention.islower() and re.search(r"\w['’]s$", g.mention)) or "'" in (g.title or "") or "’" in (g.title or ""):
        return False
    return _whole_title(replace(g, mention=re.sub(r"['’]s$", "s", g.mention)))


#: What people do and films don't, said right after a one-word name: "Ali says old films are too slow", "since Margaret passed".
#: A given name told to do something, as a parent dictating does ("no Tommy put that down", "Emma go brush your teeth").
_ADDRESSED = re.compile(r"\s*,?\s+(?:put (?:that|it|them|those) (?:down|back|away)|stop (?:it|that|doing)|go (?:and |to |brush|get|upstairs)|"
                        r"get (?:down|off|out)|leave (?:it|that|him|her) alone|come (?:here|back)|sit (?:down|still)|brush your|be quiet|quiet down)\b",
                        re.IGNORECASE)
_PERSON_DOES = re.compile(r"\s+(?:says|said|reckons|reckoned|thinks|insists|insisted|passed|died|asks|suggests|suggested)\b",
                          re.IGNORECASE)


#: A greeting, then who is writing, by a given name: "Hello Muse this is Frank again", "hi, it's Iris" (not "hello it's Frozen
#: again, my daughter wants ...").
_INTRODUCING = re.compile(r"\b(?:hi|hello|hey|morning|evening)\b[^.!?\n]{0,25}?\b(?:this is|it'?s|it is)\s+$", re.IGNORECASE)


def _a_person(text: str, g: Grounding) -> bool:
    """A one-word title said as someone who speaks or dies ("Ali says ...", "since Margaret passed"), who is told to do
    something ("no Tommy put that down"), or who introduces themselves after a greeting ("Hello Muse this is Frank again")."""
    if g.start is None or g.end is None or " " in g.mention.strip() or not g.mention[:1].isupper():
        return False
    return bool(_PERSON_DOES.match(text, g.end) or _ADDRESSED.match(text, g.end)) \
        or g.mention.strip().lower() in FIRST_NAMES and bool(_INTRODUCING.search(text, max(0, g.start - 40), g.start))


_SOMEONES = re.compile(r"\b(?:my|her|his|our|their|your)\s+$", re.IGNORECASE)


def _an_ordinal_of_someone(text: str, g: Grounding) -> bool:
    """An ordinal that is someone's ("her 13th birthday"), not the film *13th*."""
    return g.start is not None and bool(re.fullmatch(r"\d+(?:st|nd|rd|th)", g.mention.strip())) \
        and bool(_SOMEONES.search(text, max(0, g.start - 8), g.start))


#: Words someone says of themselves, quoted ('"I'm a grown man"'): speech, not a film's name said loosely.
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i'd|i've|we|we're|we've|me|my)\b", re.IGNORECASE)


def _quoted(text: str, g: Grounding) -> bool:
    return g.start is not None and g.end is not None and text[g.start - 1:g.start] in "\"“'‘" and text[g.end:g.end + 1] in "\"”'’"


def _films_in(text: str, grounder: Grounder | None) -> list[tuple[int, str]]:
    """The films a text names (id, catalog title), as found."""
    found = grounder.find_mentions(text) if grounder is not None else []
    return [(g.item_id, g.title) for g in found if g.status == "matched" and g.item_id is not None and g.title]


def _ground(scan: str, grounder: Grounder | None) -> list[TitleMention]:
    titles: list[TitleMention] = []
    for g in (grounder.find_mentions(scan) if grounder is not None else [])[:MAX_MENTIONS]:
        if g.status == "unknown" or _genre_word_heading(scan, g.start, g.end) or _signed(scan, g.start, g.end) or _command(scan, g.start) \
                or _in_chat_idiom(scan, g.start, g.end) or _cast_named(scan, g) or _possessive_read_as_plural(g) \
                or _a_person(scan, g) or _an_ordinal_of_someone(scan, g) or (g.confidence < 1.0 and _FIRST_PERSON.search(g.mention) and _quoted(scan, g)):
            continue
        titles.append(TitleMention(
            mention=g.mention, status=g.status, item_id=g.item_id, title=g.title, sentiment=title_sentiment(scan, g.start),
            alternatives=[(a.item_id, a.title) for a in g.alternatives][:5], start=g.start, end=g.end,
        ))
    for start, end, films in getattr(grounder, "find_series", lambda _: [])(scan):  # "the Harry Potter films": each of them
        members = getattr(grounder, "members_named", lambda *_: [])(scan, start, end, films)  # "... Identity was great"
        named = {i for _, _, i in members}
        # the films judged one by one are the ones meant, unless the series is judged too ("I love all the Bourne films, especially ...")
        rest = [(i, title) for i, title in films if i not in named] if not members or _SERIES_JUDGED.search(scan, sentence_start(scan, start), end) else []
        titles = [t for t in titles if t.start is None or t.end is None or
                  (t.end <= start or end <= t.start) and not any(a < t.end and t.start < b for a, b, _ in members)]
        by_id = dict(films)
        titles += [TitleMention(mention=scan[a:b], status="matched", item_id=i, title=by_id[i], sentiment="like", start=a, end=b)
                   for a, b, i in members]
        titles += [TitleMention(mention=scan[start:end], status="matched", item_id=i, title=title, sentiment="like", start=start, end=end)
                   for i, title in rest]
    spans = [(t.start, t.end) for t in titles if t.start is not None and t.end is not None]
    found = sorted(titles + unknown_titles(scan, spans), key=lambda t: t.start or 0)[:MAX_MENTIONS]
    for k, t in enumerate(found):
        # the next title that starts after this one: the films of a series named once share one span and one verdict
        following = next((f for f in found[k + 1:] if (f.start or 0) > (t.start or 0)), None)
        unseen, seen = _unseen(scan, t), _seen_list(scan, t, found)
        refused = unseen == "dislike" or seen == "refused"
        t.sentiment = "dislike" if refused else title_sentiment(scan, t.start, t.end, following.start if following else None)
        watched = not refused and t.start is not None and (_seen_bare(scan, t) or _middling(scan, t))  # with no verdict
        if not refused and t.start is not None and (
                _CONTRAST.search(scan, 0, t.start) or _SEEN_ONLY.search(scan, sentence_start(scan, t.start), t.start)
                or watched or seen == "mention"
                or (t.end is not None and _UNSEEN_AFTER.match(scan, t.end)) or unseen == "contrast"
                or (t.end is not None and t.sentiment != "dislike" and _AGAIN_WEARILY.match(scan, t.end)) or _just_another(scan, t, found)
                or _wish_taken_back(scan, t, following is not None)):
            t.sentiment = "contrast"
            t.watched = watched and unseen is None
        elif t.sentiment == "like" and _panned_after_headline(scan, t, following.start if following else None):
            t.sentiment = "dislike"
    _compared(scan, found)
    share_list_verdicts(scan, found)
    for t, verdict in zip(found, verdicts(scan, [(t.start, t.end) for t in found])):  # "Heat 9/10", "👎 it follows"
        if verdict is not None:
            t.sentiment = as_sentiment(verdict)
    respective_verdicts(scan, found)
    _keep_refused(scan, found)
    _judged_again(scan, found)
    return found


#: A sentence about someone or something else ("The wife hated it", "My husband fell asleep, never again taking him",
#: "The cinema was freezing though"), not about the film watched.
_OTHER_SUBJECT_OPENS = re.compile(r"\W*(?:(?:and|but|so|though)\s+)?(?:my|our|his|her|he|she|they|the\s+(?!(?:film|movie|plot|story|ending|script|acting|"
                                  r"dialogue|whole|first|last|second|third|final)\b)\w+)\b", re.IGNORECASE)


#: A message that opens on having watched a film ("Watched Avatar ...", "Tried that Transformers thing ...", "Saw Mad Max").
_VIEWED_OPENING = re.compile(r"\W*(?:(?:i|we)\s+)?(?:finally\s+|just\s+|also\s+)?(?:watched|tried|saw|caught|sat through|rewatched)\s+(?:that\s+|the\s+new\s+)?",
                             re.IGNORECASE)
#: A film named as a sentence of its own ("Waterworld.", "Sweeney Todd.", "Titanic (1997).").
_HEADLINE_DONE = re.compile(r"\s*(?:\(\d{4}\)\s*)?[.!]+(?=\s|$)")  # (not "O Brother: the film I put on whenever I'm ill")


def _panned_after_headline(text: str, t: TitleMention, next_start: int | None) -> bool:
    """A film named as a headline, or watched in the sentence that opens the message, and then panned, before any other
    film and with no praise ("Waterworld. Kevin Costner drinking his own... no. Never again.", "Battlefield Earth. A bold
    reinvention of the word 'film'. I want my evening back.", "Watched Avatar because the grandson insisted. ... Never
    again."); after a film watched, a pan of someone or something else is not its ("The wife hated it though")."""
    if t.start is None or t.end is None:
        return False
    viewed = _VIEWED_OPENING.fullmatch(text, 0, t.start)  # "Watched Avatar because the grandson insisted. ... Never again."
    done = _HEADLINE_DONE.match(text, t.end) if not viewed else SENTENCE_END.search(text, t.end)
    if not viewed and text[:t.start].strip(" \"'“‘") or done is None or viewed and next_start is not None and next_start < done.end():
        return False  # (one opening on watching several films is no headline: "watched alien, aliens, alien 3 and resurrection")
    after = text[(t.end if viewed else done.end()):next_start if next_start is not None and next_start > done.end() else len(text)]
    panned = [m for m in NEGATIVE_AFTER.finditer(after) if not _NOT_A_PAN.match(after, m.end())
              and not (viewed and _OTHER_SUBJECT_OPENS.match(after, sentence_start(after, m.start())))]
    return bool(panned) and not (POSITIVE_CUE.search(after) or _PRAISE.search(after) or _WHAT_A_FILM.search(after) or "?" in after
                                 or _NOT_THE_FILMS.search(after))


#: What turns a pan into something else: "Never again will I doubt James Cameron", "Never again, but everyone should see it".
_NOT_A_PAN = re.compile(r"\s*(?:will|would|shall|,?\s*but\b|with\b|(?:bad|awful|terrible|boring)\b)", re.IGNORECASE)  # ("so not that bad")
_WHAT_A_FILM = re.compile(r"\bwhat a (?:film|movie|ride|picture)\b|\b(?:incredible|amazing|fantastic|masterpiece|excellent|awesome)\b", re.IGNORECASE)


def _judged_again(text: str, found: Sequence[TitleMention]) -> None:
    """A film named without a verdict and disliked where it is named again takes that verdict ("Finally watched Casablanca and
    Gone with the Wind. Casablanca I adored. Gone with the Wind was way too long.")."""
    disliked = {t.item_id for t in found if t.sentiment == "dislike" and t.item_id is not None and t.start is not None
                and not (_REPORTED.search(clause_before(text, t.start)) or _PART_OF.search(text, 0, t.start))}
    for t in found:
        if t.sentiment == "like" and t.item_id in disliked and t.start is not None \
                and _WATCHED.search(text, sentence_start(text, t.start), t.start) and not _judged_where_named(text, t):
            t.sentiment = "contrast"


_WATCHED = re.compile(r"\b(?:watched|saw|seen|caught|did)\b[^.!?;:]*$", re.IGNORECASE)  # "Finally watched Casablanca, ..."
_PART_OF = re.compile(r"\b(?:the|its)\s+(?:\w+\s+)?(?:ending|end|start|beginning|middle|plot|score|music|cast|acting)\s+(?:of|in)\s+$", re.IGNORECASE)


def _in_chat_idiom(text: str, start: int | None, end: int | None) -> bool:
    """A name inside a saying ("nowhere near as good", "the time of my life"): no film, and no end to the verdict before it."""
    return start is not None and end is not None and any(m.start() <= start and end <= m.end() for idioms in (CHAT_IDIOMS, LOWER_IDIOMS)
                                                         for m in idioms.finditer(text, max(0, start - 40), end + 40))


def _keep_refused(text: str, found: Sequence[TitleMention]) -> None:
    """A film refused and then said to be seen ("Not Heat, I've seen Heat"), with no liking or change of mind between, stays refused."""
    refused: dict[int | None, int] = {}
    for t in found:
        if t.sentiment == "dislike" and t.end is not None:
            refused.setdefault(t.item_id, t.end)
        elif t.sentiment == "like" and t.item_id in refused and t.start is not None:
            before = clause_before(text, t.start)
            if _SEEN_IT.search(before) and not POSITIVE_CUE.search(before) and not _CORRECTED.search(text, refused[t.item_id], t.start):
                t.sentiment = "dislike"


_SENTENCE_DONE = re.compile(r"\s*(?:[.!;\n]|$)")
#: A film said not to have been seen, in a list of verdicts ("Rocky is great, Creed I never saw"): no verdict on it.
_UNSEEN_AFTER = re.compile(r"\s*[,:\-–]?\s*(?:(?:i|we)\s+)?(?:never|haven'?t|have not|'ve not|not)\s+(?:yet\s+|even\s+)?(?:saw|seen|watched)\b"
                           r"(?:\s+(?:it|that one|them))?(?:\s+yet)?\s*(?:[,.;!]|$)", re.IGNORECASE)
#: ...and one said before it ("never seen Heat", "Haven't watched The Thing yet"): no verdict on it either.
_UNSEEN_BEFORE = re.compile(r"\b(?:never|haven'?t|havent|have not|'ve not|not yet|not)\s+(?:(?:yet|even|actually|really|ever)\s+)?(?:seen|watched)\s+$",
                            re.IGNORECASE)
#: ...unless it was seen after all, or judged: "I'd never seen Heat until last night", "Haven't watched Alien since I was a
#: teenager but I loved it", "never watched Titanic and never will, looks awful".
_SEEN_AFTER_ALL = re.compile(r"\s*(?:until|till|til|before|since|in\s+(?:\w+\s+)?(?:years|ages|decades)|for\s+(?:\w+\s+)?(?:years|ages|decades))\b",
                             re.IGNORECASE)


def _unseen(text: str, t: "TitleMention") -> Literal["dislike", "contrast"] | None:
    """The verdict on a film said not to have been seen ("never seen Heat"): none ("contrast"), unless the clause after it
    asks ("never seen Heat, what's it like?": none), refuses it ("I haven't seen Titanic and I don't intend to change that":
    "dislike") or judges it (None: the verdict read as usual)."""
    if t.start is None or t.end is None or not _UNSEEN_BEFORE.search(text, 0, t.start) or _SEEN_AFTER_ALL.match(text, t.end):
        return None
    stop = _CLAUSE_END.search(text, t.end)
    said = text[t.end:stop.start() if stop else len(text)]
    if "?" in said:
        return "contrast"
    if _WONT_SEE.search(said):
        return "dislike"
    return None if POSITIVE_CUE.search(said) or NEGATIVE_AFTER.search(said) or _PRAISE.search(said) else "contrast"


#: ...and a film refused unseen is refused ("never watched Titanic and never will").
_WONT_SEE = re.compile(r"\b(?:never will|won'?t|will not|(?:don'?t|do not) intend|no intention|refuse)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?;,\n]|\s(?:but|though|although|while)\b", re.IGNORECASE)


_SEEN_BARE = re.compile(r"^\W*(?:(?:aye|yeah|yep|yes|ok|okay|right|well|oh)\W+)?(?:(?:i'?ve|we'?ve|i have|we have)\s+)?(?:already\s+)?"
                        r"(?:seen|watched|(?<=already )done|(?<=already )shown)\s+$", re.IGNORECASE)
#: ...or, opening its sentence, said to be seen after it ("Saving Private Ryan I have seen already.").
_SEEN_AFTER_BARE = re.compile(r"\s+(?:i|we)(?:'ve|\s+have)?\s+(?:already\s+)?(?:seen|watched)(?:\s+(?:it\s+)?already)?(?=\s*(?:[.!;\n]|$))",
                              re.IGNORECASE)


#: Right after a film wished for, the writer changes their mind: "Something like The Matrix. No, actually, ...", "Like
#: Alien but... actually more like Aliens", "Notebook-type stuff. Or maybe not"; a pause ("a film like Jaws. Hang on,
#: ...") only when another film is named after it (not "A film like Up. Hold on, the kids want to say something").
_TAKEN_BACK_AFTER = re.compile(r"[^.!?;…,]{0,25}?(?:[.!?;…]+\s*|\s*,?\s*)(?:(?P<pause>hang on|hold on)|no,?\s+actually|no,?\s+wait|wait,?\s+no|"
                               r"or maybe not|on second thoughts?|scratch that|god no|but\W+actually\W+(?:more like|rather)|(?<=[.!?]\s)actually,?\s+no)\b",
                               re.IGNORECASE)


def _wish_taken_back(text: str, t: "TitleMention", another: bool) -> bool:
    """A film liked and at once taken back (`another`: a film is named after it): named without a verdict (a later
    verdict on it still counts)."""
    if t.sentiment != "like" or t.end is None:
        return False
    back = _TAKEN_BACK_AFTER.match(text, t.end)
    return back is not None and (another or not back["pause"])


def _seen_bare(text: str, t: "TitleMention") -> bool:
    """A sentence that only says a film was seen ("Seen Rear Window. Seen Vertigo.", "We've already done The Maltese
    Falcon."): no verdict on it."""
    if t.start is None or t.end is None:
        return False
    opening = text[sentence_start(text, t.start):t.start]
    seen_after = _SEEN_AFTER_BARE.match(text, t.end) if not opening.strip(" \"'“‘") else None
    when = _WHEN_WATCHED.match(text, t.end)  # "watched blade runner 2049 last night\nit was fine"
    done = _SENTENCE_DONE.match(text, seen_after.end() if seen_after else when.end() if when else t.end)
    if done is None or not (seen_after or _SEEN_BARE.match(opening)):
        return False
    verdict, later = _first_sentence(text[done.end():].lstrip(" .!;\n"))  # "watched Heat. not my thing", "Seen Up. Loved it."
    if when and not seen_after:
        return bool(_MIDDLING_VERDICT.match(verdict))  # "watched X last night\nit was fine" (not "... last night. what a film")
    if _MORE_LIKE_THAT.search(verdict) or _MORE_LIKE_THAT.search(later):
        return False  # "Ok, seen Dune. Need something similar", "Alien I've seen. Terrifying. More like that."
    if _NOT_THE_FILMS.search(verdict) or _MIXED.search(verdict) or _MIDDLING_VERDICT.match(verdict):
        return True  # "Already watched Heat. No thanks, something else?", "Watched Alien. Too scary for my kids though",
        # "watched blade runner 2049. gorgeous, but way too long." (both ways)
    return not (_short_verdict(verdict, NEGATIVE_AFTER) or (_short_verdict(verdict, POSITIVE_CUE) or _short_verdict(verdict, _SHORT_PRAISE))
                and not _MORE_OF_IT.search(verdict))


#: When or how a film was watched, said right after it ("last night", "on my break", "with my dad").
_WHEN_WATCHED = re.compile(r"(?:\s+(?:last night|yesterday|tonight|today|again|finally|at last|twice|this (?:morning|afternoon|evening|week|weekend)|"
                           r"(?:on|with|during) (?:my|the|our) \w+))+", re.IGNORECASE)
_MIXED = re.compile(r"\b(?:but|though|although|yet)\b", re.IGNORECASE)
#: Praise said short after a film seen ("so good", "so sweet", "brilliant").
_SHORT_PRAISE = re.compile(r"\b(?:so+|really|very|super|well)\s+(?:good|sweet|great|funny|fun|lovely|cute|beautiful|moving|gripping|tense|worth it)\b|"
                           r"\b(?:amazing|brilliant|fantastic|superb|excellent|awesome|incredible|stunning|gorgeous|masterpiece|perfect|great)\b", re.IGNORECASE)
_MORE_LIKE_THAT = re.compile(r"\b(?:similar|like (?:that|it|this|them)|more of (?:that|it|the same))\b", re.IGNORECASE)
#: A verdict on the suggestion, or for someone else, after a film said to be seen.
_NOT_THE_FILMS = re.compile(r"\b(?:no thanks|nope|pass|something|anything|else|pick|suggestion|choice|idea|for (?:my|our|the|her|his|their))\b",
                            re.IGNORECASE)


#: A sentence that says films were seen and nothing of them ("I've already seen Heat and Ronin.", "I've done all the obvious
#: ones: The Godfather, Goodfellas, Casino."): what opens it, what joins its films and what may close it.
_SEEN_OPENS = re.compile(r"\W*(?:(?:i|we|he|she|they)(?:'ve|'s| have| has)\s+(?:both\s+|all\s+)?)?(?:already\s+|also\s+)?(?:seen|watched|done)"
                         r"(?:\s+(?:all|both|every|each|most)\b[^.!?:;,]{0,40}?)?(?:\s+already)?\s*:?\s*", re.IGNORECASE)
#: ("Seen John Wick, seen Taken", texting's "seen john wick n taken")
_LIST_JOIN = re.compile(r"\s*(?:,|&|/|\band\b|\bor\b|\bn\b)\s*(?:(?:seen|watched)\s+)?", re.IGNORECASE)
#: When they were seen ("this month", "last weekend", "back to back"), which says nothing of them.
_WHEN_SEEN = (r"(?:(?:this|last|over the|over|at the)\s+(?:night|week|weekend|month|year|summer|winter|christmas|holidays?|easter|few (?:days|weeks|months))"
              r"|(?:in|over) (?:the )?(?:last|past) (?:few )?(?:days?|weeks?|months?|year)|yesterday|recently|lately|back to back|in a row|in one (?:go|sitting))")
#: ...and what may close it: "already", "to death", "a hundred times", when, and a refusal of them ("so not those two").
_SEEN_CLOSES = re.compile(rf"(?:\s*,?\s*(?:already|too|as well|etc\.?|and so on|you name it|(?:like )?{_OVERSEEN.pattern}|{_WHEN_SEEN}"
                          r"|(?P<refused>(?:so|but)\s+not\s+(?:those|them|these|that one|it)(?:\s+(?:two|three|either|then))?)))*\s*(?:[.!;\n]|$)",
                          re.IGNORECASE)


#: Films listed, then said to be seen ("Breathless, The 400 Blows... seen those", "Alien and Heat, seen both").
_SEEN_AFTER_LIST = re.compile(r"[\s,.…:\-–]*(?:(?:i|we)(?:'ve|\s+have)?\s+)?(?:already\s+)?(?:seen|watched|done)\s+(?:those|them|these|both"
                              r"|all(?:\s+of\s+(?:them|those))?|all\s+(?:three|four|five))(?:\s+already)?\s*(?:[.!;\n]|$)", re.IGNORECASE)
#: After films said to be seen, a verdict on them or a wish for more like them ("Loved both.", "All superb", "all bangers",
#: "What else is like them?", "Something similar?"): they were judged.
_SEEN_JUDGED = re.compile(r"^\W*(?:all|both|each|they|them|those|these)\b|\b(?:similar|like (?:it|them|those|these|that)|more of)\b", re.IGNORECASE)


def _seen_list(text: str, t: "TitleMention", found: Sequence["TitleMention"]) -> Literal["mention", "refused"] | None:
    """`t` is one of the films of a sentence that only says they were seen, in a message that goes on without judging them
    (no praise after, no pan in the next sentence: "I've done all the obvious ones: The Godfather, Goodfellas, Casino. Give
    me a mob film nobody talks about."): a mention; or that rules them out ("she's seen Clueless and Home Alone, so not
    those"): refused. A message that stops there leaves them to the next ("Loved both")."""
    if t.start is None:
        return None
    start = sentence_start(text, t.start)
    stop = m.start() if (m := SENTENCE_END.search(text, t.start)) else len(text)
    films = _films_from(found, start, stop)
    if not films:
        return None
    if (after := _SEEN_AFTER_LIST.match(text, films[-1].end or 0)) and len({f.item_id for f in films}) >= 2 \
            and not text[start:films[0].start or 0].strip(" \"'“‘") and _listed(text, films):
        stop = after.end()  # "Breathless, The 400 Blows... seen those. What else from the sixties?"
    elif not _SEEN_OPENS.fullmatch(text, start, films[0].start or 0):
        return None
    else:
        closed = _SEEN_CLOSES.match(text, films[-1].end or 0)
        if not (_listed(text, films) and closed is not None and closed.end() >= stop):
            return None
        if len({f.item_id for f in films}) < 2 and re.search(_WHEN_SEEN, closed.group(), re.IGNORECASE):
            return None  # one film watched last night is the start of its review ("Watched X last night. Beautiful, ...")
        if closed["refused"]:
            return "refused"
    rest = text[stop:].lstrip(" .!;\n")
    # praise anywhere after ("Honestly? Both were brilliant."), a pan only in the next sentence (not "... older, maybe? and
    # nothing too scary for the 6 year old")
    judged = POSITIVE_CUE.search(rest) or _SEEN_JUDGED.search(rest) or NEGATIVE_AFTER.search(_first_sentence(rest)[0])
    return "mention" if rest and not judged else None


#: Right before films not yet seen, listed: "Watchlist:", "My watchlist this month:", "I've seen every Pixar film except".
_UNSEEN_OPENS = re.compile(r"(?:\bwatch\s?-?list(?:\s+(?:this|for)\s+(?:month|week|weekend|year))?\s*:"
                           r"|\b(?:seen|watched|done)\s+(?:all|every|everything|each)\b[^.!?;:]{0,50}?\b(?:except|but|apart from|other than|besides))"
                           r"\s*$", re.IGNORECASE)
#: A later question that asks which of them, in what order, or whether one is worth it ("Which should I do first?",
#: "Rank the other three for me?", "Worth finishing the set, or is it his weakest?")...
_CHOICE_ASKED = re.compile(r"\b(?:which|rank|order|worth)\b", re.IGNORECASE)
#: ...and asks for no other film ("Anything else worth a look?", "which other crime thrillers are similar?").
_OTHER_FILMS_ASKED = re.compile(r"\b(?:recommend|suggest|something|anything|any|else|other (?:films?|movies?)|similar|like (?:it|them|those|these)|more)\b",
                                re.IGNORECASE)


def _choosing_among_unseen(u: Understanding, scan: str, known: set[str], concepts: ConceptIndex | None) -> None:
    """Films listed as not yet seen (a watchlist, "seen every ... except"), then, in a later sentence, a question which of
    them that asks for no other film and no kind: each is asked about, unless named elsewhere ("Already seen Heat"), and
    the message asks about them, not for films like them."""
    listed = [t for t in u.titles if _listed_after(scan, t, u.titles, _UNSEEN_OPENS)]
    if not listed:
        return
    after = SENTENCE_END.search(scan, max(t.end or 0 for t in listed))
    questions = [q.group() for q in re.finditer(r"[^.!?]+\?", scan[after.end():])] if after else []
    asked = next((q for q in questions if _CHOICE_ASKED.search(q)), None)
    if asked is None or _OTHER_FILMS_ASKED.search(asked) or read_genres(asked, known, concepts).wanted:
        return
    places = defaultdict(set)
    for t in u.titles:
        places[t.item_id].add(t.start)
    for t in listed:  # one named again has its verdict there ("Already seen Heat", "I've only done Casablanca (loved it)")
        t.sentiment = "ask" if len(places[t.item_id]) == 1 else "contrast"
    u.intent, u.genres, u.genre_mode = "ask_item", [], "unsaid"


def _listed_after(text: str, t: "TitleMention", found: Sequence["TitleMention"], opens: re.Pattern[str]) -> bool:
    """`t` is one of the films listed in its sentence right after words `opens` matches (at their end), joined by commas
    or "and"."""
    if t.start is None:
        return False
    start = sentence_start(text, t.start)
    films = _films_from(found, start, t.start + 1)
    return _listed(text, films) and opens.search(text, start, films[0].start or 0) is not None


def _films_from(found: Sequence["TitleMention"], start: int, stop: int) -> list["TitleMention"]:
    """The films found that start in [start, stop), in the order of the text."""
    return sorted((f for f in found if f.start is not None and f.end is not None and start <= f.start < stop), key=lambda f: f.start or 0)


def _listed(text: str, films: Sequence["TitleMention"]) -> bool:
    """The films follow one another joined by commas or "and" only (the films of a series named once share a place)."""
    return all(_LIST_JOIN.fullmatch(text, a.end or 0, b.start or 0) or (a.start, a.end) == (b.start, b.end) for a, b in zip(films, films[1:]))


def _compared(text: str, found: Sequence[TitleMention]) -> None:
    """The film beaten in a comparison is only compared ("godfather part ii > godfather", "Rocky beats Creed"), unless
    a verdict after it takes it in ("... and both are great"); one said to be below the rest is disliked ("< both")."""
    ranked = _ranked(text, found)
    for earlier, t in zip(found, found[1:]):
        if earlier.end is not None and t.start is not None and t.end is not None and t.sentiment == "like" and t not in ranked \
                and _BEATEN.fullmatch(text, earlier.end, t.start) and not POSITIVE_CUE.search(_first_sentence(text[t.end:])[0]):
            t.sentiment = "contrast"
    for t in found:
        if t.end is not None and _BELOW_THE_REST.match(text, t.end):
            t.sentiment = "dislike"


_RANKED_NEXT = re.compile(r"\s*>+\s*")
RANKED_MIN = 3  # a ranking of this many films or more ranks films all liked ("Godfather 2 > Godfather 1 > Goodfellas > Casino")


def _ranked(text: str, found: Sequence[TitleMention]) -> list[TitleMention]:
    """The films of rankings: `RANKED_MIN` or more films, each joined to the next by ">" alone."""
    ranked: list[TitleMention] = []
    chain = found[:1]
    for earlier, t in zip(found, found[1:]):
        if earlier.end is not None and t.start is not None and _RANKED_NEXT.fullmatch(text, earlier.end, t.start):
            chain = [*chain, t]
            continue
        ranked += chain if _a_ranking(text, chain) else []
        chain = [t]
    return ranked + (chain if _a_ranking(text, chain) else [])


_ALL_OF_THEM = re.compile(r"\b(?:all|they|them|each|both|the lot)\b", re.IGNORECASE)


def _a_ranking(text: str, chain: Sequence[TitleMention]) -> bool:
    """Enough films ranked, not all condemned after ("Saw > Saw II > Saw III, all garbage honestly"), and not only the top
    one wished for ("Arrival > Interstellar > Gravity for me. More like the top one")."""
    if len(chain) < RANKED_MIN:
        return False
    stop = m.start() if (m := SENTENCE_END.search(text, chain[-1].end or 0)) else len(text)
    after = text[chain[-1].end or 0:stop]
    return not (NEGATIVE_AFTER.search(after) and _ALL_OF_THEM.search(after) or _TOP_ONE.search(text, chain[-1].end or 0))


_TOP_ONE = re.compile(r"\b(?:the\s+)?(?:top|first)\s+(?:one|pick)\b|\bnumber one\b", re.IGNORECASE)  # "More like the top one"

#: Between two films, the first said to be better: the second is named only to compare ("X > Y", "X is way better than Y").
_BEATEN = re.compile(r"\s*[,;]?\s*(?:>+|(?:(?:is|was|'s)\s+)?(?:(?:way|much|miles|far|so much)\s+)?(?:better|superior)\s+(?:th[ae]n|to)"
                     r"|beats?|trumps|destroys|over|(?:is|was|'s)\s+(?:way\s+|much\s+)?(?:better|superior))\s*", re.IGNORECASE)
#: A film said to be below the others ("shrek the third < both").
_BELOW_THE_REST = re.compile(r"\s*<+\s*(?:both|all|the rest|them|either|the others)\b", re.IGNORECASE)
_SEEN_IT = re.compile(r"\b(?:seen|watched|saw)\s*$", re.IGNORECASE)
_CORRECTED = re.compile(rf"{CHANGE_OF_MIND.pattern}|\b(?:sorry|backwards|i mean|i meant|my mistake|wrong)\b", re.IGNORECASE)
#: A film named only as the other side of a comparison: "more like the matrix than star wars", "more Fargo than Kill Bill"
#: (a capital after "more": a film; not "nothing more boring than Titanic"; so no re.IGNORECASE on the whole pattern).
_CONTRAST = re.compile(r"\b(?i:more)\s+(?:(?i:like)\b[^.!?;]{0,60}|[A-Z][^.!?;]{0,60}?)\b(?i:th[ae]n)\s*$")
#: A middling verdict said on the film, neither liking nor dislike: "The Holiday was alright", "Predator 2: ok",
#: "Jurassic World - so-so", "tolerated Les Mis". Not "The Exorcist is fine" (a refusal taken back), "less so" (a
#: dislike, `NEGATIVE_AFTER`) nor a tag question ("something like Heat, ok?").
_MIDDLING_WORDS = (r"(?:(?:just\s+|only\s+|kinda\s+|pretty\s+)?(?:fine|ok|okay|alright|all right|so-so|so so|average|mediocre|passable|middling)"
                   r"|not (?:bad|terrible|awful),?\s+(?:but\s+)?not (?:great|amazing|brilliant|good)|not (?:great|amazing|brilliant),?\s+(?:but\s+)?not (?:bad|terrible|awful))")
_MIDDLING_VERDICT = re.compile(rf"^\W*(?:(?:it|that)\s+(?:was|is)\s+|it['’]?s\s+)?{_MIDDLING_WORDS}\b", re.IGNORECASE)
_MIDDLING_AFTER = re.compile(rf"(?:\s+(?:ones|films|movies|trilogy|series))?\s*(?:[:\-–—]\s*|,\s*|\s+(?:was|were|seemed|felt)\s+)?{_MIDDLING_WORDS}(?=\s*(?:[,.;!\n]|$))"
                             rf"|\s*\(\s*(?:it\s+(?:was|is)\s+|it['’]?s\s+)?{_MIDDLING_WORDS}\s*\)"  # "Deadpool 2 (it was fine)"
                             # "Titanic is ok I guess" (not "The Exorcist is fine, it's just been ages": a refusal lifted)
                             rf"|(?:\s+(?:is|are|was|were)|['’]s)\s+{_MIDDLING_WORDS},?\s+(?:i guess|i suppose)\b",
                             re.IGNORECASE)
#: Someone's favourite, again, with an eye-roll ("my kid wants finding nemo AGAIN 🙄"): weariness, no verdict on the film,
#: unless it is refused ("NOT frozen again 😩").
_AGAIN_WEARILY = re.compile(r"\s+again\b\W{0,3}(?:🙄|😩|😒|😤|\bugh\b)", re.IGNORECASE)
_MIDDLING_BEFORE = re.compile(r"\b(?:tolerated|put up with)\s+(?:the\s+)?$", re.IGNORECASE)


def _middling(text: str, t: TitleMention) -> bool:
    """Whether the film gets only a middling verdict, with no liking said before it in its clause ("I loved Heat - ok,
    maybe not the ending" likes it)."""
    if t.start is None or t.end is None or POSITIVE_CUE.search(clause_before(text, t.start)):
        return False
    if _MORE_LIKE_IT.search(text, t.end):
        return False  # "Titanic is ok I guess. Something like it please": a film to measure by
    return _MIDDLING_AFTER.match(text, t.end) is not None or _MIDDLING_BEFORE.search(text, max(0, t.start - 20), t.start) is not None


_MORE_LIKE_IT = re.compile(r"\blike it\b|\bmore of it\b", re.IGNORECASE)  # (not "like that": "X was fine, but Y is better. More like that")


#: A list under a bare "Seen:" / "Already seen (by him):" names films without a verdict ("Seen and loved:" likes them).
_SEEN_ONLY = re.compile(r"(?:^|[/\n]|\b)(?:already\s+)?(?:seen|watched)(?:\s+already)?\s*(?:\([^()]{0,30}\))?\s*:\s*(?:[^:;]*,\s*|[^:;]*\band\s+)?$",
                        re.IGNORECASE)


def _inside_idiom(t: TitleMention, text: str, idioms: Sequence[GenreSpan]) -> bool:
    """A lower-case "title" inside a mood phrase ("on the edge of my seat") is the phrase, not *The Edge*."""
    if t.start is None or t.end is None:
        return False
    sentence_start = not text[:t.start].strip() or text[:t.start].rstrip()[-1] in ".!?"
    if text[t.start:t.start + 1].isupper() and not sentence_start:  # "Date night for us": capital of the sentence
        return False
    return any(sp.start <= t.start and t.end <= sp.end for sp in idioms)


def _unjudged_in_story(t: TitleMention, text: str, story: Sequence[tuple[int, int]]) -> bool:
    """A film the story only names ("my husband picked The Sound of Music"): no liking or dislike of it is said."""
    span = next(((a, b) for a, b in story if t.start is not None and a <= t.start < b), None)
    return span is not None and not judged(_mask(text, [(t.start or 0, t.end or 0)]), span, t.start or 0)


def _films_as_dates(u: Understanding, text: str) -> None:
    """A film said as a date ("made before Casablanca", "no newer than E.T.", "the year Titanic came out") bounds the
    years on the side it names, and is no title: the person said nothing of the film itself."""
    kept = []
    range_said = u.year_min is not None and u.year_max is not None  # "the Bicycle Thieves era, late forties to early fifties"
    previous: tuple[int, int] | None = None  # where the last film said as a date stands
    for t in u.titles:
        year = _title_year(t.title) if t.status == "matched" and t.title and t.start is not None and t.end is not None else None
        bound = film_bound(text, t.start or 0, t.end or 0, year) if year is not None else None
        if bound is None and year is not None and previous is not None:  # "before Titanic but after Heat", "between Jaws and Titanic"
            bound = chained_film_bound(text, previous, t.start or 0, year)
            low, high = bound or (None, None)
            if (low if low is not None else u.year_min or 0) > (high if high is not None else u.year_max or 9999):
                bound = None  # no years left: the second film is no date
        if bound is None:
            kept.append(t)
            continue
        previous = (t.start or 0, t.end or 0)
        low, high = bound
        if low is not None and high is not None:  # the film's era, within any bound the message says outright
            if not range_said:
                kept_low = low if u.year_min is None else max(low, u.year_min)
                kept_high = high if u.year_max is None else min(high, u.year_max)
                if kept_low <= kept_high:  # "the Titanic era but nothing before 2005": the bound said outright stands
                    u.year_min, u.year_max = kept_low, kept_high
        else:  # a bound: it sets its own side ("after Titanic but before the millennium")
            u.year_min = low if low is not None else u.year_min
            u.year_max = high if high is not None else u.year_max
        u.era_shift = None
    u.titles = kept


_FILM_PRONOUN = re.compile(r"\b(?:it|that one|that film|that movie)\b", re.IGNORECASE)


def _dated_by_pronoun(u: Understanding, text: str) -> None:
    """The one film named, said again as a date by a pronoun ("Saving Private Ryan, but in the Pacific, and nothing made
    before it", "newer than that one"), bounds the years as its name would; the film stays a title."""
    films = {t.item_id: t for t in u.titles if t.status == "matched" and t.title and t.end is not None}
    if len(films) != 1 or u.year_min is not None or u.year_max is not None:
        return
    film = next(iter(films.values()))
    year = _title_year(film.title or "")
    for said in _FILM_PRONOUN.finditer(text, film.end or 0):
        bound = film_bound(text, said.start(), said.end(), year) if year is not None else None
        if bound is not None:
            u.year_min, u.year_max = bound
            u.era_shift = None
            return


def _relative_to_title(u: Understanding) -> None:
    """"Like Ghost World but newer": after (or before) that film's year, not the standing range."""
    years = [year for t in u.titles if t.status == "matched" and t.title and (year := _title_year(t.title)) is not None]
    if u.era_shift and years and u.year_min is None and u.year_max is None:
        if u.era_shift == "older":
            u.year_max = min(years) - 1
        else:
            u.year_min = max(years) + 1
        u.era_shift = None


_YEAR_BEFORE = re.compile(r"(?:\bthe|['’]s)\s+((?:18|19|20)\d{2})\s+$", re.IGNORECASE)


def _years_naming_titles(text: str, titles: Sequence[TitleMention]) -> list[tuple[int, int]]:
    """Years written right before a title to pick its version ("the 1984 Footloose", "Kaufman's 1978 Invasion of
    the Body Snatchers"): they name that film, not an era."""
    spans = []
    for t in titles:
        found = _YEAR_BEFORE.search(text, max(0, (t.start or 0) - 12), t.start or 0) if t.start else None
        if found:
            spans.append(found.span(1))
        after = _VERSION_AFTER.match(text, t.end) if t.end is not None else None  # "Aladdin, the cartoon of 1992"
        if after:
            spans.append(after.span(1))
        dated = _OWN_YEAR_AFTER.match(text, t.end) if t.end is not None and t.title else None  # "Beethoven from 1992"
        if dated and _title_year(t.title or "") == int(dated[1]):
            spans.append(dated.span(1))
        # '"PRIDE & PREJUDICE" (2005)', '"Psycho" (1960, not the remake)', "«Cinema Paradiso» (1988, I think?)": a year off by one
        # is a memory of the film's
        noted = _YEAR_NOTE_AFTER.match(text, t.end) if t.end is not None and t.title else None
        if noted and abs((_title_year(t.title or "") or 0) - int(noted[1])) <= 1:
            spans.append(noted.span(1))
    return spans


#: Years in brackets right after names, two or more ("Amour (2012)", "Caché (2005)", found in the catalog or not), or a year that dates
#: a film's release of some kind ("the 2010 restoration", "the 1992 director's cut"): a film's own year, no era.
_BRACKETED_YEAR = re.compile(r"(?<=\S)\s*\(\s*((?:18|19|20)\d{2})\s*\)")
#: ...not a year said of a time or a kind ("my Birth Year (1994)", "Summer (2019)", "Horror (2010)").
_TIME_BEFORE = re.compile(r"\b(?:year|summer|winter|spring|autumn|fall|era|decade|recent|genre|from|since|before|after|until|in|horror|comedy|"
                          r"drama|thriller|romance|action|western|musical|documentary|animation|fantasy|mystery|war|crime|adventure)\W*$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?:^|\s)[\"“'‘]?(?:[A-ZÀ-ÖØ-Þ][\w'’.!:-]*)[\"”'’]?$")
_RELEASE_YEAR = re.compile(r"\b((?:18|19|20)\d{2})\s+(?:restoration|restored version|remaster(?:ed)?(?: version)?|re-?release|re-?issue|"
                           r"director'?s cut|final cut|extended (?:cut|edition)|special edition|anniversary (?:edition|release|re-?release)|4k (?:release|remaster|restoration))\b",
                           re.IGNORECASE)


def _years_of_films(text: str) -> list[tuple[int, int]]:
    """Years that date films, not the wish: in brackets after capitalised names, in a message that dates two or more so
    (`_BRACKETED_YEAR`), or before a word for a release (`_RELEASE_YEAR`)."""
    named = [m for m in _BRACKETED_YEAR.finditer(text) if _NAME_BEFORE.search(text, 0, m.start()) and not _TIME_BEFORE.search(text, 0, m.start())]
    spans = [m.span(1) for m in named] if len(named) >= 2 else []  # ("Caché (2005) > Funny Games (1997) > Amour (2012)")
    return spans + [m.span(1) for m in _RELEASE_YEAR.finditer(text)] + [m.span(1) for m in _SEEN_IN_YEAR.finditer(text)]


#: When the writer saw or loved a film, not when it was made: "Saw it in '52 at the Odeon", "Loved it in '72".
_SEEN_IN_YEAR = re.compile(r"\b(?:saw|seen|watched|loved|liked|hated|first saw|caught)\s+(?:it|them|that|this|that one|both)\s+(?:back\s+)?in\s+"
                           r"('\d{2}|(?:18|19|20)\d{2})\b(?!s)", re.IGNORECASE)


def _years_inside(text: str, titles: Sequence[TitleMention]) -> list[tuple[int, int]]:
    """Years the grounder took as part of a title's words ("pride & prejudice 2005")."""
    return [m.span() for t in titles if t.start is not None and t.end is not None for m in _A_YEAR.finditer(text, t.start, t.end)]


_A_YEAR = re.compile(r"\b(?:18|19|20)\d{2}\b")


#: A title's own year said after it: "Beethoven from 1992", "Heat (of 1995)".
_OWN_YEAR_AFTER = re.compile(r"\s*,?\s*\(?\s*(?:from|of|made in|released in)\s+((?:18|19|20)\d{2})\b"
                             r"(?!\s*(?:-|–|to\b|through|till|until|on\b|onwards?|\+|or (?:later|after|newer|earlier|before)|and (?:later|after|up)))",
                             re.IGNORECASE)  # not "films like Titanic from 1997 to 2005", "like Heat from 1995 onwards"
#: The film's own year in brackets after its closing quote or bracket: '"PRIDE & PREJUDICE" (2005)', "[Heat] (1995)".
_YEAR_NOTE_AFTER = re.compile(r"[\"”’'\]»)]?\s*\(\s*((?:18|19|20)\d{2})\b(?:\s*\)|\s*,[^()]{0,40}\))")
_VERSION_AFTER = re.compile(r"\s*(?:,\s*|\(\s*)?(?:the|its)\s+(?:\w+\s+){0,2}?(?:one|version|original|cartoon|remake|film|movie|adaptation)"
                            r"\s+(?:of|from)\s+((?:18|19|20)\d{2}|['’]?\d{2})\b(?!['’]?s)", re.IGNORECASE)


#: The era of a film just named: "something from that decade", "the same year", "same sort of era", "the same vintage as Jaws".
SAME_ERA = re.compile(r"\b(?:(?:the|that|those|this)\s+)?(?:very\s+)?(?:same\s+)?(?:sort\s+of\s+|kind\s+of\s+|few\s+)?"
                      r"(?P<unit>decade|year|era|period|vintage|time|years)\b", re.IGNORECASE)
_SAME_ERA_CUE = re.compile(r"\b(?:same|that|those)\b", re.IGNORECASE)
_AT_ONCE = re.compile(r"\b(?:at|all at)\s+$", re.IGNORECASE)  # "sad and funny at the same time": together, no era


def _same_era_as_title(u: Understanding, rest: str) -> None:
    """"Shawshank ... something from that decade" = the 1990s; "the same year" = 1994; "same sort of era",
    "the same vintage", "those same few years" = the film's year give or take two (the corpus rule)."""
    if u.year_min is not None or u.year_max is not None:
        return
    found = next((m for m in SAME_ERA.finditer(rest) if _SAME_ERA_CUE.search(m.group()) and not _AT_ONCE.search(rest, 0, m.start())), None)
    named = [t for t in u.titles if t.status == "matched" and t.title and t.start is not None and _title_year(t.title)]
    if found is None or not named:
        return
    before = [t for t in named if (t.start or 0) < found.start()]
    year = _title_year((before[-1] if before else named[0]).title or "") or 0
    unit = found["unit"].lower()
    if unit == "decade":
        u.year_min, u.year_max = year // 10 * 10, year // 10 * 10 + 9
    elif unit == "year":
        u.year_min = u.year_max = year
    else:
        u.year_min, u.year_max = year - SAME_ERA_WIDTH, year + SAME_ERA_WIDTH
    u.era_shift = None


#: A remade film's year right after it, said any way: "the fly from 86", "the thing from eighty two", "heat from 1995".
_FROM_YEAR_AFTER = re.compile(rf"\s+from\s+({YEAR_SAID})(?!['’]?s)", re.IGNORECASE)


def _versions_by_note(text: str, titles: Sequence[TitleMention]) -> None:
    """A remade film with its version's year after it is that version ("Solaris, the original of 1972", "the fly from 86")."""
    for t in titles:
        note = (_VERSION_AFTER.match(text, t.end) or _FROM_YEAR_AFTER.match(text, t.end)) if t.status == "ambiguous" and t.end is not None else None
        said = year_said(note[1]) if note else None
        dated = [(i, title) for i, title in t.alternatives if said is not None and (year := _title_year(title)) is not None
                 and names_year(said, year)]
        if len(dated) == 1:
            t.status, (t.item_id, t.title) = "matched", dated[0]


#: Versions of one film set side by side in a question ("the 1994 one or the 1949 one?", "1956 vs 1978", "which ...").
_VERSIONS_SIDE_BY_SIDE = re.compile(r"\b(?:one|ones|version|versions|remake|original|vs|versus|or|cut)\b", re.IGNORECASE)
_VERSIONS_ASKED = re.compile(r"\?|\b(?:which|vs|versus)\b", re.IGNORECASE)


def _version_at(text: str, t: TitleMention, item_id: int | None, title: str | None, year: tuple[int, int]) -> TitleMention:
    """Another version of the film `t`, named by its year: at the film's own place, or, when its year is said in a later
    sentence, there with that sentence's verdict ("Is the 2005 King Kong really three hours long? I loved the 1933 one")."""
    stop = SENTENCE_END.search(text, t.start) if t.start is not None else None
    if stop is not None and year[0] >= stop.end():
        return replace(t, item_id=item_id, title=title, alternatives=[], start=year[0], end=year[1],
                       sentiment=title_sentiment(text, year[0], year[1]))
    return replace(t, item_id=item_id, title=title, alternatives=[])


def _versions_by_years(text: str, titles: list[TitleMention]) -> list[tuple[int, int]]:
    """A remade film named once in a question with the years of two or more of its versions names each of them ("Which
    Little Women should I watch first, the 1994 one or the 1949 one?", "Is the 2005 King Kong faithful to the 1933
    one?"): the other versions join the mentions, at the same place. Returns the spans of those years, which name films
    and no era."""
    if not (_VERSIONS_SIDE_BY_SIDE.search(text) and _VERSIONS_ASKED.search(text)):
        return []  # (not "loved Halloween (1978), hated the 2007 one": each version its own verdict)
    spans: list[tuple[int, int]] = []
    for t in list(titles):
        if t.status not in ("matched", "ambiguous") or t.start is None or t.end is None:
            continue
        versions = ([(t.item_id, t.title)] if t.status == "matched" else []) + list(t.alternatives)
        if len({_BRACKETS.sub("", title or "").strip().lower() for _, title in versions}) != 1:
            continue  # only versions of one title
        named: dict[int | None, tuple[int | None, str | None]] = {}
        where: dict[int | None, tuple[int, int]] = {}
        years: list[tuple[int, int]] = []
        for m in _A_YEAR.finditer(text):
            dated = [v for v in versions if _title_year(v[1] or "") == int(m.group())]
            if len(dated) == 1 and not t.start <= m.start() < t.end:
                named.setdefault(dated[0][0], dated[0])
                where.setdefault(dated[0][0], m.span())
                years.append(m.span())
        if len(named) < 2:
            continue
        own = named.get(t.item_id) or next(iter(named.values()))
        t.status, (t.item_id, t.title) = "matched", own
        at = titles.index(t) + 1
        titles[at:at] = [_version_at(text, t, i, title, where[i]) for i, title in named.values() if i != own[0]]
        spans += years
    return spans


def _versions_by_era(u: Understanding) -> None:
    """A remade film named without a year is the one version made inside the era asked for ("a classic noir,
    40s or 50s. Just not The Maltese Falcon" is the 1941 film, not the 1931 one)."""
    if u.year_min is None and u.year_max is None:
        return
    low, high = u.year_min or 0, u.year_max or 9999
    for t in u.titles:
        if not _versions_of_one_title(t) or t.mention.islower():
            continue  # only versions of one title written as a name, not different films or ordinary words ("a themed party")
        inside = [(i, title) for i, title in t.alternatives if (year := _title_year(title)) is not None and low <= year <= high]
        if len(inside) == 1:
            t.status, (t.item_id, t.title) = "matched", inside[0]


def _versions_by_company(u: Understanding, grounder: Grounder | None) -> None:
    """A remade film named bare, when neither a note nor the era picks its version, is the one the grounder
    finds likeliest from the other films named and how widely each version is seen."""
    likeliest = getattr(grounder, "likeliest_version", None)
    if likeliest is None:
        return
    company = [t.item_id for t in u.titles if t.status == "matched" and t.item_id is not None]
    for t in u.titles:
        if not _versions_of_one_title(t) or not _named_as_a_film(u.text, t):
            continue  # only versions of one title, not different films, and not ordinary words ("it's", "a themed party")
        picked = likeliest([i for i, _ in t.alternatives], company)
        if picked is not None:
            t.status, (t.item_id, t.title) = "matched", next((i, title) for i, title in t.alternatives if i == picked)


def _versions_of_one_title(t: TitleMention) -> bool:
    """The mention is left to choose among versions of one title, not among different films."""
    return t.status == "ambiguous" and len({_BRACKETS.sub("", title).strip().lower() for _, title in t.alternatives}) == 1


def _named_as_a_film(text: str, t: TitleMention) -> bool:
    """Whether a mention reads as a film's name, not as words that happen to be one: a word no everyday list
    holds ("the ladykillers"), several words ("wonder woman"), or a capital where no sentence starts ("loved The Fly")."""
    content = [w for w in normalise_title(re.sub(r"'s\b", "", t.mention)).split() if w not in ARTICLES]
    words = dictionary() or COMMON_WORDS  # the word list ships with the embedder's package; the short list stands in
    if len(content) > 1 or any(w not in words for w in content):
        return True
    before = text[: t.start or 0].rstrip()
    return t.mention[:1].isupper() and bool(before) and before[-1] not in ".!?:\n"


_BRACKETS = re.compile(r"\s*\([^)]*\)")


def _title_year(title: str) -> int | None:
    """The year a display title ends with ("Alien (1979)" -> 1979)."""
    found = re.search(r"\((\d{4})\)$", title)
    return int(found.group(1)) if found else None


def _question_sentences(text: str, titles: Sequence[TitleMention]) -> list[tuple[int, int]]:
    """The sentences that ask about a named film (a "?" or a question word, and a title in them)."""
    out = []
    for start, end in _sentence_spans(text):
        sentence = text[start:end]
        if _has_title(titles, start, end) and (sentence.rstrip().endswith("?") or QUESTION_START.match(sentence) or ASK_ITEM.search(sentence)):
            out.append((start, end))
    return out + _asked_back(text, titles)


#: A liking (or a dislike) given as the premise of a question ("are the hobbit films worth it if i loved lord of the rings?",
#: "Is The Hateful Eight worth watching if I hated Django Unchained?"): the film keeps that verdict.
_PREMISE = (r"\b(?:if|since|as|because|cos|cause)\s+(?:i|we)\s+(?:really\s+|totally\s+)?"
            r"(?:loved|liked|enjoyed|adored|love|like|enjoy|adore|hated|disliked|hate|dislike|couldn'?t stand|can'?t stand)\s+")
_GIVEN_LIKING = re.compile(_PREMISE + "$", re.IGNORECASE)
#: ...and the films listed after the first one liked ("if i love raiders, temple of doom and last crusade"): up to
#: `_LISTED_CHARS` of names, commas and "and", where no question starts ("if i loved the godfather, which is better, ...").
_LISTED_CHARS = 60
_GIVEN_LIKINGS = re.compile(_PREMISE + r"(?:(?!\b(?:which|what|is|was|are|or|better|worse)\b)[^.!?;]){1,%d}?(?:,\s*(?:and\s+)?|\s(?:and|&)\s+)$"
                            % _LISTED_CHARS, re.IGNORECASE)


#: A question's verb right before a film, a rating given to it, or an "if": what follows the film is asked of it, someone's
#: rating or a supposition ("is Heat 9/10 or more?", "Letterboxd gives Cats 1.5/5, is it that bad?", "If The Shining is a 10 ...").
_ASKED_RIGHT_BEFORE = re.compile(r"\b(?:if|is|was|are|were|does|did|would|will|rate[sd]?|rating|give[sn]?|gave|giving|score[sd]?|scoring)\s+$", re.IGNORECASE)
#: Marks offered as a choice after a film ("The Thing (the 1982 one): ✅ or ❌ for someone who hates gore?"): a question.
_MARKS_OFFERED = re.compile(r"[^.!?\n]{0,30}?(?:✅|❌|👍|👎|✓|✗)\s*(?:or|/)\s*(?:✅|❌|👍|👎|✓|✗)")
#: A film named by its place in a series ("the first"): compared with it, both films are asked about ("is 2049 slow like the first?").
_SERIES_PLACE = re.compile(r"(?:the )?(?:first|original|second|third|last|sequel|prequel)\b", re.IGNORECASE)


def _compared_with(text: str, t: TitleMention, asked: Sequence[TitleMention]) -> bool:
    """The film an asked one is compared with in the same question keeps its verdict ("is memento like inception?")."""
    if _SERIES_PLACE.match(t.mention):
        return False
    opened = sentence_start(text, t.start or 0)
    return _like_title(text, t) and any(o is not t and o.end is not None and o.end <= (t.start or 0) and (o.start or 0) >= opened for o in asked)


#: After the film asked about, the first of two films offered as its measure ("is Sicario closer to Traffic or to ...",
#: "is Dark City more Blade Runner or more Matrix?") ...
_FIRST_MEASURE = re.compile(r"\s+(?:(?:more|closer|nearer)\s+(?:to\s+|like\s+)?|more\s+of\s+an?\s+)(?:the\s+)?", re.IGNORECASE)
#: ...and the second, after "or".
_SECOND_MEASURE = re.compile(r"\s*,?\s*or\s+(?:(?:more\s+)?(?:to|like)\s+|more\s+(?:of\s+an?\s+)?)?(?:the\s+)?", re.IGNORECASE)
#: One film as what another "is just", with a twist after it ("Pacific Rim is just Transformers with worse dialogue", "is
#: Snowpiercer basically The Matrix on a train?"): a pitch, not a verdict on it.
_JUST_ANOTHER = re.compile(r"\s+(?:(?:is|was|'s|’s)\s+)?(?:just|basically|simply|essentially|literally|really just|pretty much|only)\s+(?:the\s+)?",
                           re.IGNORECASE)
_TWIST_AFTER = re.compile(r"\s+(?:with|on|in|but|minus|without|plus|set|for)\b", re.IGNORECASE)


def _just_another(text: str, t: TitleMention, found: Sequence[TitleMention]) -> bool:
    """`t` is what the film named right before it "is just", with a twist said after it (`_JUST_ANOTHER`)."""
    before = [o for o in found if o.end is not None and t.start is not None and o.end <= t.start]
    return bool(before) and t.start is not None and t.end is not None and before[-1].end is not None \
        and _JUST_ANOTHER.fullmatch(text, before[-1].end, t.start) is not None and _TWIST_AFTER.match(text, t.end) is not None


def _measures_offered(text: str, t: TitleMention, asked: Sequence[TitleMention]) -> bool:
    """`t` is one of two films a question offers as the measure of the film it asks about: only compared with it."""
    films = [o for o in asked if o.start is not None and o.end is not None]
    return any(t in (first, second) and _FIRST_MEASURE.fullmatch(text, o.end or 0, first.start or 0) is not None
               and _SECOND_MEASURE.fullmatch(text, first.end or 0, second.start or 0) is not None
               for o, first, second in zip(films, films[1:], films[2:]))


#: Beside a question between films, a wish for one of them ("which one's scarier, The Ring or The Grudge? my sister wants
#: one for a sleepover", "we want the more fun one"): the question still asks about them; not "one like it".
_ONE_OF_THEM = re.compile(r"\b(?:wants?|needs?|after|pick|choose)\s+(?:(?:the|a)\s+(?:\w+\s+){1,2})?one\b(?!\s+(?:like|similar|that|with|from|of))",
                          re.IGNORECASE)


_OTHERS_TOO = re.compile(r"\b(?:others?|else|suggestions?|recommend\w*|like (?:them|those|these|it))\b", re.IGNORECASE)  # ("any other suggestions?")


#: Beside a question about a film, words of wanting that ask for no films: a refusal or a worry ("My uncle won't watch
#: anything that isn't.", "don't want it to be awkward", "need a warning before date night"; not "wouldn't mind something
#: lighter", "don't you have something else?").
_NO_WISH_SAID = re.compile(r"\b(?:won'?t|wouldn'?t|don'?t|do not|doesn'?t|does not|never)\s+(?!mind\b|you\b)(?:\w+\s+){0,2}?(?:want|need|anything|something)\b"
                           r"|\bneed (?:a|some) (?:warning|heads[- ]?up)\b", re.IGNORECASE)


#: A film as the measure of what a question asks for: "Fugitive-type stuff instead?", "gremlins-ish, from the eighties?".
_LIKENESS_ASKED = re.compile(r"-\s?(?:type|style|esque|ish)\b", re.IGNORECASE)


def _measure_asked(text: str, t: TitleMention) -> bool:
    """The film, liked, is the measure of what its question asks for."""
    return t.sentiment == "like" and bool(_LIKENESS_ASKED.match(text, t.end or 0)) \
        and not _YES_NO.match(text, sentence_start(text, t.start or 0))


_YES_NO = re.compile(r"\W*(?:is|was|are|were|does|did|do|has|have|had|can|could|would|should|will)\b", re.IGNORECASE)


_ASKED_OF_IT = re.compile(r"\b(?:is|was|are|were|does|did|would|will|should|could|can)\s+(?:it|that|this|they|those|these)\b"
                          r"|\b(?:who|when)\s+(?:directed|made|wrote|starred|stars|is in|was in|came out)\b", re.IGNORECASE)


def _judged_where_named(text: str, t: TitleMention) -> bool:
    """A verdict is passed in the clause of the sentence that names the film."""
    if t.start is None or t.end is None:
        return False
    span = next(((a, b) for a, b in _sentence_spans(text) if a <= t.start < b), (0, len(text)))
    if "?" in text[span[0]:span[1]] or _WONDERING.search(text, *span) or ASK_ITEM.search(text[span[0]:span[1]]):
        return False  # the film's own sentence asks ("I should like to know whether The Third Man is available")
    return judged(_mask(text, [(t.start, t.end)]), span, t.start)


_WONDERING = re.compile(rf"\b{_WONDER}\b", re.IGNORECASE)


def _split_question(u: Understanding, scan: str, rest: str, known: set[str], concepts: ConceptIndex | None,
                    has_previous: bool) -> None:
    """A question about a film asks, it does not like; the message's other sentences still say what is
    wanted ("is pulp fiction too violent? if so suggest a tamer crime comedy"), and asking there for
    films makes the message a request with the film still asked about."""
    asked = _question_sentences(scan, u.titles)
    inside = [t for t in u.titles if any(a <= (t.start or 0) < b for a, b in asked)]
    if inside and all(_measure_asked(scan, t) for t in inside):  # "Fugitive-type stuff instead?": a wish, asked
        u.intent = "refine" if has_previous and not u.new_search else "recommend"
        return
    # a question naming no film found asks about the films named before it ("is it any good?"), but not those already judged
    # when it asks of something else ("alien 3 (awful), aliens (best). is covenant worth it?")
    of_them = bool(inside) or _ASKED_OF_IT.search(scan) is not None
    for t in inside or [t for t in u.titles if of_them or not _judged_where_named(scan, t)]:
        start = t.start or 0  # a liking given as the premise, and the films listed after it
        given = _GIVEN_LIKING.search(scan, 0, start) or _GIVEN_LIKINGS.search(scan, max(0, start - 2 * _LISTED_CHARS), start)
        # ...and a film rated where it is named ("toy story 1 ✅ cars ❌ ... pixar deep cuts for my 6yo?") keeps its rating
        rated = t.end is not None and t.sentiment in ("like", "dislike") and rating_after(scan, t.end) is not None \
            and not _ASKED_RIGHT_BEFORE.search(scan, 0, start) and not _MARKS_OFFERED.match(scan, t.end)
        if _measures_offered(scan, t, inside) or _just_another(scan, t, inside):
            t.sentiment = "contrast"
        elif not (given or rated or _compared_with(scan, t, inside) or _measure_asked(scan, t)):
            t.sentiment = "ask"
    other = _mask(rest, asked) if asked else ""
    read = read_genres(other, known, concepts) if other.strip() else None
    u.genres, u.avoid_genres = (read.wanted, read.avoided) if read else ([], [])
    u.genre_mode = read.mode if read else "unsaid"
    said = _NO_WISH_SAID.sub(" ", ABOUT_THE_FILM.sub(" ", _mask(scan, asked)))
    choosing = len({t.item_id for t in inside}) >= 2 and _ONE_OF_THEM.search(said) is not None and not _OTHERS_TOO.search(said)
    if other.strip() and ASKS_FOR_FILMS.search(said.replace("?", "")) and not choosing:
        u.intent = "refine" if has_previous and not u.new_search else "recommend"
    else:  # "is inside out sad? thinking of it for my 6yo": the child is the asked film's audience, not a wish
        u.genres = [g for g in u.genres if g != "Children"]


def understand(text: str, *, known_genres: Sequence[str], grounder: Grounder | None, shown: Sequence[int] = (),
               has_previous: bool = False, concepts: ConceptIndex | None = None, newest_year: int = 2018,
               judge: GenreJudge | None = None, roles: TitleRoles | None = None, asked_before: int | None = None) -> Understanding:
    """Parse one message. Never raises on odd text: the worst case is an empty understanding.

    `asked_before` is the one film the previous message asked about, or named as watched with no verdict (`the_film_asked`):
    "it" and "that one" in a message naming no film point back at it ("is Casablanca worth it?", then "more like it from
    the 1940s" likes Casablanca). `concepts` (genre
    prototypes and catalog tags, embedded) lets words no list has be read by meaning; `newest_year` anchors "the last N
    years"; `judge` (a model trained on labelled requests) vetoes wanted genres the writer did not mean and adds avoided
    ones the rules missed; `roles` (another) gives each film found its role where it is surer than the rules, and takes
    names the rules passed over."""
    cleaned, notes = clean_message(text)
    reply = answer_to_quote(cleaned, lambda said: _films_in(said, grounder))
    cleaned, shown = starred_corrections(spoken_punctuation(reply.text)), reply.quoted or shown  # "> Heat\n> Ronin\nthe first one"
    u = Understanding(intent="chitchat", text=cleaned, notes=notes)
    if not cleaned:
        return u
    u.injection = bool(INJECTION.search(cleaned))
    u.new_search = bool(NEW_SEARCH.search(cleaned))
    u.reset_genres = bool(SCRAPPED.match(cleaned))
    u.audience_left = bool(AUDIENCE_LEFT.search(cleaned))
    scan = INJECTION.sub(lambda m: " " * len(m.group()), cleaned) if u.injection else cleaned
    scan = ADDRESSEE.sub(_unaddressed, scan)
    titled = capitalised_throughout(scan)  # ("Gosford Park Was A Dissapointment")
    scan = spell_verdicts(spell_shorthand(scan), getattr(grounder, "title_words", frozenset()), capitalised=titled)  # "fight club is so overated"
    known = set(known_genres)
    idioms = [sp for sp in lexicon_spans(scan, known) if " " in scan[sp.start:sp.end]]
    idioms += [GenreSpan(m.start(), m.end(), (), "idiom") for m in CHAT_IDIOMS.finditer(scan)]
    story = story_spans(scan)  # a long message's sentences that tell rather than ask
    u.titles = [t for t in _ground(scan, grounder) if not _inside_idiom(t, scan, idioms) and not _unjudged_in_story(t, scan, story)]
    learned, dropped = _learned_roles(u, scan, grounder, roles, idioms, story) if roles is not None else ({}, [])
    compared = [(t.start or 0, t.end or 0) for t in dropped if t.sentiment == "contrast"]  # still no genre word ("more like X than Scary Movie")
    rest = correct(_mask(scan, [(t.start, t.end) for t in u.titles if t.start is not None and t.end is not None and not _speech(t)]
                         + story + compared))
    if titled:  # the rest of a message capitalised throughout is read in lower case: its capitals name nothing ("Nothing After 1980")
        rest = words_lowered(rest)
    _versions_by_note(scan, u.titles)
    versions = _versions_by_years(scan, u.titles)
    # a dropped film's year is no era either ("pride & prejudice 2005, her A"); its words may be one ("made during the Blitz")
    years = read_years(_mask(rest, _years_naming_titles(scan, [*u.titles, *dropped]) + _years_inside(scan, dropped) + versions
                             + _years_of_films(scan)),
                       newest_year)
    u.year_min, u.year_max, u.era_shift, u.any_era = years.year_min, years.year_max, years.shift, years.any_era
    u.era_decades = years.decades
    u.era_widen, u.era_whole_decade = years.widen, years.whole_decade
    u.era_shift_widens, u.era_added, u.era_absolute = years.shift_widens, years.added, years.absolute
    _films_as_dates(u, scan)
    _dated_by_pronoun(u, scan)
    if not years.absolute:  # "Moana again... something animated, recent" is recent, not newer than Moana
        _relative_to_title(u)
    _same_era_as_title(u, rest)
    _versions_by_era(u)
    _versions_by_company(u, grounder)
    u.references = read_references(rest, shown)
    if asked_before is not None and not u.titles and not u.references and (back := refers_back(rest)) is not None:
        u.references = [(asked_before, back)]
    # ...and what is asked of the bot itself: "are you a real person?" wants no documentary
    rest = _mask(rest, years.spans + [(m.start(), m.end()) for m in [*REFERENCE.finditer(rest), *BOT_SELF.finditer(rest)]])
    read = read_genres(rest, known, concepts, about_a_film=bool(u.titles or u.references))
    u.genres, u.avoid_genres, u.unavoid_genres, u.unwant_genres = read.wanted, read.avoided, read.unavoided, read.removed
    u.avoid_kinds, u.avoid_moods = read.avoided_kinds, read.avoided_moods
    u.genre_mode, u.replace_genres, u.tags, u.avoid_tags = read.mode, read.replace, read.tags, read.avoid_tags
    content = _mask(rest, [(s.start, s.end) for s in [*read.spans, *read.plain] if s.source == "lexicon" or s.negated])
    negated = [(m.start(), len(rest)) for m in NEGATIVE_CUE.finditer(content)]  # words after "not" are not wishes
    u.keywords = read_keywords(_mask(content, [(a, min(b, a + 40)) for a, b in negated]))
    if concepts is not None:  # content words are words the catalog's own tags use, or tags matched by meaning
        u.keywords = [w for w in u.keywords if w in concepts.tag_words or any(w in t for t in u.tags)]
    stated = any(sp.source == "lexicon" and not sp.negated and not _kind_in_verdict(scan, sp.start, sp.end, u.titles)
                 and not _audience_of_verdict(scan, sp, u.titles) for sp in read.spans)
    u.intent = read_intent(scan, u, has_previous, stated)
    if u.intent == "ask_item":  # "is Alien too scary?" asks about Alien: no liking, no request from the question
        _split_question(u, scan, rest, known, concepts, has_previous)
    if u.intent in ("recommend", "refine"):
        _choosing_among_unseen(u, scan, known, concepts)
    if u.intent == "feedback":  # "it always moves me" is an opinion, not a request for dramas
        u.genres, u.genre_mode = [], "unsaid"
    for t in u.titles:  # the model's roles stand over the rules' (the question readers' included)
        t.sentiment = learned.get(id(t), t.sentiment)
    if judge is not None and u.intent != "chitchat":
        _judge(u, judge.odds(scan), known)
    return u


#: A message longer than this (about 220 words) is not searched for names the rules passed over: the search grows with
#: the length (about 50 ms at this length on 2 cores) and few such messages name films without the cues the rules read.
PASSED_OVER_MAX_CHARS = 1200


def _learned_roles(u: Understanding, scan: str, grounder: Grounder | None, roles: TitleRoles, idioms: Sequence[GenreSpan],
                   story: Sequence[tuple[int, int]]) -> tuple[dict[int, Sentiment], list[TitleMention]]:
    """The title-role model's second opinion (`roles.second_opinion`): films it is sure name nothing leave
    `u.titles`; names the rules passed over that it is sure are films join them, passed through the same filters as
    the rules' own. Returns the roles it is sure of (by mention), for `understand` to set once the rules, the question
    readers included, have had their say, and the dropped films: the years written with them are no era, and those the
    rules named only to compare ("more like X than Scary Movie") no genre words either; their other words may be the
    request ("a Scary Movie for Halloween", "made during the Blitz")."""
    found = [t for t in u.titles if t.status == "matched" and t.start is not None and t.end is not None]
    taken = [(t.start, t.end) for t in u.titles if t.start is not None and t.end is not None]
    offered = getattr(grounder, "passed_over", None) if len(scan) <= PASSED_OVER_MAX_CHARS else None
    passed = [TitleMention(mention=g.mention, status="matched", item_id=g.item_id, title=g.title, sentiment="like", start=g.start, end=g.end)
              for g in (offered(scan, taken) if offered is not None else [])
              if not _genre_word_heading(scan, g.start, g.end) and not _signed(scan, g.start, g.end) and not _spelt_genre(g.mention, exact=g.confidence >= 1.0)]
    passed = [t for t in passed if not _inside_idiom(t, scan, idioms) and not _unjudged_in_story(t, scan, story)]
    if not found and not passed:
        return {}, []
    odds = roles.odds(scan, [(t.start or 0, t.end or 0) for t in [*found, *passed]])
    learned: dict[int, Sentiment] = {}
    dropped: list[TitleMention] = []
    for t, o in zip(found, odds[:len(found)]):
        if second_opinion(o) == "none":
            dropped.append(t)
        elif (role := sure_role(o)) is not None and t.sentiment != "contrast" and not (role == "like" and t.sentiment == "dislike") \
                and label_verdict(scan, t.start or 0) is None:
            # a film named to compare ("Rocky beats Creed"), a refusal the rules read ("not like Star Wars") and a film in a
            # list under a label with a verdict ("good: ... bad: the 2008 one") keep their reading
            learned[id(t)] = role
    for t, o in zip(passed, odds[len(found):]):
        if names_a_film(o):
            t.sentiment = learned[id(t)] = label_verdict(scan, t.start or 0) or sure_role(o) or _as_rules_read(scan, t)
            u.titles.append(t)
    u.titles = sorted((t for t in u.titles if not any(t is d for d in dropped)), key=lambda t: t.start or 0)
    return learned, dropped


def _spelt_genre(mention: str, *, exact: bool) -> bool:
    """One word the rules passed over that is a genre's name, or a misspelling of a genre word ("romanve + comedy"): the
    kind of film asked for, never the film of that name (*Romance*, 1999). Other genre words may be films ("sit through
    scream again"), and so may a title spelt right (`exact`) that looks like a misspelt one ("we quote croods")."""
    word = mention.strip().lower()
    if GENRE_NAME.fullmatch(word):
        return True
    if " " in word or exact:
        return False
    fixed = correct(word).lower()
    return fixed != word and fixed in _GENRE_WORDS


def _as_rules_read(scan: str, t: TitleMention) -> Sentiment:
    """The rules' verdict on a name they passed over, for a film the model is sure of but not of its role."""
    return "dislike" if title_sentiment(scan, t.start, t.end) == "dislike" else "like"


def _judge(u: Understanding, odds: GenreOdds, known: set[str]) -> None:
    asks = u.intent in ("recommend", "refine") and u.genre_mode != "all"  # "is alien too scary?" asks for no genre
    wishable = known - set(u.unavoid_genres) - set(u.avoid_genres) - set(u.unwant_genres) if asks else set()
    judged = judge_genres(u.genres, u.avoid_genres, odds, known - set(u.unavoid_genres), wishable)
    u.genres, u.avoid_genres = judged.wanted, judged.avoided  # the mode stays: a mix the judge thins is still asked as one
