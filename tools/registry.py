"""All the agent's tools in one place: typed functions over the per-turn deps, pydantic arguments,
docstrings the LLM reads. The pipeline calls the backends directly; a capable model with native
tool calling gets these same tools as LangChain `StructuredTool`s (see `agent.native`), and MCP
clients get the catalog ones through `muse mcp` (see `ui/mcp_tools.py`).

Tools only ever narrow the profile's hard constraints (avoided genres, years, seen items): an LLM
cannot ask a tool to break them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from langchain_core.tools import StructuredTool
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from muse.domain import Item
from muse.errors import InvalidInputError
from tools.candidates import Candidate, merge_into
from tools.protocols import Scorer
from tools.retriever import Filters, Retriever, TitleGrounder

SAFE_ERROR = "The tool is unavailable right now; answer with what you have."


@dataclass
class ToolDeps:
    """What a tool may reach during one turn (pydantic-ai's RunContext idea)."""

    retriever: Retriever
    grounder: TitleGrounder
    scorer: Scorer | None
    filters: Filters
    sequence: list[int]
    bus: dict[int, Candidate] = field(default_factory=dict)
    on_call: Callable[[str, dict[str, Any], int, str | None], None] | None = None

    def offer(self, candidates: list[Candidate], signal: str) -> None:
        merge_into(self.bus, candidates, signal)


def _tighter(a: int | None, b: int | None, pick: Callable[..., int]) -> int | None:
    values = [v for v in (a, b) if v is not None]
    return pick(values) if values else None


class ItemSummary(BaseModel):
    """One catalog item, as tools return it."""

    item_id: int
    title: str
    year: int | None = None
    genres: list[str] = []


class ItemScore(BaseModel):
    item_id: int
    score: float = Field(description="The generative recommender's score as this person's next item (higher is better).")


class ItemChoice(BaseModel):
    item_id: int
    title: str
    score: float


class TitleMatch(BaseModel):
    """What one title mention resolved to; `item_id` only when `status` is "matched", never a guess."""

    mention: str
    status: Literal["matched", "ambiguous", "unknown"]
    item_id: int | None = None
    title: str | None = None
    confidence: float = 0.0
    alternatives: list[ItemChoice] = Field(default=[], description="Other readings: the choices to offer when ambiguous.")


class ItemDetails(BaseModel):
    """Facts about one catalog item; `found` is false (with `choices`) when a title did not match."""

    found: bool = True
    item_id: int | None = None
    title: str | None = None
    year: int | None = None
    genres: list[str] = []
    tags: list[str] = []
    description: str | None = None
    choices: list[str] = Field(default=[], description="Titles it may have meant, when not found.")


def _summary(item: Item) -> ItemSummary:
    return ItemSummary(item_id=item.item_id, title=item.title, year=item.year, genres=list(item.genres))


class SearchArgs(BaseModel):
    query: str = Field(min_length=1, max_length=300, description="What the person wants, in words.")
    genres: list[str] = Field(default=[], max_length=5, description="Keep items with any of these genres.")
    not_genres: list[str] = Field(default=[], max_length=5, description="Drop items with these genres.")
    year_min: int | None = Field(default=None, ge=1870, le=2100)
    year_max: int | None = Field(default=None, ge=1870, le=2100)
    k: int = Field(default=10, ge=1, le=30)


def search_items(deps: ToolDeps, args: SearchArgs) -> list[ItemSummary]:
    """Search the movie catalog by meaning. Filters are exact. Returns items with id, title, year, genres."""
    base = deps.filters
    low, high = _tighter(base.year_min, args.year_min, max), _tighter(base.year_max, args.year_max, min)
    filters = deps.retriever.filters({
        "include_genres": tuple(args.genres) or base.include_genres,
        "exclude_genres": tuple(dict.fromkeys([*base.exclude_genres, *args.not_genres])),
        "year_min": low, "year_max": high, "exclude_ids": base.exclude_ids,
    })
    result = deps.retriever.search(text=args.query, filters=filters, k=args.k)
    deps.offer(result.candidates, "semantic")
    items = deps.retriever.catalog.get_many(result.item_ids)
    return [_summary(i) for i in items]


class SimilarArgs(BaseModel):
    titles: list[str] = Field(default=[], max_length=5, description="Titles the person liked, as written.")
    item_ids: list[int] = Field(default=[], max_length=10, description="Catalog ids of liked items.")
    k: int = Field(default=10, ge=1, le=30)


def similar_items(deps: ToolDeps, args: SimilarArgs) -> list[ItemSummary]:
    """Items similar to the given titles or ids (titles are matched to the catalog first)."""
    ids = list(args.item_ids)
    for title in args.titles:
        g = deps.grounder.ground(title)
        if g.status == "matched" and g.item_id is not None:
            ids.append(g.item_id)
    if not ids:
        raise InvalidInputError("none of the titles is in the catalog; ask the person to check them")
    result = deps.retriever.similar_to(ids, filters=deps.filters, k=args.k)
    deps.offer(result.candidates, "semantic")
    return [_summary(i) for i in deps.retriever.catalog.get_many(result.item_ids)]


class RankArgs(BaseModel):
    item_ids: list[int] = Field(min_length=1, max_length=100, description="Candidate ids to rank for this person.")


def rank_for_user(deps: ToolDeps, args: RankArgs) -> list[ItemScore]:
    """Rank candidate items for this person's viewing history with the generative recommender (best first)."""
    ids = list(dict.fromkeys(args.item_ids))
    known = {i.item_id for i in deps.retriever.catalog.get_many(ids)}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise InvalidInputError(f"unknown item ids {unknown[:10]}: use ids that search_items or similar_items returned")
    if deps.scorer is None:
        return [ItemScore(item_id=i, score=0.0) for i in ids]
    scores = deps.scorer.score(deps.sequence, ids)
    ranked = sorted(zip(ids, (float(s) for s in scores)), key=lambda t: -t[1])
    return [ItemScore(item_id=i, score=round(s, 4)) for i, s in ranked]


class GroundArgs(BaseModel):
    titles: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(min_length=1, max_length=10, description="Titles as the person wrote them (a year may follow).")


def ground_titles(deps: ToolDeps, args: GroundArgs) -> list[TitleMatch]:
    """Match titles to catalog items: exact, fuzzy, then by meaning. Ambiguous or unknown titles come
    back with the choices to offer, never a guessed id."""
    return [_match(deps.grounder.ground(title)) for title in args.titles]


def _match(g: Any) -> TitleMatch:
    choices = [ItemChoice(item_id=a.item_id, title=a.title, score=a.score) for a in g.alternatives]
    return TitleMatch(mention=g.mention, status=g.status, item_id=g.item_id, title=g.title,
                      confidence=g.confidence, alternatives=choices)


class DetailsArgs(BaseModel):
    title: str = Field(min_length=1, max_length=200, description="A movie title.")


def item_details(deps: ToolDeps, args: DetailsArgs) -> ItemDetails:
    """Facts about one catalog movie: year, genres, tags, description."""
    g = deps.grounder.ground(args.title)
    item = deps.retriever.catalog.get(g.item_id) if g.status == "matched" and g.item_id is not None else None
    if item is None:
        return ItemDetails(found=False, choices=[a.title for a in g.alternatives])
    return details_of(item)


def details_of(item: Item) -> ItemDetails:
    """An item's facts (the catalog resource and `item_details` return this)."""
    return ItemDetails(**_summary(item).model_dump(), tags=list(item.tags[:8]), description=item.description)


@dataclass(frozen=True)
class ToolSpec:
    name: str
    func: Callable[[ToolDeps, Any], Any]
    args: type[BaseModel]
    returns: Any  # the result type, for schemas (a model or a list of one)


TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec("search_items", search_items, SearchArgs, list[ItemSummary]),
    ToolSpec("similar_items", similar_items, SimilarArgs, list[ItemSummary]),
    ToolSpec("ground_titles", ground_titles, GroundArgs, list[TitleMatch]),
    ToolSpec("rank_for_user", rank_for_user, RankArgs, list[ItemScore]),
    ToolSpec("item_details", item_details, DetailsArgs, ItemDetails),
)


