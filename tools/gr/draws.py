"""Random draws made on a side thread, in the order the trainer consumes them.

Two of a training step's costs are serial random draws that nothing else waits on: the per-position
negatives (`torch.randint` on the trainer's own generator, 3.3M numbers a step on ml-100k) and the
dropout masks' uniforms (one double per element of every dropped tensor, from the default
generator). On CPU both run on one core while the other often idles (PyTorch's small element-wise
ops and the autograd engine's bookkeeping are serial too), so drawing them a little ahead on a
second thread takes them off the critical path. Every number is drawn by the same generator in the
same order as inline drawing would, so training is bit-identical (tests/gr/test_draws.py).
"""

from __future__ import annotations

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


class UniformStream:
    """The default generator's double uniforms in [0, 1), drawn `block` at a time on a side thread
    from a copy of that generator. `take(x)` hands out the next `x.numel()` of them shaped like `x`,
    exactly the values `torch.empty_like(x, dtype=torch.float64).uniform_()` would have drawn at that
    point; with `keep`, it hands out `dropout_mask(those uniforms, keep)` instead, also made on the
    side thread. `close()` stops the thread and leaves the default generator where drawing the
    uniforms taken, and no more, leaves it."""

    def __init__(self, block: int = 1 << 20, depth: int = 2, keep: float | None = None) -> None:
        self._gen = torch.Generator().set_state(torch.get_rng_state())
        self._block = block
        self._keep = keep
        self._slots: queue.Queue = queue.Queue(maxsize=max(1, depth))
        self._stop = threading.Event()
        self._buf = torch.empty(0, dtype=torch.float64)
        self._pos = 0
        self._state: torch.Tensor | None = None  # generator state before the current block was drawn
        self._worker = threading.Thread(target=self._draw, name="gr-uniforms", daemon=True)
        self._worker.start()

    def _draw(self) -> None:
        _yield_to_compute()
        while not self._stop.is_set():
            state = self._gen.get_state()
            block = torch.empty(self._block, dtype=torch.float64).uniform_(generator=self._gen)
            if self._keep is not None:
                block = dropout_mask(block, self._keep)
            while not self._stop.is_set():
                try:
                    self._slots.put((state, block), timeout=0.1)
                    break
                except queue.Full:
                    continue

    def take(self, like: torch.Tensor) -> torch.Tensor:
        """The next `like.numel()` uniforms (or masks, with `keep`), shaped like `like` (which must
        be contiguous, so that they land on the elements an inline draw would fill)."""
        if not like.is_contiguous():
            raise ValueError("UniformStream.take needs a contiguous tensor")
        need, parts = like.numel(), []
        while need > 0:
            if self._pos == len(self._buf):
                self._state, self._buf = self._slots.get()
                self._pos = 0
            n = min(need, len(self._buf) - self._pos)
            parts.append(self._buf[self._pos : self._pos + n])
            self._pos += n
            need -= n
        flat = parts[0] if len(parts) == 1 else torch.cat(parts) if parts else self._buf[:0]
        return flat.view(like.shape)

    def close(self) -> None:
        """Stop drawing; set the default generator to its state after exactly the uniforms taken
        (the draw ahead is undone by replaying the current block's taken part from its start state)."""
        self._stop.set()
        self._worker.join()
        if self._state is None:  # nothing taken: the default generator never moved
            return
        gen = torch.Generator().set_state(self._state)
        torch.empty(self._pos, dtype=torch.float64).uniform_(generator=gen)
        torch.set_rng_state(gen.get_state())
