"""Exact titles ground exactly: a sample of the catalog-wide check (`bench/grounding.py` runs all
9,742 titles), the issue's cases, and the punctuation titles are written with."""

from __future__ import annotations

import random

import pytest

from tools.retriever.grounding import TitleGrounder, canonical_key, catalog_form, key_variants, prefix_names, short_names, subtitle_names
from tools.retriever.grounding_check import cases, run


@pytest.fixture(scope="module")
def grounder(ml_stores) -> TitleGrounder:
    return TitleGrounder(ml_stores.catalog)


def test_a_sample_of_the_catalog_grounds_exactly(ml_stores, grounder: TitleGrounder) -> None:
    catalog = list(ml_stores.catalog.all())
    tallies = run(grounder, cases(random.Random(13).sample(catalog, 300), catalog))
    for (with_year, group), tally in tallies.items():
        total = sum(tally.verdicts.values())
        failures = [(c.message, note) for c, note in tally.failures]
        if with_year or group == "unique name":  # the goals: 100% with the year, >= 99% without
            assert tally.passed >= (total if with_year else 0.98 * total), (with_year, group, failures[:10])
    assert sum(t.passed for t in tallies.values()) >= 0.99 * sum(sum(t.verdicts.values()) for t in tallies.values())


@pytest.mark.parametrize(("message", "item_id"), [
    ("I loved Monsters, Inc. (2001)", 4886),
    ("I loved Kill Bill: Vol. 1 (2003)", 6874),
    ("I loved Kill Bill: Vol. 2 (2004)", 7438),
    ("I loved Kill Bill Vol. 1", 6874),
    ("I loved Godfather, The (1972)", 858),
    ("I loved The Godfather: Part II", 1221),
    ("I loved Godfather: Part II, The (1974)", 1221),
    ("I loved Toy Story 2 (1999)", 3114),
    ("I loved Paris, Texas", 1305),
    ("I loved Sex, Lies, and Videotape (1989)", 1186),
    ("I loved Good, the Bad and the Ugly, The (1966)", 1201),
    ("I loved Hot Shots! Part Deux", 466),
    ("I loved G.I. Jane (1997)", 1586),
    ("I loved 20,000 Leagues Under the Sea (1954)", 1019),
    ("I loved Shall We Dance? (1996)", 1537),
    ("I loved It (2017)", 175303),
    ("I loved Kids (1995)", 175),
    ("I loved Life or Something Like It", 5324),
    ("I loved Titanic (1953)", 3404),
])
def test_punctuated_and_numbered_titles(grounder: TitleGrounder, message: str, item_id: int) -> None:
    found = [g for g in grounder.find_mentions(message) if g.status != "unknown"]
    assert [(g.status, g.item_id) for g in found] == [("matched", item_id)], [(g.mention, g.status, g.item_id) for g in found]


def test_a_title_with_its_year_keeps_the_rest_of_the_message(grounder: TitleGrounder) -> None:
    found = grounder.find_mentions("I loved Monsters, Inc. (2001) and Alien, nothing romantic")
    assert [(g.status, g.item_id) for g in found] == [("matched", 4886), ("matched", 1214)]
    text = "I loved Monsters, Inc. (2001) and Alien, nothing romantic"
    assert text[found[0].start : found[0].end] == "Monsters, Inc. (2001)"


def test_same_name_without_a_year_is_a_choice(grounder: TitleGrounder) -> None:
    found = grounder.find_mentions("I loved Kill Bill")
    assert len(found) == 1 and found[0].status == "ambiguous"
    assert {a.item_id for a in found[0].alternatives} >= {6874, 7438}


def test_a_version_note_is_part_of_the_mention(grounder: TitleGrounder) -> None:
    text = "crash (the 2004 one), babel"
    found = grounder.find_mentions(text)
    assert text[found[0].start : found[0].end] == "crash (the 2004 one)"
    assert grounder.find_mentions("I loved Crash")[0].status == "ambiguous"  # no version said, none dominant: a choice


@pytest.mark.parametrize(("versions", "company", "picked"), [
    ([5602, 7367], [608, 61323], 7367),  # The Ladykillers beside Fargo and Burn After Reading: the Coens' 2004 film
    ([5602, 7367], [6650], 5602),  # ...beside Kind Hearts and Coronets: the Ealing film of 1955
    ([2454, 2455], [], 2455),  # The Fly named alone: the 1986 film, rated three times as often
    ([4754, 47810], [], None),  # The Wicker Man: 1973 and 2006 are rated alike, so the writer is asked
])
def test_the_likeliest_version_of_a_remade_film(grounder: TitleGrounder, versions: list[int], company: list[int], picked: int | None) -> None:
    assert grounder.likeliest_version(versions, company) == picked


def test_a_grade_after_a_name_ends_it_but_a_surname_does_not(grounder: TitleGrounder) -> None:
    found = grounder.find_mentions("Prisoners A-, The Girl on the Train D+.")
    assert [g.status for g in found] == ["matched", "matched"]
    assert found[1].mention == "The Girl on the Train"
    assert [g for g in grounder.find_mentions("actors I rate: Emma Stone 10/10, Sharon Stone 3/10") if g.status == "matched"] == []


@pytest.mark.parametrize("message", ["I loved it, honestly, so much", "Paris is nice, Texas too", "well, inc. or not"])
def test_ordinary_punctuated_phrases_are_not_titles(grounder: TitleGrounder, message: str) -> None:
    assert [g for g in grounder.find_mentions(message) if g.status == "matched" and g.method == "exact" and "," in g.mention] == []


def test_catalog_form_moves_nothing_back() -> None:
    from muse.domain import Item

    assert catalog_form(Item(858, "The Godfather", 1972, raw_title="Godfather, The (1972)")) == "Godfather, The"
    assert catalog_form(Item(1, "Seven", 1995, raw_title="Seven (a.k.a. Se7en) (1995)")) == "Seven"


