"""Suggest the principle a story illustrates, from the principles' keywords (Dutch stemming)."""

import re

import snowballstemmer

from bot.core.content import Principle

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class Suggester:
    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("dutch")

    def stems(self, text: str) -> set[str]:
        words = [w.lower() for w in WORD.findall(text)]
        return set(self._stemmer.stemWords(words))

    def suggest(self, text: str, candidates: list[Principle]) -> Principle | None:
        """The candidate whose keywords match the story best; None when nothing matches."""
        story_stems = self.stems(text)
        best: Principle | None = None
        best_score = 0
        for principle in candidates:
            score = len(story_stems & self.stems(" ".join(principle.keywords)))
            if score > best_score:
                best, best_score = principle, score
        return best
