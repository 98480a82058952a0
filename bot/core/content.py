"""Content as data: principle sets, dilemmas and message templates from `prompts/`, validated at
load."""

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from string import Formatter
from typing import Any

from babel import Locale

from bot.core.privacy import GuardWords

LANGUAGES = ("nl", "en")
DEFAULT_PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
STARTER_STORIES_FILE = "starter-stories.toml"
DILEMMAS_FILE = "dilemmas.toml"
# A dilemma's id: lower case words joined by hyphens (it is stored with a team's picks).
DILEMMA_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A starter story is told briefly (2–4 sentences): it shows how short a story may be.
MAX_STARTER_STORY = 600


class ContentError(Exception):
    """A prompt file is broken or incomplete; the message names the file and the problem."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class Principle:
    id: str
    set_id: str
    number: int
    # How users read which principle it is: "Gouden regel 7", never the id.
    label: dict[str, str]
    text: dict[str, str]
    questions: dict[str, tuple[str, ...]]
    keywords: tuple[str, ...]
    # Whom users read the principle is from ("DichtErBij-methode"), credited wherever it is shown.
    source: dict[str, str]
    # Where we took it from (a seed file and the author of that text), for us, not for users.
    source_file: str
    source_author: str
    # Practice examples from the seed, in our words, shown with the mantra; a principle may have none.
    hints: dict[str, tuple[str, ...]] = dataclass_field(default_factory=lambda: {"nl": (), "en": ()})


@dataclass(frozen=True)
class PrincipleSet:
    id: str
    order: int
    name: dict[str, str]
    principles: tuple[Principle, ...]


class Catalogue:
    """All principle sets, in file order; principles looked up by their stable id."""

    def __init__(self, sets: list[PrincipleSet]) -> None:
        self.sets = {s.id: s for s in sets}
        self._principles = {p.id: p for s in sets for p in s.principles}

    def principle(self, principle_id: str) -> Principle | None:
        return self._principles.get(principle_id)

    def all(self) -> list[Principle]:
        return list(self._principles.values())

    def in_sets(self, set_ids: Iterable[str]) -> list[Principle]:
        return [p for set_id in set_ids if set_id in self.sets
                for p in self.sets[set_id].principles]


class Messages:
    """User-facing texts per language, rendered with named fields."""

    def __init__(self, templates: dict[str, dict[str, str]]) -> None:
        self.templates = templates

    def render(self, language: str, key: str, /, **fields: Any) -> str:
        table = self.templates.get(language, self.templates["nl"])
        return table[key].format(**fields)

    def keys(self) -> set[str]:
        return set(self.templates["nl"])

    def __contains__(self, key: str) -> bool:
        return key in self.templates["nl"]


@dataclass(frozen=True)
class StarterStory:
    """A practice example from the source texts, retold in our words: shown in a week without
    stories as what a story can look like, with where it comes from; never a team's story."""

    id: str
    principle: Principle
    text: dict[str, str]
    # Where readers are told it comes from ("de brief van Wietske Gercama (…)").
    source: dict[str, str]
    # The seed it was retold from, for us, not for users.
    source_file: str


@dataclass(frozen=True)
class Dilemma:
    """A tension the work moves between, posted as a question instead of the principle on the
    team's dilemma day: its two poles (`title`), the question to the team, and where it is from."""

    id: str
    title: dict[str, str]
    question: dict[str, str]
    # Where readers are told it comes from ("de brief van Wietske Gercama (…)").
    source: dict[str, str]
    # The seed it was taken from, for us, not for users.
    source_file: str


@dataclass(frozen=True)
class Content:
    catalogue: Catalogue
    messages: Messages
    guard_words: GuardWords
    starter_stories: tuple[StarterStory, ...] = ()
    dilemmas: tuple[Dilemma, ...] = ()


def load_content(directory: Path | None = None) -> Content:
    """Load and validate everything under prompts/; raise ContentError on the first problem."""
    directory = directory or DEFAULT_PROMPTS_DIR
    principle_files = sorted((directory / "principles").glob("*.toml"))
    if not principle_files:
        raise ContentError(directory / "principles", "no principle sets found")
    sets = [_load_set(path) for path in principle_files]
    seen: dict[str, Path] = {}
    for path, principle_set in zip(principle_files, sets, strict=True):
        if principle_set.id in seen:
            raise ContentError(path, f"set id '{principle_set.id}' also used in {seen[principle_set.id]}")
        seen[principle_set.id] = path
    messages = _load_messages(directory / "messages")
    catalogue = Catalogue(sorted(sets, key=lambda s: s.order))
    return Content(catalogue, messages, _load_guard_words(directory / "privacy", catalogue),
                   _load_starter_stories(directory / STARTER_STORIES_FILE, catalogue),
                   _load_dilemmas(directory / DILEMMAS_FILE))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ContentError(path, f"cannot be read: {error}") from error


