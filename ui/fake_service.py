"""A deterministic `ChatService` for UI work and tests: no models, real stores, real poster images
(drawn through the creative tool's `ImageService`, as the agent's service does).

It behaves like a tiny recommender so interfaces can be tested end to end: genres named in a message
enter the profile, 👍/👎 move items and genres in and out of it, and the next turn ranks with both.
Profiles, messages and feedback live in a `Stores` (in-memory or SQLite), so a SQLite-backed fake
survives a restart like the real service does.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from agent.api import ProfileEdit
from agent.types import ImageRef, ItemCard, TraceStep, TurnResult, UserProfile
from muse.domain import Feedback, Item, Message
from muse.errors import ForbiddenError, InvalidInputError
from stores.base import Stores

if TYPE_CHECKING:
    from tools.creative.service import ImageService

#: A small, real-looking catalog (MovieLens ids and titles).
CATALOG: tuple[Item, ...] = (
    Item(1, "Toy Story", 1995, ("Adventure", "Animation", "Children", "Comedy", "Fantasy")),
    Item(32, "Twelve Monkeys", 1995, ("Mystery", "Sci-Fi", "Thriller")),
    Item(47, "Seven", 1995, ("Mystery", "Thriller")),
    Item(50, "The Usual Suspects", 1995, ("Crime", "Mystery", "Thriller")),
    Item(260, "Star Wars: Episode IV - A New Hope", 1977, ("Action", "Adventure", "Sci-Fi")),
    Item(296, "Pulp Fiction", 1994, ("Comedy", "Crime", "Drama", "Thriller")),
    Item(318, "The Shawshank Redemption", 1994, ("Crime", "Drama")),
    Item(356, "Forrest Gump", 1994, ("Comedy", "Drama", "Romance", "War")),
    Item(480, "Jurassic Park", 1993, ("Action", "Adventure", "Sci-Fi", "Thriller")),
    Item(541, "Blade Runner", 1982, ("Action", "Sci-Fi", "Thriller")),
    Item(589, "Terminator 2: Judgment Day", 1991, ("Action", "Sci-Fi")),
    Item(593, "The Silence of the Lambs", 1991, ("Crime", "Horror", "Thriller")),
    Item(1097, "E.T. the Extra-Terrestrial", 1982, ("Children", "Drama", "Sci-Fi")),
    Item(1197, "The Princess Bride", 1987, ("Action", "Adventure", "Comedy", "Fantasy", "Romance")),
    Item(1200, "Aliens", 1986, ("Action", "Adventure", "Horror", "Sci-Fi")),
    Item(1214, "Alien", 1979, ("Horror", "Sci-Fi")),
    Item(1258, "The Shining", 1980, ("Horror",)),
    Item(1307, "When Harry Met Sally...", 1989, ("Comedy", "Romance")),
    Item(2571, "The Matrix", 1999, ("Action", "Sci-Fi", "Thriller")),
    Item(2959, "Fight Club", 1999, ("Action", "Crime", "Drama", "Thriller")),
    Item(4306, "Shrek", 2001, ("Adventure", "Animation", "Children", "Comedy", "Fantasy", "Romance")),
    Item(4973, "Amélie", 2001, ("Comedy", "Romance")),
    Item(6377, "Finding Nemo", 2003, ("Adventure", "Animation", "Children", "Comedy")),
    Item(79132, "Inception", 2010, ("Action", "Crime", "Drama", "Mystery", "Sci-Fi", "Thriller")),
)
GENRES: tuple[str, ...] = tuple(sorted({g for item in CATALOG for g in item.genres}))
_NEGATION = re.compile(r"\b(?:no|not|without|hate|avoid)\s+([\w-]+)", re.IGNORECASE)
_WORD = re.compile(r"[\w-]+")


def _genre_of(word: str) -> str | None:
    word = word.lower().rstrip("s")
    for genre in GENRES:
        if genre.lower() == word or (genre == "Sci-Fi" and word in {"scifi", "science", "space"}):
            return genre
    return None


class FakeChatService:
    """A `ChatService` with fixed rules and Pillow posters; thread-safe."""

    def __init__(self, stores: Stores, images_dir: Path, *, n_items: int = 3, pending_last: bool = True,
                 images: ImageService | None = None) -> None:
        self.stores = stores
        self.images_dir = Path(images_dir)
        self.images_dir.mkdir(parents=True, exist_ok=True)
        self.images = images or poster_service(self.images_dir)
        self.n_items = n_items
        self.pending_last = pending_last  # the last card's image starts "pending" (exercises polling)
        self._items = {item.item_id: item for item in CATALOG}
        self._pending: set[str] = set()
        self._lock = threading.RLock()
        stores.catalog.upsert(CATALOG)

    # ChatService -------------------------------------------------------------------------------
    def chat(self, user_id: str, message: str, session_id: str | None = None) -> TurnResult:
        """One turn: genres in the message update the profile; rank the catalog; reply."""
        with self._lock:
            start = time.perf_counter()
            self.stores.users.ensure(user_id)
            self._check_owner(user_id, session_id)
            session_id = self.stores.sessions.create(user_id, session_id)
            profile = self._understand(self.profile(user_id), message)
            self._save(user_id, profile)
            t_profile = time.perf_counter()
            ranked = self._rank(profile)[: self.n_items]
            t_rank = time.perf_counter()
            cards = [self._card(user_id, item, profile, last=(k == len(ranked) - 1)) for k, item in enumerate(ranked)]
            reply = self._reply(profile, ranked)
            trace = [
                TraceStep(step="understand", tool="profile", args={"message": message[:80]}, ms=1000 * (t_profile - start), n_out=1),
                TraceStep(step="recommend", tool="rank", args={"k": self.n_items}, ms=1000 * (t_rank - t_profile),
                          n_in=len(CATALOG), n_out=len(ranked)),
                TraceStep(step="visualise", tool="poster", ms=1000 * (time.perf_counter() - t_rank), n_in=len(ranked), n_out=len(cards)),
            ]
            result = TurnResult(user_id=user_id, session_id=session_id, intent="recommend", reply=reply,
                                items=cards, profile=profile, trace=trace)
            now = int(time.time())
            self.stores.sessions.add_message(Message(session_id, "user", message, now))
            self.stores.sessions.add_message(Message(session_id, "assistant", reply, now, {"items": [c.item_id for c in cards]}))
            return result

    def chat_stream(self, user_id: str, message: str, session_id: str | None = None) -> Iterator[str | TurnResult]:
        """The same turn, its reply yielded word by word, then the TurnResult."""
        result = self.chat(user_id, message, session_id)
        for word in re.findall(r"\S+\s*", result.reply):
            yield word
        yield result

    def feedback(self, user_id: str, item_id: int, value: Literal[-1, 1], session_id: str | None = None) -> UserProfile:
        """👍 adds the item and its genres to the likes; 👎 to the dislikes."""
        with self._lock:
            self._check_owner(user_id, session_id)
            self.stores.users.ensure(user_id)
            self.stores.feedback.add(Feedback(user_id, item_id, value, int(time.time()), session_id))
            profile = self.profile(user_id)
            liked, disliked = set(profile.liked_items), set(profile.disliked_items)
            (liked if value > 0 else disliked).add(item_id)
            (disliked if value > 0 else liked).discard(item_id)
            history = dict(profile.history_genres)
            for genre in self._items[item_id].genres if item_id in self._items else ():
                history[genre] = round(history.get(genre, 0.0) + 0.5 * value, 3)
            profile = profile.model_copy(update={"liked_items": sorted(liked), "disliked_items": sorted(disliked),
                                                 "history_genres": history})
            self._save(user_id, profile)
            return profile

    def profile(self, user_id: str) -> UserProfile:
        data = self.stores.profiles.get(user_id)
        return UserProfile.model_validate(data) if data else UserProfile()

    def edit_profile(self, user_id: str, edit: ProfileEdit) -> UserProfile:
        with self._lock:
            profile = self.profile(user_id)
            if edit.field == "years":
                profile = profile.model_copy(update={"year_min": None, "year_max": None})
            else:
                kept = [v for v in getattr(profile, edit.field) if str(v) != str(edit.value)]
                profile = profile.model_copy(update={edit.field: kept})
            self._save(user_id, profile)
            return profile

    def reset_profile(self, user_id: str) -> UserProfile:
        with self._lock:
            self.stores.profiles.delete(user_id)
            return UserProfile()

    def image(self, image_id: str) -> ImageRef | None:
        """A pending image becomes ready the first time it is polled."""
        with self._lock:
            path = self.images_dir / f"{image_id}.png"
            if not path.exists():
                return None
            self._pending.discard(image_id)
            return ImageRef(image_id=image_id, kind="poster", path=str(path))

    def image_path(self, image_id: str) -> Path | None:
        path = self.images_dir / f"{image_id}.png"
        return path if re.fullmatch(r"[\w-]+", image_id) and path.exists() else None

    def visual(self, user_id: str, item_id: int, wait_s: float = 30.0) -> ImageRef:
        """A poster of the item with the user's liked genres, through the image service."""
        from tools.creative.models import ImageRequest, ItemFacts

        item = self._items.get(int(item_id))
        if item is None:
            raise InvalidInputError(f"unknown item id {item_id}")
        taste = tuple(g.lower() for g in self.profile(user_id).liked_genres)
        request = ImageRequest(item=ItemFacts.of(item), user_id=user_id, like_keywords=taste, size=256)
        ticket = self.images.submit([request])[0]
        ticket = self.images.wait(ticket.ticket_id, timeout=wait_s) or ticket
        if ticket.result is None:
            return ImageRef(image_id=ticket.ticket_id, kind="pending", note=ticket.error)
        return ImageRef(image_id=ticket.ticket_id, kind=ticket.result.kind, path=ticket.result.path)

    # Helpers -----------------------------------------------------------------------------------
    def history(self, user_id: str, session_id: str) -> list[Message]:
        """The messages of a user's session (empty if the session is someone else's)."""
        return self.stores.sessions.messages(session_id) if self.stores.sessions.owner(session_id) == user_id else []

    def _check_owner(self, user_id: str, session_id: str | None) -> None:
        """Like the real service: another user's session is refused."""
        if session_id is not None and self.stores.sessions.owner(session_id) not in (None, user_id):
            raise ForbiddenError("that session belongs to another user")

    def _save(self, user_id: str, profile: UserProfile) -> None:
        self.stores.profiles.put(user_id, profile.model_dump())

    def _understand(self, profile: UserProfile, message: str) -> UserProfile:
        avoided = {g for w in _NEGATION.findall(message) if (g := _genre_of(w))}
        wanted = {g for w in _WORD.findall(message) if (g := _genre_of(w))} - avoided
        liked = [g for g in profile.liked_genres if g not in avoided] + sorted(wanted - set(profile.liked_genres))
        disliked = [g for g in profile.disliked_genres if g not in wanted] + sorted(avoided - set(profile.disliked_genres))
        return profile.model_copy(update={"liked_genres": liked, "disliked_genres": disliked})

    def _score(self, item: Item, profile: UserProfile) -> float:
        score = sum(1.0 for g in item.genres if g in profile.liked_genres)
        score -= sum(2.0 for g in item.genres if g in profile.disliked_genres)
        score += sum(profile.history_genres.get(g, 0.0) for g in item.genres)
        return round(score, 3)

    def _rank(self, profile: UserProfile) -> list[Item]:
        seen = set(profile.liked_items) | set(profile.disliked_items)
        pool = [item for item in CATALOG if item.item_id not in seen]
        return sorted(pool, key=lambda item: (-self._score(item, profile), item.item_id))

    def _card(self, user_id: str, item: Item, profile: UserProfile, last: bool) -> ItemCard:
        ref = self.visual(user_id, item.item_id)
        if last and self.pending_last:
            self._pending.add(ref.image_id)
            ref = ImageRef(image_id=ref.image_id, kind="pending", note="rendering")
        matched = [g for g in item.genres if g in profile.liked_genres] or list(item.genres[:2])
        reason = f"Because you like {', '.join(matched).lower()}." if profile.liked_genres else f"Popular {', '.join(matched).lower()} pick."
        return ItemCard(item_id=item.item_id, title=item.title, year=item.year, genres=list(item.genres),
                        score=self._score(item, profile), reason=reason, image=ref)

    def _reply(self, profile: UserProfile, ranked: list[Item]) -> str:
        if not ranked:
            return "You have rated everything I know! Reset your profile to start again."
        taste = ", ".join(profile.liked_genres).lower() or "a bit of everything"
        titles = "; ".join(item.display_title for item in ranked)
        return f"For {taste}, try: {titles}."


def poster_service(images_dir: Path) -> ImageService:
    """The creative tool's image service over its poster backend, cached under `images_dir`."""
    from tools.creative.cache import ImageCache
    from tools.creative.poster import PosterGenerator
    from tools.creative.service import ImageService

    return ImageService(PosterGenerator(ImageCache(images_dir)))


def fake_service(home: Path, *, persistent: bool = True, **kwargs: object) -> FakeChatService:
    """A fake over SQLite stores under `home` (persistent) or in-memory stores."""
    from stores import memory_stores, sqlite_stores

    stores = sqlite_stores(home / "db" / "fake.sqlite3") if persistent else memory_stores()
    return FakeChatService(stores, home / "images", **kwargs)  # type: ignore[arg-type]
