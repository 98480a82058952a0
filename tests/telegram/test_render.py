"""Telegram HTML rendering: pure functions, checked against what the Bot API accepts."""

import pytest

from bot.core.digest import Digest, DigestGroup, DigestStory
from bot.core.model import Button, Reply
from bot.telegram import render
from tests.telegram.fake_telegram import check_html, visible_length


def assert_acceptable(messages: list[str]) -> None:
    for message in messages:
        check_html(message)
        assert 0 < visible_length(message) <= render.MAX_TEXT


def test_a_digest_of_200_long_stories_is_split_and_loses_nothing(content):
    principles = content.catalogue.in_sets(["werkprincipes", "houdingsprincipes"])
    stories = [DigestStory(n, f"Verhaal {n:03d}: " + "wat werkte & waarom <echt> 😊 " * 30,
                           None if n % 3 else f"Collega {n}", principles[n % len(principles)].id)
               for n in range(200)]
    groups = tuple(DigestGroup(p, tuple(s for s in stories if s.principle_id == p.id)) for p in principles)
    digest = Digest("team-1", "2026-W48", "nl", stories[7], groups, (), 200, (10, 12, 9, 14))
    messages = render.digest_messages(digest, content.messages)
    assert len(messages) > 10
    assert_acceptable(messages)
    joined = "".join(messages)
    after_featured = joined.index("</blockquote>")
    assert all(f"Verhaal {n:03d}:" in joined[after_featured:] for n in range(200))
    assert "&lt;echt&gt;" in joined and "<echt>" not in joined
    assert "</b>\n<i>Uit: DichtErBij-methode</i>" in joined, "each principle's heading credits its source"


def test_one_story_longer_than_a_message_is_cut_in_its_text_not_in_a_tag():
    text = "Ω" * 5000 + " & <einde>"
    messages = render.reply_messages(Reply(text))
    assert len(messages) == 2
    assert_acceptable(messages)
    assert "".join(messages).endswith("&amp; &lt;einde&gt;")


def test_length_is_counted_as_telegram_counts_it():
    assert render.telegram_length("😊") == 2 and render.telegram_length("é") == 1
    messages = render.reply_messages(Reply("😊" * 3000))
    assert [visible_length(m) for m in messages] == [4096, 1904]


def test_callback_data_carries_ids_within_64_bytes():
    retag = Button("Ander principe", "mod.tag", "123456:houdingsprincipe-10")
    markup = render.keyboard("-1001234567890", [retag])
    data = markup.inline_keyboard[0][0].callback_data
    assert len(data.encode()) <= 64
    assert render.parse_callback_data(data) == ("-1001234567890", "mod.tag", "123456:houdingsprincipe-10")
    with pytest.raises(ValueError):
        render.callback_data("-1001234567890", Button("x", "story.withdraw_confirm", "9" * 40))


def test_a_caption_is_shortened_to_what_telegram_allows():
    assert visible_length(render.caption("x" * 2000)) == render.MAX_CAPTION


def test_leermomenten_have_their_own_section_with_its_intro(bot, moderator, content):
    lesson = "We planden een buurtavond zonder de bewoners te vragen; er kwam <niemand>."
    bot.handle_command(moderator, "/verhaal Samen de tuin opgeknapt met de buren; iedereen deed mee.", "k1")
    bot.handle_command(moderator, f"/verhaal leermoment {lesson}", "k2")
    for story_id in ("1", "2"):
        bot.handle_action(moderator, "mod.approve", story_id)
    messages = render.digest_messages(bot.digests.compile(bot.team_of(moderator)), content.messages)
    assert_acceptable(messages)
    joined = "\n\n".join(messages)
    assert ("<b>Leermomenten</b>\n<i>Wat niet werkte, en wat jullie ervan leerden. Dank voor jullie "
            "openheid: ook dit helpt het team verder.</i>\n\n• We planden een buurtavond zonder de "
            "bewoners te vragen; er kwam &lt;niemand&gt;.<i> — Coordinator</i>") in joined
    assert joined.count("buurtavond") == 1


def test_an_empty_week_shows_one_starter_story_with_its_credit(bot, moderator, content):
    digest = bot.digests.compile(bot.team_of(moderator))
    story = digest.example
    messages = render.digest_messages(digest, content.messages)
    assert_acceptable(messages)
    joined = "\n\n".join(messages)
    principle = f"{story.principle.label['nl']}: {story.principle.text['nl']}"
    assert ("<b>Zo kan een verhaal eruitzien</b>\n<i>Een voorbeeld uit de teksten waar de principes "
            f"vandaan komen, dus geen verhaal van jullie team. Het past bij {render.escape(principle)}</i>"
            f"\n\n• {render.escape(story.text['nl'])}<i> Naar een voorbeeld uit "
            f"{render.escape(story.source['nl'])}</i>") in joined
    assert [s for s in content.starter_stories if render.escape(s.text["nl"]) in joined] == [story]
    assert "<blockquote>" not in joined, "not quoted like a team's featured story"
