import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.stories import MAX_LENGTH, MIN_LENGTH, clean_text
from bot.core.text import without_controls
from tests.conftest import asked_text, member, texts
from tests.support import memory_bot, stored_texts

STORY = "Bij de buurvrouw aan de keukentafel samen de post doorgenomen; dat gaf rust."


@pytest.mark.parametrize("text", [
    "a" * MIN_LENGTH,
    "  " + "b" * MAX_LENGTH + "\n\t",
    "😀" * MIN_LENGTH,
    "שלום, דאס איז א מעשה וואס האט געהאלפן היינט",
    "وجدنا معا حلا صغيرا مع الجيران اليوم",
    "\u200b\u200b" + "Korte stap, groot verschil vandaag." + "\ufeff",
])
def test_story_within_bounds_is_stored_trimmed(store, bot, moderator, text):
    replies = bot.handle_command(moderator, f"/verhaal {text}", "src-1")
    assert "nr. 1" in replies[0].text
    assert stored_texts(store) == [clean_text(text)]
    assert MIN_LENGTH <= len(stored_texts(store)[0]) <= MAX_LENGTH


@pytest.mark.parametrize("text", [
    "a" * (MIN_LENGTH - 1),
    "b" * (MAX_LENGTH + 1),
    " \n\t  " * 30,
    "\u200b" * 40,
    "😀" * (MIN_LENGTH - 1),
])
def test_story_out_of_bounds_gets_a_dutch_message_and_stores_nothing(store, bot, moderator, text):
    replies = bot.handle_action(moderator, "story.new", "", text=text, source_key="src-1")
    assert replies[0].text.startswith("Je verhaal is")
    assert stored_texts(store) == []


def test_a_too_long_story_comes_back_to_shorten_and_is_not_stored(store, bot, moderator):
    long_story = "Wat werkte: samen koffie drinken. " * 40
    replies = bot.handle_command(moderator, f"/verhaal {long_story}", "src-1")
    assert texts(replies) == (
        f"Je verhaal is {len(long_story.strip())} tekens lang; het mogen er hoogstens 1000 zijn. "
        "Maak het wat korter en stuur het opnieuw.\n\nDit had je geschreven, om in te korten:\n\n"
        f"{long_story.strip()}")
    assert stored_texts(store) == []


def test_verhaal_without_text_asks_for_the_story(store, bot, moderator):
    replies = bot.handle_command(moderator, "/verhaal   ", "src-1")
    assert replies[0].ask is not None and replies[0].ask.action == "story.new"
    bot.handle_action(moderator, "story.new", "", text=STORY, source_key="src-2")
    assert stored_texts(store) == [STORY]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=1200))
def test_any_text_is_stored_cleanly_held_for_its_author_or_refused_without_a_trace(content, guard, text):
    """Through the privacy guard, as a form sends it: a clean text is stored trimmed and without
    control characters; one with findings waits for its author and is not stored; a wrong length
    is refused. Never a crash."""
    with memory_bot(content, guard) as bot:
        bot.team.register(member("writer"))
        replies = bot.handle_action(member("writer"), "story.new", "", text=text, source_key="k")
        rows = stored_texts(bot.store)
    answer = texts(replies)
    cleaned = clean_text(without_controls(text))
    if not MIN_LENGTH <= len(cleaned) <= MAX_LENGTH:
        assert rows == [] and ("kort" in answer or "lang" in answer)
    elif guard.scan(cleaned):
        assert rows == [] and [b.action for b in replies[0].buttons][:2] == ["draft.mask", "draft.edit"]
    else:
        assert rows == [cleaned] and "opgeslagen" in answer
    assert "Er ging iets mis" not in answer


def test_redelivered_submission_is_stored_once(store, bot, moderator):
    bot.handle_command(moderator, f"/verhaal {STORY}", "slack-event-42")
    bot.handle_command(moderator, f"/verhaal {STORY}", "slack-event-42")
    assert stored_texts(store) == [STORY]


