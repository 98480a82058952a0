"""Curated stories for sharing outside the team: only with the author's consent, never with names."""

import csv
import html
import io
import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date

from bot.core.content import Catalogue, Messages
from storage import Store, Team

# `principle_id` is data (stable, for joining); readers see `principle_label` and `principle`.
FIELDS = ("id", "principle_id", "principle_label", "principle", "text", "approved_at", "featured")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def shareable_rows(stories: list[dict], catalogue: Catalogue, language: str) -> list[dict]:
    rows = []
    for story in stories:
        principle = catalogue.principle(story["principle_id"] or "")
        rows.append({
            "id": story["id"],
            "principle_id": story["principle_id"] or "",
            "principle_label": principle.label[language] if principle else "",
            "principle": principle.text[language] if principle else "",
            "text": story["text"],
            "approved_at": (story["decided_at"] or "")[:10],
            "featured": bool(story["featured"]),
        })
    return rows


def spreadsheet_safe(value: object) -> object:
    """A text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading quote: the
    CSV is for opening in Excel at the municipality, and a story must never become a formula."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def heading(row: dict) -> str:
    """How readers name a story's principle: 'Werkprincipe 3: Begin klein.', never its id."""
    named = ": ".join(part for part in (row.get("principle_label", ""), row["principle"]) if part)
    return named or "—"


def render(rows: list[dict], export_format: str, title: str, language: str = "nl") -> str:
    if export_format == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if export_format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()} for row in rows)
        return buffer.getvalue()
    if export_format == "md":
        lines = [f"# {title}", ""]
        for row in rows:
            lines += [f"## {heading(row)}", "",
                      row["text"], "", f"*{row['approved_at']}*", ""]
        return "\n".join(lines)
    esc = html.escape
    items = "\n".join(
        f"<article><h2>{esc(heading(row))}</h2>"
        f"<p>{esc(row['text'])}</p><p><small>{esc(row['approved_at'])}</small></p></article>"
        for row in rows)
    return (f"<!doctype html>\n<html lang=\"{esc(language)}\">\n<head><meta charset=\"utf-8\">"
            f"<title>{esc(title)}</title></head>\n<body>\n<h1>{esc(title)}</h1>\n{items}\n</body>\n</html>\n")


def period_words(messages: Messages, language: str, first: date | None, last: date | None) -> str:
    """'1 oktober 2026 tot en met 31 december 2026', for an export's title; '' for no period."""
    def words(day: date) -> str:
        return format_date(day, "d MMMM y", locale=language)

    if first and last:
        return messages.render(language, "cli.period", first=words(first), last=words(last))
    if first:
        return messages.render(language, "cli.period_from", first=words(first))
    if last:
        return messages.render(language, "cli.period_to", last=words(last))
    return ""


def shareable_export(store: Store, catalogue: Catalogue, messages: Messages, team: Team,
                     export_format: str, first: date | None = None, last: date | None = None,
                     featured_only: bool = False, signals_only: bool = False) -> tuple[list[dict], str]:
    """The team's stories to share outside it (`werkbot export` and `/werkbot export`): the rows
    and the file's text. A period is whole days in the team's time zone, by the day a story was
    approved; `last` is included."""
    zone = ZoneInfo(team.timezone)
    start = store.timestamp(datetime.combine(first, time(0), zone)) if first else None
    end = store.timestamp(datetime.combine(last + timedelta(days=1), time(0), zone)) if last else None
    stories = store.shareable_stories(team.id, featured_only=featured_only, signals_only=signals_only,
                                      start=start, end=end)
    rows = shareable_rows(stories, catalogue, team.language)
    title = f"werkprincipe-bot: {team.label}"
    if signals_only:
        title = messages.render(team.language, "cli.signals_title", team=team.label)
    period = period_words(messages, team.language, first, last)
    if period:
        title += f" ({period})"
    return rows, render(rows, export_format, title, team.language)
