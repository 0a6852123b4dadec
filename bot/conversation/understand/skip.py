""""Skip this question": the answers to an optional question that mean "I'd rather not"."""

from __future__ import annotations

import re

from bot.conversation.understand.chatter import strip_chatter
from bot.conversation.understand.text import MAX_ANSWER, words_of

_THING = r"(?:an? |any |one |my )?(?:e ?mail(?: address)?|email address|address|one|it|that|any)"
_SKIP = re.compile(
    rf"""(?:skip|skip (?:it|this|that|this one|that one|for now|please)|next|pass|none|nothing
    |n a|na|no|nope|nah|no thanks|no thank you|not now|later|maybe later|no need|not needed
    |no email|no e ?mail|no email address|without email|dont use email|i dont use email
    |(?:i )?(?:dont|don't|do not|dont really) (?:have|got|use|need|want to give)(?: {_THING})?
    |(?:i )?(?:have|got) (?:no|none)(?: {_THING})?|not (?:applicable|sure)|rather not
    |(?:id|i'd|i would) rather not(?: say| share| give it)?|prefer not(?: to)?(?: say| share)?
    |no tengo|no tengo (?:correo|email|e ?mail|uno|una)|omitir|saltar|paso|siguiente|ninguno
    |ninguna|nada|sin correo|sin email|no uso correo|no lo tengo|no quiero|mejor no|no gracias
    |no hace falta|no aplica|no uso (?:correo|email|e ?mail)|no tengo correo electronico
    |no tengo (?:correo|email) electronico)""".replace("\n", "").replace("    ", ""))
# "no, I don't have email", "nah skip", "no email sorry": the core with a no or a sorry around it
_BEFORE = re.compile(r"^(?:(?:no|nope|nah|sorry|um|oh|well|ok|okay|actually)\s+)+")
_AFTER = re.compile(r"(?:\s+(?:sorry|thanks|thank you|gracias|please|pls|lo siento|perdon))+$")


def is_skip(text: str) -> bool:
    """True when the answer declines an optional question: "skip", "no email", "no tengo"."""
    if len(text) > MAX_ANSWER:
        return False
    said = words_of(strip_chatter(text))  # "n/a" is the words "n a"
    bare = _AFTER.sub("", said)
    return any(_SKIP.fullmatch(s) for s in (said, bare, _BEFORE.sub("", bare)) if s)
