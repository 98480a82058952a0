"""The werkbot command line, run as a user runs it: a subprocess with its own environment."""

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.bot import WerkBot
from bot.core.content import load_content
from storage import Store, open_database
from tests.conftest import member
from tests.support import disk_bytes, werkbot_environment


def werkbot(*args: str, db: Path | None = None, stdin: str = "", cwd: Path | None = None,
            env: dict | None = None) -> subprocess.CompletedProcess:
    environment = werkbot_environment(**(env or {}))
    if db is not None:
        environment["WERKBOT_DB"] = str(db)
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, text=True,
                          capture_output=True, env=environment, cwd=cwd, timeout=120)


@pytest.fixture
def filled_db(tmp_path: Path, guard) -> Path:
    """A team with a consented story, an anonymous one, a private one and a pending one."""
    path = tmp_path / "werkbot.db"
    db = open_database(path)
    bot = WerkBot(Store(db), load_content(), guard)
    coordinator = member("coordinator", name="Coördinator Naam")
    bot.handle_command(coordinator, "/werkbot start", "start")
    writer = member("writer", name="Schrijver Naam")
    for key, text in [("k1", "Gedeeld verhaal over een buurtkoffie met vrijwilligers."),
                      ("k2", "Alleen voor het team: een lastig gesprek dat goed afliep."),
                      ("k3", "Nog niet beoordeeld, dus niet voor buiten het team.")]:
        bot.handle_command(writer, f"/verhaal {text}", key)
    bot.handle_action(writer, "story.consent", "1:1")
    bot.handle_action(writer, "story.consent", "3:1")
    bot.handle_action(coordinator, "mod.approve", "1")
    bot.handle_action(coordinator, "mod.approve", "2")
    bot.handle_action(coordinator, "mod.feature", "1")
    db.close()
    return path


@pytest.fixture
def team(filled_db: Path) -> str:
    """The id of the team in filled_db."""
    with sqlite3.connect(filled_db) as db:
        return db.execute("select id from teams").fetchone()[0]


def test_no_command_is_a_usage_error():
    result = werkbot()
    assert (result.returncode, result.stderr) == (
        2, "Gebruik: werkbot [-h] opdracht ...\nwerkbot: dit ontbreekt: opdracht\n")


def test_bad_format_is_a_usage_error(filled_db, team):
    result = werkbot("export", "--team", team, "--format", "pdf", db=filled_db)
    assert result.returncode == 2 and result.stderr.startswith("Gebruik: werkbot export ")
    assert result.stderr.endswith(
        "\nwerkbot export: 'pdf' kan niet bij --format; kies uit 'md', 'html', 'json', 'csv'\n")
    missing = werkbot("export", "--team", team, db=filled_db)
    assert missing.returncode == 2 and missing.stderr.endswith("werkbot export: dit ontbreekt: --format\n")


def test_help_is_dutch():
    result = werkbot("--help")
    assert result.returncode == 0
    assert "opdrachten:" in result.stdout and "toon deze hulp en stop" in result.stdout
    assert "controleer teksten op persoonsgegevens" in result.stdout


def test_run_without_platform_says_what_to_set(tmp_path):
    result = werkbot("run", db=tmp_path / "x.db")
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr and "werkbot demo" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_database_is_one_clear_line(tmp_path):
    result = werkbot("teams", db=tmp_path / "nothing.db")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "bestaat niet" in result.stderr
    assert not (tmp_path / "nothing.db").exists()


def test_a_file_that_is_not_a_database_is_one_clear_line_and_stays_as_it_was(tmp_path):
    notes = tmp_path / "notities.txt"
    notes.write_text("Dit is geen database, maar wel belangrijk.\n" * 200)
    before = notes.read_bytes()
    result = werkbot("teams", db=notes)
    assert (result.returncode, result.stderr) == (1, (
        f"werkbot: Database {notes} kan niet worden geopend (het bestand is geen SQLite-database). "
        "Controleer het pad en de rechten.\n"))
    assert notes.read_bytes() == before


def test_missing_team_is_one_clear_line(filled_db, team):
    result = werkbot("digest", "--team", "slack:nope", db=filled_db)
    assert result.returncode == 1 and "Team 'slack:nope' bestaat niet" in result.stderr
    assert "Traceback" not in result.stderr


