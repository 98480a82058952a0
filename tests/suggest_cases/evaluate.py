"""Score a principle suggester on the labelled stories: top-1 and top-3 on stories that show a
principle, and silence on those that show none (README in this folder)."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
# Tune on `dev`; `test` is frozen and only ever scored.
SPLITS = {"dev": HERE / "dev.jsonl", "test": HERE / "test.jsonl"}
# The principle sets the labels come from: scoring against these alone keeps the figures still
# when another set is added to prompts/principles/.
LABELLED_SETS = ("werkprincipes", "houdingsprincipes", "gouden-regels", "toetsstenen")

# A story in, the suggested principle ids out, best first; empty for no suggestion.
Ranker = Callable[[str], list[str]]


def load_cases(split: str) -> list[dict]:
    return [json.loads(line) for line in SPLITS[split].read_text(encoding="utf-8").splitlines() if line]


@dataclass
class Report:
    labelled: int = 0
    top1: int = 0
    top3: int = 0
    # Labelled stories that got no suggestion at all.
    silent_labelled: int = 0
    unlabelled: int = 0
    silent_unlabelled: int = 0
    # Stories whose first suggestion is not among their labels (any suggestion, if they have none).
    wrong: int = 0
    # (text, labels, ranked) of every story that was not answered right, to read on `dev` only.
    misses: list[tuple[str, list[str], list[str]]] = field(default_factory=list)

    @property
    def top1_share(self) -> float:
        return self.top1 / self.labelled

    @property
    def top3_share(self) -> float:
        return self.top3 / self.labelled

    @property
    def silent_share(self) -> float:
        return self.silent_unlabelled / self.unlabelled

    @property
    def wrong_share(self) -> float:
        return self.wrong / (self.labelled + self.unlabelled)

    def cells(self) -> list[str]:
        """The figures as table cells: top-1, top-3, silent when it should be, wrong suggestion."""
        return [f"{self.top1_share:.0%} ({self.top1}/{self.labelled})",
                f"{self.top3_share:.0%} ({self.top3}/{self.labelled})",
                f"{self.silent_unlabelled}/{self.unlabelled}",
                f"{self.wrong_share:.0%} ({self.wrong}/{self.labelled + self.unlabelled})"]


def evaluate(rank: Ranker, cases: list[dict]) -> Report:
    report = Report()
    for case in cases:
        labels, ranked = case["principles"], rank(case["text"])
        if not labels:
            report.unlabelled += 1
            report.silent_unlabelled += not ranked
            report.wrong += bool(ranked)
            if ranked:
                report.misses.append((case["text"], labels, ranked))
            continue
        report.labelled += 1
        first_right = bool(ranked) and ranked[0] in labels
        report.top1 += first_right
        report.top3 += any(principle_id in labels for principle_id in ranked[:3])
        report.silent_labelled += not ranked
        report.wrong += bool(ranked) and not first_right
        if not first_right:
            report.misses.append((case["text"], labels, ranked))
    return report
