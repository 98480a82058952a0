"""Telegram end to end: the runtime polls the fake Bot API, the test plays the group."""

import subprocess
import sys

import pytest

from bot.app import build_runtime
from bot.settings import Settings, SettingsError, TelegramSettings
from tests.support import until, werkbot_environment
from tests.telegram.conftest import (
    COLLEAGUE,
    COORDINATOR,
    GROUP,
    WELCOME,
    group_messages,
    started_team,
    telegram_settings,
    telegram_team,
)

STORY = "We begonnen klein: een kop koffie bij de buren, en daarna kwam de rest vanzelf."


async def test_start_registers_the_group_and_answers_privately(fake_telegram, runtime):
    await started_team(fake_telegram)
    team = telegram_team(runtime)
    assert (team.platform, team.name) == ("telegram", "Wijkteam Noord")
    [welcome] = [message for message in fake_telegram.sent(GROUP) if WELCOME in message["text"]]
    assert "Het eerste komt dinsdag 24 november om 09:00." in welcome["text"]
    assert "Het eerste komt vrijdag 27 november om 15:00." in welcome["text"]
    assert "Wie er modereert: Lid11." in welcome["text"], "the moderator by the name Telegram gave"
    assert welcome["parse_mode"] == "HTML"
    assert group_messages(fake_telegram) == [], "besides the welcome, the group stays calm"
    commands = fake_telegram.of("setMyCommands")
    assert len(commands) == 2 and {c["scope"]["type"] for c in commands} == {
        "all_group_chats", "all_private_chats"}
    assert fake_telegram.of("deleteWebhook"), "polling removes a webhook left from before"


