from bot.core.retention import apply_retention
from tests.conftest import member, texts
from tests.support import disk_bytes, stored_texts

STORY = "Een verhaal uit de buurt over samen koken met de buren."


def test_team_retention_deletes_old_texts_daily(store, bot, moderator, clock, team_a):
    assert "Bewaartermijn: geen" in texts(bot.handle_command(moderator, "/werkbot status", "s"))
    bot.handle_command(moderator, f"/verhaal {STORY}", "k1")
    clock.advance(days=200)
    bot.handle_command(moderator, f"/verhaal Nog een {STORY}", "k2")
    assert apply_retention(bot.store, bot.clock) == 0, "no bewaartermijn set: everything is kept"
    reply = bot.handle_command(moderator, "/werkbot bewaartermijn 180", "r")
    assert texts(reply) == (
        "Bewaartermijn aangepast naar 180 dagen: verhaalteksten die ouder zijn, verwijder ik vannacht.")
    assert "Bewaartermijn: 180 dagen" in texts(bot.handle_command(moderator, "/werkbot status", "s2"))
    assert apply_retention(bot.store, bot.clock) == 1
    assert stored_texts(store) == [None, f"Nog een {STORY}"]
    assert store.moderation_log(team_a)[-1]["action"] == "retention-delete"
    assert "(tekst verwijderd)" in texts(bot.handle_action(moderator, "story.export", ""))


def test_bad_retention_changes_nothing(store, bot, moderator, team_a):
    for value in ("10", "99999", "jaar"):
        reply = bot.handle_command(moderator, f"/werkbot bewaartermijn {value}", value)
        assert "geen bewaartermijn" in texts(reply)
    assert store.team(team_a).retention_days is None
    writer = member("writer")
    assert "alleen moderatoren" in texts(bot.handle_command(writer, "/werkbot bewaartermijn 365", "w"))


def test_rejected_texts_go_after_thirty_days(store, bot, moderator, clock):
    bot.handle_command(member("writer"), f"/verhaal {STORY}", "k1")
    bot.handle_command(member("writer"), f"/verhaal Tweede {STORY}", "k2")
    bot.handle_action(moderator, "mod.reject", "1", text="Past niet bij dit kanaal.")
    bot.handle_action(moderator, "mod.approve", "2")
    clock.advance(days=29)
    assert apply_retention(bot.store, bot.clock) == 0
    clock.advance(days=2)
    assert apply_retention(bot.store, bot.clock) == 1
    assert stored_texts(store) == [None, f"Tweede {STORY}"]


def test_deleted_texts_leave_digest_and_export(store, bot, moderator, clock, team_a):
    bot.handle_command(moderator, "/werkbot moderatie uit", "m")
    bot.handle_command(moderator, f"/verhaal {STORY}", "k1")
    bot.handle_action(moderator, "story.consent", "1:1")
    store.update_team(team_a, retention_days=30)
    clock.advance(days=31)
    apply_retention(bot.store, bot.clock)
    team = store.team(team_a)
    assert store.shareable_stories(team.id, featured_only=False) == []
    assert store.approved_between(team.id, "2000-01-01", "2100-01-01") == []


def test_withdrawn_text_is_gone_from_the_database_and_wal_files(store, bot, moderator, db_path):
    secret = "Dit verhaal trek ik weer in, het was te persoonlijk voor de groep."
    bot.handle_command(moderator, f"/verhaal {secret}", "k1")
    bot.handle_command(moderator, f"/verhaal {STORY}", "k2")
    assert secret.encode() in disk_bytes(db_path)
    bot.handle_action(moderator, "story.withdraw_confirm", "1")
    assert secret.encode() not in disk_bytes(db_path)
    assert STORY.encode() in disk_bytes(db_path)


def test_retention_leaves_no_bytes_behind(store, bot, moderator, clock, db_path, team_a):
    bot.handle_command(moderator, f"/verhaal {STORY}", "k1")
    store.update_team(team_a, retention_days=30)
    clock.advance(days=31)
    apply_retention(bot.store, bot.clock)
    assert STORY.encode() not in disk_bytes(db_path)
