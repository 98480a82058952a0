"""Write prompts/privacy/cbs-areas.toml: the names of the Dutch wijken and buurten as CBS
registers them, for the privacy guard to know a neighbourhood it has no hand-written entry for
("mw. Tahiri woont in brunnepe", "moeder alleen met 3 kids in de schooten").

The names come from CBS's Wijk- en Buurtkaart 2014 (published through the Nationaal Georegister,
open data, CC BY 4.0), as kept in the label files of github.com/ties/cbs_gebiedsindelingen_topojson
(Buurt_2014_labels.json, Wijk_2014_labels.json, Gemeente_2015_labels.json). Single words that
are ordinary Dutch words are left out, by the lower-case entries of the OpenTaal word list
(Debian package wdutch), because the guard would otherwise take "Akker" or "Morgenstond" after
any "in" for a place; they stand apart, for the guard to take only right after a resident ("jayden
uit morgenstond"), and without the words any town's parts are called ("Centrum", "Polder").
Tools for this script only, not dependencies of the bot:

    apt-get install wdutch
    python tools/cbs_areas.py path/to/cbs_gebiedsindelingen_topojson
"""

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "prompts" / "privacy" / "cbs-areas.toml"
WORD_LIST = Path("/usr/share/dict/nederlands")

# CBS numbers its wijken ("Wijk 08 Groot-Ammers", "Wijk01-Arkel"): the name is what follows.
NUMBERED = re.compile(r"^(?:Wijk|Buurt)\s*\d+[a-z]?\s*[-:.]?\s*", re.IGNORECASE)
# What CBS adds to a name that people do not say: "Verspreide huizen Haarlo", "Ankum-Kern",
# "Scheldestraat en omgeving", "Oude Kerk e.o.".
SCATTERED = re.compile(r"^Verspreide huizen\s+", re.IGNORECASE)
ADDED_TAIL = re.compile(r"(?:[\s-]+(?:kern|e\.?\s?o\.?|en omgeving|omgeving|gebied|\(.*\)))+$", re.IGNORECASE)
# "Huiswaard 2", "Broekland II": a part of a neighbourhood; people name the neighbourhood.
PART_NUMBER = re.compile(r"[\s-]+(?:\d+|[IVX]+)[a-z]?$")
# "Geeren-Noord", "Huiswaard-2-Oost", "De Korte Akkeren-Oud": people name the whole as well.
QUARTER = re.compile(r"[\s-]+(?i:noord|zuid|oost|west|midden|centrum|noordoost|noordwest|zuidoost|zuidwest"
                     r"|zuid-oost|zuid-west|noord-oost|noord-west|oud|nieuw)$")
# Names that hold two areas: "Welgelegen. Den Hommel", "Hofwijk en Oranjehof".
JOINED = re.compile(r"\s*(?:\.|,|/|&|\sen\s)\s*")
# Where no one lives, or what is a street and is found as one (an address, a street).
NOT_A_HOME = re.compile(r"(?i)bedrijven|industrie|sportpark|recreatie|bungalowpark|camping"
                        r"|haven(?:gebied|terrein)|buitengebied|landelijk|kassengebied|glastuinbouw|natuurgebied|bos(?:gebied|wachter)"
                        r"|begraafplaats|kazerne|luchthaven|vliegveld|golfbaan|jachthaven")
