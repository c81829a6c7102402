"""Creative generator timings on this machine: poster fallback, tiny diffusers pipeline, cache hits.

    .venv/bin/python bench/creative.py [--n 40]

The tiny pipeline is random-initialised (noise pixels): it measures the code path and pipeline
overhead on CPU, not image quality. Real sd-turbo timings come from bench/creative_gpu.py.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muse.settings import apply_offline_env  # noqa: E402

apply_offline_env()

from tools.creative import DiffusersGenerator, ImageCache, ImageRequest, ImageService, ItemFacts, PosterGenerator  # noqa: E402
from tools.creative.tiny import build_tiny_pipeline  # noqa: E402

ITEM = ItemFacts(item_id=6, title="Heat", year=1995, genres=("Action", "Crime", "Thriller"), keywords=("heist",))


def _request(k: int, size: int) -> ImageRequest:
    return ImageRequest(item=ITEM, user_id=f"user-{k}", like_keywords=("neo-noir", "rain", f"theme {k}"), size=size)


def _times_ms(n: int, run: Callable[[int], object]) -> list[float]:
    out = []
    for k in range(n):
        start = time.perf_counter()
        run(k)
        out.append(1000 * (time.perf_counter() - start))
    return out


def _row(name: str, times: list[float], note: str = "") -> str:
    p95 = sorted(times)[max(0, int(0.95 * len(times)) - 1)]
    return f"| {name:<40} | {len(times):>3} | {statistics.median(times):>9.1f} | {p95:>9.1f} | {note} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=40, help="images per measurement")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        poster = PosterGenerator(ImageCache(root / "posters"))
        cold = _times_ms(1, lambda k: poster.generate(_request(10_000, 512)))
        rows.append(_row("poster 512 px, first (fonts load)", cold))
        rows.append(_row("poster 512 px, render + PNG write", _times_ms(args.n, lambda k: poster.generate(_request(k, 512))), "goal <= 50 ms"))
        rows.append(_row("poster 512 px, cache hit", _times_ms(args.n, lambda k: poster.generate(_request(k, 512)))))

        from diffusers.utils import logging as diffusers_logging

        diffusers_logging.set_verbosity_error()  # the byte-level toy tokenizer trips CLIP's 77-token warning
        start = time.perf_counter()
        folder = build_tiny_pipeline(root / "tiny")
        build_ms = 1000 * (time.perf_counter() - start)
        tiny = DiffusersGenerator(str(folder), ImageCache(root / "tiny-images"), steps=2, local_files_only=True)
        start = time.perf_counter()
        tiny.load()
        load_ms = 1000 * (time.perf_counter() - start)
        rows.append(_row("tiny SD: build + save_pretrained", [build_ms]))
        rows.append(_row("tiny SD: from_pretrained (local)", [load_ms]))
        for size in (64, 128):
            offset = 1000 * size
            times = _times_ms(max(3, args.n // 4), lambda k: tiny.generate(_request(offset + k, size)))
            rows.append(_row(f"tiny SD {size} px, 2 steps, CFG, CPU", times))
        rows.append(_row("tiny SD 64 px, cache hit", _times_ms(args.n, lambda k: tiny.generate(_request(64_000 + k % 3, 64)))))

        service = ImageService(tiny, budget_s=0.0)
        submit = _times_ms(args.n, lambda k: service.submit([_request(500_000 + k, 64)]))
        service.close(wait=True)
        rows.append(_row("ImageService.submit, budget 0 (pending)", submit, "chat turn cost"))

    print(f"| {'measurement':<40} |   n | median ms |    p95 ms | note |")
    print(f"|{'-' * 42}|-----|-----------|-----------|------|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
