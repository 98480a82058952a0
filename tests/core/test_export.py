import csv
import io
import json

from bot.core.export import render

FORMULA = '=HYPERLINK("http://example.org/x";"klik") stond in het verhaal, als grap van een collega.'


def rows(text: str) -> list[dict]:
    return [{"id": 1, "principle_id": "werkprincipe-3", "principle": "Begin klein.", "text": text,
             "approved_at": "2026-11-24", "featured": False}]


def test_csv_never_hands_a_spreadsheet_a_formula():
    for text in (FORMULA, "+31 belde terug", "-1 stoel te weinig", "@iedereen koffie"):
        [row] = list(csv.DictReader(io.StringIO(render(rows(text), "csv", "titel"))))
        assert row["text"] == "'" + text
    [plain] = list(csv.DictReader(io.StringIO(render(rows("Gewoon een verhaal."), "csv", "titel"))))
    assert plain["text"] == "Gewoon een verhaal." and plain["id"] == "1"


def test_markdown_and_html_name_the_principle_as_readers_know_it():
    labelled = [{**rows("Gewoon een verhaal.")[0], "principle_label": "Werkprincipe 3"}]
    markdown = render(labelled, "md", "titel")
    assert "## Werkprincipe 3: Begin klein.\n" in markdown and "werkprincipe-3" not in markdown
    page = render(labelled, "html", "title", "en")
    assert "<h2>Werkprincipe 3: Begin klein.</h2>" in page and "werkprincipe-3" not in page
    assert '<html lang="en">' in page
    untagged = [{**labelled[0], "principle_id": "", "principle_label": "", "principle": ""}]
    assert "## —\n" in render(untagged, "md", "titel")
    # The id stays in the data formats, for joining.
    [row] = list(csv.DictReader(io.StringIO(render(labelled, "csv", "titel"))))
    assert (row["principle_id"], row["principle_label"]) == ("werkprincipe-3", "Werkprincipe 3")
    assert json.loads(render(labelled, "json", "titel"))[0]["principle_id"] == "werkprincipe-3"


def test_json_keeps_the_text_as_written():
    assert json.loads(render(rows(FORMULA), "json", "titel"))[0]["text"] == FORMULA
