"""The understanding corpus: every line valid, every title and genre real, the test split frozen."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

import pytest

from evals.understanding import CATALOG_GENRES, CorpusError, Request, load_split, read_requests, split_path

CATALOG = Path(__file__).resolve().parents[2] / "data" / "ml-latest-small" / "movies.csv"
FROZEN_TEST_SHA256 = "799a3b0a146d51535139d24bd83188bbe95560e0c1360fab3196de7ec62c69fa"
ALL_SPLITS = ("dev", "test", "dev2", "check", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15",
              "dev16", "dev17", "dev18", "dev19", "dev20", "dev21", "dev22", "dev23", "dev24", "dev25", "dev26", "dev27", "dev28", "dev29", "dev30", "dev31", "dev32", "dev33",
              "dev34", "dev35", "dev36", "dev37", "dev38", "dev39", "dev40", "dev41", "dev42", "dev43", "dev44", "dev45", "dev46", "dev47", "dev48", "dev49", "dev50", "dev51", "dev52", "dev53", "dev54", "dev55", "dev56", "dev57", "dev58", "dev59", "dev60", "dev61", "dev62", "dev63", "dev64", "dev65", "dev66", "dev67", "dev68", "dev69", "dev70", "dev71", "dev72", "dev73", "dev74", "dev75", "dev76", "dev77", "dev78", "dev79", "dev80", "dev81", "dev82", "dev83", "dev84", "dev85", "dev86", "dev87", "dev88", "dev89", "dev90", "dev91")
INTENTS = {"recommend", "refine", "ask_item", "feedback", "chitchat"}


@pytest.fixture(scope="module")
def catalog() -> dict[int, set[str]]:
    with CATALOG.open(encoding="utf-8") as fh:
        return {int(row["movieId"]): set(row["genres"].split("|")) for row in csv.DictReader(fh)}


def test_test_split_is_frozen() -> None:
    digest = hashlib.sha256(split_path("test").read_bytes()).hexdigest()
    assert digest == FROZEN_TEST_SHA256, "test.jsonl is frozen: record errata in its README, do not edit it"


def test_splits_are_big_enough_and_ids_unique() -> None:
    dev, test = load_split("dev"), load_split("test")
    assert len(dev) + len(test) >= 520
    assert len(test) >= 250
    ids = [r.id for r in [*dev, *test]]
    assert len(ids) == len(set(ids))
    assert {r.intent for r in test} == {"recommend", "refine", "ask_item", "feedback", "chitchat"}


def test_ids_are_unique_across_all_splits_and_carry_their_prefix() -> None:
    ids = [r.id for split in ALL_SPLITS for r in load_split(split)]
    assert len(ids) == len(set(ids))
    for split in ("dev2", "check", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16",
                  "dev17", "dev18", "dev19", "dev20", "dev21", "dev22", "dev23", "dev24", "dev25", "dev26", "dev27", "dev28", "dev29", "dev30", "dev31", "dev32", "dev33",
                  "dev34", "dev35", "dev36", "dev37", "dev38", "dev39", "dev40", "dev41", "dev42", "dev43", "dev44", "dev45", "dev46", "dev47", "dev48", "dev49", "dev50", "dev51", "dev52", "dev53", "dev54", "dev55", "dev56", "dev57", "dev58", "dev59", "dev60", "dev61", "dev62", "dev63", "dev64", "dev65", "dev66", "dev67", "dev68", "dev69", "dev70", "dev71", "dev72", "dev73", "dev74", "dev75", "dev76", "dev77", "dev78", "dev79", "dev80", "dev81", "dev82", "dev83", "dev84", "dev85", "dev86", "dev87", "dev88", "dev89", "dev90", "dev91"):
        assert all(r.id.startswith(f"{split}-") for r in load_split(split)), split


@pytest.mark.parametrize(("split", "size"), [("dev2", 240), ("check", 160)])
def test_new_splits_cover_every_slot(split: str, size: int) -> None:
    requests = load_split(split)
    assert len(requests) == size
    assert {r.intent for r in requests} == INTENTS
    assert sum(r.year_min is not None or r.year_max is not None for r in requests) >= 60
    assert sum(bool(r.genres_avoided) for r in requests) >= 50
    assert sum(bool(r.liked_titles or r.disliked_titles or r.asked_titles) for r in requests) >= 40
    assert sum(r.genres_all_required for r in requests) >= 25
    assert any(len(r.genres_wanted) >= 2 and not r.genres_all_required for r in requests), "no X-or-Y alternatives"
    assert sum(bool(r.context) for r in requests) >= size // 6
    assert all(r.voice.startswith("v2-") for r in requests)
    assert all(r.context for r in requests if r.intent == "refine")


def _slot_counts(requests: list[Request]) -> dict[str, int]:
    """How many requests carry each slot a split's emphases are stated in."""
    return {
        "wanted": sum(bool(r.genres_wanted) for r in requests),
        "avoided": sum(bool(r.genres_avoided) for r in requests),
        "titles": sum(bool(r.liked_titles or r.disliked_titles or r.asked_titles) for r in requests),
        "two titles": sum(len([*r.liked_titles, *r.disliked_titles, *r.asked_titles]) >= 2 for r in requests),
        "years": sum(r.year_min is not None or r.year_max is not None for r in requests),
        "mixes": sum(r.genres_all_required for r in requests),
        "alternatives": sum(len(r.genres_wanted) >= 2 and not r.genres_all_required for r in requests),
        "contexts": sum(bool(r.context) for r in requests),
        "refines": sum(r.intent == "refine" for r in requests),
    }


