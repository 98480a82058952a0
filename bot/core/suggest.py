"""Suggest the principles a story illustrates: BM25 over each principle's keywords, text and
reflection questions (Dutch stems), and no suggestion when the evidence is thin."""

import math
import re
from dataclasses import dataclass

import snowballstemmer
import stopwordsiso

from bot.core.content import Principle

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# Words of a principle's text and questions that are there to make the sentence, not to say what
# the principle is about: Dutch stop words, and the words of time with which the questions address
# the reader's now ("Welke vraag heb je vandaag ...", "deze week"), as notes about a meeting do.
FILLER_WORDS = frozenset(stopwordsiso.stopwords("nl")) | {
    "vandaag", "gisteren", "morgen", "week", "weken", "maand", "maanden", "jaar", "jaren", "dag", "dagen",
    "keer", "moment",
}

# How much a word counts in each part of a principle: a keyword was chosen to signal it, the
# words of its text and questions only describe it.
KEYWORD_WEIGHT = 1.0
TEXT_WEIGHT = 0.6
QUESTION_WEIGHT = 0.3
# BM25's term saturation and length normalisation: the usual k1, and a mild b (a principle with
# a long text or many keywords is described in more words, not about more things).
K1 = 1.2
B = 0.3
# Nothing is suggested below this much evidence, counted in keywords that only one candidate has:
# one such word ("huisbezoek", "kantine") in a note about logistics is not enough.
EVIDENCE_NEEDED = 1.2
SUGGESTIONS = 3

# A stem, or the stems of a phrase keyword ("niet op kantoor"), matched as adjacent words.
Term = str | tuple[str, ...]


@dataclass(frozen=True)
class Index:
    """The BM25 weight of each term for each principle of one list of candidates."""

    principles: tuple[Principle, ...]
    postings: dict[Term, tuple[tuple[int, float], ...]]
    # For each stem that starts a phrase keyword, the lengths of those phrases.
    phrase_lengths: dict[str, tuple[int, ...]]
    # The least best score that is suggested (EVIDENCE_NEEDED in this index's own units).
    threshold: float


class Suggester:
    def __init__(self) -> None:
        # Snowball's Porter-style Dutch stemmer, not its newer "dutch" (Kraaij-Pohlmann): that one
        # strips prefixes and folds "gemeente" into "meen", "passend" into "pas", "agenderen" into
        # the stem of "anderen". snowballstemmer runs PyStemmer's C stemmers when installed.
        self._stemmer = snowballstemmer.stemmer("dutch_porter")
        # One index per list of candidates (a team's principle sets), made at its first story:
        # the principles do not change while the bot runs. It holds no word of any story.
        self._indexes: dict[tuple[str, ...], Index] = {}

    def ranked(self, text: str, candidates: list[Principle]) -> list[Principle]:
        """Up to three candidates the story shows, best first; empty when the evidence is thin
        or points at two principles equally."""
        if not candidates:
            return []
        index = self.index(candidates)
        scores = [0.0] * len(index.principles)
        for term in self.story_terms(text, index.phrase_lengths):
            for position, weight in index.postings.get(term, ()):
                scores[position] += weight
        order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
        best = scores[order[0]]
        if best < index.threshold or (len(order) > 1 and math.isclose(best, scores[order[1]])):
            return []
        return [index.principles[i] for i in order[:SUGGESTIONS] if scores[i] > 0]

    def suggest(self, text: str, candidates: list[Principle]) -> Principle | None:
        """The candidate the story shows best; None when unsure."""
        ranked = self.ranked(text, candidates)
        return ranked[0] if ranked else None

    def stems(self, text: str) -> tuple[list[str], list[str]]:
        """The text's words in lower case and their stems, in order. Each distinct word is stemmed
        once and nothing is remembered across stories: a story's words (a name typed in lower
        case among them) are not kept beyond the story at hand."""
        words = [word.lower() for word in WORD.findall(text)]
        distinct = list(set(words))
        stem_of = dict(zip(distinct, self._stemmer.stemWords(distinct), strict=True))
        return words, [stem_of[word] for word in words]

    def story_terms(self, text: str, phrase_lengths: dict[str, tuple[int, ...]]) -> set[Term]:
        """The story's stems, and each run of adjacent stems that starts like a phrase keyword.
        Stop words stay: only a keyword can match one, and a keyword was chosen to."""
        stems = self.stems(text)[1]
        terms: set[Term] = set(stems)
        for start, stem in enumerate(stems):
            for length in phrase_lengths.get(stem, ()):
                terms.add(tuple(stems[start:start + length]))
        return terms

    def index(self, candidates: list[Principle]) -> Index:
        key = tuple(p.id for p in candidates)
        index = self._indexes.get(key)
        if index is None:
            index = self._indexes[key] = self.build_index(candidates)
        return index

    def build_index(self, candidates: list[Principle]) -> Index:
        """BM25 (Okapi) with each principle as a document; its idf is over the candidates, so a
        word that many principles share (buurt, wijk) counts for little."""
        documents = [self.document(principle) for principle in candidates]
        sizes = [sum(document.values()) for document in documents]
        average_size = sum(sizes) / len(documents)
        count = len(documents)
        frequency: dict[Term, int] = {}
        for document in documents:
            for term in document:
                frequency[term] = frequency.get(term, 0) + 1
        postings: dict[Term, list[tuple[int, float]]] = {}
        for position, (document, size) in enumerate(zip(documents, sizes, strict=True)):
            norm = K1 * (1 - B + B * size / average_size)
            for term, weight in document.items():
                postings.setdefault(term, []).append(
                    (position, idf(count, frequency[term]) * weight * (K1 + 1) / (weight + norm)))
        phrase_lengths: dict[str, set[int]] = {}
        for term in postings:
            if isinstance(term, tuple):
                phrase_lengths.setdefault(term[0], set()).add(len(term))
        # One keyword that only one candidate has, in a principle of average length, weighs its idf.
        return Index(tuple(candidates), {term: tuple(p) for term, p in postings.items()},
                     {stem: tuple(lengths) for stem, lengths in phrase_lengths.items()},
                     EVIDENCE_NEEDED * idf(count, 1))

    def document(self, principle: Principle) -> dict[Term, float]:
        """The principle's terms, weighted: each keyword (a phrase as one term), and the stems of
        its Dutch text and reflection questions that are not filler."""
        weights: dict[Term, float] = {}
        for keyword in principle.keywords:
            stems = self.stems(keyword)[1]
            if not stems:  # a keyword without letters ("85%") cannot match a word
                continue
            term: Term = tuple(stems) if len(stems) > 1 else stems[0]
            # Set, not added: "kracht" and "krachten" are one piece of evidence.
            weights[term] = KEYWORD_WEIGHT
        for weight, texts in ((TEXT_WEIGHT, (principle.text["nl"],)),
                              (QUESTION_WEIGHT, principle.questions["nl"])):
            for text in texts:
                words, stems = self.stems(text)
                for stem in {s for w, s in zip(words, stems, strict=True) if w not in FILLER_WORDS}:
                    weights[stem] = weights.get(stem, 0.0) + weight
        return weights


def idf(documents: int, containing: int) -> float:
    """BM25's inverse document frequency (the variant that never goes below zero)."""
    return math.log(1 + (documents - containing + 0.5) / (containing + 0.5))
