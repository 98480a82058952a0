"""The privacy guard: find residents' personal data in a story, and mask it.

Names, places, institutions, dates and ages come from deduce (Dutch de-identification). The
identifiers people type in many shapes come from the libraries that validate them:
phonenumbers for phone numbers, python-stdnum for BSN (11-proef) and IBAN (mod-97), plus strict
patterns for e-mail, postcodes and street + house number.

deduce's full lookup lists take about a gigabyte of memory, almost all of it for two lists: the
street names and the healthcare institutions. The guard builds deduce from a copy of its lists
without those two, and checks street names itself against a plain set of the same names.
"""

import bisect
import functools
import hashlib
import itertools
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

from bot.core.text import INVISIBLE

log = logging.getLogger(__name__)

KINDS = ("naam", "bsn", "telefoonnummer", "email", "iban", "adres", "datum", "leeftijd",
         "locatie", "instelling", "url")
# Never stored as typed: the author may only mask them or edit the story.
HARD_KINDS = frozenset({"bsn", "telefoonnummer", "email", "iban", "adres"})
# The kinds a phrase that names no resident ("Jan met de pet", a brand) can take back.
NAME_LIKE_KINDS = frozenset({"naam", "locatie", "instelling"})
# The flags of a text whose author kept the names found as typed ("Zo laten").
NAMES_KEPT = "naam:gelaten"
# When two findings overlap, the one earlier in this list names the joined span.
PRECEDENCE = ("bsn", "iban", "email", "telefoonnummer", "url", "adres", "datum", "leeftijd",
              "naam", "instelling", "locatie")

DEDUCE_KINDS = {
    "persoon": "naam", "patient": "naam", "locatie": "locatie", "instelling": "instelling",
    "ziekenhuis": "instelling", "datum": "datum", "leeftijd": "leeftijd",
    "telefoonnummer": "telefoonnummer", "emailadres": "email", "url": "url", "bsn": "bsn",
}
# deduce's steps whose work the guard does not use: it reads the annotations, not the redacted text,
# and finds BSNs and e-mail addresses itself (its phone numbers and links add to the guard's own).
DEDUCE_UNUSED = frozenset({"redactor", "identifiers", "email_addresses"})
# Lists left out of deduce's copy (see the module docstring).
HEAVY_LISTS = ("locations/lst_street", "institutions/lst_healthcare_institution")
# deduce's list of medical terms, which it never takes for a name.
MEDICAL_TERMS = "whitelist/lst_medical_term"
# Where deduce keeps its built lookup structures, inside the lookup folder it is given.
DEDUCE_CACHE_FOLDER = "cache"

EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
BSN_CANDIDATE = re.compile(r"(?<![\d.\-])\d(?:[ .\-]?\d){8}(?![\d]|[.\-]\d)")
IBAN_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[\s-]?[A-Za-z0-9]{4}){2,7}(?:[\s-]?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])")
COUNTRY_CODE = re.compile(r"(?:\+|(?<!\d)00)\s?[1-9]")
# 088 numbers (companies) and 14 0xx (municipalities) are a service's too.
SERVICE_NUMBER_TYPES = frozenset({phonenumbers.PhoneNumberType.TOLL_FREE,
                                  phonenumbers.PhoneNumberType.PREMIUM_RATE,
                                  phonenumbers.PhoneNumberType.SHARED_COST,
                                  phonenumbers.PhoneNumberType.UAN})
# A web address without "https://" but with a path ("instagram.com/naam"): the path names someone;
# a bare domain ("nibud.nl") is a public site.
BARE_URL = re.compile(r"(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:nl|com|org|net|be|eu|info|io|me|tv)/[^\s,;)]*[\w/]",
                      re.IGNORECASE)
# A web address without a path: public, unless a name in the same text is in it (see _named_sites).
SITE = re.compile(r"(?<![\w@./-])(?:https?://)?(?:www\.)?(?P<host>[a-z0-9-]+)\.(?:nl|com|org|net|be|eu|info|me|blog)"
                  r"(?![\w-])", re.IGNORECASE)
# Shorter names are found inside too many hosts ("Ali" in "digitalisering.nl").
MIN_NAME_IN_SITE = 5
# A site of its own on a host for personal pages ("naam.blogspot.com"): the name is the address.
PERSONAL_SITE = re.compile(r"(?<![\w@./-])[a-z0-9-]+\.(?:blogspot\.com|wordpress\.com|tumblr\.com|"
                           r"substack\.com|github\.io|wixsite\.com|jouwweb\.nl|webnode\.nl|weebly\.com|medium\.com)(?![\w-]|\.\w)",
                           re.IGNORECASE)
ACCOUNT_OPENING = re.compile(r"(?<![\w-])[A-Za-z]{2}(?:\d{2}|xx|XX)[ -]?[A-Za-z]{4}[ -]?$")
POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3}(?:[A-Za-z]{2}| [A-Z]{2}| (?P<lower>[a-z]{2}))(?![\w-])")
# Lower-case letters after four digits that are Dutch words, not a postcode ("in 2015 en 2016").
NOT_POSTCODE_LETTERS = frozenset({"en", "op", "in", "of", "te", "je", "de", "na", "om", "is", "al",
                                  "nu", "zo", "ik", "we", "ze", "er", "uw", "wo", "ma", "di", "do",
                                  "vr", "za", "an", "ad", "as", "by", "me", "eu", "nl"})
# An identifier given as an example of the format ("zoals 1234 AB") is nobody's.
EXAMPLE_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:zoals|bijvoorbeeld|bijv\.|bv\.|b\.v\.|eruitziet"
    # "zoals in de handleiding: 0612345678"
    r"|zoals\s+(?:in|op)\s+(?:de|het)\s+(?:handleiding|formulier|voorbeeld)\s*:)\s*\(?['‘\"]?"
    # …also with the field's label quoted first: "als voorbeeld 'Telefoonnummer: 06-12345678'".
    r"|voorbeeld:?\s*\(?['‘\"]?(?:[A-Za-z]+\s*:\s*)?)$", re.IGNORECASE)
# The examples forms and banks print ("1234 AB", the BSN 123456782, the IBAN NL91 ABNA 0417 1643 00):
# an explanation of a form, not anyone's data.
# (A birth date of 1 January 1900 is what systems print when the real one is unknown.)
# "mevrouw X": a name already left out.
PLACEHOLDER_NAMES = frozenset({"X", "Y", "Z", "NN", "N.N."})
PLACEHOLDERS = frozenset({"1234ab", "123456782", "nl91abna0417164300", "01011900", "111900"})
# …and the ones people make up when they explain how to type a number.
# A form's filled-in example, introduced after the form is named: what follows on that line is
# the example (not "Een voorbeeld: Fatima vulde het formulier in").
FORM_EXAMPLE = re.compile(r"(?i:formulier|brief|handleiding|sjabloon|template)\w*\b[^\n.!?]{0,60}?"
                          r"\bvoorbeeld\s*:[^\n]*$")
FORM_EXAMPLE_REACH = 200
TYPED_PLACEHOLDERS = frozenset({"0612345678", "0201234567", "0101234567", "1234567890"})
FORMAT_TALK = re.compile(r"(?<![\w-])(?:zonder|met)\s+(?:streepjes?|spaties?|puntjes?)"
                         r"|(?<![\w-])(?:notatie|formaat|tekens|cijfers|invoeren|invullen|voorbeeld)(?![\w-])"
                         r"|formulier(?![\w-])",
                         re.IGNORECASE)
HOUSE_NUMBER = re.compile(
    # (Amsterdam's colours and floors: "118-rood", "41-huis".)
    r"(?<![\w-])\d{1,5}(?:[ -]?(?:I{1,3}|hs|bis|huis|rood|zwart|boven|beneden|bg|[A-Za-z])(?![\w-])"
    r"|-\d{1,4})?"
    r"(?![\w-])"
    # …not an age ("Gerrit Hofstede 86 jr").
    r"(?!\s*(?:jr|jaar)\b)")
NUMBER_AFTER_POSTCODE = re.compile(r"[ \t]+(?:(?i:nr|no|huisnr|huisnummer|nummer)\.?[ \t]*)?\d{1,5}"
                                   r"(?:[ -]?[a-zA-Z])?(?![\w-])")
LABELLED_ADDRESS = re.compile(
    r"(?<![\w-])(?i:adres|woonadres|postadres|huisadres)[ \t]*:?[ \t]+"
    r"(?P<street>[A-Z][\w'’-]+(?:[ \t]+[A-Za-z][\w'’-]+){0,3}?)[ \t]+\d{1,5}(?:[ -]?[a-zA-Z])?(?![\w-])")
# "Dorpsstraat nummer 12", "huisnummer 9": the word between a street and its number, or instead of it.
NUMBER_WORD_BEFORE = re.compile(r"(?<![\w-])(huisnummer|huisnr\.?|nummer|nr\.?|no\.?|chalet|standplaats|"
                                r"ligplaats|woonwagen)\s*$", re.IGNORECASE)
# Number words that always name a home ("chalet 31" on a holiday park, "standplaats 4").
HOME_NUMBER_WORDS = ("huis", "chalet", "standplaats", "ligplaats", "woonwagen")
# A house number alone points at a home after these ("de buurvrouw van nummer 9").
HOME_NUMBER_CONTEXT = re.compile(
    r"(?<![\w-])(?:van|op|naar|bij|aan|tegenover|naast)\s+$"
    # …after a building, a neighbour or a titled resident ("van het hofje achter de kerk, nummer 2",
    # "buurman = nr 18", "dhr. v.d. Linden nr 32").
    r"|(?<![\w-])(?:[\w-]*flat|complex|hofje|portiek|galerij|verdieping|etage)\b[^.!?\n]{0,30}?,?\s*$"
    r"|(?<![\w-])(?:buurman|buurvrouw|buren|bewoners?|bewoonster)\s*[=:]?\s*$"
    r"|(?<![\w-])(?:fam|familie|mw|mevr|dhr)\.?\s+(?:[\w'’.-]+\s+){1,3}$",
    re.IGNORECASE)
ANOTHER_HOME_NUMBER = re.compile(r"(?<![\w-])(?:nr\.?|nummer|huisnummer)\s*\d{1,4}[a-z]?\s+(?:en|of)\s+$",
                                 re.IGNORECASE)
# A bare house number after a neighbour: "de buurman van 12b", "de buren van 14".
NEIGHBOUR_OF = re.compile(r"(?<![\w-])(?:buurman|buurvrouw|buren|bewoner|bewoonster)\s+(?:van|op|naast)"
                          r"\s+$", re.IGNORECASE)
STREET_SUFFIXES = ("allee|baan|bolwerk|boulevard|dam|dijk|dreef|erf|gracht|haven|hof|kade|laan|markt|"
                   "pad|park|plantsoen|plein|promenade|singel|steeg|straat|wal|weg|wetering|zijde|"
                   # Frisian: "Boarnsterdyk", "Tsjerkestrjitte", "Bûtenwei".
                   "dyk|strjitte|leane|wei|paad")
STREET_SUFFIX = re.compile(rf"[A-Z][\w'-]*(?:{STREET_SUFFIXES})$")
# A street named by its noun alone: "Markt 9", "Brink 4" (capitalised inside a sentence, or
# where someone lives: "woont op de markt 9").
BARE_STREET = re.compile(r"(?i:markt|plein|dam|dijk|kade|gracht|singel|brink|wal|laan|dreef|steeg)$")
# …but not a number that counts what follows it ("op de Markt 2 uur", "de Singel 3 bankjes").
COUNTING_NUMBER = re.compile(r"\s*\d+\s+(?!(?:in|te|en|of|boven|naast|bij|is|was|hoek|woont|woonde)\b)[a-z]")
LIVING_ON = re.compile(r"(?<![\w-])(?:woon\w*|verhuisd|verhuist|adres)\s+(?:nu\s+)?(?:op|aan)\s+(?:de\s+)?$",
                       re.IGNORECASE)
STREET_SUFFIX_ANY_CASE = re.compile(rf"(?i:{STREET_SUFFIXES})$")
# Typed in lower case ("dorpsstraat 12a"), a street needs a house number and a clear suffix.
STREET_ONLY_SUFFIXES = ("straat|laan|weg|plein|dreef|gracht|kade|singel|steeg|plantsoen|"
                        "allee|boulevard|promenade")
LOWER_STREET_SUFFIX = re.compile(rf"[a-z][\w'-]{{2,}}(?:{STREET_ONLY_SUFFIXES})$")
# A street named without a number ("in de Lijsterstraat"): only suffixes that name streets,
# not towns ("Rotterdam", "Kinderdijk") or buildings ("Binnenhof").
STREET_WITHOUT_NUMBER = re.compile(
    r"(?<![\w-])(?:(?:Van|De|Den|Der|Ter|Ten|'s|St\.?)\s+){0,2}[A-Z][\w'-]{2,}"
    rf"(?:{STREET_ONLY_SUFFIXES})(?![\w-])")
# A street in lower case named without a number, after an article ("de hoek van de lisdoddestraat").
LOWER_STREET_AFTER_DE = re.compile(
    rf"(?<![\w-])(?:de|het|vd|v/d|v\.d\.)\s+((?:(?:nieuwe|oude|lange|korte|grote|kleine|hoge|lage|eerste|tweede|derde)\s+)?"
    # …also named after someone with a particle ("woont op de van oldenbarneveltstraat").
    rf"(?:(?:van|de|der|den|ter|ten)\s+){{0,2}}[a-z][\w'-]{{3,}}(?:{STREET_ONLY_SUFFIXES}))(?![\w-])")
# Typed in lower case, where someone lives or comes from: "woont bij zijn oma aan de wilgenhof",
# "mw kaya uit de schepenbuurt".
LOWER_HOME = re.compile(
    r"(?<![\w-])(?:(?:woont|woonde|wonen|woonden)\s+(?:[\w'’-]+\s+){0,5}?(?:in|op|aan)\s+(?:de|het)\s+"
    rf"(?P<home>[a-z][\w'-]{{2,}}(?:{STREET_SUFFIXES}|buurt|wijk|kwartier|polder))"
    r"|(?:in|uit|naar|vanuit|rond)\s+de\s+(?P<quarter>[a-z][\w'-]{2,}(?:buurt|wijk|kwartier|polder|hof|landen|hoven)))"
    r"(?![\w-])")
# "hij woont in de", "wonen sinds kort aan het": where someone lives follows.
LIVES_IN = re.compile(r"(?<![\w-])(?:woont|woonde|wonen|woonden|woonachtig)\s+"
                      r"(?:[\w-]+\s+){0,3}?(?:in|op|aan)\s+(?:de\s+|het\s+)?$", re.IGNORECASE)
# Where someone comes from or lives, said right after them: "mevrouw Boonman uit Lammerenburg",
# "oorspronkelijk uit Tuzla", "woont in Dauwendaele", "woont pal naast het Kronenburgerpark".
PLACE_NAMED = (r"(?P<place>(?:(?:Dr|Prof|Mr|Burg|St)\.\s*)?[A-Z][\w'’]+(?:-[A-Z][\w'’]+)*"
               r"(?:\s+(?:van\s+|aan\s+(?:de\s+|het\s+)?)?[A-Z][\w'’]+){0,2})")
ORIGIN_OR_HOME = re.compile(
    # ("kwam na de oorlog uit Zakopane": up to three words between.)
    r"(?<![\w-])(?:(?P<origin>oorspronkelijk|eigenlijk|afkomstig|geboren|gevlucht|komt|kwam|komen|kwamen)\s+"
    r"(?:\w+\s+){0,3}?uit"
    # A bare "uit" or "in" right after a person: "mijn cliënt uit Crosestein", "fam. Mohamud in
    # Lammerenburg".
    r"|(?P<uit>uit|in)|(?i:woont|woonde|wonen|woonden|woonachtig|thuis)\s+(?:[\w'’-]+\s+){0,6}?"
    r"(?:in|op|aan|bij|naast|achter|tegenover|vlakbij)(?:\s+(?:de|het))?"
    # …typed without "in": "(woont Curaçao)", "wonen Banne, bij het winkelcentrum".
    r"|(?<![\w-])(?i:woont|wonen)(?=\s+[A-Z][\w'’-]+\s*[,.;)])"
    # "haar appartement in de Triniteit", "verhuisd van Heksenwiel naar Prinsenbeek".
    r"|(?<![\w-])(?i:appartement|woning|flat|flatje|huis|huisje|kamer|studio|bovenwoning|benedenwoning|"
    r"seniorenwoning)\s+(?:in|op|aan)(?:\s+(?:de|het))?"
    r"|(?i:verhuisd|verhuist|verhuizen|verhuisde|verhuizing)\s+(?:[\w'’-]+\s+){0,4}?(?:van|naar|uit)"
    r"(?:\s+(?:de|het))?)"
    rf"\s+{PLACE_NAMED}")
COMPASS_POINTS = ("noord", "zuid", "oost", "west", "noordoost", "noordwest", "zuidoost", "zuidwest")
# "in zuid-spanje", "Zuidoost-Drenthe": a part of a country or region by its compass point.
COMPASS_PART = re.compile(rf"^(?:{'|'.join(COMPASS_POINTS)}|midden)-(?=\w)")
# A city's districts by their compass point ("woont in Zuid").
COMPASS_DISTRICTS = frozenset(point.capitalize() for point in COMPASS_POINTS)
COMPASS_QUARTER = re.compile(rf"-(?:{'|'.join(sorted(COMPASS_DISTRICTS))}|Centrum|Midden)$")
ROUTE_ON = re.compile(r"\s+naar\s+[A-Z]")
# …and where to, after where from: "verhuisd van de Regentesse naar de Dragonder".
MOVED_ON_TO = re.compile(r"\s+naar\s+(?:de\s+|het\s+)?(?P<place>[A-Z][\w'’]+(?:-[A-Z][\w'’]+)*)")
# A CBS area that is also an ordinary word, right after a resident or where one lives:
# "jayden uit morgenstond", "jongen van 15 uit de hoven", "hij woont in Zuilen".
AREA_AS_WORD = re.compile(
    r"(?<![\w-])(?:(?P<uit>uit)|(?:woont|woonde|wonen|woonden)\s+(?:nu\s+|al\s+)?(?:in|op))"
    r"\s+(?P<place>(?:(?:de|het|'t)\s+)?(?P<word>[^\W\d_][\w'’]*))(?![\w'’-])"
    # …where the name ends, not where a noun or a verb follows ("woont in de oude pastorie", "sanne
    # uit het rooster halen"): a sign, a small word, or what a person does next.
    r"(?=[ \t]*(?:[,.;:!?()\n]|$)|[ \t]+(?:en|bij|met|sinds|maar|al|nu|in|op|aan|te|van|weer|ook|is|was|"
    r"heeft|had|wil|wilde|kan|kon|zit|zat|belde|belt|vroeg|vraagt|zegt|zei|kwam|komt|gaat|ging)\b)",
    re.IGNORECASE)
# Between a resident and where they come from: "jayden uit", "mw. Bakker (82) uit".
RESIDENT_THEN_PLACE = re.compile(r"[ \t]*(?:\)[ \t]*)?,?[ \t]*")
HOME_BEFORE_VERB = re.compile(rf"(?<![\w-])(?:in|op|aan)\s+(?:de\s+|het\s+)?{PLACE_NAMED}"
                              r"\s+(?:woont|woonde|wonen|woonden|is\s+geboren|opgroeide|opgegroeid)(?![\w-])")
# …or in a clause after it: "wil terug naar Overstegen, waar haar moeder woont".
HOME_BEFORE_WHERE = re.compile(rf"(?<![\w-])(?:in|op|aan|naar|uit)\s+(?:de\s+|het\s+)?{PLACE_NAMED},"
                               r"\s+waar\s+[^.!?\n]{0,40}?(?<![\w-])(?:woont|woonde|wonen|woonden|is\s+geboren|opgroeide|"
                               r"opgegroeid)(?![\w-])")
# A preposition and an article: what is named after them is a place or a thing, not a person.
# (Not "naar", "naast", "bij": one goes to, lives next to and visits De Vries.)
IN_OR_FROM_BEFORE = re.compile(r"(?<![\w-])(?i:in|uit)\s+$")
PLACE_PREPOSITION_BEFORE = re.compile(r"(?<![\w-])(?i:in|op|uit|rond|richting|langs)\s+$")
PLACE_ARTICLE_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:in|op|bij|naar|aan|langs|rond|richting|tegenover|naast|achter)\s+(?:de|het)"
    # …"in De Schakel", "op Het Anker": a name's capitalised article; no one is in or on "De Jong".
    r"|(?:in|op)\s+(?:De|Het))\s+$")
# A resident named by a word: where "uit" or "in" right after it says where they are from or live.
RESIDENT_NOUN = re.compile(r"(?<![\w-])(?i:cliënt|cliënte|client|klant|bewoner|bewoonster|mevrouw|meneer|"
                           r"gezin|familie|fam\.?|jongen|meisje|jongere|moeder|vader|weduwe|weduwnaar)(?![\w-])")
# How near a person a bare "uit X" must follow to say where that person is from.
ORIGIN_REACH = 30
# Words for people and plurals, which a bracket after a name holds as often as a place ("(zusjes)").
RELATION_END = re.compile(r"(?:vader|moeder|ouders?|zoon|dochter|broer|broertje|zus|zusje|oom|tante|opa|oma|"
                          r"neef|nicht|man|vrouw|kind|partner|vriend|vriendin|buurman|buurvrouw|tweeling|"
                          r"jes|ers|sters)$")
# Jobs, which a bracket after a name holds as often as a place ("Ahmed (magazijnmedewerker)").
JOB_END = re.compile(r"(?:werker|medewerker|coach|chauffeur|monteur|schoonmaker|verkoper|kapper|leraar|"
                     r"lerares|docent|student|scholier|tuinder|ondernemer|zzp'er|vrijwilliger|trainer|kok)$")
# How Dutch places end, for a word in lower case no list knows ("rivierenwijk", "vaartbroek").
PLACE_ENDING = re.compile(r"(?:wijk|buurt|kwartier|veld|dorp|hoven|landen|kamp|horst|broek|berg|dijk|donk|"
                          r"oord|burg|rade|beek|waard|polder)$")
TOWN_AFTER_ADDRESS = re.compile(r"(?:[ \t]+(?:in|te)[ \t]+|,[ \t]*|[ \t]+)(?P<town>[A-Z][\w'’-]+)(?![\w'’-])")
# The next place in a list of places: "in Hargeisa en Birmingham", "in Genk, Düsseldorf en Almere".
LISTED_PLACE = re.compile(r"(?:[ \t]*,[ \t]*|[ \t]+(?:en|of)[ \t]+)"
                          r"(?P<place>[A-Z][\w'’-]+(?:[ \t][A-Z][\w'’-]+)?)(?![\w'’-])")
PLACE_BESIDE_NAME = re.compile(
    r"[ \t]*\((?:[A-Z][\w'’-]+,[ \t]*)?(?P<bracketed>[^\W\d_][\w'’-]+(?:[ \t][A-Z][\w'’-]+)?)\)"
    # …or first in brackets, with more after it: "Rob Janse (Paauwenburg, flat De Kaap)".
    r"|[ \t]*\((?P<bracketed_first>[A-Z][\w'’-]+),[ \t]*[^()\n]{1,40}\)"
    r"|,[ \t]+(?P<after_comma>[A-Z][\w'’-]+)(?=[ \t]*(?:[.,)\n]|$))"
    # …or a known town in lower case after a place: "mw van rijswijk in coevering, geldrop."
    r"|,[ \t]+(?P<town_after_comma>[a-z][\w'’-]+)(?=[ \t]*(?:[.,)\n]|$))"
    # …or a word no list knows after "in" or "uit" right after a name typed in lower case.
    r"|[ \t]+(?:in|uit)[ \t]+(?P<lower_home>[a-z][\w'’-]{3,})(?=[ \t]*(?:[.,;:!?)\n]|$))"
    # …or a known quarter after a town and a dash ("in Stadskanaal - Maarsveld"), or a known town
    # in lower case right after a place ("woont in het waterkwartier zutphen").
    r"|[ \t]+[-–—][ \t]+(?P<after_dash>[A-Z][\w'’-]+)(?![\w'’-])"
    r"|[ \t]+(?P<town_after_place>[a-z][\w'’-]+)(?=[ \t]*(?:[.,;:!?)\n]|$))")
HOUSING_BRAND = re.compile(r"(?<![\w-])[A-Za-z][a-z]+Wonen(?![\w-])")
# Right after a name: a year of birth between commas ("Mustafa Erdoğan, 1974, Turks"), or a house
# number in brackets ("haar buurman Jo Peeters (nummer 8)").
YEAR_BESIDE_NAME = re.compile(r",[ \t]*(?P<year>(?:19|20)\d\d)(?=[ \t]*(?:[,;)\n]|\.(?:\s|$)|$))")
YEAR_IN_BRACKETS_BESIDE_NAME = re.compile(r"[ \t]*\((?i:bj|geb\.?|geboren|gebj)[ \t]*"
                                          r"(?P<year>(?:19|20)\d\d)\)")
NUMBER_BESIDE_NAME = re.compile(r"[ \t]*\((?P<number>(?i:nummer|nr\.?|huisnummer)[ \t]*\d{1,4}[a-zA-Z]?)\)")
# A first name, a nickname in quotes, then a surname no list knows: "Roy 'de Rooie' Pluijmakers".
NICKNAMED = re.compile(r"(?<![\w-])(?P<first>[A-Z][\w’-]+)[ \t]+['‘\"“][^'’\"”\n]{1,25}['’\"”][ \t]+"
                       r"[A-Z][\w'’-]+")
# A line headed by where the people in it live: "Lingewijk - dhr. Tesfay, 31", "Vroonermeer: familie
# Bakkali", "Leuken — afspraak met dhr. Kessels".
PLACE_HEADER = re.compile(r"(?m)^[ \t]*(?P<place>[A-Z][\w'’]+(?:[- ][A-Z][\w'’]+){0,2})[ \t]*(?::|[-–—])"
                          r"[ \t]+(?P<rest>[^\n]+)")
