"""Score a scanner on the privacy case set: recall per kind and false positives on clean stories."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.privacy import HARD_KINDS, KINDS

CASES = Path(__file__).with_name("cases.jsonl")
# The first set (tuned on), and the split written later by someone who did not read the guard:
# tune on `dev` (and dev2-13, each written the same way later, scored once before tuning on it);
# `test` is frozen and only ever scored (README, "Privacy").
CASE_SETS = {"cases": CASES, "dev": CASES.with_name("dev.jsonl"), "dev2": CASES.with_name("dev2.jsonl"),
             "dev3": CASES.with_name("dev3.jsonl"), "dev4": CASES.with_name("dev4.jsonl"),
             "dev5": CASES.with_name("dev5.jsonl"), "dev6": CASES.with_name("dev6.jsonl"),
             "dev7": CASES.with_name("dev7.jsonl"), "dev8": CASES.with_name("dev8.jsonl"),
             "dev9": CASES.with_name("dev9.jsonl"), "dev10": CASES.with_name("dev10.jsonl"),
             "dev11": CASES.with_name("dev11.jsonl"), "dev12": CASES.with_name("dev12.jsonl"),
             "dev13": CASES.with_name("dev13.jsonl"), "dev14": CASES.with_name("dev14.jsonl"),
             "dev15": CASES.with_name("dev15.jsonl"),
             "dev16": CASES.with_name("dev16.jsonl"), "dev17": CASES.with_name("dev17.jsonl"),
             "dev18": CASES.with_name("dev18.jsonl"), "dev19": CASES.with_name("dev19.jsonl"),
             "dev20": CASES.with_name("dev20.jsonl"), "dev21": CASES.with_name("dev21.jsonl"),
             "dev22": CASES.with_name("dev22.jsonl"), "dev23": CASES.with_name("dev23.jsonl"),
             "dev24": CASES.with_name("dev24.jsonl"), "dev25": CASES.with_name("dev25.jsonl"),
             "dev26": CASES.with_name("dev26.jsonl"), "dev27": CASES.with_name("dev27.jsonl"),
             "dev28": CASES.with_name("dev28.jsonl"), "dev29": CASES.with_name("dev29.jsonl"),
             "dev30": CASES.with_name("dev30.jsonl"), "dev31": CASES.with_name("dev31.jsonl"),
             "dev32": CASES.with_name("dev32.jsonl"), "dev33": CASES.with_name("dev33.jsonl"),
             "dev34": CASES.with_name("dev34.jsonl"), "dev35": CASES.with_name("dev35.jsonl"),
             "dev36": CASES.with_name("dev36.jsonl"), "dev37": CASES.with_name("dev37.jsonl"),
             "dev38": CASES.with_name("dev38.jsonl"),
             "test": CASES.with_name("test.jsonl")}
HARD = tuple(kind for kind in KINDS if kind in HARD_KINDS)

# A finding: where it starts and ends, and the kind the scanner named it.
Span = tuple[int, int, str]
Scanner = Callable[[str], list[Span]]


def load_cases(name: str = "cases") -> list[dict]:
    return [json.loads(line) for line in CASE_SETS[name].read_text(encoding="utf-8").splitlines() if line]


def covered(spans: list[Span], start: int, end: int) -> bool:
    """Every character of [start, end) lies inside some span (so masking removes the value)."""
    return all(any(s <= i < e for s, e, _ in spans) for i in range(start, end))


def named_right(spans: list[Span], start: int, end: int, kind: str) -> bool:
    """The value lies inside findings of its own kind: a BSN masked as [bsn], not as [datum]."""
    return covered([span for span in spans if span[2] == kind], start, end)


@dataclass
class Report:
    found: dict[str, int] = field(default_factory=dict)
    expected: dict[str, int] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    # Hard identifiers masked, but named as another kind (not counted as found).
    wrong_kind: int = 0
    clean: int = 0
    clean_flagged: list[str] = field(default_factory=list)

    def recall(self, kinds: tuple[str, ...]) -> float:
        total = sum(self.expected.get(k, 0) for k in kinds)
        return sum(self.found.get(k, 0) for k in kinds) / total if total else 1.0

    @property
    def false_positive_share(self) -> float:
        return len(self.clean_flagged) / self.clean if self.clean else 0.0

    @property
    def hard_readable(self) -> int:
        """Hard identifiers not wholly inside a finding: still readable once the story is masked."""
        return sum(self.expected.get(k, 0) - self.found.get(k, 0) for k in HARD) - self.wrong_kind

    def lines(self, label: str) -> list[str]:
        kinds = sorted(self.expected)
        per_kind = ", ".join(f"{k} {self.found.get(k, 0)}/{self.expected[k]}" for k in kinds)
        return [
            f"{label}: hard identifiers {self.recall(HARD):.0%} with the right kind ({self.wrong_kind} "
            f"of another kind, {self.hard_readable} readable after masking), "
            f"names {self.recall(('naam',)):.0%}, clean stories with a finding "
            f"{len(self.clean_flagged)}/{self.clean} ({self.false_positive_share:.1%})",
            f"  per kind: {per_kind}",
        ]


def evaluate(scan: Scanner, cases: list[dict] | None = None) -> Report:
    report = Report()
    for case in cases or load_cases():
        text = case["text"]
        spans = scan(text)
        if not case["expected"]:
            report.clean += 1
            if spans:
                report.clean_flagged.append(text)
            continue
        for item in case["expected"]:
            kind, value = item["kind"], item["value"]
            start = text.index(value)
            report.expected[kind] = report.expected.get(kind, 0) + 1
            end = start + len(value)
            if kind in HARD and covered(spans, start, end) and not named_right(spans, start, end, kind):
                report.wrong_kind += 1
                report.missed.append(f"{kind} (named otherwise): {value!r} in {text!r}")
            elif covered(spans, start, end):
                report.found[kind] = report.found.get(kind, 0) + 1
            else:
                report.missed.append(f"{kind}: {value!r} in {text!r}")
    return report
