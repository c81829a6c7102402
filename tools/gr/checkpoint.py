"""Checkpoints: weights plus everything needed to rebuild and use the model (config, id map,
popularity, time spacing, metrics). Plain tensors and dicts, so `torch.load(weights_only=True)` works."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import torch

from muse.errors import DataError, NotFoundError
from muse.files import replaced_atomically
from tools.gr.data import IdMap
from tools.gr.model import GRConfig, GRModel, build_model

# 2: model configs gained `positions` and `time_bias`; a version-1 checkpoint loads with their
# defaults ("recent", "item"), which are exactly how version-1 models were built.
FORMAT_VERSION = 2


@dataclass
class Checkpoint:
    """A trained model with its id map and the statistics the scorer falls back on."""

    model: GRModel
    id_map: IdMap
    popularity: np.ndarray  # (N+1,) training interaction count per index
    median_gap_s: int
    train_config: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    dataset: str = ""

    @property
    def config(self) -> GRConfig:
        return self.model.cfg


def save_checkpoint(path: Path, ckpt: Checkpoint) -> Path:
    """Write `ckpt` to `path` (parent directories created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {
        "format": FORMAT_VERSION,
        "model_config": ckpt.model.cfg.to_dict(),
        "state_dict": {k: v.detach().cpu() for k, v in ckpt.model.state_dict().items()},
        "item_ids": torch.from_numpy(ckpt.id_map.item_ids.copy()),
        "popularity": torch.from_numpy(ckpt.popularity.astype(np.int64)),
        "median_gap_s": int(ckpt.median_gap_s),
        "train_config": dict(ckpt.train_config),
        "metrics": dict(ckpt.metrics),
        "dataset": ckpt.dataset,
    }
    with replaced_atomically(path) as tmp:
        torch.save(state, tmp)
    return path


def load_checkpoint(path: Path, device: str | torch.device = "cpu") -> Checkpoint:
    """Rebuild the model a checkpoint describes, in eval mode on `device`."""
    path = Path(path)
    if not path.exists():
        raise NotFoundError(f"no GR checkpoint at {path}; train one with `muse gr train --dataset ...`")
    state = torch.load(path, map_location="cpu", weights_only=True)
    version = int(state.get("format", 1))
    if version > FORMAT_VERSION:
        raise DataError(f"GR checkpoint {path} has format {version}; this Muse reads up to {FORMAT_VERSION}: "
                        "upgrade Muse or retrain with `muse gr train`")
    unknown = set(state["model_config"]) - {f.name for f in fields(GRConfig)}
    if unknown:
        raise DataError(f"GR checkpoint {path} has unknown model settings {sorted(unknown)}: retrain with `muse gr train`")
    model = build_model(GRConfig(**state["model_config"]))
    model.load_state_dict(state["state_dict"])
    model.to(device).eval()
    return Checkpoint(
        model=model,
        id_map=IdMap(state["item_ids"].numpy()),
        popularity=state["popularity"].numpy(),
        median_gap_s=int(state["median_gap_s"]),
        train_config=state.get("train_config", {}),
        metrics=state.get("metrics", {}),
        dataset=state.get("dataset", ""),
    )


def checkpoint_format(path: Path) -> int:
    """The format version of the checkpoint at `path` (1 for checkpoints of the first trainer)."""
    return int(torch.load(Path(path), map_location="cpu", weights_only=True).get("format", 1))