# A group named after its neighbourhood: "de Selwerd-moeders", "de Kerckebosch-bewonersgroep".
RESIDENTS_GROUP = re.compile(r"-(?:moeders|vaders|ouders|vrouwen|mannen|jongeren|jongens|meiden|bewoners|"
                             r"bewonersgroep|bewonerscommissie|buurtgroep|buurtvereniging|buurtcomité)(?![\w-])")
PLACE_GROUP = re.compile(rf"(?<![\w-])(?P<place>[A-Z][\w'’]+)(?={RESIDENTS_GROUP.pattern})")
# …typed in lower case, a place the lists know: "wezep: nieuwe melding", "windmolenbroek, dhr en mw aydın".
LOWER_PLACE_HEADER = re.compile(r"(?m)^[ \t]*(?P<place>[a-z][\w'’-]+(?: [a-z][\w'’-]+){0,2})[ \t]*[:,–—-]"
                                r"[ \t]+(?P<rest>[^\n]+)")
ARTICLE_OPENING = re.compile(r"^(?:de|het|'t)\s+", re.IGNORECASE)
TITLE_OPENING = re.compile(r"(?i:mw|mevr|dhr|hr|meneer|mevrouw|fam|familie|gezin)\b")
# "zij woont op de hoek, nr. 6", "(woont boven de bakker, nummer 31)": a number where someone lives.
LIVING_BEFORE = re.compile(r"(?<![\w-])(?:woont|woonde|wonen|woonden)\b[^.!?\n]{0,40},\s*$", re.IGNORECASE)
# Words that open a street's name: "de 3e Oosterparkstraat 112", "de Lange Gasthuisstraat 31".
STREET_NAME_OPENING = re.compile(
    r"(?:(?<![\w-])(?:\d{1,2}(?:e|ste|de)|Eerste|Tweede|Derde|Vierde|Lange|Korte|Nieuwe|Oude|Hoge|Lage|"
    r"Grote|Kleine|Sint|St\.?|Binnen|Buiten|Achter|Noord|Zuid|Oost|West|[A-Z][a-z]+se|"
    # a street named after someone with a title: "Dr. Schaepmanstraat 41", "Burg. Jansenlaan 3".
    r"Dr\.?|Prof\.?|Mr\.?|Burg\.?|Burgemeester|Pastoor|Kardinaal|Koningin|Prins|Prinses|Graaf|Generaal)\s+)+$")
# …typed in lower case: "de burgemeester de withstraat 112-3".
LOWER_STREET_OPENING = re.compile(
    r"(?<![\w-])(?:(?:burgemeester|burg|dokter|dr|pastoor|president|koning|koningin|prins|prinses|graaf|"
    r"generaal|admiraal|professor|prof|sint|st)\.?\s+)+(?:(?:van|de|der|den|ter|ten)\s+)*$")
# Compounds that name one building or park ("de Kikkerflat", "bij het Rijsterborgherpark"): a
# capitalised word ending in its type.
# …and a quarter by its name ("de kinderen van de Papegaaienbuurt").
NAMED_BUILDING = re.compile(r"(?<![\w-])[A-Z][\w'-]{2,}(?:flat|toren|hof|park|buurt|wijk|kwartier)(?![\w-])")
# Arabic surnames with their article joined by a hyphen ("Al-Saadi", "El-Amrani").
ARTICLE_SURNAME = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’]+\s+)?(?:Al|El|Abu|Ben|Bin|Ait|Ould|Abd|al|el|abu|ben|bin|ait|abd)-[A-Z][\w'’]+")
WORD_BEFORE = re.compile(r"([\w'.-]+)[ \t]*\Z")
# A full month, or an abbreviated one with its dot (a full stop after "augustus" ends the sentence).
MONTHS = (r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
          r"(?:jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?")
# Months and days are not capitalised in Dutch: capitalised beside a name, they are part of it.
CALENDAR_WORD = re.compile(r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
                           r"november|december|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag")
WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo"
DATE_PATTERNS = (
    re.compile(rf"(?<![\w-])(?:{WEEKDAYS}\s+)?\d{{1,2}}\s+(?:{MONTHS})(?:\s+(?:19|20)\d{{2}})?(?![\w-])",
               re.IGNORECASE),
    # A day and month in digits only counts after a word that introduces a date ("sinds 3-2",
    # "geb. 03-11").
    re.compile(rf"(?:(?<![\w-])(?:op|sinds|per|vanaf|tot|voor|na|naar|uiterlijk|rond|t/m|geb\.?|geboren|"
               rf"afspraak|datum|geboortedatum:?|{WEEKDAYS})\s+|\("
               # …or an appointment's date a few words on ("afspraak bij psychiater 14/6").
               r"|(?<![\w-])afspraak(?:\s+[\w-]+){1,3}\s+)"
               r"((?:0?[1-9]|[12]\d|3[01])[-/](?:0?[1-9]|1[0-2]))(?![\w/-])", re.IGNORECASE),
    # …or before "jarig" ("is 12-12 jarig").
    re.compile(r"(?<![\w/-])((?:0?[1-9]|[12]\d|3[01])[-/](?:0?[1-9]|1[0-2]))(?=\s+jarig\b)", re.IGNORECASE),
    re.compile(r"(?<![\w-])(?:geboren(?:\s+in)?|geb\.?|geboortejaar|geboortedatum):?\s+((?:19|20)\d{2}|['’]\d{2})(?!\d)",
               re.IGNORECASE),
    # A day of the month after its weekday ("vrijdag de 12e").
    re.compile(rf"(?<![\w-])((?:{WEEKDAYS})\s+de\s+\d{{1,2}}(?:e|ste|de))(?![\w-])", re.IGNORECASE),
    # A month and a year ("een opname in maart 2023").
    re.compile(rf"(?<![\w-])(?:{MONTHS})\s+(?:19|20)\d{{2}}(?!\d)", re.IGNORECASE),
    # A whole date in digits ("17-09-1985", "3/2/2011").
    re.compile(r"(?<![\w/.-])((?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\2(?:19|20)\d{2})(?![\w/-])"),
    # A year of a resident's life: "woont sinds 2016 in Kerkrade", "is in 2019 gestopt met werken".
    re.compile(r"(?<![\w-])(?:sinds|in|vanaf)\s+((?:19|20)\d{2})(?=(?:\s+\w+){0,4}\s+(?:gestopt|gevlucht|overleed|stierf|vertrok|"
               r"verhuisd|getrouwd|gescheiden|overleden|ontslagen|opgenomen|aangekomen|geboren|naar\s+Nederland))"
               r"|(?<![\w-])(?:woont|woonde|kwam|verhuisde|stopte|trouwde|scheidde|overleed|vluchtte)\s+"
               r"(?:\w+\s+){0,2}?(?:sinds|in|vanaf)\s+((?:19|20)\d{2})(?!\d)", re.IGNORECASE),
    # A year of birth said of someone: "hij is van 1938" (not "het gebouw is van 1938").
    re.compile(r"(?<![\w-])(?:hij|zij|ze|meneer|mevrouw|mw|dhr)\s+(?:is|was)\s+(?:zelf\s+)?van\s+((?:19|20)\d{2})(?!\d)",
               re.IGNORECASE),
    # A year of birth in brackets after a name: "Dhr. Ahmadzai (1961)", "Gerbrich Dijkstra (1988,
    # bsn …)", "(dhr. J. Kramer, 1966)".
    re.compile(r"(?<=[^\W\d_]\s)\(((?:19|20)\d{2})(?:\)|,\s)"),
    re.compile(r"\((?i:dhr|mw|mevr|mevrouw|meneer|de\s+heer)\.?\s[^()\n]{1,40},\s((?:19|20)\d{2})\)"),
)
# A date identifies a resident only when its sentence is about a person ("zijn vrouw overleed op
# 17 augustus"), not about the team's own plans ("het rooster gaat in per 1 januari").
PERSON_WORDS = re.compile(
    r"(?<![\w-])(?:hij|zij|ze|zijn(?!\s+(?:er|al|nu|niet|ook|wel|nog|per|in|op|aan|bij|met|voor|van|te|de|het|"
    r"een|dan|dus|zo|heel|erg|veel|weer|vaak|soms|echt|wij|we|ze|jullie|zij|uit|ge\w+)\b)|haar|hem|hun|mw|mevr|"
    r"mevrouw|dhr|meneer|fam|familie|gezin|zoon|dochter|"
    r"moeder|vader|ouders|vrouw|man|broer|zus|kind|kinderen|baby|oma|opa|buurvrouw|buurman|bewoner|jongen|meisje|"
    r"cliënt|client|klant|jongere|jarig|overleed|overleden|overlijden|geboren|geb|geboortedatum|ontslagen|opgenomen|"
    r"echtgenoot|echtgenote|weduwe|weduwnaar|"
    r"verhuisd)(?![\w-])",
    re.IGNORECASE)
# A sentence; a full stop before a lower-case word or a digit ends none ("geb. 17-09-1985"), nor
# one after a title ("Dhr. Mulder").
# "Wmo-consulent", "DigiD-app": a lower-case part after a hyphen that is no surname particle
# ("Bakker-de Vries").
ROLE_AFTER_HYPHEN = re.compile(r"\w-(?!(?:de|van|der|den|ter|ten|te|el|al|ben|bin|abu|da|di|le|la)\b)[a-z]")
# The team's own places: "buurtkamer De Schakel", "wijkcentrum De Bron", "de Buurtmoestuin Zonnehof".
COMMUNITY_PLACE = re.compile(
    r"(?<![\w-])(?i:buurthuis|buurtkamer|buurtcentrum|wijkcentrum|wijkgebouw|wijkpunt|buurtpunt|clubhuis|"
    r"jongerencentrum|jongerenhonk|inloophuis|ontmoetingscentrum|buurtwerkplaats|buurttuin|buurtmoestuin|"
    r"moestuin|speeltuin|kinderboerderij|wijkkamer|huiskamer|repaircafé|taalcafé|café|eetcafé)\s+"
    r"(?P<name>(?:(?:De|Het|'t|de|het)\s+)?[A-Z][\w'’-]*)(?![\w-])")
# A title in quotes after what it is the title of: "de film 'Soof'", "het boek 'Kees de jongen'",
# "wandelgroep 'Stap voor Stap'".
QUOTED_TITLE = re.compile(r"(?<![\w-])(?i:film|boek|serie|programma|voorstelling|lied|liedje|nummer|album|"
                          r"gedicht|musical|toneelstuk|podcast|documentaire|spel|"
                          r"conferentie|congres|symposium|webinar|lezing|workshop|thema|"
                          r"(?!(?:whats)?app)\w*(?:groep|project|club|cursus|training|campagne|pilot))\s+"
                          r"['‘\"“](?P<title>[^'’\"”]{1,60})['’\"”]"
                          # …or before its maker, seen or read: "'I, Daniel Blake' van Ken Loach gekeken".
                          r"|['‘\"“](?P<work>[^'’\"”]{1,60})['’\"”]\s+(?:van|door)\s+(?=[A-Z][^.!?\n]{0,40}"
                          r"\b(?:gekeken|keken|gelezen|las|lazen|gezien|zagen|geluisterd)\b)")
QUOTED = re.compile(r"['‘\"“][^'’\"”]+['’\"”]")
PER_DATE = re.compile(r"(?<![\w-])per\s+$", re.IGNORECASE)
SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[ \t]*[a-z0-9,(:;])"
                      r"|(?:(?<=\b(?i:mw|dr|st|nr))|(?<=\b(?i:dhr|fam))|(?<=\b(?i:mevr)))\.)+[.!?]*")
# A date of the team's own agenda or of a named day ("de teamdag van 14 november", "op 20 november
# is het de Dag van de Rechten van het Kind"): no resident's, unless the sentence names someone.
TEAM_OR_PUBLIC_DAY = re.compile(
    # A word that ends in one of these ("Movisie-training", "dodenherdenking"), then named days.
    r"(?:overleg|training|cursus|scholing|bijeenkomst|vergadering|teamdag|studiedag|intervisie|webinar|congres|"
    r"symposium|uitje|excursie|herdenking)(?![\w-])"
    r"|(?<![\w-])(?:dag\s+van\s+de|week\s+van\s+de|week\s+tegen|internationale\s+dag|nationale\s+\w+dag|"
    r"wereld\w*dag|(?:wereld|nationale|internationale)\s+(?:\w+\s+){0,2}\w*dag|bevrijdingsdag|koningsdag|kerst|"
    r"oud\s+en\s+nieuw|sinterklaas|suikerfeest|offerfeest|keti\s+koti|pasen|pinksteren)", re.IGNORECASE)
# An event a post announces ("Feestje op zaterdag 14 september"): its date is the team's, unless
# the story names someone (see _dates_about_someone).
TEAM_EVENT = re.compile(r"(?<![\w-])(?:feest|feestje|jubileum|workshop|opening)(?![\w-])", re.IGNORECASE)
# A relative or neighbour named right after a name: "bel Kevin, haar zoon", "Esra (dochter)".
RELATIVE_APPOSITION = (r"\s*(?:,\s*(?:de|het|haar|zijn|hun)\s|\(\s*(?i:zoon|dochter|vader|moeder|broer|zus|"
                       r"buurman|buurvrouw|oom|tante|opa|oma|neef|nicht)|\s+zelf\b)")
# Colleagues, by the first name they sign with or are thanked, mentioned and addressed by: one
# capitalised word each (a surname or a title says resident: "Bedankt mevrouw Bouzid").
# (An initial is no colleague's name: "Crisisdienst: M. Verheggen" is a resident with a surname.)
COLLEAGUE_NAME = r"[A-Z](?!\.\s*[A-Z])[\w'’-]*"
# At most five names in a row: enough for a team, and no rescanning of a long list from each comma.
COLLEAGUE_NAMES = rf"{COLLEAGUE_NAME}(?:\s*(?:,|&|\+|\sen\s)\s*{COLLEAGUE_NAME}){{0,4}}"
# …also typed in lower case, where the shape alone says colleague ("dank aan joyce en karim voor…").
TEAM_NAME = r"[A-Za-z](?!\.\s*[A-Za-z])[\w'’-]*"
TEAM_NAMES = rf"{TEAM_NAME}(?:\s*(?:,|&|\+|\sen\s)\s*{TEAM_NAME}){{0,4}}"
# Where thanks or an address can start: the text's or a line's start, or after a sentence's end or
# an emoji; a sign-off also after a comma ("…, groet Ilse"). Never after a colon or a quote mark
# ("eindigde met: Groetjes, Fatima").
OPENING = r"(?:^|(?<=[^\w\s,:;'\"‘“]))[ \t\n]*"
SIGN_OFF_OPENING = r"(?:^|(?<=[^\w\s:;'\"‘“])|(?<=\n)(?<![:;]\n))[ \t\n]*"
# A post's sign-off at its very end: "Groet, Marieke", "groetjes Lotte & Bas", "thx Noor",
# "Geduld loont. - Tess", "Thanks 🙏 – Sam"; not a list's last item ("- Henk").
SIGN_OFF = re.compile(
    rf"(?:{SIGN_OFF_OPENING}(?i:(?:met\s+)?(?:vriendelijke\s+|hartelijke\s+|warme\s+|lieve\s+)?"
    r"groet(?:en|jes|nis)?"
    # …"Groet vanuit Venlo, Ruud": the team's town in the greeting.
    r"(?:\s+(?:vanuit|uit)\s+[A-Z][\w'’-]+)?|gr\.?|grt|mvg|liefs|dank|dankjewel|bedankt|thx|thanks|houdoe|doei)"
    r"[,:!]?\s+|(?<=[^\w\s,:;'\"‘“])[ \t]+[-–—]+[ \t]*"
    # …or on a line of its own after an emoji, "!" or a sentence's end ("Thanks 🙏\n– Sam"), not
    # after a list's item or its colon.
    r"|(?<=[^\w\s,:;)'\"‘“])[ \t]*\n[ \t]*[-–—]+[ \t]*"
    # …or alone on the last line after a sentence's end ("…achter het gebouw.\nEllen"), or on the
    # same line ("Bel me als er iets is. Priya").
    r"|(?<=[.!?])[ \t]*\n+[ \t]*|(?<=[.!])[ \t]+(?=[A-Z][\w'’-]*[ \t]*$))"
    rf"(?P<names>{COLLEAGUE_NAMES})"
    # …with the team or when to reach them: "Fatima, team schuldhulp Tilburg", "Marieke (tot 16.00)".
    r"(?:,?[ \t]*(?i:team|wijkteam|buurtteam|jongerenwerk|ouderenwerk|opbouwwerk|schuldhulp|jeugd|"
    r"opbouwwerker|jongerenwerker|ouderenwerker|wijkcoach|consulent|schuldhulpverlener|maatschappelijk\s+werker)"
    r"[^\n]{0,40}"
    r"|[ \t]*\([^()\n]{0,40}\))?"
    r"[\s.!,]*(?:[^\w\s]\s*)*$")
# Colleagues thanked at a sentence's start or named as the team's contact: "Dank Marieke voor het
# overnemen", "Dankjewel Fatma en Joost voor de overdracht", "Opgeven bij Sanne", "spoed graag via
# Roos", "Spoed: bel Bas"; named as one of us: "Tip van collega Bram", "Fatma van ons team".
# Not "haar collega Ahmed": the resident's colleague.
COLLEAGUES = re.compile(
    # (After a colon too: "Terugblik teamdag: dank aan Sevda"; reported speech is left out below.)
    rf"(?:{OPENING}|(?<=:)[ \t]*)"
    r"(?i:(?:dikke\s+|grote\s+|veel\s+)?dank|dankjewel|dankjulliewel|bedankt|thanks|thx|thnx|tnx)(?:\s+aan)?\s+@?"
    # (With the department they work in: "Dank aan Fatima van communicatie voor het meedenken".)
    rf"(?P<thanked>{TEAM_NAMES})(?:\s+van\s+(?:de\s+|het\s+)?(?:communicatie|sport|ict|planning|secretariaat|"
    r"receptie|administratie|beheer|facilitair|hr|p&o|wijkteam))?"
    r"(?=\s+(?:voor|die)\b|\s*[!,.:]|\s*$)"
    # Ours, not the resident's ("haar collega Ahmed", "een nieuwe collega op het werk").
    r"|(?:(?<![\w-])(?i:mijn|onze|van|met|door|en|aan|voor)\s+(?:(?i:nieuwe|oud-|ex-)\s*)?"
    rf"|{OPENING}|(?<=:)[ \t]*)"
    r"(?<![\w-])(?i:collega|collega's|teamgenoot|teamgenoten|teamleider|leidinggevende|coördinator|coordinator|stagiair|"
    r"stagiaire)\s+"
    rf"(?P<ours>{COLLEAGUE_NAMES}(?:\s+(?:(?:van|de|der|den|ter|ten)\s+){{0,2}}[A-Z][\w'’-]+(?=\s*[,.!:]))?)"
    r"(?![\w'’-]|\s+(?:[A-Z]|(?:van|de|der|den|el|al)\s))"
    # "Linda van het secretariaat", "Kees van functioneel beheer".
    rf"|(?P<role>{COLLEAGUE_NAME})\s+van\s+(?:het\s+|de\s+)?(?i:secretariaat|receptie|administratie|planning|"
    r"helpdesk|ict|functioneel\s+beheer|kantoor)\b"
    # "Vragen? Esther weet ervan.", "Voor dringende zaken: Gonnie."
    rf"|(?<![\w-])(?i:vragen|spoed|voor\s+dringende\s+(?:zaken|dingen|vragen)|bij\s+spoed|bij\s+vragen|bij\s+twijfel)"
    r"\s*[?:]\s*"
    rf"(?:(?i:bel|app|mail|bij|via|naar)\s+)?(?P<asked>{COLLEAGUE_NAME}(?:\s+of\s+{COLLEAGUE_NAME})?)"
    rf"(?![\w'’-]|\s+[A-Z]|{RELATIVE_APPOSITION})"
    # "Vragen over de budgettool? Bel Jeroen": after a question's subject, only whom to ask.
    rf"|(?<![\w-])(?i:vragen)\s+over\s+[^?.!:\n]{{1,40}}\?\s*(?i:bel|app|mail|bij|via|naar)\s+"
    rf"(?P<asked_about>{COLLEAGUE_NAME}(?:\s+of\s+{COLLEAGUE_NAME})?)(?![\w'’-]|\s+[A-Z]|{RELATIVE_APPOSITION})"
    # "Voor Wmo-vragen bel Pieter of Dilan", "voor spoedzaken bel je Marloes": whom the team asks
    # about its own work (not "voor geldzaken bel je Kevin, haar zoon").
    rf"|(?<![\w-])(?i:voor)\s+(?:(?i:spoed\w*|wmo-?vragen|(?:dringende|urgente)\s+(?:zaken|vragen)))\s*,?\s*"
    r"(?i:bel|app|mail)\s+(?:je\s+)?(?:(?i:dan|even|gerust)\s+)?"
    rf"(?P<asked_for>{COLLEAGUE_NAME}(?:\s+of\s+{COLLEAGUE_NAME})?)(?![\w'’-]|\s+[A-Z]|{RELATIVE_APPOSITION})"
    rf"|(?P<team_member>{COLLEAGUE_NAME})\s+(?:van|uit)\s+ons\s+team\b"
    # "Namens Yasmina en mij: dank voor de opkomst".
    rf"|{OPENING}(?i:namens)\s+(?P<with_writer>{COLLEAGUE_NAME})\s+en\s+mij\s*:"
    # "vraag het aan Petra op kantoor".
    rf"|(?<![\w-])(?<!(?i:ik)\s)(?<!(?i:we)\s)(?i:vraag|bel|mail|app)\s+(?:het\s+)?(?:(?i:even|gerust)\s+)?(?:aan\s+)?"
    rf"(?P<at_office>{COLLEAGUE_NAME})\s+op\s+kantoor\b"
    # "Nieuwe collega begint maandag: Yusuf, komt van het wijkteam".
    rf"|(?<![\w-])(?i:nieuwe\s+collega|nieuwe\s+teamgenoot)\s+(?:begint|start|komt)\b[^:\n.!?]{{0,30}}:\s*"
    rf"(?P<new_colleague>{COLLEAGUE_NAME})(?![\w'’-]|\s+[A-Z])"
    r"|(?:(?<![\w-])(?i:opgeven|aanmelden|afmelden|inschrijven|spoed)"
    rf"|{OPENING}(?i:vragen|feedback|reacties|ideeën|input|opmerkingen|aanvullingen)"
    r"|(?<![\w-])(?:Vragen|Feedback|Reacties|Ideeën|Input))"
    # (Not about a resident's own matter, "vragen over zijn uitkering", nor to a relative: "bel Esra,
    # de dochter".)
    r"(?:[^\w.!?\n]+(?!(?i:haar|zijn|hun)\b)\w+){0,12}?[^\w.!?\n]+(?i:bij|via|bel|app|mail|naar)\s+(?:je\s+|jij\s+)?"
    rf"(?:mij\s+of\s+)?(?P<contact>{TEAM_NAME}(?:\s+of\s+{TEAM_NAME})?)(?!{RELATIVE_APPOSITION})(?:\s+of\s+mij)?"
    # "…bel je Hennie op kantoor", "meer informatie volgt via Nienke".
    r"(?:\s+op\s+(?:kantoor|de\s+zaak))?(?=\s*[.!,]|\s*$|\s+(?:voor|vóór|uiterlijk|tot)\s)"
    rf"|(?<![\w-])(?i:informatie|info)\s+volgt\s+(?:via|van)\s+(?P<informing>{COLLEAGUE_NAME})(?=\s*[.!,]|\s*$)")
# Every match of COLLEAGUES holds one of these, in lower case.
COLLEAGUES_HINT = re.compile(
    r"dank|thanks|thx|thnx|tnx|collega|teamgeno|teamleider|leidinggevende|co[öo]rdinator|stagiair|secretariaat|"
    r"receptie|administratie|planning|helpdesk|ict|beheer|kantoor|vragen|zaken|spoed|dringende|twijfel|ons\s+team|"
    r"namens|opgeven|aanmelden|afmelden|inschrijven|feedback|reacties|ideeën|input|opmerkingen|aanvullingen|info")
# A colleague named in the team's logistics, by what only a colleague does: takes over casework
# ("Mo neemt vanaf maandag de casussen van Dewi over"), is on duty ("Yvonne heeft achterwacht").
# Not leave, a bar or a household's tasks: residents have jobs and volunteer too.
WORK_OBJECTS = (r"casus|casussen|cliënten|clienten|dossiers?|[\w-]*trajecten|spreekuur|spreekuren|"
                r"crisisdienst|bereikbaarheidsdienst|achterwacht|piket|caseload|intakes")
