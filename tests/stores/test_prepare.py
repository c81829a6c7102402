"""`muse data prepare`: counts, idempotence, and bad input that leaves the store untouched."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from muse.cli import app
from muse.errors import DataError
from muse.settings import Settings
from stores import open_stores
from stores.datasets import prepare_dataset
from tests.conftest import SHIPPED_SMALL, shared_dataset

runner = CliRunner()


def _prepare_cli(home: Path, dataset: str) -> tuple[int, str]:
    result = runner.invoke(app, ["data", "prepare", "--dataset", dataset, "--json"], env={"MUSE_HOME": str(home)})
    return result.exit_code, result.output


def _snapshot(settings: Settings, slug: str) -> tuple[int, int, int, list[tuple[int, str]]]:
    stores = open_stores(settings, slug)
    try:
        first = [(i.item_id, i.title) for i in list(stores.catalog.all())[:5]]
        return stores.catalog.count(), stores.interactions.count(), stores.users.count(), first
    finally:
        stores.close()


def test_movielens_small_counts_and_idempotence(tmp_path: Path) -> None:
    code, out = _prepare_cli(tmp_path, "movielens-small")
    assert code == 0, out
    first = json.loads(out)
    assert (first["items"], first["users"], first["interactions"]) == (9742, 610, 100836)
    assert first["genres"] == 19 and first["tags"] > 1000
    code, out = _prepare_cli(tmp_path, "ml-latest-small")
    second = json.loads(out)
    assert {k: v for k, v in second.items() if k != "seconds"} == {k: v for k, v in first.items() if k != "seconds"}


def test_ml100k_counts(tmp_path: Path) -> None:
    code, out = _prepare_cli(tmp_path, str(shared_dataset("ml-100k")))
    assert code == 0, out
    got = json.loads(out)
    assert (got["dataset"], got["items"], got["users"], got["interactions"]) == ("ml-100k", 1682, 943, 100000)


def _small_copy(tmp_path: Path, name: str = "mini") -> Path:
    """A small latest-format dataset: the first 50 movies, their ratings."""
    root = tmp_path / name
    root.mkdir()
    movies = (SHIPPED_SMALL / "movies.csv").read_text(encoding="utf-8").splitlines()[:51]
    (root / "movies.csv").write_text("\n".join(movies) + "\n", encoding="utf-8")
    ids = {line.split(",")[0] for line in movies[1:]}
    ratings = [l for l in (SHIPPED_SMALL / "ratings.csv").read_text().splitlines() if l.split(",")[1] in ids or l.startswith("userId")]
    (root / "ratings.csv").write_text("\n".join(ratings[:400]) + "\n")
    return root


@pytest.fixture
def prepared(tmp_path: Path) -> tuple[Settings, Path]:
    """A prepared small dataset named `mini`, and its source folder to break."""
    settings = Settings(home=tmp_path / "home")
    root = _small_copy(tmp_path)
    prepare_dataset(settings, str(root))
    return settings, root


def _expect_error(settings: Settings, spec: str, *fragments: str) -> None:
    before = _snapshot(settings, "mini")
    code, out = _prepare_cli(settings.home, spec)
    assert code != 0
    for fragment in fragments:
        assert fragment in out, out
    assert _snapshot(settings, "mini") == before


def test_missing_path(prepared: tuple[Settings, Path], tmp_path: Path) -> None:
    settings, _ = prepared
    code, out = _prepare_cli(settings.home, str(tmp_path / "nowhere"))
    assert code == 2 and "nowhere" in out and "no such file" in out


def _replace_line(path: Path, index: int, text: str) -> None:
    lines = path.read_text().splitlines()
    lines[index] = text
    path.write_text("\n".join(lines) + "\n")


def test_broken_csv_line_names_file_and_line(prepared: tuple[Settings, Path]) -> None:
    settings, root = prepared
    _replace_line(root / "ratings.csv", 100, "1,2,3")
    _expect_error(settings, str(root), "ratings.csv:101", "expected 4 fields")


def test_non_numeric_field(prepared: tuple[Settings, Path]) -> None:
    settings, root = prepared
    _replace_line(root / "ratings.csv", 7, "1,abc,4.0,964982703")
    _expect_error(settings, str(root), "ratings.csv:8", "'abc' is not an integer")


def test_non_utf8_file(prepared: tuple[Settings, Path]) -> None:
    settings, root = prepared
    raw = (root / "movies.csv").read_bytes().splitlines()
    raw[3] = "4,Caf\u00e9 (1999),Drama".encode("latin-1")
    (root / "movies.csv").write_bytes(b"\n".join(raw) + b"\n")
    _expect_error(settings, str(root), "movies.csv:4", "not valid utf-8")


def test_zip_of_another_dataset(prepared: tuple[Settings, Path], tmp_path: Path) -> None:
    settings, root = prepared
    fake = tmp_path / "ml-100k.zip"
    with zipfile.ZipFile(fake, "w") as archive:
        for f in root.iterdir():
            archive.write(f, f"ml-100k/{f.name}")
    _expect_error(settings, str(fake), "ml-100k.zip", "holds movielens-csv files, not ml-100k")


def test_zip_without_dataset_files(prepared: tuple[Settings, Path], tmp_path: Path) -> None:
    settings, _ = prepared
    junk = tmp_path / "junk.zip"
    with zipfile.ZipFile(junk, "w") as archive:
        archive.writestr("notes.txt", "hello")
    _expect_error(settings, str(junk), "no dataset files found")


def test_not_a_zip(prepared: tuple[Settings, Path], tmp_path: Path) -> None:
    settings, _ = prepared
    bad = tmp_path / "broken.zip"
    bad.write_text("this is not a zip")
    _expect_error(settings, str(bad), "not a valid zip")


def test_zip_of_right_dataset_loads(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    root = _small_copy(tmp_path, "mini")
    archive_path = tmp_path / "zips" / "mini.zip"
    archive_path.parent.mkdir()
    with zipfile.ZipFile(archive_path, "w") as archive:
        for f in root.iterdir():
            archive.write(f, f"mini/{f.name}")
    summary = prepare_dataset(settings, str(archive_path))
    assert summary.dataset == "mini" and summary.items == 50


def test_unknown_item_in_interactions_rolls_back(prepared: tuple[Settings, Path]) -> None:
    settings, root = prepared
    with (root / "ratings.csv").open("a") as handle:
        handle.write("1,999999,4.0,964982703\n")
    _expect_error(settings, str(root), "item 999999")


def test_offline_named_download_says_where_to_put_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import urllib.request

    def offline(*args: object, **kwargs: object) -> None:
        raise OSError("network is unreachable")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    settings = Settings(home=tmp_path / "home")
    with pytest.raises(DataError) as err:
        prepare_dataset(settings, "ml-20m")
    assert str(settings.downloads / "ml-20m.zip") in str(err.value)


def test_shipped_copy_is_checked(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(SHIPPED_SMALL, copy)
    from stores.datasets import _verify_shipped

    _verify_shipped(copy)
    (copy / "tags.csv").write_text("userId,movieId,tag,timestamp\n")
    with pytest.raises(DataError, match="checksum mismatch"):
        _verify_shipped(copy)
