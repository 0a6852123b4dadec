"""Text at the edges: what a database can store and what an XML document can carry."""

from __future__ import annotations

import re

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except the
# surrogates and U+FFFE/U+FFFF; anything else makes the document not well-formed.
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` without NUL (PostgreSQL refuses it) and with lone surrogates as U+FFFD."""
    return SURROGATE.sub("\ufffd", text.replace("\x00", ""))


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry (control characters, surrogates)."""
    return NOT_XML.sub("", text)


def problem_in(text: str) -> str | None:
    """Why `text` cannot be stored as it is (NUL, lone surrogate), or None."""
    if "\x00" in text:
        return "contains a NUL character"
    if SURROGATE.search(text):
        return "contains a lone surrogate (not valid Unicode text)"
    return None
