"""Slack: /verhaal leermoment opens a form whose answer is a leermoment; a moderator tags a
signal for policy with the queue's button."""

from tests.slack.conftest import buttons_of

LESSON = "We planden een buurtavond zonder de bewoners te vragen; er kwam niemand. Nu vragen we eerst."
SIGNAL = "De regel voor de tegenprestatie ging te ver: mevrouw is al mantelzorger voor haar man."


async def test_verhaal_leermoment_opens_a_form_and_its_answer_is_a_leermoment(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/verhaal", "leermoment", user="U2")
    view = (await fake_slack.wait_for("views.open"))[0]["view"]
    assert view["blocks"][0]["label"]["text"].startswith("Typ je leermoment")
    await slack.submit(view, {"answer": {"text": {"type": "plain_text_input", "value": LESSON}}}, user="U2")
    saved = await fake_slack.wait_for_text("chat.postEphemeral", "Dank je voor je leermoment.")
    assert saved["user"] == "U2"
    story = runtime.bot.store.story(1)
    assert (story["text"], story["leermoment"], story["author_id"]) == (LESSON, 1, "U2")


async def test_verhaal_leermoment_with_text_and_a_signal_from_the_queue(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/verhaal", f"leermoment {SIGNAL}", user="U2")
    await fake_slack.wait_for_text("chat.postEphemeral", "Dank je voor je leermoment.")
    assert runtime.bot.store.story(1)["leermoment"] == 1
    await slack.command("/moderatie")
    item = await fake_slack.wait_for_text("chat.postEphemeral", SIGNAL[:30])
    signal = next(b for b in buttons_of(item) if b["action_id"].endswith("|mod.signal"))
    assert signal["text"]["text"] == "Signaal voor beleid"
    await slack.click(signal)
    await fake_slack.wait_for_text("chat.postEphemeral", "Verhaal nr. 1 is nu een signaal voor beleid")
    assert runtime.bot.store.story(1)["signal"] == 1
