from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.bot import WerkBot
from bot.core.commands import Command, parse
from bot.core.model import UserError
from storage import Store, open_database
from tests.conftest import member, texts

SETS = frozenset({"werkprincipes", "houdingsprincipes", "gouden-regels", "toetsstenen",
                  "interventierichtingen"})


@pytest.mark.parametrize(("line", "expected"), [
    ("/mantra", Command("mantra")),
    ("/verhaal", Command("verhaal", value=None)),
    ("/verhaal  Een verhaal ", Command("verhaal", value="Een verhaal")),
    ("/verhaal leermoment Het liep mis", Command("verhaal", "leermoment", "Het liep mis")),
    ("/verhaal Leermoment:\nHet liep mis", Command("verhaal", "leermoment", "Het liep mis")),
    ("/verhaal leermoment", Command("verhaal", "leermoment", None)),
    ("/verhaal Leermomenten zijn goud", Command("verhaal", value="Leermomenten zijn goud")),
    ("/moderatie signaal 12", Command("moderatie", "signaal", (True, 12))),
    ("/moderatie signaal weg #12", Command("moderatie", "signaal", (False, 12))),
    ("/werkbot", Command("werkbot", "help")),
    ("/werkbot tijd 8:30", Command("werkbot", "tijd", "08:30")),
    ("/werkbot dagen ma, wo,vr", Command("werkbot", "dagen", ["ma", "wo", "vr"])),
    ("/werkbot dagen zo za", Command("werkbot", "dagen", ["za", "zo"])),
    ("/werkbot digest do 16:00", Command("werkbot", "digest", ("do", "16:00"))),
    ("/werkbot sets toetsstenen,werkprincipes", Command("werkbot", "sets", ["toetsstenen", "werkprincipes"])),
    ("/werkbot moderator @U0123", Command("werkbot", "moderator", ("add", "U0123"))),
    ("/werkbot moderator weg @collega", Command("werkbot", "moderator", ("remove", "collega"))),
    ("/werkbot moderatie uit", Command("werkbot", "moderatie", False)),
    ("/werkbot taal en", Command("werkbot", "taal", "en")),
    ("/werkbot tijdzone Europe/Brussels", Command("werkbot", "tijdzone", "Europe/Brussels")),
    ("/mantra@werkprincipe_bot", Command("mantra")),
    # Settings as Dutch people type them.
    ("/werkbot tijd 8.30", Command("werkbot", "tijd", "08:30")),
    ("/werkbot tijd 9 uur", Command("werkbot", "tijd", "09:00")),
    ("/werkbot tijd 9:00 uur", Command("werkbot", "tijd", "09:00")),
    ("/werkbot tijd 9", Command("werkbot", "tijd", "09:00")),
    ("/werkbot dagen ma-vr", Command("werkbot", "dagen", ["ma", "di", "wo", "do", "vr"])),
    ("/werkbot dagen maandag t/m donderdag", Command("werkbot", "dagen", ["ma", "di", "wo", "do"])),
    ("/werkbot dagen maandag en woensdag", Command("werkbot", "dagen", ["ma", "wo"])),
    ("/werkbot dagen Maandag, woensdag en vrijdag", Command("werkbot", "dagen", ["ma", "wo", "vr"])),
    ("/werkbot dagen werkdagen", Command("werkbot", "dagen", ["ma", "di", "wo", "do", "vr"])),
    ("/werkbot dagen maandag", Command("werkbot", "dagen", ["ma"])),
    ("/werkbot digest vrijdag 16:00", Command("werkbot", "digest", ("vr", "16:00"))),
    ("/werkbot digest zondag 15 uur", Command("werkbot", "digest", ("zo", "15:00"))),
    ("/werkbot tijdzone europe/amsterdam", Command("werkbot", "tijdzone", "Europe/Amsterdam")),
    ("/werkbot pauze", Command("werkbot", "pauze")),
    ("/werkbot stop", Command("werkbot", "stop")),
    ("/werkbot hervat", Command("werkbot", "hervat")),
    ("/werkbot test", Command("werkbot", "test")),
])
def test_parses(line, expected):
    assert parse(line, SETS) == expected


