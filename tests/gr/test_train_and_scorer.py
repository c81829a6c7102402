"""End to end on tiny synthetic data: learning, checkpoints, the scorer's defined edge cases."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from tools.gr.checkpoint import load_checkpoint, save_checkpoint
from tools.gr.config import load_config
from tools.gr.data import build_sequences, leave_one_out
from tools.gr.scorer import UNKNOWN_SCORE, FakeScorer, GRScorer
from tools.gr.train import FitResult, evaluate, main
from tools.protocols import Scorer


@pytest.fixture(scope="module")
def trained(histories, tmp_path_factory) -> tuple[FitResult, Path]:
    mcfg, tcfg = load_config("tiny", {"model": "hstu", "device": "cpu"})
    out = tmp_path_factory.mktemp("gr") / "hstu.pt"
    return main(histories, mcfg, tcfg, out=out), out


def test_tiny_model_learns_the_cycle_well_above_chance(trained) -> None:
    result, _ = trained
    # 50 items, 10 in the history are excluded: chance HR@10 is about 10/40 and NDCG@10 about 0.1
    assert result.test["hr@10"] > 0.8
    assert result.test["ndcg@10"] > 0.5


def test_checkpoint_round_trip_gives_identical_scores(trained, histories, tmp_path) -> None:
    result, path = trained
    loaded = load_checkpoint(path)
    assert loaded.config == result.checkpoint.config
    assert np.array_equal(loaded.id_map.item_ids, result.checkpoint.id_map.item_ids)
    _, split_pairs = histories, leave_one_out(build_sequences(histories)[0]).test[:20]
    assert evaluate(loaded.model, split_pairs) == evaluate(result.checkpoint.model, split_pairs)
    again = save_checkpoint(tmp_path / "copy.pt", loaded)
    a, b = GRScorer.from_checkpoint(path, device="cpu"), GRScorer.from_checkpoint(again, device="cpu")
    assert np.array_equal(a.score([101, 102, 103], [104, 150, 120]), b.score([101, 102, 103], [104, 150, 120]))


def test_scorer_ranks_the_true_next_item_first(trained) -> None:
    scorer = GRScorer.from_checkpoint(trained[1], device="cpu")
    assert isinstance(scorer, Scorer)
    history = [110, 111, 112, 113, 114]
    for head in ("rank", "retrieval"):
        scorer.head = head
        scores = scorer.score(history, list(range(101, 151)))
        assert int(np.argmax(scores)) + 101 == 115, head
    assert scorer.recommend(history, 3, exclude=history)[0][0] == 115
    user = scorer.user_embedding(history)
    assert user is not None and user.shape == (16,) and abs(float(np.linalg.norm(user)) - 1) < 1e-5


def test_empty_and_unknown_history_fall_back_to_popularity(trained) -> None:
    scorer = GRScorer.from_checkpoint(trained[1], device="cpu")
    for history in ([], [999_999, 5]):
        scores = scorer.score(history, [101, 102, 7])
        assert scores.shape == (3,) and scores[2] == UNKNOWN_SCORE
        assert 0.0 <= scores[0] <= 1.0 and any("popularity" in n for n in scorer.last_notes)
        assert scorer.user_embedding(history) is None
        assert len(scorer.recommend(history, 5)) == 5


def test_unknown_ids_are_skipped_with_a_note(trained) -> None:
    scorer = GRScorer.from_checkpoint(trained[1], device="cpu")
    clean = scorer.score([110, 111, 112], [113, 140])
    noisy = scorer.score([110, 5, 111, 999_999, 112], [113, 77, 140])
    assert np.allclose(noisy[[0, 2]], clean, atol=1e-6) and noisy[1] == UNKNOWN_SCORE
    assert any("unknown history item" in n for n in scorer.last_notes)
    assert any("unknown candidate" in n for n in scorer.last_notes)


def test_over_long_history_is_truncated_to_max_len(trained) -> None:
    scorer = GRScorer.from_checkpoint(trained[1], device="cpu")
    max_len = scorer.ckpt.config.max_len
    long = [101 + i % 50 for i in range(5 * max_len)]
    assert np.allclose(scorer.score(long, [101, 120]), scorer.score(long[-max_len:], [101, 120]), atol=1e-6)
    assert any("truncated" in n for n in scorer.last_notes) is False  # notes reset per call
    scorer.score(long, [101])
    assert any("truncated" in n for n in scorer.last_notes)


def test_fake_scorer_is_a_deterministic_scorer() -> None:
    fake = FakeScorer({1: 10, 2: 5, 3: 5})
    assert isinstance(fake, Scorer)
    assert fake.score([1], [2, 1, 9]).tolist() == [0.5, 1.0, UNKNOWN_SCORE]
    assert fake.recommend([], 2, exclude=[1]) == [(2, 0.5), (3, 0.5)]
    assert fake.user_embedding([]) is None
    assert np.array_equal(fake.user_embedding([1, 2]), fake.user_embedding([1, 2]))


def test_auto_head_uses_the_rank_head_only_when_it_was_trained(trained) -> None:
    scorer = GRScorer.from_checkpoint(trained[1], device="cpu")
    assert scorer.ckpt.train_config["rank_weight"] == 1.0 and scorer.head == "rank"
    scorer.ckpt.train_config["rank_weight"] = 0.0
    assert GRScorer(scorer.ckpt, "cpu").head == "retrieval"
    assert GRScorer(scorer.ckpt, "cpu", head="rank").head == "rank"


def test_item_vectors_are_computed_once_and_stay_exact(trained) -> None:
    scorer = GRScorer.from_checkpoint(trained[1], device="cpu")
    ids, vectors = scorer.item_embeddings()
    import torch

    with torch.no_grad():
        fresh = scorer.model.item_outputs(torch.arange(1, scorer.ckpt.config.num_items + 1)).numpy()
    assert np.allclose(vectors, fresh)
    again_ids, again = scorer.item_embeddings()
    assert again is vectors and not again.flags.writeable  # cached, and nobody can change the cache
    ids[0] = -1
    assert again_ids[0] != -1
    assert scorer.recommend([110, 111, 112, 113, 114], 1)[0][0] == 115


def test_version_1_checkpoints_still_load_and_future_ones_fail_clearly(trained, tmp_path) -> None:
    from muse.errors import DataError

    state = torch.load(trained[1], weights_only=True)
    old = dict(state, format=1, model_config={k: v for k, v in state["model_config"].items() if k not in ("positions", "time_bias")})
    torch.save(old, tmp_path / "v1.pt")
    history, cands = [110, 111, 112], [113, 140, 120]
    v1 = GRScorer.from_checkpoint(tmp_path / "v1.pt", device="cpu")
    assert v1.ckpt.config.positions == "recent" and v1.ckpt.config.time_bias == "item"
    if trained[0].checkpoint.config.time_bias == "item":
        assert np.allclose(v1.score(history, cands), GRScorer.from_checkpoint(trained[1], device="cpu").score(history, cands))
    torch.save(dict(state, format=99), tmp_path / "future.pt")
    with pytest.raises(DataError, match="format 99"):
        load_checkpoint(tmp_path / "future.pt")
    torch.save(dict(state, model_config={**state["model_config"], "warp_drive": 1}), tmp_path / "odd.pt")
    with pytest.raises(DataError, match="warp_drive"):
        load_checkpoint(tmp_path / "odd.pt")


def test_window_exclusion_never_ranks_worse_than_nothing_and_history_exclusion_not_worse(trained, histories) -> None:
    result, _ = trained
    pairs = leave_one_out(build_sequences(histories)[0]).test
    model = result.checkpoint.model
    window, history = evaluate(model, pairs, exclude="window"), evaluate(model, pairs, exclude="history")
    assert history["mrr"] >= window["mrr"]  # removing more items can only lift the target
    assert result.test_window == window and result.test == history