STREET = re.compile(r"(?i)(?:straat|laan|weg|plein|steeg|pad|singel|kade|gracht|dreef|straatweg)$")
# What any town has, so no area in particular, even after a resident ("mw uit het centrum", "uit
# de polder", "woont in de binnenstad"): kinds of area, compass points, facilities.
KINDS_OF_AREA = re.compile(
    r"(?:achter|akker|beneden|binnen|boven|buiten|centrum|deltagebied|dorps?|duin|golf|handels|haven|hoofd|"
    r"middengebied|noord|oost|plassen|rand|stads?|stations?|tuinbouw|uitbreiding|universiteits|veenweide|villa|"
    r"weide|west|winkel|woonwagen|zuid|zee)"
    r"(?:land|landen|gebied|stad|wijk|wijken|buurt|kwartier|centrum|kern|hart|rand|zone|park|parken|plan|deel"
    r"|kant|zijde|oever|hoek|einde|eind|en|kamp|complex|terrein|terreinen|omgeving)?"
    r"|centrum|city|kern|stad|dorp|dorpen|buurt|wijk|eind|einde|polders?|bossen|bosrand|duinen|strand|streek"
    r"|boulevard|kerk|marina|ziekenhuis"
    r"|noorden|oosten|zuiden|westen|noordwesten|noordoost|noordwest|zuidoost|zuidwest|randstad|azc|hoogbouw"
    r"|jaarbeurs|koopcentrum|landerijen|studentenflats|suikerfabriek|drinkwaterbedrijf|mijnendienst|spaarbekken"
    r"|sluis|dijken|kanaal|bruggen|plassen|meren|sporen|stenen|tuinen|volkstuinen|vesting|kolonie|seminarie"
    r"|manege|podium|rosarium|diergaarde|steiger|vuurtoren|watertoren|bedrijfsterreinen|flatwijk|vluchtoord")
# Words Dutch says after "uit" or "in" in a fixed phrase: "uit vissen", "uit de brand helpen", "uit
# de stukken", "in de war", "uit de koppel", "uit het rooster halen".
IN_FIXED_PHRASES = frozenset({"vissen", "brand", "stukken", "war", "koppel", "rooster", "kop", "schaften",
                              "lusten", "bouwen", "vechten", "zetten", "klimmen", "glimmen", "plakken"})
ARTICLE = re.compile(r"^(?:De|Het|'t|de|het)\s+")
ARTICLES = frozenset({"de", "het", "'t", "den", "der", "van", "en", "op", "aan", "in", "bij", "ter", "ten"})


def names(raw: str, ordinary: frozenset[str]) -> list[str]:
    """The names people would type for one CBS area name: none, one, or the parts it joins; not
    one ordinary word (see ordinary_names)."""
    name = re.sub(r"\s+", " ", raw).strip()
    name = SCATTERED.sub("", NUMBERED.sub("", name))
    name = ADDED_TAIL.sub("", name).strip(" -")
    if not name or NOT_A_HOME.search(name):
        return []
    parts = [part for part in JOINED.split(name) if part and not part.startswith("-")]
    # "Kerk en Zanen" is one name; "Hofwijk en Oranjehof" two; keep both readings.
    candidates = [name, *parts] if len(parts) > 1 else [name]
    candidates += [PART_NUMBER.sub("", QUARTER.sub("", candidate)) for candidate in candidates]
    # "De Schooten" is typed "in de schooten" too: the name without its article as well.
    candidates += [ARTICLE.sub("", candidate) for candidate in candidates if ARTICLE.match(candidate)]
    kept = []
    for candidate in candidates:
        candidate = PART_NUMBER.sub("", candidate).strip(" -.")
        words = re.split(r"[\s-]+", candidate.lower())
        if (not candidate or any(ch.isdigit() for ch in candidate) or STREET.search(candidate)
                or len(candidate) < 3 or (not candidate[0].isupper() and not candidate.startswith("'t"))):
            continue
        # A single ordinary word is no name; a phrase of them may be ("De Hoge Hoek").
        if (len(words) == 1 and words[0] in ordinary) or all(word in ARTICLES for word in words):
            continue
        kept.append(candidate)
    return list(dict.fromkeys(kept))


def ordinary_names(raw: str, ordinary: frozenset[str]) -> list[str]:
    """The names of one CBS area that are a single ordinary word ("Zuilen", "Akkers"), but no
    kind of area any town has, no word ending in -e (mostly adjectives: "in de oude pastorie"),
    and none that Dutch says after "uit" or "in" in a fixed phrase."""
    return [name for name in names(raw, frozenset()) if " " not in name and "-" not in name
            and name.lower() in ordinary and not KINDS_OF_AREA.fullmatch(name.lower())
            and not name.endswith("e") and name.lower() not in IN_FIXED_PHRASES]


