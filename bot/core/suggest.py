"""Suggest the principle a story illustrates, from the principles' keywords (Dutch stemming)."""

import re

import snowballstemmer

from bot.core.content import Principle

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class Suggester:
    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("dutch")
        # Each principle's keyword stems, made once: content does not change while the bot runs.
        self._keyword_stems: dict[str, set[str]] = {}

    def stems(self, text: str) -> set[str]:
        """Each distinct word stemmed once. Nothing is remembered across stories: a story's words
        (a name typed in lower case among them) are not kept beyond the story at hand."""
        return set(self._stemmer.stemWords(list({word.lower() for word in WORD.findall(text)})))

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
