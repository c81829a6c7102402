"""What messaging apps do to a message before the parser reads it.

- **Quoted lines.** Apps quote the bot's earlier reply with a leading ">" ("> Heat (1995)\\nseen it, loved it"). The quoted
  lines are the bot's words, not the person's: their films take no role of their own. A pointer in the reply ("it",
  "that one", "these", "both") stands for the films quoted, so it is written out as their titles
  ("seen Heat (1995), loved it"), and the parser judges them by the reply's words. A quoted film named again by its own
  words is that film ("heat yes!!!"); a short reply with no pointer is about the one film quoted ("seen, 8/10"); and the
  films quoted are what "the first one" points at (`Reply.quoted`).
- **Spoken punctuation.** Dictation apps may write the marks said aloud as words ("worth watching comma or is it way too
  long question mark"): they are put back as marks.
- **Starred corrections.** A word sent again after a star corrects the word it is closest to ("The Deported *Departed",
  "Is Amelia in French? ... *Amélie").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

#: A line quoted from the bot's reply: one or more ">" at its start (not "after" before a year: ">2000 only", "> 2010").
_QUOTED = re.compile(r"^\s*>+\s?(?!\s*(?:19|20)\d\d\b|\s*'?\d\ds\b)")
#: Words in a reply that point at one film quoted, or at all of several (not "these days", "this time", "that's it").
_NOT_POINTING = r"(?!\s+(?:days|times?|year|week|month|morning|evening|weekend)\b)"
_ONE = re.compile(rf"\b(?:that one|this one|that film|that movie|this film|this movie|it(?!['’]s\s+(?:ok|fine|alright|late|been)\b)|that|this)\b{_NOT_POINTING}"
                  r"(?!['’](?!s\b))(?!['’]s\s+(?:it|all|why|how|what)\b)", re.IGNORECASE)
_SEVERAL = re.compile(r"\b(?:all (?:three|four|five) of (?:them|these|those)|all (?:three|four|five)|both of (?:them|these|those)|both|these|those|them)\b"
                      + _NOT_POINTING, re.IGNORECASE)
#: A reply this short with no pointer is about the one film quoted ("> Ronin (1998)\nseen, 8/10", "nope, hated").
SHORT_REPLY_WORDS = 6


def split_quoted(text: str) -> tuple[str, str]:
    """The person's own lines and the lines they quoted (without their ">"), each joined by line breaks."""
    own, quoted = [], []
    for line in text.splitlines():
        (quoted if _QUOTED.match(line) else own).append(_QUOTED.sub("", line))
    return "\n".join(own), "\n".join(quoted)


@dataclass(frozen=True)
class Reply:
    """A message as the person wrote it: the quoted lines taken out (`text`), and the films they quoted, in order
    (`quoted`): what "the first one" and "#2" point at."""

    text: str
    quoted: tuple[int, ...] = ()


def answer_to_quote(text: str, films_in: Callable[[str], Sequence[tuple[int, str]]]) -> Reply:
    """`text` without its quoted lines, and the reply's first pointer at the films quoted written out as their titles.
    `films_in` finds (id, title) of the films a text names. A reply that names one of the quoted films itself ("heat yes!!!")
    is read as it is: its pointers may mean the others ("the other two"). A short reply with no pointer to the one film
    quoted is about it ("seen, 8/10"). Unchanged when nothing is quoted."""
    own, quoted = split_quoted(text)
    if not quoted or not own.strip():
        return Reply(text)
    films = list(dict.fromkeys(films_in(quoted)))
    if not films:
        return Reply(own)
    ids = tuple(i for i, _ in films)
    named = _named_again(own, films)
    if named != own or {i for i, _ in films_in(own)} & set(ids):
        return Reply(named, ids)
    pointer = (_ONE if len(films) == 1 else _SEVERAL).search(own)
    if pointer is None:
        short = len(films) == 1 and len(own.split()) <= SHORT_REPLY_WORDS
        return Reply(f"{films[0][1]}: {own}" if short else own, ids)
    titles = " and ".join(title for _, title in films)
    said = own[pointer.end():]
    if re.match(r"['’]s\b", said):  # "that one's good": the films are good
        said = (" are" if len(films) > 1 else " is") + said[2:]
    return Reply(own[: pointer.start()] + titles + said, ids)


