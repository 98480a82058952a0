"""Telegram: scheduled posts to groups, paced within Telegram's limits, and group life
(a group that becomes a supergroup, a bot removed from its group)."""

from datetime import UTC, datetime

from bot.core.model import Caller
from bot.scheduler import post_due
from tests.support import until
from tests.telegram.conftest import (
    COORDINATOR,
    GROUP,
    group_messages,
    sends_to,
    started_team,
    telegram_team,
)
from tests.telegram.fake_telegram import Refused

SUPERGROUP = -1001234567890
STORY = "We begonnen klein: een kop koffie bij de buren, en daarna kwam de rest vanzelf."


async def mantra_time(runtime, clock) -> None:
    """09:00 on Tuesday 24 November 2026: every team's first mantra is due."""
    clock.advance(hours=1)
    await post_due(runtime.bot, runtime.deliver, {"telegram"})


async def test_the_mantra_reaches_the_group_once_in_html(fake_telegram, runtime, clock):
    await started_team(fake_telegram)
    await mantra_time(runtime, clock)
    [post] = group_messages(fake_telegram)
    assert post["parse_mode"] == "HTML" and "Voor vandaag" in post["text"]
    await post_due(runtime.bot, runtime.deliver, {"telegram"})
    assert len(group_messages(fake_telegram)) == 1
    delivery = runtime.bot.store.delivery(telegram_team(runtime).id, "mantra", "2026-11-24")
    assert delivery["status"] == "sent"


async def test_a_429_is_waited_out_and_the_post_arrives_once(fake_telegram, runtime, clock):
    await started_team(fake_telegram)
    fake_telegram.rate_limit["sendMessage"] = 1
    await mantra_time(runtime, clock)
    attempts = sends_to(fake_telegram, GROUP, "Voor vandaag")
    assert len(attempts) == 2 and attempts[1].at - attempts[0].at >= 1.0
    assert len(group_messages(fake_telegram)) == 2, "the refused call, then the one that arrived"
    assert runtime.bot.store.delivery(telegram_team(runtime).id, "mantra", "2026-11-24")["status"] == "sent"


async def test_sixty_groups_due_at_once_stay_within_both_limits(fake_telegram, runtime, clock):
    groups = [-5000 - n for n in range(60)]
    for group in groups:
        runtime.bot.team.register(Caller("telegram", str(group), str(COORDINATOR)), name=f"Groep {group}")
    await mantra_time(runtime, clock)
    sends = [call for call in fake_telegram.calls if call.method == "sendMessage"]
    assert sorted(int(call.args["chat_id"]) for call in sends) == sorted(groups), "none dropped"
    times = [call.at for call in sends]
    assert max(sum(1 for t in times if start <= t < start + 1.0) for start in times) <= 30
    assert times[-1] - times[0] >= 1.0, "60 sends take at least two one-second windows"
    assert fake_telegram.violations == []


async def test_a_digest_goes_out_with_its_chart(fake_telegram, runtime, clock):
    await started_team(fake_telegram)
    fake_telegram.says(GROUP, COORDINATOR, "/werkbot moderatie uit")
    fake_telegram.says(GROUP, COORDINATOR, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COORDINATOR, "opgeslagen")
    fake_telegram.says(GROUP, COORDINATOR, "/digest")
    preview = await fake_telegram.wait_for_text(COORDINATOR, "Inspiratie van week")
    fake_telegram.clicks(preview, "Nu plaatsen", COORDINATOR)
    posted = await fake_telegram.wait_for_text(GROUP, "Inspiratie van week")
    assert STORY in posted["text"]
    photos = await fake_telegram.wait_for("sendPhoto", 2)
    assert [int(p["chat_id"]) for p in photos] == [COORDINATOR, GROUP]
    assert fake_telegram.photos[-1].startswith(b"\x89PNG")


async def test_a_group_that_becomes_a_supergroup_keeps_its_team(fake_telegram, runtime, clock):
    await started_team(fake_telegram)
    team = telegram_team(runtime)
    fake_telegram.says(GROUP, COORDINATOR, "", migrate_to_chat_id=SUPERGROUP)
    await until(lambda: runtime.bot.store.team_at("telegram", str(SUPERGROUP)))
    assert telegram_team(runtime, SUPERGROUP).id == team.id
    await mantra_time(runtime, clock)
    assert [int(p["chat_id"]) for p in fake_telegram.sent() if "vandaag" in p["text"]] == [SUPERGROUP]
    # A private command and a button still naming the old group act for the moved team.
    fake_telegram.says(COORDINATOR, COORDINATOR, f"/verhaal {STORY}")
    await fake_telegram.wait_for_text(COORDINATOR, "opgeslagen")
    assert runtime.bot.store.story(1)["team_id"] == team.id
    in_private = {"chat": fake_telegram.chat(COORDINATOR)}
    fake_telegram.press(in_private, f"{GROUP}|story.anonymous|1:1", COORDINATOR)
    await fake_telegram.wait_for_text(COORDINATOR, "is nu anoniem")
    assert runtime.bot.store.story(1)["anonymous"] == 1


