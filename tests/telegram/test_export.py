"""Telegram: /werkbot export in the group reaches the moderator as a document in the private
chat; a member who is no moderator is refused there."""

from tests.telegram.conftest import COLLEAGUE, COORDINATOR, GROUP, group_messages, started_team

STORY = "Elke dinsdag koffie in het buurthuis; na drie weken vroeg een bewoner zelf om hulp."


async def test_the_export_is_a_document_in_the_moderators_private_chat(fake_telegram, runtime):
    await started_team(fake_telegram, COLLEAGUE)
    fake_telegram.says(GROUP, COLLEAGUE, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COLLEAGUE, "Je verhaal (nr. 1)")
    fake_telegram.says(GROUP, COLLEAGUE, "/mijnverhalen delen 1")
    await fake_telegram.wait_for_text(COLLEAGUE, "mag na goedkeuring buiten het team gedeeld worden")
    fake_telegram.says(GROUP, COORDINATOR, "/moderatie")
    queued = await fake_telegram.wait_for_text(COORDINATOR, "Nr. 1 van")
    fake_telegram.clicks(queued, "Goedkeuren", COORDINATOR)
    await fake_telegram.wait_for_text(COORDINATOR, "Verhaal nr. 1 is goedgekeurd.")

    fake_telegram.says(GROUP, COLLEAGUE, "/werkbot export")
    await fake_telegram.wait_for_text(COLLEAGUE, "Dit kunnen alleen moderatoren")
    assert fake_telegram.documents == []

    fake_telegram.says(GROUP, COORDINATOR, "/werkbot export md")
    await fake_telegram.wait_for_text(COORDINATOR, "Hier is de export")
    [document] = await fake_telegram.wait_for("sendDocument")
    assert int(document["chat_id"]) == COORDINATOR
    [(filename, content)] = fake_telegram.documents
    assert filename == "werkbot-export-2026-11-24.md" and STORY in content.decode("utf-8")
    assert all("export" not in message["text"] for message in group_messages(fake_telegram))
