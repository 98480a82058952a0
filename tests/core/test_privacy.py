import time

import pytest

from bot.core import drafts
from bot.core.privacy import Finding, mask
from tests.conftest import asked_text, member, texts
from tests.privacy_cases.evaluate import HARD, evaluate, load_cases

PHONE = "06-38271945"
STORY_WITH_PHONE = f"Mevrouw belde me later terug op {PHONE} en toen lukte het wel."
STORY_WITH_NAME = "Samen met Fenna Hoekstra de buurtkoffie opgezet; dat gaf energie."


def stored(store):
    return list(store.db.query("select text, privacy_flags from stories order by id"))


def test_case_set_meets_the_thresholds(guard, capsys):
    cases = load_cases()
    assert len(cases) >= 80
    assert sum(1 for c in cases if c["expected"]) >= 40 and sum(1 for c in cases if not c["expected"]) >= 40
    assert {item["kind"] for c in cases for item in c["expected"]} >= {*HARD, "naam"}
    report = evaluate(lambda text: [(f.start, f.end, f.kind) for f in guard.scan(text)], cases)
    with capsys.disabled():
        print("\n" + "\n".join(report.lines("privacy guard")))
    assert report.recall(HARD) == 1.0, report.missed
    assert report.recall(("naam",)) >= 0.95, report.missed
    assert report.false_positive_share <= 0.03, report.clean_flagged


# Floors on the split (README, "Privacy"): a change that makes the guard worse fails here. Raise
# them as tuning on `dev` and `dev2` improves it; `test` keeps a looser floor, since it is never
# tuned on.
# Per split: hard identifiers with the right kind, names, every other kind, clean stories with a
# finding (at most).
SPLIT_FLOORS = {"dev": (1.0, 0.97, 0.93, 0.02), "dev2": (1.0, 0.95, 0.85, 0.05),
                "dev3": (1.0, 0.96, 0.9, 0.05), "dev4": (0.97, 0.95, 0.75, 0.05),
                "dev5": (1.0, 0.95, 0.8, 0.03), "dev6": (1.0, 0.95, 0.75, 0.03),
                "dev7": (1.0, 0.95, 0.65, 0.03), "dev8": (1.0, 0.95, 0.75, 0.05),
                "dev9": (1.0, 0.94, 0.8, 0.03), "dev10": (0.9, 0.95, 0.8, 0.04),
                "dev11": (1.0, 0.93, 0.85, 0.04), "dev12": (1.0, 0.97, 0.75, 0.22),
                "dev13": (0.97, 0.92, 0.8, 0.09), "dev14": (1.0, 0.98, 0.9, 0.02),
                "dev15": (1.0, 0.95, 0.85, 0.03), "dev16": (1.0, 0.94, 0.9, 0.07),
                "dev17": (1.0, 0.95, 0.7, 0.02), "dev18": (1.0, 0.93, 0.85, 0.07),
                "dev19": (1.0, 0.95, 0.5, 0.03), "dev20": (1.0, 0.97, 0.85, 0.05),
                "dev21": (1.0, 0.97, 0.9, 0.05), "dev22": (1.0, 0.94, 0.85, 0.08),
                "dev23": (1.0, 0.92, 0.85, 0.16), "dev24": (1.0, 0.97, 0.9, 0.07),
                "dev25": (1.0, 0.95, 0.9, 0.04), "dev26": (0.95, 0.95, 0.85, 0.14),
                "dev27": (1.0, 0.97, 0.9, 0.07), "dev28": (1.0, 0.96, 0.8, 0.26),
                "dev29": (1.0, 0.97, 0.85, 0.09), "dev30": (1.0, 0.96, 0.94, 0.09),
                "dev31": (1.0, 0.98, 0.95, 0.06), "dev32": (1.0, 0.96, 0.94, 0.08),
                "dev33": (1.0, 0.96, 0.9, 0.07), "dev34": (1.0, 0.95, 0.75, 0.06),
                "dev35": (1.0, 0.96, 0.85, 0.03), "dev36": (1.0, 0.97, 0.9, 0.04),
                "dev37": (1.0, 0.96, 0.9, 0.02), "dev38": (1.0, 0.98, 0.9, 0.02),
                "test": (1.0, 0.97, 0.9, 0.03)}
OTHER_KINDS = ("datum", "leeftijd", "locatie", "instelling")


@pytest.mark.parametrize("split", sorted(SPLIT_FLOORS))
def test_the_split_never_gets_worse(guard, capsys, split):
    hard_floor, name_floor, other_floor, false_alarm_ceiling = SPLIT_FLOORS[split]
    report = evaluate(lambda text: [(f.start, f.end, f.kind) for f in guard.scan(text)], load_cases(split))
    with capsys.disabled():
        print("\n" + "\n".join(report.lines(f"privacy guard, {split}")))
    assert report.recall(HARD) >= hard_floor
    assert report.recall(("naam",)) >= name_floor
    assert all(report.recall((kind,)) >= other_floor for kind in OTHER_KINDS)
    assert report.false_positive_share <= false_alarm_ceiling


@pytest.mark.parametrize(("text", "kind"), [
    ("BSN 274830917 staat erin", "bsn"),
    ("IBAN GB82 WEST 1234 5698 7654 32 van een buitenlandse rekening", "iban"),
    ("mail naar iemand@voorbeeld.nl graag", "email"),
    ("bel +31 (0)20 555 1234 voor het spreekuur", "telefoonnummer"),
    ("ze woont op Beukenlaan 9 sinds kort", "adres"),
    ("postcode 2511 CV hoort erbij", "adres"),
    ("kijk op https://voorbeeld.nl/aanmelden voor meer", "url"),
])
def test_each_hard_kind_is_found(guard, text, kind):
    assert kind in [f.kind for f in guard.scan(text)]


def test_numbers_that_fail_the_11_proef_are_not_a_bsn(guard):
    assert guard.scan("Het kenmerk 123456789 en 736387129 zijn geen BSN.") == []


@pytest.mark.parametrize(("typed", "kind", "masked"), [
    ("BSN 9\u200b0\u200b8\u200b3\u200b0\u200b1\u200b6\u200b6\u200b2 staat op de brief.", "bsn",
     "BSN [bsn] staat op de brief."),
    ("Zijn rekening NL18-INGB-0003-9099-60 staat rood.", "iban", "Zijn rekening [iban] staat rood."),
    ("Zijn rekening nl18 ingb 0003 9099 60 staat rood.", "iban", "Zijn rekening [iban] staat rood."),
    ("Ze woont in de Dorpsstraat nummer 12 sinds de zomer.", "adres",
     "Ze woont in de [adres] sinds de zomer."),
    ("hij woont dorpsstraat 12a en heeft geen buren", "adres", "hij woont [adres] en heeft geen buren"),
    ("De buurvrouw van huisnummer 9 belde.", "adres", "De buurvrouw van [adres] belde."),
    ("Bel 06\u201338271945 voor een afspraak.", "telefoonnummer", "Bel [telefoonnummer] voor een afspraak."),
])
def test_typed_variants_are_found_and_masked_as_typed(guard, typed, kind, masked):
    findings = guard.scan(typed)
    assert [f.kind for f in findings] == [kind]
    assert mask(typed, findings) == masked