@pytest.mark.parametrize(("message", "expected"), [
    # numbers are numbers: not *10* (1979), *9* (2009) or *10 Years* (2011)
    ("watched the conjuring last nite and literally couldnt sleep 10/10", [103688]),
    ("something for my 9 year old", []),
    ("a space film from the last 10 years", []),
    # a lower-case title right after a cue needs only a few ratings; a leading digit is no capital
    ("smth like get out, creepy but smart", [168250]),
    ("funny and romantic, like 10 things i hate about you", [2572]),
    ("is monster house too scary for a six year old", [46948]),
    # ordinary phrases that happen to be titles, with no cue, are words
    ("a soldier stuck behind enemy lines trying to get his squad out", []),
    ("a comedy of the old school, maybe", []),
    ("space movies w aliens and big battles", []),
    ("a kid finds a friendly alien in his backyard", []),
    ("no western, my father has seen enough of them", []),
    ("Educational documentary about the ocean", []),
    # a misspelt sequel keeps its number
    ("we watched toy stroy 3 with the kids", [78499]),
    # numbers and volumes as people write them, the name before a subtitle, an initialism
    ("is kill bill volume two better than the first one", [7438, 6874]),
    ("loved kill bill 2", [7438]),
    ("Which is better, Lagaan or 3 idiots?", [6776, 73881]),  # a short name of no language is the film's own; any rated film beside it
    ("a documentary set in Africa", []),
    # a popular title's own article, a sentence's first words, "a rewatch of", a dropped apostrophe, a possessive
    ("never understood the fuss about the godfather", [858]),
    ("we did a rewatch of back to the future", [1270]),
    ("john wick but with swords", [115149]),
    ("watched muriels wedding again", [342]),
    ("crocodile dundee's a bit silly", [2470]),
    ("the one with tom hanks on the island", []),
    ("something more atmospheric than gory", []),
    # one lower-case word is a word unless a cue names it
    ("a stage adaptation with lots of songs", []),
    ("cozy village murder, not gory", []),
    ("fast cars and fights", []),
    ("how long is titanic", [1721]),
    # a question about a film's facts that ends on one common word, or runs on to its verb ("come out", "about", "rated")
    ("what year was heat", [6]),
    ("when did heat come out?", [6]),
    ("what is heat about", [6]),
    ("whats heat rated", [6]),
    ("what year was that", []),
    ("what time is dinner", []),
    ("when did heat release", [6]),
    ("whats up, any good comedies?", []),  # a greeting: the question says nothing more
    ("hi! how are you? what's up?", []),
    # a misspelt title with "for" or "with" inside it; a word followed by "of" heads a longer phrase
    ("is requim for a dream as depressing as people say", [3949]),
    ("saw dial m for murderer last night", [1086]),
    ("loved matirx for the action", [2571]),
    ("is there a film about the fall of the Wall", []),
    ("loved heat of course", [6]),
    ("my son loves cars of all things", [45517]),
    # an ordinal typed in digits or spelt out
    ("the 5th element is so fun", [1527]),
    ("The 6th Sense was great", [2762]),
    # a slash with a space beside it separates a list; one joining two words may be a title's own
    ("alien / aliens / predator / the thing / the fly (86): all 10s.", [1214, 1200, 3527, 2288, 2455]),
    ("heat / ronin / collateral", [6, 2278, 8798]),
    ("Frost/Nixon was great", [64620]),
    # a misspelt one-word title opening a sentence, with its verdict's verb after it; not a person so placed
    ("Matirx was awesome", [2571]),
    ("Interstelar was too long", [109487]),
    ("Denzel was great", []),
    ("heat or ronin, which's more intense?", [6, 2278]),  # a choice asked with "which's"
    ("Kubrick was a perfectionist", []),
    # a series' film by its own part after "<series> and the", in either of its titles
    ("She loved Philosopher's Stone and Chamber of Secrets.", [4896, 5816]),
    ("temple of doom was too scary", [2115]),
    ("what's the holy grail of 80s horror?", []),  # two words after "and the" are an idiom's too
    ("the sixth day of my holiday, need a film", []),  # an ordinal spelt out is no title typed in digits
    ("i hated the movie avatar", [72998]),
    ("but not e.t., never liked it", [1097]),
    ("like The Goonies or E.T.", [2005, 1097]),
    # "<title> type / vibes": a film like it; a possessive name before a title; a word after a title and "and"; a colon ends a title
    ("martial arts 70s, enter the dragon type", [7482]),
    ("I adore Nolan's Inception and Memento", [79132, 4226]),
    ("the twins loved toy story and shrek", [1, 4306]),
    ("inception: people explaining the plot to each other", [79132]),
    ("space type thing, no aliens", []),
    # a list item beside a title; a title asked about in a question; a title's first words; nationalities are no titles
    ("children of men, gattaca, minority report. grim stuff", [48774, 1653, 5445]),
    ("how long is lawrence of arabia", [1204]),
    ("is crouching tiger dubbed or subbed?", [3996]),
    ("grand budapest 10/10", [109374]),
    ("There's this feeling I get", []),
    ("horror, American one please, no Mexican stuff", []),
    ("is the titanic the one where the door was big enough", []),
    ("movie like Lawrence of Arabia, big adventure in desert", [1204]),  # a common word beside a title is still a word
    ("how long is interstelar", [109487]),  # a misspelt title asked about
    # a year beside a lower-case title dates its version; a sequel's number after a casual title; "directed"
    ("halloween 78 is the scariest", [1982]),
    ("is the 2016 jungle book any good", [137857]),
    ("hey um is toy story three sad", [78499]),
    ("who directed heat?", [6]),
    ("a thriller from 1995", []),
    # texting cues, "X made me cry", a chat word's capitals, a one-word title after a question's "Is"
    ("luv'd inception, more like tht", [79132]),
    ("shawshank, green mile, forest gump. more like those", [318, 3147, 356]),  # a misspelt list item beside titles
    ("terminater 1 and 2 are peak", [1240, 589]),  # a misspelt series name before its numbers
    # a long name of several words spelt one letter off, even of a little-rated film; one word needs a popular film
    ("b&w comedys pre 1950 like bringin up baby", [955]),
    ("Anything that channels Leone? Operatic stand-offs, Morricone scores", []),  # a film-maker spelt close to *Léon*
    ("no horror, my cousin is 9 and a wimp", []),  # a relative, not *My Cousin Vinny* ...
    ("I loved my cousin vinny", [2302]),  # ... which its whole name still names
    ("ip man and infernal afairs were both sick", [65514, 7981]),
    ("Loved Vertigo; Psycho I found overrated.", [903, 1219]),  # "I" the speaker ends a capitalised run
    ("Born in 1938, so nothing is old to me!", []),  # a fuzzy reading whose year does not fit is no match
    ("I loved Jurrasic Park (1995)", [480]),  # ...unless the year is bracketed: the writer's own, misremembered
    ("Watched Whiplash on a plane (incredible), loved it", [112552]),  # a note in brackets is no list item
    ("war horse made me cry", [91126]),
    ("Is The Goonies OK for an 8 year old?", [2005]),
    ("Is Up too sad for a 6-year-old?", [68954]),
    ("Good afternoon. May I ask how this works?", []),
    ("Hitchcock's British period", []),
    # a film-maker, a planet, an answer, a verdict, a person owning a title: no film; a slip keeps its numbers; a coined short name
    ("Any Hitchcock from the 40s, the colour ones", []),
    ("saw the film Hitchcock last night", [98585]),
    ("Sci-fi set on Earth, nothing in space", []),
    ("Perfect, Hocus Pocus it is.", [2052]),
    ("alien and aliens are perfect, alien 3 not so much", [1214, 1200, 1320]),
    ("no Adam Sandler, no Will Ferrell, just a clever comedy", []),
    ("Which is the better entry point to Kurosawa, Seven Samurai or Rashomon?", [2019, 5291]),
    ("I've seen Die Hard 20 times", [1036]),
    # a series' initials or nickname before a number, and a comparison sign between two films
    ("hp 3 is my fave", [8368]),
    ("i think bttf 2 > bttf 1", [2011, 1270]),
    ("john wick 2 > john wick 1", [168248, 115149]),
    ("Indy 4 ruined the whole series for me", [59615]),
    ("pirates 1 was fun but 2 and 3 dragged", [6539, 45722, 53125]),
    ("avengers 1 yes", [89745]),
    ("spiderman 2 best one", [8636]),  # a hyphenated name typed as one word
    ("mi1 great, mi2 garbage", [648, 3623]),  # a nickname written together with its number...
    ("i have 2 kids, mi 3 years", []),  # ...and not apart, nor initials before a count
    ("love every one of them: casablanca, rio bravo and roman holiday", [912, 4329, 916]),  # down a list of titles
    ("Deadly film last night, In Bruges.", [57669]),  # ...but ordinary words beside one need a known film
    ("Moonrise Kingdom: charming. Grand Budapest: perfect.", [94959, 109374]),  # a verdict word is no film
    ("psycho (hitchcock) perfect, psycho (1998) pointless", [1219, 2389]),
    ("the godfather + gf2 masterpieces, gf3 we don't talk about", [858, 1221, 2023]),
    ("Is Aguirre worth it?", [7063]),
    # abbreviations people type
    ("t2 or aliens type thing", [589, 1200]),
    ("loved edge of tmrw", [111759]),
    # a remade film's version named beside it: a note, a word after, the word before
    ("crash (the 2004 one), babel, magnolia", [33166, 46723, 3160]),
    ("the thing (carpenter, not the 2011 one) is my all time fave", [2288]),
    ("like the stepford wives (the 1975 one, not the remake)", [2346]),  # what is said before the "not" comes first
    ("the shining and it (the new one) both messed me up", [1258, 175303]),
    ("they liked Jumanji (the new one) and Night at the Museum", [179401, 46972]),  # the newest film of the series
    ("is the robocop remake as bad as everyone says?", [108945]),
    ("the real 70s ones like the original Shaft", [3729]),
    # the only version that agrees on a leading article ("Arrival" is not "The Arrival")
    ("is arrival slow?", [164179]),
    # a popular one-word title opening a list of titles
    ("Heat, Speed, Face/Off: 90s action please", [6, 377, 1573]),
    # days and holidays are dates unless a word names them as films
    ("Halloween night with the kids (9 and 11)", []),
    ("Family film night every Friday", []),
    ("something swoony for Valentine's", []),
    ("New Year's Eve with the in-laws", []),
    ("I loved Halloween, more Carpenter please", [1982]),
    ("my wife refuses anything with princesses. Help!", []),
    # "the first (one)" / "the original" after a sequel is the series' first film; "the first time" is not
    ("the godfather part 2 is even better than the first", [1221, 858]),
    ("They loved Paddington 2, is the first one as good?", [178827, 117887]),
    ("toy story 2 was great, i watched it for the first time last week", [3114]),
    ("loved alien, the first one is the best", [1214]),
    ("the first harry potter was great", [4896]),  # "the first" before a series' name (three films or more)
    ("a satire released in the first half of the 1990s", []),
    # one swapped pair of letters in a popular title; a chat word opening the sentence is no word before it;
    # a holiday's name listed beside titles is one
    ("matirx was awsome", [2571]),
    # a misspelt title where one is expected is the longest start of the words that reads as one, and two
    # words a title writes as one count ("god father"); "watch" cues a misspelt title, never ordinary words
    ("i loved the god father what else is like that", [858]),
    ("i'm going to watch pulp friction tonight", [296]),
    ("i can only watch one b4 bed", []),
    ("a seafaring adventure of the Master and Commander sort", [6947]),  # the title starts after the article
    # a series' film by its subtitle; a likeness hyphenated onto a title
    ("the phantom menace was a letdown", [2628]),
    ("Fury Road-level mayhem, but as a western", [122882]),
    ("a Groundhog Day-style loop, but scary", [1265]),
    ("a high-level thriller", []),
    ("our book club is watching an adaptation this month", []),
    ("lol scary movie 2 was trash", [4388]),
    ("the slasher stuff mostly, Halloween, Nightmare on Elm Street, that kind of thing", [1982, 1347]),
    # a series' films listed by number; a film compared with a title; a less-known film listed beside one
    ("godfather 1 and 2 obviously", [858, 1221]),
    ("toy story 2 and 3 were fine", [3114, 78499]),
    ("seen alien 3 4 times", [1320]),
    ("i'm 35 and 2 kids later", []),
    ("shrek 2 better than shrek?", [8360, 4306]),
    ("heard it's more about language than aliens", []),
    ("loved superbad and adventureland", [54503, 67734]),
    # a refusal names a film that is no ordinary word ("not transformers"), never a word ("not scary")
    ("something loud, not transformers though", [53996]),
    ("a romcom but not notting hill", [2671]),
    ("fantasy with bite, and not twilight please", [63992]),
    ("not scary, not too long", []),
    # a range of sequel numbers; a less-known one-word film right after an opinion, never after a simile
    ("rocky 1 through 4", [1954, 2409, 2410, 2411]),
    ("lethal weapon 1-3 were great", [2000, 2001, 2002]),
    ("watched it 3-4 times", []),
    # a film of a series said as where a run starts: the later films too ("Rocky 2 on the other hand" is one film)
    ("Rocky III onwards no", [2410, 2411, 2412]),
    ("Alien 3 and after were rubbish", [1320, 1690]),
    ("rocky 4+ no", [2411, 2412]),
    ("alien + aliens, more pls", [1214, 1200]),  # a plus between two films lists them
    ("Is Toy Story 3 too sad? She adored 1 and 2.", [78499, 1, 3114]),  # numbers after a verdict verb name the series' films
    ("Toy Story 3 was great, I saw 2 films today", [78499]),  # ...not a count of films
    ("Rocky 2 on the other hand was fun", [2409]),
    # a full stop that shortens a word inside a title ends no sentence
    ("What's Dr. Strangelove actually about?", [750]),
    ("Mr. Holland's Opus made me cry", [62]),
    ("I loved prisoners and nightcrawler", [104879, 115569]),
    ("the effects age like milk", []),
    # a known film by its initials, written in capitals or with its number; never an ordinary word
    ("TDK yes, TDKR no", [58559, 91529]),
    ("BTTF2 is the underrated one", [2011]),
    ("MIB2 was lazy, MIB1 is a classic", [5459, 1580]),
    ("HTTYD 2 had my 6yo in bits", [112175]),
    ("something lit tonight, wow", []),
    ("lol idk, anything but a DVD i own", []),
    # a popular title remembered one word off, where a title is expected; never a description that shares
    # words with a title ("meet on a train"), nor one whose kept words are no name ("the third one", "in paris")
    ("the shawshank escape is my all time favourite", [318]),
    ("my mum adored the devil wears gucci", [45720]),
    ("how to train my dragon for the kids again?? no", [76093]),
    ("12 angry jurors is peak cinema", [1203]),
    ("the wolves of wall street was exhausting", [106782]),
    ("a nightmare on elm road (the 1984 one) is my october tradition", [1347]),
    ("two strangers meet on a train and fall for each other", []),
    ("ooh the third one looks good", []),
    ("romantic but not cheesy, set in paris maybe", []),
    ("I loved Legend", []),
    # foreign articles are no English words, so "la la land" standing alone is a name; "I" the pronoun ends it
    ("la la land = snooze", [164909]),
    ("I am not fan of the musical films, la la land I found boring.", [164909]),
    ("Good afternoon. May I ask on what basis you choose?", []),
    # family words and "he's" are no names ("Dad's birthday", "He's 70"); words in capitals in a shouting message are
    # emphasis ("my 5yo is OBSESSED", "NEVER AGAIN"), while initials stay titles; "-style" after a title likens to it
    ("Dad's birthday film: he's into true stories", []),
    ("Looking for something for my dad. He's 70, loves westerns", []),
    ("DINOSAURS!!!!! my 5yo is OBSESSED, what can we watch that WON'T terrify her???", []),
    ("Watched it alone 🫣 NEVER AGAIN. something cute and fluffy", []),
    ("TDK yes, TDKR no. is BvS worth my time?", [58559, 91529]),
    ("I loved HEAT and ALIEN", [6, 1214]),
    ("SPACEEEE gravity-style!!!", [104841]),
    # the sides of a choice asked with "which" are films; genre words and plain nouns stay words
    ("which is better, heat or collateral?", [6, 8798]),
    ("up or cars, which should the kids watch first", [68954, 45517]),
    ("which is scarier, ghosts or zombies?", []),
    # a viewing log's word right after a lower-case title marks it as one ("inception loved, tenet walked out")
    ("log: inception loved, tenet walked out, dunkirk meh. what next", [79132, 174055]),
    # a dictionary word opening a sentence and going on as a phrase is no title; one talked about is
    ("Junior doctor. Please don't recommend anything medical.", []),
    ("Airport night crew. Body says sleep, brain says sci-fi.", []),
    ("Moon, but less lonely. Alien scared me.", [68237, 1214]),
    ("Titanic never did it for me. Gattaca really dragged.", [1721, 1653]),
    ("Frozen one more time and I will lose my mind.", [106696]),
    # a popular title that is no word of the language names the film with no cue; an English word missing from
    # the vocabulary, or a plural of one, does not
    ("are the creepy bits in coraline too much for a sensitive 6yo?", [66097]),
    ("my sister keeps pushing whiplash, will i get on with that one better?", [112552]),
    ("movies about hackers from the late 90s", []),
    ("stag do hangover day, eight lads on a sofa", []),
    # a film by the one coined word of its title, capitalised or after a cue; a verdict verb after a name
    ("Something Ghibli, just not Totoro.", [5971]),
    ("rewatched shawshank, green mile and stand by me, all still perfect.", [318, 3147, 1259]),
    ("a grumpy widower who befriends the noisy family next door", []),
    ("Babysitting my niece tonight, she's 4", []),
    ("Acceptable: Pixar, Ghibli, Aardman.", []),
    ("Gattaca went down brilliantly with my year 11s", [1653]),
    # a verb only a film's viewer says of it, then the viewer, names a lower-case film; not ordinary words
    ("the conjuring bored me tbh", [103688]),
    ("arrival and ex machina blew me away", [164179, 115713]),
    ("the weather wrecked me", []),
    ("the others bored me", []),
    # a title after "loves" / "adore"; a list's next item after a verdict; "one" is never a film alone
    ("she loves la la land and mamma mia", [164909, 60397]),
    ("jaws 2 meh, jaws 3 lol no, jaws the revenge shouldn't exist", [1388, 1389, 4124]),
    ("I think he'd enjoy one.", []),
    # "X meets Y" names both; "the X kind" names a film
    ("mean girls meets heathers but the boys version", [7451, 1285]),
    ("audrey hepburn romcoms, the roman holiday kind", [916]),
    # a catalog form ends with its article ("War, The"); "the American one" says which version
    ("I should like a picture about the Great War, the mud of Flanders", []),
    ("scarier than The Ring, the American one, but no gore", [5679]),
])
def test_casual_mentions_and_ordinary_words(grounder: TitleGrounder, message: str, expected: list[int]) -> None:
    found = [g.item_id for g in grounder.find_mentions(message) if g.status == "matched"]
    assert found == expected, [(g.mention, g.status, g.item_id) for g in grounder.find_mentions(message)]


