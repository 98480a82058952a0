"""Block Kit rendering: pure functions, checked against Slack's published limits."""

from bot.core.digest import Digest, DigestGroup, DigestStory
from bot.core.model import Ask, Button, Reply
from bot.slack import blocks

LIMITS = {"blocks": 50, "section": 3000, "header": 150, "button_text": 75, "button_value": 2000,
          "elements": 25, "action_id": 255}


def assert_within_limits(message: dict) -> None:
    assert len(message["blocks"]) <= LIMITS["blocks"]
    action_ids = []
    for block in message["blocks"]:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= LIMITS["section"]
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= LIMITS["header"]
        if block["type"] == "actions":
            assert len(block["elements"]) <= LIMITS["elements"]
            for element in block["elements"]:
                assert len(element["text"]["text"]) <= LIMITS["button_text"]
                assert 0 < len(element["value"]) <= LIMITS["button_value"]
                assert len(element["action_id"]) <= LIMITS["action_id"]
                action_ids.append(element["action_id"])
    assert len(action_ids) == len(set(action_ids))


def test_a_digest_of_120_long_stories_fits_and_loses_nothing(content):
    principles = content.catalogue.in_sets(["werkprincipes", "houdingsprincipes"])
    stories = [DigestStory(n, f"Verhaal {n:03d}: " + "wat werkte & waarom <echt> " * 34,
                           None if n % 3 else f"Collega {n}", principles[n % len(principles)].id)
               for n in range(120)]
    groups = [DigestGroup(p, tuple(s for s in stories if s.principle_id == p.id)) for p in principles]
    digest = Digest("team-1", "2026-W48", "nl", stories[7], tuple(groups), (), 120, (10, 12, 9, 14))
    messages = blocks.digest_messages(digest, content.messages,
                                      [Button("Nu plaatsen", "digest.post")])
    assert len(messages) > 1
    for message in messages:
        assert_within_limits(message)
    rendered = "\n".join(b["text"]["text"] for m in messages for b in m["blocks"]
                         if b["type"] == "section")
    for n in range(120):
        assert f"Verhaal {n:03d}:" in rendered
    assert "<echt>" not in rendered and "&lt;echt&gt;" in rendered
    assert "*\n_Uit: DichtErBij-methode_\n" in rendered, "each principle's heading credits its source"
    assert messages[-1]["blocks"][-1]["type"] == "actions"


def test_a_long_reply_with_many_buttons_splits_into_valid_messages():
    buttons = [Button(f"principe-{n} met een hele lange naam die niet in een knop past " * 2,
                      "story.tag", f"1:principe-{n}") for n in range(29)]
    reply = Reply("Regel\n" * 2000, buttons=buttons)
    messages = blocks.reply_messages(reply)
    for message in messages:
        assert_within_limits(message)
    assert sum(len(e["elements"]) for m in messages for e in m["blocks"] if e["type"] == "actions") == 29


def test_escape_only_touches_slack_control_characters():
    assert blocks.escape("<!channel> & <@U1> @here *vet*") == "&lt;!channel&gt; &amp; &lt;@U1&gt; @here *vet*"


def test_button_payload_round_trip():
    element = blocks.button_element(Button("Afwijzen", "mod.reject", "12"), 3)
    assert blocks.parse_button(element["action_id"], element["value"]) == ("mod.reject", "12")
    plain = blocks.button_element(Button("Exporteren", "story.export"), 0)
    assert blocks.parse_button(plain["action_id"], plain["value"]) == ("story.export", "")


def test_buttons_posted_by_an_older_version_still_work():
    assert blocks.parse_button("wb1|ask|mod.reject", '{"v": "12", "q": "Waarom?"}') == ("mod.reject", "12")


def test_modals_respect_title_input_and_metadata_limits():
    ask = Ask("mod.reject", "1", "Een heel lange knoptekst voor een modal", "Waarom?", 500)
    modal = blocks.ask_modal(ask, {"action": "mod.reject", "value": "1", "channel": "C1"}, "Versturen")
    assert len(modal["title"]["text"]) <= 24 and len(modal["private_metadata"]) <= 3000
    assert modal["blocks"][0]["element"]["max_length"] == 500


def test_leermomenten_have_their_own_section_with_its_intro(bot, moderator, content):
    lesson = "We planden een buurtavond zonder de bewoners te vragen; er kwam <niemand>."
    bot.handle_command(moderator, "/verhaal Samen de tuin opgeknapt met de buren; iedereen deed mee.", "k1")
    bot.handle_command(moderator, f"/verhaal leermoment {lesson}", "k2")
    for story_id in ("1", "2"):
        bot.handle_action(moderator, "mod.approve", story_id)
    team = bot.team_of(moderator)
    messages = blocks.digest_messages(bot.digests.compile(team), content.messages)
    for message in messages:
        assert_within_limits(message)
    sections = [b["text"]["text"] for m in messages for b in m["blocks"] if b["type"] == "section"]
    [lessons] = [text for text in sections if text.startswith("*Leermomenten*")]
    assert lessons == (
        "*Leermomenten*\n_Wat niet werkte, en wat jullie ervan leerden. Dank voor jullie openheid: ook "
        "dit helpt het team verder._\n• We planden een buurtavond zonder de bewoners te vragen; er kwam "
        "&lt;niemand&gt;. — _Coordinator_")
    assert sum(text.count("buurtavond") for text in sections) == 1


def test_an_empty_week_shows_one_starter_story_with_its_credit(bot, moderator, content):
    digest = bot.digests.compile(bot.team_of(moderator))
    story = digest.example
    messages = blocks.digest_messages(digest, content.messages)
    for message in messages:
        assert_within_limits(message)
    sections = [b["text"]["text"] for m in messages for b in m["blocks"] if b["type"] == "section"]
    [example] = [text for text in sections if text.startswith("*Zo kan een verhaal eruitzien*")]
    principle = f"{story.principle.label['nl']}: {story.principle.text['nl']}"
    assert example == (
        "*Zo kan een verhaal eruitzien*\n_Een voorbeeld uit de teksten waar de principes vandaan komen, "
        f"dus geen verhaal van jullie team. Het past bij {blocks.escape(principle)}_\n"
        f"• {blocks.escape(story.text['nl'])} _Naar een voorbeeld uit {blocks.escape(story.source['nl'])}_")
    assert [s for s in content.starter_stories if any(s.text["nl"] in text for text in sections)] == [story]
