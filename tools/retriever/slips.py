"""Titles remembered one word off: "the shawshank escape", "how to train my dragon", "sleepless in san
francisco", "the 50 year old virgin".

People misremember a word of a long title far more often than they misspell it, and no spelling distance
finds "escape" for "redemption". A popular film's title of three or more words is indexed once per word
with that word left open; a run of the message matches when it agrees with a title on every other word,
in order, and the open word is one or two words of the message. Only an unambiguous reading with a
distinctive word kept counts ("the dark *" matches too much to mean anything), and the open word is never a
word that cues a title ("loved", "watched", "is") nor, at the run's edge, a common word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from tools.retriever.sequels import COUNTS, ORDINALS

OPEN = "*"
MIN_WORDS = 3  # a two-word title one word off is one word: no evidence
MAX_OPEN = 2  # the open word may be said in two ("san francisco" for "seattle")
_NUMBERS = frozenset(ORDINALS) | frozenset(COUNTS)  # "the third", "the three": no name
_PRONOUNS = frozenset("i me my we us our you your he him his she her it its they them their this that".split())  # "bring it forward" is no *Pay It Forward*


class WordSlips:
    """Popular titles indexed with one word open."""

    def __init__(self, keys: Iterable[tuple[str, int]], *, minor: frozenset[str], common: frozenset[str],
                 cues: frozenset[str], dictionary: frozenset[str]) -> None:
        self._minor, self._common, self._cues, self._dictionary = minor, common, cues, dictionary
        self._open: dict[tuple[str, ...], set[int]] = defaultdict(set)
        self.max_words = MIN_WORDS
        for key, item_id in keys:
            words = key.split()
            if len(words) < MIN_WORDS:
                continue
            for p in range(len(words)):
                kept = words[:p] + words[p + 1:]
                if self._distinctive(kept):
                    self._open[(*words[:p], OPEN, *words[p + 1:])].add(item_id)
            self.max_words = max(self.max_words, len(words) + MAX_OPEN - 1)

    def _distinctive(self, kept: Sequence[str]) -> bool:
        """The words kept name the film: a name no dictionary has ("shawshank"), or two content words, one of
        them uncommon ("wall street", "angry" beside "12"); never "the third", "the brothers", "in paris" or "it forward"."""
        content = [w for w in kept if w not in self._minor and w not in _PRONOUNS and len(w) >= 2]
        uncommon = [w for w in content if len(w) >= 4 and w not in self._common and not w.isdigit() and w not in _NUMBERS]
        return any(w not in self._dictionary for w in uncommon) or (len(content) >= 2 and bool(uncommon))

    def match(self, words: Sequence[str], width: int = 1) -> set[int]:
        """The films `words` (the whole run) names with one title word said as `width` other words; empty
        when none."""
        found: set[int] = set()
        for p in range(len(words) - width + 1):
            said = words[p:p + width]
            edge = p == 0 or p + width == len(words)
            if any(w in self._cues or (edge and w in self._common) for w in said):
                continue  # "I loved Legend" is not *I Am Legend*: a cue or, at the run's edge, a common word is no title word
            found |= self._open.get((*words[:p], OPEN, *words[p + width:]), set())
        return found