def _text(path: Path, where: str, table: dict[str, Any], field: str) -> str:
    value = table.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, f"{where} has no text field '{field}'")
    return value.strip()


def _texts(path: Path, where: str, table: dict[str, Any], field: str, minimum: int) -> tuple[str, ...]:
    value = table.get(field)
    if (not isinstance(value, list) or len(value) < minimum
            or not all(isinstance(item, str) and item.strip() for item in value)):
        raise ContentError(path, f"{where} needs at least {minimum} texts in '{field}'")
    return tuple(item.strip() for item in value)


def _load_set(path: Path) -> PrincipleSet:
    data = _read_toml(path)
    header = data.get("set")
    if not isinstance(header, dict):
        raise ContentError(path, "missing the [set] table")
    set_id = _text(path, "[set]", header, "id")
    prefix = _text(path, "[set]", header, "id_prefix")
    order = header.get("order")
    if not isinstance(order, int):
        raise ContentError(path, "[set] needs a whole number 'order' (its place in listings)")
    source_file = _text(path, "[set]", header, "source_file")
    source_author = _text(path, "[set]", header, "source_author")
    name = {"nl": _text(path, "[set]", header, "name"), "en": _text(path, "[set]", header, "name_en")}
    label = {"nl": _text(path, "[set]", header, "label"), "en": _text(path, "[set]", header, "label_en")}
    source = {"nl": _text(path, "[set]", header, "source"), "en": _text(path, "[set]", header, "source_en")}
    entries = data.get("principle")
    if not isinstance(entries, list) or not entries:
        raise ContentError(path, "has no [[principle]] entries")
    principles: list[Principle] = []
    for position, entry in enumerate(entries, start=1):
        where = f"principle {position}"
        principle_id = _text(path, where, entry, "id")
        number = entry.get("number")
        if number != position:
            raise ContentError(path, f"{where} ({principle_id}) has number {number!r}, expected {position}")
        if principle_id != f"{prefix}-{number}":
            raise ContentError(path, f"{where} has id '{principle_id}', expected '{prefix}-{number}'")
        keywords = _texts(path, where, entry, "keywords", 1)
        principles.append(Principle(
            id=principle_id,
            set_id=set_id,
            number=number,
            label={language: f"{word} {number}" for language, word in label.items()},
            text={"nl": _text(path, where, entry, "text"), "en": _text(path, where, entry, "text_en")},
            questions={"nl": _texts(path, where, entry, "questions", 2),
                       "en": _texts(path, where, entry, "questions_en", 2)},
            keywords=tuple(k.lower() for k in keywords),
            source=_own_source(path, where, entry, source),
            source_file=source_file,
            source_author=source_author,
            hints=_hints(path, where, entry),
        ))
    return PrincipleSet(id=set_id, order=order, name=name, principles=tuple(principles))


def _own_source(path: Path, where: str, entry: dict[str, Any], of_set: dict[str, str]) -> dict[str, str]:
    """A principle may name its own author (a set that gathers directions of several people);
    then in both languages."""
    if "source" not in entry and "source_en" not in entry:
        return of_set
    return {"nl": _text(path, where, entry, "source"), "en": _text(path, where, entry, "source_en")}