@pytest.mark.parametrize(("typed", "masked"), [
    ("Kijk op https://voorbeeld.nl/aanmelden/bewoner?id=7 voor meer.", "Kijk op [url] voor meer."),
    ("Gesprek met B. Yılmaz over de huur.", "Gesprek met [naam] over de huur."),
    ("Zijn buurvrouw Lie-A-Ling verhuist volgende maand.", "Zijn buurvrouw [naam] verhuist volgende maand."),
    ("mw de haan belde ivm de huur", "mw [naam] belde ivm de huur"),
    # A role or title before a name stays readable: only the name identifies.
    ("Haar collega Sanne bracht haar naar huis.", "Haar collega [naam] bracht haar naar huis."),
    ("Mijn collega Sanne de Vries belde de moeder.", "Mijn collega [naam] belde de moeder."),
    ("De heer Smit belde terug.", "De heer [naam] belde terug."),
    ("De Vries belde terug.", "[naam] belde terug."),
    # Ages in words without "jaar", and the ages of several children at once.
    ("Ze is zestig en woont alleen.", "Ze is [leeftijd] en woont alleen."),
    ("Ze heeft kinderen van 4, 6 en 9 en weinig hulp.", "Ze heeft kinderen van [leeftijd] en weinig hulp."),
    ("Haar dochtertje Noor is drie jaar.", "Haar dochtertje [naam] is [leeftijd]."),
    ("Wessel Verbeek, 17 jaar, zoekt een stage.", "[naam], [leeftijd], zoekt een stage."),
    ("Melding over Sem en Tijn Brouwer (8 en 5 jaar).", "Melding over [naam] en [naam] ([leeftijd])."),
    ("Ilse Vermeulen (44) belde.", "[naam] ([leeftijd]) belde."),
    ("Marta Kowalczyk (thuis noemen ze haar Madzia) wil meedoen.",
     "[naam] (thuis noemen ze haar [naam]) wil meedoen."),
    # A street's opening words and its floor belong to the address.
    ("Ze woont op de 2e Lindenstraat 17 sinds mei.", "Ze woont op de [adres] sinds mei."),
    ("Ze woont op de Korte Molenstraat 8 II.", "Ze woont op de [adres]."),
    ("Hij woont op Singel 12 en zij aan de Kade 5.", "Hij woont op [adres] en zij aan de [adres]."),
    # Named schools and homes, and a site of one's own.
    ("Karim zit op het Erasmus College en revalideert in Huize Zonneweide.",
     "[naam] zit op het [instelling] en revalideert in [instelling]."),
    ("Zijn blog staat op pietervandam.blogspot.com. Hij vindt het fijn.",
     "Zijn blog staat op [url]. Hij vindt het fijn."),
    # A foreign number is a phone number, even when its nine digits pass the 11-proef.
    ("Moeder belt vanaf +48 512 384 927.", "Moeder belt vanaf [telefoonnummer]."),
    # An account that passes the international check is one, even with a national digit wrong.
    ("Zijn loon komt op BE87 9868 0536 0762, een Belgische rekening.",
     "Zijn loon komt op [iban], een Belgische rekening."),
    # Relatives named after the relative word; lower-case names given away by an age or a verb.
    ("Moeder Karima doet alles alleen.", "Moeder [naam] doet alles alleen."),
    ("gesprek gehad, dylan (15) spijbelt", "gesprek gehad, [naam] ([leeftijd]) spijbelt"),
    ("agnieszka kowalska belde weer over de huur.", "[naam] belde weer over de huur."),
    ("Gezin Amrani heeft drie kinderen.", "Gezin [naam] heeft drie kinderen."),
    # Years of birth in brackets, whole dates in digits after an abbreviation, ages in brackets.
    ("Dhr. Baktash (1958) kwam langs.", "Dhr. [naam] ([datum]) kwam langs."),
    ("Intake met Nadia Bouali, geb. 17-09-1985, over haar schulden.",
     "Intake met [naam], geb. [datum], over haar schulden."),
    ("Moeder (Esmee, 19) woont nog thuis.", "Moeder ([naam], [leeftijd]) woont nog thuis."),
    # A year of a resident's life, a name no list knows with an age, a known name in lower case.
    ("Ze woont sinds 2016 bij haar zus.", "Ze woont sinds [datum] bij haar zus."),
    ("update jaylinn (13): ze woont weer thuis.", "update [naam] ([leeftijd]): ze woont weer thuis."),
    ("dhr yusuf ali, 39, nieuwe aanmelding.", "dhr [naam], [leeftijd], nieuwe aanmelding."),
    # A street named without a number keeps its opening; a town abroad after "van".
    ("Ze heeft een winkel aan de Grote Kerkstraat.", "Ze heeft een winkel aan de [adres]."),
    ("Shanti mist de markt van Paramaribo.", "[naam] mist de markt van [locatie]."),
    # A phrase that names no one ("Rode Kruis") does not hide an institution named with more.
    ("Kees ligt in het Rode Kruis Ziekenhuis sinds maandag.",
     "[naam] ligt in het [instelling] sinds maandag."),
    # A date after a title's full stop, ages in words in brackets, a home number in a flat.
    ("Dhr. Smulders slaapt sinds 12 januari in de opvang.", "Dhr. [naam] slaapt sinds [datum] in de opvang."),
    ("Bilal Amrani (zestien) zoekt een stage.", "[naam] ([leeftijd]) zoekt een stage."),
    ("mw kuipers van de Esdoornflat nr 112 belde.", "mw [naam] van de [locatie] [adres] belde."),
    ("Noah zit op een nieuwe school (Het Baken).", "[naam] zit op een nieuwe school ([instelling])."),
    # Hard identifiers typed the way chat makes them: over lines, with an apostrophe, a number
    # the plan does not know but with its country code, a home number where someone lives.
    ("rekening:\nNL49 SNSB\n5391 4634 61\nop haar naam", "rekening:\n[iban]\nop haar naam"),
    ("mail m.o'neill@voorbeeld.nl graag", "mail [email] graag"),
    ("zijn tante in Engeland: +44 7700 900418, daar logeert hij.",
     "zijn tante in [locatie]: [telefoonnummer], daar logeert hij."),
    ("zij woont op de hoek, nr. 6, dus die kan sleutels aannemen.",
     "zij woont op de hoek, [adres], dus die kan sleutels aannemen."),
    # Ages listed in brackets after a plural, an age opening a bracket, a type that is part of
    # a name, a named senior flat, a month with its year.
    ("Drie kinderen (7, 9 en 12 jaar), vader werkt.", "Drie kinderen ([leeftijd]), vader werkt."),
    ("Een jongere met schulden (23 jaar, studieschuld) kwam langs.",
     "Een jongere met schulden ([leeftijd], studieschuld) kwam langs."),
    ("Hij slaapt in Jongerenopvang De Poort.", "Hij slaapt in [instelling]."),
    ("Mevrouw Dekker woont in seniorenflat De Bloemhof.",
     "Mevrouw [naam] woont in seniorenflat [locatie]."),
    ("Ze is in maart 2023 opgenomen.", "Ze is in [datum] opgenomen."),
    # Ages after a name at a line's end or in words, as an ordinal, after a title or an initial.
    ("Overdracht:\n- Yusuf Demir, 17 jaar\n- woont bij zijn moeder",
     "Overdracht:\n- [naam], [leeftijd]\n- woont bij zijn moeder"),
    ("Zijn dochter Parwana, twaalf jaar, moest tolken.", "Zijn dochter [naam], [leeftijd], moest tolken."),
    ("een meisje dat op haar zeventiende al drie keer wisselde",
     "een meisje dat op haar [leeftijd] al drie keer wisselde"),
    ("Casus: Amira B. (13), brugklas.", "Casus: [naam] ([leeftijd]), brugklas."),
    ("Sinds overlijden echtgenote (23-01) weinig contact.",
     "Sinds overlijden echtgenote ([datum]) weinig contact."),
    ("samen met maria santos uit kaapverdie een muziekavond",
     "samen met [naam] uit [locatie] een muziekavond"),
    ("ze woont op de burgemeester de withstraat 112-3", "ze woont op de [adres]"),
    ("Hij woont in de Berkenstraat en kent daar niemand meer.",
     "Hij woont in de [adres] en kent daar niemand meer."),
    ("Dank aan buurvrouw Dilara Koç voor de soep! Groet, Joost",
     "Dank aan buurvrouw [naam] voor de soep! Groet, Joost"),
    # Ages after a pronoun, a young person or a birthday's day; years typed short.
    ("dhr en mw kalsbeek, hij 81, zij 77, willen samen blijven wonen.",
     "dhr en mw [naam], hij [leeftijd], zij [leeftijd], willen samen blijven wonen."),
    ("meisje 14 uit de Vogelbuurt slaapt bij een vriendin",
     "meisje [leeftijd] uit de [locatie] slaapt bij een vriendin"),
    ("Mw. Brouwers wordt volgende week 96 en wil geen feest.",
     "Mw. [naam] wordt volgende week [leeftijd] en wil geen feest."),
    ("jongen 19jr uit Nador, Driss, zoekt werk", "jongen [leeftijd] uit [locatie], [naam], zoekt werk"),
    ("Meneer Osei, zesenzeventig, leerde videobellen.", "Meneer [naam], [leeftijd], leerde videobellen."),
    ("moeder van kees en wim belde: jongens zijn 12 en 10",
     "moeder van [naam] en [naam] belde: jongens zijn [leeftijd]"),
    # Where someone comes from or lives, in places no list knows.
    ("Dhr. Begović, 61, oorspronkelijk uit Zavidovići, zoekt een moskee.",
     "Dhr. [naam], [leeftijd], oorspronkelijk uit [locatie], zoekt een moskee."),
    ("Mevrouw Veldkamp woont in Stokhorst en komt niet meer buiten.",
     "Mevrouw [naam] woont in [locatie] en komt niet meer buiten."),
    # One address typed in parts; a number in brackets with its country code; a first name
    # deduce lists as a medical term.
    ("Post naar Vlasakker 12, 4207 KD Gorinchem graag.", "Post naar [adres] graag."),
    ("postcode 3812AB huisnr 40", "postcode [adres]"),
    ("Zijn zus belt ons (0031 6 7734 1290).", "Zijn zus belt ons ([telefoonnummer])."),
    ("De mentor van Ilias belde.", "De mentor van [naam] belde."),
    # Schools named by what happens there; a date after "Geb.:" on a form's line; an age after
    # a profession, a first name or a name as the subject.
    ("Mika (groep 6 van De Zandloper) is niet opgehaald.",
     "[naam] (groep 6 van [instelling]) is niet opgehaald."),
    ("Naam: Stanislav Horvat\nGeb.: 4-11-1971", "Naam: [naam]\nGeb.: [datum]"),
    ("Ook Wim Jonkers, een loodgieter, een timmerman van 68 jaar.",
     "Ook [naam], een loodgieter, een timmerman van [leeftijd]."),
    ("gesprek met ruben 15 jaar op het plein", "gesprek met [naam] [leeftijd] op het plein"),
    ("Sevda Arslan is zeventien en wil verhuizen.", "[naam] is [leeftijd] en wil verhuizen."),
    # A form's name fields; a handle on a platform; a name joined to a known one; where someone
    # moves; a park someone sleeps in.
    ("Naam: Horvat, Milena\nVoornaam: Milena", "Naam: [naam]\nVoornaam: [naam]"),
    ("ze heet op insta @nachtuil_dewi", "ze heet op insta [naam]"),
    ("Ik sprak met Tomasz en Wojtek over hun huis.", "Ik sprak met [naam] en [naam] over hun huis."),
    ("Meneer Dijkhuis verhuist op 3 mei naar De Lindehof.",
     "Meneer [naam] verhuist op [datum] naar [instelling]."),
    ("Dhr. Kuipers slaapt in zijn auto bij het Stadsbroekpark.",
     "Dhr. [naam] slaapt in zijn auto bij het [locatie]."),
    ("meneer Van Loon, 88 jaar!, kwam met een radio", "meneer [naam], [leeftijd]!, kwam met een radio"),
    ("Moeder (Precious Owusu) is zelf pas 19.", "Moeder ([naam]) is zelf pas [leeftijd]."),
    ("Noa en Liam de Groot, tweeling van acht, wonen bij vader.",
     "[naam] en [naam], tweeling van [leeftijd], wonen bij vader."),
    ("Ibrahim (groep 6, bs De Fonkelsteen) tekent graag.", "[naam] (groep 6, bs [instelling]) tekent graag."),
    ("Ik zei tegen Fatima: jij bent sterk.", "Ik zei tegen [naam]: jij bent sterk."),
    # Residents where colleagues are named: the same shapes, with a surname, a title, reported
    # speech, a list, or the name used elsewhere in the post.
    ("Fatima, jij bent sterker dan je denkt, zei ik.", "[naam], jij bent sterker dan je denkt, zei ik."),
    ("Dank Yusuf Kaya voor het openstellen van je huis.", "[naam] voor het openstellen van je huis."),
    ("Mevrouw Bouzid had de galerij versierd. Bedankt mevrouw Bouzid!",
     "Mevrouw [naam] had de galerij versierd. Bedankt mevrouw [naam]!"),
    ("Yusuf kwam op tijd. Dank Yusuf voor de thee.", "[naam] kwam op tijd. [naam] voor de thee."),
    ("Hij moet zich volgende week melden bij Fatima Bouzid.",
     "Hij moet zich volgende week melden bij [naam]."),
    ("Aanwezig bij het ontbijt:\n- Fatima Bouzid\n- Henk Vermeulen",
     "Aanwezig bij het ontbijt:\n- [naam]\n- [naam]"),
    ("Ik heb de achterstand gemeld namens Fatima Bouzid", "Ik heb de achterstand gemeld namens [naam]"),
    ("Het kaartje eindigde met: Groetjes, Fatima", "Het kaartje eindigde met: Groetjes, [naam]"),
    # A street and an age where a person noun, not a pronoun, says who.
    ("Het gezin aan de Lijsterbeslaan heeft al maanden geen gas.",
     "Het gezin aan de [adres] heeft al maanden geen gas."),
    ("De nieuwe huurder is 88 en woont alleen.", "De nieuwe huurder is [leeftijd] en woont alleen."),
    ("Mw. Veldkamp (82). Woont sinds kort in Dauwendaele.",
     "Mw. [naam] ([leeftijd]). Woont sinds kort in [locatie]."),
    # Where someone lives, a few words after "woont": a street named with ordinary words.
    ("Dhr. Lubbers woont boven de bakker op de Grote Markt.",
     "Dhr. [naam] woont boven de bakker op de [locatie]."),
    ("Łukasz woont met zijn neef in een huis aan de Hoofdweg.",
     "[naam] woont met zijn neef in een huis aan de [adres]."),
    # The same shapes about residents: an age before an adverb, a name outside the contact's sentence.
    ("Hij is 16 sinds gisteren en mag nu alleen.", "Hij is [leeftijd] sinds gisteren en mag nu alleen."),
    ("Opgeven kan nog. Gisteren kwam ik binnen via Fatima.",
     "Opgeven kan nog. Gisteren kwam ik binnen via [naam]."),
    ("Fam. Yılmaz, Dr. Schaepmanstraat 41: lekkage.", "Fam. [naam], [adres]: lekkage."),
    # Ages: in brackets with more after them, after a person word, of a little brother.
    ("Mw Öztürk (68, Transvaal) kwam naar de les.", "Mw [naam] ([leeftijd], [locatie]) kwam naar de les."),
    ("Jonge moeder, 24, met drie kinderen.", "Jonge moeder, [leeftijd], met drie kinderen."),
    ("Zahra zorgt voor haar broertje van 11.", "[naam] zorgt voor haar broertje van [leeftijd]."),
    ("Dhr Gerrit Hofstede 86 jr valt steeds.", "Dhr [naam] [leeftijd] valt steeds."),
    # Dates: a birthday without its year, a year of birth, a date in a story about someone.
    ("Rami Haddad, geb. 03-11, zoekt werk.", "[naam], geb. [datum], zoekt werk."),
    ("Meneer Jongen vertelde over de mijn. Hij is van 1938.",
     "Meneer [naam] vertelde over de mijn. Hij is van [datum]."),
    ("Chloë Bosman, 14. Gaat sinds 28 september niet meer naar school.",
     "[naam], [leeftijd]. Gaat sinds [datum] niet meer naar school."),
    # A street capitalised in a sentence about someone, though the word is also a kind of street.
    ("In de flat aan het Kerkplein woont een man die de hal veegt.",
     "In de flat aan het [adres] woont een man die de hal veegt."),
    # The venue rule's limits: an address with a resident's name, or in a sentence about someone.
    ("Huisbezoek bij Fatima. Locatie: Kloosterweg 3.", "Huisbezoek bij [naam]. Locatie: [adres]."),
    ("Huisbezoek. Locatie: bij mw thuis, Kloosterweg 3.", "Huisbezoek. Locatie: bij mw thuis, [adres]."),
    ("Wie was er?\n- Fatima\n- Henk", "Wie was er?\n- [naam]\n- [naam]"),
    # A name with a capitalised article inside a sentence: a school, a home.
    ("Amira begint na de vakantie op De Globe.", "[naam] begint na de vakantie op [locatie]."),
    ("Zijn vrouw Cor is opgenomen in De Zeester.", "Zijn vrouw [naam] is opgenomen in [locatie]."),
    # …the same verbs about residents.
    ("Fatima neemt de zorg voor haar moeder over.", "[naam] neemt de zorg voor haar moeder over."),
    ("Fatima zit bij het bewonersoverleg.", "[naam] zit bij het bewonersoverleg."),
    ("We bespraken Fatima in het MDO.", "We bespraken [naam] in het MDO."),
    # Typed fast in lower case: ages after a title or a relative, names by their context, homes.
    ("dhr rahimi 61 heeft 14 schuldeisers", "dhr [naam] [leeftijd] heeft 14 schuldeisers"),
    ("zoon 14 spijbelt weer", "zoon [leeftijd] spijbelt weer"),
    ("kids yusuf 12 en sara 7", "kids [naam] [leeftijd] en [naam] [leeftijd]"),
    ("jayden (9) weer uit de klas gezet", "[naam] ([leeftijd]) weer uit de klas gezet"),
    ("jongen uit afghanistan, 16, zit in zeist", "jongen uit [locatie], [leeftijd], zit in [locatie]"),
    ("een uit eritrea (mebrat) kwam ook", "een uit [locatie] ([naam]) kwam ook"),
    ("mw uit oekraïne, oksana, zoekt werk", "mw uit [locatie], [naam], zoekt werk"),
    ("kan iemand fatma yilmaz terugbellen?", "kan iemand [naam] terugbellen?"),
    ("mdo over tesfay verzet naar vrijdag de 12e", "mdo over [naam] verzet naar [datum]"),
    ("mw kaya uit de schepenbuurt ging langs", "mw [naam] uit de [locatie] ging langs"),
    ("dylan woont bij zijn oma aan de wilgenhof", "[naam] woont bij zijn oma aan de [locatie]"),
    ("flyers in flat akkerhof. meneer ionescu klaagde over schimmel",
     "flyers in flat [locatie]. meneer [naam] klaagde over schimmel"),
    ("Buurvrouw belde: de man naast haar (rond de 60) deed niet open.",
     "Buurvrouw belde: de man naast haar ([leeftijd]) deed niet open."),
    ("dhr van der berg morgen jarig, 90!!", "dhr [naam] morgen jarig, [leeftijd]!!"),
    ("Mevrouw kwam langs met haar zoon.\nFatima Bouzid", "Mevrouw kwam langs met haar zoon.\n[naam]"),
    ("Gisteren 90 geworden: dhr. Kuipers!! Feestje op 14 juni in de zaal.",
     "Gisteren [leeftijd] geworden: dhr. [naam]!! Feestje op [datum] in de zaal."),
    ("Gesprek met mevrouw van Oss over de huur.", "Gesprek met mevrouw [naam] over de huur."),
    ("Mooie avond in buurthuis De Schakel. Thea van Gorp (72) kwam voor het eerst.",
     "Mooie avond in buurthuis De Schakel. [naam] ([leeftijd]) kwam voor het eerst."),
    ("aanmelding voor noah de wit, woont bij oma in zevenhuizen (apeldoorn). school: obs de zevensprong.",
     "aanmelding voor [naam], woont bij oma in [locatie] ([locatie]). school: obs [instelling]."),
    ("Ifrah Hassan (22). Ze studeert aan de HU.", "[naam] ([leeftijd]). Ze studeert aan de [instelling]."),
    ("anouar el khattabi mist al weken het Mgr. Frencken College.",
     "[naam] mist al weken het [instelling]."),
    ("Afspraken met Wim Verhoeven:\n1. budgetcursus op 18 april",
     "Afspraken met [naam]:\n1. budgetcursus op [datum]"),
    ("Klusdienst: Bertus, bereikbaar op 026 - 351 27 84.",
     "Klusdienst: [naam], bereikbaar op [telefoonnummer]."),
    ("Fatima wordt begeleid door Karin van de GGZ.", "[naam] wordt begeleid door [naam] van de GGZ."),
    ("mehmet ozturk belt elke dag naar de balie", "[naam] belt elke dag naar de balie"),
    ("noah (7) zit sinds vorige week op sbo de horizon, gaat prima.",
     "[naam] ([leeftijd]) zit sinds vorige week op sbo [instelling], gaat prima."),
    # Found after review: residents who work, volunteer, sit at their own MDO, have a colleague of
    # their own, or are welcomed; homes given as "Locatie:"; quoted chat; abbreviated first names.
    ("Gesprek met Th. Bakker over de huur.", "Gesprek met [naam] over de huur."),
    ("Huisbezoek morgen. Locatie: Lindelaan 7, 3e etage.", "Huisbezoek morgen. Locatie: [adres], 3e etage."),
    ("Samira is met zwangerschapsverlof en haar uitkering stopt.",
     "[naam] is met zwangerschapsverlof en haar uitkering stopt."),
    ("Henk draait de bar in het buurthuis, hij is 74.",
     "[naam] draait de bar in het buurthuis, hij is [leeftijd]."),
    ("Youssef neemt de taken van zijn moeder over.", "[naam] neemt de taken van zijn moeder over."),
    ("Gisteren MDO gehad met Ayoub en zijn moeder.", "Gisteren MDO gehad met [naam] en zijn moeder."),
    ("Mevrouw heeft een nieuwe collega Ahmed op het werk.",
     "Mevrouw heeft een nieuwe collega [naam] op het werk."),
    ("Fatima neemt haar dossiers mee naar het gesprek, waar ze alles laat zien.",
     "[naam] neemt haar dossiers mee naar het gesprek, waar ze alles laat zien."),
    ("Bij spoed bel je Fatima's moeder.", "Bij spoed bel je [naam] moeder."),
    ("Ik ging naar De Vries om de sleutel te halen.", "Ik ging naar [naam] om de sleutel te halen."),
    ("Mevrouw van Sluis naar Hulst gebracht.", "Mevrouw [naam] naar [locatie] gebracht."),
    ("Het formulier was lastig. Een voorbeeld: Fatima Bouzid (43) snapte het niet.",
     "Het formulier was lastig. Een voorbeeld: [naam] ([leeftijd]) snapte het niet."),
    ("Hij moet zich melden bij Fatima voor 1 mei.", "Hij moet zich melden bij [naam] voor [datum]."),
    # House numbers without a street: a neighbour's, a chalet's, after a titled name or a building.
    ("Dhr. Kuipers is opgenomen. De buurman van 12b heeft een sleutel.",
     "Dhr. [naam] is opgenomen. De buurman van [adres] heeft een sleutel."),
    ("Dhr. Lammers woont op het park, chalet 31, en dat mag niet.",
     "Dhr. [naam] woont op het park, [adres], en dat mag niet."),
    ("Ze wil pas terug als de buurman weg is. buurman = nr 18.",
     "Ze wil pas terug als de buurman weg is. buurman = [adres]."),
    ("dhr. v.d. Linden nr 32 heeft weer geen stroom", "dhr. [naam] [adres] heeft weer geen stroom"),
    ("Wilma Akkermans van het hofje achter de kerk, nummer 2, is voorzitter.",
     "[naam] van het hofje achter de kerk, [adres], is voorzitter."),
    ("Mevrouw Jansen zit sinds mei niet meer in haar huis maar op Statenweg 3.",
     "Mevrouw [naam] zit sinds mei niet meer in haar huis maar op [adres]."),
    ("Ik heb meer informatie gekregen van Fatima.", "Ik heb meer informatie gekregen van [naam]."),
    ("Haar oud-collega Ahmed helpt haar.", "Haar oud-collega [naam] helpt haar."),
    ("Welkom Kofi! Hij is net uit Eritrea.", "Welkom [naam]! Hij is net uit [locatie]."),
    ("Ik ken Karim van het jongerenwerk, hij zoekt werk.",
     "Ik ken [naam] van het jongerenwerk, hij zoekt werk."),
    ("Taakverdeling thuis is scheef: Samira doet alles.",
     "Taakverdeling thuis is scheef: [naam] doet alles."),
    ("Kim heeft achterwacht. Moeder belt over de telefoon van Dewi.",
     "Kim heeft achterwacht. Moeder belt over de telefoon van [naam]."),
    ("Deelnemers vandaag:\n- mevrouw Bos (moeder)\n- Karim",
     "Deelnemers vandaag:\n- mevrouw [naam] (moeder)\n- [naam]"),
    ("Ze gaf haar nieuwe telefoonnummer, zoals gevraagd: 06-23456789.",
     "Ze gaf haar nieuwe telefoonnummer, zoals gevraagd: [telefoonnummer]."),
    ("Hij kreeg een appje 'Ayoub, ik maak je af' van Dennis.",
     "Hij kreeg een appje '[naam], ik maak je af' van [naam]."),
    ("In de appgroep 'Vrienden van Ayoub' werd ze gepest.",
     "In de appgroep 'Vrienden van [naam]' werd ze gepest."),
    ("Het verjaardagsfeest van haar zoon is op 12 maart.",
     "Het verjaardagsfeest van haar zoon is op [datum]."),
    ("Wij begeleiden Frank Visser sinds maart.", "Wij begeleiden [naam] sinds maart."),
    # Where one resident lives or comes from, with nothing else in the story.
    ("Een oudere man uit Tuindorp lag op de grond.", "Een oudere man uit [locatie] lag op de grond."),
    ("Hij woont in de Transvaalbuurt.", "Hij woont in de [locatie]."),
    ("Oom Jopie (83) uit Bovensmilde vertelde bij de herdenking.",
     "Oom [naam] ([leeftijd]) uit [locatie] vertelde bij de herdenking."),
    ("Er kwam een oom uit Suriname.", "Er kwam een oom uit [locatie]."),
    # A house number after a postcode; a street no list knows, said to be an address.
    ("Nieuw postadres: 9231 KL 17 (bij de dochter).", "Nieuw postadres: [adres] (bij de dochter)."),
    ("Huurachterstand bij de corporatie, adres Pôlewei 8.",
     "Huurachterstand bij de corporatie, adres [adres]."),
    # Names with a part that is also a month or a word, nicknames in quotes, a bare street noun.
    ("Vandaag sprak ik Mei Ling over haar schulden.", "Vandaag sprak ik [naam] over haar schulden."),
    ("Gisteren belde Xiao Mei over de huur.", "Gisteren belde [naam] over de huur."),
    ("Wang Fang komt elke week naar het taalcafé.", "[naam] komt elke week naar het taalcafé."),
    ("De buurt noemt hem 'Kleine Kees', hij helpt iedereen.",
     "De buurt noemt hem '[naam]', hij helpt iedereen."),
    ("Iedereen kent haar als 'de Dokter'.", "Iedereen kent haar als '[naam]'."),
    ("Ze woont op Markt 9, boven de bakker.", "Ze woont op [adres], boven de bakker."),
    ("mw woont op de markt 9 sinds de zomer", "mw woont op de [adres] sinds de zomer"),
    # Where someone lives, in brackets or closing a line after their name; a region, a route.
    ("De zoon van fam. Oldenhof (Krakeel) is 12.", "De zoon van fam. [naam] ([locatie]) is [leeftijd]."),
    ("mw van 't hul (hanzewijk) belde huilend", "mw [naam] ([locatie]) belde huilend"),
    ("Dhr. Sietse Brandsma, Skoatterwâld. Intake gehad.", "Dhr. [naam], [locatie]. Intake gehad."),
    ("Ouders van Ilyas (10) komen uit de Rif.", "Ouders van [naam] ([leeftijd]) komen uit de [locatie]."),
    ("Ahmad kwam via Griekenland uit Herat.", "[naam] kwam via [locatie] uit [locatie]."),
    ("Ineke woont nu aan de Wipstrikkerallee.", "[naam] woont nu aan de [adres]."),
    ("Fatima (buurvrouw) en Sanne (GGZ) belden.", "[naam] (buurvrouw) en [naam] (GGZ) belden."),
    ("Elif en Zeynep (zusjes) van fam. Arslan zijn verhuisd.",
     "[naam] en [naam] (zusjes) van fam. [naam] zijn verhuisd."),
    ("De motor is Cor van Dalen (74) uit de buurttuin.", "De motor is [naam] ([leeftijd]) uit de buurttuin."),
    ("Rob uit Emmer-Compascuum heeft geen vaste plek.", "[naam] uit [locatie] heeft geen vaste plek."),
    # A nickname in quotes inside a name; ages and years of birth beside a name.
    ("Dhr. Jacobus 'Koos' Rijnders had zijn schulden verzwegen.", "Dhr. [naam] had zijn schulden verzwegen."),
    ("Een bewoner (dhr. J. Kramer, 1966) belde elke avond.",
     "Een bewoner (dhr. [naam], [datum]) belde elke avond."),
    ("Mw. Rombouts, 95 en de oudste van het dorp, ging mee.",
     "Mw. [naam], [leeftijd] en de oudste van het dorp, ging mee."),
    ("dhr en mw Pijnenburg, 82 en 79, wonen op een boerderij.",
     "dhr en mw [naam], [leeftijd], wonen op een boerderij."),
    ("Jayden van 15 is weer geschorst.", "[naam] van [leeftijd] is weer geschorst."),
    # A town holding a word from the not-personal lists; a neighbourhood after a town or a name.
    ("Hij woont in Bergen op Zoom, Gageldonk, en wast met de hand. Dhr. Lucas Verbrugge.",
     "Hij woont in [locatie], [locatie], en wast met de hand. Dhr. [naam]."),
    ("Dhr. Osman Jama (Zeist, Kerckebosch) heeft afgelost.",
     "Dhr. [naam] ([locatie], [locatie]) heeft afgelost."),
    # Where someone lives, after "in" or "uit" right after them, "thuis in", "verhuisd van".
    ("Huisbezoek bij fam. Mohamud in Lammerenburg.", "Huisbezoek bij fam. [naam] in [locatie]."),
    ("Update over mijn cliënt uit Crosestein: hij betaalt zelf.",
     "Update over mijn cliënt uit [locatie]: hij betaalt zelf."),
    ("mevr. Demi Claassen zit weer thuis in Gestel.", "mevr. [naam] zit weer thuis in [locatie]."),
    ("Fam. Arslan is verhuisd van Heksenwiel naar een flat.",
     "Fam. [naam] is verhuisd van [locatie] naar een flat."),
    ("De kinderen van de Papegaaienbuurt vroegen het. Aanvoerder is Rayan, 12.",
     "De kinderen van de [locatie] vroegen het. Aanvoerder is [naam], [leeftijd]."),
    ("Said, 45, uit Al Hoceima, woont alleen.", "[naam], [leeftijd], uit [locatie], woont alleen."),
    ("De kinderen zijn blij.\n- Fatima\n- Henk", "De kinderen zijn blij.\n- [naam]\n- [naam]"),
    # Typed fast: an age after a lower-case name, a neighbour's street after "vd", a named flat,
    # a school's label, an appointment's date, a name before "heet", ages after pronouns.
    ("jayden 14 uit stadshagen weer geschorst", "[naam] [leeftijd] uit [locatie] weer geschorst"),
    ("nieuwe klant uit presikhaaf, 34, alleenstaand", "nieuwe klant uit [locatie], [leeftijd], alleenstaand"),
    ("mw de jong (92) vd weverstraat is gevallen", "mw [naam] ([leeftijd]) vd [adres] is gevallen"),
    ("mw. Lambrechts woont in flat de Spiegel", "mw. [naam] woont in flat [locatie]"),
    ("zusje van yara is 11. school: de kameleon", "zusje van [naam] is [leeftijd]. school: [instelling]"),
    ("Fam. Baptiste belde. Nieuwe afspraak wordt 27/5.", "Fam. [naam] belde. Nieuwe afspraak wordt [datum]."),
    ("mw op bergweg 22, buren denken dat ze ruth heet", "mw op [adres], buren denken dat ze [naam] heet"),
    ("meneer en mevrouw Bakker, zij 81 hij 84.", "meneer en mevrouw [naam], zij [leeftijd] hij [leeftijd]."),
    ("een van hen heet rayan, denk een jaar of 13", "een van hen heet [naam], denk een jaar of [leeftijd]"),
    ("Mevrouw Jansen is 75 en ouder dan ze lijkt.", "Mevrouw [naam] is [leeftijd] en ouder dan ze lijkt."),
    ("Wat werkte bij onze jongen uit Schothorst: een vaste plek.",
     "Wat werkte bij onze jongen uit [locatie]: een vaste plek."),
    ("Hij woont met haar zus in Maastricht.", "Hij woont met haar zus in [locatie]."),
    ("Contact met vader (woont Curaçao) loopt via video. Kevin is 12.",
     "Contact met vader (woont [locatie]) loopt via video. [naam] is [leeftijd]."),
    ("Verslag: cliënt (m, 31) uit Lombok, Utrecht.",
     "Verslag: cliënt (m, [leeftijd]) uit [locatie], [locatie]."),
    ("Daar woont Mohamed, zegt ze.", "Daar woont [naam], zegt ze."),
    # Where someone lives, before the verb; a town or a quarter typed in lower case beside them.
    ("Met dank aan Hassan, die zelf in de Hilledijk woont.",
     "Met dank aan [naam], die zelf in de [locatie] woont."),
    ("huisbezoek mw van rijswijk in de wijk, geldrop. dochter lotte (8)",
     "huisbezoek mw [naam] in de wijk, [locatie]. dochter [naam] ([leeftijd])"),
    ("dhr bakker uit vaartbroek, 81", "dhr [naam] uit [locatie], [leeftijd]"),
    ("mw jansen in paniek, belde 3x", "mw [naam] in paniek, belde 3x"),
    ("Mw. Hoogstraten woont in serviceflat Het Kloosterhof in Oosterhout, is 89 en blijft.",
     "Mw. [naam] woont in serviceflat [locatie] in [locatie], is [leeftijd] en blijft."),
    ("mw jan de vries belde, jeroen het aanspreekpunt niet",
     "mw [naam] belde, [naam] het aanspreekpunt niet"),
    ("Marieke belde: ze wil pas terug naar haar appartement in de Triniteit.",
     "[naam] belde: ze wil pas terug naar haar appartement in de [locatie]."),
    # A place first in brackets, or before "waar … woont"; a line headed by a place, not by a word.
    ("Mw. Zeeman (Leesten, 3 hoog) belde weer.", "Mw. [naam] ([locatie], 3 hoog) belde weer."),
    ("Ze wil terug naar Stokhorst, waar haar zus woont. Mw. Kok is 48.",
     "Ze wil terug naar [locatie], waar haar zus woont. Mw. [naam] is [leeftijd]."),
    ("Zuiderhout: fam. Çelik heeft weer een brief.", "[locatie]: fam. [naam] heeft weer een brief."),
    ("Update: mw. Kok belde.", "Update: mw. [naam] belde."),
    # A year of birth or a house number right after a name; ages after a title or a nickname.
    ("Aanmelding: Yusuf Demir, 1981, Koerdisch.", "Aanmelding: [naam], [datum], Koerdisch."),
    ("Haar buurman Jo Peeters (nr. 12) hielp mee.", "Haar buurman [naam] ([adres]) hielp mee."),
    ("Meneer Aksoy (Ali), 58, kreeg de sleutel.", "Meneer [naam] ([naam]), [leeftijd], kreeg de sleutel."),
    ("Mevrouw is 80, meneer 84.", "Mevrouw is [leeftijd], meneer [leeftijd]."),
    ("Drie kinderen, jongste 5 weken, mw. Kok is moe.",
     "Drie kinderen, jongste [leeftijd], mw. [naam] is moe."),
    # A housing corporation's one-word brand, by its shape.
    ("mw. Tahiri huurt bij HavenWonen, lekkage.", "mw. [naam] huurt bij [instelling], lekkage."),
    # An initial's full stop opens no sentence; a school named with a capitalised article; a park
    # someone lives on; a couple's ages.
    ("B. de Boer, geb. 1949, wil geen hulp.", "[naam], geb. [datum], wil geen hulp."),
    ("Zijn zusje Noor zit op De Vlieger.", "Zijn zusje [naam] zit op [instelling]."),
    ("Dhr. Nowak woont in een chalet op park de Groene Weide.",
     "Dhr. [naam] woont in een chalet op park [locatie]."),
    ("Fam. Hoekstra wil geen hulp. Zijn 81 en 83.", "Fam. [naam] wil geen hulp. Zijn [leeftijd]."),
    ("Bram 'de Kapper' Wijnveldt belt elke dag.", "[naam] belt elke dag."),
    ("dhr de graaf (bj 1955) wil stoppen.", "dhr [naam] (bj [datum]) wil stoppen."),
    ("Meneer Wijnsma zegt zijn tuin op volkstuinpark Ons Belang op.",
     "Meneer [naam] zegt zijn tuin op volkstuinpark [locatie] op."),
    ("Fam. Haddad is verhuisd van de Regentesse naar de Dragonder.",
     "Fam. [naam] is verhuisd van de [locatie] naar de [locatie]."),
    ("Fam. Yıldız woont op een bovenwoning aan de Dr. Schaepmanlaan.",
     "Fam. [naam] woont op een bovenwoning aan de [locatie]."),
    ("Meneer Dušan Petrović (eigenlijk uit Novi Sad) snoeit.",
     "Meneer [naam] (eigenlijk uit [locatie]) snoeit."),
    ("mw janssen belde over haar tv. is 94 dus ik ga ff",
     "mw [naam] belde over haar tv. is [leeftijd] dus ik ga ff"),
    # A street named after someone, Amsterdam's floor colours, the second of two house numbers.
    ("Bij fam. Çelik, Hendrik Sorchstraat 41b.", "Bij fam. [naam], [adres]."),
    ("Mw. Sewtahal woont op Kleverlaan 118-rood.", "Mw. [naam] woont op [adres]."),
    ("Johan en Saskia van nr 3 en nr 5 verfden het hek.",
     "[naam] en [naam] van [adres] en [adres] verfden het hek."),
    # Residents named the ways colleagues are: a job in brackets, work taken over at home, a key
    # with a neighbour, chores, a compliment, a question, a birthday at the coffee morning.
    ("Haar man Ahmed (magazijnmedewerker) werkt in ploegendienst.",
     "Haar man [naam] (magazijnmedewerker) werkt in ploegendienst."),
    ("Sinds vader ziek is neemt Jayden het werk over.", "Sinds vader ziek is neemt [naam] het werk over."),
    ("De sleutel ligt bij Ans, de buurvrouw van nummer 12.",
     "De sleutel ligt bij [naam], de buurvrouw van [adres]."),
    ("Thuis verdeelt moeder de taken: Jayden doet de afwas, Noor ruimt op.",
     "Thuis verdeelt moeder de taken: [naam] doet de afwas, [naam] ruimt op."),
    ("Jayden is al drie dagen weg, mijn collega Sanne heeft de politie gebeld.",
     "[naam] is al drie dagen weg, mijn collega Sanne heeft de politie gebeld."),
    ("Groot compliment voor Dewi: ze heeft haar diploma gehaald!",
     "Groot compliment voor [naam]: ze heeft haar diploma gehaald!"),
    ("Weet je wie er weer op het spreekuur kwam? Dewi", "Weet je wie er weer op het spreekuur kwam? [naam]"),
    ("Mevrouw heeft vragen over de scheiding en belt daarvoor naar Mila.",
     "Mevrouw heeft vragen over de scheiding en belt daarvoor naar [naam]."),
    ("Jarig vandaag: Henk (82) van de koffieochtend!",
     "Jarig vandaag: [naam] ([leeftijd]) van de koffieochtend!"),
    # Away without anyone to call instead: maybe a resident.
    ("Fatima is tot vrijdag ziek, ze belde vanochtend.", "[naam] is tot vrijdag ziek, ze belde vanochtend."),
    ("Mw. Kok woont in de Stad van de Zon.", "Mw. [naam] woont in de [locatie]."),
    # Every place of a list after "in", and a town abroad of two words after any word for a place.
    ("Dhr. Smit woont alleen, zijn kinderen wonen in Genk, Düsseldorf en Almere.",
     "Dhr. [naam] woont alleen, zijn kinderen wonen in [locatie], [locatie] en [locatie]."),
    ("Mw. Kok woont alleen, haar familie zit in Hargeisa en Birmingham.",
     "Mw. [naam] woont alleen, haar familie zit in [locatie] en [locatie]."),
    ("Dhr. Smit gaat elke winter richting Al Hoceima.", "Dhr. [naam] gaat elke winter richting [locatie]."),
    # …but a name or an abbreviation after the place is no place, nor a corner of a street.
    ("Mw. Kok woont in Zeist en Fatima in Utrecht.", "Mw. [naam] woont in [locatie] en [naam] in [locatie]."),
    ("Mw. Kok, geboren in Paramaribo, BSN 111222333.", "Mw. [naam], geboren in [locatie], BSN [bsn]."),
    # A town that is also a word, right after an address; a school's "t" typed without its apostrophe.
    ("Aanmelding: dhr. Smit, Molenweg 23 in Echt.", "Aanmelding: dhr. [naam], [adres] in [locatie]."),
    # A resident who can turn to someone is no colleague's contact.
    ("Mw. Kok kan voor boodschappen bij Ans terecht.",
     "Mw. [naam] kan voor boodschappen bij [naam] terecht."),
    ("Opa Smit kwam na de oorlog uit Zakopane.", "Opa [naam] kwam na de oorlog uit [locatie]."),
    # A form's age field, an age with "bijna", a year of birth typed short, a village near a town
    # abroad.
    ("Naam: Wiebe de Haan\nLeeftijd: 58", "Naam: [naam]\nLeeftijd: [leeftijd]"),
    ("Bilal is 9, Yara bijna 6.", "[naam] is [leeftijd], [naam] bijna [leeftijd]."),
    ("mw. R. Sardjoe wil wisselen. Geboren '67, al jaren in zorg.",
     "mw. [naam] wil wisselen. Geboren [datum], al jaren in zorg."),
    ("Sevgi Demir komt uit een boerendorp bij Konya.", "[naam] komt uit een boerendorp bij [locatie]."),
    # A site named after the resident; "hr." as a title; a house number on a floor; a postcode with
    # "nr"; a birthday's date; the oldest child's age; home care by name; a Frisian street.
    ("Hij schrijft een blog: www.lucasbijlsmaschrijft.nl. Lucas Bijlsma is 29.",
     "Hij schrijft een blog: [url]. [naam] is [leeftijd]."),
    ("Fatima Zahra kijkt op www.nibud.nl voor de rekentool.",
     "[naam] kijkt op www.nibud.nl voor de rekentool."),
    ("aanmelding hr. t. wierenga, 1e verdieping nummer 57, lift is kapot",
     "aanmelding hr. [naam], 1e verdieping [adres], lift is kapot"),
    ("mw. Stientje Brink, postcode 9363TK nr 4 (achterom)", "mw. [naam], postcode [adres] (achterom)"),
    ("mw jansen (83) is 12-12 jarig, kaartje sturen?",
     "mw [naam] ([leeftijd]) is [datum] jarig, kaartje sturen?"),
    ("fam. Alhamwi: jongste is 9, oudste 14.", "fam. [naam]: jongste is [leeftijd], oudste [leeftijd]."),
    ("Mw. De Jong krijgt thuiszorg van Thuiszorg Het Friese Land.",
     "Mw. [naam] krijgt thuiszorg van [instelling]."),
    ("Bûtenwei 4 in Akkrum, mw. De Jong", "[adres] in [locatie], mw. [naam]"),
    # A neighbourhood of two words from our lists, typed in lower case; not a corner of a street.
    ("mw el idrissi uit de haagse beemden komt niet meer.", "mw [naam] uit de [locatie] komt niet meer."),
    # A wijk or buurt only CBS's list knows, where a word before it says place: in lower case, with
    # its article, of more words; one of ordinary words only as typed with capitals.
    ("mw. Tahiri woont in brunnepe, 2 hoog.", "mw. [naam] woont in [locatie], 2 hoog."),
    ("moeder alleen met 3 kids in de schooten", "moeder alleen met 3 kids in [locatie]"),
    ("bel ff met youssef uit coevering, hij wil stoppen", "bel ff met [naam] uit [locatie], hij wil stoppen"),
    ("moeder en 2 kids wonen sinds mei in kerk en zanen", "moeder en 2 kids wonen sinds mei in [locatie]"),
    ("mw. Kok woont in De Hoge Hoek bij haar zus.", "mw. [naam] woont in [locatie] bij haar zus."),
    ("Mw. Kok heeft twee kinderen in het buitenland.", "Mw. [naam] heeft twee kinderen in het buitenland."),
    # A named flat between "in" and the name; a street named after someone, in lower case; a town
    # near which, in lower case; a quarter after a town and a dash; a town right after a
    # neighbourhood; a care home and a practice in lower case.
    ("Lift in flat Het Zeepaardje al weken kapot, de mevrouw op 6 hoog komt er niet meer uit.",
     "Lift in flat [locatie] al weken kapot, de mevrouw op 6 hoog komt er niet meer uit."),
    ("thomas (woont op de van oldenbarneveltstraat) is niet geweest",
     "[naam] (woont op de [adres]) is niet geweest"),
    ("dhr. wojcik werkt via een uitzendbureau bij zeewolde.",
     "dhr. [naam] werkt via een uitzendbureau bij [locatie]."),
    ("Mw. Gebremedhin woont in Stadskanaal - Maarsveld.", "Mw. [naam] woont in [locatie] - [locatie]."),
    ("mw hendriks woont in het waterkwartier zutphen", "mw [naam] woont in het [locatie]"),
    ("mw dijkstra is verhuisd naar zorgcentrum de bolder.",
     "mw [naam] is verhuisd naar zorgcentrum [instelling]."),
    ("We gaan na de zomer terug naar Nederland.", "We gaan na de zomer terug naar Nederland."),
    # A known place heading a chat line in lower case; a group named after its neighbourhood, not a
    # team named after its town.
    ("wezep: nieuwe melding, jan-willem de graaf 52 jr, woont alleen",
     "[locatie]: nieuwe melding, [naam] [leeftijd], woont alleen"),
    ("de Selwerd-moeders willen een ruimte, contact via Aïcha",
     "de [locatie]-moeders willen een ruimte, contact via [naam]"),
    ("Het Utrecht-team komt langs, Fatima vertelt over haar moeder.",
     "Het Utrecht-team komt langs, [naam] vertelt over haar moeder."),
    # A part of a town. What a review of these rules found they must leave alone: a colleague doing
    # the team's work, a greeting that is also a village, a language that is also a CBS area, "elk
    # gezin", a file that goes back to a meeting.
    ("dhr. de wit woont in het centrum van tiel, wil hulp",
     "dhr. [naam] woont in het centrum van [locatie], wil hulp"),
    ("overleg om 10u, niels doet de notulen", "overleg om 10u, niels doet de notulen"),
    ("hee, mw de wit belt je terug", "hee, mw [naam] belt je terug"),
    ("kan iemand de brief in het frans vertalen? elk gezin krijgt er een",
     "kan iemand de brief in het frans vertalen? elk gezin krijgt er een"),
    ("sanne dienst 2 gaat niet door", "sanne dienst 2 gaat niet door"),
    # A city's district by its compass point, capitalised where someone lives; not the team's area.
    ("Meneer Pinas woont in Zuid en wil verhuizen.", "Meneer [naam] woont in [locatie] en wil verhuizen."),
    ("We werken vooral in Noord en Oost.", "We werken vooral in Noord en Oost."),
    ("de casus van het gezin gaat terug naar MDO", "de casus van het gezin gaat terug naar MDO"),
    ("Het verpleeghuis de hele dag open houden kost geld.",
     "Het verpleeghuis de hele dag open houden kost geld."),
    # A first name after a relative's title that is also a particle elsewhere; a character from
    # world literature to compare with.
    ("opa Ben (87) zit alleen thuis.", "opa [naam] ([leeftijd]) zit alleen thuis."),
    ("Sommige dagen voel ik me meer Don Quichot dan hulpverlener.",
     "Sommige dagen voel ik me meer Don Quichot dan hulpverlener."),
    # A first name in lower case from a neighbourhood with its article.
    ("wie kent piotr uit de kolenkit? hij wil een klusclub",
     "wie kent [naam] uit [locatie]? hij wil een klusclub"),
    # A school or care group whose type, capitalised, is part of its name.
    ("Noor (12) zit op Lyceum De Waterlinie.", "[naam] ([leeftijd]) zit op [instelling]."),
    ("Mw. Kok woont op de hoek bij de bakker.", "Mw. [naam] woont op de hoek bij de bakker."),
    # A form's place and birth-date fields; a couple's one age; an allotment association by name.
    ("Naam: Ahmad Noori\nWoonplaats: Wijk bij Duurstede\nHerkomst: Herat (Afghanistan)",
     "Naam: [naam]\nWoonplaats: [locatie]\nHerkomst: [locatie] ([locatie])"),
    ("Naam kind: Milan Verhoef\nGeboortedatum: 22-11 (jaar volgt)",
     "Naam kind: [naam]\nGeboortedatum: [datum] (jaar volgt)"),
    ("Meneer en mevrouw Zhang, beiden 80, eten elke vrijdag mee.",
     "Meneer en mevrouw [naam], beiden [leeftijd], eten elke vrijdag mee."),
    ("Rashida van volkstuinvereniging Ons Genoegen heeft haar tuintje opengesteld.",
     "[naam] van volkstuinvereniging [locatie] heeft haar tuintje opengesteld."),
    # Residents and relatives named the ways colleagues are (a review of the colleague rules):
    # ill when a home visit is called off, a relative to call, a neighbour to turn to, a relative at
    # his office, young people thanked for helping, a son taking over appointments, a resident at a
    # congress or a study day with the writer, a complaint made together, a volunteer taking over a
    # group, an everyday "letterlijk", an initial thanked.
    ("Fatima is ziek, dus het huisbezoek van donderdag gaat niet door.",
     "[naam] is ziek, dus het huisbezoek van donderdag gaat niet door."),
    ("Voor geldzaken bel je Kevin, haar zoon, hij heeft volmacht.",
     "Voor geldzaken bel je [naam], haar zoon, hij heeft volmacht."),
    ("Vragen over haar medicatie: bel Esra, de dochter.",
     "Vragen over haar medicatie: bel [naam], de dochter."),
    ("In de flat kun je voor alles bij Gerda terecht, ze woont er al veertig jaar.",
     "In de flat kun je voor alles bij [naam] terecht, ze woont er al veertig jaar."),
    ("Zoon werkt overdag, dus ik bel Kevin op kantoor over de aanvraag voor zijn moeder.",
     "Zoon werkt overdag, dus ik bel [naam] op kantoor over de aanvraag voor zijn moeder."),
    ("Dank aan Jayden en Rayan van het jongerenwerk voor het opruimen van het plein.",
     "Dank aan [naam] en [naam] van het jongerenwerk voor het opruimen van het plein."),
    ("De afspraken van zijn moeder neemt Kevin over, hij heeft zorgverlof.",
     "De afspraken van zijn moeder neemt [naam] over, hij heeft zorgverlof."),
    ("Peter en ik zijn samen naar het congres geweest; hij slaapt zelf in zijn auto.",
     "[naam] en ik zijn samen naar het congres geweest; hij slaapt zelf in zijn auto."),
    ("Daan gaat vrijdag niet naar de studiedag van de mbo, hij zit thuis met paniekaanvallen.",
     "[naam] gaat vrijdag niet naar de studiedag van de mbo, hij zit thuis met paniekaanvallen."),
    ("Ik heb namens Joke en mij een klacht ingediend bij de corporatie.",
     "Ik heb namens [naam] en mij een klacht ingediend bij de corporatie."),
    ("Na de zomer neemt Truus mijn groep over, zij is al tien jaar vrijwilliger.",
     "Na de zomer neemt [naam] mijn groep over, zij is al tien jaar vrijwilliger."),
    ("Hij werd letterlijk 14 februari uit huis gezet.", "Hij werd letterlijk [datum] uit huis gezet."),
    ("Dank aan M. Bakker voor het opvangen van de kat.", "Dank aan [naam] voor het opvangen van de kat."),
    # A resident who is ill while a relative is on a course is no colleague.
    ("Mw. Kok is ziek en haar dochter Ans zit op cursus, dus de boodschappen vallen uit.",
     "Mw. [naam] is ziek en haar dochter [naam] zit op cursus, dus de boodschappen vallen uit."),
    ("Mw. Kok wil weten hoe het zit, vraag het aan haar dochter Petra.",
     "Mw. [naam] wil weten hoe het zit, vraag het aan haar dochter [naam]."),
    ("de school van kevin? basisschool t kompas, de ib'er belt niet terug",
     "de school van [naam]? basisschool [instelling], de ib'er belt niet terug"),
    # An initial is no colleague's first name, in a roster or anywhere.
    ("Voor de crisisdienst: M. Smit, cliënt van ons. Ze is nu veilig bij haar zus.",
     "Voor de crisisdienst: [naam], cliënt van ons. Ze is nu veilig bij haar zus."),
    # Residents' groups and venues named after their neighbourhood name it ("Buurthuis De Kiosk"
    # names a venue only).
    ("Buurtcomité Noordgeest heeft een nieuwe voorzitter: mw. Akkermans van nummer 2.",
     "Buurtcomité [locatie] heeft een nieuwe voorzitter: mw. [naam] van [adres]."),
    ("Buurtkamer Kruidenbuurt: Henk Mulder (67) zet elke ochtend de koffie.",
     "Buurtkamer [locatie]: [naam] ([leeftijd]) zet elke ochtend de koffie."),
    ("In buurthuis Kanaleneiland vertelde mevrouw Amrani (71) over haar kleinzoon.",
     "In buurthuis [locatie] vertelde mevrouw [naam] ([leeftijd]) over haar kleinzoon."),
    ("In buurthuis De Kiosk vertelde mevrouw Amrani (71) over haar kleinzoon.",
     "In buurthuis De Kiosk vertelde mevrouw [naam] ([leeftijd]) over haar kleinzoon."),
    # A neighbourhood named by an ordinary word, right after a resident or where one lives.
    ("jayden uit morgenstond weer gespijbeld, moeder neemt niet op",
     "[naam] uit [locatie] weer gespijbeld, moeder neemt niet op"),
    ("jongen van 15 uit de hoven, moeder vraagt hulp",
     "jongen van [leeftijd] uit [locatie], moeder vraagt hulp"),
    ("hij woont in Zuilen bij zijn moeder en wil een eigen kamer",
     "hij woont in [locatie] bij zijn moeder en wil een eigen kamer"),
    # A country of origin in a sentence about the resident; the places of a story about one.
    ("Abu Khaled is 71 en woont in Ede. Hij mist Syrië, maar vooral zijn schaakclub.",
     "[naam] is [leeftijd] en woont in [locatie]. Hij mist [locatie], maar vooral zijn schaakclub."),
    ("Een man die al jaren in de ggz zit, woont in Overvecht. Hij begon over Marokko, over zijn vader.",
     "Een man die al jaren in de ggz zit, woont in [locatie]. Hij begon over [locatie], over zijn vader."),
    # A village that is also a shop's name, without an article; the shop keeps its article.
    ("Mevrouw Pronk (88) uit Blokker wil mee met de busreis.",
     "Mevrouw [naam] ([leeftijd]) uit [locatie] wil mee met de busreis."),
    ("Mevrouw Pronk (88) kocht een nieuwe pan bij de Blokker.",
     "Mevrouw [naam] ([leeftijd]) kocht een nieuwe pan bij de Blokker."),
    # A part of a country by its compass point, in lower case; a village's venue; a district by
    # its compass point first in brackets after a name.
    ("mw Bakker (61) gaat naar oost-oekraïne.", "mw [naam] ([leeftijd]) gaat naar [locatie]."),
    ("Meneer Koster (80) kwam naar de soos in het dorpshuis van oosterwolde.",
     "Meneer [naam] ([leeftijd]) kwam naar de soos in het dorpshuis van [locatie]."),
    ("Mevrouw Baars (Zuidwest, 2e etage) heeft geen warm water.",
     "Mevrouw [naam] ([locatie], 2e etage) heeft geen warm water."),
    # The parts of one place found apart are masked as one.
    ("In het Hofje van Nieuwkoop woont mevrouw Teunissen al 40 jaar.",
     "In het [locatie] woont mevrouw [naam] al 40 jaar."),
    # Someone known by name, by a relative clause about where they live; a residents' group named
    # after a neighbourhood that is an ordinary word; a place's name after "uit".
    ("Yasmina, die al dertig jaar in Transvaal woont, stopt bij de speeltuinvereniging.",
     "[naam], die al dertig jaar in [locatie] woont, stopt bij de speeltuinvereniging."),
    ("Bewonersgroep Ondiep heeft een nieuwe voorzitter: Ria Verhoef.",
     "Bewonersgroep [locatie] heeft een nieuwe voorzitter: [naam]."),
    ("buurtmoeder samira uit het oude noorden zoekt een ruimte",
     "buurtmoeder [naam] uit het [locatie] zoekt een ruimte"),
    # A colleague's office wing in brackets is no district.
    ("Overleg met Ruud (Zuid, kamer 2.14) verschoven naar 11 uur.",
     "Overleg met [naam] (Zuid, kamer 2.14) verschoven naar 11 uur."),
])
def test_the_whole_identifying_span_is_masked(guard, typed, masked):
    assert mask(typed, guard.scan(typed)) == masked


