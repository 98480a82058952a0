"""Core replies and digests as Block Kit: pure functions, within Slack's limits.

Every piece of user text goes through `escape`, so a story can never mention @channel, @here or a
user, nor forge a link. Limits (Slack's documentation): 50 blocks per message, 100 per view,
3,000 characters per section text, 150 per header, 75 per button text, 2,000 per button value,
25 elements per actions block, 24 per modal title.
"""

import json
from collections.abc import Iterator

from bot.core.content import Messages
from bot.core.digest import Digest, count_line
from bot.core.model import Button, Reply

MAX_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_MODAL_TITLE = 24
MAX_INPUT = 3000
BUTTONS_PER_ROW = 5
ACTION_PREFIX = "wb"


def escape(text: str) -> str:
    """Slack's three control characters, and nothing else."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chunks(text: str, limit: int = MAX_SECTION) -> Iterator[str]:
    """Split at line ends (or anywhere, for one very long line) into pieces of at most limit."""
    piece = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if piece:
                yield piece
                piece = ""
            yield line[:limit]
            line = line[limit:]
        candidate = f"{piece}\n{line}" if piece else line
        if len(candidate) > limit:
            yield piece
            piece = line
        else:
            piece = candidate
    if piece.strip():
        yield piece


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def sections(plain_text: str) -> list[dict]:
    """Escaped user-visible text as as many sections as it needs."""
    return [section(piece) for piece in chunks(escape(plain_text))]


def button_element(button: Button, index: int) -> dict:
    """action_id carries the core action; value carries only ids (and, for a question, its text)."""
    value = button.value if button.ask is None else json.dumps({"v": button.value, "q": button.ask})
    kind = "ask" if button.ask is not None else "do"
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": clip(button.label, MAX_BUTTON_TEXT)},
        "action_id": f"{ACTION_PREFIX}{index}|{kind}|{button.action}",
        "value": value[:MAX_BUTTON_VALUE] or "-",
    }


def parse_action_id(action_id: str) -> tuple[bool, str]:
    """(asks for text first, core action) from an action_id made by button_element."""
    _, kind, action = action_id.split("|", 2)
    return kind == "ask", action


def parse_button_value(asks: bool, value: str) -> tuple[str, str | None]:
    if not asks:
        return ("" if value == "-" else value), None
    data = json.loads(value)
    return data["v"], data["q"]


def action_rows(buttons: list[Button]) -> list[dict]:
    rows = []
    for start in range(0, len(buttons), BUTTONS_PER_ROW):
        row = buttons[start:start + BUTTONS_PER_ROW]
        rows.append({"type": "actions",
                     "elements": [button_element(b, start + i) for i, b in enumerate(row)]})
    return rows


def split_messages(blocks: list[dict], fallback: str) -> list[dict]:
    """Messages of at most MAX_BLOCKS blocks each."""
    return [{"text": clip(fallback, 3000), "blocks": blocks[start:start + MAX_BLOCKS]}
            for start in range(0, len(blocks), MAX_BLOCKS)] or [{"text": clip(fallback, 3000)}]


def reply_messages(reply: Reply) -> list[dict]:
    """One core reply as one or more Slack messages (text + blocks)."""
    blocks = sections(reply.text) + action_rows(reply.buttons)
    return split_messages(blocks, escape(reply.text))


def digest_messages(digest: Digest, messages: Messages, buttons: list[Button] | None = None) -> list[dict]:
    """The digest as Block Kit, split over messages when it is long; it never fails to fit."""
    lang = digest.language
    say = messages.render
    title = say(lang, "digest.title", week=digest.week)
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text",
                                                      "text": clip(title, MAX_HEADER)}}]
    if digest.count == 0:
        blocks.append(section(escape(say(lang, "digest.empty_week"))))
    if digest.featured:
        author = digest.featured.author or say(lang, "digest.anonymous")
        text = (f"*{escape(say(lang, 'digest.featured'))}*\n>{escape(digest.featured.text)}\n"
                f"— {escape(author)}")
        blocks += [section(piece) for piece in chunks(text)]
    for group in digest.groups:
        heading = (f"{group.principle.id}: {group.principle.text[lang]}" if group.principle
                   else say(lang, "digest.untagged"))
        lines = [f"*{escape(heading)}*"]
        for story in group.stories:
            author = story.author or say(lang, "digest.anonymous")
            lines.append(f"• {escape(story.text)} — _{escape(author)}_")
        blocks += [section(piece) for piece in chunks("\n".join(lines))]
    if digest.uncovered:
        lines = [f"*{escape(say(lang, 'digest.uncovered'))}*"]
        lines += [f"• {escape(p.id)}: {escape(p.text[lang])}" for p in digest.uncovered]
        blocks += [section(piece) for piece in chunks("\n".join(lines))]
    blocks.append({"type": "context",
                   "elements": [{"type": "mrkdwn", "text": escape(count_line(messages, digest))}]})
    blocks += action_rows(buttons or [])
    return split_messages(blocks, escape(title))


def ask_modal(button: Button, metadata: dict, submit: str, initial_text: str = "") -> dict:
    """A modal with one text field, for a button that needs a line of text (a reason, a story);
    an edit starts from the current text."""
    element: dict = {"type": "plain_text_input", "action_id": "text", "multiline": True,
                     "max_length": MAX_INPUT}
    if initial_text:
        element["initial_value"] = initial_text[:MAX_INPUT]
    return {
        "type": "modal",
        "callback_id": "wb_ask",
        "title": {"type": "plain_text", "text": clip(button.label, MAX_MODAL_TITLE)},
        "submit": {"type": "plain_text", "text": clip(submit, MAX_MODAL_TITLE)},
        "private_metadata": json.dumps(metadata),
        "blocks": [{
            "type": "input",
            "block_id": "answer",
            "label": {"type": "plain_text", "text": clip(button.ask or button.label, 2000)},
            "element": element,
        }],
    }


def story_modal(labels: dict[str, str], principles: list[tuple[str, str]], metadata: dict,
                initial_text: str = "") -> dict:
    """/verhaal without text and the message shortcut: story, principle and anonymity."""
    element: dict = {"type": "plain_text_input", "action_id": "text", "multiline": True,
                     "max_length": 1000}
    if initial_text:
        element["initial_value"] = initial_text[:1000]
    options = [{"text": {"type": "plain_text", "text": clip(f"{pid}: {text}", 75)}, "value": pid}
               for pid, text in principles[:100]]
    return {
        "type": "modal",
        "callback_id": "wb_story",
        "title": {"type": "plain_text", "text": clip(labels["title"], MAX_MODAL_TITLE)},
        "submit": {"type": "plain_text", "text": clip(labels["submit"], MAX_MODAL_TITLE)},
        "private_metadata": json.dumps(metadata),
        "blocks": [
            {"type": "input", "block_id": "story", "element": element,
             "label": {"type": "plain_text", "text": labels["story"]}},
            {"type": "input", "block_id": "principle", "optional": True,
             "label": {"type": "plain_text", "text": labels["principle"]},
             "element": {"type": "static_select", "action_id": "choice", "options": options}},
            {"type": "input", "block_id": "anonymous", "optional": True,
             "label": {"type": "plain_text", "text": labels["anonymous_label"]},
             "element": {"type": "checkboxes", "action_id": "choice", "options": [
                 {"text": {"type": "plain_text", "text": labels["anonymous"]}, "value": "1"}]}},
        ],
    }


def home_view(sections_text: list[str]) -> dict:
    blocks: list[dict] = []
    for text in sections_text:
        blocks += sections(text)
        blocks.append({"type": "divider"})
    return {"type": "home", "blocks": blocks[:MAX_VIEW_BLOCKS]}
