"""Seconds per image of a real text-to-image model (default: settings.image_model, sd-turbo).

    .venv/bin/python bench/creative_gpu.py [MODEL_ID_OR_PATH] [--n 8] [--size 512] [--steps 1]

Runs only when the weights are on this machine (a diffusers folder, or a hub id in the HF cache);
otherwise it says so and exits 0, so `make bench` passes on machines without weights or a GPU.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muse.settings import Settings, apply_offline_env  # noqa: E402

apply_offline_env()

from tools.creative import DiffusersGenerator, ImageCache, ImageRequest, ItemFacts, locate_model  # noqa: E402
from tools.creative.factory import enable_hint  # noqa: E402

ITEMS = [
    ItemFacts(item_id=6, title="Heat", year=1995, genres=("Action", "Crime", "Thriller"), keywords=("heist",)),
    ItemFacts(item_id=1, title="Toy Story", year=1995, genres=("Animation", "Children", "Comedy")),
    ItemFacts(item_id=260, title="Star Wars: Episode IV - A New Hope", year=1977, genres=("Action", "Sci-Fi")),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model", nargs="?", default=None, help="hub id or folder (default: settings.image_model)")
    parser.add_argument("--n", type=int, default=8)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--steps", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None, help="keep the images here (default: a temp dir)")
    args = parser.parse_args()
    settings = Settings()
    model = args.model or settings.image_model
    if locate_model(model) is None:
        print(f"creative_gpu: skipped. {enable_hint(model)}")
        return 0
    out = args.out or Path(tempfile.mkdtemp(prefix="muse-gpu-bench-"))
    generator = DiffusersGenerator(model, ImageCache(out), steps=args.steps or settings.image_steps,
                                   device=settings.device, local_files_only=True)
    generator.load()
    print(f"model {model} on {generator.device}, load {generator.load_seconds:.1f} s, "
          f"{generator.steps} step(s), guidance {generator.guidance_scale}, {args.size} px, images in {out}")

    def request(k: int) -> ImageRequest:
        item = ITEMS[k % len(ITEMS)]
        return ImageRequest(item=item, user_id=f"bench-{k}", like_keywords=("neo-noir", "rain"), size=args.size)

    generator.generate(request(-1))  # warm-up: kernels, allocator
    seconds = []
    for k in range(args.n):
        start = time.perf_counter()
        generator.generate(request(k))
        seconds.append(time.perf_counter() - start)
    print("| model | device | size | steps | n | median s/image | max s/image |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {model} | {generator.device} | {args.size} | {generator.steps} | {args.n} "
          f"| {statistics.median(seconds):.3f} | {max(seconds):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
