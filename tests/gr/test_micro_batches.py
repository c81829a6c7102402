"""Micro-batches cut by cost: every row once, the least-cost cut, and the same step's gradients."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest
import torch

from tools.gr.config import load_config
from tools.gr.data import build_sequences, fit_sequences, leave_one_out, training_arrays
from tools.gr.distributed import Group
from tools.gr.model import build_model
from tools.gr.train import _run_steps, _seed, assign, cut_by_cost, draw_negatives, global_batches, micro_batches, plan_steps, train_epoch

from tests.gr.conftest import cycle_histories


def _cost(widths: np.ndarray, starts: list[int], overhead: int) -> int:
    ends = starts[1:] + [len(widths)]
    return sum((e - s) * int(widths[s]) + overhead for s, e in zip(starts, ends))


def _fits(widths: np.ndarray, starts: list[int], positions: int) -> bool:
    ends = starts[1:] + [len(widths)]
    return all(e - s == 1 or (e - s) * int(widths[s]) <= positions for s, e in zip(starts, ends))


@pytest.mark.parametrize("positions, overhead", [(0, 0), (60, 10), (200, 30), (35, 0), (1000, 500)])
def test_micro_batches_cover_every_row_exactly_once_at_the_width_of_their_longest(positions: int, overhead: int) -> None:
    rng = np.random.default_rng(1)
    for _ in range(50):
        lengths = rng.integers(0, 40, int(rng.integers(1, 70)))
        parts = list(micro_batches(lengths, 16, positions, overhead))
        rows = np.concatenate([p for p, _ in parts])
        assert np.array_equal(np.sort(rows), np.arange(len(lengths)))
        assert all(w == max(1, int(lengths[p].max())) for p, w in parts)
        if positions > 0:
            assert all(len(p) == 1 or len(p) * w <= positions for p, w in parts)
        else:
            assert [len(p) for p, _ in parts[:-1]] == [16] * (len(parts) - 1)


def test_the_cut_is_the_least_cost_one_of_every_allowed_cut() -> None:
    rng = np.random.default_rng(2)
    for _ in range(60):
        n = int(rng.integers(1, 9))
        widths = np.sort(rng.integers(1, 30, n))[::-1]
        positions, overhead = int(rng.integers(20, 120)), int(rng.integers(0, 60))
        every = [[0, *c] for k in range(n) for c in itertools.combinations(range(1, n), k)]
        allowed = [s for s in every if _fits(widths, s, positions)]
        got = cut_by_cost(widths, positions, overhead)
        assert _fits(widths, got, positions)
        assert _cost(widths, got, overhead) == min(_cost(widths, s, overhead) for s in allowed)


def test_the_cut_packs_short_rows_together_and_keeps_long_ones_apart() -> None:
    widths = np.array([200] * 20 + [30] * 100)
    starts = cut_by_cost(widths, 3200, 300)
    sizes = np.diff(starts + [len(widths)])
    assert sorted(sizes[:2]) == [4, 16] and sum(sizes[2:]) == 100 and len(sizes) == 3  # 100 x 30 slots in one


def _short_histories(users: int, overrides: dict) -> tuple:
    """A tiny CPU config (batches of 32, 2 blocks) and the training arrays of `users` histories of 4-12 items."""
    rng = np.random.default_rng(0)
    histories = [(u, seq[: int(rng.integers(4, 13))]) for u, seq in cycle_histories(users=users)]
    seqs, id_map = build_sequences(histories)
    mcfg, tcfg = load_config("tiny", {"device": "cpu", "num_items": len(id_map), "batch_size": 32, "n_blocks": 2, **overrides})
    return mcfg, tcfg, training_arrays(fit_sequences(leave_one_out(seqs), "train+valid"), mcfg.max_len)


class _RecordGrads:
    """An optimiser stand-in that keeps each step's gradients and changes nothing."""

    def __init__(self, params: list[torch.nn.Parameter]) -> None:
        self.params, self.steps = params, []

    def zero_grad(self, set_to_none: bool = True) -> None:
        for p in self.params:
            p.grad = None

    def step(self) -> None:
        self.steps.append([torch.zeros_like(p) if p.grad is None else p.grad.clone() for p in self.params])


