from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.bot import WerkBot
from bot.core.model import Caller
from storage import Store, open_database
from tests.conftest import member, team_id_of, texts
from tests.support import memory_bot

STORY = "Samen met de huismeester een buurtkoffie opgezet; drie nieuwe vrijwilligers."


def submit(bot, caller, key="k"):
    return bot.handle_command(caller, f"/verhaal {STORY}", key)


def test_moderator_sees_queue_with_author_and_buttons(bot, moderator):
    writer = member("writer", name="Schrijver")
    submit(bot, writer)
    replies = bot.handle_command(moderator, "/moderatie", "q")
    assert "Schrijver" in replies[1].text and STORY in replies[1].text
    assert [b.action for b in replies[1].buttons] == [
        "mod.approve", "mod.reject", "mod.feature", "mod.principles", "mod.redact", "mod.signal"]


def test_non_moderator_is_refused_politely_and_nothing_changes(store, bot, moderator, team_a):
    writer = member("writer")
    submit(bot, writer)
    assert "alleen moderatoren" in texts(bot.handle_command(writer, "/moderatie", "q"))
    assert "alleen moderatoren" in texts(bot.handle_action(writer, "mod.approve", "1"))
    assert "alleen moderatoren" in texts(bot.handle_command(writer, "/werkbot tijd 10:00", "t"))
    assert store.story(1)["status"] == "pending"
    assert store.team(team_a).mantra_time == "09:00"


def test_moderator_of_another_team_cannot_touch_a_story(store, bot, moderator):
    submit(bot, member("writer"))
    other_mod = member("boss", chat_id="team-b")
    bot.handle_command(other_mod, "/werkbot start", "start-b")
    for action, text in [("mod.approve", None), ("mod.reject", "weg"), ("mod.feature", None),
                         ("mod.tag", None), ("mod.redact", "Een heel andere tekst dan eerst.")]:
        value = "1:werkprincipe-1" if action == "mod.tag" else "1"
        reply = bot.handle_action(other_mod, action, value, text=text)
        assert "kan ik niet vinden" in texts(reply), action
    story = store.story(1)
    assert (story["status"], story["text"], story["featured"]) == ("pending", STORY, 0)
    assert store.moderation_log(team_id_of(bot, other_mod)) == []


def test_chat_admin_counts_as_moderator(store, bot, moderator):
    submit(bot, member("writer"))
    admin = Caller("console", "team-a", "admin", is_chat_admin=True)
    bot.handle_action(admin, "mod.approve", "1")
    assert store.story(1)["status"] == "approved"


def test_approve_tells_author_and_logs(store, bot, moderator, team_a):
    submit(bot, member("writer"))
    replies = bot.handle_action(moderator, "mod.approve", "1")
    assert store.story(1)["status"] == "approved"
    assert store.story(1)["decided_by"] == "coordinator"
    dm = [r for r in replies if r.audience == "member"]
    assert dm[0].member_id == "writer" and "goedgekeurd" in dm[0].text
    assert [e["action"] for e in store.moderation_log(team_a)][-1] == "approve"


def test_reject_needs_a_reason_which_reaches_the_author(store, bot, moderator):
    submit(bot, member("writer"))
    assert "reden" in texts(bot.handle_action(moderator, "mod.reject", "1", text="   "))
    assert store.story(1)["status"] == "pending"
    replies = bot.handle_action(moderator, "mod.reject", "1", text="Er staat een adres in.")
    assert store.story(1)["status"] == "rejected"
    assert "Er staat een adres in." in next(r for r in replies if r.audience == "member").text
    mine = texts(bot.handle_command(member("writer"), "/mijnverhalen", "m"))
    assert "afgewezen" in mine and "Er staat een adres in." in mine


def test_one_featured_story_per_team_week(store, bot, moderator):
    submit(bot, member("writer"), "k1")
    submit(bot, member("writer"), "k2")
    bot.handle_action(moderator, "mod.feature", "1")
    bot.handle_action(moderator, "mod.feature", "2")
    assert (store.story(1)["featured"], store.story(2)["featured"]) == (0, 1)
    assert store.story(2)["status"] == "approved"


def test_retag_and_redact(store, bot, moderator, team_a):
    submit(bot, member("writer"))
    bot.handle_action(moderator, "mod.tag", "1:werkprincipe-4")
    bot.handle_action(moderator, "mod.redact", "1", text="Samen met [naam] een buurtkoffie opgezet.")
    story = store.story(1)
    assert story["principle_id"] == "werkprincipe-4"
    assert story["text"] == "Samen met [naam] een buurtkoffie opgezet."
    log = store.moderation_log(team_a)
    assert [e["action"] for e in log][-2:] == ["retag", "redact"]
    assert all(STORY not in (e["detail"] or "") for e in log), "the log never holds story text"


def test_forged_button_values_get_a_calm_message_and_no_traceback(store, bot, moderator, caplog):
    for value in ["", "abc", "1:2:3", "²", "١"]:
        assert "werkt niet" in texts(bot.handle_action(moderator, "mod.approve", value))
    assert "Traceback" not in caplog.text and "failed" not in caplog.text
    assert "kan ik niet vinden" in texts(bot.handle_action(moderator, "mod.approve", "999"))
    assert "werkt niet" in texts(bot.handle_action(moderator, "mod.nuke", "1"))


