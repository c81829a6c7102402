"""Deterministic, catalog-grounded understanding of one chat message.

Small LLMs cannot extract a profile reliably, so this parser is the first and always-available
path: intent, titles (grounded through the retriever's `TitleGrounder`), genres and their
negations (the catalog's own vocabulary plus everyday words), eras and relative shifts ("older"),
references to shown items ("#2", "the second one"), and mood keywords. A capable LLM's extraction
is merged on top by `agent.extract`, never instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from agent.types import Intent

MAX_MESSAGE_CHARS = 2000

# Everyday words -> catalog genres (only genres the catalog has are used).
GENRE_WORDS: dict[str, tuple[str, ...]] = {
    "romantic": ("Romance",), "romance": ("Romance",), "romances": ("Romance",), "love story": ("Romance",),
    "love stories": ("Romance",), "romcom": ("Romance", "Comedy"), "rom-com": ("Romance", "Comedy"),
    "horror": ("Horror",), "scary": ("Horror",), "slasher": ("Horror",), "frightening": ("Horror",),
    "sci-fi": ("Sci-Fi",), "sci fi": ("Sci-Fi",), "scifi": ("Sci-Fi",), "science fiction": ("Sci-Fi",),
    "comedy": ("Comedy",), "comedies": ("Comedy",), "funny": ("Comedy",), "hilarious": ("Comedy",),
    "animated": ("Animation",), "animation": ("Animation",), "cartoon": ("Animation",), "cartoons": ("Animation",),
    "anime": ("Animation",), "kids": ("Children",), "children": ("Children",), "family": ("Children",),
    "action": ("Action",), "thriller": ("Thriller",), "thrillers": ("Thriller",), "suspense": ("Thriller",),
    "suspenseful": ("Thriller",), "drama": ("Drama",), "dramas": ("Drama",), "dramatic": ("Drama",),
    "war": ("War",), "western": ("Western",), "westerns": ("Western",), "cowboy": ("Western",),
    "musical": ("Musical",), "musicals": ("Musical",), "documentary": ("Documentary",),
    "documentaries": ("Documentary",), "mystery": ("Mystery",), "mysteries": ("Mystery",),
    "whodunit": ("Mystery",), "crime": ("Crime",), "gangster": ("Crime",), "heist": ("Crime",),
    "mafia": ("Crime",), "fantasy": ("Fantasy",), "adventure": ("Adventure",), "adventures": ("Adventure",),
    "noir": ("Film-Noir",), "film noir": ("Film-Noir",), "film-noir": ("Film-Noir",), "imax": ("IMAX",),
}
NEGATORS = r"(?:no|not|nothing|without|avoid|except|skip|none|never|hate|hated|dislike|don'?t want|do not want|no more|not into|not a fan of|anything but)"
UNAVOID = re.compile(
    r"(?:(?P<g1>[\w\- ]{3,25}?)\s+(?:is|are|would be|'s)\s+(?:fine|ok|okay|alright|good|great|welcome)(?:\s+now|\s+after all|\s+too)?)"
    r"|(?:(?:fine|ok|okay|happy)\s+with\s+(?P<g2>[\w\- ]{3,25}))|(?:(?:don'?t|do not)\s+mind\s+(?P<g3>[\w\- ]{3,25}))",
    re.IGNORECASE,
)
DECADE = re.compile(r"\b(?:(?:the\s+)?(?P<century>19|20)?(?P<decade>[0-9]0)'?s)\b", re.IGNORECASE)
YEAR_BOUND = re.compile(r"\b(?P<op>before|after|since|until|from|in|pre|post)[\s-]+(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)
BETWEEN = re.compile(r"\bbetween\s+((?:19|20)\d{2})\s+and\s+((?:19|20)\d{2})\b", re.IGNORECASE)
OLDER = re.compile(r"\b(older|earlier|classic|classics|vintage|old-school|old school)\b", re.IGNORECASE)
NEWER = re.compile(r"\b(newer|more recent|recent|modern|new releases?|latest)\b", re.IGNORECASE)
REFERENCE = re.compile(r"(?:#\s?(?P<num>[1-9])\b|\b(?:the\s+)?(?P<ord>first|second|third|fourth|fifth|last)\s+(?:one|pick|movie|film|item|suggestion))", re.IGNORECASE)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
NEGATIVE_CUE = re.compile(r"\b(hate[ds]?|hated|dislike[ds]?|didn'?t like|did not like|don'?t like|not a fan of|boring|awful|terrible|couldn'?t stand|not|no more|never again)\b", re.IGNORECASE)
POSITIVE_CUE = re.compile(r"\b(love[ds]?|loved|like[ds]?|liked|enjoy(?:ed|s)?|adore[ds]?|fan of|favou?rite|great|amazing|more like|similar to|such as)\b", re.IGNORECASE)
ASK_ITEM = re.compile(r"\b(what(?:'s| is)\s+.+\s+about|tell me (?:more )?about|who (?:is|was) in|is\s+.+\s+(?:any good|worth))\b", re.IGNORECASE)
CHITCHAT = re.compile(r"^\s*(hi|hello|hey|yo|thanks|thank you|thx|good (?:morning|evening|night)|how are you|bye|goodbye|ok|okay|cool|great)\b[\s!.?]*$", re.IGNORECASE)
REFINE = re.compile(r"\b(instead|another|other|different|else|more|less|but|again|also|actually)\b", re.IGNORECASE)
INJECTION = re.compile(
    r"(ignore (?:all |any |your |the |previous |prior )*(?:instructions|rules|prompts?)|system prompt|developer message|"
    r"you are now|act as|jailbreak|reveal (?:your|the) (?:prompt|instructions)|print (?:your|the) (?:prompt|instructions))",
    re.IGNORECASE,
)
STOPWORDS = set(
    """a an the and or but i me my we you your it its this that these those is are was were be been am do did does
    to of in on at for with from by about as into like love loved liked likes enjoy enjoyed want wanted something
    anything nothing some any movie movies film films show shows watch watched seen please recommend recommendation
    recommendations suggest give get me more less really very so just maybe kind sort also too what which who how
    can could would should will shall tonight today now then than not no nothing without avoid from era years year
    s one ones pick picks thing things lot lots bit good great best mood feel feeling looking look find need have
    has had got fan fans hate hated dislike okay ok fine actually instead another other different else again older
    newer recent classic modern decade decades around between before after since until through else print reveal show tell say write""".split()
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
    sentiment: Literal["like", "dislike", "ask"]
    alternatives: list[tuple[int, str]] = field(default_factory=list)
    start: int | None = None
    end: int | None = None


@dataclass
class Understanding:
    """Everything the deterministic parser read in one message."""

    intent: Intent
    text: str
    titles: list[TitleMention] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    avoid_genres: list[str] = field(default_factory=list)
    unavoid_genres: list[str] = field(default_factory=list)
    year_min: int | None = None
    year_max: int | None = None
    era_shift: Literal["older", "newer"] | None = None
    references: list[tuple[int, Literal["like", "dislike", "neutral"]]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    injection: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def liked_ids(self) -> list[int]:
        return [t.item_id for t in self.titles if t.status == "matched" and t.sentiment == "like" and t.item_id is not None]

    @property
    def disliked_ids(self) -> list[int]:
        return [t.item_id for t in self.titles if t.status == "matched" and t.sentiment == "dislike" and t.item_id is not None]

    @property
    def asked_ids(self) -> list[int]:
        """Items the person asked about: neither liked nor disliked."""
        return [t.item_id for t in self.titles if t.status == "matched" and t.sentiment == "ask" and t.item_id is not None]

    @property
    def unresolved(self) -> list[TitleMention]:
        return [t for t in self.titles if t.status != "matched"]


def clean_message(text: str) -> tuple[str, list[str]]:
    """Strip control characters, collapse spaces, cap the length; notes say what was changed."""
    notes: list[str] = []
    cleaned = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text or "")
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > MAX_MESSAGE_CHARS:
        notes.append(f"message cut from {len(cleaned)} to {MAX_MESSAGE_CHARS} characters")
        cleaned = cleaned[:MAX_MESSAGE_CHARS]
    return cleaned, notes


def _genre_spans(text: str, known: set[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, genres) of every genre word, longest phrases first, non-overlapping."""
    spans: list[tuple[int, int, tuple[str, ...]]] = []
    lowered = text.lower()
    vocabulary = {**GENRE_WORDS, **{g.lower(): (g,) for g in known}}
    for phrase in sorted(vocabulary, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", lowered):
            if any(s < match.end() and match.start() < e for s, e, _ in spans):
                continue
            genres = tuple(g for g in vocabulary[phrase] if g in known)
            if genres:
                spans.append((match.start(), match.end(), genres))
    return sorted(spans)


def _clause_before(text: str, start: int) -> str:
    """The words of the same clause before `start` (a comma, 'and', 'but' or full stop ends a clause)."""
    head = text[:start]
    cut = max(head.rfind(","), head.rfind("."), head.rfind(";"), head.rfind("!"), head.rfind("?"),
              head.lower().rfind(" but "), head.lower().rfind(" and "))
    return head[cut + 1:] if cut >= 0 else head


def read_genres(text: str, known: set[str]) -> tuple[list[str], list[str], list[str]]:
    """(wanted, avoided, no-longer-avoided) genres."""
    wanted: list[str] = []
    avoided: list[str] = []
    unavoided: list[str] = []
    unavoid_spans = []
    for match in UNAVOID.finditer(text):
        phrase = next(g for g in match.groups() if g)
        found = [g for _, _, gs in _genre_spans(phrase, known) for g in gs]
        if found:
            unavoided.extend(found)
            unavoid_spans.append((match.start(), match.end()))
    for start, end, genres in _genre_spans(text, known):
        if any(s <= start < e for s, e in unavoid_spans):
            continue
        clause = _clause_before(text, start)
        target = avoided if re.search(rf"\b{NEGATORS}\b", clause, re.IGNORECASE) else wanted
        target.extend(genres)
    unique = lambda xs: list(dict.fromkeys(xs))  # noqa: E731
    avoided = unique(avoided)
    return [g for g in unique(wanted) if g not in avoided], avoided, unique(unavoided)


def read_years(text: str) -> tuple[int | None, int | None, Literal["older", "newer"] | None]:
    """Explicit year bounds (decades, before/after, between) and a relative shift."""
    lows: list[int] = []
    highs: list[int] = []
    for match in DECADE.finditer(text):
        decade = int(match["decade"])
        century = int(match["century"]) * 100 if match["century"] else (2000 if decade <= 20 else 1900)
        lows.append(century + decade)
        highs.append(century + decade + 9)
    year_min = min(lows) if lows else None
    year_max = max(highs) if highs else None
    if between := BETWEEN.search(text):
        a, b = sorted((int(between.group(1)), int(between.group(2))))
        year_min, year_max = a, b
    for match in YEAR_BOUND.finditer(text):
        year, op = int(match["year"]), match["op"].lower()
        if op in ("before", "until", "pre"):
            year_max = year - 1 if op != "until" else year
        elif op in ("after", "post"):
            year_min = year + 1
        elif op == "since" or (op == "from" and not lows):
            year_min = year
        elif op == "in":
            year_min = year_max = year
    shift = "older" if OLDER.search(text) else "newer" if NEWER.search(text) else None
    return year_min, year_max, shift


def read_references(text: str, shown: Sequence[int]) -> list[tuple[int, Literal["like", "dislike", "neutral"]]]:
    """Items the message points at among those shown last turn ("#2", "the first one")."""
    refs: list[tuple[int, Literal["like", "dislike", "neutral"]]] = []
    for match in REFERENCE.finditer(text):
        index = int(match["num"]) if match["num"] else ORDINALS[match["ord"].lower()]
        position = len(shown) - 1 if index == -1 else index - 1
        if 0 <= position < len(shown):
            clause = _clause_before(text, match.start()) + text[match.start():match.end()]
            sentiment = "dislike" if NEGATIVE_CUE.search(clause) else "like" if POSITIVE_CUE.search(clause) else "neutral"
            refs.append((shown[position], sentiment))
    return refs


def title_sentiment(text: str, start: int | None) -> Literal["like", "dislike"]:
    """A title mention is liked unless a negative cue stands in its clause before it."""
    if start is None:
        return "like"
    return "dislike" if NEGATIVE_CUE.search(_clause_before(text, start)) else "like"


def read_keywords(text: str, spans: Sequence[tuple[int, int]], limit: int = 8) -> list[str]:
    """Content words that are not titles, genres or era words: moods and themes ("dark", "heist")."""
    masked = list(text)
    for start, end in spans:
        masked[start:end] = " " * (end - start)
    words = re.findall(r"[a-zA-Z][a-zA-Z\-']{2,}", "".join(masked).lower())
    genre_words = {w for phrase in GENRE_WORDS for w in phrase.split()}
    keep = [w for w in words if w not in STOPWORDS and w not in genre_words and not DECADE.fullmatch(w)]
    return list(dict.fromkeys(keep))[:limit]


TITLE_AFTER_CUE = re.compile(
    r"\b(?:loved|love|liked|like|enjoyed|adored|hated|disliked|similar to|such as|fan of|watched|seen)\s+"
    r"(?P<title>(?:the\s+)?[A-Z0-9][\w'’:\-]*(?:\s+(?:of|the|and|a|in|on|to|[A-Z0-9][\w'’:\-]*))*)"
)
QUOTED = re.compile(r"[\"“]([^\"“”\n]{2,120})[\"”]")


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
        if mention.lower() in STOPWORDS or mention.lower().split()[0] in ("i", "it", "this", "that"):
            continue
        found.append(TitleMention(mention, "unknown", None, None, title_sentiment(text, start), start=start, end=start + len(mention)))
    return found


def read_intent(text: str, u: Understanding, has_previous: bool) -> Intent:
    if not text or (CHITCHAT.match(text) and not u.titles and not u.genres and not u.avoid_genres):
        return "chitchat"
    if ASK_ITEM.search(text) and u.titles:
        return "ask_item"
    if u.references and all(s != "neutral" for _, s in u.references) and not (u.genres or u.avoid_genres or u.era_shift or u.year_min or u.year_max):
        return "feedback"
    if has_previous and (u.references or u.era_shift or u.unavoid_genres or REFINE.search(text)):
        return "refine"
    return "recommend"


def understand(text: str, *, known_genres: Sequence[str], grounder: Grounder | None,
               shown: Sequence[int] = (), has_previous: bool = False) -> Understanding:
    """Parse one message. Never raises on odd text: the worst case is an empty understanding."""
    cleaned, notes = clean_message(text)
    u = Understanding(intent="chitchat", text=cleaned, notes=notes)
    if not cleaned:
        return u
    u.injection = bool(INJECTION.search(cleaned))
    scan = INJECTION.sub(" ", cleaned) if u.injection else cleaned
    known = set(known_genres)
    u.genres, u.avoid_genres, u.unavoid_genres = read_genres(scan, known)
    u.year_min, u.year_max, u.era_shift = read_years(scan)
    u.references = read_references(scan, shown)
    spans: list[tuple[int, int]] = []
    if grounder is not None:
        for g in grounder.find_mentions(scan):
            if g.status == "unknown":
                continue
            u.titles.append(TitleMention(
                mention=g.mention, status=g.status, item_id=g.item_id, title=g.title,
                sentiment=title_sentiment(scan, g.start),
                alternatives=[(a.item_id, a.title) for a in g.alternatives][:5], start=g.start, end=g.end,
            ))
            if g.start is not None and g.end is not None:
                spans.append((g.start, g.end))
    u.titles += unknown_titles(scan, spans)
    spans += [(t.start, t.end) for t in u.titles if t.status == "unknown" and t.start is not None and t.end is not None]
    spans += [(s, e) for s, e, _ in _genre_spans(scan, known)]
    u.keywords = read_keywords(scan, spans)
    u.intent = read_intent(scan, u, has_previous)
    if u.intent == "ask_item":  # "what is Alien about?" says nothing about liking Alien
        for t in u.titles:
            t.sentiment = "ask"
    return u
