"""Model invariants: causality, and the M-FALCON mask (a candidate's score ignores other candidates)."""

from __future__ import annotations

import pytest
import torch

from tools.gr import model as gr_model
from tools.gr.model import NUM_TIME_BUCKETS, GRConfig, RelativeBias, bias_index, build_model, gather_table


def _model(kind: str, max_len: int = 16, num_items: int = 1200) -> torch.nn.Module:
    torch.manual_seed(0)
    return build_model(GRConfig(model=kind, num_items=num_items, max_len=max_len, d_model=16, n_blocks=2, dropout=0.0)).eval()


def _history(max_len: int = 16) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(1)
    items = torch.randint(1, 1200, (1, max_len), generator=g)
    items[0, :3] = 0  # some left padding
    times = torch.cumsum(torch.randint(1, 5000, (1, max_len), generator=g), dim=1)
    return items, times


@pytest.mark.parametrize("kind", ["hstu", "sasrec"])
def test_outputs_at_t_ignore_later_items(kind: str) -> None:
    model, (items, times) = _model(kind), _history()
    with torch.no_grad():
        before, _ = model(items, times)
        later = items.clone()
        later[0, 10:] = torch.tensor([7, 8, 9, 10, 11, 12])
        later_times = times.clone()
        later_times[0, 10:] += 10_000_000
        after, _ = model(later, later_times)
    assert torch.allclose(before[0, :10], after[0, :10], atol=1e-6)
    assert not torch.allclose(before[0, 10:], after[0, 10:])


@pytest.mark.parametrize("kind", ["hstu", "sasrec"])
def test_candidate_score_is_the_same_alone_or_among_1000_others(kind: str) -> None:
    model, (items, times) = _model(kind), _history()
    target = torch.tensor([[42]])
    others = torch.randperm(1199, generator=torch.Generator().manual_seed(2))[:1000] + 1
    crowd = torch.cat([others[:500], target[0], others[500:]]).unsqueeze(0)  # (1, 1001)
    with torch.no_grad():
        _, alone = model(items, times, target)
        _, among = model(items, times, crowd)
        h, _ = model(items, times)
    assert torch.allclose(alone[0, 0], among[0, 500], atol=1e-5)
    # candidates never change the history's outputs either
    h_with, _ = model(items, times, crowd)
    assert torch.allclose(h, h_with, atol=1e-6)


def test_unseen_items_are_represented_by_content_alone() -> None:
    torch.manual_seed(0)
    text = torch.randn(11, 4)
    text[0] = 0
    model = build_model(GRConfig(num_items=10, max_len=8, d_model=8, content_dim=4), text).eval()
    model.id_mask[5] = 0  # item 5 never appeared in training
    with torch.no_grad():
        vec = model.item_vectors(torch.tensor([5, 0]))
        assert torch.allclose(vec[0], model.text_proj(text[5]))
        assert torch.count_nonzero(vec[1]) == 0  # padding stays zero


@pytest.mark.parametrize("positions", ["recent", "oldest"])
@pytest.mark.parametrize("kind", ["hstu", "sasrec"])
def test_a_batch_trimmed_to_its_longest_history_gives_the_same_outputs(kind: str, positions: str) -> None:
    torch.manual_seed(0)
    model = build_model(GRConfig(model=kind, num_items=1200, max_len=16, d_model=16, dropout=0.0, positions=positions)).eval()
    items, times = _history()
    items[0, :6] = 0  # 10 real items: the trainer runs such rows 10 slots wide
    with torch.no_grad():
        full, full_c = model(items, times, torch.tensor([[5, 6]]))
        cut, cut_c = model(items[:, 6:], times[:, 6:], torch.tensor([[5, 6]]))
    assert torch.allclose(full[0, 6:], cut[0], atol=1e-5)
    assert torch.allclose(full_c, cut_c, atol=1e-5)


def test_positions_from_the_oldest_item_depend_on_history_length_not_padding() -> None:
    torch.manual_seed(0)
    model = build_model(GRConfig(num_items=50, max_len=8, d_model=8, positions="oldest"))
    items = torch.tensor([[0, 0, 0, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8]])
    pos, cand = model._positions(items)
    assert pos[0, 3:].tolist() == [0, 1, 2, 3, 4] and cand[:, 0].tolist() == [5, 8]
    recent, _ = build_model(GRConfig(num_items=50, max_len=8, d_model=8))._positions(items[:, 3:])
    assert recent[0].tolist() == [3, 4, 5, 6, 7]  # the newest item always sits at max_len - 1