def test_moderators_hear_of_waiting_stories_at_most_once_an_hour(bot, moderator, clock):
    writer = member("writer")
    first = bot.handle_command(writer, f"/verhaal {STORY}", "k1")
    assert [(r.audience, r.member_id) for r in first if r.audience == "member"] == [("member", "coordinator")]
    second = bot.handle_command(writer, f"/verhaal Nog een keer: {STORY}", "k2")
    assert [r for r in second if r.audience == "member"] == []
    clock.advance(hours=1)
    third = bot.handle_command(writer, f"/verhaal Een uur later: {STORY}", "k3")
    assert [r.member_id for r in third if r.audience == "member"] == ["coordinator"]


def test_a_long_queue_comes_in_pages(bot, moderator):
    for n in range(13):
        text = f"Verhaal nummer {n} over de buurt en de buren."
        bot.handle_command(member("writer"), f"/verhaal {text}", f"k{n}")
    replies = bot.handle_command(moderator, "/moderatie", "q")
    assert replies[0].text == "Wachten op je oordeel: 13"
    assert len([r for r in replies if r.buttons]) == 10
    assert replies[-1].text.startswith("…en 3 meer.")


ACTIONS = ["mod.approve", "mod.reject", "mod.feature", "mod.principles", "mod.tag", "mod.redact",
           "mod.signal", "digest.post", "story.tag", "story.anonymous", "story.consent",
           "story.leermoment", "story.edit",
           "story.withdraw", "story.withdraw_confirm", "story.export", "draft.mask", "draft.keep",
           "draft.edit", "bestaat.niet"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(action=st.sampled_from(ACTIONS),
       value=st.one_of(st.sampled_from(["1", "1:1", "1:werkprincipe-2", "2", "1:", ":", ""]),
                       st.text(max_size=30)),
       text=st.one_of(st.none(), st.text(max_size=60)))
def test_any_button_payload_from_a_colleague_gets_a_message_and_changes_no_one_elses_story(
        content, guard, action, value, text):
    """Button payloads come from the platform and can be forged: whatever arrives, a member who is
    not a moderator and not the author gets a message, never a crash, and the story stays as it was."""
    with memory_bot(content, guard) as bot:
        bot.team.register(member("coordinator"))
        bot.handle_command(member("author"), f"/verhaal {STORY}", "k")
        before = bot.store.story(1)
        replies = bot.handle_action(member("colleague"), action, value, text=text)
        assert replies and all(reply.text.strip() for reply in replies)
        assert "Er ging iets mis" not in texts(replies)
        assert bot.store.story(1) == before


def reminders(replies) -> list[tuple[str, str]]:
    return [(r.member_id, r.text) for r in replies if r.audience == "member"]


def test_moderators_hear_of_a_waiting_story_at_most_once_an_hour_also_after_a_restart(
        db_path, store, bot, moderator, clock, content, guard):
    bot.handle_command(replace(moderator, people=(("second", "Second"),)), "/werkbot moderator @second", "m")
    story = "We begonnen klein, met een kop koffie bij de buren."
    first = bot.handle_command(member("author"), f"/verhaal {story}", "k1")
    assert reminders(first) == [
        ("coordinator", "Er wacht een nieuw verhaal (nr. 1) op moderatie. Bekijk het met /moderatie."),
        ("second", "Er wacht een nieuw verhaal (nr. 1) op moderatie. Bekijk het met /moderatie.")]
    clock.advance(minutes=30)
    restarted = WerkBot(Store(open_database(db_path), clock), content, guard)
    assert reminders(restarted.handle_command(member("author"), f"/verhaal {story} Twee.", "k2")) == []
    clock.advance(minutes=31)
    third = bot.handle_command(member("coordinator"), f"/verhaal {story} Drie.", "k3")
    assert reminders(third) == [
        ("second", "Er wacht een nieuw verhaal (nr. 3) op moderatie. Bekijk het met /moderatie.")]
    restarted.store.db.close()


def test_no_reminder_when_moderation_is_off(bot, moderator):
    bot.handle_command(moderator, "/werkbot moderatie uit", "m")
    replies = bot.handle_command(member("author"), "/verhaal We begonnen klein, met koffie en koekjes.", "k")
    assert reminders(replies) == []


def test_a_reason_with_personal_data_is_checked_like_a_story(store, bot, moderator):
    submit(bot, member("writer"))
    [preview] = bot.handle_action(moderator, "mod.reject", "1", text="Haal het BSN 131.860.914 eruit.")
    assert "131.860.914" not in preview.text and "[bsn]" in preview.text
    assert store.story(1)["status"] == "pending", "nothing is stored or sent before the moderator chose"
    [mask, edit] = preview.buttons
    [question] = bot.handle_action(moderator, "draft.edit", edit.value)
    assert question.ask.initial == "Haal het BSN 131.860.914 eruit." and question.ask.max_length == 500
    replies = bot.handle_action(moderator, mask.action, mask.value)
    assert store.story(1)["reject_reason"] == "Haal het BSN [bsn] eruit."
    [news] = [r for r in replies if r.audience == "member"]
    assert "[bsn]" in news.text and "131.860.914" not in news.text


def test_a_short_clean_reason_goes_straight_through(store, bot, moderator):
    submit(bot, member("writer"))
    assert bot.form_text_problem(moderator, "mod.reject", "1", "Te kort.") is None
    bot.handle_action(moderator, "mod.reject", "1", text="Te kort.")
    assert (store.story(1)["status"], store.story(1)["reject_reason"]) == ("rejected", "Te kort.")
