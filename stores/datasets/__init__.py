"""Datasets: resolve a name or path to a reader, and import it into the stores in one transaction.

Names: `movielens-small` (alias `ml-latest-small`, shipped in `data/`), `ml-100k`, `ml-1m`,
`ml-20m`, `ml-25m`, `ml-32m`. Paths: a directory or zip in one of those formats, or in the
generic format (see `stores.datasets.generic`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel

from muse.domain import Interaction, Item
from muse.errors import DataError
from muse.settings import Settings
from stores import open_stores, store_location
from stores.base import Stores
from stores.datasets.download import ARCHIVES, extract, fetch
from stores.datasets.generic import Generic
from stores.datasets.movielens import CsvFamily, Ml1m, Ml100k

SHIPPED = Path(__file__).resolve().parents[2] / "data"
ALIASES = {"movielens-small": "ml-latest-small", "ml-latest-small": "ml-latest-small"}
ALIASES.update({name: name for name in ARCHIVES})
EXPECTED_FORMAT = {"ml-latest-small": "movielens-csv", "ml-100k": "ml-100k", "ml-1m": "ml-1m",
                   "ml-20m": "movielens-csv", "ml-25m": "movielens-csv", "ml-32m": "movielens-csv"}


class Reader(Protocol):
    def items(self) -> Iterator[Item]: ...

    def interactions(self) -> Iterator[Interaction]: ...


# format name -> (files that identify it, reader class)
FORMATS: dict[str, tuple[tuple[str, ...], type]] = {
    "movielens-csv": (("movies.csv", "ratings.csv"), CsvFamily),
    "ml-100k": (("u.item", "u.data"), Ml100k),
    "ml-1m": (("movies.dat", "ratings.dat|ratings.dat.gz"), Ml1m),
    "generic": (("items.jsonl|items.csv", "interactions.csv"), Generic),
}


@dataclass(frozen=True)
class DatasetSource:
    slug: str
    format: str
    root: Path
    reader: Reader


class PrepareSummary(BaseModel):
    dataset: str
    format: str
    source: str
    db: str
    items: int
    users: int
    interactions: int
    genres: int
    tags: int
    seconds: float


def _has(root: Path, pattern: str) -> bool:
    return any((root / name).is_file() for name in pattern.split("|"))


def detect_format(root: Path) -> str | None:
    for name, (files, _) in FORMATS.items():
        if all(_has(root, f) for f in files):
            return name
    return None


def _find_root(path: Path) -> tuple[Path, str]:
    subdirs = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    # Archives usually wrap their files in one folder (ml-100k.zip -> ml-100k/u.data).
    for root in [path] + (subdirs if len(subdirs) == 1 else []):
        fmt = detect_format(root)
        if fmt:
            return root, fmt
    expected = "; ".join(f"{n}: {' + '.join(files)}" for n, (files, _) in FORMATS.items())
    raise DataError(f"no dataset files found. Expected one of: {expected}", path=str(path))


def dataset_slug(spec: str) -> str:
    """The short name a dataset's state is kept under (no file access)."""
    if spec in ALIASES:
        return ALIASES[spec]
    path = Path(spec)
    return path.stem if path.suffix == ".zip" else path.name


def _verify_shipped(root: Path) -> None:
    sums = root / "SHA256SUMS"
    for line in sums.read_text().splitlines():
        digest, name = line.split()
        actual = hashlib.sha256((root / name).read_bytes()).hexdigest()
        if actual != digest:
            raise DataError(f"checksum mismatch (expected {digest}); restore it from git", path=str(root / name))


def _local_archive(name: str, settings: Settings) -> Path:
    cached = settings.downloads / name
    if cached.is_dir():
        return cached
    return fetch(ARCHIVES[name], settings.downloads)


def resolve_dataset(spec: str, settings: Settings) -> DatasetSource:
    """Turn a dataset name or path into a reader, downloading a named archive if needed."""
    if not spec or not spec.strip():
        raise DataError("empty dataset name; use movielens-small, ml-100k, ml-1m, ml-20m, ml-25m, ml-32m or a path")
    slug = dataset_slug(spec)
    if spec in ALIASES and slug == "ml-latest-small":
        path = SHIPPED / "ml-latest-small"
        _verify_shipped(path)
    elif spec in ALIASES:
        path = _local_archive(slug, settings)
    else:
        path = Path(spec).expanduser()
        if not path.exists():
            raise DataError(f"no such file or directory. Known names: {', '.join(ALIASES)}", path=str(path))
    if path.is_file():
        path = extract(path, settings.downloads / "extracted")
    root, fmt = _find_root(path)
    wanted = EXPECTED_FORMAT.get(slug)
    if wanted and fmt != wanted:
        raise DataError(f"holds {fmt} files, not {slug} ({' + '.join(FORMATS[wanted][0])})", path=str(spec))
    return DatasetSource(slug=slug, format=fmt, root=root, reader=FORMATS[fmt][1](root))


def _batches(rows: Iterator[Interaction], size: int) -> Iterator[list[Interaction]]:
    while batch := list(islice(rows, size)):
        yield batch


def import_source(stores: Stores, source: DatasetSource) -> None:
    """Write a dataset into the stores in one transaction: all of it, or nothing on any error."""
    with stores.transaction():
        items = list(source.reader.items())
        if not items:
            raise DataError("the dataset has no items", path=str(source.root))
        stores.catalog.upsert(items)
        known = {item.item_id for item in items}
        users: set[str] = set()
        for batch in _batches(source.reader.interactions(), 50_000):
            unknown = next((i.item_id for i in batch if i.item_id not in known), None)
            if unknown is not None:
                raise DataError(f"an interaction names item {unknown}, which is not in the catalog",
                                path=str(source.root))
            stores.interactions.add(batch)
            users.update(i.user_id for i in batch)
        stores.users.ensure_many(sorted(users))
        stores.catalog.refresh_popularity(stores.interactions.item_counts())


def summarise(stores: Stores, source: DatasetSource, db: str, seconds: float) -> PrepareSummary:
    tags = {tag.lower() for item in stores.catalog.all() for tag in item.tags}
    return PrepareSummary(
        dataset=source.slug, format=source.format, source=str(source.root), db=db,
        items=stores.catalog.count(), users=stores.interactions.user_count(),
        interactions=stores.interactions.count(), genres=len(stores.catalog.genres()), tags=len(tags),
        seconds=round(seconds, 3),
    )


def prepare_dataset(settings: Settings, spec: str | None = None) -> PrepareSummary:
    """Load a dataset into its stores (SQLite or PostgreSQL; idempotent: a re-run changes nothing) and count it."""
    start = time.perf_counter()
    source = resolve_dataset(spec or settings.dataset, settings)
    stores = open_stores(settings, source.slug)
    try:
        import_source(stores, source)
        return summarise(stores, source, store_location(settings, source.slug), time.perf_counter() - start)
    finally:
        stores.close()


__all__ = ["DatasetSource", "PrepareSummary", "dataset_slug", "import_source", "prepare_dataset", "resolve_dataset"]
