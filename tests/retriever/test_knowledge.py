"""Knowledge augmentation with LangChain's fake chat model replaying scripted replies."""

from __future__ import annotations

import json

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from muse.domain import Item
from muse.settings import Settings
from tools.retriever.embedders import FakeEmbedder
from tools.retriever.factory import open_indexes
from tools.retriever.index import build_index
from tools.retriever.item_text import content_text, title_text
from tools.retriever.knowledge import augment_catalog, knowledge_prompt, parse_knowledge

from .conftest import CountingEmbedder, stores_with

ALIEN = Item(1214, "Alien", 1979, ("Horror", "Sci-Fi"), ("space", "claustrophobic"), popularity=146)
HEAT = Item(6, "Heat", 1995, ("Action", "Crime", "Thriller"), popularity=102)
GOOD = json.dumps({"description": "The crew of a space freighter is hunted by a lethal creature.", "keywords": ["space", "creature", "isolation"]})


def test_prompt_snapshot() -> None:
    assert knowledge_prompt(ALIEN) == (
        "You write short factual notes about films for a recommender's search index.\n\n"
        "Film: Alien\nYear: 1979\nGenres: Horror, Sci-Fi\nTags people gave it: space, claustrophobic\n\n"
        "Reply with only a JSON object, no other text:\n"
        '{"description": "<one or two factual sentences: premise, setting, tone; no spoilers, no opinions>", '
        '"keywords": ["<up to 8 short lowercase keywords: themes, mood, setting, style>"]}\n\n'
        "If you do not know this film, describe only what the title, genres and tags imply, without inventing names or plot details.\n"
    )


def test_parse_tolerates_fences_and_trims_keywords() -> None:
    reply = "Sure!\n```json\n" + json.dumps({"description": "  A heist crew   and a detective clash in Los Angeles. ",
                                             "keywords": ["Heist", "heist", "la", "", *map(str, range(10))]}) + "\n```"
    knowledge = parse_knowledge(reply)
    assert knowledge.description == "A heist crew and a detective clash in Los Angeles."
    assert knowledge.keywords == ["heist", "la", "0", "1", "2", "3", "4", "5"]


def test_augment_stores_knowledge_most_popular_first() -> None:
    stores = stores_with([HEAT, ALIEN])
    llm = FakeListChatModel(responses=[GOOD])
    report = augment_catalog(stores.catalog, llm, limit=1)
    assert (report.done, report.failed, report.llm_calls) == (1, 0, 1)
    assert stores.catalog.get(1214).keywords == ("space", "creature", "isolation")
    assert stores.catalog.get(6).description == ""
    assert augment_catalog(stores.catalog, FakeListChatModel(responses=[GOOD]), item_ids=[1214]).already == 1


def test_garbage_gets_one_repair_then_the_item_is_skipped() -> None:
    stores = stores_with([ALIEN, HEAT])
    llm = FakeListChatModel(responses=["I think it is a scary film.", GOOD, "{not json", '{"description": "too short"}'])
    report = augment_catalog(stores.catalog, llm)
    assert (report.done, report.failed, report.llm_calls, report.failures) == (1, 1, 4, [6])
    assert stores.catalog.get(1214).description.startswith("The crew")
    assert stores.catalog.get(6).description == ""


def test_knowledge_joins_the_item_text_and_triggers_a_reembed(tmp_path) -> None:
    stores = stores_with([ALIEN, HEAT])
    embedder = CountingEmbedder(FakeEmbedder())
    indexes = open_indexes(Settings(home=tmp_path), "k", embedder, with_chroma=False)
    build_index(stores.catalog, embedder, indexes.exact)
    augment_catalog(stores.catalog, FakeListChatModel(responses=[GOOD]), limit=1)
    embedder.texts.clear()
    report = build_index(stores.catalog, embedder, indexes.exact)
    alien = stores.catalog.get(1214)
    assert report.embedded == 1 and embedder.texts == [content_text(alien), title_text(alien)]
    assert "lethal creature" in embedder.texts[0] and "Keywords: space, creature, isolation." in embedder.texts[0]
