"""A second opinion on the genres a message wants and avoids, from a model trained on labelled requests.

The rules (`genres`) read genres with high recall but also read some that the writer did not mean
("a film that will make the evening fly by" is no Action). A small model trained on the dev splits of
the understanding corpus (`judge_model.MiniLMJudge`) gives, for each genre, the probability that the
message wants it and that it avoids it. Measured on splits the model was not trained on, two uses
help, and nothing else did (adding wanted genres the rules missed lowered F1):

- a genre the rules read as wanted is dropped when the model is nearly sure it is not wanted;
- a genre the model is nearly sure is avoided is avoided, unless the rules read it as wanted.

The thresholds were chosen on five held-out dev splits (see `evals/README.md`, "The fourteenth-session
pass"). The judge also learns the lexicon's phrases on their own (`cli.lexicon_examples`): trained
on requests alone it vetoed idioms it had never seen ("a white-knuckle film", "a proper adrenaline
rush"); it should judge what is said around the words, and leave the words to the lexicon.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

#: A wanted genre the judge gives less than this is dropped.
VETO_BELOW = 0.02
#: A genre the judge gives at least this as avoided is avoided.
AVOID_FROM = 0.97


@dataclass(frozen=True, slots=True)
class GenreOdds:
    """Per genre, the probability that the message wants it and that it avoids it."""

    wanted: Mapping[str, float] = field(default_factory=dict)
    avoided: Mapping[str, float] = field(default_factory=dict)


class GenreJudge(Protocol):
    def odds(self, text: str) -> GenreOdds: ...


@dataclass(frozen=True, slots=True)
class Judged:
    wanted: list[str]
    avoided: list[str]
    dropped: list[str]  # wanted genres the judge vetoed
    added: list[str]  # avoided genres the judge added


def judge_genres(wanted: Sequence[str], avoided: Sequence[str], odds: GenreOdds, known: set[str]) -> Judged:
    """The rules' reading with the judge's veto and additions applied; genres the judge has no odds for stay."""
    kept = [g for g in wanted if odds.wanted.get(g, 1.0) >= VETO_BELOW]
    added = [g for g, p in sorted(odds.avoided.items(), key=lambda kv: -kv[1])
             if p >= AVOID_FROM and g in known and g not in wanted and g not in avoided]
    return Judged(kept, [*avoided, *added], [g for g in wanted if g not in kept], added)


class FakeJudge:
    """Fixed odds by phrase (tests): the first phrase found in the text gives its odds, else none."""

    def __init__(self, by_phrase: Mapping[str, GenreOdds]) -> None:
        self._by_phrase = dict(by_phrase)
        self.calls: list[str] = []

    def odds(self, text: str) -> GenreOdds:
        self.calls.append(text)
        lowered = text.lower()
        return next((o for phrase, o in self._by_phrase.items() if phrase in lowered), GenreOdds())
