"""Core replies and digests as Telegram HTML: pure functions, within the Bot API's limits.

Every piece of user text goes through `escape`, so a story can never break Telegram's HTML
parsing. Lengths are counted as Telegram counts them: the text after entity parsing, in UTF-16
code units; 4,096 per message, 1,024 per caption. Long texts are split between paragraphs (or
lines, or, for one very long line, anywhere in its plain text), never inside a tag or an entity.
`callback_data` is at most 64 bytes and carries ids only.
"""

import html
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.content import Messages
from bot.core.digest import Digest
from bot.core.model import Button, Reply
from bot.render.digest import outline

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_BUTTON_TEXT = 64
# Buttons with short labels share a row; a principle's words need a row of their own.
SHORT_LABEL = 24
SEPARATOR = "\n\n"


def escape(text: str) -> str:
    """Telegram's HTML parse mode: only <, > and & are special in text."""
    return html.escape(text, quote=False)


def telegram_length(text: str) -> int:
    """The length Telegram counts for visible text: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Piece:
    """A fragment of a message: balanced HTML, and the length of its visible text."""

    html: str
    length: int


def plain(text: str, tag: str | None = None) -> Piece:
    escaped = escape(text)
    return Piece(f"<{tag}>{escaped}</{tag}>" if tag else escaped, telegram_length(text))


def _cut(text: str, limit: int) -> Iterator[str]:
    """Plain text in pieces of at most `limit` units: at line ends, or anywhere in one long line."""
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if telegram_length(candidate) <= limit:
            current = candidate
            continue
        if current:
            yield current
        current = ""
        while telegram_length(line) > limit:
            end = limit
            while telegram_length(line[:end]) > limit:
                end -= 1
            yield line[:end]
            line = line[end:]
        current = line
    if current:
        yield current


def text_pieces(text: str, tag: str | None = None, limit: int = MAX_TEXT) -> list[Piece]:
    """A plain text as pieces that each fit a message: one per paragraph, cut where one is too long."""
    return [plain(part, tag) for paragraph in text.split(SEPARATOR) if paragraph.strip()
            for part in _cut(paragraph, limit)]


def pack(pieces: Sequence[Piece], limit: int = MAX_TEXT) -> list[str]:
    """Pieces joined into as few messages as fit, in order, a blank line between pieces."""
    messages: list[str] = []
    current: list[str] = []
    length = 0
    for piece in pieces:
        extra = piece.length + (telegram_length(SEPARATOR) if current else 0)
        if current and length + extra > limit:
            messages.append(SEPARATOR.join(current))
            current, length = [], 0
            extra = piece.length
        current.append(piece.html)
        length += extra
    if current:
        messages.append(SEPARATOR.join(current))
    return messages


def callback_data(chat_id: str, button: Button) -> str:
    """'<team chat>|<action>|<value>': the team's chat, since a button may sit in a private chat."""
    data = f"{chat_id}|{button.action}|{button.value}"
    if len(data.encode()) > MAX_CALLBACK_DATA:
        raise ValueError(f"callback_data over {MAX_CALLBACK_DATA} bytes for {button.action}")
    return data


def parse_callback_data(data: str) -> tuple[str, str, str]:
    """(team chat, action, value) from `callback_data`; ValueError for anything we did not make."""
    chat_id, action, value = data.split("|", 2)
    return chat_id, action, value


def keyboard(chat_id: str, buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    for button in buttons:
        label = button.label
        if len(label) > MAX_BUTTON_TEXT:
            label = label[:MAX_BUTTON_TEXT - 1] + "…"
        key = InlineKeyboardButton(label, callback_data=callback_data(chat_id, button))
        short_row = rows and len(rows[-1]) < 2 and all(len(b.text) <= SHORT_LABEL for b in rows[-1])
        if short_row and len(label) <= SHORT_LABEL:
            rows[-1].append(key)
        else:
            rows.append([key])
    return InlineKeyboardMarkup(rows)


def reply_messages(reply: Reply) -> list[str]:
    """A core reply's text as HTML messages."""
    return pack(text_pieces(reply.text))


def digest_messages(digest: Digest, messages: Messages) -> list[str]:
    """The digest as HTML messages: headings in bold, the featured story as a quote, authors and
    principles' credits in italics. Split between entries when it is long; it never fails to fit."""
    shape = outline(digest, messages)
    pieces = [plain(shape.title, "b")]
    if shape.note:
        pieces += text_pieces(shape.note)
    for section in shape.sections:
        heading = plain(section.heading, "b")
        for note in section.notes:
            # On the line under the heading, not a paragraph of its own.
            line = plain(note, "i")
            heading = Piece(f"{heading.html}\n{line.html}", heading.length + 1 + line.length)
        pieces.append(heading)
        for entry in section.entries:
            if section.featured:
                pieces += text_pieces(entry.text, "blockquote", MAX_TEXT - 200)
                pieces.append(plain(f"— {entry.author or ''}"))
            elif entry.author is None and entry.credit is None:
                pieces += text_pieces(f"• {entry.text}")
            else:
                # The author (or credit) stays on the entry's last line, even when the entry is cut.
                tail = plain(f" — {entry.author}" if entry.author is not None else f" {entry.credit}", "i")
                line = text_pieces(f"• {entry.text}", limit=MAX_TEXT - tail.length)
                pieces += [*line[:-1], Piece(line[-1].html + tail.html, line[-1].length + tail.length)]
    pieces += text_pieces(shape.count_line)
    return pack(pieces)


def caption(text: str) -> str:
    """A photo's caption, shortened to what Telegram allows."""
    if telegram_length(text) <= MAX_CAPTION:
        return escape(text)
    return escape(next(_cut(text, MAX_CAPTION - 1))) + "…"
