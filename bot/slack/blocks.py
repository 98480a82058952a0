"""Core replies and digests as Block Kit: pure functions, within Slack's limits.

Every piece of user text goes through `escape`, so a story can never mention @channel, @here or a
user, nor forge a link. Limits (Slack's documentation): 50 blocks per message, 100 per view,
3,000 characters per section text, 150 per header, 75 per button text, 2,000 per button value,
25 elements per actions block, 24 per modal title.
"""

import json
from collections.abc import Iterator, Sequence

from bot.core.content import Messages
from bot.core.digest import Digest
from bot.core.model import Ask, Button, Reply
from bot.render.digest import outline

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
    """action_id carries the core action; value carries only ids."""
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": clip(button.label, MAX_BUTTON_TEXT)},
        "action_id": f"{ACTION_PREFIX}{index}|do|{button.action}",
        "value": button.value[:MAX_BUTTON_VALUE] or "-",
    }


def parse_button(action_id: str, value: str) -> tuple[str, str]:
    """(core action, value) from a button made by button_element. Buttons posted by older
    versions ('ask' buttons, whose value held the question too) still work."""
    _, kind, action = action_id.split("|", 2)
    if kind == "ask":
        return action, json.loads(value)["v"]
    return action, ("" if value == "-" else value)


def action_rows(buttons: Sequence[Button]) -> list[dict]:
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


def digest_messages(digest: Digest, messages: Messages, buttons: Sequence[Button] = ()) -> list[dict]:
    """The digest as Block Kit, split over messages when it is long; it never fails to fit."""
    shape = outline(digest, messages)
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text",
                                                      "text": clip(shape.title, MAX_HEADER)}}]
    if shape.note:
        blocks.append(section(escape(shape.note)))
    for part in shape.sections:
        lines = [f"*{escape(part.heading)}*"]
        lines += [f"_{escape(note)}_" for note in part.notes]
        for entry in part.entries:
            if part.featured:
                lines += [f">{escape(entry.text)}", f"— {escape(entry.author or '')}"]
            elif entry.author is not None:
                lines.append(f"• {escape(entry.text)} — _{escape(entry.author)}_")
            elif entry.credit is not None:
                lines.append(f"• {escape(entry.text)} _{escape(entry.credit)}_")
            else:
                lines.append(f"• {escape(entry.text)}")
        blocks += [section(piece) for piece in chunks("\n".join(lines))]
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": escape(shape.count_line)}]})
    blocks += action_rows(buttons)
    return split_messages(blocks, escape(shape.title))


def ask_modal(ask: Ask, metadata: dict, submit: str) -> dict:
    """A modal with one text field, for a question of the core (a reason, a story); an edit
    starts from the current text."""
    limit = min(ask.max_length, MAX_INPUT)
    element: dict = {"type": "plain_text_input", "action_id": "text", "multiline": True,
                     "max_length": limit}
    if ask.initial:
        element["initial_value"] = ask.initial[:limit]
    return {
        "type": "modal",
        "callback_id": "wb_ask",
        "title": {"type": "plain_text", "text": clip(ask.title, MAX_MODAL_TITLE)},
        "submit": {"type": "plain_text", "text": clip(submit, MAX_MODAL_TITLE)},
        "private_metadata": json.dumps(metadata),
        "blocks": [{
            "type": "input",
            "block_id": "answer",
            "label": {"type": "plain_text", "text": clip(ask.prompt, 2000)},
            "element": element,
        }],
    }


def story_modal(labels: dict[str, str], ask: Ask, metadata: dict) -> dict:
    """A story with its principle and anonymity (/verhaal without text, the message shortcut)."""
    limit = min(ask.max_length, MAX_INPUT)
    element: dict = {"type": "plain_text_input", "action_id": "text", "multiline": True,
                     "max_length": limit}
    if ask.initial:
        element["initial_value"] = ask.initial[:limit]
    # Readers see the principle's name ("Werkprincipe 3: …"); its id is only the option's value.
    options = [{"text": {"type": "plain_text", "text": clip(text, 75)}, "value": pid}
               for pid, text in ask.principles[:100]]
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
