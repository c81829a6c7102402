"""`muse eval scenarios FILE`, `muse eval simulate` and `muse eval understand`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

eval_app = typer.Typer(no_args_is_help=True, add_completion=False, help="Evaluate the agent: scripted scenarios, simulated users, understanding.")


def _settings(ctx: typer.Context):
    from muse.cli_common import settings_of

    return settings_of(ctx)


def _fast_service(settings):
    from agent.build import build_service
    from stores import dataset_ready, open_stores
    from stores.datasets import dataset_slug, prepare_dataset
    from tools.gr.scorer import FakeScorer
    from tools.retriever import FakeEmbedder

    slug = dataset_slug(settings.dataset)
    if not dataset_ready(settings, slug):
        prepare_dataset(settings)
    stores = open_stores(settings, slug)
    return build_service(settings, llm=None, stores=stores, embedder=FakeEmbedder(),
                         scorer=FakeScorer(stores.interactions.item_counts()), llm_capable=False)


@eval_app.command("scenarios")
def scenarios_cmd(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="Scenario YAML file."),  # noqa: B008
    fast: bool = typer.Option(False, "--fast", help="FakeEmbedder and popularity FakeScorer instead of MiniLM and HSTU."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Run scripted scenarios and print a pass/fail table with the reasons (exit 1 on any failure)."""
    from agent.build import build_service
    from evals.scenarios import run_scenarios

    settings = _settings(ctx)
    service = _fast_service(settings) if fast else build_service(settings)
    try:
        results = run_scenarios(service, file)
    finally:
        service.close()
    if as_json:
        typer.echo(json.dumps([r.__dict__ for r in results], indent=2))
    else:
        width = max(len(r.name) for r in results) if results else 10
        for r in results:
            typer.echo(f"{'PASS' if r.passed else 'FAIL'}  {r.name:<{width}}  {r.seconds:6.2f}s  {'; '.join(r.failures)}")
        typer.echo(f"{sum(r.passed for r in results)}/{len(results)} passed")
    if not all(r.passed for r in results):
        raise typer.Exit(code=1)


@eval_app.command("simulate")
def simulate_cmd(
    ctx: typer.Context,
    dataset: str = typer.Option("movielens-small", "--dataset", help="Dataset name or path."),
    users: int = typer.Option(100, "--users", min=1, help="Simulated users (held-out dataset users)."),
    turns: int = typer.Option(5, "--turns", min=1, max=10, help="Turn budget per conversation."),
    seed: int = typer.Option(0, "--seed", help="Sampling seed: same seed, same numbers."),
    fast: bool = typer.Option(False, "--fast", help="FakeEmbedder and popularity FakeScorer (for tests)."),
    simulator: str = typer.Option("auto", "--simulator", help="rule, llm (the configured LLM phrases the template style), or auto: llm when the LLM is capable."),
    style: str = typer.Option("template", "--style", help="template, paraphrase (an independent phrasing bank) or both."),
    reference: bool = typer.Option(True, "--reference/--no-reference", help="Add the oracle-constraint reference row (popularity inside the stated genre and era)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Simulated users against popularity, retrieval-only, GR-only and the full agent; writes a report."""
    from agent.llm import build_chat_model, is_capable
    from evals.report import run_simulation, table, write_report

    settings = _settings(ctx)
    if simulator not in ("auto", "rule", "llm"):
        raise typer.BadParameter("--simulator must be rule, llm or auto")
    styles = {"template": ("template",), "paraphrase": ("paraphrase",), "both": ("template", "paraphrase")}.get(style)
    if styles is None:
        raise typer.BadParameter("--style must be template, paraphrase or both")
    use_llm = simulator == "llm" or (simulator == "auto" and is_capable(settings))
    llm = build_chat_model(settings) if use_llm else None
    run = run_simulation(settings, dataset, users, turns, seed, fast, progress=lambda m: typer.echo(m, err=True), llm=llm,
                         styles=styles, reference=reference)
    out = write_report(run, settings.reports_dir)
    if as_json:
        typer.echo(json.dumps({**run.to_json(), "report": str(out / "report.md")}, indent=2))
        return
    for line in [*table(run), *[f"- {n}" for n in run.notes], f"report: {out / 'report.md'}"]:
        typer.echo(line)


@eval_app.command("understand")
def understand_cmd(
    ctx: typer.Context,
    split: str = typer.Option("dev", "--split", help="dev, dev2 ... dev91 (tune freely); check or test (held out / frozen: report only, never tune)."),
    layer: list[str] = typer.Option(None, "--layer", help="Layer name (repeatable); default: every registered layer."),  # noqa: B008
    fast: bool = typer.Option(False, "--fast", help="FakeEmbedder instead of MiniLM for fuzzy title grounding."),
    misses: int = typer.Option(0, "--misses", min=0, help="Also print up to N requests each layer got wrong."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (with every miss)."),
) -> None:
    """Slot precision/recall/F1, year-range IoU and intent accuracy per understanding layer."""
    from evals.understand import LAYERS, LayerUnavailable, build_deps, evaluate, table
    from evals.understanding import CorpusError, load_split

    names = layer or list(LAYERS)
    try:
        requests = load_split(split)
        deps, span = build_deps(_settings(ctx), fast=fast, with_llm="llm" in names)
        scores = evaluate(requests, deps, names, span)
    except (CorpusError, LayerUnavailable) as err:
        raise typer.BadParameter(str(err)) from err
    if as_json:
        typer.echo(json.dumps({"split": split, "n": len(requests), "span": list(span),
                               "layers": [s.to_json() for s in scores]}, indent=2))
        return
    typer.echo(f"split {split}: {len(requests)} requests; year span {span[0]}-{span[1]}")
    for line in table(scores):
        typer.echo(line)
    for s in scores:
        for miss in s.misses[:misses]:
            typer.echo(f"{s.layer} {miss['id']} {miss['text'][:80]!r}: " + "; ".join(f"{k} {miss[k]}" for k in miss["wrong"]))
