"""The principle suggester: floors on the labelled stories of tests/suggest_cases, and what it does
when the evidence is thin or even."""

import dataclasses

import pytest

from bot.core.content import Content, Principle
from bot.core.suggest import Suggester
from tests.suggest_cases.evaluate import LABELLED_SETS, evaluate, load_cases

# Floors a little below what the suggester reaches (README, "Performance"): a change that makes it
# worse fails here. Raise them as tuning on `dev` improves it; `test` is frozen and never tuned on,
# so its floors are looser. Per split: top-1, top-3, stories without a principle left silent (of
# 10), and wrong first suggestions (at most, share of all stories).
FLOORS = {"dev": (0.75, 0.80, 9, 0.12), "test": (0.30, 0.42, 8, 0.25)}


@pytest.fixture(scope="module")
def suggester() -> Suggester:
    return Suggester()


@pytest.fixture
def candidates(content: Content) -> list[Principle]:
    return content.catalogue.in_sets(LABELLED_SETS)


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_the_labelled_stories_never_get_worse(suggester, candidates, capsys, split):
    top1, top3, silent, wrong = FLOORS[split]
    report = evaluate(lambda text: [p.id for p in suggester.ranked(text, candidates)], load_cases(split))
    with capsys.disabled():
        print(f"\nsuggester, {split}: top-1, top-3, silent when it should be, wrong: "
              + ", ".join(report.cells()))
    # The stories it got wrong help tuning on `dev`; those of the frozen `test` are not shown.
    misses = report.misses if split == "dev" else "(test stories are not shown)"
    assert report.top1_share >= top1, misses
    assert report.top3_share >= top3, misses
    assert report.silent_unlabelled >= silent, misses
    assert report.wrong_share <= wrong, misses


@pytest.mark.parametrize("note", ["Morgen huisbezoek bij een gezin, daarna teamoverleg.",
                                  "De fiets staat weer in de stalling bij het buurthuis."])
def test_a_note_with_one_telling_word_gets_no_suggestion(suggester, candidates, note):
    assert suggester.ranked(note, candidates) == []
    assert suggester.suggest(note, candidates) is None


def test_a_clear_story_gets_its_principle_first_and_at_most_three(suggester, candidates):
    story = ("Ik kwam voor de schulden, maar heb ook gevraagd naar haar gezondheid, het wonen en de "
             "school van de kinderen: alles hangt samen.")
    ranked = suggester.ranked(story, candidates)
    assert ranked[0].id == "gouden-regel-4"
    assert suggester.suggest(story, candidates) == ranked[0]
    assert len(ranked) <= 3


def test_the_order_of_the_candidates_decides_nothing(suggester, candidates):
    """Before, a tie went to the first candidate, so to the werkprincipes."""
    for case in load_cases("dev"):
        forward = suggester.ranked(case["text"], candidates)
        backward = suggester.ranked(case["text"], candidates[::-1])
        assert [p.id for p in forward[:1]] == [p.id for p in backward[:1]], case["text"]


def made_up(template: Principle, principle_id: str, keywords: tuple[str, ...]) -> Principle:
    """A principle whose text and questions share no word with the stories below. (A Suggester
    keeps its index per list of principle ids, so each test asks a fresh one.)"""
    return dataclasses.replace(template, id=principle_id, keywords=keywords,
                               text={"nl": "Xxx.", "en": "Xxx."},
                               questions={"nl": ("Yyy?", "Zzz?"), "en": ("Yyy?", "Zzz?")})


def test_an_even_tie_is_no_suggestion(candidates):
    first, second = (made_up(candidates[0], f"made-up-{n}", ("keukentafel", "buurtcafé")) for n in (1, 2))
    story = "Aan de keukentafel en daarna in het buurtcafé gewerkt, allebei even vaak."
    assert Suggester().ranked(story, [first, second]) == []


def test_phrase_keywords_match_adjacent_words_only(candidates):
    suggester = Suggester()
    principle = made_up(candidates[0], "made-up-1", ("niet op kantoor", "keukentafel"))
    other = made_up(candidates[0], "made-up-2", ("verbinding",))
    together = "Het gesprek niet op kantoor gedaan maar aan de keukentafel."
    apart = "Op kantoor gedaan, niet aan de keukentafel."
    assert suggester.ranked(together, [principle, other]) == [principle]
    assert suggester.ranked(apart, [principle, other]) == [], "one keyword alone is thin evidence"


def test_the_stemmer_does_not_fold_unrelated_words(suggester):
    """Snowball's newer Dutch stemmer made "agenderen" and "anderen" one stem, and "passend" "pas"."""
    words, stems = suggester.stems("agenderen anderen passend pas gemeente meen")
    assert len(set(stems)) == len(words)


def test_nothing_of_a_story_is_kept(suggester, candidates):
    suggester.ranked("Samen met Xandriaan aan de keukentafel de brieven van de bank gelezen.", candidates)
    assert "xandriaan" not in repr(vars(suggester)).lower()