def test_principles_lists_the_catalogue_under_each_sets_id():
    catalogue = load_content().catalogue
    lines = werkbot("principles").stdout.splitlines()
    headings = [line for line in lines if line and not line.startswith("  ")]
    assert headings == [f"{s.id}: {s.name['nl']} ({len(s.principles)} principes)"
                        for s in catalogue.sets.values()]
    principles = [line.split()[0] for line in lines if line.startswith("  ")]
    assert principles == [p.id for p in catalogue.all()]
    assert lines[1].startswith("  werkprincipe-1 ") and lines[-1].startswith("  interventierichting-4 ")


def test_teams_lists_ids_and_counts(filled_db, team):
    out = werkbot("teams", db=filled_db).stdout
    assert out == (f"{team}\tconsole\tteam-a\t-\tactief\twerkprincipe ma,di,wo,do,vr 09:00\t"
                   "weekoverzicht vr 15:00\tEurope/Amsterdam\tsets werkprincipes\ttaal nl\t"
                   "verhalen 2 goedgekeurd, 1 wacht op moderatie\n")


def test_teams_speaks_the_command_lines_dutch_for_an_english_team(filled_db, team):
    with sqlite3.connect(filled_db) as db:
        db.execute("update teams set language = 'en'")
    out = werkbot("teams", db=filled_db).stdout
    assert "\tactief\twerkprincipe ma,di,wo,do,vr 09:00\tweekoverzicht vr 15:00\t" in out
    assert "\ttaal en\t" in out
    for english in ("active", "approved", "pending", "stories", "Mon", "Fri"):
        assert english not in out


def test_export_only_consented_curated_stories_without_names(filled_db, team):
    for export_format in ("md", "html", "json", "csv"):
        result = werkbot("export", "--team", team, "--format", export_format, db=filled_db)
        assert result.returncode == 0
        assert "Gedeeld verhaal" in result.stdout
        assert "Alleen voor het team" not in result.stdout
        assert "Nog niet beoordeeld" not in result.stdout
        assert "Schrijver" not in result.stdout and "writer" not in result.stdout
    rows = json.loads(werkbot("export", "--team", team, "--format", "json", db=filled_db).stdout)
    assert [(r["id"], r["featured"]) for r in rows] == [(1, True)]
    table = list(csv.DictReader(io.StringIO(
        werkbot("export", "--team", team, "--format", "csv", db=filled_db).stdout)))
    assert table[0]["text"].startswith("Gedeeld verhaal")
    featured = werkbot("export", "--team", team, "--format", "json", "--featured", db=filled_db)
    assert len(json.loads(featured.stdout)) == 1


def test_digest_renders_markdown_html_and_chart(filled_db, tmp_path, team):
    md = werkbot("digest", "--team", team, db=filled_db)
    assert md.returncode == 0 and md.stdout.startswith("# Inspiratie van week")
    assert "Gedeeld verhaal" in md.stdout
    chart = tmp_path / "chart.png"
    html = werkbot("digest", "--team", team, "--format", "html", "--chart", str(chart), db=filled_db)
    assert html.stdout.startswith("<!doctype html>")
    assert chart.read_bytes().startswith(b"\x89PNG")
    old = werkbot("digest", "--team", team, "--week", "2020-W01", db=filled_db)
    assert "nog geen verhaal gedeeld" in old.stdout
    assert "## Zo kan een verhaal eruitzien" in old.stdout and "_Naar een voorbeeld uit " in old.stdout
    bad = werkbot("digest", "--team", team, "--week", "week 48", db=filled_db)
    assert bad.returncode == 2 and "2026-W48" in bad.stderr


def test_backup_is_a_consistent_copy(filled_db, tmp_path):
    target = tmp_path / "copy.db"
    assert werkbot("backup", str(target), db=filled_db).returncode == 0
    copy = sqlite3.connect(target)
    assert copy.execute("pragma integrity_check").fetchone() == ("ok",)
    assert copy.execute("select count(*) from stories").fetchone() == (3,)