@pytest.mark.parametrize("clean", [
    "We vierden het met kerst in de buurt en iedereen bracht iets mee.",
    "Het ging over normen en waarden, en over wat de buurt van ons vraagt.",
    "Storm en regen: de barbecue ging naar binnen, en juist dat werkte.",
    "Bel bij twijfel Veilig Thuis op 0800-2000, dat doen we altijd samen.",
    "Vul je postcode in zoals 1234 AB en kijk op nibud.nl voor de rekentool.",
    # The examples forms print are nobody's data.
    "Op het formulier staat bij BSN het voorbeeld 123456782 en bij postcode 1234 AB.",
    "Het is tien uur en de koffie staat klaar.",
    "Voor kinderen van 4 tot 12 jaar is er elke woensdag een club.",
    # "meneer" and "mevrouw" as nouns; plants and birds that are also first names.
    "Een meneer verkocht zijn fiets om de energierekening te betalen.",
    "Mevrouw noemde zichzelf een doorzetter, en dat is ze ook.",
    "Mees en merel zitten in de vogelhuisjes; salie, tijm en rozemarijn in de bakken.",
    # Numbers of services: municipalities (14 0xx) and companies (088).
    "De gemeente is bereikbaar op 14 020 en de woningcorporatie op 088 123 4567.",
    "Op het formulier staat als voorbeeld NL00 BANK 0123 4567 89, dat vullen mensen soms in.",
    # Dates of the team's own agenda or of a named day; an age in a rule for anyone.
    "Op de studiedag van 14 november bespreken we zijn boek.",
    "Op 1 oktober, de Internationale Dag van de Ouderen, delen we bloemen uit.",
    "Met 13 jaar mag je licht werk doen, zoals kranten bezorgen.",
    # Kinds of streets, the team's own area, a course named with a phrase.
    "Op de terugweg naar de winkelstraat praatten we na.",
    "Ons buurtteam werkt in Kanaleneiland en bestaat uit zeven mensen.",
    "We geven samen met de fysiotherapeut de cursus In Balans.",
    # Public days, rules for everyone, the team's agenda, public sites and apps, authors.
    "Bij de herdenking op 4 mei kwam een oudere man naar me toe.",
    "De AOW-leeftijd is nu 67 jaar. Kinderen tot 18 jaar gaan gratis naar de tandarts.",
    "Teamdag op vrijdag 20 juni in Utrecht, met echte casussen.",
    "Het formulier staat op www.svb.nl/nl/aow; samen met meneer de DigiD-app geïnstalleerd.",
    "Ik raad het boek 'Kleine stappen' van Henk Molenaar aan, en de lezing van hoogleraar Ria Bos.",
    "Sinds 2019 werken we met vaste koppels per gezin. Het scheelt veel uitleg.",
    "Er kwamen vrijwilligers (8) en deelnemers (23) op de buurtavond.",
    "Bij de cursus van het Rode Kruis leerden ouderen een AED gebruiken.",
    # The team's agenda and area, a group's ages, a law, an author quoted.
    "Tip uit de Movisie-training van 12 maart: vraag eerst wat er goed gaat.",
    "Als wijkteam Noord in Zwolle merken we dat de buurtkamer werkt.",
    "In de Vogelwijk, ons werkgebied, werkt een groepsapp per straat goed.",
    "Teamuitje naar het museum in Enkhuizen: mooi om te zien hoe het vroeger ging.",
    "De groepstraining voor kinderen (8-12 jaar) heeft elke keer dezelfde opbouw.",
    "Over de Wet verplichte ggz (Wvggz, 2020): de zorgmachtiging is geen crisismaatregel.",
    "Richard Sennett schreef het al: samenwerken is een ambacht.",
    "We liepen door ons eigen werkgebied, Hoograven, en zagen kapotte lampen.",
    "De normen voor leefgeld zijn per 1 januari aangepast.",
    "Reflectie na de teamdag in Zeist: misschien zijn wij soms de bewonermijders.",
    "Eén meneer belt nu zelf elke dinsdag terug.",
    "Tip van de Wmo-consulent: de scootmobielpool in de wijk.",
    "Ze kozen een regel uit 'Zoutelande' voor de muurschildering.",
    "We draaiden de film 'Soof' voor een groep vrouwen.",
    # The team's own places, and partners or places with no one named next to them.
    "Elke dinsdag ontbijten ouderen in buurtkamer De Schakel. Vrijdag is De Schakel dicht.",
    "Een vrijwilliger van Schuldhulpmaatje zat elke week met hem aan tafel.",
    "Het bezwaar ging aangetekend naar het CJIB in Leeuwarden.",
    "Het Drie Huizen-gesprek met de kinderen werkte goed.",
    "Veel ouderen wonen in huizen met trappen.",
    "Ophaalpunten:\n1. buurthuis De Kajuit\n2. de bibliotheek",
    "Op 10 oktober, Wereld Mentale Gezondheidsdag, vertelde een ervaringsdeskundige over haar depressie.",
    # A post's sign-off names its author or colleagues; a street alone, where no one lives.
    "Koffie om tien uur in de buurtkamer werkte. Groet, Marieke",
    "Nabespreken na drie crisismeldingen hielp echt. Dank Fenna en Joris!",
    "Wie helpt mee met de kraam op de markt? groetjes Lotte & Bas 🙂",
    "Geduld loont: de vierde keer belde hij zelf. — Samira",
    "Ons kantoor is verhuisd naar de Oudestraat, boven de bakker.",
    # Ages of groups and of how long something runs; a date given as an example; places named
    # after a preposition and an article; towns, and the authors of methods.
    "Onze doelgroep is 75+, gemiddeld 81 jaar. Het inloopspreekuur draait nu 3 jaar.",
    "Vul de geboortedatum in als dd-mm-jjjj, bijvoorbeeld 01-01-2010.",
    "We gingen vissen bij de Kralingse Plas en stonden daarna met een kraam op de Brink.",
    "Vanaf 1 januari werken we in Den Bosch met Vroeg Eropaf.",
    "We werken met Signs of Safety van Andrew Turnell en WRAP van Mary Ellen Copeland.",
    "De buurman las een roman van 300 pagina's voor aan de groep.",
    # Colleagues thanked or named as the contact; a chat mention; authors of one work; a club.
    "Dank Marieke voor het overnemen van mijn huisbezoeken vandaag 🙏",
    "Dankjewel Fatma en Joost voor de overdracht, heel helder.",
    "Training op 12 maart, nog 3 plekken. Opgeven bij Sanne.",
    "@team: de folder ligt weer bij de balie. Gr. Roel",
    "Boektip: 'Kinderen van het land' van Rina Mae Acosta en Michele Hutchison. Mooi boek.",
    "Jenny de Jong Gierveld liet al zien dat eenzaamheid geen leeftijd heeft.",
    "We praten met Go Ahead Eagles over een voetbalkamp; de potjesmethode van Mirjam werkt ook.",
    # Colleagues mentioned or addressed in the chat; durations, ranges and things' ages; an
    # author's possessive; a saying with a name.
    "Thanks @Rachid voor de Excel met alle beslagvrije voeten 🙌",
    "Pieter en Ruud, kunnen jullie de notulen nog even nakijken?",
    "Naam: onbekend\nMorgen belt hij 3, misschien 4 keer.",
    "Veilig Thuis is 24/7 bereikbaar. Het project krijgt subsidie voor 2 jaar.",
    "Rond 10 à 12 jaar mag een kind soms alleen thuisblijven.",
    "De flats rond het Loosduinse Hoofdplein zijn uit 1959 en hebben geen lift.",
    "Reflectie op Saul Alinsky's 'Rules for Radicals': eerst vertrouwen winnen.",
    "Geduld van Job nodig vandaag met de wachtlijsten.",
    # A count of things after "is"; a group's name in quotes; the colleague to call.
    "De training is 4 dagdelen en gratis, de cursus is 6 avonden.",
    "Wandelgroep 'Stap voor Stap' loopt elke donderdag vanaf het buurthuis.",
    "Morgen ben ik er niet. Spoed: bel Bas.",
    # A duration, a building's year.
    "De wachttijd in onze gemeente is acht jaar. Politiek, luister!",
    "Het gebouw is van 1938 en heeft geen lift.",
    # A venue's address in an announcement that names no one.
    "Teamdag donderdag 13 maart. Locatie: wijkcentrum De Wilgenhof, Lansinkweg 41, zaal 2.",
    "Repair Café elke laatste zaterdag in buurthuis 't Pleintje, Kloosterweg 3.",
    "Vanaf maandag 2 juni zitten we aan de Hengelosestraat 585, 7521 AG Enschede.",
    # A film's title before its maker; a river; a colleague signing off on a line of their own.
    "Gisteravond 'I, Daniel Blake' van Ken Loach gekeken met de vrijwilligers.",
    "De Zonnebloem zoekt begeleiders voor de boottocht over de Maas.",
    "Bespreek de rest in het MDO. Thanks 🙏\n– Sam",
    "Afmelden vóór 6 maart bij Ilse. Groet, Ilse",
    "Telefoon: liefst een 06-nummer Feedback naar Mirjam.",
    # Colleagues by what only colleagues do: casework taken over, leave, meetings of professionals.
    "Mo neemt vanaf maandag de casussen van Dewi over, zij gaat met verlof.",
    "Kim en Thijs zijn vandaag bij het ZAT-overleg, dus spoed graag via Roos.",
    "Vandaag supervisie gehad met Gert-Jan over te snel oplossen.",
    "Ben een weekje weg. Wietske neemt mijn casussen waar, voor spoed bel je Hennie op kantoor.",
    "Dikke dank aan Marloes en Sjoerd voor het regelen van de kerstpakketten!",
    "Vrijwilligers gezocht! Aanmelden via Femke of Bart.",
    "Volgende week ben ik op het congres. Voor dringende dingen: Ilse.",
    "Kick-off is in februari, meer informatie volgt via Nienke.",
    # A service's name, its team's office, a form's example, a neighbourhood in a quoted question.
    "Het centrum voor jeugd en gezin in Hengelo is twintig jaar oud.",
    "Goede samenwerking met de PAAZ van het Elisabeth-TweeSteden Ziekenhuis: ze bellen ons nu standaard.",
    "Het team van 15 vrijwilligers kookt. Het rapport (2019, p. 12) zegt dat ook.",
    "Dank aan Sanne, Joris, Femke en Mebrat voor het meedraaien! Wij werken in Zwolle, Kampen, Deventer.",
    "De collega uit Zwolle belde. We keken met de groep naar Tussen Kunst & Kitsch.",
    "In Goes-Oost wordt veel gesloopt. Van Sluis naar Hulst ben je met de bus een uur onderweg.",
    "We koken vrijdag voor 60 man in ons buurthuis in Kronehoef.",
    "Vrijwilligersuitje gaat naar Urk: vis eten. Opgeven bij Annemiek voor 1 mei.",
    "De juf van 7b belde. Bewoners van 75+ zitten vaak vast op drie hoog.",
    "Een woning in Utrecht vinden is lastig voor iedereen.",
    "Kinderen vanaf een jaar of 6 tekenen mee; hij belde 3 keer.",
    "Wie in de Schilderswijk woont, weet dat. Iedereen die in Nederland woont heeft recht op zorg.",
    "Nieuwe collega begint maandag: Yusuf, komt van het wijkteam in Apeldoorn.",
    "Scheelt echt in de sfeer. (tip van Femke op de intervisie 🙏)",
    # General facts, a jubilee, a group's ages, a worker's weekend, a café, an idiom, a town's quarter.
    "In Overvecht zit een op de drie jongeren in een gezin met een uitkering, zegt de wijkmonitor.",
    "De opkomst is het hoogst waar het buurthuis al langer dan 20 jaar bestaat.",
    "Het Dorpshuis in Oosterend viert dit weekend zijn 50-jarig bestaan.",
    "In Leeuwarden wonen ruim 10.000 mensen van 75 jaar en ouder.",
    "Dinsdag ben ik vrij, ben met mijn zus een weekend in Maastricht.",
    "Volgende maand een bedankavond in Café De Zwaan. Dank aan Youssef en Lotte die meegingen!",
    "Piet Precies zijn is in dit werk soms een nadeel. Wij in Schiedam-Nieuwland herkennen het.",
    "Ouders bleven veel langer hangen.\n- Hanneke",
    "dank aan joyce en karim voor het invallen gister ❤️",
    "training suïcidepreventie, nog 6 plekken, aanmelden bij sarah",
    "Twijfel? Vragen bij Rob of mij. Het gaat of niet door.",
    "Op het machtigingsformulier staat een ingevuld voorbeeld: Naam: J. Jansen, Adres: Dorpsstraat 1.",
    "Let op: het FACT-team zit vanaf 1 mei niet meer aan de Boermarkeweg maar op Statenweg 3.",
    "In het intakeformulier staat bij telefoon als voorbeeld '06-12345678'.",
    "Ze vroegen: 'waarom is er geen skatebaan in De Huet?' Daar werken we nu aan.",
    # …and what is no resident's: amounts after a title, a list of things, colleagues at work.
    "we kochten appels, peren, sara, en brood",
    "ik heb vnmdg supervisie, eline heeft dienst voor de crisislijn",
    "sanne is ziek, haar huisbezoeken van vandaag verdelen we ff in de app",
    "overleg ouderenadviseurs 10u, agenda volgt van gerda",
    "Marloes en ik draaien de inloop samen van 9 tot 12.",
    "We zijn 24/7 open, kamer 12 is vrij en bus 14 rijdt niet.",
    "Op het formulier staat als voorbeeld 'Telefoonnummer: 06-12345678'.",
    "Voor mensen rond de 60 is er een cursus.",
    # Colleagues by role, as the one to ask, signing with their team; a feast's date; a town after "van".
    "Vandaag ben ik er niet, Sanne neemt mijn crisisdienst over. Voor spoed: 113.",
    "Aanmelden bij Linda van het secretariaat.",
    "Het rooster hangt in de keuken. Vragen? Esther weet ervan.",
    "Plan: Teamleider Marco wil dat we dit strikter volgen.",
    "Welkom aan onze nieuwe collega's Ans en Gerard! Maandag beginnen ze.",
    "Koen en Yasmina draaien de eerste week.",
    "Handig om in je mailhandtekening te zetten.\n\nFatima, team schuldhulp Tilburg",
    "De fietsenstalling is achter het gebouw.\nEllen",
    "Wie heeft ervaring met de kostendelersnorm?\nGroet, Marieke (tot 16.00 bereikbaar)",
    "Feestje op zaterdag 14 september, alle vrijwilligers zijn welkom.",
    "We geven weer een workshop in de bibliotheek van Oss.",
    "Op de derde dinsdag is er seniorenbingo in De Schakel.",
    "Het verzorgingshuis aan de rand van het centrum is 45 jaar oud.",
    "Voor de kinderen is de basisschool de hele dag open.",
    # Rosters, duties and who leads a group; a number explained as typed; a building's age; TV.
    "Bereikbaarheidsdienst dit weekend: Anouk (za) en Mehmet (zo).",
    "Vandaag afwezig: Lieke (cursus) en Bram (ziek). Crisisdienst jeugd is vandaag Hatice.",
    "Vandaag ben ik weg, dus de koersbalgroep wordt begeleid door Harm.",
    "Zijn afspraken neemt Dennis over. Vragen dus even bij hem.",
    "Het telefoonnummer zonder streepje, dus 0612345678 en niet 06-12345678.",
    "De portiekflats in Wielwijk zijn bijna 60 jaar oud.",
    "Voor de peutergroep gebruiken we filmpjes van Sesamstraat over emoties.",
    "Ze leert het Nederlands snel.",
    "Het CJG in Apeldoorn heeft een inloopspreekuur op woensdagmiddag.",
    # Colleagues named as one of us.
    "Vrede in de huiskamer na een week gedoe. Tip van mijn collega Bram.",
    "Fatma van ons team had de leiding in de keuken, respect!",
    "Dank aan Sanne, Jeroen en Fatma voor het meedraaien op de buurtdag!",
    "Ik werk vandaag vanuit huis. Bel me als er iets is. Priya",
    "AZ-Ajax zondag, ik ben er niet. Bel Thijs bij spoed.",
    "Morgen ben ik vrij, Lotte neemt mijn telefoon over.",
    "Het ziekenhuis heeft een nieuwe maatschappelijk werker op de SEH, Joris.",
    "Geleerd op de regiodag:\n- het Juridisch Loket heeft spreekuur\nGroet vanuit Venlo, Ruud",
    "Fijn dat jullie er waren. Groetnis, Baukje",
    "Dank aan Fatima van communicatie voor het meedenken.",
    "Ik ben op cursus. Spoed? Bel Mirjam of Koen. Vragen? Bij Marleen.",
    "Ik ben ziek. Vragen over de groepstraining? Bel Tim.",
    "Sommige ouders typen het over. Tip van Wouter: zet er een voorbeeld bij. Notulen volgen van Margriet.",
    "Maandag ben ik er niet, bel dan Rik voor de spoedzaken.",
    "Bij ons in Crabbehof vragen we eerst waar een kind goed in is.",
    "Bij IBAN staat als voorbeeld NL00 BANK 0000 0000 00 en mensen vullen dat over.",
    "Een echte Kamper ui: niemand kwam. Veel ouders werken bij Philips.",
    "In de Stad van de Zon liggen duizenden zonnepanelen.",
    "Sanne is t/m vrijdag ziek, dus bel Tim bij spoed.",
    "Maandag is Yvonne er niet, bel dan Rik voor de spoedzaken.",
    "Ons kantoor is 125 jaar oud, de lift doet het niet altijd.",
    "Sinds Rinske met zwangerschapsverlof is, neemt Bas haar groep over.",
    "Ik ben vrijdag vrij, weekendje Texel. Dossiers liggen bij Jorien.",
    "Reminder: de intervisie is in het Huis van de Wijk, niet op kantoor. Groet, Anouk",
    "Marieke is vandaag ziek, Joost neemt haar spreekuur over.",
    "Actiepunten: Anouk belt de corporatie, Mustafa vraagt een offerte, ik regel de agenda.",
    "Welkom aan onze nieuwe collega Priya Ramkisoen, zij start maandag.",
    "ff laten weten: ik (thijs) zit morgen op de opleiding. Spoed via Bas",
    "Linda (aandachtsfunctionaris) is het aanspreekpunt voor de meldcode.",
    "Groetjes van Floor en Kees vanaf de studiedag! Jarig vandaag: Sanne!!",
    "Vragen over de nieuwe budgettool? Bel Jeroen, die heeft de training gevolgd.",
    "gr. Nadia opbouwwerker wijkcentrum bereikbaar ma t/m do",
    "Ik ben een week weg. Hans neemt mijn groepen over.",
    "intervisie morgen bij Ilse thuis want het kantoor is dicht",
    "Pilot 'Schuldenvrij Ussen' loopt af in juni. Input graag bij Jeroen.",
    "Het kost nr 3 en nr 5 niets.",
    "Welkom terug Bas! Fijne vakantie Jeroen! Happy birthday Gerard!!",
    "Even voorstellen: ik ben Niels, nieuwe wijkverpleegkundige in het team.",
    "Mijn dienst van zaterdag is geruild met Thijs. Agenda bij Tom.",
    "Ik zit de hele dag in gesprek, urgente zaken via Mirjam of via het algemene nummer.",
    "Terugblik teamdag: dank aan Sevda voor de organisatie, aan Ruud voor de bbq.",
    # A project in quotes is no nickname; a number after a market square counts hours.
    "Ze noemen het project 'Samen Sterk' en iedereen doet mee.",
    "We staan op de Markt 2 uur lang met de koffiekar.",
    # Whom the team turns to, a meeting colleagues miss, the writer's mail looked after, and the
    # date systems print when a birth date is unknown.
    "Voor Wmo-vragen bel Pieter of Dilan op de teamlijn.",
    "Joyce en Ahmed zijn donderdag niet bij de intervisie, we schuiven naar vrijdag.",
    "Ben twee weken weg. Saskia neemt mijn mail waar, dringende dingen via de teamapp.",
    "Op het formulier staat een voorbeeld van de geboortedatum: 01-01-1900.",
    "Elke groep heeft zijn Jan Klaassen, en meestal is dat degene die thuis het minst te lachen heeft.",
    # Colleagues away when an activity is called off, at a congress with the writer, at the office;
    # a placeholder for a name; a song; the age of an event; a conference's title in quotes.
    "Laura is ziek, dus het spreekuur van donderdag vervalt. Excuus!",
    "Geen inloop morgen, want Jeroen en ik zitten bij de intervisie.",
    "Wil je weten hoe het loopt, vraag het aan Petra op kantoor.",
    "Voorbeeld uit de training: 'Stel, mevrouw X heeft drie schulden.' Mevrouw X bestaat niet.",
    "Berend Botje ging uit varen, dat liedje zingen we nog steeds bij de koffieochtend.",
    "Roombeek is twintig jaar na de vuurwerkramp nog steeds een wijk waar mensen meedoen.",
    "Conferentie 'Herstel in de wijk' volgende maand in Leiden.",
    "Morgen ben ik vrij, voor spoedzaken bel je Marloes of Hidde van het wijkteam. Groet, Ilse",
    "Ben twee weken weg, naar Kreta. Mijn huisbezoeken in Marum en Leek neemt Geert over.",
    "Dank aan Fleur en Mohamed van het wijkteam voor de hulp bij het opruimen!",
    "Ik ben drie weken weg. Vanaf maandag neemt Annelies mijn groepen over. Tot snel!",
    "Namens Yasmina en mij: dank voor de goede opkomst bij de wijkavond!",
    "Het dak van de oude kerk rust op zuilen, vertelde de gids.",
    "Veel jongeren in Overvecht hebben familie in Marokko; een op de drie spreekt thuis Arabisch.",
    "In Overvecht, die wijk waar veel mensen alleen wonen, is de eenzaamheid groot.",
    "Welke wijk is het drukst? Elke buurt heeft een eigen aanpak.",
    # A review's clean posts: an opener before a relative clause, a noun after an ordinary word
    # that names a neighbourhood elsewhere, a fixed phrase, a shop, a venue's town, a
    # colleague's office wing.
    "Oke, die woont dus niet meer bij ons in de wijk.",
    "Hij woont in de berm, zegt hij zelf, maar hij slaapt in de nachtopvang.",
    "kun je sanne uit het rooster halen voor vrijdag?",
    "Ik heb het in Blokker gekocht.",
    "De markt van Zeist is verplaatst, hij staat nu bij het station.",
    "Hij komt uit de Andere buurt van het dorp.",
    # After dev38: a region's part by its compass point, a language's adjective in an idiom, a
    # public author.
    "In Zuidoost-Drenthe wonen steeds meer ouderen alleen in een te groot huis.",
    "Met de Franse slag doorverwijzen en hopen dat het goed komt: dat zie je te vaak.",
    "Boekentip: Hendrik Groen, 'Pogingen iets van het leven te maken'. Met een knipoog, maar wel raak.",
])
def test_words_that_are_also_names_or_numbers_of_services_stay_as_typed(guard, clean):
    assert guard.scan(clean) == []


