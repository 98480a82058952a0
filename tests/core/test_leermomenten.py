"""Leermomenten: stories about what did not work and what was learned, marked by their author,
with a calm section of their own in the weekly overview."""

import json
import re

from bot.render.digest import render_html, render_markdown
from tests.conftest import member, texts

LESSON = ("We planden een buurtavond zonder de bewoners eerst te vragen; er kwam niemand. "
          "Nu vragen we eerst.")
STORY = "Samen met de buren de tuin opgeknapt; iedereen deed mee en het werd een feest."


def stored(store, story_id: int) -> tuple:
    story = store.story(story_id)
    return story["text"], story["leermoment"]


def test_verhaal_leermoment_with_text_stores_a_leermoment_and_thanks_the_author(store, bot, moderator):
    writer = member("writer")
    [saved, *_] = bot.handle_command(writer, f"/verhaal leermoment {LESSON}", "k1")
    assert stored(store, 1) == (LESSON, 1)
    assert "(nr. 1) is opgeslagen" in saved.text
    assert "Dank je voor je leermoment." in saved.text
    assert [(b.label, b.action, b.value) for b in saved.buttons][-1] == (
        "Geen leermoment", "story.leermoment", "1:0")


def test_verhaal_leermoment_without_text_asks_for_it_and_stores_the_answer_as_one(store, bot, moderator):
    writer = member("writer")
    [question] = bot.handle_command(writer, "/verhaal leermoment", "k1")
    assert question.text.startswith(
        "Vertel kort over je leermoment: wat werkte niet, en wat leerde je ervan?")
    assert question.ask.action == "story.new" and question.ask.prompt.startswith("Typ je leermoment")
    bot.handle_action(writer, question.ask.action, question.ask.value, text=LESSON, source_key="k2")
    assert stored(store, 1) == (LESSON, 1)


def test_the_author_marks_a_story_as_a_leermoment_afterwards_and_can_undo_it(store, bot, moderator):
    writer = member("writer")
    [saved, *_] = bot.handle_command(writer, f"/verhaal {STORY}", "k1")
    assert store.story(1)["leermoment"] == 0
    assert "of er een leermoment van maken als iets niet werkte" in saved.text
    mark = next(b for b in saved.buttons if b.action == "story.leermoment")
    assert mark.label == "Het is een leermoment"
    [marked] = bot.handle_action(writer, mark.action, mark.value)
    assert marked.text.startswith("Verhaal nr. 1 is nu een leermoment.")
    assert store.story(1)["leermoment"] == 1
    mine = texts(bot.handle_command(writer, "/mijnverhalen", "m"))
    assert "Nr. 1 · wacht op moderatie · leermoment" in mine
    undo = next(b for b in marked.buttons if b.action == "story.leermoment")
    bot.handle_action(writer, undo.action, undo.value)
    assert store.story(1)["leermoment"] == 0
    # Nobody else can mark it.
    assert "kan ik niet vinden" in texts(bot.handle_action(member("colleague"), "story.leermoment", "1:1"))
    assert store.story(1)["leermoment"] == 0
    assert [row["action"] for row in store.moderation_log(store.story(1)["team_id"])
            if row["story_id"] == 1] == ["author-leermoment", "author-leermoment"]


def test_moderators_see_it_is_a_leermoment_and_the_authors_export_says_so(store, bot, moderator):
    writer = member("writer")
    bot.handle_command(writer, f"/verhaal leermoment {LESSON}", "k1")
    queue = texts(bot.handle_command(moderator, "/moderatie", "q"))
    assert "Een leermoment: over wat niet werkte, en wat de auteur ervan leerde." in queue
    [_, export] = bot.handle_action(writer, "story.export", "")
    exported = json.loads(export.text.split("\n", 1)[1])
    assert exported["stories"][0]["leermoment"] is True


def test_the_story_prompt_and_help_invite_both_kinds(bot, moderator):
    [ask] = bot.handle_command(moderator, "/verhaal", "k")
    assert "wat werkte, wat heeft geholpen?" in ask.text and "wat werkte niet" in ask.text
    assert "leermoment" in ask.text
    help_text = texts(bot.handle_command(moderator, "/werkbot help", "h"))
    assert "/verhaal [tekst]: deel een verhaal uit je praktijk (wat werkte?)" in help_text
    assert "/verhaal leermoment [tekst]: wat werkte niet, en wat leerde je?" in help_text


def test_leermomenten_get_their_own_calm_section_in_the_overview(store, bot, moderator, content, team_a):
    writer = member("writer", name="Auteur Zichtbaar")
    shy = member("shy", name="Auteur Verborgen")
    bot.handle_command(writer, f"/verhaal {STORY}", "k1")
    bot.handle_command(writer, f"/verhaal leermoment {LESSON}", "k2")
    other = "Het formulier bleek te ingewikkeld; de volgende keer vul ik het samen in."
    bot.handle_command(shy, f"/verhaal leermoment {other}", "k3")
    bot.handle_action(shy, "story.anonymous", "3:1")
    bot.handle_command(writer, "/verhaal leermoment Deze wacht nog op een moderator, dus niet tonen.", "k4")
    for story_id in (1, 2, 3):
        bot.handle_action(moderator, "mod.tag", f"{story_id}:werkprincipe-3")
        bot.handle_action(moderator, "mod.approve", str(story_id))

    digest = bot.digests.compile(store.team(team_a))
    assert [s.id for s in digest.leermomenten] == [2, 3]
    assert [(g.principle.id, [s.id for s in g.stories]) for g in digest.groups] == [("werkprincipe-3", [1])]
    assert digest.count == 3, "a leermoment counts as a story of the week"

    markdown = render_markdown(digest, content.messages)
    section = markdown.split("## Leermomenten\n", 1)[1].split("\n## ", 1)[0]
    assert section == (
        "\n_Wat niet werkte, en wat jullie ervan leerden. Dank voor jullie openheid: ook dit helpt het "
        f"team verder._\n\n- {LESSON} — Auteur Zichtbaar\n- {other} — anoniem\n")
    assert markdown.index("## Werkprincipe 3") < markdown.index("## Leermomenten")
    assert markdown.count(LESSON) == 1 and "Deze wacht nog" not in markdown
    page = render_html(digest, content.messages)
    assert re.search(r"<h2>Leermomenten</h2>\n<p><small>Wat niet werkte, [^<]*</small></p>\n<ul>\n"
                     rf"<li>{re.escape(LESSON)} — Auteur Zichtbaar</li>", page)
    assert "Auteur Verborgen" not in markdown + page


def test_a_featured_leermoment_shows_once_on_top(store, bot, moderator, content, team_a):
    bot.handle_command(moderator, f"/verhaal leermoment {LESSON}", "k1")
    bot.handle_action(moderator, "mod.feature", "1")
    digest = bot.digests.compile(store.team(team_a))
    assert digest.featured.id == 1 and digest.leermomenten == ()
    markdown = render_markdown(digest, content.messages)
    assert markdown.count(LESSON) == 1 and "## Leermomenten" not in markdown


def test_an_english_team_reads_lessons_learned(store, bot, moderator, content, team_a):
    bot.handle_command(moderator, "/werkbot taal en", "t")
    bot.handle_command(moderator, f"/verhaal leermoment {LESSON}", "k1")
    bot.handle_action(moderator, "mod.approve", "1")
    markdown = render_markdown(bot.digests.compile(store.team(team_a)), content.messages)
    assert "## Lessons learned\n\n_What did not work, and what you learned from it." in markdown