async def test_a_post_to_a_group_that_moved_follows_it(fake_telegram, runtime, clock):
    await started_team(fake_telegram)
    fake_telegram.refused_chats[GROUP] = Refused(
        400, "Bad Request: group chat was upgraded to a supergroup chat", migrate_to_chat_id=SUPERGROUP)
    await mantra_time(runtime, clock)
    assert [int(p["chat_id"]) for p in fake_telegram.sent() if "vandaag" in p["text"]] == [GROUP, SUPERGROUP]
    assert telegram_team(runtime, SUPERGROUP).id


async def test_a_bot_removed_from_its_group_pauses_the_team_until_start(fake_telegram, runtime, clock):
    await started_team(fake_telegram)
    fake_telegram.membership(GROUP, "left")
    await until(lambda: telegram_team(runtime).paused)
    await mantra_time(runtime, clock)
    assert group_messages(fake_telegram) == []
    fake_telegram.says(GROUP, COORDINATOR, "/werkbot start")
    await fake_telegram.wait_for_text(COORDINATOR, "weer actief")
    assert not telegram_team(runtime).paused


async def test_a_post_refused_with_403_pauses_the_team_and_tells_the_moderators_once(
        fake_telegram, runtime, clock, caplog):
    await started_team(fake_telegram)
    fake_telegram.refused_chats[GROUP] = Refused(403, "Forbidden: bot was kicked from the group chat")
    await mantra_time(runtime, clock)
    notice = await fake_telegram.wait_for_text(COORDINATOR, "niet in het kanaal van je team plaatsen")
    assert "/invite" not in notice["text"]
    assert telegram_team(runtime).paused
    assert caplog.text.count("paused: the bot was removed") == 1
    await post_due(runtime.bot, runtime.deliver, {"telegram"})
    assert len(sends_to(fake_telegram, GROUP, "Voor vandaag")) == 1, "a paused team is not tried again"


async def test_a_post_whose_fate_is_unknown_is_not_sent_again_and_the_moderators_hear_once(
        fake_telegram, runtime, clock):
    await started_team(fake_telegram)
    fake_telegram.drop_after_receipt.add(GROUP)
    await mantra_time(runtime, clock)
    team_id = telegram_team(runtime).id
    assert runtime.bot.store.delivery(team_id, "mantra", "2026-11-24")["status"] == "unknown"
    clock.advance(seconds=31)
    await post_due(runtime.bot, runtime.deliver, {"telegram"})  # the next attempt cannot look
    notice = await fake_telegram.wait_for_text(COORDINATOR, "niet zeker")
    assert "/mantra" in notice["text"]
    delivery = runtime.bot.store.delivery(telegram_team(runtime).id, "mantra", "2026-11-24")
    assert delivery["status"] == "lost"
    clock.advance(minutes=30)
    await post_due(runtime.bot, runtime.deliver, {"telegram"})
    mantras = sends_to(fake_telegram, GROUP, "Voor vandaag")
    assert len(mantras) == 1, "taken once by Telegram, never sent again"
    assert len([m for m in fake_telegram.sent(COORDINATOR) if "niet zeker" in m["text"]]) == 1


def long_story(number: int) -> str:
    """A clean story of about 900 characters, told apart by its first words."""
    opening = ("eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste",
               "negende", "tiende", "elfde", "twaalfde")[number]
    return f"Het {opening} verhaal: " + "we begonnen klein met koffie bij de buren, toen de rest, " * 15


async def test_a_digest_that_failed_halfway_sends_only_the_rest(fake_telegram, runtime, clock):
    await started_team(fake_telegram)
    coordinator = Caller("telegram", str(GROUP), str(COORDINATOR))
    runtime.bot.handle_command(coordinator, "/werkbot moderatie uit", "setup")
    for number in range(12):
        runtime.bot.handle_command(coordinator, f"/verhaal {long_story(number)}", f"story-{number}")
    clock.now = datetime(2026, 11, 27, 14, 1, tzinfo=UTC)  # Friday 15:01: the digest is due
    fake_telegram.down_after[GROUP], fake_telegram.down_for[GROUP] = 1, 1
    await post_due(runtime.bot, runtime.deliver, {"telegram"})
    team_id = telegram_team(runtime).id
    delivery = runtime.bot.store.delivery(team_id, "digest", "2026-W48")
    assert (delivery["status"], delivery["parts_sent"]) == ("failed", 1)
    clock.advance(minutes=5)
    await post_due(runtime.bot, runtime.deliver, {"telegram"})
    assert runtime.bot.store.delivery(team_id, "digest", "2026-W48")["status"] == "sent"
    posted = [m["text"] for m in fake_telegram.sent(GROUP) if "verhaal:" in m["text"]]
    assert len(posted) >= 3, "a digest of several messages"
    everything = "".join(posted)
    for number in range(12):
        assert everything.count(long_story(number)[:25]) == 1, f"story {number} once"
    assert sum("Inspiratie van week" in text for text in posted) == 1
    assert len(fake_telegram.of("sendPhoto")) == 1