def test_backup_never_overwrites_the_database_or_another_file(filled_db, tmp_path):
    live = filled_db.read_bytes()
    onto_itself = werkbot("backup", str(filled_db), db=filled_db)
    assert (onto_itself.returncode, onto_itself.stderr) == (
        2, f"werkbot: {filled_db} is de database zelf. Kies een ander bestand voor de back-up.\n")
    letter = tmp_path / "brief.txt"
    letter.write_text("Een brief die geen database is.\n" * 100)
    before = letter.read_bytes()
    onto_letter = werkbot("backup", str(letter), db=filled_db)
    assert (onto_letter.returncode, onto_letter.stderr) == (
        1, f"werkbot: Back-up naar {letter} is mislukt (het bestand is geen SQLite-database). "
           "De database zelf is niet veranderd.\n")
    assert letter.read_bytes() == before and filled_db.read_bytes() == live


def test_digest_chart_to_a_folder_that_does_not_exist_is_one_line(filled_db, tmp_path, team):
    chart = tmp_path / "nergens" / "grafiek.png"
    result = werkbot("digest", "--team", team, "--chart", str(chart), db=filled_db)
    assert (result.returncode, result.stderr) == (
        1, f"werkbot: {chart} kan niet worden geschreven (dat bestand of die map bestaat niet).\n")


def test_purge_asks_first_then_removes_everything(filled_db, team):
    refused = werkbot("purge", "--team", team, db=filled_db, stdin="nee\n")
    assert refused.returncode == 1
    no_answer = werkbot("purge", "--team", team, db=filled_db, stdin="")
    assert (no_answer.returncode, no_answer.stdout.splitlines()[-1], no_answer.stderr) == (
        1, "Niets verwijderd.", "")
    assert werkbot("purge", "--team", team, "--yes", db=filled_db).returncode == 0
    db = sqlite3.connect(filled_db)
    for table in ("teams", "moderators", "stories", "moderation_log", "rotation_picks", "deliveries"):
        assert db.execute(f"select count(*) from {table}").fetchone() == (0,), table
    on_disk = disk_bytes(filled_db)
    for text in (b"Gedeeld verhaal", b"Alleen voor het team", b"Schrijver Naam", team.encode()):
        assert text not in on_disk, text


def test_broken_prompts_stop_start_up_naming_the_file(tmp_path):
    import shutil

    from bot.core.content import DEFAULT_PROMPTS_DIR
    prompts = tmp_path / "prompts"
    shutil.copytree(DEFAULT_PROMPTS_DIR, prompts)
    (prompts / "messages" / "en.toml").write_text("[mantra]\n", encoding="utf-8")
    result = werkbot("principles", env={"WERKBOT_PROMPTS": str(prompts)})
    assert result.returncode == 2
    assert "en.toml" in result.stderr and "Traceback" not in result.stderr


def test_scan_reads_windows_files_and_names_the_line_that_is_not_utf8(tmp_path):
    source = tmp_path / "uit-word.txt"
    source.write_bytes("\ufeffBel 06-12345678.\r\nGewoon koffie.\r\nkapot: \xff\r\n".encode("utf-8")
                       .replace(b"\xc3\xbf", b"\xff"))
    result = werkbot("scan", str(source))
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"findings": [{"kind": "telefoonnummer", "start": 4, "end": 15}], "masked": "Bel [telefoonnummer]."},
        {"findings": [], "masked": "Gewoon koffie."}]
    assert (result.returncode, result.stderr) == (1, (
        f"werkbot: {source} is geen UTF-8-tekst (regel 3). Sla het bestand op als UTF-8 en probeer "
        "het opnieuw.\n"))
    folder = werkbot("scan", str(tmp_path))
    assert (folder.returncode, folder.stderr) == (1, f"werkbot: {tmp_path} kan niet worden gelezen "
                                                     "(dat is een map, geen bestand).\n")


