from datetime import UTC, datetime, timedelta
from itertools import pairwise

from bot.core.bot import WerkBot
from bot.scheduler import post_due
from storage import Store, open_database
from tests.conftest import member, team_id_of, texts


def due(bot):
    """Claim and make every post that is due now, as the scheduler does one by one."""
    replies = [bot.posting.take(slot) for slot in bot.posting.slots()]
    return [reply for reply in replies if reply is not None]


def posts(bot):
    replies = due(bot)
    for reply in replies:
        bot.posting.record(reply)
    return [(r.delivery.kind, r.delivery.period) for r in replies]


def test_mantra_once_at_its_slot(bot, moderator, clock, team_a):
    assert posts(bot) == []  # 08:00 in Amsterdam, before the 09:00 slot
    clock.advance(hours=1)
    assert posts(bot) == [("mantra", "2026-11-24")]
    clock.advance(minutes=30)
    assert posts(bot) == []
    assert bot.store.delivery(team_a, "mantra", "2026-11-24")["status"] == "sent"


def test_mantra_text_matches_slash_mantra(bot, moderator, clock, team_a):
    clock.advance(hours=1)
    posted = due(bot)[0]
    assert posted.text == bot.handle_command(moderator, "/mantra", "m")[0].text
    assert posted.audience == "channel" and posted.team_id == team_a


def test_the_mantra_credits_its_source_under_the_principle(bot, moderator, clock, team_a):
    clock.advance(hours=1)
    lines = due(bot)[0].text.splitlines()
    principle = next(n for n, line in enumerate(lines) if line.startswith("» "))
    assert lines[principle + 1] == "Uit: DichtErBij-methode"
    bot.store.update_team(team_a, language="en")
    assert "\nFrom: DichtErBij method\n" in texts(bot.handle_command(moderator, "/mantra", "m"))


def test_new_team_waits_for_its_next_slot(bot, clock):
    clock.advance(hours=3)  # 11:00 local, after today's slot
    bot.handle_command(member("late", chat_id="late-team"), "/werkbot start", "s")
    assert posts(bot) == []
    clock.advance(hours=22)  # 09:00 tomorrow
    assert posts(bot) == [("mantra", "2026-11-25")]


def test_moving_the_time_after_the_post_does_not_post_again(bot, moderator, clock):
    clock.advance(hours=1)
    assert posts(bot) == [("mantra", "2026-11-24")]
    bot.handle_command(moderator, "/werkbot tijd 09:30", "t")
    clock.advance(minutes=45)
    assert posts(bot) == []


def test_changed_time_takes_effect_without_restart(bot, moderator, clock):
    bot.handle_command(moderator, "/werkbot tijd 08:10", "t")
    clock.advance(minutes=15)
    assert posts(bot) == [("mantra", "2026-11-24")]


def test_missed_slot_is_sent_when_under_three_hours_late(bot, moderator, clock):
    clock.advance(hours=3, minutes=50)  # 11:50 local
    assert posts(bot) == [("mantra", "2026-11-24")]


def test_missed_slot_over_three_hours_late_is_skipped_and_logged(bot, moderator, clock, caplog, team_a):
    clock.advance(hours=4, minutes=5)  # 12:05 local
    assert posts(bot) == []
    assert bot.store.delivery(team_a, "mantra", "2026-11-24")["status"] == "skipped"
    assert "over 3 hours late" in caplog.text


def test_no_mantra_on_dutch_public_holidays(bot, moderator, clock):
    clock.now = datetime(2026, 12, 24, 8, 5, tzinfo=UTC)  # Thursday before Christmas, 09:05
    assert ("mantra", "2026-12-24") in posts(bot)
    for holiday in (datetime(2026, 12, 25), datetime(2027, 4, 27), datetime(2027, 5, 6)):
        clock.now = holiday.replace(hour=8, minute=5, tzinfo=UTC)  # Kerst, Koningsdag, Hemelvaart
        assert [p for p in posts(bot) if p[0] == "mantra"] == []
        clock.now += timedelta(days=1 if holiday.weekday() < 4 else 3)
        assert [p for p in posts(bot) if p[0] == "mantra"] != [], "the next working day has one"


def test_weekly_digest_once_at_its_slot(bot, moderator, clock):
    clock.now = datetime(2026, 11, 27, 14, 1, tzinfo=UTC)  # Friday 15:01 local
    assert posts(bot) == [("digest", "2026-W48")]
    clock.advance(hours=1)
    assert posts(bot) == []


def test_post_now_replaces_the_scheduled_digest(bot, moderator, clock):
    posted = bot.handle_action(moderator, "digest.post", "")
    bot.posting.record(posted[0])
    clock.now = datetime(2026, 11, 27, 14, 1, tzinfo=UTC)
    assert posts(bot) == []


def test_two_processes_on_one_database_post_once(db_path, bot, moderator, clock, content, guard):
    other = WerkBot(Store(open_database(db_path), clock), content, guard)
    clock.advance(hours=1)
    assert posts(bot) + posts(other) == [("mantra", "2026-11-24")]
    other.store.db.close()


def fail(bot) -> list[tuple[str, str]]:
    replies = due(bot)
    for reply in replies:
        bot.posting.record(reply, error="ServerError")
    return [(r.delivery.kind, r.delivery.period) for r in replies]


