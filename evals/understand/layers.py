"""Understanding layers: anything that turns a message (and the earlier messages) into `Slots`.

`LAYERS` is the one registry: a name and a factory that builds the layer from `LayerDeps`. A factory
that cannot run here (no capable LLM, say) raises `LayerUnavailable` and the layer is skipped with
its reason. To add a layer, write a class with `parse(text, context) -> Slots` and register it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from muse.errors import MuseError
from muse.settings import Settings


@dataclass(frozen=True)
class Slots:
    """What a layer understood: the request in force after the message (see the corpus README)."""

    intent: str | None = None
    genres_wanted: frozenset[str] = frozenset()
    genres_avoided: frozenset[str] = frozenset()
    genres_all_required: bool = False
    year_min: int | None = None
    year_max: int | None = None
    liked_titles: frozenset[int] = frozenset()
    disliked_titles: frozenset[int] = frozenset()
    asked_titles: frozenset[int] = frozenset()
    tags: tuple[str, ...] = ()


class Layer(Protocol):
    """One way of understanding a message; `context` holds the earlier user messages, oldest first."""

    def parse(self, text: str, context: list[str]) -> Slots: ...


class LayerUnavailable(MuseError):
    """The layer cannot run with this configuration (the reason is shown in the report)."""


@dataclass
class LayerDeps:
    """What layers may use: the settings, the catalog's genre names and a title grounder, an LLM."""

    settings: Settings
    known_genres: Sequence[str]
    grounder: Any
    llm: Any = None
    llm_capable: bool = False
    notes: list[str] = field(default_factory=list)
    concepts: Any = None  # agent.understand.concepts.ConceptIndex: meaning-based genres and tags
    newest_year: int = 2018
    judge: Any = None  # agent.understand.judge.GenreJudge: the trained genre judge, when one exists
    roles: Any = None  # agent.understand.roles.TitleRoles: the trained title-role model, when one exists


class RulesLayer:
    """Today's deterministic parser (`agent.understand.understand`) folded over the conversation
    with the agent's own state update (`agent.profile.apply_understanding`)."""

    def __init__(self, deps: LayerDeps, extract: Callable[[Any], None] | None = None, judge: Any = None, roles: Any = None) -> None:
        self._deps, self._extract, self._judge, self._roles = deps, extract, judge, roles

    def _understand(self, text: str, has_previous: bool, asked_before: int | None = None) -> Any:
        from agent.understand import understand

        u = understand(text, known_genres=self._deps.known_genres, grounder=self._deps.grounder, has_previous=has_previous,
                       concepts=self._deps.concepts, newest_year=self._deps.newest_year, judge=self._judge, roles=self._roles,
                       asked_before=asked_before)
        if self._extract is not None and u.intent != "chitchat":
            self._extract(u)
        return u

    def parse(self, text: str, context: list[str]) -> Slots:
        from agent.profile import apply_understanding
        from agent.types import UserProfile
        from agent.understand import the_film_asked

        profile = UserProfile()
        shown = False  # as in the agent, a message refines only once films were shown: after any message but small talk
        asked: int | None = None  # ...and "more like it" points at the one film the message before asked about (or named unjudged)
        for earlier in context:
            said = self._understand(earlier, has_previous=shown, asked_before=asked)
            profile = apply_understanding(profile, said)
            shown = shown or said.intent != "chitchat"
            asked = the_film_asked(said.asked_ids, said.unjudged_ids)
        u = self._understand(text, has_previous=shown, asked_before=asked)
        profile = apply_understanding(profile, u)
        return Slots(
            intent=u.intent,
            genres_wanted=frozenset(profile.liked_genres), genres_avoided=frozenset(profile.disliked_genres),
            genres_all_required=profile.genres_all,
            year_min=profile.year_min, year_max=profile.year_max,
            liked_titles=frozenset(profile.liked_items), disliked_titles=frozenset(profile.disliked_items),
            asked_titles=frozenset(u.asked_ids), tags=tuple(dict.fromkeys([*profile.tags, *profile.keywords])),
        )


def rules_layer(deps: LayerDeps) -> Layer:
    return RulesLayer(deps)


def judged_layer(deps: LayerDeps) -> Layer:
    """The rules with the trained models' second opinions: the genre judge's veto and additions
    (`agent.understand.judge`) and the title-role model's roles (`agent.understand.roles`), each when
    trained. The offline default of the agent once `muse understand train-judge` / `train-roles` have run."""
    if deps.judge is None and deps.roles is None:
        raise LayerUnavailable("no genre judge or title-role model trained (run `muse understand train-judge` and `train-roles`); "
                               "the rules alone are `rules`")
    return RulesLayer(deps, judge=deps.judge, roles=deps.roles)


def llm_layer(deps: LayerDeps) -> Layer:
    """The rules with the capable LLM's extraction merged on top (`agent.llm_steps.llm_extract`).
    Only with a capable LLM configured; the scripted or tiny model is skipped."""
    if deps.llm is None or not deps.llm_capable:
        raise LayerUnavailable("no capable LLM configured (llm_backend/model); the offline default is `rules`")
    from agent.llm_steps import llm_extract
    from agent.trace import Tracer

    timeout = deps.settings.llm_timeout_s

    def extract(u: Any) -> None:
        llm_extract(deps.llm, u, deps.known_genres, deps.grounder, timeout, Tracer())

    return RulesLayer(deps, extract, judge=deps.judge, roles=deps.roles)


LAYERS: dict[str, Callable[[LayerDeps], Layer]] = {
    "rules": rules_layer,
    "judged": judged_layer,
    "llm": llm_layer,
}
"""The layer registry: `muse eval understand --layer NAME` picks from it, in this order."""
