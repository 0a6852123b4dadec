"""Email addresses in answers and messages, checked by the email-validator library.

Syntax only (check_deliverability=False: no DNS lookups from a webhook). The address is
stored lower-cased: providers treat the local part case-insensitively and the office searches
by it. Typos are repaired where the texter's meaning is not in doubt: a comma for the dot
before the top-level domain ("kim@gmail,com"), spaces around the @, and the spoken form
("kim at gmail dot com", with a well-known top-level domain) as the whole answer or after
"email"/"correo" only, so that "we're at home dot com" is no address.
"""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

from bot.conversation.understand.text import MAX_CHARS

_TLDS = r"com|net|org|edu|gov|us|co|io|info|biz|me|mx|es|ca|uk|co\.uk|app|dev|ai|email"
_CANDIDATE = re.compile(r"[\w.%+'-]+ ?@ ?[\w-]+(?:[.,][\w-]+)*[.,][A-Za-z]{2,24}\b")
# Spoken only where an address is expected: the whole answer, or after "email (is)", "correo".
_SPOKEN = re.compile(
    rf"(?:^|\b(?:e-?mail|mail|correo)(?: (?:is|es|address is|electronico es))?:?\s+|"
    rf"\b(?:is|es|it's|its)\s+(?=\S+\s+(?:at|arroba)\s))"
    rf"(?P<local>[\w.%+-]{{2,}})\s+(?:at|arroba)\s+(?P<domain>[\w-]+(?:\s*(?:dot|punto)\s*[\w-]+)*?)"
    rf"\s*(?:dot|punto)\s*(?P<tld>{_TLDS})\b", re.I)


# The plain ASCII form nearly every address has, which email-validator accepts unchanged:
# dot-separated atoms, hyphens inside domain labels only, a common top-level domain (so no
# special-use name such as .local or .test). Checked here first, as the library's full
# parse costs most of a 100,000-row import; anything else takes the long way.
_PLAIN = re.compile(r"[a-z0-9_%+'-]+(?:\.[a-z0-9_%+'-]+)*"
                    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
                    rf"(?:{_TLDS})", re.ASCII)


def _plain(candidate: str) -> str | None:
    """The lower-cased address when it has the plain form, else None (not decided)."""
    lowered = candidate.lower()
    local, _, domain = lowered.partition("@")
    if len(lowered) <= 254 and len(local) <= 64 and "--" not in domain \
            and _PLAIN.fullmatch(lowered):
        return lowered
    return None


def _valid(candidate: str) -> str | None:
    """The normalised address when email-validator accepts it, else None."""
    if len(candidate) > 254:
        return None
    if plain := _plain(candidate):
        return plain
    try:
        checked = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError:
        return None
    return checked.normalized.lower()


def find_email_span(text: str) -> tuple[str, int, int] | None:
    """The first email address in `text`, normalised, with its [start, end) span."""
    text = text[:MAX_CHARS]
    for m in _CANDIDATE.finditer(text):
        local, _, domain = m[0].replace(" ", "").partition("@")
        if email := _valid(f"{local.strip('.')}@{domain.replace(',', '.')}"):
            return email, m.start(), m.end()
    if spoken := _SPOKEN.search(text.strip()):
        domain = re.sub(r"\s*(?:dot|punto)\s*", ".", spoken["domain"], flags=re.I)
        if email := _valid(f"{spoken['local']}@{domain}.{spoken['tld']}"):
            start = text.index(spoken["local"], len(text) - len(text.lstrip()) + spoken.start())
            return email, start, len(text) - len(text.lstrip()) + spoken.end()
    return None


def find_email(text: str) -> str | None:
    """The first email address in `text` ("my email is actually Kim.Lee@Example.com")."""
    found = find_email_span(text)
    return found[0] if found else None


def parse_email(text: str) -> str | None:
    """The address when the answer is one email address (with framing words around it)."""
    if plain := _plain(text.strip()):  # the whole answer (or a file's cell) is the address
        return plain
    found = find_email_span(text)
    if found is None:
        return None
    email, start, end = found
    rest = f"{text[:start]} {text[end:]}"
    # anything but framing ("my email is", "thanks") means the answer holds more than an email
    leftover = re.sub(r"\b(?:my|new|e-?mail|address|is|it's|its|it|actually|use|correo|es|mi"
                      r"|thanks|thank you|gracias|please|pls|ok|sure|yes|yeah|here|the)\b", " ",
                      rest, flags=re.I)
    return email if not re.search(r"[^\W_]", leftover) else None
