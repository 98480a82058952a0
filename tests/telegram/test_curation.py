"""Telegram: the privacy check, moderation by listed moderators and group admins, and escaping."""

import re

from tests.support import stored_texts
from tests.telegram.conftest import (
    COLLEAGUE,
    COORDINATOR,
    GROUP,
    group_messages,
    started_team,
    telegram_team,
)
from tests.telegram.fake_telegram import check_html

STORY = "We begonnen klein: een kop koffie bij de buren, en daarna kwam de rest vanzelf."
PHONE = "06-38271945"
OTHER_GROUP = -4002
STRANGER = 13


async def test_a_story_with_a_phone_number_is_checked_in_private_and_stored_masked(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal Mevrouw belde me terug op {PHONE} en toen lukte het.")
    preview = await fake_telegram.wait_for_text(COLLEAGUE, "[telefoonnummer]")
    assert PHONE not in preview["text"] and stored_texts(runtime.bot.store) == []
    assert all(PHONE not in call["text"] for call in fake_telegram.sent(GROUP))
    fake_telegram.clicks(preview, "Onherkenbaar opslaan", COLLEAGUE)
    await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    masked = "Mevrouw belde me terug op [telefoonnummer] en toen lukte het."
    assert stored_texts(runtime.bot.store) == [masked]


async def test_aanpassen_shows_the_text_in_private_and_the_answer_is_checked_again(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal Mevrouw belde me terug op {PHONE} en toen lukte het.")
    preview = await fake_telegram.wait_for_text(COLLEAGUE, "[telefoonnummer]")
    fake_telegram.clicks(preview, "Aanpassen", COLLEAGUE)
    current = await fake_telegram.wait_for_text(COLLEAGUE, "Nu staat er:")
    assert PHONE in current["text"], "the author's own text, in the private chat only"
    question = await fake_telegram.wait_for_text(COLLEAGUE, "zonder persoonsgegevens")
    assert question["reply_markup"]["force_reply"] is True
    fake_telegram.says(COLLEAGUE, COLLEAGUE, "Mevrouw belde me later terug en toen lukte het wel.")
    await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    assert stored_texts(runtime.bot.store) == ["Mevrouw belde me later terug en toen lukte het wel."]
    assert all(PHONE not in call["text"] for call in fake_telegram.sent(GROUP))


async def test_moderation_in_private_with_a_reason_asked_by_forcereply(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal {STORY}")
    fake_telegram.says(GROUP, COLLEAGUE, "/verhaal Tweede verhaal: de buren helpen elkaar met boodschappen.")
    await fake_telegram.wait_for_text(COLLEAGUE, "(nr. 2) is opgeslagen")
    fake_telegram.says(GROUP, COORDINATOR, "/moderatie")
    first = await fake_telegram.wait_for_text(COORDINATOR, STORY[:30])
    second = await fake_telegram.wait_for_text(COORDINATOR, "Tweede verhaal")
    fake_telegram.clicks(first, "Goedkeuren", COORDINATOR)
    await fake_telegram.wait_for_text(COLLEAGUE, "is goedgekeurd en komt in het weekoverzicht")
    fake_telegram.clicks(second, "Afwijzen", COORDINATOR)
    question = await fake_telegram.wait_for_text(COORDINATOR, "Waarom wijs je dit verhaal af")
    assert question["reply_markup"]["force_reply"] is True
    fake_telegram.says(COORDINATOR, COORDINATOR, "Graag zonder de naam van de flat.")
    note = await fake_telegram.wait_for_text(COLLEAGUE, "Graag zonder de naam van de flat.")
    assert "niet geplaatst" in note["text"]
    assert [runtime.bot.store.story(n)["status"] for n in (1, 2)] == ["approved", "rejected"]
    assert group_messages(fake_telegram) == [], "curation never fills the group"
    assert all(len(call["callback_data"].encode()) <= 64 for message in fake_telegram.sent()
               for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
               for call in row if "callback_data" in call)


async def test_a_group_admin_moderates_a_member_does_not(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE, STRANGER)
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    fake_telegram.says(GROUP, STRANGER, "/moderatie")
    await fake_telegram.wait_for_text(STRANGER, "alleen moderatoren")
    fake_telegram.admins[GROUP] = [STRANGER]
    runtime.platforms["telegram"]._admins.clear()
    fake_telegram.says(GROUP, STRANGER, "/moderatie")
    item = await fake_telegram.wait_for_text(STRANGER, STORY[:30])
    fake_telegram.clicks(item, "Goedkeuren", STRANGER)
    await fake_telegram.wait_for_text(STRANGER, "is goedgekeurd")
    assert runtime.bot.store.story(1)["status"] == "approved"


async def test_a_forged_button_for_another_team_changes_nothing(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE, STRANGER)
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COLLEAGUE, "opgeslagen")
    fake_telegram.says(OTHER_GROUP, STRANGER, "/werkbot start")
    await fake_telegram.wait_for_text(STRANGER, "Welkom")
    private = {"chat": fake_telegram.chat(STRANGER)}
    fake_telegram.press(private, f"{OTHER_GROUP}|mod.approve|1", STRANGER)
    fake_telegram.press(private, f"{GROUP}|mod.approve|1", STRANGER)
    fake_telegram.press(private, "nonsense", STRANGER)
    await fake_telegram.wait_for_text(STRANGER, "kan ik niet vinden")
    await fake_telegram.wait_for_text(STRANGER, "alleen moderatoren")
    await fake_telegram.wait_for("answerCallbackQuery", 3)
    assert runtime.bot.store.story(1)["status"] == "pending"


async def test_moderator_by_replying_to_a_colleagues_message(fake_telegram, runtime):
    await started_team(fake_telegram)
    colleague_message = fake_telegram.message(GROUP, COLLEAGUE, "Hoi allemaal")
    fake_telegram.says(GROUP, COORDINATOR, "/werkbot moderator", reply_to_message=colleague_message)
    await fake_telegram.wait_for_text(COORDINATOR, f"{COLLEAGUE} is nu moderator")
    fake_telegram.says(GROUP, COORDINATOR, "/werkbot moderator @iemand")
    await fake_telegram.wait_for_text(COORDINATOR, "kan ik een @naam niet opzoeken")
    assert runtime.bot.store.moderators(telegram_team(runtime).id) == [str(COORDINATOR), str(COLLEAGUE)]


async def test_user_text_is_escaped_everywhere_it_goes(fake_telegram, runtime):
    await started_team(fake_telegram)
    fake_telegram.says(GROUP, COORDINATOR, "/werkbot moderatie uit")
    await fake_telegram.wait_for_text(COORDINATOR, "Moderatie staat uit")
    story = "Een <b>vet</b> & <script>x</script> verhaal met _*[link]* 😊 en שלום עליכם, echt waar."
    fake_telegram.says(GROUP, COORDINATOR, f"/verhaal {story}")
    await fake_telegram.wait_for_text(COORDINATOR, "opgeslagen")
    fake_telegram.says(GROUP, COORDINATOR, "/digest")
    digest = await fake_telegram.wait_for_text(COORDINATOR, "&lt;script&gt;")
    assert "<script>" not in digest["text"] and "_*[link]* 😊" in digest["text"]
    for message in fake_telegram.sent():
        check_html(message["text"])
    assert re.search(r"<b>Inspiratie van week", digest["text"])


async def test_names_only_may_be_kept_as_typed(fake_telegram, runtime):
    await started_team(fake_telegram)
    story = "Samen met Fenna Hoekstra van het buurthuis een koffieochtend opgezet."
    fake_telegram.says(GROUP, COORDINATOR, f"/verhaal {story}")
    preview = await fake_telegram.wait_for_text(COORDINATOR, "[naam]")
    fake_telegram.clicks(preview, "Zo laten", COORDINATOR)
    await fake_telegram.wait_for_text(COORDINATOR, "opgeslagen")
    assert stored_texts(runtime.bot.store) == [story]
    assert runtime.bot.store.story(1)["privacy_flags"] == "naam:gelaten"
