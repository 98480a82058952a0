"""/werkbot pauze, hervat, test and status, and the one-line answers to a changed setting."""

from datetime import UTC, date, datetime

import pytest

from tests.conftest import member, texts
from tests.core.test_due_posts import due, posts

NOT_ALLOWED = "Dit kunnen alleen moderatoren van dit team doen. Vraag een moderator als je hulp nodig hebt."


def status_line(bot, caller, label: str) -> str:
    """What /werkbot status shows after `label: `."""
    lines = texts(bot.handle_command(caller, "/werkbot status", "status")).splitlines()
    [value] = [line.removeprefix(f"{label}: ") for line in lines if line.startswith(f"{label}: ")]
    return value


def posts_until(bot, clock, end: datetime) -> list[tuple[str, str]]:
    """Every post that comes between now and `end`, checking every ten minutes."""
    sent = []
    while clock.now < end:
        sent += posts(bot)
        clock.advance(minutes=10)
    return sent


# Pauses ------------------------------------------------------------------------------------

def test_a_paused_team_shows_no_next_post(bot, moderator):
    assert texts(bot.handle_command(moderator, "/werkbot pauze", "p")) == (
        "Ik ben gepauzeerd: er komen geen werkprincipes en weekoverzichten meer, "
        "tot je /werkbot hervat typt. Alle verhalen blijven bewaard.")
    assert status_line(bot, moderator, "Status") == "gepauzeerd, tot een moderator /werkbot hervat typt"
    assert status_line(bot, moderator, "Volgend werkprincipe") == "geen, zolang ik gepauzeerd ben"
    assert status_line(bot, moderator, "Volgend weekoverzicht") == "geen, zolang ik gepauzeerd ben"


def test_a_pause_until_a_day_shows_that_day_and_the_first_post_after_it(store, bot, moderator, team_a):
    # 'tot 4 januari': posts come again on 4 January; the answer names the last quiet day too.
    assert texts(bot.handle_command(moderator, "/werkbot pauze tot 4 januari", "p")) == (
        "Ik ben gepauzeerd: tot en met zondag 3 januari 2027 komen er geen werkprincipes en "
        "weekoverzichten. Op maandag 4 januari 2027 ga ik vanzelf weer verder. "
        "Het volgende werkprincipe komt maandag 4 januari 2027 om 09:00.")
    assert store.team(team_a).paused_until == date(2027, 1, 4)
    assert status_line(bot, moderator, "Status") == (
        "gepauzeerd; op maandag 4 januari 2027 ga ik vanzelf weer verder")
    assert status_line(bot, moderator, "Volgend werkprincipe") == "maandag 4 januari 2027 om 09:00"
    assert status_line(bot, moderator, "Volgend weekoverzicht") == "vrijdag 8 januari 2027 om 15:00"


def test_tot_reads_the_same_in_a_pause_and_an_export(store, bot, moderator, team_a):
    """'tot' a day leaves that day out, 'tot en met' (t/m) includes it: a pause 'tot 4 januari'
    ends on the 4th, and so does one 't/m 3 januari'; an export 'tot' the 31st ends on the 30th."""
    for line in ("/werkbot pauze tot en met 3 januari", "/werkbot pauze t/m 3-1"):
        answer = texts(bot.handle_command(moderator, line, line))
        assert answer.startswith("Ik ben gepauzeerd: tot en met zondag 3 januari 2027 komen er geen "
                                 "werkprincipes en weekoverzichten. Op maandag 4 januari 2027 ga ik "
                                 "vanzelf weer verder."), line
        assert store.team(team_a).paused_until == date(2027, 1, 4)
    exports = {line: texts(bot.handle_command(moderator, line, line)) for line in (
        "/werkbot export vanaf 2026-10-01 tot 2026-12-31",
        "/werkbot export vanaf 2026-10-01 tot en met 2026-12-31",
        "/werkbot export vanaf 2026-10-01 t/m 2026-12-31")}
    assert [answer.partition("periode: ")[2] for answer in exports.values()] == [
        "1 oktober 2026 tot en met 30 december 2026. Er is dus niets om te exporteren.",
        "1 oktober 2026 tot en met 31 december 2026. Er is dus niets om te exporteren.",
        "1 oktober 2026 tot en met 31 december 2026. Er is dus niets om te exporteren."]


