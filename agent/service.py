"""MuseService: one chat turn = understand -> profile -> plan -> execute -> reply -> persist.

Built once per process by `build_service(settings)`; per-user state lives only in the stores,
so two users (or two browser tabs) never share a profile. Turns of one user are serialised by a
`TurnLock`: in-process, or through PostgreSQL when several workers share the stores.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from agent.api import ProfileEdit
from agent.plan import Plan, default_plan
from agent.profile import apply_feedback, apply_understanding, history_taste
from agent.recommend import Ranked, blend, gather, mmr, mood_allows, profile_filters, query_text, reason_for, require_all
from agent.reply import PendingLine, compose_reply, stream_pieces
from agent.trace import Tracer
from agent.types import ImageRef, ItemCard, TurnResult, UserProfile
from agent.understand import Understanding, the_film_asked, understand
from agent.understand.concepts import build_concepts
from agent.understand.judge import GenreJudge
from agent.understand.roles import TitleRoles
from muse.domain import Feedback, Interaction, Item, Message
from muse.errors import BackendUnavailableError, ForbiddenError, InvalidInputError
from muse.ids import IMAGE_ID, check_item_id, check_session_id, check_user_id
from muse.settings import Settings
from stores.base import Stores
from stores.locks import LocalTurnLock, TurnLock
from tools.protocols import Scorer
from tools.retriever import Retriever, TitleGrounder

if TYPE_CHECKING:
    from tools.registry import ToolDeps

HISTORY_LIMIT = 200


@dataclass
class Services:
    """The long-lived parts every turn uses (the per-turn deps are built from these)."""

    settings: Settings
    stores: Stores
    retriever: Retriever
    grounder: TitleGrounder
    scorer: Scorer | None = None
    images: Any = None  # tools.creative.ImageService
    llm: Any = None  # langchain BaseChatModel
    llm_capable: bool = False
    turn_lock: TurnLock | None = None  # default: in-process (one worker)
    judge: GenreJudge | None = None  # checks the parser's genres (agent.understand.judge)
    roles: TitleRoles | None = None  # checks the roles of the films named (agent.understand.roles)


class MuseService:
    """The `ChatService` behind the UI, the HTTP API, bots and eval scripts."""

    def __init__(self, services: Services) -> None:
        self.s = services
        self.known_genres = services.retriever.known_genres()
        self.concepts, self.newest_year = build_concepts(services.stores.catalog, services.retriever.embedder, self.known_genres,
                                                         services.settings.home / "cache")
        self._turns: TurnLock = services.turn_lock or LocalTurnLock()
        self._llm_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="muse-llm")

    # ChatService --------------------------------------------------------------------------------
    def chat(self, user_id: str, message: str, session_id: str | None = None) -> TurnResult:
        result: TurnResult | None = None
        for piece in self.chat_stream(user_id, message, session_id):
            if isinstance(piece, TurnResult):
                result = piece
        assert result is not None
        return result

    def chat_stream(self, user_id: str, message: str, session_id: str | None = None) -> Iterator[str | TurnResult]:
        user_id = check_user_id(user_id)
        if not isinstance(message, str):
            raise InvalidInputError("message must be text")
        with self._lock(user_id):
            result = self._turn(user_id, message, session_id)
        yield from stream_pieces(result.reply)
        yield result

    def feedback(self, user_id: str, item_id: int, value: Literal[-1, 1], session_id: str | None = None) -> UserProfile:
        user_id = check_user_id(user_id)
        if value not in (-1, 1):
            raise InvalidInputError("feedback value must be -1 or 1")
        if self.s.stores.catalog.get(check_item_id(item_id)) is None:
            raise InvalidInputError(f"unknown item id {item_id}")
        if session_id is not None:
            self._check_owner(user_id, check_session_id(session_id))
        with self._lock(user_id):
            now = int(time.time())
            self.s.stores.users.ensure(user_id)
            self.s.stores.feedback.add(Feedback(user_id, int(item_id), value, now, session_id))
            if value > 0:  # a 👍 is an interaction: the GR sequence and "seen" exclusion use it
                self.s.stores.interactions.add([Interaction(user_id, int(item_id), now, 5.0, "feedback")])
            profile = self._titled(apply_feedback(self.profile(user_id), int(item_id), value))
            self.s.stores.profiles.put(user_id, profile.model_dump())
            return profile

    def profile(self, user_id: str) -> UserProfile:
        data = self.s.stores.profiles.get(check_user_id(user_id))
        return UserProfile.model_validate(data) if data else UserProfile()

    def _titled(self, profile: UserProfile) -> UserProfile:
        """The profile with display titles for its items (interfaces show titles, not ids)."""
        items = self.s.stores.catalog.get_many([*profile.liked_items, *profile.disliked_items])
        return profile.model_copy(update={"titles": {str(i.item_id): i.display_title for i in items}})

    def edit_profile(self, user_id: str, edit: ProfileEdit) -> UserProfile:
        with self._lock(check_user_id(user_id)):
            profile = self.profile(user_id)
            if edit.field == "years":
                profile.year_min = profile.year_max = None
            else:
                values: list = getattr(profile, edit.field)
                target = int(edit.value) if edit.field.endswith("items") and str(edit.value).lstrip("-").isdigit() else edit.value
                setattr(profile, edit.field, [v for v in values if v != target])
            profile = self._titled(profile)
            self.s.stores.profiles.put(user_id, profile.model_dump())
            return profile

    def reset_profile(self, user_id: str) -> UserProfile:
        with self._lock(check_user_id(user_id)):
            self.s.stores.profiles.delete(user_id)
            return UserProfile()

    def image(self, image_id: str) -> ImageRef | None:
        if self.s.images is None or not isinstance(image_id, str) or not IMAGE_ID.fullmatch(image_id):
            return None
        ticket = self.s.images.get(image_id)
        if ticket is not None:
            return _image_ref(ticket)
        path = self.s.settings.images_dir / f"{image_id}.png"
        return ImageRef(image_id=image_id, kind="poster", path=str(path), url=f"/v1/images/{image_id}") if path.is_file() else None

    def image_path(self, image_id: str) -> Path | None:
        ref = self.image(image_id)
        return Path(ref.path) if ref is not None and ref.path and Path(ref.path).is_file() else None

    def visual(self, user_id: str, item_id: int, wait_s: float = 30.0) -> ImageRef:
        """A visual of a catalog item made for this user's taste (waits up to `wait_s` for it)."""
        profile = self.profile(check_user_id(user_id))
        item = self.item(item_id)
        if item is None:
            raise InvalidInputError(f"unknown item id {item_id}")
        if self.s.images is None:
            raise BackendUnavailableError("images are off (MUSE_IMAGE_BACKEND=none)")
        ticket = self.s.images.submit([self._image_request(item, user_id, profile)])[0]
        return _image_ref(self.s.images.wait(ticket.ticket_id, timeout=wait_s) or ticket)

    def item(self, item_id: int) -> Item | None:
        """A catalog item by id (None when there is none)."""
        return self.s.stores.catalog.get(int(item_id))

    def tool_deps(self, user_id: str | None = None) -> ToolDeps:
        """The tools' deps outside a turn: the whole catalog, and the user's history for scoring."""
        from tools.registry import ToolDeps

        sequence: list[int] = []
        if user_id is not None:
            history = self.s.stores.interactions.history(check_user_id(user_id), limit=HISTORY_LIMIT)
            sequence = _sequence([i.item_id for i in history], self.profile(user_id))
        return ToolDeps(self.s.retriever, self.s.grounder, self.s.scorer, self.s.retriever.filters({}), sequence)

    def close(self) -> None:
        self._llm_pool.shutdown(wait=False, cancel_futures=True)
        if self.s.images is not None:
            self.s.images.close()
        self._turns.close()
        self.s.stores.close()

    # The turn -----------------------------------------------------------------------------------
    def _lock(self, user_id: str) -> AbstractContextManager[None]:
        return self._turns.hold(user_id)

    def _session(self, user_id: str, session_id: str | None) -> str:
        if session_id is not None:
            self._check_owner(user_id, check_session_id(session_id))
        return self.s.stores.sessions.create(user_id, session_id)

    def _session_shown(self, session_id: str) -> set[int]:
        """Every item shown earlier in this session (a new turn shows new items)."""
        return {int(i["item_id"]) for m in self.s.stores.sessions.messages(session_id, limit=100)
                if m.role == "assistant" for i in m.payload.get("items") or []}

    def _check_owner(self, user_id: str, session_id: str) -> None:
        owner = self.s.stores.sessions.owner(session_id)
        if owner is not None and owner != user_id:
            raise ForbiddenError("that session belongs to another user")

    def _last_turn(self, session_id: str) -> tuple[list[int], int | None]:
        """From the session's recent messages: the items shown last, and the one film the person's previous message asked
        about ("is Casablanca worth it?", for "more like it") or named without a verdict ("watched Heat, it was ok")."""
        recent = list(reversed(self.s.stores.sessions.messages(session_id, limit=10)))
        shown = next(([int(i["item_id"]) for i in m.payload["items"]] for m in recent if m.role == "assistant" and m.payload.get("items")), [])
        asked = next((the_film_asked([int(i) for i in m.payload.get("asked_ids") or []], [int(i) for i in m.payload.get("unjudged_ids") or []])
                      for m in recent if m.role == "user"), None)
        return shown, asked

    def _turn(self, user_id: str, message: str, session_id: str | None) -> TurnResult:
        s, tracer = self.s, Tracer()
        self.s.stores.users.ensure(user_id)
        session_id = self._session(user_id, session_id)
        shown, asked = self._last_turn(session_id)
        with tracer.step("understand", "parser", {"chars": len(message)}, swallow=False) as h:
            u = understand(message, known_genres=self.known_genres, grounder=s.grounder, shown=shown, has_previous=bool(shown),
                           concepts=self.concepts, newest_year=self.newest_year, judge=s.judge, roles=s.roles,
                           asked_before=asked)
            h.n_out = len(u.titles)
        if u.injection:
            tracer.note("guardrail", "injection", error="instruction-like text ignored; answered as a normal turn")
        if s.llm is not None and s.llm_capable and u.text:
            from agent.llm_steps import llm_extract

            llm_extract(s.llm, u, self.known_genres, s.grounder, s.settings.llm_timeout_s, tracer)
        history = s.stores.interactions.history(user_id, limit=HISTORY_LIMIT)
        prior = self.profile(user_id)
        profile = apply_understanding(prior, u)
        seen_items = {i.item_id: i for i in s.stores.catalog.get_many({h.item_id for h in history})}
        profile.history_genres = history_taste(history, seen_items)
        profile = self._titled(profile)
        plan = default_plan(u, prior, has_history=bool(history), k=s.settings.top_k)
        if s.llm is not None and s.llm_capable and tracer.llm_calls_left(s.settings.llm_max_calls_per_turn) > 1:
            from agent.plan import propose_plan

            plan = propose_plan(s.llm, u, plan, s.settings.llm_timeout_s, tracer)
        intro = self._start_intro(u, profile, tracer) if plan.recommends else None
        earlier = self._session_shown(session_id) if plan.recommends else set()
        ranked, llm_text, notes = self._execute(plan, u, profile, history, earlier, tracer) if plan.recommends else ([], None, [])
        cards = self._cards(ranked, user_id, profile, tracer) if ranked else []
        reply, clarifications = compose_reply(u, profile, ranked, plan, s, tracer, intro, llm_text, notes)
        result = TurnResult(user_id=user_id, session_id=session_id, intent=u.intent, reply=reply, items=cards,
                            profile=profile, clarifications=clarifications, trace=tracer.steps,
                            llm_used=any(t.tool.startswith("llm.") and not t.error for t in tracer.steps))
        self._persist(result, message, u)
        return result

    def _start_intro(self, u: Understanding, profile: UserProfile, tracer: Tracer) -> PendingLine | None:
        """A tiny LLM writes the opening line while the tools run; the reply waits for it only
        until `llm_intro_budget_s` has passed since the turn began."""
        s = self.s
        if s.llm is None or s.llm_capable or s.settings.llm_intro_budget_s <= 0:
            return None
        from agent.llm_steps import llm_intro
        from agent.reply import wants

        budget = s.settings.llm_intro_budget_s
        future = self._llm_pool.submit(llm_intro, s.llm, wants(u, profile), s.grounder, budget, tracer)
        return PendingLine(future, time.monotonic() + budget + 0.05)

    def _execute(self, plan: Plan, u: Understanding, profile: UserProfile, history: list[Interaction],
                 shown: set[int], tracer: Tracer) -> tuple[list[Ranked], str | None, list[str]]:
        """Ranked items, the native-mode model's own text when it drove the tools, and notes for
        the reply (a relaxed constraint). Items shown earlier in the session are not repeated."""
        s = self.s
        history_ids = [i.item_id for i in history]
        liked = list(dict.fromkeys([*u.liked_ids, *[i for i, v in u.references if v != "dislike"], *profile.liked_items, *u.asked_ids]))
        exclude = set(history_ids) | set(profile.liked_items) | set(profile.disliked_items) | set(u.liked_ids) | set(u.asked_ids)
        exclude |= shown
        filters = profile_filters(s.retriever, profile, exclude)
        sequence = _sequence(history_ids, profile)
        liked_items = {i.item_id: i for i in s.stores.catalog.get_many(liked[-8:])}
        seeds = [i for i in liked[-8:] if i in liked_items] if plan.similar else []
        text = query_text(profile, u.keywords, u.tags) if plan.retrieve else ""
        bus, llm_text = self._native(u, profile, filters, sequence, tracer) if self._native_mode() else ({}, None)
        if not bus:
            bus = gather(s.retriever, s.scorer if plan.score else None, filters, text, seeds, sequence, tracer)
        items = {i.item_id: i for i in s.stores.catalog.get_many(bus) if mood_allows(i, profile)}
        ranked = blend(bus, items, s.scorer if plan.score else None, sequence, profile, tracer, content=bool(text))
        notes: list[str] = []
        if profile.genres_all:
            ranked, note = require_all(ranked, items, [g for g in profile.liked_genres if g not in profile.disliked_genres], plan.k)
            notes += [note] if note else []
        vectors = s.retriever.vectors.vectors([c.item_id for c in ranked[: plan.k * 6]] + list(liked_items))
        with tracer.step("diversify", "mmr", {"k": plan.k}) as h:
            top = mmr(ranked, vectors, plan.k)
            h.n_in, h.n_out = len(ranked), len(top)
        return [Ranked(items[c.item_id], c, reason_for(items[c.item_id], c, profile, liked_items, vectors)) for c in top], llm_text, notes

    def _native_mode(self) -> bool:
        s = self.s
        return s.settings.agent_mode == "native" and s.llm is not None and s.llm_capable

    def _native(self, u: Understanding, profile: UserProfile, filters: Any, sequence: list[int],
                tracer: Tracer) -> tuple[dict, str | None]:
        from agent.native import run_tools_loop
        from tools.registry import ToolDeps

        def record(name: str, args: dict, n_bus: int, error: str | None) -> None:
            tracer.note("retrieve", f"tool.{name}", error=error, **args)

        deps = ToolDeps(self.s.retriever, self.s.grounder, self.s.scorer, filters, sequence, on_call=record)
        profile_text = profile.model_dump_json(exclude_defaults=True)[:800]
        text = run_tools_loop(self.s.llm, deps, u.text, profile_text, max_calls=self.s.settings.llm_max_calls_per_turn + 2,
                              timeout_s=self.s.settings.llm_timeout_s, tracer=tracer)
        return deps.bus, text

    def _cards(self, ranked: list[Ranked], user_id: str, profile: UserProfile, tracer: Tracer) -> list[ItemCard]:
        refs: dict[int, ImageRef] = {}
        if self.s.images is not None:
            with tracer.step("visuals", "images.submit", {"items": len(ranked)}) as h:
                requests = [self._image_request(r.item, user_id, profile) for r in ranked]
                tickets = self.s.images.submit(requests)
                refs = {t.item_id: _image_ref(t) for t in tickets}
                h.n_in, h.n_out = len(requests), sum(1 for r in refs.values() if r.kind != "pending")
        return [ItemCard(item_id=r.item.item_id, title=r.item.title, year=r.item.year, genres=list(r.item.genres),
                         score=round(r.candidate.score, 4), reason=r.reason, image=refs.get(r.item.item_id)) for r in ranked]

    def _image_request(self, item: Item, user_id: str, profile: UserProfile) -> Any:
        """What to draw for `item` and this user (tools.creative's ImageRequest)."""
        from tools.creative.models import ImageRequest, ItemFacts

        likes = tuple(dict.fromkeys([*profile.liked_genres, *profile.keywords, *profile.history_genres]))[:8]
        dislikes = tuple(dict.fromkeys([*profile.disliked_genres, *profile.avoid_keywords]))[:8]
        return ImageRequest(item=ItemFacts.of(item), user_id=user_id, like_keywords=likes,
                            dislike_keywords=dislikes, size=self.s.settings.image_size)

    def _persist(self, result: TurnResult, message: str, u: Understanding) -> None:
        stores, now = self.s.stores, int(time.time())
        with stores.transaction():
            stores.sessions.add_message(Message(result.session_id, "user", u.text, now, {"asked_ids": list(u.asked_ids), "unjudged_ids": list(u.unjudged_ids)}))
            stores.sessions.add_message(Message(result.session_id, "assistant", result.reply, now,
                                                result.model_dump(mode="json", include={"intent", "items", "clarifications", "trace"})))
            stores.profiles.put(result.user_id, result.profile.model_dump())


def _sequence(history_ids: list[int], profile: UserProfile) -> list[int]:
    """The GR sequence: the stored history, then liked items not in it."""
    seen = set(history_ids)
    return [*history_ids, *[i for i in profile.liked_items if i not in seen]]


def _image_ref(ticket: Any) -> ImageRef:
    if ticket.status == "ready" and ticket.result is not None:
        r = ticket.result
        return ImageRef(image_id=ticket.ticket_id, kind=r.kind, path=r.path, url=f"/v1/images/{ticket.ticket_id}", note=r.fallback_reason)
    return ImageRef(image_id=ticket.ticket_id, kind="pending", url=f"/v1/images/{ticket.ticket_id}",
                    note=ticket.error if ticket.status == "failed" else None)