COLLEAGUE_AT_WORK = re.compile(
    rf"{SIGN_OFF_OPENING}(?!(?i:ik|we|wij|zij|ze|hij|jij|je|jullie|mw|dhr|mevr|meneer|mevrouw)\b)"
    rf"(?P<at_work>{TEAM_NAMES})\s+(?:"
    rf"(?:neemt|nemen)\b[^.!?\n]{{0,50}}?\b(?:(?:{WORK_OBJECTS})\b[^.!?\n]{{0,30}}?\bover|(?:{WORK_OBJECTS})\s+waar)\b"
    # "Lotte neemt mijn telefoon over": the writer's own work.
    # (Not "mijn taken" or "mijn groep": a volunteer takes those over too.)
    r"|(?:neemt|nemen)\s+mijn\s+(?:telefoon|mail|groepen|dienst|diensten|spreekuur)\s+(?:over|waar)\b"
    rf"|(?:heeft|hebben)\s+(?:[\w-]+\s+){{0,2}}?(?:dienst|achterwacht|piket)\b"
    # "sanne is ziek, haar huisbezoeken verdelen we": whoever has home visits or a caseload works here.
    # Not "haar dossiers": residents keep papers too.
    r"|[^.!?\n]{0,40}?\b(?:haar|zijn)\s+(?:huisbezoeken|casussen|cliënten|caseload|spreekuur|spreekuren)\b"
    # "Thijs stuurt de slides rond", "Marloes en ik draaien de inloop".
    r"|(?:stuurt|sturen|mailt|mailen|deelt|delen|maakt|maken)\s+(?:de|het)\s+(?:slides|agenda|notulen|"
    r"presentatie|protocol|werkinstructie)\b"
    # "Koen en Yasmina draaien de eerste week".
    r"|(?:draait|draaien)\s+(?:de|het)\s+(?:eerste\s+|tweede\s+|laatste\s+)?(?:week|weekend|dienst|avond|ochtend|"
    r"middag|spreekuur)\b"
    r"|en\s+ik\s+(?:draaien|doen|leiden|begeleiden|geven|organiseren)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:inloop|spreekuur|spreekuren|groep|training|cursus|intakes?|huisbezoeken|dienst|avond|workshop)\b)"
    # "Dossiers liggen bij Jorien", "neemt Bas haar groep over".
    rf"|(?<![\w-])(?i:{WORK_OBJECTS}|laptop)\s+(?:(?:ligt|liggen|is|zijn|blijft|blijven)\s+)?bij\s+"
    rf"(?P<holder>{COLLEAGUE_NAME})(?=\s*[.!]|\s*$)"
    rf"|(?<![\w-])(?:neemt|nemen)\s+(?P<taking_over>{COLLEAGUE_NAME})\s+(?:mijn\s+(?:{WORK_OBJECTS}|groepen|mail)\s+"
    rf"(?:over|waar)\b|(?:haar|zijn)\s+"
    rf"(?:{WORK_OBJECTS}|groep|groepen)\s+over\b)"
    # "agenda volgt van gerda".
    rf"|(?<![\w-])(?:(?i:agenda|notulen|slides)\s+(?:volgt\s+|volgen\s+|komt\s+|komen\s+)?"
    r"|(?i:lijst|overzicht|planning)\s+(?:volgt|volgen|komt|komen)\s+)van\s+"
    rf"(?P<author>{TEAM_NAME})"
    r"(?=\s*(?:[.!,]|$))")
# …or by a meeting only professionals hold ("Kim en Thijs zijn vandaag bij het ZAT-overleg",
# "supervisie gehad met Gert-Jan"); not an MDO, where a resident may sit at the table too.
TEAM_MEETINGS = (r"zat-overleg|teamoverleg|intervisie|supervisie|teamdag|studiedag|congres|regiodag|"
                 r"teamvergadering|werkoverleg")
# …of which only the team itself attends these.
INTERNAL_MEETINGS = r"zat-overleg|teamoverleg|intervisie|supervisie|teamdag|teamvergadering|werkoverleg"
# Colleagues by the team's own signs, tried only where their key words occur: on call, named by
# themselves or with a professional's role, greeted, wished well, keeping the agenda. The key words
# of each pattern below are searched in the lower-cased text: Python's re tries a case-insensitive
# alternation at every position, a lower-case one skips ahead to its first letters.
COLLEAGUE_SIGNS_HINT = re.compile(
    r"ik\s*\(|functionaris|co[öo]rdinator|consulent|werker|coach|verpleegkundige|begeleider|casemanager|"
    r"stagiair|teamleider|gedragswetenschapper|praktijkondersteuner|verlener|groet|liefs|jarig|welkom|vakantie|"
    r"birthday|ik\s+ben|geruild|agenda|kaartje|cadeau|lijst|urgente|dringende|tip\s+van|idee\s+van|nieuwe|"
    r"spoed|noodgevallen")
COLLEAGUE_SIGNS = re.compile(
    # "Bel Thijs bij spoed", "app Roos voor dringende zaken".
    rf"(?<![\w-])(?i:bel|app|mail)\s+(?:(?i:dan|even|gerust)\s+)?(?P<on_call>{COLLEAGUE_NAME})\s+(?i:bij|voor)\s+"
    r"(?:de\s+)?(?i:spoed\w*|dringende\s+\w+|noodgevallen)\b"
    # "ik (Bas) kan tot 18u": the writer's own name.
    rf"|(?<![\w-])(?i:ik)\s*\((?P<self>{TEAM_NAME})\)"
    # "Linda (aandachtsfunctionaris) is het aanspreekpunt": a professional's role beside the name.
    rf"|(?P<with_role>{COLLEAGUE_NAME})\s*\((?i:aandachtsfunctionaris|coördinator|coordinator|consulent|"
    r"wmo-consulent|wijkcoach|buurtcoach|jongerenwerker|opbouwwerker|ouderenwerker|maatschappelijk\s+werker|"
    r"wijkverpleegkundige|gedragswetenschapper|teamleider|stagiair|stagiaire|schuldhulpverlener|"
    r"praktijkondersteuner|casemanager|trajectbegeleider)\)"
    # "Groetjes van Floor en Kees vanaf de studiedag!", "Jarig vandaag: Sanne!!".
    rf"|{OPENING}(?i:groet(?:en|jes)?|liefs)\s+van\s+(?P<greeting>{COLLEAGUE_NAMES})"
    rf"(?=\s+(?:vanaf|vanuit|van|op)\s+(?:de|het)\s+(?i:{TEAM_MEETINGS}|training|cursus|heidag|teamuitje)\b)"
    rf"|{OPENING}(?i:jarig(?:\s+vandaag)?|vandaag\s+jarig)\s*:\s*(?P<birthday>{COLLEAGUE_NAMES})"
    r"(?=[ \t!.]*(?:$|\n|[^\w\s(]))"
    # The team's wishes, addressed to one of us: "Welkom terug Bas!", "Fijne vakantie Jeroen!",
    # "Happy birthday Gerard!!". (Not a shout-out: residents who volunteer get those too.)
    # (Not a bare "Welkom Kofi!": a newcomer to the neighbourhood is welcomed too.)
    rf"|{OPENING}(?i:welkom\s+terug|welkom\s+in\s+het\s+team|fijne\s+vakantie|happy\s+birthday)"
    r"[,!]?\s+"
    rf"(?P<wished>{COLLEAGUE_NAMES})(?=\s*[!.,:]|\s*$)"
    # "Even voorstellen: ik ben Niels, nieuwe wijkverpleegkundige": the writer introduces herself.
    rf"|(?<![\w-])(?i:ik\s+ben)\s+(?P<introduced>{COLLEAGUE_NAME}),\s+(?:de\s+)?(?i:nieuwe|jullie)\b"
    # "dienst geruild met Thijs", "agenda bij Tom", "urgente zaken via Mirjam of via het nummer".
    rf"|(?<![\w-])(?i:dienst|diensten|avonddienst|weekenddienst)\s+(?:[\w-]+\s+){{0,3}}?geruild\s+met\s+"
    rf"(?P<swapped>{COLLEAGUE_NAME})"
    rf"|(?<![\w-])(?i:agenda|kaartje|cadeau|lijst)\s+(?:ligt\s+|is\s+)?bij\s+(?P<keeping>{COLLEAGUE_NAME})(?=\s*[.!]|\s*$)"
    rf"|(?<![\w-])(?i:urgente|dringende)\s+(?:zaken|vragen)\s+via\s+(?P<urgent>{COLLEAGUE_NAME})\b"
    # "Tip van Wouter: zet er een placeholder in": a tip headed by who gave it, for the team.
    rf"|{OPENING}(?i:tip|idee)\s+van\s+(?P<tip_from>{COLLEAGUE_NAME})\s*:"
    # "een nieuwe maatschappelijk werker op de SEH, Joris.": a new professional, named last.
    r"|(?<![\w-])(?i:nieuwe)\s+(?i:maatschappelijk\s+werker|wijkverpleegkundige|"
    r"jongerenwerker|opbouwwerker|ouderenwerker|consulent|coördinator|teamleider|stagiair|stagiaire|"
    r"praktijkondersteuner|wijkagent|huisarts)\b[^:\n.!?]{0,40}[:,]\s*"
    rf"(?P<new_worker>{COLLEAGUE_NAME})(?=\s*[.!]|\s*$)")
COLLEAGUE_AT_MEETING = re.compile(
    rf"{OPENING}(?!(?:Ik|We|Wij|Zij|Ze|Hij|Jij|Je|Jullie)\b)(?P<present>{COLLEAGUE_NAMES})\s+"
    r"(?:is|zijn|zit|zitten|gaat|gaan)\s+(?:(?!met\b)[\w-]+\s+){0,2}?"
    # (Only the team's own meetings: a pupil misses a school's study day, a resident speaks at a congress.)
    rf"(?:bij|op|naar|in)\s+(?:het|de|een)\s+(?i:{INTERNAL_MEETINGS})\b"
    rf"|(?<![\w-])met\s+(?P<with>{COLLEAGUE_NAMES})\s+(?:bij|naar|in|op)\s+(?:het|de)\s+(?i:{INTERNAL_MEETINGS})\b"
    # "want Jeroen en ik zitten bij de intervisie": only the team's own meetings (a resident goes to
    # a congress or a school's study day with the writer too).
    rf"|(?<![\w-])(?P<with_me>{COLLEAGUE_NAME})\s+en\s+ik\s+(?:zitten|zijn)\s+(?:(?!met\b|samen\b)[\w-]+\s+){{0,2}}?"
    rf"(?:bij|op|in)\s+(?:het|de)\s+(?i:{INTERNAL_MEETINGS})\b"
    # "Ruud zei in de supervisie", "intervisie morgen bij Ilse thuis".
    rf"|(?P<said>{COLLEAGUE_NAME})\s+(?:zei|zegt|vertelde|vroeg|gaf)\s+(?:[\w-]+\s+){{0,2}}?(?:in|op|tijdens)\s+"
    rf"(?:het|de)\s+(?i:{TEAM_MEETINGS})\b"
    rf"|(?<![\w-])(?i:{TEAM_MEETINGS})\s+(?:[\w-]+\s+){{0,2}}?bij\s+(?P<host>{COLLEAGUE_NAME})\s+thuis\b"
    rf"|(?<![\w-])(?i:{TEAM_MEETINGS})\s+(?:[\w-]+\s+){{0,2}}?met\s+(?P<led_by>{COLLEAGUE_NAMES})(?![\w'’-])"
    # "tip van Femke op de intervisie".
    rf"|(?<![\w-])(?i:tip|idee|voorstel|vraag)\s+van\s+(?P<suggested_by>{COLLEAGUE_NAME})\s+(?:op|bij|in|tijdens)\s+"
    rf"(?:het|de)\s+(?i:{TEAM_MEETINGS})\b")
# Who is away or on duty, in the team's roster: "Vandaag afwezig: Lieke (cursus) en Bram (ziek)",
# "Bereikbaarheidsdienst dit weekend: Anouk (za) en Mehmet (zo)", "Taakverdeling Koningsdag: Rik
# doet de vrijmarkt, Esra de kinderspelen"; "Crisisdienst jeugd is vandaag Hatice"; "haar
# afspraken neemt Dennis over"; "de koersbalgroep wordt begeleid door Harm".
DUTY = (r"bereikbaarheidsdienst|crisisdienst|weekenddienst|avonddienst|nachtdienst|achterwacht|piket|"
        r"teamrooster|bezetting|vervanging|waarneming")
ROSTER_NAME = rf"{COLLEAGUE_NAME}(?:\s*\([^()\n]{{1,20}}\))?"
ROSTER = re.compile(
    rf"(?<![\w-])(?i:afwezig|{DUTY})"
    rf"(?:\s+[\w-]+){{0,3}}\s*:\s*(?P<roster>{ROSTER_NAME}(?:\s*(?:,|\sen\s)\s*{ROSTER_NAME}){{0,4}})"
    rf"|(?<![\w-])(?i:{DUTY})(?:\s+[\w-]+){{0,2}}\s+is\s+(?:(?i:vandaag|morgen|nu)\s+)?"
    rf"(?P<on_duty>{COLLEAGUE_NAME})(?![\w'’-]|\s+[A-Z])"
    rf"|(?<![\w-])(?:{WORK_OBJECTS}|afspraken|huisbezoeken)\s+(?:neemt|nemen)\s+"
    rf"(?P<taking_over>{COLLEAGUE_NAMES})\s+over\b"
    # "Mijn huisbezoeken in Marum en Leek neemt Geert over": the writer's own, somewhere.
    rf"|(?<![\w-])(?i:mijn|onze)\s+(?:{WORK_OBJECTS}|huisbezoeken)\s+(?:in|bij|op|voor)\s+[^.!?\n,]{{1,30}}?"
    rf"\s+(?:neemt|nemen)\s+(?P<taking_over_mine>{COLLEAGUE_NAMES})\s+over\b"
    r"|(?<![\w-])\w*(?i:groep|inloop|cursus|training|activiteit)\w*\s+(?:wordt|worden)\s+begeleid\s+door\s+"
    rf"(?P<leading>{COLLEAGUE_NAMES})(?![\w'’-]|\s+[A-Z])")
AT_WORK_HINT = re.compile(r"neemt|nemen|heeft|hebben|haar|zijn|stuurt|sturen|mailt|mailen|deelt|delen|maakt|"
                          r"maken|draait|draaien|en\s+ik|agenda|notulen|slides|ligt|liggen|blijft|blijven|lijst|"
                          r"overzicht|planning|laptop")
ROSTER_HINT = re.compile(rf"afwezig|{DUTY}|neemt|nemen|begeleid")
# A list of tasks, each opening with who does it: "Actiepunten: Anouk belt de corporatie, Mustafa
# vraagt een offerte, ik regel de agenda."
TASK_LIST = re.compile(r"(?:^|(?<=\n)|(?<=[.!?]))[ \t]*(?i:actiepunten|to\s*do|taakverdeling)\s*:\s*"
                       r"(?P<items>[^\n]+)")
TASK_ITEM = re.compile(rf"(?:^|[,;]\s*|\sen\s+)(?P<name>{COLLEAGUE_NAME})\s+[a-z]+\b")
MEETING_HINT = re.compile(TEAM_MEETINGS)
# The next in a list of thanks: "dank aan Sevda voor de organisatie, aan Ruud voor de bbq".
THANKED_NEXT = re.compile(rf"(?<=[,;])\s*(?:en\s+)?aan\s+(?P<thanked_next>{COLLEAGUE_NAME})(?=\s+voor\b)")
THANKS = re.compile(r"(?<![\w-])(?i:dank|bedankt|dankjewel|thanks|thx)(?![\w-])")
# Who is away, in the sentence that says whom to call instead: "Marloes is t/m vrijdag ziek, dus
# bel Tim bij spoed", "Maandag is Yvonne er niet, bel dan Rik".
ABSENT = re.compile(rf"(?:{OPENING}|(?<=\sen\s))(?!(?i:{WEEKDAYS}|morgen|vandaag|overmorgen)\b)"
                    rf"(?P<absent>{COLLEAGUE_NAME})"
                    r"\s+is\s+(?:[\w/.-]+\s+){0,3}?(?:ziek|afwezig|met\s+\w*verlof|er\s+niet)\b"
                    rf"|(?<![\w-])is\s+(?P<absent_then>{COLLEAGUE_NAME})\s+er\s+niet\b"
                    rf"|(?<![\w-])(?i:sinds|nu|zolang|omdat)\s+(?P<absent_since>{COLLEAGUE_NAME})\s+"
                    r"(?:met\s+\w*verlof|ziek|afwezig|op\s+vakantie)\s+is\b")
# …or that the team's own activity is called off for it: "Laura is ziek en Hamid ook, dus het
# spreekuur van donderdag vervalt" (not a home visit or a lesson: a resident's illness cancels those).
CALLED_OFF = re.compile(r"(?<![\w-])(?:spreekuur|inloop|inloopspreekuur|intervisie|teamoverleg|werkoverleg)\b"
                        r"[^.!?\n]{0,40}?\b(?:vervalt|vervallen|gaat\s+niet\s+door|gaan\s+niet\s+door|valt\s+uit|"
                        r"vallen\s+uit)\b", re.IGNORECASE)
CALLED_OFF_HINT = re.compile(r"verval|niet\s+door|valt\s+uit|vallen\s+uit")
# The groups that say whom to call or who takes the work over.
ROUTING_GROUPS = frozenset({"asked", "asked_about", "asked_for", "contact", "informing", "on_call", "urgent",
                            "at_work", "taking_over", "taking_over_mine"})
TAKEN_OVER_FROM = re.compile(
    rf"\b(?:{WORK_OBJECTS})\s+(?:over\s+)?van\s+(?P<from>{COLLEAGUE_NAME})(?![\w'’-]|\s+[A-Z])")
# A colleague mentioned in the chat ("@Jeroen", "Dank @Priya") or addressed by name, with a comma,
# at a sentence's start ("Pieter en Ruud, kunnen jullie…").
MENTIONED = re.compile(r"(?<![\w@])@(?P<mentioned>[A-Z][\w'’-]*)")
ADDRESSED = re.compile(
    rf"{OPENING}(?P<addressed>{COLLEAGUE_NAMES})\s*[,:]\s*"
    r"(?=(?i:kan|kun|kunnen|wil|wilt|willen|zijn|ben|heb|hebben|ga|gaan|doe|doen|weet|weten|zou|zouden|mag|"
    r"mogen|moet|moeten|neem|nemen)\s+(?i:jij|je|jullie)\b|(?i:jij|jullie)\b)")
# Speech reported: what is said to a resident names her ("Fatima, jij bent sterk, zei ik").
SPEECH = re.compile(r"(?<![\w-])(?:zei|zeg|zegt|zeiden|vroeg|vertelde|riep|antwoordde)(?![\w-])",
                    re.IGNORECASE)
# How far from a text's end a sign-off can start.
SIGN_OFF_REACH = 80
# Continents: where someone comes from, but never a CBS area, whatever CBS names one.
CONTINENTS = frozenset({"afrika", "amerika", "azië", "azie", "europa", "australië", "australie", "oceanië"})
# The country and region everyone in a story lives in: naming them identifies no one.
HOME_REGION = frozenset({"nederland", "holland", "europa", "randstad", "friesland", "limburg"})
SMALL_NUMBER_WORDS = r"een|twee|drie|vier|vijf|zes|zeven|acht|negen"
NUMBER_WORDS = (r"(?:(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)[eë]n)?"
                r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)|"
                r"tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien|honderd")
# After an age typed fast: no unit, amount, plural noun, month, time or other number.
AGE_NOT_AMOUNT = (rf"(?![\w,.:/-]\d|[\w%+x-]|\s*(?:%|euro|uur|keer|minuten|km|kilo|(?:{MONTHS})\b)"
                  r"|\s+(?!(?:en|geworden|geweest|inmiddels|sinds|samen|alleen|dus|eens|soms|thuis)\b)[a-z]+(?:en|s)\b)")
