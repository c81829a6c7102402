"""Random draws made on a side thread, in the order the trainer consumes them.

Two of a training step's costs are serial random draws that nothing else waits on: the per-position
negatives (`torch.randint` on the trainer's own generator, 3.3M numbers a step on ml-100k) and the
dropout masks' uniforms (one double per element of every dropped tensor, from the default
generator). On CPU both run on one core while the other often idles (PyTorch's small element-wise
ops and the autograd engine's bookkeeping are serial too), so drawing them a little ahead on a
second thread takes them off the critical path. Every number is drawn by the same generator in the
same order as inline drawing would, so training is bit-identical (tests/gr/test_draws.py). The
dropout masks are drawn per micro-batch (`MaskDraws`, `MaskSlab`: as many as its forward pass uses),
so micro-batches may also run on several threads at once and still get the masks they would get
one after another (`SlabMasks`; the trainer's `workers`).
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

import torch

T = TypeVar("T")
_DONE = object()


def _yield_to_compute() -> None:
    """Give the calling (side) thread the lowest CPU priority (Linux: per thread). It then runs
    on a core the trainer leaves idle instead of taking one from PyTorch's parallel kernels, whose
    slowest thread sets their pace; when the trainer waits for a draw, the draw has a core anyway."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):  # not Linux, or not allowed: normal priority
        pass


def ahead(items: Iterable[T], depth: int = 1) -> Iterator[T]:
    """`items`, produced on a side thread up to `depth` + 1 items before they are asked for. The
    producer's own side effects (a generator's state) happen in the same order as inline; an
    exception it raises is raised here, at the item where it happened."""
    slots: queue.Queue = queue.Queue(maxsize=max(1, depth))
    stop = threading.Event()

    def put(entry: tuple) -> bool:
        while not stop.is_set():
            try:
                slots.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        _yield_to_compute()
        try:
            for item in items:
                if not put((item, None)):
                    return
            put((_DONE, None))
        except BaseException as exc:  # handed to the consumer
            put((_DONE, exc))

    worker = threading.Thread(target=produce, name="gr-draws-ahead", daemon=True)
    worker.start()
    try:
        while True:
            item, exc = slots.get()
            if exc is not None:
                raise exc
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()
        worker.join()


def dropout_mask(uniform: torch.Tensor, keep: float) -> torch.Tensor:
    """Dropout's scaled float32 mask from its double uniforms: 1 / keep where uniform < keep, else 0
    (PyTorch's CPU `bernoulli_(keep)` compares the same doubles; `model.Dropout`)."""
    return (uniform < keep).to(torch.float32).div_(keep)


class MaskDraws:
    """Dropout masks for whole micro-batches, drawn in the order the trainer plans them: `draw(n)`
    gives the next n masks (float32, `dropout_mask` of the next n double uniforms). With `ahead`,
    they come from a copy of the default generator (for a side thread) and `finish()` leaves the
    default generator where drawing them inline would have; otherwise from the default generator."""

    def __init__(self, keep: float, ahead: bool) -> None:
        self.keep = keep
        self._gen = torch.Generator().set_state(torch.get_rng_state()) if ahead else None

    def draw(self, n: int) -> torch.Tensor:
        return dropout_mask(torch.empty(n, dtype=torch.float64).uniform_(generator=self._gen), self.keep)

    def finish(self) -> None:
        """Call once every drawn mask has been used (the epoch's end)."""
        if self._gen is not None:
            torch.set_rng_state(self._gen.get_state())


class MaskSlab:
    """One micro-batch's dropout masks, handed out in the order its forward pass asks for them."""

    def __init__(self, masks: torch.Tensor) -> None:
        self._masks, self._pos = masks, 0

    def take(self, like: torch.Tensor) -> torch.Tensor:
        """The next `like.numel()` masks shaped like `like` (contiguous, so that each lands on the
        element an inline draw would fill)."""
        if not like.is_contiguous():
            raise ValueError("MaskSlab.take needs a contiguous tensor")
        end = self._pos + like.numel()
        if end > len(self._masks):
            raise RuntimeError(f"dropout asked for more masks than planned ({end} > {len(self._masks)})")
        out = self._masks[self._pos : end].view(like.shape)
        self._pos = end
        return out

    def check_used(self) -> None:
        if self._pos != len(self._masks):
            raise RuntimeError(f"dropout used {self._pos} of the {len(self._masks)} masks planned for a micro-batch")


class SlabMasks:
    """Installed as every dropout layer's mask source: hands out the masks of the micro-batch that
    the calling thread is running (`running`), so several threads can run micro-batches at once."""

    def __init__(self) -> None:
        self._local = threading.local()

    @contextlib.contextmanager
    def running(self, slab: MaskSlab | None) -> Iterator[None]:
        self._local.slab = slab
        try:
            yield
        finally:
            self._local.slab = None
        if slab is not None:
            slab.check_used()

    def __call__(self, like: torch.Tensor) -> torch.Tensor:
        slab = getattr(self._local, "slab", None)
        if slab is None:
            raise RuntimeError("dropout ran outside a planned micro-batch")
        return slab.take(like)
