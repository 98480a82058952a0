import re
from pathlib import Path
from string import Formatter

import pytest
from babel.dates import get_day_names, get_month_names

from bot.core.commands import SUB_COMMANDS
from bot.core.content import ContentError, load_content
from bot.core.flows.team import SETTING_CHANGES
from bot.core.posting import CHANNEL_KINDS
from bot.core.privacy import KINDS
from tests.support import break_file

ROOT = Path(__file__).resolve().parents[2]


def test_the_five_sets_with_their_counts(content):
    counts = {set_id: len(s.principles) for set_id, s in content.catalogue.sets.items()}
    assert counts == {"gouden-regels": 10, "houdingsprincipes": 10, "toetsstenen": 3, "werkprincipes": 5,
                      "interventierichtingen": 4}
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
        # Each direction credits the author the letter quotes it from.
        "interventierichtingen": {"Marcel Spierts", "Tine van Regenmortel", "Hans van Ewijk"},
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
    ("interventierichting-1", "Activeren"),
    ("interventierichting-2", "aan zet"),
    ("interventierichting-3", "Gepast mobiliseren"),
    ("interventierichting-4", "Inbedden"),
])
def test_the_seeds_key_terms_survive_in_our_words(content, principle_id, term):
    assert term in content.catalogue.principle(principle_id).text["nl"]


def test_a_seeds_bad_example_is_no_keyword(content):
    # The seed's Bruna seller is "doorverwezen": the opposite of responsiveness.
    assert "doorverwijzen" not in content.catalogue.principle("toetssteen-3").keywords


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
    ("dilemmas.toml", 'question_en = "Someone would', 'questionen = "Someone would', "field 'question_en'"),
    ("dilemmas.toml", 'id = "autonomie-of-verbondenheid"', 'id = "regie-of-steun"', "earlier dilemma"),
    ("dilemmas.toml", 'title = "krachtgericht', 'titel = "krachtgericht', "field 'title'"),
    ("privacy/cbs-areas.toml", "\n[hoofdletters]\n", "\n[capitals]\n", "[hoofdletters]"),
])
def test_broken_file_is_named_with_its_problem(prompts, file, old, new, problem):
    break_file(prompts / file, old, new)
    with pytest.raises(ContentError) as raised:
        load_content(prompts)
    assert raised.value.path.name == Path(file).name
    assert problem in str(raised.value)


def test_the_dilemmas_are_the_letters_tensions_in_both_languages(content):
    ids = [dilemma.id for dilemma in content.dilemmas]
    # The four "uitersten" the letter names come first.
    assert ids[:4] == ["regie-of-steun", "autonomie-of-verbondenheid", "gelijke-kansen-of-verschillen",
                       "kracht-of-kwetsbaarheid"]
    assert 5 <= len(ids) <= 8 and len(set(ids)) == len(ids)
    for dilemma in content.dilemmas:
        assert dilemma.source_file == "000_29f6c19f061575c4.txt"
        assert dilemma.source["nl"].startswith("de brief van Wietske Gercama")
        assert dilemma.source["en"].startswith("the letter by Wietske Gercama")
        assert dilemma.question["nl"].endswith("?") and dilemma.question["en"].endswith("?")
        assert " of " in dilemma.title["nl"] and " or " in dilemma.title["en"]
        plain = " ".join((dilemma.title["nl"], dilemma.question["nl"]))
        assert [what for what, pattern in NOT_IN_DUTCH.items() if pattern.search(plain)] == []


def test_without_the_dilemmas_file_the_bot_does_not_start(prompts):
    (prompts / "dilemmas.toml").unlink()
    with pytest.raises(ContentError, match="dilemmas file is missing"):
        load_content(prompts)


@pytest.mark.parametrize("key", ["invitation_1", "invitation_3"])
def test_invitations_must_be_numbered_without_a_gap(prompts, key):
    for language in ("nl", "en"):
        path = prompts / "messages" / f"{language}.toml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if not line.startswith(f"{key} =")), encoding="utf-8")
    with pytest.raises(ContentError, match="without a gap"):
        load_content(prompts)


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
    dynamic |= {f"settings.next_{kind}" for kind in CHANNEL_KINDS}
    dynamic |= {f"delivery.{kind}" for kind in CHANNEL_KINDS} | {"delivery.not_needed"}
    dynamic |= {f"team.{what}_{kind}" for what in ("unknown", "cannot_post") for kind in CHANNEL_KINDS}
    dynamic |= {"summary.one", "summary.many", "oproep.invitation_1"}
    dynamic |= {f"delivery.{s}" for s in ("claimed", "sent", "failed", "unknown", "lost", "skipped")}
    dynamic |= {f"kinds.{kind}" for kind in KINDS}
    assert dynamic - content.messages.keys() == set()


# Words ---------------------------------------------------------------------------------------