async def test_story_with_text_is_saved_with_buttons(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal@werkbot_test_bot {STORY}")
    saved = await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    assert runtime.bot.store.story(1)["text"] == STORY
    fake_telegram.clicks(saved, "Anoniem", COLLEAGUE)
    await fake_telegram.wait_for_text(COLLEAGUE, "is nu anoniem")
    assert runtime.bot.store.story(1)["anonymous"] == 1
    assert fake_telegram.of("answerCallbackQuery")


async def test_who_never_opened_the_private_chat_gets_a_link_and_the_message_waits(fake_telegram, runtime):
    await started_team(fake_telegram)
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal {STORY}")
    offer = await fake_telegram.wait_for_text(GROUP, "alleen voor jou")
    assert STORY[:20] not in offer["text"] and "opgeslagen" not in offer["text"]
    assert runtime.bot.store.story(1)["text"] == STORY, "stored first, then answered"
    link = offer["reply_markup"]["inline_keyboard"][0][0]["url"]
    assert link.startswith("https://t.me/werkbot_test_bot?start=")
    fake_telegram.private_open.add(COLLEAGUE)
    fake_telegram.says(COLLEAGUE, COLLEAGUE, f"/start {link.split('=', 1)[1]}")
    saved = await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    assert "Anoniem maken" in str(saved["reply_markup"])


async def test_verhaal_alone_asks_in_private_and_the_reply_is_the_story(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(GROUP, COLLEAGUE, "/verhaal")
    question = await fake_telegram.wait_for_text(COLLEAGUE, "Typ je verhaal")
    assert question["reply_markup"]["force_reply"] is True
    fake_telegram.push({"message": fake_telegram.message(COLLEAGUE, COLLEAGUE, "", sticker={
        "file_id": "s1", "file_unique_id": "s1", "type": "regular", "width": 512, "height": 512,
        "is_animated": False, "is_video": False})})
    await fake_telegram.wait_for_text(COLLEAGUE, "als tekst")
    fake_telegram.says(COLLEAGUE, COLLEAGUE, STORY)
    await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    story = runtime.bot.store.story(1)
    assert (story["text"], story["team_id"]) == (STORY, telegram_team(runtime).id)


async def test_annuleer_leaves_the_question_and_stores_nothing(fake_telegram, runtime):
    await started_team(fake_telegram)
    fake_telegram.says(GROUP, COORDINATOR, "/verhaal")
    await fake_telegram.wait_for_text(COORDINATOR, "Typ je verhaal")
    fake_telegram.says(COORDINATOR, COORDINATOR, "/annuleer")
    await fake_telegram.wait_for_text(COORDINATOR, "gestopt")
    fake_telegram.says(COORDINATOR, COORDINATOR, STORY)
    fake_telegram.says(GROUP, COORDINATOR, "/werkbot status")
    await fake_telegram.wait_for_text(COORDINATOR, "Wachtende verhalen: 0")
    assert runtime.bot.store.story_counts(telegram_team(runtime).id) == {}


async def test_an_answer_after_the_question_expired_is_not_stored(fake_telegram, runtime):
    await started_team(fake_telegram)
    runtime.platforms["telegram"].question_seconds = 0
    fake_telegram.says(GROUP, COORDINATOR, "/verhaal")
    await fake_telegram.wait_for_text(COORDINATOR, "Typ je verhaal")
    fake_telegram.says(COORDINATOR, COORDINATOR, STORY)
    await fake_telegram.wait_for_text(COORDINATOR, "verlopen")
    assert runtime.bot.store.story_counts(telegram_team(runtime).id) == {}


async def test_an_update_not_confirmed_before_a_crash_comes_again_and_changes_nothing(
        tmp_path, fake_telegram, runtime, content, guard, clock):
    await started_team(fake_telegram)
    fake_telegram.confirming = False  # the bot "crashes" before Telegram hears it was processed
    update_id = fake_telegram.says(GROUP, COORDINATOR, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COORDINATOR, "opgeslagen")
    await runtime.stop()
    served_before = fake_telegram.served.count(update_id)
    again = build_runtime(telegram_settings(tmp_path, fake_telegram), content, guard, host="127.0.0.1",
                          clock=clock)
    await again.start()
    try:
        await until(lambda: fake_telegram.served.count(update_id) > served_before)
        fake_telegram.says(GROUP, COORDINATOR, "/werkbot status")
        await fake_telegram.wait_for_text(COORDINATOR, "Wachtende verhalen: 1")
        assert again.bot.store.story_counts(telegram_team(again).id) == {"pending": 1}
        assert len([m for m in fake_telegram.sent(COORDINATOR) if "opgeslagen" in m["text"]]) == 1, (
            "handled before the crash: the second delivery changes nothing")
    finally:
        await again.stop()


async def test_werkbot_teams_shows_the_group_by_its_title(fake_telegram, runtime):
    await started_team(fake_telegram)
    result = subprocess.run([sys.executable, "-m", "bot.cli", "teams"], capture_output=True, text=True,
                            env=werkbot_environment(WERKBOT_DB=runtime.settings.database), timeout=60)
    team = telegram_team(runtime)
    assert result.stdout.startswith(f"{team.id}\ttelegram\t{GROUP}\tWijkteam Noord\tactief")


async def test_commands_work_in_the_private_chat_for_the_members_group(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(COLLEAGUE, COLLEAGUE, "/mijnverhalen")
    await fake_telegram.wait_for_text(COLLEAGUE, "Typ dit commando eerst in de groep")
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    fake_telegram.says(COLLEAGUE, COLLEAGUE, "/mijnverhalen")
    await fake_telegram.wait_for_text(COLLEAGUE, "Je verhalen in dit team (1)")
    fake_telegram.says(COLLEAGUE, COLLEAGUE, "/mantra")
    await fake_telegram.wait_for_text(COLLEAGUE, "Voor vandaag")
    fake_telegram.says(COORDINATOR, COORDINATOR, "/moderatie")
    await fake_telegram.wait_for_text(COORDINATOR, STORY[:30])
    fake_telegram.says(COLLEAGUE, COLLEAGUE, "/moderatie")
    await fake_telegram.wait_for_text(COLLEAGUE, "alleen moderatoren")
    assert group_messages(fake_telegram) == []


async def test_unknown_commands_get_a_usage_line_where_they_were_meant_for_the_bot(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(GROUP, COLLEAGUE, "/weer")  # another bot's command: not ours to answer
    fake_telegram.says(GROUP, COLLEAGUE, "/vliegen@werkbot_test_bot")
    await fake_telegram.wait_for_text(COLLEAGUE, "/vliegen@werkbot_test_bot")
    fake_telegram.says(COLLEAGUE, COLLEAGUE, "/zwemmen")
    await fake_telegram.wait_for_text(COLLEAGUE, "/zwemmen")
    assert not any("/weer" in message["text"] for message in fake_telegram.sent())


async def test_ordinary_messages_in_the_group_are_no_answers(fake_telegram, runtime):
    await started_team(fake_telegram)
    fake_telegram.says(GROUP, COORDINATOR, "/verhaal")
    await fake_telegram.wait_for_text(COORDINATOR, "Typ je verhaal")
    fake_telegram.says(GROUP, COORDINATOR, f"Even iets anders: {STORY}")
    fake_telegram.says(COORDINATOR, COORDINATOR, "/annuleer")
    await fake_telegram.wait_for_text(COORDINATOR, "gestopt")
    assert runtime.bot.store.story_counts(telegram_team(runtime).id) == {}


async def test_messages_wait_per_group_and_only_their_owner_can_open_them(fake_telegram, runtime):
    other_group = -4002
    await started_team(fake_telegram)
    fake_telegram.says(other_group, COORDINATOR, "/werkbot start")
    await fake_telegram.wait_for_text(COORDINATOR, "Welkom")
    fake_telegram.says(GROUP, COLLEAGUE, "/verhaal")
    fake_telegram.says(other_group, COLLEAGUE, "/mantra")
    offer_a = await fake_telegram.wait_for_text(GROUP, "alleen voor jou")
    offer_b = await fake_telegram.wait_for_text(other_group, "alleen voor jou")
    link_a, link_b = (offer["reply_markup"]["inline_keyboard"][0][0]["url"] for offer in (offer_a, offer_b))
    assert link_a != link_b and f"tg://user?id={COLLEAGUE}" in offer_a["text"]
    fake_telegram.says(COORDINATOR, COORDINATOR, f"/start {link_a.split('=', 1)[1]}")
    await fake_telegram.wait_for_text(COORDINATOR, "Hier stuur ik je")
    fake_telegram.private_open.add(COLLEAGUE)
    fake_telegram.says(COLLEAGUE, COLLEAGUE, f"/start {link_a.split('=', 1)[1]}")
    await fake_telegram.wait_for_text(COLLEAGUE, "Typ je verhaal")
    fake_telegram.says(COLLEAGUE, COLLEAGUE, STORY)
    await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    assert runtime.bot.store.story(1)["team_id"] == telegram_team(runtime).id, "the group it was asked in"


async def test_news_for_an_author_who_never_opened_the_chat_waits_behind_a_link(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    fake_telegram.private_open.discard(COLLEAGUE)
    fake_telegram.says(GROUP, COORDINATOR, "/moderatie")
    item = await fake_telegram.wait_for_text(COORDINATOR, STORY[:30])
    fake_telegram.clicks(item, "Goedkeuren", COORDINATOR)
    offer = await fake_telegram.wait_for_text(GROUP, "alleen voor jou")
    assert "goedgekeurd" not in offer["text"] and f"tg://user?id={COLLEAGUE}" in offer["text"]


async def test_a_button_pressed_too_late_for_telegram_still_works(fake_telegram, runtime):
    await started_team(fake_telegram)
    fake_telegram.queries_too_old = True
    fake_telegram.says(GROUP, COORDINATOR, f"/verhaal {STORY}")
    saved = await fake_telegram.wait_for_text(COORDINATOR, "opgeslagen")
    fake_telegram.clicks(saved, "Anoniem", COORDINATOR)
    await fake_telegram.wait_for_text(COORDINATOR, "is nu anoniem")
    assert runtime.bot.store.story(1)["anonymous"] == 1


async def test_a_refused_token_stops_start_up_with_one_line(tmp_path, fake_telegram, content, guard):
    settings = Settings(database=str(tmp_path / "w.db"), port=0, platforms={
        "telegram": TelegramSettings("42:wrong-token", api_url=fake_telegram.url)})
    runtime = build_runtime(settings, content, guard, host="127.0.0.1")
    try:
        with pytest.raises(SettingsError) as refused:
            await runtime.start()
    finally:
        await runtime.stop()
    assert (refused.value.key, refused.value.fields["name"]) == ("cli.telegram_refused", "TELEGRAM_BOT_TOKEN")


async def test_a_confirmation_telegram_did_not_take_arrives_once_it_is_back(fake_telegram, runtime):
    await started_team(fake_telegram)
    runtime.conversation.retry_seconds = (0.2, 0.5, 1.0)
    fake_telegram.down_for[COORDINATOR] = 2
    fake_telegram.says(GROUP, COORDINATOR, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COORDINATOR, "opgeslagen")
    assert len([m for m in fake_telegram.sent(COORDINATOR) if "opgeslagen" in m["text"]]) == 1
    assert runtime.bot.store.story(1)["text"] == STORY