def test_a_pause_until_a_day_posts_nothing_before_it_and_resumes_by_itself(store, bot, moderator, clock):
    bot.handle_command(moderator, "/werkbot pauze tot 27-11", "p")  # until Friday
    # Tuesday 08:00 to Friday 16:00 in Amsterdam: Friday's mantra and the week's digest only.
    assert posts_until(bot, clock, datetime(2026, 11, 27, 15, 0, tzinfo=UTC)) == [
        ("mantra", "2026-11-27"), ("digest", "2026-W48")]
    assert status_line(bot, moderator, "Status") == "actief"


def test_a_slot_that_passed_during_the_pause_does_not_come_late_when_it_ends(bot, moderator, clock):
    bot.handle_command(moderator, "/werkbot digest wo 23:00", "d")
    bot.handle_command(moderator, "/werkbot pauze tot 26 november", "p")  # until Thursday
    clock.now = datetime(2026, 11, 25, 22, 0, tzinfo=UTC)  # Wednesday 23:00: the digest's slot
    assert posts(bot) == []
    clock.now = datetime(2026, 11, 25, 23, 0, 20, tzinfo=UTC)  # Thursday 00:00, the slot an hour late
    assert posts(bot) == [], "a restart's catch-up, but the slot was in the pause"
    assert status_line(bot, moderator, "Volgend weekoverzicht") == "woensdag 2 december om 23:00"
    clock.now = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    assert posts(bot) == [("mantra", "2026-11-26")]


def test_resume_ends_a_pause_and_tells_when_the_next_post_comes(store, bot, moderator, clock, team_a):
    bot.handle_command(moderator, "/werkbot pauze tot 4 januari", "p")
    clock.advance(minutes=30)
    assert texts(bot.handle_command(moderator, "/werkbot hervat", "h")) == (
        "Welkom terug! Ik ben weer actief in dit kanaal. "
        "Het volgende werkprincipe komt dinsdag 24 november om 09:00.")
    team = store.team(team_a)
    assert (team.paused, team.paused_until) == (False, None)
    clock.advance(minutes=30)
    assert posts(bot) == [("mantra", "2026-11-24")]
    assert texts(bot.handle_command(moderator, "/werkbot hervat", "h2")) == (
        "Ik was niet gepauzeerd. Het volgende werkprincipe komt woensdag 25 november om 09:00.")


def test_resumed_after_its_slot_the_days_post_still_comes_and_status_says_so(bot, moderator, clock):
    bot.handle_command(moderator, "/werkbot pauze", "p")
    clock.advance(hours=1, minutes=30)  # 09:30: the slot passed while paused
    assert posts(bot) == []
    assert texts(bot.handle_command(moderator, "/werkbot hervat", "h")).endswith(
        "Het volgende werkprincipe komt zo meteen.")
    assert posts(bot) == [("mantra", "2026-11-24")], "under three hours late, as after a restart"


def test_stop_pauses_too_and_start_resumes_a_pause_until_a_day(store, bot, moderator, clock, team_a):
    bot.handle_command(moderator, "/werkbot stop", "s")
    assert store.team(team_a).paused
    bot.handle_command(moderator, "/werkbot pauze tot 4 januari", "p")
    team = store.team(team_a)
    assert (team.paused, team.paused_until) == (False, date(2027, 1, 4)), "the day replaces 'until resumed'"
    assert texts(bot.handle_command(moderator, "/werkbot start", "s2")).startswith("Welkom terug!")
    assert store.team(team_a).paused_until is None
    clock.advance(hours=1)
    assert posts(bot) == [("mantra", "2026-11-24")]


def test_a_bad_date_is_refused_in_dutch_and_changes_nothing(store, bot, moderator, team_a):
    before = store.team(team_a)
    answers = [texts(bot.handle_command(moderator, line, line)) for line in (
        "/werkbot pauze tot 31 februari", "/werkbot pauze tot 24 november", "/werkbot pauze tot",
        "/werkbot pauze tot 4-1-2030")]
    assert answers == [
        "'31 februari' is geen datum. Typ bijvoorbeeld /werkbot pauze tot 4 januari, tot 4 jan of tot 4-1.",
        "'24 november' is vandaag of al voorbij. Kies een dag na vandaag, bijvoorbeeld "
        "/werkbot pauze tot 4 januari.",
        "Gebruik: /werkbot pauze om te pauzeren tot je /werkbot hervat typt, of /werkbot pauze tot "
        "4 januari (ook 4-1 of 4 jan) om op die dag vanzelf weer te beginnen. Met tot en met 4 januari "
        "begin ik de dag erna.",
        "'4-1-2030' is meer dan een jaar vooruit. Zo lang pauzeren kan met /werkbot pauze (zonder "
        "datum); met /werkbot hervat ga ik weer verder.",
    ]
    assert store.team(team_a) == before