def test_failed_send_is_retried_later(bot, moderator, clock, team_a):
    clock.advance(hours=1)
    assert fail(bot) == [("mantra", "2026-11-24")]
    assert bot.store.delivery(team_a, "mantra", "2026-11-24")["status"] == "failed"
    clock.advance(seconds=20)
    assert fail(bot) == []
    clock.advance(seconds=10)
    assert posts(bot) == [("mantra", "2026-11-24")]
    delivery = bot.store.delivery(team_a, "mantra", "2026-11-24")
    assert (delivery["status"], delivery["attempts"]) == ("sent", 2)


def test_a_post_that_keeps_failing_waits_longer_each_time(bot, moderator, clock, team_a):
    clock.advance(hours=1)
    tried_at = []
    for _ in range(2 * 60 * 3):  # every 20 s, under the three-hour catch-up window
        if fail(bot):
            tried_at.append(clock.now)
        clock.advance(seconds=20)
    waits = [int((later - earlier).total_seconds()) for earlier, later in pairwise(tried_at)]
    assert waits[:7] == [40, 60, 120, 240, 480, 960, 1800]
    assert set(waits[7:]) == {1800}
    assert bot.store.delivery(team_a, "mantra", "2026-11-24")["attempts"] == len(tried_at)


def test_one_teams_failure_does_not_stop_another(store, bot, moderator, clock, caplog, team_a):
    team_b = member("other", chat_id="team-b")
    bot.handle_command(team_b, "/werkbot start", "s")
    store.db["teams"].update(team_a, {"mantra_days": "nonsense-day"})
    store.db["teams"].update(team_a, {"timezone": "No/Such_Zone"})
    clock.advance(hours=1)
    assert [r.team_id for r in due(bot)] == [team_id_of(bot, team_b)]
    assert f"scheduled posts failed for team {team_a}" in caplog.text


def count_mantras_over_day(bot, clock, start):
    clock.now = start
    sent = []
    while clock.now < start + timedelta(days=1):
        sent += posts(bot)
        clock.advance(minutes=10)
    return [p for p in sent if p[0] == "mantra"]


def test_exactly_once_across_the_dst_switches(store, bot, moderator, clock):
    bot.handle_command(moderator, "/werkbot dagen ma di wo do vr za zo", "d")
    bot.handle_command(moderator, "/werkbot tijd 02:30", "t")
    # 26 March 2028: 02:30 does not exist in Amsterdam; 31 October 2027: it happens twice.
    assert count_mantras_over_day(bot, clock, datetime(2028, 3, 25, 23, 0, tzinfo=UTC)) == [
        ("mantra", "2028-03-26")]
    assert count_mantras_over_day(bot, clock, datetime(2027, 10, 30, 22, 0, tzinfo=UTC)) == [
        ("mantra", "2027-10-31")]


def test_paused_team_gets_nothing(bot, moderator, clock):
    bot.handle_command(moderator, "/werkbot stop", "s")
    clock.advance(hours=1)
    assert posts(bot) == []


async def test_a_post_that_cannot_be_sent_never_stops_the_next_one(bot, moderator, clock):
    bot.handle_command(member("other", chat_id="team-b"), "/werkbot start", "s")
    clock.advance(hours=1)
    delivered = []

    async def deliver(reply):
        if reply.team_id == team_id_of(bot, moderator):
            raise ConnectionResetError("the platform went away")
        delivered.append(reply.team_id)

    await post_due(bot, deliver)
    assert delivered == [team_id_of(bot, member("other", chat_id="team-b"))]


async def test_a_process_claims_no_post_for_a_platform_it_does_not_run(bot, moderator, clock, team_a):
    clock.advance(hours=1)
    delivered = []

    async def deliver(reply):
        delivered.append(reply)

    await post_due(bot, deliver, platforms={"slack"})
    assert delivered == [] and bot.store.delivery(team_a, "mantra", "2026-11-24") is None


def test_a_post_whose_process_stopped_after_claiming_comes_within_five_minutes(bot, moderator, clock):
    clock.advance(hours=1)
    [mantra] = [slot for slot in bot.posting.slots() if slot.kind == "mantra"]
    assert bot.posting.take(mantra) is not None  # claimed; the process dies before it can send
    assert posts(bot) == [], "another process waits while the claim's lease runs"
    clock.advance(minutes=4, seconds=1)
    assert posts(bot) == [("mantra", "2026-11-24")]
    assert posts(bot) == [], "and once only"


def test_a_claim_from_before_leases_is_taken_over(store, bot, moderator, clock, team_a):
    clock.advance(hours=1)
    store.claim_delivery(team_a, "mantra", "2026-11-24")  # as an older version claimed: no lease
    assert posts(bot) == [("mantra", "2026-11-24")]


async def test_one_post_at_a_time_is_claimed_right_before_it_is_sent(bot, moderator, clock, team_a):
    bot.handle_command(member("other", chat_id="team-b"), "/werkbot start", "s")
    clock.advance(hours=1)
    claimed_while_sending = []

    async def deliver(reply):
        claimed_while_sending.append(len(list(bot.store.db.query("select * from deliveries"))))
        bot.posting.record(reply)

    await post_due(bot, deliver)
    assert claimed_while_sending == [1, 2], "the second is claimed only after the first was sent"
