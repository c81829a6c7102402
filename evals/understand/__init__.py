"""`muse eval understand`: slot precision/recall/F1, year-range IoU and intent accuracy of each
understanding layer on the labelled corpus (`evals/understanding/`)."""

from evals.understand.layers import LAYERS, Layer, LayerDeps, LayerUnavailable, RulesLayer, Slots
from evals.understand.metrics import Counts, set_counts, tag_tokens, year_iou
from evals.understand.run import LayerScore, build_deps, evaluate, score_layer, score_request, table

__all__ = [
    "LAYERS", "Counts", "Layer", "LayerDeps", "LayerScore", "LayerUnavailable", "RulesLayer", "Slots",
    "build_deps", "evaluate", "score_layer", "score_request", "set_counts", "table", "tag_tokens", "year_iou",
]
