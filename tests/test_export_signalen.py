"""`werkbot export --signalen`: the signals for policy of a period, for the municipality: only
approved stories whose author consented, never an author's name."""

import csv
import io
import json
import shutil
import sqlite3
import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.bot import WerkBot
from bot.core.content import Content
from bot.core.privacy import PrivacyGuard
from storage import Store, open_database
from tests.conftest import FakeClock, member
from tests.test_cli import werkbot

OCTOBER = "Oktober: de regel voor de tegenprestatie ging te ver voor een mantelzorger."
SIGNAL = ("De wachtlijst voor schuldhulp botst met de incassotermijn; een gezin raakte zo verder in "
          "de schulden.")
PRIVATE = "Alleen voor het team: de parkeerregel maakt bezoek aan de dagbesteding bijna onmogelijk."
PLAIN = "Een gewoon mooi verhaal: de buren kookten samen voor de straat, zonder regels die schuren."
PENDING = "Nog niet beoordeeld: de huurregels maken een logeerkamer voor de kleinkinderen onmogelijk."


@pytest.fixture(scope="module")
def signals_template(tmp_path_factory: pytest.TempPathFactory, content: Content, guard: PrivacyGuard) -> Path:
    """One signal approved in October, one in November, a signal without consent, a consented
    story that is no signal, and a pending signal: made once for this module's tests, each of
    which gets a copy of its own (`signals_db`)."""
    path = tmp_path_factory.mktemp("signals") / "werkbot.db"
    db = open_database(path)
    clock = FakeClock(datetime(2026, 10, 14, 9, 0, tzinfo=UTC))
    bot = WerkBot(Store(db, clock), content, guard)
    coordinator = member("coordinator", name="Coördinator Naam")
    bot.handle_command(coordinator, "/werkbot start", "start")
    writer = member("writer", name="Schrijver Naam")

    def share(text: str, key: str, consent: bool, approve: bool, signal: bool) -> None:
        bot.handle_command(writer, f"/verhaal {text}", key)
        story_id = max(row["id"] for row in bot.store.db.query("select id from stories"))
        if consent:
            bot.handle_action(writer, "story.consent", f"{story_id}:1")
        if approve:
            bot.handle_action(coordinator, "mod.approve", str(story_id))
        if signal:
            bot.handle_command(coordinator, f"/moderatie signaal {story_id}", f"s-{key}")

    share(OCTOBER, "k1", consent=True, approve=True, signal=True)
    clock.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    share(SIGNAL, "k2", consent=True, approve=True, signal=True)
    share(PRIVATE, "k3", consent=False, approve=True, signal=True)
    share(PLAIN, "k4", consent=True, approve=True, signal=False)
    share(PENDING, "k5", consent=True, approve=False, signal=True)
    db.close()
    return path


@pytest.fixture
def signals_db(tmp_path: Path, signals_template: Path) -> Path:
    """This test's own copy of the signals' database (closed, so it is one file)."""
    return Path(shutil.copy(signals_template, tmp_path / signals_template.name))


def exports(db: Path, *calls: tuple[str, ...]) -> list[subprocess.CompletedProcess]:
    """Several `werkbot` commands on one database side by side, their results in the same order."""
    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(lambda args: werkbot(*args, db=db), calls))


@pytest.fixture
def team(signals_db: Path) -> str:
    with sqlite3.connect(signals_db) as db:
        return db.execute("select id from teams").fetchone()[0]


def test_the_signals_of_a_period_with_consent_and_without_names(signals_db, team):
    formats = ("md", "html", "json", "csv")
    results = dict(zip(formats, exports(signals_db, *(
        ("export", "--team", team, "--format", export_format, "--signalen", "--from", "2026-11-01",
         "--to", "2026-11-30") for export_format in formats)), strict=True))
    for result in results.values():
        assert result.returncode == 0, result.stderr
        assert SIGNAL[:40] in result.stdout
        for left_out in (OCTOBER, PRIVATE, PLAIN, PENDING):
            assert left_out[:30] not in result.stdout, left_out
        assert "Schrijver" not in result.stdout and "writer" not in result.stdout
        assert "Coördinator" not in result.stdout and "coordinator" not in result.stdout
    rows = json.loads(results["json"].stdout)
    assert [(row["id"], row["approved_at"]) for row in rows] == [(2, "2026-11-24")]
    md = results["md"].stdout
    assert md.startswith("# Signalen voor beleid: ")
    assert md.splitlines()[0].endswith(" (1 november 2026 tot en met 30 november 2026)")


def test_without_a_period_every_consented_signal_and_the_plain_export_stays_as_it_was(signals_db, team):
    every, since, until, plain = exports(
        signals_db,
        ("export", "--team", team, "--format", "csv", "--signalen"),
        ("export", "--team", team, "--format", "json", "--signalen", "--from", "2026-11-24"),
        ("export", "--team", team, "--format", "json", "--signalen", "--to", "2026-11-23"),
        ("export", "--team", team, "--format", "json"))
    assert [row["id"] for row in csv.DictReader(io.StringIO(every.stdout))] == ["1", "2"]
    assert [row["id"] for row in json.loads(since.stdout)] == [2]
    assert [row["id"] for row in json.loads(until.stdout)] == [1]
    assert [row["id"] for row in json.loads(plain.stdout)] == [1, 2, 4]


def test_a_date_that_is_no_date_is_a_usage_error(signals_db, team):
    result = werkbot("export", "--team", team, "--format", "md", "--signalen", "--from", "gisteren",
                     db=signals_db)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "werkbot: 'gisteren' is geen datum. Gebruik de vorm 2026-10-01.\n"
