"""Training configuration: typed TOML files in `configs/` plus `--key=value` overrides.

A config file is flat: every key is a field of `GRConfig` (architecture) or `TrainConfig`
(optimisation, evaluation, runtime). Unknown keys are errors, values are checked against the
field's type.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Literal

from muse.errors import InvalidInputError
from tools.gr.model import GRConfig

CONFIG_DIR = Path(__file__).parent / "configs"


@dataclass
class TrainConfig:
    """How to train and evaluate (the paper's optimiser and loss are the defaults)."""

    epochs: int = 100
    batch_size: int = 128  # sequences per optimiser step (the global batch, whatever the process count)
    micro_batch: int = 32  # rows run together inside a step, grouped by length (speed only)
    # > 0: micro-batches cut per step by cost instead of `micro_batch` rows (speed only; the same step
    # up to float rounding): at most this many slots (rows x width) each, the cuts minimising the
    # slots computed plus `micro_overhead` slots per micro-batch (its fixed cost: ~2,000 small ops)
    micro_positions: int = 0
    micro_overhead: int = 300
    # > 1 (CPU): a step's micro-batches run on this many threads at once, `threads` // workers
    # PyTorch threads each (speed only; the same masks and negatives, the gradients summed per thread
    # then across threads, so equal to workers=1 up to float rounding). Ignored with several processes.
    workers: int = 1
    bucket: int = 0  # > 1: batches drawn from runs of `bucket` batches sorted by length (0: plain shuffle)
    lr: float = 1e-3
    beta1: float = 0.9
    beta2: float = 0.98
    weight_decay: float = 0.0
    num_negatives: int = 128  # uniform negatives per position ("position") or per step ("batch")
    # "position": K negatives drawn for every position (the reference implementation); "batch": one
    # set of K for the whole step (the first trainer); "all": full softmax over the catalog.
    # "row": K for each sequence, shared by its positions (no (positions x catalog) product).
    negatives: Literal["position", "row", "batch", "all"] = "position"
    pool_size: int = 2048  # "position" on catalogs larger than this: negatives come from a per-step pool
    temperature: float = 0.05
    # > 0: evaluate and keep an exponential moving average of the weights, this decay per step
    ema: float = 0.0
    # Weight of the ranking-head (M-FALCON candidate token) loss. Off by default: trained jointly it
    # cost the retrieval head much more than it gave (ml-100k HSTU seed 0, 60 epochs: NDCG@10
    # 0.041 at 1.0, 0.056 at 0.1, 0.076 at 0), and the scorer then ranks with the retrieval head.
    rank_weight: float = 0.0
    # What the model is fitted on. "train": all but the last two items, early stopping on the
    # second-to-last (validation) item. "train+valid": all but the test item for exactly `epochs`
    # epochs (the count chosen on validation beforehand). "select+refit": both, in that order: the
    # epoch count is chosen on validation, then a fresh model is refitted on train + validation.
    train_on: Literal["train", "train+valid", "select+refit"] = "train"
    eval_every: int = 1  # epochs between validation runs
    patience: int = 5  # validation runs without a better NDCG@10 before stopping
    # Items removed from the ranking at evaluation: the user's whole history, or only the ids in the
    # model's input window (the last max_len items; the reference implementation's protocol).
    exclude: Literal["history", "window"] = "history"
    seed: int = 42
    device: Literal["auto", "cpu", "cuda", "mps"] = "auto"
    threads: int = 2
    eval_batch_size: int = 256
    content: bool = False  # fuse item text embeddings into item vectors
    # On CPU, plan each step (negatives, micro-batches, dropout masks) on a side thread ahead of use (the
    # same numbers in the same order, so the same training; speed only, tools/gr/draws.py).
    draw_ahead: bool = True

    def __post_init__(self) -> None:
        for key, allowed in _CHOICES.items():
            if getattr(self, key) not in allowed:
                raise InvalidInputError(f"{key}: expected one of {', '.join(allowed)}, got {getattr(self, key)!r}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_CHOICES = {"negatives": ("position", "row", "batch", "all"), "train_on": ("train", "train+valid", "select+refit"),
            "exclude": ("history", "window"), "device": ("auto", "cpu", "cuda", "mps")}


def _field_types(cls: type) -> dict[str, type]:
    hints = {"int": int, "float": float, "bool": bool, "str": str}
    out: dict[str, type] = {}
    for f in fields(cls):
        name = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "str")
        out[f.name] = hints.get(name, str)
    return out


MODEL_KEYS = _field_types(GRConfig)
TRAIN_KEYS = _field_types(TrainConfig)


def _coerce(key: str, value: Any, kind: type) -> Any:
    if kind is bool and isinstance(value, str):
        if value.lower() in ("1", "true", "yes", "on"):
            return True
        if value.lower() in ("0", "false", "no", "off"):
            return False
        raise InvalidInputError(f"{key}: expected true/false, got {value!r}")
    try:
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{key}: expected {kind.__name__}, got {value!r}") from exc


def config_path(name_or_path: str | Path) -> Path:
    """A config file by path, or by name from the shipped `configs/` directory."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        return path
    shipped = CONFIG_DIR / f"{path.stem}.toml"
    if shipped.exists():
        return shipped
    known = ", ".join(sorted(p.stem for p in CONFIG_DIR.glob("*.toml")))
    raise InvalidInputError(f"no config {name_or_path!r}; shipped configs: {known}")


def default_config_name(slug: str) -> str:
    """The shipped config for a dataset slug (falls back to ml-latest-small's)."""
    return slug if (CONFIG_DIR / f"{slug}.toml").exists() else "ml-latest-small"


def parse_overrides(args: list[str]) -> dict[str, str]:
    """['--epochs=20', 'lr=3e-4'] -> {'epochs': '20', 'lr': '3e-4'}."""
    out = {}
    for arg in args:
        key, sep, value = arg.lstrip("-").partition("=")
        if not sep:
            raise InvalidInputError(f"override {arg!r} must look like --key=value")
        out[key.replace("-", "_")] = value
    return out


MODEL_TABLES = ("hstu", "sasrec")


def _file_values(path: Path, model: str | None) -> dict[str, Any]:
    """A config file's keys: the top level, then its `[hstu]` or `[sasrec]` table for the model
    that will be built (a recipe detail that suits one model only, e.g. HSTU's learning rate)."""
    values = tomllib.loads(path.read_text(encoding="utf-8"))
    tables = {name: values.pop(name) for name in MODEL_TABLES if isinstance(values.get(name), dict)}
    chosen = model or values.get("model", GRConfig.model)
    values.update(tables.get(chosen, {}))
    return values


def load_config(name_or_path: str | Path | None, overrides: dict[str, Any] | None = None) -> tuple[GRConfig, TrainConfig]:
    """Model and training configs from a TOML file (or defaults) with overrides applied."""
    overrides = overrides or {}
    values: dict[str, Any] = {}
    if name_or_path is not None:
        values.update(_file_values(config_path(name_or_path), overrides.get("model")))
    values.update(overrides)
    model_kw, train_kw = {}, {}
    for key, value in values.items():
        if key in MODEL_KEYS:
            model_kw[key] = _coerce(key, value, MODEL_KEYS[key])
        elif key in TRAIN_KEYS:
            train_kw[key] = _coerce(key, value, TRAIN_KEYS[key])
        else:
            raise InvalidInputError(f"unknown config key {key!r}")
    return GRConfig(**model_kw), TrainConfig(**train_kw)
