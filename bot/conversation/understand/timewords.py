"""Answers to "When would you like us to come?" that name no time: "whenever", "cuando sea"."""

from __future__ import annotations

import re

from bot.conversation.understand.chatter import strip_chatter
from bot.conversation.understand.text import MAX_ANSWER, words_of

# The whole answer (folded, chatter trimmed) says any time is fine.
_NO_PREFERENCE = re.compile(
    r"""(?:(?:oh |well |honestly |really |um )?(?:whenever|when ?ever|anytime|any ?time|any day
    |any day any time|any time any day|whatever|whenever you can|whenever you guys can
    |when you can|when you are free|when youre free|when you're free|when ever you can
    |whichever|no preference|no pref|dont care|don't care|doesnt matter|doesn't matter
    |does not matter|it doesnt matter|it doesn't matter|not picky|im flexible|i'm flexible
    |i am flexible|flexible|no rush|no hurry|not urgent|not in a hurry|up to you|your call
    |you tell me|you pick|you choose|first available|next available|earliest available
    |whatever works|whatever is easiest|cuando sea|cuando puedan|cuando pueda|cuando quieran
    |a cualquier hora|cualquier hora|cualquier dia|cualquier momento|me da igual|da igual
    |lo que sea|no importa|sin prisa|no hay prisa|cuando les quede bien|cuando tengan tiempo
    |any day of the week|any day or time|any time of day|cualquier dia de la semana
    |cualquier dia o hora|el dia que sea|a la hora que sea)
    (?: (?:is|works|would work|will work|is fine|is good|is great|is ok|is okay|really|honestly
    |for me|for us|works for me|works for us|is best|you can|you guys can|thats fine|that's fine
    |esta bien|me sirve|funciona|de verdad|fine|good|ok|okay|really|please|pls|works best
    |is fine with me|you have|you have time|you have an opening|you're free|youre free
    |is convenient|convenient|u can|you guys are free|works for you|is best for you
    |you're available|youre available|you are available)){0,3})"""
    .replace("\n", "").replace("    ", ""))


def means_no_preference(text: str) -> bool:
    """True for "whenever", "any time works", "no preference", "cuando sea", "me da igual"."""
    if len(text) > MAX_ANSWER:
        return False
    said = words_of(strip_chatter(text))
    return bool(said) and bool(_NO_PREFERENCE.fullmatch(said))
