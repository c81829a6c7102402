"""Loss variants agree with each other where they must, and the reference-style HSTU options build what they say."""

from __future__ import annotations

import pytest
import torch

from tools.gr.config import TrainConfig
from tools.gr.model import GRConfig, build_model
from tools.gr.train import Negatives, row_losses, sampled_scores, step_loss


def _batch(b: int = 3, l: int = 6, n: int = 40) -> tuple[torch.Tensor, ...]:
    g = torch.Generator().manual_seed(0)
    items = torch.randint(1, n + 1, (b, l + 1), generator=g)
    items[0, :2] = 0  # left padding
    times = torch.cumsum(torch.randint(1, 100, (b, l + 1), generator=g), 1)
    return items[:, :-1], items[:, 1:], times[:, :-1], items[:, -1], times[:, 1:]


def test_row_negatives_give_the_per_position_loss_with_each_row_s_set_repeated() -> None:
    torch.manual_seed(0)
    model = build_model(GRConfig(num_items=40, max_len=6, d_model=8, dropout=0.0)).eval()
    batch = _batch()
    negs = torch.randint(1, 41, (3, 5), generator=torch.Generator().manual_seed(1))
    negs[1, 0] = batch[1][1, 3]  # a negative equal to a target is masked out in both
    row = step_loss(model, batch, Negatives(negs, per_row=True), TrainConfig(negatives="row", num_negatives=5))
    pool = torch.arange(1, 41)
    picks = (negs - 1).unsqueeze(1).expand(-1, 6, -1)  # every position of a row gets the row's columns
    pos = step_loss(model, batch, Negatives(pool, picks), TrainConfig(negatives="position", num_negatives=5))
    assert torch.allclose(row, pos, atol=1e-5)


def test_row_losses_are_per_valid_position() -> None:
    torch.manual_seed(0)
    model = build_model(GRConfig(num_items=40, max_len=6, d_model=8, dropout=0.0)).eval()
    inputs, targets, times, _, query = _batch()
    h, _ = model(inputs, times, None, query)
    losses = row_losses(model, h, targets, inputs > 0, torch.randint(1, 41, (3, 4)), 0.05)
    assert losses.shape == (int((inputs > 0).sum()),) and bool((losses > 0).all())


def test_reference_style_hstu_has_plain_norms_no_uvqk_bias_and_one_bias_table_per_block() -> None:
    cfg = GRConfig(num_items=40, max_len=6, d_model=8, n_blocks=3, norm="plain", uvqk_bias=False, rab="block", attn_n=17, init="reference")
    model = build_model(cfg)
    names = set(dict(model.named_parameters()))
    assert not any("ln_" in n for n in names) and not any("uvqk.bias" in n for n in names)
    assert {"rab.pos_w", "block_rabs.0.pos_w", "block_rabs.1.time_w"} <= names
    assert not torch.equal(model.rab.pos_w, model.block_rabs[0].pos_w)
    inputs, _, times, _, query = _batch()
    with torch.no_grad():
        before, _ = model.eval()(inputs, times, None, query)
        model.block_rabs[1].pos_w.add_(1.0)  # the last block's own table is read
        after, _ = model(inputs, times, None, query)
    assert not torch.allclose(before, after)


def test_attention_normaliser_scales_hstu_attention() -> None:
    def out(n: int) -> torch.Tensor:
        torch.manual_seed(0)
        model = build_model(GRConfig(num_items=40, max_len=6, d_model=8, dropout=0.0, attn_n=n)).eval()
        inputs, _, times, _, query = _batch()
        with torch.no_grad():
            return model(inputs, times, None, query)[0]

    assert torch.allclose(out(0), out(7), atol=1e-6)  # 0 means max_len + 1
    assert not torch.allclose(out(7), out(17), atol=1e-4)


def test_weight_average_tracks_the_weights_and_swaps_back_exactly() -> None:
    from tools.gr.train import WeightAverage

    torch.manual_seed(0)
    model = build_model(GRConfig(num_items=40, max_len=6, d_model=8))
    start = [p.detach().clone() for p in model.parameters()]
    avg = WeightAverage(model, decay=0.5)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(1.0)
    avg.update()  # shadow = start + 0.5
    live = [p.detach().clone() for p in model.parameters()]
    avg.swap()
    assert all(torch.allclose(p, s + 0.5) for p, s in zip(model.parameters(), start))
    avg.swap()
    assert all(torch.equal(p, q) for p, q in zip(model.parameters(), live))


@pytest.mark.parametrize("rows", [1, 7, 64, 10_000])
def test_sampled_scores_in_row_blocks_give_the_gathered_product_and_its_gradients(rows: int) -> None:
    g = torch.Generator().manual_seed(0)
    hv, wn = torch.randn(50, 8, generator=g), torch.randn(30, 8, generator=g)
    picks = torch.randint(0, 30, (50, 12), generator=g)  # repeats within a row, as uniform draws have
    upstream = torch.randn(50, 12, generator=g)
    a, b = hv.clone().requires_grad_(), wn.clone().requires_grad_()
    plain = (a @ b.T).gather(1, picks)
    plain.backward(upstream)
    c, d = hv.clone().requires_grad_(), wn.clone().requires_grad_()
    blocks = sampled_scores(c, d, picks, rows)
    blocks.backward(upstream)
    torch.testing.assert_close(blocks, plain)
    torch.testing.assert_close(c.grad, a.grad)
    torch.testing.assert_close(d.grad, b.grad)


def test_negatives_of_some_rows_are_their_last_slots_picks() -> None:
    picks = torch.randint(0, 40, (5, 9, 3), generator=torch.Generator().manual_seed(0))
    negs = Negatives(torch.arange(1, 41), picks).rows(torch.tensor([3, 0]), 4)
    assert torch.equal(negs.picks, picks[torch.tensor([3, 0])][:, -4:])


@pytest.mark.parametrize("subset", [False, True])
def test_negatives_prepared_at_the_valid_positions_give_the_same_loss_and_gradients(subset: bool) -> None:
    torch.manual_seed(0)
    model = build_model(GRConfig(num_items=40, max_len=6, d_model=8, dropout=0.0)).eval()
    batch = _batch()
    target = int(batch[1][1, 3])
    pool = torch.tensor([7, 3, 40, target, 12]) if subset else torch.arange(1, 41)
    picks = torch.randint(0, len(pool), (3, 6, 5), generator=torch.Generator().manual_seed(2))
    picks[1, 3, 0] = int((pool == target).nonzero()[0])  # one negative is the target: masked out either way
    tcfg = TrainConfig(negatives="position", num_negatives=5, rank_weight=0.5)
    whole = Negatives(pool, picks)
    ready = whole.at_valid(batch[0] > 0, batch[1])
    assert ready.picks.shape == (int((batch[0] > 0).sum()), 5) and torch.equal(ready.last, whole.last_slot(3))
    assert torch.equal(ready.hit, pool[ready.picks] == batch[1][batch[0] > 0].unsqueeze(1)) and bool(ready.hit.any())
    losses, grads = [], []
    for negs in (whole, ready):
        model.zero_grad()
        loss = step_loss(model, batch, negs, tcfg)
        loss.backward()
        losses.append(loss.detach())
        grads.append([p.grad.clone() for p in model.parameters() if p.grad is not None])
    assert torch.equal(losses[0], losses[1])
    assert all(torch.equal(a, b) for a, b in zip(*grads))
