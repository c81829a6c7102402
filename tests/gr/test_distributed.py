"""Data-parallel training: 2 gloo processes on CPU give the 1-process result, and write one checkpoint."""

from __future__ import annotations

from dataclasses import replace

import pytest
import torch

from tests.gr.conftest import cycle_histories
from tools.gr import distributed
from tools.gr.checkpoint import load_checkpoint
from tools.gr.cli import TrainJob, run_job
from tools.gr.config import load_config


def _job(tmp_path, name: str) -> TrainJob:
    # dropout 0: the only randomness left (shuffle, negatives) comes from the shared seed
    mcfg, tcfg = load_config("tiny", {"model": "hstu", "device": "cpu", "epochs": 6, "eval_every": 2, "batch_size": 40,
                                      "micro_batch": 8, "threads": 1, "train_on": "select+refit"})
    histories = cycle_histories(users=90, items=30, length=10)
    return TrainJob(histories, mcfg, tcfg, tmp_path / name / "hstu.pt", "tiny", None, as_json=True)


def test_group_shards_rows_by_stride_and_keeps_empty_ranks_in_the_step() -> None:
    assert distributed.Group(1, 2).shard(5)[0].tolist() == [1, 3]
    local, weight = distributed.Group(3, 4).shard(2)
    assert local.tolist() == [0] and weight == 0.0
    local, weight = distributed.Group().shard(3)
    assert local.tolist() == [0, 1, 2] and weight == 1.0


def test_two_processes_match_one_process_and_write_one_checkpoint(tmp_path) -> None:
    one, two = _job(tmp_path, "one"), _job(tmp_path, "two")
    run_job(distributed.Group(), one)
    distributed.launch(2, "cpu", run_job, two)
    assert [p.name for p in two.target.parent.iterdir()] == ["hstu.pt"]  # rank 0 only, no leftovers
    a, b = load_checkpoint(one.target), load_checkpoint(two.target)
    for key, value in a.model.state_dict().items():
        assert torch.allclose(value, b.model.state_dict()[key], atol=2e-4), key
    assert a.metrics["epochs"] == b.metrics["epochs"]
    for key in ("ndcg@10", "hr@10", "mrr"):
        assert b.metrics["test"][key] == pytest.approx(a.metrics["test"][key], abs=1e-3), key
    assert a.metrics["test"]["hr@10"] > 0.5  # and it learned something


def test_two_processes_with_a_partial_last_batch_still_step_together(tmp_path) -> None:
    job = _job(tmp_path, "partial")
    job = replace(job, tcfg=replace(job.tcfg, batch_size=89, epochs=1, train_on="train+valid"))  # 90 users: last batch of 1
    distributed.launch(2, "cpu", run_job, job)
    assert job.target.exists()
