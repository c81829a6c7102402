"""HSTU and SASRec sequential recommenders, behind one interface.

HSTU is the Hierarchical Sequential Transduction Unit of Zhai et al., "Actions Speak Louder than
Words: Trillion-Parameter Sequential Transducers for Generative Recommendations", ICML 2024.
Each HSTU block, in reading order:

    x̂ = LayerNorm(x)
    U, V, Q, K = split(SiLU(x̂ W_uvqk))            one fused projection
    A = SiLU(Q Kᵀ + rab) / n   (causal mask)       pointwise attention, no softmax; n = padded length
    y = U ⊙ LayerNorm(A V)
    x = x + Linear(Dropout(y))                     no separate feed-forward network

`rab` is a learned relative attention bias: one scalar per relative position plus one per
log-time-gap bucket. SASRec (Kang & McAuley, ICDM 2018) is the baseline: pre-LayerNorm softmax
attention followed by a feed-forward network, absolute positions only.

Layout. A batch holds histories left-padded to `max_len` slots (slot 0..L-1, the last item in slot
L-1) and optionally candidate tokens that all sit in slot L, the slot of "the next item". Under the
M-FALCON mask each candidate attends to the history and to itself only, never to another
candidate, so m candidates are ranked in one pass and a candidate's score does not depend on which
other candidates are present. Two heads read the outputs:

- retrieval: the user vector at history slot t, L2-normalised, dotted with L2-normalised item
  vectors, predicts the item in slot t+1 (trained at every slot, paper protocol);
- ranking: the retrieval cosine plus the cosine of a candidate token's own output with that
  candidate's item vector: a target-aware refinement (trained on the last slot of every sequence).

Content fusion (optional): an item's vector is its ID embedding plus a linear projection of a
fixed text embedding, so items never seen in training are still scored from their text.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from collections.abc import Callable
from typing import Any, Literal

import torch
import torch.nn as nn
import torch.nn.functional as F

from tools.gr.draws import dropout_mask

NUM_TIME_BUCKETS = 128


@dataclass
class GRConfig:
    """Architecture of one model. Stored in every checkpoint so the scorer can rebuild it."""

    model: Literal["hstu", "sasrec"] = "hstu"
    num_items: int = 0  # items are indexed 1..num_items; 0 is padding
    max_len: int = 200  # history slots
    d_model: int = 50
    n_blocks: int = 2
    n_heads: int = 1
    d_qk: int = 0  # per head; 0 means d_model // n_heads
    d_v: int = 0  # per head; 0 means d_model // n_heads
    ffn_dim: int = 50  # SASRec only
    dropout: float = 0.2
    content_dim: int = 0  # width of the text embeddings fused into item vectors; 0 = off
    # Absolute position of a history item: "recent" counts back from the newest item (the newest
    # is always max_len - 1), "oldest" counts from the user's oldest item in the window (0, 1, ...),
    # as in the reference implementation's right-padded layout.
    positions: Literal["recent", "oldest"] = "recent"
    # Time gaps in HSTU's attention bias are measured from "item": the query item's own time, or
    # "request": the time the next item was asked for (the target's timestamp in training and
    # evaluation, the request time when serving), as the reference implementation does; "none":
    # no time bias (every gap falls in bucket 0, so the time term is one constant).
    time_bias: Literal["item", "request", "none"] = "item"
    # "torch": PyTorch's default initialisation; "reference": HSTU as the reference implementation
    # initialises it (items truncated N(0, 0.02), projections N(0, 0.02), output xavier uniform,
    # positions xavier normal, attention biases N(0, 0.02)). SASRec always uses "torch".
    init: Literal["torch", "reference"] = "torch"
    # HSTU details where the reference implementation differs (the defaults keep older checkpoints
    # loadable): "affine" LayerNorms with learned weight and bias, or "plain" ones without (eps
    # 1e-6); a bias on the fused UVQK projection; the attention normaliser n (0: max_len + 1, the
    # reference divides by max_len + 11, its padded length with 10 output slots); one relative
    # attention bias table "shared" by all blocks or one per "block".
    norm: Literal["affine", "plain"] = "affine"
    uvqk_bias: bool = True
    attn_n: int = 0
    rab: Literal["shared", "block"] = "shared"

    def __post_init__(self) -> None:
        self.d_qk = self.d_qk or self.d_model // self.n_heads
        self.d_v = self.d_v or self.d_model // self.n_heads

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def time_buckets(gaps: torch.Tensor) -> torch.Tensor:
    """Bucket of a time gap in seconds: clamp(floor(log(max(|Δt|, 1)) / 0.301), 0, 128)."""
    logs = gaps.abs().clamp_(min=1).float().log_().div_(0.301)  # >= 0, so truncation is floor
    return logs.long().clamp_(0, NUM_TIME_BUCKETS)


class _TableGather(torch.autograd.Function):
    """`table[idx]` for a 1-D table. The default backward of an index is an `index_put_` with
    accumulation, which on CPU with several threads adds every element atomically into the few
    slots (slow under contention, and the sum's order varies from run to run); this one sums the
    gradient per slot with `index_add_`, a serial loop on CPU: the same sums up to rounding,
    about 3x cheaper on an HSTU bias table, and the same every run."""

    @staticmethod
    def forward(ctx: Any, table: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(idx)
        ctx.size = table.shape[0]
        return table.index_select(0, idx.reshape(-1)).view(idx.shape)

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> tuple[torch.Tensor, None]:
        (idx,) = ctx.saved_tensors
        return grad.new_zeros(ctx.size).index_add_(0, idx.reshape(-1), grad.reshape(-1)), None


def gather_table(table: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    """`table[idx]` (1-D table, any index shape) with a cheaper, deterministic backward on CPU."""
    return _TableGather.apply(table, idx)


class RelativeBias(nn.Module):
    """Learned bias per relative position (causal, so only i - j >= 0) and per log-time bucket."""

    def __init__(self, max_len: int) -> None:
        super().__init__()
        # The paper's table has 2N-1 entries; under a causal mask only the N+1 non-negative offsets
        # (history slots 0..L-1 plus the candidate slot L) are ever read.
        self.pos_w = nn.Parameter(torch.zeros(max_len + 1))
        self.time_w = nn.Parameter(torch.zeros(NUM_TIME_BUCKETS + 1))

    def table(self) -> torch.Tensor:
        """Every (offset, bucket) pair's bias, flat: offset o and bucket k at `bias_index(o, k)`.
        Read with one gather per attention map instead of two gathers and an add per map."""
        return (self.pos_w.unsqueeze(1) + self.time_w.unsqueeze(0)).reshape(-1)


def bias_index(offsets: torch.Tensor, buckets: torch.Tensor) -> torch.Tensor:
    """Flat index into `RelativeBias.table` of relative offsets (i - j, negatives read as 0) and
    time buckets (see `time_buckets`), broadcast together. Computed once per forward pass and shared
    by every block's table."""
    return offsets.clamp(min=0) * (NUM_TIME_BUCKETS + 1) + buckets


# HSTU computes a history's attention in two row blocks once it is this long (see `row_blocks`).
ROW_BLOCK_MIN = 128


def row_blocks(length: int) -> tuple[tuple[int, int], ...]:
    """Query-row blocks [start, end) of a causal attention map over `length` slots; block rows
    attend keys [0, end) only. Queries in the first half never attend keys in the second half,
    so from `ROW_BLOCK_MIN` slots on, the map is computed as its first half of rows against the
    first half of the keys plus its second half against all: 3/4 of the products and of the
    element-wise work, the same values. Shorter maps are one block (two cost more there: measured
    at 16 rows of 30-200 slots)."""
    if length < ROW_BLOCK_MIN:
        return ((0, length),)
    half = length // 2
    return ((0, half), (half, length))


@dataclass
class Context:
    """Masks and biases shared by every block of one forward pass."""

    key_mask: torch.Tensor  # (B, L, L) float, 1 where query i may attend key j (causal, non-pad)
    cand_mask: torch.Tensor  # (B, 1, L) float, 1 where a candidate may attend history key j
    rab: list[torch.Tensor] | None  # HSTU history bias per row block (B, end - start, end), see `row_blocks`
    cand_rab: torch.Tensor | None  # (B, 1, L) HSTU candidate -> history bias
    self_rab: torch.Tensor | None  # (1,) HSTU candidate -> itself bias (offset 0, gap 0)
    n: int  # HSTU attention normaliser: padded length
    # HSTU (relative offset, time-gap bucket) indices, kept to compute each block's own bias (rab="block")
    bias_idx: list[torch.Tensor] | None = None  # per row block (B, end - start, end), see `bias_index`
    cand_bias_idx: torch.Tensor | None = None  # (B, 1, L)
    rows: tuple[tuple[int, int], ...] = ()  # HSTU row blocks, `row_blocks(L)`
    _att_mask: list[torch.Tensor] | None = None

    def att_mask(self) -> list[torch.Tensor]:
        """key_mask / n per row block, computed once per forward pass: HSTU's masked, normalised
        attention weights."""
        if self._att_mask is None:
            self._att_mask = [self.key_mask[:, a:b, :b] / self.n for a, b in self.rows]
        return self._att_mask

    def with_bias(self, rel: "RelativeBias") -> "Context":
        """This context with the attention biases of another bias table (one block's own)."""
        assert self.bias_idx is not None and self.cand_bias_idx is not None
        table = rel.table()
        zero = torch.zeros(1, dtype=torch.long, device=self.cand_bias_idx.device)  # offset 0 and gap 0 (bucket 0)
        return replace(self, rab=[gather_table(table, idx) for idx in self.bias_idx],
                       cand_rab=gather_table(table, self.cand_bias_idx), self_rab=gather_table(table, zero))


class Dropout(nn.Module):
    """`nn.Dropout` whose CPU mask is drawn about 1.7x faster, the same mask where PyTorch's own
    draw is its generic one.

    On CPU, `nn.Dropout` draws its mask with `bernoulli_(1 - p)`: one double uniform per element
    (`random64`), compared with 1 - p inside a serial per-element loop, about 10 ns an element and,
    with 4 HSTU blocks, about 9% of an ml-100k epoch. `torch.rand(dtype=float64)` draws the same
    doubles from the same generator in the same order, twice as fast, and the comparison is then one
    vectorised pass; the mask is scaled by 1 / (1 - p) as PyTorch does. So masks, outputs, gradients
    and the generator's state afterwards are bit-identical to `nn.Dropout`'s (tested), except on CPUs
    where PyTorch draws Bernoulli masks with MKL's own generator (Intel CPUs with MKL), where the
    masks differ but are equally random. Elsewhere than CPU this is `F.dropout` itself."""

    def __init__(self, p: float) -> None:
        super().__init__()
        self.p = p
        # Where the scaled masks come from instead of drawing here from the default generator: a
        # function giving the next mask shaped like its argument (the trainer's `SlabMasks`: the
        # masks of the micro-batch being run, drawn with its plan, the same masks) or None.
        self.masks: Callable[[torch.Tensor], torch.Tensor] | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or not 0 < self.p < 1 or x.device.type != "cpu" or x.dtype != torch.float32:
            return F.dropout(x, self.p, self.training)
        if self.masks is not None:
            return x * self.masks(x)
        # laid out like x, as PyTorch lays out its mask, so the draws land on the same elements
        return x * dropout_mask(torch.empty_like(x, dtype=torch.float64).uniform_(), 1.0 - self.p)

    def extra_repr(self) -> str:
        return f"p={self.p}"


def _heads(x: torch.Tensor, h: int) -> torch.Tensor:
    b, t, _ = x.shape
    return x.view(b, t, h, -1).transpose(1, 2)  # (B, H, T, d)


def _merge(x: torch.Tensor) -> torch.Tensor:
    b, h, t, d = x.shape
    return x.transpose(1, 2).reshape(b, t, h * d)  # (B, T, H*d)


class HSTUBlock(nn.Module):
    def __init__(self, cfg: GRConfig) -> None:
        super().__init__()
        self.h, self.dqk, self.dv = cfg.n_heads, cfg.d_qk, cfg.d_v
        affine, eps = cfg.norm == "affine", 1e-5 if cfg.norm == "affine" else 1e-6
        self.ln_in = nn.LayerNorm(cfg.d_model, eps=eps, elementwise_affine=affine)
        self.uvqk = nn.Linear(cfg.d_model, cfg.n_heads * (2 * cfg.d_v + 2 * cfg.d_qk), bias=cfg.uvqk_bias)
        self.ln_attn = nn.LayerNorm(cfg.n_heads * cfg.d_v, eps=eps, elementwise_affine=affine)
        self.out = nn.Linear(cfg.n_heads * cfg.d_v, cfg.d_model)
        self.drop = Dropout(cfg.dropout)

    def _project(self, x: torch.Tensor) -> tuple[torch.Tensor, ...]:
        hv, hq = self.h * self.dv, self.h * self.dqk
        uvqk = F.silu(self.uvqk(self.ln_in(x)))  # (B, T, H*(2dv+2dqk))
        return tuple(torch.split(uvqk, [hv, hv, hq, hq], dim=-1))

    @staticmethod
    def _attend(qh: torch.Tensor, kh: torch.Tensor, vh: torch.Tensor, ctx: Context) -> torch.Tensor:
        """SiLU(Q Kᵀ + rab) / n under the causal mask, times V: (B, H, L, dv), one row block at a time."""
        assert ctx.rab is not None
        out = []
        for (a, b), rab, mask in zip(ctx.rows, ctx.rab, ctx.att_mask()):
            att = F.silu(qh[..., a:b, :] @ kh[..., :b, :].transpose(-1, -2) + rab.unsqueeze(1)) * mask.unsqueeze(1)  # (B, H, b-a, b)
            out.append(att @ vh[..., :b, :])  # (B, H, b-a, dv)
        return out[0] if len(out) == 1 else torch.cat(out, dim=-2)

    def forward(self, x: torch.Tensor, c: torch.Tensor | None, ctx: Context) -> tuple[torch.Tensor, torch.Tensor | None]:
        u, v, q, k = self._project(x)
        qh, kh, vh = _heads(q, self.h), _heads(k, self.h), _heads(v, self.h)  # (B, H, L, d)
        y = u * self.ln_attn(_merge(self._attend(qh, kh, vh, ctx)))  # (B, L, H*dv)
        x = x + self.out(self.drop(y))
        if c is None:
            return x, None
        cu, cv, cq, ck = self._project(c)
        cqh, ckh, cvh = _heads(cq, self.h), _heads(ck, self.h), _heads(cv, self.h)  # (B, H, C, d)
        catt = F.silu(cqh @ kh.transpose(-1, -2) + ctx.cand_rab.unsqueeze(1)) / ctx.n  # (B, H, C, L)
        catt = catt * ctx.cand_mask.unsqueeze(1)
        self_att = F.silu((cqh * ckh).sum(-1, keepdim=True) + ctx.self_rab) / ctx.n  # (B, H, C, 1)
        cy = cu * self.ln_attn(_merge(catt @ vh + self_att * cvh))  # (B, C, H*dv)
        return x, c + self.out(self.drop(cy))


class SASRecBlock(nn.Module):
    def __init__(self, cfg: GRConfig) -> None:
        super().__init__()
        self.h = cfg.n_heads
        self.ln_attn = nn.LayerNorm(cfg.d_model)
        self.qkv = nn.Linear(cfg.d_model, cfg.n_heads * (2 * cfg.d_qk + cfg.d_v))
        self.proj = nn.Linear(cfg.n_heads * cfg.d_v, cfg.d_model)
        self.ln_ffn = nn.LayerNorm(cfg.d_model)
        self.ffn = nn.Sequential(nn.Linear(cfg.d_model, cfg.ffn_dim), nn.GELU(), nn.Linear(cfg.ffn_dim, cfg.d_model))
        self.drop = Dropout(cfg.dropout)
        self.sizes = [cfg.n_heads * cfg.d_qk, cfg.n_heads * cfg.d_qk, cfg.n_heads * cfg.d_v]

    def _qkv(self, x: torch.Tensor) -> tuple[torch.Tensor, ...]:
        q, k, v = torch.split(self.qkv(self.ln_attn(x)), self.sizes, dim=-1)
        return _heads(q, self.h), _heads(k, self.h), _heads(v, self.h)  # (B, H, T, d)

    def _ffn(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.drop(self.ffn(self.ln_ffn(x)))

    def forward(self, x: torch.Tensor, c: torch.Tensor | None, ctx: Context) -> tuple[torch.Tensor, torch.Tensor | None]:
        q, k, v = self._qkv(x)
        scale = 1.0 / math.sqrt(q.shape[-1])
        logits = (q @ k.transpose(-1, -2)) * scale  # (B, H, L, L)
        logits = logits.masked_fill(ctx.key_mask.unsqueeze(1) == 0, -1e9)
        x = x + self.drop(self.proj(_merge(torch.softmax(logits, dim=-1) @ v)))
        x = self._ffn(x)
        if c is None:
            return x, None
        cq, ck, cv = self._qkv(c)
        clog = (cq @ k.transpose(-1, -2)) * scale  # (B, H, C, L)
        clog = clog.masked_fill(ctx.cand_mask.unsqueeze(1) == 0, -1e9)
        slog = (cq * ck).sum(-1, keepdim=True) * scale  # (B, H, C, 1): the candidate itself
        w = torch.softmax(torch.cat([clog, slog], dim=-1), dim=-1)  # (B, H, C, L+1)
        cy = w[..., :-1] @ v + w[..., -1:] * cv  # (B, H, C, dv)
        c = c + self.drop(self.proj(_merge(cy)))
        return x, self._ffn(c)


class GRModel(nn.Module):
    """HSTU or SASRec over item indices (0 = padding); see the module docstring for the layout."""

    def __init__(self, cfg: GRConfig, item_text: torch.Tensor | None = None) -> None:
        super().__init__()
        self.cfg = cfg
        self.item_emb = nn.Embedding(cfg.num_items + 1, cfg.d_model, padding_idx=0)
        nn.init.normal_(self.item_emb.weight, std=0.02)
        with torch.no_grad():
            self.item_emb.weight[0].zero_()
        self.pos_emb = nn.Embedding(cfg.max_len + 1, cfg.d_model)
        nn.init.normal_(self.pos_emb.weight, std=0.02)
        self.drop = Dropout(cfg.dropout)
        block = HSTUBlock if cfg.model == "hstu" else SASRecBlock
        self.blocks = nn.ModuleList([block(cfg) for _ in range(cfg.n_blocks)])
        self.rab = RelativeBias(cfg.max_len) if cfg.model == "hstu" else None
        # rab="block": block i > 0 has its own table (block 0 uses self.rab, so names stay stable)
        per_block = cfg.model == "hstu" and cfg.rab == "block"
        self.block_rabs = nn.ModuleList([RelativeBias(cfg.max_len) for _ in range(cfg.n_blocks - 1)] if per_block else [])
        # 1 for items whose ID embedding was trained; unseen items are scored from content alone.
        self.register_buffer("id_mask", torch.ones(cfg.num_items + 1, 1))
        if cfg.content_dim:
            text = item_text if item_text is not None else torch.zeros(cfg.num_items + 1, cfg.content_dim)
            self.register_buffer("item_text", text.float())  # (N+1, d_text)
            self.text_proj = nn.Linear(cfg.content_dim, cfg.d_model)

        if cfg.init == "reference" and cfg.model == "hstu":
            self._reference_init()

    def _reference_init(self) -> None:
        with torch.no_grad():
            # The reference draws its position table from a truncated normal, then its model's
            # reset_params overwrites it with xavier normal; the item table is truncated normal 0.02.
            nn.init.xavier_normal_(self.pos_emb.weight)
            nn.init.trunc_normal_(self.item_emb.weight, std=0.02, a=-0.04, b=0.04)
            self.item_emb.weight[0].zero_()
            for rel in [self.rab, *self.block_rabs]:
                if rel is not None:
                    rel.pos_w.normal_(0, 0.02)
                    rel.time_w.normal_(0, 0.02)
            for block in self.blocks:
                if isinstance(block, HSTUBlock):  # always, with model="hstu"
                    block.uvqk.weight.normal_(0, 0.02)
                    if block.uvqk.bias is not None:
                        block.uvqk.bias.zero_()
                    nn.init.xavier_uniform_(block.out.weight)

    # Items -----------------------------------------------------------------------------------
    def item_vectors(self, idx: torch.Tensor) -> torch.Tensor:
        """Raw input vectors of item indices: ID embedding (+ projected text when fused)."""
        vec = self.item_emb(idx) * self.id_mask[idx]  # (..., D)
        if self.cfg.content_dim:
            vec = vec + self.text_proj(self.item_text[idx]) * (idx > 0).unsqueeze(-1)
        return vec

    def item_outputs(self, idx: torch.Tensor) -> torch.Tensor:
        """L2-normalised item vectors used on the output side of both heads."""
        return F.normalize(self.item_vectors(idx), dim=-1)

    # Sequence --------------------------------------------------------------------------------
    def _context(self, items: torch.Tensor, times: torch.Tensor, query_times: torch.Tensor | None) -> Context:
        b, l = items.shape
        slots = torch.arange(l, device=items.device)
        valid = (items > 0).float()  # (B, L)
        causal = (slots.view(-1, 1) >= slots.view(1, -1)).float()  # (L, L)
        key_mask = causal.unsqueeze(0) * valid.unsqueeze(1)  # (B, L, L)
        cand_mask = valid.unsqueeze(1)  # (B, 1, L)
        n = self.cfg.attn_n or self.cfg.max_len + 1
        if self.rab is None:
            return Context(key_mask, cand_mask, None, None, None, n=n)
        query = query_times if self.cfg.time_bias == "request" and query_times is not None else times
        now = query[:, -1:]  # a candidate's "now": the request time, or the last history item's time
        buckets, cand_buckets = time_buckets(query.unsqueeze(2) - times.unsqueeze(1)), time_buckets((now - times).unsqueeze(1))
        if self.cfg.time_bias == "none":
            buckets, cand_buckets = buckets.zero_(), cand_buckets.zero_()
        rows = row_blocks(l)
        idx = bias_index((slots.view(-1, 1) - slots.view(1, -1)).unsqueeze(0), buckets)  # (B, L, L)
        ctx = Context(key_mask, cand_mask, None, None, None, n=n, rows=rows,
                      bias_idx=[idx[:, a:b, :b].contiguous() if len(rows) > 1 else idx for a, b in rows],
                      cand_bias_idx=bias_index((l - slots).view(1, 1, -1), cand_buckets))  # (B, 1, L)
        return ctx.with_bias(self.rab)

    def _embed(self, idx: torch.Tensor, slot: torch.Tensor) -> torch.Tensor:
        return self.drop(self.item_vectors(idx) * math.sqrt(self.cfg.d_model) + self.pos_emb(slot))

    def _positions(self, items: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Position ids of the history slots (B, L) and of the candidate slot (B, 1); the same
        whether a batch is padded to max_len or only to its longest history."""
        b, l = items.shape
        if self.cfg.positions == "oldest":
            pos = ((items > 0).long().cumsum(1) - 1).clamp(min=0)  # (B, L)
            return pos, pos[:, -1:] + 1
        pos = torch.arange(self.cfg.max_len - l, self.cfg.max_len, device=items.device).expand(b, l)
        return pos, torch.full((b, 1), self.cfg.max_len, device=items.device, dtype=torch.long)

    def forward(
        self, items: torch.Tensor, times: torch.Tensor, candidates: torch.Tensor | None = None,
        query_times: torch.Tensor | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """items, times: (B, L) left-padded histories, L <= max_len (a batch may be trimmed to its
        longest history: the outputs do not change); candidates: (B, C) item indices or None;
        query_times: (B, L) when slot t's next item was requested (used with time_bias="request";
        None: each item's own time).

        Returns L2-normalised outputs: history (B, L, D) and candidates (B, C, D) or None.
        """
        b, l = items.shape
        assert l <= self.cfg.max_len, f"histories must be padded to at most max_len={self.cfg.max_len}"
        ctx = self._context(items, times, query_times)
        pos, cand_pos = self._positions(items)
        x = self._embed(items, pos)  # (B, L, D)
        valid = (items > 0).unsqueeze(-1).float()  # (B, L, 1)
        x = x * valid
        c = None
        if candidates is not None:
            c = self._embed(candidates, cand_pos.expand_as(candidates))  # (B, C, D)
        for i, block in enumerate(self.blocks):
            x, c = block(x, c, ctx if i == 0 or not len(self.block_rabs) else ctx.with_bias(self.block_rabs[i - 1]))
            x = x * valid  # padding stays zero, as in the official implementation
        h = F.normalize(x, dim=-1)
        return h, (F.normalize(c, dim=-1) if c is not None else None)

    def rank_scores(self, h: torch.Tensor, g: torch.Tensor, candidates: torch.Tensor) -> torch.Tensor:
        """Ranking-head scores (B, C) in [-2, 2]: the retrieval cosine of the user vector (last history
        slot) plus the target-aware cosine of each candidate's own token, so the head refines
        retrieval rather than replacing it."""
        v = self.item_outputs(candidates)  # (B, C, D)
        return ((h[:, -1:] + g) * v).sum(-1)

    def dropout_elements(self, rows: int, width: int, candidates: int = 0) -> int:
        """How many dropout masks (one per element) a training forward pass over (rows, width)
        histories and `candidates` candidate tokens per row draws: every token's input embedding
        and each block's output (HSTU) or attention output and feed-forward output (SASRec). The
        trainer draws them ahead of the pass (tested against the layers' actual draws)."""
        if not 0 < self.cfg.dropout < 1:
            return 0
        d, hv = self.cfg.d_model, self.cfg.n_heads * self.cfg.d_v
        per_token = d + self.cfg.n_blocks * (hv if self.cfg.model == "hstu" else 2 * d)
        return per_token * rows * (width + candidates)

    def num_params(self) -> int:
        return sum(p.numel() for p in self.parameters())


def build_model(cfg: GRConfig, item_text: torch.Tensor | None = None) -> GRModel:
    """The model a config describes (HSTU or SASRec)."""
    if cfg.model not in ("hstu", "sasrec"):
        raise ValueError(f"unknown model {cfg.model!r}; expected 'hstu' or 'sasrec'")
    return GRModel(cfg, item_text)