def test_a_series_named_as_such_lists_its_films(grounder: TitleGrounder) -> None:
    (start, end, films), = grounder.find_series("Our daughter loved the Harry Potter films. What's next?")
    assert len(films) == 8 and all(title.startswith("Harry Potter") for _, title in films)
    assert [i for i, _ in grounder.find_series("the godfather trilogy")[0][2]] == [858, 1221, 2023]
    # a little-known film named exactly as the series is not one of its films (the 1978 cartoon)
    assert [i for i, _ in grounder.find_series("a huge fan of the Lord of the Rings films")[0][2]] == [4993, 5952, 7153]
    assert grounder.find_series("no war films please, and no kids movies or funny movies") == []
    assert grounder.find_series("the last three films I watched were all bad") == []  # a number is no series
    assert [i for i, _ in grounder.find_series("lotr vibes")[0][2]] == [4993, 5952, 7153]  # an abbreviation of a series
    # a kind of film is no series: a catalog tag, a word that titles only a little-known film, a possessive
    for kind in ("best christmas films", "vampire films", "kung fu movies", "road movies", "he's seen all the John Wayne ones",
                 "and is he in the sequels too"):
        assert grounder.find_series(kind) == [], kind
    assert [i for i, _ in grounder.find_series("something like the Bourne ones")[0][2]][1:] == [5418, 8665, 54286, 91535]
    assert grounder.find_series("the alien films")[0][2][0][0] == 1214  # a well-known film of that very title
    assert grounder.find_series("she only watches black and white films") == []  # no "White" series
    # a series in the plural after "the", "both" or "all"; a plural that is a title names that film
    assert [i for i, _ in grounder.find_series("no more of the harry potters please")[0][2]][:2] == [4896, 5816]
    assert [i for i, _ in grounder.find_series("both Toy Stories")[0][2]] == [1, 3114, 78499]
    assert [i for i, _ in grounder.find_series("I grew up on the Godfathers")[0][2]] == [858, 1221, 2023]  # one word: capitalised
    assert grounder.find_series("the Aliens") == [] and grounder.find_series("three hobbits") == []
    for plain in ("a western set in the Rockies", "the screams in that film gave me a headache", "the lord of the rings the fellowship one"):
        named = [title for _, _, films in grounder.find_series(plain) for _, title in films]
        assert not any(word in title for title in named for word in ("Rocky", "Scream", "Ring (")), (plain, named)


