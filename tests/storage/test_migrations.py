import sqlite3
import threading

import pytest
from sqlite_utils import Database

from bot.core.bot import WerkBot
from bot.core.model import Caller
from storage import Store, open_database
from storage.migrations import migrations


def test_new_database_has_every_table_and_wal(db_path):
    db = open_database(db_path)
    assert {"teams", "moderators", "stories", "moderation_log", "rotation_picks", "dilemma_picks",
            "deliveries"} <= set(db.table_names())
    assert db.journal_mode == "wal"
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1
    assert db.execute("pragma busy_timeout").fetchone()[0] > 0
    db.close()


def test_database_of_older_version_upgrades_without_loss(db_path):
    old = Database(sqlite3.connect(db_path, isolation_level=None))
    migrations.apply(old, stop_before="m002_story_decided_index")
    old["teams"].insert({"id": "console:x", "platform": "console", "chat_id": "x", "name": "",
                         "mantra_time": "09:00", "mantra_days": "ma", "digest_day": "vr",
                         "digest_time": "15:00", "timezone": "Europe/Amsterdam",
                         "sets": "werkprincipes", "language": "nl", "moderation": 1, "paused": 0,
                         "created_at": "2026-01-01T00:00:00+00:00"})
    old["stories"].insert({"team_id": "console:x", "source_key": "k1", "author_id": "a",
                           "text": "Een verhaal uit de praktijk van vroeger.", "status": "approved",
                           "created_at": "2026-01-02T00:00:00+00:00"})
    old.close()

    db = open_database(db_path)
    applied = [m.name for m in migrations.applied(db)]
    assert applied == ["m001_initial", "m002_story_decided_index", "m003_team_retention",
                       "m004_team_reminded_at", "m005_team_address", "m006_handled_inputs",
                       "m007_delivery_lease", "m008_delivery_parts", "m009_team_paused_until",
                       "m010_story_leermoment_and_signal", "m011_moderator_names",
                       "m012_team_oproep", "m013_team_dilemma", "m014_team_oproep_since",
                       "m015_chat_admins"]
    team = db["teams"].get("console:x")
    assert (team["retention_days"], team["reminded_at"], team["paused_until"]) == (None, None, None)
    # A team from before has no dilemma of the week.
    assert team["dilemma_day"] is None and Store(db).team("console:x").dilemma_day is None
    # Nor an oproep, nor administrators known.
    assert Store(db).team("console:x").oproep_since is None and db["chat_admins"].count == 0
    assert ["team_id", "decided_at"] in [index.columns for index in db["stories"].indexes]
    assert db["stories"].get(1)["text"] == "Een verhaal uit de praktijk van vroeger."
    assert db["teams"].count == 1
    # A team from before keeps its id, and is found at its address.
    assert Store(db).team_at("console", "x").id == "console:x"
    db.close()
    # Opening again applies nothing twice.
    assert [m.name for m in migrations.applied(open_database(db_path))] == applied


def test_stories_from_before_leermomenten_and_signals_are_neither(db_path, guard, content):
    old = Database(sqlite3.connect(db_path, isolation_level=None))
    migrations.apply(old, stop_before="m010_story_leermoment_and_signal")
    old["teams"].insert({"id": "team-x", "platform": "console", "chat_id": "x", "name": "",
                         "mantra_time": "09:00", "mantra_days": "ma", "digest_day": "vr",
                         "digest_time": "15:00", "timezone": "Europe/Amsterdam",
                         "sets": "werkprincipes", "language": "nl", "moderation": 1, "paused": 0,
                         "created_by": "coordinator", "created_at": "2026-01-01T00:00:00+00:00"})
    old["moderators"].insert({"team_id": "team-x", "user_id": "coordinator"})
    old["stories"].insert({"team_id": "team-x", "source_key": "k1", "author_id": "a",
                           "text": "Een verhaal uit de praktijk van vroeger.", "status": "approved",
                           "consent": 1, "created_at": "2026-01-02T00:00:00+00:00"})
    old.close()

    db = open_database(db_path)
    assert "m010_story_leermoment_and_signal" in [m.name for m in migrations.applied(db)]
    story = db["stories"].get(1)
    assert (story["leermoment"], story["signal"]) == (0, 0)
    assert story["text"] == "Een verhaal uit de praktijk van vroeger."
    # The old story can be tagged as a signal now, and the export of signals finds it.
    bot = WerkBot(Store(db), content, guard)
    bot.handle_command(Caller("console", "x", "coordinator"), "/moderatie signaal 1", "s")
    assert [s["id"] for s in bot.store.shareable_stories("team-x", False, signals_only=True)] == [1]
    db.close()


def test_delivery_is_unique_per_team_kind_and_period(store, team_a):
    assert store.claim_delivery(team_a, "mantra", "2026-11-24")
    assert not store.claim_delivery(team_a, "mantra", "2026-11-24")
    assert store.claim_delivery(team_a, "mantra", "2026-11-25")


def test_a_chat_whose_id_changes_moves_its_team_with_everything_in_it(store, bot, moderator, team_a):
    bot.handle_command(moderator, "/verhaal We begonnen klein, met een kop koffie bij de buren.", "k")
    assert store.move_team("console", "team-a", "team-a-new")
    moved = store.team_at("console", "team-a-new")
    assert moved is not None and moved.id == team_a
    assert store.team_at("console", "team-a") is None
    assert store.story(1)["team_id"] == team_a
    assert store.moderators(team_a) == ["coordinator"]
    assert not store.move_team("console", "team-a", "elsewhere"), "no team lives there any more"


def test_one_chat_is_one_team(store, moderator):
    with pytest.raises(sqlite3.IntegrityError):
        store.create_team("console", "team-a", {"name": "", "mantra_time": "09:00", "mantra_days": ("ma",),
                                                "digest_day": "vr", "digest_time": "15:00",
                                                "timezone": "Europe/Amsterdam", "sets": ("werkprincipes",),
                                                "language": "nl", "moderation": True, "paused": False},
                          "someone")


def test_two_processes_writing_at_once_wait_their_turn_and_lose_nothing(db_path, store, team_a, clock):
    """Each thread has its own connection, as a second `werkbot run` would; every write reads
    first (insert_story looks up its source key), which with a deferred BEGIN fails at once."""
    errors: list[BaseException] = []

    def write_stories(prefix: str) -> None:
        own = Store(open_database(db_path), clock)
        try:
            for n in range(1000):
                own.insert_story({"team_id": team_a, "source_key": f"{prefix}-{n}", "author_id": "a",
                                  "author_name": "A", "text": "Een verhaal uit de buurt, nummer " + str(n),
                                  "principle_id": None, "anonymous": 0, "consent": 0,
                                  "privacy_flags": "", "status": "pending"})
        except BaseException as error:
            errors.append(error)
        finally:
            own.db.close()

    threads = [threading.Thread(target=write_stories, args=(prefix,)) for prefix in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.story_counts(team_a) == {"pending": 2000}


def test_a_write_whose_commit_fails_leaves_no_transaction_open(store, team_a):
    store.db.execute("pragma defer_foreign_keys = on")
    with pytest.raises(sqlite3.IntegrityError), store.write():
        store.db.execute("insert into moderators (team_id, user_id) values ('no-such-team', 'x')")
    assert not store.db.conn.in_transaction
    store.add_moderator(team_a, "later", "coordinator")
    assert "later" in store.moderators(team_a)
