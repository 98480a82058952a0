"""`werkbot demo` end to end: a whole session piped into the real program."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.support import werkbot_environment

STORY = "Vandaag samen met de buurvrouw een kleine stap gezet: eerst koffie, toen de brief."


def run_demo(tmp_path: Path, session: str) -> subprocess.CompletedProcess:
    env = werkbot_environment()
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "demo", "--db", str(tmp_path / "demo.db")],
        input=session, text=True, capture_output=True, env=env, cwd=tmp_path, timeout=120)


def test_a_whole_session_through_the_pipe(tmp_path):
    session = "\n".join([
        "/mantra",
        f"/verhaal {STORY}",
        "2",                      # Anoniem maken
        "/moderatie",
        "2",                      # Afwijzen -> asks for a reason
        "Graag zonder de brief.",
        "/mijnverhalen",
        "/verhaal",
        "Tweede verhaal: de buren kennen elkaar nu en helpen elkaar met boodschappen.",
        "/moderatie",
        "3",                      # Uitlichten (approves too)
        "/digest",
        "1",                      # Nu plaatsen
        "/werkbot tijd 99:99",
        "/werkbot status",
        "/bestaatniet",
        "/stop",
    ]) + "\n"
    result = run_demo(tmp_path, session)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in out + result.stderr
    assert out.count("Voor vandaag") >= 2  # at start and for /mantra
    assert "Je verhaal (nr. 1) is opgeslagen en wacht op een moderator." in out
    assert "Verhaal nr. 1 is nu anoniem" in out
    assert "Waarom wijs je dit verhaal af?" in out
    assert "Verhaal nr. 1 is afgewezen" in out
    assert "Reden van de moderator: Graag zonder de brief." in out
    assert "Verhaal nr. 2 is het uitgelichte verhaal van deze week." in out
    assert "[kanaal]\n# Inspiratie van week" in out
    assert "## Uitgelicht\n\n> Tweede verhaal" in out
    assert "'99:99' is geen tijd." in out
    assert "Wachtende verhalen: 0" in out
    assert "Het commando /bestaatniet ken ik niet." in out
    assert "Tot ziens!" in out
    assert list(tmp_path.glob("werkbot-digest-*.png"))

    db = sqlite3.connect(tmp_path / "demo.db")
    rows = db.execute("select id, status, anonymous, featured, reject_reason from stories").fetchall()
    assert rows == [(1, "rejected", 1, 0, "Graag zonder de brief."), (2, "approved", 0, 1, None)]
    assert db.execute("select kind, status from deliveries where kind = 'digest'").fetchall() == [
        ("digest", "sent")]


def test_ends_cleanly_at_end_of_input_and_keeps_data(tmp_path):
    first = run_demo(tmp_path, f"/verhaal {STORY}\n")
    assert first.returncode == 0
    second = run_demo(tmp_path, "/mijnverhalen\n")
    assert second.returncode == 0
    assert "Nr. 1 · wacht op moderatie" in second.stdout