AGE_PATTERNS = (
    re.compile(r"(?<![\w-])\d{1,3}-jarige?(?![\w-])", re.IGNORECASE),
    re.compile(r"(?<=[A-Za-z]\s)\((\d{1,3})\)"),
    # "Bep, 91, vertelde", "Emre Kaya, 17 jaar, heeft": an age between commas or closing the
    # sentence, right after a name (checked: capitalised). A name is tried from its first letter
    # only: from inside a word, it would match no more than from that word's start.
    # …also "Mw. Rombouts, 95 en de oudste", "dhr en mw Pijnenburg, 82 en 79,".
    re.compile(rf"(?<![^\W\d_])(?P<name>[^\W\d_][\w'-]*),\s(\d{{1,3}}(?:\s+en\s+\d{{1,3}}(?=,))?(?:\s+jaar|\s?jr)?"
               rf"|(?:{NUMBER_WORDS}|{SMALL_NUMBER_WORDS})\s+jaar|(?:{NUMBER_WORDS})(?=,\s))"
               rf"!*(?:,\s|[.;:](?:\s|$)|\)|[ \t]*(?:\n|$)|\s+en\s+(?:de|het|nog|een|al|zelf|toch|heel)\s)",
               re.IGNORECASE),
    # "meneer Verstegen (Koen), 39,": a first name in brackets between.
    re.compile(r"(?<![^\W\d_])(?P<name>[^\W\d_][\w'’-]*)\s\([A-Z][\w'’-]*\),\s(\d{1,3})(?:\s+jaar)?(?=,\s|[.;:](?:\s|$)|\s*$)"),
    # "Jayden van 15 uit Paauwenburg": a known first name, then "van" and an age (checked: known).
    re.compile(r"(?P<known_name>[A-Z][\w'’-]*)\s+van\s+(\d{1,2})(?:\s+jaar)?"
               r"(?=\s+(?:uit|met|die|is|zit|was|heeft|had|woont)\b|\s*[,.;:!?]|\s*$)"),
    # "(tweeling, 12)", "(7 en 4 jaar)": ages in brackets after names or a person word.
    re.compile(r"(?:(?<=[^\W\d_]\s)\(|(?<=[^\W\d_]\.\s)\(|\((?:(?i:tweeling|drieling|zoon|dochter|broer|zus|kind|baby|jongen|"
               r"meisje|moeder|vader|oma|opa)|[A-Z][\w'’-]*),\s)(\d{1,3}(?:(?:,\s*|\s+en\s+)\d{1,2})*"
               r"(?:\s+jaar)?)!?\)"),
    re.compile(rf"(?<=[^\W\d_]\s)\(((?:{NUMBER_WORDS})(?:\s+jaar)?)\)", re.IGNORECASE),
    re.compile(r"\((\d{1,3}\s+jaar),\s(?!\d)"),
    # "Mw Öztürk (68, Transvaal)", "Ramon (42, woont boven de bakker)": an age opening the brackets
    # after a name, with more about the person after it.
    re.compile(r"(?<![^\W\d_])(?P<name>[^\W\d_][\w'’-]*)\s\((\d{1,3}),\s(?!\d)"),
    # "(rond de 60)", ", eind 40,", "(beiden 80+)": an age said roughly.
    re.compile(r"[(,]\s*(?:beiden\s+|allebei\s+)?((?:rond\s+de|eind|begin|midden)\s+\d0|\d{2}\+)\s*[),]",
               re.IGNORECASE),
    # "morgen jarig, 90!!": the age of a birthday.
    re.compile(r"(?<![\w-])jarig[,:!]?\s+(\d{1,3})(?=\s*(?:[!.,)]|$))", re.IGNORECASE),
    # "dhr. Petrov (Bulgarije, 56)": where someone is from, then the age.
    re.compile(r"(?<![^\W\d_])(?P<name>[^\W\d_][\w'’-]*)\s\([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?,\s(\d{1,3})\)"),
    # "op haar zeventiende", "vanaf zijn 16e": an age as an ordinal.
    re.compile(rf"(?<![\w-])(?:op|vanaf|sinds|tot|na)\s+(?:zijn|haar)\s+((?:{NUMBER_WORDS})(?:ste|de)"
               rf"|\d{{1,2}}(?:e|de|ste))(?![\w-])", re.IGNORECASE),
    # "wordt op 14 maart 100 jaar": a birthday's age after its date.
    re.compile(r"(?<![\w-])(?:wordt|werd)\s+op\s+[\w-]+(?:\s+[a-z]+)?\s+(\d{1,3}\s+jaar)(?![\w-])",
               re.IGNORECASE),
    # "ze is 61", "wordt hij 18", "is achtentachtig jaar": not amounts, times or durations.
    re.compile(r"(?<![\w-])(?:is|wordt|werd|was)\s+(?:(?:hij|zij|ze|zelf|nu|al|pas|net|bijna|ruim|inmiddels)\s+){0,2}"
               r"(\d{1,3}(?:\s+jaar(?:\s+oud)?)?)(?!\s*(?:%|\+|/|procent|euro|uur|keer|minuten|dagen|weken|maanden|"
               rf"kilo|km|cm|meter|graden|jaar\s+geleden|jaar\s+lang|jaar\s+na\b|(?:{MONTHS})\b)|[\d.,:-]\d|\w)"
               # …nor a count of things, a plural noun ("is 4 dagdelen", "is 6 avonden").
               r"(?!\s+(?!(?:en|geworden|geweest|inmiddels|sinds|tegen|samen|alleen|dus|eens|soms|thuis)\b)[a-z]+(?:en|s)\b)",
               re.IGNORECASE),
    re.compile(rf"(?<![\w-])(?:is|wordt|werd|was)\s+(?:(?:hij|zij|ze|nu|al|pas|net|bijna|ruim|inmiddels)\s+)?"
               rf"((?:{NUMBER_WORDS}|{SMALL_NUMBER_WORDS})\s+jaar(?:\s+oud)?)"
               rf"(?![\w-]|\s+(?:geleden|lang|later|eerder|terug|getrouwd|samen|bezig|in\b|bij\b|hier\b|na\b))",
               re.IGNORECASE),
    # "een vrouw van 58", "haar zoon van 19": a person's age after the person.
    re.compile(r"(?:man|vrouw|(?<![\w-])(?:meneer|mevrouw|jongen|meisje|zoon|dochter|kind|broer|zus|"
               r"jongere|moeder|vader|opa|oma|jongedame|puber|tiener|meid|knul|tweeling|drieling|zoontje|dochtertje|"
               r"broertje|zusje|neefje|nichtje|kleinzoon|kleindochter|"
               r"boer|boerin|weduwe|weduwnaar|dame|heer|bewoner|bewoonster|cliënt|client))\s+van\s+"
               rf"(\d{{1,3}}(?:\s+jaar(?!\s+(?:geleden|oud)))?|(?:{NUMBER_WORDS}|{SMALL_NUMBER_WORDS})\s+jaar(?!\s+geleden)"
               rf"|(?:{NUMBER_WORDS}|{SMALL_NUMBER_WORDS})(?=\s*[,.;:!?)]|\s+(?:en|staat|is|woont|zit|gaat|heeft|kan|wil)\b))"
               r"(?!\s*(?:%|euro|uur|jaar\s+geleden)|[\d.,:-]\d|\w)", re.IGNORECASE),
    # "dylan 16 jaar", "mevrouw achterberg 73 jaar": a first name the lists know, then the age
    # (the word before is checked; the pattern starts at the number, which is faster to find).
    re.compile(r"(?<=[^\W\d_])\s+(?P<after_word>\d{1,3}\s+jaar)(?!\s+(?:geleden|lang|oud\b|later|terug))(?![\w-])"),
    # "Yusuf Öztürk is veertien en": a name, then an age in words.
    re.compile(rf"(?P<subject>[A-Z][\w'’-]+)\s+(?:is|wordt|werd|was)\s+(?:(?:nu|pas|net|bijna|inmiddels)\s+)?"
               rf"({NUMBER_WORDS})(?=\s*(?:[.,;:!?)]|$)|\s+(?:en|maar|of|dus|want)\s)"),
    # "meisje 15 uit …", "jongen uit lombok 22jr": a young person's age typed right after them,
    # or as years typed short.
    re.compile(r"(?<![\w-])(?:meisje|jongen|jongeman|jongedame|puber|tiener|meid|knul)\s+(\d{1,2})"
               r"(?=\s*(?:jaar|jr)?(?:[,.;:)]|\s+(?:uit|in|van|met|die|wil|is|heeft|woont|zit|loopt|en)\b))",
               re.IGNORECASE),
    re.compile(r"(?<![\w-])(\d{1,3}\s?jr)(?![\w-])(?!\s+(?:geleden|lang|ervaring|later|terug))",
               re.IGNORECASE),
    # Typed fast: a title, maybe a surname, then the age ("dhr rahimi 61 heeft", "mw 82 gevallen"),
    # or a relative and the age ("zoon 14 spijbelt"); not an amount of things ("mw kaya 3 kinderen").
    re.compile(rf"(?<![\w-])(?:(?:mw|mevr|dhr|hr)\.?(?:\s+[a-zà-ÿ][\w'’-]*){{0,3}}?|zoon|dochter|zoontje|"
               rf"dochtertje|broer|broertje|zus|zusje|kind|neef|nicht|neefje|nichtje|jongste|oudste)\s+(\d{{1,2}})"
               rf"{AGE_NOT_AMOUNT}",
               re.IGNORECASE),
    # "Mevrouw is 79, meneer 83": a title alone, then the age.
    re.compile(r"(?<![\w-])(?:meneer|mevrouw|mw|mevr|dhr)\.?\s+(\d{2,3})(?=\s*(?:[,;)]|\.(?:\s|$)|$)|\s+en\s)",
               re.IGNORECASE),
    # "jongste 2 maanden", "baby van 6 weken": a baby's age.
    re.compile(r"(?<![\w-])(?:jongste|oudste|baby|baby'tje|zoontje|dochtertje|kindje|tweeling)\s+(?:van\s+)?"
               r"(\d{1,2}\s+(?:maanden|maand|mnd|weken|wkn))(?![\w-])(?!\s+(?:niet|lang|geleden|al)\b)",
               re.IGNORECASE),
    # "kids yusuf 12 en sara 7", "tweeling rayen en ravi 16,", "Yara bijna 6": a first name the lists
    # know, then the age (the word before is checked).
    re.compile(r"(?<=[^\W\d_])\s+(?:(?:bijna|ruim|net)\s+)?(?P<after_word>\d{1,2})(?=\s*(?:[,.;:!)]|$)|\s+en\s)"),
    # "Meneer en mevrouw Zhang, beiden 80, eten mee": a couple's one age.
    re.compile(r"(?<=,)\s*(?:beiden|allebei)\s+(\d{2,3})(?:\s+jaar)?(?=\s*[,.;)])", re.IGNORECASE),
    # "hij 78, zij 76": each partner's age after the pronoun.
    re.compile(r"(?<![\w-])(?:hij|zij)\s+(\d{2,3})(?=\s*(?:,|;|\)|\.(?:\s|$)|\s+en\s|$))", re.IGNORECASE),
    # "wordt volgende week 95", "wordt op 3 augustus 100!!": a birthday's age after when it is.
    re.compile(r"(?<![\w-])(?:wordt|werd)\s+(?:(?:volgende|deze|komende|vorige)\s+(?:week|maand|maandag|dinsdag|"
               r"woensdag|donderdag|vrijdag|zaterdag|zondag)|die\s+dag|morgen|vandaag|overmorgen|op\s+\d{1,2}\s+"
               rf"(?:{MONTHS})|op\s+\d{{1,2}}[-/]\d{{1,2}})\s+(\d{{1,3}}|(?:{NUMBER_WORDS}))"
               r"(?=\s*(?:jaar\b|[!.,;]|\s+en\s|$))", re.IGNORECASE),
    # "vandaag 18 geworden", "100 jaar geworden".
    re.compile(r"(?<![\w-])(\d{1,3}(?:\s+jaar)?)\s+geworden(?![\w-])", re.IGNORECASE),
    # "ze is zestig", "wordt hij tachtig": a number word alone, when he or she is it.
    re.compile(rf"(?<![\w-])(?:(?:hij|zij|ze)\s+(?:is|wordt|werd|was)|(?:is|wordt|werd|was)\s+(?:hij|zij|ze))"
               rf"\s+(?:(?:nu|pas|net|bijna|inmiddels)\s+)?({NUMBER_WORDS})(?=\s*(?:[.,;:!?)]|$)|"
               rf"\s+(?:en|maar|of|dus|want)\s)", re.IGNORECASE),
    # "kinderen van 4, 6 en 9", "haar zoons van 12 en 15 jaar": the ages of several, listed.
    re.compile(r"(?<![\w-])(?:kinderen|kids|zonen|zoons|dochters|jongens|meisjes|kleinkinderen|broers|"
               r"zussen|broertjes|zusjes|ouders|tweeling)\s+(?:van\s+|zijn\s+|waren\s+)?(\d{1,2}(?:,\s*\d{1,2})*\s+en\s+\d{1,2}"
               r"(?:\s+jaar)?)(?!\s*(?:%|euro|uur)|[\d.,:-]\d|\w)", re.IGNORECASE),
    # "zijn 70 en 72": a couple's ages.
    # (After "ze", "beiden" or opening a sentence: not "De kosten zijn 20 en 30".)
    re.compile(r"(?:(?<![\w-])(?:zijn|waren|worden)\s+(?:ze|beiden|allebei)\s+|(?:^|(?<=[.!?]\s))(?i:zijn|waren)\s+"
               r"|(?<![\w-])(?i:ze|zij|beiden|allebei)\s+(?:zijn|waren)\s+)"
               r"(\d{2,3}\s+en\s+\d{2,3})"
               r"(?:\s+jaar)?(?=\s*[.,;!)]|\s*$)", re.IGNORECASE),
    # "sinds hij 10 was", "toen ze 16 werd", "sinds haar 80ste verjaardag".
    re.compile(r"(?<![\w-])(?:sinds|toen|vanaf)\s+(?:hij|zij|ze)\s+(\d{1,3})\s+(?:was|werd)(?![\w-])",
               re.IGNORECASE),
    re.compile(r"(?<![\w-])(?:haar|zijn)\s+(\d{1,3}(?:ste|e))\s+verjaardag", re.IGNORECASE),
    # "cliënt (m, 31)", "(v/45)": a case note's sex and age.
    re.compile(r"\((?:m|v|j|x)\s*[,/]\s*(\d{1,3})\)", re.IGNORECASE),
    # "zij 81 hij 84", "een jaar of 13": ages typed fast or guessed.
    re.compile(r"(?<![\w-])(?:zij|hij)\s+(\d{2,3})(?=\s+(?:zij|hij|en)\b|\s*[,.;)]|\s*$)", re.IGNORECASE),
    # (Not a group's: "kinderen vanaf een jaar of 6".)
    re.compile(r"(?<![\w-])(?<!vanaf )(?<!van )(?<!tot )(?<!boven )(?<!onder )"
               r"een\s+jaar\s+of\s+(\d{1,2})(?![\w-])", re.IGNORECASE),
)
DIGIT = re.compile(r"\d")
OLDEST_AGE = 115
# The age patterns that only match digits (skipped, for speed, in a text without any).
DIGIT_AGE_PATTERNS = frozenset(pattern for pattern in AGE_PATTERNS if NUMBER_WORDS not in pattern.pattern)
# The patterns that need a bracket, skipped (like the digit ones) where a text has none: most
# start at every word.
BRACKET_AGE_PATTERNS = frozenset(pattern for pattern in AGE_PATTERNS
                                 if "\\(" in pattern.pattern and "|" not in pattern.pattern.split("\\(")[0])
# An age-like number that is about a group or a thing, never one resident: "tussen 12 en 23 jaar",
# "vanaf 75 jaar", "het buurthuis bestaat 40 jaar".
GROUP_OR_THING_AGE = re.compile(
    r"(?:\b(?:tussen\s+(?:de\s+)?\d+\s+en|van\s+(?:de\s+)?\d+\s+tot|\d+\s*(?:tot|t/m|-|en)|vanaf|"
    r"boven\s+de|onder\s+de|ouder\s+dan|jonger\s+dan|langer\s+dan|korter\s+dan|(?:bestaat|bestond|bestaan)(?:\s+[\w-]+){0,3}|ruim|al|na|"
    r"over|sinds|tot(?:\s+en\s+met)?|t/m|(?:leeftijd|grens)\s+(?:is|ligt|wordt|was)(?:\s+(?:nu|op|straks))*|"
    # an average, and how long something runs ("draait nu 2 jaar").
    r"gemiddeld|voor|(?:draait|draaien|loopt|lopen|duurt|duren|wacht|wachten)(?:\s+(?:nu|al|pas|ongeveer|bijna|ruim))*"
    r"|\d+\s*à)\s*)$",
    re.IGNORECASE)
GROUP_OR_THING_AGE_AFTER = re.compile(r"\d+(?:\s+jaar)?\s+(?:en|of)\s+(?:ouder|jonger)\b(?!\s+dan)"
                                      r"|\d+-jarig\s+(?:bestaan|jubileum)", re.IGNORECASE)
THING_SUBJECTS = re.compile(r"(?:^|[.!?;:\n]\s*)(?:het|dit|dat)\s+"
                            r"(?:(?!(?:kind|meisje|jongetje|zoontje|dochtertje|jongste|oudste|man|vrouw|jongen|"
                            r"moeder|vader|buurman|buurvrouw|meneer|mevrouw|bewoner|bewoonster|cliënt|client|zoon|"
                            r"dochter|broer|zus|opa|oma|tweeling|jongere|dame|heer|baby|peuter|puber|tiener)\b)"
                            r"[\w-]+\s+){1,8}(?:is|was|wordt|werd)\s*$", re.IGNORECASE)
# Where an announcement gives a venue's address: "Locatie: wijkcentrum De Wilgenhof, Lansinkweg 41",
# "in buurthuis 't Pleintje, Kloosterweg 3", "Vanaf maandag zitten we aan de Hengelosestraat 585".
VENUE_BEFORE = re.compile(
    r"(?:(?<![\w-])(?i:wijkcentrum|buurthuis|buurtcentrum|mfc|kantoor|bibliotheek|stadhuis|gemeentehuis|"
    r"ontmoetingscentrum|wijkkamer|buurtkamer|repair\s?café|sporthal|gebouw|kerk|moskee)(?![\w-])"
    r"[^\n,.:;]{0,40},[ \t]*"
    r"|(?<![\w-])(?i:zitten|zit)\s+(?i:we|wij)\s+(?:[\w-]+\s+){0,3}?(?i:aan|op|in)\s+(?:(?i:de|het)\s+)?"
    # "het FACT-team zit vanaf 1 mei niet meer aan de Boermarkeweg maar op Statenweg 3".
    r"|(?<![\w-])[\w-]*(?i:team|kantoor)\s+(?i:zit|zitten|verhuist|verhuizen)\s+(?:[\w-]+\s+){0,10}?(?i:aan|op|in|naar)\s+"
    r"(?:(?i:de|het)\s+)?)$")
# A story with one of these kinds names or reaches someone: its addresses are no venue's. (A
# service's phone number is never a finding, so an announcement may still give one.)
SOMEONES_KINDS = frozenset({"naam", "leeftijd", "bsn", "iban", "email", "telefoonnummer"})
# …nor is one in a post about a home or a visit there.
ABOUT_A_HOME = re.compile(r"(?<![\w-])(?:huisbezoek\w*|thuis|woont|woning|huis|appartement)(?![\w-])",
                          re.IGNORECASE)
# One resident, by a word for one person ("ze" and "zij" may be plural, or the team).
ONE_RESIDENT = re.compile(
    # (Not "elk gezin", "iedere jongere": everyone.)
    r"(?<![\w-])(?<!elk )(?<!elke )(?<!ieder )(?<!iedere )"
    r"(?:heer|dame|bewoner|bewoonster|cliënt|cliënte|client|klant|jongen|meisje|"
    # (Not the worker's own family: "ben met mijn zus een weekend in Maastricht".)
    r"(?<!mijn )(?<!onze )(?:man|vrouw|moeder|vader|oma|opa|oom|tante|neef|nicht|broer|zus|zoon|dochter|"
    r"partner|kind)|"
    # (A "Centrum voor Jeugd en Gezin" is a service.)
    r"mevrouw|meneer|mw|dhr|(?<!jeugd en )gezin|familie|buurman|buurvrouw|kleinzoon|kleindochter|echtgenoot|"
    r"echtgenote|leerling|jongere|hij|weduwe|weduwnaar|tiener|puber|baby)(?![\w-])", re.IGNORECASE)
HOME_BEFORE = re.compile(r"(?<![\w-])(?:woont|woonde|wonen|uit|van|in)\s+(?:de\s+|het\s+)?$"
                         # "de lift in flat Het Zeepaardje", "uit het hofje De Kloostertuin".
                         r"|(?<![\w-])(?:woont|woonde|wonen|uit|in)\s+(?:de\s+|het\s+)?(?:flat|flatgebouw|"
                         r"wooncomplex|seniorenflat|seniorencomplex|portiekflat|galerijflat|woontoren|hofje)\s+$"
                         # "wil terug naar Overstegen", "verhuisd van de Regentesse naar de Dragonder".
                         r"|(?<![\w-])(?:terug|verhuisd|verhuist|verhuizen|verhuisde)\s+(?:[\w'’-]+\s+){0,4}?naar\s+"
                         r"(?:de\s+|het\s+)?$", re.IGNORECASE)
# A statistic speaks of many: "een op de drie jongeren", "40 procent", "de helft van".
STATISTIC = re.compile(r"(?<![\w-])(?:een|één|1)\s+op\s+de\s+\w+|\d+\s*(?:%|procent)|de\s+helft\s+van",
                       re.IGNORECASE)
# A duration as the subject: "de wachttijd in onze gemeente is acht jaar".
DURATION_SUBJECT = re.compile(r"(?<![\w-])(?:\w*tijd|\w*termijn|\w*duur)\b"
                              r"(?:(?!\b(?:hij|zij|ze)\b)[^.!?\n,]){0,40}?\b(?:is|was|wordt|werd)(?:\s+(?:nu|nog|al|ongeveer|gemiddeld|bijna|ruim))*\s*$",
                              re.IGNORECASE)
# A building as the subject: "De portiekflats in Wielwijk zijn bijna 60 jaar oud".
BUILDING_SUBJECT = re.compile(
    r"(?<![\w-])[\w-]*(?:flats?|woningen|huizen|gebouw|gebouwen|complex|complexen|buurthuis|wijkcentrum|school|kerk|"
    r"moskee|speeltuin|blokhut|brug|toren|zwembad|bibliotheek|kantoor|pand|villa)(?![\w-])"
    r"(?:(?!\b(?:hij|zij|ze|mevrouw|meneer)\b)[^.!?\n,]){0,40}?\b(?:is|zijn|was|waren|wordt|worden)"
    r"(?:\s+(?:nu|al|bijna|ruim|ongeveer|precies))*\s*$", re.IGNORECASE)
ANYONE = re.compile(r"(?<![\w-])(?:je|jij|men)(?![\w-])", re.IGNORECASE)
THIRD_PERSON = re.compile(
    r"(?<![\w-])(?:hij|zij|ze|zijn|haar|hem|mw|dhr|meneer|mevrouw|zoon|dochter)(?![\w-])", re.IGNORECASE)
COUNTED_BEFORE = re.compile(r"(?<![\w-])[a-z][\w-]*(?:s|en)\s\($")
AGE_IN_BRACKETS = re.compile(r"\s\(\d{1,3}!?\)")
# A capitalised word right before an age in brackets or between commas: "Shurendy (17)", "Bep, 91,".
AGED_NAME = re.compile(r"(?P<name>(?:[A-Z][\w'’-]*\s(?:(?:van|de|der|den|ter|ten|el|al)\s){0,2}){0,2}"
                       r"[^\W\d_][\w'’-]*)"
                       r"(?:\s\(\d{1,3}\)|,\s\d{1,3}(?:\s+jaar)?(?:,|[ \t]*\n|[ \t]*$))")
# Titles a person's name follows: in stories typed quickly the name is often in lower case.
# How Dutch verbs end ("klaagde", "belt", "gingen"): a lower-case word like this after a name is
# rarely its second part.
VERB_ENDING = re.compile(r"(?:de|te|den|ten|en|t)$")
TITLED_NAME = re.compile(
    r"(?<![\w-])(?P<title>mw|mevr|mevrouw|dhr|meneer|mr|fam|familie|gezin|juf|meester|ome|oom|tante|opa|oma|"
    # ("hr." only with its full stop: "hr" alone is a department.)
    r"zuster|broeder|hr(?=\.))\.?\s+"
    r"(?P<name>(?:(?:[^\W\d_]\.\s?){1,3})?(?:(?:van|de|der|den|ter|ten|te|het|'t|el|al|ben|bin|abu|da|dos|"
    r"di|le|la|du|von)\s+){0,3}[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)", re.IGNORECASE)
# What follows a name that opens a sentence when it is a person: a verb of speaking, coming or
# living, or "is" with an age.
PERSON_NEXT = re.compile(
    r" (?:belde|vroeg|zei|zegt|vertelde|vertelt|appte|mailde|kwam|komt|wil|wilde|woont|woonde|heeft|"
    r"had|durft|durfde|huilde|lachte|sprak|schreef|liet|kreeg|krijgt|is \d|was \d|wordt \d|"
    r"en (?:haar|zijn|hun) |uit [A-Z])")
NEXT_WORD = re.compile(r" ([^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)")
# "meneer" and "mevrouw" are also nouns ("een meneer verkocht zijn fiets", "Mevrouw noemde zichzelf"):
# after an article, or capitalised as in prose, a word in lower case after them is a verb, unless
# it is a known name (typed quickly, "mevrouw bouzid belde" stays a name).
NOUN_TITLES = frozenset({"meneer", "mevrouw", "familie"})
DETERMINER_BEFORE = re.compile(
    r"(?<![\w-])(?:een|één|eén|de|die|deze|dat|ene|elke|iedere|zo'n|oudere|jonge|andere)\s+$", re.IGNORECASE)
# Titles that are also how people address family (opa, oma): only a capitalised name follows them.
FAMILY_TITLES = frozenset({"gezin", "juf", "meester", "ome", "oom", "tante", "opa", "oma", "zuster",
                           "broeder"})
DUTCH_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "'t"})
NAME_PARTICLES = DUTCH_PARTICLES | {"el", "al", "ben", "bin", "abu", "da", "dos", "di", "le", "la", "du",
                                    "von"}
# Words before or after a first name typed in lower case that say it is a person.
PERSON_BEFORE = frozenset({"met", "bij", "van", "voor", "zoon", "dochter", "moeder", "vader", "broer",
                           "zus", "zusje", "broertje", "buurman", "buurvrouw", "neef", "nicht", "oma",
                           "opa", "tante", "oom", "ome", "vriend", "vriendin", "sprak", "belde", "zag",
                           "hielp", "mw", "dhr", "en", "man", "vrouw", "partner", "echtgenoot",
                           "echtgenote", "zoontje", "dochtertje", "kleinzoon", "kleindochter", "ex",
                           "stiefvader", "stiefmoeder", "vriendje", "vriendinnetje", "heet", "genaamd",
                           "schoonzus", "zwager", "schoonmoeder", "schoonvader", "schoonzoon",
                           "schoondochter", "kleinkind", "nichtje", "neefje", "dankzij", "over", "kids",
                           "kinderen", "tweeling", "zonen", "dochters", "cliënt", "client", "bewoner",
                           "bewoonster", "jongen", "meisje"})
# A relative's name after the relative ("Zijn vrouw Li Na", "Moeder Karima", "haar zoon Farid").
RELATIVE_NAMED = re.compile(
    r"(?<![\w-])(?i:zoon|zoontje|dochter|dochtertje|vrouw|man|moeder|vader|broer|broertje|zus|zusje|oma|opa|"
    r"kleindochter|kleinzoon|schoonzus|zwager|schoonmoeder|schoonvader|neef|nicht|partner|vriend|vriendin|"
    r"tante|oom|buurman|buurvrouw|stiefvader|stiefmoeder|echtgenoot|echtgenote)\s+"
    r"(?P<name>[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*(?:\s+[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*)?)")
# Care institutions of deduce's list named with a phrase ("In Balans", "Met Elkaar", "Op Maat") read
# as that phrase, or as the name of a course, far more often than as the provider.
PREPOSITIONS = frozenset({"in", "op", "met", "voor", "naar", "bij", "aan", "uit", "over", "onder", "door",
                          "om", "tot", "zonder", "achter", "na", "van", "vanuit", "samen", "naast",
                          "tegenover", "boven", "langs", "tussen", "binnen", "buiten"})
# A full name quoted as an author or in a public role ("het boek 'Het puberende brein' van Eveline
# Crone", "een podcast met psychiater Dirk De Wachter"): no resident. Not after "met": an
# interview with a resident names her.
FULL_NAME = (r"[A-Z][\w'’-]+(?:\s+(?:van|de|der|den|ter|ten|te|De|Van|Ter|Ten))*\s+[A-Z][\w'’-]+"
             r"(?:\s+[A-Z][\w'’-]+)?")
# Several authors of one work: "van Rina Mae Acosta en Michele Hutchison".
AUTHORS = rf"{FULL_NAME}(?:(?:,\s+|\s+(?:en|&)\s+){FULL_NAME})*"
PUBLIC_PERSON = re.compile(
    rf"(?:(?<![\w-])(?i:boek|podcast|interview|column|lezing|talk|ted-talk|artikel|documentaire|film|"
    rf"aflevering|voorstelling|theorie|model|methode|gedicht|lied|nummer|boeken|films|gedichten|liedjes|"
    rf"liederen|nummers|muziek|songs)\s+(?:van|door)\s+"
    rf"|(?<![\w-])(?i:hoogleraar|professor|prof\.|filosoof|schrijver|schrijfster|auteur|columnist|journalist|"
    rf"minister|premier|staatssecretaris|burgemeester|wethouder|kamerlid|presentator|presentatrice|zanger|"
    rf"zangeres|rapper|voetballer|acteur|actrice|cabaretier|psychiater|socioloog|psycholoog|econoom|"
    rf"historicus|onderzoeker|youtuber|influencer)\s+|['’”]\s+van\s+)(?P<name>{AUTHORS})"
    # …or quoted as one quotes an author: "X schreef het al in 1961", "X zegt in 'Borderline Times'",
    # "X liet al zien dat".
    rf"|(?P<author>{FULL_NAME})(?=\s+(?:(?:schreef|zei|zegt|schrijft)\s+(?:het\s+al|in\s+['‘\"“])"
    rf"|(?:liet|laat)\s+(?:al\s+)?zien))"
    # …or a method named after its maker: "de potjesmethode van Mirjam".
    rf"|(?<=methode\svan\s)(?P<maker>[A-Z][\w'’-]+)")
# A form's name field, typed or pasted: "Naam: Nowak, Katarzyna", "Voornaam: Kacper".
FORM_NAME = re.compile(
    r"(?im)^[ \t]*(?:naam|voornaam|achternaam|roepnaam|cliënt|client|aanvrager|"
    r"naam\s+(?:cliënt|client|kind|moeder|vader))[ \t]*:[ \t]*(?P<name>[^\W\d_][^\n:]{0,60}?)[ \t]*$")
# A form's place field: "Woonplaats: Wijk bij Duurstede", "Herkomst: Herat (Afghanistan)".
FORM_PLACE = re.compile(r"(?m)^[ \t]*(?i:woonplaats|geboorteplaats|herkomst|land\s+van\s+herkomst|wijk|buurt)"
                        r"[ \t]*:[ \t]*"
                        r"(?P<place>[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|bij|aan|op|den|de|in)){0,4})"
                        r"(?=[ \t]*(?:\(|,|$))")
# A form's age field: "Leeftijd: 58".
FORM_AGE = re.compile(r"(?im)^[ \t]*leeftijd[ \t]*:[ \t]*(?P<age>\d{1,3})(?:[ \t]*(?:jaar|jr))?[ \t]*$")
# A social-media handle in a sentence about the platform ("ze heet op insta @zonnestraal_marit"):
# it names its owner as surely as a name. Elsewhere "@" mentions a colleague or the team in the chat.
HANDLE = re.compile(r"(?<![\w@./-])@(?=[\w.]*[A-Za-z])[\w.]{3,30}(?<!\.)(?![\w@-])")
SOCIAL_MEDIA = re.compile(r"(?<![\w-])(?:insta|instagram|tiktok|snap|snapchat|twitter|facebook|fb|youtube|"
                          r"threads|twitch)(?![\w-])", re.IGNORECASE)
