"""Genre, era and refusal words of other languages that people mix into English ("quiero una de
miedo, nada antes de 2010", "un polar des années 70", "ein Krimi, bitte keine Komödie", "kuch funny
sa, 2000 se pehle ka"): Spanish, French, German, Italian, Portuguese, Hindi/Hinglish and a few Tagalog words ("kilig").

Kept apart from the English lexicon: these words are not genre prototypes for the embedder and no
English misspelling is ever corrected into one of them.
"""

from __future__ import annotations

import re

from agent.understand.lexicon import _expand

#: Genre words (matched whole-word, longest first, like the English lexicon).
OTHER_LANGUAGES = _expand({
    ("comedia", "comedias", "de risa", "para reír", "para reir", "comédie", "comedie", "comédies", "pour rire", "komödie",
     "komödien", "komoedie", "zum lachen", "was zum lachen", "commedia", "commedie", "da ridere", "comédia", "comédias",
     "para rir", "komediya", "komedi", "hasya", "nakakatawa"): "Comedy",
    ("terror film", "terror films", "terror movie", "terror movies", "terror-genre", "terror genre",  # "filme de terror" said in English
     "de miedo", "película de terror", "pelicula de terror", "peli de terror", "de terror", "horreur", "film d'horreur",
     "films d'horreur", "qui fait peur", "gruselig", "gruselfilm", "grusel", "horrorfilm", "dell'orrore", "da paura",
     "filme de terror", "korku", "bhoot", "bhootiya", "darawni", "darawna", "nakakatakot"): "Horror",
    ("suspenso", "de suspenso", "spannend", "spannung", "suspense wala"): "Thriller",
    ("policíaco", "policiaco", "policíaca", "policiaca", "un polar", "des polars", "bon polar", "le polar", "policier", "krimi", "krimis", "poliziesco",
     "poliziottesco", "policial", "de gángsters", "de gangsters", "gangster wala"): "Crime",
    ("romántica", "romántico", "romanticas", "románticas", "de amor", "romantique", "film d'amour", "liebesfilm",
     "liebesfilme", "liebesgeschichte", "romantisch", "romantico", "romantica", "romântica", "romântico", "pyaar",
     "ishq", "love wala", "pyaar wala", "kilig"): "Romance",
    ("comedia romántica", "comedia romantica", "comédie romantique", "commedia romantica", "comédia romântica",
     "romantische komödie", "romcom wala"): "Romance+Comedy",
    ("ciencia ficción", "ciencia ficcion", "ciencia-ficción", "fantascienza", "ficção científica", "ficcao cientifica",
     "science-fiction", "film de sf", "de sf"): "Sci-Fi",
    ("drame", "drames", "dramma", "para llorar", "pour pleurer", "zum weinen", "da piangere", "para chorar", "rona dhona",
     "rulane wala", "dramático", "dramatique", "nakakaiyak", "iyakan"): "Drama",
    ("dibujos animados", "dibujos", "animación", "animacion", "dessin animé", "dessins animés", "dessin anime",
     "dessins animes", "zeichentrick", "zeichentrickfilm", "trickfilm", "cartoni animati", "cartoni", "desenho animado",
     "desenhos animados", "animação", "animacao", "multik", "multiki", "multfilm"): "Animation",
    ("para niños", "para ninos", "infantil", "infantiles", "pour enfants", "pour les enfants", "kinderfilm", "für kinder",
     "fur kinder", "per bambini", "para crianças", "para criancas", "bachchon ke liye", "bachon ke liye", "bacchon ke liye"): "Children",
    ("aventura", "aventuras", "de aventuras", "aventure", "aventures", "d'aventure", "abenteuer", "abenteuerfilm",
     "avventura", "d'avventura"): "Adventure",
    ("fantasía", "fantastique", "märchen", "maerchen", "fantastico"): "Fantasy",
    ("de guerra", "película de guerra", "pelicula de guerra", "film de guerre", "guerre", "kriegsfilm", "krieg",
     "film di guerra", "filme de guerra", "jung wali", "yudh"): "War",
    ("de vaqueros", "vaqueros", "peli del oeste", "película del oeste", "del oeste"): "Western",
    ("comédie musicale", "comedie musicale", "musicales", "gaane wali", "gaano wali"): "Musical",
    ("documental", "documentales", "documentaire", "documentaires", "doku", "dokumentarfilm", "dokumentation",
     "documentario", "documentário", "documentarios"): "Documentary",
    ("misterio", "de misterio", "mystère", "mystere", "mistero", "mistério"): "Mystery",
})

#: Refusals in those languages ("sin romance", "pas de guerre", "bitte keine Komödie", "horror wala nahi").
NEGATORS = (r"sin|sans|pas de|pas trop de|ohne|kein|keine|keinen|nix mit|nichts|senza|niente|nada de|sem|nahi|nahin|"
            r"mat|bez|bilkul nahi|nada|no quiero|je ne veux pas")

#: Other languages' decades and year bounds, and their English words, rewritten in this order: "años 80", "des
#: années 70", "aus den 80ern" -> "the 80s"; "antes de 2010", "avant 1990", "vor 1975" -> "before"; "después de",
#: "après", "nach", "dopo il" -> "after"; the postpositions "2000 se pehle" (Hindi), "2000 öncesi" (Turkish) and
#: "2010 ke baad"; learners' "30-ties" and "the years 70" -> "30s", "the 70s"; then "nada antes de 2010", "nichts nach
#: 1975" -> "nothing before / after".
_REWRITES = tuple((re.compile(pattern, re.IGNORECASE), english) for pattern, english in (
    (r"\b(?:(?:los|les|des|dos|das|degli|dei|der|the)\s+)?(?:años|anos|années|annees|anni|jahre|jahren|décadas?)\s+'?(?P<a>\d0)\b"
     r"|\b(?:(?:den|die)\s+)?(?P<b>\d0)ern?(?:\s*jahren?)?\b", r"the \g<a>\g<b>s"),
    (r"\b(?P<c>[1-9]0)[\s\-]?ties\b", r"\g<c>s"),  # learners' "30-ties or 40-ties"
    # "not of the years 70", "the years 90 till 2000" (not "the years 60 or 70": the era reader takes the pair as it is)
    (r"\byears\s+'?(?P<c>[1-9]0)\b(?!\s*(?:old|years?|yrs|minutes|mins|%)|\s*(?:,|or|and|-|to)\s*'?\d0\b)", r"\g<c>s"),
    (r"\b(?:antes de(?:l)?|avant|vor|prima del?|antes do)\s+(?=\d{4}\b)", "before "),
    (r"\b(?:después de(?:l)?|despues de(?:l)?|après|apres|nach|dopo il|dopo|depois de)\s+(?=\d{4}\b)", "after "),
    (r"\b(?P<y>\d{4})\s+(?:se pehle|say pehle|öncesi|oncesi)\b", r"before \g<y>"),
    (r"\b(?P<y>\d{4})\s+(?:ke baad|k baad|sonrası|sonrasi)\b", r"after \g<y>"),
    (r"\b(?:nada|nichts|rien|niente|kuch bhi nahi)\s+(?=(?:before|after)\b)", "nothing "),
))


def to_english(text: str) -> str:
    """`text` with other languages' decades and year bounds in English words ("años 80" -> "the 80s",
    "2000 se pehle" -> "before 2000"), so the era reader sees them."""
    for pattern, english in _REWRITES:
        text = pattern.sub(english, text)
    return text
