"""Knowledge augmentation (KAR-style): an LLM writes a short factual description and a few keywords
per item; they are cached in the catalog (`set_knowledge`) and join the item text at the next
`muse index build`, which re-embeds exactly those items (their content hash changed).

Output is JSON validated by pydantic; a reply that does not validate gets one repair request,
then the item is skipped (and retried on a later run).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import BaseModel, Field, ValidationError, field_validator

from muse.domain import Item
from prompts import render
from stores.base import CatalogStore

log = logging.getLogger(__name__)

MAX_KEYWORDS = 8
_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


class ItemKnowledge(BaseModel):
    """What the LLM must return for one item."""

    description: str = Field(min_length=15, max_length=600)
    keywords: list[str] = Field(default_factory=list, max_length=MAX_KEYWORDS)

    @field_validator("description", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return " ".join(value.split()) if isinstance(value, str) else value

    @field_validator("keywords", mode="before")
    @classmethod
    def _clean_keywords(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list):
            return value
        words = [" ".join(str(v).lower().split())[:40] for v in value if str(v).strip()]
        return list(dict.fromkeys(words))[:MAX_KEYWORDS]  # extra keywords are trimmed, not an error


class AugmentReport(BaseModel):
    """What `augment_catalog` did."""

    done: int = 0
    failed: int = 0
    already: int = 0
    llm_calls: int = 0
    seconds: float = 0.0
    failures: list[int] = Field(default_factory=list)


def parse_knowledge(text: str) -> ItemKnowledge:
    """The `ItemKnowledge` in an LLM reply (tolerates code fences and prose around the JSON)."""
    found = _JSON_OBJECT.search(text or "")
    if not found:
        raise ValueError("no JSON object in the reply")
    try:
        data = json.loads(found.group(0))
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg}") from exc
    return ItemKnowledge.model_validate(data)


def knowledge_prompt(item: Item) -> str:
    """The rendered `prompts/knowledge.md` for one item."""
    return render(
        "knowledge",
        title=item.title,
        year=item.year or "unknown",
        genres=", ".join(item.genres) or "unknown",
        tags=", ".join(item.tags[:8]) or "none",
        max_keywords=MAX_KEYWORDS,
    )


def describe_item(llm: BaseChatModel, item: Item) -> tuple[ItemKnowledge | None, int]:
    """Ask the LLM about one item: (knowledge or None when it failed twice, number of calls made)."""
    messages: list[BaseMessage] = [HumanMessage(knowledge_prompt(item))]
    for attempt in range(2):
        reply = llm.invoke(messages)
        text = reply.content if isinstance(reply.content, str) else str(reply.content)
        try:
            return parse_knowledge(text), attempt + 1
        except (ValueError, ValidationError) as exc:
            reason = str(exc).splitlines()[0][:300]
            log.info("knowledge for item %s rejected: %s", item.item_id, reason)
            messages += [AIMessage(text), HumanMessage(f"That reply was not usable ({reason}). Reply with only the JSON object.")]
    return None, 2


def augment_catalog(
    catalog: CatalogStore,
    llm: BaseChatModel,
    *,
    limit: int | None = None,
    item_ids: Iterable[int] | None = None,
    overwrite: bool = False,
    progress: bool = False,
) -> AugmentReport:
    """Describe items lacking knowledge (most popular first, at most `limit`) and store the results."""
    started = time.perf_counter()
    report = AugmentReport()
    items = catalog.get_many(item_ids) if item_ids is not None else sorted(catalog.all(), key=lambda i: (-i.popularity, i.item_id))
    todo = [item for item in items if overwrite or not item.description]
    report.already = len(items) - len(todo)
    todo = todo[:limit] if limit is not None else todo
    iterator: Iterable[Item] = todo
    if progress:
        from tqdm import tqdm

        iterator = tqdm(todo, desc="describing items", unit="item")
    for item in iterator:
        knowledge, calls = describe_item(llm, item)
        report.llm_calls += calls
        if knowledge is None:
            report.failed += 1
            report.failures.append(item.item_id)
            continue
        catalog.set_knowledge(item.item_id, knowledge.description, tuple(knowledge.keywords))
        report.done += 1
    report.seconds = round(time.perf_counter() - started, 3)
    return report
