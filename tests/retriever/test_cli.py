"""`muse index build` and `muse search` end to end on a tiny MovieLens-format dataset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from muse.cli import app

MOVIES = """movieId,title,genres
1,Alien (1979),Horror|Sci-Fi
2,Aliens (1986),Action|Horror|Sci-Fi
3,"Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)",Comedy|Romance
4,Heat (1995),Action|Crime|Thriller
5,"Matrix, The (1999)",Action|Sci-Fi|Thriller
"""
RATINGS = "userId,movieId,rating,timestamp\n" + "".join(f"{u},{m},4.0,{1000 + u * 10 + m}\n" for u in (1, 2) for m in (1, 2, 3, 4, 5))


@pytest.fixture
def dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    root = tmp_path / "tiny"
    root.mkdir()
    (root / "movies.csv").write_text(MOVIES, encoding="utf-8")
    (root / "ratings.csv").write_text(RATINGS, encoding="utf-8")
    monkeypatch.setenv("MUSE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MUSE_EMBEDDER", "fake")
    assert CliRunner().invoke(app, ["data", "prepare", "--dataset", str(root)]).exit_code == 0
    return str(root)


def test_index_build_is_incremental(dataset: str) -> None:
    first = CliRunner().invoke(app, ["index", "build", "--dataset", dataset, "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["embedded"] == 5
    again = json.loads(CliRunner().invoke(app, ["index", "build", "--dataset", dataset, "--json"]).output)
    assert (again["embedded"], again["unchanged"], again["chroma_synced"]) == (0, 5, 0)


def test_search_with_filters(dataset: str) -> None:
    CliRunner().invoke(app, ["index", "build", "--dataset", dataset, "--json"])
    result = CliRunner().invoke(app, ["search", "alien", "--genre", "horror", "--not-genre", "Action", "--k", "3",
                                      "--dataset", dataset, "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert [r["item_id"] for r in payload["results"]] == [1]
    assert "pass the filters" in payload["note"]
    text = CliRunner().invoke(app, ["search", "heist in los angeles", "--year-min", "1990", "--dataset", dataset])
    assert "Heat (1995)" in text.output and "exact backend" in text.output


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--genre", "Horor"], "unknown genre"), (["--year-min", "2000", "--year-max", "1990"], "after year_max")],
)
def test_bad_filters_exit_2_with_a_clear_message(dataset: str, args: list[str], message: str) -> None:
    CliRunner().invoke(app, ["index", "build", "--dataset", dataset])
    result = CliRunner().invoke(app, ["search", "x", *args, "--dataset", dataset])
    assert result.exit_code == 2 and message in result.output


def test_search_before_prepare_says_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUSE_HOME", str(tmp_path))
    result = CliRunner().invoke(app, ["search", "x", "--dataset", "nothing-here"])
    assert result.exit_code == 2 and "muse data prepare" in result.output


def test_index_augment_gets_its_chat_model_from_the_entry_point(dataset: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """tools/ never imports the agent: `muse` hands the retriever's command a chat-model factory."""
    import muse.cli
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    monkeypatch.setenv("MUSE_LLM_BACKEND", "none")
    off = CliRunner().invoke(app, ["index", "augment", "--limit", "1", "--dataset", dataset])
    assert off.exit_code == 2 and "no LLM configured" in off.output

    reply = json.dumps({"description": "A crew is hunted in space.", "keywords": ["space", "creature"]})
    monkeypatch.setattr(muse.cli, "_chat_model", lambda settings: FakeListChatModel(responses=[reply]))
    done = CliRunner().invoke(app, ["index", "augment", "--limit", "1", "--dataset", dataset, "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["done"] == 1