@pytest.mark.parametrize(("line", "key"), [
    ("/mantra nu", "usage.mantra"),
    ("/moderatie nu", "usage.moderatie"),
    ("/moderatie signaal", "usage.moderatie"),
    ("/moderatie signaal twaalf", "usage.moderatie"),
    ("/moderatie signaal 12 13", "usage.moderatie"),
    ("/moderatie signaal " + "9" * 30, "usage.moderatie"),
    ("/bestaatniet", "usage.unknown_command"),
    ("/werkbot tijd 24:00", "usage.time"),
    ("/werkbot tijd 8.3", "usage.time"),
    ("/werkbot tijd morgen", "usage.time"),
    ("/werkbot dagen maandag tot", "usage.days"),
    ("/werkbot dagen ma,xx", "usage.days"),
    ("/werkbot digest vliegdag 15:00", "usage.werkbot_digest"),
    ("/werkbot digest", "usage.werkbot_digest"),
    ("/werkbot dagen", "usage.werkbot_dagen"),
    ("/werkbot sets", "usage.werkbot_sets"),
    ("/werkbot moderator", "usage.werkbot_moderator"),
    ("/werkbot moderatie half", "usage.werkbot_moderatie"),
    ("/werkbot bewaartermijn", "usage.werkbot_bewaartermijn"),
    ("/werkbot tijdzone", "usage.werkbot_tijdzone"),
    ("/werkbot tijd", "usage.werkbot_tijd"),
    ("/werkbot status nu", "usage.werkbot_plain"),
    ("/werkbot sets werkprincipes,onzin", "usage.sets"),
    ("/werkbot taal de", "usage.werkbot_taal"),
    ("/werkbot tijdzone Mars/Olympus", "usage.timezone"),
    ("/werkbot tijdzone ../../etc/passwd", "usage.timezone"),
    ("/werkbot tijdzone Europe", "usage.timezone"),
    ("/werkbot bewaartermijn ²", "usage.retention"),
    ("/werkbot bewaartermijn ٣٠", "usage.retention"),
    ("/werkbot moderator <script>", "usage.mention"),
    ("/werkbot vliegen", "usage.werkbot"),
    ("/werkbot pauze tot", "usage.werkbot_pauze"),
    ("/werkbot pauze tot morgenochtend", "usage.date"),
    ("/werkbot pauze tot 31 februari", "usage.date"),
    ("/werkbot pauze tot 4-13", "usage.date"),
    ("/werkbot pauze tot 4 ma", "usage.date"),
    ("/werkbot pauze tot ٤-١", "usage.date"),
    ("/werkbot hervat nu", "usage.werkbot_plain"),
    ("/werkbot test 2", "usage.werkbot_plain"),
])
def test_refuses_with_usage(line, key):
    with pytest.raises(UserError) as raised:
        parse(line, SETS)
    assert raised.value.key == key


@pytest.mark.parametrize(("typed", "meant"), [
    ("4 januari", date(2027, 1, 4)),
    ("4 jan", date(2027, 1, 4)),
    ("4 Jan.", date(2027, 1, 4)),
    ("4-1", date(2027, 1, 4)),
    ("04/01", date(2027, 1, 4)),
    ("4 januari 2027", date(2027, 1, 4)),
    ("1 december", date(2026, 12, 1)),   # later this year
    ("23 november", date(2027, 11, 23)),  # past this year: next year's
    ("25 nov", date(2026, 11, 25)),
    ("3 sept", date(2027, 9, 3)),
    ("3 okt", date(2027, 10, 3)),
    ("24 nov 2027", date(2027, 11, 24)),  # a year ahead, as far as a pause with an end reaches
])
def test_a_pause_date_as_people_type_it(typed, meant):
    command = parse(f"/werkbot pauze tot {typed}", SETS)
    assert command.value.first_after(date(2026, 11, 24)) == meant


