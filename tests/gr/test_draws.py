"""Draws made ahead on a side thread are the numbers inline drawing gives, in the same order."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import torch

from tools.gr.config import load_config
from tools.gr.data import build_sequences, fit_sequences, leave_one_out, training_arrays
from tools.gr.draws import MaskDraws, MaskSlab, SlabMasks, ahead, dropout_mask
from tools.gr.model import Dropout, build_model
from tools.gr.train import _seed, train_epoch


def test_ahead_yields_every_item_in_order_and_stops_cleanly_when_left_early() -> None:
    assert list(ahead(iter(range(50)), depth=3)) == list(range(50))
    gen = torch.Generator().manual_seed(0)
    first = []
    for x in ahead((torch.randint(0, 9, (4,), generator=gen) for _ in range(100)), depth=2):
        first.append(x)
        if len(first) == 3:
            break  # the side thread must stop, not hang
    inline = torch.Generator().manual_seed(0)
    assert all(torch.equal(a, torch.randint(0, 9, (4,), generator=inline)) for a in first)


def test_ahead_raises_the_producer_s_error_where_it_happened() -> None:
    def items():
        yield 1
        raise RuntimeError("broken draw")

    got = []
    with pytest.raises(RuntimeError, match="broken draw"):
        for x in ahead(items()):
            got.append(x)
    assert got == [1]


@pytest.mark.parametrize("ahead", [False, True])
def test_mask_slabs_give_the_inline_dropout_masks_and_leave_the_generator_where_they_would(ahead: bool) -> None:
    slabs = [[(3, 5), (2, 4, 6)], [(1,)], [(13, 2), (2, 2), (5,)]]  # the shapes each micro-batch's layers ask for
    torch.manual_seed(5)
    inline = [[dropout_mask(torch.empty(s, dtype=torch.float64).uniform_(), 0.7) for s in shapes] for shapes in slabs]
    after = torch.rand(4)
    torch.manual_seed(5)
    start = torch.get_rng_state()
    draws = MaskDraws(0.7, ahead)
    planned = [MaskSlab(draws.draw(sum(int(np.prod(s)) for s in shapes))) for shapes in slabs]
    assert torch.equal(torch.get_rng_state(), start) == ahead  # ahead: drawn from a copy until finish()
    draws.finish()
    reader = SlabMasks()
    for slab, shapes, expected in zip(planned, slabs, inline):
        with reader.running(slab):
            taken = [reader(torch.empty(s)) for s in shapes]
        assert all(a.dtype == torch.float32 and torch.equal(a, b) for a, b in zip(taken, expected))
    assert {float(v) for m in inline for t in m for v in t.unique()} <= {0.0, float(torch.tensor(1.0).div_(0.7))}
    assert torch.equal(torch.rand(4), after)


def test_a_slab_used_more_or_less_than_planned_is_an_error() -> None:
    reader = SlabMasks()
    with pytest.raises(RuntimeError, match="more masks than planned"):
        with reader.running(MaskSlab(torch.ones(5))):
            reader(torch.empty(6))
    with pytest.raises(RuntimeError, match="used 4 of the 5"):
        with reader.running(MaskSlab(torch.ones(5))):
            reader(torch.empty(4))
    with pytest.raises(RuntimeError, match="outside a planned micro-batch"):
        reader(torch.empty(1))


class _CountingMasks:
    def __init__(self) -> None:
        self.drawn = 0

    def __call__(self, like: torch.Tensor) -> torch.Tensor:
        self.drawn += like.numel()
        return torch.ones_like(like)


@pytest.mark.parametrize("kind, heads, candidates", [("hstu", 1, 0), ("hstu", 2, 0), ("hstu", 1, 7), ("sasrec", 1, 0), ("sasrec", 2, 5)])
def test_the_planned_mask_count_is_what_the_model_s_dropout_layers_draw(kind: str, heads: int, candidates: int) -> None:
    mcfg, _ = load_config("tiny", {"model": kind, "n_blocks": 3, "n_heads": heads, "d_model": 8, "dropout": 0.3, "num_items": 30})
    model = build_model(mcfg).train()
    counter = _CountingMasks()
    for m in model.modules():
        if isinstance(m, Dropout):
            m.masks = counter
    items = torch.randint(1, 31, (4, 9))
    times = torch.cumsum(torch.ones(4, 9, dtype=torch.long), 1)
    cands = torch.randint(1, 31, (4, candidates)) if candidates else None
    model(items, times, cands, times)
    assert counter.drawn == model.dropout_elements(4, 9, candidates) > 0
    assert build_model(replace(mcfg, dropout=0.0)).dropout_elements(4, 9, candidates) == 0


@pytest.mark.parametrize("kind", ["hstu", "sasrec"])
def test_an_epoch_with_draws_ahead_is_bit_identical_to_drawing_inline(kind: str, histories) -> None:
    seqs, id_map = build_sequences(histories)
    split = leave_one_out(seqs)
    mcfg, tcfg = load_config("tiny", {"model": kind, "device": "cpu", "num_items": len(id_map), "dropout": 0.3,
                                      "micro_batch": 8, "batch_size": 32, "n_blocks": 2})
    arrays = training_arrays(fit_sequences(split, "train+valid"), mcfg.max_len)

    def run(draw_ahead: bool) -> tuple[list[float], list[torch.Tensor], torch.Tensor, torch.Tensor, np.ndarray]:
        rng, gen = _seed(0)
        model = build_model(mcfg)
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
        losses = [train_epoch(model, opt, arrays, replace(tcfg, draw_ahead=draw_ahead), rng, gen) for _ in range(2)]
        return losses, [p.detach().clone() for p in model.parameters()], torch.rand(3), torch.randint(0, 99, (3,), generator=gen), rng.random(2)

    inline, early = run(False), run(True)
    assert inline[0] == early[0]
    assert all(torch.equal(a, b) for a, b in zip(inline[1], early[1]))
    assert torch.equal(inline[2], early[2]) and torch.equal(inline[3], early[3])
    assert np.array_equal(inline[4], early[4])
