"""`muse understand train-judge` / `train-roles`: fit the genre judge and the title-role model on the
understanding corpus's dev splits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import typer

from agent.understand.judge_model import EPOCHS
from agent.understand.roles_model import EPOCHS as ROLE_EPOCHS

understand_app = typer.Typer(no_args_is_help=True, add_completion=False, help="Message understanding: the trained genre judge and title-role model.")

#: Splits the trained models never learn from: the frozen test split and the held-out check split.
HELD_OUT = frozenset({"test", "check"})


def judge_examples(splits: list[str]) -> list:
    """Each split's requests without earlier messages (their gold is the whole conversation's, the
    judge reads one message) as (text, wanted, avoided)."""
    from agent.understand.judge_model import JudgeExample
    from evals.understanding import load_split

    _refuse_held_out(splits)
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


def _refuse_held_out(splits: Sequence[str]) -> None:
    from muse.errors import InvalidInputError

    if held := sorted(HELD_OUT & set(splits)):
        raise InvalidInputError(f"the trained models never learn from held-out splits: {', '.join(held)}")


def role_examples(splits: Sequence[str], deps: Any) -> list:
    """The films the parser asks the title-role model about in each request without earlier messages (their gold is
    the whole conversation's), found exactly as when it serves (the rules' films and the names they passed over, in
    the text the model reads), each span labelled with the role the corpus gives its film ("none" where it gives it
    none): what the title-role model learns from."""
    from agent.understand import understand
    from agent.understand.roles_model import RoleExample
    from evals.understanding import load_split

    _refuse_held_out(splits)
    out = []
    for split in splits:
        for r in (r for r in load_split(split) if not r.context):
            asked = _AskedAbout()
            u = understand(r.text, known_genres=deps.known_genres, grounder=deps.grounder, concepts=deps.concepts,
                           newest_year=deps.newest_year, roles=asked)
            if not asked.spans:
                continue
            films: dict[tuple[int, int], list[int | None]] = {}
            for t in u.titles:  # the model gave no odds, so these are the rules' films as the parser had them
                films.setdefault((t.start or 0, t.end or 0), []).append(t.item_id)
            for g in deps.grounder.passed_over(asked.text, [(t.start, t.end) for t in u.titles if t.start is not None and t.end is not None]):
                films.setdefault((g.start or 0, g.end or 0), []).append(g.item_id)
            out.append(RoleExample(asked.text, tuple((a, b, _gold_role(r, films.get((a, b), []))) for a, b in dict.fromkeys(asked.spans))))
    return out


class _AskedAbout:
    """A `TitleRoles` that gives no odds and keeps what it was asked: the text and the films' spans."""

    def __init__(self) -> None:
        self.text = ""
        self.spans: list[tuple[int, int]] = []

    def odds(self, text: str, films: Sequence[tuple[int, int]]) -> list:
        self.text, self.spans = text, list(films)
        return [None] * len(films)


def _gold_role(r: Any, item_ids: Sequence[int | None]) -> str:
    """The role the corpus gives any of the films at one span (a series names several), asked first."""
    return next((role for role, ids in (("ask", r.asked_titles), ("like", r.liked_titles), ("dislike", r.disliked_titles))
                 if any(i in ids for i in item_ids)), "none")


@understand_app.command("train-roles")
def train_roles_cmd(
    ctx: typer.Context,
    epochs: int = typer.Option(ROLE_EPOCHS, min=1, help="Passes over the films."),
    seed: int = typer.Option(0, help="Seed for the head's initial weights and the shuffling."),
    split: list[str] = typer.Option(None, "--split", help="Split to learn from (repeatable); default: every dev split."),  # noqa: B008
) -> None:
    """Train the title-role model (a head over MiniLM, CPU, a few minutes) and save it to HOME/models/title_roles.pt.
    The films come from the rules' reading of each request over MovieLens latest-small (the corpus's ids)."""
    from agent.understand.roles_model import train_roles
    from evals.understand.run import build_deps
    from evals.understanding import SPLITS
    from muse.cli_common import fail, settings_of
    from muse.errors import MuseError

    settings = settings_of(ctx)
    splits = split or [s for s in SPLITS if s not in HELD_OUT]
    try:
        deps, _ = build_deps(settings.model_copy(update={"genre_judge": False, "title_roles": False}))
        examples = role_examples(splits, deps)
        typer.echo(f"roles: {sum(len(e.films) for e in examples)} films in {len(examples)} requests from {len(splits)} splits; "
                   f"training {epochs} epochs")
        report = train_roles(examples, settings.roles_path, trained_on=splits, epochs=epochs, seed=seed)
    except MuseError as exc:
        raise fail(exc) from exc
    typer.echo(f"roles: saved {settings.roles_path} ({report.seconds:.0f} s, final loss {report.final_loss:.4f})")