# Someone who lives somewhere, by a relative clause: "Yasmina, die al dertig jaar in Transvaal woont".
WHO_LIVES = re.compile(r"(?<![\w'’-])(?P<name>[A-Z][\w'’-]+),[ \t]+die[ \t]+(?:[^,.!?;:\n]{0,60}?[ \t])?"
                       r"(?:woont|woonde)(?![\w-])")
# Words that give a name or nickname: "thuis noemen ze haar Zuzia", "die heet eigenlijk Jesse".
# …or said before "heet" at a clause's end, in lower case: "de buren denken dat ze ruth heet".
NAME_BEFORE_HEET = re.compile(r"(?<![\w-])(?:ze|zij|hij)\s+(?P<name>[a-z][\w'’-]+)\s+heet(?:te)?(?![\w-])")
NAMING = re.compile(r"(?<![\w-])(?:noemen\s+(?:ze|we|wij|zij)\s+(?:haar|hem)|"
                    r"noemt\s+(?:ze|hij|zij)\s+(?:haar|hem|zich|zichzelf)|(?:heet|heette|heten)(?:\s+(?:eigenlijk|officieel|voluit))?|genaamd|alias|aka|bijnaam|achternaam|voornaam|roepnaam)"
                    r"\s+['‘\"]?(?P<name>[A-Z](?:[\w'’]*\w)?(?:-[A-Z][\w'’]*\w)*)")
# A nickname in quotes, said to be what someone is called: "ze noemen hem 'de Dokter'",
# "bijnaam: 'Bolle'", "hij heet hier 'Opa Kip'", "hij wordt 'Kleine Kees' genoemd".
QUOTE = r"[\"'‘“„«]"
QUOTED_NAME = r"(?P<name>[^\"'‘’“”„«»\n]{2,30}?)[\"'’”»](?!\w)"
QUOTED_NICKNAME = re.compile(
    rf"(?<![\w-])(?i:(?:noem\w*|kent|kennen|kende|kenden)\s+(?:[\w'’]+\s+){{0,3}}?"
    rf"(?:hem|haar|zich|zichzelf|hen)\s+(?:[\w'’]+\s+){{0,2}}?(?:als\s+)?"
    rf"|(?:bijnaam|roepnaam)\s*(?:is\s+|was\s+|:\s*)?"
    rf"|(?:hij|zij|ze)\s+(?:heet|heette|wordt|werd)\s+(?:[\w'’]+\s+){{0,2}}?){QUOTE}{QUOTED_NAME}")
# A name inside a short quote is a nickname: all of it is masked ("'Kleine Kees'").
QUOTE_OPENING = re.compile(rf"(?:(?<=\s)|^){QUOTE}(?:[^\W\d_][\w’-]*[ \t]){{0,2}}\Z")
QUOTE_CLOSING = re.compile(r"(?:[ \t][^\W\d_][\w’-]*){0,2}[\"'’”»](?!\w)")
PERSON_SHORTLY_BEFORE = re.compile(PERSON_WORDS.pattern + r"\.?(?:\s+[\w'’.-]+){0,3}$", re.IGNORECASE)
# Small words that may stand between "heet" and a name ("heet dus dylan").
FILLERS = frozenset({"dus", "eigenlijk", "nu", "ook", "trouwens"})
# An age right after a name typed fast ("yusuf 12 en sara 7", "ravi 16,").
AGE_AFTER_NAME = re.compile(r"\s+\d{1,2}(?:\s*(?:jaar|jr))?"
                            r"(?=\s*(?:[,.;:!)]|$)|\s+(?:en|uit|woont|zit|is|heeft|met)\s)")
# A word alone between brackets or commas ("een uit eritrea (mebrat)", "mw uit oekraïne, oksana,").
OPENS_APART = re.compile(r"[(,][ \t]*$")
CLOSES_APART = re.compile(r"[ \t]*[),]")
PERSON_AFTER = frozenset({"belde", "vroeg", "zei", "zegt", "wil", "wilde", "kwam", "komt", "heeft",
                          "had", "is", "was", "gaat", "ging", "woont", "vertelde", "appte", "mailde",
                          "en", "kan", "moet", "durft", "zit", "slaapt", "loopt", "willen", "wonen", "hebben",
                          "komen", "kwamen", "gingen", "van", "belt", "vraagt"})
# "Ons wijkteam werkt in Utrecht-Noord": the team's own area, where no one resident is placed.
TEAM_AREA = re.compile(r"(?<![\w-])(?:(?:we|wij|ons|onze|team|wijkteam|buurtteam)\b[^.!?\n]{0,40}\b"
                       r"(?:werk(?:t|en)|actief|werkzaam)\s+(?:\w+\s+){0,2}|(?:wijk|buurt|jeugd|sociaal\s+)?team"
                       r"\s+(?:[\w-]+\s+){0,2})in\s+$|(?:ons|onze)\s+(?:eigen\s+)?(?:werkgebied|wijk|buurt),?\s+$"
                       # "ons buurthuis in Kronehoef", "onze inloop op het Kastelenplein".
                       r"|(?<![\w-])(?:ons|onze)\s+(?:buurthuis|wijkcentrum|buurtcentrum|kantoor|inloop|"
                       r"spreekuur|locatie|vestiging|team)\s+(?:in|op|aan)\s+(?:de\s+|het\s+)?$"
                       # "Bij ons in Crabbehof proberen we…".
                       r"|(?<![\w-])bij\s+ons\s+(?:in|op)\s+(?:de\s+|het\s+)?$",
                       re.IGNORECASE)
TEAM_AREA_AFTER = re.compile(r"[\w'’-]*,\s+(?:ons|onze)\s+(?:werkgebied|wijk|buurt|gebied)\b", re.IGNORECASE)
TOWN_PARTS = frozenset({"centrum", "binnenstad", "kant", "rand", "omgeving", "noorden", "zuiden", "oosten",
                        "westen", "buitenwijk", "buitenwijken", "buitengebied"})
# …and what a village or a neighbourhood has one of: "de soos in het dorpshuis van oosterwolde".
TOWN_VENUES = frozenset({
    "dorpshuis", "buurthuis", "wijkcentrum", "dorpskerk", "kerk", "moskee", "markt", "weekmarkt",
    "bibliotheek", "soos", "voedselbank", "speeltuin", "sporthal", "zwembad", "dorpsplein", "ijsbaan",
    "kinderboerderij", "huisartsenpost"})
VENUE_OF_TOWN = re.compile(rf"(?<![\w-])(?i:{'|'.join(sorted(TOWN_PARTS | TOWN_VENUES))})\s+van\s+$")
PLACE_BEFORE = frozenset({"in", "uit", "naar", "te", "vanuit", "richting", "rond", "op"})
# Residents' groups and neighbourhood venues go by their neighbourhood's name ("Buurtcomité
# Noordgeest", "bewonersgroep heechterp", "Buurtkamer Kruidenbuurt"): a place, as after "in".
RESIDENTS_GROUPS = frozenset({
    "buurtcomité", "buurtcomite", "bewonerscommissie", "bewonersgroep", "bewonersvereniging", "bewonersraad",
    "bewonersplatform", "wijkraad", "dorpsraad", "buurtvereniging", "wijkvereniging", "buurtpreventie"})
NAMED_AFTER_AREA = RESIDENTS_GROUPS | {"buurthuis", "buurtkamer", "buurtcentrum", "wijkcentrum", "wijkgebouw",
                                       "wijkpunt", "buurtpunt"}
# Institutions named after their type ("basisschool De Regenboog", "woonzorgcentrum De Wingerd").
INSTITUTION_TYPES = (
    "basisschool|school|bs|cbs|obs|pcbs|rkbs|ikc|osg|csg|rsg|sg|kindcentrum|kinderopvang|bso|woonzorgcentrum|zorgcentrum|"
    "verpleeghuis|verzorgingshuis|kliniek|ziekenhuis|roc|mbo|hogeschool|college|stichting|praktijk|"
    "woningcorporatie|corporatie|ggz|zorginstelling|dagbesteding|inloophuis|opvang|kredietbank|"
    "zorgboerderij|woonvoorziening|woongroep|hospice|revalidatiecentrum|azc|jongerenopvang|nachtopvang|"
    "daklozenopvang|vrouwenopvang|crisisopvang|sbo|vso|kdv|kinderdagverblijf|psz|peuterspeelzaal|peuteropvang|"
    "praktijkschool|blijfhuis|thuiszorg|lyceum|gymnasium|atheneum|scholengemeenschap|zorggroep")
# Types of places a name may follow in brackets: "school (Het Baken)" (not "ggz (Wvggz)", a law).
PLACE_TYPES = ("basisschool|school|kinderopvang|bso|opvang|woonzorgcentrum|zorgcentrum|verpleeghuis|"
               "verzorgingshuis|dagbesteding|kliniek|ziekenhuis")
# Types that are part of the name as people write it ("CBS Het Kompas", "Kredietbank West-Brabant").
NAME_PART_TYPES = frozenset({"cbs", "obs", "pcbs", "rkbs", "ikc", "roc", "bso", "kredietbank", "osg", "csg",
                             "rsg", "sg", "sbo", "vso"})
# The type in any case ("cbs", "ROC"); the name capitalised ("De Regenboog", "Midden Nederland").
NAMED_INSTITUTION = re.compile(
    rf"(?<![\w-])(?:(?i:{INSTITUTION_TYPES})\s+|(?i:{PLACE_TYPES})\s*\(\s*)(?P<name>(?:(?:De|Het|['’]?t|Den|St\.?)\s+)?[A-Z][\w'’-]*"
    rf"(?:\s+(?:de|van|het|aan|op)\s+[A-Z][\w'’-]*|\s+[A-Z][\w'’-]*)*)(?![\w-])")
# Schools and homes whose type closes or opens the name: "het Calvijn College", "Huize Avondrood".
NAMED_BY_TYPE_WORD = re.compile(
    r"(?<![\w-])(?:(?:[A-Z][\w'’-]*\.?\s+){1,3}(?:College|Lyceum|Gymnasium|Ziekenhuis|Kliniek|Zorgcentrum)"
    r"|Huize\s+(?:(?:De|Het|'t)\s+)?[A-Z][\w'’-]*)(?![\w-])")
# A school named by what happens there: "groep 5 van De Vlinder", "de kinderen zitten op De
# Regenboog", "wordt gepest op De Fontein"; and one-word names ending in their type
# ("Blariacumcollege", "Montessorischool Oost").
SCHOOL_BY_CONTEXT = re.compile(
    r"(?<![\w-])(?:groep\s+\d\s+(?:van|op)|(?:zit|zitten|zat|zaten|gepest|zit\s+nu|zitten\s+allebei)\s+op"
    r"|(?:studeert|studeerde|studeren)\s+(?:aan|op)(?:\s+(?:de|het))?)\s+"
    r"(?P<name>(?:(?:De|Het|'t)\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?![\w-])"
    # …or where someone moves or goes every day: "verhuist op 15 oktober naar De Marke", "wil niet
    # meer naar Het Vlier".
    r"|(?:(?<![\w-])(?:verhuist|verhuisde|verhuizen|verhuisd|wil\s+niet\s+meer|moet|gaat|ging|gaan)\s+"
    r"(?:[\w-]+\s+){0,3}?naar|wachtlijst\s+(?:voor|van|bij))\s+(?P<destination>(?:De|Het|'t)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?![\w-])")
# A name with a capitalised article inside a sentence: a school, a home, a club or a building
# ("begint op De Globe", "opgenomen in De Zeester", "de decaan van het Schravenlant"). After a
# title it is a surname ("mevrouw De Vries"), which the title rule finds.
NAMED_WITH_ARTICLE = re.compile(
    r"(?<![\w-])(?:(?:De|Het|'t)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"|(?<=\bhet\s)(?P<neuter>[A-Z][\w'’-]+))(?![\w-])")
# Titles written with a full stop ("Mevr. Jansen", "Dr. Vos"): the name after it is the same name.
TITLE_WORD = re.compile(r"(?i:mevr|mw|mvr|dhr|hr|fam|dr|drs|ir|ing|mr|prof|st|mej|wed)")
# Languages a story names after "het" ("ze leert het Nederlands"); the ones ending in "-isch" are
# recognised by that.
LANGUAGES = frozenset({"nederlands", "engels", "frans", "duits", "pools", "turks", "spaans", "italiaans",
                       "portugees", "berbers", "tamazight", "tigrinya", "farsi", "dari", "pasjtoe",
                       "oekraïens", "roemeens", "bulgaars", "chinees", "vietnamees", "papiaments",
                       "sranantongo", "fries", "limburgs", "amazigh", "somali", "amhaars", "hongaars",
                       "grieks"})
LANGUAGE_ADJECTIVES = frozenset(f"{language}e" for language in LANGUAGES)
TITLE_BEFORE = re.compile(r"(?<![\w-])(?i:mevrouw|meneer|familie|gezin|dhr|mw|fam|mevr|de\s+heer)\.?\s+$")
SCHOOL_COMPOUND = re.compile(
    r"(?<![\w-])[A-Z][\w'’-]{3,}(?:college|lyceum|school)(?:\s+(?:Noord|Oost|Zuid|West))?(?![\w-])")
# A school typed in lower case after its type: "obs de zevensprong", "basisschool t kompas".
LOWER_NAMED_SCHOOL = re.compile(
    r"(?<![\w-])(?:obs|cbs|pcbs|rkbs|bs|basisschool|school|sbo|so|vso|ikc|kindcentrum|kdv|bso|psz|"
    # …and a care home or a practice: "verhuisd naar zorgcentrum de bolder".
    r"zorgcentrum|woonzorgcentrum|verpleeghuis|verzorgingshuis|huisartsenpraktijk|gezondheidscentrum)\s*:?\s+"
    r"(?P<name>(?:de|het|['’]?t)\s+[a-z][\w'’-]{3,})(?![\w-])"
    # …where the name ends ("de zevensprong.", not "de hele dag").
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:in|te|aan|op|is|heeft|zit|van|en|vraagt|belde|belt|wil|meldt)\b)")
# …typed in lower case: "flat akkerhof", "in flat horizon".
LOWER_NAMED_FLAT = re.compile(
    r"(?<![\w-])(?:flat|flatgebouw|wooncomplex|seniorenflat|seniorencomplex|portiekflat|galerijflat|woontoren|hofje)"
    r"\s+(?P<name>[a-z][\w'’-]{3,})(?![\w-])")
NAMED_COMPLEX = re.compile(
    r"(?<![\w-])(?i:flat|flatgebouw|complex|wooncomplex|seniorencomplex|seniorenflat|woontoren|hofje|"
    r"portiekflat|galerijflat|appartementencomplex|boerderij|vakantiepark|recreatiepark|chaletpark|camping|"
    r"park|bungalowpark|woonpark|vakantiedorp|volkstuinpark|volkstuincomplex|volkstuinvereniging|tuinpark|"
    r"woonwagenkamp|woonwagencentrum)\s+"
    r"(?P<name>(?:(?:De|Het|'t|de|het)\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})(?![\w-])")
# Letters no Dutch word has ("Paweł", "Gülşen", "Yıldız"): a capitalised word with one is a name
# or, after "uit" or "in", a place.
FOREIGN_LETTERS = frozenset("łżźśńęąşğıćčšžřőűţșț"
                            # Vietnamese ("Phạm Thu Hà")
                            "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉĩịọỏốồổỗộớờởỡợụủũứừửữựỳỵỷỹđơư")
# A word, with its inner apostrophes and hyphens but not a closing quote ("vrouw'").
WORD = re.compile(r"[^\W_](?:[\w'’]*[^\W_])?(?:-[^\W_](?:[\w'’]*[^\W_])?)*")
WORD_PART = re.compile(r"[^\W_](?:[\w'’]*[^\W_])?")
# A capitalised word right beside a name, on the same line: maybe a part of it.
NAME_NEIGHBOUR_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z\u00e0-\u024f]+)[ \t]\Z")
NAME_NEIGHBOUR_AFTER = re.compile(r"[ \t]([A-Z][a-z\u00e0-\u024f]+)(?![\w'’-])")
INITIAL_AFTER = re.compile(r"\s[A-Z]\.(?!\w)")
INITIALS_BEFORE = re.compile(r"(?:(?<![\w'’-])[^\W\d_]\.\s?){1,4}$")
# Characters that show nothing or only separate: scanned as if they were not there (zero-width
# marks, soft hyphen) or as a plain space or dash, so "3\u200b6\u200b2…" is still a BSN.
DROPPED = INVISIBLE + "\u00ad"
SPACES = "\u00a0\u2007\u202f\u2009\u200a"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
UNIFIED = str.maketrans({**dict.fromkeys(SPACES, " "), **dict.fromkeys(DASHES, "-"),
                         **dict.fromkeys(DROPPED)})


@dataclass(frozen=True)
class GuardWords:
    """The guard's own lists (prompts/privacy/), all lower case.

    `anywhere` and `sentence_start`: words deduce may take for names but that are not, in this
    domain. `after_title`: words that follow "mevrouw" when no name does ("mevrouw woont").
    `not_personal`: phrases that look like names but name no resident (expressions, public
    figures, brands). `name_words`: names that are also frequent Dutch words ("Storm").
    `first_names`, `neighbourhoods`, `institutions` and `places_abroad` add what practice
    stories name and deduce, made for Dutch medical notes, lacks. `national_bodies`: the part of
    `not_personal` whose sites are public (a path on svb.nl names no one; one on instagram.com may).
    `street_nouns`: the part of `anywhere` that are kinds of street ("het kerkplein"); capitalised
    inside a sentence, one of them names a street ("aan het Kerkplein"). `registered_areas`: the
    names of the wijken and buurten CBS registers, places only where a word before says so;
    `capitalised_areas`, the part of them made of ordinary words, only as typed with capitals;
    `areas_as_words`, those that are one ordinary word ("Zuilen"), only right after a resident,
    where one lives, or after a residents' group named after them ("Bewonersgroep Ondiep").
    """

    anywhere: frozenset[str]
    sentence_start: frozenset[str]
    after_title: frozenset[str] = frozenset()
    not_personal: frozenset[str] = frozenset()
    name_words: frozenset[str] = frozenset()
    first_names: frozenset[str] = frozenset()
    neighbourhoods: frozenset[str] = frozenset()
    institutions: frozenset[str] = frozenset()
    places_abroad: frozenset[str] = frozenset()
    national_bodies: frozenset[str] = frozenset()
    street_nouns: frozenset[str] = frozenset()
    registered_areas: frozenset[str] = frozenset()
    capitalised_areas: frozenset[str] = frozenset()
    areas_as_words: frozenset[str] = frozenset()


class PhraseSet:
    """Phrases of one or more words, looked up lower case at every word of a text. Words are
    as `word` finds them: with their hyphens ("i-psy") or, for expressions, split at them
    ("Jan met de pet-probleem")."""

    def __init__(self, phrases: Iterable[str], word: re.Pattern[str]) -> None:
        self.word = word
        self.phrases = frozenset(" ".join(word.findall(p.lower())) for p in phrases) - {""}
        # The lengths of the phrases that start with each word, longest first: most words start
        # none, and are passed over without building a single phrase.
        sizes: dict[str, set[int]] = {}
        for phrase in self.phrases:
            words = phrase.split(" ")
            sizes.setdefault(words[0], set()).add(len(words))
        self.sizes = {first: tuple(sorted(lengths, reverse=True)) for first, lengths in sizes.items()}

    def find(self, text: str, words: list[re.Match[str]] | None = None) -> Iterable[tuple[int, int, int]]:
        """(start, end, words) of each longest phrase in the text, left to right (`words`: the
        text's words by this set's pattern, when the caller has them already)."""
        if words is None:
            words = list(self.word.finditer(text))
        # "Alinsky's": a possessive is the name it belongs to.
        lowered = [w.group().lower().removesuffix("'s").removesuffix("’s") for w in words]
        index = 0
        while index < len(lowered):
            for size in self.sizes.get(lowered[index], ()):
                if index + size <= len(lowered) and " ".join(lowered[index:index + size]) in self.phrases:
                    yield words[index].start(), words[index + size - 1].end(), size
                    index += size - 1
                    break
            index += 1


class NormalView:
    """The text as scanned: invisible characters dropped, spaces and dashes unified, with each
    character's offset in the original, so findings map back to what was typed."""

    def __init__(self, text: str) -> None:
        self.text = text.translate(UNIFIED)
        # Most texts drop nothing: then every offset is its own, and no table is built.
        self.origin = None if len(self.text) == len(text) else [
            i for i, c in enumerate(text) if c not in DROPPED]

    def original(self, finding: "Finding") -> "Finding":
        if self.origin is None:
            return finding
        return Finding(self.origin[finding.start], self.origin[finding.end - 1] + 1, finding.kind)


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


# How far back a pattern that ends at a position looks ("woont op de hoek, nr." is within it).
LOOK_BACK = 120


def _ending_at(pattern: re.Pattern[str], text: str, position: int) -> re.Match[str] | None:
    """A match of a pattern written to end at `position` ("…\\s*$"), looked for only in the
    stretch before it: a search from the text's start would cost time for every character
    before it, in every long story."""
    return pattern.search(text, max(0, position - LOOK_BACK), position)


def _merge(findings: list[Finding]) -> list[Finding]:
    """Join overlapping findings; the stronger kind (PRECEDENCE) names the joined span, but of
    a name, a place and an institution the longest does ("Jongerenopvang De Poort" holds the
    name "De Poort"), and of two as long the stronger ("Mevrouw Veldkamp" is a name, not the
    neighbourhood)."""
    merged: list[Finding] = []
    for finding in sorted(findings):
        if merged and finding.start < merged[-1].end:
            last = merged[-1]
            if {last.kind, finding.kind} <= NAME_LIKE_KINDS:
                kind = max(last, finding, key=lambda f: (f.end - f.start, -PRECEDENCE.index(f.kind))).kind
            else:
                kind = min(last.kind, finding.kind, key=PRECEDENCE.index)
            merged[-1] = Finding(last.start, max(last.end, finding.end), kind)
        else:
            merged.append(finding)
    return merged


# What may stand between two findings of one kind that are one: the parts of an address typed in
# a row ("Lepelstraat 7, 5301 AB", "postcode 6843KT huisnr 12"), a name with a nickname in quotes
# inside it ("Jacobus 'Koos' Rijnders"), a place's parts found apart ("het Hofje van Nieuwkoop").
JOINS = {"adres": re.compile(r"[ \t]*,?[ \t]*"), "naam": re.compile(r"[ \t]*['‘’\"“”][ \t]*"),
         "locatie": re.compile(r"[ \t]")}


def _joined(text: str, findings: list[Finding]) -> list[Finding]:
    """Findings of one kind typed as one joined, so the mask shows one address, name or place."""
    joined: list[Finding] = []
    for finding in findings:
        join = JOINS.get(finding.kind)
        if (joined and join and finding.kind == joined[-1].kind
                and join.fullmatch(text, joined[-1].end, finding.start)):
            joined[-1] = Finding(joined[-1].start, finding.end, finding.kind)
        else:
            joined.append(finding)
    return joined


def _sentence_start(text: str, start: int) -> bool:
    position = start
    while position and text[position - 1] in " \t\"'(“‘«":
        position -= 1
    # "A. de Groot": an initial's full stop ends no sentence.
    initial = (text[position - 1] == "." and position >= 2 and text[position - 2].isupper()
               and (position == 2 or not text[position - 3].isalnum()))
    return not position or (text[position - 1] in ".!?:\n;" and not initial)


