import asyncio
import json
import time
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlencode

import aiohttp
import pytest
import sqlite_utils

from bot.app import build_runtime
from bot.core.privacy import PrivacyGuard
from bot.scheduler import post_due
from bot.slack import blocks
from tests.slack.conftest import SlackClient, buttons_of, slack_settings, slack_team, text_of
from tests.slack.fake_slack import message_text
from tests.support import until

STORY = "We begonnen klein: een kop koffie bij de buren, en daarna kwam de rest vanzelf."
# The start of the bot's welcome in a new team's channel.
WELCOME = "Hallo allemaal!"


def channel_posts(fake_slack, fragment: str, channel: str = "C1") -> list[dict]:
    """The posts to a channel whose text holds `fragment`: a new team's channel holds the bot's
    welcome too, so posts are told apart by what they say."""
    return [post for post in fake_slack.of("chat.postMessage")
            if post["channel"] == channel and fragment in message_text(post)]


async def test_healthz_reports_each_part(runtime):
    async with aiohttp.ClientSession() as session, session.get(
            f"http://127.0.0.1:{runtime.port}/healthz") as response:
        assert response.status == 200
        health = await response.json()
    assert health == {"slack": "http", "telegram": "off", "scheduler": "running", "privacy_guard": "ready"}


async def test_bad_or_old_signature_is_refused_and_does_nothing(slack, fake_slack, runtime):
    status, _ = await slack.post("command=/werkbot&text=start&team_id=T1&channel_id=C1&user_id=U1",
                                 secret="wrong")
    assert status == 401
    status, _ = await slack.post("command=/werkbot&text=start&team_id=T1&channel_id=C1&user_id=U1",
                                 age=6 * 60)
    assert status == 401
    assert runtime.bot.store.teams() == []
    assert fake_slack.of("chat.postEphemeral") == []


async def test_unregistered_channel_is_told_how_to_start(slack, fake_slack):
    status, _ = await slack.command("/mantra")
    assert status == 200
    sent = await fake_slack.wait_for("chat.postEphemeral")
    assert "nog geen team" in sent[0]["text"] and sent[0]["user"] == "U1" and sent[0]["channel"] == "C1"