def test_a_series_named_bare_lists_its_films(grounder: TitleGrounder) -> None:
    def series(text: str) -> list[list[int]]:
        return [[i for i, _ in films] for _, _, films in grounder.find_series(text)]

    trilogy = [4993, 5952, 7153]
    assert series("seen lord of the rings a hundred times") == [trilogy]  # not its little-known 1978 namesake
    assert series("I'm not into Harry Potter") == [[4896, 5816, 8368, 40815, 54001, 69844, 81834, 88125]]
    assert series("any more like wallace and gromit?") == [[1148, 745, 720]]  # release order
    assert series("harry potter and the goblet of fire was great") == []  # one of its titles
    assert series("harry potter 1 to 3 are the cosy ones") == []  # numbers pick films (read elsewhere)
    assert series("I loved The Lord of the Rings (1978)") == series("the lord of the rings 1978") == []  # a year picks one
    assert series("like police story") == []  # a film of that very title is nearly as known as the rest
    assert series("back to the future") == []  # the first film itself is the best known
    # the film released under the series' bare name; the kind one film is of; no films of it at all
    assert series("a big galactic saga with empires and rebels, but not Star Wars") == [[260]]
    assert series("ESB is the only star wars that matters") == series("HP3 is the only harry potter i rewatch") == []
    assert series("he's read all the Harry Potter books") == series("the Star Wars prequels were a mess") == []


