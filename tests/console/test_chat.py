import io
import threading
import time

from bot.console.chat import ConsoleChat, demo_caller
from bot.conversation import Conversation
from bot.core.bot import WerkBot
from bot.core.privacy import PrivacyGuard
from bot.inflight import InFlight
from bot.platform import Services

STORY = "/verhaal Vandaag samen met de buren de tuin opgeknapt; iedereen deed mee."


def slow_guard(content, cache, delay: float) -> PrivacyGuard:
    guard = PrivacyGuard(content.guard_words, cache)

    def load_later() -> None:
        time.sleep(delay)
        guard.load()

    threading.Thread(target=load_later, daemon=True).start()
    return guard


def chat_with(store, content, guard, chart_dir) -> tuple[ConsoleChat, io.StringIO]:
    bot = WerkBot(store, content, guard)
    bot.team.register(demo_caller(), name="Demoteam")
    out = io.StringIO()
    services = Services(bot, Conversation(bot), InFlight())
    return ConsoleChat(services, io.StringIO(), out, chart_dir=chart_dir), out


async def test_story_before_the_guard_is_ready_waits_with_a_short_message(
        store, content, guard_cache, tmp_path):
    chat, out = chat_with(store, content, slow_guard(content, guard_cache, delay=2.5), tmp_path)
    await chat.handle_line("/mantra")
    assert "Voor vandaag" in out.getvalue(), "commands answer before the guard is loaded"
    await chat.handle_line(STORY)
    text = out.getvalue()
    assert "Even geduld, de privacycontrole wordt nog geladen" in text
    assert text.index("Even geduld") < text.index("is opgeslagen")
    assert store.story(1)["text"] == STORY.removeprefix("/verhaal ")


async def test_no_message_when_the_guard_is_quick(store, content, guard, tmp_path):
    chat, out = chat_with(store, content, guard, tmp_path)
    await chat.handle_line(STORY)
    assert "Even geduld" not in out.getvalue() and "is opgeslagen" in out.getvalue()


async def test_editing_shows_the_text_as_it_now_reads(store, content, guard, tmp_path):
    chat, out = chat_with(store, content, guard, tmp_path)
    await chat.handle_line(STORY)
    await chat.handle_line("/mijnverhalen")
    edit_number = next(number for number, button in enumerate(chat.choices, start=1)
                       if button.action == "story.edit")
    await chat.handle_line(str(edit_number))
    assert out.getvalue().rstrip("\n").endswith(
        f"Nu staat er:\n{STORY.removeprefix('/verhaal ')}\nTyp de nieuwe tekst van je verhaal. "
        "(lege regel om te annuleren)")


async def test_a_command_instead_of_the_answer_leaves_the_question(store, content, guard, tmp_path):
    chat, out = chat_with(store, content, guard, tmp_path)
    await chat.handle_line("/verhaal")
    await chat.handle_line("/werkbot tijdzone Europe/Amsterdam")
    assert ("Vraag geannuleerd, er is niets opgeslagen. Nu /werkbot tijdzone:\n"
            "Tijdzone aangepast naar Europe/Amsterdam.") in out.getvalue()
    assert list(store.db.query("select * from stories")) == []


async def test_a_command_instead_of_the_new_text_leaves_the_story_as_it_was(store, content, guard, tmp_path):
    chat, out = chat_with(store, content, guard, tmp_path)
    await chat.handle_line(STORY)
    await chat.handle_line("/mijnverhalen")
    await chat.handle_line(str(next(number for number, button in enumerate(chat.choices, start=1)
                                    if button.action == "story.edit")))
    await chat.handle_line("/mantra")
    shown = out.getvalue()
    assert "Vraag geannuleerd, er is niets opgeslagen. Nu /mantra:\nVoor vandaag" in shown
    assert store.story(1)["text"] == STORY.removeprefix("/verhaal ")