def test_only_moderators_pause_resume_or_post_a_test(store, bot, moderator, team_a):
    colleague = member("colleague")
    bot.handle_command(moderator, "/werkbot pauze tot 4 januari", "p")
    before = store.team(team_a)
    for line in ("/werkbot pauze", "/werkbot stop", "/werkbot pauze tot 1 december", "/werkbot hervat",
                 "/werkbot test"):
        replies = bot.handle_command(colleague, line, line)
        assert [(reply.audience, reply.text) for reply in replies] == [("private", NOT_ALLOWED)]
    assert store.team(team_a) == before
    assert list(store.db.query("select * from rotation_picks")) == []


# Test post ---------------------------------------------------------------------------------

def test_the_test_post_reaches_the_channel_and_does_not_count(store, bot, moderator, clock, team_a):
    [sample, answer] = bot.handle_command(moderator, "/werkbot test", "t")
    assert (sample.audience, sample.team_id, sample.delivery) == ("channel", team_a, None)
    assert sample.text.startswith("Testbericht, telt niet mee: zo ziet het volgende werkprincipe eruit.\n\n"
                                  "Voor vandaag: Werkprincipe ")
    assert (answer.audience, answer.text) == (
        "private", "Ik heb een testbericht in het kanaal gezet; het telt niet mee. "
                   "Het volgende werkprincipe komt dinsdag 24 november om 09:00.")
    assert list(store.db.query("select * from deliveries")) == []
    assert status_line(bot, moderator, "Laatste bericht") == "nog geen"
    clock.advance(hours=1)
    [mantra] = due(bot)
    assert mantra.delivery is not None and mantra.text in sample.text, "the day's own post, as shown"
    assert [row["day"] for row in store.db.query("select day from rotation_picks")] == ["2026-11-24"]


def test_a_test_post_on_a_day_off_shows_the_next_days_principle_and_moves_no_rotation(
        store, bot, moderator, clock):
    clock.now = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)  # Saturday
    [sample, _] = bot.handle_command(moderator, "/werkbot test", "t")
    assert [row["day"] for row in store.db.query("select day from rotation_picks")] == ["2026-11-30"]
    # It says the day it is for: Monday's, not today's.
    assert "\n\nVoor maandag 30 november: Werkprincipe " in sample.text and "Voor vandaag" not in sample.text
    clock.now = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # Monday 09:00
    [mantra] = due(bot)
    heading, _, body = mantra.text.partition("\n")
    assert heading.startswith("Voor vandaag: Werkprincipe ") and body in sample.text


def test_a_test_post_after_todays_mantra_is_for_tomorrow(bot, moderator, clock):
    clock.advance(hours=1)
    assert posts(bot) == [("mantra", "2026-11-24")]
    [sample, answer] = bot.handle_command(moderator, "/werkbot test", "t")
    assert "\n\nVoor morgen: Werkprincipe " in sample.text and "Voor vandaag" not in sample.text
    assert answer.text.endswith("Het volgende werkprincipe komt woensdag 25 november om 09:00.")


# Status ------------------------------------------------------------------------------------

def test_after_todays_post_status_shows_the_next_real_slot_and_the_last_post(bot, moderator, clock):
    clock.advance(hours=1)
    assert posts(bot) == [("mantra", "2026-11-24")]
    # A later time today would be a second mantra today, which never comes.
    assert texts(bot.handle_command(moderator, "/werkbot tijd 10:00", "t")) == (
        "Tijd aangepast naar 10:00. Het volgende werkprincipe komt woensdag 25 november om 10:00.")
    assert status_line(bot, moderator, "Volgend werkprincipe") == "woensdag 25 november om 10:00"
    assert status_line(bot, moderator, "Laatste bericht") == (
        "werkprincipe, dinsdag 24 november om 09:00 — geplaatst")