def test_request_time_bias_reads_the_request_times_and_item_bias_ignores_them() -> None:
    items, times = _history()
    later = times + 10**8  # every request asked much later than its item
    for bias, changes in (("request", True), ("item", False), ("none", False)):
        torch.manual_seed(0)
        model = build_model(GRConfig(num_items=1200, max_len=16, d_model=16, dropout=0.0, time_bias=bias)).eval()
        with torch.no_grad():
            model.rab.time_w.normal_()
            a, _ = model(items, times, None, times)
            b, _ = model(items, times, None, later)
        assert (not torch.allclose(a, b, atol=1e-5)) is changes, bias


def test_no_time_bias_ignores_every_time() -> None:
    items, times = _history()
    torch.manual_seed(0)
    model = build_model(GRConfig(num_items=1200, max_len=16, d_model=16, dropout=0.0, time_bias="none")).eval()
    with torch.no_grad():
        model.rab.time_w.normal_()
        a, _ = model(items, times, None, times)
        b, _ = model(items, times * 7 + 12345, None, times * 3)  # other gaps, other requests
    assert torch.allclose(a, b, atol=1e-6)


def test_reference_init_is_hstu_only_and_small() -> None:
    def build(kind: str, init: str) -> torch.nn.Module:
        torch.manual_seed(0)
        return build_model(GRConfig(model=kind, num_items=50, max_len=8, d_model=16, init=init))

    ref = build("hstu", "reference")
    assert float(ref.blocks[0].uvqk.weight.detach().std()) < 0.03 and torch.count_nonzero(ref.blocks[0].uvqk.bias) == 0
    assert float(ref.rab.time_w.detach().abs().sum()) > 0  # the attention biases no longer start at zero
    a, b = build("sasrec", "reference").state_dict(), build("sasrec", "torch").state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)


@pytest.mark.parametrize("shape", [(16, 40, 40), (1, 40, 40), (7,)])
def test_table_gather_matches_the_plain_index_and_its_gradient(shape: tuple[int, ...]) -> None:
    g = torch.Generator().manual_seed(3)
    idx = torch.randint(0, 129, shape, generator=g)
    idx[..., 0] = 5  # a slot read many times
    table = torch.randn(129, generator=g)
    upstream = torch.randn(shape, generator=g)
    plain, fast = table.clone().requires_grad_(), table.clone().requires_grad_()
    plain[idx].backward(upstream)
    out = gather_table(fast, idx)
    out.backward(upstream)
    assert torch.equal(out, table[idx])
    assert fast.grad is not None and plain.grad is not None
    torch.testing.assert_close(fast.grad, plain.grad)
    exact = torch.zeros(129, dtype=torch.float64).index_add_(0, idx.reshape(-1), upstream.double().reshape(-1))
    torch.testing.assert_close(fast.grad.double(), exact, rtol=0, atol=1e-4)  # per-slot sums


def test_table_gather_gradient_is_the_same_every_run_with_two_threads() -> None:
    threads = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        g = torch.Generator().manual_seed(4)
        idx, upstream = torch.randint(0, 129, (16, 200, 200), generator=g), torch.randn(16, 200, 200, generator=g)
        grads = []
        for _ in range(5):
            table = torch.zeros(129, requires_grad=True)
            gather_table(table, idx).backward(upstream)
            grads.append(table.grad)
        assert all(torch.equal(grads[0], other) for other in grads[1:])
    finally:
        torch.set_num_threads(threads)


@pytest.mark.parametrize("rab", ["shared", "block"])
def test_hstu_bias_gradients_match_the_plain_index(rab: str, monkeypatch: pytest.MonkeyPatch) -> None:
    items, times = _history()
    torch.manual_seed(0)
    model = build_model(GRConfig(num_items=1200, max_len=16, d_model=16, dropout=0.0, rab=rab, init="reference", time_bias="request"))

    def grads() -> dict[str, torch.Tensor]:
        model.zero_grad()
        h, _ = model(items, times, None, times + 100)
        (h * torch.linspace(-1, 1, h.numel()).view_as(h)).sum().backward()
        return {name: p.grad.clone() for name, p in model.named_parameters() if p.grad is not None}

    fast = grads()
    monkeypatch.setattr(gr_model, "gather_table", lambda table, idx: table[idx])
    plain = grads()
    assert fast.keys() == plain.keys() and ("block_rabs.0.time_w" in fast) is (rab == "block")
    for name in fast:
        torch.testing.assert_close(fast[name], plain[name], msg=name)


