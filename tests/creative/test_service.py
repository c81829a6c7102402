"""ImageService: a chat turn never waits longer than its budget."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PIL import Image

from tests.creative.helpers import request
from tools.creative import CachedGenerator, ImageCache, ImageService
from tools.creative.models import ImagePlan, ImageRequest


class SlowGenerator(CachedGenerator):
    """A fake backend whose renders wait for a gate (or fail on demand)."""

    kind = "diffusion"
    model = "fake-slow"

    def __init__(self, cache: ImageCache, fail: bool = False) -> None:
        super().__init__(cache)
        self.gate = threading.Event()
        self.calls = 0
        self.fail = fail

    def render(self, plan: ImagePlan, request: ImageRequest) -> Image.Image:
        self.calls += 1
        self.gate.wait(10)
        if self.fail:
            raise RuntimeError("boom")
        return Image.new("RGB", (plan.size, plan.size), (10, 20, 30))


def test_submit_returns_within_budget_and_wait_gets_the_image(tmp_path: Path) -> None:
    generator = SlowGenerator(ImageCache(tmp_path))
    service = ImageService(generator, budget_s=0.05)
    start = time.perf_counter()
    tickets = service.submit([request("a", size=32), request("b", size=32)])
    assert time.perf_counter() - start < 1.0
    assert [t.status for t in tickets] == ["pending", "pending"]
    assert service.get(tickets[0].ticket_id).status == "pending"  # type: ignore[union-attr]
    generator.gate.set()
    done = [service.wait(t.ticket_id, timeout=5) for t in tickets]
    assert all(d is not None and d.status == "ready" and d.result for d in done)
    assert service.submit([request("a", size=32)])[0].status == "ready"  # from the cache
    assert generator.calls == 2
    assert service.get("unknown") is None and service.wait("unknown", 0.1) is None
    service.close()


def test_duplicate_requests_render_once(tmp_path: Path) -> None:
    generator = SlowGenerator(ImageCache(tmp_path))
    service = ImageService(generator, budget_s=0.0)
    first = service.submit([request("a", size=32)])[0]
    second = service.submit([request("a", size=32)])[0]
    assert first.ticket_id == second.ticket_id
    generator.gate.set()
    service.wait(first.ticket_id, timeout=5)
    assert generator.calls == 1
    service.close()


def test_a_failed_render_is_reported_not_raised(tmp_path: Path) -> None:
    generator = SlowGenerator(ImageCache(tmp_path), fail=True)
    generator.gate.set()
    service = ImageService(generator, budget_s=2.0)
    [ticket] = service.submit([request(size=32)])
    assert ticket.status == "failed" and ticket.error == "RuntimeError" and ticket.result is None
    service.close()
