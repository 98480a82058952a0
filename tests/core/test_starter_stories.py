"""Starter stories: the seeds' practice examples, shown in a week without stories as what a story
can look like; always as an example from the source texts, never as a team's story."""

import html
import itertools
import re
from datetime import date, timedelta

import pytest

from bot.core.content import ContentError, load_content
from bot.core.privacy import Screened
from bot.render.digest import render_html, render_markdown
from tests.core.test_content import NOT_IN_DUTCH
from tests.support import break_file

MONDAY = date(2026, 11, 23)
SEEDS = {"000_29f6c19f061575c4.txt", "001_5e0be566bb916a48.txt", "002_6c5113d3f959d0cd.txt",
         "003_920f06860a1bdc32.txt", "004_6b3845e1f1b891bf.txt"}


def test_a_handful_of_brief_stories_each_with_its_principle_and_source(content):
    stories = content.starter_stories
    assert 6 <= len(stories) <= 10
    assert len({story.id for story in stories}) == len(stories)
    for story in stories:
        assert content.catalogue.principle(story.principle.id) is story.principle
        assert story.source_file in SEEDS
        for language in ("nl", "en"):
            sentences = re.findall(r"[.!?](?:\s|$)", story.text[language])
            assert 2 <= len(sentences) <= 4, (story.id, language)
            assert story.source[language]
    # The examples the seeds give, from more than one seed, with the authors the seeds name.
    assert {"toneelgroep", "winkeliers", "poh-ggz", "tegenprestatie", "buurtbemiddeling"} <= {
        story.id for story in stories}
    assert len({story.source_file for story in stories}) >= 4
    sources = " ".join(story.source["nl"] for story in stories)
    for author in ("Wietske Gercama", "Toby Witte", "Guido Walraven", "Marijke Vos"):
        assert author in sources


def test_the_stories_name_no_one_and_speak_plain_dutch(content, guard):
    for story in content.starter_stories:
        assert guard.scan(story.text["nl"]) == [], story.id
        problems = [what for what, pattern in NOT_IN_DUTCH.items() if pattern.search(story.text["nl"])]
        assert problems == [], story.id


# Validation at load --------------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "problem"), [
    ('principle = "interventierichting-4"', 'principle = "interventierichting-9"',
     "story 1 (toneelgroep) names an unknown principle 'interventierichting-9'"),
    ('principle = "interventierichting-4"\n', "", "story 1 (toneelgroep) has no text field 'principle'"),
    ('text = "Een opbouwwerker', 'text = "  "\nold = "Een opbouwwerker',
     "story 1 (toneelgroep) has no text field 'text'"),
    ('text_en = "A community worker', 'texten = "A community worker', "has no text field 'text_en'"),
    ('source_en = "the letter by Wietske Gercama (Wmo-werkplaats Noord-Holland)"\n', "",
     "story 1 (toneelgroep) has no text field 'source_en'"),
    ('id = "winkeliers"', 'id = "toneelgroep"', "story 2 (toneelgroep) has an id that an earlier story uses"),
    ('id = "toneelgroep"\n', "", "story 1 has no text field 'id'"),
    ('text = "Een opbouwwerker', 'text = "' + "Heel lang. " * 60 + 'Een opbouwwerker',
     "a starter story is brief"),
])
def test_a_broken_starter_story_is_refused_at_load(prompts, old, new, problem):
    break_file(prompts / "starter-stories.toml", old, new)
    with pytest.raises(ContentError) as raised:
        load_content(prompts)
    assert raised.value.path.name == "starter-stories.toml"
    assert problem in str(raised.value)


def test_without_stories_the_content_does_not_load(prompts):
    path = prompts / "starter-stories.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("[[story]]", "[[stories]]"), encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape("has no [[story]] entries")):
        load_content(prompts)
    path.unlink()
    with pytest.raises(ContentError, match="starter stories file is missing"):
        load_content(prompts)


# In the digest -------------------------------------------------------------------------------------

def test_an_empty_week_shows_one_starter_story_with_its_credit(store, bot, content, team_a):
    digest = bot.digests.compile(store.team(team_a), MONDAY)
    story = digest.example
    assert story in content.starter_stories and digest.count == 0
    credit = f"Naar een voorbeeld uit {story.source['nl']}"
    principle = f"{story.principle.label['nl']}: {story.principle.text['nl']}"
    markdown = render_markdown(digest, content.messages)
    assert (
        "## Zo kan een verhaal eruitzien\n\n"
        "_Een voorbeeld uit de teksten waar de principes vandaan komen, dus geen verhaal van jullie "
        f"team. Het past bij {principle}_\n\n- {story.text['nl']} _{credit}_\n") in markdown
    # After the encouraging note, before the principles that wait for a story.
    assert (markdown.index("nog geen verhaal gedeeld") < markdown.index("Zo kan een verhaal")
            < markdown.index("wachten nog op een verhaal"))
    page = render_html(digest, content.messages)
    assert "<h2>Zo kan een verhaal eruitzien</h2>" in page
    assert f"<li>{html.escape(story.text['nl'])} <small>{html.escape(credit)}</small></li>" in page
    for rendered in (markdown, page):
        shown = [s for s in content.starter_stories if s.text["nl"] in html.unescape(rendered)]
        assert shown == [story], "one starter story a week"
        assert "anoniem" not in rendered and "Uitgelicht" not in rendered, "not a team's story"
        assert not re.search(r"(?:interventierichting|houdingsprincipe|werkprincipe|toetssteen|"
                             r"gouden-regel)-\d", rendered), "principles by name, never by id"


def test_in_english_too(store, bot, content, team_a):
    store.update_team(team_a, language="en")
    digest = bot.digests.compile(store.team(team_a), MONDAY)
    markdown = render_markdown(digest, content.messages)
    assert "## This is what a story can look like" in markdown
    assert f"- {digest.example.text['en']} _After an example from {digest.example.source['en']}_" in markdown
    assert "Naar een voorbeeld" not in markdown and digest.example.text["nl"] not in markdown


def test_each_week_another_story_and_every_story_in_turn(store, bot, content, team_a):
    team = store.team(team_a)
    # Ten weeks in a row, across the turn of the year (2026 has 53 ISO weeks).
    mondays = [MONDAY + timedelta(weeks=n) for n in range(len(content.starter_stories))]
    shown = [bot.digests.compile(team, monday).example for monday in mondays]
    assert all(this != following for this, following in itertools.pairwise(shown))
    assert {story.id for story in shown} == {story.id for story in content.starter_stories}
    texts = {render_markdown(bot.digests.compile(team, monday), content.messages) for monday in mondays[:2]}
    assert len(texts) == 2


def test_a_week_with_a_story_shows_the_teams_story_and_no_example(store, bot, moderator, content, team_a):
    story, _ = bot.stories.stories.submit(bot.team_of(moderator), moderator,
                                          Screened("Een kop koffie met de buren, en het ijs was gebroken."),
                                          "k1", principle_id="werkprincipe-3")
    bot.handle_action(moderator, "mod.approve", str(story["id"]))
    digest = bot.digests.compile(store.team(team_a), MONDAY)
    assert digest.count == 1 and digest.example is None
    markdown = render_markdown(digest, content.messages)
    assert "Zo kan een verhaal eruitzien" not in markdown and "Naar een voorbeeld" not in markdown