def test_one_table_gather_is_the_position_bias_plus_the_time_bias_with_their_gradients() -> None:
    g = torch.Generator().manual_seed(5)
    offsets = torch.arange(20).view(-1, 1) - torch.arange(20).view(1, -1)  # negatives read as offset 0
    buckets = torch.randint(0, NUM_TIME_BUCKETS + 1, (3, 20, 20), generator=g)
    upstream = torch.randn(3, 20, 20, generator=g)
    rel = RelativeBias(max_len=24)
    with torch.no_grad():
        rel.pos_w.normal_(generator=g)
        rel.time_w.normal_(generator=g)
    pos, time = rel.pos_w.detach().clone().requires_grad_(), rel.time_w.detach().clone().requires_grad_()
    plain = pos[offsets.clamp(min=0)] + time[buckets]
    plain.backward(upstream)
    out = gather_table(rel.table(), bias_index(offsets, buckets))
    out.backward(upstream)
    assert torch.equal(out, plain)  # the same one addition per entry
    torch.testing.assert_close(rel.pos_w.grad, pos.grad)
    torch.testing.assert_close(rel.time_w.grad, time.grad)


def _bernoulli_is_generic() -> bool:
    """Whether this CPU's `bernoulli_` draws one double uniform per element from the default
    generator (PyTorch's generic kernel; Intel CPUs with MKL use MKL's own stream instead)."""
    torch.manual_seed(0)
    mask = torch.empty(1000).bernoulli_(0.7)
    torch.manual_seed(0)
    return torch.equal(mask, (torch.rand(1000, dtype=torch.float64) < 0.7).float())


@pytest.mark.parametrize("p", [0.2, 0.3])
def test_dropout_keeps_about_1_minus_p_and_scales_by_its_inverse_with_the_matching_gradient(p: float) -> None:
    drop = gr_model.Dropout(p).train()
    x = torch.randn(64, 100, 50, requires_grad=True)
    y = drop(x)
    kept = y != 0
    assert abs(kept.float().mean().item() - (1 - p)) < 0.01
    assert torch.allclose(y[kept], x[kept] / (1 - p))
    y.sum().backward()
    assert torch.allclose(x.grad, kept.float() / (1 - p))
    assert torch.equal(drop.eval()(x), x)


@pytest.mark.skipif(not _bernoulli_is_generic(), reason="this CPU's bernoulli_ draws from MKL's own stream")
@pytest.mark.parametrize("kind", ["hstu", "sasrec"])
def test_dropout_gives_nn_dropout_s_masks_outputs_gradients_and_generator_state(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    items, times = _history()
    cands = torch.tensor([[5, 6, 7]])

    def run(dropout: type) -> tuple[torch.Tensor, ...]:
        monkeypatch.setattr(gr_model, "Dropout", dropout)
        torch.manual_seed(0)
        model = build_model(GRConfig(model=kind, num_items=1200, max_len=16, d_model=16, n_blocks=2, dropout=0.3)).train()
        h, g = model(items, times, cands)
        (h.square().sum() + g.square().sum()).backward()
        return h, g, *(p.grad for p in model.parameters() if p.grad is not None), torch.rand(3)

    mine, theirs = run(gr_model.Dropout), run(torch.nn.Dropout)
    assert len(mine) == len(theirs)
    assert all(torch.equal(a, b) for a, b in zip(mine, theirs))


def test_row_blocks_cover_every_query_once_and_give_each_the_keys_up_to_its_block_end() -> None:
    assert gr_model.row_blocks(gr_model.ROW_BLOCK_MIN - 1) == ((0, gr_model.ROW_BLOCK_MIN - 1),)
    assert gr_model.row_blocks(201) == ((0, 100), (100, 201))


@pytest.mark.parametrize("rab", ["shared", "block"])
def test_hstu_attention_in_row_blocks_gives_the_whole_map_s_outputs_and_gradients(rab: str, monkeypatch: pytest.MonkeyPatch) -> None:
    items, times = _history()
    items = torch.cat([items, torch.roll(items, 3, dims=1)])  # two rows, different padding
    times = torch.cat([times, times])
    cands = torch.tensor([[5, 6, 7], [8, 9, 10]])
    torch.manual_seed(0)
    model = build_model(GRConfig(num_items=1200, max_len=16, d_model=16, dropout=0.0, rab=rab, init="reference", time_bias="request"))

    def run(min_len: int) -> tuple[torch.Tensor, ...]:
        monkeypatch.setattr(gr_model, "ROW_BLOCK_MIN", min_len)
        model.zero_grad()
        h, g = model(items, times, cands, times + 100)
        (h * torch.linspace(-1, 1, h.numel()).view_as(h)).sum().add(g.square().sum()).backward()
        return h, g, *(p.grad.clone() for p in model.parameters() if p.grad is not None)

    whole, blocks = run(10**9), run(4)
    assert len(gr_model.row_blocks(16)) == 2
    for a, b in zip(whole, blocks, strict=True):
        torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6)
