"""Recall and false positives of the privacy guard against deduce out of the box, on each case
set of tests/privacy_cases/ (the first set, and the dev and frozen test split), with load time and
peak memory of each. Run: make bench-privacy

deduce out of the box builds its full lookup structures on first use (minutes) and needs about
a gigabyte; it runs in a child process so the two memory figures do not mix.
"""

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.privacy_cases.evaluate import CASE_SETS, evaluate, load_cases  # noqa: E402


def ours() -> None:
    from bot.core.content import load_content
    from bot.core.privacy import PrivacyGuard

    cache = Path(tempfile.gettempdir()) / "werkbot-bench-cache"
    started = time.perf_counter()
    guard = PrivacyGuard(load_content().guard_words, cache)
    guard.load()
    loaded = time.perf_counter() - started
    emit("werkbot guard", lambda text: [(f.start, f.end, f.kind) for f in guard.scan(text)], loaded)
    # Speed, against deduce alone on the same lists in the same run: what the guard adds.
    # The best of rounds that take turns: a busy moment on the machine then costs both alike.
    texts = [case["text"] for name in CASE_SETS for case in load_cases(name)]
    ours_per_s = deduce_per_s = 0.0
    for _ in range(SPEED_ROUNDS):
        ours_per_s = max(ours_per_s, texts_per_second(guard.scan, texts))
        deduce_per_s = max(deduce_per_s, texts_per_second(guard._deduce.deidentify, texts))
    print(json.dumps({"lines": [f"  scan: {ours_per_s:.0f} texts/s; deduce alone on the same lists "
                                f"{deduce_per_s:.0f} texts/s (ratio {ours_per_s / deduce_per_s:.2f})"]}))


def texts_per_second(scan, texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        scan(text)
    return len(texts) / (time.perf_counter() - started)


SPEED_ROUNDS = 5


def deduce_out_of_the_box() -> None:
    from deduce import Deduce

    started = time.perf_counter()
    deduce = Deduce()
    loaded = time.perf_counter() - started
    emit("deduce out of the box", lambda text: [(a.start_char, a.end_char, deduce_kind(a.tag))
                                                for a in deduce.deidentify(text).annotations], loaded)


def deduce_kind(tag: str) -> str:
    """deduce's tag as one of our kinds (a street with its number it calls a place)."""
    from bot.core.privacy import DEDUCE_KINDS

    return DEDUCE_KINDS.get(tag, tag)


def emit(label: str, scan, loaded: float) -> None:
    lines = [line for name in CASE_SETS
             for line in evaluate(scan, load_cases(name)).lines(f"{label}, {name}")]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"lines": lines, "load_s": round(loaded, 1), "peak_mb": round(peak_mb)}))


def main() -> None:
    if len(sys.argv) > 1:
        {"ours": ours, "deduce": deduce_out_of_the_box}[sys.argv[1]]()
        return
    for which in ("ours", "deduce"):
        result = subprocess.run([sys.executable, __file__, which], capture_output=True, text=True,
                                check=True)
        for line in result.stdout.strip().splitlines():
            data = json.loads(line)
            print("\n".join(data["lines"]))
            if "load_s" in data:
                print(f"  load {data['load_s']} s, peak resident memory {data['peak_mb']} MB")


if __name__ == "__main__":
    main()