# Where a Dutch text may say "digest": the command's own name (/digest, /werkbot digest, and the
# sub-command in the help's list after a middle dot).
DIGEST_COMMAND = re.compile(r"/?werkbot digest\b|/digest\b|· digest\b")
# What a Dutch text never says: "we" for the bot (it says "ik"), u-vorm, and anglicisms.
NOT_IN_DUTCH = {
    "we/wij/ons for the bot": re.compile(r"\b(?:we|wij|ons|onze)\b", re.IGNORECASE),
    "u-vorm": re.compile(r"\b(?:u|uw)\b", re.IGNORECASE),
    "digest outside its command": re.compile(r"digest", re.IGNORECASE),
    "maskeren": re.compile(r"maske(?:er|r)", re.IGNORECASE),
    "exports": re.compile(r"\bexports\b", re.IGNORECASE),
}


def rendered(content, language: str) -> dict[str, str]:
    """Every template of a language as users read it, its fields filled with a neutral mark."""
    shown = {}
    for key, template in content.messages.templates[language].items():
        fields = {field for _, field, _, _ in Formatter().parse(template) if field}
        shown[key] = content.messages.render(language, key, **dict.fromkeys(fields, "…"))
    return shown


def dutch_words(content) -> dict[str, re.Pattern]:
    """Dutch words that must not show in an English text: day and month names, the privacy
    check's kinds, status words, and the keywords of a Dutch example ('9 uur', 'pauze tot')."""
    days = [*get_day_names("wide", locale="nl").values(),
            # 'do' (donderdag) is also English: it is left out of the short names.
            *(name for name in get_day_names("abbreviated", locale="nl").values() if name != "do")]
    words = {f"day '{day}'": day for day in days}
    words |= {f"month '{month}'": month for month in get_month_names("wide", locale="nl").values()
              if month not in ("november", "september", "december")}
    nl = content.messages.templates["nl"]
    en = content.messages.templates["en"]
    # BSN and IBAN are the same words in English.
    words |= {f"kind '{kind}'": nl[f"kinds.{kind}"] for kind in KINDS
              if nl[f"kinds.{kind}"].lower() not in en[f"kinds.{kind}"].lower()}
    words |= {f"status '{key}'": nl[key] for key in nl if key.startswith("status.")}
    words |= {f"'{word}'": word for word in ("uur", "tot", "werkdagen", "actief", "gepauzeerd")}
    return {what: re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE) for what, word in words.items()}


def test_dutch_texts_say_ik_je_and_no_anglicisms(content):
    problems = []
    for key, text in rendered(content, "nl").items():
        plain = DIGEST_COMMAND.sub("/…", text)
        problems += [f"{key}: {what}: {found.group()!r}" for what, pattern in NOT_IN_DUTCH.items()
                     for found in pattern.finditer(plain)]
    assert problems == []


def test_the_dutch_check_catches_what_it_is_for():
    def flagged(text: str) -> set[str]:
        plain = DIGEST_COMMAND.sub("/…", text)
        return {what for what, pattern in NOT_IN_DUTCH.items() if pattern.search(plain)}

    assert flagged("Dat bewaren we nooit.") == {"we/wij/ons for the bot"}
    assert flagged("Kies maskeren.") == {"maskeren"}
    assert flagged("Het staat in de weekdigest.") == {"digest outside its command"}
    assert flagged("Wilt u uw verhaal delen?") == {"u-vorm"}
    assert flagged("Bekijk het met /digest, of kies /werkbot digest vr 15:00 · digest do 9:00.") == set()
    assert flagged("Zo werkt het weekoverzicht: 9 uur, een export.") == set()


def test_english_texts_have_no_dutch_days_kinds_or_status_words(content):
    words = dutch_words(content)
    problems = [f"{key}: {what}" for key, text in rendered(content, "en").items()
                for what, pattern in words.items() if pattern.search(text)]
    assert problems == []
    assert words["day 'vrijdag'"].search("Tot vrijdag!") and words["kind 'telefoonnummer'"].search(
        "Found: telefoonnummer.")


def test_every_kind_the_privacy_check_finds_has_words_in_both_languages(content):
    for kind in KINDS:
        nl = content.messages.render("nl", f"kinds.{kind}")
        en = content.messages.render("en", f"kinds.{kind}")
        assert nl and en
    english = {content.messages.render("en", f"kinds.{kind}") for kind in KINDS}
    assert {"name", "phone number", "e-mail address", "address", "date", "age"} <= english


def test_the_slack_story_form_says_what_its_checkbox_does(content):
    assert content.messages.render("nl", "slack.story_anonymous") == "Deel anoniem"
    assert content.messages.render("en", "slack.story_anonymous") == "Share anonymously"


def test_texts_with_slack_instructions_are_only_for_slack(content):
    """/invite, a workspace: Slack's words, in texts only the Slack adapter shows."""
    slack_words = re.compile(r"/invite|werkruimte|workspace", re.IGNORECASE)
    for language in ("nl", "en"):
        for key, text in rendered(content, language).items():
            if slack_words.search(text):
                assert key.startswith(("slack.", "home.")), key
    # home.* belongs to the overview, which only the Slack adapter shows (its home tab).
    used = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "bot").rglob("*.py")
                   if "slack" not in path.parts)
    assert '"slack.' not in used and "overview.sections(" not in used