def test_sequel_numbers_and_short_names() -> None:
    assert canonical_key("kill bill volume two") == "kill bill vol 2"
    assert canonical_key("the godfather part ii") == "the godfather part 2"
    assert canonical_key("toy story three") == "toy story 3"
    assert canonical_key("the two towers") == "the two towers"  # only a last or numbered word
    assert "kill bill 2" in key_variants("kill bill vol 2")
    assert short_names("Lagaan: Once Upon a Time in India") == ["lagaan"]
    assert short_names("2001: A Space Odyssey") == []  # a number alone is never a name
    assert short_names("E.T. the Extra-Terrestrial") == ["e t", "et"]
    assert prefix_names("the grand budapest hotel") == ["grand budapest"]
    assert prefix_names("there s something about mary") == []
    assert subtitle_names("Mad Max: Fury Road") == ["fury road"]
    assert subtitle_names("Star Wars: Episode III - Revenge of the Sith") == ["revenge of the sith"]
    assert subtitle_names("Kill Bill: Vol. 2") == [] and subtitle_names("Alien") == []  # a number or no subtitle
    assert subtitle_names("Harry Potter and the Goblet of Fire") == ["goblet of fire"]  # after "<name> and the"
    assert subtitle_names("Beauty and the Beast") == [] and subtitle_names("Sex and the City") == []  # one word, one-word name
    assert subtitle_names("Monty Python and the Holy Grail") == []  # two words after "and the": an idiom's too
    assert "the 5th element" in key_variants("the fifth element") and key_variants("the 13th warrior") == {"the 13th warrior"}


