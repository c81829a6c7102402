"""The `paraphrase` style of the simulated user: the template style's facts in everyday words.

The simulator reveals exactly what the template style reveals, turn by turn (`RuleSimulator.reveal`):
a genre and a liked title, the era, another liked title, a tag, a second genre. Only the phrasing
differs: seeded choices from a bank written independently of the parser (`simulator/paraphrases.yaml`),
and eras stated in several forms ("the mid nineties", "around 1992, give or take", "nineties or later",
"an oldie, from the forties", "the last 6 years"), each a range that holds the target's year.
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, field_validator

from evals.simulate import LeakError, RuleSimulator, Stated, advance
from evals.understanding import CATALOG_GENRES
from muse.domain import normalise_title

BANK_PATH = Path(__file__).resolve().parent / "simulator" / "paraphrases.yaml"
YearRange = tuple[int | None, int | None]


class ParaphraseBank(BaseModel):
    """The phrasings; every catalog genre has noun phrases and mixins, every decade has words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    genres: dict[str, list[str]]
    mixins: dict[str, list[str]]
    openings: list[str]
    liked: list[str]
    eras: dict[str, list[str]]
    parts: dict[str, list[str]]
    decades: dict[int, list[str]]
    also_liked: list[str]
    tags: list[str]
    second: list[str]
    more: list[str]

    @field_validator("genres", "mixins")
    @classmethod
    def _every_genre(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        missing = set(CATALOG_GENRES) - {k for k, v in value.items() if v}
        if missing or set(value) - set(CATALOG_GENRES):
            raise ValueError(f"genres must be exactly the catalog's, each with phrases; missing {sorted(missing)}")
        return value

    @field_validator("eras")
    @classmethod
    def _every_era_form(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        if set(value) != set(ERA_FORMS):
            raise ValueError(f"eras must have exactly {ERA_FORMS}")
        return value


ERA_FORMS = ("decade", "part", "around", "or_later", "no_later", "oldie", "last_n")
PART_RANGES = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}


@lru_cache(maxsize=4)
def load_bank(path: Path = BANK_PATH) -> ParaphraseBank:
    """The validated paraphrase bank (cached)."""
    return ParaphraseBank.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def names_target(text: str, names: tuple[str, ...]) -> bool:
    """True when a target name appears as whole words in `text` (accents, case, punctuation ignored)."""
    said = f" {normalise_title(text)} "
    return any(f" {normalise_title(n)} " in said for n in names if normalise_title(n))


class ParaphraseSimulator:
    """Phrases the facts of `rule` with the bank; `stated` is the genre and era it has stated so far."""

    def __init__(self, rule: RuleSimulator, bank: ParaphraseBank, rng: random.Random, newest: int, tries: int = 12) -> None:
        self.rule, self.bank, self.rng, self.newest, self.tries = rule, bank, rng, newest, tries
        self.stated = Stated()
        target = rule.target
        self.names = tuple(n for n in (target.title, *target.aka) if n)

    def message(self, turn: int) -> str:
        """The message for `turn`; re-drawn when a phrasing would name the target (whole words)."""
        kind = self.rule.reveal(turn)
        for _ in range(self.tries):
            text, era = self._compose(kind)
            if not names_target(text, self.names):
                self.stated = advance(self.stated, kind, self.rule.genres, era)
                return text
        raise LeakError(f"every phrasing of {kind!r} names the target {self.rule.target.title!r}")

    # Phrasing -----------------------------------------------------------------------------------
    def _pick(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def _title(self, title: str) -> str:
        """As people type titles: often as written, sometimes lower-cased or without a leading 'The'."""
        roll = self.rng.random()
        if roll < 0.25:
            return title.lower()
        if roll < 0.4 and title.lower().startswith("the "):
            return title[4:]
        return title

    def _genre(self, index: int = 0) -> str:
        genres = self.rule.genres
        return self._pick(self.bank.genres[genres[index]]) if len(genres) > index else "something good"

    def _compose(self, kind: str) -> tuple[str, YearRange]:
        rule, era = self.rule, (None, None)
        if kind == "opening":
            text = self._pick(self.bank.openings).format(genre=self._genre())
            if rule.opening_title:
                text += " " + self._pick(self.bank.liked).format(title=self._title(rule.opening_title))
        elif kind == "era":
            text, era = self._era(rule.target.year)
        elif kind == "genre":
            text = self._pick(self.bank.openings).format(genre=self._genre())
        elif kind == "also_liked":
            text = self._pick(self.bank.also_liked).format(title=self._title(rule.similar_title or ""))
        elif kind == "tag":
            text = self._pick(self.bank.tags).format(tag=rule.tag)
        elif kind == "second":
            text = self._pick(self.bank.second).format(mixin=self._pick(self.bank.mixins[rule.genres[1]]))
        else:
            text = self._pick(self.bank.more)
        return " ".join(text.split()), era

    def _era(self, year: int | None) -> tuple[str, YearRange]:
        if year is None:
            return self._pick(self.bank.more), (None, None)
        forms = [f for f in ERA_FORMS if self._applies(f, year)]
        form = self._pick(forms)
        text, era = era_phrase(form, year, self.newest, self.bank, self.rng)
        return text, era

    def _applies(self, form: str, year: int) -> bool:
        decade = year // 10 * 10
        if form == "oldie":
            return year < 1970 and decade in self.bank.decades
        if form == "last_n":
            return year >= self.newest - 9
        return form in ("around", "no_later") or decade in self.bank.decades


def era_phrase(form: str, year: int, newest: int, bank: ParaphraseBank, rng: random.Random) -> tuple[str, YearRange]:
    """One phrasing of the era in `form` and the inclusive range it states; the range holds `year`."""
    decade = year // 10 * 10
    words = rng.choice(bank.decades[decade]) if decade in bank.decades else str(decade)
    template = rng.choice(bank.eras[form])
    if form == "part":
        part = next(p for p, (lo, hi) in PART_RANGES.items() if lo <= year - decade <= hi)
        lo, hi = PART_RANGES[part]
        return template.format(part=rng.choice(bank.parts[part]), decade=words), (decade + lo, decade + hi)
    if form == "around":
        centre = year + rng.choice((-1, 0, 1))
        return template.format(year=centre), (centre - 2, centre + 2)
    if form == "or_later":
        return template.format(decade=words, Decade=_capital(words)), (decade, None)
    if form == "no_later":
        last = min(year + rng.choice((0, 1, 2, 3)), newest)
        return template.format(year=last), (None, last)
    if form == "last_n":
        n = newest - year + 1 + rng.choice((0, 1, 2))
        return template.format(n=n), (newest - n + 1, newest)
    return template.format(decade=words), (decade, decade + 9)  # decade, oldie


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]
