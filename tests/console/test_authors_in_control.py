"""Authors in control, as the console shows it: /mijnverhalen shows each story's choices and
changes them (buttons and typed), also after approval; a moderator's /werkbot export is a file,
and a story whose consent was withdrawn is in no later export, in the chat or from the command
line."""

import io
import json
from pathlib import Path

from bot.console.chat import ConsoleChat, demo_caller
from bot.conversation import Conversation
from bot.core.bot import WerkBot
from bot.inflight import InFlight
from bot.platform import Services
from tests.test_cli import werkbot

STORY = "Elke dinsdag koffie in het buurthuis; na drie weken vroeg een bewoner zelf om hulp."
OTHER = "Samen met de buren de tuin opgeknapt; iedereen deed mee, ook wie eerst twijfelde."


def chat_with(store, content, guard, files: Path) -> tuple[ConsoleChat, io.StringIO]:
    bot = WerkBot(store, content, guard)
    bot.team.register(demo_caller(), name="Demoteam")
    out = io.StringIO()
    return ConsoleChat(Services(bot, Conversation(bot), InFlight()), io.StringIO(), out, files), out


async def said(chat: ConsoleChat, out: io.StringIO, line: str) -> str:
    """What the console printed for one line."""
    before = len(out.getvalue())
    await chat.handle_line(line)
    return out.getvalue()[before:]


async def press(chat: ConsoleChat, out: io.StringIO, label: str, story_id: int | None = None) -> str:
    number = next(number for number, button in enumerate(chat.choices, start=1)
                  if button.label == label and (story_id is None or button.value.startswith(f"{story_id}")))
    return await said(chat, out, str(number))


async def test_mijnverhalen_shows_and_changes_every_choice_also_after_approval(
        store, content, guard, tmp_path):
    chat, out = chat_with(store, content, guard, tmp_path)
    first_reply = await said(chat, out, f"/verhaal {STORY}")
    offered = {button.action for button in chat.choices}
    shown = await said(chat, out, "/mijnverhalen")
    assert "Nr. 1 · wacht op moderatie\n" in shown
    assert "Met je naam · alleen binnen het team\n" in shown
    # Every choice the first reply offered (it may be gone on Slack) is under the story here too.
    assert offered == {"story.principles", "story.anonymous", "story.consent", "story.leermoment"}
    assert offered <= {button.action for button in chat.choices}
    assert "Ander principe" in first_reply

    await said(chat, out, "/moderatie")
    await press(chat, out, "Uitlichten")
    shown = await said(chat, out, "/mijnverhalen")
    assert "Nr. 1 · goedgekeurd · uitgelicht\n" in shown
    assert "Anoniem maken" in shown and "Delen buiten team toestaan" in shown

    # After approval: buttons and typed forms both still work.
    assert "Verhaal nr. 1 is nu anoniem" in await press(chat, out, "Anoniem maken", 1)
    consent = await said(chat, out, "/mijnverhalen delen 1")
    assert "mag na goedkeuring buiten het team gedeeld worden" in consent
    assert "is nu een leermoment" in await said(chat, out, "/mijnverhalen leermoment 1")
    shown = await said(chat, out, "/mijnverhalen")
    assert "Nr. 1 · goedgekeurd · uitgelicht · leermoment\n" in shown
    assert "Anoniem · mag buiten het team gedeeld worden\n" in shown
    assert "Bij welk principe past verhaal nr. 1?" in await said(chat, out, "/mijnverhalen principe 1")

    digest = await said(chat, out, "/digest")
    assert STORY in digest and "anoniem" in digest and "Jij" not in digest
    assert "staat weer op je naam" in await said(chat, out, "/mijnverhalen anoniem weg 1")
    assert "Jij" in await said(chat, out, "/digest")


async def test_typed_forms_for_a_pending_story_and_bad_ones(store, content, guard, tmp_path):
    chat, out = chat_with(store, content, guard, tmp_path)
    await said(chat, out, f"/verhaal {STORY}")
    asked = await said(chat, out, "/mijnverhalen aanpassen 1")
    assert f"Nu staat er:\n{STORY}\nTyp de nieuwe tekst van je verhaal." in asked
    assert "Verhaal nr. 1 is aangepast." in await said(chat, out, OTHER)
    assert store.story(1)["text"] == OTHER
    confirm = await said(chat, out, "/mijnverhalen intrekken 1")
    assert "Weet je zeker dat je verhaal nr. 1 wilt intrekken?" in confirm
    assert "Gebruik: /mijnverhalen voor je verhalen." in await said(chat, out, "/mijnverhalen anoniem")
    assert "Verhaal nr. 7 kan ik niet vinden." in await said(chat, out, "/mijnverhalen delen 7")


async def test_the_export_is_a_file_and_withdrawn_consent_leaves_it(
        store, content, guard, tmp_path, db_path):
    chat, out = chat_with(store, content, guard, tmp_path)
    assert ("Er zijn nog geen goedgekeurde verhalen met toestemming om buiten het team te delen. "
            "Er is dus niets om te exporteren.") in await said(chat, out, "/werkbot export")
    await said(chat, out, f"/verhaal {STORY}")
    await said(chat, out, f"/verhaal {OTHER}")
    await said(chat, out, "/mijnverhalen delen 1")
    await said(chat, out, "/mijnverhalen delen 2")
    await said(chat, out, "/moderatie")
    await press(chat, out, "Goedkeuren", 1)
    await press(chat, out, "Goedkeuren", 2)

    sent = await said(chat, out, "/werkbot export csv")
    assert "Hier is de export" in sent and "Verhalen: 2." in sent
    path = tmp_path / "werkbot-export-2026-11-24.csv"
    assert f"Bestand opgeslagen in {path}" in sent
    assert STORY in path.read_text(encoding="utf-8") and "Jij" not in path.read_text(encoding="utf-8")
    team = chat.bot.team_of(chat.caller)
    assert team is not None
    cli = json.loads(werkbot("export", "--team", team.id, "--format", "json", db=db_path).stdout)
    assert [row["text"] for row in cli] == [STORY, OTHER]

    # Consent withdrawn after approval: out of every later export.
    assert "blijft binnen het team" in await said(chat, out, "/mijnverhalen delen weg 1")
    sent = await said(chat, out, "/werkbot export november")
    path = tmp_path / "werkbot-export-2026-11-01-2026-11-30.md"
    assert "Periode: 1 november 2026 tot en met 30 november 2026. Verhalen: 1." in sent
    assert OTHER in path.read_text(encoding="utf-8") and STORY not in path.read_text(encoding="utf-8")
    cli = json.loads(werkbot("export", "--team", team.id, "--format", "json", db=db_path).stdout)
    assert [row["text"] for row in cli] == [OTHER]

    october = await said(chat, out, "/werkbot export oktober")
    assert ("Er zijn geen goedgekeurde verhalen met toestemming om buiten het team te delen in deze "
            "periode: 1 oktober 2026 tot en met 31 oktober 2026.") in october
    assert "Gebruik: /werkbot export" in await said(chat, out, "/werkbot export pdf")
