"""The principle suggester before and after issue 12 ("Suggestions that fit"), side by side on the
labelled stories of tests/suggest_cases (dev, and the frozen test split), with the time per story.

    make bench-suggest

Before: the keyword-overlap suggester as it shipped, with the keywords of that time
(bench/suggest_keywords_before.toml): the principle sharing the most keyword stems wins, a tie
goes to the first in catalogue order; its top three are the three largest overlaps. After:
bot.core.suggest.Suggester. Both score against the principles of the sets the labels come from,
so a new set in prompts/principles/ does not move these figures.

The times are measured twice: here, with PyStemmer's C stemmers (a dependency now), and in a child
process without them, as the suggester ran before (snowballstemmer's pure-Python stemmers).
"""

import json
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WITHOUT_PYSTEMMER = "--without-pystemmer"
if WITHOUT_PYSTEMMER in sys.argv:
    # An import of a module set to None fails, so snowballstemmer falls back to pure Python.
    sys.modules["Stemmer"] = None

import snowballstemmer  # noqa: E402

from bot.core.content import Principle, load_content  # noqa: E402
from bot.core.suggest import WORD, Suggester  # noqa: E402
from tests.suggest_cases.evaluate import LABELLED_SETS, SPLITS, Ranker, Report, evaluate, load_cases  # noqa: E402

KEYWORDS_BEFORE = Path(__file__).with_name("suggest_keywords_before.toml")
ROUNDS = 20


class KeywordOverlap:
    """The suggester before issue 12: count the stems a story shares with each principle's keywords."""

    def __init__(self, keywords: dict[str, list[str]]) -> None:
        self._stemmer = snowballstemmer.stemmer("dutch")
        self._keyword_stems = {principle_id: self.stems(" ".join(words))
                               for principle_id, words in keywords.items()}

    def stems(self, text: str) -> set[str]:
        return set(self._stemmer.stemWords(list({word.lower() for word in WORD.findall(text)})))

    def ranked(self, text: str, candidates: list[Principle]) -> list[Principle]:
        story = self.stems(text)
        overlaps = [(len(story & self._keyword_stems[p.id]), p) for p in candidates]
        # sorted() keeps catalogue order among equal overlaps, as the old max-so-far loop did.
        ranked = sorted((pair for pair in overlaps if pair[0] > 0), key=lambda pair: -pair[0])
        return [principle for _, principle in ranked[:3]]


def rankers(candidates: list[Principle]) -> dict[str, Ranker]:
    before = KeywordOverlap(tomllib.loads(KEYWORDS_BEFORE.read_text(encoding="utf-8"))["keywords"])
    after = Suggester()
    return {"before": lambda text: [p.id for p in before.ranked(text, candidates)],
            "after": lambda text: [p.id for p in after.ranked(text, candidates)]}


def per_story_ms(rank: Ranker, texts: list[str]) -> float:
    rank(texts[0])  # the new suggester builds its index at the first story
    started = time.perf_counter()
    for _ in range(ROUNDS):
        for text in texts:
            rank(text)
    return (time.perf_counter() - started) * 1000 / (ROUNDS * len(texts))


def times(candidates: list[Principle]) -> dict[str, float]:
    texts = [case["text"] for split in SPLITS for case in load_cases(split)]
    return {name: per_story_ms(rank, texts) for name, rank in rankers(candidates).items()}


def main() -> None:
    candidates = load_content().catalogue.in_sets(LABELLED_SETS)
    if WITHOUT_PYSTEMMER in sys.argv:
        print(json.dumps(times(candidates)))
        return
    reports: dict[tuple[str, str], Report] = {}
    for name, rank in rankers(candidates).items():
        for split in SPLITS:
            reports[name, split] = evaluate(rank, load_cases(split))
    fast = times(candidates)
    pure = json.loads(subprocess.run([sys.executable, __file__, WITHOUT_PYSTEMMER], check=True,
                                     capture_output=True, text=True).stdout)
    columns = [(name, split) for split in SPLITS for name in ("before", "after")]
    labels = ["top-1 (first suggestion among the labels)", "top-3 (one of the first three)",
              "silent when it should be (no principle)", "wrong suggestion (first not among the labels)"]
    stories = sum(len(load_cases(split)) for split in SPLITS)
    print(f"Principle suggester on tests/suggest_cases, against the {len(candidates)} principles of "
          f"{', '.join(LABELLED_SETS)}")
    print()
    print("| figure | " + " | ".join(f"{name}, {split}" for name, split in columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for i, label in enumerate(labels):
        print(f"| {label} | " + " | ".join(reports[column].cells()[i] for column in columns) + " |")
    print("| labelled story, no suggestion | " + " | ".join(
        f"{reports[column].silent_labelled}/{reports[column].labelled}" for column in columns) + " |")
    print()
    print(f"Per story ({stories} stories x {ROUNDS}): before {fast['before']:.3f} ms, after "
          f"{fast['after']:.3f} ms with PyStemmer; without it (pure-Python stemmers, as before) "
          f"before {pure['before']:.3f} ms, after {pure['after']:.3f} ms")


if __name__ == "__main__":
    main()