def test_status_skips_public_holidays(bot, moderator, clock):
    clock.now = datetime(2026, 12, 24, 8, 5, tzinfo=UTC)  # Thursday 24 December, 09:05
    assert posts(bot) == [("mantra", "2026-12-24")]
    # Friday is Kerst, Saturday Tweede Kerstdag.
    assert status_line(bot, moderator, "Volgend werkprincipe") == "maandag 28 december om 09:00"


def test_status_shows_a_post_that_failed_and_that_it_comes_again(bot, moderator, clock):
    clock.advance(hours=1)
    [mantra] = due(bot)
    bot.posting.record(mantra, error="ServerError")
    assert status_line(bot, moderator, "Laatste bericht") == (
        "werkprincipe, dinsdag 24 november om 09:00 — niet gelukt")
    assert status_line(bot, moderator, "Volgend werkprincipe") == "zo meteen"


def test_status_shows_the_digest_posted_by_hand_as_last_and_next_weeks_as_next(bot, moderator, clock):
    clock.advance(hours=2)
    [digest] = bot.handle_action(moderator, "digest.post", "")
    bot.posting.record(digest)
    assert status_line(bot, moderator, "Laatste bericht") == (
        "weekoverzicht, dinsdag 24 november om 10:00 — geplaatst")
    assert status_line(bot, moderator, "Volgend weekoverzicht") == "vrijdag 4 december om 15:00"


def test_status_names_the_days_in_the_teams_language(bot, moderator):
    assert status_line(bot, moderator, "Werkprincipe") == "om 09:00 op ma, di, wo, do, vr"
    assert status_line(bot, moderator, "Weekoverzicht") == "vrijdag om 15:00"
    bot.handle_command(moderator, "/werkbot taal en", "taal")
    assert texts(bot.handle_command(moderator, "/werkbot dagen ma,wo", "d")).startswith(
        "Days changed to Mon, Wed. ")
    assert status_line(bot, moderator, "Principle") == "at 09:00 on Mon, Wed"
    assert status_line(bot, moderator, "Digest") == "Friday at 15:00"
    assert status_line(bot, moderator, "Status") == "active"


# Settings ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "answer"), [
    ("/werkbot tijd 8:30",
     "Tijd aangepast naar 08:30. Het volgende werkprincipe komt dinsdag 24 november om 08:30."),
    ("/werkbot dagen ma,wo",
     "Dagen aangepast naar ma, wo. Het volgende werkprincipe komt woensdag 25 november om 09:00."),
    ("/werkbot digest do 16 uur",
     "Weekoverzicht aangepast naar donderdag 16:00. "
     "Het volgende weekoverzicht komt donderdag 26 november om 16:00."),
    ("/werkbot tijdzone Europe/London",
     "Tijdzone aangepast naar Europe/London. Het volgende werkprincipe komt dinsdag 24 november om 09:00."),
    ("/werkbot sets toetsstenen",
     "Sets aangepast naar toetsstenen. Het volgende werkprincipe komt dinsdag 24 november om 09:00."),
    ("/werkbot taal en",
     "Language changed to English. The next principle comes Tuesday 24 November at 09:00."),
    ("/werkbot moderatie uit",
     "Moderatie staat uit: nieuwe verhalen worden meteen goedgekeurd."),
    ("/werkbot bewaartermijn 365",
     "Bewaartermijn aangepast naar 365 dagen: verhaalteksten die ouder zijn, verwijder ik vannacht."),
    ("/werkbot bewaartermijn uit",
     "Bewaartermijn uit: verhalen blijven bewaard tot ze worden ingetrokken."),
])
def test_a_changed_setting_answers_in_one_line(bot, moderator, line, answer):
    assert texts(bot.handle_command(moderator, line, line)) == answer


def test_a_setting_changed_while_paused_says_nothing_comes(bot, moderator):
    bot.handle_command(moderator, "/werkbot pauze", "p")
    assert texts(bot.handle_command(moderator, "/werkbot tijd 10:00", "t")) == (
        "Tijd aangepast naar 10:00. "
        "Zolang ik gepauzeerd ben, komt er niets; /werkbot hervat zet me weer aan.")
