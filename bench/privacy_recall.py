"""Recall and false positives of the privacy guard against deduce out of the box, on each case
set of tests/privacy_cases/ (the first set, and the dev and frozen test split), with load time and
peak memory of each, and the speed of `werkbot scan`. Run: make bench-privacy

deduce out of the box builds its full lookup structures on first use (minutes) and needs about
a gigabyte; it runs in a child process so the two memory figures do not mix.
"""

import json
import os
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


def scan_command() -> None:
    """`werkbot scan` as a user runs it, over every set's texts: a file (scanned by one process
    per core) against the same lines on stdin (one process, each line answered as it is read).
    Each run's start-up (content, guard from its cache) is measured on one line and taken off."""
    texts = [json.dumps({"text": case["text"]}, ensure_ascii=False)
             for name in CASE_SETS for case in load_cases(name)]
    with tempfile.TemporaryDirectory() as folder:
        every, one = Path(folder) / "every.jsonl", Path(folder) / "one.jsonl"
        every.write_text("\n".join(texts) + "\n", encoding="utf-8")
        one.write_text(texts[0] + "\n", encoding="utf-8")
        file_per_s = stdin_per_s = 0.0
        for _ in range(SCAN_ROUNDS):
            file_per_s = max(file_per_s, len(texts) / (run_scan(every) - run_scan(one)))
            stdin_per_s = max(stdin_per_s, len(texts) / (run_scan(every, stdin=True)
                                                         - run_scan(one, stdin=True)))
    print(json.dumps({"lines": [
        f"  werkbot scan FILE on {os.cpu_count()} cores: {file_per_s:.0f} texts/s; the same lines on "
        f"stdin, one process: {stdin_per_s:.0f} texts/s (ratio {file_per_s / stdin_per_s:.2f})"]}))


SCAN_ROUNDS = 3


def run_scan(path: Path, stdin: bool = False) -> float:
    command = [sys.executable, "-m", "bot.cli", "scan"]
    started = time.perf_counter()
    with path.open("rb") as source:
        subprocess.run(command if stdin else [*command, str(path)], stdin=source if stdin else None,
                       stdout=subprocess.DEVNULL, cwd=ROOT, check=True)
    return time.perf_counter() - started


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
        {"ours": ours, "deduce": deduce_out_of_the_box, "scan": scan_command}[sys.argv[1]]()
        return
    for which in ("ours", "scan", "deduce"):
        result = subprocess.run([sys.executable, __file__, which], capture_output=True, text=True,
                                check=True)
        for line in result.stdout.strip().splitlines():
            # A library may print a line of its own (seen once, when deduce built its lookup structures
            # on a new machine): it goes to stderr, not into the figures.
            if not line.startswith("{"):
                print(line, file=sys.stderr)
                continue
            data = json.loads(line)
            print("\n".join(data["lines"]))
            if "load_s" in data:
                print(f"  load {data['load_s']} s, peak resident memory {data['peak_mb']} MB")


if __name__ == "__main__":
    main()
