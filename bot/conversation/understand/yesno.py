"""Yes or no, with the extra words people add, in English and Spanish.

`read_yes_no("yes thats correct")` is "yes"; anything that carries more than a yes or a no
("yes but the address is wrong") is None, and `split_yes_no` hands that rest to the caller so
"no, the address is wrong" can be read as a no plus a correction.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.conversation.understand.chatter import GREETINGS, POLITE, SIGNOFFS, THANKS
from bot.conversation.understand.text import MAX_ANSWER, Tok, longest, phrases, tokens

Answer = Literal["yes", "no"]

YES = phrases([
    "yes, y, ye, yea, yeah, yeh, ya, yah, yep, yup, yass, yes sir, yes maam, yess, yesss, ys",
    "sure, sure thing, for sure, ok, okay, k, kk, okey, oki, okie, alright, all right, fine",
    "correct, thats correct, that's correct, that is correct, right, thats right, that's right",
    "that is right, exactly, confirm, confirmed, i confirm, affirmative, absolutely, definitely",
    "of course, ofc, perfect, great, good, sounds good, sounds great, looks good, looks great",
    "all good, all set, yes please, yes pls, agreed, i agree, indeed, totally, you bet",
    "si, sí, claro, claro que si, correcto, es correcto, esta bien, vale, dale, de acuerdo",
    "perfecto, bueno, exacto, asi es, eso es, por supuesto, si claro, si señor, sip, simon",
    "yesss, yeahh, yepp, yupp, okk, okayy, sii, siii, yes ma'am, yes mam, sounds perfect",
    "si claro que si, claro que si, ok cool, cool, why not, sure why not",
    "👍, 👌, ✅, ✔, 💯, 🙆, 🆗"])
NO = phrases([
    "no, n, nope, nah, naw, nah man, na, nop, no thanks, no thank you, no thx, not now",
    "not really, not yet, no way, negative, wrong, incorrect, thats wrong, that's wrong",
    "that is wrong, not right, thats not right, that's not right, not correct, no no",
    "dont, don't, do not, never, no sir, i do not, i don't, i dont, rather not, id rather not",
    "i'd rather not, no gracias, mejor no, para nada, todavia no, ahora no, no señor, nel",
    "tampoco, negativo, incorrecto, esta mal, no es correcto, noo, nooo, noooo, nopee, nah nah",
    "👎, ❌, 🚫, 🙅"])
# Words that only confirm what the yes already said ("yes, go ahead and send it").
_CONFIRMING = phrases([
    "that works, works, works for me, that works for me, go ahead, go for it, send it",
    "send it over, send it in, send, submit, submit it, book it, do it, please do, lets do it",
    "let's do it, all set, im all set, i'm all set, looks good, looks great, looks right",
    "sounds good, sounds great, thats it, that's it, thats all, that's all, that is all",
    "everything is correct, everything looks good, all correct, all of it, its correct",
    "it's correct, its right, it's right, that's me, thats me, that's fine, thats fine",
    "is fine, is good, that's good, thats good, perfect, great, good, correct, right",
    "adelante, envialo, mandalo, todo bien, todo correcto, esta bien, correcto, perfecto",
    "es correcto, gracias, thank you, thanks, this is fine, the best number, best number",
    "is the best number, this number, this one, that one, please, pls, por favor, sir, maam",
    "that is the best number, thats the best number, that's the best number, thats my number",
    "that's my number, my number, that's my cell, thats my cell, use that one, use this one",
    "it is, it is correct, it is right, it's fine, that's the one, thats the one, the one",
    "book it, and book it, go ahead and book it, go ahead and send it, and send it, confirm it",
    "go ahead and submit, go ahead and submit it, that's all correct, thats all correct",
    "why not, cool, nice, awesome, sounds perfect, que si"])
_DECLINING = phrases([
    "thanks, thank you, not now, not today, not right now, not interested, im good, i'm good",
    "i am good, im ok, i'm ok, i'm fine, all good, no need, not needed, maybe later, later",
    "gracias, no gracias, ahora no, estoy bien, no hace falta, no por ahora, por ahora no",
    "that's all, thats all, that's it, thats it, not interested thanks, nope, now, right now",
    "for now, that's not my number, thats not my number, not my number, wrong number",
    "that's not me, thats not me, not me, that is not my number, es otro numero"])
_JOINERS = phrases(["but, and, though, however, pero, y, also, so, just"])
_OPENERS = GREETINGS | phrases(["um, umm, uh, hmm, oh, well, ah, eh, pues"])
_TAILS = THANKS | SIGNOFFS | POLITE


def _skip(toks: list[Tok], i: int, vocab: frozenset[tuple[str, ...]], emoji: bool = True) -> int:
    """Index past the phrases of `vocab` (and any emoji, unless told not to) from toks[i]."""
    while i < len(toks):
        n = 1 if emoji and toks[i].emoji else longest(toks, i, vocab)
        if not n:
            break
        i += n
    return i


def _answer_at(toks: list[Tok], i: int) -> tuple[Answer, int] | None:
    """The yes or no that starts at toks[i], with the index just past it (longest wins)."""
    yes, no = longest(toks, i, YES), longest(toks, i, NO)
    if yes == no == 0:
        return None
    return ("yes", i + yes) if yes > no else ("no", i + no)


_EDGES = re.compile(r"^[\s,.;:!-]+|[\s,.;:!-]+$")


def split_yes_no(text: str) -> tuple[Answer | None, str]:
    """The leading yes/no and the rest of the text ("no, the address is wrong" -> no + rest).

    The rest is "" when everything after the answer only confirms it ("yes thats correct",
    "no thanks"); the whole text comes back with None when it does not open with yes or no.
    """
    if len(text) > MAX_ANSWER:
        return None, text.strip()
    toks = tokens(text)
    i = _skip(toks, 0, _OPENERS, emoji=False)  # "👍" alone is the answer, not an opener
    found = _answer_at(toks, i)
    if found is None:
        return None, text.strip()
    answer, j = found
    extra = _CONFIRMING if answer == "yes" else _DECLINING
    while (more := _answer_at(toks, j)) and more[0] == answer:  # "yes yes", "no no no"
        j = more[1]
    j = _skip(toks, j, extra | _TAILS | (YES if answer == "yes" else NO))
    if j >= len(toks):
        return answer, ""
    j = _skip(toks, j, _JOINERS)
    if j >= len(toks):
        return answer, ""
    # Any whitespace (a no-break space too) and punctuation around the rest goes.
    return answer, _EDGES.sub("", text[toks[j].start :])


def read_yes_no(text: str) -> Answer | None:
    """"yes" or "no" when that is all the text says, else None."""
    answer, rest = split_yes_no(text)
    return answer if not rest else None
