"""/werkbot start welcomes a new team in its channel: what the bot does, when its first posts
come (in words, holidays respected), how to share a story and who moderates, by name."""

from datetime import UTC, datetime

from tests.conftest import member, texts


def started(bot, caller=None):
    """The replies to /werkbot start: the channel's welcome and the caller's own."""
    replies = bot.handle_command(caller or member("coordinator", name="Anouk"), "/werkbot start", "start")
    [welcome] = [reply for reply in replies if reply.audience == "channel"]
    [private] = [reply for reply in replies if reply.audience == "private"]
    return welcome, private


def test_the_channel_hears_what_comes_when_and_who_moderates(bot):
    welcome, private = started(bot)
    assert welcome.text.startswith("Hallo allemaal! Ik ben de werkprincipe-bot.")
    # Tuesday 24 November 2026, 08:00: today's slot is still to come.
    assert ("• Elke werkdag om 09:00 zet ik hier een werkprincipe neer, met een vraag om even bij "
            "stil te staan. Op feestdagen sla ik over. Het eerste komt dinsdag 24 november om 09:00."
            ) in welcome.text
    assert "Het eerste komt vrijdag 27 november om 15:00." in welcome.text
    assert "Deel het met /verhaal" in welcome.text
    assert "Wie er modereert: Anouk." in welcome.text
    assert welcome.team_id == bot.team_of(member("coordinator")).id
    assert "Moderatoren: Anouk\n" in private.text and "Status: actief" in private.text


def test_the_first_mantra_skips_the_days_gone_and_the_holidays(bot, clock):
    # Thursday 24 December 2026, 10:00 in Amsterdam: today's slot passed; Friday is Christmas.
    clock.now = datetime(2026, 12, 24, 9, 0, tzinfo=UTC)
    welcome, _ = started(bot)
    assert "Het eerste komt maandag 28 december om 09:00." in welcome.text
    assert "Het eerste komt vrijdag 25 december om 15:00." in welcome.text


def test_an_english_team_is_welcomed_in_english(bot, clock):
    caller = member("coordinator", name="Anouk")
    started(bot, caller)
    bot.handle_command(caller, "/werkbot taal en", "en")
    team = bot.team_of(caller)
    welcome = bot.team.welcome(team)
    assert "Every working day at 09:00 I post a principle here" in welcome.text
    assert "The first one comes Tuesday 24 November at 09:00." in welcome.text
    assert "Who moderates: Anouk." in welcome.text


def test_a_team_that_exists_gets_no_second_welcome(bot):
    started(bot)
    again = bot.handle_command(member("coordinator"), "/werkbot start", "again")
    assert [reply.audience for reply in again] == ["private"]
    assert texts(again) == "Dit kanaal is al een team. Zie /werkbot status."


def test_help_names_each_set_by_the_id_werkbot_sets_takes(bot):
    help_text = texts(bot.handle_command(member("colleague"), "/werkbot help", "h"))
    assert "De principesets (kies met /werkbot sets" in help_text
    assert "\n• werkprincipes: DichtErBij-werkprincipes (5 principes)\n" in help_text
    assert "\n• gouden-regels: 10 gouden regels voor werken in de wijk (10 principes)" in help_text


def test_help_names_the_moderators(bot):
    started(bot)
    assert texts(bot.handle_command(member("colleague"), "/werkbot help", "h")).endswith(
        "\nModeratoren van dit team: Anouk")


def test_a_moderator_whose_name_is_not_known_yet_is_named_once_they_use_the_bot(bot, store):
    started(bot)
    team = bot.team_of(member("coordinator"))
    # A moderator from before names were kept.
    store.add_moderator(team.id, "older", "coordinator")
    status = texts(bot.handle_command(member("colleague"), "/werkbot status", "s1"))
    assert "Moderatoren: Anouk en een moderator van wie ik de naam nog niet weet\n" in status
    bot.handle_command(member("older", name="Kees"), "/mantra", "m")
    status = texts(bot.handle_command(member("colleague"), "/werkbot status", "s2"))
    assert "Moderatoren: Anouk en Kees\n" in status
    # People rename themselves: the status follows.
    bot.handle_command(member("coordinator", name="Anouk de Vries"), "/mantra", "m2")
    assert "Moderatoren: Anouk de Vries en Kees\n" in texts(
        bot.handle_command(member("colleague"), "/werkbot status", "s3"))