def tool_spec(name: str) -> ToolSpec:
    """The tool called `name` (InvalidInputError listing the tools when there is none)."""
    spec = next((t for t in TOOLS if t.name == name), None)
    if spec is None:
        raise InvalidInputError(f"unknown tool {name!r}; tools: {', '.join(t.name for t in TOOLS)}")
    return spec


def describe_invalid(exc: ValidationError) -> str:
    """A validation error as one line a caller (person or LLM) can act on."""
    return "invalid arguments: " + "; ".join(f"{'.'.join(map(str, e['loc'])) or 'arguments'}: {e['msg']}" for e in exc.errors())


def jsonable(value: Any) -> Any:
    """A tool result as plain JSON data (models dumped, lists kept)."""
    return TypeAdapter(Any).dump_python(value, mode="json")


def call_tool(deps: ToolDeps, name: str, raw_args: dict[str, Any]) -> Any:
    """Run a tool by name; the result as JSON data. Bad arguments come back as a message the LLM can
    fix; a failing backend as a fixed, user-safe message (and an error in the trace); unknown names likewise."""
    error: str | None = None
    try:
        spec = tool_spec(name)
        args = spec.args.model_validate(raw_args or {})
        return jsonable(spec.func(deps, args))
    except ValidationError as exc:
        error = "invalid arguments"
        return {"error": describe_invalid(exc)}
    except InvalidInputError as exc:
        error = str(exc)
        return {"error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - a backend fault must not end the turn
        error = f"{type(exc).__name__}: {exc}"
        return {"error": SAFE_ERROR}
    finally:
        if deps.on_call is not None:
            deps.on_call(name, raw_args or {}, len(deps.bus), error)


def as_structured_tools(deps: ToolDeps) -> list[StructuredTool]:
    """The tools as LangChain StructuredTools bound to this turn's deps."""
    def bind(spec: ToolSpec) -> StructuredTool:
        def run(**kwargs: Any) -> Any:
            return call_tool(deps, spec.name, kwargs)

        return StructuredTool.from_function(func=run, name=spec.name, description=spec.func.__doc__, args_schema=spec.args)

    return [bind(spec) for spec in TOOLS]