def test_a_long_line_with_many_places_is_scanned_in_linear_time(guard):
    # Each place asks about its sentence; a line without full stops is one sentence of 28 kB.
    # Asked again per finding, this took 13 s on a 2-core EPYC; asked once per sentence, 0.9 s.
    line = " ".join(f"hij woont in de Lindenlaan en zij aan de Kerkstraat {n}" for n in range(500))
    started = time.perf_counter()
    found = guard.scan(line)
    assert time.perf_counter() - started < 6
    assert [f.kind for f in found].count("adres") >= 500


def test_control_characters_never_reach_the_store(store, bot, moderator):
    story = "Samen\x1b[2J met de buurt\u202e een koffieochtend\x07 opgezet; dat gaf\x00 energie."
    bot.handle_command(moderator, f"/verhaal {story}", "k")
    assert stored(store) == [{"text": "Samen[2J met de buurt een koffieochtend opgezet; dat gaf energie.",
                              "privacy_flags": ""}]


def test_mask_replaces_each_span_by_its_kind():
    text = "Bel Anna op 06-12345678."
    findings = [Finding(4, 8, "naam"), Finding(12, 23, "telefoonnummer")]
    assert mask(text, findings) == "Bel [naam] op [telefoonnummer]."


def test_hard_identifier_is_never_stored_as_typed(store, bot, moderator):
    replies = bot.handle_command(moderator, f"/verhaal {STORY_WITH_PHONE}", "k")
    assert "[telefoonnummer]" in replies[0].text and PHONE not in replies[0].text
    assert [b.action for b in replies[0].buttons] == ["draft.mask", "draft.edit"]
    assert stored(store) == []
    draft_id = replies[0].buttons[0].value
    assert "nooit zoals je ze typte" not in texts(bot.handle_action(moderator, "draft.mask", draft_id))
    assert stored(store) == [{"text": "Mevrouw belde me later terug op [telefoonnummer] en toen lukte "
                                      "het wel.", "privacy_flags": "telefoonnummer"}]


