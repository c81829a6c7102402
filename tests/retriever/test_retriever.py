"""Retrieval on the real MiniLM vectors, through both backends: filters are never broken."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from muse.errors import InvalidInputError
from tools.retriever.filters import Filters
from tools.retriever.retriever import MAX_QUERY_CHARS, Retriever

BACKENDS = ["exact", "chroma"]
GENRES = ["Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Drama", "Fantasy",
          "Horror", "Romance", "Sci-Fi", "Thriller", "War", "Documentary", "Musical"]
QUERIES = ["space alien horror", "romantic comedy", "toys come to life", "gangster crime family", "war"]


def _check(retriever: Retriever, result, filters: Filters, k: int) -> None:
    items = {i.item_id: i for i in retriever.catalog.get_many(result.item_ids)}
    assert len(result.candidates) <= k
    assert len(set(result.item_ids)) == len(result.item_ids)
    for candidate in result.candidates:
        assert filters.accepts(items[candidate.item_id]), (candidate, filters)
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True)
    if len(result.candidates) < k:
        assert result.note


@st.composite
def filters_strategy(draw: st.DrawFn) -> Filters:
    """Valid filters: disjoint include/exclude genres, ordered years, some excluded ids."""
    genres = draw(st.lists(st.sampled_from(GENRES), max_size=5, unique=True))
    cut = draw(st.integers(0, len(genres)))
    years = sorted(draw(st.lists(st.integers(1900, 2020), min_size=2, max_size=2)))
    return Filters(
        include_genres=tuple(genres[:cut]),
        exclude_genres=tuple(genres[cut:]),
        year_min=draw(st.sampled_from([None, years[0]])),
        year_max=draw(st.sampled_from([None, years[1]])),
        exclude_ids=draw(st.frozensets(st.integers(1, 400), max_size=40)),
    )


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filters_strategy(), query=st.sampled_from(QUERIES), k=st.integers(1, 60))
def test_no_result_ever_breaks_a_filter(retrievers, backend: str, filters: Filters, query: str, k: int) -> None:
    retriever = retrievers[backend]
    result = retriever.search(query, filters=filters, k=k)
    _check(retriever, result, filters, k)
    if backend == "exact":  # exact search returns exactly min(k, passing) items: never padded, never short
        assert len(result.candidates) == min(k, retriever.vectors.matching(filters))


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filters_strategy(), seeds=st.lists(st.sampled_from([1, 2, 1214, 541, 2571, 4973]), min_size=1, max_size=3))
def test_similar_to_honours_filters_and_leaves_out_the_seeds(retrievers, backend: str, filters: Filters, seeds: list[int]) -> None:
    retriever = retrievers[backend]
    result = retriever.similar_to(seeds, filters=filters, k=20)
    _check(retriever, result, filters, 20)
    assert not set(seeds) & set(result.item_ids)


@pytest.mark.parametrize("backend", BACKENDS)
def test_meaning_finds_the_right_films(retrievers, backend: str) -> None:
    retriever = retrievers[backend]
    assert 1214 in retriever.search("space alien horror", k=10).item_ids  # Alien
    toys = retriever.search("toys come to life", filters={"include_genres": ["Animation"]}, k=5)
    assert 1 in toys.item_ids  # Toy Story
    assert all(c.source == "retriever" for c in toys.candidates)


def test_both_backends_agree_on_the_top_results(retrievers) -> None:
    for query in QUERIES:
        exact = retrievers["exact"].search(query, filters={"year_max": 1999}, k=20).item_ids
        chroma = retrievers["chroma"].search(query, filters={"year_max": 1999}, k=20).item_ids
        assert len(set(exact) & set(chroma)) >= 18


def test_similar_to_alien_is_scifi_horror(retrievers) -> None:
    result = retrievers["exact"].similar_to([1214], k=5)
    items = retrievers["exact"].catalog.get_many(result.item_ids)
    assert 1200 in result.item_ids or any({"Horror", "Sci-Fi"} & set(i.genres) for i in items)
    assert all(c.source == "similar" for c in result.candidates)


def test_too_narrow_filters_return_fewer_and_say_why(retrievers) -> None:
    retriever = retrievers["exact"]
    filters = {"include_genres": ["Horror"], "year_min": 1979, "year_max": 1979}
    result = retriever.search("scary", filters=filters, k=10)
    assert 0 < len(result.candidates) < 10
    assert "pass the filters" in result.note and "Horror" in result.note


def test_browse_ranks_by_popularity_under_filters(retrievers, small_items) -> None:
    result = retrievers["exact"].browse({"include_genres": ["Sci-Fi"]}, k=3)
    popularity = {i.item_id: i.popularity for i in small_items}
    assert [popularity[i] for i in result.item_ids] == sorted((popularity[i] for i in result.item_ids), reverse=True)
    assert all("Sci-Fi" in i.genres for i in retrievers["exact"].catalog.get_many(result.item_ids))


class TestBadInput:
    @pytest.mark.parametrize("text", ["", "   ", None])
    def test_empty_query_gives_an_empty_result_with_its_reason(self, retrievers, text) -> None:
        result = retrievers["exact"].search(text, k=5)
        assert result.candidates == [] and "empty query" in result.note

    def test_a_100kb_query_is_cut_with_a_note(self, retrievers) -> None:
        result = retrievers["exact"].search("alien horror in space " * 5000, k=5)
        assert len(result.candidates) == 5
        assert f"query cut from 109999 to {MAX_QUERY_CHARS} characters" == result.note

    def test_unknown_genre_is_a_clear_error(self, retrievers) -> None:
        with pytest.raises(InvalidInputError, match="unknown genre.*'Horor'.*known genres: Action"):
            retrievers["exact"].search("x", filters={"include_genres": ["Horor"]})

    def test_year_min_after_year_max_is_a_clear_error(self, retrievers) -> None:
        with pytest.raises(InvalidInputError, match="year_min 2000 is after year_max 1990"):
            retrievers["chroma"].search("x", filters={"year_min": 2000, "year_max": 1990})

    @pytest.mark.parametrize("k", [0, -3])
    def test_non_positive_k_is_an_error(self, retrievers, k: int) -> None:
        with pytest.raises(InvalidInputError, match="k must be"):
            retrievers["exact"].search("x", k=k)

    def test_a_vector_of_the_wrong_size_is_an_error(self, retrievers) -> None:
        with pytest.raises(InvalidInputError, match="384"):
            retrievers["exact"].search(vector=np.ones(10))

    def test_a_vector_alone_is_a_query(self, retrievers, minilm) -> None:
        vector = minilm.embed(["space alien horror"])[0]
        assert retrievers["exact"].search(vector=vector, k=10).item_ids == retrievers["exact"].search("space alien horror", k=10).item_ids

    def test_similar_to_unknown_items_says_so(self, retrievers) -> None:
        result = retrievers["exact"].similar_to([999_999_999], k=5)
        assert result.candidates == [] and "is indexed" in result.note
