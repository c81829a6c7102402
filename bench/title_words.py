"""How often does search return an item only because its title shares a word with the request?

For each item-text layout (`v1`: the title first, as shipped before; `v2`: content only; `v2+title
0.35`: the content vector plus a weighted title vector, the layout the index now uses) over the
real MiniLM and ml-latest-small:

- query echo: for content queries ("a heavy, thoughtful film", "an epic journey", ...), the share
  of the top 10 whose title contains a content word of the query;
- liked-title echo: for the 100 most popular items used as a liked title ("more like X"), the share
  of the top 10 that share a title word with X but have a genre overlap (Jaccard) under 0.5 with it;
- relevance kept: mean genre Jaccard of "more like X" results, and the share of tag queries' top 10
  carrying the tag.

    HF_HUB_OFFLINE=1 MUSE_HOME=... python bench/title_words.py   (about 3 minutes on 2 cores)
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muse.settings import Settings, apply_offline_env  # noqa: E402

apply_offline_env()

from stores import open_stores  # noqa: E402
from stores.datasets import prepare_dataset  # noqa: E402
from tools.retriever.embedders import MiniLMEmbedder, normalise_rows  # noqa: E402
from tools.retriever.item_text import TITLE_WEIGHT, content_text, title_text  # noqa: E402

QUERIES = [
    "a heavy, thoughtful film", "an epic journey", "something dark and twisted", "a feel-good story about friendship",
    "a cozy christmas movie", "hit men", "a story about a big heist", "lonely people in a big city", "a road trip",
    "time travel paradox", "a haunted house", "a dream within a dream", "a boxing underdog", "killer robots",
    "high school romance", "a mind-bending mystery", "life in a small town", "a king and his kingdom", "the last days of war",
    "a true love that lasts", "monsters in the dark", "a wedding gone wrong", "the american dream", "brothers in arms",
    "space exploration", "a family secret", "a heart-warming dog story", "a girl with magic powers", "revenge",
    "a beautiful friendship",
]
TAG_QUERIES = ["christmas", "hit men", "time travel", "heist", "zombies", "boxing", "dystopia", "aliens", "high school", "twist ending"]
STOP = set("a an the of and in on to for with about his her their my your is it its gone last big".split())
WORD = re.compile(r"[a-z]+")


def words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w not in STOP and len(w) > 2}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def top(vectors: np.ndarray, query: np.ndarray, k: int, skip: int | None = None) -> list[int]:
    scores = vectors @ query
    if skip is not None:
        scores[skip] = -np.inf
    return list(np.argsort(-scores)[:k])


def evaluate(name: str, vectors: np.ndarray, items: list, queries: np.ndarray, tag_queries: np.ndarray) -> dict[str, float]:
    q_echo = [np.mean([bool(words(items[r].title) & words(q)) for r in top(vectors, v, 10)]) for q, v in zip(QUERIES, queries)]
    popular = sorted(range(len(items)), key=lambda r: -items[r].popularity)[:100]
    l_echo, l_jac = [], []
    for r in popular:
        liked = items[r]
        hits = top(vectors, vectors[r], 10, skip=r)
        l_echo.append(np.mean([bool(words(items[h].title) & words(liked.title)) and jaccard(set(items[h].genres), set(liked.genres)) < 0.5 for h in hits]))
        l_jac.append(np.mean([jaccard(set(items[h].genres), set(liked.genres)) for h in hits]))
    tag_hit = [np.mean([t in {x.lower() for x in items[r].tags} for r in top(vectors, v, 10)]) for t, v in zip(TAG_QUERIES, tag_queries)]
    return {"layout": name, "query_echo": float(np.mean(q_echo)), "liked_echo": float(np.mean(l_echo)),
            "liked_genre_jaccard": float(np.mean(l_jac)), "tag_hit": float(np.mean(tag_hit))}


def main() -> None:
    settings = Settings()
    prepare_dataset(settings)
    stores = open_stores(settings, "ml-latest-small")
    items = sorted(stores.catalog.all(), key=lambda i: i.item_id)
    embedder = MiniLMEmbedder()
    cache = settings.home / "bench-title-words.npz"
    started = time.perf_counter()
    if cache.exists():
        data = np.load(cache)
        v1, content, title = data["v1"], data["content"], data["title"]
    else:
        v1 = embedder.embed([f"{i.display_title}. Genres: {', '.join(i.genres)}." + (f" Tags: {', '.join(i.tags[:8])}." if i.tags else "") for i in items])
        content = embedder.embed([content_text(i) for i in items])
        title = embedder.embed([title_text(i) for i in items])
        np.savez(cache, v1=v1, content=content, title=title)
    seconds = time.perf_counter() - started
    queries, tag_queries = embedder.embed(QUERIES), embedder.embed(TAG_QUERIES)
    rows = [evaluate("v1 (title first)", v1, items, queries, tag_queries),
            evaluate("v2 (content only)", content, items, queries, tag_queries)]
    for weight in sorted({0.2, TITLE_WEIGHT, 0.35, 0.5}):
        rows.append(evaluate(f"v2 + title x{weight}", normalise_rows(content + weight * title), items, queries, tag_queries))
    print(f"ml-latest-small, {len(items)} items, MiniLM; embedding {seconds:.0f} s")
    print("| item text | query: top-10 sharing a title word | liked title: top-10 sharing only a title word | liked title: genre Jaccard | tag query: top-10 with the tag |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['layout']} | {r['query_echo']:.3f} | {r['liked_echo']:.3f} | {r['liked_genre_jaccard']:.3f} | {r['tag_hit']:.3f} |")


if __name__ == "__main__":
    main()
