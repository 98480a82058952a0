"""Telegram end to end: the runtime polls the fake Bot API, the test plays the group."""

import subprocess
import sys

from tests.support import werkbot_environment
from tests.telegram.conftest import COLLEAGUE, COORDINATOR, GROUP, started_team, telegram_team

STORY = "We begonnen klein: een kop koffie bij de buren, en daarna kwam de rest vanzelf."


async def test_start_registers_the_group_and_answers_privately(fake_telegram, runtime):
    await started_team(fake_telegram)
    team = telegram_team(runtime)
    assert (team.platform, team.name) == ("telegram", "Wijkteam Noord")
    assert fake_telegram.sent(GROUP) == [], "the group stays calm"
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


async def test_a_redelivered_update_stores_the_story_once(fake_telegram, runtime):
    await started_team(fake_telegram)
    update_id = fake_telegram.says(GROUP, COORDINATOR, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COORDINATOR, "opgeslagen")
    fake_telegram.push_again(update_id)
    fake_telegram.says(GROUP, COORDINATOR, "/werkbot status")
    await fake_telegram.wait_for_text(COORDINATOR, "Wachtende verhalen: 1")
    assert runtime.bot.store.story_counts(telegram_team(runtime).id) == {"pending": 1}


async def test_werkbot_teams_shows_the_group_by_its_title(fake_telegram, runtime):
    await started_team(fake_telegram)
    result = subprocess.run([sys.executable, "-m", "bot.cli", "teams"], capture_output=True, text=True,
                            env=werkbot_environment(WERKBOT_DB=runtime.settings.database), timeout=60)
    team = telegram_team(runtime)
    assert result.stdout.startswith(f"{team.id}\ttelegram\t{GROUP}\tWijkteam Noord\tactive")


async def test_commands_work_in_the_private_chat_for_the_members_group(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(COLLEAGUE, COLLEAGUE, "/mijnverhalen")
    await fake_telegram.wait_for_text(COLLEAGUE, "Typ dit commando eerst in de groep")
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    fake_telegram.says(COLLEAGUE, COLLEAGUE, "/mijnverhalen")
    await fake_telegram.wait_for_text(COLLEAGUE, "Je verhalen in dit team (1)")
    fake_telegram.says(COLLEAGUE, COLLEAGUE, "/mantra")
    await fake_telegram.wait_for_text(COLLEAGUE, "Werkprincipe van vandaag")
    fake_telegram.says(COORDINATOR, COORDINATOR, "/moderatie")
    await fake_telegram.wait_for_text(COORDINATOR, STORY[:30])
    fake_telegram.says(COLLEAGUE, COLLEAGUE, "/moderatie")
    await fake_telegram.wait_for_text(COLLEAGUE, "alleen moderatoren")
    assert fake_telegram.sent(GROUP) == []


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
