"""Suggesting a principle for a story: the keywords' stems made once, against stemming them
again for every story (as before), in the same run, on the stories of tests/privacy_cases.

    make bench-suggest
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.content import load_content  # noqa: E402
from bot.core.suggest import Suggester  # noqa: E402

ROUNDS = 20


def restemming(suggester: Suggester, text: str, candidates: list) -> object:
    """The old way: every principle's keywords stemmed again for each story."""
    story = suggester.stems(text)
    scores = [(len(story & suggester.stems(" ".join(p.keywords))), p) for p in candidates]
    return max(scores, key=lambda pair: pair[0])[1] if scores else None


def per_story_ms(suggest, texts: list[str]) -> float:
    started = time.perf_counter()
    for _ in range(ROUNDS):
        for text in texts:
            suggest(text)
    return (time.perf_counter() - started) * 1000 / (ROUNDS * len(texts))


def main() -> None:
    content = load_content()
    candidates = content.catalogue.all()
    cases = (ROOT / "tests" / "privacy_cases" / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in cases if line.strip()]
    suggester = Suggester()
    before = per_story_ms(lambda text: restemming(suggester, text, candidates), texts)
    now = per_story_ms(lambda text: suggester.suggest(text, candidates), texts)
    print(f"{len(texts)} stories x {ROUNDS}, {len(candidates)} principles")
    print(f"per story: re-stemming {before:.3f} ms, stems made once {now:.3f} ms, ratio {now / before:.2f}")


if __name__ == "__main__":
    main()
