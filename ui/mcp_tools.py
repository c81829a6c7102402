"""The tools Muse offers MCP clients, each a pydantic input model, a typed result and one call.

Catalog tools are the agent's own registry functions (`tools/registry.py`) run over the service's
deps; the rest are `ChatService` methods: a full turn, the profile, feedback, a visual. Nothing here
recommends anything by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from agent.service import MuseService
from agent.types import ImageRef, ItemCard, TurnResult, UserProfile
from muse.errors import BackendUnavailableError
from tools.registry import ItemScore, ItemSummary, RankArgs, TitleMatch, rank_for_user, tool_spec
from ui.http_api import ChatRequest, FeedbackRequest, UserId


class UserArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user_id: UserId


class ScoreArgs(RankArgs):
    model_config = ConfigDict(extra="forbid")
    user_id: UserId = Field(description="Whose history to score for (Muse user id).")


class VisualArgs(UserArgs):
    item_id: int = Field(ge=0, description="Catalog id of the item to draw.")


class Items(BaseModel):
    items: list[ItemSummary]


class Matches(BaseModel):
    matches: list[TitleMatch]


class Scores(BaseModel):
    scores: list[ItemScore] = Field(description="Best first.")
    model: str = Field(description="The scorer that produced them.")


class Recommendation(BaseModel):
    """One agent turn: the reply, the ranked items with their reasons, the profile after the turn."""

    session_id: str = Field(description="Pass it back to continue the conversation.")
    reply: str
    items: list[ItemCard]
    profile: UserProfile
    clarifications: list[str] = []


@dataclass(frozen=True)
class Visual:
    """A rendered visual: PNG bytes and what it is."""

    png: bytes
    ref: ImageRef
    title: str


@dataclass(frozen=True)
class McpTool:
    name: str
    description: str
    args: type[BaseModel]
    result: type[BaseModel] | None  # None: the tool answers with an image
    run: Callable[[MuseService, Any], BaseModel | Visual]
    read_only: bool = True


def _catalog_tool(name: str, key: str, wrapper: type[BaseModel]) -> McpTool:
    """A registry tool over the whole catalog (no user: nothing is filtered out)."""
    spec = tool_spec(name)

    def run(service: MuseService, args: BaseModel) -> BaseModel:
        return wrapper.model_validate({key: spec.func(service.tool_deps(), args)})

    return McpTool(name, spec.func.__doc__ or name, spec.args, wrapper, run)


def score_for_user(service: MuseService, args: ScoreArgs) -> Scores:
    """Score catalog items as this user's next watch with the generative recommender (HSTU), best first."""
    deps = service.tool_deps(args.user_id)
    if deps.scorer is None:
        raise BackendUnavailableError("no GR model for this dataset: train one with `muse gr train`")
    return Scores(scores=rank_for_user(deps, args), model=deps.scorer.name)


def recommend(service: MuseService, args: ChatRequest) -> Recommendation:
    """Run one full Muse turn for a user: understands the message, updates the profile, retrieves,
    ranks and explains. Returns the reply, items with reasons, and the profile."""
    result: TurnResult = service.chat(args.user_id, args.message, args.session_id)
    cards = [c.model_copy(update={"image": c.image.model_copy(update={"path": None})}) if c.image else c for c in result.items]
    return Recommendation(session_id=result.session_id, reply=result.reply, items=cards, profile=result.profile,
                          clarifications=result.clarifications)


def get_profile(service: MuseService, args: UserArgs) -> UserProfile:
    """The taste profile Muse keeps for a user: liked/disliked items and genres, years, keywords."""
    return service.profile(args.user_id)


def give_feedback(service: MuseService, args: FeedbackRequest) -> UserProfile:
    """Rate an item 👍 (+1) or 👎 (-1) for a user; the next recommendation uses it. Returns the profile."""
    return service.feedback(args.user_id, args.item_id, args.value, args.session_id)


def render_visual(service: MuseService, args: VisualArgs) -> Visual:
    """Draw a visual of a catalog item made for this user's taste (a PNG image)."""
    ref = service.visual(args.user_id, args.item_id)
    if ref.kind == "pending" or not ref.path:
        raise BackendUnavailableError("the visual is still rendering; call again in a few seconds")
    item = service.item(args.item_id)
    return Visual(Path(ref.path).read_bytes(), ref.model_copy(update={"path": None}), item.display_title if item else str(args.item_id))


def _service_tool(func: Callable[[MuseService, Any], Any], args: type[BaseModel], result: type[BaseModel] | None,
                  read_only: bool = True) -> McpTool:
    return McpTool(func.__name__, func.__doc__ or func.__name__, args, result, func, read_only)


TOOLS: tuple[McpTool, ...] = (
    _catalog_tool("search_items", "items", Items),
    _catalog_tool("ground_titles", "matches", Matches),
    _catalog_tool("similar_items", "items", Items),
    _service_tool(score_for_user, ScoreArgs, Scores),
    _service_tool(recommend, ChatRequest, Recommendation, read_only=False),
    _service_tool(get_profile, UserArgs, UserProfile),
    _service_tool(give_feedback, FeedbackRequest, UserProfile, read_only=False),
    _service_tool(render_visual, VisualArgs, None),
)