class PrivacyGuard:
    """scan() and mask() for story texts. Loading deduce takes seconds: `load_in_background`."""

    def __init__(self, words: GuardWords, cache_dir: Path) -> None:
        self.words = words
        self._openers = words.anywhere | words.sentence_start
        self.cache_dir = cache_dir
        self.ready = threading.Event()
        self._deduce = None
        self._streets: frozenset[str] = frozenset()
        self._ordinary_lower: frozenset[str] = frozenset()
        self._surnames: frozenset[str] = frozenset()
        self._prefixes: frozenset[tuple[str, ...]] = frozenset()
        self._first_names: frozenset[str] = frozenset()
        self._places: frozenset[str] = frozenset()
        # The first words of the places of more than one word.
        self._place_openers: frozenset[str] = frozenset()
        self._towns_that_are_words: frozenset[str] = frozenset()
        self._lower_case_places: frozenset[str] = frozenset()
        self._lower_case_openers: frozenset[str] = frozenset()
        self._areas: frozenset[str] = frozenset()
        self._area_openers: frozenset[str] = frozenset()
        self._stop_words: frozenset[str] = frozenset()
        self._institutions = PhraseSet((), WORD)
        self._not_personal = PhraseSet(words.not_personal, WORD_PART)
        # The sites national bodies have ("Juridisch Loket" -> juridischloket.nl).
        self._public_domains = frozenset(re.sub(r"[^a-z0-9]", "", body) for body in words.national_bodies)
        self._load_error: BaseException | None = None

    # Loading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Build (first time) or load deduce's lookup structures and the guard's word lists."""
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
            self._load_word_lists(source / "src")
        except BaseException as error:
            self._load_error = error
            raise
        finally:
            self.ready.set()

    def _load_word_lists(self, lists: Path) -> None:
        """Plain sets for what the guard matches itself: cheap next to deduce's structures."""
        self._streets = self._word_list(lists / "locations" / "lst_street")
        self._stop_words = self._word_list(lists / "whitelist" / "lst_stop_word", shortest=1)
        common = self._word_list(lists / "whitelist" / "lst_common_word") | self._stop_words
        self._ordinary_lower = common | self._openers
        self._surnames = self._word_list(lists / "names" / "lst_surname")
        # Titles and roles deduce takes along with a name ("collega Sanne", "de heer Smit").
        prefixes = {tuple(prefix.lower().replace(".", " ").split())
                    for prefix in self._lines(lists / "names" / "lst_prefix")}
        # "De heer" may reach us without its "De", which opened the sentence.
        self._prefixes = frozenset(prefixes | {prefix[1:] for prefix in prefixes if prefix[0] == "de"})
        # A first name typed in lower case is only taken for one when it is no ordinary word.
        first_names = self._word_list(lists / "names" / "lst_first_name") | self.words.first_names
        medical = self._word_list(lists / MEDICAL_TERMS) - self.words.first_names
        # …nor a frequent Dutch word ("met kerst", "normen en waarden").
        self._first_names = first_names - self._ordinary_lower - medical - self.words.name_words
        places = self._word_list(lists / "locations" / "lst_placename")
        self._places = ((places | self.words.neighbourhoods | self.words.places_abroad)
                        - self._ordinary_lower - HOME_REGION)
        self._place_openers = frozenset(place.split()[0] for place in self._places if " " in place)
        # Our own lists' places of more words, which no ordinary phrase is ("haagse beemden"); not
        # those that open with an article ("de pijp").
        self._lower_case_places = frozenset(
            place for place in self.words.neighbourhoods | self.words.places_abroad
            if " " in place and place.split()[0] not in NAME_PARTICLES and place in self._places)
        self._lower_case_openers = frozenset(place.split()[0] for place in self._lower_case_places)
        # CBS's wijken and buurten: not one ordinary word ("Akker"), nor a first name, a country, a
        # continent or a language ("Emma", "Nederland", "Frans"), which CBS names some areas and the
        # guard knows them as; a phrase of ordinary words ("De Hoge Hoek") only with capitals.
        not_areas = self._first_names | self.words.places_abroad | LANGUAGES | HOME_REGION | CONTINENTS
        self._areas = frozenset(area for area in self.words.registered_areas - not_areas
                                if " " in area or area not in self._ordinary_lower)
        self._area_openers = frozenset(area.split()[0] for area in self._areas if " " in area)
        # …and those that are one ordinary word, but not a frequent one ("Een", "Buren", "Hoek").
        self._areas_as_words = self.words.areas_as_words - not_areas - self._ordinary_lower
        # Towns whose names are also words ("Echt", "Best", "Born"), known as towns right after an address.
        self._towns_that_are_words = frozenset(places & self._ordinary_lower)
        # deduce's care institutions, by the names people use (one or two words: "Parnassia",
        # "GGZ Delfland"), plus ours; its longer entries cost memory and are rarely typed so.
        institutions = (self._lines(lists / "institutions" / "lst_healthcare_institution")
                        + self._lines(lists / "institutions" / "lst_hospital")
                        + self._lines(lists / "institutions" / "lst_hospital_abbr"))
        self._institutions = PhraseSet(
            [name for name in institutions if 1 <= name.count(" ") + 1 <= 2 and not self._all_ordinary(name)
             and name.split()[0].lower() not in PREPOSITIONS]
            + sorted(self.words.institutions), WORD)

    def _all_ordinary(self, phrase: str) -> bool:
        """Made of ordinary words and numbers only ("Lijn 5", "Zorg Thuis"): no name."""
        return all(word.isdigit() or word.lower() in self._ordinary_lower for word in WORD.findall(phrase))

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
        """deduce's lists without the heavy two, with our first names and neighbourhoods added
        (so deduce's own context rules find "Grzegorz Nowak" as it finds "Jan Jansen")."""
        added = self._added_to_deduce()
        folder = self.lookup_folder
        target = self.cache_dir / folder / "lookup"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            # A read-only home must not cost the guard: build in the temp folder instead.
            log.warning("cache folder %s is not writable; using the temp folder", self.cache_dir)
            target = Path(tempfile.gettempdir()) / "werkbot" / folder / "lookup"
            target.parent.mkdir(parents=True, exist_ok=True)
        if not (target / "src").exists():
            staging = Path(tempfile.mkdtemp(prefix="staging-", dir=target.parent))
            shutil.copytree(source / "src", staging / "src",
                            ignore=shutil.ignore_patterns("__pycache__"))
            for heavy in HEAVY_LISTS:
                folder_path = staging / "src" / heavy
                (folder_path / "items.txt").write_text("", encoding="utf-8")
                (folder_path / "exceptions.txt").unlink(missing_ok=True)
            for name, words in self._taken_from_deduce().items():
                items = staging / "src" / name / "items.txt"
                kept = [line for line in items.read_text(encoding="utf-8").splitlines()
                        if line.lower() not in words]
                items.write_text("\n".join(kept) + "\n", encoding="utf-8")
            for name, words in added.items():
                items = staging / "src" / name / "items.txt"
                items.parent.mkdir(parents=True, exist_ok=True)
                existing = items.read_text(encoding="utf-8") if items.exists() else ""
                items.write_text(existing.rstrip("\n") + "\n" + "\n".join(w.title() for w in words) + "\n",
                                 encoding="utf-8")
            try:
                staging.rename(target)
            except OSError:
                # Another process finished the same copy first.
                shutil.rmtree(staging, ignore_errors=True)
        return target

    def _added_to_deduce(self) -> dict[str, list[str]]:
        return {"names/lst_first_name": sorted(self.words.first_names),
                "locations/lst_placename/lst_neighbourhood": sorted(self.words.neighbourhoods)}

    def _taken_from_deduce(self) -> dict[str, frozenset[str]]:
        """Our first names out of deduce's medical terms, which it never takes for a name: "Ilias",
        "Cor", "Veli" are residents here far more often than terms."""
        return {MEDICAL_TERMS: self.words.first_names}

    @property
    def lookup_folder(self) -> str:
        """The cache folder of deduce's lists: new for each deduce version and for each change
        in what the guard adds to them."""
        import deduce

        changes = [*sorted(self._added_to_deduce().items()),
                   *((name, sorted(words)) for name, words in sorted(self._taken_from_deduce().items()))]
        digest = hashlib.sha256(repr(changes).encode()).hexdigest()[:12]
        return f"deduce-{deduce.__version__}-{digest}"

    @staticmethod
    def _lines(folder: Path) -> list[str]:
        """Every item of a deduce list folder and its sub-lists."""
        return [line.strip() for items in sorted(folder.glob("**/items.txt"))
                for line in items.read_text(encoding="utf-8").splitlines() if line.strip()]

    @classmethod
    def _word_list(cls, folder: Path, shortest: int = 3) -> frozenset[str]:
        return frozenset(name.lower() for name in cls._lines(folder) if len(name) >= shortest)

    # Scanning --------------------------------------------------------------------------

    def scan(self, text: str) -> list[Finding]:
        """Every piece of personal data found, as non-overlapping spans, in text order."""
        self.ready.wait()
        if self._deduce is None:
            raise RuntimeError("privacy guard not loaded") from self._load_error
        view = NormalView(text)
        normal = view.text
        words = list(WORD.finditer(normal))
        found = [*self._identifiers(normal), *self._addresses(normal), *self._ages(normal),
                 *self._dates(normal), *self._lower_case_names(normal, words),
                 *self._places_typed(normal, words), *self._institutions_named(normal, words),
                 *self._foreign_spelled(words), *self._named_by_context(normal, words),
                 *self._deduce_findings(normal)]
        found += self._origins_and_homes(normal, found)
        if _has_quote_mark(normal):
            found += self._nicknamed(normal)
        if "woon" in normal or "geboren" in normal or "opgr" in normal:
            found += self._homes_before_verb(normal)
        titled_names = self._titled_names(normal)
        if "uit" in normal or "woon" in normal or "wonen" in normal:
            found += self._areas_as_words_of_residents(normal, [*found, *(f for _, f in titled_names)])
        # What names no resident only matters where a name, place or institution was found.
        not_personal = (self._not_personal_spans(normal)
                        if titled_names or any(f.kind in NAME_LIKE_KINDS for f in found) else [])
        # A title says a person follows: "mevrouw Zeeman" is no shop, whatever the brand list says.
        titled = [f for title_start, f in titled_names
                  if not any(s <= title_start and f.end <= e for s, e in not_personal)
                  and not _brand_spelled(normal[f.start:f.end])
                  and normal[f.start:f.end] not in PLACEHOLDER_NAMES]
        # An institution or a place named with more than the phrase stays one ("Rode Kruis
        # Ziekenhuis", "Bergen op Zoom" holds the app "Zoom").
        found = [f for f in found if f.kind not in NAME_LIKE_KINDS
                 or not any(s < f.end and f.start < e
                            and (f.kind == "naam" or (s <= f.start and f.end <= e))
                            for s, e in not_personal)]
        found += self._places_beside(normal, [*found, *titled])
        found += self._places_listed(normal, found)
        if ":" in normal or "-" in normal or "—" in normal or "–" in normal or "," in normal:
            found += self._place_headers(normal, [*found, *titled])
        found += self._numbers_beside_names(normal, [*found, *titled])
        found += self._towns_after_addresses(normal, found)
        if "." in normal:
            found += _named_sites(normal, [*found, *titled])
        named = [f.start for f in [*found, *titled] if f.kind == "naam"]
        found = [self._whole(normal, f) for f in _dates_about_someone(normal, found, titled)
                 if not (f.kind == "locatie" and _team_or_title_place(normal, f, named))
                 and not _example(normal, f)
                 and not (f.kind == "url" and self._public_site(normal[f.start:f.end]))]
        # A name inside an institution's longer name is the institution's ("het Elisabeth-TweeSteden
        # Ziekenhuis"): alone, it names no one.
        found = [f for f in found if f.kind != "naam" or not any(
            other.kind == "instelling" and other.start <= f.start and f.end <= other.end
            and other.end - other.start > f.end - f.start for other in found)]
        found += [self._whole(normal, f) for f in titled]
        kept = _with_someone(normal, _without_venues(normal, found))
        merged = _joined(normal, _merge(kept))
        return [view.original(finding) for finding in merged]

    def _not_personal_spans(self, text: str) -> list[tuple[int, int]]:
        """Where something that looks like a name names no resident: an expression, a public
        person, a title in quotes, a place the team runs, a colleague."""
        spans = [(start, end) for start, end, _ in self._not_personal.find(text)
                 if not self._village_not_shop(text, start, end)]
        spans += [_named_span(m) for m in PUBLIC_PERSON.finditer(text)]
        if _has_quote_mark(text):
            spans += [_named_span(m) for m in QUOTED_TITLE.finditer(text)]
        # …but a venue named after its neighbourhood names the neighbourhood ("Buurtkamer Selwerd").
        venues = [(start, end) for start, end in _community_places(text)
                  if not self._neighbourhood(ARTICLE_OPENING.sub("", text[start:end]).lower())]
        return spans + venues + _colleagues(text)

    def _place_after_in_or_from(self, text: str, start: int, end: int) -> bool:
        """A place's name right after "in" or "uit", without an article: "woont in Blokker", "uit
        Ede" (deduce takes both for surnames)."""
        return self._place_name(text[start:end].lower()) and bool(_ending_at(IN_OR_FROM_BEFORE, text, start))

    def _village_not_shop(self, text: str, start: int, end: int) -> bool:
        """A shop's name that is also a village's, where it is the village: right after "in" or
        "uit", in a sentence about one resident ("Mevrouw Pronk woont in Blokker"; not "bij de
        Blokker", nor "ik heb het in Blokker gekocht")."""
        return (self._place_after_in_or_from(text, start, end)
                and _sentence_has(ONE_RESIDENT, _sentence_at(text, start)))

    def _whole(self, text: str, finding: Finding) -> Finding:
        """The finding widened so no identifying part stays readable: the rest of a word it cuts,
        the other parts of a hyphenated name, initials before a name, a URL's path."""
        start, end = finding.start, finding.end
        while start > 0 and (text[start - 1].isalnum() or (text[start - 1] in "-'’" and start > 1
                                                           and text[start - 2].isalnum())):
            start -= 1
        while end < len(text) and (text[end].isalnum() or (text[end] in "-'’" and end + 1 < len(text)
                                                           and text[end + 1].isalnum())):
            # "de [locatie]-moeders": the neighbourhood, not the group named after it.
            if finding.kind == "locatie" and RESIDENTS_GROUP.match(text, end):
                break
            end += 1
        if finding.kind == "naam":
            start, end = self._name_neighbours(text, start, end)
            opening = _ending_at(QUOTE_OPENING, text, start)
            closing = QUOTE_CLOSING.match(text, end)
            # …but "'Vrienden van Ayoub'" is something of Ayoub's, no nickname.
            if (opening and closing and len(text[opening.start():closing.end()].split()) <= 3
                    and " van " not in f" {text[opening.start() + 1:start]}"):
                start, end = opening.start() + 1, closing.end() - 1
            initials = _ending_at(INITIALS_BEFORE, text, start)
            if initials:
                start = initials.start()
            surname_initial = INITIAL_AFTER.match(text, end)
            if surname_initial:
                end = surname_initial.end()
        if finding.kind in ("url", "email"):
            while end < len(text) and not text[end].isspace() and text[end] not in ")]>\"'":
                end += 1
            while text[end - 1] in ".,;:!?":
                end -= 1
        return Finding(start, end, finding.kind)

    def _name_neighbours(self, text: str, start: int, end: int) -> tuple[int, int]:
        """A name widened over the capitalised words beside it that belong to it: a month or
        weekday capitalised inside a sentence ("Xiao Mei", "Mei Ling"), or a word only known as a
        name ("Wang Fang komt"), so that no half of a name stays readable."""
        for _ in range(2):
            before = NAME_NEIGHBOUR_BEFORE.search(text, max(0, start - 40), start)
            if before is None or not self._part_of_name(text, before.start(1), before.group(1)):
                break
            start = before.start(1)
        for _ in range(2):
            after = NAME_NEIGHBOUR_AFTER.match(text, end)
            if after is None or not self._part_of_name(text, after.start(1), after.group(1)):
                break
            end = after.end(1)
        return start, end

    def _part_of_name(self, text: str, start: int, word: str) -> bool:
        lower = word.lower()
        if CALENDAR_WORD.fullmatch(lower):
            # "Maandag Fatima gebeld" opens with a day; no one opens with a month before a name.
            return not _sentence_start(text, start) or not lower.endswith("dag")
        return lower not in self._ordinary_lower and (lower in self._surnames or lower in self._first_names)

    def _identifiers(self, text: str) -> list[Finding]:
        found = [Finding(m.start(), m.end(), "email") for m in EMAIL.finditer(text)] if "@" in text else []
        if not DIGIT.search(text):
            # Numbers need digits: only web addresses are left to look for.
            return found + [Finding(m.start(), m.end(), "url")
                            for pattern in (BARE_URL, PERSONAL_SITE) for m in pattern.finditer(text)]
        for match in BSN_CANDIDATE.finditer(text):
            if stdnum_bsn.is_valid(re.sub(r"\D", "", match.group())):
                found.append(Finding(match.start(), match.end(), "bsn"))
        for match in IBAN_CANDIDATE.finditer(text):
            candidate = match.group()
            # Groups of four may run on into the next word ("… 5632 12 voor"): drop them one by one.
            while not _valid_iban(candidate) and re.search(r"[\s-]", candidate):
                candidate = re.split(r"[\s-](?=[^\s-]*$)", candidate)[0]
            if _valid_iban(candidate):
                found.append(Finding(match.start(), match.start() + len(candidate), "iban"))
        for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
            # 0800 and 0900 numbers belong to services (Veilig Thuis, the Belastingtelefoon), not people.
            if phonenumbers.number_type(match.number) not in SERVICE_NUMBER_TYPES:
                found.append(Finding(_number_start(match), match.end, "telefoonnummer"))
            # Nine digits after a country code are a foreign phone number, whatever the 11-proef says.
            if _with_country_code(match.raw_string):
                found = [f for f in found if not (f.kind == "bsn" and match.start <= f.start < match.end)]
        # With its country code written out it is a phone number, even one the plan does not know.
        possible = (phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.POSSIBLE)
                    if COUNTRY_CODE.search(text) else ())
        for match in possible:
            if (_with_country_code(match.raw_string)
                    and not any(f.start <= match.start < f.end for f in found if f.kind == "telefoonnummer")):
                found = [f for f in found if not (f.kind == "bsn" and match.start <= f.start < match.end)]
                found.append(Finding(_number_start(match), match.end, "telefoonnummer"))
        found += [Finding(m.start(), m.end(), "url") for m in BARE_URL.finditer(text)]
        found += [Finding(m.start(), m.end(), "url") for m in PERSONAL_SITE.finditer(text)]
        # "0000 0000 00" on a form: one digit over and over is a placeholder, no one's number.
        return [f for f in found if f.kind != "telefoonnummer"
                or len(set(re.sub(r"\D", "", text[f.start:f.end]).lstrip("0"))) > 1]

    def _addresses(self, text: str) -> list[Finding]:
        found = []
        for postcode in POSTCODE.finditer(text):
            if (postcode.group("lower") in NOT_POSTCODE_LETTERS
                    or _ending_at(EXAMPLE_BEFORE, text, postcode.start())):
                continue
            # "8431 PK 17": the house number after the postcode is part of the address.
            number = NUMBER_AFTER_POSTCODE.match(text, postcode.end())
            found.append(Finding(postcode.start(), number.end() if number else postcode.end(), "adres"))
        # "adres Bûtendyk 4": a street the lists do not know, said to be an address.
        found += [Finding(m.start("street"), m.end(), "adres") for m in LABELLED_ADDRESS.finditer(text)]
        for number in HOUSE_NUMBER.finditer(text):
            end = number.start()
            number_word = _ending_at(NUMBER_WORD_BEFORE, text, end)
            if number_word:
                end = number_word.start()
            start = self._street_before(text, end)
            if start is not None:
                found.append(Finding(start, number.end(), "adres"))
            elif (not number_word and _ending_at(NEIGHBOUR_OF, text, number.start())
                  and not text.startswith("+", number.end())):
                found.append(Finding(number.start(), number.end(), "adres"))
            elif number_word and (number_word.group(1).lower().startswith(HOME_NUMBER_WORDS)
                                  or _ending_at(HOME_NUMBER_CONTEXT, text, number_word.start())
                                  or _ending_at(LIVING_BEFORE, text, number_word.start())
                                  # "van nr 3 en nr 5": the next of two homes.
                                  or self._next_home(text, found, number_word.start())):
                found.append(Finding(number_word.start(), number.end(), "adres"))
        for street in STREET_WITHOUT_NUMBER.finditer(text):
            named = street.group().lower() in self.words.street_nouns
            if not _sentence_start(text, street.start()) and (named or not self._ordinary(street.group())):
                opening = _ending_at(STREET_NAME_OPENING, text, street.start())
                found.append(Finding(opening.start() if opening else street.start(), street.end(), "adres"))
        found += [Finding(m.start(1), m.end(1), "adres") for m in LOWER_STREET_AFTER_DE.finditer(text)
                  if not self._ordinary(m.group(1).split()[-1])]
        for home in LOWER_HOME.finditer(text):
            group = "home" if home.group("home") else "quarter"
            if not self._ordinary(home.group(group)):
                found.append(Finding(home.start(group), home.end(group), "locatie"))
        found += [Finding(m.start(), m.end(), "locatie") for m in NAMED_BUILDING.finditer(text)
                  if not _sentence_start(text, m.start()) and not self._ordinary(m.group())]
        return found

    def _street_before(self, text: str, end: int) -> int | None:
        """Start of a street name that ends just before a house number, if there is one."""
        words: list[re.Match[str]] = []
        position = end
        for _ in range(4):
            match = _ending_at(WORD_BEFORE, text, position)
            if match is None:
                break
            words.insert(0, match)
            position = match.start()
        for first in range(len(words)):
            phrase = text[words[first].start(1):end].strip()
            last_word = first == len(words) - 1
            bare = BARE_STREET.match(phrase) and (
                _ending_at(LIVING_ON, text, words[first].start(1))
                or (phrase[0].isupper() and not _sentence_start(text, words[first].start(1))
                    and not COUNTING_NUMBER.match(text, end)))
            if not phrase[:1].isupper():
                if last_word and (LOWER_STREET_SUFFIX.match(phrase) or bare):
                    opening = _ending_at(LOWER_STREET_OPENING, text, words[first].start(1))
                    return opening.start() if opening else words[first].start(1)
                continue
            if ((last_word and (STREET_SUFFIX.match(phrase) or bare))
                    or (phrase.lower() in self._streets and not self._ordinary(phrase))):
                opening = _ending_at(STREET_NAME_OPENING, text, words[first].start(1))
                return opening.start() if opening else self._named_after(text, words[first].start(1))
        return None

    @staticmethod
    def _next_home(text: str, found: list[Finding], position: int) -> bool:
        """A house number after "en" or "of" and another house number found as an address."""
        before = _ending_at(ANOTHER_HOME_NUMBER, text, position)
        return before is not None and any(
            f.kind == "adres" and f.start < before.end() and f.end > before.start() for f in found)

    def _named_after(self, text: str, start: int) -> int:
        """A street's start widened over the first name of whom it is named after ("Hendrik
        Sorchstraat 41b", "Jan van Galenstraat 12")."""
        position = start
        for _ in range(3):
            before = _ending_at(WORD_BEFORE, text, position)
            if before is None:
                return start
            word = before.group(1)
            if word in ("van", "de", "der", "den", "ter", "ten"):
                position = before.start(1)
                continue
            if word[:1].isupper() and word.lower() in self._first_names:
                return before.start(1)
            return start
        return start

    def _ordinary(self, word: str) -> bool:
        """A common word that is also a street name somewhere ("Kamer", "Lijn")."""
        return word.lower() in self._ordinary_lower

    def _ages(self, text: str) -> list[Finding]:
        found = [Finding(m.start("age"), m.end("age"), "leeftijd") for m in FORM_AGE.finditer(text)]
        has_digit = bool(DIGIT.search(text))
        has_bracket = "(" in text
        for pattern in AGE_PATTERNS:
            if ((not has_digit and pattern in DIGIT_AGE_PATTERNS)
                    or (not has_bracket and pattern in BRACKET_AGE_PATTERNS)):
                continue
            for match in pattern.finditer(text):
                # After a name: capitalised, or a name the lists know ("dhr abdirahman ali, 39,"),
                # or a person word a few words before ("Jonge moeder, 24,", "jongen uit afghanistan, 16,").
                name = match.group("name") if "name" in pattern.groupindex else None
                if name is not None and not (name[0].isupper() or self._known_name(name)
                                             or _ending_at(PERSON_SHORTLY_BEFORE, text, match.end("name"))):
                    continue
                if "known_name" in pattern.groupindex and not self._known_name(match.group("known_name")):
                    continue
                # A name as the subject ("Yusuf is veertien"), not a word ("Dat is veertig").
                if "subject" in pattern.groupindex and self._ordinary(match.group("subject")):
                    continue
                if "after_word" in pattern.groupindex and not self._after_first_name(text, match.start()):
                    continue
                group = pattern.groups if pattern.groups else 0
                if _group_or_thing_age(text, match.start(group)) or _beyond_a_life(match.group(group)):
                    continue
                # One bare number in brackets after a plural counts people: "vrijwilligers (8)";
                # "kinderen (7, 9 en 12 jaar)" are ages.
                counted = _ending_at(COUNTED_BEFORE, text, match.start(group))
                if (counted and match.group(group).isdigit()
                        and counted.group().split()[0].lower() not in self._first_names):
                    continue
                found.append(Finding(match.start(group), match.end(group), "leeftijd"))
        return found

    def _after_first_name(self, text: str, position: int) -> bool:
        before = _ending_at(WORD_BEFORE, text, position)
        return before is not None and before.group(1).lower() in self._first_names

    @staticmethod
    def _dates(text: str) -> list[Finding]:
        found: list[Finding] = []
        if not DIGIT.search(text):
            return found
        for pattern in DATE_PATTERNS:
            for match in pattern.finditer(text):
                # The group that matched (a pattern may have one per way of writing the date).
                group = next((i for i in range(1, pattern.groups + 1) if match.group(i) is not None), 0)
                found.append(Finding(match.start(group), match.end(group), "datum"))
        return found

    def _titled_names(self, text: str) -> list[tuple[int, Finding]]:
        """A name after a title: "mw bouzid", "Dhr. De Bruijn", "fam. öztürk", "Ome Kees"; with
        where its title starts (an expression may hold both: "Ome Jan")."""
        found = []
        for match in TITLED_NAME.finditer(text):
            name = match.group("name")
            parts = name.split()
            last = parts[-1]
            particles = [p for p in parts[:-1] if p.lower() in NAME_PARTICLES or p.endswith(".")]
            if match.group("title").lower() in FAMILY_TITLES and not last[0].isupper():
                continue
            # (A particle alone is no name; "opa Ben (87)" is one, as is "Al" or "Abu" capitalised.)
            name_like = last[0].isupper() and last.lower() not in DUTCH_PARTICLES
            if last.lower() in NAME_PARTICLES and not name_like:
                continue
            if not last[0].isupper() and not particles and (
                    last.lower() in self.words.after_title
                    or (last.lower() in self._ordinary_lower and last.lower() not in self._surnames)):
                continue
            title = match.group("title")
            if (not name[0].isupper() and title.lower() in NOUN_TITLES
                    and (_ending_at(DETERMINER_BEFORE, text, match.start())
                         or (title[0].isupper() and not particles and not self._known_name(last)))):
                continue
            end = match.end("name")
            # A first name and a surname after the title: "mw paini soemodihardjo".
            following = NEXT_WORD.match(text, end)
            # Typed in lower case, a verb after the name is none ("meneer ionescu klaagde").
            after = following.group(1) if following else ""
            verb_like = after.islower() and after not in self._surnames and bool(VERB_ENDING.search(after))
            if (following and not particles and after[0].isupper() == last[0].isupper()
                    and not self._ordinary(after) and not verb_like
                    and after.lower() not in self.words.after_title):
                end = following.end(1)
            found.append((match.start(), Finding(match.start("name"), end, "naam")))
        return found

    def _lower_case_names(self, text: str, words: list[re.Match[str]]) -> list[Finding]:
        """A first name typed in lower case, where a word next to it says it is a person."""
        found = []
        for index, word in enumerate(words):
            value = word.group()
            if not value.islower() or value not in self._first_names:
                continue
            before = words[index - 1].group().lower().rstrip(".") if index else ""
            after = words[index + 1].group().lower() if index + 1 < len(words) else ""
            # "en" joins people only when a name stands on its other side ("fatima en Ahmed"),
            # not in a row of words ("lavendel en rozemarijn").
            if before == "en":
                before = "en" if self._is_first_name(words, index - 2) else ""
            if after == "en":
                after = "en" if self._is_first_name(words, index + 2) else ""
            # "thomas uit bottendaal", "piotr uit de kolenkit", "jayden uit morgenstond", "samira uit
            # het oude noorden": from a place the lists know.
            place_at = index + 2
            if place_at + 1 < len(words) and words[place_at].group() in ("de", "het"):
                place_at += 1
            from_place = (after == "uit" and place_at < len(words)
                          and (self._place_name(words[place_at].group().lower())
                               or any(self._place_phrase(phrase, capitalised) for phrase, capitalised
                                      in self._phrases_at(text, words, place_at))))
            # "heet dus dylan", "heet eigenlijk mo".
            if before in FILLERS and index > 1:
                before = words[index - 2].group().lower()
            # "fatma yilmaz terugbellen", "noah de wit": a surname the lists know after it.
            surname_at = index + 1
            while (surname_at < len(words) - 1 and words[surname_at].group() in NAME_PARTICLES
                   and _between(text, words[surname_at - 1], words[surname_at]) == ""):
                surname_at += 1
            surname = words[surname_at].group() if surname_at < len(words) else ""
            with_surname = (surname.islower() and surname in self._surnames
                            and (surname_at > index + 1 or not self._ordinary(surname))
                            and _between(text, words[surname_at - 1], words[surname_at]) == "")
            # "yusuf 12 en sara 7": an age after it.
            age = AGE_AFTER_NAME.match(text, word.end())
            aged = bool(age)
            # "(mebrat)" alone in brackets; ", oksana," between commas in a sentence about someone.
            opened = _ending_at(OPENS_APART, text, word.start())
            closed = CLOSES_APART.match(text, word.end())
            between = bool(opened and closed)
            in_brackets = between and opened.group()[0] == "(" and closed.group().strip() == ")"
            set_apart = in_brackets or (between and bool(_person_words(_sentence_at(text, word.start()))))
            if (before in PERSON_BEFORE or after in PERSON_AFTER or from_place or with_surname or aged
                    or set_apart):
                # …with the surname after it ("samen met maria santos uit …").
                end = words[surname_at].end() if with_surname else word.end()
                found.append(Finding(word.start(), end, "naam"))
            if age:
                digits = DIGIT.search(text, age.start())
                found.append(Finding(digits.start(), age.end(), "leeftijd"))
        return found

    def _known_name(self, word: str) -> bool:
        """A surname or first name from the lists, or a word spelled with letters Dutch lacks."""
        lowered = word.lower()
        return (lowered in self._surnames or lowered in self._first_names
                or bool(FOREIGN_LETTERS.intersection(lowered)))

    def _is_first_name(self, words: list[re.Match[str]], index: int) -> bool:
        return 0 <= index < len(words) and words[index].group().lower() in self._first_names

    def _named_by_context(self, text: str, words: list[re.Match[str]]) -> list[Finding]:
        """Names that their surroundings give away: "Al-Saadi"; "Shurendy (17)" or "Bep, 91,"
        (a capitalised word right before an age); lower-case first names in a row ("milan, sem
        en jesse"), with a surname particle and word after them ("mohamed el idrissi")."""
        found = [Finding(m.start(), m.end(), "naam") for m in ARTICLE_SURNAME.finditer(text)]
        # A name field holds a name written with capitals, not "onbekend".
        found += [Finding(m.start("name"), m.end("name"), "naam") for m in FORM_NAME.finditer(text)
                  if not self._all_ordinary(m.group("name")) and not m.group("name").islower()]
        if "@" in text:
            found += [Finding(m.start(), m.end(), "naam") for m in HANDLE.finditer(text)
                      if _about_social_media(text, m.start())]
        for match in AGED_NAME.finditer(text) if DIGIT.search(text) else ():
            # The name's own words, from the last back, up to an ordinary word ("Gisteren Ali (12)").
            # A place after a particle is a surname ("Cor van Dalen (74)").
            start = match.end("name")
            parts = list(WORD.finditer(match.group("name")))
            for index in reversed(range(len(parts))):
                value = parts[index].group()
                if value in NAME_PARTICLES and start < match.end("name"):
                    continue
                after_particle = index > 0 and parts[index - 1].group() in NAME_PARTICLES
                before_particle = index + 1 < len(parts) and parts[index + 1].group() in NAME_PARTICLES
                if (not value[0].isupper() or self._ordinary(value)
                        or (value.lower() in self._places and not after_particle)
                        # "Ouders van Ilyas (10)": only a name goes before a surname's particle.
                        or (before_particle and not self._known_name(value))):
                    break
                start = match.start("name") + parts[index].start()
            if start < match.end("name"):
                found.append(Finding(start, match.end("name"), "naam"))
        for match in QUOTED_NICKNAME.finditer(text):
            nickname = match.group("name")
            if len(nickname.split()) <= 3 and any(word[0].isupper() for word in WORD.findall(nickname)):
                found.append(Finding(match.start("name"), match.end("name"), "naam"))
        found += [Finding(m.start("name"), m.end("name"), "naam") for m in NAME_BEFORE_HEET.finditer(text)
                  if m.group("name") in self._first_names]
        if "die" in text:
            # (A name the lists know: "Oke, die woont dus niet meer hier" opens a chat line.)
            found += [Finding(m.start("name"), m.end("name"), "naam") for m in WHO_LIVES.finditer(text)
                      if self._known_name(m.group("name")) and not self._ordinary(m.group("name"))
                      and m.group("name").lower() not in self._places]
        for match in NAMING.finditer(text):
            if not self._ordinary(match.group("name")):
                found.append(Finding(match.start("name"), match.end("name"), "naam"))
        for match in RELATIVE_NAMED.finditer(text):
            parts = list(WORD.finditer(text, match.start("name"), match.end("name")))
            while parts and self._ordinary(parts[-1].group()):
                parts.pop()
            if parts and not self._ordinary(parts[0].group()):
                found.append(Finding(parts[0].start(), parts[-1].end(), "naam"))
        # "Tomasz en Krzysiek": a capitalised word joined to a known first name is a name too.
        for index in range(len(words) - 2):
            first, joining, other = words[index], words[index + 1], words[index + 2]
            if (joining.group() == "en" and first.group()[0].isupper() and other.group()[0].isupper()
                    and first.group().lower() in self._first_names and not self._ordinary(other.group())
                    and other.group().lower() not in self._places and _between(text, first, other) == "en"):
                found.append(Finding(other.start(), other.end(), "naam"))
        names = [i for i, w in enumerate(words) if w.group().islower() and w.group() in self._first_names]
        for index in names:
            word = words[index]
            # "dylan (15)"; "agnieszka kowalska belde": a lower-case first name with an age, or
            # with a surname and a verb after it.
            if AGE_IN_BRACKETS.match(text, word.end()):
                found.append(Finding(word.start(), word.end(), "naam"))
            if (index + 2 < len(words) and words[index + 1].group().islower()
                    and not self._ordinary(words[index + 1].group())
                    and words[index + 2].group() in PERSON_AFTER and words[index + 2].group() != "en"
                    and _between(text, word, words[index + 1]) == ""):
                found.append(Finding(word.start(), words[index + 1].end(), "naam"))
            neighbours = {index - 1, index + 1, index - 2, index + 2}
            joined = [i for i in neighbours if i in names and _between(text, words[i], word) in ("", "en")]
            if joined:
                found.append(Finding(word.start(), word.end(), "naam"))
            # (Not "het" alone: "jeroen het aanspreekpunt"; a surname has "van het".)
            if (index + 2 < len(words) and words[index + 1].group() in NAME_PARTICLES - {"het", "'t"}
                    and not self._ordinary(words[index + 2].group())
                    and _between(text, word, words[index + 2]) == words[index + 1].group()):
                found.append(Finding(word.start(), words[index + 2].end(), "naam"))
        # A word in lower case no list knows, with an age in brackets ("kenisha (13)"): a name,
        # unless it counts people ("vrijwilligers (8)").
        for word in words:
            value = word.group()
            if (value.islower() and len(value) > 1 and AGE_IN_BRACKETS.match(text, word.end())
                    and not self._ordinary(value) and not value.endswith(("s", "en", "ers"))):
                found.append(Finding(word.start(), word.end(), "naam"))
        return found

    def _foreign_spelled(self, words: list[re.Match[str]]) -> list[Finding]:
        """Capitalised words spelled with letters Dutch lacks, with a capitalised word after
        them (a surname): names, or places where a word before says so."""
        found = []
        for index, word in enumerate(words):
            value = word.group()
            if not value[0].isupper() or not FOREIGN_LETTERS.intersection(value.lower()):
                continue
            before = words[index - 1].group().lower() if index else ""
            end = word.end()
            following = words[index + 1] if index + 1 < len(words) else None
            # …on the same line, one space on.
            if (following is not None and following.group()[0].isupper()
                    and word.string[end:following.start()] == " " and not self._ordinary(following.group())):
                end = following.end()
            found.append(Finding(word.start(), end, "locatie" if before in PLACE_BEFORE else "naam"))
        return found

    def _places_typed(self, text: str, words: list[re.Match[str]]) -> list[Finding]:
        """Places deduce does not find: neighbourhoods, and towns typed in lower case or abroad
        ("in dordrecht", "uit Aleppo"), after a word that introduces a place; a form's place field."""
        found = [Finding(m.start("place"), m.end("place"), "locatie") for m in FORM_PLACE.finditer(text)]
        if "-" in text:
            found += [Finding(m.start("place"), m.end("place"), "locatie") for m in PLACE_GROUP.finditer(text)
                      if self._known_place(m.group("place").lower())]
        for index, word in enumerate(words):
            value = word.group().lower()
            # "in zuid-spanje", "uit noord-irak": a part of a country or town by its compass point.
            if value not in self._places and "-" in value:
                value = COMPASS_PART.sub("", value)
            # A place of two or three words: "naar Al Hoceima", "uit Addis Abeba".
            # Any place of the lists, capitalised ("Al Hoceima", "Bergen op Zoom"; not "op de hoek"),
            # or one of our own lists' typed in lower case ("uit de haagse beemden", "almere haven").
            opens = (value in self._place_openers if word.group()[0].isupper()
                     else value in self._lower_case_openers) or value in self._area_openers
            phrases = self._phrases_at(text, words, index) if opens else []
            phrase = next((phrase for phrase, capitalised in phrases
                           if self._place_phrase(phrase, capitalised)), None)
            # "Bewonersgroep Ondiep": a neighbourhood named by an ordinary word, capitalised, after a
            # residents' group named after it (not a venue: "Wijkcentrum Paradijs").
            group_named = (value in self._areas_as_words and word.group()[0].isupper() and index > 0
                           and words[index - 1].group().lower() in RESIDENTS_GROUPS)
            if value not in self._places and phrase is None and value not in self._areas and not group_named:
                continue
            start, end = word.start(), words[index + phrase.count(" ")].end() if phrase else word.end()
            value = phrase or value
            before = words[index - 1].group().lower() if index else ""
            neighbourhood = value in self.words.neighbourhoods
            # A wijk or buurt only CBS knows by name is a place where a word before says so.
            area_only = value not in self._places and value not in self._lower_case_places
            # A town abroad is where someone comes from, also after "van" or "over" ("de
            # beschietingen van Charkiv"); a Dutch town after them is as often the team's.
            # "uit de Rif", "via Griekenland", "een dorp bij Konya": a region's article, the route
            # someone took, what a village lies near; "in de schooten": a neighbourhood's.
            if ((value in self.words.places_abroad or area_only) and before in ("de", "het", "'t")
                    and index > 1):
                before = words[index - 2].group().lower()
            abroad = value in self.words.places_abroad and (
                before in ("van", "over", "via", "bij")
                # "Hij mist Syrië": a country or town abroad, capitalised, in a sentence about someone.
                or (word.group()[0].isupper() and not _sentence_start(text, start)
                    and _sentence_has(ONE_RESIDENT, _sentence_at(text, start))))
            # "werkt in de distributiecentra bij zeewolde": a town near which, typed in lower case;
            # "in het centrum van tiel", "aan de andere kant van emmen": a part of a town, or one
            # of its venues ("het dorpshuis van oosterwolde").
            near = ((before == "bij" and word.group().islower())
                    or (before == "van" and index > 1
                        and words[index - 2].group().lower() in TOWN_PARTS | TOWN_VENUES))
            # "woont bij oma in zevenhuizen (apeldoorn)", "bsn 434 582 402, waalwijk.": a town set
            # apart in brackets or commas.
            set_apart = bool(_ending_at(OPENS_APART, text, start)
                             and re.match(r"[ \t]*(?:[),.]|$)", text[end:]))
            introduced = before in PLACE_BEFORE or before in NAMED_AFTER_AREA
            if introduced or set_apart or (not area_only and (abroad or near or (
                    neighbourhood and not _sentence_start(text, start)))):
                found.append(Finding(start, end, "locatie"))
        return found

    def _place_phrase(self, phrase: str, capitalised: bool) -> bool:
        """A place of more words: one of the lists' typed with capitals ("Bergen op Zoom"), one of
        our own lists' also in lower case ("uit de haagse beemden"), and a CBS wijk or buurt in
        lower case too unless its words are all ordinary ones ("de hoge hoek")."""
        return ((capitalised and phrase in self._places) or phrase in self._lower_case_places
                or (phrase in self._areas and (capitalised or phrase not in self.words.capitalised_areas)))

    def _neighbourhood(self, typed: str) -> bool:
        """A wijk or buurt of our list or CBS's, as typed in lower case (not a village that is
        also a word: "Wijkcentrum Paradijs")."""
        return typed in self.words.neighbourhoods or (typed in self._areas
                                                      and typed not in self.words.capitalised_areas)

    def _place_name(self, typed: str) -> bool:
        """A known place, or a neighbourhood named by an ordinary word, as typed in lower case: a
        place where a person is said to be from or to live ("uit morgenstond")."""
        return self._known_place(typed) or typed in self._areas_as_words

    def _known_place(self, typed: str) -> bool:
        """A place of the lists or a CBS wijk or buurt, as typed in lower case (not one of ordinary words)."""
        return typed in self._places or (typed in self._areas and typed not in self.words.capitalised_areas)

    @staticmethod
    def _phrases_at(text: str, words: list[re.Match[str]], index: int) -> list[tuple[str, bool]]:
        """The three- and two-word phrases that start at a word, in lower case, where a single space
        parts their words; each with whether its first and last word are capitalised."""
        phrases = []
        for length in (3, 2):
            last = index + length - 1
            if last < len(words):
                typed = text[words[index].start():words[last].end()]
                if len(typed) == sum(len(word.group()) + 1 for word in words[index:last + 1]) - 1:
                    phrases.append((typed.lower(), typed[0].isupper() and words[last].group()[0].isupper()))
        return phrases

    def _places_listed(self, text: str, found: list[Finding]) -> list[Finding]:
        """The places after a place in a list that opens with "in", "uit", "naar" and the like:
        "haar familie zit in Hargeisa en Birmingham". Names, abbreviations ("in Paramaribo, BSN …")
        and ordinary words are left out."""
        listed = []
        for place in (f for f in found if f.kind == "locatie"):
            before = _ending_at(WORD_BEFORE, text, place.start)
            if before is None or before.group(1).lower() not in PLACE_BEFORE:
                continue
            end = place.end
            while (next_place := LISTED_PLACE.match(text, end)) is not None:
                value = next_place.group("place")
                if value.isupper() or self._all_ordinary(value) or any(part.lower() in self._first_names
                                                                       for part in value.split()):
                    break
                listed.append(Finding(next_place.start("place"), next_place.end("place"), "locatie"))
                end = next_place.end()
        return listed

    def _homes_before_verb(self, text: str) -> list[Finding]:
        """Where someone lives, said before the verb as Dutch does in a clause: "die zelf in de
        Hilledijk woont", "die al veertig jaar in Presikhaaf woont", "naar Overstegen, waar haar
        moeder woont"."""
        places = []
        for match in [*HOME_BEFORE_VERB.finditer(text), *HOME_BEFORE_WHERE.finditer(text)]:
            place = match.group("place")
            if not (self._ordinary(place.split()[0]) and not STREET_SUFFIX_ANY_CASE.search(place)):
                places.append(Finding(match.start("place"), match.end("place"), "locatie"))
        return places

    def _origins_and_homes(self, text: str, found: list[Finding]) -> list[Finding]:
        """A place no list knows, where a person comes from or lives ("Dhr. Hodžić, 59, oorspronkelijk
        uit Tuzla", "Lucas Hermans uit Chevermont", "woont in Dauwendaele", "thuis in Gestel",
        "verhuisd van Heksenwiel"). A bare "uit" or "in" says so only right after a name, an age or
        a word for a resident: "de collega uit Zwolle" is no resident's place."""
        places = []
        people = [f.end for f in found if f.kind in ("naam", "leeftijd")]
        people += [m.end() for m in RESIDENT_NOUN.finditer(text)]
        for match in ORIGIN_OR_HOME.finditer(text):
            place = match.group("place")
            # "woont op de Grote Markt": a street's suffix names a street, ordinary words before it or not.
            # (Not "Al Hoceima": a town abroad whose first word is a Dutch one.)
            # (Nor "woont in Zuid": a city's district by its compass point, capitalised.)
            district = place in COMPASS_DISTRICTS and not _sentence_start(text, match.start("place"))
            ordinary_start = (self._ordinary(place.split()[0]) and not STREET_SUFFIX_ANY_CASE.search(place)
                              and place.lower() not in self.words.places_abroad and not district)
            if ordinary_start or place.lower() in HOME_REGION:
                continue
            if match.group("uit") and not any(0 <= match.start() - end <= ORIGIN_REACH
                                              and not re.search(r"[.!?\n]", text[end:match.start()])
                                              for end in people):
                continue
            places.append(Finding(match.start("place"), match.end("place"), "locatie"))
            moved_on = MOVED_ON_TO.match(text, match.end("place"))
            if moved_on and not self._ordinary(moved_on.group("place")):
                places.append(Finding(moved_on.start("place"), moved_on.end("place"), "locatie"))
        return places

    def _areas_as_words_of_residents(self, text: str, found: list[Finding]) -> list[Finding]:
        """A wijk or buurt whose name is also an ordinary word, where a resident comes from, typed
        in any case ("jayden uit morgenstond", "mw jansen uit zuilen"), or lives, capitalised ("hij
        woont in Zuilen"); not "op zuilen" anywhere ("het dak rust op zuilen")."""
        places = []
        people = {f.end for f in found if f.kind in ("naam", "leeftijd")}
        for match in AREA_AS_WORD.finditer(text):
            # (With its article, which belongs to such a name: "De Akkers".)
            if match.group("word").lower() not in self._areas_as_words:
                continue
            if match.group("uit"):
                resident = any(RESIDENT_THEN_PLACE.fullmatch(text, end, match.start()) for end in people
                               if end <= match.start())
            elif not match.group("word")[0].isupper():
                # ("hij woont in de berm": after "woont in", only a name typed as one.)
                continue
            else:
                sentence = _sentence_at(text, match.start())
                resident = _sentence_has(ONE_RESIDENT, sentence) or any(
                    _sentence_at(text, f.start) == sentence for f in found if f.kind == "naam")
            if resident:
                places.append(Finding(match.start("place"), match.end("place"), "locatie"))
        return places

    def _places_beside(self, text: str, found: list[Finding]) -> list[Finding]:
        """A word no list knows, in brackets right after a name ("fam. Pinas (Oosterparkwijk)",
        "Dhr. Osman Jama (Zeist, Kerckebosch)") or after a comma after a name or a town ("Dhr.
        Sietse Brandsma, Skoatterwâld.", "in Bergen op Zoom, Gageldonk,"): where they live.
        Roles, relatives, abbreviations and first names are left to the other rules ("Sanne
        (GGZ)", "Ahmed (buurman)")."""
        places = []
        for name in (f for f in found if f.kind in ("naam", "locatie")):
            beside = PLACE_BESIDE_NAME.match(text, name.end)
            if beside is None:
                continue
            start, end = _named_span(beside)
            place = text[start:end]
            if beside.group("town_after_comma") and (name.kind != "locatie" or place not in self._places):
                continue
            if beside.group("after_dash") and (name.kind != "locatie"
                                               or not self._known_place(place.lower())):
                continue
            if beside.group("town_after_place") and (name.kind != "locatie" or place not in self._places):
                continue
            if beside.group("lower_home") and (name.kind != "naam" or not (
                    place in self._places or PLACE_ENDING.search(place))):
                continue
            # "(Paauwenburg, flat De Kaap)", not "(Parkinson, sinds 2019)": first in brackets, a
            # place the lists know or one shaped like a place.
            # "Mevrouw Baars (Zuidwest, 2e etage)": a city's district by its compass point, after a
            # resident's title (a colleague's is an office wing: "Ruud (Zuid, kamer 2.14)").
            district = place in COMPASS_DISTRICTS and bool(_ending_at(TITLE_BEFORE, text, name.start))
            if beside.group("bracketed_first") and not (place.lower() in self._places or district
                                                        or PLACE_ENDING.search(place.lower())):
                continue
            parts = place.lower().split()
            if (place.isupper() or RELATION_END.search(place.lower()) or JOB_END.search(place.lower())
                    or (any(self._ordinary(part) or part in self._first_names for part in parts)
                        and not (district and beside.group("bracketed_first")))
                    or (not place[0].isupper() and len(parts) > 1)):
                continue
            places.append(Finding(start, end, "locatie"))
        return places

    def _nicknamed(self, text: str) -> list[Finding]:
        """A first name the lists know with a quoted nickname and a surname after it: one name."""
        return [Finding(m.start(), m.end(), "naam") for m in NICKNAMED.finditer(text)
                if m.group("first").lower() in self._first_names]

    def _towns_after_addresses(self, text: str, found: list[Finding]) -> list[Finding]:
        """The town right after an address whose name is also a word: "Molenweg 23 in Echt"."""
        towns = []
        for address in (f for f in found if f.kind == "adres"):
            town = TOWN_AFTER_ADDRESS.match(text, address.end)
            if town and town.group("town").lower() in self._towns_that_are_words:
                towns.append(Finding(town.start("town"), town.end("town"), "locatie"))
        return towns

    @staticmethod
    def _numbers_beside_names(text: str, found: list[Finding]) -> list[Finding]:
        """A year of birth or a house number set right after a name."""
        numbers = []
        for name in (f for f in found if f.kind == "naam"):
            year = (YEAR_BESIDE_NAME.match(text, name.end)
                    or YEAR_IN_BRACKETS_BESIDE_NAME.match(text, name.end))
            if year:
                numbers.append(Finding(*year.span("year"), "datum"))
            number = NUMBER_BESIDE_NAME.match(text, name.end)
            if number:
                numbers.append(Finding(*number.span("number"), "adres"))
        return numbers

    def _place_headers(self, text: str, found: list[Finding]) -> list[Finding]:
        """A word no list knows heading a line about a resident, where a title or a name follows:
        the neighbourhood the line is about. Not a first name, a word, or an abbreviation ("Sanne:",
        "Update:", "MDO -"). Typed in lower case, only a place the lists know ("wezep: …")."""
        places = []
        # (After a comma, not a short greeting that is also a village: "hee, mw de wit belde".)
        lower = [match for match in LOWER_PLACE_HEADER.finditer(text)
                 if self._known_place(match.group("place"))
                 and (len(match.group("place")) >= 5
                      or text[match.end("place"):match.start("rest")].strip() != ",")]
        for match in [*PLACE_HEADER.finditer(text), *lower]:
            start, end = match.span("place")
            place = match.group("place")
            rest_start, rest_end = match.span("rest")
            # A name right after the colon is a form's field ("Voornaam: Milena"), not a place's line.
            if any(f.start == rest_start for f in found):
                continue
            about_someone = TITLE_OPENING.match(match.group("rest")) or any(
                f.kind in ("naam", "leeftijd") and rest_start < f.start < rest_end for f in found)
            if (not about_someone or place.isupper() or any(f.start < end and start < f.end for f in found)
                    or any(self._ordinary(part) or part in self._first_names
                           for part in re.split(r"[- ]", place.lower()))):
                continue
            places.append(Finding(start, end, "locatie"))
        return places

    def _institutions_named(self, text: str, words: list[re.Match[str]]) -> list[Finding]:
        found = []
        for start, end, size in self._institutions.find(text, words):
            name = text[start:end]
            # Typed in lower case, only names from our own list ("ymere"), never deduce's many.
            # One capitalised word opening a sentence is as often a word as a name ("Herstel is…").
            own = name.lower() in self.words.institutions
            if (name.islower() and not own) or (size == 1 and _sentence_start(text, start) and not own):
                continue
            found.append(Finding(start, end, "instelling"))
        # A housing corporation's brand in one word no list knows ("KleurrijkWonen").
        found += [Finding(m.start(), m.end(), "instelling") for m in HOUSING_BRAND.finditer(text)]
        for match in NAMED_BY_TYPE_WORD.finditer(text):
            first = WORD.match(text, match.start())
            start = match.start()
            # The sentence's first word or an ordinary word is no part of the name ("Het Calvijn College").
            if first and (self._ordinary(first.group()) and first.group().lower() != "huize"):
                start = NEXT_WORD.match(text, first.end()).start(1)
            found.append(Finding(start, match.end(), "instelling"))
        for school in SCHOOL_BY_CONTEXT.finditer(text):
            group = "name" if school.group("name") else "destination"
            # "zit op De Starter": a capitalised article makes a name of an ordinary word.
            name = school.group(group)
            if not self._ordinary(name.split()[-1]) or (re.match(r"(?:De|Het)\s", name)
                                                          and not _sentence_start(text, school.start(group))):
                found.append(Finding(school.start(group), school.end(group), "instelling"))
        for named in NAMED_WITH_ARTICLE.finditer(text):
            name = named.group("name") or named.group("neuter")
            # An abbreviation ("het MDO", "het UWV") names a service or a meeting.
            # …nor a language ("het Nederlands", "het Arabisch").
            language = bool(named.group("neuter")) and (name.lower() in LANGUAGES
                                                         or name.lower().endswith("isch"))
            # …nor a service's team or desk ("het FACT-team", "het WMO-loket").
            service = name.split("-")[0].isupper()
            if (not _sentence_start(text, named.start()) and not self._all_ordinary(name) and not language
                    and not service and not _ending_at(TITLE_BEFORE, text, named.start())):
                # Which kind of place is unknown: the weakest kind, so a known kind wins.
                found.append(Finding(named.start(), named.end(), "locatie"))
        found += [Finding(m.start(), m.end(), "instelling") for m in SCHOOL_COMPOUND.finditer(text)
                  if m.group().lower() not in INSTITUTION_TYPES.split("|")]
        schools = LOWER_NAMED_SCHOOL.finditer(text)
        found += [Finding(m.start("name"), m.end("name"), "instelling") for m in schools
                  if m.group("name").split()[-1] not in self._stop_words]
        # A verb or a small word after "flat" is no name ("de flat is oud", "flat naast de school").
        found += [Finding(m.start("name"), m.end("name"), "locatie") for m in LOWER_NAMED_FLAT.finditer(text)
                  if m.group("name") not in self._stop_words | self.words.after_title | PREPOSITIONS]
        for pattern, kind in ((NAMED_INSTITUTION, "instelling"), (NAMED_COMPLEX, "locatie")):
            for match in pattern.finditer(text):
                name = match.group("name")
                if name.split()[-1][0].isupper():
                    kind_word = match.group()[:match.start("name") - match.start()].strip().lower()
                    # A type written with a capital is part of the name ("Zorgcentrum De Weyert").
                    start = (match.start() if kind_word in NAME_PART_TYPES or match.group()[0].isupper()
                             else match.start("name"))
                    found.append(Finding(start, match.end("name"), kind))
        return found

    def _deduce_findings(self, text: str) -> list[Finding]:
        assert self._deduce is not None
        document = self._deduce.deidentify(text, disabled=DEDUCE_UNUSED)
        found = []
        for annotation in document.annotations:
            kind = DEDUCE_KINDS.get(annotation.tag)
            if kind is None:
                continue
            # int(): deduce gives numpy integers for some spans.
            start, end = int(annotation.start_char), int(annotation.end_char)
            # deduce sometimes takes the words after a name along ("Jansen uit de"), or the next line's.
            words = list(re.finditer(r"[\w'-]+", text[start:end]))
            while kind == "naam" and len(words) > 1 and (
                    words[-1].group().islower()
                    or "\n" in text[start + words[-2].end():start + words[-1].start()]):
                words.pop()
            parts = _sentence_parts(text, start, words) if kind == "naam" else [words]
            found += [finding for part in parts if (finding := self._deduce_finding(text, kind, start, part))]
        return found

    def _deduce_finding(self, text: str, kind: str, start: int, words: list[re.Match[str]]) -> Finding | None:
        """One of deduce's findings as the guard keeps it (the words' offsets count from `start`),
        or None when it names no one."""
        # deduce sometimes starts at the end of the word before ("collega's. Fleur": the "s" is
        # no initial)…
        while kind == "naam" and words and start + words[0].start() > 1 and (
                text[start + words[0].start() - 1] in "'’" and text[start + words[0].start() - 2].isalpha()):
            words = words[1:]
        # …or at an ordinary word that opens the sentence ("Bel Anna").
        while (kind == "naam" and len(words) > 1 and _sentence_start(text, start + words[0].start())
               and words[0].group().lower() in self._openers
               and words[0].group().lower() not in NAME_PARTICLES):
            words = words[1:]
        # …and the title or role before it, which stays readable ("Mijn collega [naam]").
        if kind == "naam":
            words = self._without_prefix(words)
        if not words:
            return None
        # "de bibliotheek van Oss": a town after "van", not the surname "Van Oss" (a title
        # before it says surname, and is found by the title rule).
        if (kind == "naam" and len(words) == 2 and words[0].group() == "van"
                and words[1].group().lower() in self._places):
            kind = "locatie"
        # "op de Brink", "bij de Kralingse Plas", "huis aan de Paul Krugerlaan": a name after a
        # preposition and an article is a place's; "Den Bosch" a town's.
        opening = " ".join(word.group() for word in words[:2])
        if kind == "naam" and len(words) > 2 and PLACE_ARTICLE_BEFORE.fullmatch(opening + " "):
            words = words[2:]
            kind = "locatie"
        # "Goes-Oost", "Emmen-Zuid": a town's quarter by its compass point; "Van Sluis naar Hulst":
        # a route between towns.
        route = words[0].group() in ("van", "Van") and ROUTE_ON.match(text, start + words[-1].end())
        # "Schiedam-Nieuwland": a town and its quarter; "Zuidoost-Drenthe": a region's part.
        town_quarter = "-" in words[0].group() and (words[0].group().split("-")[0].lower() in self._places
                                                    or bool(COMPASS_PART.match(words[0].group().lower())))
        if kind == "naam" and (COMPASS_QUARTER.search(words[-1].group()) or route or town_quarter):
            kind = "locatie"
            if route:
                words = words[1:]
        # "in De Huet", "naar Het Hoge": a capitalised article after a preposition of place.
        if kind == "naam" and (_ending_at(PLACE_ARTICLE_BEFORE, text, start + words[0].start())
                               or (len(words) > 1 and opening.lower() in self._places)
                               or (len(words) > 1 and words[0].group() in ("De", "Het")
                                   and _ending_at(PLACE_PREPOSITION_BEFORE, text, start + words[0].start()))
                               # "woont in Blokker", "uit Ede": a surname that is a place's name.
                               or (len(words) == 1 and self._place_after_in_or_from(
                                   text, start + words[0].start(), start + words[0].end()))):
            kind = "locatie"
        end = start + words[-1].end()
        start += words[0].start()
        # "met de Franse slag", "een Turkse bakker": a language's adjective is no one's name.
        adjective = len(words) == 1 and text[start:end].lower() in LANGUAGE_ADJECTIVES
        if kind == "naam" and (self._ordinary_words(text, start, end) or _brand_spelled(text[start:end])
                               or adjective or ROLE_AFTER_HYPHEN.match(text, end - 1)
                               or self._word_opening_a_sentence(text, start, end)):
            return None
        # A common word opening a sentence is no place either ("Bus 12 stopt…").
        if (kind == "locatie" and len(words) == 1 and _sentence_start(text, start)
                and self._ordinary(text[start:end])):
            return None
        # Digits that go on from an account's country and bank code ("NL00 BANK 0123 4567 89",
        # an example that fails the check) are no phone number.
        if kind == "telefoonnummer" and (_service_number(text[start:end])
                                         or _ending_at(ACCOUNT_OPENING, text, start)):
            return None
        if POSTCODE.fullmatch(text[start:end]) and _ending_at(EXAMPLE_BEFORE, text, start):
            return None
        # A domain alone ("nibud.nl") is a public site; with a path it may name someone.
        if kind == "url" and "/" not in text[start:end].split("//", 1)[-1]:
            return None
        if kind == "locatie" and text[start:end].lower() in HOME_REGION:
            return None
        # A range of ages ("8-12 jaar") is a group's.
        if kind == "leeftijd" and (_group_or_thing_age(text, start) or _beyond_a_life(text[start:end])
                                   or re.match(r"\d+\s*[-–]\s*\d+", text[start:end])):
            return None
        return Finding(start, end, kind)

    def _without_prefix(self, words: list[re.Match[str]]) -> list[re.Match[str]]:
        """The words of a name without a title or role that opens them, if a name is left."""
        lowered = [word.group().lower().replace(".", " ").split() for word in words]
        for size in range(len(words) - 1, 0, -1):
            if tuple(part for word in lowered[:size] for part in word) in self._prefixes:
                return words[size:]
        return words

    def _public_site(self, url: str) -> bool:
        """A site named after a national body ("www.svb.nl/aow", "uwv.nl/ww"): public, path or not."""
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).split("/")[0]
        labels = host.split(".")
        return len(labels) >= 2 and labels[-2] in self._public_domains

    def _word_opening_a_sentence(self, text: str, start: int, end: int) -> bool:
        """A name that is also a frequent word ("Storm en regen…", "Roos, tulp…") opening a
        sentence, with no word after it that says it is a person ("Roos belde", "Roos is 23")."""
        name = text[start:end]
        if " " in name or name.lower() not in self.words.name_words or not _sentence_start(text, start):
            return False
        return not PERSON_NEXT.match(text, end)

    def _ordinary_words(self, text: str, start: int, end: int) -> bool:
        """A 'name' made of words that are never names here, or of ordinary words that are
        also surnames ("Mooi", "Groen") standing capitalised at the start of a sentence."""
        words = [word.lower() for word in re.findall(r"[\w'-]+", text[start:end])]
        if not words:
            return True
        if all(word in self.words.anywhere for word in words):
            return True
        return _sentence_start(text, start) and all(word in self._openers for word in words)


