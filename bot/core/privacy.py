"""The privacy guard: find residents' personal data in a story, and mask it.

Names, places, institutions, dates and ages come from deduce (Dutch de-identification). The
identifiers people type in many shapes come from the libraries that validate them:
phonenumbers for phone numbers, python-stdnum for BSN (11-proef) and IBAN (mod-97), plus strict
patterns for e-mail, postcodes and street + house number.

deduce's full lookup lists take about a gigabyte of memory, almost all of it for two lists: the
street names and the healthcare institutions. The guard builds deduce from a copy of its lists
without those two, and checks street names itself against a plain set of the same names.
"""

import logging
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

log = logging.getLogger(__name__)

KINDS = ("naam", "bsn", "telefoonnummer", "email", "iban", "adres", "datum", "leeftijd",
         "locatie", "instelling", "url")
# Never stored as typed: the author may only mask them or edit the story.
HARD_KINDS = frozenset({"bsn", "telefoonnummer", "email", "iban", "adres"})
# When two findings overlap, the one earlier in this list names the joined span.
PRECEDENCE = ("bsn", "iban", "email", "telefoonnummer", "url", "adres", "datum", "leeftijd",
              "naam", "instelling", "locatie")

DEDUCE_KINDS = {
    "persoon": "naam", "patient": "naam", "locatie": "locatie", "instelling": "instelling",
    "ziekenhuis": "instelling", "datum": "datum", "leeftijd": "leeftijd",
    "telefoonnummer": "telefoonnummer", "emailadres": "email", "url": "url", "bsn": "bsn",
}
# Lists left out of deduce's copy (see the module docstring).
HEAVY_LISTS = ("locations/lst_street", "institutions/lst_healthcare_institution")
# Where deduce keeps its built lookup structures, inside the lookup folder it is given.
DEDUCE_CACHE_FOLDER = "cache"

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
BSN_CANDIDATE = re.compile(r"(?<![\d.\-])\d(?:[ .\-]?\d){8}(?![\d]|[.\-]\d)")
IBAN_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])")
POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3}(?:[A-Za-z]{2}| [A-Z]{2})(?![\w-])")
HOUSE_NUMBER = re.compile(
    r"(?<![\w-])\d{1,5}(?:[ -]?(?:I{1,3}|hs|bis|[A-Za-z])(?![\w-])|-\d{1,4})?(?![\w-])")
STREET_SUFFIX = re.compile(
    r"[A-Z][\w'-]*(?:baan|bolwerk|dam|dijk|dreef|erf|gracht|haven|hof|kade|laan|markt|pad|park|"
    r"plantsoen|plein|singel|steeg|straat|wal|weg|wetering|zijde)$")
WORD_BEFORE = re.compile(r"([\w'.-]+)\s*$")
AGE_PATTERNS = (
    re.compile(r"(?<![\w-])\d{1,3}-jarige?(?![\w-])", re.IGNORECASE),
    re.compile(r"(?<=[A-Za-z]\s)\((\d{1,3})\)"),
    re.compile(r"(?<![\w-])(?:(?:van|is|wordt|werd|was)\s+)\d{2,3}(?=\s*(?:[.,;!?)]|$))"),
)


@dataclass(frozen=True)
class OrdinaryWords:
    """Words deduce may take for names but that are not, in this domain (prompts/privacy/)."""

    anywhere: frozenset[str]
    sentence_start: frozenset[str]


@dataclass(frozen=True, order=True)
class Finding:
    start: int
    end: int
    kind: str


def mask(text: str, findings: Iterable[Finding]) -> str:
    """Replace every finding by its kind in brackets: `[naam]`, `[telefoonnummer]`, …"""
    parts: list[str] = []
    position = 0
    for finding in sorted(findings):
        parts.append(text[position:finding.start])
        parts.append(f"[{finding.kind}]")
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def kinds_of(findings: Iterable[Finding]) -> list[str]:
    found = {f.kind for f in findings}
    return [kind for kind in KINDS if kind in found]


def _merge(findings: list[Finding]) -> list[Finding]:
    """Join overlapping findings; the stronger kind (PRECEDENCE) names the joined span."""
    merged: list[Finding] = []
    for finding in sorted(findings):
        if merged and finding.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.kind, finding.kind, key=PRECEDENCE.index)
            merged[-1] = Finding(last.start, max(last.end, finding.end), kind)
        else:
            merged.append(finding)
    return merged


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'(“‘«")
    return not before or before[-1] in ".!?:\n;"


