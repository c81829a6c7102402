"""Data-parallel GR training with `torch.distributed`: one process per CPU core set or GPU.

`Group` is what the trainer sees: its rank, the process count, how to shard a global batch, and
the few collectives it needs. A single process uses `Group()` and none of this touches
`torch.distributed`. Several processes come from `muse gr train --nproc N` (spawned here,
`launch`) or from `torchrun` (`init_from_env` reads RANK / WORLD_SIZE / LOCAL_RANK /
MASTER_ADDR / MASTER_PORT). Backend: NCCL when training on CUDA, gloo otherwise.

Sharding: every process walks the same seeded shuffle of users in global batches of
`batch_size`; process r takes rows r, r + N, r + 2N, ... of each (DistributedSampler's stride).
The loss is divided by the global slot count, so DDP's averaged gradient is exactly the
one-process gradient of the same global batch (up to float summation order). Process 0
evaluates and writes the checkpoint; the others wait for its early-stopping decision.
"""

from __future__ import annotations

import contextlib
import os
import socket
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp


@dataclass(frozen=True)
class Group:
    """This process's place in a data-parallel group (rank 0 of 1 when not distributed)."""

    rank: int = 0
    world: int = 1
    local_rank: int = 0

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    def shard(self, n: int) -> tuple[np.ndarray, float]:
        """This process's rows of a global batch of n, and the weight of its loss: a process
        left without rows (n < world) runs one row with weight 0 so that every process joins
        the gradient all-reduce."""
        local = np.arange(self.rank, n, self.world)
        return (local, 1.0) if len(local) else (np.zeros(1, dtype=np.int64), 0.0)

    def device(self, default: torch.device) -> torch.device:
        """The process's device: its own GPU (by local rank) when training on CUDA."""
        if self.world > 1 and default.type == "cuda":
            torch.cuda.set_device(self.local_rank)
            return torch.device("cuda", self.local_rank)
        return default

    def wrap(self, model: torch.nn.Module) -> torch.nn.Module:
        """The model wrapped in DistributedDataParallel (unchanged for one process)."""
        if self.world == 1:
            return model
        from torch.nn.parallel import DistributedDataParallel

        ids = [self.local_rank] if next(model.parameters()).is_cuda else None
        with warnings.catch_warnings():  # newer torch prefers forward_sync_buffers, which syncs at init
            warnings.simplefilter("ignore", FutureWarning)
            # buffers (id mask, item text) are identical on every process: never re-broadcast them
            return DistributedDataParallel(model, device_ids=ids, broadcast_buffers=False)

    def no_sync(self, model: torch.nn.Module) -> contextlib.AbstractContextManager[Any]:
        """DDP's no_sync (gradients accumulate locally until the last micro-batch of a step)."""
        sync = getattr(model, "no_sync", None)
        return sync() if self.world > 1 and sync is not None else contextlib.nullcontext()

    def broadcast(self, value: float) -> float:
        """Process 0's value, on every process."""
        if self.world == 1:
            return value
        box: list[Any] = [value]
        dist.broadcast_object_list(box, src=0)
        return float(box[0])

    def mean(self, value: float) -> float:
        """The mean of a float over the processes."""
        if self.world == 1:
            return value
        t = torch.tensor([value], dtype=torch.float64)
        if dist.get_backend() == "nccl":
            t = t.cuda()
        dist.all_reduce(t)
        return float(t.item()) / self.world


def backend(device: str) -> str:
    """NCCL for CUDA training, gloo for CPU."""
    wants_cuda = device == "cuda" or (device == "auto" and torch.cuda.is_available())
    return "nccl" if wants_cuda else "gloo"


def under_torchrun() -> bool:
    """True in a process started by torchrun (or any launcher that sets WORLD_SIZE > 1)."""
    return int(os.environ.get("WORLD_SIZE", "1")) > 1


def init_from_env(device: str) -> Group:
    """Join the process group a launcher described in the environment (torchrun's variables)."""
    rank, world = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
    if not dist.is_initialized():
        dist.init_process_group(backend(device), rank=rank, world_size=world)
    return Group(rank, world, int(os.environ.get("LOCAL_RANK", rank)))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _worker(local_rank: int, world: int, port: int, device: str, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), RANK=str(local_rank),
                      WORLD_SIZE=str(world), LOCAL_RANK=str(local_rank))
    group = init_from_env(device)
    try:
        fn(group, *args)
    finally:
        dist.destroy_process_group()


def launch(nproc: int, device: str, fn: Callable[..., Any], *args: Any) -> None:
    """Run `fn(group, *args)` in `nproc` processes on this machine (fn must be importable)."""
    mp.spawn(_worker, args=(nproc, free_port(), device, fn, args), nprocs=nproc, join=True)
