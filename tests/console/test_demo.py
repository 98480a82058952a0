"""`werkbot demo` end to end: a whole session piped into the real program."""

import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.support import werkbot_environment

STORY = "Vandaag samen met de buurvrouw een kleine stap gezet: eerst koffie, toen de brief."


def run_demo(tmp_path: Path, session: str, **settings: str) -> subprocess.CompletedProcess:
    env = werkbot_environment(**settings)
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
    assert first.stdout.rstrip().endswith("Tot ziens!"), "the end of the input says goodbye too"
    second = run_demo(tmp_path, "/mijnverhalen\n")
    assert second.returncode == 0
    assert "Nr. 1 · wacht op moderatie" in second.stdout


def test_a_command_instead_of_the_story_runs_and_nothing_is_stored(tmp_path):
    result = run_demo(tmp_path, "/verhaal\n/mantra\n/verhaal leermoment\n/werkbot status\n/stop\n")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "> /mantra\nVraag geannuleerd, er is niets opgeslagen. Nu /mantra:\nVoor vandaag" in out
    assert "Nu /werkbot status:\nStatus: actief" in out
    assert "Wachtende verhalen: 0" in out
    db = sqlite3.connect(tmp_path / "demo.db")
    assert db.execute("select count(*) from stories").fetchone() == (0,)


def test_ending_the_demo_is_not_pausing_the_team(tmp_path):
    result = run_demo(tmp_path, "/werkbot stop\n/werkbot status\n/einde\n/mantra\n")
    out = result.stdout
    assert "Met /stop of /einde sluit je de demo af" in out
    assert "/werkbot stop zet alleen mijn berichten aan het team op pauze" in out
    assert "Status: gepauzeerd" in out, "/werkbot stop pauses and the demo goes on"
    assert out.rstrip().endswith("> /einde\nTot ziens!"), "/einde ends it: /mantra is not read"


def test_ctrl_c_says_goodbye_and_exits_cleanly(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "demo", "--db", str(tmp_path / "demo.db")],
        cwd=tmp_path, env=werkbot_environment(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        process.stdin.write("/werkbot status\n")
        process.stdin.flush()
        for line in process.stdout:
            if line.startswith("Wachtende verhalen"):
                break
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert out.rstrip().endswith("Tot ziens!")
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def test_no_log_lines_in_the_chat_while_the_guard_is_first_built(tmp_path):
    """A fresh cache: deduce builds its lookup structures and says so at INFO ("Please wait
    1-2 minutes…"); that, and every other log line, goes to the log beside the database."""
    story = "Vandaag met Sanne en mevrouw uit de Lindenlaan een plan gemaakt; het werkte goed."
    result = run_demo(tmp_path, f"/verhaal {story}\n1\n/stop\n", WERKBOT_LOG_LEVEL="INFO",
                      WERKBOT_CACHE=str(tmp_path / "fresh-cache"))
    assert result.returncode == 0, result.stderr
    assert "is opgeslagen" in result.stdout, "the story waited for the guard's first build"
    assert result.stderr == ""
    for line in result.stdout.splitlines():
        assert not re.search(r"\b(INFO|WARNING|DEBUG)\b|Please wait|apscheduler", line), line
    log = (tmp_path / "demo.log").read_text()
    assert "Please wait" in log and "werkbot running" in log
