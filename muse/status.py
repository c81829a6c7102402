"""What exists under the Muse home for a dataset (for `muse data info` and `make demo`)."""

from __future__ import annotations

from typing import Any

from muse.settings import Settings
from stores import dataset_ready, open_stores, store_location
from stores.datasets import dataset_slug


def dataset_status(settings: Settings, spec: str | None = None) -> dict[str, Any]:
    slug = dataset_slug(spec or settings.dataset)
    if settings.uses_postgres:
        from stores.postgres import SCHEMA_VERSION
    else:
        from stores.schema import SCHEMA_VERSION
    prepared = dataset_ready(settings, slug)
    status: dict[str, Any] = {"dataset": slug, "home": str(settings.home.resolve()), "db": store_location(settings, slug),
                              "prepared": prepared, "schema_version": SCHEMA_VERSION}
    if prepared:
        stores = open_stores(settings, slug)
        try:
            status.update(items=stores.catalog.count(), users=stores.users.count(),
                          interactions=stores.interactions.count(), genres=len(stores.catalog.genres()))
        finally:
            stores.close()
    gr_dir = settings.gr_dir(slug)
    status["gr_checkpoints"] = sorted(p.name for p in gr_dir.glob("*.pt")) if gr_dir.exists() else []
    status["vector_index"] = str(settings.chroma_path) if settings.chroma_path.exists() else None
    status["genre_judge"] = str(settings.judge_path) if settings.genre_judge and settings.judge_path.exists() else None
    status["title_roles"] = str(settings.roles_path) if settings.title_roles and settings.roles_path.exists() else None
    return status