#: A catalog title's year ("Heat (1995)").
_YEAR = re.compile(r"\s*\(\d{4}\)\s*$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _named_again(own: str, films: Sequence[tuple[int, str]]) -> str:
    """`own` with the quoted films it names by their words alone, in any case ("heat yes!!!"), written out as their
    titles: named right after the bot named it, a common word is the film."""
    for _, title in films:
        name = re.escape(_ARTICLE.sub("", _YEAR.sub("", title)))
        said = re.search(rf"(?<![\w'’])(?:the\s+)?{name}(?![\w'’])", own, re.IGNORECASE)
        if said is not None:
            own = own[: said.start()] + title + own[said.end():]
    return own


#: A word sent after a star, not closed by one ("*Departed", not "*sigh*").
_STARRED = re.compile(r"(?<=[^\s*] )\*(?P<word>[^\W\d_][\w'’-]*)(?![\w*])")  # (a star opening a line is a bullet: "*Alien\n*Aliens")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SMALL_WORDS = frozenset("the a an of in on at to and or for with from by it is was i".split())
#: How close the word corrected must be to its correction (rapidfuzz ratio, 0-100).
STAR_MATCH = 60


#: A line opening with a starred word ("*fiction", "*Sandler. Can't stand him.").
_STARRED_LINE = re.compile(r"\*[^\W\d_][\w'’-]*(?![\w*])")


def _starred_line_joined(text: str) -> str:
    """A correction sent on a line of its own, the only line opening with a star, joins the line before ("Pulp fixation
    was amazing\n*fiction"); stars opening several lines are a list's bullets ("*Alien\n*Aliens")."""
    lines = text.split("\n")
    starred = [i for i, line in enumerate(lines) if line.lstrip().startswith("*")]
    if len(starred) != 1 or starred[0] == 0 or not _STARRED_LINE.match(lines[starred[0]].lstrip()):
        return text
    i = starred[0]
    return "\n".join([*lines[: i - 1], lines[i - 1].rstrip() + " " + lines[i].lstrip(), *lines[i + 1:]])


def starred_corrections(text: str) -> str:
    """`text` with each starred word put in place of the earlier word it is closest to ("The Deported *Departed" -> "The
    Departed", also with the star on a line of its own); a starred word close to none is left as it was typed, without its
    star."""
    out = _starred_line_joined(text)
    while (stars := list(_STARRED.finditer(out))):
        m = stars[-1]  # the last first: each pass takes one star away
        word = m["word"]
        if word.lower() in _SMALL_WORDS:  # "*the end of the 2000s sorry": a phrase put right, left as typed
            break
        before = [(w, fuzz.ratio(w.group().lower(), word.lower())) for w in _WORD.finditer(out, 0, m.start())]
        best = max(before, key=lambda pair: pair[1], default=None)
        if best is None or best[1] < STAR_MATCH:
            out = out[: m.start()] + word + out[m.end():]
        else:
            w = best[0]
            out = out[: w.start()] + word + out[w.end(): m.start()].rstrip() + out[m.end():]
    return out


#: Marks said aloud to a dictation app, as it writes them (not "period", a kind of drama too).
_SPOKEN_MARKS = {"comma": ",", "question mark": "?", "full stop": ".", "exclamation mark": "!", "exclamation point": "!", "new line": "\n"}
_SPOKEN = re.compile(r"(?<!\ba)(?<!\bthe)(?<![,.;:!?])(?<![,.;:!?]\s)\s*\b(?:" + "|".join(_SPOKEN_MARKS) + r")\b(?!\s+of\b)(?!\s*[,.;:!?])",
                     re.IGNORECASE)  # (not "a new line of films", nor "no singing, full stop.": said for emphasis)


def spoken_punctuation(text: str) -> str:
    """`text` with punctuation said as words written as marks ("worth it comma or too long question mark" -> "worth it, or
    too long?")."""
    return _SPOKEN.sub(lambda m: _SPOKEN_MARKS[" ".join(m.group().split()).lower()], text).replace("\n ", "\n")
