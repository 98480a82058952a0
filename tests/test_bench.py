"""`make bench` still runs: every bench module once at tiny sizes. A smoke run, not a measurement:
nothing here asserts a time (the figures live in the README's Performance section)."""

import subprocess
import sys
from pathlib import Path

from bench.run_all import MODULES

ROOT = Path(__file__).resolve().parents[1]


def test_every_bench_runs_and_prints_one_table():
    result = subprocess.run([sys.executable, "bench/run_all.py", "--quick"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    header, rows = lines[0], [line for line in lines[2:] if line.startswith("| ")]
    assert header.startswith("| figure | size | p50 |")
    assert all(line.count(" | ") == 6 for line in rows)
    assert len(rows) >= len(MODULES)
    assert "Machine: " in result.stdout
    for name in MODULES:
        assert f"bench.{name}:" in result.stderr, f"{name} did not run"
