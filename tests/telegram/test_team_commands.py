"""Telegram: a moderator's test post reaches the group without counting, and a pause keeps the
group quiet until its day."""

from tests.telegram.conftest import COORDINATOR, GROUP, group_messages, started_team, telegram_team
from tests.telegram.test_posts import mantra_time


async def test_a_test_post_reaches_the_group_and_the_days_post_still_comes(fake_telegram, runtime, clock):
    await started_team(fake_telegram)
    fake_telegram.says(GROUP, COORDINATOR, "/werkbot test")
    await fake_telegram.wait_for_text(COORDINATOR, "testbericht in het kanaal gezet")
    [sample] = group_messages(fake_telegram)
    assert sample["text"].startswith("Testbericht, telt niet mee")
    assert runtime.bot.store.delivery(telegram_team(runtime).id, "mantra", "2026-11-24") is None
    await mantra_time(runtime, clock)
    posts = group_messages(fake_telegram)
    assert [post["text"].startswith("Voor vandaag") for post in posts] == [False, True]


async def test_a_group_paused_until_a_day_gets_no_post_and_its_status_says_until_when(
        fake_telegram, runtime, clock):
    await started_team(fake_telegram)
    fake_telegram.says(GROUP, COORDINATOR, "/werkbot pauze tot 4 januari")
    await fake_telegram.wait_for_text(COORDINATOR, "Op maandag 4 januari 2027 ga ik vanzelf weer verder")
    await mantra_time(runtime, clock)
    assert group_messages(fake_telegram) == []
    fake_telegram.says(GROUP, COORDINATOR, "/werkbot status")
    status = await fake_telegram.wait_for_text(COORDINATOR, "Status: gepauzeerd; op maandag 4 januari 2027")
    assert "Volgend werkprincipe: maandag 4 januari 2027 om 09:00" in status["text"]
