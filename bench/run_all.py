"""`make bench`: every performance figure of the README's "Performance" table, in one run.

Each module measures its figure and its reference in the same run (see bench/table.py); this
prints one table, the machine it ran on and how long it took. `--quick` runs tiny sizes: a smoke
run that proves every bench still works (the tests do that), not a measurement.
"""

import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.table import Row, machine, markdown  # noqa: E402

MODULES = ("slack_acks", "telegram_updates", "fanout", "digest_scale", "startup_memory")


def main(quick: bool) -> None:
    started = time.monotonic()
    rows: list[Row] = []
    for name in MODULES:
        began = time.monotonic()
        module = importlib.import_module(f"bench.{name}")
        rows += module.rows(quick)
        print(f"bench.{name}: {time.monotonic() - began:.0f} s", file=sys.stderr, flush=True)
    print(markdown(rows))
    print()
    print(f"Machine: {machine()}. {'Smoke run (tiny sizes). ' if quick else ''}"
          f"Took {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
