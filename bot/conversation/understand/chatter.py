"""Greetings, fillers, thanks, emoji and sign-offs: the parts of a text that carry no fact.

`strip_chatter` trims them from both ends so the rest reads naturally ("Hi my water heater is
leaking" -> "my water heater is leaking"); `is_chatter` says a message holds nothing else;
`is_acknowledgement` says it only acknowledges ("thanks!", "ok 👍", "great, see you then").
"""

from __future__ import annotations

from bot.conversation.understand.text import Tok, longest, longest_back, phrases, tokens

GREETINGS = phrases([
    "hi, hii, hiii, hiya, hey, heyy, heyyy, hey there, hi there, hello, hello there, helo, hallo",
    "howdy, yo, greetings, good morning, good afternoon, good evening, good day, gm",
    "morning all, hey guys, hi guys, hi all, hello all, hey y'all, dear sir, dear madam",
    "hola, buenos dias, buen dia, buenas, buenas tardes, buenas noches, saludos, que tal",
    "hola que tal, buenas buenas"])
FILLERS = phrases([
    "um, umm, ummm, uh, uhh, uhm, er, erm, hmm, hmmm, so, well, oh, ah, ok so, okay so",
    "alright so, and, also, anyway, anyways, basically, like, just, lol, haha, pues, bueno, este",
    "eh, oye, mira, ok, okay, oki, okey, alright, all right"])
THANKS = phrases([
    "thanks, thank you, thank u, thanks so much, thank you so much, thanks a lot, thanks again",
    "thx, thnx, tnx, ty, tysm, tyvm, many thanks, much appreciated, appreciate it",
    "i appreciate it, thanks in advance, thank you very much, cheers",
    "gracias, muchas gracias, mil gracias, te lo agradezco, se lo agradezco, grax"])
SIGNOFFS = phrases([
    "bye, bye bye, goodbye, see you, see ya, see you then, see you soon, see you tomorrow",
    "talk soon, talk to you soon, talk later, have a good day, have a great day",
    "have a nice day, have a good one, take care, good night, gn, ttyl",
    "adios, hasta luego, hasta pronto, hasta manana, nos vemos, chao, chau, que tenga buen dia",
    "buen dia, cuidese, saludos"])
# Acknowledgements that are only chatter when they are the whole message ("great" would be
# stripped from "great, send it over" otherwise, and that one is a yes).
ACKS = phrases([
    "ok, okay, k, kk, okey, oki, okie, okie dokie, alright, all right, great, perfect, awesome",
    "cool, nice, sweet, good, very good, sounds good, sounds great, got it, gotcha, will do",
    "noted, understood, great thanks, perfect thanks, ok great, ok cool, no problem, np",
    "wonderful, excellent, fantastic, amazing, super, lovely, all good, de nada, listo, vale",
    "perfecto, genial, excelente, muy bien, esta bien, entendido, claro, ok perfecto"])
POLITE = phrases(["please, pls, plz, por favor, porfa, porfavor, por fa"])

_LEADING = GREETINGS | FILLERS
_TRAILING = THANKS | SIGNOFFS | POLITE | phrases(["lol, haha, ok, okay"])
_WHOLE = _LEADING | _TRAILING | ACKS


def _lead(toks: list[Tok], vocab: frozenset[tuple[str, ...]]) -> int:
    """How many leading tokens are emoji or phrases of `vocab`."""
    i = 0
    while i < len(toks):
        n = 1 if toks[i].emoji else longest(toks, i, vocab)
        if not n:
            break
        i += n
    return i


def _trail(toks: list[Tok], start: int, vocab: frozenset[tuple[str, ...]]) -> int:
    """Index just past the last token that is neither emoji nor a phrase of `vocab`."""
    j = len(toks)
    while j > start:
        n = 1 if toks[j - 1].emoji else longest_back(toks[start:], j - start, vocab)
        if not n:
            break
        j -= n
    return j


def strip_chatter(text: str) -> str:
    """The text without leading greetings/fillers and trailing thanks/sign-offs/emoji."""
    toks = tokens(text)
    i = _lead(toks, _LEADING)
    j = _trail(toks, i, _TRAILING)
    if i >= j:
        return ""
    # untouched ends keep their punctuation ("#4 22 Oak St", "Lee Jr.")
    start = toks[i].start if i else 0
    end = toks[j - 1].end if j < len(toks) else len(text)
    return text[start:end].strip()


def is_chatter(text: str) -> bool:
    """True when the message is only greetings, fillers, thanks, emoji, acks or sign-offs."""
    toks = tokens(text)
    return bool(toks) and _lead(toks, _WHOLE) == len(toks)


def is_greeting(text: str) -> bool:
    """True when the message is chatter that opens with a greeting ("Good morning!", "hola")."""
    toks = tokens(text)
    return is_chatter(text) and longest(toks, 0, GREETINGS) > 0


def is_acknowledgement(text: str) -> bool:
    """Thanks, ok, an emoji or a sign-off, with no greeting ("great, see you then", "👍")."""
    toks = tokens(text)
    if not toks or _lead(toks, _WHOLE - GREETINGS) != len(toks):
        return False
    return not any(longest(toks, i, GREETINGS) for i in range(len(toks)))
