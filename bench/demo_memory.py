"""Resident memory of the running bot with the privacy guard loaded. Run: make bench-memory

Starts `werkbot demo` (the same process as `werkbot run`, with the console instead of a chat
platform), shares one story so the guard is loaded and used, and reads the process's resident
set (VmRSS) and its peak (VmHWM) from /proc.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

STORY = "/verhaal Vandaag samen met de buren de tuin opgeknapt; iedereen deed mee.\n"


def status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "demo", "--db", str(Path(folder) / "demo.db")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            cwd=folder, env={**os.environ, "WERKBOT_LOG_LEVEL": "WARNING"})
        process.stdin.write(STORY)
        process.stdin.flush()
        for line in process.stdout:
            if "is opgeslagen" in line:
                break
        rss, peak = status_kb(process.pid, "VmRSS"), status_kb(process.pid, "VmHWM")
        process.communicate("/stop\n", timeout=60)
    print(f"werkbot demo with the privacy guard loaded: resident {rss / 1024:.0f} MB, "
          f"peak {peak / 1024:.0f} MB")


if __name__ == "__main__":
    main()