#: Each later split's emphases (dev3: refusals and follow-ups; dev4: titles, several per message; dev5: refusals, titles, eras).
EMPHASES = {
    "dev3": {"avoided": 100, "titles": 90, "years": 70, "mixes": 25, "alternatives": 5, "refines": 50},
    "dev4": {"avoided": 90, "titles": 100, "two titles": 50, "years": 90, "mixes": 15, "alternatives": 5},
    "dev5": {"avoided": 100, "titles": 110, "two titles": 20, "years": 90, "mixes": 30, "alternatives": 5},
    "dev6": {"avoided": 80, "titles": 130, "two titles": 50, "years": 100, "mixes": 25, "alternatives": 10},
    "dev7": {"avoided": 70, "titles": 110, "two titles": 35, "years": 80, "mixes": 20, "alternatives": 8},
    "dev8": {"avoided": 60, "titles": 100, "two titles": 30, "years": 100, "mixes": 20, "alternatives": 8},
    "dev9": {"avoided": 60, "titles": 140, "two titles": 30, "years": 100, "mixes": 20, "alternatives": 3},
    "dev10": {"avoided": 100, "titles": 110, "two titles": 60, "years": 95, "mixes": 25, "alternatives": 7},
    "dev11": {"avoided": 85, "titles": 100, "two titles": 50, "years": 85, "mixes": 20, "alternatives": 5},
    "dev12": {"avoided": 85, "titles": 125, "two titles": 50, "years": 100, "mixes": 25, "alternatives": 7},
    "dev13": {"avoided": 95, "titles": 115, "two titles": 33, "years": 90, "mixes": 25, "alternatives": 7},
    "dev14": {"avoided": 90, "titles": 125, "two titles": 35, "years": 105, "mixes": 25, "alternatives": 5},
    "dev15": {"avoided": 90, "titles": 130, "two titles": 45, "years": 100, "mixes": 28, "alternatives": 7},
    "dev16": {"avoided": 100, "titles": 105, "two titles": 25, "years": 90, "mixes": 20, "alternatives": 12},
    "dev17": {"avoided": 100, "titles": 110, "two titles": 25, "years": 90, "mixes": 22, "alternatives": 5},
    "dev18": {"avoided": 100, "titles": 110, "two titles": 30, "years": 90, "mixes": 20, "alternatives": 5},
    "dev19": {"avoided": 100, "titles": 110, "two titles": 30, "years": 90, "mixes": 20, "alternatives": 5},
    "dev20": {"avoided": 100, "titles": 110, "two titles": 30, "years": 90, "mixes": 20, "alternatives": 5},
    "dev21": {"avoided": 100, "titles": 110, "two titles": 30, "years": 90, "mixes": 20, "alternatives": 5},
    "dev22": {"avoided": 100, "titles": 110, "two titles": 30, "years": 90, "mixes": 20, "alternatives": 5},
    "dev23": {"avoided": 100, "titles": 110, "two titles": 30, "years": 90, "mixes": 20, "alternatives": 5},
    "dev24": {"avoided": 100, "titles": 110, "two titles": 30, "years": 90, "mixes": 20, "alternatives": 5},
    "dev25": {"avoided": 100, "titles": 110, "two titles": 30, "years": 90, "mixes": 20, "alternatives": 5},
    "dev26": {"avoided": 100, "titles": 110, "two titles": 30, "years": 90, "mixes": 20, "alternatives": 5},
    "dev27": {"avoided": 100, "titles": 110, "two titles": 30, "years": 90, "mixes": 20, "alternatives": 5},
    "dev28": {"avoided": 100, "titles": 110, "two titles": 30, "years": 90, "mixes": 20, "alternatives": 5},
    "dev29": {"avoided": 100, "titles": 110, "two titles": 30, "years": 90, "mixes": 20, "alternatives": 5},
    "dev30": {"avoided": 105, "titles": 115, "two titles": 35, "years": 95, "mixes": 22, "alternatives": 6},
    "dev31": {"avoided": 105, "titles": 115, "two titles": 35, "years": 95, "mixes": 22, "alternatives": 6},
    "dev32": {"avoided": 105, "titles": 115, "two titles": 35, "years": 95, "mixes": 22, "alternatives": 6},
    "dev33": {"avoided": 105, "titles": 115, "two titles": 35, "years": 95, "mixes": 22, "alternatives": 6},
    "dev34": {"avoided": 105, "titles": 115, "two titles": 35, "years": 95, "mixes": 22, "alternatives": 6},
    "dev35": {"avoided": 105, "titles": 115, "two titles": 35, "years": 95, "mixes": 22, "alternatives": 6},
    "dev36": {"avoided": 105, "titles": 115, "two titles": 35, "years": 95, "mixes": 22, "alternatives": 6},
    "dev37": {"avoided": 105, "titles": 115, "two titles": 35, "years": 95, "mixes": 22, "alternatives": 6},
    "dev38": {"avoided": 105, "titles": 115, "two titles": 35, "years": 95, "mixes": 22, "alternatives": 6},
    "dev39": {"avoided": 105, "titles": 115, "two titles": 35, "years": 95, "mixes": 22, "alternatives": 6},
    "dev40": {"avoided": 105, "titles": 115, "two titles": 35, "years": 95, "mixes": 22, "alternatives": 6},
    "dev41": {"avoided": 105, "titles": 115, "two titles": 35, "years": 95, "mixes": 22, "alternatives": 6},
    "dev42": {"avoided": 105, "titles": 135, "two titles": 45, "years": 95, "mixes": 22, "alternatives": 6},
    "dev43": {"avoided": 105, "titles": 135, "two titles": 45, "years": 95, "mixes": 22, "alternatives": 6},
    "dev44": {"avoided": 105, "titles": 135, "two titles": 45, "years": 95, "mixes": 22, "alternatives": 6},
    "dev45": {"avoided": 105, "titles": 135, "two titles": 45, "years": 95, "mixes": 22, "alternatives": 6},
    "dev46": {"avoided": 105, "titles": 135, "two titles": 45, "years": 95, "mixes": 22, "alternatives": 6},
    "dev47": {"avoided": 100, "titles": 135, "two titles": 45, "years": 95, "mixes": 22, "alternatives": 6},
    "dev48": {"avoided": 105, "titles": 135, "two titles": 45, "years": 95, "mixes": 22, "alternatives": 6},
    "dev49": {"avoided": 105, "titles": 135, "two titles": 45, "years": 95, "mixes": 22, "alternatives": 6},
    "dev50": {"avoided": 105, "titles": 135, "two titles": 45, "years": 95, "mixes": 22, "alternatives": 6},
    "dev51": {"avoided": 100, "titles": 135, "two titles": 45, "years": 95, "mixes": 22, "alternatives": 6},
    "dev52": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 6},
    "dev53": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 6},
    "dev54": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 6},
    "dev55": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 6},
    "dev56": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 6},
    "dev57": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 6},
    "dev58": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 5},
    "dev59": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 6},
    "dev60": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 6},
    "dev61": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 6},
    "dev62": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 5},
    "dev63": {"avoided": 130, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 5},
    "dev64": {"avoided": 100, "titles": 170, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 5},
    "dev65": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 5},
    "dev66": {"avoided": 130, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 5},
    "dev67": {"avoided": 100, "titles": 150, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 5},
    "dev68": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 5},
    "dev69": {"avoided": 100, "titles": 170, "two titles": 70, "years": 100, "mixes": 20, "alternatives": 5},
    "dev70": {"avoided": 100, "titles": 135, "two titles": 45, "years": 100, "mixes": 20, "alternatives": 5},
    "dev71": {"avoided": 100, "titles": 170, "two titles": 70, "years": 100, "mixes": 20, "alternatives": 5},
    "dev72": {"avoided": 150, "titles": 40, "years": 40, "mixes": 10, "alternatives": 5},
    "dev73": {"titles": 220, "two titles": 110, "years": 30, "mixes": 20},
    "dev74": {"avoided": 120, "titles": 60, "years": 80, "mixes": 20, "alternatives": 5},
    "dev75": {"avoided": 40, "titles": 190, "two titles": 90, "years": 50, "mixes": 15},
    "dev76": {"avoided": 90, "titles": 70, "years": 70, "mixes": 25, "alternatives": 10},
    "dev77": {"avoided": 60, "titles": 90, "two titles": 30, "years": 60, "mixes": 15, "contexts": 110},
    "dev78": {"avoided": 100, "titles": 40, "years": 50, "mixes": 30, "alternatives": 15},
    "dev79": {"avoided": 40, "titles": 150, "two titles": 60, "years": 40, "mixes": 10, "contexts": 50},
    "dev80": {"avoided": 150, "titles": 30, "years": 50, "mixes": 25, "alternatives": 15, "contexts": 40},
    "dev81": {"avoided": 60, "titles": 80, "two titles": 20, "years": 70, "mixes": 25, "contexts": 35},
    "dev82": {"titles": 150, "two titles": 50, "avoided": 30, "years": 30, "contexts": 35},
    "dev83": {"wanted": 120, "avoided": 60, "years": 80, "mixes": 30, "alternatives": 20, "contexts": 40, "titles": 30},
    "dev84": {"wanted": 150, "avoided": 70, "mixes": 40, "alternatives": 20, "years": 40, "contexts": 35, "titles": 40},
    "dev85": {"wanted": 110, "avoided": 60, "years": 80, "titles": 80, "contexts": 35},
    "dev86": {"wanted": 90, "avoided": 50, "years": 50, "titles": 150, "contexts": 50},
    "dev87": {"wanted": 100, "avoided": 60, "years": 60, "titles": 40, "contexts": 120},
    "dev88": {"wanted": 120, "avoided": 70, "years": 70, "titles": 70, "contexts": 30},
    "dev89": {"wanted": 110, "avoided": 60, "years": 60, "titles": 60, "contexts": 40},
    "dev90": {"wanted": 130, "avoided": 70, "years": 80, "titles": 100, "contexts": 40},
    "dev91": {"wanted": 130, "avoided": 80, "years": 80, "titles": 100, "contexts": 40},
}


