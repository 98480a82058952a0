"""A new team's welcome in its Slack channel, and members by their Slack display name
(users.info, asked once an hour per member), never by their id."""

import time

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.names import NAME_SECONDS, SlackNames
from tests.slack.fake_slack import message_text

WELCOME = "Hallo allemaal!"
STORY = "We begonnen klein: een kop koffie bij de buren, en daarna kwam de rest vanzelf."


async def test_start_welcomes_the_whole_channel_with_the_first_posts_in_words(slack, fake_slack):
    await slack.command("/werkbot", "start")
    welcome = await fake_slack.wait_for_text("chat.postMessage", WELCOME)
    assert welcome["channel"] == "C1", "in the channel, for everyone"
    text = message_text(welcome)
    # Tuesday 24 November 2026, 08:00 in Amsterdam by the test's clock.
    assert "Elke werkdag om 09:00 zet ik hier een werkprincipe neer" in text
    assert "Het eerste komt dinsdag 24 november om 09:00." in text
    assert "Het eerste komt vrijdag 27 november om 15:00." in text
    assert "Deel het met /verhaal" in text
    assert "Wie er modereert: Anouk." in text
    private = await fake_slack.wait_for_text("chat.postEphemeral", "Welkom!")
    assert private["user"] == "U1" and "Moderatoren: Anouk\n" in message_text(private)
    assert [p for p in fake_slack.of("chat.postEphemeral") if WELCOME in message_text(p)] == []


async def test_status_help_and_queue_name_people_as_slack_shows_them(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/werkbot", "moderator <@U2|jeroen.b>")
    await fake_slack.wait_for_text("chat.postEphemeral", "Jeroen is nu moderator.")
    await slack.command("/verhaal", STORY, user="U3", user_name="fatima.k")
    await fake_slack.wait_for_text("chat.postEphemeral", "is opgeslagen")
    await slack.command("/werkbot", "status", user="U3")
    status = await fake_slack.wait_for_text("chat.postEphemeral", "Moderatoren: Anouk en Jeroen\n")
    assert status["user"] == "U3"
    await slack.command("/werkbot", "help", user="U4")
    help_text = await fake_slack.wait_for_text("chat.postEphemeral", "Moderatoren van dit team")
    assert help_text["text"].endswith("Moderatoren van dit team: Anouk en Jeroen")
    await slack.command("/moderatie", user="U2")
    item = await fake_slack.wait_for_text("chat.postEphemeral", STORY[:40])
    assert "Fatima" in message_text(item) and "fatima.k" not in message_text(item)
    # Slack was asked once per member, however many requests they sent.
    asked = [call["user"] for call in fake_slack.of("users.info")]
    assert sorted(asked) == ["U1", "U2", "U3", "U4"]


async def test_a_name_slack_does_not_know_is_refused_and_nothing_changes(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await fake_slack.wait_for_text("chat.postEphemeral", "Welkom!")
    # Typed as plain text: Slack made no mention of it, so no member has that name.
    await slack.command("/werkbot", "moderator @pietje")
    refused = await fake_slack.wait_for_text("chat.postEphemeral", "Ik ken niemand")
    assert refused["text"] == (
        "Ik ken niemand in dit kanaal die @pietje heet; er is niets veranderd. Noem je collega met @ "
        "en kies de naam uit de lijst die dan verschijnt.")
    # A mention of an account Slack does not know (deactivated, say): refused, by its label.
    await slack.command("/werkbot", "moderator <@U99|oud.account>")
    await fake_slack.wait_for_text("chat.postEphemeral", "die @oud.account heet")
    await slack.command("/werkbot", "status")
    status = await fake_slack.wait_for_text("chat.postEphemeral", "Moderatoren:")
    assert "Moderatoren: Anouk\n" in status["text"]
    team = runtime.bot.store.team_at("slack", "T1:C1")
    assert runtime.bot.store.moderators(team.id) == ["U1"]
    assert not any("U99" in call.get("text", "") for call in fake_slack.of("chat.postEphemeral"))


async def test_a_moderator_who_renames_themselves_is_shown_by_the_new_name(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await fake_slack.wait_for_text("chat.postEphemeral", "Welkom!")
    fake_slack.members["U1"] = "Anouk de Vries"
    # The name Slack gave is kept for an hour; after that Slack is asked again.
    runtime.platforms["slack"].names.clock = lambda: time.monotonic() + 2 * NAME_SECONDS
    await slack.command("/werkbot", "status", user="U2")
    status = await fake_slack.wait_for_text("chat.postEphemeral", "Moderatoren:")
    assert "Moderatoren: Anouk\n" in status["text"], "U2's request brings U2's name only"
    await slack.command("/mantra")
    await fake_slack.wait_for_text("chat.postEphemeral", "Voor vandaag")
    await slack.command("/werkbot", "status", user="U2")
    await fake_slack.wait_for_text("chat.postEphemeral", "Moderatoren: Anouk de Vries\n")


async def test_names_are_asked_once_an_hour_and_an_unknown_member_is_none(fake_slack):
    now = [0.0]
    client = AsyncWebClient(token="xoxb-test", base_url=fake_slack.url)
    names = SlackNames(client, clock=lambda: now[0])
    assert await names.name("U2") == "Jeroen"
    fake_slack.members["U2"] = "Jeroen B."
    assert await names.name("U2") == "Jeroen", "kept in memory"
    now[0] += NAME_SECONDS + 1
    assert await names.name("U2") == "Jeroen B."
    assert await names.name("U99") is None
    assert [call["user"] for call in fake_slack.of("users.info")] == ["U2", "U2", "U99"]
