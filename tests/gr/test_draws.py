"""Draws made ahead on a side thread are the numbers inline drawing gives, in the same order."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import torch

from tools.gr.config import load_config
from tools.gr.data import build_sequences, fit_sequences, leave_one_out, training_arrays
from tools.gr.draws import UniformStream, ahead, dropout_mask
from tools.gr.model import build_model
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


@pytest.mark.parametrize("block", [7, 1000, 1 << 20])
def test_uniform_stream_gives_the_inline_uniforms_and_leaves_the_generator_where_they_would(block: int) -> None:
    shapes = [(3, 5), (2, 4, 6), (1,), (13, 2)]
    torch.manual_seed(5)
    inline = [torch.empty(s, dtype=torch.float64).uniform_() for s in shapes]
    after = torch.rand(4)
    torch.manual_seed(5)
    stream = UniformStream(block=block)
    taken = [stream.take(torch.empty(s)) for s in shapes]
    stream.close()
    assert all(torch.equal(a, b) for a, b in zip(taken, inline))
    assert torch.equal(torch.rand(4), after)


@pytest.mark.parametrize("block", [7, 1 << 20])
def test_mask_stream_gives_the_inline_dropout_masks_and_leaves_the_generator_where_they_would(block: int) -> None:
    shapes = [(3, 5), (2, 4, 6), (1,), (13, 2)]
    torch.manual_seed(5)
    inline = [dropout_mask(torch.empty(s, dtype=torch.float64).uniform_(), 0.7) for s in shapes]
    after = torch.rand(4)
    torch.manual_seed(5)
    stream = UniformStream(block=block, keep=0.7)
    taken = [stream.take(torch.empty(s)) for s in shapes]
    stream.close()
    assert all(a.dtype == torch.float32 and torch.equal(a, b) for a, b in zip(taken, inline))
    assert {float(v) for m in taken for v in m.unique()} <= {0.0, float(torch.tensor(1.0).div_(0.7))}
    assert torch.equal(torch.rand(4), after)


def test_uniform_stream_that_gave_nothing_leaves_the_generator_untouched() -> None:
    torch.manual_seed(3)
    expected = torch.rand(3)
    torch.manual_seed(3)
    UniformStream(block=10).close()
    assert torch.equal(torch.rand(3), expected)


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