@pytest.mark.parametrize(("split", "prefix", "context_share", "size"),
                         [("dev3", "v3-", 6, 300), ("dev4", "v4-", 10, 300), ("dev5", "v5-", 8, 300), ("dev6", "v6-", 13, 240), ("dev7", "v7-", 8, 240), ("dev8", "v8-", 6, 240), ("dev9", "v9-", 8, 240), ("dev10", "v10-", 8, 240),
                          ("dev11", "v11-", 8, 240), ("dev12", "v12-", 8, 240), ("dev13", "v13-", 8, 240),
                          ("dev14", "v14-", 8, 240), ("dev15", "v15-", 8, 240), ("dev16", "v16-", 8, 240),
                          ("dev17", "v17-", 8, 240), ("dev18", "v18-", 8, 240), ("dev19", "v19-", 8, 240),
                          ("dev20", "v20-", 8, 240), ("dev21", "v21-", 8, 240),
                          ("dev22", "v22-", 8, 240), ("dev23", "v23-", 8, 240), ("dev24", "v24-", 8, 240), ("dev25", "v25-", 8, 240),
                          ("dev26", "v26-", 8, 240), ("dev27", "v27-", 8, 240),
                          ("dev28", "v28-", 8, 240), ("dev29", "v29-", 8, 240),
                          ("dev30", "v30-", 8, 240), ("dev31", "v31-", 8, 240),
                          ("dev32", "v32-", 8, 240), ("dev33", "v33-", 8, 240),
                          ("dev34", "v34-", 8, 240), ("dev35", "v35-", 8, 240),
                          ("dev36", "v36-", 8, 240), ("dev37", "v37-", 8, 240),
                          ("dev38", "v38-", 8, 240), ("dev39", "v39-", 8, 240),
                          ("dev40", "v40-", 8, 240), ("dev41", "v41-", 8, 240),
                          ("dev42", "v42-", 8, 240), ("dev43", "v43-", 8, 240),
                          ("dev44", "v44-", 8, 240), ("dev45", "v45-", 8, 240),
                          ("dev46", "v46-", 8, 240), ("dev47", "v47-", 8, 240),
                          ("dev48", "v48-", 8, 240), ("dev49", "v49-", 8, 240),
                          ("dev50", "v50-", 8, 240), ("dev51", "v51-", 8, 240),
                          ("dev52", "v52-", 8, 240), ("dev53", "v53-", 8, 240),
                          ("dev54", "v54-", 8, 240), ("dev55", "v55-", 8, 240),
                          ("dev56", "v56-", 8, 240), ("dev57", "v57-", 8, 240),
                          ("dev58", "v58-", 8, 240), ("dev59", "v59-", 8, 240),
                          ("dev60", "v60-", 8, 240), ("dev61", "v61-", 8, 240),
                          ("dev62", "v62-", 8, 240), ("dev63", "v63-", 8, 240),
                          ("dev64", "v64-", 8, 240), ("dev65", "v65-", 8, 240),
                          ("dev66", "v66-", 8, 240), ("dev67", "v67-", 8, 240),
                          ("dev68", "v68-", 8, 240), ("dev69", "v69-", 8, 240),
                          ("dev70", "v70-", 8, 240), ("dev71", "v71-", 8, 240),
                          ("dev72", "v72-", 8, 235), ("dev73", "v73-", 8, 239),
                          ("dev74", "v74-", 8, 240), ("dev75", "v75-", 8, 243),
                          ("dev76", "v76-", 8, 240), ("dev77", "v77-", 8, 240),
                          ("dev78", "v78-", 8, 240), ("dev79", "v79-", 8, 240),
                          ("dev80", "v80-", 8, 240), ("dev81", "v81-", 8, 240),
                          ("dev82", "v82-", 8, 240), ("dev83", "v83-", 8, 252),
                          ("dev84", "v84-", 8, 240), ("dev85", "v85-", 8, 240),
                          ("dev86", "v86-", 8, 245), ("dev87", "v87-", 8, 240),
                          ("dev88", "v88-", 8, 240), ("dev89", "v89-", 8, 240),
                          ("dev90", "v90-", 8, 240), ("dev91", "v91-", 8, 240)])