def test_suggests_a_principle_and_author_can_change_it(store, bot, moderator):
    replies = bot.handle_command(moderator, "/verhaal " + "We begonnen klein: een kopje koffie en "
                                 "een eenvoudige eerste stap.", "k")
    assert "Voorgesteld principe: Werkprincipe 3: Begin" in replies[0].text
    assert store.story(1)["principle_id"] == "werkprincipe-3"
    choices = bot.handle_action(moderator, "story.principles", "1")[0].buttons
    assert [(b.label, b.action, b.value) for b in choices[1:2] + choices[-1:]] == [
        ("Werkprincipe 2: Bevorder de empowerment van iedereen die erbij betrokken is, door verbindingen "
         "te leggen.",
         "story.tag", "1:werkprincipe-2"),
        ("Geen principe", "story.tag", "1:")]
    bot.handle_action(moderator, choices[1].action, choices[1].value)
    assert store.story(1)["principle_id"] == "werkprincipe-2"
    reply = bot.handle_action(moderator, "story.tag", "1:bestaat-niet")
    assert "ken ik niet" in texts(reply)
    assert store.story(1)["principle_id"] == "werkprincipe-2"


def test_anonymity_and_consent_default_off_and_toggle(store, bot, moderator):
    bot.handle_command(moderator, f"/verhaal {STORY}", "k")
    assert (store.story(1)["anonymous"], store.story(1)["consent"]) == (0, 0)
    bot.handle_action(moderator, "story.anonymous", "1:1")
    bot.handle_action(moderator, "story.consent", "1:1")
    assert (store.story(1)["anonymous"], store.story(1)["consent"]) == (1, 1)


def test_edit_only_while_pending_and_only_by_author(store, bot, moderator):
    bot.handle_command(moderator, f"/verhaal {STORY}", "k")
    other = member("colleague")
    assert "kan ik niet vinden" in texts(bot.handle_action(other, "story.edit", "1", text="x" * 30))
    bot.handle_action(moderator, "story.edit", "1", text="Een betere versie van mijn verhaal.")
    assert store.story(1)["text"] == "Een betere versie van mijn verhaal."
    bot.handle_action(moderator, "mod.approve", "1")
    reply = bot.handle_action(moderator, "story.edit", "1", text="Nog een andere versie van het verhaal.")
    assert "al beoordeeld" in texts(reply)
    assert store.story(1)["text"] == "Een betere versie van mijn verhaal."


def test_withdraw_deletes_the_text(store, bot, moderator):
    bot.handle_command(moderator, f"/verhaal {STORY}", "k")
    bot.handle_action(moderator, "story.withdraw", "1")
    assert store.story(1)["text"] == STORY, "withdraw asks for confirmation first"
    bot.handle_action(moderator, "story.withdraw_confirm", "1")
    row = store.story(1)
    assert (row["text"], row["status"]) == (None, "withdrawn")
    assert "ingetrokken" in texts(bot.handle_command(moderator, "/mijnverhalen", "k2"))


def test_export_mine_holds_only_my_stories(store, bot, moderator):
    bot.handle_command(moderator, f"/verhaal {STORY}", "k1")
    bot.handle_command(member("colleague"), "/verhaal Het verhaal van een collega over de buurt.", "k2")
    readable, as_json = bot.handle_action(moderator, "story.export", "")
    data = json.loads(as_json.text[as_json.text.index("{"):])
    assert [s["text"] for s in data["stories"]] == [STORY]
    assert STORY in readable.text and "Nr. 1 · 2026-11-24 · wacht op moderatie" in readable.text
    assert "collega" not in readable.text


def test_moderation_off_approves_at_once(store, bot, moderator):
    bot.handle_command(moderator, "/werkbot moderatie uit", "k0")
    bot.handle_command(moderator, f"/verhaal {STORY}", "k1")
    assert store.story(1)["status"] == "approved"


def test_edit_forms_start_from_the_current_text_only_for_whoever_may_edit(store, bot, moderator):
    author, colleague = member("author"), member("colleague")
    bot.handle_command(author, f"/verhaal {STORY}", "k1")
    assert asked_text(bot, author, "story.edit", "1") == STORY
    assert asked_text(bot, moderator, "mod.redact", "1") == STORY
    for caller, action, value in [(colleague, "story.edit", "1"), (colleague, "mod.redact", "1"),
                                  (member("author", chat_id="team-b"), "story.edit", "1"),
                                  (author, "story.edit", "nummer"), (author, "mod.reject", "1")]:
        assert asked_text(bot, caller, action, value) == ""
    bot.handle_action(moderator, "mod.approve", "1")
    assert asked_text(bot, author, "story.edit", "1") == "", "only while it waits"
