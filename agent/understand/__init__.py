"""Understanding one chat message: intent, titles, genres (wanted, avoided, required together),
eras, references to shown items, and the content words the search should carry.

Modules: `eras` (years and ranges), `lexicon` (everyday words and moods -> genres), `concepts`
(embedding matches of the message's phrases to genre descriptions and the catalog's tags),
`parser` (the `understand` entry point).
"""

from agent.understand.parser import (
    INJECTION,
    Grounder,
    TitleMention,
    Understanding,
    clean_message,
    the_film_asked,
    understand,
)

__all__ = ["INJECTION", "Grounder", "TitleMention", "Understanding", "clean_message", "the_film_asked", "understand"]
