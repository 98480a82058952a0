"""Suggest the principle a story illustrates, from the principles' keywords (Dutch stemming)."""

import re
from functools import lru_cache

import snowballstemmer

from bot.core.content import Principle

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Ordinary words stemmed once and remembered (the stemmer is pure Python: a fifth of a story's
# work). Only words typed in lower case: a capitalised word may be a resident's name, and names
# are not kept in memory beyond the story at hand.
REMEMBERED_WORDS = 20_000


class Suggester:
    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("dutch")
        self._remembered = lru_cache(maxsize=REMEMBERED_WORDS)(self._stemmer.stemWord)
        # Each principle's keyword stems, made once: content does not change while the bot runs.
        self._keyword_stems: dict[str, set[str]] = {}

    def stems(self, text: str) -> set[str]:
        return {self._remembered(word) if word.islower() else self._stemmer.stemWord(word.lower())
                for word in WORD.findall(text)}

    def keyword_stems(self, principle: Principle) -> set[str]:
        stems = self._keyword_stems.get(principle.id)
        if stems is None:
            stems = self._keyword_stems[principle.id] = self.stems(" ".join(principle.keywords))
        return stems

    def suggest(self, text: str, candidates: list[Principle]) -> Principle | None:
        """The candidate whose keywords match the story best; None when nothing matches."""
        story_stems = self.stems(text)
        best: Principle | None = None
        best_score = 0
        for principle in candidates:
            score = len(story_stems & self.keyword_stems(principle))
            if score > best_score:
                best, best_score = principle, score
        return best