def test_films_by_number(grounder: TitleGrounder) -> None:
    def mentioned(text: str) -> list[int]:
        return [g.item_id for g in grounder.find_mentions(text) if g.status == "matched"]

    assert mentioned("shrek 3 at 2 am") == [53121]  # Shrek the Third: counted after Shrek 2
    assert mentioned("harry potter 1 to 3 are the cosy ones") == [4896, 5816, 8368]
    assert mentioned("HP3 is the one i rewatch") == [8368]  # the series' initials and a number
    assert mentioned("DH3 is the best") == [165]  # Die Hard: With a Vengeance
    assert mentioned("the helm's deep one (LOTR 2)") == [5952]
    assert mentioned("the 3rd bourne is the best one") == [54286]
    assert mentioned("loved the first two terminator films") == [1240, 589]
    assert mentioned("watched all three back to the future films") == [1270, 2011, 2012]
    assert grounder.find_series("loved the first two terminator films") == []  # two films, not the series


def test_numbers_and_ordinals_after_a_film_of_a_series(grounder: TitleGrounder) -> None:
    def mentioned(text: str) -> list[int]:
        return [g.item_id for g in grounder.find_mentions(text) if g.status == "matched"]

    assert mentioned("toy story 1 and 2 yes, 3 made me sob") == [1, 3114, 78499]
    assert mentioned("rocky 1 through 4, skip 5") == [1954, 2409, 2410, 2411, 2412]
    assert mentioned("the second matrix was a mess and the first is a masterpiece. is the third any good?") == [6365, 2571, 6934]
    assert mentioned("who plays the dad in back to the future? is he in the sequels too") == [1270, 2011, 2012]
    assert mentioned("loved the first two terminator films, the rest can stay in the bin") == [1240, 589, 6537]
    assert mentioned("i loved toy story and shrek. the second one was better") == [1, 4306]  # which list is meant: unknown
    assert mentioned("loved toy story, the rest were meh") == [1]  # "the rest" of a list shown, not of the series
    assert mentioned("toy story 2 then 3 times more") == [3114]  # a count is no sequel number


def test_a_misspelt_film_sat_through_or_walked_out_of(grounder: TitleGrounder) -> None:
    def mentioned(text: str) -> list[int]:
        return [g.item_id for g in grounder.find_mentions(text) if g.status == "matched"]

    assert mentioned("fell asleep in blade runer, want sci fi thats faster") == [541]
    assert mentioned("walked out of pulp fction") == [296]
    assert mentioned("fell asleep during interstelar") == [109487]
    assert mentioned("fell asleep in class, walked out of the room, sat through the whole thing") == []


def test_the_scale_of_a_score_is_no_film(grounder: TitleGrounder) -> None:
    found = grounder.find_mentions("Heat, Ronin and Collateral: 9/10, 6/10, 2 out of 10")
    assert [g.item_id for g in found if g.status == "matched"] == [6, 2278, 8798]  # never *10* (1979)


def test_a_range_of_ages_is_no_film(grounder: TitleGrounder) -> None:
    assert grounder.find_mentions("Film club for 10-11 year olds on Friday afternoon.") == []  # never *10* (1979)
    assert grounder.find_mentions("a 9–11 year old") == []  # nor *9* (2009)
    assert [g.item_id for g in grounder.find_mentions("Rocky 1-3")] == [1954, 2409, 2410]


def test_a_short_name_means_the_film_everyone_knows_over_a_barely_seen_namesake(grounder: TitleGrounder) -> None:
    assert grounder.ground("blair witch").item_id == 2710  # The Blair Witch Project, not Blair Witch (2016, one rating)
    assert grounder.ground("Blair Witch (2016)").item_id == 163937  # the year says which
    assert grounder.ground("snow white").item_id == 594
    assert grounder.ground("AVP").item_id == 8810  # a name in capitals before the colon, not Ace Ventura's initials


def test_a_person_named_is_no_film(grounder: TitleGrounder) -> None:
    assert grounder.find_mentions("Spy films in the le Carré mould") == []  # a surname after its particle, not *Carrie*
    assert grounder.find_mentions("a board game film from when I was little, Robin Williams is in it") == []  # an actor
    assert grounder.find_mentions("anything starring Robin Williams") == []  # not *Robin Williams: Live on Broadway*
    assert [g.item_id for g in grounder.find_mentions("I love de Niro films like Heat")] == [6]


def _matched(grounder: TitleGrounder, text: str) -> list[int]:
    return [g.item_id for g in grounder.find_mentions(text) if g.status == "matched"]


