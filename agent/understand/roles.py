"""A second opinion on what the writer says about each film the grounder found, from a trained model.

The rules give each film a role from cue words around it (`parser.title_sentiment` and the question
readers): liked, disliked or asked about. They slip where a verdict list, a question or a rambling
sentence hides whose verdict is whose, and the grounder reads some everyday words as titles. A small
model trained on the dev splits (`roles_model.MiniLMRoles`) gives each found film the probability of
each role, and of naming no film at all (or none the corpus gives a role). Where it is nearly sure it wins
(`parser._learned_roles`), except over a film the rules read as named to compare or as refused; it also judges
the names the grounder's rules passed over (`TitleGrounder.passed_over`) and takes those it is sure are films.
The bars were chosen out of fold: a model trained on three quarters of the dev splits, its odds on the other
quarter replayed under many bars (`evals/README.md`, "The twenty-seventh-session pass").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

#: What a message does with a film it names; "none": the words name no film of the catalog (or none the writer judges).
ROLES: tuple[str, ...] = ("like", "dislike", "ask", "none")


@dataclass(frozen=True, slots=True)
class RoleOdds:
    """The probability of each of `ROLES` for one film in one message."""

    p: Mapping[str, float] = field(default_factory=dict)


class TitleRoles(Protocol):
    def odds(self, text: str, films: Sequence[tuple[int, int]]) -> list[RoleOdds | None]: ...


class FakeRoles:
    """Fixed odds by the film's words (tests): a film whose words are a key gets that key's odds, else none."""

    def __init__(self, by_words: Mapping[str, RoleOdds]) -> None:
        self._by_words = {k.lower(): v for k, v in by_words.items()}
        self.calls: list[str] = []

    def odds(self, text: str, films: Sequence[tuple[int, int]]) -> list[RoleOdds | None]:
        self.calls.append(text)
        return [self._by_words.get(text[a:b].lower()) for a, b in films]


#: A film the model gives at least this chance of naming nothing is dropped.
DROP_FROM = 0.95
#: The model's role for a film stands over the rules' when the model gives it at least this.
CHANGE_FROM = 0.9
#: A name the rules passed over is a film when the model gives it at most this chance of naming nothing.
ACCEPT_BELOW = 0.1

#: The roles a film can be given (`ROLES` less "none").
Sentiment = Literal["like", "dislike", "ask"]
_SAID: tuple[Sentiment, ...] = ("like", "dislike", "ask")


def second_opinion(odds: RoleOdds | None) -> str | None:
    """For a film the rules found: "none" when the model is nearly sure the words name no film (or none the writer
    gives a role), else its sure role (`sure_role`), else None (the rules' role stands)."""
    if odds is not None and odds.p.get("none", 0.0) >= DROP_FROM:
        return "none"
    return sure_role(odds)


def sure_role(odds: RoleOdds | None) -> Sentiment | None:
    """The role the model gives at least `CHANGE_FROM`, if any."""
    if odds is None:
        return None
    best = max(_SAID, key=lambda r: odds.p.get(r, 0.0))
    return best if odds.p.get(best, 0.0) >= CHANGE_FROM else None


def names_a_film(odds: RoleOdds | None) -> bool:
    """A name the rules passed over is a film when the model is nearly sure it names one (its role is `sure_role`'s,
    or else the rules' verdict around it)."""
    return odds is not None and odds.p.get("none", 1.0) <= ACCEPT_BELOW
