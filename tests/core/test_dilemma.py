"""Issue 12, part 5: the dilemma of the week. On the weekday a moderator chose, the mantra slot posts
one of the letter's tensions as a question instead of a principle, in the same exactly-once
delivery; the principles' rotation goes on without a gap."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.bot import WerkBot
from storage import Store, backup, open_database
from tests.conftest import member, texts
from tests.core.test_due_posts import due

# 09:00 in Amsterdam (winter time) on Tuesday 24 November 2026 and the days after.
TUESDAY_9 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
WEDNESDAY_9 = TUESDAY_9 + timedelta(days=1)
HEADING = "Dilemma van de week: "


def mantra_posts(bot: WerkBot) -> list[str]:
    """The mantra posts due now, each recorded as sent."""
    replies = [reply for reply in due(bot) if reply.delivery.kind == "mantra"]
    for reply in replies:
        bot.posting.record(reply)
    return [reply.text for reply in replies]


def day_by_day(bot: WerkBot, clock, days: int, start: datetime = TUESDAY_9) -> list[tuple[str, str]]:
    """Each day's 09:00 from `start` on: (day, the mantra post) for every day that had one."""
    shown = []
    for n in range(days):
        clock.now = start + timedelta(days=n)
        shown += [(clock.now.date().isoformat(), text) for text in mantra_posts(bot)]
    return shown


def principle_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("» "))


def turn_on(bot: WerkBot, moderator, day: str = "wo") -> str:
    return texts(bot.handle_command(moderator, f"/werkbot dilemma {day}", f"dilemma:{day}"))


def test_off_by_default(bot, moderator, clock):
    assert "Dilemma van de week: uit\n" in texts(bot.handle_command(moderator, "/werkbot status", "s"))
    posts = day_by_day(bot, clock, 7)
    assert len(posts) == 5
    assert not any(HEADING in text for _, text in posts)


def test_on_the_chosen_day_the_dilemma_comes_instead_of_the_principle(bot, moderator, clock, content,
                                                                      team_a):
    answer = turn_on(bot, moderator)
    assert answer.startswith("Dilemma van de week staat aan: elke woensdag zet ik in plaats van het "
                             "werkprincipe een dilemma neer")
    assert "Het volgende dilemma komt woensdag 25 november om 09:00." in answer
    posts = dict(day_by_day(bot, clock, 3))
    first = content.dilemmas[0]
    assert posts["2026-11-25"] == (
        f"Dilemma van de week: {first.title['nl']}\n\n"
        f"» {first.question['nl']}\n"
        "Uit: de brief van Wietske Gercama (Wmo-werkplaats Noord-Holland)\n\n"
        "Er is geen goed of fout antwoord. Wat deed jij in zo'n situatie? Deel het met /verhaal.")
    # The days around it get their principle.
    for day in ("2026-11-24", "2026-11-26"):
        assert posts[day].startswith("Voor vandaag: Werkprincipe ") and HEADING not in posts[day]
    # It is the day's one mantra delivery: no principle besides it, not even after a retry.
    wednesday = bot.store.delivery(team_a, "mantra", "2026-11-25")
    assert wednesday["status"] == "sent"
    clock.now = WEDNESDAY_9 + timedelta(minutes=30)
    assert mantra_posts(bot) == []
    # /mantra that day shows what the channel got.
    clock.now = WEDNESDAY_9 + timedelta(hours=2)
    assert texts(bot.handle_command(member("collega"), "/mantra", "m")) == posts["2026-11-25"]


def test_the_principle_that_would_have_come_comes_the_next_day(bot, store, moderator, clock, content,
                                                               guard, tmp_path, team_a):
    # The same team, as it was just after it registered, without a dilemma day.
    backup(store.db, tmp_path / "without.db")
    plain = WerkBot(Store(open_database(tmp_path / "without.db"), clock), content, guard)
    turn_on(bot, moderator)
    with_dilemma = [principle_line(text) for _, text in day_by_day(bot, clock, 8) if HEADING not in text]
    without = [principle_line(text) for _, text in day_by_day(plain, clock, 8)]
    # Tuesday to the next Tuesday: one principle fewer, and none skipped: Wednesday's comes Thursday.
    assert len(with_dilemma) == 5 and len(without) == 6
    assert with_dilemma == without[:5]
    assert len(set(with_dilemma)) == 5, "every werkprincipe once before any repeats"
    picked = [row["day"] for row in store.db.query("select day from rotation_picks order by day")]
    assert "2026-11-25" not in picked
    plain.store.db.close()


def test_dilemmas_come_in_turn_one_a_week_per_team(bot, moderator, clock, content):
    turn_on(bot, moderator)
    other = member("anouk", chat_id="team-b")
    bot.handle_command(other, "/werkbot start", "start-b")
    bot.handle_command(other, "/werkbot dilemma woensdag", "dilemma-b")
    shown = []
    for week in range(3):
        clock.now = WEDNESDAY_9 + timedelta(weeks=week)
        shown.append(mantra_posts(bot))
    titles = [f"{HEADING}{dilemma.title['nl']}" for dilemma in content.dilemmas[:3]]
    for week, posts in enumerate(shown):
        # Both teams get theirs, each in its own turn (the second team started at the same time).
        assert [text.splitlines()[0] for text in posts] == [titles[week]] * 2


