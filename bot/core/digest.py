"""The weekly inspiration digest: compiled into a neutral structure, rendered to Markdown, HTML, PNG."""

import html
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.core import schedule
from bot.core.content import Catalogue, Messages, Principle
from storage import Store

HISTORY_WEEKS = 8
COMPARE_WEEKS = 4


@dataclass(frozen=True)
class DigestStory:
    id: int
    text: str
    author: str | None
    principle_id: str | None


@dataclass(frozen=True)
class DigestGroup:
    principle: Principle | None
    stories: tuple[DigestStory, ...]


@dataclass
class Digest:
    team_id: str
    week: str
    language: str
    featured: DigestStory | None
    groups: list[DigestGroup]
    uncovered: list[Principle]
    count: int
    previous_counts: list[int]
    history: list[tuple[str, dict[str, int]]] = field(default_factory=list)

    @property
    def previous_average(self) -> float:
        return sum(self.previous_counts) / len(self.previous_counts) if self.previous_counts else 0.0


def _view(story: dict) -> DigestStory:
    return DigestStory(
        id=story["id"],
        text=story["text"] or "",
        author=None if story["anonymous"] else story["author_name"],
        principle_id=story["principle_id"],
    )


class DigestCompiler:
    def __init__(self, store: Store, catalogue: Catalogue) -> None:
        self.store = store
        self.catalogue = catalogue

    def _approved(self, team: dict, monday: date) -> list[dict]:
        start, end = schedule.week_bounds(team, monday)
        return self.store.approved_between(
            team["id"], self.store.timestamp(start), self.store.timestamp(end))

    def compile(self, team: dict, monday: date) -> Digest:
        """The team's digest for the ISO week starting at monday, as it stands now."""
        stories = self._approved(team, monday)
        enabled = self.catalogue.in_sets(team["sets"].split(","))
        views = [_view(s) for s in stories]
        featured = next((_view(s) for s in stories if s["featured"]), None)
        groups: list[DigestGroup] = []
        for principle in [*enabled, *[p for p in self.catalogue.all() if p not in enabled]]:
            in_group = tuple(v for v in views if v.principle_id == principle.id)
            if in_group:
                groups.append(DigestGroup(principle, in_group))
        untagged = tuple(v for v in views if self.catalogue.principle(v.principle_id or "") is None)
        if untagged:
            groups.append(DigestGroup(None, untagged))
        covered = {v.principle_id for v in views}
        history = []
        for weeks_back in range(HISTORY_WEEKS - 1, -1, -1):
            week_start = monday - timedelta(days=7 * weeks_back)
            counts: dict[str, int] = {}
            for story in self._approved(team, week_start):
                key = story["principle_id"] or ""
                counts[key] = counts.get(key, 0) + 1
            history.append((schedule.week_key(week_start), counts))
        previous = [sum(counts.values()) for _, counts in history[-1 - COMPARE_WEEKS:-1]]
        return Digest(
            team_id=team["id"],
            week=schedule.week_key(monday),
            language=team["language"],
            featured=featured,
            groups=groups,
            uncovered=[p for p in enabled if p.id not in covered],
            count=len(views),
            previous_counts=previous,
            history=history,
        )


def _author_line(messages: Messages, digest: Digest, story: DigestStory) -> str:
    if story.author is None:
        return messages.render(digest.language, "digest.anonymous")
    return story.author


def count_line(messages: Messages, digest: Digest) -> str:
    average = f"{digest.previous_average:.1f}"
    if digest.language == "nl":
        average = average.replace(".", ",")
    return messages.render(digest.language, "digest.count", count=digest.count, average=average,
                           weeks=len(digest.previous_counts))


def render_markdown(digest: Digest, messages: Messages) -> str:
    """Plain Markdown: for the CLI, the console and as the base of chat renderings."""
    lang = digest.language
    say = messages.render
    lines = [f"# {say(lang, 'digest.title', week=digest.week)}", ""]
    if digest.count == 0:
        lines += [say(lang, "digest.empty_week"), ""]
    if digest.featured:
        lines += [f"## {say(lang, 'digest.featured')}", "",
                  f"> {digest.featured.text}", f"> — {_author_line(messages, digest, digest.featured)}",
                  ""]
    for group in digest.groups:
        heading = (f"{group.principle.id}: {group.principle.text[lang]}" if group.principle
                   else say(lang, "digest.untagged"))
        lines += [f"## {heading}", ""]
        for story in group.stories:
            lines.append(f"- {story.text} — {_author_line(messages, digest, story)}")
        lines.append("")
    if digest.uncovered:
        lines += [f"## {say(lang, 'digest.uncovered')}", ""]
        lines += [f"- {p.id}: {p.text[lang]}" for p in digest.uncovered]
        lines.append("")
    lines.append(count_line(messages, digest))
    return "\n".join(lines).rstrip() + "\n"


def render_html(digest: Digest, messages: Messages) -> str:
    """A standalone HTML page; every story text is escaped."""
    lang = digest.language
    say = messages.render
    esc = html.escape
    title = esc(say(lang, "digest.title", week=digest.week))
    parts = [f"<!doctype html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\">"
             f"<title>{title}</title></head>\n<body>", f"<h1>{title}</h1>"]
    if digest.count == 0:
        parts.append(f"<p>{esc(say(lang, 'digest.empty_week'))}</p>")
    if digest.featured:
        parts.append(f"<h2>{esc(say(lang, 'digest.featured'))}</h2>")
        parts.append(f"<blockquote><p>{esc(digest.featured.text)}</p><footer>"
                     f"{esc(_author_line(messages, digest, digest.featured))}</footer></blockquote>")
    for group in digest.groups:
        heading = (f"{group.principle.id}: {group.principle.text[lang]}" if group.principle
                   else say(lang, "digest.untagged"))
        parts.append(f"<h2>{esc(heading)}</h2>\n<ul>")
        parts += [f"<li>{esc(s.text)} — {esc(_author_line(messages, digest, s))}</li>"
                  for s in group.stories]
        parts.append("</ul>")
    if digest.uncovered:
        parts.append(f"<h2>{esc(say(lang, 'digest.uncovered'))}</h2>\n<ul>")
        parts += [f"<li>{esc(p.id)}: {esc(p.text[lang])}</li>" for p in digest.uncovered]
        parts.append("</ul>")
    parts.append(f"<p>{esc(count_line(messages, digest))}</p>")
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def render_chart(digest: Digest, messages: Messages) -> bytes:
    """PNG: stories per principle over the last eight weeks, stacked per week."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    lang = digest.language
    weeks = [week for week, _ in digest.history]
    principle_ids = sorted({pid for _, counts in digest.history for pid in counts})
    figure = Figure(figsize=(8, 4.5), dpi=100)
    axes = figure.subplots()
    bottoms = [0] * len(weeks)
    for principle_id in principle_ids:
        heights = [counts.get(principle_id, 0) for _, counts in digest.history]
        label = principle_id or messages.render(lang, "digest.untagged")
        axes.bar(weeks, heights, bottom=bottoms, label=label)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    axes.set_title(messages.render(lang, "digest.chart_title"))
    axes.set_ylabel(messages.render(lang, "digest.chart_axis"))
    axes.tick_params(axis="x", labelrotation=30)
    axes.yaxis.get_major_locator().set_params(integer=True)
    if principle_ids:
        axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
