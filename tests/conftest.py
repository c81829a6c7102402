"""Shared test fixtures. Every test runs offline with its own Muse home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from muse.settings import OFFLINE_ENV, Settings

for _key, _value in OFFLINE_ENV.items():
    os.environ.setdefault(_key, _value)

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SHIPPED_SMALL = REPO / "data" / "ml-latest-small"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a private, empty Muse home."""
    return Settings(home=tmp_path / "home")


def shared_dataset(name: str) -> Path:
    """A dataset under ../shared/data, or skip the test with the reason."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"{path} is absent (licence forbids shipping it; see README)")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL for the whole test session: MUSE_TEST_DATABASE_URL, else a throwaway server on
    loopback (initdb into a temp dir; stopped and deleted at the end, also on failure). Skips, saying
    why, only where no server binaries exist (`make postgres-deps` installs Debian's)."""
    url = os.environ.get("MUSE_TEST_DATABASE_URL")
    if url:
        yield url
        return
    from stores.postgres.local import LocalPostgres, PostgresUnavailable

    server = LocalPostgres()
    try:
        url = server.start()
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield url
    finally:
        server.stop()


@pytest.fixture
def pg_slug(postgres_url: str) -> Iterator[str]:
    """A fresh dataset slug (its own schema) in the session's PostgreSQL, dropped after the test."""
    import uuid

    import psycopg
    from psycopg import sql

    from stores.postgres import schema_name

    slug = f"test-{uuid.uuid4().hex[:12]}"
    yield slug
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema_name(slug))))


@pytest.fixture
def pg_database(postgres_url: str) -> Iterator[str]:
    """The URL of a fresh, empty database in the session's PostgreSQL, dropped after the test."""
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = urlunsplit(urlsplit(postgres_url)._replace(path=f"/{name}"))
    yield url
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