def _valid_iban(typed: str) -> bool:
    """An account number by the international check, also when typed over several lines (a
    national check digit typed wrong leaves it someone's account)."""
    return stdnum_iban.is_valid(re.sub(r"\s", "", typed), check_country=False)


def _with_country_code(typed: str) -> bool:
    """A number typed with its country code, also in brackets: "(0031 6 …)"."""
    return typed.lstrip("(").startswith(("+", "00"))


def _number_start(match: phonenumbers.PhoneNumberMatch) -> int:
    """Where a phone number starts: after a bracket around all of it ("(0031 6 …)"), not after
    one around its area code ("(020) 555 …")."""
    bracketed = match.raw_string.startswith("(") and ")" not in match.raw_string
    return match.start + 1 if bracketed else match.start


def _service_number(typed: str) -> bool:
    """A number of a service (0800, 0900, 088), not of a person."""
    try:
        return phonenumbers.number_type(phonenumbers.parse(typed, "NL")) in SERVICE_NUMBER_TYPES
    except phonenumbers.NumberParseException:
        return False


def _between(text: str, one: re.Match[str], other: re.Match[str]) -> str:
    """What stands between two words, without commas and spaces."""
    return text[min(one.end(), other.end()):max(one.start(), other.start())].strip(" ,")


def _dates_about_someone(text: str, found: list[Finding], titled: list[Finding]) -> list[Finding]:
    """The findings without the dates whose sentence names no person (see PERSON_WORDS). In a
    story that names someone or gives an age, a date in a sentence of its own is theirs too
    ("Chloë, 14. Gaat sinds 28 september niet meer naar school."), unless it is the team's
    agenda or a named day."""
    kept = [f for f in found if f.kind != "datum"]
    if len(kept) == len(found):
        return found
    names = [f.start for f in [*found, *titled] if f.kind == "naam"]
    story_about_someone = bool(names) or any(f.kind == "leeftijd" for f in found)
    for sentence in SENTENCE.finditer(text):
        start, end = sentence.span()
        named = any(start <= name < end for name in names)
        words = sentence.group()
        agenda = TEAM_OR_PUBLIC_DAY.search(words) or TEAM_EVENT.search(words)
        about_someone = PERSON_WORDS.search(words) and not agenda
        # "per 1 januari" is when a rule changes, unless the sentence names someone. In a story
        # that names someone every date may be theirs ("1. budgetcursus op 18 april"): masking
        # the team's own dates there too costs little.
        kept += [f for f in found if f.kind == "datum" and start <= f.start < end
                 and (named or story_about_someone
                      or (about_someone and not _ending_at(PER_DATE, text, f.start)))]
    return kept