def test_keeping_as_typed_is_refused_for_hard_identifiers(store, bot, moderator):
    draft_id = bot.handle_command(moderator, f"/verhaal {STORY_WITH_PHONE}", "k")[0].buttons[0].value
    assert "bewaar ik nooit zoals je ze typte" in texts(bot.handle_action(moderator, "draft.keep", draft_id))
    assert stored(store) == []


def test_names_only_may_be_kept_and_the_flag_remains(store, bot, moderator):
    replies = bot.handle_command(moderator, f"/verhaal {STORY_WITH_NAME}", "k")
    assert [b.action for b in replies[0].buttons] == ["draft.mask", "draft.edit", "draft.keep"]
    bot.handle_action(moderator, "draft.keep", replies[0].buttons[2].value)
    assert stored(store) == [{"text": STORY_WITH_NAME, "privacy_flags": "naam:gelaten"}]
    queue = texts(bot.handle_command(moderator, "/moderatie", "q"))
    assert queue.endswith("\nLet op: de privacycontrole vond een naam en de auteur heeft die bewust laten "
                          "staan. Gaat het om een bewoner, pas de tekst dan aan met 'Tekst aanpassen'.")
    assert "onherkenbaar gemaakt" not in queue


def test_a_story_whose_author_kept_a_name_never_leaves_the_team(store, bot, moderator, content):
    from bot.core.export import shareable_export

    for key, story in (("k1", STORY_WITH_NAME), ("k2", STORY_WITH_PHONE)):
        replies = bot.handle_command(moderator, f"/verhaal {story}", key)
        action = "draft.keep" if story == STORY_WITH_NAME else "draft.mask"
        bot.handle_action(moderator, action, next(b.value for b in replies[0].buttons if b.action == action))
    for story_id in (1, 2):
        bot.handle_action(moderator, "story.consent", f"{story_id}:1")
        bot.handle_action(moderator, "mod.approve", str(story_id))
    team = bot.team_of(moderator)
    rows, text = shareable_export(store, content.catalogue, content.messages, team, "md")
    assert [row["id"] for row in rows] == [2]
    assert "Fenna Hoekstra" not in text and "[telefoonnummer]" in text


