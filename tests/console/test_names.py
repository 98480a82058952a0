"""The console's welcome and its moderators by name: the demo's people are the names the
console knows; any other @name is refused and changes nothing."""

import io
import sqlite3

from bot.console.chat import ConsoleChat
from bot.conversation import Conversation
from bot.core.bot import WerkBot
from bot.inflight import InFlight
from bot.platform import Services
from tests.console.test_demo import run_demo


def fresh_chat(store, content, guard, chart_dir) -> tuple[ConsoleChat, io.StringIO]:
    """A console chat whose channel is no team yet."""
    bot = WerkBot(store, content, guard)
    out = io.StringIO()
    return ConsoleChat(Services(bot, Conversation(bot), InFlight()), io.StringIO(), out, chart_dir), out


async def test_start_welcomes_the_channel_and_tells_the_caller_the_settings(store, content, guard, tmp_path):
    chat, out = fresh_chat(store, content, guard, tmp_path)
    await chat.handle_line("/werkbot start")
    shown = out.getvalue()
    welcome = shown.split("[kanaal]\n", 1)[1]
    assert welcome.startswith("Hallo allemaal! Ik ben de werkprincipe-bot.")
    assert "Het eerste komt dinsdag 24 november om 09:00." in welcome
    assert "Het eerste komt vrijdag 27 november om 15:00." in welcome
    assert "Wie er modereert: Jij." in welcome
    assert "Welkom! Dit kanaal is nu een team, en jij bent de eerste moderator." in shown
    assert "Moderatoren: Jij\n" in shown


async def test_a_colleague_the_demo_knows_becomes_moderator_by_name(store, content, guard, tmp_path):
    chat, out = fresh_chat(store, content, guard, tmp_path)
    await chat.handle_line("/werkbot start")
    await chat.handle_line("/werkbot moderator @sanne")
    await chat.handle_line("/werkbot status")
    await chat.handle_line("/werkbot help")
    shown = out.getvalue()
    assert "Sanne is nu moderator." in shown
    assert "Moderatoren: Jij en Sanne\n" in shown
    assert shown.rstrip().endswith("Moderatoren van dit team: Jij en Sanne")
    assert "sanne" not in shown.replace("@sanne", ""), "never the id, always the name"


async def test_an_unknown_name_is_refused_and_nothing_changes(store, content, guard, tmp_path):
    chat, out = fresh_chat(store, content, guard, tmp_path)
    await chat.handle_line("/werkbot start")
    team = chat.bot.team_of(chat.caller)
    await chat.handle_line("/werkbot moderator @onbekend")
    assert ("Ik ken niemand in dit kanaal die @onbekend heet; er is niets veranderd. Noem je collega "
            "met @ en kies de naam uit de lijst die dan verschijnt.") in out.getvalue()
    assert store.moderators(team.id) == ["jij"]


def test_the_demo_shows_its_new_team_the_welcome_once(tmp_path):
    first = run_demo(tmp_path, "/werkbot status\n")
    assert first.returncode == 0, first.stderr
    assert "Je collega's in het demoteam: @sanne, @ahmed, @lotte" in first.stdout
    assert "[kanaal]\nHallo allemaal! Ik ben de werkprincipe-bot." in first.stdout
    assert "Wie er modereert: Jij." in first.stdout
    # The demo does the team's /werkbot start: the moderator also sees the settings.
    assert "> /werkbot start\n[kanaal]\nHallo allemaal!" in first.stdout
    assert "Welkom! Dit kanaal is nu een team, en jij bent de eerste moderator." in first.stdout
    assert first.stdout.index("Welkom! Dit kanaal") < first.stdout.index("Voor vandaag")
    second = run_demo(tmp_path, "/werkbot status\n")
    assert "Hallo allemaal!" not in second.stdout, "the demo team exists already"
    assert "/werkbot start" not in second.stdout and "Welkom! Dit kanaal" not in second.stdout
    assert "Moderatoren: Jij\n" in second.stdout
    teams = sqlite3.connect(tmp_path / "demo.db").execute("select name from teams").fetchall()
    assert teams == [("Demoteam",)], "one team, registered once"