def test_later_splits_cover_every_slot_with_their_emphases(split: str, prefix: str, context_share: int, size: int) -> None:
    requests = load_split(split)
    assert len(requests) >= size
    assert {r.intent for r in requests} == INTENTS
    counts = _slot_counts(requests)
    assert {slot: counts[slot] for slot in EMPHASES[split] if counts[slot] < EMPHASES[split][slot]} == {}
    assert counts["contexts"] >= len(requests) // context_share
    assert all(r.voice.startswith(prefix) for r in requests)
    assert all(r.context for r in requests if r.intent == "refine")
    if split != "dev3":
        assert len({r.voice for r in requests}) == 8


@pytest.mark.parametrize("split", ["dev2", "check", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15",
                                   "dev16", "dev17", "dev18", "dev19", "dev20", "dev21", "dev22", "dev23", "dev24", "dev25",
                                   "dev26", "dev27", "dev28", "dev29", "dev30", "dev31", "dev32", "dev33", "dev34", "dev35", "dev36", "dev37", "dev38", "dev39", "dev40", "dev41", "dev42", "dev43", "dev44", "dev45", "dev46", "dev47", "dev48", "dev49", "dev50", "dev51", "dev52", "dev53", "dev54", "dev55", "dev56", "dev57", "dev58", "dev59", "dev60", "dev61", "dev62", "dev63", "dev64", "dev65", "dev66", "dev67", "dev68", "dev69", "dev70", "dev71", "dev72", "dev73", "dev74", "dev75", "dev76", "dev77", "dev78", "dev79", "dev80", "dev81", "dev82", "dev83", "dev84", "dev85", "dev86", "dev87", "dev88", "dev89", "dev90", "dev91"])
