"""Signalen voor beleid: a moderator tags a story that shows where rules chafe with residents'
daily lives, with a button in the queue or /moderatie signaal <nr>."""

from tests.conftest import member, texts

STORY = ("De regel voor de tegenprestatie ging te ver: mevrouw moest vrijwilligerswerk doen terwijl ze "
         "mantelzorger is.")


def signals(store) -> list[tuple[int, int]]:
    return [(row["id"], row["signal"])
            for row in store.db.query("select id, signal from stories order by id")]


def test_a_moderator_tags_a_signal_from_the_queue_and_can_undo_it(store, bot, moderator, team_a):
    writer = member("writer")
    bot.handle_command(writer, f"/verhaal {STORY}", "k1")
    [_, item] = bot.handle_command(moderator, "/moderatie", "q")
    button = next(b for b in item.buttons if b.action == "mod.signal")
    assert button.label == "Signaal voor beleid"
    [tagged] = bot.handle_action(moderator, button.action, button.value)
    assert tagged.text == (
        "Verhaal nr. 1 is nu een signaal voor beleid: het laat zien waar regels schuren met het "
        "dagelijks leven van bewoners.\nDe auteur heeft geen toestemming gegeven om het buiten het team "
        "te delen, dus het komt niet in de export voor de gemeente. Je kunt de auteur vragen of dat mag.")
    assert signals(store) == [(1, 1)]
    [_, again] = bot.handle_command(moderator, "/moderatie", "q2")
    assert "Gemarkeerd als signaal voor beleid." in again.text
    undo = next(b for b in again.buttons if b.action == "mod.signal")
    assert undo.label == "Geen signaal"
    [untagged] = bot.handle_action(moderator, undo.action, undo.value)
    assert untagged.text == "Verhaal nr. 1 is geen signaal voor beleid meer."
    assert signals(store) == [(1, 0)]
    assert [(row["action"], row["detail"]) for row in store.moderation_log(team_a)
            if row["action"] == "signal"] == [("signal", "1"), ("signal", "0")]


def test_moderatie_signaal_tags_an_approved_story_and_says_it_can_reach_the_municipality(
        store, bot, moderator):
    writer = member("writer")
    bot.handle_command(writer, f"/verhaal {STORY}", "k1")
    bot.handle_action(writer, "story.consent", "1:1")
    bot.handle_action(moderator, "mod.approve", "1")
    reply = texts(bot.handle_command(moderator, "/moderatie signaal 1", "s1"))
    assert reply.startswith("Verhaal nr. 1 is nu een signaal voor beleid")
    assert "De auteur gaf toestemming om het buiten het team te delen." in reply
    assert signals(store) == [(1, 1)]
    untagged = texts(bot.handle_command(moderator, "/moderatie signaal weg 1", "s2"))
    assert "geen signaal voor beleid meer" in untagged
    assert signals(store) == [(1, 0)]


def test_only_moderators_of_the_stories_own_team_tag_signals(store, bot, moderator):
    writer = member("writer")
    bot.handle_command(writer, f"/verhaal {STORY}", "k1")
    assert "alleen moderatoren" in texts(bot.handle_command(writer, "/moderatie signaal 1", "s1"))
    assert "alleen moderatoren" in texts(bot.handle_action(writer, "mod.signal", "1:1"))
    other = member("boss", chat_id="team-b")
    bot.handle_command(other, "/werkbot start", "start-b")
    assert "kan ik niet vinden" in texts(bot.handle_command(other, "/moderatie signaal 1", "s2"))
    assert "kan ik niet vinden" in texts(bot.handle_action(other, "mod.signal", "1:1"))
    assert "kan ik niet vinden" in texts(bot.handle_command(moderator, "/moderatie signaal 7", "s3"))
    assert signals(store) == [(1, 0)]


def test_a_withdrawn_story_is_no_signal(store, bot, moderator):
    writer = member("writer")
    bot.handle_command(writer, f"/verhaal {STORY}", "k1")
    bot.handle_action(writer, "story.withdraw_confirm", "1")
    assert "ingetrokken" in texts(bot.handle_command(moderator, "/moderatie signaal 1", "s1"))
    assert signals(store) == [(1, 0)]


def test_a_wrong_moderatie_line_explains_itself_and_changes_nothing(store, bot, moderator):
    bot.handle_command(member("writer"), f"/verhaal {STORY}", "k1")
    for line in ("/moderatie signaal", "/moderatie signaal een", "/moderatie nu"):
        assert texts(bot.handle_command(moderator, line, line)) == (
            "Gebruik: /moderatie voor de wachtrij, of /moderatie signaal 12 om verhaal nr. 12 als "
            "signaal voor beleid te markeren (/moderatie signaal weg 12 haalt dat weg).")
    assert signals(store) == [(1, 0)]
