"""Every tool call leaves a trace record: name, arguments, duration, sizes, error."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from agent.types import TraceStep

log = logging.getLogger("muse.agent")


@dataclass
class StepHandle:
    """Filled in by the code inside a traced step."""

    n_in: int = 0
    n_out: int = 0
    error: str | None = None


@dataclass
class Tracer:
    steps: list[TraceStep] = field(default_factory=list)

    @contextmanager
    def step(self, step: str, tool: str, args: dict[str, Any] | None = None, *, swallow: bool = True) -> Iterator[StepHandle]:
        """Time a step; with `swallow`, a backend exception is recorded and the turn goes on."""
        handle = StepHandle()
        start = time.perf_counter()
        try:
            yield handle
        except Exception as exc:  # noqa: BLE001 - a failing tool must not sink the turn
            handle.error = f"{type(exc).__name__}: {exc}"[:300]
            log.warning("step %s/%s failed: %s", step, tool, handle.error)
            if not swallow:
                raise
        finally:
            self.steps.append(TraceStep(step=step, tool=tool, args=_small(args or {}), ms=round((time.perf_counter() - start) * 1000, 2),
                                        n_in=handle.n_in, n_out=handle.n_out, error=handle.error))

    def llm_calls_left(self, cap: int) -> int:
        """The per-turn LLM call cap minus the LLM steps already traced."""
        return cap - sum(1 for t in self.steps if t.tool.startswith("llm."))

    def note(self, step: str, tool: str, error: str | None = None, **args: Any) -> None:
        self.steps.append(TraceStep(step=step, tool=tool, args=_small(args), error=error))


def _small(args: dict[str, Any]) -> dict[str, Any]:
    """Arguments as they go into the trace: long lists and strings shortened."""
    out: dict[str, Any] = {}
    for key, value in args.items():
        if isinstance(value, (list, tuple, set, frozenset)):
            value = list(value)[:20]
        elif isinstance(value, str) and len(value) > 200:
            value = value[:200] + "…"
        out[key] = value
    return out
