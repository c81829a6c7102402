"""How long the parser takes on hostile messages at the 2,000-character cap, beside an everyday one.

    MUSE_HOME=.muse python bench/hostile_parse.py

A message is cut at `parser.MAX_MESSAGE_CHARS`; inside that, repeated cue words, years, titles and refusals must
not make a regex or the fuzzy title search blow up (one such message, "whats " x 330, took 40 s before the fuzzy
look-ups of misspelt titles were capped). Prints seconds per message and the ratio to the everyday message.
"""

from __future__ import annotations

import time

from muse.settings import Settings, apply_offline_env

EVERYDAY = "I loved Alien and Blade Runner, nothing romantic, something from the 80s"
HOSTILE = {
    "cue words": "whats " * 400,
    "years": "2010 " * 400,
    "texted years": "2k10 " * 400,
    "one-word titles": "heat " * 400,
    "articles": "a " * 1000,
    "refusals": "not horror " * 200,
    "likes": "I loved " * 250,
    "ranges": "1990 to 2000 " * 150,
    "decades": "the 80s " * 250,
    "crosses": "❌ heat " * 300,
    "one genre word": "war " * 500,  # every word a genre span reading its clause back: 5 s before clauses were capped
    "verdict lists": "Heat, " * 300 + ": " + "yes, " * 60,
    "glued refusals": "no" * 1000,  # "nohorror" is unglued once; this crashed the typo reader while it recursed
    "spaces": "x" + " " * 1999,
    "newlines": "\n" * 2000,
}


def main() -> None:
    apply_offline_env()
    from agent.understand import understand
    from agent.understand.parser import MAX_MESSAGE_CHARS
    from evals.understand import build_deps

    deps, _ = build_deps(Settings.load())

    def seconds(text: str) -> float:
        start = time.perf_counter()
        understand(text[:MAX_MESSAGE_CHARS], known_genres=deps.known_genres, grounder=deps.grounder, concepts=deps.concepts,
                   newest_year=deps.newest_year)
        return time.perf_counter() - start

    seconds(EVERYDAY)  # warm the encoder
    base = seconds(EVERYDAY)
    print(f"| message ({MAX_MESSAGE_CHARS} characters at most) | seconds | x everyday |")
    print("|---|---|---|")
    print(f"| everyday ({len(EVERYDAY)} characters) | {base:.3f} | 1 |")
    for name, text in HOSTILE.items():
        took = seconds(text)
        print(f"| {name} | {took:.2f} | {took / base:.0f} |")


if __name__ == "__main__":
    main()
