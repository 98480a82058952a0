"""Telegram end to end: a moderator chooses the dilemma day in the group, and on that day the group
gets the dilemma of the week, once, instead of the principle."""

from bot.scheduler import post_due
from tests.core.test_dilemma import TUESDAY_9, WEDNESDAY_9
from tests.telegram.conftest import COORDINATOR, GROUP, group_messages, started_team, telegram_team


async def test_the_group_gets_the_dilemma_on_its_day(fake_telegram, runtime, clock, content):
    await started_team(fake_telegram)
    fake_telegram.says(GROUP, COORDINATOR, "/werkbot dilemma woensdag")
    await fake_telegram.wait_for_text(COORDINATOR, "Dilemma van de week staat aan")
    for now in (TUESDAY_9, WEDNESDAY_9):
        clock.now = now
        for _ in range(2):  # a second check, as after a restart, posts nothing more
            await post_due(runtime.bot, runtime.deliver, {"telegram"})
    tuesday, wednesday = group_messages(fake_telegram)
    assert tuesday["text"].startswith("Voor vandaag: Werkprincipe ")
    first = content.dilemmas[0]
    assert wednesday["parse_mode"] == "HTML"
    assert wednesday["text"].startswith(f"Dilemma van de week: {first.title['nl']}\n\n"
                                        f"» {first.question['nl']}\nUit: de brief van Wietske Gercama")
    assert "Wat deed jij in zo'n situatie?" in wednesday["text"]
    delivery = runtime.bot.store.delivery(telegram_team(runtime).id, "mantra", "2026-11-25")
    assert delivery["status"] == "sent"
