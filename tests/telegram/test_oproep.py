"""Telegram end to end: the weekly invitation reaches the group once, and a moderator's summary of
the queue reaches only the moderator's private chat."""

from bot.scheduler import post_due
from tests.core.test_oproep import FRIDAY_15, WEDNESDAY_14
from tests.telegram.conftest import COLLEAGUE, COORDINATOR, GROUP, group_messages, started_team
from tests.telegram.fake_telegram import BOT

STORY = "We begonnen klein: een kop koffie bij de buren, en daarna kwam de rest vanzelf."
INVITATION = "Wat werkte er deze week? Deel het met /verhaal"
SUMMARY = "Ter info voor de moderatoren"
ADMIN = 13


async def test_a_quiet_week_gets_one_invitation_in_the_group(fake_telegram, runtime, clock):
    await started_team(fake_telegram)
    fake_telegram.says(GROUP, COORDINATOR, "/werkbot oproep wo 14:00")
    await fake_telegram.wait_for_text(COORDINATOR, "Oproep staat aan")
    clock.now = WEDNESDAY_14
    for _ in range(2):  # a second check, as after a restart, posts nothing more
        await post_due(runtime.bot, runtime.deliver, {"telegram"})
    invitations = [message for message in group_messages(fake_telegram) if INVITATION in message["text"]]
    assert len(invitations) == 1


async def test_the_queue_summary_reaches_the_moderator_privately(fake_telegram, runtime, clock):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    clock.now = FRIDAY_15
    await post_due(runtime.bot, runtime.deliver, {"telegram"})
    note = await fake_telegram.wait_for_text(COORDINATOR, "Ter info voor de moderatoren")
    assert "er wacht nog 1 verhaal op een beoordeling, nr. 1" in note["text"] and STORY not in note["text"]
    assert not any("Ter info" in message["text"] for message in fake_telegram.sent(GROUP))
    assert not any("Ter info" in message["text"] for message in fake_telegram.sent(COLLEAGUE))
    await post_due(runtime.bot, runtime.deliver, {"telegram"})
    assert len([m for m in fake_telegram.sent(COORDINATOR) if "Ter info" in m["text"]]) == 1


async def test_the_groups_administrators_get_the_summary_too(fake_telegram, runtime, clock):
    """A group's administrators moderate too: when the summaries are due the bot asks Telegram
    who they are (getChatAdministrators), and each gets one; the bot itself, an admin too, not."""
    fake_telegram.admins[GROUP] = [COORDINATOR, ADMIN, BOT["id"]]
    await started_team(fake_telegram, COLLEAGUE, ADMIN)
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    clock.now = FRIDAY_15
    # The first check posts what is due and asks who administers the group; the next sends theirs.
    for _ in range(3):
        await post_due(runtime.bot, runtime.deliver, {"telegram"}, runtime.learn_chat_admins)
    note = await fake_telegram.wait_for_text(ADMIN, SUMMARY)
    assert "er wacht nog 1 verhaal op een beoordeling, nr. 1" in note["text"] and STORY not in note["text"]
    assert any(call.method == "getChatAdministrators" for call in fake_telegram.calls)
    for person in (ADMIN, COORDINATOR):
        assert len([m for m in fake_telegram.sent(person) if SUMMARY in m["text"]]) == 1, person
    for chat in (COLLEAGUE, GROUP, BOT["id"]):
        assert not any(SUMMARY in m["text"] for m in fake_telegram.sent(chat)), chat
