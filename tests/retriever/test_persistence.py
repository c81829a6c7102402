"""State survives a process restart (exact file + Chroma PersistentClient), and the HttpClient path
works against a real `chroma run` server on loopback."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from muse.domain import Item
from muse.settings import Settings
from tools.retriever.embedders import FakeEmbedder
from tools.retriever.exact import ExactIndex
from tools.retriever.factory import choose_backend, open_indexes
from tools.retriever.index import ItemMeta, build_index
from tools.retriever.retriever import Retriever

from .conftest import stores_with

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
from pathlib import Path
from muse.domain import Item
from muse.settings import Settings
from stores import sqlite_stores
from tools.retriever.embedders import FakeEmbedder
from tools.retriever.factory import build_retriever, open_indexes
from tools.retriever.index import build_index

home, backend = Path(sys.argv[1]), sys.argv[2]
settings = Settings(home=home, embedder="fake", retrieval_backend=backend)
stores = sqlite_stores(home / "db.sqlite3")
if stores.catalog.count() == 0:
    stores.catalog.upsert([Item(i, f"Film {i} " + ("space alien" if i % 3 == 0 else "love story"), 1950 + i,
                                ("Sci-Fi",) if i % 3 == 0 else ("Romance",)) for i in range(1, 61)])
embedder = FakeEmbedder()
indexes = open_indexes(settings, "p", embedder)
report = build_index(stores.catalog, embedder, indexes.exact, indexes.mirrors)
result = build_retriever(settings, stores, embedder, slug="p").search("space alien", filters={"year_min": 1970}, k=5)
print(json.dumps({"embedded": report.embedded, "ids": result.item_ids}))
"""


def _run(home: Path, backend: str) -> dict:
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(home), backend], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_index_persists_across_a_process_restart(tmp_path: Path) -> None:
    first = _run(tmp_path, "exact")
    assert first["embedded"] == 60 and len(first["ids"]) == 5
    again = _run(tmp_path, "chroma")  # a new process: nothing re-embedded, Chroma answers the same
    assert again == {"embedded": 0, "ids": first["ids"]}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory):
    binary = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    if not Path(binary).exists():
        pytest.skip("the `chroma` CLI is not installed")
    port = _free_port()
    process = subprocess.Popen([binary, "run", "--path", str(tmp_path_factory.mktemp("chroma-server")), "--host", "127.0.0.1",
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.skip("`chroma run` exited at start")
                time.sleep(0.2)
        else:
            pytest.fail("`chroma run` did not listen within 60 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_http_client_against_a_real_chroma_server(chroma_server: str, small_items, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, chroma_url=chroma_server, embedder="fake")
    assert choose_backend(settings, 10) == "chroma"  # a configured server wins under `auto`
    stores = stores_with(small_items)
    embedder = FakeEmbedder()
    indexes = open_indexes(settings, "served", embedder)
    report = build_index(stores.catalog, embedder, indexes.exact, indexes.mirrors)
    assert report.chroma_synced == len(small_items) == indexes.chroma.count()
    retriever = Retriever(stores.catalog, embedder, indexes.chroma, indexes.exact)
    filters = {"include_genres": ["Comedy"], "exclude_genres": ["Romance"], "year_min": 1995}
    result = retriever.search("funny family adventure", filters=filters, k=10)
    checked = retriever.filters(filters)
    assert len(result.candidates) == 10
    assert all(checked.accepts(item) for item in stores.catalog.get_many(result.item_ids))
    again = open_indexes(settings, "served", embedder)  # a second client sees the same collection
    assert again.chroma.stored() == indexes.chroma.stored()


def _small_index(path: Path, n: int = 40) -> ExactIndex:
    index = ExactIndex(path, 8)
    metas = [ItemMeta(i, 1990 + i % 20, ("Drama",), i, f"h{i}") for i in range(1, n + 1)]
    index.upsert(metas, np.eye(n, 8, dtype=np.float32) + 0.01)
    return index


def test_concurrent_saves_of_one_index_file_never_tear_it(tmp_path: Path) -> None:
    """Two writers (threads here; processes in an evaluation) save the same index path at once:
    each writes its own temporary file, so no save fails and the file left always loads."""
    path = tmp_path / "index.npz"
    writers = [_small_index(path), _small_index(path)]
    errors: list[BaseException] = []

    def save_many(index: ExactIndex) -> None:
        try:
            for _ in range(25):
                index.save()
        except BaseException as e:  # noqa: BLE001 - the test reports any failure
            errors.append(e)

    threads = [threading.Thread(target=save_many, args=(w,)) for w in writers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert ExactIndex(path, 8).count() == 40
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.npz"]  # no temporary file left behind


def test_a_damaged_index_file_is_rebuilt_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "index.npz"
    _small_index(path).save()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + bytes(64) + data[len(data) // 2 + 64:])  # a torn write
    assert ExactIndex(path, 8).count() == 0  # read as empty: a cache miss
    stores = stores_with([Item(i, f"Film {i}", 1990, ("Drama",)) for i in range(1, 11)])
    report = build_index(stores.catalog, FakeEmbedder(dim=8), ExactIndex(path, 8), [])
    assert report.embedded == 10 and ExactIndex(path, 8).count() == 10
