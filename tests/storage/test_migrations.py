import sqlite3

from sqlite_utils import Database

from storage import open_database
from storage.migrations import migrations


def test_new_database_has_every_table_and_wal(db_path):
    db = open_database(db_path)
    assert {"teams", "moderators", "stories", "moderation_log", "rotation_picks",
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
                       "m004_team_reminded_at"]
    team = db["teams"].get("console:x")
    assert (team["retention_days"], team["reminded_at"]) == (None, None)
    assert ["team_id", "decided_at"] in [index.columns for index in db["stories"].indexes]
    assert db["stories"].get(1)["text"] == "Een verhaal uit de praktijk van vroeger."
    assert db["teams"].count == 1
    db.close()
    # Opening again applies nothing twice.
    assert [m.name for m in migrations.applied(open_database(db_path))] == applied


def test_delivery_is_unique_per_team_kind_and_period(store, moderator):
    assert store.claim_delivery("console:team-a", "mantra", "2026-11-24")
    assert not store.claim_delivery("console:team-a", "mantra", "2026-11-24")
    assert store.claim_delivery("console:team-a", "mantra", "2026-11-25")