@pytest.mark.parametrize(("text", "ids"), [
    # a one-word title opening its clause, judged a few words on, however little rated
    ("clue is the funniest film ever made, fight me.", [2413]),
    ("rope was fun, frenzy was nasty.", [2176]),  # (Frenzy has two ratings)
    ("speed was great fun but twister had me yawning.", [377, 736]),  # "had me ...": a viewer's verdict
    ("brick was brilliant, more noir-ish teen stuff", [44761]),
    ("ransom yes, payback no", [832, 2490]),  # a list verdict closing the clause
    ("The Others was perfect, similar please", [4720]),  # common words at a sentence's start, then a verdict
    ("is there a film called tomorrow? my friend swears there is", [150696]),  # named as a title
    ("Gremlins 2 was fun", [2004]),  # a numbered head before a subtitle, not the first film
    ("Sleepless yes, YGM no", [539]),  # a verdict word after a name opening the sentence
    ("LA Confidential and Chinatown on loop.", [1617, 1252]),  # initials typed without their stops
    ("bravehart vs last of the mohicians, which 1 is bloodier", [110, 1408]),  # both sides of a match-up, misspelt
    ("cats vs dogs debate", []),
    # what these must leave alone
    ("the weather was awful", []),
    ("dinner was great", []),
    ("coffee yes, tea no", []),
    ("The Thing is, I hate gore", []),
    ("The Others are coming later", []),
    ("vacation was great, back now, any thrillers?", []),  # a bare word judged needs ten ratings unless it is coined
    ("the interview was awful, I need cheering up", []),
    ("the boss had me working late", []),  # "had me" and no reaction to a film
    ("robots yes, aliens no", []),  # things in a film, not *Robots* and *Aliens*
    ("the movie called up so many memories", []),
    ("horror from the VHS rental days", []),  # not *V/H/S*
])
def test_lower_case_titles_judged_or_named_in_session38(grounder: TitleGrounder, text: str, ids: list[int]) -> None:
    assert _matched(grounder, text) == ids


@pytest.mark.parametrize(("text", "ids"), [
    ("I'm flying to Chicago soon for a conference.", []),  # a place someone goes
    ("My husband's from Philadelphia and he's homesick.", []),
    ("My cousin just moved to Nebraska.", []),
    ("Heading to Munich for Oktoberfest.", []),
    ("I loved Chicago and Fargo", [5991, 608]),  # a place named before "and" makes only the first list's next one a place
    ("Whatever, honestly. Long day at the hospital.", []),  # a word said to the listener
    ("is there much singing in chicago? my husband can't bear musicals", [5991]),  # in the film, not in the city
    ("Any films set in Chicago? a crime film", []),
    ("Westerns: yes. Singing cowboys: hard no.", []),  # not a word of *Die Hard*
    ("Hard no on anything with Nicolas Cage", []),
    ("Hard no.", []),
    ("I loved Waiting for 'Superman' (2010)", [81191]),  # the quote is inside a longer title
    ("Wait, heavy plus drama is a recipe for disaster.", []),
    ("Wait is a great film", [152270]),
    ('Been humming "Stand By Me" all day', []),  # a song
    ('I have sung "My Girl" to my daughter every night.', []),
    ('"Eye of the Tiger" is stuck in my head', []),
    ('the song from "Frozen" is on repeat', [106696]),  # the film the song is from
    ('I loved "Stand By Me" and "Heat"', [1259, 6]),
    ('"Frozen" is on repeat in our house', [106696]),  # a film watched again and again
    ('my kids love to sing along with "Frozen"', [106696]),
    ('whistling "The Great Escape" theme', [1262]),  # a film's theme
    ("that line from Casablanca still gets me", [912]),  # "from" a film, not a city
    ("Frances McDormand from Fargo was amazing", [608]),
])
def test_places_songs_and_asides_are_no_films_in_session38(grounder: TitleGrounder, text: str, ids: list[int]) -> None:
    assert _matched(grounder, text) == ids


@pytest.mark.parametrize(("text", "ids"), [
    ('"THE NOTEBOOK" no. "PRIDE & PREJUDICE" (2005) YES.', [8533, 40629]),  # the year after the quote picks the version
    ("'IT FOLLOWS' (2014) or 'THE CONJURING' (2013)? pick one", [121231, 103688]),  # single quotes set apart
    ("[Heat] (1995) meets [Ronin] (1998).", [6, 2278]),  # brackets
    ("«Cinema Paradiso» what else is that nostalgic?", [1172]),
    ("the kids' films and the dogs' toys", []),  # apostrophes, not quotes
    ("My twins want their first 'big' film.", []),  # a word set off, not *Big*
    ("musicals between '52 and '64", []),
    ("loved 'The Conjuring' a lot", [103688]),
    ("something 'Family Friendly' please", []),  # words set off, matching no title exactly
    ("a thriller [the darker the better]", []),
    ('"Psycho" (1998) was awful', [2389]),  # the year after the quote picks the remake
])
def test_titles_set_off_by_marks_in_session38(grounder: TitleGrounder, text: str, ids: list[int]) -> None:
    assert _matched(grounder, text) == ids


@pytest.mark.parametrize(("text", "ids"), [
    # a long word of no language two letters off a film everybody names, where a title is expected
    ("my kids love ratatoulie, somthing similer pls", [50872]),
    ("saw insepton 3 times lol", [79132]),
    ("hated interstaller way to long", [109487]),
    ("loved gatacca", [1653]),
    ("shawshenk vibes", [318]),  # one slip of the one word a title is named by
    # the films after one of a series, counted or not
    ("the first Matrix is genius, the two after it are garbage", [2571, 6365, 6934]),
    ("loved Alien, the ones after it not so much", [1214, 1320, 1690]),
    ("Scream still rules, 2 was fine, 3 was a joke.", [1407, 1717, 3273]),  # numbers after a first film named bare
    ("Toy Story and Shrek, 2 favourites", [1, 4306]),  # two series: the number is no sequel of either
    ("Shrek was great, 3 of us cried", [4306]),
    ("Jaws was great, 2 thumbs up", [1387]),  # a count, not a sequel's number
    ("Rocky was great; 2 questions: is it sad, and is it long?", [1954]),
    ("Toy Story was great but the 2nd and 3rd no", [1, 3114, 78499]),  # ordinals listed
    ("the first Harry Potter was great", [4896]),  # the first film, not the series' name read as none
    ("The first Harry Potter book is better than the film", []),  # a book
    # what these must leave alone
    ("We watched Shrek, and everything after that was a blur", [4306]),  # time, not films
    ("We watched Shrek and everything after it was a blur", [4306]),
    ("loved the remaining ones", []),  # words of the language
    ("Drive was awful, 3 hours of traffic. Something funny", []),  # a capital opening a sentence is no name
    ("Big was amazing news today", []),
])
def test_misspellings_and_films_of_a_series_in_session40(grounder: TitleGrounder, text: str, ids: list[int]) -> None:
    assert _matched(grounder, text) == ids


