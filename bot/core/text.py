"""Text as it enters the core: characters that could rewrite a terminal, a log line or an exported
file are removed before anything else sees the text."""

import re

# Characters that show nothing (zero-width marks and the "filler" letters some scripts have):
# a story of only these is empty, whatever len() says.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u115f\u1160\u180e\u2800\u3164\uffa0"

# C0 controls except tab and line feed, DEL and the C1 controls; the bidirectional embeddings,
# overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can reverse what a reader sees.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    """The text with control characters and bidirectional overrides removed (a carriage return
    before a line feed too: a line break stays one)."""
    return CONTROLS.sub("", text.replace("\r\n", "\n"))
