"""How people wrap an address in words: lead-ins, remarks, a unit first, "in Durham NC".

Pure text rewrites used by bot.conversation.addresses before it reads the address; each keeps
the text's length where spans matter, so a span found afterwards is a span of the original.
"""

from __future__ import annotations

import re

from bot.conversation.understand.chatter import strip_chatter
from bot.conversation.understand.text import MAX_ANSWER, words_of

# "my address is", "it's", "we're on": stripped so the rest can be read as a whole answer.
LEAD_IN = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|sure|ok|okay|si|sí)\W+)?(?:(?:my|our|the)\s+(?:service\s+|home\s+|"
    r"new\s+|correct\s+|right\s+)?address\s+(?:is|will be|should be)|(?:service\s+)?address\s*"
    r"(?:is|:|-)|(?:it|that)\s+should\s+be|should\s+be|(?:it|that)['\u2019]?s\s+(?:at|on)"
    r"|(?:it|that)['\u2019]?s|it\s+is|(?:i|we)['\u2019]?m\s+(?:at|on)|(?:i|we)['\u2019]?re\s+"
    r"(?:at|on)|(?:i\s+am|we\s+are)\s+(?:at|on)|(?:i|we)\s+live\s+(?:at|on)|located\s+(?:at|on)"
    r"|(?:the|our|my)\s+(?:house|home|place|building|property|shop|office)\s+is\s+(?:at|on)"
    r"|(?:please\s+)?come\s+to|send\s+(?:them|someone)\s+to|we['\u2019]?re|at|on"
    r"|(?:mi|la|nuestra)\s+direcci[oó]n\s+es|direcci[oó]n\s*:?|vivo\s+en|estamos\s+en"
    r"|queda\s+en|es\s+en|es|en)\b[\s:,-]*",
    re.IGNORECASE,
)
_REMARK = re.compile(r"\([^()]{0,80}\)|\[[^\[\]]{0,80}\]")
_UNIT_FIRST = re.compile(
    r"^\W*(?P<unit>(?:apt|apartment|unit|suite|ste|#|no\.?|number|lot|space|spc|rm|room|bldg)"
    r"\.?\s*#?\s*[A-Za-z0-9-]{1,6})\s*(?:[,;:\u2013\u2014-]\s*|\s+(?:at|on)\s+|\s+)(?=\d)",
    re.IGNORECASE)
_STATE_WORD = (r"(?:[A-Z]{2}|[Aa]labama|[Aa]laska|[Aa]rizona|[Cc]alifornia|[Cc]olorado|[Ff]lorida"
               r"|[Gg]eorgia|[Ii]llinois|[Nn]ew [Yy]ork|[Nn]orth [Cc]arolina|[Oo]hio|[Tt]exas"
               r"|[Vv]irginia|[Ww]ashington|[Mm]ichigan|[Mm]assachusetts|[Pp]ennsylvania)")
_IN_CITY = re.compile(rf"(?<=\s)(?:in|en)(?=\s+[A-Za-z][a-z]+(?:\s+[A-Za-z][a-z]+){{0,2}},?\s+"
                      rf"(?:{_STATE_WORD}\b|[a-z]{{2}}\s+\d{{5}}\b))")
_SAME = re.compile(
    r"""(?:yes |yeah |yep |si |same |)(?:the )?(?:same|igual|la misma|el mismo|lo mismo)
    (?: (?:spot|place|address|location|house|home|one|building|apartment|unit|as|as before
    |as last time|as the last time|as always|as usual|as last|as before please|direccion|lugar
    |casa|sitio|de antes|que antes|que la vez pasada|que la ultima vez|de siempre|de la otra vez
    |as on file|on file|you have|you have on file|as you have|address as before|place as before
    |spot as before|address as last time|place as last time|as my last visit|as last visit
    |as the last visit|address on file|as before thanks|one as before|please|thanks|pls))*
    |(?:no change|nothing changed|hasnt changed|hasn't changed|still the same|it's the same
    |its the same|you have it|you have it on file|on file|the one on file|the one you have
    |use the one on file|use the same|keep it|keep the same|la de siempre|la de antes
    |la misma de antes|no ha cambiado)""".replace("\n", "").replace("    ", ""))


# "123 Main St - back door": a trailing remark after a dash, told apart by its words.
_REMARK_TAIL = re.compile(
    r"\s+[-\u2013\u2014]+\s+(?=[^\d]*\b(?:door|gate|code|house|side|back|front|entrance|"
    r"garage|ring|knock|call|text|buzz|use|around|driveway|porch|yard|puerta|casa)\b)[^\d]*$",
    re.IGNORECASE)


def blank_remarks(text: str) -> str:
    """Parenthetical remarks blanked with spaces: "42 Elm St (blue house) Springfield"."""
    text = _REMARK.sub(lambda m: " " * len(m[0]), text)
    return _REMARK_TAIL.sub(lambda m: " " * len(m[0]), text)


def join_city(text: str) -> str:
    """ "40 Cedar Lane in Durham NC" -> "40 Cedar Lane ,  Durham NC" (same length)."""
    return _IN_CITY.sub(", ", text)


def unit_first(text: str) -> tuple[str | None, str]:
    """A unit said before the street ("Apt 4, 22 Oak St") and the text after it."""
    m = _UNIT_FIRST.match(text)
    return (m["unit"], text[m.end() :]) if m else (None, text)


def means_same_as_before(text: str) -> bool:
    """True for "same spot as before", "same address", "same as last time", "la misma"."""
    if len(text) > MAX_ANSWER:
        return False
    said = words_of(strip_chatter(text))
    return bool(said) and bool(_SAME.fullmatch(said))
