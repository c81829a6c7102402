"""The persistent user profile: merging what a turn understood, and long-term taste from history.

Merge rules (documented in the README):
- A like and a later dislike of the same item or genre cancel: the later one removes the earlier
  and is not recorded itself. Said again, it is recorded.
- "X is fine" removes X from the avoided genres. "X instead" replaces the wanted genres; a mix
  ("X with a bit of Y", "a horror comedy", a genre added later) marks the wanted genres as required
  together; "X or Y" as alternatives.
- An explicit era replaces the year range, unless said as an addition ("the 70s too", "widen it to 2005"):
  then the range grows to hold it; a bound added on the side the range leaves open closes it ("from 1960 on",
  then "and nothing after 1980 either": 1960-1980); "older" means before its start, "newer" after its end
  (open-ended; with no range: before the films the latest liking message liked, "I loved Heat" then "older" is up to
  1994, and with none up to 1989 / from 2010), and "older ones too" opens its start;
  "any decade" clears it.
- For a user with history, long-term genre taste comes from well-rated items (PALR's idea):
  it ranks and explains, it never filters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from agent.types import UserProfile
from tools.retriever.filters import YEAR_CEILING, YEAR_FLOOR
from agent.understand import Understanding
from muse.domain import Interaction, Item

MAX_KEYWORDS = 12
MAX_TAGS = 8
MAX_ITEMS = 50
LIKED_RATING = 4.0
OLDER_DEFAULT_MAX, NEWER_DEFAULT_MIN = 1989, 2010


def _toggle(keep: list, opposite: list, values: Iterable) -> tuple[list, list]:
    """Add `values` to `keep`, unless present in `opposite`, in which case both cancel."""
    keep, opposite = list(keep), list(opposite)
    for value in values:
        if value in opposite:
            opposite.remove(value)
        elif value not in keep:
            keep.append(value)
    return keep, opposite


def _move(into: list, out_of: list, values: Iterable) -> tuple[list, list]:
    """Add `values` to `into` and take them out of `out_of` (a genre said now overrides its opposite)."""
    values = list(values)
    return list(dict.fromkeys([*into, *values])), [v for v in out_of if v not in values]


def shift_years(profile: UserProfile, shift: str, decades: int = 0, liked_years: Sequence[int] = ()) -> tuple[int | None, int | None]:
    """"Older" after a range A-B means before A (open below); "newer" means after B (open above). Moved by whole
    decades ("push it back a decade"), both ends of a range move and an open end stays open. With no range, older means
    before the earliest of `liked_years` (the films the person just liked), newer after the latest. However often it is
    asked, the years stay within those a filter may name ("even newer" forty times)."""
    low, high = _shifted(profile.year_min, profile.year_max, shift, decades, liked_years)
    return _within(low), _within(high)


def _within(year: int | None) -> int | None:
    return None if year is None else min(max(year, YEAR_FLOOR), YEAR_CEILING)


def _shifted(low: int | None, high: int | None, shift: str, decades: int, liked_years: Sequence[int]) -> tuple[int | None, int | None]:
    if low is None and high is None and liked_years and not decades:  # "I loved The Matrix", then "older": before 1999
        return (None, min(liked_years) - 1) if shift == "older" else (max(liked_years) + 1, None)
    if decades and (low is not None or high is not None):
        step = -10 * decades if shift == "older" else 10 * decades
        return (None if low is None else low + step), (None if high is None else high + step)
    if shift == "older":
        return (None, low - 1) if low is not None else (None, OLDER_DEFAULT_MAX if high is None else high - 10)
    return (high + 1, None) if high is not None else (NEWER_DEFAULT_MIN if low is None else low + 10, None)


def _bounds_after(low: int | None, high: int | None, new_low: int | None, new_high: int | None) -> tuple[int | None, int | None]:
    """The years after a turn said as an addition: a bound on one side added to a bound on the other that leaves room
    for it closes the range ("nothing before 1960", then "and nothing after 1980 either": 1960-1980); otherwise the new
    years replace the standing ones."""
    if new_low is None and low is not None and high is None and new_high is not None and new_high >= low:
        return low, new_high
    if new_high is None and high is not None and low is None and new_low is not None and new_low <= high:
        return new_low, high
    return new_low, new_high


#: Genres that say who is watching rather than what kind of film: a new kind of film does not replace them.
AUDIENCE_GENRES = frozenset({"Children"})


def _one_of_the_choices(p: UserProfile, u: Understanding) -> bool:
    """"a western or a gangster flick, whichever", then "gangster. 30s or 40s": a turn that names some of the genres
    wished as alternatives, and no other, picks them (who is watching aside)."""
    choices = {g for g in p.liked_genres if g not in AUDIENCE_GENRES}
    named = {g for g in u.genres if g not in AUDIENCE_GENRES}
    return not p.genres_all and len(choices) >= 2 and bool(named) and named < choices


def apply_understanding(profile: UserProfile, u: Understanding) -> UserProfile:
    """The profile after one message (a new object; the input is not changed)."""
    p = profile.model_copy(deep=True)
    if u.new_search:  # the request starts afresh; what the person liked and disliked stays known
        p = p.model_copy(update={"liked_genres": [], "disliked_genres": [], "genres_all": False, "year_min": None,
                                 "year_max": None, "keywords": [], "avoid_keywords": [], "tags": [], "liked_years": []})
    liked = u.liked_ids + [i for i, s in u.references if s == "like"]
    disliked = u.disliked_ids + [i for i, s in u.references if s == "dislike"]
    p.liked_items, p.disliked_items = _toggle(p.liked_items, p.disliked_items, liked)
    p.disliked_items, p.liked_items = _toggle(p.disliked_items, p.liked_items, disliked)
    p.liked_years = u.liked_years or p.liked_years
    if u.reset_genres:  # "scrap that, ...": what was wished and refused goes (who is watching stays)
        p.liked_genres, p.disliked_genres = [g for g in p.liked_genres if g in AUDIENCE_GENRES], []
    if u.audience_left:  # "she's gone up to bed": ...unless who was watching has gone
        p.liked_genres = [g for g in p.liked_genres if g not in AUDIENCE_GENRES]
    if u.replace_genres and u.genre_mode != "all" or _one_of_the_choices(p, u):  # "horror instead": the new genres replace the wanted ones...
        p.liked_genres = [g for g in p.liked_genres if g in AUDIENCE_GENRES]  # ...but not who is watching ("animated instead", for the kids)
    p.liked_genres, p.disliked_genres = _move(p.liked_genres, p.disliked_genres, u.genres)
    p.liked_genres = [g for g in p.liked_genres if g not in u.unwant_genres]  # "drop the fantasy part"
    if u.genres:  # wanted genres describe one film unless said as alternatives ("X or Y")
        p.genres_all = u.genre_mode != "any" and len(p.liked_genres) > 1
    # "scary films please", then "no possession stuff": a kind of a genre wished, refused in a turn that wishes for no
    # genre, is no refusal of the genre ("an action comedy", then "straight action, no jokes" refuses the comedy)
    avoided = [g for g in u.avoid_genres if not (g in u.avoid_kinds and g in p.liked_genres and not u.genres)]
    p.disliked_genres, p.liked_genres = _move(p.disliked_genres, p.liked_genres, avoided)
    p.disliked_genres = [g for g in p.disliked_genres if g not in u.unavoid_genres]
    p.mood_avoided = [g for g in p.disliked_genres if g in u.avoid_moods or g in p.mood_avoided and g not in avoided]
    if u.era_widen and (p.year_min is not None or p.year_max is not None):  # "the 70s too": the range grows
        p.year_min = None if p.year_min is None else min(p.year_min, u.era_widen[0])
        p.year_max = None if p.year_max is None else max(p.year_max, u.era_widen[1])
    elif u.year_min is not None or u.year_max is not None:
        p.year_min, p.year_max = _bounds_after(p.year_min, p.year_max, u.year_min, u.year_max) if u.era_added else (u.year_min, u.year_max)
    elif u.any_era:
        p.year_min = p.year_max = None
    elif u.era_whole_decade and (p.year_min is not None or p.year_max is not None):  # "widen it to the whole decade"
        p.year_min = None if p.year_min is None else p.year_min // 10 * 10
        p.year_max = None if p.year_max is None else p.year_max // 10 * 10 + 9
    elif u.era_shift and u.era_shift_widens and (p.year_min is not None or p.year_max is not None):  # "older ones too"
        p.year_min, p.year_max = (None, p.year_max) if u.era_shift == "older" else (p.year_min, None)
    elif u.era_shift:
        p.year_min, p.year_max = shift_years(p, u.era_shift, u.era_decades, () if u.era_absolute else p.liked_years)
    words = [] if u.unresolved else u.keywords  # loose words beside an unknown title are part of it
    p.keywords = list(dict.fromkeys([*words, *p.keywords]))[:MAX_KEYWORDS]
    p.tags = [t for t in dict.fromkeys([*u.tags, *p.tags]) if t not in u.avoid_tags][:MAX_TAGS]
    p.avoid_keywords = list(dict.fromkeys([*u.avoid_tags, *p.avoid_keywords]))[:MAX_KEYWORDS]
    p.liked_items, p.disliked_items = p.liked_items[-MAX_ITEMS:], p.disliked_items[-MAX_ITEMS:]
    return p


def apply_feedback(profile: UserProfile, item_id: int, value: int) -> UserProfile:
    """👍 likes the item, 👎 dislikes it (with the same cancel rule)."""
    p = profile.model_copy(deep=True)
    if value > 0:
        p.liked_items, p.disliked_items = _toggle(p.liked_items, p.disliked_items, [item_id])
    else:
        p.disliked_items, p.liked_items = _toggle(p.disliked_items, p.liked_items, [item_id])
    return p


def history_taste(history: Sequence[Interaction], items: dict[int, Item], top: int = 5) -> dict[str, float]:
    """Genre shares over the well-rated part of a history (all of it when nothing is rated)."""
    liked = [i for i in history if i.rating is None or i.rating >= LIKED_RATING] or list(history)
    counts = Counter(g for i in liked if i.item_id in items for g in items[i.item_id].genres)
    total = sum(counts.values())
    return {g: round(n / total, 3) for g, n in counts.most_common(top)} if total else {}
