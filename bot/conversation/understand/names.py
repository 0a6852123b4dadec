"""Names from answers and messages: people (via nameparser) and businesses.

`parse_name` reads an answer to "What's your name?": framing ("it's", "this is", "me llamo",
"sam ortiz here"), fillers, greetings, titles and emoji are dropped; multi-word last names are
kept whole ("de la Cruz", "Van Buren", "García Márquez"); lower-case input is proper-cased
("o'brien" -> "O'Brien"). `find_name` finds a name stated inside a longer message, and is
conservative: service talk never becomes a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nameparser import HumanName

from bot.conversation.understand.chatter import is_chatter, strip_chatter
from bot.conversation.understand.skip import is_skip
from bot.conversation.understand.text import fold
from bot.conversation.understand.vocab import COMPANY_STRONG, COMPANY_WEAK, NOT_NAME, SERVICE
from bot.conversation.understand.yesno import read_yes_no

MAX_NAME_CHARS = 80
MAX_TOKENS = 6
_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:[-'\u2019.][^\W\d_]*)*\.?")
_INTRO = (r"(?:(?:it's|its|it is|this is) for|my name is|my name's|my names|name's|names"
          r"|name is|the name is|name:|it's|its|it is|this is|i'm|i am|im|me llamo"
          r"|mi nombre es|yo soy|soy|habla|you can call me|call me)")
_FRAME = re.compile(
    rf"^(?:(?:yes|yeah|yea|yep|yup|sure|ok|okay|oh|well|so|um+|uh+|hi|hey|hello|hola|si|sí"
    rf"|thanks|thank you|thx|gracias)"
    rf"[\s,.!-]+)*{_INTRO}[\s:,-]+", re.I)
_LEADING_YES = re.compile(r"^(?:(?:yes|yeah|yea|yep|yup|sure|ok|okay|si|sí)\b[\s,.!-]*)+", re.I)
_TRAILING = re.compile(r"(?:[\s,-]+(?:here|speaking|again|from before|aqui|aquí|hablando))+$",
                       re.I)
# Where the name stops: a clause after a comma, a sentence end, "and the fridge ...".
_CUT = re.compile(r"\s*(?:[,;!?()\n\u2014]|(?-i:(?<!\b[A-Z])(?<!\b[Mm][RrSs])(?<!\b[Mm][Rr][Ss])"
                  r"(?<!\b[DdJjSs][RrTt]))\.\s"
                  r"|\s-\s|\s(?:and|but|y|pero|my|i|we|our|mi|tengo|need|needs)\s)", re.I)
_REVERSED = re.compile(r"(?P<last>[A-Z][^\W\d_'\u2019-]+(?:[-'\u2019][^\W\d_]+)?),\s*"
                       r"(?P<first>[A-Z][^\W\d_'\u2019-]+(?:-[^\W\d_]+)?)")
_COUPLE = re.compile(r"(?P<first>[^\W\d_]+)(?:\s*[&+]\s*|\s+(?:and|y)\s+)[^\W\d_]+\s+"
                     r"(?P<last>[^\W\d_][\w'\u2019-]*(?:\s+[^\W\d_][\w'\u2019-]*)?)", re.I)
_WITH_COMPANY = re.compile(r"^(?P<person>.+?)\s+(?:with|from|at|con|de parte de)\s+"
                           r"(?P<company>.+)$", re.I)
_OWNED = frozenset({"my", "our", "your", "his", "her", "their", "mi", "mis", "nuestra", "nuestro",
                    "su", "a", "an", "some"})
_ABBREVIATIONS = {"llc": "LLC", "hoa": "HOA", "pllc": "PLLC", "llp": "LLP", "lp": "LP",
                  "plc": "PLC", "hvac": "HVAC", "inc": "Inc", "co": "Co", "ltd": "Ltd"}


@dataclass(frozen=True)
class Name:
    """A person's or a company's name."""

    first: str | None = None
    last: str | None = None
    company: str | None = None

    @property
    def display(self) -> str:
        """How to greet them."""
        return self.first or self.company or ""


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", text) if w]


def _unframe(text: str) -> str:
    """The answer without chatter, "yes", "my name is", "it's", "... here"."""
    s = strip_chatter(text)
    for _ in range(3):  # "um yeah it's ...", "hi, this is ..."
        s = _LEADING_YES.sub("", _FRAME.sub("", s)).strip()
    return _full_stop(_TRAILING.sub("", s).strip(" ,!-:"))


def _full_stop(text: str) -> str:
    """Without a sentence's closing full stop; "Jr." and "Sr." keep theirs."""
    text = text.strip()
    return text if re.search(r"\b(?:jr|sr)\.$", text, re.I) else text.strip(" .")


