"""`muse understand train-judge`: fit the genre judge on the understanding corpus's dev splits."""

from __future__ import annotations

from collections.abc import Sequence

import typer

from agent.understand.judge_model import EPOCHS

understand_app = typer.Typer(no_args_is_help=True, add_completion=False, help="Message understanding: the trained genre judge.")

#: Splits the judge never learns from: the frozen test split and the held-out check split.
HELD_OUT = frozenset({"test", "check"})


def judge_examples(splits: list[str]) -> list:
    """Each split's requests without earlier messages (their gold is the whole conversation's, the
    judge reads one message) as (text, wanted, avoided)."""
    from agent.understand.judge_model import JudgeExample
    from evals.understanding import load_split
    from muse.errors import InvalidInputError

    if held := sorted(HELD_OUT & set(splits)):
        raise InvalidInputError(f"the judge never trains on held-out splits: {', '.join(held)}")
    return [JudgeExample(r.text, tuple(r.genres_wanted), tuple(r.genres_avoided))
            for split in splits for r in load_split(split) if not r.context]


def lexicon_examples(genres: Sequence[str]) -> list:
    """Each phrase of the parser's genre lexicon on its own ("white-knuckle, please" wants Thriller), so
    that the judge knows the vocabulary the rules read and judges what is said around it, not the words."""
    from agent.understand.judge_model import JudgeExample
    from agent.understand.lexicon import GENRE_PHRASES

    return [JudgeExample(f"{phrase}, please", tuple(g for g in named if g in genres), ())
            for phrase, named in GENRE_PHRASES.items() if any(g in genres for g in named)]


@understand_app.command("train-judge")
def train_judge_cmd(
    ctx: typer.Context,
    epochs: int = typer.Option(EPOCHS, min=1, help="Passes over the examples."),
    seed: int = typer.Option(0, help="Seed for the head's initial weights and the shuffling."),
    split: list[str] = typer.Option(None, "--split", help="Split to learn from (repeatable); default: every dev split."),  # noqa: B008
) -> None:
    """Train the genre judge (a head over MiniLM, CPU, a few minutes) and save it to HOME/models/genre_judge.pt."""
    from agent.understand.judge_model import train_judge
    from evals.understanding import CATALOG_GENRES, SPLITS
    from muse.cli_common import fail, settings_of
    from muse.errors import MuseError

    settings = settings_of(ctx)
    splits = split or [s for s in SPLITS if s not in HELD_OUT]
    try:
        examples = judge_examples(splits)
        vocabulary = lexicon_examples(CATALOG_GENRES)
        typer.echo(f"judge: {len(examples)} requests from {len(splits)} splits and {len(vocabulary)} lexicon phrases; "
                   f"training {epochs} epochs")
        examples += vocabulary
        report = train_judge(examples, CATALOG_GENRES, settings.judge_path, trained_on=splits, epochs=epochs, seed=seed)
    except MuseError as exc:
        raise fail(exc) from exc
    typer.echo(f"judge: saved {settings.judge_path} ({report.seconds:.0f} s, final loss {report.final_loss:.4f})")
