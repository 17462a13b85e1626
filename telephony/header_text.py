"""Text from SIP headers made safe to show, log and store: anyone on the network writes it.

Invalid UTF-8 (which arrives as lone surrogates) becomes U+FFFD, control characters (CR, LF,
NUL, escapes) and the bidirectional overrides that reorder what an agent reads are removed,
runs of white space become one space, and the text is cut to a length a screen and a log line
can hold. Nothing is rejected: the call must still ring or be recorded as missed.
"""

from __future__ import annotations

import unicodedata

#: Longest display name kept (the rest is cut): more than any real caller ID.
NAME_LIMIT = 256
#: Longest number, Call-ID, queue or dialled number kept.
FIELD_LIMIT = 128
#: Longest value of any other header kept for the desk.
HEADER_LIMIT = 1024
#: Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder text.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean(text: str, limit: int) -> str:
    kept = []
    for char in text:
        if "\ud800" <= char <= "\udfff":
            kept.append("\ufffd")
        elif char in _BIDI_CONTROLS or unicodedata.category(char) == "Cc":
            kept.append(" " if char in "\t\r\n" else "")
        else:
            kept.append(char)
    return " ".join("".join(kept).split())[:limit]