def test_scan_prints_one_json_object_per_line(tmp_path):
    lines = ["Bel Anna op 06-12345678.", json.dumps({"text": "Mail naar a@voorbeeld.nl"}),
             "Niets bijzonders vandaag, gewoon koffie gedronken."]
    from_stdin = werkbot("scan", stdin="\n".join(lines) + "\n")
    assert from_stdin.returncode == 0, from_stdin.stderr
    results = [json.loads(line) for line in from_stdin.stdout.splitlines()]
    assert results[0] == {"findings": [{"kind": "naam", "start": 4, "end": 8},
                                       {"kind": "telefoonnummer", "start": 12, "end": 23}],
                          "masked": "Bel [naam] op [telefoonnummer]."}
    assert results[1] == {"findings": [{"kind": "email", "start": 10, "end": 24}],
                          "masked": "Mail naar [email]"}
    assert results[2] == {"findings": [], "masked": lines[2]}
    source = tmp_path / "texts.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert werkbot("scan", str(source)).stdout == from_stdin.stdout
    # deduce hands out numpy integers for some spans; the JSON must still be written.
    street = werkbot("scan", stdin="Adres: 1e Jan Steenstraat 8-II, 1072 NM.\n")
    assert json.loads(street.stdout)["masked"] == "Adres: [adres]."
    # Control characters and bidi overrides never reach the terminal; offsets count without them.
    controls = werkbot("scan", stdin="Bel\x07 An\x08na\u202e op 06-12345678.\x1b\n")
    assert json.loads(controls.stdout) == results[0]
    missing = werkbot("scan", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1 and "bestaat niet" in missing.stderr



def test_scan_of_a_long_file_answers_every_line_in_order_and_stops_at_a_bad_one(tmp_path):
    # More lines than one batch for the scan processes, each told apart by its number.
    lines = [f"Regel {number}: bel 06-{40000000 + number} of gewoon koffie." for number in range(1, 701)]
    source = tmp_path / "lang.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from_file = werkbot("scan", str(source))
    assert from_file.returncode == 0, from_file.stderr
    assert [json.loads(line)["masked"] for line in from_file.stdout.splitlines()] == [
        f"Regel {number}: bel [telefoonnummer] of gewoon koffie." for number in range(1, 701)]
    assert werkbot("scan", stdin=source.read_text(encoding="utf-8")).stdout == from_file.stdout
    broken = tmp_path / "kapot.txt"
    broken.write_bytes("\n".join(lines[:599]).encode("utf-8") + b"\nkapot: \xff\n"
                       + lines[600].encode("utf-8"))
    result = werkbot("scan", str(broken))
    assert result.stdout.splitlines() == from_file.stdout.splitlines()[:599]
    assert (result.returncode, result.stderr) == (1, (
        f"werkbot: {broken} is geen UTF-8-tekst (regel 600). Sla het bestand op als UTF-8 en probeer "
        "het opnieuw.\n"))

@pytest.mark.parametrize(("env", "named"), [
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
    ({"SLACK_BOT_TOKEN": "not-a-token", "SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "PORT": "web"}, "PORT"),
    ({"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
    ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "TELEGRAM_BOT_TOKEN"),
    ({"TELEGRAM_BOT_TOKEN": "123:abc", "TELEGRAM_WEBHOOK_URL": "https://bot.test/tg"},
     "TELEGRAM_WEBHOOK_SECRET"),
    ({"TELEGRAM_BOT_TOKEN": "123:abc", "TELEGRAM_WEBHOOK_URL": "https://bot.test/tg",
      "TELEGRAM_WEBHOOK_SECRET": "geen spaties"}, "TELEGRAM_WEBHOOK_SECRET"),
    ({"TELEGRAM_WEBHOOK_URL": "https://bot.test/tg"}, "TELEGRAM_BOT_TOKEN"),
])
def test_run_with_a_wrong_setting_names_it_in_one_line(tmp_path, env, named):
    result = werkbot("run", db=tmp_path / "x.db", env=env)
    assert result.returncode == 2
    assert named in result.stderr and result.stderr.strip().count("\n") == 0


def test_a_wrong_log_level_stops_every_command_in_one_line():
    result = werkbot("principles", env={"WERKBOT_LOG_LEVEL": "veel"})
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ("werkbot: WERKBOT_LOG_LEVEL kan niet 'VEEL' zijn; "
                             "kies uit DEBUG, INFO, WARNING, ERROR.\n")
    assert werkbot("principles", env={"WERKBOT_LOG_LEVEL": "debug"}).returncode == 0
