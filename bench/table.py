"""One row of `make bench`'s table, and the table printed.

Every bench module that `make bench` runs has `rows(quick: bool) -> list[Row]`: `quick` is the
tiny size the tests' smoke run uses (seconds, no timing claims); otherwise the sizes for a 2-core
machine. A figure and its reference are measured in the same run; `ratio` is figure / reference.
"""

import os
import platform
import statistics
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    figure: str
    size: str
    p50: str
    p99_or_throughput: str
    reference: str
    ratio: str
    target: str


HEADER = Row("figure", "size", "p50", "p99 / throughput", "reference (same run)", "ratio", "target")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie (0.5: the median)."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def ratio(figure: float, reference: float) -> str:
    return f"{figure / reference:.2f}" if reference else "n/a"


def machine() -> str:
    """The machine the table was measured on: CPU model, cores, Python."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{model or platform.processor()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def markdown(rows: list[Row]) -> str:
    lines = [HEADER, *rows]
    cells = [[getattr(row, name) for name in Row.__dataclass_fields__] for row in lines]
    out = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
    out += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return "\n".join(out)
