"""Prompt templates, one file per role, loaded as package data and rendered strictly.

Templates use `$name` placeholders (string.Template). A missing variable raises `PromptError`;
an unused extra variable raises too, so templates and callers cannot drift apart silently.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from string import Template

from muse.errors import MuseError


class PromptError(MuseError):
    """A prompt template is missing or was rendered with the wrong variables."""


_PLACEHOLDER = re.compile(r"\$(?:\{(\w+)\}|(\w+))")


@cache
def template(name: str) -> str:
    """The raw text of `prompts/<name>.md`."""
    try:
        return resources.files(__package__).joinpath(f"{name}.md").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PromptError(f"no prompt template named {name!r}") from exc


def variables(name: str) -> set[str]:
    """The placeholder names a template expects."""
    return {a or b for a, b in _PLACEHOLDER.findall(template(name).replace("$$", ""))}


def render(name: str, **values: object) -> str:
    """Render a template; every placeholder must be given, and nothing else."""
    expected = variables(name)
    missing, extra = expected - values.keys(), values.keys() - expected
    if missing or extra:
        raise PromptError(f"prompt {name!r}: missing {sorted(missing)}, unexpected {sorted(extra)}")
    return Template(template(name)).substitute({k: str(v) for k, v in values.items()})