def test_new_splits_avoid_the_readme_example_words(split: str) -> None:
    examples = {"rib-tickler", "oater", "horse opera", "gumshoe", "sleuth", "hair-raising", "guffaw", "kaiju", "giallo",
                "noughties", "circa", "nail-biter", "tearjerker", "claymation", "whodunnit", "bloodcurdling", "make me laugh"}
    for r in load_split(split):
        text = " ".join([r.text, *r.context])  # written as a word, in lower case: "Sleuth, the Olivier-Caine original" is a title
        assert not {w for w in examples if w in text}, r.id
        # ...or capitalised only because it opens a sentence ("Giallo. Lurid colour, ..."), unless it is a film's title
        assert not {w for w in examples - {"sleuth"} if re.search(rf"(?:^|[.!?]\s+){re.escape(w.capitalize())}\b", text)}, r.id


@pytest.mark.parametrize("split", ALL_SPLITS)
def test_titles_exist_in_catalog(split: str, catalog: dict[int, set[str]]) -> None:
    for r in load_split(split):
        for item_id in [*r.liked_titles, *r.disliked_titles, *r.asked_titles]:
            assert item_id in catalog, f"{r.id}: movieId {item_id} is not in ml-latest-small"


def test_catalog_genres_are_the_catalogs(catalog: dict[int, set[str]]) -> None:
    names = set().union(*catalog.values()) - {"(no genres listed)"}
    assert names == set(CATALOG_GENRES)
    for split in ALL_SPLITS:
        for r in load_split(split):
            assert set(r.genres_wanted) | set(r.genres_avoided) <= names, r.id