@pytest.mark.parametrize("kind", ["hstu", "sasrec"])
def test_a_step_cut_by_cost_has_the_gradients_of_fixed_micro_batches(kind: str) -> None:
    mcfg, tcfg, (items, times) = _short_histories(64, {"model": kind, "dropout": 0.0, "rank_weight": 0.0, "draw_ahead": False})
    inputs_len = (items[:, :-1] > 0).sum(1)
    model = build_model(mcfg)

    def grads(cfg) -> list[list[torch.Tensor]]:
        _, gen = _seed(0)
        batches = list(global_batches(inputs_len, cfg.batch_size, np.random.default_rng(0)))
        draws = [draw_negatives(gen, cfg, len(rows), items.shape[1] - 1, mcfg.num_items) for rows in batches]
        opt = _RecordGrads(list(model.parameters()))
        steps = plan_steps(batches, draws, items, times, inputs_len, cfg, Group(), torch.device("cpu"))
        _run_steps(model, model, opt, steps, cfg, Group(), None)
        return opt.steps

    first = inputs_len[next(global_batches(inputs_len, 32, np.random.default_rng(0)))]
    assert [len(p) for p, _ in micro_batches(first, 32, 60, 15)] != [len(p) for p, _ in micro_batches(first, 4)]
    fixed = grads(replace(tcfg, micro_batch=4))
    whole = grads(replace(tcfg, micro_batch=32))
    cut = grads(replace(tcfg, micro_positions=60, micro_overhead=15))
    assert len(cut) == len(fixed) == 2
    for a, b, c in zip(fixed, whole, cut):
        for x, y, z in zip(a, b, c):
            scale = float(x.abs().max()) + 1e-12
            assert float((z - x).abs().max()) <= 1e-5 * scale and float((z - y).abs().max()) <= 1e-5 * scale


def test_assign_gives_every_micro_batch_to_one_worker_balancing_their_costs() -> None:
    costs = [900, 300, 300, 300, 100, 800, 50]
    parts = assign(costs, 2)
    assert sorted(i for p in parts for i in p) == list(range(len(costs)))
    assert all(p == sorted(p) for p in parts)
    loads = sorted(sum(costs[i] for i in p) for p in parts)
    assert loads == [1350, 1400]
    assert assign([5], 3) == [[0], [], []]


@pytest.mark.parametrize("kind", ["hstu", "sasrec"])
def test_micro_batches_on_two_threads_train_as_one_thread_does_and_the_same_every_run(kind: str) -> None:
    mcfg, tcfg, arrays = _short_histories(96, {"model": kind, "dropout": 0.3, "micro_batch": 4, "rank_weight": 0.5})

    def run(workers: int) -> tuple[list[float], list[torch.Tensor], torch.Tensor, torch.Tensor]:
        rng, gen = _seed(0)
        model = build_model(mcfg)
        # SGD, not Adam: Adam turns float rounding in a gradient that is zero in exact arithmetic (SASRec's
        # key bias) into steps of size lr, so two summation orders would part by more than rounding
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        losses = [train_epoch(model, opt, arrays, replace(tcfg, workers=workers), rng, gen) for _ in range(2)]
        return losses, [p.detach().clone() for p in model.parameters()], torch.rand(3), torch.randint(0, 99, (3,), generator=gen)

    threads = torch.get_num_threads()
    one, two, again = run(1), run(2), run(2)
    assert torch.get_num_threads() == threads
    assert np.allclose(one[0], two[0], rtol=1e-5)
    assert all(float((a - b).abs().max()) <= 1e-4 * (float(a.abs().max()) + 1e-6) for a, b in zip(one[1], two[1]))
    assert torch.equal(one[2], two[2]) and torch.equal(one[3], two[3])  # the same draws, in the same amounts
    assert two[0] == again[0] and all(torch.equal(a, b) for a, b in zip(two[1], again[1]))
