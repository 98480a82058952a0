import re
import shutil
from pathlib import Path

import pytest

from bot.core.commands import SUB_COMMANDS
from bot.core.content import DEFAULT_PROMPTS_DIR, ContentError, load_content
from bot.core.flows.team import SETTING_CHANGES

ROOT = Path(__file__).resolve().parents[2]


def test_the_four_sets_with_their_counts(content):
    counts = {set_id: len(s.principles) for set_id, s in content.catalogue.sets.items()}
    assert counts == {"gouden-regels": 10, "houdingsprincipes": 10, "toetsstenen": 3, "werkprincipes": 5}
    for principle in content.catalogue.all():
        assert len(principle.questions["nl"]) >= 2 and len(principle.questions["en"]) >= 2
        assert principle.keywords and principle.source_file.endswith(".txt")


def test_every_set_credits_where_its_principles_come_from(content):
    sources = {set_id: {p.source["nl"] for p in s.principles} | {p.source["en"] for p in s.principles}
               for set_id, s in content.catalogue.sets.items()}
    assert sources == {
        "werkprincipes": {"DichtErBij-methode", "DichtErBij method"},
        "houdingsprincipes": {"DichtErBij-methode", "DichtErBij method"},
        "gouden-regels": {"Wmo-werkplaatsen"},
        "toetsstenen": {"Toby Witte, 'Meer dan alleen nabijheid'"},
    }


@pytest.mark.parametrize(("principle_id", "term"), [
    ("werkprincipe-1", "leefwereld"),
    ("werkprincipe-2", "empowerment"),
    ("werkprincipe-3", "lichtvoetig"),
    ("werkprincipe-5", "wensen en oplossingen verzamelen"),
    ("houdingsprincipe-4", "ambivalentie"),
    ("houdingsprincipe-7", "partners in een zoektocht"),
    ("gouden-regel-1", "85%"),
    ("gouden-regel-3", "wijkanalyse"),
    ("gouden-regel-5", "wijkanalyse"),
    ("toetssteen-3", "inhoud en gevolg"),
])
def test_the_seeds_key_terms_survive_in_our_words(content, principle_id, term):
    assert term in content.catalogue.principle(principle_id).text["nl"]


def test_a_seeds_bad_example_is_no_keyword(content):
    # The seed's Bruna seller is "doorverwezen": the opposite of responsiveness.
    assert "doorverwijzen" not in content.catalogue.principle("toetssteen-3").keywords


@pytest.fixture
def prompts(tmp_path: Path) -> Path:
    copy = tmp_path / "prompts"
    shutil.copytree(DEFAULT_PROMPTS_DIR, copy)
    return copy


def break_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("file", "old", "new", "problem"), [
    ("principles/werkprincipes.toml", 'text_en = "Organise', 'texten = "Organise', "text_en"),
    ("principles/toetsstenen.toml", 'id = "toetssteen-2"', 'id = "toetssteen-1"', "toetssteen-1"),
    ("principles/gouden-regels.toml", "questions = [\n    \"Hoeveel", "questions = [\n    # \"Hoeveel",
     "questions"),
    ("messages/nl.toml", "Status: {state}", "Status: {state", "settings.status"),
    ("messages/en.toml", "No stories are waiting", "No {stories} are waiting", "queue.empty"),
    ("messages/en.toml", 'goodbye = "Goodbye!"', "", "console.goodbye"),
    ("principles/houdingsprincipes.toml", "[set]", "[sett]", "[set]"),
    ("principles/toetsstenen.toml", 'source = "Toby', 'sources = "Toby', "field 'source'"),
    ("principles/werkprincipes.toml", 'source_en = "DichtErBij method"\n', "", "field 'source_en'"),
    ("messages/nl.toml", 'send = "Versturen"', 'send = "Versturen', "cannot be read"),
])
def test_broken_file_is_named_with_its_problem(prompts, file, old, new, problem):
    break_file(prompts / file, old, new)
    with pytest.raises(ContentError) as raised:
        load_content(prompts)
    assert raised.value.path.name == Path(file).name
    assert problem in str(raised.value)


def test_every_message_key_used_in_code_exists(content):
    used = set()
    for path in (ROOT / "bot").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'(?:say|render)\([^()"]*"([a-z_]+\.[a-z_]+)"', source))
        used |= set(re.findall(r'UserError\(\s*"([a-z_]+\.[a-z_]+)"', source))
    assert used, "the pattern found no keys"
    assert used - content.messages.keys() == set()
    dynamic = {f"status.{s}" for s in ("pending", "approved", "rejected", "withdrawn")}
    dynamic |= {f"usage.{c}" for c in ("mantra", "mijnverhalen", "moderatie", "digest")}
    dynamic |= {f"usage.werkbot_{c}" for c in SUB_COMMANDS}
    # Moderation and retention are switched on or off; every other setting answers with its value.
    dynamic |= {f"settings.changed_{c}" for c in set(SETTING_CHANGES) - {"moderatie", "bewaartermijn"}}
    dynamic |= {"settings.next_digest", "settings.retention_off", "settings.moderation_off"}
    dynamic |= {f"delivery.{kind}" for kind in ("mantra", "digest")}
    dynamic |= {f"delivery.{s}" for s in ("claimed", "sent", "failed", "unknown", "lost", "skipped")}
    assert dynamic - content.messages.keys() == set()
