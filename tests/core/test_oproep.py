"""Issue 13, nudges: the weekly invitation to share stories in a quiet week (/werkbot oproep), and
each moderator's private note on the queue on the digest's day. Both are exactly-once posts."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.conversation import Conversation
from bot.core.bot import WerkBot
from bot.core.model import Caller
from bot.scheduler import post_due
from storage import Store, open_database
from tests.conftest import member, texts
from tests.core.test_due_posts import due

# Wednesday 25 November 2026, 14:00 in Amsterdam (the fixture's clock starts Tuesday 08:00).
WEDNESDAY_14 = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)
# Friday 27 November 2026, 15:00 in Amsterdam: the default digest slot.
FRIDAY_15 = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
STORIES = ("We zijn samen met de buren de tuin gaan opknappen; iedereen deed mee.",
           "Een kop koffie aan de keukentafel opende meer deuren dan een formulier.",
           "Door eerst te luisteren kwam het echte probleem pas op tafel.")


def share(bot: WerkBot, number: int) -> None:
    author = member(f"collega{number}")
    replies = bot.handle_command(author, f"/verhaal {STORIES[number]}", f"story-{number}")
    assert "opgeslagen" in texts(replies)


def posted(bot: WerkBot) -> list:
    """Every post that is due now, each recorded as sent."""
    replies = due(bot)
    for reply in replies:
        bot.posting.record(reply)
    return replies


def invitations(bot: WerkBot) -> list[str]:
    return [reply.text for reply in posted(bot) if reply.delivery.kind == "oproep"]


def turn_on(bot, moderator, line: str = "/werkbot oproep wo 14:00") -> str:
    return texts(bot.handle_command(moderator, line, f"set:{line}"))


def test_the_oproep_is_off_by_default(bot, moderator, clock):
    clock.now = WEDNESDAY_14 + timedelta(minutes=1)
    assert invitations(bot) == []
    assert "Oproep: uit" in texts(bot.handle_command(moderator, "/werkbot status", "s"))


def test_a_quiet_week_gets_one_invitation_in_the_channel(bot, moderator, clock, team_a):
    answer = turn_on(bot, moderator)
    assert ("Oproep staat aan: woensdag om 14:00, als het aantal gedeelde verhalen die week onder de 2 "
            "is.") in answer
    assert "De eerstvolgende oproep kan komen woensdag 25 november om 14:00." in answer
    share(bot, 0)
    clock.now = WEDNESDAY_14 - timedelta(minutes=1)
    assert invitations(bot) == []
    clock.now = WEDNESDAY_14
    [reply] = [reply for reply in posted(bot) if reply.delivery.kind == "oproep"]
    assert reply.audience == "channel" and reply.team_id == team_a
    assert reply.text == "Wat werkte er deze week? Deel het met /verhaal: een paar zinnen is genoeg."
    clock.advance(minutes=30)
    assert invitations(bot) == []
    status = texts(bot.handle_command(moderator, "/werkbot status", "s"))
    assert "Oproep: woensdag om 14:00, als het aantal gedeelde verhalen die week onder de 2 is" in status
    assert "Laatste bericht: oproep, woensdag 25 november om 14:00 — geplaatst" in status


def test_an_oproep_set_for_earlier_today_first_comes_at_its_next_slot(bot, moderator, clock, team_a):
    clock.now = WEDNESDAY_14 + timedelta(hours=1)  # Wednesday 15:00: today's 14:00 has passed
    answer = turn_on(bot, moderator)
    assert "De eerstvolgende oproep kan komen woensdag 2 december om 14:00." in answer
    assert invitations(bot) == [], "not at once, though 14:00 is less than three hours ago"
    clock.advance(hours=2)
    assert invitations(bot) == []
    assert bot.store.delivery(team_a, "oproep", "2026-W48") is None, "nor recorded as skipped"
    clock.now = WEDNESDAY_14 + timedelta(weeks=1)
    assert len(invitations(bot)) == 1


def test_an_oproep_set_for_later_today_comes_today(bot, moderator, clock):
    clock.now = WEDNESDAY_14 - timedelta(minutes=5)
    assert "De eerstvolgende oproep kan komen woensdag 25 november om 14:00." in turn_on(bot, moderator)
    clock.now = WEDNESDAY_14
    assert len(invitations(bot)) == 1


def test_a_week_with_enough_stories_gets_none(bot, moderator, clock, team_a):
    turn_on(bot, moderator)
    share(bot, 0)
    share(bot, 1)
    clock.now = WEDNESDAY_14
    assert invitations(bot) == []
    delivery = bot.store.delivery(team_a, "oproep", "2026-W48")
    assert (delivery["status"], delivery["last_error"]) == ("skipped", "not needed")
    # Decided once: a story withdrawn later that week brings no late invitation.
    assert "ingetrokken" in texts(bot.handle_action(member("collega0"), "story.withdraw_confirm", "1"))
    clock.advance(minutes=20)
    assert invitations(bot) == []
    assert ("Laatste bericht: oproep, woensdag 25 november om 14:00 — niet nodig: die week waren er "
            "genoeg verhalen") in texts(bot.handle_command(moderator, "/werkbot status", "s"))


def test_the_threshold_can_be_chosen(bot, moderator, clock):
    assert "onder de 3" in turn_on(bot, moderator, "/werkbot oproep woensdag 14 uur minder dan 3")
    share(bot, 0)
    share(bot, 1)
    clock.now = WEDNESDAY_14
    assert len(invitations(bot)) == 1
    # A new day and time keeps the chosen threshold.
    assert "onder de 3" in turn_on(bot, moderator, "/werkbot oproep do 10:00")


def test_at_most_one_a_week_also_after_a_restart_and_a_new_time(db_path, bot, moderator, clock, content,
                                                               guard):
    turn_on(bot, moderator)
    clock.now = WEDNESDAY_14
    assert len(invitations(bot)) == 1
    restarted = WerkBot(Store(open_database(db_path), clock), content, guard)
    assert invitations(restarted) == []
    turn_on(restarted, moderator, "/werkbot oproep do 10:00")
    clock.now = WEDNESDAY_14 + timedelta(hours=20)  # Thursday 10:00
    assert invitations(restarted) == [] and invitations(bot) == []
    restarted.store.db.close()


def test_a_crash_after_claiming_never_posts_it_twice(bot, moderator, clock, team_a):
    turn_on(bot, moderator)
    clock.now = WEDNESDAY_14
    [slot] = [slot for slot in bot.posting.slots() if slot.kind == "oproep"]
    assert bot.posting.take(slot) is not None  # claimed; the process dies before it can send
    assert invitations(bot) == [], "another process waits while the claim's lease runs"
    clock.advance(minutes=4, seconds=1)
    assert len(invitations(bot)) == 1
    assert invitations(bot) == []


def test_none_on_a_public_holiday(bot, moderator, clock):
    turn_on(bot, moderator, "/werkbot oproep vr 14:00")
    clock.now = datetime(2026, 12, 25, 13, 1, tzinfo=UTC)  # Kerst, a Friday
    assert invitations(bot) == []
    clock.now = datetime(2027, 1, 8, 13, 1, tzinfo=UTC)  # after Nieuwjaarsdag, a normal Friday
    assert len(invitations(bot)) == 1


def test_none_while_paused(bot, moderator, clock):
    turn_on(bot, moderator)
    bot.handle_command(moderator, "/werkbot pauze", "p")
    clock.now = WEDNESDAY_14
    assert invitations(bot) == []
    bot.handle_command(moderator, "/werkbot hervat", "h")
    bot.handle_command(moderator, "/werkbot pauze tot 3 december", "p2")
    clock.now = WEDNESDAY_14 + timedelta(weeks=1)  # 2 December: still paused
    assert invitations(bot) == []
    clock.now = WEDNESDAY_14 + timedelta(weeks=2)
    assert len(invitations(bot)) == 1


def test_a_team_sees_the_texts_in_turn(bot, moderator, clock, content):
    turn_on(bot, moderator)
    known = content.messages.keys()
    variants = [key for key in known if key.startswith("oproep.invitation_")]
    assert len(variants) >= 5
    seen = []
    for week in range(len(variants) + 1):
        clock.now = WEDNESDAY_14 + timedelta(weeks=week)
        seen += invitations(bot)
    assert seen[:-1] == [content.messages.render("nl", key) for key in
                         sorted(variants, key=lambda key: int(key.rpartition("_")[2]))]
    assert seen[-1] == seen[0], "after the last one the first comes again"


def test_an_english_team_is_invited_in_english(bot, moderator, clock):
    bot.handle_command(moderator, "/werkbot taal en", "t")
    assert "Invitation on: Wednesday at 14:00" in turn_on(bot, moderator)
    clock.now = WEDNESDAY_14
    assert invitations(bot) == ["What worked this week? Share it with /verhaal: a few sentences are enough."]


def test_oproep_off_and_usage(bot, moderator, clock):
    turn_on(bot, moderator)
    assert "Oproep staat uit" in turn_on(bot, moderator, "/werkbot oproep uit")
    clock.now = WEDNESDAY_14
    assert invitations(bot) == []
    for wrong in ("/werkbot oproep", "/werkbot oproep 14:00", "/werkbot oproep wo",
                  "/werkbot oproep wo 14:00 minder dan 0", "/werkbot oproep wo 14:00 minder dan 99"):
        assert "Gebruik: /werkbot oproep met een dag en een tijd" in turn_on(bot, moderator, wrong), wrong
    assert "'25:00' is geen tijd" in turn_on(bot, moderator, "/werkbot oproep wo 25:00")
    assert bot.team_of(moderator).oproep_day is None
    refused = texts(bot.handle_command(member("collega"), "/werkbot oproep wo 14:00", "x"))
    assert "moderator" in refused and bot.team_of(moderator).oproep_day is None


def test_help_names_the_oproep(bot, moderator):
    assert "/werkbot oproep wo 14:00 [minder dan 2] · oproep uit" in texts(
        bot.handle_command(moderator, "/werkbot help", "h"))


# The moderators' weekly summary -----------------------------------------------------------------

def summaries(bot: WerkBot) -> list:
    return [reply for reply in posted(bot) if reply.delivery.kind == "summary"]


def test_each_moderator_gets_one_private_summary_when_stories_wait(bot, moderator, clock, team_a):
    naming = Caller("console", "team-a", "coordinator", people=(("sanne", "Sanne"),))
    assert "Sanne is nu moderator" in texts(bot.handle_command(naming, "/werkbot moderator @sanne", "m"))
    share(bot, 0)
    clock.advance(hours=2)
    share(bot, 1)
    clock.now = FRIDAY_15
    replies = posted(bot)
    assert sorted(reply.delivery.kind for reply in replies) == ["digest", "summary", "summary"]
    notes = {note.member_id: note for note in replies if note.delivery.kind == "summary"}
    assert {(note.audience, moderator_id) for moderator_id, note in notes.items()} == {
        ("member", "coordinator"), ("member", "sanne")}
    expected = (f"Ter info voor de moderatoren van {bot.team_of(moderator).label}: "
                "er wachten nog 2 verhalen op een "
                "beoordeling. Het oudste is nr. 1, gedeeld op dinsdag 24 november. "
                "Je vindt ze met /moderatie.")
    assert notes["coordinator"].text == notes["sanne"].text == expected
    assert not any(story[:20] in note.text for note in notes.values() for story in STORIES)
    clock.advance(minutes=20)
    assert summaries(bot) == []


def test_the_chats_administrators_get_one_too(bot, moderator, clock, team_a):
    """Where the platform has chat administrators (Telegram's group admins), they moderate too:
    each gets the summary once, and one who is also a moderator gets no second one."""
    bot.chat_admins_seen("console", "team-a", {"coordinator", "admin"})
    share(bot, 0)
    clock.now = FRIDAY_15
    assert sorted(note.member_id for note in summaries(bot)) == ["admin", "coordinator"]
    # The platform says again who administers the chat: nothing comes twice.
    bot.chat_admins_seen("console", "team-a", {"coordinator", "admin"})
    clock.advance(minutes=20)
    assert summaries(bot) == []


def test_an_administrator_no_longer_gets_one(bot, moderator, clock, team_a):
    bot.chat_admins_seen("console", "team-a", {"admin"})
    bot.chat_admins_seen("console", "team-a", set())
    share(bot, 0)
    clock.now = FRIDAY_15
    assert [note.member_id for note in summaries(bot)] == ["coordinator"]


def test_no_summary_when_the_queue_is_empty(bot, moderator, clock, team_a):
    clock.now = FRIDAY_15
    assert summaries(bot) == []
    share(bot, 0)
    clock.advance(minutes=20)
    assert summaries(bot) == [], "decided at the slot: once a week"


def test_one_waiting_story_is_said_as_one(bot, moderator, clock):
    share(bot, 0)
    clock.now = FRIDAY_15
    [note] = summaries(bot)
    assert "er wacht nog 1 verhaal op een beoordeling, nr. 1, gedeeld op dinsdag 24 november" in note.text


def test_the_summary_survives_a_restart_once(db_path, bot, moderator, clock, content, guard):
    share(bot, 0)
    clock.now = FRIDAY_15
    assert len(summaries(bot)) == 1
    restarted = WerkBot(Store(open_database(db_path), clock), content, guard)
    assert summaries(restarted) == []
    restarted.store.db.close()


@pytest.mark.parametrize("late", [timedelta(hours=2, minutes=59), timedelta(hours=3)])
def test_a_summary_comes_within_three_hours_or_not_at_all(bot, moderator, clock, late):
    share(bot, 0)
    clock.now = FRIDAY_15 + late
    assert len(summaries(bot)) == (1 if late < timedelta(hours=3) else 0)


async def test_a_summary_of_unknown_fate_is_not_sent_again(bot, moderator, clock, team_a):
    """A channel's history cannot tell whether a private message arrived: it is never repeated,
    and a moderator gets no note about a note."""
    share(bot, 0)
    clock.now = FRIDAY_15
    conversation = Conversation(bot)
    sent = []

    async def send(reply):
        sent.append(reply)
        if reply.delivery is not None and reply.delivery.kind == "summary":
            raise TimeoutError

    async def look(reply, since):
        return 0  # the channel holds none of it

    async def deliver(reply):
        await conversation.publish(reply, send, look)

    for _ in range(3):
        await post_due(bot, deliver)
        clock.advance(minutes=10)
    assert sorted(reply.delivery.kind if reply.delivery else reply.text for reply in sent) == [
        "digest", "summary"]
    [delivery] = bot.store.db.query("select status from deliveries where kind = 'summary'")
    assert delivery["status"] == "lost"