@pytest.mark.parametrize(("typed", "key"), [
    ("24 november", "usage.date_not_after_today"),
    ("24-11-2026", "usage.date_not_after_today"),
    ("4-1-2020", "usage.date_not_after_today"),
    ("26-11-2027", "usage.date_too_far"),
    ("4-1-9999", "usage.date_too_far"),
    ("29 februari", "usage.date_too_far"),  # the next one is in 2028
])
def test_a_pause_date_not_after_today_or_over_a_year_ahead_is_refused(typed, key):
    with pytest.raises(UserError) as raised:
        parse(f"/werkbot pauze tot {typed}", SETS).value.first_after(date(2026, 11, 24))
    assert raised.value.key == key


def test_unregistered_channel_answers_how_to_start(store, bot):
    stranger = member("someone", chat_id="nowhere")
    for line in ["/mantra", "/verhaal Een verhaal dat nergens heen kan.", "/moderatie", "/digest",
                 "/mijnverhalen", "/werkbot status", "/werkbot tijd 10:00"]:
        assert texts(bot.handle_command(stranger, line, line)) == (
            "Dit kanaal is nog geen team. Een teamlid start de bot met /werkbot start.")
    assert "/mantra" in texts(bot.handle_command(stranger, "/werkbot help", "h"))
    assert store.teams() == [] and list(store.db.query("select * from stories")) == []


def test_settings_change_at_once_and_bad_ones_change_nothing(store, bot, moderator, team_a):
    before = store.team(team_a)
    bot.handle_command(moderator, "/werkbot tijd 25:61", "a")
    bot.handle_command(moderator, "/werkbot sets onbekend", "b")
    assert store.team(team_a) == before
    assert texts(bot.handle_command(moderator, "/werkbot tijd 08:15", "c")) == (
        "Tijd aangepast naar 08:15. Het volgende werkprincipe komt dinsdag 24 november om 08:15.")
    bot.handle_command(moderator, "/werkbot dagen ma wo", "d")
    bot.handle_command(moderator, "/werkbot digest ma 10:00", "e")
    bot.handle_command(moderator, "/werkbot sets gouden-regels,toetsstenen", "f")
    bot.handle_command(moderator, "/werkbot tijdzone Europe/Brussels", "g")
    team = store.team(team_a)
    assert (team.mantra_time, team.mantra_days, team.digest_day, team.digest_time,
            team.sets, team.timezone) == (
        "08:15", ("ma", "wo"), "ma", "10:00", ("gouden-regels", "toetsstenen"), "Europe/Brussels")


def test_a_sub_command_without_its_value_explains_itself_and_changes_nothing(store, bot, moderator, team_a):
    before = store.team(team_a)
    assert texts(bot.handle_command(moderator, "/werkbot taal de", "a")) == (
        "Gebruik: /werkbot taal nl of /werkbot taal en.")
    assert texts(bot.handle_command(moderator, "/werkbot sets", "b")) == (
        "Gebruik: /werkbot sets met de sets erachter, bijvoorbeeld /werkbot sets werkprincipes,toetsstenen. "
        "Kies uit: gouden-regels, houdingsprincipes, interventierichtingen, toetsstenen, werkprincipes.")
    assert texts(bot.handle_command(moderator, "/werkbot bewaartermijn", "c")) == (
        "Gebruik: /werkbot bewaartermijn met een aantal dagen (30 tot 3650), "
        "of /werkbot bewaartermijn uit.")
    assert store.team(team_a) == before


def test_language_switch_changes_the_texts(bot, moderator):
    bot.handle_command(moderator, "/werkbot taal en", "t")
    assert "For today" in texts(bot.handle_command(moderator, "/mantra", "m"))


def test_moderators_added_and_removed_but_never_the_last(store, bot, moderator, team_a):
    # The platform resolved the mention: it names the colleague, with their display name.
    naming = replace(moderator, people=(("colleague", "Sanne de Vries"),))
    assert texts(bot.handle_command(naming, "/werkbot moderator @colleague", "a")) == (
        "Sanne de Vries is nu moderator.")
    assert store.moderators(team_a) == ["coordinator", "colleague"]
    colleague = member("colleague", name="Sanne")
    assert texts(bot.handle_command(colleague, "/moderatie", "q")) == "Er wachten geen verhalen. Mooi zo!"
    status = texts(bot.handle_command(colleague, "/werkbot status", "s"))
    assert "Moderatoren: Coordinator en Sanne\n" in status
    assert texts(bot.handle_command(colleague, "/werkbot moderator weg @coordinator", "b")) == (
        "Coordinator is geen moderator meer.")
    assert store.moderators(team_a) == ["colleague"]
    assert "minstens één" in texts(bot.handle_command(colleague, "/werkbot moderator weg @colleague", "c"))


