"""The fifth set: the interventierichtingen the letter (seed 000) takes from Spierts, Van
Regenmortel and Van Ewijk, each with reflection questions and the letter's examples as hints."""

from datetime import date, timedelta

import pytest

from bot.core.content import ContentError, load_content
from bot.render.digest import render_markdown
from tests.conftest import texts

SET_FILE = "interventierichtingen.toml"


def test_the_letters_four_directions_in_its_order_each_with_its_author(content):
    directions = content.catalogue.sets["interventierichtingen"].principles
    assert [(p.id, p.text["nl"].split(":")[0], p.source["nl"]) for p in directions] == [
        ("interventierichting-1", "Activeren", "Marcel Spierts"),
        ("interventierichting-2", "Gepast reageren", "Tine van Regenmortel"),
        ("interventierichting-3", "Gepast mobiliseren", "Tine van Regenmortel"),
        ("interventierichting-4", "Inbedden", "Hans van Ewijk"),
    ]
    assert [p.label["nl"] for p in directions] == [f"Interventierichting {n}" for n in range(1, 5)]
    assert directions[1].text["nl"].count("aan zet") == 1
    for principle in directions:
        assert len(principle.questions["nl"]) >= 2
        assert len(principle.questions["en"]) == len(principle.questions["nl"])
        assert len(principle.hints["en"]) == len(principle.hints["nl"])
        assert principle.source_file == "000_29f6c19f061575c4.txt"


@pytest.mark.parametrize(("principle_id", "example"), [
    ("interventierichting-1", "POH-ggz"),
    ("interventierichting-1", "eenzaamheid onder ouderen"),
    ("interventierichting-3", "Winkeliers"),
    ("interventierichting-4", "toneelgroep"),
])
def test_the_letters_own_examples_are_the_hints(content, principle_id, example):
    assert any(example in hint for hint in content.catalogue.principle(principle_id).hints["nl"])


def test_no_hint_where_the_letter_gives_no_example(content):
    assert content.catalogue.principle("interventierichting-2").hints == {"nl": (), "en": ()}
    assert all(p.hints == {"nl": (), "en": ()} for p in content.catalogue.in_sets(["werkprincipes"]))


def test_a_team_chooses_the_set_and_its_mantra_shows_question_example_and_author(
        store, bot, moderator, team_a, clock):
    replies = bot.handle_command(moderator, "/werkbot sets interventierichtingen", "s")
    assert texts(replies).startswith("Sets aangepast naar interventierichtingen.")
    assert store.team(team_a).sets == ("interventierichtingen",)
    team = store.team(team_a)
    # The next four days: each direction once.
    days = [date(2026, 11, 25) + timedelta(days=n) for n in range(4)]
    posts = {bot.mantras.rotation.principle_for(team, day).id: bot.mantras.text(team, day) for day in days}
    assert sorted(posts) == [f"interventierichting-{n}" for n in range(1, 5)]
    mobiliseren = posts["interventierichting-3"]
    assert mobiliseren.splitlines()[0].endswith(": Interventierichting 3")
    assert "Uit: Tine van Regenmortel" in mobiliseren
    assert "\nEen voorbeeld uit de praktijk: Winkeliers in de wijk" in mobiliseren
    assert "Een voorbeeld" not in posts["interventierichting-2"], "no example the letter does not give"
    assert "interventierichting-" not in "".join(posts.values()), "no ids in what readers see"


def test_a_story_under_a_direction_credits_its_author_in_the_digest(store, bot, moderator, team_a,
                                                                   content):
    bot.handle_command(moderator, "/werkbot sets interventierichtingen", "s")
    bot.handle_command(moderator, "/verhaal Ik vroeg de bakker en de kapper mee te doen aan het "
                                  "buurtfeest; nu hangen ze zelf de posters op.", "k")
    bot.handle_action(moderator, "mod.tag", "1:interventierichting-3")
    bot.handle_action(moderator, "mod.approve", "1")
    text = render_markdown(bot.digests.compile(store.team(team_a)), content.messages)
    assert "## Interventierichting 3: Gepast mobiliseren" in text
    assert "\n_Uit: Tine van Regenmortel_\n" in text


@pytest.mark.parametrize(("old", "new", "problem"), [
    ('hints_en = [\n    "A theatre group', 'hints_in_english = [\n    "A theatre group', "'hints_en'"),
    ('    "Bringing together residents who want', '    # "Bringing together residents who want',
     "2 texts in 'hints' but 1 in 'hints_en'"),
    ('source_en = "Hans van Ewijk"\n', "", "field 'source_en'"),
    ('id = "interventierichting-3"', 'id = "interventierichting-2"', "expected 'interventierichting-3'"),
    ('questions_en = [\n    "Who in the neighbourhood would like to help but has never been asked?",\n',
     "questions_en = [\n", "'questions_en'"),
    ('label_en = "Direction of intervention"\n', "", "field 'label_en'"),
])
def test_a_broken_set_is_refused_naming_the_file_and_the_problem(prompts, old, new, problem):
    path = prompts / "principles" / SET_FILE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_content(prompts)
    assert raised.value.path.name == SET_FILE
    assert problem in str(raised.value)