def _hints(path: Path, where: str, entry: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Optional practice examples: none, or as many in English as in Dutch."""
    if "hints" not in entry and "hints_en" not in entry:
        return {"nl": (), "en": ()}
    hints = {"nl": _texts(path, where, entry, "hints", 1), "en": _texts(path, where, entry, "hints_en", 1)}
    if len(hints["nl"]) != len(hints["en"]):
        raise ContentError(path, f"{where} has {len(hints['nl'])} texts in 'hints' but "
                                 f"{len(hints['en'])} in 'hints_en'")
    return hints


def _entries(path: Path, table: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Each `[[table]]` entry of a content file as (its id, where it is for errors, the entry),
    after checking the file, the list, each entry's table and that no id is used twice."""
    if not path.exists():
        raise ContentError(path, f"{path.stem.replace('-', ' ')} file is missing")
    entries = _read_toml(path).get(table)
    if not isinstance(entries, list) or not entries:
        raise ContentError(path, f"has no [[{table}]] entries")
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise ContentError(path, f"{table} {position} is not a table")
        entry_id = _text(path, f"{table} {position}", entry, "id")
        where = f"{table} {position} ({entry_id})"
        if entry_id in seen:
            raise ContentError(path, f"{where} has an id that an earlier {table} uses")
        seen.add(entry_id)
        yield entry_id, where, entry


def _in_both(path: Path, where: str, entry: dict[str, Any], field: str) -> dict[str, str]:
    """A text field in Dutch (`field`) and English (`field_en`)."""
    return {"nl": _text(path, where, entry, field), "en": _text(path, where, entry, f"{field}_en")}


def _load_starter_stories(path: Path, catalogue: Catalogue) -> tuple[StarterStory, ...]:
    """The seeds' practice examples, each naming a principle of the catalogue and where it is from."""
    stories: list[StarterStory] = []
    for story_id, where, entry in _entries(path, "story"):
        principle_id = _text(path, where, entry, "principle")
        principle = catalogue.principle(principle_id)
        if principle is None:
            raise ContentError(path, f"{where} names an unknown principle '{principle_id}'")
        text = _in_both(path, where, entry, "text")
        for language, told in text.items():
            if len(told) > MAX_STARTER_STORY:
                raise ContentError(path, f"{where} has a {language} text of {len(told)} characters; "
                                         f"a starter story is brief (at most {MAX_STARTER_STORY})")
        stories.append(StarterStory(id=story_id, principle=principle, text=text,
                                    source=_in_both(path, where, entry, "source"),
                                    source_file=_text(path, where, entry, "source_file")))
    return tuple(stories)


def _load_dilemmas(path: Path) -> tuple[Dilemma, ...]:
    """The dilemmas of the week, in the order a team gets them; each with a unique id, both
    poles, a question and where it is from, in both languages."""
    dilemmas: list[Dilemma] = []
    for dilemma_id, where, entry in _entries(path, "dilemma"):
        if not DILEMMA_ID.match(dilemma_id):
            raise ContentError(path, f"{where} needs an id of lower-case words joined by hyphens")
        dilemmas.append(Dilemma(id=dilemma_id, title=_in_both(path, where, entry, "title"),
                                question=_in_both(path, where, entry, "question"),
                                source=_in_both(path, where, entry, "source"),
                                source_file=_text(path, where, entry, "source_file")))
    return tuple(dilemmas)


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _fields(path: Path, key: str, template: str) -> set[str]:
    try:
        parsed = list(Formatter().parse(template))
    except ValueError as error:
        raise ContentError(path, f"template '{key}' does not render: {error}") from error
    fields = {field for _, field, _, _ in parsed if field is not None}
    for field in fields:
        if not field.isidentifier():
            raise ContentError(path, f"template '{key}' has a bad placeholder {{{field}}}")
    return fields


# The invitations a team gets in turn (bot/core/posting.py counts them).
ROTATING_TEXTS = "oproep.invitation_"


def _load_messages(directory: Path) -> Messages:
    templates: dict[str, dict[str, str]] = {}
    fields: dict[str, dict[str, set[str]]] = {}
    for language in LANGUAGES:
        path = directory / f"{language}.toml"
        if not path.exists():
            raise ContentError(path, "message file is missing")
        flat = _flatten(_read_toml(path))
        for key, value in flat.items():
            if not isinstance(value, str) or not value.strip():
                raise ContentError(path, f"template '{key}' is empty or not text")
        templates[language] = {key: value.strip("\n") for key, value in flat.items()}
        fields[language] = {key: _fields(path, key, value) for key, value in flat.items()}
        for key, value in templates[language].items():
            try:
                value.format(**{name: "x" for name in fields[language][key]})
            except (ValueError, IndexError, KeyError) as error:
                raise ContentError(path, f"template '{key}' does not render: {error}") from error
    reference = templates["nl"]
    for language in LANGUAGES[1:]:
        path = directory / f"{language}.toml"
        missing = sorted(set(reference) - set(templates[language]))
        if missing:
            raise ContentError(path, f"missing templates: {', '.join(missing)}")
        extra = sorted(set(templates[language]) - set(reference))
        if extra:
            raise ContentError(path, f"templates not in nl.toml: {', '.join(extra)}")
        for key in reference:
            if fields[language][key] != fields["nl"][key]:
                raise ContentError(
                    path, f"template '{key}' uses {sorted(fields[language][key])}, "
                    f"nl.toml uses {sorted(fields['nl'][key])}")
    # Texts a team gets in turn (oproep.invitation_1, _2, …) are numbered from 1 without a gap:
    # the rotation counts them and would stop at a missing one.
    numbers = sorted(int(key.rsplit("_", 1)[1]) for key in reference
                     if key.startswith(ROTATING_TEXTS) and key.rsplit("_", 1)[1].isdigit())
    if numbers != list(range(1, len(numbers) + 1)) or not numbers:
        raise ContentError(directory / "nl.toml", f"the texts {ROTATING_TEXTS}1, 2, … must be numbered "
                                                 f"from 1 without a gap (found {numbers})")
    return Messages(templates)


def _load_guard_words(directory: Path, catalogue: Catalogue) -> GuardWords:
    """The privacy guard's word lists; the principles' own words open sentences too."""
    path = directory / "ordinary-words.toml"
    if not path.exists():
        raise ContentError(path, "word list is missing")
    data = _read_toml(path)
    anywhere = _texts(path, "the file", data, "anywhere", 1)
    sentence_start = _texts(path, "the file", data, "sentence_start", 1)
    after_title = _texts(path, "the file", data, "after_title", 1)
    also_words = _texts(path, "the file", data, "names_also_words", 1)
    street_nouns = _texts(path, "the file", data, "street_nouns", 1)
    towns_as_words = _texts(path, "the file", data, "towns_as_words", 1)
    principle_words = {word.lower() for p in catalogue.all() for text in p.text.values()
                       for word in re.findall(r"[\w'-]+", text)}
    # Countries by their Dutch names (Babel's territories with a two-letter code: no "Europa").
    countries = {name.lower() for code, name in Locale("nl").territories.items()
                 if len(code) == 2 and code.isalpha()}
    # …also as typed without their diacritics ("belgie", "kaapverdie").
    countries |= {_without_diacritics(name) for name in countries}
    return GuardWords(
        anywhere=frozenset(word.lower() for word in [*anywhere, *street_nouns, *towns_as_words]),
        sentence_start=frozenset(word.lower() for word in sentence_start) | principle_words,
        after_title=frozenset(word.lower() for word in after_title),
        not_personal=_word_list(directory / "not-names.toml"),
        name_words=_word_list(directory / "name-words.toml") | {word.lower() for word in also_words},
        first_names=_word_list(directory / "first-names.toml"),
        neighbourhoods=_word_list(directory / "neighbourhoods.toml"),
        institutions=_word_list(directory / "institutions.toml"),
        places_abroad=_word_list(directory / "places-abroad.toml") | countries,
        national_bodies=_national_bodies(directory / "not-names.toml"),
        street_nouns=frozenset(word.lower() for word in street_nouns),
        registered_areas=(_word_list(directory / "cbs-areas.toml", table="gemeenten")
                          | _word_list(directory / "cbs-areas.toml", table="hoofdletters")),
        capitalised_areas=_word_list(directory / "cbs-areas.toml", table="hoofdletters"),
        areas_as_words=_word_list(directory / "cbs-areas.toml", table="gewone-woorden"),
    )


def _without_diacritics(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _national_bodies(path: Path) -> frozenset[str]:
    """not-names.toml's national bodies alone: their sites are public (see GuardWords)."""
    bodies = _texts(path, "the file", _read_toml(path), "national_bodies", 1)
    return frozenset(body.lower() for body in bodies)


def _word_list(path: Path, table: str | None = None) -> frozenset[str]:
    """Every word or phrase in a list file of prompts/privacy/, lower case, or in one of its
    tables. Each file says where its words come from in `source`; its lists may sit at the top or
    in tables of lists."""
    if not path.exists():
        raise ContentError(path, "word list is missing")
    data = _read_toml(path)
    source = data.pop("source", None)
    if not isinstance(source, str) or not source.strip():
        raise ContentError(path, "has no 'source' saying where its words come from")
    if table is not None:
        if not isinstance(data.get(table), dict):
            raise ContentError(path, f"has no table [{table}]")
        data = {table: data[table]}
    lists = [value for value in data.values() if isinstance(value, list)]
    lists += [inner for value in data.values() if isinstance(value, dict)
              for inner in value.values()]
    words: set[str] = set()
    for values in lists:
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise ContentError(path, "every list must hold words or phrases (non-empty text)")
        words.update(value.strip().lower() for value in values)
    if not words:
        raise ContentError(path, "holds no words")
    return frozenset(words)
