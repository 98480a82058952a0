"""The demo's /digest for a new team: its empty week shows a starter story, marked as an example."""

from tests.console.test_chat import chat_with


async def test_a_new_demo_teams_digest_shows_a_starter_story(store, content, guard, tmp_path):
    chat, out = chat_with(store, content, guard, tmp_path)
    await chat.handle_line("/digest")
    text = out.getvalue()
    assert "nog geen verhaal gedeeld" in text
    assert "## Zo kan een verhaal eruitzien" in text
    assert ("_Een voorbeeld uit de teksten waar de principes vandaan komen, dus geen verhaal van jullie "
            "team.") in text
    shown = [story for story in content.starter_stories if f"- {story.text['nl']} _Naar een voorbeeld uit "
             f"{story.source['nl']}_" in text]
    assert len(shown) == 1
    assert "Verhalen deze week: 0." in text, "the example is not counted as a story"