def _brand_spelled(name: str) -> bool:
    """Spelled like a brand, an app or a role, with a capital inside a word or a lower-case part
    after a hyphen ("DigiD-app", "WhatsApp", "Wmo-consulent"): no person's name ("McDonald",
    "LaToya" and "Bakker-Klein" are)."""
    return any((re.search(r"[a-z][A-Z]", word) and not re.match(r"(?:Mc|Mac|De|Di|Da|La|Le)[A-Z]", word))
               or ROLE_AFTER_HYPHEN.search(word) for word in re.findall(r"[\w'’-]+", name))


def _with_someone(text: str, found: list[Finding]) -> list[Finding]:
    """The findings, without places, institutions and streets when nothing else was found: a
    place, an institution or a street without a number alone ("het CJIB in Leeuwarden", "een
    vrijwilliger van Humanitas", "ons kantoor in de Oudestraat") points at no one; next to a name,
    an age, a date or an identifier it helps find someone. A place where one resident lives or
    comes from stays."""
    if any(f.kind not in ("locatie", "instelling") and not _street_alone(text, f) for f in found):
        return found
    # …but where one resident lives or comes from is theirs, named or not ("een oudere man uit
    # Tuindorp", "hij woont in de Transvaalbuurt").
    # (Not in a statistic: "In Overvecht zit een op de drie jongeren in een gezin met een uitkering".)
    # (Not "de markt van Zeist": the town a venue is in, no one's home.)
    homes = [f for f in found if f.kind != "adres" and _ending_at(HOME_BEFORE, text, f.start)
             and not _ending_at(VENUE_OF_TOWN, text, f.start)
             and _sentence_has(ONE_RESIDENT, _sentence_at(text, f.start))
             and not _sentence_has(STATISTIC, _sentence_at(text, f.start))]
    if not homes:
        return []
    # …and then the other places in sentences about that one resident ("Hij begon over Marokko,
    # over zijn vader die visser was in Essaouira").
    return [f for f in found if f in homes or (
        f.kind == "locatie" and _sentence_has(ONE_RESIDENT, _sentence_at(text, f.start))
        and not _sentence_has(STATISTIC, _sentence_at(text, f.start)))]


def _without_venues(text: str, found: list[Finding]) -> list[Finding]:
    """The findings without the addresses of the team's office or a public venue, given in an
    announcement that names no one: a place everyone may come to. The parts of one address typed
    in a row ("Hengelosestraat 585, 7521 AG") go together."""
    if any(f.kind in SOMEONES_KINDS for f in found) or ABOUT_A_HOME.search(text):
        return found
    venues = []
    previous_end = None
    for finding in sorted((f for f in found if f.kind == "adres"), key=lambda f: f.start):
        follows_venue = previous_end is not None and re.fullmatch(r"[ \t]*,?[ \t]*",
                                                                   text[previous_end:finding.start])
        if follows_venue or (_ending_at(VENUE_BEFORE, text, finding.start) and not PERSON_WORDS.search(text)):
            venues.append(finding)
            previous_end = max(finding.end, previous_end or 0)
    return [f for f in found if f not in venues]


def _street_alone(text: str, finding: Finding) -> bool:
    """A street without a number, in a sentence about no resident ("ons kantoor is verhuisd naar de
    Oudestraat"; not "hij woont in de Lijsterstraat", "het gezin aan de Kerkstraat")."""
    return (finding.kind == "adres" and not DIGIT.search(text, finding.start, finding.end)
            and not _ending_at(LIVES_IN, text, finding.start)
            and not _person_words(_sentence_at(text, finding.start)) - {"verhuisd"})


def _colleagues(text: str) -> list[tuple[int, int]]:
    """Where colleagues are named: a sign-off, thanks, the team's contact, a chat mention, an
    address. Not in reported speech, and not a name the post uses elsewhere too (then it may be
    the resident the story is about)."""
    spans = []
    sign_off = SIGN_OFF.search(text, max(0, len(text) - SIGN_OFF_REACH))
    if sign_off:
        spans.append(sign_off.span("names"))
    lower = text.lower()
    colleagues = list(COLLEAGUES.finditer(text)) if COLLEAGUES_HINT.search(lower) else []
    signs = list(COLLEAGUE_SIGNS.finditer(text)) if COLLEAGUE_SIGNS_HINT.search(lower) else []
    spans += [_named_span(m) for m in [*colleagues, *signs]]
    if "@" in text:
        spans += [m.span("mentioned") for m in MENTIONED.finditer(text)
                  if not _about_social_media(text, m.start())]
    spans += [m.span("addressed") for m in ADDRESSED.finditer(text)]
    # Each pattern below tries every word; a cheap search for its key words decides first.
    at_work = _each_from_its_name(COLLEAGUE_AT_WORK, text) if AT_WORK_HINT.search(lower) else []
    spans += [_named_span(m) for m in at_work]
    if ROSTER_HINT.search(lower):
        spans += [_named_span(m) for m in ROSTER.finditer(text)]
    if MEETING_HINT.search(lower):
        spans += [_named_span(m) for m in COLLEAGUE_AT_MEETING.finditer(text)]
    # …and whom such a colleague takes the work over from, in the same sentence ("Mo neemt de
    # casussen van Dewi over").
    if at_work:
        at_work_sentences = [_sentence_at(text, _named_span(m)[0]) for m in at_work]
        spans += [m.span("from") for m in TAKEN_OVER_FROM.finditer(text)
                  if _sentence_at(text, m.start("from")) in at_work_sentences]
    for tasks in TASK_LIST.finditer(text):
        offset = tasks.start("items")
        spans += [(offset + m.start("name"), offset + m.end("name"))
                  for m in TASK_ITEM.finditer(tasks.group("items"))]
    if THANKS.search(text):
        spans += [m.span("thanked_next") for m in THANKED_NEXT.finditer(text)
                  if _sentence_has(THANKS, _sentence_at(text, m.start()))]
    # Who is away, when the same sentence goes on to say whom to call or who takes over instead.
    routes = [_named_span(m)[0] for m in [*colleagues, *signs, *at_work] if _named_group(m) in ROUTING_GROUPS]
    if CALLED_OFF_HINT.search(lower):
        routes += [m.start() for m in CALLED_OFF.finditer(text)]
    if routes:
        for absent in ABSENT.finditer(text):
            start = _named_span(absent)[0]
            sentence = _sentence_at(text, start)
            if any(route > start and _sentence_at(text, route) == sentence for route in routes):
                spans.append(_named_span(absent))
    kept = []
    for start, end in spans:
        names = WORD.findall(text[start:end])
        sentence = _sentence_at(text, start)
        if _sentence_has(SPEECH, sentence) or _sentence_has(QUOTED, sentence) or any(
                not any(s <= m.start() < e for s, e in spans)
                for name in names if name not in ("en", "of", "mij")
                for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)):
            continue
        kept.append((start, end))
    return kept


def _each_from_its_name(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Every match, also those that start inside another's text after its name: in "Marieke is
    ziek, Joost neemt haar spreekuur over" both are colleagues."""
    matches = []
    position = 0
    while (match := pattern.search(text, position)) is not None:
        matches.append(match)
        position = _named_span(match)[1]
    return matches


def _named_group(match: re.Match[str]) -> str:
    """The named group that matched: each alternative of these patterns names what it finds
    ("thanked", "contact", "roster", …)."""
    return next(name for name, value in match.groupdict().items() if value is not None)


def _named_span(match: re.Match[str]) -> tuple[int, int]:
    return match.span(_named_group(match))


def _about_social_media(text: str, position: int) -> bool:
    """The sentence names a platform: "@…" there is a handle, elsewhere a mention in the chat."""
    return _sentence_has(SOCIAL_MEDIA, _sentence_at(text, position))


def _has_quote_mark(text: str) -> bool:
    """An opening quote mark: only then can a nickname or a quoted title be in the text."""
    return any(mark in text for mark in "'‘\"“")


def _named_sites(text: str, found: list[Finding]) -> list[Finding]:
    """A web address named after someone the text names ("www.lucasbijlsmaschrijft.nl" in a story
    about Lucas Bijlsma): it leads to that person as surely as the name."""
    names = {re.sub(r"[^a-z]", "", text[f.start:f.end].lower()) for f in found if f.kind == "naam"}
    names = {name for name in names if len(name) >= MIN_NAME_IN_SITE}
    return [Finding(m.start(), m.end(), "url") for m in SITE.finditer(text)
            if any(name in m.group("host").lower().replace("-", "") for name in names)]


def _community_places(text: str) -> list[tuple[int, int]]:
    """Every mention of a place the team runs or meets in ("buurtkamer De Schakel", and later
    "in De Schakel"): where the team works, not where a resident is known."""
    names = {m.group("name") for m in COMMUNITY_PLACE.finditer(text)}
    return [m.span() for name in names for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]


def _example(text: str, finding: Finding) -> bool:
    """An identifier or date given as an example: a placeholder forms print, or one after "zoals"
    or "bijvoorbeeld"; or a name left out as "X"."""
    typed = re.sub(r"[^0-9a-z]", "", text[finding.start:finding.end].lower())
    if typed in PLACEHOLDERS or (finding.kind == "naam"
                                 and text[finding.start:finding.end] in PLACEHOLDER_NAMES):
        return True
    # The placeholders people type themselves, in a sentence about how to type a number
    # ("zonder streepje, dus 0612345678 en niet 06-12345678"); elsewhere they may be real.
    if typed in TYPED_PLACEHOLDERS and _sentence_has(FORMAT_TALK, _sentence_at(text, finding.start)):
        return True
    # Everything after "ingevuld voorbeeld:" on a form ("Naam: J. Jansen, Adres: Dorpsstraat 1").
    if FORM_EXAMPLE.search(text, max(0, finding.start - FORM_EXAMPLE_REACH), finding.start):
        return True
    return finding.kind in (*HARD_KINDS, "datum") and bool(_ending_at(EXAMPLE_BEFORE, text, finding.start))


def _team_or_title_place(text: str, place: Finding, names: list[int]) -> bool:
    """A place of the team's own area ("ons wijkteam werkt in …") or agenda ("teamdag op 20
    juni in Utrecht") in a sentence that names no resident, or a place quoted on its own: a
    song's or a book's title ("'Zoutelande' van BLØF")."""
    start = place.start
    if (QUOTED.fullmatch(text, max(0, start - 1), min(len(text), place.end + 1))
            or (ROLE_AFTER_HYPHEN.match(text, place.end - 1) and not RESIDENTS_GROUP.match(text, place.end))):
        return True
    if _ending_at(TEAM_AREA, text, start) or TEAM_AREA_AFTER.match(text, start):
        return True
    sentence = _sentence_at(text, start)
    if not _sentence_has(TEAM_OR_PUBLIC_DAY, sentence) or _person_words(sentence):
        return False
    # A name in the same sentence says whose place it is ("Oom Jopie (83) uit Bovensmilde
    # vertelde bij de herdenking").
    return not any(_sentence_at(text, name) == sentence for name in names)


def _sentence_parts(text: str, start: int, words: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """The words of one of deduce's names, split where a sentence ends between them ("buurthuis De
    Schakel. Thea van Gorp", "Coen Verbraak. Oud"); not after an initial ("A. Jansen") or a
    title ("Mevr. Jansen")."""
    parts = [words[:1]]
    for previous, word in itertools.pairwise(words):
        gap = text[start + previous.end():start + word.start()]
        # "Th. Bakker", "Chr. Jansen": an abbreviated first name, like an initial.
        if "." in gap and len(previous.group()) > 3 and not TITLE_WORD.fullmatch(previous.group()):
            parts.append([word])
        else:
            parts[-1].append(word)
    return parts


def _sentence_at(text: str, position: int) -> str:
    starts, sentences = _sentences(text)
    index = bisect.bisect_right(starts, position) - 1
    if index < 0 or position >= starts[index] + len(sentences[index]):
        return ""
    return sentences[index]


@functools.lru_cache(maxsize=64)
def _sentence_has(pattern: re.Pattern[str], sentence: str) -> bool:
    """Whether a sentence holds a pattern, asked once per sentence however many findings are in it."""
    return bool(pattern.search(sentence))


@functools.lru_cache(maxsize=64)
def _person_words(sentence: str) -> frozenset[str]:
    """The PERSON_WORDS a sentence holds, in lower case, found once per sentence."""
    return frozenset(word.group().lower() for word in PERSON_WORDS.finditer(sentence))


@functools.lru_cache(maxsize=4)
def _sentences(text: str) -> tuple[list[int], list[str]]:
    """The text's sentences and where each starts, split once per text: the rules ask for the
    sentence around many findings of the same text."""
    matches = list(SENTENCE.finditer(text))
    return [m.start() for m in matches], [m.group() for m in matches]


def _beyond_a_life(age: str) -> bool:
    """A number no one's age is ("een roman van 300 pagina's")."""
    digits = re.match(r"\d+", age)
    return digits is not None and int(digits.group()) > OLDEST_AGE


def _group_or_thing_age(text: str, start: int) -> bool:
    """An age-like number about a group ("vanaf 75 jaar", "75 jaar en ouder"), a thing ("het
    buurthuis is 40", "zijn 50-jarig bestaan") or anyone ("met 13 jaar mag je licht werk doen": a
    rule addressed to "je", naming no one)."""
    if GROUP_OR_THING_AGE_AFTER.match(text, start):
        return True
    before = text[max(0, start - 60):start]
    if (GROUP_OR_THING_AGE.search(before) or THING_SUBJECTS.search(before) or DURATION_SUBJECT.search(before)
            or BUILDING_SUBJECT.search(before)):
        return True
    sentence = _sentence_at(text, start)
    return _sentence_has(ANYONE, sentence) and not _sentence_has(THIRD_PERSON, sentence)


@dataclass(frozen=True)
class Screened:
    """Story text that has been through the guard: clean, masked, or with names the author kept.

    `flags` lists the kinds that were found and masked (comma-separated, never the values), or
    is NAMES_KEPT when the author kept the names as typed.
    """

    text: str
    flags: str = ""
