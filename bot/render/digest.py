"""The digest's outline (headings, stories with their authors, where each principle comes from,
the count line), written once, and its plain renderings: Markdown for the CLI and the console, a
standalone HTML page."""

import html
from dataclasses import dataclass

from bot.core.content import Messages, Principle
from bot.core.digest import Digest, DigestStory
from bot.core.schedule import week_in_words


@dataclass(frozen=True)
class Entry:
    text: str
    # Who wrote it, as readers may see it; None for an entry that is not a story.
    author: str | None = None
    # Where the principle an entry names comes from ("Uit: DichtErBij-methode"); None for a story.
    credit: str | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    entries: tuple[Entry, ...]
    # The featured story, shown as a quote.
    featured: bool = False
    # Where the principle in the heading comes from; None when the heading names no principle.
    credit: str | None = None
    # A line under the heading that says what the section holds (the leermomenten's).
    intro: str | None = None

    @property
    def notes(self) -> tuple[str, ...]:
        """The lines under the heading, in order."""
        return tuple(line for line in (self.intro, self.credit) if line)


@dataclass(frozen=True)
class Outline:
    title: str
    note: str | None
    sections: tuple[Section, ...]
    count_line: str


def count_line(messages: Messages, digest: Digest) -> str:
    """This week's count, compared with the weeks before when there were stories then (a new
    team's "gemiddeld 0,0 per week" says nothing)."""
    if not any(digest.previous_counts):
        return messages.render(digest.language, "digest.count_only", count=digest.count)
    average = f"{digest.previous_average:.1f}"
    if digest.language == "nl":
        average = average.replace(".", ",")
    return messages.render(digest.language, "digest.count", count=digest.count, average=average,
                           weeks=len(digest.previous_counts))


def outline(digest: Digest, messages: Messages) -> Outline:
    """What every rendering of the digest shows, in order; anonymous stories without author."""
    lang = digest.language

    def say(key: str, **fields: object) -> str:
        return messages.render(lang, key, **fields)

    def entry(story: DigestStory) -> Entry:
        return Entry(story.text, story.author or say("digest.anonymous"))

    def named(principle: Principle) -> str:
        return f"{principle.label[lang]}: {principle.text[lang]}"

    def credit(principle: Principle) -> str:
        return say("principle.credit", source=principle.source[lang])

    sections: list[Section] = []
    if digest.featured:
        sections.append(Section(say("digest.featured"), (entry(digest.featured),), featured=True))
    for group in digest.groups:
        stories = tuple(entry(story) for story in group.stories)
        if group.principle:
            sections.append(Section(named(group.principle), stories, credit=credit(group.principle)))
        else:
            sections.append(Section(say("digest.untagged"), stories))
    if digest.leermomenten:
        sections.append(Section(say("digest.leermomenten"),
                                tuple(entry(story) for story in digest.leermomenten),
                                intro=say("digest.leermomenten_intro")))
    if digest.example:
        # Marked as an example from the source texts, with where it comes from: no team's story.
        example = digest.example
        sections.append(Section(
            say("digest.example"),
            (Entry(example.text[lang], credit=say("digest.example_credit", source=example.source[lang])),),
            intro=say("digest.example_intro", principle=named(example.principle))))
    if digest.uncovered:
        sections.append(Section(say("digest.uncovered"), tuple(
            Entry(named(p), credit=credit(p)) for p in digest.uncovered)))
    return Outline(
        title=say("digest.title", **week_in_words(digest.week, lang)),
        note=say("digest.empty_week") if digest.count == 0 else None,
        sections=tuple(sections),
        count_line=count_line(messages, digest),
    )


def render_markdown(digest: Digest, messages: Messages) -> str:
    """Plain Markdown: for the CLI and the console."""
    shape = outline(digest, messages)
    lines = [f"# {shape.title}", ""]
    if shape.note:
        lines += [shape.note, ""]
    for section in shape.sections:
        lines += [f"## {section.heading}", ""]
        for note in section.notes:
            lines += [f"_{note}_", ""]
        for entry in section.entries:
            if section.featured:
                lines += [f"> {entry.text}", f"> — {entry.author}"]
            elif entry.author is not None:
                lines.append(f"- {entry.text} — {entry.author}")
            elif entry.credit is not None:
                lines.append(f"- {entry.text} _{entry.credit}_")
            else:
                lines.append(f"- {entry.text}")
        lines.append("")
    lines.append(shape.count_line)
    return "\n".join(lines).rstrip() + "\n"


def _html_item(entry: Entry) -> str:
    text = html.escape(entry.text)
    if entry.author is not None:
        return f"<li>{text} — {html.escape(entry.author)}</li>"
    if entry.credit is not None:
        return f"<li>{text} <small>{html.escape(entry.credit)}</small></li>"
    return f"<li>{text}</li>"


def render_html(digest: Digest, messages: Messages) -> str:
    """A standalone HTML page; every story text is escaped."""
    shape = outline(digest, messages)
    esc = html.escape
    title = esc(shape.title)
    parts = [f"<!doctype html>\n<html lang=\"{digest.language}\">\n<head><meta charset=\"utf-8\">"
             f"<title>{title}</title></head>\n<body>", f"<h1>{title}</h1>"]
    if shape.note:
        parts.append(f"<p>{esc(shape.note)}</p>")
    for section in shape.sections:
        parts.append(f"<h2>{esc(section.heading)}</h2>")
        parts += [f"<p><small>{esc(note)}</small></p>" for note in section.notes]
        if section.featured:
            parts += [f"<blockquote><p>{esc(entry.text)}</p><footer>{esc(entry.author or '')}</footer>"
                      "</blockquote>" for entry in section.entries]
            continue
        parts.append("<ul>")
        parts += [_html_item(entry) for entry in section.entries]
        parts.append("</ul>")
    parts.append(f"<p>{esc(shape.count_line)}</p>")
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)

