"""Catalog-wide grounding check: does "I loved <title> (<year>)" / "I loved <title>" ground to the item?

For every item, both the display title ("The Godfather") and the catalog's own form with the article
moved ("Godfather, The") are tried. With the year the answer must be exactly that item. Without it,
exactly that item, or (when other items share its name) an honest choice that offers it.
`bench/grounding.py` runs it over a whole catalog; the tests run a sample.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from muse.domain import _LEADING_ARTICLE, Item, normalise_title
from tools.retriever.grounding import Grounding, TitleGrounder, catalog_form

Form = Literal["display", "catalog"]
Verdict = Literal["exact", "choice", "twin", "dominant", "wrong", "missed", "extra"]


@dataclass(frozen=True, slots=True)
class Case:
    item_id: int
    message: str
    with_year: bool
    same_name: bool  # another catalog item has this name (articles aside)
    form: Form
    twin: bool = False  # another item has this name AND this year: no message can tell them apart


@dataclass
class Tally:
    verdicts: Counter = field(default_factory=Counter)
    failures: list[tuple[Case, str]] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    passed: int = 0


def cases(items: Iterable[Item], catalog: Iterable[Item] | None = None) -> list[Case]:
    """The messages for `items`; names are compared across `catalog` (default: the items)."""
    items = list(items)
    every = items if catalog is None else list(catalog)
    names: dict[str, int] = Counter(key for i in every for key in _names(i))
    twins: dict[tuple[str, int | None], int] = Counter((normalise_title(i.title), i.year) for i in every)
    out: list[Case] = []
    for item in items:
        same = any(names[key] > 1 for key in _names(item))
        twin = twins[(normalise_title(item.title), item.year)] > 1
        forms: dict[str, Form] = {item.title: "display"}
        forms.setdefault(catalog_form(item), "catalog")
        for title, form in forms.items():
            if item.year:
                out.append(Case(item.item_id, f"I loved {title} ({item.year})", True, same, form, twin))
            out.append(Case(item.item_id, f"I loved {title}", False, same, form, twin))
    return out


def _names(item: Item) -> set[str]:
    """The names a person would call an item by: its title, with and without a leading article."""
    name = normalise_title(item.title)
    return {name, _LEADING_ARTICLE.sub("", name)} - {""}


def verdict(case: Case, found: list[Grounding]) -> tuple[Verdict, str]:
    """How the mentions found in `case.message` answer it, and a short note for failures."""
    about = [g for g in found if g.status != "unknown"]
    note = "; ".join(f"{g.mention!r}->{g.status}:{g.item_id}" for g in about) or "nothing"
    hits = [g for g in about if g.item_id == case.item_id or any(a.item_id == case.item_id for a in g.alternatives)]
    others = [g for g in about if g not in hits]
    if not hits:
        return ("wrong" if about else "missed"), note
    if others:
        return "extra", note
    best = hits[0]
    if best.status == "matched" and best.item_id == case.item_id:
        return "exact", note
    if (case.twin or (not case.with_year and case.same_name)) and best.status == "ambiguous":
        return "choice", note
    if case.twin and best.status == "matched":
        return "twin", note
    if case.same_name and not case.with_year and best.status == "matched":
        return "dominant", note  # "Titanic": the far more popular version, this one offered as the alternative
    return "wrong", note


Group = Literal["unique name", "same name", "twin"]


def group(case: Case) -> Group:
    return "twin" if case.twin else "same name" if case.same_name else "unique name"


def run(grounder: TitleGrounder, selected: Iterable[Case]) -> dict[tuple[bool, Group], Tally]:
    """Tallies keyed by (with_year, group)."""
    tallies: dict[tuple[bool, Group], Tally] = defaultdict(Tally)
    for case in selected:
        started = time.perf_counter()
        found = grounder.find_mentions(case.message)
        tally = tallies[(case.with_year, group(case))]
        tally.seconds.append(time.perf_counter() - started)
        outcome, note = verdict(case, found)
        tally.verdicts[outcome] += 1
        tally.passed += passed(case, outcome)
        if not passed(case, outcome):
            tally.failures.append((case, note))
    return tallies


def passed(case: Case, outcome: Verdict) -> bool:
    """Whether an outcome meets the goal: the item itself; or, where the message cannot single it out
    (same name and no year, or a twin with the same name and year), a choice offering it, or a far
    more popular namesake picked with this one offered as the alternative."""
    if outcome == "exact":
        return True
    if case.twin:
        return outcome in ("choice", "twin", "dominant")
    return not case.with_year and case.same_name and outcome in ("choice", "dominant")