def test_after_the_last_dilemma_the_first_comes_again(bot, moderator, clock, content):
    turn_on(bot, moderator)
    count = len(content.dilemmas)
    firsts = []
    for week in range(count + 1):
        clock.now = WEDNESDAY_9 + timedelta(weeks=week)
        firsts += [text.splitlines()[0] for text in mantra_posts(bot)]
    assert firsts[:count] == [f"{HEADING}{dilemma.title['nl']}" for dilemma in content.dilemmas]
    assert firsts[count] == firsts[0]


def test_no_dilemma_on_a_public_holiday_nor_while_paused(bot, moderator, clock, content):
    # Friday 25 December and Friday 1 January are public holidays: the next is on 8 January.
    clock.now = datetime(2026, 12, 24, 7, 0, tzinfo=UTC)
    assert "Het volgende dilemma komt vrijdag 8 januari 2027 om 09:00." in turn_on(bot, moderator, "vr")
    clock.now = datetime(2026, 12, 25, 8, 0, tzinfo=UTC)
    assert mantra_posts(bot) == []
    bot.handle_command(moderator, "/werkbot pauze tot 9 januari", "p")
    clock.now = datetime(2027, 1, 8, 8, 0, tzinfo=UTC)
    assert mantra_posts(bot) == []
    # The first dilemma waits for the first Friday after the pause.
    clock.now = datetime(2027, 1, 15, 8, 0, tzinfo=UTC)
    first = f"{HEADING}{content.dilemmas[0].title['nl']}"
    assert [text.splitlines()[0] for text in mantra_posts(bot)] == [first]


def test_turned_on_after_the_days_principle_went_out_it_comes_next_week(bot, moderator, clock):
    clock.now = WEDNESDAY_9
    [principle] = mantra_posts(bot)
    clock.advance(hours=1)
    assert "Het volgende dilemma komt woensdag 2 december om 09:00." in turn_on(bot, moderator)
    # /mantra keeps showing what the channel got today.
    assert texts(bot.handle_command(moderator, "/mantra", "m")) == principle
    clock.now = WEDNESDAY_9 + timedelta(weeks=1)
    assert mantra_posts(bot)[0].startswith(HEADING)


def test_one_dilemma_a_week_also_when_its_day_moves(bot, moderator, clock):
    turn_on(bot, moderator, "di")
    clock.now = TUESDAY_9
    assert mantra_posts(bot)[0].startswith(HEADING)
    assert "Het volgende dilemma komt donderdag 3 december om 09:00." in turn_on(bot, moderator, "do")
    clock.now = TUESDAY_9 + timedelta(days=2)
    assert not mantra_posts(bot)[0].startswith(HEADING)


def test_turned_off_the_principle_comes_every_day(bot, moderator, clock):
    turn_on(bot, moderator)
    answer = turn_on(bot, moderator, "uit")
    assert answer == "Dilemma van de week staat uit: op elke dag komt weer een werkprincipe."
    assert "Dilemma van de week: uit\n" in texts(bot.handle_command(moderator, "/werkbot status", "s"))
    clock.now = WEDNESDAY_9
    assert mantra_posts(bot)[0].startswith("Voor vandaag: ")


def test_status_and_help_mention_it(bot, moderator):
    turn_on(bot, moderator)
    status = texts(bot.handle_command(moderator, "/werkbot status", "s"))
    assert "Dilemma van de week: woensdag, in plaats van het werkprincipe\n" in status
    assert "/werkbot dilemma wo · dilemma uit" in texts(bot.handle_command(moderator, "/werkbot help", "h"))
    # A day without a principle has no dilemma either, and the bot says so.
    bot.handle_command(moderator, "/werkbot dagen ma,di", "d")
    status = texts(bot.handle_command(moderator, "/werkbot status", "s2"))
    assert ("Dilemma van de week: woensdag, maar op die dag komt geen werkprincipe (zie /werkbot dagen)"
            in status)
    assert "Let op: op woensdag komt nu geen werkprincipe" in turn_on(bot, moderator)


def test_in_english_too(bot, moderator, clock, content, team_a):
    bot.store.update_team(team_a, language="en")
    assert "Dilemma of the week on: every Wednesday" in turn_on(bot, moderator, "wed")
    clock.now = WEDNESDAY_9
    [post] = mantra_posts(bot)
    first = content.dilemmas[0]
    assert post.startswith(f"Dilemma of the week: {first.title['en']}\n\n» {first.question['en']}\n"
                           "From: the letter by Wietske Gercama")


def test_only_moderators_choose_the_day(bot, moderator, store, team_a):
    refused = texts(bot.handle_command(member("collega"), "/werkbot dilemma wo", "x"))
    assert refused == ("Dit kunnen alleen moderatoren van dit team doen. Vraag een moderator als je hulp "
                       "nodig hebt.")
    assert store.team(team_a).dilemma_day is None


@pytest.mark.parametrize("line", ["/werkbot dilemma", "/werkbot dilemma morgen", "/werkbot dilemma wo 9:00",
                                  "/werkbot dilemma aan"])
def test_bad_input_gets_the_usage_and_changes_nothing(bot, moderator, store, team_a, line):
    answer = texts(bot.handle_command(moderator, line, f"bad:{line}"))
    assert answer.startswith("Gebruik: /werkbot dilemma met een dag, bijvoorbeeld /werkbot dilemma wo.")
    assert store.team(team_a).dilemma_day is None


def test_purging_a_team_removes_its_dilemmas(bot, store, moderator, clock, team_a):
    turn_on(bot, moderator)
    clock.now = WEDNESDAY_9
    mantra_posts(bot)
    assert store.db["dilemma_picks"].count == 1
    store.purge_team(team_a)
    assert store.db["dilemma_picks"].count == 0
