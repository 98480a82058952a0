"""Slack: /werkbot export reaches the moderator privately, as a file in their direct messages with
the app (an ephemeral message can carry none); anyone else is refused; an author's buttons are
under each story in /mijnverhalen, and withdrawn consent leaves the next export. An app installed
before exports says an admin must update it; a note Slack did not take comes later, the file once."""

from tests.slack.conftest import buttons_of, text_of
from tests.slack.fake_slack import message_text
from tests.support import until

STORY = "Elke dinsdag koffie in het buurthuis; na drie weken vroeg een bewoner zelf om hulp."


async def shared_and_approved(slack, fake_slack) -> None:
    """U1 starts the team; U2 shares a story, allows sharing it from /mijnverhalen; U1 approves."""
    await slack.command("/werkbot", "start")
    await slack.command("/verhaal", STORY, user="U2")
    await fake_slack.wait_for_text("chat.postEphemeral", "Dank je wel! Je verhaal (nr. 1)")
    await slack.command("/mijnverhalen", user="U2")
    item = await fake_slack.wait_for_text("chat.postEphemeral", "Met je naam · alleen binnen het team")
    labels = [button["text"]["text"] for button in buttons_of(item)]
    assert labels == ["Ander principe", "Anoniem maken", "Delen buiten team toestaan",
                      "Het is een leermoment", "Aanpassen", "Intrekken"]
    await slack.click(buttons_of(item)[2], user="U2")
    await fake_slack.wait_for_text("chat.postEphemeral", "mag na goedkeuring buiten het team gedeeld worden")
    await slack.command("/moderatie")
    queued = await fake_slack.wait_for_text("chat.postEphemeral", "Nr. 1 van")
    await slack.click(next(b for b in buttons_of(queued) if b["action_id"].endswith("|mod.approve")))
    await fake_slack.wait_for_text("chat.postEphemeral", "Verhaal nr. 1 is goedgekeurd.")


async def test_the_export_is_a_file_in_the_moderators_direct_messages(slack, fake_slack, runtime):
    await shared_and_approved(slack, fake_slack)
    await slack.command("/werkbot", "export csv")
    note = await fake_slack.wait_for_text("chat.postEphemeral", "tabblad Messages van de app")
    assert note["user"] == "U1"
    completed = (await fake_slack.wait_for("files.completeUploadExternal"))[0]
    assert fake_slack.of("conversations.open")[0]["users"] == "U1"
    assert completed["channel_id"] == "DU1"
    assert "Hier is de export" in completed["initial_comment"]
    assert fake_slack.of("files.getUploadURLExternal")[0]["filename"] == "werkbot-export-2026-11-24.csv"
    exported = fake_slack.uploads[0].decode("utf-8")
    assert exported.startswith("id,principle_id,") and STORY in exported and "Jij" not in exported

    # The author withdraws consent after approval: the next export has nothing to send.
    await slack.command("/mijnverhalen", "delen weg 1", user="U2")
    await fake_slack.wait_for_text("chat.postEphemeral", "Verhaal nr. 1 blijft binnen het team.")
    await slack.command("/werkbot", "export")
    await fake_slack.wait_for_text("chat.postEphemeral", "Er is dus niets om te exporteren.")
    assert len(fake_slack.of("files.completeUploadExternal")) == 1


async def test_only_a_moderator_gets_an_export(slack, fake_slack, runtime):
    await shared_and_approved(slack, fake_slack)
    await slack.command("/werkbot", "export", user="U2")
    refused = await fake_slack.wait_for_text("chat.postEphemeral", "Dit kunnen alleen moderatoren")
    assert refused["user"] == "U2" and "export" not in text_of(refused).lower()
    assert not fake_slack.of("files.getUploadURLExternal") and not fake_slack.uploads


async def test_an_app_without_the_new_scope_says_an_admin_must_update_it(slack, fake_slack, runtime):
    await shared_and_approved(slack, fake_slack)
    # Installed before exports: the app may not open a direct message.
    fake_slack.errors["conversations.open"] = "missing_scope"
    await slack.command("/werkbot", "export csv")
    refused = await fake_slack.wait_for_text("chat.postEphemeral", "Ik kon je de export niet sturen")
    assert refused["user"] == "U1"
    assert "Vraag een beheerder van de workspace de app bij te werken" in refused["text"]
    assert not fake_slack.of("files.getUploadURLExternal") and not fake_slack.uploads


async def test_a_note_slack_did_not_take_comes_later_without_a_second_file(slack, fake_slack, runtime):
    await shared_and_approved(slack, fake_slack)
    runtime.conversation.retry_seconds = (0.5, 1.0, 2.0)

    def notes() -> list[dict]:
        return [note for note in fake_slack.of("chat.postEphemeral")
                if "tabblad Messages van de app" in message_text(note)]

    # The file goes out; the note after it is refused until Slack is back, then sent again.
    fake_slack.errors["chat.postEphemeral"] = "service_unavailable"
    await slack.command("/werkbot", "export csv")
    await until(notes)
    del fake_slack.errors["chat.postEphemeral"]
    await until(lambda: len(notes()) == 2)
    assert {note["user"] for note in notes()} == {"U1"}
    assert len(fake_slack.uploads) == 1 and len(fake_slack.of("files.completeUploadExternal")) == 1
