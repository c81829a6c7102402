"""`muse eval simulate`: build the systems over the dataset minus the targets, run, write the report."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.build import build_service
from agent.service import MuseService
from evals.simulate import (
    HeldOut,
    SystemReport,
    baseline_systems,
    evaluate,
    sample_users,
    stores_without_targets,
)
from muse.domain import Item
from muse.settings import Settings
from stores.datasets import dataset_slug, resolve_dataset


@dataclass
class SimulationRun:
    dataset: str
    users: int
    turns: int
    seed: int
    reports: list[SystemReport]
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    styles: tuple[str, ...] = ("template",)

    def to_json(self) -> dict:
        return {"dataset": self.dataset, "users": self.users, "turns": self.turns, "seed": self.seed, "styles": list(self.styles),
                "notes": self.notes, "seconds": self.seconds, "systems": [r.row() for r in self.reports]}


def build_eval_service(settings: Settings, dataset: str, users: int, seed: int, fast: bool) -> tuple[MuseService, list[HeldOut], dict[int, Item], list[str]]:
    """The held-out users and a service over the dataset without their targets (no LLM, no images)."""
    from tools.gr.scorer import FakeScorer, GRScorer, checkpoint_path
    from tools.retriever import FakeEmbedder, build_embedder

    slug = dataset_slug(dataset)
    settings = settings.model_copy(update={"dataset": dataset})
    source = resolve_dataset(dataset, settings)
    items = list(source.reader.items())
    interactions = list(source.reader.interactions())
    by_id = {i.item_id: i for i in items}
    cases = sample_users(interactions, by_id, users, seed)
    stores = stores_without_targets(items, interactions, cases, settings.home / "eval" / f"{slug}-heldout-u{users}-s{seed}.sqlite3")
    notes = ["understanding is rule-based (no LLM); images off"]
    popularity = FakeScorer(stores.interactions.item_counts())
    if fast:
        embedder, scorer = FakeEmbedder(), popularity
        notes.append("--fast: FakeEmbedder and the popularity FakeScorer")
    else:
        embedder = build_embedder(settings)
        path = checkpoint_path(settings, slug)
        scorer = GRScorer.for_dataset(settings, slug) if path.exists() else popularity
        notes.append(f"embedder {embedder.name}; GR {'HSTU ' + str(path) if path.exists() else 'missing: popularity stands in (run `muse gr train`)'}")
    service = build_service(settings, llm=None, stores=stores, embedder=embedder, scorer=scorer, images=None, llm_capable=False)
    return service, cases, by_id, notes


def run_simulation(settings: Settings, dataset: str, users: int, turns: int, seed: int, fast: bool = False,
                   progress: Callable[[str], None] | None = None, llm: Any = None,
                   styles: tuple[str, ...] = ("template",), reference: bool = False) -> SimulationRun:
    """Every system against `users` simulated users for up to `turns` turns, in each phrasing style
    (template messages phrased by `llm` when given); with `reference`, the oracle-constraint row."""
    start = time.perf_counter()
    service, cases, items, notes = build_eval_service(settings, dataset, users, seed, fast)
    if "template" in styles:
        notes.append("template style: " + ("LLM-phrased, leak-guarded" if llm is not None else "rule-based templates"))
    if "paraphrase" in styles:
        notes.append("paraphrase style: the same facts phrased from evals/simulator/paraphrases.yaml (seeded), leak-guarded")
    if reference:
        notes.append("reference row: ORACLE constraints - reads the genres and era the simulator stated, ranks by popularity inside them")
    try:
        reports = evaluate(baseline_systems(service, reference=reference), cases, items, turns, seed, progress, llm, styles)
    finally:
        service.close()
    return SimulationRun(dataset, len(cases), turns, seed, reports, notes, round(time.perf_counter() - start, 1), tuple(styles))


def table(run: SimulationRun) -> list[str]:
    """The results as a markdown table, one row per system."""
    head = ["system", "style", "hit rate", *[f"HR@t{t}" for t in range(1, run.turns + 1)], "avg turns", "NDCG", "p50 ms", "p95 ms"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in run.reports:
        cells = [r.name, r.style, f"{r.hit_rate:.3f}", *[f"{h:.3f}" for h in r.hit_by_turn], f"{r.avg_turns:.2f}", f"{r.ndcg:.3f}",
                 f"{r.latency_p50_ms:.1f}", f"{r.latency_p95_ms:.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def write_report(run: SimulationRun, reports_dir: Path) -> Path:
    """report.md, results.json, hit_by_turn.png and latency.png in a folder named after the run."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    suffix = "" if run.styles == ("template",) else "-" + "-".join(run.styles)
    out = reports_dir / f"simulate-{dataset_slug(run.dataset)}-u{run.users}-t{run.turns}-s{run.seed}{suffix}"
    out.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(6, 4))
    for r in run.reports:
        ax.plot(range(1, run.turns + 1), r.hit_by_turn, marker="o", label=f"{r.name} [{r.style}]",
                linestyle="-" if r.style == "template" else "--")
    ax.set(xlabel="turn", ylabel="cumulative hit rate", title=f"Hit rate by turn ({run.users} simulated users)")
    ax.legend(), ax.grid(alpha=0.3)
    fig.savefig(out / "hit_by_turn.png", dpi=120, bbox_inches="tight")
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(6, 4))
    for r in run.reports:
        ax.hist(r.latencies, bins=40, alpha=0.5, label=f"{r.name} [{r.style}]")
    ax.set(xlabel="latency per turn (ms)", ylabel="turns", xscale="linear", title="Latency per turn")
    ax.legend()
    fig.savefig(out / "latency.png", dpi=120, bbox_inches="tight")
    plt.close(fig)
    (out / "results.json").write_text(json.dumps(run.to_json(), indent=2))
    style = "both" if len(run.styles) > 1 else run.styles[0]
    command = f"muse eval simulate --dataset {run.dataset} --users {run.users} --turns {run.turns} --seed {run.seed} --style {style}"
    md = [f"# Simulated users: {run.dataset}", "", f"`{command}` ({run.seconds:.0f} s)", "", *table(run), "",
          *[f"- {n}" for n in run.notes], "", "![hit rate by turn](hit_by_turn.png)", "", "![latency](latency.png)", ""]
    (out / "report.md").write_text("\n".join(md))
    return out