def _proper(word: str) -> str:
    """Title-case a word typed all lower or all upper; keep "McDonald", "DeShawn" as typed."""
    if not (word.islower() or word.isupper()):
        return word
    return _ABBREVIATIONS.get(word.lower().strip("."), word.capitalize())


def company_name(text: str) -> str | None:
    """The business name when the text names one ("Tony's Deli", "Smith Plumbing Inc")."""
    words = _words(text.strip(" .!"))
    keys = [fold(w).strip(".,") for w in words]
    if len(words) < 2 or len(words) > 8 or any(c.isdigit() for c in text) or "@" in text:
        return None
    if keys[0] in _OWNED:
        return None  # "my restaurant": a kind of place, not its name
    strong = any(k in COMPANY_STRONG for k in keys[1:] or keys)
    possessive = any(re.fullmatch(r"\w+'s", k) for k in keys[:-1])
    weak = any(k in COMPANY_WEAK for k in keys[1:]) and (
        len(words) >= 3 or possessive or keys[0] == "the")
    if not (strong or weak or (possessive and len(words) >= 2)):
        return None
    if sum(k in NOT_NAME and k not in COMPANY_STRONG | COMPANY_WEAK for k in keys) > 1:
        return None  # "the sink in the kitchen": service talk, not a business
    if not (text.islower() or text.isupper()):
        return " ".join(words)  # typed with care: "ABC Plumbing", "McDonald's"
    small = {"and", "of", "the", "y", "de", "del", "la"}
    return " ".join(w.lower() if i and w.lower() in small else _proper(w)
                    for i, w in enumerate(words))


@lru_cache(maxsize=1)
def _command_words() -> frozenset[str]:
    from bot.conversation.lang import en, es  # data only; imported late to keep layers apart

    return frozenset(fold(k) for m in (en, es) for k in m.COMMANDS if " " not in k)


def _reads_as_a_name(words: list[str], blocked: list[str]) -> bool:
    """"Cal Back": two capitalised words, one of them a command word, the other no common
    word, is a person (a bare "back" is still the command, read before any slot)."""
    return len(words) == 2 and len(blocked) == 1 and \
        fold(blocked[0]).strip(".") in _command_words() and \
        all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)


def _person(candidate: str) -> Name | str:
    """A person's name from a cleaned candidate, via nameparser; or a reason code."""
    words = _words(candidate)
    if not words:
        return "empty"
    if len(words) > MAX_TOKENS or not all(_NAME_TOKEN.fullmatch(w) for w in words):
        return "invalid"
    blocked = [w for w in words if fold(w).strip(".") in NOT_NAME]
    if (blocked and not _reads_as_a_name(words, blocked)) or SERVICE.search(fold(candidate)):
        return "invalid"
    human = HumanName(" ".join(words))
    typed = {w.lower(): w for w in words if not (w.islower() or w.isupper())}
    human.capitalize(force=True)

    def shown(part: str) -> str:
        fixed = " ".join(typed.get(w.lower(), w) for w in part.split())
        return re.sub(r"^st\.? ", "St. ", fixed)  # nameparser lower-cases "St." as a particle

    first = shown(human.first)
    last = shown(" ".join(p for p in (human.middle, human.last, human.suffix) if p))
    if first and last:
        return Name(first=first, last=last)
    if first or last:
        return Name(first=first or None, last=last or None)
    return "invalid"  # only a title ("Dr")


def parse_name(text: str, single_ok: bool = False) -> Name | str:
    """A Name, or why not: "empty", "chatter" (a greeting, yes, thanks), "single", "invalid".

    One word alone is "single" (we ask for the last name too) unless `single_ok`.
    """
    if not text.strip(" \t\n.,!?"):
        return "empty"
    if len(text) > 4 * MAX_NAME_CHARS:
        return "invalid"
    if is_chatter(text) or read_yes_no(text) is not None or is_skip(text):
        return "chatter"
    if not any(c.isalnum() for c in text):
        return "invalid"
    candidate = _unframe(text)
    if not candidate:
        return "chatter"
    if reversed_ := _REVERSED.fullmatch(candidate):  # "Lee, Kim": the form's order
        candidate = f"{reversed_['first']} {reversed_['last']}"
    if couple := _COUPLE.fullmatch(candidate):  # "Bob & Sue Miller": the first one, the family
        candidate = f"{couple['first']} {couple['last']}"
    head = _full_stop(_CUT.split(candidate, maxsplit=1)[0])
    if isinstance(_person(head), str) and not company_name(head):
        # "Its for my mom, Rosa Diaz": the name may be the next part, if that one is a full name
        for part in _CUT.split(candidate)[1:3]:
            if company := company_name(_full_stop(part)):  # "it's for my restaurant, Joe's Pizza"
                return Name(company=company)
            later = _person(_full_stop(part))
            if isinstance(later, Name) and later.first and later.last:
                return later
    if (m := _WITH_COMPANY.match(head)) and (company := company_name(m["company"])
                                             or _capitalised(m["company"])):
        person = _person(m["person"])
        if isinstance(person, Name):
            return Name(first=person.first, last=person.last, company=company)
    if company := company_name(candidate) or company_name(head):
        return Name(company=company)
    if len(head) > MAX_NAME_CHARS:
        return "invalid"
    person = _person(head)
    if isinstance(person, Name) and not (person.first and person.last) and not single_ok:
        return "single"
    return person


