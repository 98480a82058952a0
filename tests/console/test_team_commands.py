"""/werkbot test, pauze and status as the console shows them: a test post in the channel, and a
status that tells the truth about a pause."""

import io

from bot.console.chat import ConsoleChat, demo_caller
from bot.conversation import Conversation
from bot.core.bot import WerkBot
from bot.inflight import InFlight
from bot.platform import Services
from tests.core.test_due_posts import posts


def chat_with(store, content, guard, chart_dir) -> tuple[ConsoleChat, io.StringIO]:
    bot = WerkBot(store, content, guard)
    bot.team.register(demo_caller(), name="Demoteam")
    out = io.StringIO()
    return ConsoleChat(Services(bot, Conversation(bot), InFlight()), io.StringIO(), out, chart_dir), out


async def test_the_test_post_is_printed_to_the_channel_and_the_days_post_still_comes(
        store, content, guard, clock, tmp_path):
    chat, out = chat_with(store, content, guard, tmp_path)
    await chat.handle_line("/werkbot test")
    shown = out.getvalue()
    assert "[kanaal]\nTestbericht, telt niet mee: zo ziet het volgende werkprincipe eruit.\n" in shown
    assert ("Ik heb een testbericht in het kanaal gezet; het telt niet mee. "
            "Het volgende werkprincipe komt dinsdag 24 november om 09:00.") in shown
    clock.advance(hours=1)
    assert posts(chat.bot) == [("mantra", "2026-11-24")]


async def test_a_pause_until_a_day_in_the_status(store, content, guard, tmp_path):
    chat, out = chat_with(store, content, guard, tmp_path)
    await chat.handle_line("/werkbot pauze tot 4 jan")
    await chat.handle_line("/werkbot status")
    shown = out.getvalue()
    assert "Status: gepauzeerd; op maandag 4 januari 2027 ga ik vanzelf weer verder\n" in shown
    assert "Volgend werkprincipe: maandag 4 januari 2027 om 09:00\n" in shown
    assert "Laatste bericht: nog geen\n" in shown
    await chat.handle_line("/werkbot hervat")
    await chat.handle_line("/werkbot status")
    assert out.getvalue().count("Status: actief\n") == 1
