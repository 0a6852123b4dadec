"""Language catalogues: the conversation's words are data, one module per language."""

from __future__ import annotations

import re
from types import ModuleType

from bot.conversation.lang import en, es
from bot.conversation.understand import chatter

CATALOGUES: dict[str, ModuleType] = {"en": en, "es": es}


def say(lang: str, key: str, **values: object) -> str:
    """The catalogue text for `key` in `lang` (English when a key is missing), filled in."""
    texts: dict[str, str] = CATALOGUES.get(lang, en).TEXTS
    return texts.get(key, en.TEXTS[key]).format(**values)


def field_words(lang: str) -> dict[str, str]:
    """Words naming a field in `lang` and in English (texters mix them)."""
    own: dict[str, str] = CATALOGUES.get(lang, en).FIELD_WORDS
    return {**en.FIELD_WORDS, **own}


def markers(lang: str) -> tuple[str, ...]:
    """Phrases that mark a correction, in `lang` and in English."""
    own: tuple[str, ...] = CATALOGUES.get(lang, en).MARKERS
    return tuple(dict.fromkeys(en.MARKERS + own))


_WORDS = "|".join(sorted((re.escape(" ".join(p)) for p in chatter.POLITE), key=len, reverse=True))
POLITE = re.compile(rf"^(?:{_WORDS})[\s,]+|[\s,]+(?:{_WORDS})$")  # the chatter's words


def command(text: str) -> str | None:
    """"start_over", "never_mind" or "back" when the whole message is that command."""
    said = " ".join(text.lower().split()).strip(" .!?,;:")
    said = POLITE.sub("", said)  # "start over please" is still the command
    return en.COMMANDS.get(said) or es.COMMANDS.get(said)


def glue(lang: str) -> frozenset[str]:
    """Words trimmed from around a corrected value, in `lang` and in English."""
    own: frozenset[str] = CATALOGUES.get(lang, en).GLUE
    return en.GLUE | own


def request_words(lang: str) -> tuple[str, ...]:
    """Words that pick "cancel the request" over "stop the texts"."""
    own: tuple[str, ...] = CATALOGUES.get(lang, en).REQUEST_WORDS
    return tuple(dict.fromkeys(en.REQUEST_WORDS + own))


def is_cancel_reply(text: str) -> bool:
    """The whole message is the "CANCEL REQUEST" the cancel question asks for (either
    language): it names the request, so it needs no question."""
    said = " ".join(text.lower().split()).strip(" .!?,;:")
    return said in en.CANCEL_REPLIES or said in es.CANCEL_REPLIES


def clearly(lang: str, words: list[str]) -> bool:
    """At least two common words of `lang` (ties in detection are no evidence)."""
    common: frozenset[str] = CATALOGUES.get(lang, en).FUNCTION_WORDS
    return sum(w in common for w in words) >= 2


def wants_person(text: str) -> bool:
    """The whole message asks for a person to call, in English or Spanish."""
    said = " ".join(text.lower().split()).strip(" .!?,;:")
    return any(re.fullmatch(p, said) for m in (en, es) for p in m.HANDOFF)