def _capitalised(text: str) -> str | None:
    """Text whose every word starts with a capital ("Summit Realty"), else None."""
    words = _words(text)
    ok = 0 < len(words) <= 5 and all(w[0].isupper() and _NAME_TOKEN.fullmatch(w) for w in words)
    return " ".join(words) if ok else None


# A name said inside a message: "this is Bob Smith, ...", "hi i'm kim, my sink is clogged".
_INTRO_IN_TEXT = re.compile(rf"(?:^|(?<=[\s,.!]))(?P<intro>{_INTRO})\s+(?P<rest>.+)", re.I)
_STRONG_INTROS = {"my name is", "my name's", "name's", "name is", "the name is", "me llamo",
                  "mi nombre es", "this is"}
# "Bob Smith, 42 Elm St ...": two or three capitalised words, then a comma and more facts.
_LEADING = re.compile(r"^\W*(?:(?:hi|hey|hello|hola)\W+)?(?P<name>[A-Z][\w'\u2019.-]*"
                      r"(?:\s+[A-Z][\w'\u2019.-]*){1,2})(?:\s+here)?\s*[,\n-]\s*\S")
_HERE = re.compile(r"^\W*(?:(?:hi|hey|hello|hola)\W+)?(?P<name>[^\W\d_][\w'\u2019-]*"
                   r"(?:\s+[^\W\d_][\w'\u2019-]*){0,2})\s+(?:here|aqui|aquí)\b", re.I)


# "Water heater making noise. Mike Chen, 555-222-3333": a full name opening a later sentence,
# followed by a comma and a number (a phone or a house number).
_SIGNED = re.compile(r"(?<=[.!?\n])\s*(?P<name>[A-Z][\w'\u2019-]+\s+[A-Z][\w'\u2019-]+)\s*,\s*"
                     r"(?=[+(]?\d)")


def find_name_span(text: str) -> tuple[Name, int, int] | None:
    """A name stated inside free text, with the [start, end) span of its words."""
    text = text[: 4 * MAX_NAME_CHARS * 3]
    for m in _INTRO_IN_TEXT.finditer(text):
        head = _CUT.split(m["rest"], maxsplit=1)[0]
        words = _words(head)[:MAX_TOKENS]
        strong = m["intro"].lower().replace("\u2019", "'") in _STRONG_INTROS
        # a weak intro ("i'm", "it's") in lower case must be followed by a break: "i'm kim, ..."
        ends = len(_words(m["rest"])) == len(_words(head)) or _CUT.match(
            m["rest"][len(head):]) is not None
        if not words or (not strong and not ends and not words[0][0].isupper()):
            continue
        found = _person_or_company(" ".join(words))
        if found is not None:
            end = m.start("rest") + len(head.rstrip(" ."))
            return found, m.start("intro"), end
        if m["intro"].lower().endswith(" for") and (later := _company_after(m["rest"])):
            return later[0], m.start("intro"), m.start("rest") + later[1]
    for pattern, single in ((_LEADING, False), (_HERE, True), (_SIGNED, False)):
        lead = pattern.match(text) if pattern is not _SIGNED else pattern.search(text)
        person = _person(lead["name"]) if lead else None
        if lead and isinstance(person, Name) and (single or (person.first and person.last)):
            return person, lead.start("name"), lead.end("name")
    return None


def _company_after(rest: str) -> tuple[Name, int] | None:
    """ "my restaurant, Joe's Pizza": a business named in the next comma part; with its end."""
    first, comma, after = rest.partition(",")
    part = _CUT.split(after.strip(), maxsplit=1)[0] if comma else ""
    company = company_name(_full_stop(part)) if part else None
    if company is None:
        return None
    return Name(company=company), len(first) + 1 + after.index(part) + len(part.rstrip(" ."))


def _person_or_company(candidate: str) -> Name | None:
    parsed = parse_name(candidate, single_ok=True)
    return parsed if isinstance(parsed, Name) else None


def find_name(text: str) -> Name | None:
    """A name stated inside free text ("This is Bob Smith, 42 Elm St ..."), or None."""
    found = find_name_span(text)
    return found[0] if found else None
