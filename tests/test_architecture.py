"""The core knows no chat platform; SQL lives only in storage/."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_imports_without_platform_libraries():
    blocker = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('slack_bolt', 'slack_sdk', 'telegram'):\n"
        "            raise ImportError('platform library imported by the core: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import bot.core.bot, bot.core.digest, bot.core.export, bot.console, bot.runtime\n"
    )
    result = subprocess.run([sys.executable, "-c", blocker], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_no_sql_outside_storage():
    sql = re.compile(r"\b(select\s.+\sfrom|insert\s+(or\s+\w+\s+)?into|update\s+\w+\s+set|"
                     r"delete\s+from|create\s+(table|index)|pragma\s+\w+)", re.IGNORECASE)
    assert sql.search('db.execute("delete from stories where id = ?")')
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "bot").rglob("*.py")
                 if sql.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def python_files(*parts: str) -> list[Path]:
    files = []
    for part in parts:
        path = ROOT / part
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def test_core_runtime_and_scheduler_name_no_platform():
    """Adding a platform is one new folder: nothing shared may know one by name."""
    names = re.compile(r"slack|telegram|console", re.IGNORECASE)
    offenders = [f"{path.relative_to(ROOT)}:{number}"
                 for path in python_files("bot/core", "bot/runtime.py", "bot/scheduler.py",
                                          "bot/conversation.py")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if names.search(line)]
    assert offenders == []


def test_matplotlib_lives_outside_the_core():
    imports = re.compile(r"^\s*(import|from) matplotlib", re.MULTILINE)
    importers = [str(path.relative_to(ROOT)) for path in python_files("bot")
                 if imports.search(path.read_text(encoding="utf-8"))]
    assert importers == ["bot/render/chart.py"]