def test_a_moderator_the_platform_does_not_know_is_refused_and_nothing_changes(store, bot, moderator, team_a):
    assert texts(bot.handle_command(moderator, "/werkbot moderator @onbekend", "a")) == (
        "Ik ken niemand in dit kanaal die @onbekend heet; er is niets veranderd. Noem je collega met @ "
        "en kies de naam uit de lijst die dan verschijnt.")
    assert texts(bot.handle_command(moderator, "/werkbot moderator weg @onbekend", "b")).startswith(
        "Ik ken niemand in dit kanaal die @onbekend heet")
    naming = replace(moderator, people=(("colleague", "Sanne"),))
    assert texts(bot.handle_command(naming, "/werkbot moderator weg @colleague", "c")) == (
        "Sanne is geen moderator van dit team.")
    assert store.moderator_names(team_a) == {"coordinator": "Coordinator"}


def test_removing_a_moderator_whose_name_is_not_known_reads_naturally(store, bot, moderator, team_a):
    # Moderators from before names were kept: the platform never gave theirs.
    store.add_moderator(team_a, "older", "coordinator")
    store.add_moderator(team_a, "oldest", "coordinator")
    assert texts(bot.handle_command(moderator, "/werkbot moderator weg @older", "r1")) == (
        "Die collega is geen moderator meer.")
    bot.handle_command(moderator, "/werkbot taal en", "t")
    assert texts(bot.handle_command(moderator, "/werkbot moderator weg @oldest", "r2")) == (
        "That colleague is no longer a moderator.")
    assert store.moderators(team_a) == ["coordinator"]


def test_stop_pauses_and_start_resumes(store, bot, moderator, team_a):
    bot.handle_command(moderator, "/werkbot stop", "s")
    assert store.team(team_a).paused
    assert "gepauzeerd" in texts(bot.handle_command(moderator, "/werkbot status", "st"))
    bot.handle_command(moderator, "/werkbot start", "s2")
    assert not store.team(team_a).paused


def test_an_internal_failure_gets_a_calm_message_and_no_story_text_in_logs(
        store, bot, moderator, team_a, caplog):
    store.db.execute("create trigger broken_disk before insert on stories "
                     "begin select raise(abort, 'disk says no'); end")
    story = "Dit verhaal mag nooit in een logbestand terechtkomen, ook niet bij een fout."
    replies = bot.handle_command(moderator, f"/verhaal {story}", "k")
    assert texts(replies) == "Er ging bij mij iets mis. Er is niets veranderd; probeer het zo nog eens."
    assert f"command /verhaal failed for team {team_a}" in caplog.text
    assert story not in caplog.text
    assert list(store.db.query("select * from stories")) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line=st.one_of(
    st.text(max_size=80).map(lambda t: "/werkbot " + t),
    st.sampled_from(["/mantra", "/digest", "/moderatie", "/mijnverhalen", "/werkbot"]).flatmap(
        lambda c: st.text(max_size=40).map(lambda t: f"{c} {t}")),
    st.text(max_size=80),
))
def test_any_command_line_gets_a_message_never_a_crash(content, guard, line):
    db = open_database(":memory:")
    bot = WerkBot(Store(db), content, guard)
    bot.team.register(member("coordinator"))
    replies = bot.handle_command(member("coordinator"), line, "k")
    assert replies and all(reply.text.strip() for reply in replies)
    assert "Er ging iets mis" not in texts(replies)
    db.close()


@pytest.mark.parametrize("typed", ["0000", "0001", "9999", "december 9999", "januari 0000",
                                   "tot 9999-12-31", "vanaf 0001-01-01"])
def test_an_export_period_out_of_range_is_refused_with_usage(typed):
    with pytest.raises(UserError) as refused:
        parse(f"/werkbot export csv {typed}")
    assert refused.value.key == "usage.werkbot_export"
