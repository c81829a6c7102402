"""`muse index build|augment` and `muse search`: the retriever from the command line."""

from __future__ import annotations

import time

import typer

from muse.cli_common import chat_model_of, emit, fail, settings_of
from muse.errors import InvalidInputError, MuseError

index_app = typer.Typer(no_args_is_help=True, help="Build the item vector index (exact numpy + Chroma) and augment items.")

_DATASET = typer.Option(None, "--dataset", "-d", help="Dataset name or path (default: settings).")
_JSON = typer.Option(False, "--json", help="Print JSON.")


def _open(ctx: typer.Context, dataset: str | None):
    from stores import open_stores
    from stores.datasets import dataset_slug

    settings = settings_of(ctx)
    slug = dataset_slug(dataset or settings.dataset)
    stores = open_stores(settings, slug)
    if stores.catalog.count() == 0:
        stores.close()
        raise fail(InvalidInputError(f"dataset {slug!r} has no items: run `muse data prepare --dataset {dataset or settings.dataset}`"))
    return settings, slug, stores


@index_app.command("build")
def index_build(
    ctx: typer.Context,
    rebuild: bool = typer.Option(False, "--rebuild", help="Drop the index and embed everything again."),
    dataset: str | None = _DATASET,
    batch_size: int = typer.Option(128, "--batch-size", min=1, help="Texts per embedding batch."),
    as_json: bool = _JSON,
) -> None:
    """Embed new or changed items (incremental, keyed by content hash) and sync the Chroma mirror."""
    from tools.retriever.embedders import build_embedder
    from tools.retriever.factory import open_indexes
    from tools.retriever.index import build_index

    settings, slug, stores = _open(ctx, dataset)
    try:
        embedder = build_embedder(settings)
        indexes = open_indexes(settings, slug, embedder)
        report = build_index(stores.catalog, embedder, indexes.exact, indexes.mirrors,
                             rebuild=rebuild, batch_size=batch_size, progress=not as_json)
    except MuseError as exc:
        raise fail(exc) from exc
    finally:
        stores.close()
    payload = {"dataset": slug, **report.model_dump(), "items_per_s": round(report.items_per_s, 1)}
    emit(payload, as_json)


@index_app.command("augment")
def index_augment(
    ctx: typer.Context,
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many items (most popular first)."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Describe items that already have a description."),
    dataset: str | None = _DATASET,
    as_json: bool = _JSON,
) -> None:
    """Have the configured LLM write a description and keywords per item (then run `muse index build`)."""
    from tools.retriever.knowledge import augment_catalog

    _, _, stores = _open(ctx, dataset)
    try:
        llm = chat_model_of(ctx)  # the entry point's factory: tools never import the agent
        report = augment_catalog(stores.catalog, llm, limit=limit, overwrite=overwrite, progress=not as_json)
    except MuseError as exc:
        raise fail(exc) from exc
    finally:
        stores.close()
    emit(report.model_dump(), as_json)


def search_cmd(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="What you are looking for, in words."),
    genre: list[str] = typer.Option([], "--genre", "-g", help="Keep items with any of these genres (repeatable)."),
    not_genre: list[str] = typer.Option([], "--not-genre", "-G", help="Drop items with these genres (repeatable)."),
    year_min: int | None = typer.Option(None, "--year-min", help="Earliest year, inclusive."),
    year_max: int | None = typer.Option(None, "--year-max", help="Latest year, inclusive."),
    k: int = typer.Option(10, "--k", "-k", min=1, max=500, help="How many results."),
    dataset: str | None = _DATASET,
    as_json: bool = _JSON,
) -> None:
    """Search the catalog by meaning, with exact genre and year filters."""
    from tools.retriever.factory import build_retriever

    settings, slug, stores = _open(ctx, dataset)
    try:
        retriever = build_retriever(settings, stores, slug=slug)
        filters = retriever.filters({"include_genres": genre, "exclude_genres": not_genre, "year_min": year_min, "year_max": year_max})
        started = time.perf_counter()
        result = retriever.search(text, filters=filters, k=k)
        seconds = time.perf_counter() - started
        items = {it.item_id: it for it in stores.catalog.get_many(result.item_ids)}
    except MuseError as exc:
        raise fail(exc) from exc
    finally:
        stores.close()
    rows = [{"item_id": c.item_id, "title": items[c.item_id].title, "year": items[c.item_id].year,
             "genres": list(items[c.item_id].genres), "score": round(c.score, 4)} for c in result.candidates]
    payload = {"query": text[:200], "filters": filters.model_dump(mode="json", exclude_defaults=True), "backend": retriever.backend,
               "note": result.note, "ms": round(seconds * 1000, 1), "results": rows}
    lines = [f"{i:>3}. {r['score']:.3f}  {r['title']} ({r['year'] or '?'})  [{', '.join(r['genres'])}]  #{r['item_id']}"
             for i, r in enumerate(rows, 1)]
    lines.append(f"-- {len(rows)} result(s), {retriever.backend} backend, {payload['ms']} ms" + (f"; note: {result.note}" if result.note else ""))
    emit(payload, as_json, lines)
