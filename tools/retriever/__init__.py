"""The retriever tool: item embeddings (exact numpy index + Chroma mirror), exact filters,
knowledge augmentation, and title grounding.

The agent calls `build_retriever(settings, stores)` once, then `Retriever.search` /
`Retriever.similar_to` / `Retriever.browse`, and `TitleGrounder` for title mentions.
"""

from __future__ import annotations

from tools.retriever.embedders import FakeEmbedder, MiniLMEmbedder, build_embedder
from tools.retriever.factory import build_retriever, choose_backend, open_indexes
from tools.retriever.filters import Filters
from tools.retriever.grounding import Alternative, Grounding, TitleGrounder
from tools.retriever.index import BuildReport, VectorIndex, build_index
from tools.retriever.retriever import RetrievalResult, Retriever

__all__ = [
    "Alternative",
    "BuildReport",
    "FakeEmbedder",
    "Filters",
    "Grounding",
    "MiniLMEmbedder",
    "RetrievalResult",
    "Retriever",
    "TitleGrounder",
    "VectorIndex",
    "build_embedder",
    "build_index",
    "build_retriever",
    "choose_backend",
    "open_indexes",
]