def test_the_queue_says_what_was_made_unrecognisable(store, bot, moderator):
    draft_id = bot.handle_command(moderator, f"/verhaal {STORY_WITH_PHONE}", "k")[0].buttons[0].value
    bot.handle_action(moderator, "draft.mask", draft_id)
    queue = texts(bot.handle_command(moderator, "/moderatie", "q"))
    assert "[telefoonnummer]" in queue and PHONE not in queue
    assert queue.endswith("\nDe privacycontrole vond: telefoonnummer. Dat is onherkenbaar gemaakt.")


def test_an_english_team_reads_what_was_found_in_english(store, bot, moderator):
    bot.handle_command(moderator, "/werkbot taal en", "taal")
    [found] = bot.handle_command(moderator, f"/verhaal {STORY_WITH_PHONE}", "k")
    assert found.text.startswith("Your story seems to contain personal data (phone number).")
    bot.handle_action(moderator, "draft.mask", found.buttons[0].value)
    assert stored(store)[0]["privacy_flags"] == "telefoonnummer", "the stored flag keeps the kind"
    queue = texts(bot.handle_command(moderator, "/moderatie", "q"))
    assert queue.endswith("\nThe privacy check found: phone number. That was made unrecognisable.")


def test_editing_runs_the_check_again(store, bot, moderator):
    draft_id = bot.handle_command(moderator, f"/verhaal {STORY_WITH_PHONE}", "k")[0].buttons[1].value
    again = bot.handle_action(moderator, "draft.edit", draft_id, text=f"Nog steeds {PHONE}, sorry.")
    assert "[telefoonnummer]" in again[0].text and stored(store) == []
    clean = bot.handle_action(moderator, "draft.edit", again[0].buttons[1].value,
                              text="Mevrouw belde me later terug en toen lukte het wel.")
    assert "opgeslagen" in clean[0].text
    assert stored(store) == [{"text": "Mevrouw belde me later terug en toen lukte het wel.",
                              "privacy_flags": ""}]