def ordinary_only(name: str, ordinary: frozenset[str]) -> bool:
    """Made of ordinary words only ("De Hoge Hoek", "Het Buitenland"): a name only as typed with
    capitals, for "in het buitenland" is none."""
    return all(word in ordinary or word in ARTICLES for word in re.split(r"[\s-]+", name.lower()))


def main(folder: Path) -> None:
    ordinary = frozenset(line.strip() for line in WORD_LIST.read_text(encoding="utf-8").splitlines()
                         if line.strip() and line.strip() == line.strip().lower())
    labels = {name: json.loads((folder / name).read_text(encoding="utf-8"))["objects"]["labels"]["geometries"]
              for name in ("Gemeente_2015_labels.json", "Wijk_2014_labels.json", "Buurt_2014_labels.json")}
    municipalities = {g["properties"]["statcode"][2:]: g["properties"]["statnaam"]
                      for g in labels["Gemeente_2015_labels.json"]}
    any_case: dict[str, set[str]] = defaultdict(set)
    capitalised: dict[str, set[str]] = defaultdict(set)
    words: dict[str, set[str]] = defaultdict(set)
    for file in ("Wijk_2014_labels.json", "Buurt_2014_labels.json"):
        for area in labels[file]:
            code = area["properties"]["statcode"][2:6]
            municipality = municipalities.get(code, f"GM{code}")
            for name in names(area["properties"]["statnaam"], ordinary):
                (capitalised if ordinary_only(name, ordinary) else any_case)[municipality].add(name)
            words[municipality].update(ordinary_names(area["properties"]["statnaam"], ordinary))
    lines = [HEADER, "", "[gemeenten]", *table(any_case), "", "[hoofdletters]", *table(capitalised),
             "", "[gewone-woorden]", *table(words)]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{sum(map(len, any_case.values()))} names in any case, {sum(map(len, capitalised.values()))} "
          f"only with capitals, {sum(map(len, words.values()))} ordinary words, in "
          f"{len(any_case.keys() | capitalised.keys() | words.keys())} municipalities")


def table(by_municipality: dict[str, set[str]]) -> list[str]:
    """One line of TOML per municipality: its names, sorted."""
    lines = []
    for municipality, names in sorted(by_municipality.items()):
        values = json.dumps(sorted(names), ensure_ascii=False)
        lines.append(f"{json.dumps(municipality, ensure_ascii=False)} = {values}")
    return lines


HEADER = '''# Generated by tools/cbs_areas.py: the names of the wijken and buurten CBS registers, by
# municipality (the 2015 municipality, or its CBS code where it merged since). The privacy guard
# takes one for a place where a word before it says so ("in", "uit", "naar", "in de"), or set
# apart in brackets or commas: "mw. Tahiri woont in brunnepe", "3 kids in de schooten". It does
# not take them in any sentence, as it does the hand-written neighbourhoods.toml: the CBS names
# are many, and some are also surnames or names of buildings. (It leaves out those that are a
# first name, a country, a continent or a language: "Emma", "Frans".)
# Single words that are ordinary Dutch words are left out ("Akker", "Noord"). Names of more
# words made of ordinary words ("De Hoge Hoek", "Het Buitenland") stand under [hoofdletters]:
# the guard takes them only as typed with capitals, for "in het buitenland" names no area.
# Single ordinary words stand under [gewone-woorden] ("Zuilen", "Akkers"): the guard takes them
# only right after a resident ("jayden uit morgenstond", "hij woont in zuilen"), and never
# the words any town's parts are called ("Centrum", "Polder").
source = """CBS Wijk- en Buurtkaart 2014 (Centraal Bureau voor de Statistiek and Kadaster, through the \\
Nationaal Georegister; open data, CC BY 4.0), from the label files kept in \\
github.com/ties/cbs_gebiedsindelingen_topojson; ordinary words by the OpenTaal word list (wdutch)."""'''


if __name__ == "__main__":
    main(Path(sys.argv[1]))
