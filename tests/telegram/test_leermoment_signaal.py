"""Telegram: a leermoment asked for in private, and a signal for policy tagged from the queue."""

from tests.support import until
from tests.telegram.conftest import COLLEAGUE, COORDINATOR, GROUP, started_team

LESSON = "We planden een buurtavond zonder de bewoners te vragen; er kwam niemand. Nu vragen we eerst."
SIGNAL = "De regel voor de tegenprestatie ging te ver: mevrouw is al mantelzorger voor haar man."


async def test_verhaal_leermoment_asks_in_private_and_the_answer_is_a_leermoment(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(GROUP, COLLEAGUE, "/verhaal leermoment")
    question = await fake_telegram.wait_for_text(COLLEAGUE, "Typ je leermoment")
    assert question["reply_markup"]["force_reply"] is True
    fake_telegram.says(COLLEAGUE, COLLEAGUE, LESSON)
    saved = await fake_telegram.wait_for_text(COLLEAGUE, "Dank je voor je leermoment.")
    story = runtime.bot.store.story(1)
    assert (story["text"], story["leermoment"]) == (LESSON, 1)
    fake_telegram.clicks(saved, "Geen leermoment", COLLEAGUE)
    await until(lambda: runtime.bot.store.story(1)["leermoment"] == 0)
    assert all(LESSON[:30] not in call["text"] for call in fake_telegram.sent(GROUP)), "asked in private"


async def test_a_moderator_tags_a_signal_with_the_queues_button(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal {SIGNAL}")
    await fake_telegram.wait_for_text(COLLEAGUE, "(nr. 1) is opgeslagen")
    fake_telegram.says(GROUP, COORDINATOR, "/moderatie")
    item = await fake_telegram.wait_for_text(COORDINATOR, SIGNAL[:30])
    fake_telegram.clicks(item, "Signaal voor beleid", COORDINATOR)
    await fake_telegram.wait_for_text(COORDINATOR, "Verhaal nr. 1 is nu een signaal voor beleid")
    assert runtime.bot.store.story(1)["signal"] == 1
    fake_telegram.says(GROUP, COORDINATOR, "/moderatie signaal weg 1")
    await fake_telegram.wait_for_text(COORDINATOR, "geen signaal voor beleid meer")
    assert runtime.bot.store.story(1)["signal"] == 0
