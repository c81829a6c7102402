"""The parser on the phrasings the issue found lost (eras, moods, paraphrases, mixes, title words),
and the ranking that uses what it understood. Phrasings come from the issue, not the test split."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from agent.build import build_service
from agent.service import MuseService
from agent.understand import Understanding, understand
from agent.understand.concepts import ConceptIndex
from agent.understand.eras import read_years
from agent.understand.genres import SENTENCE_END
from agent.understand.lexicon import GENRE_PHRASES
from agent.understand.typos import spell_verdicts
from evals.understanding import CATALOG_GENRES
from muse.settings import Settings
from stores import open_stores
from tools.gr.scorer import FakeScorer
from tools.retriever import FakeEmbedder
from tools.retriever.grounding import _coined
from tools.retriever.ratings import rating_after


@pytest.mark.parametrize(("text", "low", "high"), [
    ("from the mid nineties", 1994, 1996),
    ("around 1992, give or take", 1990, 1994),
    ("around 1992 give or take 3 years", 1989, 1995),
    ("awkward comedies, 2005-2012ish", 2005, 2012),  # "-ish" on a range's end
    ("something 1990ish", 1988, 1992),
    ("the in-laws are in their 70s and won't watch anything made after 1985", None, 1985),  # a decade that is an age
    ("my dad is in his early sixties, something from the 60s", 1960, 1969),
    ("she turned sixty's last week and loves old westerns", None, None),  # an age reached, not an era
    ("for my aunt who hit her fifties, a romance", None, None),
    ("grandpa just turned 80, a western from the 50s", 1950, 1959),
    ("something that hits my 90s nostalgia", 1990, 1999),  # no age
    ("a film that turned 1950s suburbia upside down", 1950, 1959),
    ("an oldie, from the forties", 1940, 1949),
    ("nineties or later", 1990, None),
    ("the late 2000s", 2007, 2009),
    ("early 80s", 1980, 1983),
    ("mid-to-late 90s", 1994, 1999),
    ("something from '85", 1985, 1985),
    ("turn of the century", 1998, 2002),
    ("not older than 2000", 2000, None),
    ("no later than 1995", None, 1995),
    ("before 1990", None, 1989),
    ("from 2000 on", 2000, None),
    ("80s or 90s", 1980, 1999),
    ("between 1980 and 1995", 1980, 1995),
    ("the seventies", 1970, 1979),
    ("a comedy produced prior to 1945", None, 1944),
    ("anything subsequent to 1995", 1996, None),
    ("works antedating 1960", None, 1959),
    ("the latter half of the 1970s", 1975, 1979),
    ("the first half of the 1990s", 1990, 1994),
    ("post 2005", 2005, None),
    # "the year", "and more new", "maximum N years old", decade ranges, this decade, the silent era
    ("after the year 2005 please", 2006, None),
    ("year 2000 and more new", 2000, None),
    ("maximum ten years old", 2009, 2018),
    ("made in years 70-80", 1970, 1989),
    ("from this decade", 2010, 2019),  # as "the 2010s"
    ("horror from the German silent era", None, 1929),
    # a year naming a version is no era; corrections and eras taken back; "back to" is no bound
    ("crash (the 2004 one), babel, magnolia", None, None),
    ("a western from the 60s. hang on, 50s rather", 1950, 1959),
    ("adventure, 1980s. sorry, fat fingers, 1990s", 1990, 1999),
    ("I typed the year wrong, 2000 not 2010", 2000, 2000),
    ("noir too. and ignore the 70s bit", None, None),
    ("um actually go back to the eighties instead", 1980, 1989),
    # refused "last N years", "N years old or more", the millennium, "won't watch ... after", "swap to"
    ("a ghostly one, nothing from the last 20 years", None, 1998),
    ("a space romp, thirty years old or more", None, 1988),
    ("nothing made before the millennium", 2000, None),
    ("they won't watch anything made after 1985", None, 1985),
    ("swap to the 70s", 1970, 1979),
    # spelled out (speech-to-text, formal writing), open ends to "now", ages, centuries
    ("from nineteen eighty five", 1985, 1985),
    ("around nineteen ninety two give or take", 1990, 1994),
    ("two thousand and ten or later", 2010, None),
    ("made after twenty oh five", 2006, None),
    ("between nineteen sixty-eight and nineteen seventy", 1968, 1970),
    ("before two thousand", None, 1999),
    ("the twenty tens", 2010, 2019),
    ("from 1990 to now", 1990, None),
    ("less than ten years old", 2009, 2018),  # as "the last N years" (the year table)
    ("the 20th century", 1900, 1999),
    ("twenty five years ago", None, None),
    ("seventy five", None, None),
    ("nothing older than like 2010 tho", 2010, None),
    ("anything from the last 5 yrs?", 2014, 2018),
    ("whats good from this year", 2018, 2018),
    ("I was born in 1941 and prefer pictures no later than 1990.", None, 1990),
    # a birth year with what it bounds: films from before it, or (refused, or "my lifetime") from it on
    ("nothing older than me tho (born 2001)", 2001, None),
    ("something from before I was born (1988)", None, 1987),
    ("He refuses anything made before he was born (1984).", 1984, None),
    ("ideally predating my own arrival in 1958", None, 1957),
    ("I was born in 2001, so pick something from my own lifetime!", 2001, None),
    ("Rule out anything over two hours, and anything from before I was born (1992).", 1992, None),
    ("Westerns are out. So is anything older than me, and I arrived in 1983.", 1983, None),
    ("nothing older than I am (born '88)", 1988, None),
    # ...or an age said of the same person
    ("from before my birth (I'm 30). a shoot-out at high noon", None, 1987),
    ("something made in my lifetime (I'm 22) with a sting in the tail", 1996, None),
    ("older than me, and I'm 45. a family adventure", None, 1972),
    ("I'm 45 and I want 80s films", 1980, 1989),
    # times named by what happened in them: a range, or an event that bounds or centres
    ("something from when Reagan ran the country, a comedy", 1981, 1989),
    ("films from the Obama years that have aged well", 2009, 2016),
    ("while Ike was in the White House, screwball preferably", 1953, 1960),
    ("before the Thatcher years", None, 1978),
    ("when VHS was king: rubbery monster horror", 1980, 1989),
    ("anything from the decade of disco", 1970, 1979),
    ("the dot-com bubble years, a thriller about hackers", 1995, 2000),
    ("war films actually made during WW2", 1939, 1945),
    ("a movie older than the moon landing", None, 1968),
    ("from around the moon landing, a proper adventure film", 1967, 1971),
    ("a documentary about the moon landing", None, None),
    ("post-9/11 war films", 2001, None),
    ("pre-internet thrillers", None, 1994),
    # wars and hard times when the films were made then; "the year" of an event, and a range between two events
    ("Something made while the Korean War was still being fought. a noir", 1950, 1953),
    ("In the gap between the wars, what were the best sword-fighting adventures?", 1919, 1938),
    ("Films from the Depression years, the escapist kind", 1929, 1939),
    ("Films released in the year the Berlin Wall fell, please. A drama", 1989, 1989),
    ("What came out between the moon landing and the fall of Saigon that's worth seeing?", 1969, 1975),
    ("a thriller about the fall of Saigon", None, None),
    ("I love films set in the cold war", None, None),
    ("a drama about the Great Depression", None, None),
    ("something like Billy Elliot, set during the miners' strike", None, None),
    ("a survival film where they're stranded after the crash", None, None),
    ("I'm torn between a western and the moon landing documentary", None, None),
    # the 21st century and Y2K without a year; calques of a decade
    ("only 21st-century ones", 2000, None),
    ("y2k onward", 2000, None),
    ("more jim carrey silliness from before Y2K", None, 1999),
    ("anything this side of 2000", 2000, None),
    ("Movie of 1990 years, action, Hong Kong style", 1990, 1999),
    ("comedy-romance of the 2000 decade", 2000, 2009),
    ("one film of the decade 80, something with adventure", 1980, 1989),
    ("racing cars, from 2010 going up", 2010, None),
    # a condition refused; a refusal does not reach past "and"; "since" refused; a bound before "about"; a cut-off
    ("if it was made after 1985 i don't want it", None, 1985),
    ("but not so long and uh from the past decade or so", 2009, 2018),
    ("and nothing made since 2014, they all look the same", None, 2013),
    ("carpenter-ish horror, nothing from 1990 on", None, 1989),
    ("though nothing after about 2005.", None, 2005),
    ("something from around 1990", 1988, 1992),
    ("anywhere from 1958 to about 1974", 1958, 1974),
    ("no swearing, and 1970 is the cut-off", None, 1970),
    ("Not Dracula from 1958, something else from Hammer", None, None),
    # "teens" are people unless the decade is named with its article or a part of it
    ("adventure for teens, nothing drawn", None, None),
    ("something from the late teens", 2017, 2019),
    ("I do not care for anything made after 2000.", None, 2000),
    ("no films before 1970", 1970, None),
    ("a comedy from nineteen seventy something", 1970, 1979),
    ("from the two thousand tens", 2010, 2019),
    ("made between two thousand and two thousand ten", 2000, 2010),
    ("not older as 1995", 1995, None),
    ("minimum 2000", 2000, None),
    ("from years 2000", 2000, 2009),
    ("in the year two thousand", 2000, 2000),
    ("the films of the 80 years", 1980, 1989),
    # a bound said after the year; half a decade; "music." is no "c." (circa); a year far past the catalog is no year
    ("more of those please, 2000 at the latest", None, 2000),
    ("1990 at the earliest", 1990, None),
    ("the scariest horror made in the past half decade", 2014, 2018),
    ("loud pop music. 2016 or after", 2016, None),
    ("more like blade runner and 2049", None, None),
    # written bounds, "upward", two-digit ranges; where a story is set is not when the film was made
    ("/rec western | y<1970", None, 1969),
    ("filter: doc; yr≥1990", 1990, None),
    ("thriller, >2000", 2001, None),
    ("made <= 1985", None, 1985),
    ("plenty of action, 2010 upward", 2010, None),
    ("sci-fi comedies from 97 to 99?", 1997, 1999),
    ("something from 95 to 05", 1995, 2005),
    ("a short one, from 80 to 100 minutes", None, None),
    ("a mystery set in the 1920s", None, None),
    ("a western set in the 1870s but made in the 90s", 1990, 1999),
    # an era corrected in the same message gives way; one added on top of it does not
    ("a thriller from the start of the 2000s, *the end of the 2000s sorry", 2007, 2009),
    ("a 1950s sci-fi b-movie, or wait, not 50s, 60s", 1960, 1969),
    ("heist films, wait, not 2010s, I typed it wrong. 2000s", 2000, 2009),
    ("the 2010s were a mistake, I've seen all of those. 2000s comedies", 2000, 2009),
    ("any Hitchcock from the 40s... hang about, the 50s", 1950, 1959),
    ("a film from the 80s, wait, or the 90s too", 1980, 1999),
    # "this year" said of the writer, not of films; ages said after the number; learners' bounds
    ("Read The Road twice this year. Is the film as bleak?", None, None),
    ("new, from this year or the last year", 2017, 2018),
    ("a fantasy adventure, twenty years old tops", 1999, 2018),
    ("documentaries, nothing more than ten years old", 2009, 2018),
    ("science fiction and romance, not more old than 2000", 2000, None),
    ("Sorry, I mean more old than 1960.", None, 1959),
    ("a cop film like the French ones of the years seventy", 1970, 1979),  # decade calques
    ("horor film, Indonesian or Asian, from tahun 2000-an", 2000, 2009),
    ("something very mild, made 2000 or since", 2000, None),
    ("he draws the line at 1990, nothing earlier", 1990, None),
    # a year that names one film; a school year
    ("Is the 1962 film still worth showing?", None, None),
    ("Which is better, the 1984 Footloose or the remake?", None, None),
    ("Teaching Romeo and Juliet to year 10", None, None),
    # refused by a list's label, a crossed box or "nothing from"
    ("wanted: drama. unwanted: anything before 1990", 1990, None),
    ("in: action. out: superheroes, anything from the last century", 2000, None),
    ("Possible: western, noir. Impossible: anything after 1960", None, 1960),
    ("dealbreaker either way: anything made before 1975", 1975, None),
    ("✅ cosy / ❌ gore / ❌ anything made 2006 or later", None, 2005),
    ("☑ comedy ☑ romance ☐ anything before 2000", 2000, None),
    ("yes sci-fi, no horror, nothing from the 2010s", None, 2009),
    # "past", a bare century, "pre-millennium", "this decade" (and refused)
    ("A mystery. Nothing past 1990, older ones tend to be kinder.", None, 1990),
    ("Fantasy minus the elves, 20th century.", 1900, 1999),
    ("Crime, but less smug, and not pre-millennium, if you don't mind.", 2000, None),
    ("Action, nothing he'd call childish, made this decade.", 2010, 2019),
    ("adventure, not for kids, and nothing from this decade", None, 2009),
    # "YEAR up", a range closed by two digits, "predates", "DECADE back" (not "back then")
    ("something creepy, not gory, 2010 up", 2010, None),
    ("gangster stuff 1970-89", 1970, 1989),
    ("a noir that predates 1960", None, 1959),
    ("Anything from the seventies back.", None, 1979),
    ("the 80s back then were great", 1980, 1989),
    # an age said roughly, a rough year opened upwards, an old word for "before"
    ("About fifteen years old. A thriller", 2001, 2005),
    ("Roughly fifty years old, a couple either side, and funny.", 1966, 1970),
    ("Romance-adjacent comedy. 2000-ish onwards, and no singing", 2000, None),
    ("a gangster thing from about '97 on", 1997, None),
    ("a war picture, an auld one, afore 1965.", None, 1964),
    ("So a comedy that isn't a spoof. Still 80s though.", 1980, 1989),  # "Still" holds no "til"
    # typed "then" for "than" and "befor"; a learner's "posterior to"; "not more new than"; "or thereabouts"
    ("lookng for a westren, nothin old, newer then 2000 pleas", 2001, None),
    ("thrilelr or mystery, either ok, nothing befor 1995", 1995, None),
    ("A drama, posterior to 2005", 2006, None),
    ("A mystery. Not more old than 1990 and not more new than 2010", 1990, 2010),
    ("a musical from 1965 or thereabouts", 1963, 1967),
    # a year before a word starting with "s" is no decade; "last N" under a years label
    ("genre: sci-fi era: 1980-1995 seen & loved: blade runner", 1980, 1995),
    ("Genre: documentary Years: last 10 Avoid: true crime", 2009, 2018),
    # dictated decades and spelled years; a refusal that ends before the era; "til now"
    ("i want a western from the sixty's or seventy's no musicals please", 1960, 1979),
    ("a romance instead from the ninety's", 1990, 1999),
    ("no horror no war no documentaries just a good drama from twenty eleven onwards", 2011, None),
    ("recommend me a mystery thats not scary from nineteen forty to nineteen fifty nine", 1940, 1959),
    ("a horror film thats not scary from the 80s", 1980, 1989),
    ("smth action but not marvel, from like 2014 til now", 2014, None),
    # when the writer once saw a film is no era
    ("I saw Psycho at the Plaza in 1960 and did not sleep for a week.", None, None),
    ("we used to watch jurassic park at every sleepover in 1994. is the new one worth it", None, None),
    # must not change: a refused era, a film made in a year, a wish for a year
    ("nothing from the 80s", None, None),
    ("nothing made in the 2010s", None, 2009),
    ("no comedies from the 80s", None, None),
    ("i watched a film made in 1994", 1994, 1994),
    ("we met in 2003, something from that year", 2003, 2003),
    ("no comedy from the 80s", None, None),
    ("no documentary from the 2010s", None, 2009),
    ("not necessarily from the 90s, any decade works", None, None),
    ("i dont want anything too dated before 1985", 1985, None),
    ("no horror, nothing too gory made after 2010", None, 2010),
    ("I watched Heat and loved it, any other crime films in 1995?", 1995, 1995),
    ("we watched alien last night, more sci-fi in 1979 please", 1979, 1979),
    ("I saw Titanic at 12, what else was big in 1997?", 1997, 1997),
    # an era said as what is refused: the middle of time leaves nothing, the newest decade everything before it
    ("a romcom, but not one of those cheesy 2000s ones", None, None),
    ("no 80s stuff", None, None),
    ("a 90s comedy, not a 2000s one", 1990, 1999),
    ("no 2010s films", None, 2009),
    ("not just 80s ones", 1980, 1989),  # "not just" widens, it does not refuse
    ("not too long, 90s", 1990, 1999),
    ("nothing but 80s", 1980, 1989),
    ("1995 over", 1995, None),
    ("Anything up to about 2000 is fine", None, 2000),
    ("from the current century", 2000, None),
    ("from the first few years of this century", 2000, 2003),
    ("from the first decade of this century", 2000, 2009),
    ("it mustn't be older than 2005", 2005, None),
    ("it shouldn't be newer than 1990", None, 1990),
    ("older as in before 2000, and can it be a bit funny too?", None, 1999),
    ("alien / aliens / the fly (86): all 10s. 80s action with monsters", 1980, 1989),  # scores out of ten, not the 2010s
    ("heat and ronin: both 10s. 90s crime please", 1990, 1999),
    ("all 9s and 10s", None, None),
    ("all 10's. 90s crime please", 1990, 1999),
    ("give me three 10s horror films", 2010, 2019),
    ("something from the 10s", 2010, 2019),
])
def test_eras_and_ranges(text: str, low: int | None, high: int | None) -> None:
    read = read_years(text, newest_year=2018)
    assert (read.year_min, read.year_max) == (low, high)


@pytest.mark.parametrize(("text", "shift"), [
    ("older ones", "older"), ("nothing older", "newer"), ("no oldies please", "newer"), ("nothing newer please", "older"),
])
def test_a_shift_refused_goes_the_other_way(text: str, shift: str) -> None:
    assert read_years(text, newest_year=2018).shift == shift


def test_an_older_child_is_no_older_film() -> None:
    assert read_years("no musicals, the older one mutes them", newest_year=2018).shift is None
    assert read_years("my older boy likes westerns", newest_year=2018).shift is None


@pytest.mark.parametrize(("text", "low", "high", "liked"), [
    ("Ghost type, like japanese Ringu. Year 2000 until now.", 2000, None, [6242]),  # no film called "Year"
    ("spare me the gooey romance. Post-1995.", 1995, None, []),  # not *The Post*
    ("Anything 1985-2005, and not a thriller.", 1985, 2005, []),  # not *Godzilla 1985*
])
def test_a_span_that_only_dates_films_is_an_era_not_a_title(parser: MuseService, text: str, low: int, high: int | None,
                                                             liked: list[int]) -> None:
    u = read(parser, text)
    assert (u.year_min, u.year_max, u.liked_ids) == (low, high, liked)


def test_an_era_said_as_an_addition_grows_the_standing_range(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile
    sixties = apply_understanding(UserProfile(), read(parser, "a war film from the 60s"))
    assert (sixties.year_min, sixties.year_max) == (1960, 1969)
    for text, grown in [("let the 70s in as well", (1960, 1979)), ("or the 50s too", (1950, 1969)),
                        ("widen it up to 1975", (1960, 1975)), ("the 80s", (1980, 1989))]:
        p = apply_understanding(sixties, read(parser, text))
        assert (p.year_min, p.year_max) == grown, text
    since = apply_understanding(UserProfile(), read(parser, "a comedy from 2010 or later"))
    p = apply_understanding(since, read(parser, "second thought, widen it back to 2005"))
    assert (p.year_min, p.year_max) == (2005, None)
    assert read_years("every era is fine now").any_era and read_years("Scrap the date thing.").any_era


def test_a_year_written_before_a_title_names_its_version_not_an_era(parser: MuseService) -> None:
    u = read(parser, "a classic on a par with the 1978 Halloween or The Exorcist, no later than 1979")
    assert (u.year_min, u.year_max) == (None, 1979)
    assert (read(parser, "Nothing bleak, and definitely not the 1973 Wicker Man.").year_min, read(parser, "a western from 1956").year_min) == (None, 1956)
    u = read(parser, "Is Aladdin, the cartoon of 1992, good for a 6 year old?")  # ...or after it, which also picks the version
    assert (u.year_min, u.year_max, u.asked_ids) == (None, None, [588])


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Everyone adores The Shawshank Redemption. Something from that decade, and not another worthy drama.", 1990, 1999),
    ("Forrest Gump won best picture. Tell me what should have won instead, something from the same year.", 1994, 1994),
    ("Anything less bleak than Chinatown? Same sort of era", 1972, 1976),
    ("They saw Singin' in the Rain on their first date. Something else from those same few years.", 1950, 1954),
])
def test_the_era_of_a_film_just_named(parser: MuseService, text: str, low: int, high: int) -> None:
    u = read(parser, text)
    assert (u.year_min, u.year_max) == (low, high)


def test_recent_is_recent_even_beside_a_title_while_newer_is_newer_than_it(parser: MuseService) -> None:
    recent = read(parser, "they want Moana AGAIN and I can't. something else animated, recent")
    assert (recent.year_min, recent.era_shift) == (None, "newer")  # the profile makes it 2010 on
    newer = read(parser, "something like Moana but newer")
    assert (newer.year_min, newer.era_shift) == (2017, None)


def test_texting_shorthand_is_spelt_out_before_eras_are_read() -> None:
    from agent.understand.typos import correct
    assert correct("nthng oldr thn 2010, b4 1970 or aftr 2000") == "nothing older than 2010, before 1970 or after 2000"


def test_another_form_of_a_genre_word_is_no_typo_of_it() -> None:
    from agent.understand.typos import correct
    assert correct("something that won't terrify her") == "something that won't terrify her"  # not "terrifying"
    assert correct("a horrer film") == "a horror film"


def test_last_n_years_counts_back_from_the_newest_catalog_year() -> None:
    assert (read_years("something from the last 5 years", 2018).year_min, read_years("the last 5 years", 2018).year_max) == (2014, 2018)
    assert (read_years("the last 5 years", 2010).year_min, read_years("the last 5 years", 2010).year_max) == (2006, 2010)
    assert read_years("something older", 2018).shift == "older" and read_years("not older than 2000").shift is None


@pytest.fixture
def service(make_service: Callable[..., MuseService]) -> MuseService:
    return make_service(images=False)


@pytest.fixture(scope="module")
def parser(prepared_home: Path) -> Iterator[MuseService]:
    """One service over the prepared home for the parse-only tests (they write nothing)."""
    settings = Settings(home=prepared_home, image_backend="none", llm_backend="none")
    built = build_service(settings, llm=None, stores=open_stores(settings, "ml-latest-small"), embedder=FakeEmbedder(),
                          scorer=None, images=None, llm_capable=False)
    yield built
    built.close()


def read(service: MuseService, text: str) -> Understanding:
    return understand(text, known_genres=service.known_genres, grounder=service.s.grounder, concepts=service.concepts,
                      newest_year=service.newest_year)


@pytest.mark.parametrize(("text", "genre"), [
    ("something to make me laugh", "Comedy"),
    ("keep me on the edge of my seat", "Thriller"),
    ("give me nightmares", "Horror"),
    ("set in space or the future", "Sci-Fi"),
    ("something family-friendly", "Children"),
    ("a real tearjerker", "Drama"),
    ("a film that makes me bawl my eyes out", "Drama"),
    ("a gangster flick", "Crime"),
    ("cowboys and outlaws", "Western"),
])
def test_moods_and_paraphrases_map_to_genres(parser: MuseService, text: str, genre: str) -> None:
    u = read(parser, text)
    assert genre in u.genres and not u.avoid_genres


def test_an_idiom_is_not_a_title(parser: MuseService) -> None:
    assert read(parser, "keep me on the edge of my seat").titles == []


def test_negation_stays_in_its_clause(parser: MuseService) -> None:
    u = read(parser, "a comedy, nothing romantic")
    assert (u.genres, u.avoid_genres) == (["Comedy"], ["Romance"])
    u = read(parser, "no horror please, but a thriller would be great")
    assert (u.genres, u.avoid_genres) == (["Thriller"], ["Horror"])
    u = read(parser, "nothing scary or romantic, something funny")
    assert (u.genres, sorted(u.avoid_genres)) == (["Comedy"], ["Horror", "Romance"])


def test_mixes_require_both_and_alternatives_do_not(parser: MuseService) -> None:
    mix = read(parser, "a mix of comedy and adventure")
    assert set(mix.genres) == {"Comedy", "Adventure"} and mix.genre_mode == "all"
    assert read(parser, "a thriller with a bit of romance").genre_mode == "all"
    either = read(parser, "comedy or adventure, I don't mind")
    assert set(either.genres) == {"Comedy", "Adventure"} and either.genre_mode == "any"


def test_title_spans_fill_no_other_slot(parser: MuseService) -> None:
    u = read(parser, "I loved The City of Lost Children")
    assert [t.title for t in u.titles] == ["City of Lost Children, The (1995)"] or u.liked_ids
    assert u.genres == [] and "children" not in u.keywords and u.year_min is None
    u = read(parser, "I liked 2001: A Space Odyssey")
    assert u.liked_ids and u.year_min is None and u.year_max is None and "Sci-Fi" not in u.genres


def test_search_words_are_content_only(parser: MuseService) -> None:
    u = read(parser, "hey, could you please recommend a heavy, atmospheric film from the late 90s tonight?")
    assert u.keywords == ["atmospheric"] and u.genres == ["Drama"]
    assert (u.year_min, u.year_max) == (1997, 1999)


def test_catalog_tags_are_read(parser: MuseService) -> None:
    u = read(parser, "a christmas movie about hit men")
    assert {"christmas", "hit men"} <= set(u.tags)


def test_mix_with_too_few_items_relaxes_and_says_so(service: MuseService) -> None:
    result = service.chat("mixer", "a mix of documentary and western", "s")
    assert result.profile.genres_all and len(result.items) == 5
    both = [c for c in result.items if {"Documentary", "Western"} <= set(c.genres)]
    assert len(both) < 5 and all({"Documentary", "Western"} & set(c.genres) for c in result.items)
    assert "at once" in result.reply
    plenty = service.chat("mixer2", "a mix of comedy and adventure", "s2")
    assert all({"Comedy", "Adventure"} <= set(c.genres) for c in plenty.items) and "at once" not in plenty.reply


def test_a_new_mood_or_tag_changes_the_list(service: MuseService) -> None:
    base = service.chat("tagger", "a comedy from the 90s", "s1")
    tagged = service.chat("tagger", "a comedy from the 90s about christmas", "s2")
    assert [c.item_id for c in base.items] != [c.item_id for c in tagged.items]
    catalog = service.s.stores.catalog
    assert any("christmas" in {t.lower() for t in catalog.get(c.item_id).tags} for c in tagged.items)


class PreferringScorer(FakeScorer):
    """Popularity, except that one item is this user's clear next pick."""

    def __init__(self, popularity: dict[int, int], favourite: int) -> None:
        super().__init__(popularity)
        self.favourite = favourite

    def score(self, history: Sequence[int], candidates: Sequence[int]) -> np.ndarray:
        scores = super().score(history, candidates)
        return np.where(np.array(candidates) == self.favourite, 10.0, scores).astype(np.float32)


def test_constraints_only_rank_by_gr_with_a_popularity_prior(service: MuseService) -> None:
    catalog = service.s.stores.catalog
    inside = [i for i in catalog.all() if "Western" in i.genres and i.year and 1960 <= i.year <= 1969]
    favourite = min(inside, key=lambda i: (i.popularity, i.item_id))  # the least popular fitting item
    service.s.scorer = PreferringScorer(service.s.stores.interactions.item_counts(), favourite.item_id)
    service.feedback("gr-user", 1, 1)  # a history, so there is a GR sequence
    result = service.chat("gr-user", "a western from the sixties", "s")
    assert result.items[0].item_id == favourite.item_id
    assert all("Western" in c.genres and 1960 <= c.year <= 1969 for c in result.items)
    weights = next(t.args["weights"] for t in result.trace if t.tool == "blend")
    assert weights["semantic"] == 0 and weights["gr"] > weights["popularity"] > 0
    rest = [catalog.get(c.item_id).popularity for c in result.items[1:]]
    assert min(rest) >= sorted(i.popularity for i in inside)[len(inside) // 2]  # the prior: popular ones next


@pytest.mark.parametrize("text", [
    "was Toy Story made by Pixar?",
    "who starred in jurassic park",
    "does the matrix have a sequel?",
    "how old is braveheart",
])
def test_a_question_about_a_film_asks_about_it(parser: MuseService, text: str) -> None:
    u = read(parser, text)
    assert u.intent == "ask_item" and u.asked_ids and not u.liked_ids


def test_a_question_asking_for_films_still_likes_the_title(parser: MuseService) -> None:
    u = read(parser, "is there anything like Toy Story?")
    assert u.intent != "ask_item" and u.liked_ids and not u.asked_ids


@pytest.mark.parametrize(("text", "liked"), [
    ("Could you find me a drama? I really enjoyed True Romance.", [555]),
    ("What I want is a drama. Loved Toy Story.", [1]),  # "what" opens a statement here, not a question
])
def test_a_film_named_after_an_opening_question_is_not_asked_about(parser: MuseService, text: str, liked: list[int]) -> None:
    u = read(parser, text)
    assert (u.intent, u.genres, u.liked_ids, u.asked_ids) == ("recommend", ["Drama"], liked, [])
    assert read(parser, "Could you tell me: is True Romance a drama?").intent == "ask_item"  # named in the question


def test_a_request_after_a_verdict_on_a_film_is_no_question_about_it(parser: MuseService) -> None:
    u = read(parser, "Alien is great. any comedies?")  # masked, the title left "is great. any comedies?"
    assert (u.intent, u.genres, u.liked_ids) == ("recommend", ["Comedy"], [1214])
    assert read(parser, "is fargo a comedy?").genres == []  # one question about a film still wishes nothing


@pytest.mark.parametrize(("text", "wanted"), [
    ("do you have any horror films?", ["Horror"]),  # a question that names no film asks for films
    ("how about a horror film?", ["Horror"]),
    ("is it a comedy?", []),  # ...unless it points at one
    ("are you a robot?", []),  # or asks about the bot
])
def test_a_question_names_a_genre_as_a_wish_unless_it_is_about_a_film(parser: MuseService, text: str, wanted: list[str]) -> None:
    assert read(parser, text).genres == wanted


@pytest.mark.parametrize(("text", "wanted"), [
    ("war horse made me cry. something like it but not about war", []),
    ("We watched Inside Out as a family and I cried more than the kids did", []),  # nor the kids a wish
    ("I want something that makes me cry", ["Drama"]),
    ("a good tearjerker, I haven't cried at a movie in ages", ["Drama"]),
])
def test_tears_told_are_an_experience_not_a_wish_for_drama(parser: MuseService, text: str, wanted: list[str]) -> None:
    assert read(parser, text).genres == wanted


def test_a_kind_of_story_every_genre_tells_names_no_genre_and_no_search_words(parser: MuseService) -> None:
    u = read(parser, "a lawyer who takes on a giant corporation, based on a true story")
    assert u.genres == [] and not {"based", "true", "story"} & set(u.keywords)
    assert read(parser, "coming-of-age stories from the 80s").genres == []
    assert read(parser, "a true story drama").genres == ["Drama"]


def test_a_verdict_by_contrast_dislikes_the_film_it_follows(parser: MuseService) -> None:
    u = read(parser, "grand budapest and moonrise kingdom yes, Fantastic Mr Fox not so much")
    assert (u.liked_ids, u.disliked_ids) == ([109374, 94959], [72226])
    assert read(parser, "loved anchorman, step brothers less so").disliked_ids == [60756]


def test_a_form_or_list_says_how_its_films_are_liked(parser: MuseService) -> None:
    u = read(parser, "Seen & liked: Attack the Block, Hot Fuzz\nSeen & disliked: Love Actually\nNext?")
    assert (u.liked_ids, u.disliked_ids) == ([87192, 51255], [6942])
    bullets = read(parser, "Movies I loved:\n- Pulp Fiction\nMovies I hated:\n- Baby Driver\nWhat next?")
    assert (bullets.liked_ids, bullets.disliked_ids) == ([296], [171763])  # each list under its own heading


def test_line_breaks_survive_cleaning_and_blank_lines_do_not() -> None:
    from agent.understand.parser import clean_message

    assert clean_message("  Avoid:   musicals \n\n\n- horror\t \n")[0] == "Avoid: musicals\n- horror"


def test_a_question_about_a_film_keeps_the_wishes_said_beside_it(parser: MuseService) -> None:
    u = read(parser, "is pulp fiction too violent to watch with my mum? if so suggest a tamer crime comedy from the 90s, nothing scary")
    assert (u.intent, u.asked_ids, u.liked_ids) == ("recommend", [296], [])
    assert (sorted(u.genres), u.avoid_genres) == (["Comedy", "Crime"], ["Horror"])
    asked = read(parser, "eternal sunshine, is it a romance or a sci-fi? i'm after a romance, nothing cheesy")
    assert (asked.intent, asked.genres) == ("ask_item", ["Romance"])  # the question's own genres are not wishes
    assert read(parser, "is fargo a comedy?").genres == []
    assert "Children" not in read(parser, "I really disliked Shrek, too many jokes for adults").avoid_genres
    audience = read(parser, "is the lion king sad? thinking of it for my 5 year old")  # the audience of the asked film
    assert (audience.intent, audience.genres) == ("ask_item", [])


def test_a_verdict_after_a_title_is_a_dislike(parser: MuseService) -> None:
    assert read(parser, "Interstellar was long and dull").disliked_ids
    assert read(parser, "I saw Gravity, wasn't for me").disliked_ids
    mixed = read(parser, "Loved Toy Story, but Braveheart was boring")
    assert len(mixed.liked_ids) == 1 and len(mixed.disliked_ids) == 1
    assert read(parser, "I loved Braveheart, way too short").liked_ids  # liking said first wins
    # refusals and verdicts said many ways: "never X", "rules out", "bounced off", "is out (...)", "can do one"
    assert read(parser, "something Spielberg did in the 80s, but never E.T. and never Roger Rabbit").disliked_ids == [1097, 2987]
    assert read(parser, "That rules out Titanic. A thriller on dry land?").disliked_ids == [1721]
    assert read(parser, "I loved The Elephant Man, bounced right off Eraserhead.").disliked_ids == [3676]
    assert read(parser, "so Raiders of the Lost Ark is out (that pit!)").disliked_ids == [1198]
    assert read(parser, "rocky 2 i love. rocky 5 can do one.").disliked_ids == [2412]
    assert read(parser, "I never said Die Hard was bad.").disliked_ids == []
    assert read(parser, "jurassic world was great. jp3 was NOT 💀 more like jw pls").disliked_ids == [4638]
    assert read(parser, "ngl the notebook was sooo mid 😴").disliked_ids == [8533]
    assert read(parser, "2001 a space odyssey put me to sleep").disliked_ids == [924]
    # a refusal said before the first of titles listed with "and" / "or" refuses each
    assert read(parser, "I hated Titanic and The Notebook").disliked_ids == [1721, 8533]
    assert read(parser, "nothing where a parent dies (looking at you bambi and lion king)").disliked_ids == [2018, 364]
    u = read(parser, "I hated Titanic and Heat was great")
    assert (u.liked_ids, u.disliked_ids) == ([6], [1721])


def test_spelled_out_years_are_masked_whole() -> None:
    """The era's span covers every word of a spelled-out year, so no number word reaches the genre reader."""
    text = "a thriller from nineteen eighty five please"
    read = read_years(text, 2018)
    assert [text[a:b] for a, b in read.spans] == ["nineteen eighty five"]


@pytest.mark.parametrize(("text", "intent", "liked", "disliked", "asked"), [
    ("Dear Muse, I was told you might advise me. No horror please.", "recommend", [], [], []),
    ("Dear all at Muse, I am writing simply to thank you.", "chitchat", [], [], []),
    ("To the Muse people: I do hope I am not being a nuisance. No horror please.", "recommend", [], [], []),
    ("To the Muse service: I have loved films about space ever since the moon landing.", "recommend", [], [], []),
    ("I must say I found Pulp Fiction thoroughly distasteful.", "recommend", [], [296], []),
    ("We tried Spirited Away and my kids were bored stiff", "recommend", [], [5618], []),
    ("Could you tell me whether The Sound of Music is the version with Julie Andrews?", "ask_item", [], [], [1035]),
    ("I wonder if you could tell me who directed Vertigo", "ask_item", [], [], [903]),
    ("kill bill vol 2, is that better than the first one", "ask_item", [], [], [7438, 6874]),
    ("the godfather part 2 is even better than the first", "recommend", [1221, 858], [], []),
    ("titanic was way too long for me", "recommend", [], [1721], []),
    # a question about one film asks about it; a question for more films likes it
    ("wait, is Alien from 1979 or 1986?", "ask_item", [], [], [1214]),
    # a first question whose subject is the film, or that holds the film up; the film it is compared with keeps its verdict
    ("Does Casablanca hold up for someone who's never sat through anything in black-and-white?", "ask_item", [], [], [912]),
    ("zombieland: more funny or more gory?", "ask_item", [], [], [71535]),
    ("Is Memento like Inception? Inception is my all-time number one", "ask_item", [79132], [], [4226]),
    ("Who is playing in Leon? And is it the same director like The Fifth Element?", "ask_item", [], [], [293, 1527]),
    ("Is there anything like Heat?", "recommend", [6], [], []),
    ("Amelie - subtitled?", "ask_item", [], [], [4973]),
    ("monsters inc was great, simlar ones?", "recommend", [4886], [], []),
    # a short verdict in the next sentence, slang and refusals to watch
    ("tried Se7en from your list. too bleak for me", "recommend", [], [47], []),
    ("ready player one was mid tbh", "recommend", [], [140956], []),
    ("no, I won't watch titanic", "recommend", [], [1721], []),
    # titles listed together share the verdict after them; bare verdicts in a list; seen to death; skip / minus
    ("wall e is a masterpiece, cars and cars 2 were boring", "recommend", [60069], [45517, 87876], []),
    ("loved alien and toy story, toy story 2 was boring", "recommend", [1214, 1], [3114], []),
    ("the matrix yes, toy story no. something else", "recommend", [2571], [1], []),
    ("they've done Frozen and Zootopia to death, something else", "recommend", [], [106696, 152081], []),
    ("seen the matrix a million times, love it", "recommend", [2571], [], []),
    # counted viewings rule a film out; a verdict said of a whole comma list reaches every title in it
    ("the kids want Frozen for the 50th time and I'd rather die", "recommend", [], [106696], []),
    ("We've seen Mary Poppins and The Sound of Music so many times we could scream. Anything else?", "recommend", [], [1028, 1035], []),
    ("interstellar, gravity, the martian, all of them bored me. something tense", "recommend", [], [109487, 104841, 134130], []),
    ("fury road, i am legend, seen them, done. something hopeful", "recommend", [], [122882, 56174], []),
    ("interstellar, gravity, the martian was boring", "recommend", [109487, 104841], [134130], []),
    # "looking at you" blames the films named next
    ("nothing where the mum dies. looking at you, bambi and the lion king", "recommend", [], [2018, 364], []),
    # the film said to be beaten is only compared, unless a verdict after it takes it in; one said below the rest is disliked
    ("godfather part ii > godfather. more 70s crime like part two pls", "recommend", [1221], [], []),
    ("I loved Heat, better than Ronin", "recommend", [6], [], []),
    ("john wick 2 > john wick 1 and both are great", "recommend", [168248, 115149], [], []),
    ("shrek 2 > shrek. shrek the third < both", "recommend", [8360], [53121], []),
    ("Indy 4 ruined the whole series for me. adventure films please", "recommend", [], [59615], []),
    # more verdicts after a title; a sentence that only says a film was seen gives none; a comfort film is liked
    ("die hard and die hard with a vengeance both top tier. die hard 2 weak, live free or die hard weaker.", "recommend",
     [1036, 165], [1370, 53972], []),
    ("Letters from Iwo Jima was extraordinary. Flags of Our Fathers, not so great.", "recommend", [50068], [48783], []),
    ("Seen Rear Window. Seen Vertigo. Anything by Hitchcock I might not have seen?", "recommend", [], [], []),
    ("Seen Singin' in the Rain a hundred times, it's my comfort film. Something else like it?", "recommend", [899], [], []),
    ("mad max fury road, skip mad max beyond thunderdome", "recommend", [122882], [3704], []),
    # what is in a film, comparisons and wanting to rewatch it are questions, not requests; "um" before one too
    ("any swearing in the lion king? asking for my 6 year old", "ask_item", [], [], [364]),
    ("is alien more of a horror or a sci-fi?", "ask_item", [], [], [1214]),
    ("is toy story 2 better than toy story? my son wants to see one of them", "ask_item", [], [], [3114, 1]),
    ("um is the terminator too scary for a ten year old", "ask_item", [], [], [1240]),
    # disappointment, texting, seen it 20x
    ("I was rather disappointed by Titanic. A love story, an older one.", "recommend", [], [1721], []),
    ("h8ed la la land, smth w jazz tho", "recommend", [], [164909], []),
    ("cartoons 4 my 5yo, she's seen frozen 100x", "recommend", [], [106696], []),
    ("smth lk pulp fiction but less violent?", "recommend", [296], [], []),
    # a question opening a clause, a cast question, a remade film's version
    ("wait, is alien from 1979 or 1986?", "ask_item", [], [], [1214]),
    ("quick one: is picnic at hanging rock a true story or did they make it all up", "ask_item", [], [], [1913]),
    ("whos in the departed? n is it long", "ask_item", [], [], [48516]),
    ("is arrival slow? a friend said it's boring", "ask_item", [], [], [164179]),
    ("crash (the 2004 one), babel, magnolia. more of those please", "recommend", [33166, 46723, 3160], [], []),
    # the writer's name signing off is no film; a film named after thanks is still one
    ("Could you suggest a few musicals from the 1950s? With thanks, Margaret.", "recommend", [], [], []),
    ("Any westerns from the 60s? Kind regards, Harvey", "recommend", [], [], []),
    ("more like Heat, thanks", "recommend", [6], [], []),
    # a series named as such in a question; a question that refers back to the film just named; whether someone would like it
    ("how many toy story films are there?", "ask_item", [], [], [1, 3114, 78499]),
    ("I am told Gattaca is rather clever. Would it suit my father?", "ask_item", [], [], [1653]),
    ("hold on, is fargo the one with the woodchipper", "ask_item", [], [], [608]),
    ("would my husband like amelie if he hates subtitles?", "ask_item", [], [], [4973]),
    ("I hated Titanic. Is it just me?", "recommend", [], [1721], []),
    ("I loved Alien. is there anything like it?", "recommend", [1214], [], []),
    ("Pulp Fiction, I adored it. or was it Jackie Brown I adored? more like those", "recommend", [296, 1729], [], []),
    # refusals said many ways; a title held up with "?" and judged is not a question
    ("loved singin in the rain, didn't love the sound of music", "recommend", [899], [1035], []),
    ("don't even think about suggesting the notebook. a romance that isn't sappy", "recommend", [], [8533], []),
    ("the exorcist? hard pass. a comedy maybe", "recommend", [], [1997], []),
    ("la la land? not my cup of tea, I'm afraid", "recommend", [], [164909], []),  # a short verdict's first clause
    # a verdict after "but" with its own object judges that object; "like" before a count is a filler; "Not X" refuses X;
    # a remade film named without its year is the version inside the era asked for
    ("He liked Withnail and I and In Bruges but couldn't stand Four Weddings.", "recommend", [1202, 57669], [357], []),
    ("they've watched frozen like a million times so anything but frozen please", "recommend", [], [106696], []),
    ("A crew planning the perfect bank job. Not Heat, I've seen Heat.", "recommend", [], [6], []),
    ("I watched Game Night at my cousin's and laughed myself silly.", "feedback", [183611], [], []),
    # a viewing log's verdict right after each film, under any label
    ("Members loved 12 Angry Men and found Rope a bore. More like those, please", "recommend", [1203], [2176], []),
    ("Diary catch-up: The Godfather (rewatch), Scarface (overrated), Casino (meh, too long). Any mob films?", "recommend", [858], [4262, 16], []),
    ("Fancy a classic noir, 40s or 50s. Just not The Maltese Falcon or Double Indemnity.", "recommend", [], [913, 3435], []),
    # ...and, with no era, the version made nearest the other films named, else the one far more people have rated
    ("out of 5: fargo 5, no country 5, burn after reading 2, the ladykillers 1. dark comedy like fargo", "recommend", [608, 55820], [61323, 7367], []),
    ("Which is the better Tarkovsky, Stalker or Solaris?", "ask_item", [], [], [1232, 3503]),
    ("Which came first, The Karate Kid or Rocky? pub quiz argument", "ask_item", [], [], [2420, 1954]),
    ("he walked out of the hurt locker. something funny", "recommend", [], [69481], []),
    ("we tried zoolander and neither of us liked it. a comedy maybe", "recommend", [], [4816], []),
    ("what is the runtime of gladiator?", "ask_item", [], [], [3578]),
    ("my friend said i should watch jaws is it too scary for me", "ask_item", [], [], [1387]),
    # a series named bare; a liking given as a question's premise; a film named only to compare
    ("not harry potter please, something else", "recommend", [], [4896, 5816, 8368, 40815, 54001, 69844, 81834, 88125], []),
    ("are the hobbit films worth it if i loved lord of the rings?", "ask_item", [4993, 5952, 7153], [], [98809, 106489, 118696]),
    ("more like the matrix than star wars", "recommend", [2571], [], []),
    ("hubby's sulking because I vetoed Star Wars again. a space film like Moon?", "recommend", [68237], [260], []),
    ("gravity-style!!! but star wars is a NO, i've tried", "recommend", [104841], [260], []),
    ("Tried Dunkirk last night and it was far too stressful for my state. Something calmer", "recommend", [], [174055], []),
    ("Food poisoning. Don't you dare suggest Ratatouille. Another animated film would be nice.", "recommend", [], [50872], []),
    ("The grandchildren made me sit through Avatar and I slept through most of it. Something with a story", "recommend", [], [72998], []),
    ("Anything Roger Deakins shot that isn't one of the Coens'. Fargo and No Country I could recite.", "recommend", [], [608], []),
    # comparisons that ask for films like a title: "X meets Y", "X x Y", "X but <changed>", "in the spirit of X"; "the opposite of X"
    ("inception meets the grand budapest hotel", "recommend", [79132, 109374], [], []),
    ("jurassic park x home alone energy for my nephew", "recommend", [480, 586], [], []),
    ("pulp fiction but gentler?", "recommend", [296], [], []),
    ("Se7en but less grim, nothing horror-ish", "recommend", [47], [], []),
    ("i watched titanic but never again, too long", "recommend", [], [1721], []),
    ("something in the spirit of alien, except underwater", "recommend", [1214], [], []),
    ("i want the opposite of titanic", "recommend", [], [1721], []),
    # what is in a film, asked after "in": the film is asked about ("set in space?" stays a place)
    ("are there sex scenes in titanic? watching with my parents", "ask_item", [], [], [1721]),
    ("how much gore is there in the revenant (the leo one)?", "ask_item", [], [], [139385]),
    ("are there any good films set in space?", "recommend", [], [], []),
    ("the best fantasy trilogy that isn't lord of the rings", "recommend", [], [4993, 5952, 7153], []),
    # titles under a refusing label, and "but never X"; a label that only holds a refusing word refuses nothing
    ("Yes: Kubrick. No: The Shining (seen it), A Clockwork Orange (can't). Which one next?", "recommend", [], [1258, 1206], []),
    ("hear me out: shrek 2 is a perfect film.", "recommend", [8360], [], []),
    # a one-word genre phrase heading a terse sentence is the kind asked for, not the film of that name; "nothing like X"
    ("Heist. Sixties. London if possible. No musicals.", "recommend", [], [], []),
    ("Thriller / 1990-1995 / no serial killers / nothing like Se7en", "recommend", [], [47], []),
    ("Scream was great, more like it", "recommend", [1407], [], []),
    # a choice among the films named asks about them
    ("Either Alien or The Thing, whichever you reckon is more frightening.", "ask_item", [], [], [1214, 2288]),
    ("Pick from: Heat, Collateral, Thief. Which is best for a first-timer?", "ask_item", [], [], [6, 8798, 5867]),  # *Thief* (1981), not *The Thief*
    # verdicts after the title: out, stay away, left cold, over the line; never made it through
    ("Desert films please. Lawrence of Arabia is the gold standard. Not sci-fi, which means Dune is out.", "recommend", [1204], [2021], []),
    ("I don't dislike Tarantino, but Pulp Fiction left me cold. Crime, but a bit less smug", "recommend", [], [296], []),
    ("I've never made it through Jurassic Park. Something with dinosaurs that isn't scary at all?", "recommend", [], [480], []),
])
def test_title_sentiment_and_questions(parser: MuseService, text: str, intent: str, liked: list[int], disliked: list[int],
                                       asked: list[int]) -> None:
    u = read(parser, text)
    assert (u.intent == "ask_item", u.liked_ids, u.disliked_ids, u.asked_ids) == (intent == "ask_item", liked, disliked, asked)


def test_a_title_with_a_refusing_word_before_its_colon_is_no_label(parser: MuseService) -> None:
    u = read(parser, "Mission Impossible: Ghost Protocol is great. More spy films from 2010 on")
    assert 91630 in u.liked_ids and u.disliked_ids == []


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("something for my 6 year old", ["Children"], []),
    ("the twins (4) are staying over", ["Children"], []),
    ("for my daughter's 9th birthday party", ["Children"], []),
    # people in the viewer's life are not a request for Children; twelve-year-olds are no children here
    ("my grandpa served in ww2, he wants navy films", ["War"], []),
    ("it's my dad's 70th, mum says no horror", [], ["Horror"]),
    ("something for a bunch of twelve year old girls, funny", ["Comedy"], []),
    # a change of mind in the message drops the earlier wish without avoiding it; "actually no X" still refuses X
    ("something romantic for tonight no wait an action one", ["Action"], []),
    ("horror, or no, something funny with some mystery in it then", ["Comedy", "Mystery"], []),
    ("actually no romance", [], ["Romance"]),
    ("a western after 2000... no wait, the old ones are better", ["Western"], []),  # the change is about the era
    ("a western please. no wait, something else", [], []),
    ("I know I said no westerns, but actually a comic western would be fun", ["Comedy", "Western"], []),
    # a murder story is a whodunit (every split's labels)
    ("cozy village murder, not gory", ["Mystery"], []),
    ("my son is 7, he likes animals", ["Children"], []),
    ("im 9 and i LOVE dinosors!!! can u find me a dino movie", ["Children"], []),  # a child writing for themselves...
    ("I'm 30 and want a horror film", ["Horror"], []),  # ...not a grown-up
    ("a thriller, nothing for a 15 year old", ["Thriller"], []),
    ("anything except kids films and animation", [], ["Children", "Animation"]),
    ("skip the romance skip the drama just action", ["Action"], ["Romance", "Drama"]),
    ("sci-fi, no horror in it, and no kids movies", ["Sci-Fi"], ["Horror", "Children"]),
    ("more space stuff like that", ["Sci-Fi"], []),
    ("a movie of terror, not too much blood", ["Horror"], []),
    ("something w superheroes but make it funny", ["Comedy"], []),
    ("a drama about a family in a small town", ["Drama"], []),
    ("anything but horror lol", [], ["Horror"]),
    # refusals said after the genre or as what someone won't watch
    ("something old, but westerns I don't like", [], ["Western"]),
    ("I like thrillers, I don't like horror", ["Thriller"], ["Horror"]),
    ("grandma won't watch anything animated", [], ["Animation"]),
    ("keep it out of romance territory please", [], ["Romance"]),
    ("a comedy from the 60s, musicals excluded", ["Comedy"], ["Musical"]),
    ("sci-fi bores us to tears, a thriller", ["Thriller"], ["Sci-Fi"]),
    # texting "nt", things kept away, a new "i want" clause, a refused mix beside its asked genre, hedges, adult viewers
    ("smth funny pls, nt a romcom", ["Comedy"], ["Romance"]),
    ("keep westerns away from me, a thriller", ["Thriller"], ["Western"]),
    ("don't let anything animated near me", [], ["Animation"]),
    ("i don't want a crime film i want a war film", ["War"], ["Crime"]),
    ("a comedy but no romcoms", ["Comedy"], ["Romance"]),
    ("I'm not against a bit of romance, mainly I want adventure", ["Adventure"], []),
    ("a fantasy for grown-ups", ["Fantasy"], ["Children"]),
    ("a western, no biopics", ["Western"], []),
    ("something ghoulish", ["Horror"], []),
    ("a side-splitting one", ["Comedy"], []),
    ("toons for the tykes", ["Animation", "Children"], []),
    ("hoodlums and bootleggers", ["Crime"], []),
    ("something that isn't a musical, for a 6 year old girl", ["Children"], ["Musical"]),
    # "too <mood>" complains about the last films; a verdict word is no genre
    ("too scary for my wife. a mystery instead", ["Mystery"], []),
    ("way too sad, something else", [], []),
    ("nothing too scary, for my 9 year old", ["Children"], ["Horror"]),
    ("the last one was horrible, something else", [], []),
    # "serious" is a drama alone, a description beside a genre said outright
    ("something serious tonight", ["Drama"], []),
    ("a serious sci-fi please", ["Sci-Fi"], []),
    ("an old-school gangster pic", ["Crime"], []),
    ("my granddaughter is visiting, a musical please", ["Musical"], []),
    ("smh, just a thriller", ["Thriller"], []),
    # films for younger viewers refused; a put-down is no wish for Children
    ("a chucklesome film, nothing for the nippers", ["Comedy"], ["Children"]),
    ("pixar-ish but not for babies", ["Animation"], ["Children"]),
    ("these are all a bit too kiddy, my two are teenagers now", [], ["Children"]),
    ("something funny, no animated stuff, they think it's babyish", ["Comedy"], ["Animation"]),
    # "a kid" in a plot is a character, not the audience; a child's age in brackets a few words on is one
    ("a western where a kid learns to ride", ["Western"], []),
    ("anything but musicals and kid flicks pls", [], ["Children", "Musical"]),
    ("poorly kid at home (8), wants dinosaurs", ["Children"], []),
])
def test_ages_lists_and_everyday_genre_words(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (sorted(wanted), sorted(avoided))


@pytest.mark.parametrize(("text", "intent"), [
    ("i hated titanic sm it was sooo long", "feedback"),
    ("The film Intouchables, I watched yesterday, it was wonderful!", "feedback"),
    ("like alien", "recommend"),
    ("something like the godfather", "recommend"),
    ("Fantastic Mr Fox, more of that style", "recommend"),
    ("ty bot ur actually goated", "chitchat"),
    ("Hi! I am new here. How this works?", "chitchat"),
    ("hi, what should I watch tonight?", "recommend"),
])
def test_intents_said_many_ways(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


def test_anything_said_after_a_request_refines_it(parser: MuseService) -> None:
    u = understand("just the westerns", known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=parser.concepts,
                   has_previous=True)
    assert u.intent == "refine"


def test_a_next_sentence_verdict_and_a_series(parser: MuseService) -> None:
    u = read(parser, "I'm a huge fan of the Lord of the Rings films, could you suggest something epic?")
    assert {4993, 5952, 7153} <= set(u.liked_ids)
    for text in ("My sister and I watched Mamma Mia at Christmas. I am afraid I found it rather silly.",
                 "My sister and I watched Mamma Mia at Christmas. I found it rather silly, though she adored it.",
                 "We watched Mamma Mia. She adored it but I hated it."):  # someone else's liking does not outweigh the writer's
        u = read(parser, text)
        assert u.disliked_ids == [60397] and u.liked_ids == []
    assert read(parser, "We watched Mamma Mia. My wife hated it but I loved it.").liked_ids == [60397]
    assert read(parser, "We watched Mamma Mia. Bit slow, but my whole family loved it.").liked_ids == [60397]  # no own dislike



@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("Top 3 ever: Pulp Fiction, Reservoir Dogs. Bottom 3: Grease, Mamma Mia. Your move.", [296, 1089], [1380, 60397]),
    ("Pls no more Christopher Nolan. Dunkirk was exhausting. Something quieter", [], [174055]),
    ("I quite liked Finding Nemo, but Toy Story gave me a headache.", [6377], [1]),
    ("I nodded off during 2001: A Space Odyssey at the cinema.", [], [924]),
    ("independence day is the obvious pick but we've all worn that one out", [], [780]),
    ("pearl harbor. no thank you, ever.", [], [4310]),
])
def test_weary_and_bottom_list_verdicts(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (sorted(liked), sorted(disliked))


STORY = ("My late husband and I went to the pictures every Saturday for forty years. He loved his war films and I put up "
         "with them. When the Regal closed in 1987 we carried on at the multiplex. My sister keeps recommending Casablanca, "
         "and my grandson watched Jaws at school and loved it. Now he is staying with me for the summer. I would like "
         "something from the 1950s, a comedy ideally, and please nothing with fighting in it. And no musicals.")


def test_a_long_story_states_its_wish_only_where_it_asks(parser: MuseService) -> None:
    u = read(parser, STORY)
    assert (u.year_min, u.year_max) == (1950, 1959)  # not 1987, when the cinema closed
    assert "Comedy" in u.genres and "War" not in u.genres  # his war films are the story
    assert "Musical" in u.avoid_genres
    assert u.liked_ids == [1387]  # Jaws is judged ("loved it"); Casablanca is only named
    short = "I loved Casablanca. My husband loves war films. Something from the 50s."  # a short message is all request
    assert 912 in read(parser, short).liked_ids
    # a sentence that only sets a condition on the films asks too
    told = ("Looking for a musical. My daughter's doing Grease at school and we're swotting up. Actually no, she just told me at "
            "dinner she's sick to death of musicals from rehearsals. Let's do the opposite then: not a single song. She's 15 and "
            "loves anything with a poisonous-popular-girls vibe, like Heathers, which I'm told is iconic. Made in the 80s or the 90s.")
    assert (read(parser, told).year_min, read(parser, told).year_max) == (1980, 1999)
    # a wish said as a bare phrase with a hedge, and a bonus asked for, ask too
    hedged = ("Honestly I don't even know why I'm typing this at 1am but here we are. Can't sleep, the baby's finally down. I want "
              "something I can half-watch with the sound low. No ghouls, because every creak is already freaking me out. A 90s "
              "romantic comedy maybe, from back when Meg Ryan was in everything.")
    u = read(parser, hedged)
    assert (sorted(u.genres), u.year_min, u.year_max) == (["Comedy", "Romance"], 1990, 1999)
    bonus = ("My housemates and I are doing a Halloween marathon, but we have rules. Rule one: each film from a different decade. "
             "Rule two: Ben has one veto and he used it on clowns. We've got the 70s covered already. Can you give us something "
             "frightening for the 90s? Extra credit if it's funny as well as scary.")
    assert sorted(read(parser, bonus).genres) == ["Comedy", "Horror"]
    # "my favourites" and "never forgotten" judge the films a story names; "some more" points back at them
    letter = ("Dear Sirs, Before I married I was a great one for the pictures, three a week at the Gaumont. The crime pictures "
              "were my favourites, Kind Hearts and Coronets and The Lavender Hill Mob especially. Might you find me some more from "
              "before my wedding? I shan't want any modern ones, and I never did care for cowboys.")
    u = read(parser, letter)
    assert (sorted(u.liked_ids), u.genres, u.avoid_genres) == ([5603, 6650], ["Crime"], ["Western"])


@pytest.mark.parametrize(("text", "wanted", "avoided", "low", "high"), [
    ("quiero una de miedo, pero nada antes de 2010 porfa", ["Horror"], [], 2010, None),
    ("need algo de risa tonight. nada de romance", ["Comedy"], ["Romance"], None, None),
    ("Heute Abend ein Krimi, und bitte keine Komödie", ["Crime"], ["Comedy"], None, None),
    ("Procuro uma comédia romântica bem levinha, dos anos 90", ["Romance", "Comedy"], [], 1990, 1999),
    ("un polar des années 70", ["Crime"], [], 1970, 1979),
    ("zeichentrick für die Kleine, was aus den 80ern", ["Animation"], [], 1980, 1989),
    ("uske jaisi koi thriller batao, 2010 ke baad ki", ["Thriller"], [], 2011, None),
    ("thoda purana chahiye, 2000 se pehle ka", [], [], None, 1999),
    # English words those languages share stay English
    ("a documentary about polar bears", ["Documentary"], [], None, None),
    ("a drama about sin and redemption", ["Drama"], [], None, None),
])
def test_genre_and_era_words_of_other_languages(parser: MuseService, text: str, wanted: list[str], avoided: list[str],
                                                 low: int | None, high: int | None) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), u.avoid_genres, u.year_min, u.year_max) == (sorted(wanted), avoided, low, high)


def test_films_of_a_series_by_number_take_their_own_verdicts(parser: MuseService) -> None:
    u = read(parser, "toy story 1 and 2 yes, 3 made me sob in public so no")
    assert u.liked_ids == [1, 3114] and u.disliked_ids == [78499]
    u = read(parser, "star wars 4 5 6 yes, 1 2 3 absolutely not")
    assert u.liked_ids == [260, 1196, 1210] and u.disliked_ids == [2628, 5378, 33493]
    u = read(parser, "rocky 1 through 4, skip 5")
    assert u.disliked_ids == [2412] and 2412 not in u.liked_ids
    u = read(parser, "spider-man 2 is the best. raimi's 3rd one though, no.")
    assert u.liked_ids == [8636] and u.disliked_ids == [52722]


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("hold the romance", [], ["Romance"]),
    ("Valentine's night on my own. Something where everything blows up", ["Action"], []),
    ("something in that spirit but newer", [], []),  # a likeness, not ghosts
    ("spare me the romcoms. a proper thriller", ["Thriller"], ["Romance"]),  # the romance is refused, not every comedy
    ("no romcoms and no comedies at all", [], ["Romance", "Comedy"]),
    ("im 13 so no baby movies pls", [], ["Children"]),
    ("she's too old for cartoons now, something funny", ["Comedy"], ["Animation"]),
    ("he's outgrown cartoons, an adventure please", ["Adventure"], ["Animation"]),
    ("revenge movies, sharp suits, nothing made for families", [], ["Children"]),
    ("horror's a no-go for me", [], ["Horror"]),
    ("don't show me any war movies", [], ["War"]),
    ("I've had my fill of action", [], ["Action"]),
    ("we don't do horror", [], ["Horror"]),
    ("romance - nope", [], ["Romance"]),
    ("drama is a hard pass", [], ["Drama"]),
    ("fantasy isn't really my thing", [], ["Fantasy"]),
    ("the last thing I want is a romance", [], ["Romance"]),
    ("comedy yes, romance no", ["Comedy"], ["Romance"]),
    # a refused mood or kind of film avoids its genre; refused content ("gore") avoids none
    ("a spy film, no laughs", [], ["Comedy"]),
    ("something gentle, nothing mushy", [], ["Romance"]),
    ("a thriller, no gore", ["Thriller"], []),
    ("a war film, but no battle scenes", ["War"], []),
    ("my sister has a strict no-horror rule", [], ["Horror"]),
    ("a good cry, romance-free", ["Drama"], ["Romance"]),
    ("I'd rather exclude anything principally comic", [], ["Comedy"]),
    ("the president vetoed westerns", [], ["Western"]),
    ("a caper, but not a comic book movie", ["Crime"], []),
    ("something daft, but nothing soppy or she'll walk out", ["Comedy"], ["Romance"]),
    ("true crime, real cases only", ["Documentary", "Crime"], []),
    # said aloud without punctuation: a pause or "something" after the refused words starts a new wish
    ("no westerns please um something funny", ["Comedy"], ["Western"]),
    ("not a thriller something romantic instead", ["Romance"], ["Thriller"]),
    ("i don't want something scary", [], ["Horror"]),
    # a threat or a condition whose consequence is a refusal
    ("a thriller, and heaven help you if there's a musical number in it", ["Thriller"], ["Musical"]),
    ("if you suggest another western I'm switching you off", [], ["Western"]),
    ("an adventure, but if it turns out to be a comedy, forget it", ["Adventure"], ["Comedy"]),
    ("if it's a comedy, even better", ["Comedy"], []),
    # refusal idioms; double negatives and permissions refuse nothing
    ("count us out for anything with aliens in space. a western", ["Western"], ["Sci-Fi"]),
    ("we draw the line at horror", [], ["Horror"]),
    ("wild horses couldn't drag me into a western", [], ["Western"]),
    ("I'd sooner scrub the floor than watch a musical", [], ["Musical"]),
    ("documentaries are dead to me", [], ["Documentary"]),
    ("not that I'm not up for a western, but a comedy tonight", ["Comedy"], []),
    ("I'd rather do my taxes than watch another musical", [], ["Musical"]),
    ("wild horses couldn't drag me to a musical. a comedy instead", ["Comedy"], ["Musical"]),
    ("westerns are dead to me. and musicals. a thriller", ["Thriller"], ["Western", "Musical"]),
    # sadness refused rules out Drama, as most of the corpus's writers label it (session 49; "nothing too sad" is a measure);
    # what a film must not do; "nobody ..."; "keep X out of it"
    ("no horror, no sad stuff", [], ["Horror", "Drama"]),
    ("sci-fi for a 7 year old that won't give him nightmares", ["Sci-Fi", "Children"], ["Horror"]),
    ("no boats, nobody falling in love", [], ["Romance"]),
    ("show me one where absolutely nobody falls in love", [], ["Romance"]),
    # zombies in a comedy or a romance make no horror film (the labels agree); said outright, horror stays
    ("zombies but funny?? shaun of the dead energy but newer", ["Comedy"], []),
    ("Zombies, but make it romantic.", ["Romance"], []),
    ("a funny horror with zombies", ["Comedy", "Horror"], []),
    ("a zombie flick", ["Horror"], []),
    ("and nobody breakin out in song, hear?", [], ["Musical"]),
    ("more boxing, nobody falling for anybody", [], ["Romance"]),
    ("Nothing involving apparitions, please. A mystery", ["Mystery"], ["Horror"]),
    # actors asked for as such refuse the cartoon, unless they are set against a documentary
    ("actually she's gone off drawn ones, real actors this time please", [], ["Animation"]),
    ("Sci-fi, with real actors.", ["Sci-Fi"], ["Animation"]),
    ("not another documentary, something with ACTUAL actors", [], ["Documentary"]),
    ("nobody beats a good western", ["Western"], []),
    ("keep the love interest out of it", [], ["Romance"]),
    # written forms: a minus sign, an unticked box, a label that refuses (its line, or the bullets under it)
    ("rec pls: thriller, 2010+, -horror", ["Thriller"], ["Horror"]),
    ("genre=comedy; era: pre-1990; not: musicals", ["Comedy"], ["Musical"]),
    ("#rec crime y:1970-1979 excl:war", ["Crime"], ["War"]),
    ("Deal-breakers: war, horror. Everything else: go.", [], ["War", "Horror"]),
    ("Checklist:\n[x] a bit romantic\n[ ] horror", ["Romance"], ["Horror"]),
    ("Checklist for tonight:\n[x] funny\n[ ] romance (NO)", ["Comedy"], ["Romance"]),  # "[x]" is ticked
    ("A. Wants: cowboys, revenge\nB. Doesn't want: anything comic, anything musical", ["Western"], ["Comedy", "Musical"]),
    ("What I want: a puzzle to solve / What I don't: anything played for laughs", ["Mystery"], ["Comedy"]),
    ("1. sad? yes / 2. war? no / 3. true story? ideally", ["Drama"], ["War"]),
    ("update: add 'no animated' to dislikes", [], ["Animation"]),
    ("he doesn't want anything musical", [], ["Musical"]),
    # one more thing refused in an "and anything ..." clause, unless it is welcomed
    ("She has vetoed anything with subtitles and anything that might give her nightmares.", [], ["Horror"]),
    ("he hates subtitles and anything where they break into song. an old funny one", ["Comedy"], ["Musical"]),
    ("no westerns, and anything funny is welcome", ["Comedy"], ["Western"]),
    # weariness and aversion said many ways
    ("sci-fi burnout. fantasy burnout. a western", ["Western"], ["Sci-Fi", "Fantasy"]),
    ("horror? nope nope nope. a thriller? yes please.", ["Thriller"], ["Horror"]),
    ("I am so finished with space. earth-bound and tense please", ["Thriller"], ["Sci-Fi"]),
    ("can't stomach horror anymore since having kids", [], ["Horror"]),
    ("She don't like violence and also scary is not good for her.", [], ["Horror"]),
    ("ok the scary idea got shot down by the parents. funny instead", ["Comedy"], ["Horror"]),
    ("action, Hong Kong style, not so much love story", ["Action"], ["Romance"]),
    ("no swearing and no making out on screen", [], ["Romance"]),
    ("More action that's actually crafted, nothing quippy", ["Action"], ["Comedy"]),
    ("no horror, so a comedy", ["Comedy"], ["Horror"]),
    ("what I really want after a long shift is a three-hour war epic. Said no one ever. Something funny.", ["Comedy"], ["War"]),
    ("Drama please... wait, no, I've done enough crying for one week. Something to laugh at instead", ["Comedy"], []),
    ("list of what i DON'T want:\n- romance\n- musicals\nwhat's left", [], ["Romance", "Musical"]),
    ("Yes: animals, adventure\nNo: westerns", ["Adventure"], ["Western"]),
    ("Top 3 things:\n- a mystery\n- a western", ["Mystery", "Western"], []),
    ("a sci-fi-horror mix", ["Sci-Fi", "Horror"], []),
    # a film refused before a colon is no refusing label over what follows
    ("not the martian: seen it. still want big space stuff though", ["Sci-Fi"], []),
    # everyday and regional words for a genre
    ("brainrot lols pls, the dumber the better", ["Comedy"], []),
    ("i need something that'll make me jump out my skin", ["Horror"], []),
    ("a proper time-hopping yarn", ["Sci-Fi"], []),
    ("the most unhinged chop-socky flick you've got", ["Action"], []),
    ("wanna see some proper coppers, 70s british ideally", ["Crime"], []),
    ("a body in the library and a killer to unmask", ["Mystery"], []),
    ("I said funny, not kissy. try again", ["Comedy"], ["Romance"]),
    # grown-ups as the audience refuse a children's film
    ("keep it animated but make it grown-up", ["Animation"], ["Children"]),
    ("Animated but pitched at grown people?", ["Animation"], ["Children"]),
    ("something with dragons for a grown-up audience", ["Fantasy"], ["Children"]),
    ("Paddington 2-level kindness, but made for an audience of adults", [], ["Children"]),
    ("animated, but properly adult", ["Animation"], ["Children"]),
    # "unless" calls a wish off for what follows it, but names the exception to a refusal said just before it
    ("something thoughtful made since about 2009 would be ideal, unless it's horror, which I just can't do.", [], ["Horror"]),
    ("Vietnam films from the 70s or 80s, unless they go comedic.", [], ["Comedy"]),
    ("a comedy from 2005 to 2012 unless it's yet another romcom.", ["Comedy"], ["Romance"]),
    ("Comedy please. Nothing scary, unless the scares are played for laughs.", ["Comedy"], ["Horror"]),
    ("Unless it's a comedy, I'm not interested.", ["Comedy"], []),
    ("Something funny unless you have a great thriller in mind", ["Comedy", "Thriller"], []),  # another offer, no refusal
    ("a western, provided it predates 1970, and unless it's a comedy western, which I can't stand.", ["Western"], ["Comedy"]),
])
def test_refusals_said_many_ways(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres) == (wanted, avoided)


def test_a_genre_said_now_overrides_its_opposite_said_before(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    profile = apply_understanding(UserProfile(), read(parser, "eerie horror from 2000 onwards"))
    assert "Horror" in profile.liked_genres
    profile = apply_understanding(profile, read(parser, "my wife says no horror at all"))
    assert "Horror" in profile.disliked_genres and "Horror" not in profile.liked_genres
    profile = apply_understanding(profile, read(parser, "ok, horror after all"))
    assert "Horror" in profile.liked_genres and "Horror" not in profile.disliked_genres


def test_a_new_kind_of_film_keeps_who_is_watching(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    profile = apply_understanding(UserProfile(), read(parser, "a musical for the kids, they're 6 and 9"))
    assert {"Musical", "Children"} <= set(profile.liked_genres)
    profile = apply_understanding(profile, read(parser, "they're sick of singing. something animated instead"))
    assert set(profile.liked_genres) == {"Animation", "Children"} and "Musical" in profile.disliked_genres


def test_a_new_search_starts_the_request_afresh(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    profile = apply_understanding(UserProfile(), read(parser, "funny films from the 90s, I loved Heat"))
    assert profile.liked_genres == ["Comedy"] and profile.year_min == 1990
    u = understand("forget all that, new search: a road trip film", known_genres=parser.known_genres,
                   grounder=parser.s.grounder, concepts=parser.concepts, has_previous=True)
    assert u.new_search and u.intent == "recommend"
    profile = apply_understanding(profile, u)
    assert profile.liked_genres != ["Comedy"] and profile.year_min is None and profile.liked_items  # Heat stays liked


def test_scrap_that_drops_the_genres_but_keeps_the_era(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    profile = apply_understanding(UserProfile(), read(parser, "some 90s action please, and no horror"))
    assert profile.liked_genres == ["Action"] and profile.disliked_genres == ["Horror"]
    after = apply_understanding(profile, read(parser, "scratch that, no action at all. something quiet from the same decade"))
    assert (after.liked_genres, after.disliked_genres, after.year_min) == ([], ["Action"], 1990)
    after = apply_understanding(profile, read(parser, "ok scrap that, my brother's here and he wants superheroes"))
    assert (after.liked_genres, after.disliked_genres) == ([], [])
    assert read(parser, "scrap all that, new question: any good documentaries about food?").new_search
    assert not read(parser, "a western, scrap that idea of a musical").reset_genres  # only a message that opens with it


@pytest.mark.parametrize(("before", "text", "kept"), [
    ("a sad film, I need to cry it out", "ok no, I've changed my mind, cheer me up instead", False),
    ("something sad to watch on my own tonight", "actually no, I've cried enough this week. I need a giggle", False),
    ("a crime film set in Boston, something heavy like Mystic River", "actually, lighter than that. a crime comedy, still Boston", False),
    # "lighter" alone may ask for a lighter drama, and a new sad wish keeps it
    ("a family drama", "that lot's a bit grim for a saturday, make it a bit lighter", True),
    ("something sad", "too sad. something that hurts but ends happy?", True),
])
def test_a_lifted_mood_takes_back_a_sad_wish(parser: MuseService, before: str, text: str, kept: bool) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    profile = apply_understanding(UserProfile(), read(parser, before))
    assert "Drama" in profile.liked_genres
    profile = apply_understanding(profile, read(parser, text))
    assert ("Drama" in profile.liked_genres) == kept and "Drama" not in profile.disliked_genres


def test_a_rating_beside_a_title_is_its_verdict(parser: MuseService) -> None:
    u = read(parser, "Heat 9/10, Collateral 6/10, Taxi Driver 8/10. more slick after-dark crime like that")
    assert (u.liked_ids, u.disliked_ids) == ([6, 111], [])  # a 6 names the film without a verdict
    u = read(parser, "👍 the conjuring 👍 the babadook 👎 it follows. got a slow creepy one?")
    assert (u.liked_ids, u.disliked_ids) == ([103688, 112515], [121231])  # ratings that open the list come first
    u = read(parser, "★★★★ airplane!, ½★ scary movie 4. i want spoofs that actually land")
    assert (u.liked_ids, u.disliked_ids) == ([2791], [44972])
    u = read(parser, "gave the notebook 1 star and i stand by it")
    assert (u.liked_ids, u.disliked_ids) == ([], [8533])
    assert read(parser, "seen alien 3 4 times").disliked_ids == []  # a count is no rating


@pytest.mark.parametrize(("text", "disliked"), [
    # time lost on a film judges it
    ("you put the notebook on my list last week and I want those two hours back", [8533]),
    ("just watched Chicago off your list and gave up after twenty minutes. anything different?", [5991]),
    ("tried to watch Blade Runner 2049 and dozed off twice", [176371]),
    ("I saw Anchorman. Didn't laugh once.", [8641]),
    ("Dunkirk (superb), The Greatest Showman (did nothing for me)", [180985]),
    ("I don't get the hype about the shawshank redemption. am I broken?", [318]),
    ("the departed, seen it, adored it. the town didn't do it for me.", [80489]),
    # a bare verdict after a comma; "cheesy" and "worse" closing a title's own verdict
    ("titanic, no. the notebook, no. something with a heist", [1721, 8533]),
    ("The Notebook: cheesy. P.S. I Love You: worse. Before Sunset: perfect.", [56941, 8533]),
])
def test_time_lost_on_a_film_and_hype_not_shared_dislike_it(parser: MuseService, text: str, disliked: list[int]) -> None:
    assert sorted(read(parser, text).disliked_ids) == sorted(disliked)


def test_short_verdicts_after_a_colon_or_an_equals_sign(parser: MuseService) -> None:
    u = read(parser, "psycho, notorious: yes. jaws: no. more suspense")
    assert (sorted(u.liked_ids), u.disliked_ids) == ([930, 1219], [1387])
    u = read(parser, "big fish, beetlejuice = burton at his best. planet of the apes 2001 = worst.")
    assert (sorted(u.liked_ids), u.disliked_ids) == ([2174, 7147], [4643])
    assert read(parser, "coco was a hit here. cars 2 is banned in our house.").disliked_ids == [87876]
    assert read(parser, "Interstellar bored me, and Dunkirk was just noise.").disliked_ids == [109487, 174055]
    u = read(parser, "is there a sequel to the incredibles")  # "a sequel to" names the film asked about
    assert (u.asked_ids, u.intent) == ([8961], "ask_item")


def test_a_verdict_on_something_else_and_a_liking_said_first(parser: MuseService) -> None:
    # a film's own liking comes before the next film's verdict; "faves" is a liking
    u = read(parser, "city of lost children and delicatessen are two of my faves, amelie less so")
    assert (sorted(u.liked_ids), u.disliked_ids) == ([29, 1175], [])
    # what follows "but anything ..." or "rather than" judges something else
    u = read(parser, "Raising Arizona or The Big Lebowski, rather than the bleak stuff like No Country")
    assert (sorted(u.liked_ids)[:2], u.disliked_ids) == ([1394, 1732], [])
    # a liking that is negated, or "like" as a filler, is none
    assert read(parser, "I saw Titanic until the end but I did not like, too much love.").disliked_ids == [1721]
    assert read(parser, "I tried The Godfather and I found it overlong and needlessly brutal.").disliked_ids == [858]
    # a sentence opening with "Or" goes on refusing
    assert read(parser, "Whatever you do, don't suggest Titanic. Or The Notebook.").disliked_ids == [1721, 8533]
    assert read(parser, "the matrix was mind blowing, revolutions was a crime.").genres == []  # a verdict, no crime film
    assert read(parser, "He rolls his eyes at cop films but loves a whodunit.").avoid_genres == ["Crime"]


@pytest.mark.parametrize(("text", "asked", "liked"), [
    # a comparison asked of the films named asks about them; "more X stuff" still asks for films
    ("which gives more nightmares, the terminator or t2?", [589, 1240], []),
    ("is the sixth sense actually frightening or more sad?", [2762], []),
    ("Has Blade Runner 2049 got much action in it or is it slow like the first?", [541, 176371], []),
    ("Jurassic Park, Jurassic World. Which one is more frightening? My son has 9 years.", [480, 117529], []),
    ("Michael Mann's digital period: Collateral, Miami Vice, Public Enemies. Which one looks best?", [8798, 47044, 69640], []),
    ("My daughter has watched Spirited Away and adored it. Which one next?", [], [5618]),
    ("loved alien. any more like it?", [], [1214]),
    # a choice between the films named; "have you got X?" asks for it ("got anything like X" still asks for films)
    ("My sister says Fargo, I say No Country for Old Men. Which one should we watch tonight?", [608, 55820], []),
    ("Loved Heat and Collateral, which one should I watch next?", [], [6, 8798]),
    ("Have you got Tokyo Story? My teacher keeps going on about it.", [6643], []),
])
def test_a_comparison_asked_of_named_films(parser: MuseService, text: str, asked: list[int], liked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.asked_ids), sorted(u.liked_ids)) == (asked, liked)


def test_live_action_refuses_the_cartoon_and_a_reason_turns_a_take_back_into_a_refusal(parser: MuseService) -> None:
    u = read(parser, "more gritty superhero stuff post 2005, live action only")
    assert ("Action" not in u.genres, u.avoid_genres) == (True, ["Animation"])
    assert read(parser, "the live action remake of the lion king was bad").avoid_genres == []  # a version, no refusal
    assert read(parser, "ok scrap the horror, my girlfriend just walked in and she hates it. a romcom instead").avoid_genres == ["Horror"]
    u = read(parser, "scrap the horror, a mystery instead")  # taken back with no reason: no longer wanted, not refused
    assert (u.avoid_genres, "Horror" in u.unwant_genres) == ([], True)
    assert read(parser, "To whom it may concern: I cannot abide those loud computer-animated affairs").avoid_genres == ["Animation"]


def test_children_who_are_not_watching_ask_for_no_childrens_film(parser: MuseService) -> None:
    assert read(parser, "date night in, the kids are at his mum's, we want something romantic").genres == ["Romance"]
    assert "Children" not in read(parser, "We tried Spirited Away and my kids were bored stiff").genres
    assert "Children" in read(parser, "the kids will be watching so keep the scares out").genres
    # a child by age, said not to be watching
    assert read(parser, "Teenager (16) wants horror. Little one (5) will be asleep.").genres == ["Horror"]
    assert read(parser, "a 90s film, the little one (6) is at a sleepover.").genres == []
    assert read(parser, "my 6 year old is obsessed with dinosaurs").genres == ["Children"]


def test_a_war_that_names_an_era_is_no_war_film_and_a_refusal_may_follow_the_genre(parser: MuseService) -> None:
    assert read(parser, "a Cold War paranoia thriller, none of the sci-fi allegories").genres == ["Thriller"]
    assert "War" not in read(parser, "Italian neorealism, post-war poverty, fiction only").genres
    u = read(parser, "My flatmate only watches horror and I can't stand it. Is there a thriller we'd both sit through?")
    assert (u.genres, u.avoid_genres) == (["Thriller"], ["Horror"])


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("I get nightmares for weeks, so keep it light please", [], ["Horror"]),
    ("give me nightmares, something from the 80s", ["Horror"], []),  # an imperative still wishes
    ("He frightens easily, so keep it gentle", [], ["Horror"]),
    ("I'm learning spanish, and horror films give me palpitations", [], ["Horror"]),
    # fear shown by what it makes someone do, as a habit or as what a film must not make them do; not as a wish
    ("kids are 4 and 7, the little one hides behind the sofa at anything remotely scary. something with animals?", ["Children"], ["Horror"]),
    ("a film with some suspense that won't have me hiding behind the settee", ["Thriller"], ["Horror"]),
    ("I still sleep with the hall light on. my mates want a film night", [], ["Horror"]),
    ("give me something that'll have me hiding behind the sofa", [], []),
    # a reaction at anything of a kind refuses it; a refused "angle"
    ("she gets bored by anything romantic", [], ["Romance"]),
    ("save me from the musicals this time, just give me a clever crime film", ["Crime"], ["Musical"]),
    ("my husband walks out the second anyone starts singing", [], ["Musical"]),
    ("Crime I can do, horror I can do, what I won't sit through is a documentary.", [], ["Documentary"]),  # permission
    ("the romance I can do without, a western", ["Western"], ["Romance"]),
    ("my brother refuses to sit through anything where people sing", [], ["Musical"]),
    ("Comedy preferably, romantic angle also not required.", ["Comedy"], ["Romance"]),
    ("the kids will be watching so keep the scares out", ["Children"], ["Horror"]),
    ("a war film, and keep romance out", ["War"], ["Romance"]),
    ("I just want a laugh. Leave the romance out, just a daft one.", ["Comedy"], ["Romance"]),
    ("a comedy, nobody wants horror", ["Comedy"], ["Horror"]),
    ("a comedy - hard pass on romance", ["Comedy"], ["Romance"]),  # the pass is on what follows, not the comedy
    ("comedy; romance not so much", ["Comedy"], ["Romance"]),
    ("comedy, horror not welcome", ["Comedy"], ["Horror"]),
    ("I'm up for pretty much anything bar musicals and westerns", [], ["Musical", "Western"]),
    ("Anything apart from horror, crime or war. My head's in a bad place", [], ["Horror", "Crime", "War"]),
    ("no horror, crime or war", [], ["Horror", "Crime", "War"]),  # a comma list that "or" closes is refused whole
    ("no horror, a comedy or a drama", ["Comedy", "Drama"], ["Horror"]),
    ("something from 2002ish like that, and nobody snogging", [], ["Romance"]),
    ("my 5yo loves dinosaurs, what can we watch that WON'T terrify her???", ["Children"], ["Horror"]),
    ("Give me the most anti-romantic film you've got, a dark comedy ideally.", ["Comedy"], ["Romance"]),
    ("something gentle, and I can't face a weepy tonight", [], ["Drama"]),
    ("something slow and dreamy, nothing that'll make me jump", [], ["Horror"]),
    ("none of them jump out. could we try comedies instead", ["Comedy"], []),
    ("short, loud, angry. Keep romance well away from it.", [], ["Romance"]),
    ("Oh, and she draws a hard line at horror.", [], ["Horror"]),
    ("something with action in it (he's had his fill of sci-fi)", ["Action"], ["Sci-Fi"]),
    ("Billy Wilder films like The Apartment? His war pictures I can skip.", [], ["War"]),
    ("Comedies are not to my taste, you see.", [], ["Comedy"]),
    ("I am not fond of westerns", [], ["Western"]),
    # a limit on how much of a genre just asked for is no refusal of it; a limit on its own still refuses
    ("My nephew wants something creepy but not too creepy.", ["Horror"], []),
    ("a comedy, nothing too scary", ["Comedy"], ["Horror"]),
    # a condition whose consequence refuses; a verdict said after the genre; a line in the sand; afraid of a genre
    ("if it's got singing, no. if it's got saloons and spurs, also no. what's left that's funny?", ["Comedy"], ["Musical", "Western"]),
    ("If there's a spaceship in it, I'm also out.", [], ["Sci-Fi"]),
    ("if it's a musical, i double don't want it. an adventure maybe?", ["Adventure"], ["Musical"]),
    ("Documentaries: absolutely not. Sword fights on the high seas, yes please", ["Action"], ["Documentary"]),
    ("any romance subplot is an instant skip", [], ["Romance"]),
    ("Horror not needed, just a good thriller", ["Thriller"], ["Horror"]),
    ("my line in the sand is anything animated", [], ["Animation"]),
    ("she is afraid of horror and I am tired from comedies", [], ["Horror", "Comedy"]),
    ("mum's visiting so keep documentaries and cartoons out of it", [], ["Documentary", "Animation"]),
    # "can't watch anything X", "done w X", what a film must not do said with the doing inside the phrase
    ("I can't watch anything scary right now. a comedy", ["Comedy"], ["Horror"]),
    ("I can't sit through another war film", [], ["War"]),
    ("im so done w musicals. need dumb fun, explosions", ["Action"], ["Musical"]),
    ("something warm, and please don't make me cry", [], ["Drama"]),
    ("a slow thriller that won't make me jump", ["Thriller"], ["Horror"]),
    ("I don't scare easily, so horror is fine", ["Horror"], []),  # no fear said of oneself
    # a refusal that runs into the phrase read; more fear said of oneself; refusals of suggestions made
    ("My son (11) says he's too old for kids' films now. Something adventurous", ["Adventure"], ["Children"]),
    ("changed my mind, I'm too jumpy. something funny instead", ["Comedy"], ["Horror"]),
    ("no, I'll never sleep. a mystery instead", ["Mystery"], ["Horror"]),
    ("A science fiction picture, please, as my wife is easily frightened.", ["Sci-Fi"], ["Horror"]),
    ("Something Scottish from the 90s. Nae horror.", [], ["Horror"]),
    ("so over romcoms. not an ounce of romance please, and a lot of brains", [], ["Romance"]),
    ("That list is all comedies and I'm not feeling jokes. More true stories.", [], ["Comedy"]),
    ("Heartbroken. Don't you dare give me anything romantic.", [], ["Romance"]),
    ("fancy a bit of a chortle tonight, but no canoodling", ["Comedy"], ["Romance"]),
    # refusals said after the genre, and after the last item of a list that refuse them all ("neither")
    ("Horror's the one thing I won't watch.", [], ["Horror"]),
    ("I don't really do horror but I love a good twist", [], ["Horror"]),
    ("my partner won't go near anything about war", [], ["War"]),
    ("Me and friend want comedy, but not stupid American one. Drama we don't need.", ["Comedy"], ["Drama"]),
    ("musicals make me want to scream. something with a good story", [], ["Musical"]),
    ("Horror, thrillers and big action are all out. She likes funny school films", ["Comedy"], ["Horror", "Thriller", "Action"]),
    ("his favourite films were all war films and westerns. I would like neither. a 1950s musical", ["Musical"], ["War", "Western"]),
    ("Westerns yes, war films no, anything before 1975", ["Western"], ["War"]),  # a list's items keep their own verdicts
    ("war films and westerns. I'd like neither. a musical", ["Musical"], ["War", "Western"]),
    # ...and not where the later items are no genres, a wish comes between, or the words say something else
    ("Horror please, and westerns are out", ["Horror"], ["Western"]),
    ("Westerns yes, war films and musicals are out", ["Western"], ["War", "Musical"]),
    ("Horror, sci-fi and westerns are out of this world for me", ["Horror", "Sci-Fi", "Western"], []),
    ("A comedy, we don't need anything too long", ["Comedy"], []),
    ("Horror's the one thing I can't get enough of", ["Horror"], []),
    ("Sad dramas make me want to cry, and that's what I want tonight", ["Drama"], []),
])
def test_fear_of_oneself_and_what_is_kept_out_refuse(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres) == (wanted, avoided)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # a genre as the subject of a bad verdict on what it does to the viewer is refused...
    ("westerns send me straight to sleep every time. i do love a good heist though", ["Crime"], ["Western"]),
    ("Documentaries always feel like homework to me. I just want a fun adventure", ["Adventure"], ["Documentary"]),
    ("Sci-fi and I have never got along. Mum and I want a mystery", ["Mystery"], ["Sci-Fi"]),
    ("Period dramas put me in a coma, sorry. Give me something fast, maybe a thriller", ["Thriller"], ["Drama"]),
    ("I always end up skipping the songs, so musicals are wasted on me. something animated", ["Animation"], ["Musical"]),
    ("cartoons just don't do it for any of us now, sadly. something funny", ["Comedy"], ["Animation"]),
    # ...not when the verdict is good, names no viewer, or the genre is no subject; inexperience is no refusal
    ("horror films scare me in the best way", ["Horror"], []),
    ("westerns always remind me of my grandad, I loved watching them with him", ["Western"], []),
    ("I want a comedy that doesn't bore me", ["Comedy"], []),
    ("I have never seen a single western, and I feel like I should. where do I start?", ["Western"], []),
    ("I'd like to be scared, but not so scared I can't sleep.", ["Horror"], []),  # "so" opens no subject here
    # said for someone else ("He thinks romance is gross"), or a British understatement
    ("He loved Jurassic Park. He thinks romance is gross.", [], ["Romance"]),
    ("I enjoy a thriller, and science fiction leaves me quite cold.", ["Thriller"], ["Sci-Fi"]),
    ("he thinks horror is the best", ["Horror"], []),
    # a verdict on what it does to one of the party, or a bad verdict that needs no viewer
    ("He loves The Great Escape, and musicals make him grumpy.", [], ["Musical"]),
    ("Romantic comedies are a con, no offence. Give me a documentary", ["Documentary"], ["Romance", "Comedy"]),
    ("westerns are so dull", [], ["Western"]),
    ("sick kid home from school (she's 7) and I feel rubbish too", ["Children"], []),  # the child is no verdict's subject
    # "'s out", "keep ... away", a refused list written with commas, "cop films"
    ("comedy's out too, and made since the 80s", [], ["Comedy"]),
    ("keep the whodunits away", [], ["Mystery"]),
    ("I want science fiction without lightsabers, laser fights or action of any kind.", ["Sci-Fi"], ["Action"]),
    ("no space ones though, earthbound sci-fi, and not horror", ["Sci-Fi"], ["Horror"]),
    ("something for a first date, oh but she can't bear a sad ending, so romance AND comedy", ["Romance", "Comedy"], ["Drama"]),
    ("Dad's a retired cop who can't bear cop films", [], ["Crime"]),
    ("a buddy cop movie", ["Action", "Comedy"], []),
    # more ways to refuse: "sick to death of", "steers clear of", "nah to", a threat, a groan
    ("I'm sick to death of sci-fi. Give me something with its feet on the ground.", [], ["Sci-Fi"]),
    ("Any genre at all, so long as it steers clear of horror", [], ["Horror"]),
    ("nah to mob films, nah to heist films", [], ["Crime"]),
    ("i wanna laugh tonight, n if anyone falls in love im turning it off", ["Comedy"], ["Romance"]),
    ("The older two want a 90s film. Musicals make them groan.", [], ["Musical"]),
    # a sibling's age; "kids" said to be teenagers ask for no children's film; "picture" is only a film
    ("fam movie nite, my lil bro is 7", ["Children"], []),
    ("My kids are 16 and 17, they're not babies. Something funny", ["Comedy"], []),
    ("I should like a picture about the Great War", ["War"], []),
    ("a picture that will have me chuckling into my tea", ["Comedy"], []),
    ("a dumb send-up of whatever genre", ["Comedy"], []),
    ("Gun ballet, John Woo's Hong Kong period", ["Action"], []),
    # a sentence opening with "Or" goes on refusing; a new wish or a hedge before it does not
    ("Can't face anything sad tonight. Or anything all-singing all-dancing. Or subtitles.", [], ["Drama", "Musical"]),
    ("no horror. or maybe a comedy", ["Comedy"], ["Horror"]),
    ("It's not like I'm against subtitles. Or documentaries.", ["Documentary"], []),
    # forbidding, refusing, "X I can't", "un-", fear of being spooked, sob stuff, spacemen
    ("Matron has forbidden anything frightening", [], ["Horror"]),
    ("my girlfriend refuses horror", [], ["Horror"]),
    ("sad I can handle, horror I can't", ["Drama"], ["Horror"]),
    ("keep it un-scary", [], ["Horror"]),
    ("the 3yo gets spooked by witches and ghosts", ["Children", "Fantasy"], ["Horror"]),
    ("My wife will not tolerate Westerns and I cannot bear the sob-stuff she favours", [], ["Western", "Drama"]),
    ("nothing with spacemen and ray guns, please", [], ["Sci-Fi"]),
    ("my lil bro is 7 so nothing that'll freak him out", ["Children"], ["Horror"]),
    # film words a genre is known by, and one that only looks like a typo of one ("courting" is no "chortling")
    ("Something to make my ribs ache, a real chortle. From the 80s.", ["Comedy"], []),
    ("Fancy a flick with ten-gallon hats and tumbleweeds. Pre-1970.", ["Western"], []),
    ("Lasers, little green men, the works.", ["Sci-Fi"], []),
    ("Samurai film please. Kurosawa is the best.", ["Action"], []),
    ("a film that gives the heartstrings a tug", ["Drama"], []),
    ("Something from our courting days in the early sixties would be lovely", [], []),
    ("Bring on the bang-bang-kaboom, a pyrotechnics orgy.", ["Action"], []),
    ("Pixar, only sadder.", ["Animation", "Drama"], []),
    ("a drawing-room reveal with a dozen red herrings and a detective", ["Mystery"], []),  # a room, no cartoon
    ("one of those pictures of the forties, all trench coats and cigarette smoke", ["Film-Noir"], []),  # no trenches
])
def test_a_genre_judged_by_what_it_does_to_the_viewer(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres) == (wanted, avoided)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # two negatives make a wish
    ("nothing that isn't a comedy tonight. i mean it.", ["Comedy"], []),
    ("I wouldn't not watch a musical, provided it's a funny one.", ["Musical", "Comedy"], []),
    ("not un-scary, not un-funny, not over two hours", ["Horror", "Comedy"], []),
    ("I don't not like horror, I just don't love it.", ["Horror"], []),
    ("I'd not turn my nose up at a western, and I'm not not in the mood for a comedy either", ["Western", "Comedy"], []),
    ("I'm never one to turn down a gangster film. 70s ideally", ["Crime"], []),
    # lists under refusing labels, which end with their sentence
    ("Acceptable: Pixar, Ghibli. Unacceptable: Disney princesses, musicals", ["Animation"], ["Musical"]),
    ("Must: colour film. Mustn't: romance. Mustn't: subtitles.", [], ["Romance"]),
    ("Allowed decades: 50s, 60s. Off the table: war, western. Everything else goes", [], ["War", "Western"]),
    ("Not allowed: swearing, sex, gore. Genre's your pick, as long as it's drama, mystery or comedy", ["Drama", "Mystery", "Comedy"], []),
    # a change of mind in the same message ("hmm, wait", "No, ...", ", no, ", "ugh, fine")
    ("horror please. hmm, wait, thriller. something tense", ["Thriller"], []),
    ("A musical. A sad musical. No, a happy musical, I've had a week", ["Musical"], []),
    ("something sci-fi, no, fantasy, no, sci-fi. Final answer: sci-fi.", ["Sci-Fi"], []),
    ("no comedy tonight. ugh, fine, a bit of comedy, but dark, with crime in it", ["Comedy", "Crime"], []),
    ("I want a horror, no, a thriller. horror's too much for me this week", ["Thriller"], ["Horror"]),
    # refusals said after the genre or with "keep ... away"; "X's fine" lifts a refusal without asking for X
    ("a slow-burning mystery, pre-1970 ideally, horror's off the menu", ["Mystery"], ["Horror"]),
    ("he loved Heat. and keep it away from horror, he hates that", [], ["Horror"]),
    ("more films about musicians, and keep comedy well away", [], ["Comedy"]),
    ("Everything but horror.", [], ["Horror"]),
    ("I'm hardly what you'd call a musicals person.", [], ["Musical"]),
    ("a thriller, and nothing jumps out at you please", ["Thriller"], ["Horror"]),
    ("A drama that never once makes my heart race.", ["Drama"], ["Thriller"]),
    ("Drama's fine, but nothing about war", [], ["War"]),
    ("Hen do: songs we can all scream along to.", ["Musical"], []),  # songs, no screams
    ("a romance where he's a bit unhinged. and it can't be a tragedy", ["Romance"], ["Drama"]),
    # genre words of film slang, and a close spelling of one that means another kind
    ("in the mood for a mockumentary, like this is spinal tap", ["Comedy"], []),
    ("a rockumentary, a real one, not Spinal Tap", ["Documentary"], []),
    ("a wuxia with flying swordsmen", ["Action"], []),
    ("a good old video nasty, the grubbier the better", ["Horror"], []),
    # children by two ages or a birthday to come
    ("Last day of term with my year 6 lot, all 10 or 11. Festive and funny, please", ["Children", "Comedy"], []),
    ("My twins turn 10 next week. Something exciting", ["Children"], []),
])
def test_litotes_refusing_labels_changes_of_mind_and_children_by_age(parser: MuseService, text: str, wanted: list[str],
                                                                     avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (sorted(wanted), sorted(avoided))


def test_a_list_under_a_bare_seen_names_films_without_a_verdict(parser: MuseService) -> None:
    u = read(parser, "Any good submarine films? / Seen: Das Boot, Crimson Tide, U-571. Loved Das Boot, the rest were fine.")
    assert (u.liked_ids, u.disliked_ids) == ([1233], [])
    assert read(parser, "Seen and loved: Children of Men, The Road").liked_ids == [48774, 63072]


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # a thing refused after its genre was asked for, in a clause of its own, is no refusal of the genre
    ("Brief: space, survival, realistic, no aliens, no horror.", ["Sci-Fi"], ["Horror"]),
    ("more lonely films out among the stars, but no alien monsters", ["Sci-Fi"], []),
    ("a comedy, nothing silly", ["Comedy"], []),
    # ...not once a refusal came first, nor for a refusal said whole or a fear said of oneself
    ("im so over zombies and vampires and anything that goes bump in the night, gimme a sci fi mystery", ["Mystery", "Sci-Fi"], ["Horror"]),
    ("bad space science ruins films for me, so skip space entirely. a thriller on solid ground", ["Thriller"], ["Sci-Fi"]),
    ("something from spain. I'm also a coward about gore, and horror films give me palpitations", [], ["Horror"]),
])
def test_a_thing_refused_inside_a_genre_asked_for(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), u.avoid_genres) == (wanted, avoided)


@pytest.mark.parametrize(("text", "wanted", "unavoided"), [
    # "silly" measuring a reaction, a joke at the writer's expense, an idiom's nightmare or horror: no genre
    ("the ring scared me silly. more like the ring", ["Horror"], []),
    ("Help. 14yo wants a film that'll scare her and her friends silly", ["Horror"], []),
    ("Game Night had me laughing myself silly", [], []),
    ("my boss is a nightmare, something light and funny", ["Comedy"], []),
    ("Last night was a horror, tonight we want the complete opposite. Something sweet.", [], []),
    # who watched, said with what a film did to them, wishes no children's film
    ("Thank you so much for yesterday's suggestions, whole family enjoyed.", [], []),
    ("the kids made us watch stuart little 2 twice this weekend", [], []),
    # a refusal lifted
    ("she's gone up to bed now, so horror's back on the table", [], ["Horror"]),
])
def test_reactions_idioms_and_lifted_refusals_wish_no_genre(parser: MuseService, text: str, wanted: list[str], unavoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres) == (wanted, [])
    assert all(g in u.unavoid_genres for g in unavoided)


@pytest.mark.parametrize(("text", "wanted"), [
    ("maybe a comedy? or maybe not, no idea honestly. 90s though", []),
    ("I was going to say action, but honestly maybe not. just something that moves fast?", []),
    ("a comedy, maybe not too long", ["Comedy"]),  # the doubt is about something else
])
def test_a_wish_doubted_away_in_the_same_breath_is_none(parser: MuseService, text: str, wanted: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres) == (wanted, [])
    assert "comedy" not in u.keywords or wanted


def test_couples_stuff_is_romance_and_a_no_rule_can_be_lifted(parser: MuseService) -> None:
    assert read(parser, "90s comedies, me and a flatmate. none of that couples stuff").avoid_genres == ["Romance"]
    assert read(parser, "we need a couple more classics from before 1990").genres == []  # a couple is two
    assert "Children" in read(parser, "forget the no-kids rule, my niece (8) is joining us").unavoid_genres
    assert read(parser, "scrap the no-horror bit, turns out I loved Alien").unavoid_genres == ["Horror"]
    assert read(parser, "forget the cartoon ban, they've won the argument").unavoid_genres == ["Animation"]
    assert read(parser, "actually scrap romcoms, my date can't stand them").avoid_genres == ["Romance"]  # not every comedy


# The thirty-second and thirty-third blind splits' first misses, in words of our own.
@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("something from 1987, any genre but horror", [], ["Horror"]),
    ("Scary thing is no good. Animation please", ["Animation"], ["Horror"]),
    ("the blood she hates, and the films of war she hates also", [], ["War"]),
    ("a cowboy picture, romance embarrasses her", ["Western"], ["Romance"]),
    ("nuttin wid war", [], ["War"]),
    ("French comedies, and romance must not be the point of it", ["Comedy"], ["Romance"]),
    ("gonna give mysteries a rest for a while", [], ["Mystery"]),
    ("Jump scares? not a chance. I still want tension though", ["Thriller"], ["Horror"]),
    ("I don't really want horror", [], ["Horror"]),
    ("hated prometheus want real scifi", ["Sci-Fi"], []),  # the verb of a new wish ends the refusal
    ("i dont want horror", [], ["Horror"]),  # ...but not a "want" the refusal says
    ("I don’t want horror tonight", [], ["Horror"]),  # a curly apostrophe is an apostrophe
    ("I never want horror again", [], ["Horror"]),
    ("something funny, she hates horror", ["Comedy"], ["Horror"]),  # a hatred after a genre ends its clause to refuse it
    ("comedy, I hate slow films", ["Comedy"], []),
    ("need a comedy, a rest from the news", ["Comedy"], []),
    ("I love things like Alien", [], []),
    ("Thriller? ✅\nRomance? ❌\nSubtitles? ❌", ["Thriller"], ["Romance"]),  # a checklist's cross after the question
    ('relay from my teen: "anything but a musical, anything but romance"', [], ["Musical", "Romance"]),  # a quote is read
    ("any good creature features?", ["Horror"], []),  # a plural of a phrase ending in "e"
    ("keep the 80s though, something that'll make my skin prickle", ["Horror"], []),
    ("a light romcom please, nothing heavy", ["Comedy", "Romance"], []),  # "heavy" refused is a mood, not Drama
    ("serious drama about war. Comedy not need.", ["Drama", "War"], ["Comedy"]),
    ("a new hope fan, but real war films aren't for me. something with spaceships", ["Sci-Fi"], ["War"]),
    ("a 90s comedy, but without a love angle", ["Comedy"], ["Romance"]),
    ("action, 2010s, nothing with capes", ["Action"], []),  # capes are a costume, no genre
    ("a western without any crooning cowhands", ["Western"], ["Musical"]),
    ("a bromance comedy, no gushy stuff", ["Comedy"], ["Romance"]),
    ("a drama, though I confess that war films do not agree with me", ["Drama"], ["War"]),
    ("is it worth three hours, given that I care little for romances?", [], ["Romance"]),
    ("I would ask that you cease recommending animated features.", [], ["Animation"]),
    ("a sci-fi, not the creature-bursting-out-of-chests kind", ["Sci-Fi"], []),  # no one bursts into song
    ("HATED: jury duty. more 80s comedies like the loved pile", ["Comedy"], []),  # a wish after the label's list
    ("stephen king adaptations from the 80s, no werewolves", [], []),  # a creature refused, like zombies
])
def test_refusals_and_wishes_the_new_splits_missed(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("yeah no that's too old um something after 2010", 2011, None),  # a wish after "something" is out of the "no"
    ("not for kids, like an adult one from 2000 and up", 2000, None),
    ("a horror film, not a slasher and made after 1975 but before 1990", 1976, 1989),
    ("anything from 1950 up to 1963", 1950, 1963),
    ("any crime film as long as it isn't older than 1980", 1980, None),
    ("no older then 1990", 1990, None),
    ("war films please, cut-off is 2000", None, 2000),
    ("an adventure with magic in it, and my cutoff is 1980, nothing older", 1980, None),
    ("I don't like anything made after 2000", None, 2000),  # "like" the verb of the refusal goes on with it
])
def test_bounds_said_with_a_refusal_nearby(text: str, low: int | None, high: int | None) -> None:
    read = read_years(text, newest_year=2018)
    assert (read.year_min, read.year_max) == (low, high)


@pytest.mark.parametrize(("text", "low", "high", "genres"), [
    ("documentry about food? 2006 onwrds", 2006, None, ["Documentary"]),
    ("need a horer movie from the 2000s", 2000, 2009, ["Horror"]),
    ("feel good musicals from the fiftys", 1950, 1959, ["Musical"]),
    ("crime docs, nothng pre 2000", 2000, None, ["Crime", "Documentary"]),
    ("crime docs, nothign befoer 2000", 2000, None, ["Crime", "Documentary"]),  # the last two letters swapped
    ("I do earlies at the bakery, so something short, any genre except horror", None, None, []),  # "earlies" is no "earlier"
])
def test_misspelt_bound_and_decade_words(parser: MuseService, text: str, low: int | None, high: int | None, genres: list[str]) -> None:
    u = read(parser, text)
    assert (u.year_min, u.year_max, sorted(u.genres)) == (low, high, genres)


@pytest.mark.parametrize(("text", "intent"), [
    ("thanks muse", "chitchat"),  # the bot's name goes, the thanks stays
    ("hey muse! how's your day going?", "chitchat"),
    ("ok cheers bye", "chitchat"),
    ("be honest, is there a human typing this lol", "chitchat"),
    ("Good evening. Long day. Are you the film bot my sister keeps going on about?", "chitchat"),
    ("how do you pick films? do you actually watch them", "chitchat"),
    ("what's your favourite film? mine is spirited away, don't judge", "chitchat"),
    ("do you know any good films? nothing with subtitles and no horror", "recommend"),
    ("gattaca worth it", "ask_item"),
    ("do you know about Jaws? what is it about", "ask_item"),  # a question about a film named, not about the bot
    ("do you actually watch them", "chitchat"),
    ("can you remember what I told you last time? that I loved amelie?", "chitchat"),
])
def test_talk_about_the_bot_and_short_questions(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    ("the searchers was great", [3365], [], []),  # the article, and a plural the verb treats as one thing
    ("the conjuring was a bit much for us", [], [103688], []),
    ("heat was bad", [], [6], []),
    ("heat was not bad at all", [6], [], []),
    ("cujo was boring", [], [2121], []),  # a word of no language with a verdict after it
    ("is hugo for kids or grown ups", [], [], [90866]),
    ("loved grease n dirty dancin", [1380, 1088], [], []),
    ("a horror like the desent", [40732], [], []),  # a misspelt name of a little-rated film, a word of no language in it
    ("mystery films like murder on the orient expres (the old one)", [8879], [], []),  # a misspelt remade film: the note picks
    ("the killer was obvious and the hunt was tense", [], [], []),
    ("something like the desert", [], [], []),
    ("this year's theme is first films only", [], [], []),  # "first" names no series
    ("grave of the fireflies ♥, ferngully ✗", [5690], [5159], []),  # a cross after a name marks it down
    ("flubber was a hit, mouse hunt was a flop", [1702], [1713], []),
    ("Wild Tales: wow. The Motorcycle Diaries: slow.", [116897], [8873], []),
    ("I loved Heat: slow burn, every minute of it", [6], [], []),  # a slow burn is no verdict
    ("Pros of last week's pick (Zodiac): slow, obsessive, real case.", [51540], [], []),
    ("✅ A Quiet Place\n❌ It Follows", [185029], [121231], []),  # a checklist's cross marks the line it opens
    ("alien ✗, aliens", [1200], [1214], []),
    ("Jaws wasn't so bad", [1387], [], []),
    ("Alien was fine, bad ending though", [], [], []),  # a middling verdict: neither liked nor, for its ending, disliked
    ("Good:\n+ Groundhog Day\nBad:\n- Looper\nWant: another one where the day keeps resetting", [1265], [96610], []),
    ("I never said Die Hard was bad", [1036], [], []),
    ("though I confess that I liked it", [], [], []),  # the speaker's "I" is no capital of *I Confess*
    ("she likes costume dramas, i like heists", [], [], []),  # a plural is no misspelling of *Heist*
    ("Ronin: 4. The Town: 2, forgettable.", [2278], [80489], []),  # no *Unforgettable*
])
def test_lower_case_names_the_new_splits_missed(parser: MuseService, text: str, liked: list[int], disliked: list[int],
                                                asked: list[int]) -> None:
    u = read(parser, text)
    assert (u.liked_ids, u.disliked_ids, u.asked_ids) == (liked, disliked, asked)


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # a short verdict closes each item of a list, so a lower-case name beside it is a film
    ("so far this month: 10 cloverfield lane, tense and great. contagion, meh. dunkirk, loved.", [152077, 174055], [89470], []),
    ("sexy beast - fantastic. layer cake - fantastic. snatch - fun. rocknrolla - awful.", [4378, 27831, 4011], [62849], []),
    ("christine, creepshow and the dead zone all great. cujo was boring.", [2517, 3016, 2118], [2121], []),
    ("hoosiers, rudy and remember the titans, loved every one of them. the replacements, eh, no.", [3360, 524, 3916], [3861], []),
    ("50 first dates was cute. the proposal, not so much.", [7293], [69406], []),
    ("action - yes. romance - no.", [], [], []),  # a checklist of genres names no film
    ("Moon - loved. Primer - loved, though I'm still confused. Paycheck - nope.", [68237, 8914], [7163], []),  # a capital and a verdict
    ("Acting - great. Plot - weak. Ending - meh. Loved Heat though", [6], [], []),
    ("enemy was brilliant, nightcrawler brilliant", [108729, 115569], [], []),  # "was brilliant" closes the item before the next
    ("sat through interstellar AND gravity last month and hated both", [], [104841, 109487], []),
    ("I hated Avatar and was bored stiff by Titanic", [], [1721, 72998], []),
    ("sin city was all style and no heart for me", [], [32587], []),
    ("don't even think about die hard, we've had that argument", [], [1036], []),
    # questions asked as statements, and verdicts said with "too ... for them"
    ("I should like to know whether The Third Man is available with subtitles, as my hearing is not what it was.", [], [], [1212]),
    ("I am writing to enquire whether Fanny and Alexander is suitable viewing for a fourteen-year-old.", [], [], [2068]),
    ("stop stop i said no horror gremlins is way too frightening for them", [], [2003], []),
    ("I found The Hangover quite intolerable.", [], [69122], []),
])
def test_verdict_lists_and_indirect_questions(parser: MuseService, text: str, liked: list[int], disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), u.asked_ids) == (sorted(liked), sorted(disliked), asked)


def test_a_wish_asked_as_a_statement_is_a_question_about_the_film(parser: MuseService) -> None:
    assert read(parser, "i'd like to know if alien is too scary for my son").intent == "ask_item"
    assert read(parser, "I wonder if you have anything like Alien from the 80s").intent == "recommend"


@pytest.mark.parametrize(("text", "wanted", "avoided", "low", "high"), [
    # a mood refused of a film gives way to the genre asked for by name in a later sentence
    ("saw funny games last night and it was not funny at all, it was horrible. never again. give me an actual 90s comedy to recover",
     ["Comedy"], [], 1990, 1999),
    ("no comedy. a comedy would be fine actually", [], ["Comedy"], None, None),  # a genre refused by name stays refused
    # a range corrected by one year keeps its start; the change of mind is about the years, not the genre
    ("i want a war movie from nineteen forty five to nineteen sixty no actually make that nineteen sixty five", ["War"], [], 1945, 1965),
    ("a horror film, no actually make that a comedy", ["Comedy"], [], None, None),
    # "recent years" said with no number gives way to a year said outright
    ("I should be glad to hear of a comedy of recent years, say from 2012 onwards", ["Comedy"], [], 2012, None),
])
def test_later_words_correct_earlier_ones(parser: MuseService, text: str, wanted: list[str], avoided: list[str], low: int | None,
                                          high: int | None) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres, u.year_min, u.year_max) == (wanted, avoided, low, high)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # misspelt names where a title is expected; a word of the language is no misspelling
    ("sci fi thats not all explsions. like arival or ex machena", [164179, 115713], []),  # *Arrival*, not *The Arrival*
    ("blade runer vibes, neon n rain", [541], []),
    ("my gf cant stand the notebok so no sappy romance", [], [8533]),
    ("So: horror but fun, gory is fine, the sillier the better", [], []),  # not *Glory*
    # one everyday word that is a whole item of a list of films
    ("up, inside out and coco all had me crying happy tears", [68954, 134853, 177765], []),
    ("drive, heat, collateral... i'm noticing a pattern", [88129, 6, 8798], []),
    ("big and hook were my whole childhood", [2797, 3489], []),
    ("lord of war was great, war dogs was trash, anything else about arms dealers", [36529], [161131]),  # no *Anything Else*
    ("gravity stressed me out so much i turned it off halfway", [], [104841]),
    ("more like tremors pls", [6659], []),  # a likeness asked of films names a less-rated one
    ("I'd rather watch paint dry than another Nolan puzzle box.", [], []),  # a word of the language: no typo of *The Saint*
    ("i saw amelia no amelie last night and i loved it", [4973], []),  # ...unless of a film everybody names
    ("I love adaptations that beat the book", [], []),  # a plural is no misspelling of *Adaptation*
    ("He likes boats, planes, anything where men in uniform do brave things", [], []),
    ("scary movie 3 was dumb but the first scary movie had me dying", [3785], [6888]),
    ("Dodgeball is dumb and I love it", [8528], []),
    ("it will age like milk", [], []),
    # verdicts said other ways
    ("Whiplash blew me away, La La Land: lovely, First Man bored me senseless.", [112552, 164909], []),
    ("Rocky: yes. Rocky IV: so silly, but I loved it. Raging Bull: too grim.", [1954, 2411], [1228]),
    ("Honestly the three you suggested were all duds. Grown Ups: lazy. Click: awful.", [], [79134, 45672]),
    ("Top Gun Maverick was a blast, and the original Top Gun has aged terribly.", [], [1101]),
    ("Neither of us could finish Prometheus.", [], [94864]),
    ("Loved: Primer, Moon. Didn't do it for me: Transformers, Independence Day.", [8914, 68237], [53996, 780]),
    ("the prestige yes. source code didn't click with me.", [48780], [85414]),
    ("Yes to The Thing and Alien. No to anything like Paranormal Activity, that shaky camera makes us sick.", [1214, 2288], [71379]),
])
def test_typos_everyday_word_lists_and_verdicts(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (sorted(liked), sorted(disliked))


def test_a_long_story_keeps_the_films_it_judges(parser: MuseService) -> None:
    text = ("Work crowd film club, and I'm in charge this month. Last month's pick, The Big Short, was a hit. The pick before that, "
            "The Tree of Life, caused a riot, everyone loathed it. I'd like something smart about money or business or power, a drama, "
            "made from 1990 onwards, nothing too arty, under two and a half hours, and no documentaries please.")
    u = read(parser, text)
    assert (u.liked_ids, u.disliked_ids) == ([148626], [86898])


def test_chat_words_keep_step_with_the_genre_lexicon() -> None:
    """Every single word of the genre lexicon is a word of the language to the grounder: the shipped dictionary's, or one of
    its chat words, unless it is a one-word title."""
    coined = {w for phrase in GENRE_PHRASES for w in re.findall(r"[a-z]+", phrase.lower()) if _coined(w)}
    assert coined <= {"bootleggers", "cyborg", "desperado", "heist", "hitman", "interstellar", "lol", "mobsters", "sleuth"}


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # soft refusals: a miss given, a genre that does not mix with the speaker, one that wears them out or loses them
    ("Scary stuff and I don't get on, so maybe a mystery?", ["Mystery"], ["Horror"]),
    ("I'd prefer to give war films a miss if that's okay. A 2000s drama?", ["Drama"], ["War"]),
    ("If it's all the same to you, I'd steer away from anything with ghosts.", [], ["Horror"]),
    ("Scary films and me don't mix. A sweet Ghibli one maybe?", ["Animation"], ["Horror"]),
    ("Musicals wear me out. Maybe a drama following a band?", ["Drama"], ["Musical"]),
    ("I tend to switch off during crime films. Anything uplifting?", [], ["Crime"]),
    ("My partner isn't a big fan of horror. A thriller, 2010 onwards?", ["Thriller"], ["Horror"]),
    ("I'm a huge fan of horror", ["Horror"], []),
    ("comedy and i get on great", ["Comedy"], []),
])
def test_soft_refusals(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres) == (wanted, avoided)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Jess vetoed anything older than 2005 because she reckons it has aged badly", 2005, None),
    ("I'd like something tense from the 60s. We did Dr. Strangelove last year", 1960, 1969),  # when it happened, no era
    ("films from the last year", 2018, 2018),
    ("psycholgical thrilers, the twisty kind, from 95 to 2005, no scifi", 1995, 2005),
    ("Maybe from 60 years or 70 years.", 1960, 1979),
    ("Nothing violent and nothing more modern than 2000.", None, 2000),
    ("I refuse to watch anything made past 2000", None, 2000),
    ("Documentaries from the past half-decade, nothing about crime.", 2014, 2018),
    ("thrilers set on trains or planes, anythng 2001 or l8r, no horrror", 2001, None),
])
def test_eras_said_more_ways(parser: MuseService, text: str, low: int | None, high: int | None) -> None:
    u = read(parser, text)
    assert (u.year_min, u.year_max) == (low, high)


def test_the_first_shift_said_wins() -> None:
    assert read_years("Recent stuff only, older stuff just looks silly to me.").shift == "newer"
    assert read_years("older ones, nothing too recent").shift == "older"


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # moods and descriptions the thirty-fourth and thirty-fifth splits wrote
    ("Films that feel like a bad dream you can't wake up from. Shadows.", ["Horror"], []),
    ("Something that leaves me wrecked, I want to sob my heart out. No laughs please.", ["Drama"], ["Comedy"]),
    ("I'd like to be swept off my feet. Butterflies, longing glances, the works", ["Romance"], []),
    ("Something where my stomach's in knots the whole way through", ["Thriller"], []),
    ("Two people who can't stand each other slowly falling in love", ["Romance"], []),  # no refusal of each other
    ("Please, a comedy with the family. No films of love.", ["Comedy"], ["Romance"]),
    ("I want a proper belly laugh. I don't fancy anything that tugs at the heartstrings", ["Comedy"], ["Drama"]),
    ("famly film for xmas eve, nothin scray", ["Children"], ["Horror"]),  # two letters swapped
])
def test_moods_and_descriptions_from_the_new_splits(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), u.avoid_genres) == (sorted(wanted), avoided)


@pytest.mark.parametrize(("text", "intent", "liked", "disliked", "asked"), [
    # the review's findings: ordinary messages the new rules must leave alone
    ("Loved Inception. Let me know if anything similar comes up", "recommend", [79132], [], []),
    ("Everyone told me La La Land was brilliant. I found it dull.", "feedback", [], [164909], []),  # praise reported, not given
    ("i loved titanic, big, sweeping and sad", "recommend", [1721], [], []),  # no *Big*: no title after it
    ("Loved Alien. Kids - no.", "feedback", [1214], [], []),  # an audience word, not *Kids* (1995)
    ("Dodgeball is dumb but I love it", "feedback", [8528], [], []),
    ("Coco was perfect, not too frightening for them", "feedback", [177765], [], []),
    ("wall e, up and inside out all made my top ten. any other pixar?", "recommend", [60069, 68954, 134853], [], []),  # joined on
    ("crouching tiger, fantastic. hero, fantastic. no more floaty wire stuff though", "recommend", [3996, 7090], [], []),
    ("I watch a film called Up, she says. Before I commit an evening to it, would you let me know if it is meant for children?",
     "ask_item", [], [], [68954]),
])
def test_review_findings_leave_ordinary_messages_alone(parser: MuseService, text: str, intent: str, liked: list[int],
                                                       disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (u.intent, sorted(u.liked_ids), u.disliked_ids, u.asked_ids) == (intent, sorted(liked), disliked, asked)


@pytest.mark.parametrize(("text", "wanted", "avoided", "low", "high"), [
    ("After a long day I just want to switch off to a silly comedy", ["Comedy"], [], None, None),
    ("a nature documentary about butterflies", ["Documentary"], [], None, None),
    ("Spiders terrify me, so something gentle please", [], [], None, None),
    ("a romance about a marriage of 50 years", ["Romance"], [], None, None),
    ("something from the last decade, but not after 2015", [], [], 2009, 2015),
    ("something from recent years, nothing after 2016", [], [], 2014, 2016),
    ("a thriller between 1980 and 1990, no wait, 2005 instead", ["Thriller"], [], 2005, 2005),
    ("something from this past year", [], [], 2018, 2018),
])
def test_review_findings_on_genres_and_eras(parser: MuseService, text: str, wanted: list[str], avoided: list[str],
                                            low: int | None, high: int | None) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres, u.year_min, u.year_max) == (wanted, avoided, low, high)


def test_a_veto_reaches_no_year_past_so() -> None:
    assert (read_years("Mum vetoed horror so anything after 2005 is fine").year_min, read_years("Jess vetoed anything older than 2005").year_min) \
        == (2006, 2005)


def test_a_range_moved_by_whole_decades_moves_both_ends(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile
    for first, then, moved in [
        ("a 60s western, no comedy ones", "push it back a decade", (1950, 1959)),
        ("a 2010s comedy", "hmm, too new. take it back a couple of decades", (1990, 1999)),
        ("thrillers from the 70s like the french connection", "go a decade later", (1980, 1989)),
        ("90s comedies without romance", "hmm, bring it forward a decade", (2000, 2009)),
        ("comedies from 2000 onwards", "move it back a decade", (1990, None)),  # an open end stays open
        ("sixties westerns", "further back?", (None, 1959)),  # no number of decades: older than the range
    ]:
        u = read(parser, then)
        p = apply_understanding(apply_understanding(UserProfile(), read(parser, first)), u)
        assert ((p.year_min, p.year_max), u.liked_ids) == (moved, []), then  # "bring it forward" is no *Pay It Forward*


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Something tense from the final years of the sixties.", 1967, 1969),
    ("comedies from the last few years of the 90s", 1997, 1999),  # not also "the last few years" before now
    ("musicals from the opening years of the fifties", 1950, 1953),
    ("monochrome thrillers, pre-war only", None, 1938),
    ("the past few years of releases", 2016, 2018),
])
def test_part_of_a_decade_said_as_its_years_and_pre_war(text: str, low: int | None, high: int | None) -> None:
    read = read_years(text)
    assert (read.year_min, read.year_max) == (low, high)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("spaceship films no aliens 2010s", ["Sci-Fi"], []),  # refusing a plot element rules out no genre
    ("also no mafia ones, a crime film from the 70s", ["Crime"], []),
    ("docs about music no concert films", ["Documentary"], []),  # "docs" is the kind asked for outright
    ("no docs please, a comedy", ["Comedy"], ["Documentary"]),
])
def test_refused_plot_elements_and_docs(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres) == (wanted, avoided)


def test_the_version_whose_article_agrees_and_dominates_wins(parser: MuseService) -> None:
    assert read(parser, "I enjoyed War of the Worlds, the Spielberg one").liked_ids == [34048]  # listed twice, once rarely rated
    assert read(parser, "I enjoyed The War of the Worlds").liked_ids == [2662]


@pytest.mark.parametrize(("text", "avoided", "unavoided"), [
    ("Mum vetoed horror so anything after 2005 is fine", ["Horror"], []),  # what is fine is the years, not horror
    ("Mum vetoed horror so a comedy is fine", ["Horror"], ["Comedy"]),
    ("no horror, but gore is fine", ["Horror"], []),  # gore is content: allowing it lifts no refusal
    ("ok romance is fine actually, just no musicals", ["Musical"], ["Romance"]),
])
def test_what_is_said_to_be_fine_is_the_clause_before_it(parser: MuseService, text: str, avoided: list[str], unavoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.avoid_genres, u.unavoid_genres) == (avoided, unavoided)


def test_films_of_a_series_judged_one_by_one_by_their_own_part(parser: MuseService) -> None:
    u = read(parser, "we watched the Bourne films. Identity was great, Ultimatum less so")
    assert (u.liked_ids, u.disliked_ids) == ([5418], [54286])  # the 2002 Identity, not *Identity* (2003) nor the 1988 film
    assert read(parser, "the Alien films: Resurrection was awful").disliked_ids == [1690]


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # refusals the thirty-sixth and thirty-seventh splits wrote
    ("she doesn't do horror", [], ["Horror"]),
    ("My grandmother doesn't do anything scary.", [], ["Horror"]),
    ("she'd rather we didn't go for horror", [], ["Horror"]),
    ("Not to be difficult, but no romance, no musical, and no future-set stuff", [], ["Romance", "Musical", "Sci-Fi"]),
    ("I'm all horror-ed out after October. Something fantasy instead", ["Fantasy"], ["Horror"]),
    ("Thrillers stress me out and comedies annoy me. A documentary about travel?", ["Documentary"], ["Thriller", "Comedy"]),
    ("Even though musicals leave me cold, I'd like a comedy like Hairspray", ["Comedy"], ["Musical"]),
    ("westerns bore me but comedies are great", ["Comedy"], ["Western"]),
    ("I'd rather not horror, rather a comedy", ["Comedy"], ["Horror"]),
])
def test_refusals_from_the_new_splits(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, sorted(u.avoid_genres)) == (wanted, sorted(avoided))


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("I need my heart warmed. no waterworks, I've had a week", [], ["Drama"]),
    ("My girlfriend vetoes real actors tonight, 80s to 2000s", [], []),  # vetoing actors is no refusal of cartoons
    # the review's findings: words about the viewer's own life, or a kind of a genre asked for, refuse nothing
    ("the baby keeps me up at night, so something light and short", ["Comedy"], []),
    ("a documentary about school shootings", ["Documentary"], []),
    ("I love horror but horror with clowns is a no", ["Horror"], []),
    ("a comedy set in Paris", ["Comedy"], []),  # "future-set" lends "set" no meaning
])
def test_moods_said_by_their_effect_and_what_they_leave_alone(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres) == (wanted, avoided)


@pytest.mark.parametrize(("text", "liked"), [
    ("annihilation + ex machina vibes, no horror", [182715, 115713]),  # "+" joins a list
    ("We read Atonement for May and loved it.", [55052]),  # a month after "for" is no *May*
    ("loved May, so creepy", [6063]),
    ("In Brazil we call it drama of tribunal. A film about judges", []),  # a country after "in" is no *Brazil*
    ("I loved Brazil, gilliam at his best", [1199]),
    ("something in Italy or France, maybe a romance", []),  # "France" is no *Frances*
])
def test_lists_joined_by_plus_and_months_and_places_that_are_no_films(parser: MuseService, text: str, liked: list[int]) -> None:
    assert sorted(read(parser, text).liked_ids) == sorted(liked)



@pytest.mark.parametrize(("text", "low", "high"), [
    # the review's findings: a decade said of something else moves no range, nor does "further back" inside a sentence
    ("I watched Inception a decade back and loved it, something similar", None, None),
    ("The sequel came out two decades later and was worse, anything else?", None, None),
    ("Like I said further back, I hate horror", None, None),
    ("a drama set in pre-war Berlin", None, None),  # where it is set, not when it was made
    ("comedies from the last 10 years of 4K releases", 2009, 2018),  # "of" a decade only
])
def test_decades_and_eras_said_of_something_else(parser: MuseService, text: str, low: int | None, high: int | None) -> None:
    u = read(parser, text)
    assert (u.year_min, u.year_max) == (low, high)


def test_a_decade_said_alone_after_a_range_moves_it(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile
    sixties = apply_understanding(UserProfile(), read(parser, "a 60s western"))
    moved = apply_understanding(sixties, read(parser, "a decade later?"))
    kept = apply_understanding(sixties, read(parser, "I saw that one a decade back, something else?"))
    assert ((moved.year_min, moved.year_max), (kept.year_min, kept.year_max)) == ((1970, 1979), (1960, 1969))


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # the review's findings: a film beside a place word, a month-named film, a series judged as a whole
    ("something similar to Brazil", [1199], []),
    ("I loved Chinatown and Brazil", [1252, 1199], []),
    ("May is my favourite horror film", [6063], []),
    ("I love all the Bourne films, especially Identity", [5418, 8665, 54286, 91535, 26614], []),
    ("I liked the Bourne films, except Legacy", [5418, 8665, 54286, 26614], [91535]),
    ("wide awake, want something funny", [], []),  # a lower-case phrase alone needs a film people rate
])
def test_places_months_and_series_judged_whole(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), u.disliked_ids) == (sorted(liked), disliked)


@pytest.mark.parametrize(("text", "liked", "asked"), [
    # a version named beside a remade film, set off by a comma or said later in the sentence
    ("Is Cat People, the 1982 one, a horror?", [], [1346]),
    ("Is The Wicker Man, the 70s one, a good choice for midsummer?", [], [4754]),
    ("murder on the orient express, the 70s one, was great fun", [8879], []),
    ("is the blob on your list the 1988 one? never seen that version", [], [4480]),
    ("is the magnificant seven any good, the 60s one not the remake", [], [4327]),
    ("which is better, the thing from 1982 or the 2011 one?", [], [2288]),
    # ...but not a version set against another
    ("scarface with pacino over the 1932 one any day", [4262], []),
])
def test_a_remade_films_version_said_beside_it(parser: MuseService, text: str, liked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (u.liked_ids, u.asked_ids) == (liked, asked)


def test_a_version_picked_by_decade_sets_no_era(parser: MuseService) -> None:
    u = read(parser, "is the magnificant seven any good, the 60s one not the remake")
    assert (u.year_min, u.year_max) == (None, None)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("Seen every one of those, and I didn't care for Brigadoon at all.", [], [8008]),
    ("Prisoners was gripping, Enemy bounced right off me. Something Villeneuve-ish", [104879], [108729]),
    ("Happy with WarGames, but Tron had me nodding off.", [6979], [2105]),
    ("True Romance rules, Natural Born Killers not so much.", [555], [288]),
    ("a wes anderson kind of film by someone else. anything but moonrise kingdom, couldn't stand it", [], [94959]),
    ("I loathed Heat but I want a thriller", [], [6]),
    ("studio ghibli would be perfect, totoro-ish", [5971], []),
    ("my uncle is a retired copper and hates cop films", [], []),  # a relative, not *Mon Oncle (My Uncle)*
    ("Inception left me speechless", [79132], []),
    ("Horrible Bosses had me howling, The Hangover Part II not once.", [87869], [86911]),  # no *The Howling*
])
def test_verdicts_said_many_ways_and_relatives_that_are_no_films(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (u.liked_ids, u.disliked_ids) == (liked, disliked)


def test_a_series_starts_with_the_film_of_its_name(parser: MuseService) -> None:
    u = read(parser, "I loved the rocky films")
    assert 1954 in u.liked_ids and 2657 not in u.liked_ids  # not *The Rocky Horror Picture Show* (1975)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("nthn older than 2005 tho", 2005, None),
    ("nothing pre-dating 1990", 1990, None),
    ("like pulp fiction, except made since 2000", 2000, None),
])
def test_open_eras_said_with_typos_and_exceptions(parser: MuseService, text: str, low: int | None, high: int | None) -> None:
    u = read(parser, text)
    assert (u.year_min, u.year_max) == (low, high)


@pytest.mark.parametrize(("text", "intent", "asked"), [
    ("Is Home Alone alright for a 5 year old? Worried about all the booby traps", "ask_item", [586]),
    ("Have you got the old Parent Trap, the Hayley Mills one?", "ask_item", [1013]),  # a note naming no year leaves "old" to pick
    ("loved Up. Is something like it ok for my 4 year old?", "recommend", []),
])
def test_whether_a_named_film_suits_someone_is_asked_about_it(parser: MuseService, text: str, intent: str, asked: list[int]) -> None:
    u = read(parser, text)
    assert (u.intent, u.asked_ids) == (intent, asked)


def test_a_possessive_title_in_a_list_is_still_a_film(parser: MuseService) -> None:
    assert read(parser, "loved spirited away + your name, nothing with giant mechs").liked_ids == [5618, 163134]


@pytest.mark.parametrize(("text", "wanted"), [
    ("I've got my nephews (7 and 9) till Sunday. They're obsessed with pirates at the moment.", ["Children", "Adventure"]),
    ("my sons are 8 and 10", ["Children"]),
    ("the girls are 15 and 17, something scary", ["Horror"]),  # teenagers ask for no children's film
])
def test_children_said_in_the_plural_with_their_ages(parser: MuseService, text: str, wanted: list[str]) -> None:
    assert read(parser, text).genres == wanted


def test_a_film_banned_by_someone_is_disliked_and_a_genre_not_stood_is_refused(parser: MuseService) -> None:
    banned = read(parser, "crime or a thriller, and the president has banned the godfather because we've shown it twice")
    stood = read(parser, "My girlfriend does not stand war films, and I do not stand musicals")
    assert (banned.disliked_ids, banned.liked_ids, sorted(stood.avoid_genres)) == ([858], [], ["Musical", "War"])


@pytest.mark.parametrize(("text", "liked", "disliked", "low", "high"), [
    # the review's findings: none of these may change
    ("Loved Shrek, the new one was bad", [4306], [], None, None),  # a new clause, no version note
    ("I thought Scarface was dull, though the 1932 one is great", [], [4262], None, None),  # the other version, contrasted
    ("something like Dune from 1984 to 2000", [2021], [], 1984, 2000),  # "from YEAR" opens a range
    ("any King Kong from 2005 onwards is fine", [41569], [], 2005, None),
    ("something like Heat, but the 80s version", [6], [], 1980, 1989),  # "the 80s version" of a kind of film is an era
    ("anything except older than 1990", [], [], 1990, None),
    ("horror, except made before 1980 is fine too", [], [], 1980, None),
    ("Primer was baffling, loved it, more like that", [8914], [], None, None),
    ("Alien left us at the edge of our seats, loved it", [1214], [], None, None),
    ("The kids don't handle Jaws well but I loved it", [1387], [], None, None),  # "handle" is no "hand"
    ("your name was perfect, more anime please", [163134], [], None, None),  # a possessive title with its verdict
])
def test_the_reviews_messages_that_must_not_change(parser: MuseService, text: str, liked: list[int], disliked: list[int],
                                                     low: int | None, high: int | None) -> None:
    u = read(parser, text)
    assert (u.liked_ids, u.disliked_ids, u.year_min, u.year_max) == (liked, disliked, low, high)


def test_a_series_keeps_its_numbered_and_subtitled_parts_older_than_its_namesake(parser: MuseService) -> None:
    trek = read(parser, "I loved the star trek films").liked_ids
    assert {1371, 5944} <= set(trek)  # *Star Trek: The Motion Picture* (1979), *Star Trek: Nemesis* (2002) beside the 2009 film


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # refused by a verb, by fewer of a thing, by scorn
    ("he loathes musicals", [], ["Musical"]),
    ("he loathes any film where people sing", [], ["Musical"]),
    ("ok the thing was great, but please stop with the horror ones", [], ["Horror"]),
    ("a thriller with less romance", ["Thriller"], ["Romance"]),
    ("like heat, but in the 70s, and with fewer gunfights", [], ["Action"]),
    ("fewer jokes, more action", ["Action"], []),  # a trade, not a refusal
    ("inception 10/10, interstellar meh. more inception pls, no lovebirds", [], ["Romance"]),
    ("hmm, less rom, more com", ["Comedy"], []),
    ("classic slashers please, 70s or 80s, and no horror-comedy", ["Horror"], ["Comedy"]),
    ("I didn't say no to westerns, I said no to the long ones. A western from the 60s please.", ["Western"], []),
    ("I love Shane. Would you tell me whether there is another picture of that sort? Without any singing.", [], ["Musical"]),
    ("she says anything animated is babyish now", [], ["Animation"]),
    ("cartoons are babyish", [], ["Animation"]),
    ("nothing babyish", [], ["Children"]),
    # must not change: a quality toned down, a genre toned down, a permission
    ("less scary please", [], []),
    ("less serious, more fun", [], []),
    ("less horror more comedy", ["Comedy"], []),
    ("anything animated is fine", [], []),
    # refused by a bare "No." or a plea not to say it
    ("Documentaries are homework, not entertainment. Give me a war film from the 60s instead.", ["War"], ["Documentary"]),
    ("Please don't say Pretty Woman. Or any romance, honestly. Something clever with a twist", [], ["Romance"]),
    ("a boxing story from whenever, just don't hand me a comedy", [], ["Comedy"]),
    ("Oh great, another musical suggestion. No. Give me a thriller instead.", ["Thriller"], ["Musical"]),
    ("A western? Nope.", [], ["Western"]),
    ("horror? no. comedy? yes", ["Comedy"], ["Horror"]),
    # must not change
    ("a comedy. no, wait, a horror", ["Horror"], []),
    ("don't say I didn't warn you, a comedy please", ["Comedy"], []),
    # what is wanted rather than what, and who walks out
    ("films with plenty of conversation rather than action", [], ["Action"]),
    ("a thriller rather than a horror", ["Thriller"], ["Horror"]),
    ("a proper who-killed-who rather than anything comic", ["Mystery"], ["Comedy"]),
    ("the 14 year old says if anyone starts singing she's walking out", [], ["Musical"]),
    ("anything else from the 80s with a gang of kids off on a big adventure?", ["Adventure"], []),  # no gangsters, no audience
    # must not change: a quality after "rather than", a gangster film
    ("I want horror that's clever rather than gory", ["Horror"], []),
    ("funny rather than sentimental", ["Comedy"], []),
    ("a gangster film", ["Crime"], []),
    # the review's wishes that must not become refusals
    ("Loved Up. Is a cartoon ok for a 4 year old?", ["Animation", "Children"], []),
    ("I'm happy enough with a comedy tonight", ["Comedy"], []),
    ("start with a horror and stop with a comedy", ["Horror", "Comedy"], []),
    ("a kiddie movie for the party please", ["Children"], []),  # "kiddie" is no scorn said alone
    ("I'd like more or less westerns from the 60s", [], []),
])
def test_refusals_and_wishes_said_in_everyday_ways(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres) == (wanted, avoided)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # a lower-case name of several words, one of them outside MiniLM's vocabulary, said as a film is, however little rated
    ("watched this week: the babadook - overhyped", [], [112515]),
    ("train to busan – fun. more zombie stuff after 2000", [162082], []),
    ("my top four: in the mood for love, chungking express, happy together", [123, 4144], []),
    # a name, then one verdict word that closes its clause
    ("the conjuring good, insidious good. something spooky", [103688, 85788], []),
    ("my year in film: dunkirk meh, hacksaw ridge great", [163645], [174055]),
    # must not change: no film named
    ("heist flicks pls, nt 2 dramatic", [], []),
    ("the babysitter cancelled so its a family movie night", [], []),
    ("the janitor at my office recommended a thriller", [], []),
    ("the getaway car chase in that one was insane", [], []),
    ("perfect getaway for the weekend, something fun", [], []),
    ("time lapse videos of the night sky are my thing, anything about space", [], []),
    ("Westerns: yes. Singing cowboys: hard no.", [], []),
    ("something good, nothing bad", [], []),
])
def test_lower_case_names_by_their_coined_words_and_their_verdicts(parser: MuseService, text: str, liked: list[int],
                                                                  disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (sorted(liked), sorted(disliked))


def test_words_a_dictation_app_split_are_joined_again() -> None:
    from agent.understand.typos import correct
    assert correct("no thing after 1975") == "nothing after 1975"
    assert correct("play me a docu mentary, no com edy") == "play me a documentary, no comedy"
    # must not change: words that stand, and two words only close to a genre word together
    for text in ("horror or comedy", "I want to thrill her tonight", "my friday nights are boring", "I hope I am using this right"):
        assert correct(text) == text


def test_a_short_word_or_an_adverb_is_no_typo_of_a_longer_genre_word() -> None:
    from agent.understand.typos import correct
    assert correct("felt like a chore") == "felt like a chore"  # not "chortle"
    assert correct("criminally underrated") == "criminally underrated"  # not "criminal"
    assert correct("a fanta see adventure") == "a fantasy see adventure"  # a word cut off at its end is still read
    assert correct("not much row mance") == "not much row romance"  # ...or at its start
    assert correct("a good wstrn") == "a good western"  # ...or with its vowels left out
    assert correct("bickering hilariously") == "bickering hilarious"  # and an adverb of a genre word as that word


def test_letters_added_inside_a_word_make_another_word_not_a_typo() -> None:
    from agent.understand.typos import correct
    for text in ("nothing too raunchy", "she relives her youth", "no cliques", "an unresolved ending"):
        assert correct(text) == text  # not "ranch" (a western), "elves", "clues", "unsolved"
    assert correct("a gigglefest") == "a giggles" and correct("the scariest") == "the scares"  # a word with an ending is read
    assert correct("comedyyy please") == "comedy please"  # letters held down


def test_the_meaning_reader_never_cuts_a_hyphenated_compound() -> None:
    from agent.understand.concepts import phrases
    found = {p.text for p in phrases("a moral gut-punch of a film, edge-of-your-seat stuff")}
    assert "gut punch" in found and not {"gut", "punch", "moral gut"} & found
    assert "edge" in found  # a compound longer than a phrase may still be read in parts
    assert {"longing", "cop", "crook"} <= {p.text for p in phrases("a love-and-longing film, a cop-versus-crook story")}  # two things


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("Plain wish tonight, no homework: a goofy sci-fi comedy from the eighties", ["Sci-Fi", "Comedy"], []),
    ("No way: musicals, westerns. A comedy please", ["Comedy"], ["Musical", "Western"]),
    ("Looking for: family adventure. Exclusions: animation, musical.", ["Adventure"], ["Animation", "Musical"]),
    ("I want an anti-war film from before 1970", ["War"], []),
    ("Yes to: thriller. No to: Tom Cruise, submarines, horror", ["Thriller"], ["Horror"]),  # "no to" is no thing refused
    ("Zero tolerance: horror, gore. A comedy please", ["Comedy"], ["Horror"]),  # a label opening its sentence refuses its list
    ("No bueno: horror, westerns. A drama please", ["Drama"], ["Horror", "Western"]),
])
def test_a_label_holding_one_refused_thing_refuses_no_list(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (sorted(wanted), sorted(avoided))


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Move it on to the 70s, and something with Michael Caine.", 1970, 1979),  # a move to the decade, not "up to" it
    ("up to the 70s", None, 1979),
    ("something to watch on what would have been her eightieth", None, None),  # a birthday, not the eighties
    ("Spent my twenties in Glasgow in the early 2000s", 2000, 2003),  # an age, not the 1920s
    ("eighties films from my twenties", 1980, 1989),
    ("The 2011 prequel was garbage. More icy paranoia please, 80s", 1980, 1989),  # a version's year is no era
    ("the 2009 reboot was fine", None, None),
    ("my tutor moved the essay to the 80s", 1980, 1989),
    ("movies up to the 80s please", None, 1989),  # "movies" moves nothing
    ("something from my 90s childhood", 1990, 1999),  # a time of life named by its decade
    ("Is The Gods Must Be Crazy good for children? It is the one from 1980.", None, None),
    ("war films, year 1985 until year 2005, not too much blood", 1985, 2005),
    ("Please movie about food, not romance, more new than 2010.", 2011, None),
    # a cross after a film closes its own item: it refuses nothing said after the sentence ends
    ("Full Metal Jacket ✓, Barry Lyndon ✗. Give me war films that aren't just explosions, shot before 1990.", None, 1989),
    ("❌ anything before 1990", 1990, None),
])
def test_ages_ordinals_versions_and_moves_are_read_for_eras(text: str, low: int | None, high: int | None) -> None:
    from agent.understand.typos import correct
    years = read_years(correct(text), 2018)
    assert (years.year_min, years.year_max) == (low, high)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # marks before each film when the list opens with one, after each otherwise; a shrug names a film without a verdict
    ("✅ Amelie ✅ Chocolat ❌ Moulin Rouge → something sweet and French", [4973, 4014], [4308]),
    ("💯 Fury Road 💯 John Wick 😐 Atomic Blonde 💩 Expendables 3. more action", [122882, 115149], [112897]),
    ("Seen: Paths of Glory ✓✓, Full Metal Jacket ✓, Barry Lyndon ✗. Give me war films", [1178, 1222], [2730]),
    # must not change: marks that touch no film
    ("closer to the ✅ or the ❌?", [], []),
    ("Thriller? ✅\nSet in Europe? ✅\nMade after 1999? ✅\nRomance? ❌", [], []),  # answers to the line above
    ("/seen fargo 👍 /seen the big lebowski 👎 /rec", [608], [1732]),  # a bot command is no film ([REC])
    ("Must haves: funny ✅ under 2 hours ✅ subtitles ❌", [], []),  # ticked criteria name no film (The Hours)
])
def test_ticks_crosses_and_shrugs_mark_a_list_of_films(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (sorted(liked), sorted(disliked))


@pytest.mark.parametrize(("text", "intent"), [
    ("Mamma Mia gave me a migraine and a rash.", "feedback"),
    ("Shrek 2 is better than Shrek, and Shrek the Third should never have happened.", "feedback"),
    # must not change: a film compared in a request, films named alone
    ("Heat is better than Ronin, more like those please", "recommend"),
    ("alien and aliens", "recommend"),
    # a question about a film is asked inside one sentence: "worth" in a later one asks for films
    ("His favourite is Die Hard, mine is When Harry Met Sally. Date night in: any action film with a romance worth caring about?",
     "recommend"),
    ("is heat any good?", "ask_item"),
])
def test_opinions_in_everyday_verbs_are_feedback(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # someone else's viewing, then the writer's own verdict on "it": the writer's stands
    ("My girlfriend liked Twilight. I kept quiet but found it dreadful.", [], [63992]),
    ("My partner fell asleep during 2001: A Space Odyssey. I thought it was stunning.", [924], []),
    ("he hated Heat. I loved it though", [6], []),
    # must not change: no verdict of the writer's own, or the writer's said first
    ("My wife loves Mamma Mia. Something like it for us both", [60397], []),
    ("I loved Heat. My brother thought it was dull", [6], []),
])
def test_the_writers_own_verdict_stands_over_someone_elses(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (sorted(liked), sorted(disliked))


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # kept clear of, kept off, rather it wasn't
    ("a mystery from the 80s, keeping well clear of horror territory", ["Mystery"], ["Horror"]),
    ("thriller or horror, and keep it off other planets", ["Thriller", "Horror"], ["Sci-Fi"]),
    ("a good horror from 2014 onwards, and I'd rather it wasn't funny", ["Horror"], ["Comedy"]),
    ("a mystery from the 40s. I'd rather it didn't tip into horror though", ["Mystery"], ["Horror"]),
    # a song number refused after a word only near the musical's meaning
    ("something from then with dancing in it, but not one where they burst into song", [], ["Musical"]),
    ("a drama, but no characters breaking into a number in the street", ["Drama"], ["Musical"]),
    # must not change: a genre asked for by name keeps what is refused of it as an element
    ("a musical, but nobody bursting into song every five minutes", ["Musical"], []),
    ("I'd rather watch a western", ["Western"], []),
])
def test_refusals_said_by_keeping_clear_and_by_rather(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres) == (wanted, avoided)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("smth scary but not gory pls 😬 from 2011 on", 2011, None),  # a refusal's reach ends at "pls" and the emoji
    ("comedy film. 2010 after.", 2011, None),  # a learner's bound after the year
    ("easy English, comedy, 2000 year later is better", 2000, None),
    ("Not so old, minimal 2005.", 2005, None),
    ("romantic movie from 2000 year until 2015.", 2000, 2015),
    ("1980 through to about 1993.", 1980, 1993),  # "about" closing a range does not widen it
    ("millennium onwards sci-fi please", 2000, None),
    ("A war film under a decade old.", 2009, 2018),
    ("anything 2k10 or later", 2010, None),
    ("within 5 years either side of 1975, a heist", 1970, 1980),
    ("scary but fun, with 1990 as the cut-off", None, 1990),
    ("hate anything from before 1970.", 1970, None),
    # must not change
    ("around 1992", 1990, 1994),
    ("I saw it in 1999 after work, a thriller like that", None, None),
    ("nothing from before 1990 please", 1990, None),
])
def test_bounds_written_as_learners_texters_and_haters_write_them(text: str, low: int | None, high: int | None) -> None:
    years = read_years(text, 2018)
    assert (years.year_min, years.year_max) == (low, high)


def test_too_new_moves_back_and_an_older_wish_added_opens_the_range(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile
    assert read_years("hmm, those feel too recent. go back further").shift == "older"
    assert read_years("these are all way too recent").shift == "older"
    fifties = apply_understanding(UserProfile(), read(parser, "westerns from the 50s pls"))
    assert (fifties.year_min, fifties.year_max) == (1950, 1959)
    also = apply_understanding(fifties, read(parser, "thx, older ones too"))
    assert (also.year_min, also.year_max) == (None, 1959)
    older = apply_understanding(fifties, read(parser, "older ones please"))
    assert (older.year_min, older.year_max) == (None, 1949)  # must not change: said alone, older replaces


def test_a_bound_on_the_open_side_closes_the_standing_range(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile
    p = apply_understanding(UserProfile(), read(parser, "a western please"))
    p = apply_understanding(p, read(parser, "nothing before 1960"))
    p = apply_understanding(p, read(parser, "and nothing after 1980 either"))
    assert (p.year_min, p.year_max) == (1960, 1980)
    later = apply_understanding(UserProfile(), read(parser, "a comedy from after 2000"))
    later = apply_understanding(later, read(parser, "actually, nothing after 1990"))
    assert (later.year_min, later.year_max) == (None, 1990)  # no room left: the new bound replaces


def test_a_different_topic_starts_a_new_search(parser: MuseService) -> None:
    assert read(parser, "right, different topic. my son wants dinosaurs").new_search
    assert not read(parser, "a different kind of western this time").new_search


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("musicals just arent it for me", [], ["Musical"]),
    ("Romance can sit this one out, honestly. A tense thriller from the 90s?", ["Thriller"], ["Romance"]),
    ("Documentaries aren't really my thing, and I'm off comedies for a while. A drama?", ["Drama"], ["Documentary", "Comedy"]),
    ("Keep the scares low please, a mystery", ["Mystery"], ["Horror"]),
    ("I need the exact opposite of a romance. Maybe a thriller", ["Thriller"], ["Romance"]),
    ("Westerns send me straight off, sci-fi gives me a headache, and comedies never get a giggle out of me.", [],
     ["Western", "Sci-Fi", "Comedy"]),
    ("Musicals make me itch.", [], ["Musical"]),
    ("Fantasy and I are finished. Now, what's good?", [], ["Fantasy"]),
    ("I don't mind subtitles, but I do mind musicals, so a Korean thriller", ["Thriller"], ["Musical"]),
    ("90s stuff, and cross off comedy too", [], ["Comedy"]),
    ("I've had it up to here with cartoons and family fare.", [], ["Animation", "Children"]),
    ("No kids' films. I've been stuck watching Frozen on a loop for three years.", [], ["Children"]),  # a duration, no age
    ("fam movie nite, youngest is 4", ["Children"], []),
    ("Just broke up with my boyfriend of four years. I need the exact opposite of a romance.", [], ["Romance"]),  # how long
    ("he's one of those people who has seen everything. I want a tight, clever heist", ["Crime"], []),
    ("something like WALL-E and Up, not made by Pixar, and no musicals", [], ["Musical"]),  # a studio refused, not animation
    ("Action film but more story, less fighting, please.", ["Action"], []),  # less of a thing tones the genre down
    # must not change
    ("I'm off to bed soon, a comedy please", ["Comedy"], []),
    ("I don't mind musicals", [], []),
    ("pixar films please", ["Animation"], []),
    ("less horror more comedy", ["Comedy"], []),
])
def test_refusals_said_as_people_say_them(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres) == (wanted, avoided)


def test_less_of_a_thing_keeps_the_genre_and_less_of_the_genre_drops_it(parser: MuseService) -> None:
    assert read(parser, "less of the slapstick, more dry").unwant_genres == []
    assert read(parser, "less horror, more comedy").unwant_genres == ["Horror"]


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("Shrek annoyed me, Minions made me want to scream. No animation please.", [], [4306, 135887]),
    ("Mamma Mia nearly finished me.", [], [60397]),
    ("Little Miss Sunshine and Thelma & Louise are the vibe. Nothing too heavy, 2000 onwards.", [3418, 46578], []),
    ("The Grand Budapest Hotel grated on me.", [], [109374]),
    ("I enjoyed Hot Fuzz, but Paul fell flat, so a British comedy from the 2000s.", [51255], [84772]),
    ("I liked Arrival, whereas Gravity left me yawning", [164179], [104841]),
    ("Dead Calm was great, whereas Jaws is so overplayed", [3203], [1387]),
    ("I adored Sense and Sensibility, whereas Pride & Prejudice felt rushed", [17], [40629]),
    # must not change: a film watched on repeat is loved
    ("the kids would watch Frozen on a loop", [106696], []),
    # must not change
    ("i want to watch scream", [1407], []),
    ("Shrek was great.", [4306], []),
])
def test_verdicts_said_as_annoyance_and_as_the_vibe(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (sorted(liked), sorted(disliked))


@pytest.mark.parametrize(("text", "intent"), [
    ("grease vs grease 2, which do i show my niece (she's 12)", "ask_item"),
    ("is fellowship longer than rotk or the other way round", "ask_item"),
    ("What's the plot of Donnie Darko?", "ask_item"),
    ("wat year did Heat come out", "ask_item"),
    # must not change: a film held up in a request
    ("Heat is better than Ronin, more like those please", "recommend"),
])
def test_questions_comparing_named_films_ask_about_them(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    ("perfect, thanks so much!", "chitchat"),
    ("thnaks thats grate", "chitchat"),
    ("great, thanks, we'll go with the top pick", "chitchat"),
    ("ha, I dozed off before takeoff. thanks anyway!", "chitchat"),
    ("nice thanks, but shorter please", "refine"),
    ("lovely thanks. not so dark this time?", "refine"),
    # must not change: thanks beside a wish
    ("thanks! anything else like that?", "refine"),
    ("thanks, now a horror from the 80s", "refine"),
])
def test_thanks_after_a_request_is_small_talk(parser: MuseService, text: str, intent: str) -> None:
    u = understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=parser.concepts,
                   newest_year=parser.newest_year, has_previous=True)
    assert u.intent == intent


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # the review's messages that must not refuse or add a genre
    ("I'm off tomorrow for a horror marathon", ["Horror"], []),
    ("Do mind that my kids are 6 and 8, a comedy for them", ["Children", "Comedy"], []),
    ("crossing off the classic westerns on my bucket list, which next?", ["Western"], []),
    ("keep us off our phones with a gripping thriller", ["Thriller"], []),
    ("keep the kids happy with a low-key comedy", ["Children"], []),
    ("It's a horror, isn't it? I love those", ["Horror"], []),
    ("give me your oldest 5 westerns", ["Western"], []),
    ("my eldest one's 15, something exciting", [], []),
    ("an anthology horror split into a number of short stories", ["Horror"], []),
    ("I've loved dinosaurs since I was a little kid", [], []),
    ("a thriller 10 years either side of 1980", ["Thriller"], []),
    ("a film from 10 years ago", [], []),
    ("been married 8 years, a romance for our anniversary", ["Romance"], []),
    ("we have a no-romance rule for our 8yo after she asked about the kissing", ["Children"], ["Romance"]),  # "yo" is an age
])
def test_the_reviews_everyday_messages_keep_their_genres(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, u.avoid_genres) == (wanted, avoided)


def test_the_reviews_verdicts_intents_and_years_stay_as_meant(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile
    for text, liked in [("Minions made me want to die laughing, more like it", [135887]),
                        ("Grave of the Fireflies almost broke me, more like that please", [5690]),
                        ("I struggled with my choice between Heat and Ronin, both great", [6, 2278])]:
        assert (sorted(read(parser, text).liked_ids), read(parser, text).disliked_ids) == (liked, []), text
    assert read(parser, "a horror like The Thing, which is more gory than most").intent == "recommend"
    assert not read(parser, "a western with a different topic than revenge").new_search
    later = understand("nice thanks, but shorter please", known_genres=parser.known_genres, grounder=parser.s.grounder,
                       concepts=parser.concepts, newest_year=parser.newest_year, has_previous=True)
    assert later.intent == "refine"
    assert (read_years("the Swedish Millennium on Netflix was great").year_min, read_years("I'd hate to miss anything released after 2015").year_min) == (None, 2016)
    assert (read_years("a decade either side of 1980").year_min, read_years("within 5 years either side of 1975 or so").year_max) == (1970, 1980)
    assert read_years("something older, and add a bit of comedy").shift_widens is False
    p = apply_understanding(UserProfile(), read(parser, "older stuff please"))
    p = apply_understanding(p, read(parser, "actually from 1970 onwards"))
    assert (p.year_min, p.year_max) == (1970, None)  # a correction replaces; only an addition closes the range


def test_older_or_newer_after_a_liked_film_moves_from_its_year(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile
    for said, then, years in [("I loved The Matrix", "something similar but older", (None, 1998)),
                              ("I liked Heat and Ronin", "more recent than those", (1999, None)),
                              ("some 90s thrillers please", "newer ones please", (2000, None)),  # a range in force wins
                              ("I loved The Matrix", "something recent", (2010, None))]:  # newness said outright is not relative
        p = apply_understanding(apply_understanding(UserProfile(), read(parser, said)), read(parser, then))
        assert (p.year_min, p.year_max) == years, (said, then)
    p = apply_understanding(apply_understanding(UserProfile(), read(parser, "I loved The Matrix")), read(parser, "new search: a comedy"))
    p = apply_understanding(p, read(parser, "older"))
    assert (p.year_min, p.year_max) == (None, 1989)  # a new search forgets the films the older search liked


@pytest.mark.parametrize(("text", "low", "high", "liked"), [
    ("films Ingrid Bergman made before Casablanca", None, 1941, []),
    ("a crime film from before Pulp Fiction changed everything", None, 1993, []),
    ("dinosaurs, made after Jurassic Park", 1994, None, []),
    ("a film made after Star Wars came out", 1978, None, []),
    ("a film the kids can watch, no newer than E.T.", None, 1982, []),
    ("nothing made before Terminator 2, and no horror", 1991, None, []),
    ("a romance released after Titanic but before the millennium", 1998, 1999, []),
    ("science fiction released in the ten years after Blade Runner", 1983, 1992, []),
    ("a war film made the year Saving Private Ryan came out", 1998, 1998, []),
    ("an animated film from Toy Story's decade", 1990, 1999, []),
    ("a thriller made within two years of Se7en", 1993, 1997, []),
    ("something released before Titanic but after Heat", 1996, 1996, []),  # a bound said twice: both films are dates
    ("a thriller made between Jaws and Titanic", 1975, 1997, []),
    ("anything pre-Jaws, a thriller", None, 1974, []),
    ("I'm torn between Jaws and Titanic", None, None, [1387, 1721]),  # a choice, no date
    ("is Alien 3 worth watching after Aliens?", None, None, []),  # an order of watching, no date
    ("I loved Heat, something older than Heat", None, 1994, [6]),
])
def test_a_film_said_as_a_date_bounds_the_years_and_is_no_title(parser: MuseService, text: str, low: int | None, high: int | None,
                                                                 liked: list[int]) -> None:
    u = read(parser, text)
    assert (u.year_min, u.year_max, u.liked_ids, u.genres) == (low, high, liked, u.genres)
    assert "Children" not in u.genres or "kids" in text  # "within two years of" is no child's age


def test_a_film_s_own_year_and_version_said_after_it_are_no_era(parser: MuseService) -> None:
    u = read(parser, "Is that one called Beethoven from 1992 about him too?")
    assert (u.year_min, u.year_max) == (None, None)
    u = read(parser, "The Thing from '82 is peak horror for me.")
    assert (u.liked_ids, u.year_min) == ([2288], None)  # not *The Thing from Another World*


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("Love Actually every Christmas, Elf too, The Holiday was alright.", [6936, 6942], []),
    ("Predator: great. Predator 2: ok. More jungle action", [3527], []),
    ("Brotherhood of the Wolf was wild and I loved it, Crimson Rivers less so.", [5026], [4383]),  # "less so" stays a dislike
    ("Hmm, I take that back, The Exorcist is fine, it's just been ages.", [1997], []),  # "is fine" takes a refusal back
    ("Verdicts: Jurassic Park - classic, Jurassic World - fine, Lost World - boring", [480], [1544]),
    ("Titanic was three hours of my life I'll never get back.", [], [1721]),
    ("Transformers made my temples throb.", [], [53996]),
    ("Those three Hobbit movies were bloated.", [], [98809, 106489, 118696]),
    ("They've had enough of Shrek the Third though", [], [53121]),
    ("not the gross-out kind though, no American Pie", [], [2706]),
    ("no doubt Heat is great", [6], []),
    ("I used to love Steve Martin films, The Jerk, Planes, Trains and Automobiles", [2109, 4002], []),  # "&" said as "and"
])
def test_middling_and_idiomatic_verdicts(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


def test_a_middling_verdict_alone_is_feedback(parser: MuseService) -> None:
    u = read(parser, "why do you keep putting tom hanks in front of me. I'm not even a fan. forrest gump was fine, I suppose")
    assert (u.intent, u.genres, u.liked_ids) == ("feedback", [], [])


def test_learners_decades_and_bare_two_digit_bounds(parser: MuseService) -> None:
    for text, years in [("I search detective film, old, without colour, from 30-ties or 40-ties.", (1930, 1949)),
                        ("maybe from the years 90 till 2000.", (1990, 2000)),
                        ("cowboy films pre 80 only", (None, 1979)), ("grown up drama, anything after 95", (1996, None)),
                        ("a comedy, not after 30 minutes of setup", (None, None))]:
        u = read(parser, text)
        assert (u.year_min, u.year_max) == years, text
    assert read_years("actually the year doesn't matter").any_era
    assert read_years("or 40s, both fine").widen == (1940, 1949)


def test_a_refusal_carried_on_by_so_is_and_a_learners_terror_film(parser: MuseService) -> None:
    u = read(parser, "Horror's out, romance is out and so is anything animated, but a mystery from the 2000s would be lovely")
    assert (u.genres, sorted(u.avoid_genres)) == (["Mystery"], ["Animation", "Horror", "Romance"])
    assert read(parser, "I want a terror-genre movie for see with my friends").genres == ["Horror"]


@pytest.mark.parametrize(("text", "avoided"), [
    ("Romance bores me to tears and war films just depress me.", ["Romance", "War"]),
    ("Westerns bore me senseless and war stories leave me flat too.", ["War", "Western"]),
    ("Musicals drive me batty", ["Musical"]),
    ("Horror's a flat refusal from me, and so are goofy comedies.", ["Comedy", "Horror"]),
    ("Fantasy and sci-fi aren't for me, just too silly.", ["Fantasy", "Sci-Fi"]),
])
def test_genres_judged_as_the_writer_dislikes_them(parser: MuseService, text: str, avoided: list[str]) -> None:
    u = read(parser, text)
    assert (u.genres, sorted(u.avoid_genres)) == ([], avoided)


def test_the_reviews_near_misses_of_the_new_rules_read_as_meant(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile
    for text, liked in [("I never get tired of Die Hard, more like it please", [1036]),
                        ("Inception made my head hurt in the best way, more like that", [79132]),
                        ("something like Heat, ok?", [6]), ("I loved Heat - ok, maybe not the ending", [6]),
                        ("I've sat through Titanic three times and loved it every time", [1721])]:
        assert (read(parser, text).liked_ids, read(parser, text).disliked_ids) == (liked, []), text
    for text, years in [("films like Titanic from 1997 to 2005", (1997, 2005)), ("films like Heat from 1995 onwards", (1995, None)),
                        ("I would not mind something made after Titanic", (1998, None)),
                        ("I walked out before Titanic ended", (None, None)),
                        ("I was born the year Titanic came out, recommend a comedy", (None, None)),
                        ("no 90s is fine", (1990, 1999)), ("for my dad, he's after 60, something calm", (None, None))]:
        u = read(parser, text)
        assert (u.year_min, u.year_max) == years, text
    seventies = apply_understanding(UserProfile(), read(parser, "70s please"))
    for text, years in [("the 30s, too", (1930, 1979)), ("or the 80s instead?", (1980, 1989))]:
        p = apply_understanding(seventies, read(parser, text))
        assert (p.year_min, p.year_max) == years, text
    u = read(parser, "Horror is out, comedy is great and so is anything animated")
    assert ("Animation" in u.genres, u.avoid_genres) == (True, ["Horror"])
    assert (read(parser, "comedies never depress me, give me one").avoid_genres, read(parser, "horror doesn't drive me batty, I love it").avoid_genres) == ([], [])
    for text, disliked in [("ok scrap the 70s, the era doesn't matter, but still no star wars", [260]),
                           ("why are these all jim carrey, I can't stand him. and definitely no ace ventura", [19, 344]),
                           ("recommend something like the shining shawshank no the shining the scary one", [])]:
        assert sorted(read(parser, text).disliked_ids) == disliked, text
    assert read(parser, "ok scrap the 70s, the era doesn't matter").year_min is None


# The thirty-second session's blind splits (dev52, dev53): their first misses, as general rules.
@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("A love film from the late 80s", ["Romance"], []),
    ("I love film noir", ["Film-Noir"], []),  # the verb, not a love film
    ("I hate musicals. And the kids love cartoons.", ["Animation", "Children"], ["Musical"]),
    ("want a disater movie wiht no luv story", ["Action"], ["Romance"]),  # typos of a disaster film and a love story
    ("thriler with a twist, no sience fiction", ["Thriller"], ["Sci-Fi"]),
    ("psycological thriller, erly 2000s, no sci fy", ["Thriller"], ["Sci-Fi"]),
    ("More festive family stuff, 1990s please.", ["Children"], []),
    ("he's gone off westerns, a comedy", ["Comedy"], ["Western"]),
    ("documantary abt space, recnt", ["Documentary"], []),  # what a documentary is about is no genre
    ("a documentary on the war in vietnam", ["Documentary", "War"], []),  # a genre named outright still is one
    ("I can't cope with horror", [], ["Horror"]),
    ("Spare me the musicals. And the cartoons. What's left that's fun and from the 80s?", [], ["Animation", "Musical"]),
    ("No horror. And the kids are 6.", ["Children"], ["Horror"]),  # a sentence that says something new carries no refusal on
    ("My twins are 9 and jump out of their skin at anything with ghosts. Mysteries are their favourite.", ["Children", "Mystery"], ["Horror"]),
    ("Need a Christmas film for kids of 4 and 7 that isn't The Polar Express, which creeped them both out.", ["Children"], []),
    ("something that scared me silly", ["Horror"], []),
    ("Need a pick-me-up. Something fizzy and frothy, a bit of a lark. Nothing weighty, no war.", [], ["War"]),  # "weighty" as "heavy"
    ("zany, madcap, off-the-wall. but nothing with a laugh track", ["Comedy"], []),
    ("a fast-talking battle-of-the-sexes comedy from 1934-1942", ["Comedy"], []),
    ("loved gosford park!! more of that pls, the guess-who-did-it kind", ["Mystery"], []),
    ("a rattling good yarn we queued for as youngsters in the fifties", [], []),  # the writer's childhood, not who watches
    ("I used to watch loads of horror. Then I had kids and stopped. Now they're grown, I'd like to get back into it", ["Horror"], []),
    ("We were stepping out together when Roman Holiday came out and we'd love something with romance and plenty to laugh at",
     ["Comedy", "Romance"], []),
    ("Zero interest in fantasy or anything with elves. Sci-fi, hard and realistic", ["Sci-Fi"], ["Fantasy"]),
])
def test_dev52_dev53_genre_phrasings(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


def test_a_turn_refusing_a_kind_of_the_genre_wished_keeps_the_genre(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    def after(*turns: str) -> UserProfile:
        p = UserProfile()
        for turn in turns:
            p = apply_understanding(p, read(parser, turn))
        return p
    p = after("scary films please", "and ideally no possession stuff at all")
    assert (p.liked_genres, p.disliked_genres) == (["Horror"], [])
    p = after("scary films please", "no horror after all")  # the genre named refuses it
    assert (p.liked_genres, p.disliked_genres) == ([], ["Horror"])
    p = after("he likes war films and westerns", "he said westerns only tonight")
    assert p.liked_genres == ["Western"]
    p = after("some 2000s crime films please", "actually make it ten years earlier")
    assert (p.liked_genres, p.year_min, p.year_max) == (["Crime"], 1990, 1999)  # no child of ten


def test_questions_reported_or_typed_short_read_as_meant(parser: MuseService) -> None:
    story = ("Okay so, long story. My sister came round and we ended up arguing about whether Titanic is actually any good "
             "(it is, fight me). I want something big and sweeping and romantic, like Titanic but older. No musicals, I can't "
             "cope with the singing.")
    u = read(parser, story)
    assert (u.intent, u.genres, u.avoid_genres) == ("recommend", ["Romance"], ["Musical"])
    assert read(parser, "tell me whether Titanic is any good").intent == "ask_item"
    u = read(parser, "the shining or the exorcist which 1 is more terrifying")
    assert (u.intent, u.genres) == ("ask_item", [])


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("Zodiac gripped me, Se7en made me feel ill, The Game was fun.", [1625, 51540], [47]),
    ("Clue is a riot, the old Murder on the Orient Express was stuffy, Gosford Park I liked a lot.", [2413, 5013], [8879]),
    ("Grave of the Fireflies and Waltz with Bashir, both unforgettable. Persepolis I found a bit flat.", [5690, 61236], [55442]),
    ("School of Rock 10 out of 10, Nacho Libre ugh, Tropic Thunder funny.", [6863, 61132], [45666]),
    ("Big Lebowski is what I watch when I'm ill, Fargo is great, Burn After Reading I just didn't get.", [608, 1732], [61323]),
    ("Rocky is great, Rocky IV is hilarious, Creed I never saw.", [1954, 2411], []),  # not seen: no verdict
    ("Avatar disappointed me. Gravity never really worked for me.", [], [72998, 104841]),
    ("Titanic made me feel ill with how sad it was, loved it", [1721], []),
    ("Ratatouille and WALL·E are near-perfect; Cars 2 I'd rather forget.", [50872, 60069], [87876]),  # "I'd" is the speaker
    ("not unlike Amélie, but not French", [4973], []),
    ("No more romances. I've had my fill after A Lot Like Love and Must Love Dogs.", [], [33145, 34336]),
    ("Loved Heat and Thief, but I'm not up for crime tonight.", [6, 5867], []),  # *Thief*, not *The Thief*
    ("liked Audition and Oldboy", [27317, 27773], []),  # the 2003 film, listed as "Old Boy"
    ("something of the Twelve Angry Men sort", [1203], []),  # a number said as a word
])
def test_dev52_dev53_title_verdicts(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


@pytest.mark.parametrize(("text", "intent"), [
    ("How long is Seven Samurai? I need to plan my evening around it.", "ask_item"),
    ("Thank you very much, your advice was very good, we watched all evening with my brother.", "chitchat"),
    ("Good evening. I only wished to say thank you; your suggestions have given my wife and me some very pleasant evenings.", "chitchat"),
    ("haha no, I don't need anything, just wanted to say you found my new favourite film last week", "chitchat"),
    ("thanks! anything else like that?", "recommend"),
])
def test_dev52_dev53_intents(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


def test_dev52_dev53_years(parser: MuseService) -> None:
    for text, years in [("Give me please horror. Years 2010 until 2018.", (2010, 2018)),
                        ("Animated but adult, fantasy preferably, and nothing that came out past 2010.", (None, 2010)),
                        ("mysteries set in england, the older the better", (None, None)),  # vague: no range
                        ("Not too long, and not too new, the older folk get lost with modern stuff.", (None, None)),
                        ("like Lawrence of Arabia but more new", (1963, None))]:
        u = read(parser, text)
        assert (u.year_min, u.year_max) == years, text
    assert read(parser, "hmm no, whenever they were made, but only ones with lots of dancing").any_era


def test_a_message_naming_films_without_end_reads_a_bounded_number(parser: MuseService) -> None:
    from agent.understand.parser import MAX_MENTIONS
    u = read(parser, ("the harry potter films " * 100)[:2000])
    assert 0 < len(u.titles) <= MAX_MENTIONS


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("grease, hair and chicago: yes, yes, no", [1380, 26422], [5991]),
    ("Spirited Away, Howl's Moving Castle, Ponyo: loved, loved, fell asleep. More anime please", [5618, 31658], [65261]),
    ("Heat, Ronin and Collateral: 9/10, 6/10, 2/10", [6], [8798]),  # 6/10 names Ronin without a verdict; no film "10"
    ("Heat, Ronin: loved both", [6, 2278], []),  # one verdict for the whole list
])
def test_a_list_of_films_then_a_list_of_verdicts_pairs_them_in_order(parser: MuseService, text: str, liked: list[int],
                                                                      disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("I couldn't cope with the kids today, need a comedy", ["Comedy"], []),  # children coped with, no refused genre
    ("after chasing the kids all day I want a comedy", ["Comedy"], []),
    ("the kids wore me out today. a thriller", ["Thriller"], []),  # children in a story, no wish for their films
    ("can't cope with kids films", [], ["Children"]),
    ("my friend has gone off horror, pick something else", [], ["Horror"]),  # someone named gone off a genre
])
def test_session33_genre_phrasings(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


def test_a_film_found_a_bit_flat_is_disliked(parser: MuseService) -> None:
    assert read(parser, "I found Heat a bit flat").disliked_ids == [6]


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("Notting Hill: yes. Love Actually: no. Pretty Woman: absolutely not.", [2671], [597, 6942]),  # a title heading is no label
    ("Rocky - classic. Rocky IV - guilty pleasure.", [1954, 2411], []),
    ("Unforgiven (great), Tombstone (fine), Open Range (boring).", [1266], [6617]),  # "fine": named, no verdict
    ("honest opinions: The Matrix (yes), Reloaded (eh), Revolutions (no)", [2571], []),  # "eh": named, no verdict
    ("(loved) The Others, (hated) The Sixth Sense, (meh) Signs.", [4720], [2762, 5502]),  # the word in brackets before each
    ("Grease 2/5, Mamma Mia 1/5, Chicago 4/5.", [5991], [1380, 60397]),  # *Grease*, scored, not *Grease 2*
    ("my kids' verdicts: Up — 10/10, Cars — 3/10, Coco — 9/10.", [68954, 177765], [45517]),
    ("Titanic: three hours I'll never get back.", [], [1721]),
    ("Home Alone is the last thing I need", [], [586]),
    ("eighties action flicks, Terminator excluded", [], [1240]),
    ("Up made me bawl, Wall-E was sweet, Cars bored my kids stupid.", [60069, 68954], [45517]),
    ("Jaws without the blood, for a nine-year-old shark fanatic", [1387], []),
    ("Get Out meets Rear Window", [904, 168250], []),
    ("sumthing like terminater 2 but les violant", [589], []),  # a misspelt name and its number: the sequel
])
def test_dev54_verdicts_and_names(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


@pytest.mark.parametrize("text", ["please no plane crash films, I'm not brave.", "Saw it: Gravity (meh). Saw it: The Martian (loved)."])
def test_words_that_are_titles_said_as_words_name_no_film(parser: MuseService, text: str) -> None:
    assert not {95167, 8957} & {t.item_id for t in read(parser, text).titles}  # *Brave*, *Saw*


def test_dev54_years(parser: MuseService) -> None:
    for text, years in [("thumbs up: Airplane!. thumbs down: Scary Movie. Spoofs from the 70s and 80s only", (1970, 1989)),
                        ("psycological thrillers, not gory, no horor, last 10 yeras", (2009, 2018)),
                        ("a comedy from 1995 year or newer", (1995, None)),
                        ("a heist film... from the last few years? or, no, I really don't care how old it is", (None, None)),
                        ("loved Heat, something newer than that one", (1996, None))]:
        u = read(parser, text)
        assert (u.year_min, u.year_max) == years, text
    assert read(parser, "Spoofs from the 70s please").genres == ["Comedy"]  # a corrected word keeps its capital


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("I've seen enough real drama for a month. I want to laugh", ["Comedy"], ["Drama"]),
    ("tonight I don't think I want space. Something earthbound and scary", ["Horror"], ["Sci-Fi"]),
    ("nothing scify", [], ["Sci-Fi"]),
    ("nohorror nothriller just a nice famly film", ["Children"], ["Horror", "Thriller"]),  # refusals typed as one word
    ("proper blubbers from the 70s", ["Drama"], []),
    ("well I used to like westerns, but these days I'm more into crime stuff, the 70s kind", ["Crime"], []),
    ("I used to love horror, as a teenager", ["Horror"], []),  # a taste still held
    ("could be animated, could be live action, I don't mind, as long as it isn't for children", [], ["Children"]),
    ("an animated film, live action is fine too", ["Animation"], []),
    ("Give me a film that's short, funny and warm, with nothing bad happening to children.", ["Comedy"], []),
    ("watched Arrival with my husband after the kids went to bed. He cried", [], []),
    ("when my kids were small we watched every Pixar film going. animated family stuff, those years only", ["Animation", "Children"], []),
    ("eh, Japanese is fine actually, I was being silly", [], []),
])
def test_dev54_genre_phrasings(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


def test_a_final_answer_replaces_the_genres_wished_before_unless_it_adds(parser: MuseService) -> None:
    def reread(text: str) -> Understanding:
        return understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=parser.concepts, has_previous=True)

    u = reread("sorry, I keep changing my mind. final answer: an 80s adventure film, no fantasy stuff")
    assert (u.genres, u.replace_genres) == (["Adventure"], True)
    assert not reread("final answer: yes, and make it a comedy as well").replace_genres


def test_a_wish_after_a_list_of_verdicts_is_a_request(parser: MuseService) -> None:
    u = read(parser, "(loved) The Others, (hated) The Sixth Sense, (meh) Signs. Ghost stories without the big twist please")
    assert u.intent == "recommend"


def test_dev55_eras_said_through_lives_and_work(parser: MuseService) -> None:
    for text, years in [("Twentieth-century films only please", (1900, 1999)),  # an era, not *Twentieth Century* (1934)
                        ("made since my daughter was born in 2012, something animated", (2012, None)),
                        ("Tom Hanks in his 80s comedies. Big is the benchmark.", (1980, 1989)),  # his films' decade, not his age
                        ("John Carpenter horror from his 80s run.", (1980, 1989)),
                        ("my dad is in his 70s, westerns", (None, None)),
                        ("bit later actually, my early twenties, so '90 to '94", (1990, 1994)),  # an age, not the 1920s
                        ("Bill Murray being sad and funny at the same time, like Lost in Translation", (None, None)),
                        ("Something for the two of us that isn't trash: a 90s drama.", (1990, 1999)),  # no label refuses it
                        ("a crime picture from 1996 or the year either side", (1995, 1997))]:
        u = read(parser, text)
        assert (u.year_min, u.year_max) == years, text
    assert read(parser, "Something for the two of us that isn't trash: a 90s drama.").genres == ["Drama"]
    assert not read(parser, "John Carpenter horror from his 80s run.").titles  # a name of its own, not *John Carter*


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("Spirited Away is one of my favourite films ever, whereas Howl's Moving Castle felt muddled to me.", [5618], [31658]),
    ("I adored Arrival and Moon, but Interstellar lost me in the last hour.", [68237, 164179], [109487]),
    ("I loved Searching for Sugar Man, and I thought Super Size Me was smug.", [96488], [8464]),
    ("Das Boot was incredible, and Enemy at the Gates felt fake.", [1233], [4223]),
    ("Singin' in the Rain got a standing ovation, whereas Brief Encounter got a lukewarm reception", [899], [2927]),
    ("Eternal Sunshine is our shared favourite, Her was a bit cold for her", [7361], [106920]),
    ("The Lord of the Rings trilogy is the gold standard for us, though the Hobbit ones felt stretched.",
     [4993, 5952, 7153], [98809, 106489, 118696]),  # a series shares the verdict said of it, not the next one's
    ("When Harry Met Sally is perfect, Pretty Woman I've gone off.", [1307], [597]),
    ("Pretty Woman I've gone off.", [], [597]),
    ("Meryl Streep, but nothing where she sings. I saw Mamma Mia under duress.", [], [60397]),
    ("We both liked Get Out, and we both gave up on The Witch.", [168250], [140267]),
    ("Gone Girl and Prisoners were perfect, Saw was the worst night of her life.", [104879, 112556], []),
    ("Compromise: an action comedy. Rush Hour levels of silly, 2010 at the latest.", [2273], []),  # a measure of the wish
    ("Sigourney Weaver away from spaceships. Loved her in Working Girl.", [2245], []),  # "her" in lower case is no *Her*
    ("I'll take the 1933 King Kong any day. Creature pictures, but not the ones that turn out to be Martians.", [2366], []),
])
def test_dev55_verdicts(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


def test_dev55_names_that_are_no_films_and_wishes_asked_as_questions(parser: MuseService) -> None:
    assert read(parser, "When my grandad was out in Korea: cowboy films from back then").titles == []  # westerns, no series
    assert read(parser, "the Bourne films").liked_ids  # a series people know, named by a word of the language
    u = read(parser, "Is there a live-action equivalent of Nausicaä?")
    assert (u.intent, u.liked_ids) == ("recommend", [7099])


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("I want to be so scared I sleep with the landing light on. 70s or 80s ideally.", ["Horror"], []),  # fear wished for
    ("I still sleep with the light on, no horror", [], ["Horror"]),
    ("please don't terrify me", [], ["Horror"]),
    ("Something that'll have me holding my breath the whole way through", ["Thriller"], []),
    ("Depression-era, the 1930s. Tap shoes and big numbers.", ["Musical"], []),
    ("Something live-action and fun that won't frighten anyone", [], ["Animation", "Horror"]),
    ("do you have anything like Spirited Away, but for a grown-up?", [], ["Children"]),
])
def test_dev55_genre_phrasings(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "intent"), [
    ("3 films I'd happily never see again: Titanic, Avatar, Pearl Harbor. 2 I'd rewatch tonight: Amelie. Nothing romantic. Go.", "recommend"),
    ("Meryl Streep, but nothing where she sings. I saw Mamma Mia under duress.", "recommend"),
    ("Frozen: 2 stars. Moana: 4 stars. My daughter wants a princess film but we're both sick of the singing ones", "recommend"),
    ("Tarantino-ish, but by somebody else. Jackie Brown is my favourite of his, Death Proof bored me.", "recommend"),
    ("shawshenk redemtion is my favrite, whats simmilar", "recommend"),
    ("thankyou that list was grate", "chitchat"),
    ("Toy Story 3 destroyed me. Is there a fourth one yet?", "ask_item"),
    ("Ocean's Eleven, Twelve and Thirteen back to back this weekend. Which one's skippable?", "ask_item"),
    ("Infernal Affairs or The Departed: which goes first if I've only got one evening?", "ask_item"),
    ("When Harry Met Sally is perfect, Pretty Woman I've gone off.", "feedback"),  # a title's first word asks nothing
    ("Groundhog Day, but dead serious: does that exist?", "recommend"),
    ("I hated Titanic, so long", "feedback"),
])
def test_dev54_dev55_intents(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


def test_a_film_ruled_out_in_a_follow_up_refines(parser: MuseService) -> None:
    u = understand("not Forrest Gump, I can't stand it", known_genres=parser.known_genres, grounder=parser.s.grounder,
                   concepts=parser.concepts, has_previous=True)
    assert (u.intent, u.disliked_ids) == ("refine", [356])
    u = understand("totally separate question: Korean horror, made whenever", known_genres=parser.known_genres,
                   grounder=parser.s.grounder, concepts=parser.concepts, has_previous=True)
    assert (u.intent, u.new_search) == ("recommend", True)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("Alien and Aliens: love them, hate the sequels", [1200, 1214], []),  # one comment, not two verdicts in turn
    ("Notting Hill, Pretty Woman: neutral, loved", [597], []),
    ("neutral: The Others, Signs", [], []),
    ("The Dark Knight, the Joker is so smug and I loved every second", [58559], []),
    ("Catch Me If You Can is all about a fake identity, loved it", [5989], []),
    ("Saving Private Ryan was a bit cold at times but still a masterpiece", [2028], []),
    ("The Godfather lost me in the first hour but won me back", [858], []),
    ("Jurassic Park, I've gone off dinosaurs but this one is still great", [480], []),
    ("The Social Network, never a bit flat", [80463], []),
    ("Die Hard energy, I hated it", [], [1036]),
    ("Lethal Weapon level violence is too much", [], [2000]),
    ("I watched Toy Story 3 out of curiosity", [78499], []),  # "out of" with no score after it
    ("I loved Brave Heart", [110], []),  # a one-word title said in two
    ("I slept through Jurassic Park", [], [480]),
    ("I've sat through Titanic three times and loved it every time", [1721], []),
    ("eternal sunshine, her, lost in translation are the vibe", [6711, 7361, 106920], []),
    ("unforgiven: brilliant. tombstone: eh.", [1266], []),
])
def test_the_reviews_verdicts_of_session33(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


def test_the_reviews_eras_genres_and_intents_of_session33(parser: MuseService) -> None:
    u = read(parser, "Something from the 80s. I don't care how old the actors are")  # the actors' age, not the films'
    assert (u.year_min, u.year_max) == (1980, 1989)
    u = read(parser, "from 1996, a year either side of that is fine")
    assert (u.year_min, u.year_max) == (1995, 1997)
    assert read(parser, "I don't want to be so scared I sleep with the light on").avoid_genres == ["Horror"]
    assert "Children" in read(parser, "Something I can handle with the kids watching").genres
    assert read(parser, "I used to like westerns but now I love them even more").genres == ["Western"]
    assert read(parser, "Casablanca - does it exist in colour?").intent == "ask_item"
    assert read(parser, "My wife wants to know if Jurassic Park is scary").intent == "ask_item"
    assert read(parser, "Jurassic Park was good-ish").intent == "feedback"
    assert read(parser, "Is there a new film like Paddington?").intent == "recommend"
    assert not read(parser, "Hello Muse, my name is Farida and I'm new. I like old films, especially Hitchcock.").titles
    assert read(parser, "no" * 1000).intent  # a refusal typed as one word is unglued once, not without end


def test_verdicts_in_turn_read_middling_words_as_no_verdict() -> None:
    from tools.retriever.ratings import word_rating
    assert [word_rating(w) for w in ("fine", "eh", "9/10", "loved", "fell asleep", "what")] == [
        "neutral", "neutral", "like", "like", "dislike", None]


@pytest.mark.parametrize(("text", "low", "high"), [
    # a birth year in one sentence bounds a time of life said in another
    ("Films that came before me. I was born in '82. No horror.", None, 1981),
    ("What would my dad have watched as a teenager? He was born 1950.", 1963, 1969),
    ("Nan was born in 1921. Something from her twenties, she loved a musical.", 1941, 1950),
    ("the ten years before I was born, I'm a 1984 baby", 1974, 1983),
    ("I'm 38 and want something from when I was a kid", 1985, 1992),
    ("born 1960, from my late twenties", 1987, 1989),
    ("I'm a 1990 baby", None, None),  # who someone is, not an era
    ("I'm 40, something my kid will like", None, None),  # a child, not a time of life
    ("He's 11 and wants films from my childhood", None, None),  # not his childhood
    ("I was born in 1980. A western from the 60s.", 1960, 1969),
    # eras said through history
    ("a comedy made while World War Two was still going on", 1939, 1945),
    ("westerns from when my uncle was stationed in Korea", 1950, 1953),
    ("war films from while dad was serving in Vietnam", 1965, 1973),
    ("a war film set in Vietnam", None, None),
    ("a mystery from before everybody went online", None, 1994),
    ("a thriller about the internet", None, None),
    ("the Y2K era, computers going wrong", 1998, 2002),
    ("pre-Y2K films", None, 1999),
    # a refused open range is turned round; a refused era sets nothing; an era only thought of gives way
    ("my uncle won't watch anything from the 70s or earlier", 1980, None),
    ("nothing from the 2000s or later", None, 1999),
    ("she won't watch anything from the 80s", None, None),
    ("I was going to say the 70s, but honestly the 60s would suit me better", 1960, 1969),
    ("we're both 1990 babies, so nothing before that", 1990, None),
    ("the decade before I turned up, I'm a '90 baby", 1980, 1989),
    ("No thrillers post-2000.", None, 1999),  # "post-2000" opens with 2000 ("nothing post-1995": nothing after 1995)
    ("nothing too gory from after 2005", 2006, None),  # the refusal is of the gore
    ("comedies from the seventies or eighties, no, just the eighties", 1980, 1989),
    ("Not the nineties. I've had enough nineties. Anything after that.", 2000, None),
    ("the Clinton-years thrillers", 1993, 2000),
    ("a Y2K-era comedy", 1998, 2002),
    ("a film of the 80th years", 1980, 1989),
    ("a doc from the past five-ish years", 2014, 2018),
    ("I said no musicals earlier", None, None),  # the chat's earlier, not older films
    ("the turn of the century, say 1999 to 2001", 1999, 2001),  # the years spell out the era
    ("thrillers from the decade just before I was born, I'm a 1980 baby", 1970, 1979),
])
def test_eras_said_through_a_life_or_history(text: str, low: int | None, high: int | None) -> None:
    read = read_years(text)
    assert (read.year_min, read.year_max) == (low, high)


def test_praise_taken_back_is_a_dislike(parser: MuseService) -> None:
    # sarcasm with its marker said outright: "Not.", "said nobody", "into a worse one"
    u = read(parser, "Pearl Harbor was a masterpiece. Not. A proper war film please")
    assert (u.liked_ids, u.disliked_ids) == ([], [4310])
    assert read(parser, "Titanic, the best three hours of my life, said nobody ever. A shorter romance?").disliked_ids == [1721]
    assert read(parser, "Cats changed my life. Into a worse one. No musicals").disliked_ids
    u = read(parser, "Heat and Ronin were great. Not. Something else")
    assert (u.liked_ids, u.disliked_ids) == ([], [6, 2278])
    # not taken back: a request called off in jest, a plain "not" inside a verdict
    assert read(parser, "Die Hard again please... kidding, but something like it from the 90s").liked_ids == [1036]
    assert read(parser, "Heat was great. Not sure about Ronin though").liked_ids[:1] == [6]


def test_a_run_of_a_series_shares_one_verdict(parser: MuseService) -> None:
    u = read(parser, "Rocky 2 was great. Rocky III onwards is a sad decline. More boxing please")
    assert (u.liked_ids, u.disliked_ids) == ([2409], [2410, 2411, 2412])
    assert read(parser, "loved Alien 3 and after").liked_ids == [1320, 1690]
    assert read(parser, "Shrek was great, Shrek 2 went downhill").disliked_ids == [8360]


def test_follow_ups_that_add_an_era(parser: MuseService) -> None:
    assert read(parser, "and the 80s").era_widen == (1980, 1989)  # after "thrillers from the 70s": added, not instead
    assert read(parser, "and nothing with tanks").era_widen is None
    assert read(parser, "like Ghost World but newer").year_min == 2002


def test_more_ways_to_turn_a_film_down(parser: MuseService) -> None:
    # a kind refused "like" a film refuses the film; "nothing quite like" praises it
    assert read(parser, "Something clever, nothing preachy like Crash").disliked_ids == [33166]
    assert read(parser, "no romcoms in disguise like Twilight").disliked_ids == [63992]
    assert read(parser, "there is nothing quite like Alien").liked_ids == [1214]
    assert read(parser, "Shrek 2 was the last straw for me").disliked_ids == [8360]
    assert read(parser, "Jaws 2, what a comedown").disliked_ids == [1388]
    assert read(parser, "Grease 2 was a joke").disliked_ids == [1381]
    u = read(parser, "Scream still rules, the rest was a joke.")  # its own verdict comes first
    assert 1407 in u.liked_ids and 1407 not in u.disliked_ids
    assert read(parser, "Jaws gave my little brother nightmares for a week").disliked_ids == [1387]
    assert read(parser, "We watch Elf every December, so not that.").disliked_ids == [6936]
    assert read(parser, "I can't do three hours of Titanic again").disliked_ids == [1721]
    assert read(parser, "Rewatched Grease and it doesn't hold up").disliked_ids == [1380]
    assert read(parser, "Gremlins still holds up").liked_ids == [2003]
    assert read(parser, "Cats, I'll never sit through that again").disliked_ids
    assert read(parser, "I've seen Elf far too often").disliked_ids == [6936]
    assert read(parser, "Top Gun is the kind of film I don't want").disliked_ids == [1101]


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("nothing romantic — a thriller", ["Thriller"], ["Romance"]),  # a dash ends the refusal's clause
    ("something eerie but not full-on horror – a creepy mystery", ["Mystery"], ["Horror"]),
    ("Jaws is more horror than I'm after, a tense thriller", ["Thriller"], ["Horror"]),
    ("a bit more action than we'd like", [], ["Action"]),
    ("a quiet human drama. Not so much action.", ["Drama"], ["Action"]),  # "not so much" with its own object
    ("westerns, not so much", [], ["Western"]),
    ("I'm out on sci-fi for a while", [], ["Sci-Fi"]),
    ("my wife breaks out in hives at musicals, a comedy", ["Comedy"], ["Musical"]),
    ("a fantasy pitched at adults", ["Fantasy"], ["Children"]),
    ("cartoons, adult ones", ["Animation"], ["Children"]),
    ("pirate swashbucklers", ["Adventure"], []),
    ("a slick con job film", ["Crime"], []),
    ("a story of love, something sweet", ["Romance"], []),
    ("kilig movie please", ["Romance"], []),
    ("an unseen shooter picking people off", [], []),  # no western
    ("what's a good second feature after Heat?", [], []),  # no creature feature
])
def test_genres_said_more_ways_in_session34(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


def test_a_word_of_the_language_is_no_misspelt_genre_word(parser: MuseService) -> None:
    assert "Comedy" not in read(parser, "my son is 5 and spooks easily").genres  # "spooks" is no misspelt "spoofs"


@pytest.mark.parametrize(("text", "low", "high"), [
    # no era: a time of life that is no film's time, a trip, another war, a setting, an aside
    ("I was born in 1990 and when I was little my dad showed me westerns. Any good comedies?", None, None),
    ("born in 1985. loved dinosaurs as a kid. any good dinosaur films?", None, None),
    ("my dad was born in 1950 and I want something from my childhood", None, None),  # his birth, my childhood
    ("When we were in Korea on holiday we watched a great thriller", None, None),
    ("A documentary made during the war in Bosnia", None, None),
    ("a thriller set before everyone was online", None, None),
    ("What good horror arrived in 2017?", 2017, 2017),  # films arrive too
    ("I haven't had enough 80s yet, more please", 1980, 1989),
    ("I don't see films from the 80s on your list", 1980, 1989),
    ("the 60s, so the 70s too", 1960, 1979),
    ("I was going to say the 80s or 90s, either works", 1980, 1999),
    ("Nothing from the 80s. We're having dinner first, so something after that.", None, None),
    ("Shrek was the film of my childhood. Now I'm 25 and want a grown-up comedy", None, None),  # a film remembered
    # ...and the near-variants that are one
    ("I'm 25. Nothing from before I was born please", 1993, None),
    ("Older than my eldest, and he's 18.", None, 1999),  # "my eldest" is him
    ("she'll never watch anything from the 80s", None, None),
    ("I was gonna say the 80s, but the 90s", 1990, 1999),
])
def test_eras_the_review_found_misread_in_session34(text: str, low: int | None, high: int | None) -> None:
    read = read_years(text)
    assert (read.year_min, read.year_max) == (low, high)


def test_a_follow_up_of_many_masked_years_reads_fast() -> None:
    import time
    started = time.perf_counter()
    read_years("and " + "1980 " * 399 + "ok")  # a 2,000-character follow-up once took minutes (nested whitespace runs)
    assert time.perf_counter() - started < 5


def test_the_reviews_titles_and_genres_of_session34(parser: MuseService) -> None:
    assert read(parser, "My kids love Toy Story and Up").liked_ids == [1, 68954]  # "and up" starts no run of sequels
    assert read(parser, "We put Toy Story on, the kids loved it").liked_ids == [1]
    assert read(parser, "No subtitles please, something like Amelie").liked_ids == [4973]
    assert read(parser, "Jaws gave me nightmares in the best way, more like that").liked_ids == [1387]
    assert read(parser, "Airplane is a joke a minute, love it").liked_ids == [2791]
    assert read(parser, "Something my mum would have seen at the pictures as a teenager. Born 1962, she loves a laugh.").year_min == 1975
    u = read(parser, "I'm out on holiday with the kids looking for a family comedy")
    assert not u.avoid_genres
    assert "Horror" not in read(parser, "Alien was less horror than I'm after").avoid_genres
    assert "Children" not in read(parser, "a cartoon that isn't aimed at adults").avoid_genres
    assert sorted(read(parser, "no horror–comedy please").avoid_genres) == ["Comedy", "Horror"]  # an unspaced en dash joins


def test_praise_said_first_outweighs_a_later_dislike_in_its_sentence(parser: MuseService) -> None:
    u = read(parser, "Rocky II is the high point, everything after is a sad decline")
    assert 2409 in u.liked_ids and 2409 not in u.disliked_ids
    u = read(parser, "We watched Jaws and both of us were floored. Then a sequel, and let's never speak of that again.")
    assert u.liked_ids[:1] == [1387]


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("no wait not horror a suspense thriller", ["Thriller"], ["Horror"]),  # said without a pause, "a ..." opens the next wish
    ("no musicals a western", ["Western"], ["Musical"]),
    ("no horror or a slasher", [], ["Horror"]),  # the list goes on
    ("not a fan of horror films, nor a musical", [], ["Horror", "Musical"]),
    ("no horror a bit of a thriller maybe", ["Thriller"], ["Horror"]),
    ("I'd rather not sit through a musical though", [], ["Musical"]),  # no genre before the article: the refusal goes on
    ("God help you if there's a musical", [], ["Musical"]),
    ("no horror a la Saw", [], ["Horror"]),
    ("Something live action and funny", ["Comedy"], ["Animation"]),  # "live action" refuses by itself: no list goes on
    ("Not being funny, but I've gone right off sci-fi. Something down to earth.", [], ["Sci-Fi"]),  # no word on comedy
    ("My lad's 14 and reckons he's too grown-up for cartoons. Something exciting", [], ["Animation"]),
    ("A film about a musician falling apart. I don't mean a musical, I mean a drama.", ["Drama"], ["Musical"]),
    ("I don't mean to be rude but a horror please", ["Horror"], []),
    ("the grandchildren say I must watch the lord of the rings, a comedy", ["Comedy"], []),  # who speaks, not who watches
    ("the grandkids are coming, something for them", ["Children"], []),
    ("Give me more horror in the A range, no horror comedies.", ["Horror"], ["Comedy"]),  # the modifier asked for stays wanted
    ("a comedy, not a kids comedy", ["Comedy"], ["Children"]),
    ("soldiers cut off in enemy territory. no flag-waving, no wisecracking war comedies", ["War"], ["Comedy"]),
])
def test_genres_said_more_ways_in_session35(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Ideally pre-1990. Last year's group got restless in long films.", None, 1989),  # a class of last year, no film year
    ("last year's big releases", 2017, 2017),
    ("He thinks anything from the 90s looks ancient.", 2000, None),  # what looks too old is ruled out, and what came before
    ("stuff from the 50s is too old for me", 1960, None),
    ("the 80s are great", 1980, 1989),
    ("Romantic comedies with wit. Stop at 2000.", None, 2000),
    ("Something romantic, from early in the sixties", 1960, 1963),
    ("late in the 80s", 1987, 1989),
    ("sci-fi, nothing that predates 2000", 2000, None),
    ("Not more old of 2000.", 2000, None),  # learners' "older than"
    ("Not older films than eighties, I find old films boring.", 1980, None),
    ("Only post-millennium ones.", 2000, None),
    # the last of several eras said wins when the writer corrects or settles
    ("90s action. Or early 2000s. Actually, let's say 1995 to 2005.", 1995, 2005),
    ("Early 70s... no, late 70s. Crime.", 1977, 1979),
    ("Something 90s... but my dad says the 80s were better, so let's do the 80s.", 1980, 1989),
    ("the 80s, wait, or the 90s too", 1980, 1999),
    ("80s films are so dated but I love them", 1980, 1989),  # a "but" takes it back
    ("anything before the 90s looks ancient", None, 1989),  # the bound said first stands
    ("post millennium films", 2000, None),
    ("last year's best picture", 2017, 2017),
])
def test_eras_said_more_ways_in_session35(text: str, low: int | None, high: int | None) -> None:
    found = read_years(text)
    assert (found.year_min, found.year_max) == (low, high)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("More Coen than Tarantino, more Fargo than Kill Bill. Small-town crime.", [608], []),  # the film after "than" is only compared
    ("Princess Mononoke over The Lion King, something animated", [3000], []),
    ("nothing more boring than Titanic", [], [1721]),  # no film after "more": a verdict on Titanic
    ("I'd love more film noir from the 1940s. We've already done The Maltese Falcon.", [], []),  # seen, no verdict
    ("I've already seen Heat.", [], []),
    ("I'd like a film like Jaws. Hang on, my wife won't go near the sea. Something like Tremors then.", [6659], []),  # taken back
    ("Something like The Matrix. No, actually, something I don't have to think about.", [], []),
    ("Like Alien but... actually more like Aliens, the marines one.", [1200], []),
    ("Recommend me Notebook-type stuff. Or maybe not, my girlfriend can't stand The Notebook.", [], [8533]),
    ("I loved Heat. Actually, I loved Ronin more", [6, 2278], []),
    ("Hot Fuzz, still brilliant. Don't bother with Shaun of the Dead.", [51255], [8874]),
    ("I know she did My Fair Lady but I never took to it.", [], [914]),
    ("Casino I actually didn't enjoy, ignore that one", [], [16]),
    ("Babette's Feast and Chocolat both lovely, Julie & Julia grating.", [4014, 6791], [70293]),
    ("Dunkirk was incredible, Hacksaw Ridge too preachy", [174055], [163645]),
    ("I'd give anything to unsee Batman & Robin.", [], [1562]),
    ("Shrek 1 and 2 yes, the Third can stay in the swamp.", [4306, 8360], [53121]),
    ("Loved The Thing, The Fog was a bit slow.", [2288], [1128]),
    ("Alien and Aliens are perfect. Alien 3 I'd happily erase from history.", [1200, 1214], [1320]),
    ("Austin Powers 1 is a classic; Goldmember I could do without.", [1517], [5481]),
    ("Shrek and Shrek 2 are genius, 3 is where it fell apart.", [4306, 8360], [53121]),
    ("Atonement was loved last time, whereas The Reader went down badly.", [55052], [64622]),
    ("Someone suggested Love Actually and got shouted down.", [], [6942]),
    ("Pearl Harbor was an insult.", [], [4310]),
    ("The Godfather is slow, but a masterpiece", [858], []),  # slow, then praised: no dislike
    ("I rate films out of 100. The Godfather 98, Goodfellas 95, Casino 71, Scarface 40.", [16, 858, 1213], [4262]),
    ("Forrest Gump: 8. Cast Away: 8. The Terminal: 4. Tom Hanks stranded somewhere", [356, 4022], [8529]),
])
def test_titles_compared_or_only_seen_in_session35(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


def test_a_refused_mix_in_a_follow_up_keeps_the_kind_asked_before(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile
    docs = apply_understanding(UserProfile(), read(parser, "my uncle only likes documentaries"))
    p = apply_understanding(docs, read(parser, "No war documentaries either."))  # a kind of documentary refused
    assert (p.liked_genres, p.disliked_genres) == (["Documentary"], ["War"])
    war = apply_understanding(UserProfile(), read(parser, "war films please"))
    p = apply_understanding(war, read(parser, "no war documentaries"))
    assert (p.liked_genres, p.disliked_genres) == (["War"], ["Documentary"])
    assert sorted(read(parser, "No war documentaries").avoid_genres) == ["Documentary", "War"]  # alone: both


@pytest.mark.parametrize(("text", "intent"), [
    ("whats the film where bill murray keeps waking up on the same morning. is that one funny or serious", "ask_item"),
    ("Half remember this: a shy French girl who fixes strangers' lives in Paris. What was it called?", "ask_item"),
    ("I don't remember the title, only that a boy rides a big white flying dragon.", "ask_item"),
    ("cant remember the name. guy with no memory, polaroids. want something similar", "recommend"),  # a wish after it
    ("I can't remember the name of the actor but he was in lots of westerns", "recommend"),
    ("what's that film where the guy relives the same day", "ask_item"),
    ("I forgot the name of that film with the shark", "ask_item"),
])
def test_a_film_half_remembered_is_asked_about(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("Just finished Arrival. Interstellar was a shrug by comparison. Anything else that does what Arrival does?", [164179], [109487]),
    ("Three Billboards was so angry. Hell or High Water felt flat after it. Any more of the first kind?", [177593], [161582]),
    ("deadpool humor but less gross pls, deadpool 2 went too far.", [122904], [187593]),
    ("pulp fiction - obviously / reservoir dogs - yes / death proof - skip. tarantino-ish crime", [296, 1089], [53519]),
    ("heat 9 / ronin 7 / collateral 3", [6, 2278], [8798]),  # list scores between spaced slashes
    ("gladiator 8.5 / troy 6 / kingdom of heaven 7.5 / 300 4 — swords-and-sandals epics", [3578, 33162], []),  # a 6 is no verdict
    ("Already tried Enemy, made no sense to me whatsoever. Something else?", [], [108729]),
    ("The Dark Knight never felt flat, more like it", [58559], []),
    ("Whiplash went too far in the best way, loved it", [112552], []),
])
def test_more_ways_of_saying_a_film_fell_short(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


@pytest.mark.parametrize(("text", "intent", "liked", "asked"), [
    ("the shining or the exorcist which is scarier", "ask_item", [], [1258, 1997]),
    ("Der Untergang or Das Boot, which is the better pick for a war film night?", "ask_item", [], [1233, 31410]),
    ("I love the shining, which is the best horror ever, more like it", "recommend", [1258], []),  # a clause about the film
    # the films liked as the question's premise, listed after the first
    ("is indy 4 worth watching if i love raiders, temple of doom and prisoner of azkaban?", "ask_item", [2115, 8368], [59615]),
    ("if i loved the godfather, which is better, goodfellas or casino?", "ask_item", [858], [16, 1213]),
    ("I loved The Conjuring, which is scarier to me than most modern horror. More like it please", "recommend", [103688], []),
])
def test_which_of_two_films_is_better_asks_about_both(parser: MuseService, text: str, intent: str, liked: list[int],
                                                      asked: list[int]) -> None:
    u = read(parser, text)
    assert (u.intent, sorted(u.liked_ids), sorted(u.asked_ids)) == (intent, liked, asked)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("Neither of us can stand animation, musicals or anything with zombies. She's into 90s thrillers", ["Thriller"], ["Animation", "Musical"]),
    ("No zombies, no ghosts. But still spooky, if that's even possible?", ["Horror"], []),  # things refused, the genre still asked
    ("no horror but still spooky", [], ["Horror"]),  # the genre itself refused
    ("no ghosts, my kids are 8 and still get nightmares from spooky stuff", ["Children"], ["Horror"]),
    ("Excuse me for my English. I am learning since one year.", [], []),  # how long, not a child's age
])
def test_genres_said_more_ways_in_session36(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("War films, no. Something from the 80s", [], ["War"]),  # a refusal said after the kind
    ("musicals? never. anything 80s", [], ["Musical"]),
    ("horror, no way", [], ["Horror"]),
    ("He only ever suggests war films, which I loathe.", [], ["War"]),
    ("westerns, which I love", ["Western"], []),
    ("musicals are my personal hell", [], ["Musical"]),
    ("Tense is good. Scary is not.", ["Thriller"], ["Horror"]),
    ("I give horror a wide berth", [], ["Horror"]),
    ("I'm off arty horror for good.", [], ["Horror"]),  # one word between "off" and the kind
    ("I'm off work, want a comedy", ["Comedy"], []),
    ("Anything at all bar westerns.", [], ["Western"]),
    ("lol you keep giving me kids' films, I'm 34", [], ["Children"]),  # a complaint
    ("nothing with uh singing in it", [], ["Musical"]),  # a filler inside the refusal starts no new wish
    ("Moana was lovely and the songs didn't even annoy me", [], []),  # a bad verdict said not to happen
    ("zombies do nothing for me", [], []),  # a content word judged badly refuses no genre
    ("Horror yes, but nothing with possessed kids", ["Horror"], []),  # children in the story, not the audience
    ("my gf said no clowns no dolls no creepy kids tho", [], []),
    ("no more superhero junk 🙄 need a puzzler w a twist", ["Mystery"], []),  # an emoji ends the refusal's clause
    ("nothing scary 😬 or sad", [], ["Drama", "Horror"]),  # ...not a list it goes on (refused sadness avoids Drama: session 49)
    ("Sad I'm ok with; jump-scares, no.", [], ["Horror"]),  # permission said first
    ("smth w pratfalls n zero lovey dovey", ["Comedy"], ["Romance"]),
    ("Spare me the Hollywood actioners and no yodelling", [], ["Action", "Musical"]),
    ("a proper puzzler from the seventies", ["Mystery"], []),
    ("something adventurous with buccaneers and duelling", ["Adventure"], []),  # no misspelt rare word ("yodelling")
    ("lots of billing and cooing", ["Romance"], []),  # nor a rare word misread as a typo ("crooning")
    ("no 🙅‍♀️ musicals", [], ["Musical"]),
    ("no horror 😂 comedy please", ["Comedy"], ["Horror"]),
    ("our feral kids need something to watch", ["Children"], []),
    ("something for my creepy kids lol", ["Children", "Horror"], []),
    # what these rules must leave alone (the review's cases)
    ("Horror films, which I hate to admit are my guilty pleasure", ["Horror"], []),
    ("You like war films, no?", ["War"], []),  # a tag question
    ("A thriller like the plague one with Matt Damon", ["Thriller"], []),
    ("Horror is my nightmare fuel and I love it", ["Horror"], []),
    ("im off today action movie time", ["Action"], []),
    ("Can you keep suggesting westerns?", ["Western"], []),
    ("stop suggesting musicals", [], ["Musical"]),
    ("something spooky kids would enjoy", ["Children", "Horror"], []),  # the audience, not the story
    ("a spooky kids movie for Halloween", ["Children", "Horror"], []),
    ("no 👻 horror please", [], ["Horror"]),  # the emoji decorates the word after it
    ("no romance ❤️ or musicals", [], ["Musical", "Romance"]),
    ("Horror isn't.", [], ["Horror"]),
])
def test_genres_said_more_ways_in_session37(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


def test_permission_said_first_lifts_only_its_own_kind(parser: MuseService) -> None:
    u = read(parser, "I don't like horror I'm ok with thrillers")
    assert u.avoid_genres == ["Horror"]


def test_a_viewer_who_screams_asks_for_no_horror(parser: MuseService) -> None:
    u = read(parser, "my son screams whenever the music gets loud, so a quiet comedy please")
    assert "Horror" not in u.genres
    assert read(parser, "something that will make my wife scream").genres == ["Horror"]
    assert "Horror" not in read(parser, "Hugo delighted me; The Polar Express gave me the creeps. Something gentle").genres  # told, not asked
    assert read(parser, "something that gave me the creeps as a kid, want that again").genres == ["Horror"]  # a wish


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("Hot Fuzz and The World's End are great, Paul was a let-down.", [51255, 103341], [84772]),
    ("Moon and Ex Machina are brilliant. Lucy was nonsense.", [68237, 115713], [111360]),
    ("Dunkirk was a belter, Pearl Harbor was cack.", [174055], [4310]),
    ("Twister was dead good but Armageddon was a right turkey.", [736], [1917]),
    ("Loved Before Sunset, couldn't stand A Walk to Remember, Titanic is ok I guess.", [8638], [5066]),  # ok: no verdict
    ("My top three are Heat, Collateral and Drive; I couldn't finish Baby Driver.", [6, 8798, 88129], [171763]),  # the next film's verdict
    ("I saw Heat. Hated it. Loved Ronin.", [2278], [6]),
    ("Paddington 2 and Hugo delighted me; The Polar Express gave me the creeps.", [90866, 178827], [8965]),
    ("la la land?? hated it sry not sry", [], [164909]),  # held up with a doubled mark, then judged
    ("My girlfriend cried too much with The Notebook, she did not like.", [], [8533]),
    ("The Rocky Horror Picture Show is a cult thing I never got.", [], [2657]),
    ("Monster House gave my 6-year-old bad dreams.", [], [46948]),
    # what these verdicts must leave alone
    ("The Witch gave me the creeps for days, and I mean that kindly. More horror like it", [140267], []),
    ("kids (6 and 9): frozen. adults: absolutely not frozen again.", [], [106696]),  # the same film again
    ("I loved prisoners and nightcrawler, didn't like gone girl", [104879, 115569], [112556]),
    ("Memento and Inception, but I couldn't finish Dunkirk", [4226, 79132], [174055]),  # the verdict leads into Dunkirk
    ("Titanic is nonsense fun, loved it", [1721], []),
    ("Paddington is utter nonsense and I adore it", [117887], []),
    ("Coraline gave me the creeps, loved it", [66097], []),
    ("Titanic was ok I guess", [], []),
    ("Titanic is ok I guess. Something like it please", [1721], []),
    ("I loved shoot em up", [54999], []),  # the film, not a word for action films
    ("Interstellar had me snoring and I walked out of Avatar.", [], [72998, 109487]),  # each its own verdict
    ("Grown Ups 2 was an absolute stinker.", [], [104218]),
    ("Everyone raves about The Godfather but I never got the appeal.", [], [858]),
    ("The Departed was fine, but Infernal Affairs is better. More Hong Kong crime like that", [7981], []),
])
def test_everyday_words_for_a_bad_film_in_session37(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("More in that vein, nothing older than ten years", 2009, 2018),  # refused as old: the last ten years
    ("something older than ten years", None, 2008),
    ("the teens (13 and 15) want rocket ships. nothing older than 2005.", 2005, None),  # teenagers, not the 2010s
    ("a film from the late teens", 2017, 2019),
    ("made in the 'thirties or 'forties.", 1930, 1949),
    ("I've just finished a 2000-piece jigsaw of a tall ship", None, None),  # a count, not a year
    ("2000 onwards please", 2000, None),
    ("no silent films", 1930, None),
    ("Silent films are just not my bag.", 1930, None),
    ("silent films please", None, 1929),
    ("I hate silent films", 1930, None),
    ("the teens were a great decade for horror", 2010, 2019),
    ("something from 1999 plus or minus", 1997, 2001),
])
def test_eras_said_more_ways_in_session37(text: str, low: int | None, high: int | None) -> None:
    found = read_years(text)
    assert (found.year_min, found.year_max) == (low, high)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("don't stop suggesting westerns", ["Western"], []),  # a complaint taken back is a wish
    ("stop suggesting westerns", [], ["Western"]),
    ("Coraline never gave my kids bad dreams", [], []),  # told of a film: neither horror nor children refused
    ("something that doesn't give the kids nightmares", [], ["Horror"]),  # the kids watch; the nightmares are refused
    ("Monster House gave my 6-year-old bad dreams.", ["Children"], []),  # told: no horror asked for (the child's age asks for Children)
    ("musicals never bore me, they're great", ["Musical"], []),  # a bad verdict denied, then praise
    ("westerns don't bore me at all, more please", ["Western"], []),
    ("musicals never bore me", [], []),  # denied alone: neither
    ("It gave me nightmares for weeks, loved it, more horror", ["Horror"], []),  # the fear enjoyed refuses nothing
    ("horror films give me nightmares", [], ["Horror"]),
    ("I get nightmares easily, love it when you suggest cosy stuff", [], ["Horror"]),  # the liking is not of the fear
    ("something to give my kids a laugh tonight", ["Children", "Comedy"], []),  # given a laugh, not a fright
    ("musicals never bore me, but they're no fun", [], []),
])
def test_review_leftovers_of_session37(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("Titanic; I hated it, loved Memento", [4226], [1721]),  # the first clause judges "it"
    ("Titanic; my wife hated it, I loved it", [1721], []),  # the writer's own liking of "it" wins
    ("Titanic; I loved it, hated Memento", [1721], [4226]),
    ("My top three are Heat, Collateral and Drive; I couldn't finish Baby Driver.", [6, 8798, 88129], [171763]),
    ("Troll 2 is so bad it's brilliant", [70946], []),  # bad enough to be good
    ("The Room was so bad, it's hilarious", [74754], []),
    ("Cats was so bad. It's a shame", [], [107780]),
    ("saw the room last night finally. so bad its good.", [74754], []),
    ("loved rocky 1 and 2, but rocky 5 was dire.", [1954, 2409], [2412]),
    ("rocky iv is my guilty pleasure, but rocky v was dire.", [2411], []),  # a new subject's verdict (Rocky V is not found)
    ("Avatar was pretty, but my wife was bored", [], [72998]),  # a viewer's verdict on it
])
def test_a_verdict_on_it_after_a_semicolon_in_session38(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


def test_titles_set_off_by_marks_keep_their_verdicts_and_years_in_session38(parser: MuseService) -> None:
    u = read(parser, '"THE NOTEBOOK" no. "PRIDE & PREJUDICE" (2005) YES. more like P&P please')
    assert (u.liked_ids, u.disliked_ids) == ([40629], [8533])  # the verdict after the closing quote
    assert (u.year_min, u.year_max) == (None, None)  # the film's own year, not an era
    u = read(parser, "'IT FOLLOWS' (2014) or 'THE CONJURING' (2013)? pick one for tonight")
    assert (u.year_min, u.year_max) == (None, None)
    assert sorted(u.asked_ids) == [103688, 121231]
    u = read(parser, '"Heat" was boring, loved "Ronin"')
    assert (u.liked_ids, u.disliked_ids) == ([2278], [6])
    u = read(parser, '"Psycho" (1960, not the remake). more suspense like his')
    assert (u.year_min, u.year_max) == (None, None)  # a note on the film's own year
    u = read(parser, "«Cinema Paradiso» (1988, I think) what else is that nostalgic")
    assert (u.year_min, u.year_max) == (None, None)  # remembered a year off
    u = read(parser, "Heat (1995) and something from (1980-1989)")
    assert (u.year_min, u.year_max) == (1980, 1989)


@pytest.mark.parametrize(("text", "asked"), [
    ("bravehart vs last of the mohicians, which 1 is bloodier", [110, 1408]),  # any comparative in "-ier", misspelt titles
    ("insidous or sinister, wich one is more scary", [85788]),  # "wich"
])
def test_a_choice_asked_with_any_comparative_in_session38(parser: MuseService, text: str, asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.asked_ids), u.liked_ids) == (asked, [])


@pytest.mark.parametrize(("text", "intent", "wanted"), [
    ("Watched Manchester by the Sea last night. Beautiful, quiet, devastating drama. Nothing else to say.", "feedback", []),
    ("The Room is so bad it loops back to genius. Funniest drama ever made.", "feedback", []),  # what the film was
    ("Loved Heat. Crime thrillers from the 90s.", "recommend", ["Crime", "Thriller"]),  # a wish in its own sentence
    ("Loved Heat. Great crime thrillers from the 90s please.", "recommend", ["Crime", "Thriller"]),
    ("Alien was great, sci-fi horror tonight", "recommend", ["Horror", "Sci-Fi"]),  # review: a wish in the film's sentence
])
def test_a_kind_said_of_a_film_judged_is_no_wish_in_session39(parser: MuseService, text: str, intent: str, wanted: list[str]) -> None:
    u = read(parser, text)
    assert (u.intent, sorted(u.genres)) == (intent, wanted)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("already seen Ocean's Eleven, wasn't a fan", [], [4963]),
    ("Home Alone was a classic in our house, Home Alone 3 was a disaster.", [586], [1707]),
    ("Jurassic World was a cynical cash grab.", [], [117529]),
    ("Pulp Fiction left me cold", [], [296]),
    ("Titanic was a disaster movie I loved", [1721], []),  # the kind of film, not a verdict
    ("something romantic but not the pink fluffy kind more like before sunrise", [215], []),  # a new phrase after the refusal
    ("nothing like titanic, more like heat", [6], [1721]),
    ("not a cozy one like gone girl", [], [112556]),  # the refused thing's likeness
    ("Rocky Horror isn't my thing, too camp.", [], [2657]),
    ("no more like Titanic please", [], [1721]),  # review: no kind refused before the likeness
    ("I'd rather not watch something more like Titanic", [], [1721]),
    ("Titanic is a disaster romance I adore", [1721], []),  # review: "disaster" that does not close the clause
    ("The critics all called Waterworld a disaster, but I've always had a soft spot for it.", [208], []),  # reported
    ("The Godfather isn't great, it's a masterpiece", [858], []),
    ("the notebook = worst 2 hrs of my life", [], [8533]),  # an idiom, not *My Life*
])
def test_verdicts_and_likenesses_in_session39(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    ("Haven't the stomach for horror, me. A gentle mystery instead", ["Mystery"], ["Horror"]),
    ("Horror isn't my bag", [], ["Horror"]),
    ("I'm plumb wore out on westerns. Somethin' sweet instead, a romance", ["Romance"], ["Western"]),
    ("She loves horror, I can't stand it. A thriller then", ["Thriller"], ["Horror"]),
    ("My sister asked for horror, she's been overruled. Something animated", ["Animation"], ["Horror"]),
    ("he wanted a western but he was outvoted, so a comedy", ["Comedy"], ["Western"]),
    ("Musicals, I do not enjoy them. A good thriller?", ["Thriller"], ["Musical"]),
    ("nothn older than 2012 n nothn animated. comedy or action", ["Action", "Comedy"], ["Animation"]),  # texting
    ("It doesn't have to be a thriller, just nothing animated", [], ["Animation"]),  # not required: neither wished nor refused
    ("it doesn't need to be a comedy, but funny would be nice", ["Comedy"], []),
    ("No horror please, we don't need to be scared", [], ["Horror"]),  # review: not "doesn't have to be a ..."
    ("Comedy, but I can't stand it when it's slapstick", ["Comedy"], []),  # review: the kind narrowed, not refused
    ("Let's do a comedy, she's vetoed everything else", ["Comedy"], []),  # review: the veto is of the rest
])
def test_refusals_said_other_ways_in_session39(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "intent"), [
    ("Are you a real person? You reply weirdly fast.", "chitchat"),  # no documentary asked for
    ("Is Alien scary? Wouldn't mind something lighter if so", "recommend"),  # review: a wish after the question
    ("Is Jaws ok for kids? if not, don't you have something else?", "recommend"),
    ("Is Brokeback Mountain a western? My uncle won't watch anything that isn't.", "ask_item"),
    ("groundhog day: rom-com or just comedy? planning a first date, don't want it to be awkward", "ask_item"),
    ("is pulp fiction too violent? if so suggest a tamer crime comedy", "recommend"),
])
def test_questions_to_the_bot_and_about_a_film_in_session39(parser: MuseService, text: str, intent: str) -> None:
    u = read(parser, text)
    assert u.intent == intent
    assert u.intent != "chitchat" or not u.genres


@pytest.mark.parametrize(("text", "lifted"), [
    ("ok scrap the sci-fi ban, I actually fancy some now", "Sci-Fi"),  # a hyphenated genre word
    ("actually kids' stuff is fine now, my niece is joining us", "Children"),  # a plural's apostrophe
])
def test_a_refusal_lifted_asks_for_nothing_in_session39(parser: MuseService, text: str, lifted: str) -> None:
    u = read(parser, text)
    assert lifted in u.unavoid_genres and lifted not in u.genres and lifted not in u.avoid_genres


@pytest.mark.parametrize(("text", "asked"), [
    ("Which Little Women should I watch first, the 1994 one or the 1949 one?", [261, 7054]),
    ("Is the 2005 King Kong faithful to the 1933 one, or does it turn into an action movie?", [2366, 41569]),
    ("The 1976 Carrie or the 2013 remake? I'm doing a De Palma deep dive", [1345, 105731]),
])
def test_versions_named_by_their_years_in_a_question_are_each_asked_in_session39(parser: MuseService, text: str, asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.asked_ids), u.year_min, u.year_max) == (asked, None, None)  # the years name films, no era


def test_a_plural_possessive_is_no_permission_unless_it_names_a_kind_in_session39(parser: MuseService) -> None:
    u = read(parser, "the kids' choice is fine with me, something animated")  # review: not kids' films allowed
    assert "Children" not in u.unavoid_genres


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # a verdict word misspelt is the verdict still
    ("fight club is so overated", [], [2959]),
    ("titanic was borring", [], [1721]),
    ("Inception was terible, too loud", [], [79132]),
    ("jaws was awsome", [1387], []),
    # a title word close to a verdict word is the title's
    ("loved the incredibles", [8961], []),
    # the first film of a series is that film, and its sequels are each judged
    ("Loved the first Pirates of the Caribbean, hated every sequel.", [6539], [45722, 53125, 86880]),
])
def test_misspelt_verdicts_in_session40(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


@pytest.mark.parametrize(("word", "spelt"), [
    ("overated", "overrated"), ("borrrring", "boring"), ("dissapointing", "disappointing"), ("Awsome", "Awesome"),
    ("favourit", "favourite"), ("beautifull", "beautiful"), ("horror", "horror"), ("gattaca", "gattaca"),
    ("overruled", "overruled"), ("hater", "hater"), ("adores", "adores"),  # two letters off; other forms of the word
    ("predictably", "predictably"), ("cringe", "cringe"), ("masterpieces", "masterpieces"), ("griping", "griping"),
    ("my friend Hamed", "my friend Hamed"),  # a name
])
def test_spell_verdicts(word: str, spelt: str) -> None:
    assert spell_verdicts(word) == spelt
    assert spell_verdicts(word, keep=frozenset([word.lower()])) == word


@pytest.mark.parametrize(("text", "liked", "seen"), [
    # a sentence that says only that films were seen judges none of them
    ("I've done all the obvious ones: The Godfather, Goodfellas, Casino. Give me a mob film nobody talks about",
     [], [858, 1213, 16]),
    ("I've already seen Heat and Ronin. Something else", [], [6, 2278]),
    ("Seen John Wick, seen Taken, seen Jack Reacher. Something different", [], [99112, 59369, 115149]),
    # (ruled out after being seen, they are refused since session 46: test_titles_in_session46)
    ("she's already seen Dirty Dancing and Ghost, so not those", [], []),
    # ...a verdict in it or after it does, and so may the next message
    ("I've seen Heat and Ronin, loved both", [6, 2278], []),
    ("I've seen Heat and Ronin. Loved both.", [6, 2278], []),
    ("seen Heat, ronin, collateral. all bangers", [6, 2278, 8798], []),
    ("I've seen Heat and Ronin. What else is like them?", [6, 2278], []),
    ("I've seen Heat and Ronin.", [6, 2278], []),
])
def test_films_only_seen_in_session40(parser: MuseService, text: str, liked: list[int], seen: list[int]) -> None:
    u = read(parser, text)
    assert sorted(u.liked_ids) == sorted(liked)
    assert sorted(t.item_id for t in u.titles if t.sentiment == "contrast") == sorted(seen)


@pytest.mark.parametrize(("text", "liked", "asked"), [
    # films listed as not yet seen, then a question which of them: each asked, unless its verdict is given elsewhere
    ("I've seen every Pixar film except Ratatouille and Cars. Which should I do first?", [], [45517, 50872]),
    ("Watchlist: Casablanca, The Third Man, Double Indemnity, Sunset Boulevard. I've only done Casablanca (loved it). "
     "Which of the other three next?", [912], [922, 1212, 3435]),
    ("My watchlist this month: Heat, Collateral, Thief, Manhunter. Already seen Heat. Rank the other three for me?",
     [], [4210, 5867, 8798]),
])
def test_choosing_among_films_not_yet_seen_in_session40(parser: MuseService, text: str, liked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (u.intent, sorted(u.liked_ids), sorted(u.asked_ids), u.genres) == ("ask_item", liked, asked, [])


@pytest.mark.parametrize(("text", "intent", "genres"), [
    # ...but not a wish for other films or a kind after them
    ("I've never seen Inception. Any sci-fi films worth watching?", "recommend", ["Sci-Fi"]),
    ("Added to my watchlist: Heat, Ronin. Anything else worth a look?", "recommend", []),
    ("Watchlist: Heat, Ronin. Give me a comedy next?", "recommend", ["Comedy"]),
    ("I've seen every Pixar film except Cars 2. Recommend me something animated that's next level?", "recommend", ["Animation"]),
    ("My watchlist is huge: Heat, Ronin, Thief. But tonight I want a comedy, which one would you pick?", "recommend", ["Comedy"]),
])
def test_a_wish_after_a_watchlist_stays_a_wish_in_session40(parser: MuseService, text: str, intent: str, genres: list[str]) -> None:
    u = read(parser, text)
    assert (u.intent, sorted(u.genres)) == (intent, genres)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # verdicts people give after a film: expectations let down, a film that has not lasted, giving up, a verdict asked back
    ("The Notebook did absolutely nothing for me.", [], [8533]),
    ("The Shape of Water: nowhere near as good as the reviews said.", [], [180031]),  # (no *Nowhere*)
    ("Howl's Moving Castle I didn't care for.", [], [31658]),
    ("I tried Eraserhead and gave up.", [], [3676]),
    ("I couldn't get into Eragon", [], [49649]),
    ("Baby Driver was all style no substance.", [], [171763]),
    ("Crimson Peak - pretty but empty.", [], [128838]),
    ("Requiem for a Dream made me feel physically ill and I am never watching it again", [], [3949]),
    ("The Revenant had me checking my watch", [], [139385]),
    ("Alien 3: what happened.", [], [1320]),
    ("Mad Max 2 is great, but Beyond Thunderdome hasn't held up.", [3703], [3704]),
    # what these must leave alone
    ("Jaws still holds up", [1387], []),
    ("I couldn't get into the cinema for Dune so I watched it at home and loved it", [2021], []),
    ("Rocky never gave up.", [1954], []),
    ("The cinema for Heat was pretty but empty, we had the whole place", [6], []),
    ("Jaws is not as good as they say, it's better", [1387], []),
    ("I had the time of my life watching Dirty Dancing", [1088], []),
])
def test_verdicts_after_a_film_in_session40(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


@pytest.mark.parametrize(("text", "ends"), [
    # a full stop ends a sentence, not an abbreviation's, an initialism's or a decimal point
    ("she's seen Clueless, Mrs. Doubtfire and Home Alone, so not those.", 1),
    ("Dr. Strangelove and St. Elmo's Fire! Kill Bill vol. 2 too", 1),
    ("E.T. was great, L.A. Confidential too. I gave Heat 7.5/10.", 2),
    ("fine.next one? No. Never", 3),
])
def test_sentence_ends_in_session41(text: str, ends: int) -> None:
    assert len(SENTENCE_END.findall(text)) == ends


def test_a_title_with_an_abbreviation_stays_in_its_list_in_session41(parser: MuseService) -> None:
    u = read(parser, "she's seen Clueless, Mrs. Doubtfire and Home Alone, so not those. Something for a sleepover")
    assert (u.liked_ids, sorted(u.disliked_ids)) == ([], [39, 500, 586])  # (seen and ruled out: refused, session 46)


@pytest.mark.parametrize(("text", "years"), [
    # a film said as a year or a decade is a date, not a film liked
    ("same year as Pulp Fiction, something funny", (1994, 1994)),
    ("something from Titanic's year but nothing to do with boats", (1997, 1997)),
    ("same year as the original Karate Kid: underdog sports story, no boxing", (1984, 1984)),  # (no *Dodgeball: A True Underdog Story*)
    ("same decade as Jurassic Park, with dinosaurs", (1990, 1999)),
])
def test_films_said_as_dates_in_session41(parser: MuseService, text: str, years: tuple[int, int]) -> None:
    u = read(parser, text)
    assert (u.liked_ids, (u.year_min, u.year_max)) == ([], years)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # someone dozing off in a film, or making the writer watch it, is a verdict against it, unless the writer likes it after all
    ("My sister's kids nodded off halfway through Fantasia, so maybe not that again.", [], [1282]),
    ("Dad dropped off during Blade Runner again. He liked Alien though.", [1214], [541]),
    ("My brother made me watch Star Trek Into Darkness twice this week and I need a break", [], [102445]),
    ("my bf made me sit through the notebook, a walk to remember AND dear john in one weekend", [], [5066, 8533]),
    ("They made us watch The Sound of Music and The Third Man, and I loved both!", [1035, 1212], []),
    ("She made me sit through Pride & Prejudice twice and I didn't hate it.", [40629], []),
    ("I dropped off at the cinema for Heat and loved it", [6], []),
    ("Wednesday my son made me watch Deadpool 2 (it was fine), Thursday nothing.", [], []),
    ("pls no more cartoons my lil bro made us watch cars like 6 times this wk", [], [45517]),
    # verdicts after a film: not finished, sillier, not one laugh, pretty but dumb
    ("the matrix (5 stars) the matrix reloaded (2 stars) the matrix revolutions (didnt finish).", [2571], [6365, 6934]),
    ("Rear Window, unanimous yes. Rope, nobody finished it.", [904], [2176]),
    ("Annie Hall: not one laugh. Manhattan: beautiful.", [1244], [1230]),
    ("Honest opinions: Avatar, pretty but dumb. Titanic, better than people admit.", [1721], [72998]),
    ("I haven't finished Heat yet but I love it so far", [6], []),
    ("Eternal Sunshine was messy but I loved it", [7361], []),
])
def test_verdicts_in_session41(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # a question naming no film found asks about the films before it only when it asks of them ("is it ...?") or they are unjudged
    ("alien 3 (awful), aliens (best), prometheus (pretty but dumb). is covenant worth it or skip", [1200], [1320, 94864], []),
    ("my wife says Love Actually is a crime against romance and I say it's perfect. settle it: is it actually any good?",
     [], [], [6942]),
    ("Heat and Ronin. are they any good?", [], [], [6, 2278]),
    ("Good afternoon. I should like to know whether The Third Man is available with subtitles, as my hearing is not what it was.",
     [], [], [1212]),
])
def test_a_question_about_another_film_in_session41(parser: MuseService, text: str, liked: list[int], disliked: list[int],
                                                     asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # a ranking of three films or more likes them all but one said to be last; two films ranked only compare the second
    ("Godfather 2 > Godfather 1 > Goodfellas > Casino. Scarface was overrated.", [16, 858, 1213, 1221], [4262]),
    ("Pixar ranking: Up > Inside Out > Toy Story > Cars (bottom, by a mile).", [1, 68954, 134853], [45517]),
    ("Pixar ranking, top to bottom: Up, Inside Out, Ratatouille... and Cars 2 dead last.", [50872, 68954, 134853], [87876]),
    ("toy story 2 > toy story 3 tbh", [3114], []),
    ("bottom three: Cars 2, Brave, Planes", [], [87876, 95167, 104245]),
])
def test_rankings_in_session41(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


def test_a_film_listed_then_disliked_takes_the_verdict_in_session41(parser: MuseService) -> None:
    u = read(parser, "Finally watched Casablanca, Citizen Kane and Gone with the Wind. Casablanca I adored. "
                     "Gone with the Wind was way too long.")
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == ([912, 923], [920])


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # a film at the end after "love" is a sign-off's name only when "love" is no verb
    ("Loved Gone Girl, didn't love Shutter Island.", [112556], [74458]),
    ("Something funny please. Love, Amelie", [], []),
])
def test_a_sign_off_is_no_verb_in_session41(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


@pytest.mark.parametrize(("text", "intent", "liked", "asked"), [
    # a film as the measure of what a question asks for is liked, and the question a wish
    ("oh, my partner can't stand serial killer stuff, so maybe not more like Se7en then. Fugitive-type stuff instead?",
     "recommend", [457], []),
    ("gremlins-ish, from the eighties or nineties?", "recommend", [2003], []),
    ("Is Heat-style stuff too violent for my dad?", "ask_item", [], [6]),
])
def test_a_film_as_the_measure_of_a_question_in_session41(parser: MuseService, text: str, intent: str, liked: list[int],
                                                           asked: list[int]) -> None:
    u = read(parser, text)
    assert (u.intent, sorted(u.liked_ids), sorted(u.asked_ids)) == (intent, liked, asked)


@pytest.mark.parametrize(("text", "years"), [
    ("Film from year 1985 or around, science fiction", (1983, 1987)),  # "or around" is "give or take"
    ("1985 or about", (1983, 1987)),
    ("1985 or around 1990", (1985, 1992)),  # (not 19 years either side)
    ("made in 1988 or about 89, can't remember", (1988, 1988)),
    ("a film from 1969 or about the moon landing", (1969, 1969)),
])
def test_or_around_a_year_in_session41(text: str, years: tuple[int, int]) -> None:
    found = read_years(text)
    assert (found.year_min, found.year_max) == years


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # what the session-41 rules must leave alone (found by review)
    ("My roommate finally made me watch The Godfather. Masterpiece.", [858], []),
    ("My friend made me watch Parasite and it blew my mind", [2256], []),
    ("This sub made me rewatch Heat last night, still a masterpiece", [6], []),
    ("my husband fell asleep halfway through Titanic lol, I loved it", [1721], []),
    ("I fell asleep halfway through Interstellar but I blame the wine, it's brilliant", [109487], []),
    ("Finding Nemo (bottom of the sea adventure) is my son's favourite", [6377], []),
    ("Deadpool (fine, I'll admit it was great)", [], []),
    ("Saw > Saw II > Saw III, all garbage honestly", [8957], [48877]),
    ("Arrival > Interstellar > Gravity for me. More like the top one: sci-fi about people.", [164179], []),
    ("my kids made me sit through Coco twice (it's lovely, but twice).", [177765], []),
    ("Titanic's year-long shoot was insane, loved the result", [1721], []),
    ("I was born the same year as Star Wars came out, and I love it, something like it", [260], []),
])
def test_what_the_session41_rules_leave_alone(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


@pytest.mark.parametrize("text", [
    # a dislike of a part of the film, or someone else's, does not take back a film listed before
    "My top 3: Heat, Ronin, Collateral. Hated the ending of Heat though.",
    "Watched Heat and Ronin. My dad said Heat was too long, no way",
])
def test_a_partial_or_reported_dislike_leaves_a_listed_film_in_session41(parser: MuseService, text: str) -> None:
    assert 6 in read(parser, text).liked_ids


@pytest.mark.parametrize(("text", "intent", "asked"), [
    ("Is Alien-style horror ok for a 12 year old?", "ask_item", [1214]),  # a question about the kind still asks
    ("Parasite was amazing. Who directed?", "ask_item", [2256]),
    ("Thanks, you're the best - Amelie", "chitchat", []),
    ("Loved E.T. Is Alien too scary for a 9 year old?", "ask_item", [1214]),  # an initialism's last stop ends its sentence
])
def test_questions_the_session41_rules_leave_alone(parser: MuseService, text: str, intent: str, asked: list[int]) -> None:
    u = read(parser, text)
    assert (u.intent, sorted(u.asked_ids)) == (intent, asked)


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # session 42: names as people type them. Initials in lower case that are no word ("tdk", "fmj", "mmfr")
    ("tdk is peak, tdkr was so long i checked my phone like 40 times", [58559], [91529], []),
    ("mmfr best action movie of the decade, anything even close??", [122882], [], []),
    # ...a number after a title's first word said as a word ("apollo thirteen"), where no title is those words
    ("apollo thirteen and the right stuff are my two favorite space movies", [150, 1231], [], []),
    ("ocean's thirteen was the weakest of them", [], [53322], []),
    ("I loved The Taking of Pelham One Two Three", [3384], [], []),  # (the 1974 film's own words, not the 2009 one's number)
    # ...a question opened by "would" asks about the film
    ("would the conjuring be too much?", [], [], [103688]),
    # ...the films of a series listed by the words their titles add, each with its verdict
    ("matrix: 10. reloaded: 6. revolutions: 3. what sci-fi should i try next", [2571], [6934], []),
    ("bourne identity: great; supremacy: great; ultimatum: greatest; legacy: skip. anything on par?", [5418, 8665, 54286], [91535], []),
    ("Alien 10/10, Aliens 9/10, Alien 3 4/10, Resurrection 2/10. what's next?", [1200, 1214], [1320, 1690], []),
    # ...and verdicts: a bin, a gag, "never landed", "never bought", ": dire", "worse still"
    ("rocky 4🔥 / rocky 5 🗑️ / creed 👍 ... more training-montage movies", [2411, 146656], [2412], []),
    ("cabin fever made me gag", [], [6707], []),
    ("Chungking Express is among my favourite films ever; In the Mood for Love never landed with me.", [123], [4144], []),
    ("Fargo: perfect. The Ladykillers remake: dire.", [608], [7367], []),
    ("Zodiac is Fincher's best; The Game I never bought for a second.", [51540], [1625], []),
    ("I found The Graduate rather vulgar, and Easy Rider was worse still.", [], [1247, 3168], []),
    ("mom says superbad is off limits lol so nothing like that", [], [54503], []),
    ("he's watched frozen a million times so anything but that, and he LOVED kung fu panda", [59784], [106696], []),
    ("loved Heat, anything else like it?", [6], [], []),  # ("anything else" asks for more)
    # (found by review) a laugh, a sigh and an evening are no verdicts; a rating someone gives is asked about
    ("Superbad made me gag from laughing so hard", [54503], [], []),
    ("We watched Frozen, worse still the power went out halfway", [106696], [], []),
    ("my dad rates Heat 10/10, should I watch it?", [], [], [6]),
    ("Captain Phillips: fantastic - tense all the way", [105504], [], []),  # no *Captain Fantastic*
    # (found on the older dev splits) marks offered as a choice, a supposition, a film someone wants again with an eye-roll
    ("The Thing (the 1982 one): ✅ or ❌ for someone who hates gore but loves suspense?", [], [], [2288]),
    ("If The Shining is a 10 on the scare scale, where does The Others sit?", [], [], [1258, 4720]),
    ("my kid (6) wants finding nemo AGAIN 🙄🙄 send help, smth else animated", [], [], []),
    ("kids film 4 my 6yo, NOT frozen again 😩", [], [106696], []),
    ("wait is the prestige the one w the magicians or am i thinking of smth else", [], [], [48780]),
    ("Please advise whether It's a Wonderful Life is better seen in colour.", [], [], [953]),
    # ...a dislike given as the premise of a question keeps its verdict; "smth w ..." asks for films, not about the one named
    ("Is The Hateful Eight worth watching if I hated Django Unchained?", [], [99114], [128360]),
    ("hp and the chamber of secrets is lowkey the coziest one 🐍🕯️ smth w the same spooky-but-cozy energy?", [5816], [], []),
    # ...and a film rated where it is named keeps its rating in a question, unless the question asks it of the film
    ("toy story 1 ✅ toy story 2 ✅ cars ❌ cars 2 ❌❌ pixar deep cuts for my 6yo?", [1, 3114], [45517, 87876], []),
    ("Alien 10/10, is Aliens as good?", [1214], [], [1200]),
    ("is Heat 9/10 or more?", [], [], [6]),
])
def test_names_and_verdicts_as_people_type_them_in_session42(parser: MuseService, text: str, liked: list[int], disliked: list[int],
                                                              asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


@pytest.mark.parametrize("text", [
    # what the session-42 title rules leave alone: chat abbreviations, words, numbers and a series' words in a sentence
    "tbh idk, smth funny",
    "give me something lit",
    "i want a film for a nine to five office worker",
    "the legacy of the war is what I want a film about",
    "The situation was dire, nothing heavy please",
    # (found by review) initials of chat, a number opening a title said of things, modal verbs, labels after a film
    "my sil is obsessed with true crime, something for her",
    "stg if you recommend another marvel movie",
    "sil was so kind to us, a comedy for her",
    "my sister owns like twenty seven dresses",
    "could go for something scary tonight?",
    "would help if it was under 2 hours, any thrillers?",
])
def test_what_the_session42_title_rules_leave_alone(parser: MuseService, text: str) -> None:
    u = read(parser, text)
    assert (u.liked_ids, u.disliked_ids, u.asked_ids) == ([], [], [])


@pytest.mark.parametrize(("text", "found"), [
    # session 42: a word shouted after a lower-case name is emphasis, not part of it; the rest of a longer name is not
    ("gf wants the notebook AGAIN i want smth w explosions", [8533]),
    ("i loved up TWICE", [68954]),
    ("shrek FOREVER is my fave one", []),  # (not *Shrek*: the capitals go on with a longer title)
])
def test_a_shouted_word_after_a_name_in_session42(parser: MuseService, text: str, found: list[int]) -> None:
    assert sorted(g.item_id for g in parser.s.grounder.find_mentions(text) if g.item_id is not None) == found


def test_a_series_word_in_a_sentence_is_no_film_in_session42(parser: MuseService) -> None:
    u = read(parser, "Loved The Bourne Identity, the supremacy of its fights is clear")
    assert sorted(u.liked_ids) == [5418]


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 42: a negation that praises wishes; one that permits neither wishes nor refuses
    ("Nothing beats a thriller that has me gripping the armrest.", ["Thriller"], []),
    ("There's no such thing as too many heist movies.", ["Crime"], []),
    ("Without a doubt the best genre is mystery. Recommend one", ["Mystery"], []),
    ("Not that I dislike comedy, but tonight I'm in an action mood.", ["Action"], []),
    ("I have no objection to a frightening picture, provided it is well made.", [], []),
    ("I have no problem with westerns, but no musicals", [], ["Musical"]),
    ("I don't mind horror but no romance", [], ["Romance"]),  # the permission reaches no further than its own clause
    # (found by review) a permission gives way to a refusal after it or an exception in it; "without a doubt" only praises
    ("not that we mind horror, but the kids are here so no horror tonight", ["Children"], ["Horror"]),
    ("no problem with anything except horror", [], ["Horror"]),
    ("without a doubt the worst genre is horror", [], ["Horror"]),
    # (found on the older dev splits) a dislike denied and refused anyway; a qualified complaint after a permission; the
    # words after what is allowed add no wish ("ok with creepy but sudden loud scares wreck me")
    ("Not that I dislike westerns, I just don't want one tonight. Something set in a big city, crime or a thriller perhaps.",
     ["Crime", "Thriller"], ["Western"]),
    ("It's not that I don't like sci-fi, it's just not what I want tonight. A thriller, after 1995.", ["Thriller"], ["Sci-Fi"]),
    ("gore is fine, I'm not squeamish, jump scares are fine. the one thing I hate is a boring horror. recent and nasty please", [], []),
    ("i'm ok with creepy but sudden loud scares wreck me", [], []),
])
def test_negations_that_refuse_nothing_in_session42(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)  # (a genre allowed again is taken off the avoided ones, as the profile does)
    assert (sorted(u.genres), sorted(g for g in u.avoid_genres if g not in u.unavoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # session 43: where a viewer dozed names the film; shouted clauses are read like lower-case ones; chat openers name nothing
    ("dozed off during inception again lol", [], [79132], []),
    ("fell asleep in inception, 2 confusing 4 me", [], [79132], []),
    ("ZOMBIELAND IS SO GOOD 😭 more horror comedies like it pls", [71535], [], []),
    ("A WALK TO REMEMBER IS SO OVERRATED 🙄 dont @ me", [], [5066], []),
    ("bro get out is literally peak", [168250], [], []),
    # a disappointment and a disaster are verdicts; a bare "no" may carry an aside
    ("Having read Gone Girl twice, I found the film a real disappointment.", [], [112556], []),
    ("Mulholland Drive was sublime, Dune was a disaster.", [4848], [2021], []),
    ("Dune: a total disaster", [], [2021], []),
    ("The Seventh Seal yes, Persona no (too opaque).", [1237], [7327], []),
    # "the original" after a sequel with a name of its own is the film whose title opens it
    ("I think The Matrix Revolutions is very bad, the original is masterpiece.", [2571], [6934], []),
    ("Alien Resurrection was awful, the original is a classic", [1214], [1690], []),
    # how a film is, asked; whether someone would still enjoy it, asked after an opinion
    ("What's Amélie like?", [], [], [4973]),
    ("I couldn't stand Napoleon Dynamite. Would I still enjoy Rushmore?", [], [8376], [2395]),
    # a kind of film said with a series' word is no series
    ("E.T. went down well with my 5 year old. More gentle alien films for little ones", [1097], [], []),
    # "the new" before a series' name is its newest film
    ("liked the new jumanji more than the robin williams one tbh", [179401], [], []),
    # (found by review) whether one would even like a kind asks about no film
    ("I hated Cats, would I even like musicals?", [], [107780], []),
])
def test_titles_in_session43(parser: MuseService, text: str, liked: list[int], disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


@pytest.mark.parametrize(("text", "liked"), [
    # what the session-43 rules leave alone
    ("any good disaster movies like Twister?", [736]),
    ("Titanic is about a disaster at sea, loved it", [1721]),
    ("I fell asleep in class today, something funny please", []),
    ("NO HORROR PLEASE, something funny", []),
    ("loved the alien films", [1214, 1320, 1690, 3701, 169984]),
    ("loved jumanji as a kid", [2]),
    # a sentence's capital on "The" before a film hardly anyone rated; what a story is about
    ("The boys are 9 and 11 and want an adventure with dinosaurs", []),
    ("A nice story about ordinary people, made after 1990, would be fine.", []),
    ("The godfather was great", [858]),
    # (found by review) a place one dozed in, a disaster said of a kind or a story, a first film of another kind or of a list,
    # adjectives that pick films of a series, a rarely rated film with its verdict, a shouted refusal
    ("my husband fell asleep in traffic on the way home, we need a light comedy", []),
    ("Titanic, a disaster at sea told beautifully, was my favourite", [1721]),
    ("The Towering Inferno is a disaster classic, more like that please", [2524]),
    ("Casino Royale is the best Bond, way better than the original", [49272]),
    ("Saw The Dark Knight Rises and Interstellar, the first one was better", [91529, 109487]),
    ("the classic rocky movies are my dad's favourite", [1954, 2409, 2410, 2411, 2412, 49651]),
    ("The wailing was terrifying, more korean horror please", [159061]),
    ("NOT ANOTHER TEEN MOVIE PLEASE, something for grownups", []),
    ("The critics all called Waterworld a disaster, but I've always had a soft spot for it.", [208]),  # (others' word)
])
def test_what_the_session43_title_rules_leave_alone(parser: MuseService, text: str, liked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), u.disliked_ids, u.asked_ids) == (liked, [], [])


@pytest.mark.parametrize(("text", "years"), [
    # session 43: a year in brackets after a name the catalog lacks, or one that dates a release, is no era
    ("My Haneke ranking: Caché (2005) > Funny Games (1997) > Amour (2012). Something as unsettling as Caché.", (None, None)),
    ("Is the 2010 restoration of Metropolis (1927) worth the extra half hour?", (None, None)),
    ("a comedy from 2005 please", (2005, 2005)),
    ("a thriller from the eighties (1985 or so)", (1980, 1989)),
    # (found by review) one bracketed year after a word for a time or a place is the wish
    ("Films from my Birth Year (1994) please", (1994, 1994)),
    ("I'd love a war film set in Berlin (1945)", (1945, 1945)),
])
def test_years_that_date_films_in_session43(parser: MuseService, text: str, years: tuple[int | None, int | None]) -> None:
    u = read(parser, text)
    assert (u.year_min, u.year_max) == years


def test_a_refusal_after_a_verdict_refines_in_session43(parser: MuseService) -> None:
    u = understand("Bridesmaids was great. And no romcoms", known_genres=parser.known_genres, grounder=parser.s.grounder,
                   concepts=parser.concepts, newest_year=parser.newest_year, has_previous=True)
    assert (u.intent, u.avoid_genres, u.liked_ids) == ("refine", ["Romance"], [86833])
    assert read(parser, "Loved The Notebook. And no, I'm not ashamed of liking romance").intent == "feedback"  # ("no," answers)
    assert read(parser, "true romance is one of my all time favourites").intent == "feedback"  # ("all time" asks for no era)


def test_the_first_film_named_between_a_sequel_and_the_first_in_session43(parser: MuseService) -> None:
    # (found on dev18) the series' first film named between the sequel and "the first" is no other film of a list
    u = read(parser, "is kung fu panda 2 better than kung fu panda? we loved the first panda but the kids have had enough of it")
    assert 59784 in u.liked_ids


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # session 44: everyday verdicts ("painful", "was sooo slow", "even worse", "too loud"); texting's "u" and "n"; a verdict
    # heard and put to the bot; a bare "watched X." judged in the next sentence; "would X be a good pick?"
    ("Jumanji was painful", [], [2], []),
    ("Heat was bad, Ronin even worse", [], [6, 2278], []),
    ("Mamma Mia was too loud, they complained all afternoon. Something gentler from before 1965", [], [60397], []),
    ("any rom coms like 10 things i hate about u", [2572], [], []),
    ("someone in the gc said the babadook is boring is that true 👀", [], [], [112515]),
    ("my friend says Heat is boring. is that true?", [], [], [6]),
    ("people say Heat is overrated, do you agree?", [], [], [6]),
    ("watched Planes, Trains & Automobiles. not my thing", [], [4002], []),
    ("Already watched Heat. No thanks, something else?", [], [], []),
    ("Watched Alien. Too scary for my kids though", [], [], []),
    ("watched blade runner 2049. gorgeous, but way too long. was the original shorter?", [], [], []),
    ("Watched Heat. Loved it.", [6], [], []),
    ("would Get Out be a weird pick for a 4th date?", [], [], [168250]),
    ("john wick 2 worth it if i liked the first", [115149], [], [168248]),
    ("la la land for a first date, good idea or nah", [], [], [164909]),
    ("is get out actually scary or just like, unsettling", [], [], [168250]),
    ("interstellar was 3 hrs of nothing", [], [109487], []),
    ("the ring was lame. didnt jump once", [], [5679], []),
    # words set off in quotes, a newcomer's greeting, a place a story is set, a nationality before its noun
    ('Nothing before 2000, her mum thinks old films look "scratchy"', [], [], []),
    ('new girlfriend says american romcoms are "stupid". a clever romantic comedy', [], [], []),
    ("Hi! First time here. Three kids under ten and zero patience for bad films.", [], [], []),
    ("The men's group wants a war film, but not set in the Pacific, and nothing made after 1970", [], [], []),
    ("a film set on the Moon", [], [], []),
    ("Unit on the American frontier for my class. Need a western", [], [], []),
    ("I am Japanese student in UK, my English teacher say watch british film for study. Comedy is better.", [], [], []),
    ("she likes old Hollywood romance, I like heist films. is there a romantic heist film?", [], [], []),
    # a message typed With A Capital On Every Word is read like a lower-case one
    ("Thank You. I Have Seen Top Hat Several Times And Enjoyed It Very Much. Something Else Please.", [945], [], []),
    ("Gosford Park Was A Dissapointment. Too Many Characters To Follow.", [], [5013], []),
    ("Perhaps Like Charade With Cary Grant. That Was Delightful.", [911], [], []),
    ("The Godfather, The Shining, The Thing And Alien", [858, 1214, 1258, 2288], [], []),
])
def test_titles_in_session44(parser: MuseService, text: str, liked: list[int], disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


@pytest.mark.parametrize(("text", "liked"), [
    # what the session-44 rules leave alone
    ("Loved The Godfather, it was slow burn perfection", [858]),
    ("Jumanji was painfully funny", [2]),
    ("we loved \"the shawshank redemtion\"", [318]),
    ("I loved The American with Clooney", [80126]),
    ("something like The Pacific but shorter", [126430]),
    ("U Turn was great", [1627]),
    # (found by review) praise after a mild verdict, a loud film praised, titles in sentence case, a list of titles typed
    # with capitals, texting's "n", a refused suggestion, the writer's own verdict, a plot that repeats, a quoted title in
    # ordinary words, a film and "movie", a franchise's world
    ("Manchester by the Sea was painful but brilliant, more like that please", [165549]),
    ("Grave of the Fireflies is so painful, an absolute masterpiece. anything similar?", [5690]),
    ("Interstellar was slow at first and then it blew my mind, something similar?", [109487]),
    ("Baby Driver can't be played too loud, more films with great soundtracks", [171763]),
    ("I liked American beauty and Love actually", [2858, 6942]),
    ("my dad loves The Italian job and Bad boys", [145, 6378]),
    ("My Top 3: Heat, Drive, Big. Would Like Something Similar", [6, 2797, 88129]),
    ("loved pride n prejudice, something like it from the 90s", [40629]),
    ("Fight Club was brilliant, do you agree it's Fincher's best? Anyway recommend something similar", [2959]),
    ("a time loop film like Groundhog Day where you keep seeing the same day", [1265]),
    ('can you find something like "the god father"', [858]),
    # (found on the older splits) a misremembered title in quotes, praise beside a complaint after "watched X."
    ('that irish one where the whole village pretends an old fella won the lottery, "waking ted". something similar', [2359]),
    ("i liked frozen movie a lot, something similar for my daughter", [106696]),
    ("Any films set in the Alien universe besides Prometheus?", [1214, 94864]),
])
def test_what_the_session44_title_rules_leave_alone(parser: MuseService, text: str, liked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), u.disliked_ids) == (liked, [])


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 44: refusals after a genre ("can stay away") and before one ("stopping short of", "doesn't drift into")
    ("horror w zombies. gore fine. comedy versions can stay away", ["Horror"], ["Comedy"]),
    ("something unsettling but stopping short of horror", [], ["Horror"]),
    ("a drama about grief that doesn't drift into fantasy", ["Drama"], ["Fantasy"]),
    ("the comedy versions of horror are great", ["Comedy", "Horror"], []),
    # ages said beside the children ("two girls, 6 and 9"), not teenagers
    ("Looking after two girls, 6 and 9, this afternoon. Something funny?", ["Children", "Comedy"], []),
    ("the kids, 12 and 14, want something scary", ["Horror"], []),
    ("My Grandaughter Is 8. We Would Like To Watch Something Together.", ["Children"], []),
    # a dare and a feeling name no genre
    ("Nolan peaked with The Prestige. Fight me.", [], []),
    ("my late husband always chose the films and i am rather lost without him. a comedy please", ["Comedy"], []),
    ("flying out for a work trip tomorrow and could use something motivating", [], []),
    ("As a boy I lived for the Saturday-morning serials: two-fisted heroes, lost temples, a cliffhanger every week.", ["Adventure"], []),
])
def test_genres_in_session44(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "years"), [
    # session 44: "spare me" refuses the years after it; a school year is no decade
    ("Something scary please, and spare me anything made after 2012.", (None, 2012)),
    ("spare me anything before 1990", (1990, None)),
    ("Unit on the American frontier, my year 10s (15). Need a western, nothing before 1980", (1980, None)),
    ("anything from the year 2000", (2000, 2000)),
    # a year beyond the catalog's future is a film's name ("go straight to 2049"); "the year is not important" lifts the era
    ("Should I watch Blade Runner first or go straight to 2049? Or skip both??", (None, None)),
    ("anything up to 2015", (None, 2015)),
])
def test_years_in_session44(parser: MuseService, text: str, years: tuple[int | None, int | None]) -> None:
    u = read(parser, text)
    assert (u.year_min, u.year_max) == years


@pytest.mark.parametrize(("text", "intent"), [
    # session 44: a pick praised is thanks, not a request
    ("Thanks, that was a solid 8/10 recommendation. You've earned a follow.", "chitchat"),
    ("great recommendation, thanks!", "chitchat"),
    ("thanks! any good recommendations for tonight?", "recommend"),
    # complaints about the bot and a question whether this is it; a bare "another" or "next" after a verdict asks for more
    ("you keep giving me the same 5 films. is your catalog tiny or what", "chitchat"),
    ("lmao why does this bot keep suggesting the same 3 movies", "chitchat"),
    ("a time loop film like Groundhog Day where it keeps showing the same day", "recommend"),
    ("Good Morning. Is This The Film Service.", "chitchat"),
    ("you keep giving me the same films, something different please", "recommend"),
])
def test_intents_in_session44(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


def test_follow_ups_in_session44(parser: MuseService) -> None:
    def follow(text: str) -> Understanding:  # a message after an earlier request
        return understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=parser.concepts,
                          newest_year=parser.newest_year, has_previous=True)
    assert follow("unforgiven already seen. loved it. another").intent == "refine"
    assert follow("seen heat, loved it. next").intent == "refine"
    assert follow("seen heat, loved it.").intent == "feedback"
    u = follow("Ah sorry, I mean also old is ok. Only war film, the year is not important.")
    assert (u.genres, u.year_min, u.any_era) == (["War"], None, True)
    # a fresh start said in other words
    for text in ("Right, new plan, my girlfriend just got home and has vetoed all of that. A costume drama.",
                 "Scrap that, totally different mood now. A documentary about food.",
                 "Unrelated, and forget the westerns: is Heat worth three hours of my life?"):
        assert follow(text).new_search, text
    assert not follow("a comedy with a totally different tone from the last one").new_search


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # session 45: a film said not to have been seen has no verdict; asked about after, it is asked
    ("never seen Heat", [], [], []),
    ("never seen Heat. worth it?", [], [], [6]),
    ("I haven't watched The Thing yet, is it good?", [], [], [2288]),
    # a question cut short after the film, and texting's filler "or like" inside a question
    ("is get out scary or like funny scary", [], [], [168250]),
    # a score that opens the next sentence is the film's
    ("Avatar is a theme-park ride dressed up as a film. Two out of ten, and that is generous.", [], [72998], []),
    ("I watched Heat last night. 9/10. Any more like it?", [6], [], []),
    # a film named as a headline and then panned, with no praise, is disliked
    ("Waterworld. Kevin Costner drinking his own... no. Never again.", [], [208], []),
    ("Battlefield Earth. A bold reinvention of the word 'film'. I want my evening back.", [], [3593], []),
    ("Alien. Loved it. More like that but not so scary", [1214], [], []),
    ("Jaws. Something like it but not boring", [1387], [], []),
    # whether someone would like it, or whether it is too much for someone, asks about the film
    ("mate recommended Death Proof. apparently the first hour is just people talking. would I hate it?", [], [], [53519]),
    ("Dead Calm, I hear it's a thriller on a yacht. Too frightening for a 78-year-old heart?", [], [], [3203]),
    ("Gone in 60 Seconds, the original 74 one, not the Cage remake. worth hunting down?", [], [], [26322]),
    ("I hated Titanic. Too long for me.", [], [1721], []),
    # "the X sequels" are the films after the first; texting's "r" is "are"; "wanted to die" pans what one was made to watch
    ("r the matrix sequels worth watching or jus stick w the first", [], [], [6365, 6934]),
    ("i love the matrix films", [2571, 6365, 6934], [], []),
    ("bf made me watch the notebok n i wanted to die. smth w explosions 2nite pls", [], [8533], []),
    # the review's probes: seen after all, refused unseen, statements, scores for something else, praise after a headline
    ("I'd never seen Heat until last night and wow, loved it", [6], [], []),
    ("Haven't watched Alien since I was a teenager but I loved it back then", [1214], [], []),
    ("I have never watched Titanic and never will, looks awful", [], [1721], []),
    ("I haven't seen Titanic and I don't intend to change that. Give me a disaster movie", [], [1721], []),
    ("We haven't watched Moana yet but Coco was great, anything like both?", [177765], [], []),
    ("Saw Blade Runner 2049 last night, 3 hours long, worth it", [176371], [], []),
    ("Alien was brilliant. Too old for my teens though? they want new stuff", [1214], [], []),
    ("The Godfather is perfect. 2/10 for the third one though.", [858], [2023], []),
    ("Titanic. Never again will I doubt James Cameron.", [1721], [], []),
    ("Schindler's List. Harrowing. Never again, but everyone should see it once.", [527], [], []),
    ("A Clockwork Orange was totally banned in the UK for years, which made me want it even more. Loved it", [1206], [], []),
    ("Ronin - should i", [], [], [2278]),
    # the full run's: a score that opens a sentence naming another film is that film's; a colon introduces no headline
    ("10/10 would cry again: Up, first ten minutes. 3/10: Cars 2. My kid (7) wants more in the first vein", [45517, 68954], [87876], []),
    ("O Brother: the film I put on whenever I'm ill. more Coens but nothing crime-y, I'm sick of kidnappings", [4027], [], []),
])
def test_titles_in_session45(parser: MuseService, text: str, liked: list[int], disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 45: a kind of the genre wished, refused, leaves the genre wished
    ("a thriller please, but not one of those erotic thrillers", ["Thriller"], []),
    ("a comedy, no teen comedies please, something funny for adults", ["Comedy"], []),
    ("horror please, no horror comedies", ["Horror"], ["Comedy"]),
    ("no erotic thrillers please", [], ["Thriller"]),
    ("no more thrillers", [], ["Thriller"]),
    # a message capitalised throughout is read for genres and years in lower case
    ("Good Evening. I Would Like A Film With Fred Astaire Please. Something With Singing In It.", ["Musical"], []),
    # discs, ships, room and praise name no genre; texting's "jus" and "hes" are spelt out
    ("Thinking of buying Paris, Texas on Blu-ray blind.", [], []),
    ("Sword fights, sailing ships, 1930s Errol Flynn kind of thing", ["Action"], []),
    ("in the mood for something in a minor key, lots of space between the notes", [], []),
    ("Absolute treasure of a film, I've adored it since it came out.", [], []),
    ("a treasure hunt adventure", ["Adventure"], []),
    ("no romance no musicals jus a gd thriller", ["Thriller"], ["Musical", "Romance"]),
    ("90s cartoons for my lil bro hes 7", ["Animation", "Children"], []),
    ("Saw Interstellar again at the IMAX re-run with my son.", [], []),
    ("Big, loud space films please, the IMAX kind", ["IMAX", "Sci-Fi"], []),
    ("something with a real treasure hunt", ["Adventure"], []),
    # emphasis is no kind of the genre: the refusal stands
    ("I want a thriller tonight. no bloody thrillers, something light", [], ["Thriller"]),
    ("something spooky for halloween but no real horror, my kids are 8", ["Children"], ["Horror"]),
    # a kind refused keeps only a genre asked for by name, refused by name ("no sad drama" after crying is still a refusal)
    ("a baker falling in love, again. i'm begging for a christmas horror. no mistletoe romance, obviously", ["Horror"], ["Romance"]),
    ("give me a movie about dancing but without the whole breaking into song thing", [], ["Musical"]),
    ("I cry at literally every animal film. Something with a dog in it that won't wreck me? No sad drama", [], ["Drama"]),
    ("no no not horror i said", [], ["Horror"]),
])
def test_genres_in_session45(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


def test_years_in_session45(parser: MuseService) -> None:
    u = read(parser, "I Am Looking For A Murder Mystery. Not Modern Please, Nothing After 1980.")
    assert (u.genres, u.year_min, u.year_max) == (["Mystery"], None, 1980)
    # when the writer saw or loved a film is no era
    for text in ("The African Queen, Bogart and Hepburn on that rusty boat. Saw it in '52 at the Odeon and I still love it.",
                 "The Poseidon Adventure: upside-down ship. Loved it in '72, loved it again last week."):
        u = read(parser, text)
        assert (u.year_min, u.year_max) == (None, None), text
    assert (read(parser, "something I saw in the 80s").year_min, read(parser, "a western from 1952").year_min) == (1980, 1952)


@pytest.mark.parametrize(("text", "intent"), [
    # session 45: a film scored and nothing asked is feedback; "highly recommended" is praise; "you are a robot?" asks the bot
    ("Blade Runner 2049: 9/10. Villeneuve understands silence better than anyone working today.", "feedback"),
    ("Update: we loved Paddington 2. Both of us. Highly recommended to any childless couple.", "feedback"),
    ("Hello, you are a robot or a real person?", "chitchat"),
    ("you are a robot, I need a comedy", "recommend"),
    ("Rated The Game a 6, The Net a 3. Try again, and nothing with hackers.", "recommend"),
    # the children a film judged pleased are who watched, not a wish; "ur favorite movie" asks the bot
    ("cheers mate, Cool Runnings was a winner with the kids", "feedback"),
    ("the kids loved Frozen. more like that", "recommend"),
    ("yo bot whats ur favorite movie lol", "chitchat"),
    ("If you are a real film buff, what's better than Heat?", "ask_item"),
    ("Fell asleep during Interstellar, will try again tomorrow", "feedback"),
    # scores beside a wish, children named before the films, texting's "smth": requests
    ("h8ed la la land 🤮 no musicals pls. smth w/ jazz tho lol", "recommend"),
    ("Amadeus A+, Immortal Beloved B, The Piano Teacher D. composers and music on film, period pieces", "recommend"),
    ("all three kids (3, 7, 10) loved My Neighbor Totoro but hated The Lion King. so nothing sad this time", "recommend"),
])
def test_intents_in_session45(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


def test_a_kind_of_the_genre_refused_after_it_was_wished_keeps_it(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    def after(*turns: str) -> UserProfile:
        p = UserProfile()
        for turn in turns:
            p = apply_understanding(p, read(parser, turn))
        return p
    p = after("thriller. 90s. go", "ugh not erotic thrillers. zero romance")
    assert (p.liked_genres, p.disliked_genres) == (["Thriller"], ["Romance"])
    p = after("a fantasy film", "OK, now say the kids are asleep: same genre, but grimmer and not for children.")
    assert (p.liked_genres, p.disliked_genres) == (["Fantasy"], ["Children"])


@pytest.fixture(scope="module")
def meanings() -> ConceptIndex:
    """The genre prototypes embedded by the real MiniLM (no catalog tags): words read by meaning as the app reads them."""
    from tools.retriever.embedders import MiniLMEmbedder
    return ConceptIndex(MiniLMEmbedder(), CATALOG_GENRES, [], None)


@pytest.mark.parametrize(("text", "wanted"), [
    # session 45: discs, ships, room and praise are no genre by meaning; a message capitalised throughout is read by meaning
    ("Thinking of buying Paris, Texas on Blu-ray blind.", []),
    ("a film about sailing ships", []),
    ("lots of space between the notes", []),
    ("Absolute treasure of a film, I've adored it since it came out.", []),
    ("Good Evening. I Would Like A Film With Fred Astaire Please. Something With Dancing In It.", ["Musical"]),
    ("space battles between ships", ["Sci-Fi"]),
    # a child's love of horses asks for no western; a shootout with horses does
    ("my daughter (9) is obsessed with horses. any horse films?", ["Children"]),
    ("she likes horses and can't bear anything sad", []),
    ("unironically want a old school shootout in the desert with horses, spaghetti style", ["Action", "Western"]),
    ("Transformers made my temples throb. I want a tense thriller instead", ["Thriller"]),
])
def test_words_read_by_meaning_in_session45(parser: MuseService, meanings: ConceptIndex, text: str, wanted: list[str]) -> None:
    u = understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=meanings, newest_year=parser.newest_year)
    assert sorted(u.genres) == wanted


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # session 46: films said to be seen and then ruled out are refused; seen, with nothing said of them, are mentioned
    ("he's seen Totoro and Spirited Away already, so not those two", [], [5618, 5971], []),
    ("they've both seen Up and Coco, so not those", [], [68954, 177765], []),
    ("she's seen Frozen and Moana to death, so not those", [], [106696, 166461], []),
    ("seen john wick n taken already. smth else", [], [], []),
    ("they've seen Jurassic Park already. older, maybe before 1990? and nothing too scary for the 6 year old", [], [], []),
    ("I've already seen Heat and Ronin. Loved both.", [6, 2278], [], []),
])
def test_titles_in_session46(parser: MuseService, text: str, liked: list[int], disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


@pytest.mark.parametrize(("text", "intent"), [
    # session 46: films ruled out of the picks ask for others; seen to death and nothing more is still feedback
    ("they've both seen Up and Coco, so not those", "recommend"),
    ("she's watched Mamma Mia and The Sound of Music so many times, skip those", "recommend"),
    ("she's seen Frozen a million times, not that", "recommend"),
    ("he's seen Cars 47 times, please god not that one. everything else looks great", "feedback"),
    ("seen the matrix a million times, love it", "feedback"),
    # the bot asked about in dialect and texting; thanks said "ta" or "thank ya"
    ("Wan mair question, are ye a real person or a robot?", "chitchat"),
    ("hiii are u like an ai or smth", "chitchat"),
    ("G'day! Just wondering, how many flicks ya got in there?", "chitchat"),
    ("Gaun yersel! Ta for the help, pal.", "chitchat"),
    ("Tried that Transformers thing on the telly. Ninety minutes of car alarms. Dreadful.", "feedback"),
    ("how many films have you got like Heat?", "recommend"),
    ("Loved Heat, not that I'm surprised, Mann never misses.", "feedback"),
])
def test_intents_in_session46(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 46: a refusal kept ("still out", "still a no"), vetoes under a label, nobody who will watch, being over a kind
    ("Romance still out.", [], ["Romance"]),
    ("Violence is fine actually. Horror still out though.", [], ["Horror"]),
    ("Scary is still a no.", [], ["Horror"]),
    ("the kids are still out at the park, a comedy", ["Children", "Comedy"], []),
    ("veto list for tonight: musicals (me), war films (Nadia). recommend something from the 90s pls", [], ["Musical", "War"]),
    ("three of us, and the vetoes are: kids stuff, documentaries. fantasy or adventure?", ["Adventure", "Fantasy"], ["Children", "Documentary"]),
    ("Nobody here will watch anything animated. beyond that: comedy", ["Comedy"], ["Animation"]),
    ("I've had a year of action films and I'm over them. Something talky from the 70s.", [], ["Action"]),
    ("my watch list for tonight: a comedy, a western", ["Comedy", "Western"], []),
    # Scots words for refusals and bounds; more words for children
    ("Cannae dae horror. Somethin wi a bit o mystery", ["Mystery"], ["Horror"]),
    ("Got the ankle biters this arvo, 4 and 7. Something animated", ["Animation", "Children"], []),
    ("I'd like to wean him onto something else that still has action in it", ["Action"], []),
    ("So I finally watched inception after people nagged me for about eight years", [], []),
    # idioms of wanting and of time are no genre; children said not to be watching are no audience
    ("Could murder a good Western but nothing too long", ["Western"], []),
    ("Gangster pictures, Cagney. Before the war, before 1939 I mean. Nothing comic.", ["Crime"], ["Comedy"]),
    ("Keen for a rom com, 90s or 2000s. No cartoons, the kids aren't watching.", ["Comedy", "Romance"], ["Animation"]),
    ("Chucked on The Babadook last night, couldn't sleep after. Absolute cracker.", [], []),
    # a permission said with an adverb, or "X allowed", wishes nothing; children counted as "my two (6 and 9)"
    ("Need a comfort movie. Done with anything scary. Animated is totally fine.", [], ["Horror"]),
    ("Fine, animation allowed.", [], []),
    ("a documentary is totally fine, preferred even, as long as it isn't true crime", ["Documentary"], ["Crime"]),
    ("no kids allowed, a horror", ["Horror"], ["Children"]),
    ("Movie night with my two (6 and 9). Nothing scary at all", ["Children"], ["Horror"]),
    ("my two (14 and 16) want a horror", ["Horror"], []),
    ("Any good horror films still out?", ["Horror"], []),
    ("Dealbreakers: horror. westerns too i guess?", [], ["Horror", "Western"]),
    ("ankle biters in bed, horror time", ["Horror"], []),
    ("my 8 year old isn't watching horror, something else for her", ["Children"], ["Horror"]),

    # a kind of joke refused is no comedy refused; wished, it is comedy
    ("No fart jokes please. Something for my pair, nine and six. Adventure maybe?", ["Adventure", "Children"], []),
    ("a 9 year old boy who only likes football and fart jokes", ["Children", "Comedy"], []),
])
def test_genres_in_session46(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


def test_scots_bounds_in_session46(parser: MuseService) -> None:
    u = read(parser, "Want a sci-fi horror, aliens on a spaceship, but nae newer than 1990.")
    assert (u.year_min, u.year_max) == (None, 1990)


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # session 46: a version named after the film and the one not meant ("the proper one ..., not the remake"; Scots "auld")
    ("The Italian Job, the proper one with the Minis and Caine, not the Hollywood remake. Anything with that heist feel?", [6893], [], []),
    ("The Wicker Man, the auld one, no the Nic Cage one. Is it actually scary or just weird?", [], [], [4754]),
    # a film said first and then judged or seen by the writer ("X I did not like at all", "X I have seen already.")
    ("The Hurt Locker I did not like at all, it shows Arabs like only enemies.", [], [69481], []),
    ("Saving Private Ryan I have seen already. One more please, but from 2000 onwards.", [], [], []),
    ("Saving Private Ryan I have seen already. Loved it.", [2028], [], []),
    ("Aye, seen Alien. Somethin else", [], [], []),
    # praised and seen many times is liked; "hard work" pans
    ("3 Idiots is superb movie, I have watched it 10 times at least. Suggest one more like that only.", [73881], [], []),
    ("Strewth, Moulin Rouge was hard work. Never again.", [], [4308], []),
    # a film watched, said first, and then panned with nothing praised or asked
    ("Watched Avatar because the grandson insisted. Two and a half hours of blue people. Never again.", [], [72998], []),
    ("Watched Up with the kids. Cried buckets, what a film.", [68954], [], []),
    ("Watched Heat last night. Never again will I doubt Michael Mann.", [6], [], []),
    # (the review's probes: praise in the opening sentence, a pan of someone or something else, praise said later)
    ("Watched Heat last night and absolutely loved it. The wife hated it though.", [6], [], []),
    ("Saw Dune yesterday, incredible. My husband fell asleep, never again taking him.", [2021], [], []),
    ("Tried Paddington with my dad, he laughed the whole way through. The cinema was freezing though, never again.", [117887], [], []),
    ("I've seen Heat and Ronin. Honestly? Both were brilliant.", [6, 2278], [], []),
    ("Ok, seen Dune. Need something similar", [2021], [], []),
    ("Alien I've seen. Terrifying. More like that.", [1214], [], []),
    ("Yes, I've seen The Notebook. Yes, I cried. No, I will not be admitting that in public. Anything else like it?", [8533], [], []),
    ("Saw Sicario and Hell or High Water, both excellent. Traffic dragged. Border or cartel crime", [139644, 161582], [4034], []),
    ("Schindler's List was hard going, but worth every minute.", [527], [], []),
    ("watched alien, aliens, alien 3 and resurrection in one weekend. first two masterpieces, last two garbage", [1200, 1214], [1320], []),
])
def test_more_titles_in_session46(parser: MuseService, text: str, liked: list[int], disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


def test_a_genre_swapped_while_another_person_joins_in_session46(parser: MuseService) -> None:
    u = understand("wait my mom wants to watch too and she hates gore. make it a thriller instead", known_genres=parser.known_genres,
                   grounder=parser.s.grounder, concepts=parser.concepts, newest_year=parser.newest_year, has_previous=True)
    assert u.replace_genres and u.genres == ["Thriller"]


@pytest.mark.parametrize(("text", "wanted"), [
    # session 46: a hoot wished is comedy by meaning; praise ("absolute cracker") and "chucked on" are none
    ("october szn!! need a scream-fest that's also a total hoot with my girlies", ["Comedy", "Horror"]),
    ("Chucked on The Babadook last night, couldn't sleep after. Absolute cracker.", []),
])
def test_words_read_by_meaning_in_session46(parser: MuseService, meanings: ConceptIndex, text: str, wanted: list[str]) -> None:
    u = understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=meanings, newest_year=parser.newest_year)
    assert sorted(u.genres) == wanted


@pytest.mark.parametrize("text", [
    # session 47: an age that is a person's is no era ("my son is about eight years old", "kids under 10 years old")
    "my son is about eight years old, what can we watch together?",
    "something for kids under 10 years old",
    "my daughter is over 12 years old so scary is ok",
    "the twins are about 9 years old, nothing scary",
])
def test_ages_of_people_are_no_era_in_session47(parser: MuseService, text: str) -> None:
    u = read(parser, text)
    assert (u.year_min, u.year_max) == (None, None)


def test_ages_of_films_still_bound_in_session47(parser: MuseService) -> None:
    assert (read(parser, "something under 10 years old please").year_min, read(parser, "a film about ten years old would be good").year_min) == (2009, 2006)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 47: a refusal of everything but the genre wants it; "I'll watch anything but" and "don't mind anything but" refuse it
    ("Nobody here will watch anything but comedy.", ["Comedy"], []),
    ("we never watch anything but horror on fridays", ["Horror"], []),
    ("don't show me anything except westerns", ["Western"], []),
    ("I'll watch anything but horror", [], ["Horror"]),
    ("I don't mind anything but horror", [], ["Horror"]),
    # the last item of a refused list whose first item is "anything with ..."; a label with a note in brackets
    ("Not keen on anything with zombies or clowns, or any horror really. Something from the 90s.", [], ["Horror"]),
    ("not into anything with robots, or sci-fi in general", [], ["Sci-Fi"]),
    ("Veto list (for tonight): horror, musicals.", [], ["Horror", "Musical"]),
])
def test_genres_in_session47(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # session 47: scores said as "gets a 9", "a flat 5", "two stars at best for X", "Alien 3: 4" in a scored list
    ("Up gets a 9 from me and a 10 from my kids. Another animated one in that league?", [68954], [], []),
    ("Two stars at best for Jurassic World. Anything with dinosaurs that isn't a cash grab?", [], [117529], []),
    ("Rating my week: The Departed 9.5, Shutter Island 8, The Aviator a flat 5. More crime please.", [48516, 74458], [30812], []),
    ("Aliens: 10. Alien: 9. Alien 3: 4. Want more horror set in space.", [1200, 1214], [1320], []),
    # the writer's own verdict after someone else's ("He loved Se7en; I found it nasty"); a verdict word of a bad film
    ("He loved Se7en; I found it nasty. For my girls' night, something twisty but kinder.", [], [47], []),
    ("avatar = total yawnfest. thriller pls", [], [72998], []),
    # a misspelt title opening a sentence and judged at once ("toy stroy 3 made me cry", "the prestage blew my mind")
    ("toy stroy 3 made me cry at 25 yrs old not even joking. any pixar like that", [78499], [], []),
    ("the prestage blew my mind. the ending omg", [48780], [], []),
    ("shawshenk redemtion never gets old seen it like 15 times. wat else is like it", [318], [], []),
    # a version told apart by how it was made ("the cartoon one", "the live action one")
    ("The Jungle Book (the cartoon one) is my favourite", [2078], [], []),
    ("Beauty and the Beast (the live action one) was great", [168366], [], []),
    # names that only look like films: a person a version is told apart by, someone who speaks or dies, someone's ordinal,
    # a lower-case possessive, words quoted from someone
    ("Watched the 2012 Total Recall out of curiosity. The Arnie one remains untouchable.", [95875], [], []),
    ("Is Awakenings (the Robin Williams one) worth watching or is it depressing", [], [], [3105]),
    ('oh and nothing before 2000, Ali says old films are "too slow"', [], [], []),
    ("The evenings are long since Margaret passed. I would like a film from the 60s", [], [], []),
    ("for her 13th birthday she wants a 90s movie, comedy or teen drama", [], [], []),
    ("I want the Clooney one, and neither of us has seen the other's. Which is better?", [], [], []),
    ('my husband refuses to watch anything animated, "I\'m a grown man". comedy for us then', [], [], []),
    ("I loved Ali, more boxing films", [5009], [], []),
])
def test_titles_in_session47(parser: MuseService, text: str, liked: list[int], disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


@pytest.mark.parametrize(("text", "wanted"), [
    # session 47: a verdict of boredom is no kind of film ("a snoozefest")
    ("Avatar was a snoozefest. Want a thriller.", ["Thriller"]),
    # ...and staying alert on a night shift is no fright
    ("3am on my break, need something to keep me awake. proper edge of your seat thriller, 90s or 2000s", ["Thriller"]),
    # ...nor is a family saga a children's film
    ("Another family saga on that scale, with the same patience and the same rot underneath?", []),
])
def test_verdict_words_in_session47(parser: MuseService, meanings: ConceptIndex, text: str, wanted: list[str]) -> None:
    u = understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=meanings, newest_year=parser.newest_year)
    assert sorted(u.genres) == wanted


@pytest.mark.parametrize(("text", "years"), [
    # session 47: "every year" of a habit and "all time favourites" keep the era said ("every year is fine" drops it)
    ("A Christmas picture from the 1940s please, one we used to watch together every year", (1940, 1949)),
    ("80s horror, all time favourites", (1980, 1989)),
])
def test_eras_kept_in_session47(text: str, years: tuple[int, int]) -> None:
    r = read_years(text)
    assert (r.year_min, r.year_max) == years and not r.any_era


@pytest.mark.parametrize(("text", "intent"), [
    # session 47: a film praised in slang or scored in words, and nothing asked for
    ("the prestage blew my mind. the ending omg", "feedback"),
    ("spirited away. literally a 10", "feedback"),
    ("Rewatched The Big Lebowski tonight. Still a 10. It improves with every single viewing.", "feedback"),
    ("seen heat like 15 times. wat else is like it", "recommend"),
])
def test_intents_in_session47(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


def test_the_original_trilogy_is_its_first_three_films_in_session47(parser: MuseService) -> None:
    assert read(parser, "I love the original Star Wars trilogy").liked_ids == [260, 1196, 1210]
    assert len(read(parser, "I love the Star Wars films").liked_ids) > 3


@pytest.mark.parametrize(("text", "years", "any_era"), [
    # session 47 (the review's probes): films' ages said of "the ones" or "they" still bound; "every year's fine" and "films
    # from every year" drop the era
    ("classic sci-fi please, the ones over 40 years old are usually the best", (None, 1978), False),
    ("any good horror? ideally they're over 20 years old, I like the practical effects", (None, 1998), False),
    ("comedies please, as long as they are under 10 years old", (2009, 2018), False),
    ("actually every year's fine, just a good thriller", (None, None), True),
    ("films from every year are fine, I'm not fussy", (None, None), True),
])
def test_review_years_in_session47(text: str, years: tuple[int | None, int | None], any_era: bool) -> None:
    r = read_years(text)
    assert ((r.year_min, r.year_max), r.any_era) == (years, any_era)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 47 (the review's probes): a permission of all but a genre still refuses it; the writer's own age then asks for
    # no children's film; labels with other notes in brackets
    ("I'm easy going, I won't say no to anything but horror", [], ["Horror"]),
    ("honestly I don't have a problem with anything except horror", [], ["Horror"]),
    ("I don't much mind anything but horror", [], ["Horror"]),
    ("I'm not fussy, I won't turn down anything except horror", [], ["Horror"]),
    ("don't recommend anything but comedies tonight", ["Comedy"], []),
    ("I was about 10 years old when I first saw Jaws and it still scares me", ["Horror"], []),
    ("Never again (seriously): musicals", [], ["Musical"]),
])
def test_review_genres_in_session47(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # session 47 (the review's probes): "a 3 year old" and "3 hours" are no scores; "the Disney remake" is the remake; a
    # film's whole name between "the" and "one"; lower-case possessives of titles; a quoted misspelt title with "no" in it;
    # a pan turned into praise
    ("Moana got a 3 year old to sit still for two hours, miracle. More like that?", [166461], []),
    ("The Jungle Book (the Disney remake) was gorgeous to look at", [137857], []),
    ("the Titanic one with Leo, not the old one", [1721], []),
    ("interstellar's soundtrack is incredible, more like that", [109487], []),
    ("the godfather's pacing is perfect, anything similar?", [858], []),
    ('"No country for old man" is a masterpiece', [55820], []),
    ("Watched Evil Dead last night. Found it nasty, in the best possible way", [4105], []),
    ("Peter Pan (we saw it live at the theatre last year) was magical", [2087], []),
    # a pan said "just no" after a film watched
    ("watched Patch Adams on my day off and wanted to throw the remote at the telly. as a nurse: no. just no", [], [2431]),
])
def test_review_titles_in_session47(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


def test_lengths_and_ages_are_no_scores_in_session47() -> None:
    assert rating_after("Titanic is a whopping 3 hours long", len("Titanic")) is None
    assert rating_after("Moana got a 3 year old to sit still", len("Moana")) is None
    assert rating_after("Up gets a 9 from me", len("Up")) == "like"


def test_a_version_named_in_a_later_sentence_takes_its_verdict_in_session47(parser: MuseService) -> None:
    u = read(parser, "Is the 2005 King Kong really three hours long? I loved the 1933 one as a kid, but my attention span has gone.")
    assert (u.liked_ids, u.asked_ids) == ([2366], [41569])
    assert sorted(read(parser, "Is the 2005 King Kong faithful to the 1933 one?").asked_ids) == [2366, 41569]


@pytest.mark.parametrize(("text", "intent", "liked", "asked"), [
    # session 47 (the full runs): a subtitle's part between "the" and "one" is the film; a lower-case film "told" is no
    # person; "what else is that scary" asks for films, not about one
    ("Pirates 2 and 3 dragged on forever, only the Black Pearl one is any good. Something swashbuckling but shorter", "recommend", [6539], []),
    ("is memento told backwards the whole way through? I need to know before I commit", "ask_item", [], [4226]),
    ("the shinning had me sleeping with the light on for a week what else is that scary but older", "recommend", [1258], []),
    ("crocodile dundee's a bit of a dog's breakfast to be honest but I love it anyway", "feedback", [2470], []),
])
def test_full_run_findings_in_session47(parser: MuseService, text: str, intent: str, liked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (u.intent, sorted(u.liked_ids), sorted(u.asked_ids)) == (intent, liked, asked)


@pytest.mark.parametrize(("text", "disliked"), [
    # ...and a film called something it is not, now that "a three-hour" is no score of three
    ("Kubrick is overrated. Barry Lyndon was a three-hour screensaver. Give me a costume drama with an actual pulse", [2730]),
    ("Jurassic Park is untouchable. Jurassic World was a two-hour theme park advert.", [117529]),
    ("The 2017 Beauty and the Beast was a two-hour photocopy. The cartoon does everything better.", [168366]),
])
def test_films_called_what_they_are_not_in_session47(parser: MuseService, text: str, disliked: list[int]) -> None:
    assert read(parser, text).disliked_ids == disliked


def test_praise_taken_back_by_kidding_in_session47(parser: MuseService) -> None:
    u = read(parser, "Peak cinema: Movie 43. Kidding, obviously. A real drama or a decent war film, please, after 2005.")
    assert (u.liked_ids, u.disliked_ids) == ([], [100083])
    assert read(parser, "Just watched Inception for the fifth time. (Kidding, it's brilliant.) Another like it.").liked_ids == [79132]


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # session 48 (dev85, messages as they arrive in a messaging app): a reply to the bot's quoted suggestion judges the
    # films it points at, or names again; quoted films it does not point at take no part
    ("> P.S. I Love You (2007)\nugh no. hated it. anything romantic but less cheesy", [], [56941], []),
    ("> Heat (1995)\n> Collateral (2004)\n> Thief (1981)\nheat yes!!! all time fave. the other two nah", [6], [], []),
    ("> 1. The Thing (1982)\n> 2. The Fog (1980)\nwhich of these is the least gory?", [], [], [1128, 2288]),
    ('> "Here\'s a romantic comedy: 50 First Dates (2004)"\nno adam sandler pls and nothing before 2005', [], [], []),
    # a line that goes on with "and" / "or" is the same list
    ("kids are 4 and 6\nthey loved moana\nand coco\nsomething new for them", [166461, 177765], [], []),
    # emoji and texting verdicts: a goat is the greatest, a yawn a bore; "to sappy" is too sappy
    ("transformers 🥱🥱🥱 zzz", [], [53996], []),
    ("the godfather 🐐🐐 is part 2 as good? 🤔", [858], [], [1221]),
    ("the notebook was to sappy for me", [], [8533], []),
    # a starred correction puts the title right
    ("A crime drama like The Deported *Departed but older, pre 2000", [48516], [], []),
    # a name signing off, the bot's name and a greeting's "this is Frank" are no films
    ("Hello is this working?? I pressed the little microphone by mistake. Frank", [], [], []),
    ("Hello Muse this is Frank again. My wife says hello as well.", [], [], []),
    ("nah im good, thanks muse 👍", [], [], []),
])
def test_messaging_app_titles_in_session48(parser: MuseService, text: str, liked: list[int], disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


@pytest.mark.parametrize("text", [
    # session 48 (dev84): words of the language are no misspelt titles, and three letters too few to be misspelt
    "where the acting is the special effect: small cast, a dinner party going very wrong",
    "dreamy fairy-tale magic or a sweet love story. one of those",
    "basically a D&D campaign on screen",
    "survival horror game energy: limited ammo, a foggy town, something moving in the dark",
])
def test_words_of_the_language_are_no_misspelt_titles_in_session48(parser: MuseService, text: str) -> None:
    assert read(parser, text).titles == []


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 48 (dev84, films described, not named by genre): people on screen are no documentary, a docudrama is a drama,
    # a fake documentary is a way of filming; gadgets, rows, theatre jobs and warts are no genre
    ("I like books about real people with real problems: marriages going wrong, families that don't talk", [], []),
    ('update, she now wants "real people not drawings" so live action only', [], ["Animation"]),
    ("Like the Chernobyl miniseries - a docudrama about a real disaster, told straight", ["Drama"], []),
    ("anything with The Office's awkwardness? cringey, shot like a fake documentary", [], []),
    ("a thriller, and no smartphones, so before 2000", ["Thriller"], []),
    ("mob family, therapy sessions, screaming matches over dinner", ["Crime"], []),
    ("ha, you'd make a decent dramaturg. thank you!", [], []),
    ("biopic, a musician, warts and all. not a musical", ["Drama"], ["Musical"]),
    ("give me an alien invasion movie, one of those 50s red scare ones", ["Sci-Fi"], []),
    # dread asks for horror, alone; not a Monday's, a life's or a western's
    ("The slow dread of a house that doesn't want you in it. No buckets of blood, just creaks and wrong shadows.", ["Horror"], []),
    ("Sunday night dread before work. Something comforting and gentle", [], []),
    ("other modern westerns with that dusty dread, 2000 and later", ["Western"], []),
    # a limit on how scary, said a sentence after the fright wished, refuses no horror
    ("i wanna be scared out of my skin. but im home alone so.. maybe not THAT scared", ["Horror"], []),
])
def test_films_described_in_session48(parser: MuseService, meanings: ConceptIndex, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=meanings, newest_year=parser.newest_year)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


def test_a_turn_that_picks_among_the_genres_offered_in_session48(parser: MuseService) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    def after(*turns: str) -> UserProfile:
        p = UserProfile()
        for turn in turns:
            p = apply_understanding(p, read(parser, turn))
        return p

    assert after("western or gangster flick, whichever", "gangster. 30s or 40s").liked_genres == ["Crime"]
    assert after("comedy or drama please", "the drama, 90s").liked_genres == ["Drama"]
    assert sorted(after("a comedy or a horror", "a funny horror then").liked_genres) == ["Comedy", "Horror"]
    assert after("sci fi, 80s, pls. no horror", "nvm on the sci fi, fantasy instead").liked_genres == ["Fantasy"]


@pytest.mark.parametrize("text", [
    # session 48: what the bot can do, and how many films it knows, asked on lines of their own
    "can you do tv shows too?",
    "how many movies do u know\njust curious",
])
def test_questions_about_the_bot_in_session48(parser: MuseService, text: str) -> None:
    assert read(parser, text).intent == "chitchat"


@pytest.mark.parametrize(("text", "mode"), [
    # session 48 (dev84): alternatives said without "or"
    ("fifties please. could be a backstage drama, could be a big all-singing all-dancing picture", "any"),
    ("a great music documentary would be ideal, though a concert-y musical works too", "any"),
    ("a horror comedy works too", "all"),
])
def test_alternatives_without_or_in_session48(parser: MuseService, text: str, mode: str) -> None:
    assert read(parser, text).genre_mode == mode


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # session 48 (the review's probes): a short reply to one film quoted judges it; a film ending a question or named after
    # "hello it's" is no signature; stars opening lines are bullets
    ("> Ronin (1998)\nnope, hated", [], [2278]),
    ("> Ronin (1998)\nseen, 8/10", [2278], []),
    ("Can you recommend something similar to my favourite? Inception", [79132], []),
    ("hello it's Frozen again, my daughter wants something like it", [106696], []),
    ("fav sci-fi:\n*Alien\n*Aliens", [1200, 1214], []),
])
def test_review_titles_in_session48(parser: MuseService, text: str, liked: list[int], disliked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids)) == (liked, disliked)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 48 (the review's probes): counts are no "too"; a life's dread and a pirate's name want no horror; a limit
    # on a genre complained of is a refusal; an itch scratched is a craving
    ("give me 2 scary for tonight and 1 funny for tomorrow", ["Comedy", "Horror"], []),
    ("I'm full of dread about my job interview tomorrow, something light", [], []),
    ("the dread before exams, something light", [], []),
    ("loved the Princess Bride, the Dread Pirate Roberts bit", ["Adventure"], []),
    ("last time you gave me a horror and it was way too much. nothing too scary this time", [], ["Horror"]),
    ("need a film to scratch my horror itch", ["Horror"], []),
])
def test_review_genres_in_session48(parser: MuseService, meanings: ConceptIndex, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=meanings, newest_year=parser.newest_year)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


def test_review_years_and_intents_in_session48(parser: MuseService) -> None:
    assert read(parser, "sci-fi please\n>2000 only").year_min == 2001
    assert read(parser, "could you recommend series like Lord of the Rings, big epic franchises").intent == "recommend"


@pytest.mark.parametrize(("text", "liked", "asked"), [
    # session 49: "did it" after a film in a sentence closed by a full stop says how the film did it, and asks nothing
    ("the plot should be a slow revenge. Old Boy did it so well. subtitles fine", [27773], []),
    ("Big Fish did it so well! something like that", [7147], []),
    # what these must leave alone: the question run on after the film
    ("my friend said i should watch jaws did it scare you?", [], [1387]),
    ("i watched jaws did it win an oscar", [], [1387]),
])
def test_how_a_film_did_it_in_session49(parser: MuseService, text: str, liked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.asked_ids)) == (liked, asked)


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # session 49: two films offered as the measure of the one asked about are only compared with it
    ("is Sicario closer to Traffic or to Zero Dark Thirty?", [], [], [139644]),
    ("is Dark City more Blade Runner or more Matrix? I hated The Matrix, so it matters", [], [2571], [1748]),
    ("is Heat more like Ronin or like Collateral?", [], [], [6]),
    # films said to be seen, with when, and nothing of them
    ("Watched Seven Samurai, Yojimbo and Rashomon this month. What other Japanese films from the 50s?", [], [], []),
    ("already watched Jurassic Park and The Lost World this weekend. want more dinosaurs", [], [], []),
    # what these must leave alone: one film as the measure keeps its verdict; seen and judged
    ("is memento like inception?", [79132], [], [4226]),
    ("watched Heat and Ronin last night. loved both", [6, 2278], [], []),
])
def test_measures_and_films_seen_in_session49(parser: MuseService, text: str, liked: list[int], disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


@pytest.mark.parametrize(("text", "liked", "asked"), [
    # session 49: a film as what another "is just", with a twist after it, is a pitch, not a verdict on it
    ("is Edge of Tomorrow basically Groundhog Day with aliens?", [], [111759]),
    ("Is Snowpiercer just The Matrix on a train? worth my time?", [], [107406]),
    ("Pacific Rim is just Transformers with worse dialogue", [103228], []),
    # what these must leave alone: "just" as praise of the film itself
    ("is Heat just better than Ronin?", [], [6, 2278]),
])
def test_a_film_that_is_just_another_in_session49(parser: MuseService, text: str, liked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.asked_ids)) == (liked, asked)


@pytest.mark.parametrize(("text", "intent"), [
    # session 49: a wish for one of the films a question chooses between still asks; questions about the bot's reach and memory
    ("which one's scarier, The Ring or The Grudge? my sister wants one for a sleepover, she's 15", "ask_item"),
    ("do you do tv shows too, or only films?", "chitchat"),
    ("do you keep track of what I've already watched? I hate getting repeats", "chitchat"),
    # what these must leave alone: one like a film is a request; one film asked about and a wish is a request
    ("is Heat or Ronin better? we want one like Heat from the 90s", "recommend"),
    ("is Alien scary? my son wants one for a sleepover", "recommend"),
])
def test_choices_and_questions_about_the_bot_in_session49(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


@pytest.mark.parametrize(("text", "role"), [
    # session 49: "it" and "that one" in a message naming no film point at the one film the message before asked about
    ("Could you suggest more like it from the 1940s?", "like"),
    ("oh we've actually seen that one, loved it. what else is like it?", "like"),
    ("hated it, something else", "dislike"),
    # what these must leave alone: a wish about it, a message with its own film, small talk
    ("would she like it?", None),
    ("I'd love it to be short", None),
    ("more like Heat please", None),
    ("thanks! something funny now", None),
])
def test_it_points_at_the_film_asked_before_in_session49(parser: MuseService, text: str, role: str | None) -> None:
    u = understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=parser.concepts,
                   newest_year=parser.newest_year, has_previous=True, asked_before=912)
    assert u.references == ([(912, role)] if role else [])
    assert understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, has_previous=True).references == []


def test_more_like_it_after_a_question_likes_the_film_asked_about(service: MuseService) -> None:
    assert service.chat("asker", "is Casablanca worth it for a first-timer?", "s").intent == "ask_item"
    then = service.chat("asker", "Thank you. Could you suggest more like it from the 1940s?", "s")
    assert 912 in then.profile.liked_items and then.intent in ("recommend", "refine")
    apart = service.chat("asker", "more like it please", "other")  # another conversation: nothing to point at
    assert apart.profile.liked_items == then.profile.liked_items


@pytest.mark.parametrize(("text", "new"), [
    # session 49: more ways to start a new search
    ("ok new topic. a fantasy film with dragons, not for kids", True),
    ("you know what, restart, I want Die Hard type stuff", True),
    ("thanks for those! next thing: something cosy for a rainy sunday", False),  # (may add to the search: "next thing: under 90 mins")
    # what these must leave alone
    ("I want to restart my film club with a comedy", False),
])
def test_new_searches_in_session49(parser: MuseService, text: str, new: bool) -> None:
    assert read(parser, text).new_search is new


@pytest.mark.parametrize(("text", "intent"), [
    # session 49: a verdict that goes on to rule the film out or ask for its like is part of a request
    ("crime drama set in new york, 70s or 80s || oh and I hated Taxi Driver so nothing like that one", "refine"),
    ("animated, but not a kids film || I adored Paprika, so ones along those lines", "refine"),
    ("something with submarines || I've seen and loved Das Boot, so not that one obviously", "refine"),
    ("a sci-fi movie please || ideally along the lines of RoboCop, the original, which I loved", "refine"),
    # what these must leave alone
    ("a comedy || I hated Taxi Driver, so not that bad really", "feedback"),
])
def test_verdicts_that_go_on_to_a_wish_in_session49(parser: MuseService, text: str, intent: str) -> None:
    *before, said = text.split(" || ")
    shown = bool(before)
    assert understand(said, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=parser.concepts,
                      newest_year=parser.newest_year, has_previous=shown).intent == intent


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 49: going back to a genre replaces the one tried since; the young viewer gone to bed takes Children along;
    # "let's bin that" and "wipe that" throw out what was asked
    ("ok I want a comedy tonight || a thriller instead || ugh sorry, go back to the comedy", ["Comedy"], []),
    ("just me tonight, a good thriller || my daughter's just sat down, she's 8, so something for her instead || she's gone up to bed. "
     "back to the thriller plan", ["Thriller"], []),
    ("something for the kids || the kids are asleep, so a horror now", ["Horror"], []),
    ("horror comedies please || Let's bin that. a long sweeping epic", [], []),
    ("romance set in paris, no horror || nope, wipe that. animated films for grown-ups", ["Animation"], ["Children"]),
    # what these must leave alone: an idiom; a child who fell asleep during the film is still watching with us
    ("a thriller || and a comedy please. back to the drawing board", ["Comedy", "Thriller"], []),
    ("a film for my son (8) || he loved it, fell asleep at the end", ["Children"], []),
])
def test_conversations_that_go_back_in_session49(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    profile = UserProfile()
    for said in text.split(" || "):
        profile = apply_understanding(profile, read(parser, said))
    assert (sorted(profile.liked_genres), sorted(profile.disliked_genres)) == (wanted, avoided)


def test_up_as_a_word_is_no_film_in_session49(parser: MuseService) -> None:
    assert read(parser, "her kid (4) is up now ugh, change of plan, something for little ones").disliked_ids == []
    assert read(parser, "i loved up and coco").liked_ids == [68954, 177765]


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 49: "touching" as the verb and "the comic" as the book name no genre
    ("Point Break 1991 forever, not touching the remake. more heist action from the 90s, no sci-fi", ["Action", "Crime"], ["Sci-Fi"]),
    ("Played every Resident Evil game, never touched the films. any good?", [], []),
    ("Watchmen: read the comic, loved it. any superhero films that actually get it?", [], []),
    # what these must leave alone
    ("nothing touching please, I want laughs", ["Comedy"], ["Drama"]),
    ("a comic film from the 80s", ["Comedy"], []),
])
def test_touching_and_the_comic_in_session49(parser: MuseService, meanings: ConceptIndex, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=meanings, newest_year=parser.newest_year)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "role"), [
    # session 49 (the review's probes): "it" in a general verdict, an idiom, filler, someone else's verdict, a wish
    ("ugh, I always hated it when films are in black and white. something in colour please", None),
    ("ok now that's more like it!", None),
    ("hmm ok. I want something funny, a comedy or something like that", None),
    ("everyone I know loved it but 3 hours is a lot. something shorter?", None),
    ("my dad hated it, he likes simple stuff. what would suit him?", None),
    ("I would've loved it as a teen but now idk, something less sappy?", None),
    ("just watched it, loved it. more like it?", "like"),
])
def test_review_it_points_back_in_session49(parser: MuseService, text: str, role: str | None) -> None:
    u = understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=parser.concepts,
                   newest_year=parser.newest_year, has_previous=True, asked_before=912)
    assert u.references == ([(912, role)] if role else [])


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 49 (the review's probes): "back to" that goes back to nothing asked, a child still watching, an itch scratched
    ("comedies please || and a horror, we'll watch them back to back", ["Comedy", "Horror"], []),
    ("a comedy please || going back to work tomorrow so keep it light, a romance maybe", ["Comedy", "Romance"], []),
    ("a film for my 7yo daughter, something animated || she's in bed by 8 so nothing over 90 minutes", ["Animation", "Children"], []),
    ("comedies from the 90s please || let's scratch that nostalgia itch, teen ones would be great", ["Comedy"], []),
])
def test_review_follow_ups_in_session49(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    profile = UserProfile()
    for said in text.split(" || "):
        profile = apply_understanding(profile, read(parser, said))
    assert (sorted(profile.liked_genres), sorted(profile.disliked_genres)) == (wanted, avoided)


def test_review_a_choice_with_a_wish_for_others_asks_for_films_in_session49(parser: MuseService) -> None:
    assert read(parser, "which is funnier, Airplane or Hot Shots? I need a good one for tonight, any other suggestions?").intent == "recommend"


def test_full_runs_in_session49(parser: MuseService) -> None:
    """What the corpus runs found the first version of today's rules reading worse, and an era dropped by name."""
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    assert read(parser, "is up a sad movie?").asked_ids == [68954]  # a question's "is" before *Up*
    assert 68954 in read(parser, "pixar tier list. S: up, inside out. A: ratatouille.").liked_ids
    assert read(parser, "Is Stalker of Tarkovsky boring for somebody who is not film student?").asked_ids == [1232]
    assert read(parser, "the Love Actually of Halloween: lots of stories, one small town, a bit creepy").liked_ids == [6942]
    assert read(parser, "The Shining book and film are two different beasts and I love both").liked_ids == [1258]
    assert read(parser, "Right, the little ones are asleep. Totally new request for the grown-ups: a proper thriller").new_search
    said = read(parser, "show me romantic comedies from two thousand and five to two thousand and ten no scratch that two thousand and twelve")
    assert (said.year_min, said.year_max) == (2005, 2012)  # "scratch that" corrects the year, it drops no era
    profile = apply_understanding(UserProfile(), read(parser, "a musical from the 50s"))
    assert (profile.year_min, profile.year_max) == (1950, 1959)
    for dropped in ("forget the 50s thing", "the little ones don't want anything old, so drop the 50s bit"):
        after = apply_understanding(profile, read(parser, dropped))
        assert (after.year_min, after.year_max, after.liked_genres[:1]) == (None, None, ["Musical"]), dropped


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 49: "sad" refused outright avoids Drama, as 105 of the corpus's 115 "nothing sad" / "no sad" / "not sad" are
    # labelled (over the dev splits 192 requests read better, 20 worse); a measure keeps it a matter of degree ("nothing too
    # sad": 34 of 40 avoid nothing), and so does the writer's own mood
    ("nothing romantic. nothing sad. 2015 onwards. go.", [], ["Drama", "Romance"]),
    ("no sad endings please", [], ["Drama"]),
    ("not sad, not scary", [], ["Drama", "Horror"]),
    # what these must leave alone
    ("a comedy, nothing too sad", ["Comedy"], []),
    ("nothing too heavy or sad, a family film", ["Children"], []),
    ("I'm not sad, just bored. something fun", [], []),
    ("a drama but nothing sad", ["Drama"], []),
    ("something sad", ["Drama"], []),
])
def test_sad_refused_in_session49(parser: MuseService, meanings: ConceptIndex, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=meanings, newest_year=parser.newest_year)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


def test_whole_decade_in_session50(parser: MuseService) -> None:
    """Session 50: "widen it to the whole decade" opens the standing range to the decades it lies in; a decade said in
    passing ("a whole decade of sitcoms") is no era."""
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    profile = apply_understanding(UserProfile(), read(parser, "thrillers from 1983 to 1986"))
    for widened in ("widen it to the whole decade", "ok open it up to the entire decade", "anything from that decade works"):
        after = apply_understanding(profile, read(parser, widened))
        assert (after.year_min, after.year_max, after.liked_genres) == (1980, 1989, ["Thriller"]), widened
    assert read(parser, "widen it to the whole decade").era_whole_decade
    said = read(parser, "I watched a whole decade of sitcoms, want a film now")
    assert (said.year_min, said.year_max) == (None, None)


@pytest.mark.parametrize(("text", "moods"), [
    ("nothing sad please", ["Drama"]),
    ("no sad endings, and no horror", ["Drama"]),  # Horror is refused by name
    ("nothing sad and no dramas", []),  # refused by name as well: outright
    ("no drama", []),
])
def test_sadness_refused_as_a_mood_in_session50(parser: MuseService, text: str, moods: list[str]) -> None:
    """Session 50: the genres refused only as a mood are marked, so the ranking can keep comedy-dramas for "nothing sad"."""
    assert read(parser, text).avoid_moods == moods


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # session 50: one thought per line: a line ending on a word no sentence ends on goes on in the next
    ("hated\nhated\nhated\nmoulin rouge\nall that screaming and singing", [], [4308], []),
    ("I really didn't like\nthe new ghostbusters\nthe 2016 one\nsomething funny please", [], [160080], []),
    # a starred correction on a line of its own (a star opening several lines is a bullet)
    ("Pulp fixation was amazing\n*fiction\nMore like that please", [296], [], []),
    ("The Princess Bribe was so good, anything like it?\n*Bride", [1197], [], []),
    ("Is The Deported worth watching?\n*Departed", [], [], [48516]),
    # the writer's verdict after someone else's, in the same sentence
    ("My boyfriend hated Mamma Mia, I loved it. Anything musical he might tolerate?", [60397], [], []),
    ("He liked Interstellar, I didn't. Any space film?", [], [109487], []),
    ("my sister loved Frozen, I thought it was dull", [], [106696], []),
    # pans said as a noun or with an intensifier
    ("The Notebook. Sentimental drivel. My wife made me watch it.", [], [8533], []),
    ("I must say I found the Lord of the Rings films terribly long and noisy. Is there a fantasy film that is more modest?",
     [], [4993, 5952, 7153], []),
    # a rhetorical "why" is the writer's verdict, not a question
    ("WHY DOES EVERYONE LOVE TITANIC?? IT'S SO LONG AND BORING", [], [1721], []),
    ("why is nobody talking about the iron giant, best animated movie ever", [2761], [], []),
    ("why is Titanic so long?", [], [], [1721]),
    # films offered, then the choice asked for in a sentence of its own
    ("GOODFELLAS OR CASINO. WHICH ONE. DECIDE FOR ME", [], [], [16, 1213]),
    ("Alien or Aliens. which first?", [], [], [1200, 1214]),
    # watched when, then a middling verdict: no role
    ("watched blade runner 2049 last night\nit was fine\nbit long\nwhat should I watch next", [], [], []),
    ("watched john wick on my break. not bad not great", [], [], []),
    ("Watched Heat last night. Hated it.", [], [6], []),
])
def test_roles_in_session50(parser: MuseService, text: str, liked: list[int], disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


@pytest.mark.parametrize(("text", "intent"), [
    # session 50: the bot's name is no word about films; how to use it, what it searches by, what it knows: small talk
    ("HAPPY FRIDAY MOVIE BOT!!! 🎉", "chitchat"),
    ("goodnight movie bot. u did good", "chitchat"),
    ("Good afternoon! I am new to this sort of thing. How does one use you, exactly?", "chitchat"),
    ("Hiya. Can you recommend by director, or only by genre?", "chitchat"),
    ("Do you actually know anything about films or are you just a list?", "chitchat"),
    ("um how do I save a movie to watch later on this", "chitchat"),
    ("hey movie bot, a comedy please", "recommend"),
    ("can you recommend by director: something like Nolan", "recommend"),
    # a rhetorical "why" with nothing asked for is an opinion; "what should I watch next" asks without a question mark
    ("WHY DOES EVERYONE LOVE TITANIC?? IT'S SO LONG AND BORING", "feedback"),
    ("why does everyone love Titanic? recommend me something better", "recommend"),
    ("watched Heat last night. what should I watch next", "recommend"),
])
def test_intents_in_session50(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent


def test_refusal_spelt_out_in_session50(parser: MuseService) -> None:
    said = read(parser, "NO. MORE. ROMANCE. I'M SO SICK OF IT. GIVE ME A WAR FILM")
    assert (said.genres, said.avoid_genres) == (["War"], ["Romance"])
    assert read(parser, "Is Heat good? No. Alien is better.").avoid_genres == []


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 50: a wish said without punctuation after refused content restarts the clause
    ("find me a western one of the old ones with john wayne from like the fifties not the funny ones he wants proper westerns",
     ["Western"], ["Comedy"]),
    ("he hates horror make it an action one instead", ["Action"], ["Horror"]),
    ("don't give me horror", [], ["Horror"]),
    # a refusal of a genre of a time or place, with the genre wished elsewhere, refuses that kind only
    ("Modern comedies are unwatchable. Something funny from the forties or fifties, if you must.", ["Comedy"], []),
    ("no modern horror please", [], ["Horror"]),
    # romance wished and romcoms refused: the comedy is refused
    ("Romantic but not soppy, and not older than 2000. No comedy, he hates romcoms.", ["Romance"], ["Comedy"]),
    ("a love story, but no rom-coms please", ["Romance"], ["Comedy"]),
    ("no romcoms", [], ["Romance"]),
    # "actualy" is "actually" typed, not "factual"; "move far" is no drama
    ("actualy make it 80s", [], []),
    ("modern films move far too quickly for me. a western", ["Western"], []),
    ("a documentry about whales", ["Documentary"], []),
    ("a spooky ghost story", ["Horror"], []),
])
def test_genres_in_session50(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("context", "text", "years"), [
    # session 50: an era said to look dated sets the range after it; a decade giving a style ("70s bands") is no era
    (["uh find me a sci fi movie from the nineties"], "actually no make it more recent than that my son says the nineties stuff looks cheesy",
     (2000, None)),
    ([], "the 80s stuff is great", (1980, 1989)),
    ([], "need docs abt music, pref 70s bands", (None, None)),
    ([], "a comedy from the 80s", (1980, 1989)),
    # a refusal's reach ends at a line break and at "more of"
    ([], "need a comedy\nbut not slapstick\nand not a romcom\nsomething clever\nfrom the last 5 years", (2014, 2018)),
    ([], "a scary movie but not a gory one more of a ghost story from the last ten years", (2009, 2018)),
    ([], "nothing from the last 5 years", (None, 2013)),
    # years said as an addition grow the range (the review: "fine too" is no permission to drop it)
    (["a comedy from the 80s"], "the 70s are fine too", (1970, 1989)),
    ([], "something from the 70s, the 80s would be fine too", (1970, 1989)),
    ([], "the 70s too", (1970, 1979)),
])
def test_years_in_session50(parser: MuseService, context: list[str], text: str, years: tuple[int | None, int | None]) -> None:
    from agent.profile import apply_understanding
    from agent.types import UserProfile

    profile = UserProfile()
    for said in [*context, text]:
        profile = apply_understanding(profile, read(parser, said))
    assert (profile.year_min, profile.year_max) == years


def test_it_points_at_a_film_named_without_a_verdict_in_session50(service: MuseService) -> None:
    """Session 50: "it" in a message naming no film points at the one film the message before named with no verdict."""
    first = service.chat("teller", "Watched Inception last night with my flatmate. it was ok I guess, bit long", "s")
    assert 79132 not in first.profile.liked_items
    then = service.chat("teller", "actually thinking about it more I really liked it? anything similar", "s")
    assert 79132 in then.profile.liked_items


@pytest.mark.parametrize(("context", "text", "liked", "disliked", "asked"), [
    # session 50, the review's probes: what today's rules must leave alone
    ([], "my top 3\nShakespeare in Love\nNotting Hill\nLove Actually", [2396, 2671, 6942], [], []),
    ([], "Addicted to Love\nYou've Got Mail\nsomething similar for date night", [1541, 2424], [], []),
    ([], "Watched Titanic last night. so good", [1721], [], []),
    ([], "My wife hated Alien, I loved Aliens", [1200], [1214], []),
    ([], "Schindler's List was painfully dark but essential viewing", [527], [], []),
    ([], "why does everyone love Fight Club so much? genuinely curious, is it worth watching?", [], [], [2959]),
    ([], "wtf is mulholland drive about", [], [], [4848]),
    (["I've never seen Heat"], "loved it, more like that", [], [], []),
    (["something more like Alien than Prometheus"], "hated it", [], [], []),
])
def test_review_readings_kept_in_session50(parser: MuseService, context: list[str], text: str, liked: list[int], disliked: list[int],
                                           asked: list[int]) -> None:
    from agent.understand import the_film_asked

    pointed = None
    for said in context:
        earlier = read(parser, said)
        pointed = the_film_asked(earlier.asked_ids, earlier.unjudged_ids)
    u = understand(text, known_genres=parser.known_genres, grounder=parser.s.grounder, concepts=parser.concepts,
                   newest_year=parser.newest_year, asked_before=pointed)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


@pytest.mark.parametrize(("text", "wanted", "avoided", "years", "intent"), [
    # session 50, the review's probes: an answer after a question is no refusal spelt out; restart words after carriers;
    # a decade praised as cheesy; a style decade before a film word; a refusal across a line break; statements of what to watch
    ("Horror? No. Comedy.", ["Comedy"], ["Horror"], (None, None), "recommend"),
    ("Romance? Never. Action.", ["Action"], ["Romance"], (None, None), "recommend"),
    ("never ever show me a musical", [], ["Musical"], (None, None), "recommend"),
    ("I hate it when you give me horror", [], ["Horror"], (None, None), "recommend"),
    ("the 80s movies are so cheesy, that's why I love them", [], [], (1980, 1989), "recommend"),
    ("80s punk films", [], [], (1980, 1989), "recommend"),
    ("Not interested in anything\nbefore 1980", [], [], (1980, None), "recommend"),
    ("thanks! now I know what to watch tonight", [], [], (None, None), "chitchat"),
    ("not sure what to watch tonight, something light", [], [], (None, None), "recommend"),
])
def test_review_slots_kept_in_session50(parser: MuseService, text: str, wanted: list[str], avoided: list[str],
                                        years: tuple[int | None, int | None], intent: str) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres), (u.year_min, u.year_max), u.intent) == (wanted, avoided, years, intent)


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # session 50, dev88/dev89: a series' "ones were fine" gives no role ("less so" stays a dislike, as three earlier
    # splits' writers label it; dev88's calls it lukewarm)
    ("Kurosawa. Seven Samurai I love, Rashomon less so. More samurai films", [2019], [5291], []),
    ("The Hobbit films were bloated garbage. The Lord of the Rings ones were fine. Something fantasy but short.",
     [], [98809, 106489, 118696], []),
    # a doubted year in brackets is no question; a question about the writer likes the film; "what is X about" asks
    ("Cinema Paradiso (1988?) made me weep. Something as nostalgic about the cinema itself.", [1172], [], []),
    ("is it weird that i liked the emoji movie lol 😂 everyone says its the worst", [175475], [], []),
    # "like everyone else" is no liking, and the verdict in the next sentence is the film's
    ("I suppose you'll recommend Avatar like everyone else. Hated it. Blue cats.", [], [72998], []),
    # in the verdict sentence, a clause about someone else is theirs
    ("Watched The Lobster on your suggestion. I thought it was genius, she thought it was awful.", [133771], [], []),
    ("Watched The Lobster on your suggestion. She loved it, I thought it was awful.", [], [133771], []),
    # films listed, then said to be seen, are only named when the message goes on
    ("Something French New Wave. Breathless, The 400 Blows... seen those. What else from the sixties?", [], [], []),
    # sayings in lower case whose capitalised form is a film
    ("horror. old school, 70s or 80s. no comedy horror crap", [], [], []),
    ("no horror\nno war\nno westerns\nanything else is fine", [], [], []),
    ("I loved Old School, more like it", [6188], [], []),
    # a word of the language is no slip of a longer title
    ("is up ok 4 a 5yo? heard the start is sad", [], [], [68954]),
])
def test_more_roles_in_session50(parser: MuseService, text: str, liked: list[int], disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


@pytest.mark.parametrize(("text", "wanted", "avoided", "titles"), [
    # session 50: a given name told to do something is a child addressed, not a film ("Tommy", "Emma")
    ("okay can you find a movie for my kids they're six and nine no Tommy put that down sorry something animated please nothing scary",
     ["Animation", "Children"], ["Horror"], []),
    ("a thriller maybe Emma go brush your teeth a thriller from the last five years", ["Thriller"], [], []),
    ("loved Emma, more Austen please", [], [], [838]),
    # "please nothing ..." refuses what follows, not the genre before it
    ("something animated please nothing scary", ["Animation"], ["Horror"], []),
    ("romance please not", [], ["Romance"], []),
])
def test_addressed_and_please_in_session50(parser: MuseService, text: str, wanted: list[str], avoided: list[str], titles: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres), sorted(u.liked_ids + u.disliked_ids + u.asked_ids)) == (wanted, avoided, titles)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 50: "doesn't have to be animated" neither wishes nor refuses; "X is too much (tonight)" refuses X
    ("Toy Story 3 wrecked me, in a good way. More like that, doesn't have to be animated", [], []),
    ("a western, crime is too much tonight", ["Western"], ["Crime"]),
    ("horror is too much", [], ["Horror"]),
    ("something scary, but not too much", ["Horror"], []),
    ("a comedy with romance but not too much", ["Comedy", "Romance"], []),
])
def test_permissions_and_excess_in_session50(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "wanted", "avoided", "titles"), [
    # session 50, the full runs over dev-dev89: readings the first version of today's rules made worse, kept
    ("musicle like greese or hairsprey (the new 1 w travolta), nuthin animayted", ["Musical"], ["Animation"], [1380, 2926]),
    ("have you got any west urns from the sixties with not much row mance in them", ["Western"], ["Romance"], []),
    ("can you recommend a comedy made between two thousand and two thousand nine like old school or step brothers",
     ["Comedy"], [], [6188, 60756]),
    ("Want more puzzle-box films from the 2010s, nothing that'll give me the creeps", ["Mystery"], ["Horror"], []),
    ("My wife loved Mamma Mia, and I'll watch anything with music if it's not too cheesy", [], [], [60397]),
    ("Date night. She's terrified of anything spooky, I find romcoms unbearable. A thriller, maybe from the 90s?",
     ["Thriller"], ["Comedy", "Horror", "Romance"], []),
    ("I watched The Shawshank Redemption last night. what a film. anything with that feeling, prison films maybe", [], [], [318]),
    ("Finally watched Oldboy, the original Korean one. What the hell. 10/10.", [], [], [27773]),
    ("My son (11) says he's too old for kids' films now. Something adventurous from the 80s, not babyish", ["Adventure"], ["Children"], []),
    ("like l.a. confidential or usual suspects", [], [], [50, 1617]),
])
def test_full_runs_in_session50(parser: MuseService, text: str, wanted: list[str], avoided: list[str], titles: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres), sorted(u.liked_ids + u.disliked_ids + u.asked_ids)) == (wanted, avoided, titles)


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 50: "a little kid one" is a film for little kids, not a child aged one ("he's one" still is); refused, it
    # refuses Children
    ("dragons, but not a little kid one", ["Fantasy"], ["Children"]),
    ("something with dinosaurs, a kid one please", ["Children"], []),
    ("a film for my son, he's one", ["Children"], []),
    ("my daughter is one, something calm", ["Children"], []),
])
def test_kid_one_in_session50(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "intent", "asked"), [
    # session 51: a first line or sentence of openers only ("question", "hey.") leaves the question after it opening the message
    ("question\nis the shining too scary", "ask_item", [1258]),
    ("hey. is the shining too scary", "ask_item", [1258]),
    ("random question, is jaws too scary for a 7 year old", "ask_item", [1387]),
    ("quick q: was heat any good", "ask_item", [6]),
    ("hey! loved heat. is there anything like it", "recommend", []),
])
def test_openers_before_a_question_in_session51(parser: MuseService, text: str, intent: str, asked: list[int]) -> None:
    u = read(parser, text)
    assert (u.intent, sorted(u.asked_ids)) == (intent, asked)


@pytest.mark.parametrize(("text", "liked", "disliked", "asked"), [
    # session 51: a remade film's year right after "from", in digits or words, picks its version
    ("The Fly from 86 was gross", [], [2455], []),
    ("is the fly from eighty six too gross", [], [], [2455]),
    ("loved the fly from 1986, more body horror please", [2455], [], []),
    ("is the fly any good", [], [], []),  # no year: the versions stay a choice
])
def test_a_version_from_its_year_in_session51(parser: MuseService, text: str, liked: list[int], disliked: list[int], asked: list[int]) -> None:
    u = read(parser, text)
    assert (sorted(u.liked_ids), sorted(u.disliked_ids), sorted(u.asked_ids)) == (liked, disliked, asked)


def test_a_year_said_any_way_in_session51() -> None:
    from agent.understand.numbers import year_said

    assert [year_said(w) for w in ("1986", "'86", "86", "eighty six", "nineteen eighty-six", "oh five")] == [1986, 86, 86, 86, 1986, 5]


@pytest.mark.parametrize(("text", "years"), [
    # session 51: one year after a maker's possessive, or in "the <name> one from", dates a film and is no era
    ("kubrick's 1968 odyssey set the bar: slow, cerebral science fiction from before 1980", (None, 1979)),
    ("nolan's 2010 dream-heist film is more puzzle box than cinema", (None, None)),
    ("tarkovsky's 1972 reply to kubrick and his 1979 zone film. slow sci-fi drama", (None, None)),
    ("it's the pacino one from 1983 right? worth a watch?", (None, None)),
    ("king of new york too, that's 1990 but close enough", (1990, 1990)),  # "that's" is no maker
    ("spielberg's 1993 films please", (1993, 1993)),  # a kind after the year: that year's films
])
def test_a_year_that_dates_a_film_in_session51(parser: MuseService, text: str, years: tuple[int | None, int | None]) -> None:
    u = read(parser, text)
    assert (u.year_min, u.year_max) == years


@pytest.mark.parametrize(("text", "wanted", "avoided"), [
    # session 51: "won't let me watch", "not allowed to watch" refuse; a label's list that says its own refusals ends with
    # its sentence
    ("my parents wont let me watch anything R rated or horror. i want something action-y", ["Action"], ["Horror"]),
    ("i'm not allowed to watch horror, something funny", ["Comedy"], ["Horror"]),
    ("two vetoes tonight: no subtitles. adventure film", ["Adventure"], []),
    ("Hard no: horror, no musicals. westerns too", [], ["Horror", "Musical", "Western"]),
    ("dealbreakers: horror. musicals.", [], ["Horror", "Musical"]),
    # ...and someone "a nightmare" (to please, today) is no wish for horror
    ("sorry for being so picky, I know I'm a nightmare to recommend for", [], []),
    ("my kids have been a nightmare today, a comedy please", ["Comedy"], []),
    # "a break from" refuses what follows
    ("need a little break from horror, a comedy", ["Comedy"], ["Horror"]),
    ("I need a break from heavy stuff. a light comedy", ["Comedy"], []),
])
def test_refusals_in_session51(parser: MuseService, text: str, wanted: list[str], avoided: list[str]) -> None:
    u = read(parser, text)
    assert (sorted(u.genres), sorted(u.avoid_genres)) == (wanted, avoided)


@pytest.mark.parametrize(("text", "intent"), [
    # session 51: greetings people open with ("evening!", "morning all", "hiya") and an apology for one's English are small
    # talk, so what follows them is no refinement
    ("evening!", "chitchat"),
    ("evening, quiz captain here", "chitchat"),
    ("sorry for my english, it is not perfect", "chitchat"),
    ("evening, a comedy please", "recommend"),
    ("sorry for my english, i want a comedy", "recommend"),
])
def test_greetings_in_session51(parser: MuseService, text: str, intent: str) -> None:
    assert read(parser, text).intent == intent
