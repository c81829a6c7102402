"""Retrieval benchmark on the shipped ml-latest-small with the real MiniLM, in one run:

- index build: embedding time and items/s, Chroma sync time;
- query latency p50/p95 for top-50, with and without filters, exact numpy vs Chroma over the same
  vectors (full `Retriever.search` path: validation, index query, exact re-check on SQLite);
- Chroma recall@50 against exact search;
- query embedding latency (MiniLM, one short text) and exact-search scaling on synthetic catalogs.

    HF_HUB_OFFLINE=1 OMP_WAIT_POLICY=PASSIVE python bench/retrieval.py [--home DIR] [--json OUT]

`--home` reuses a Muse home (its index is built incrementally, so a second run skips embedding and
reports the first run's build figures as 0 embedded); the default is a fresh temporary home.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muse.settings import Settings, apply_offline_env  # noqa: E402

apply_offline_env()

from stores import open_stores  # noqa: E402
from stores.datasets import prepare_dataset  # noqa: E402
from tools.retriever.embedders import MiniLMEmbedder  # noqa: E402
from tools.retriever.exact import ExactIndex  # noqa: E402
from tools.retriever.factory import open_indexes  # noqa: E402
from tools.retriever.filters import Filters  # noqa: E402
from tools.retriever.index import ItemMeta, build_index  # noqa: E402
from tools.retriever.retriever import Retriever  # noqa: E402

QUERIES = [
    "space alien horror", "romantic comedy in paris", "gangster family crime saga", "toys come to life",
    "heist thriller in los angeles", "dystopian future with androids", "feel-good musical", "war drama in vietnam",
    "animated fairy tale princess", "serial killer detective mystery", "time travel adventure", "high school coming of age",
    "zombie apocalypse", "courtroom drama", "martial arts action", "talking animals for kids", "psychological thriller twist ending",
    "epic fantasy quest with a ring", "superhero origin story", "road trip comedy", "haunted house ghost story",
    "biography of a musician", "western gunfighter revenge", "submarine war movie", "slow melancholic love story",
]
FILTERS = {
    "none": Filters(),
    "years 1980-1999": Filters(year_min=1980, year_max=1999),
    "genre Comedy": Filters(include_genres=("Comedy",)),
    "Drama|Romance, not Comedy, 1990+, 50 excluded ids": Filters(
        include_genres=("Drama", "Romance"), exclude_genres=("Comedy",), year_min=1990, exclude_ids=frozenset(range(1, 101, 2))),
    "narrow: Horror 1970-1979": Filters(include_genres=("Horror",), year_min=1970, year_max=1979),
}
K = 50


def pct(samples: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(samples) * 1000, q))


def timed(fn, repeats: int = 3) -> tuple[list[float], list]:
    samples, outputs = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        outputs.append(fn())
        samples.append(time.perf_counter() - started)
    return samples, outputs


def build(settings: Settings, slug: str, embedder) -> dict:
    stores = open_stores(settings, slug)
    indexes = open_indexes(settings, slug, embedder)
    report = build_index(stores.catalog, embedder, indexes.exact, indexes.mirrors, batch_size=128, progress=True)
    mirror_seconds = report.total_seconds - report.embed_seconds
    stores.close()
    return {"items": report.items, "embedded": report.embedded, "embed_s": report.embed_seconds,
            "items_per_s": round(report.items_per_s, 1), "chroma_sync_s": round(mirror_seconds, 2), "total_s": report.total_seconds}


def latency(settings: Settings, slug: str, embedder, query_vectors: np.ndarray) -> tuple[list[dict], dict]:
    stores = open_stores(settings, slug)
    indexes = open_indexes(settings, slug, embedder)
    retrievers = {"exact": Retriever(stores.catalog, embedder, indexes.exact, indexes.exact),
                  "chroma": Retriever(stores.catalog, embedder, indexes.chroma, indexes.exact)}
    rows, recall = [], {}
    for label, filters in FILTERS.items():
        row: dict = {"filters": label, "passing": indexes.exact.matching(filters)}
        results: dict[str, list[list[int]]] = {}
        for name, retriever in retrievers.items():
            retriever.search(vector=query_vectors[0], filters=filters, k=K)  # warm-up
            samples, hits = [], []
            for vector in query_vectors:
                took, out = timed(lambda: retriever.search(vector=vector, filters=filters, k=K))
                samples += took
                hits.append(out[0].item_ids)
            row[f"{name}_p50_ms"], row[f"{name}_p95_ms"] = round(pct(samples, 50), 2), round(pct(samples, 95), 2)
            results[name] = hits
        row["chroma/exact_p50"] = round(row["chroma_p50_ms"] / max(row["exact_p50_ms"], 1e-6), 1)
        overlaps = [len(set(c) & set(e)) / max(len(e), 1) for c, e in zip(results["chroma"], results["exact"])]
        row["chroma_recall@50"] = round(float(np.mean(overlaps)), 4)
        recall[label] = row["chroma_recall@50"]
        rows.append(row)
    stores.close()
    return rows, recall


def embed_latency(embedder) -> dict:
    samples = []
    for i, query in enumerate(QUERIES * 2):
        started = time.perf_counter()
        embedder.embed([f"{query} {i}"])  # distinct texts: no cache effects
        samples.append(time.perf_counter() - started)
    return {"embed_query_p50_ms": round(pct(samples, 50), 2), "embed_query_p95_ms": round(pct(samples, 95), 2)}


def scaling(dim: int = 384) -> list[dict]:
    """Exact filtered top-50 on synthetic catalogs (random unit vectors, random years and genres)."""
    rng = np.random.default_rng(0)
    genres = ["Action", "Comedy", "Drama", "Horror", "Romance", "Sci-Fi", "Thriller", "Crime"]
    rows = []
    for n in (10_000, 50_000, 100_000, 200_000):
        index = ExactIndex(None, dim)
        vectors = rng.standard_normal((n, dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        years = rng.integers(1920, 2024, n)
        metas = [ItemMeta(i, int(years[i]), tuple(g for g in genres if rng.random() < 0.2), 0, "h") for i in range(n)]
        index.upsert(metas, vectors)
        filters = Filters(include_genres=("Comedy", "Drama"), year_min=1980, year_max=1999, exclude_ids=frozenset(range(0, 200, 2)))
        index.query(vectors[0], K, filters)
        queries = rng.standard_normal((60, dim)).astype(np.float32)
        for label, f in (("none", Filters()), ("genres+years+ids", filters)):
            samples = []
            for q in queries:
                started = time.perf_counter()
                index.query(q, K, f)
                samples.append(time.perf_counter() - started)
            rows.append({"items": n, "filters": label, "p50_ms": round(pct(samples, 50), 2), "p95_ms": round(pct(samples, 95), 2)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None, help="Also write the figures as JSON here.")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="muse-bench-"))
    settings = Settings(home=home)
    slug = prepare_dataset(settings, "movielens-small").dataset
    embedder = MiniLMEmbedder()

    build_row = build(settings, slug, embedder)
    query_vectors = embedder.embed(QUERIES)
    rows, _ = latency(settings, slug, embedder, query_vectors)
    embed_row = embed_latency(embedder)
    scale_rows = scaling()

    print(f"\nIndex build, ml-latest-small, MiniLM on CPU ({home}):")
    print(f"  {build_row['items']} items, {build_row['embedded']} embedded in {build_row['embed_s']:.1f} s "
          f"({build_row['items_per_s']} items/s); Chroma sync {build_row['chroma_sync_s']} s; total {build_row['total_s']:.1f} s")
    print(f"\nQuery latency, top-{K}, {build_row['items']} items, Retriever.search with a query vector "
          f"({len(QUERIES)} queries x 3):")
    header = f"  {'filters':52} {'pass':>5} {'exact p50/p95 ms':>17} {'chroma p50/p95 ms':>18} {'ratio':>6} {'recall@50':>9}"
    print(header)
    for r in rows:
        print(f"  {r['filters']:52} {r['passing']:>5} {r['exact_p50_ms']:>8.2f}/{r['exact_p95_ms']:<8.2f} "
              f"{r['chroma_p50_ms']:>8.2f}/{r['chroma_p95_ms']:<9.2f} {r['chroma/exact_p50']:>5}x {r['chroma_recall@50']:>9.3f}")
    print(f"\nMiniLM query embedding (one short text): p50 {embed_row['embed_query_p50_ms']} ms, p95 {embed_row['embed_query_p95_ms']} ms")
    print("\nExact numpy search scaling (synthetic 384-d, top-50):")
    for r in scale_rows:
        print(f"  {r['items']:>7} items  {r['filters']:18} p50 {r['p50_ms']:>7.2f} ms  p95 {r['p95_ms']:>7.2f} ms")
    if args.json:
        args.json.write_text(json.dumps({"build": build_row, "latency": rows, "embed": embed_row, "scaling": scale_rows}, indent=2))


if __name__ == "__main__":
    main()