class PrivacyGuard:
    """scan() and mask() for story texts. Loading deduce takes seconds: `load_in_background`."""

    def __init__(self, words: OrdinaryWords, cache_dir: Path) -> None:
        self.words = words
        self._openers = words.anywhere | words.sentence_start
        self.cache_dir = cache_dir
        self.ready = threading.Event()
        self._deduce = None
        self._streets: frozenset[str] = frozenset()
        self._common_words: frozenset[str] = frozenset()
        self._load_error: BaseException | None = None

    # Loading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Build (first time) or load deduce's lookup structures and the street names."""
        if self._deduce is not None:
            return
        try:
            from deduce import Deduce

            source = Path(str(resources.files("deduce") / "data" / "lookup"))
            lookup = self._trimmed_lookup(source)
            try:
                self._deduce = Deduce(lookup_data_path=lookup, cache_path=lookup)
            except Exception:
                # deduce writes its cache file in place: a process stopped mid-write (or two
                # writing at once) leaves it broken for every later start. Build it once more.
                log.warning("the privacy guard's lookup cache was unreadable; building it again")
                shutil.rmtree(lookup / DEDUCE_CACHE_FOLDER, ignore_errors=True)
                self._deduce = Deduce(lookup_data_path=lookup, cache_path=lookup)
            self._streets = self._word_list(source / "src" / "locations" / "lst_street")
            self._common_words = self._word_list(source / "src" / "whitelist" / "lst_common_word")
        except BaseException as error:
            self._load_error = error
            raise
        finally:
            self.ready.set()

    def load_in_background(self, then: Callable[[], None] | None = None) -> threading.Thread:
        """Load in a thread of its own; `then` runs there once the guard is ready."""
        thread = threading.Thread(target=self._load_logged, args=[then], name="privacy-guard", daemon=True)
        thread.start()
        return thread

    def _load_logged(self, then: Callable[[], None] | None) -> None:
        try:
            self.load()
        except Exception:
            log.exception("the privacy guard could not load")
            return
        if then is not None:
            then()

    def wait(self, timeout: float | None = None) -> bool:
        return self.ready.wait(timeout)

    @property
    def state(self) -> str:
        """'loading', 'ready', or 'failed' (stories are then refused, never stored unchecked)."""
        if not self.ready.is_set():
            return "loading"
        return "ready" if self._deduce is not None else "failed"

    def _trimmed_lookup(self, source: Path) -> Path:
        import deduce

        target = self.cache_dir / f"deduce-{deduce.__version__}" / "lookup"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            # A read-only home must not cost the guard: build in the temp folder instead.
            log.warning("cache folder %s is not writable; using the temp folder", self.cache_dir)
            target = Path(tempfile.gettempdir()) / "werkbot" / f"deduce-{deduce.__version__}" / "lookup"
            target.parent.mkdir(parents=True, exist_ok=True)
        if not (target / "src").exists():
            staging = Path(tempfile.mkdtemp(prefix="staging-", dir=target.parent))
            shutil.copytree(source / "src", staging / "src",
                            ignore=shutil.ignore_patterns("__pycache__"))
            for heavy in HEAVY_LISTS:
                folder = staging / "src" / heavy
                (folder / "items.txt").write_text("", encoding="utf-8")
                (folder / "exceptions.txt").unlink(missing_ok=True)
            try:
                staging.rename(target)
            except OSError:
                # Another process finished the same copy first.
                shutil.rmtree(staging, ignore_errors=True)
        return target

    @staticmethod
    def _word_list(folder: Path) -> frozenset[str]:
        names = (folder / "items.txt").read_text(encoding="utf-8").splitlines()
        return frozenset(name.strip().lower() for name in names if len(name.strip()) > 2)

    # Scanning --------------------------------------------------------------------------

    def scan(self, text: str) -> list[Finding]:
        """Every piece of personal data found, as non-overlapping spans, in text order."""
        self.ready.wait()
        if self._deduce is None:
            raise RuntimeError("privacy guard not loaded") from self._load_error
        findings = [*self._identifiers(text), *self._addresses(text), *self._ages(text),
                    *self._deduce_findings(text)]
        return _merge(findings)

    def _identifiers(self, text: str) -> list[Finding]:
        found = [Finding(m.start(), m.end(), "email") for m in EMAIL.finditer(text)]
        for match in BSN_CANDIDATE.finditer(text):
            if stdnum_bsn.is_valid(re.sub(r"\D", "", match.group())):
                found.append(Finding(match.start(), match.end(), "bsn"))
        for match in IBAN_CANDIDATE.finditer(text):
            candidate = match.group()
            # Groups of four may run on into the next word ("… 5632 12 voor"): drop them one by one.
            while not stdnum_iban.is_valid(candidate) and " " in candidate:
                candidate = candidate.rsplit(" ", 1)[0]
            if stdnum_iban.is_valid(candidate):
                found.append(Finding(match.start(), match.start() + len(candidate), "iban"))
        for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
            found.append(Finding(match.start, match.end, "telefoonnummer"))
        return found

    def _addresses(self, text: str) -> list[Finding]:
        found = [Finding(m.start(), m.end(), "adres") for m in POSTCODE.finditer(text)]
        for number in HOUSE_NUMBER.finditer(text):
            start = self._street_before(text, number.start())
            if start is not None:
                found.append(Finding(start, number.end(), "adres"))
        return found

    def _street_before(self, text: str, end: int) -> int | None:
        """Start of a street name that ends just before a house number, if there is one."""
        words: list[re.Match[str]] = []
        position = end
        for _ in range(4):
            match = WORD_BEFORE.search(text, 0, position)
            if match is None:
                break
            words.insert(0, match)
            position = match.start()
        for first in range(len(words)):
            phrase = text[words[first].start(1):end].strip()
            if not phrase[:1].isupper():
                continue
            if first == len(words) - 1 and STREET_SUFFIX.match(phrase):
                return words[first].start(1)
            if phrase.lower() in self._streets and not self._ordinary(phrase):
                return words[first].start(1)
        return None

    def _ordinary(self, word: str) -> bool:
        """A common word that is also a street name somewhere ("Kamer", "Lijn")."""
        word = word.lower()
        return word in self._common_words or word in self._openers

    @staticmethod
    def _ages(text: str) -> list[Finding]:
        found = []
        for pattern in AGE_PATTERNS:
            for match in pattern.finditer(text):
                group = 1 if pattern.groups else 0
                found.append(Finding(match.start(group), match.end(group), "leeftijd"))
        return found

    def _deduce_findings(self, text: str) -> list[Finding]:
        assert self._deduce is not None
        document = self._deduce.deidentify(text)
        found = []
        for annotation in document.annotations:
            kind = DEDUCE_KINDS.get(annotation.tag)
            if kind is None:
                continue
            # int(): deduce gives numpy integers for some spans.
            start, end = int(annotation.start_char), int(annotation.end_char)
            # deduce sometimes takes the words after a name along ("Jansen uit de").
            words = list(re.finditer(r"[\w'-]+", text[start:end]))
            while kind == "naam" and len(words) > 1 and words[-1].group().islower():
                words.pop()
            # …or an ordinary word that opens the sentence ("Bel Anna").
            while (kind == "naam" and len(words) > 1 and _sentence_start(text, start + words[0].start())
                   and words[0].group().lower() in self._openers):
                words.pop(0)
            if not words:
                continue
            end = start + words[-1].end()
            start += words[0].start()
            if kind == "naam" and self._ordinary_words(text, start, end):
                continue
            # A common word opening a sentence is no place either ("Bus 12 stopt…").
            if (kind == "locatie" and len(words) == 1 and _sentence_start(text, start)
                    and self._ordinary(text[start:end])):
                continue
            found.append(Finding(start, end, kind))
        return found

    def _ordinary_words(self, text: str, start: int, end: int) -> bool:
        """A 'name' made of words that are never names here, or of ordinary words that are
        also surnames ("Mooi", "Groen") standing capitalised at the start of a sentence."""
        words = [word.lower() for word in re.findall(r"[\w'-]+", text[start:end])]
        if not words:
            return True
        if all(word in self.words.anywhere for word in words):
            return True
        return _sentence_start(text, start) and all(word in self._openers for word in words)


@dataclass(frozen=True)
class Screened:
    """Story text that has been through the guard: clean, masked, or with names the author kept.

    `flags` lists the kinds that were found (comma-separated, never the values).
    """

    text: str
    flags: str = ""