def test_a_draft_belongs_to_its_author(store, bot, moderator):
    draft_id = bot.handle_command(moderator, f"/verhaal {STORY_WITH_PHONE}", "k")[0].buttons[0].value
    bot.handle_command(member("coordinator", chat_id="team-b"), "/werkbot start", "b")
    for stranger in (member("colleague"), member("coordinator", chat_id="team-b")):
        assert "niet meer bij mij bekend" in texts(bot.handle_action(stranger, "draft.mask", draft_id))
    assert stored(store) == []


def test_author_edit_and_moderator_redact_are_checked_too(store, bot, moderator, team_a):
    bot.handle_command(moderator, "/verhaal Een verhaal zonder gegevens over de buurt.", "k")
    reply = bot.handle_action(moderator, "story.edit", "1", text=f"Nu met nummer {PHONE} erbij.")
    assert "[telefoonnummer]" in reply[0].text
    assert store.story(1)["text"] == "Een verhaal zonder gegevens over de buurt."
    reply = bot.handle_action(moderator, "mod.redact", "1", text=f"Gecorrigeerd: bel {PHONE}.")
    bot.handle_action(moderator, "draft.mask", reply[0].buttons[0].value)
    assert store.story(1)["text"] == "Gecorrigeerd: bel [telefoonnummer]."
    assert store.story(1)["privacy_flags"] == "telefoonnummer"
    assert all(PHONE not in (entry["detail"] or "") for entry in store.moderation_log(team_a))