def test_test_split_has_words_dev_never_uses() -> None:
    def words(split: str) -> set[str]:
        return {w for r in load_split(split) for w in re.findall(r"[a-z][a-z'-]+", " ".join([r.text, *r.context]).lower())}
    unseen = words("test") - words("dev")
    assert {"rib-tickler", "oater", "gumshoe", "hair-raising", "guffaw"} <= unseen
    assert len(unseen) > 300


def test_follow_ups_carry_context() -> None:
    refines = [r for r in load_split("dev") if r.intent == "refine"]
    assert refines and all(r.context for r in refines)


def _line(**overrides: object) -> str:
    base = {"id": "x-1", "text": "comedy", "intent": "recommend", "voice": "terse", "genres_wanted": ["Comedy"]}
    return json.dumps({**base, **overrides})


@pytest.mark.parametrize("bad", [
    {"genres_wanted": ["Comedies"]},
    {"year_min": 1999, "year_max": 1990},
    {"genres_avoided": ["Comedy"]},
    {"genres_all_required": True},
    {"intent": "buy"},
    {"surprise": 1},
    {"liked_titles": [1], "disliked_titles": [1]},
])
def test_bad_lines_are_rejected_with_file_and_line(tmp_path: Path, bad: dict) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(_line(id="ok") + "\n" + _line(**bad) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="x.jsonl:2"):
        read_requests(path)


def test_good_line_and_unknown_split(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(_line() + "\n\n", encoding="utf-8")
    assert read_requests(path) == [Request(id="x-1", text="comedy", intent="recommend", voice="terse", genres_wanted=["Comedy"])]
    with pytest.raises(CorpusError, match="unknown split"):
        load_split("train")