@pytest.mark.parametrize(("text", "ids"), [
    ("Nothing like Game of Thrones please", []),  # a longer name goes on through "of": no *The Game*
    ("lol are you an AI or a guy in a basement", []),  # letters after their article: the thing, not *A.I.*
    ("Ocean's Eleven energy but with WAY more explosions", [4963]),  # a word stressed, not *The Way*
    # what these must leave alone
    ("loved A.I. and Jaws", [4370, 1387]),
    ("I loved UP and JAWS", [68954, 1387]),  # titles in capitals with no article to leave out
    ("Band of Brothers squeezed into two hours", [170705]),
])
def test_names_that_go_on_and_stressed_words_in_session49(grounder: TitleGrounder, text: str, ids: list[int]) -> None:
    assert _matched(grounder, text) == ids


def test_a_kind_of_game_before_films_is_no_series(grounder: TitleGrounder) -> None:
    assert grounder.find_series("fighting game movies!! tournament on an island") == []  # *The Game*'s films are not meant
    assert [i for i, _ in grounder.find_series("I love all the alien films")[0][2]][0] == 1214


def test_a_name_opening_a_sentence_before_did_in_session49(grounder: TitleGrounder) -> None:
    assert _matched(grounder, "the plot should be a slow revenge. Old Boy did it so well") == [27773]
    assert _matched(grounder, "Pretty Woman did nothing for me") == [597]
    assert _matched(grounder, "Good Will did it") == []  # common words that are no title


@pytest.mark.parametrize(("text", "ids"), [
    # session 49: a show, game or book of the same name is not the film, nor is a film named inside the words that say so
    ("Westworld (the HBO show) is my obsession", []),
    ("MASH the TV show was my dad's favourite", []),
    ("mortal kombat the game was my whole childhood", []),  # nor *The Game*
    ("House of Cards, the Kevin Spacey series, got me into politics", []),
    ("Finished the Jurassic Park novel, the film cuts so much", []),
    ("just binged Fargo season 3", []),
    # a version said by its year is no *The One*; a first name before a surname is no film; a film-maker's possessive
    ("Ocean's Eleven (the 2001 one) meets The Sting", [4963, 1234]),
    ("Tom Cruise and Brad Pitt as vampires bored me to tears", []),
    ("Hitchcock's one with the birds", []),
    # what these must leave alone: a series of films, a film named alone
    ("Heat, the 1995 one", [6]),
    ("Julia Roberts in Pretty Woman", [597]),
    ("the film Hitchcock was fine", [98585]),
])
def test_other_media_versions_and_people_in_session49(grounder: TitleGrounder, text: str, ids: list[int]) -> None:
    assert _matched(grounder, text) == ids


@pytest.mark.parametrize(("text", "ids"), [
    # session 49 (the review's probes): a film-maker after "of", letters before "style", a show word that is a verb or
    # modifies another noun, a character's first name before a title that is no word
    ("Looking for something like Heat of Michael Mann, with heists", [6]),
    ("I love Psycho of Hitchcock, recommend me thrillers", [1219]),
    ("I want a JFK style conspiracy thriller", [3386]),
    ("Loved Heat, show me more like that", [6]),
    ("The Dark Knight, the comic book movie everyone loves, is my fav", [58559]),
    ("Misery, the Stephen King novel adaptation, is my favourite", [3499]),
    ("loved Gone Girl, book was even better", [112556]),
    ("John Rambo is my favourite of the series", [57528]),
])
def test_review_titles_kept_in_session49(grounder: TitleGrounder, text: str, ids: list[int]) -> None:
    assert _matched(grounder, text) == ids


def test_a_kind_before_a_series_name_keeps_the_series_in_session49(grounder: TitleGrounder) -> None:
    assert grounder.find_series("i love monster godzilla movies")  # a monster's films, not a kind of game


@pytest.mark.parametrize(("text", "ids"), [
    # session 50: a title's words as texts spell them; a question opened by a chat word; films after "between"
    ("2000s teen movies plsss like 10 things i hate about u", [2572]),
    ("anything w timothee chalamet like call me by ur name", [168492]),
    ("toy story 2 was great", [3114]),
    ("wtf is mulholland drive even about. is it worth it", [4848]),
    ("so is the shining too scary", [1258]),
    ("cant decide between before sunrise and before sunset. which first", [215, 8638]),
    ("i luv u", []),
    ("a film set between the wars", []),
])
def test_texted_and_asked_titles_in_session50(grounder: TitleGrounder, text: str, ids: list[int]) -> None:
    assert _matched(grounder, text) == ids


@pytest.mark.parametrize(("text", "ids"), [
    # session 51: a well-known series' newer film, little rated yet, named by its subtitle, with or without its article
    ("is the last jedi any good", [179819]),
    ("have you seen the last jedi", [179819]),
    ("last jedi any good?", [179819]),
    ("was the golden circle any good", [176101]),
    ("a new moon tonight", []),  # the words, not *The Twilight Saga: New Moon*
])
def test_a_series_film_named_by_its_subtitle_in_session51(grounder: TitleGrounder, text: str, ids: list[int]) -> None:
    assert _matched(grounder, text) == ids


@pytest.mark.parametrize(("text", "ids"), [
    # session 51: a popular film's name typed as one word, where that is no word of the language
    ("fightclub n se7en are my top 2", [2959, 47]),
    ("wat is thegodfather about is it long", [858]),
    ("omg faceoff is exactly it", [1573]),
    ("loved toystory2", [3114]),  # ...and a sequel's number with it
    ("ghostbusters2 was trash lol", [2717]),
    ("the breakup was sad", []),  # a word of the language stays one
])
def test_a_name_typed_as_one_word_in_session51(grounder: TitleGrounder, text: str, ids: list[int]) -> None:
    assert _matched(grounder, text) == ids