async def test_start_mantra_status_and_usage(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await fake_slack.wait_for_text("chat.postEphemeral", "Welkom")
    await slack.command("/mantra")
    await slack.command("/werkbot", "status")
    await slack.command("/werkbot", "vliegen")
    assert (await fake_slack.wait_for_text("chat.postEphemeral", "Voor vandaag"))["user"] == "U1"
    await fake_slack.wait_for_text("chat.postEphemeral", "Moderatoren: Anouk")
    await fake_slack.wait_for_text("chat.postEphemeral", "Typ /werkbot help")
    team = slack_team(runtime)
    assert (team.platform, team.name) == ("slack", "#wijkteam")


async def test_a_private_channel_gets_no_made_up_name(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start", channel_name="privategroup")
    await fake_slack.wait_for("chat.postEphemeral")
    assert slack_team(runtime).name == ""


async def test_ack_comes_fast_even_for_the_digest(slack, fake_slack):
    await slack.command("/werkbot", "start")
    started = time.perf_counter()
    status, body = await slack.command("/digest")
    assert status == 200 and body == ""
    assert time.perf_counter() - started < 3
    await fake_slack.wait_for("chat.postEphemeral", 2)


async def test_story_with_text_is_saved_and_buttons_change_it(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/verhaal", STORY, user="U2", user_name="schrijver")
    sent = await fake_slack.wait_for("chat.postEphemeral", 2)
    saved = next(m for m in sent if "opgeslagen" in m["text"])
    assert saved["user"] == "U2"
    story = runtime.bot.store.story(1)
    assert (story["text"], story["principle_id"], story["author_id"]) == (STORY, "werkprincipe-3", "U2")
    anonymous = next(b for b in buttons_of(saved) if b["action_id"].endswith("|story.anonymous"))
    await slack.click(anonymous, user="U2")
    await fake_slack.wait_for("chat.postEphemeral", 3)
    assert runtime.bot.store.story(1)["anonymous"] == 1
    dm = await fake_slack.wait_for_text("chat.postMessage", "Er wacht een nieuw verhaal")
    assert dm["channel"] == "U1" and "/moderatie" in dm["text"]


async def test_verhaal_without_text_opens_a_modal_and_its_submission_is_stored(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/verhaal")
    opened = await fake_slack.wait_for("views.open")
    view = opened[0]["view"]
    assert view["callback_id"] == "wb_story" and len(view["title"]["text"]) <= 24
    await slack.submit(view, {
        "story": {"text": {"type": "plain_text_input", "value": STORY}},
        "principle": {"choice": {"type": "static_select",
                                 "selected_option": {"value": "werkprincipe-2"}}},
        "anonymous": {"choice": {"type": "checkboxes", "selected_options": [{"value": "1"}]}},
    })
    await fake_slack.wait_for("chat.postEphemeral", 2)
    story = runtime.bot.store.story(1)
    assert (story["text"], story["principle_id"], story["anonymous"]) == (STORY, "werkprincipe-2", 1)


async def test_a_too_short_story_keeps_the_modal_open_with_the_reason(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/verhaal")
    view = (await fake_slack.wait_for("views.open"))[0]["view"]
    status, body = await slack.submit(view, {
        "story": {"text": {"type": "plain_text_input", "value": "  Koffie hielp.  "}},
        "principle": {"choice": {"type": "static_select", "selected_option": None}},
        "anonymous": {"choice": {"type": "checkboxes", "selected_options": []}},
    })
    assert status == 200
    assert json.loads(body) == {"response_action": "errors", "errors": {"story": (
        "Je verhaal is nog wat kort (13 tekens). Schrijf er minstens 20 tekens over, dan kunnen "
        "collega's er iets mee.")}}
    assert runtime.bot.store.story_counts(slack_team(runtime).id) == {}
    assert len(fake_slack.of("chat.postEphemeral")) == 1  # only the welcome
    # The same for a moderator's "Tekst aanpassen" form.
    await slack.command("/verhaal", STORY)
    await slack.command("/moderatie")
    queue = await fake_slack.wait_for("chat.postEphemeral", 4)
    redact = next(b for b in buttons_of(queue[-1]) if b["action_id"].endswith("|mod.redact"))
    await slack.click(redact)
    form = (await fake_slack.wait_for("views.open", 2))[-1]["view"]
    assert form["blocks"][0]["element"]["initial_value"] == STORY, "the moderator edits, not retypes"
    status, body = await slack.submit(form, {"answer": {"text": {"type": "plain_text_input",
                                                                 "value": "Te kort."}}})
    assert json.loads(body)["errors"]["answer"].startswith("Je verhaal is nog wat kort (8 tekens).")
    assert runtime.bot.store.story(1)["text"] == STORY


async def test_mijnverhalen_lists_edits_withdraws_and_exports(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/verhaal", STORY, user="U2")
    await fake_slack.wait_for_text("chat.postEphemeral", "opgeslagen")
    await slack.command("/mijnverhalen", user="U2")
    header = await fake_slack.wait_for_text("chat.postEphemeral", "Je verhalen in dit team")
    item = await fake_slack.wait_for_text("chat.postEphemeral", "Nr. 1 · wacht op moderatie")
    assert header["user"] == "U2" and header["text"] == "Je verhalen in dit team (1):"
    assert item["user"] == "U2" and item["text"].startswith("Nr. 1 · wacht op moderatie")
    edit = next(b for b in buttons_of(item) if b["action_id"].endswith("|story.edit"))
    await slack.click(edit, user="U2")
    form = (await fake_slack.wait_for("views.open"))[0]["view"]
    assert form["blocks"][0]["element"]["initial_value"] == STORY
    edited = "We begonnen klein: een kop koffie bij de buren, en toen vertelden ze over de tuin."
    await slack.submit(form, {"answer": {"text": {"type": "plain_text_input", "value": edited}}},
                       user="U2")
    await fake_slack.wait_for_text("chat.postEphemeral", "is aangepast")
    assert runtime.bot.store.story(1)["text"] == edited
    export = next(b for b in buttons_of(header) if b["action_id"].endswith("|story.export"))
    await slack.click(export, user="U2")
    as_json = await fake_slack.wait_for_text("chat.postEphemeral", f'"text": "{edited}"')
    readable = await fake_slack.wait_for_text("chat.postEphemeral", f"\n{edited}")
    assert readable is not as_json and readable["user"] == as_json["user"] == "U2"
    withdraw = next(b for b in buttons_of(item) if b["action_id"].endswith("|story.withdraw"))
    await slack.click(withdraw, user="U2")
    confirm = await fake_slack.wait_for_text("chat.postEphemeral", "Weet je zeker dat je verhaal nr. 1")
    await slack.click(buttons_of(confirm)[0], user="U2")
    await fake_slack.wait_for_text("chat.postEphemeral", "is ingetrokken; de tekst is verwijderd")
    story = runtime.bot.store.story(1)
    assert (story["status"], story["text"]) == ("withdrawn", None)


async def test_moderation_buttons_and_reject_reason_modal(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/verhaal", STORY, user="U2")
    second = "Tweede verhaal: de buren helpen nu elkaar met de boodschappen."
    await slack.command("/verhaal", second, user="U2")
    await fake_slack.wait_for_text("chat.postEphemeral", "(nr. 2) is opgeslagen")
    await slack.command("/moderatie")
    first_item = await fake_slack.wait_for_text("chat.postEphemeral", STORY[:40])
    second_item = await fake_slack.wait_for_text("chat.postEphemeral", second[:40])
    approve = next(b for b in buttons_of(first_item) if b["action_id"].endswith("|mod.approve"))
    await slack.click(approve)
    approved_note = await fake_slack.wait_for_text("chat.postMessage", "goedgekeurd")
    assert approved_note["channel"] == "U2"
    assert runtime.bot.store.story(1)["status"] == "approved"
    reject = next(b for b in buttons_of(second_item) if b["action_id"].endswith("|mod.reject"))
    await slack.click(reject)
    modal = (await fake_slack.wait_for("views.open"))[0]["view"]
    _, body = await slack.submit(modal, {"answer": {"text": {"type": "plain_text_input", "value": "  "}}})
    assert json.loads(body)["errors"] == {
        "answer": "Geef een korte reden, zodat de auteur weet waarom het verhaal niet geplaatst wordt."}
    assert runtime.bot.store.story(2)["status"] == "pending"
    await slack.submit(modal, {"answer": {"text": {"type": "plain_text_input",
                                                   "value": "Graag zonder de naam van de flat."}}})
    rejected_note = await fake_slack.wait_for_text("chat.postMessage", "Graag zonder de naam van de flat.")
    assert rejected_note["channel"] == "U2"
    assert runtime.bot.store.story(2)["reject_reason"] == "Graag zonder de naam van de flat."


async def test_forged_cross_team_button_changes_nothing(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/verhaal", STORY, user="U2")
    await slack.command("/werkbot", "start", user="U9", channel="C9", team="T9")
    forged = {"action_id": "wb0|do|mod.approve", "value": "1",
              "text": {"type": "plain_text", "text": "Goedkeuren"}}
    await slack.click(forged, user="U9", channel="C9", team="T9")
    sent = await fake_slack.wait_for("chat.postEphemeral", 4)
    assert "kan ik niet vinden" in sent[-1]["text"]
    assert runtime.bot.store.story(1)["status"] == "pending"


async def test_mentions_in_a_story_never_ping(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/werkbot", "moderatie uit")
    await slack.command("/verhaal", "<!channel> <!here> <@U2> en <https://voorbeeld.test|klik> "
                        "werden geen meldingen, gelukkig.")
    await slack.command("/digest")
    sent = await fake_slack.wait_for("chat.postEphemeral", 4)
    digest_text = text_of(sent[-1])
    assert "&lt;!channel&gt; &lt;!here&gt; &lt;@U2&gt;" in digest_text
    assert "<!channel>" not in digest_text and "<@U2>" not in digest_text
    assert all(call.args.get("link_names") in (None, False, "0", "false") for call in fake_slack.calls)


async def digest_ready_to_post(slack, fake_slack) -> dict:
    """A team with one approved story, whose moderator previews the digest: its 'nu plaatsen'
    button (the channel has only the bot's welcome yet)."""
    await slack.command("/werkbot", "start")
    await fake_slack.wait_for_text("chat.postMessage", WELCOME)
    await slack.command("/werkbot", "moderatie uit")
    await slack.command("/verhaal", STORY)
    await slack.command("/digest")
    sent = await fake_slack.wait_for("chat.postEphemeral", 4)
    return next(b for b in buttons_of(sent[-1]) if b["action_id"].endswith("|digest.post"))


def digest_delivery(runtime) -> dict | None:
    store = runtime.bot.store
    team = slack_team(runtime)
    return store.delivery(team.id, "digest", runtime.bot.digests.compile(team).week)


async def test_post_now_posts_to_the_channel_with_chart_and_survives_a_429(slack, fake_slack, runtime):
    post_now = await digest_ready_to_post(slack, fake_slack)
    fake_slack.rate_limit["chat.postMessage"] = 1
    await slack.click(post_now)
    await until(lambda: len(channel_posts(fake_slack, "Inspiratie van week")) == 2, timeout=15)
    refused, posted = channel_posts(fake_slack, "Inspiratie van week")
    assert refused == posted, "the same message again after the 429"
    await fake_slack.wait_for("files.completeUploadExternal")
    assert fake_slack.uploads[0].startswith(b"\x89PNG")
    # The delivery is marked sent once the upload's answer is back, a moment after Slack saw it.
    for _ in range(250):
        if digest_delivery(runtime)["status"] == "sent":
            break
        await asyncio.sleep(0.02)
    assert digest_delivery(runtime)["status"] == "sent"


async def test_a_chart_that_fails_does_not_post_the_digest_twice(slack, fake_slack, runtime, caplog):
    fake_slack.errors["files.getUploadURLExternal"] = "not_allowed_token_type"
    await slack.click(await digest_ready_to_post(slack, fake_slack))
    await fake_slack.wait_for("files.getUploadURLExternal")
    for _ in range(250):
        if digest_delivery(runtime)["status"] != "claimed":
            break
        await asyncio.sleep(0.02)
    assert digest_delivery(runtime)["status"] == "sent"
    assert len(channel_posts(fake_slack, "Inspiratie van week")) == 1
    assert (f"the digest chart for team {slack_team(runtime).id} could not be posted: SlackApiError"
            in caplog.text)


async def test_stopping_mid_post_lets_the_post_finish_first(slack, fake_slack, runtime):
    post_now = await digest_ready_to_post(slack, fake_slack)
    fake_slack.rate_limit["chat.postMessage"] = 1
    await slack.click(post_now)
    await fake_slack.wait_for_text("chat.postMessage", "Inspiratie van week")
    assert digest_delivery(runtime)["status"] == "claimed"
    # Slack asked to retry in a second; the bot is told to stop before then.
    await runtime.stop()
    assert len(channel_posts(fake_slack, "Inspiratie van week")) == 2
    assert fake_slack.of("files.completeUploadExternal")
    database = sqlite_utils.Database(runtime.settings.database)
    assert next(database.query("select status from deliveries where kind = 'digest'"))["status"] == "sent"


async def test_app_home_shows_mantra_my_stories_and_queue(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/verhaal", STORY)
    await fake_slack.wait_for("chat.postEphemeral", 2)
    status, _ = await slack.event({"type": "app_home_opened", "user": "U1", "tab": "home",
                                   "channel": "D1"})
    assert status == 200
    published = (await fake_slack.wait_for("views.publish"))[0]
    assert published["user_id"] == "U1"
    home = "\n".join(b["text"]["text"] for b in published["view"]["blocks"] if b["type"] == "section")
    assert "Team #wijkteam" in home and "Voor vandaag" in home
    assert "nr. 1 · wacht op moderatie" in home
    assert "Wachten op moderatie: 1" in home


async def test_message_shortcut_opens_a_prefilled_story_modal(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.interact({
        "type": "message_action", "callback_id": "bewaar_als_verhaal", "team": {"id": "T1"},
        "channel": {"id": "C1"}, "user": {"id": "U1", "username": "u1"},
        "trigger_id": "trigger-shortcut", "message": {"text": "Wat een mooi gesprek met de buren vandaag!"},
        "message_ts": "1.0", "response_url": "http://127.0.0.1:1/r"})
    view = (await fake_slack.wait_for("views.open"))[0]["view"]
    story_block = next(b for b in view["blocks"] if b["block_id"] == "story")
    assert story_block["element"]["initial_value"] == "Wat een mooi gesprek met de buren vandaag!"


async def test_story_with_a_phone_number_asks_first_and_stores_masked(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/verhaal", "Mevrouw belde me terug op 06-38271945 en toen lukte het.")
    sent = await fake_slack.wait_for("chat.postEphemeral", 2)
    assert "[telefoonnummer]" in text_of(sent[-1]) and "06-38271945" not in str(sent[-1])
    assert list(runtime.bot.store.db.query("select * from stories")) == []
    # "Aanpassen" opens a form that starts from what the author typed (Slack's own state).
    edit = next(b for b in buttons_of(sent[-1]) if b["action_id"].endswith("|draft.edit"))
    await slack.click(edit)
    form = (await fake_slack.wait_for("views.open"))[0]["view"]
    assert form["blocks"][0]["element"]["initial_value"] == (
        "Mevrouw belde me terug op 06-38271945 en toen lukte het.")
    assert list(runtime.bot.store.db.query("select * from stories")) == []
    store_masked = next(b for b in buttons_of(sent[-1]) if b["action_id"].endswith("|draft.mask"))
    await slack.click(store_masked)
    await fake_slack.wait_for("chat.postEphemeral", 3)
    assert runtime.bot.store.story(1)["text"] == (
        "Mevrouw belde me terug op [telefoonnummer] en toen lukte het.")


async def mantra_due_now(slack, fake_slack, clock) -> str:
    """A new team whose first mantra falls due (09:00 on Tuesday 24 November 2026, by the test's
    clock); the period key of that mantra."""
    await slack.command("/werkbot", "start")
    await fake_slack.wait_for_text("chat.postEphemeral", "Welkom")
    await fake_slack.wait_for_text("chat.postMessage", WELCOME)
    clock.advance(hours=1)
    return "2026-11-24"


async def test_scheduled_mantra_reaches_the_channel(slack, fake_slack, runtime, clock):
    await mantra_due_now(slack, fake_slack, clock)
    await post_due(runtime.bot, runtime.deliver)
    assert len(channel_posts(fake_slack, "Voor vandaag")) == 1
    await post_due(runtime.bot, runtime.deliver)
    assert len(channel_posts(fake_slack, "Voor vandaag")) == 1


async def test_moderators_hear_once_when_the_bot_can_no_longer_post_in_the_channel(
        slack, fake_slack, runtime, clock):
    today = await mantra_due_now(slack, fake_slack, clock)
    store = runtime.bot.store
    team = slack_team(runtime)
    fake_slack.channel_errors["C1"] = "not_in_channel"
    await post_due(runtime.bot, runtime.deliver)
    notices = [call for call in fake_slack.of("chat.postMessage") if call["channel"] == "U1"]
    assert [n["text"] for n in notices] == [
        "Ik kon het werkprincipe van vandaag niet in het kanaal van je team plaatsen: ik ben er geen "
        "lid meer van, of het kanaal is gearchiveerd. Voeg me weer toe aan het kanaal of de groep; ik "
        "probeer het de komende uren nog een paar keer."]
    delivery = store.delivery(team.id, "mantra", today)
    assert (delivery["status"], delivery["attempts"]) == ("failed", 1)
    # The retry, once its wait is over, fails too, without a second note.
    clock.advance(seconds=31)
    await post_due(runtime.bot, runtime.deliver)
    assert store.delivery(team.id, "mantra", today)["attempts"] == 2
    assert len([call for call in fake_slack.of("chat.postMessage") if call["channel"] == "U1"]) == 1


async def test_a_slack_error_while_answering_loses_no_story(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await fake_slack.wait_for("chat.postEphemeral")
    fake_slack.errors["chat.postEphemeral"] = "fatal_error"
    status, _ = await slack.command("/verhaal", STORY)
    assert status == 200
    await fake_slack.wait_for("chat.postEphemeral", 2)
    assert runtime.bot.store.story(1)["text"] == STORY


async def test_in_a_channel_without_the_bot_the_answer_comes_with_how_to_invite_it(
        slack, fake_slack, runtime):
    fake_slack.errors["chat.postEphemeral"] = "not_in_channel"
    await slack.command("/werkbot", "start")
    welcome = await fake_slack.wait_for_text("response_url", "Welkom")
    invite = await fake_slack.wait_for_text("response_url", "Ik ben nog geen lid van dit kanaal")
    assert welcome["response_type"] == "ephemeral" and invite["response_type"] == "ephemeral"
    assert invite["text"] == ("Ik ben nog geen lid van dit kanaal, dus werkprincipes en weekoverzichten "
                              "kan ik hier niet plaatsen. Voeg me toe met /invite en mijn naam.")
    assert slack_team(runtime).platform == "slack"


class SlowLoadingGuard(PrivacyGuard):
    """The real guard, loading as slowly as on a first start on a slow machine."""

    def load(self) -> None:
        time.sleep(3)
        super().load()


async def test_a_story_sent_while_the_guard_still_loads_waits_with_even_geduld(
        tmp_path, fake_slack, content, guard_cache):
    guard = SlowLoadingGuard(content.guard_words, guard_cache)
    runtime = build_runtime(slack_settings(tmp_path, fake_slack), content, guard, host="127.0.0.1")
    await runtime.start()
    try:
        slack = SlackClient(runtime.port, fake_slack.response_url)
        await slack.command("/werkbot", "start")
        await fake_slack.wait_for("chat.postEphemeral")
        started = time.perf_counter()
        status, _ = await slack.command("/verhaal", STORY)
        assert status == 200 and time.perf_counter() - started < 3, "the ack does not wait"
        waiting = await fake_slack.wait_for_text("chat.postEphemeral", "Even geduld", timeout=30)
        assert waiting["text"] == "Even geduld, de privacycontrole wordt nog geladen…"
        saved = await fake_slack.wait_for_text("chat.postEphemeral", "is opgeslagen", timeout=30)
        assert saved["text"].startswith("Dank je wel! Je verhaal (nr. 1) is opgeslagen")
        assert fake_slack.of("chat.postEphemeral").index(waiting) < fake_slack.of(
            "chat.postEphemeral").index(saved), "the author hears why before the story is stored"
        assert runtime.bot.store.story(1)["text"] == STORY
    finally:
        await runtime.stop()


async def test_a_slack_mention_makes_that_member_a_moderator(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await slack.command("/werkbot", "moderator <@U2|collega>")
    added = await fake_slack.wait_for_text("chat.postEphemeral", "is nu moderator")
    assert added["text"] == "Jeroen is nu moderator.", "Slack's display name, never the id"
    assert runtime.bot.store.moderators(slack_team(runtime).id) == ["U1", "U2"]


async def test_a_replayed_signed_request_changes_nothing(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await fake_slack.wait_for_text("chat.postEphemeral", "Welkom")
    body = urlencode({"token": "x", "team_id": "T1", "channel_id": "C1", "channel_name": "wijkteam",
                      "user_id": "U1", "user_name": "u1", "command": "/werkbot",
                      "text": "moderator <@U2|collega>", "response_url": fake_slack.response_url,
                      "trigger_id": "trigger-replayed"})
    assert (await slack.post(body))[0] == 200
    await fake_slack.wait_for_text("chat.postEphemeral", "Jeroen is nu moderator")
    await slack.command("/werkbot", "moderator weg <@U2>")
    await fake_slack.wait_for_text("chat.postEphemeral", "Jeroen is geen moderator meer")
    assert (await slack.post(body))[0] == 200, "signed and within five minutes: Bolt lets it in"
    await slack.command("/werkbot", "status")
    await fake_slack.wait_for_text("chat.postEphemeral", "Moderatoren: Anouk\n")
    assert runtime.bot.store.moderators(slack_team(runtime).id) == ["U1"]


async def test_malformed_requests_get_400_or_401_never_500(slack, runtime):
    assert (await slack.post("command=/mantra&text=", timestamp="abc"))[0] == 401
    status, body = await slack.post(urlencode({"payload": "{not json"}))
    assert status == 400 and "Traceback" not in body
    for payload in ({"view": {"id": "V1", "callback_id": "wb_ask"}}, {"type": 5}, []):
        status, body = await slack.post(urlencode({"payload": json.dumps(payload)}))
        assert status == 400 and "Traceback" not in body
    status, _ = await slack.post(urlencode({"payload": json.dumps({"type": "unknown_kind"})}))
    assert status == 404, "well-formed but nothing here for it: Bolt's own answer"
    assert runtime.bot.store.teams() == []


async def test_a_confirmation_slack_did_not_take_arrives_once_slack_is_back(slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await fake_slack.wait_for_text("chat.postEphemeral", "Welkom")
    runtime.conversation.retry_seconds = (0.5, 1.0, 2.0)
    # Down for longer than slack-sdk's own five quick retries.
    fake_slack.unavailable["chat.postEphemeral"] = 7
    await slack.command("/verhaal", STORY)
    saved = await fake_slack.wait_for_text("chat.postEphemeral", "is opgeslagen", timeout=40)
    assert saved["user"] == "U1" and runtime.bot.store.story(1)["text"] == STORY
    assert len([m for m in fake_slack.of("chat.postEphemeral") if "is opgeslagen" in m["text"]]) == 1


async def test_a_connection_lost_after_slack_took_the_call_never_gives_a_second_confirmation(
        slack, fake_slack, runtime):
    await slack.command("/werkbot", "start")
    await fake_slack.wait_for_text("chat.postEphemeral", "Welkom")
    runtime.conversation.retry_seconds = (0.2, 0.2)
    fake_slack.drop_after_receipt["chat.postEphemeral"] = 1
    await slack.command("/verhaal", STORY)
    await fake_slack.wait_for_text("chat.postEphemeral", "is opgeslagen")
    await slack.command("/werkbot", "status")
    await fake_slack.wait_for_text("chat.postEphemeral", "Wachtende verhalen: 1")
    assert len([m for m in fake_slack.of("chat.postEphemeral") if "is opgeslagen" in m["text"]]) == 1


@pytest.fixture
async def impatient_runtime(tmp_path, fake_slack, content, guard, clock):
    """A runtime whose Slack client gives up on an answer after one second."""
    settings = slack_settings(tmp_path, fake_slack)
    slack_section = replace(settings.platforms["slack"], timeout_seconds=1.0)
    running = build_runtime(replace(settings, platforms={"slack": slack_section}), content, guard,
                            host="127.0.0.1", clock=clock)
    await running.start()
    yield running
    await running.stop()


async def test_a_post_answered_after_the_timeout_is_found_by_its_metadata_and_not_sent_twice(
        fake_slack, impatient_runtime, clock):
    runtime = impatient_runtime
    slack = SlackClient(runtime.port, fake_slack.response_url)
    today = await mantra_due_now(slack, fake_slack, clock)
    fake_slack.slow["chat.postMessage"] = 2.5
    await post_due(runtime.bot, runtime.deliver)
    team = slack_team(runtime)
    delivery = runtime.bot.store.delivery(team.id, "mantra", today)
    assert delivery["status"] == "unknown"
    clock.advance(seconds=31)
    await post_due(runtime.bot, runtime.deliver)
    posts = channel_posts(fake_slack, "Voor vandaag")
    assert len(posts) == 1, "found in the channel's history, not posted again"
    assert posts[0]["metadata"]["event_payload"]["key"] == f"{team.id}|mantra|{today}"
    assert fake_slack.of("conversations.history")[0]["include_all_metadata"] in ("1", "true", "True")
    assert runtime.bot.store.delivery(team.id, "mantra", today)["status"] == "sent"


async def test_a_post_whose_connection_dropped_after_receipt_is_not_posted_twice(
        slack, fake_slack, runtime, clock):
    today = await mantra_due_now(slack, fake_slack, clock)
    fake_slack.drop_after_receipt["chat.postMessage"] = 1
    await post_due(runtime.bot, runtime.deliver)
    clock.advance(seconds=31)
    await post_due(runtime.bot, runtime.deliver)
    assert len(channel_posts(fake_slack, "Voor vandaag")) == 1
    assert runtime.bot.store.delivery(slack_team(runtime).id, "mantra", today)["status"] == "sent"


async def test_a_post_that_never_arrived_is_sent_after_the_look(slack, fake_slack, runtime, clock):
    today = await mantra_due_now(slack, fake_slack, clock)
    team = slack_team(runtime)
    runtime.bot.store.claim_delivery(team.id, "mantra", today)
    runtime.bot.store.finish_delivery(team.id, "mantra", today, "unknown", "unknown: TimeoutError")
    clock.advance(seconds=31)
    await post_due(runtime.bot, runtime.deliver)
    assert fake_slack.of("conversations.history"), "it looked first"
    assert len(channel_posts(fake_slack, "Voor vandaag")) == 1


async def digest_of_several_messages_due(slack, fake_slack, runtime, clock, monkeypatch) -> None:
    """Four approved stories and a digest falling due on Friday 27 November at 15:00, split
    over messages of one block each (Slack's limit is 50) so that a few stories make several."""
    monkeypatch.setattr(blocks, "MAX_BLOCKS", 1)
    await slack.command("/werkbot", "start")
    await fake_slack.wait_for_text("chat.postMessage", WELCOME)
    await slack.command("/werkbot", "moderatie uit")
    for opening in ("Eerste", "Tweede", "Derde", "Vierde"):
        await slack.command("/verhaal", f"{opening} verhaal. {STORY}")
    await until(lambda: runtime.bot.store.db["stories"].count == 4)
    clock.now = datetime(2026, 11, 27, 14, 1, tzinfo=UTC)


def digest_posts(fake_slack) -> list[dict]:
    keys = [(p, p.get("metadata", {}).get("event_payload", {}).get("key", ""))
            for p in fake_slack.of("chat.postMessage") if p["channel"] == "C1"]
    return [post for post, key in keys if "|digest|" in key]


async def test_a_digest_that_failed_halfway_sends_only_the_rest(
        slack, fake_slack, runtime, clock, monkeypatch):
    await digest_of_several_messages_due(slack, fake_slack, runtime, clock, monkeypatch)
    # Down for longer than slack-sdk's own quick retries, from the second message on.
    fake_slack.healthy_first["chat.postMessage"], fake_slack.unavailable["chat.postMessage"] = 1, 6
    await post_due(runtime.bot, runtime.deliver)
    assert (digest_delivery(runtime)["status"], digest_delivery(runtime)["parts_sent"]) == ("failed", 1)
    clock.advance(minutes=5)
    await post_due(runtime.bot, runtime.deliver)
    assert digest_delivery(runtime)["status"] == "sent"
    parts = [p["metadata"]["event_payload"]["part"] for p in digest_posts(fake_slack)]
    assert len(parts) >= 3 and parts == list(range(len(parts))), "each message once, in order"
    everything = json.dumps([p["blocks"] for p in digest_posts(fake_slack)])
    for opening in ("Eerste", "Tweede", "Derde", "Vierde"):
        assert everything.count(f"{opening} verhaal") == 1


async def test_a_digest_whose_second_message_had_an_unknown_fate_sends_what_the_channel_lacks(
        slack, fake_slack, runtime, clock, monkeypatch):
    await digest_of_several_messages_due(slack, fake_slack, runtime, clock, monkeypatch)
    fake_slack.healthy_first["chat.postMessage"], fake_slack.drop_after_receipt["chat.postMessage"] = 1, 1
    await post_due(runtime.bot, runtime.deliver)
    assert digest_delivery(runtime)["status"] == "unknown"
    clock.advance(minutes=5)
    await post_due(runtime.bot, runtime.deliver)
    assert fake_slack.of("conversations.history"), "it looked first"
    parts = [p["metadata"]["event_payload"]["part"] for p in digest_posts(fake_slack)]
    assert len(parts) >= 3 and parts == list(range(len(parts))), "the dropped one was found, not resent"
    assert digest_delivery(runtime)["status"] == "sent"


async def test_one_teams_hanging_post_never_holds_the_others(slack, fake_slack, runtime, clock):
    channels = [f"C{n}" for n in range(1, 22)]
    for channel in channels:
        await slack.command("/werkbot", "start", channel=channel)
    await until(lambda: {p["channel"] for p in fake_slack.of("chat.postMessage")
                         if WELCOME in message_text(p)} == set(channels))
    fake_slack.slow_channels["C1"] = 6.0
    clock.advance(hours=1)
    started = time.monotonic()
    task = asyncio.create_task(post_due(runtime.bot, runtime.deliver))
    await until(lambda: len({p["channel"] for p in fake_slack.of("chat.postMessage")
                             if "Voor vandaag" in message_text(p)} - {"C1"}) == 20, timeout=6)
    assert time.monotonic() - started < 5, "the other twenty came while C1's post still hung"
    await task


async def test_a_start_while_slack_is_down_keeps_trying_and_serves_once_slack_is_back(
        tmp_path, fake_slack, content, guard, clock):
    # Down for longer than slack-sdk's own five quick retries of the token check.
    fake_slack.unavailable["auth.test"] = 6
    runtime = build_runtime(slack_settings(tmp_path, fake_slack), content, guard, host="127.0.0.1",
                            clock=clock)
    try:
        await runtime.start()
        assert runtime.health()["slack"] == "connecting"
        async with (aiohttp.ClientSession() as session,
                    session.get(f"http://127.0.0.1:{runtime.port}/healthz") as response):
            assert (await response.json())["slack"] == "connecting"
        await until(lambda: runtime.health()["slack"] == "http", timeout=30)
        slack = SlackClient(runtime.port, fake_slack.response_url)
        await slack.command("/werkbot", "start")
        await fake_slack.wait_for_text("chat.postEphemeral", "Welkom")
    finally:
        await runtime.stop()