def test_guard_loads_even_when_its_cache_folder_cannot_be_made(content, tmp_path):
    from bot.core.privacy import PrivacyGuard

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should go", encoding="utf-8")
    guard = PrivacyGuard(content.guard_words, blocker / "cache")
    guard.load()
    assert [f.kind for f in guard.scan("Bel 06-38271945 voor een afspraak.")] == ["telefoonnummer"]


def test_a_guard_that_cannot_load_says_so_and_no_story_is_stored_unchecked(content, tmp_path, caplog):

    from bot.core.bot import WerkBot
    from bot.core.privacy import PrivacyGuard
    from storage import Store, open_database

    # A damaged cache: a file where deduce's lookup folder should be.
    guard = PrivacyGuard(content.guard_words, tmp_path / "cache")
    damaged = tmp_path / "cache" / guard.lookup_folder / "lookup"
    damaged.parent.mkdir(parents=True)
    damaged.write_text("half a download", encoding="utf-8")
    assert guard.state == "loading"
    guard.load_in_background().join(timeout=120)
    assert guard.state == "failed"
    assert "the privacy guard could not load" in caplog.text
    store = Store(open_database(tmp_path / "w.db"))
    bot = WerkBot(store, content, guard)
    bot.team.register(member("coordinator"))
    replies = bot.handle_command(member("coordinator"), f"/verhaal {STORY_WITH_PHONE}", "k")
    assert texts(replies) == "Er ging bij mij iets mis. Er is niets veranderd; probeer het zo nog eens."
    assert stored(store) == []
    assert PHONE not in caplog.text


def test_a_cache_file_broken_mid_write_is_built_again(content, tmp_path, caplog):
    from bot.core.privacy import PrivacyGuard

    first = PrivacyGuard(content.guard_words, tmp_path)
    first.load()
    [cache_file] = tmp_path.glob("deduce-*/lookup/cache/*.pickle")
    cache_file.write_bytes(cache_file.read_bytes()[:1000])  # as if the process stopped mid-write
    again = PrivacyGuard(content.guard_words, tmp_path)
    again.load()
    assert again.state == "ready"
    assert [f.kind for f in again.scan(f"Bel {PHONE}, zei Fenna Hoekstra.")] == ["telefoonnummer", "naam"]
    assert "lookup cache was unreadable; building it again" in caplog.text


def test_aanpassen_starts_from_the_authors_own_text_which_stays_out_of_the_database(store, bot, moderator):
    draft_id = bot.handle_command(moderator, f"/verhaal {STORY_WITH_PHONE}", "k")[0].buttons[1].value
    assert asked_text(bot, moderator, "draft.edit", draft_id) == STORY_WITH_PHONE
    assert asked_text(bot, member("colleague"), "draft.edit", draft_id) == ""
    assert stored(store) == []


def test_drafts_are_bounded_per_author_and_in_all(bot, moderator, monkeypatch):
    monkeypatch.setattr(drafts, "IN_ALL", 12)
    for n in range(7):
        bot.handle_command(moderator, f"/verhaal Verhaal {n}: {STORY_WITH_PHONE}", f"k{n}")
    assert len(bot.privacy.drafts) == drafts.PER_AUTHOR, "an author keeps their five newest"
    for n in range(20):
        bot.handle_command(member(f"collega{n}"), f"/verhaal {STORY_WITH_PHONE}", f"c{n}")
    assert len(bot.privacy.drafts) == 12


def test_a_story_of_invisible_fillers_is_empty(store, bot, moderator):
    replies = bot.handle_command(moderator, "/verhaal " + "\u3164" * 30 + "\u2800" * 10, "k")
    assert "kort" in texts(replies) and stored(store) == []


def test_a_huge_story_is_given_back_only_as_far_as_an_author_can_use_it(bot, moderator):
    [reply] = bot.handle_command(moderator, "/verhaal " + "Een hele lange zin over de buurt. " * 30000, "k")
    assert "de eerste 4000 tekens" in reply.text and len(reply.text) < 4400


def test_a_story_at_the_limit_can_still_be_stored_masked(store, bot, moderator):
    story = STORY_WITH_PHONE + " " + "Daarna ging het steeds beter met de aanvraag. " * 40
    story = story[:1000]
    [preview] = bot.handle_command(moderator, f"/verhaal {story}", "k")
    mask = next(b for b in preview.buttons if b.action == "draft.mask")
    assert "opgeslagen" in texts(bot.handle_action(moderator, mask.action, mask.value))
    assert len(stored(store)[0]["text"]) > 1000, "the mask is longer than the number"
