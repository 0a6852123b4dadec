"""Service addresses from texted answers, normalised in USPS Publication 28 style.

Two readers share one normaliser: the usaddress CRF tagger reads a whole answer, and a small
conservative rule scanner finds addresses inside free text (and stands in when the tagger's
labels are implausible). Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

# no stubs; unused-ignore because pyproject's mypy override may already silence the import
import usaddress  # type: ignore[import-untyped, unused-ignore]

from bot.conversation.understand.address_text import (
    LEAD_IN,
    blank_remarks,
    join_city,
    unit_first,
)
from bot.conversation.understand.chatter import strip_chatter
from bot.conversation.understand.vocab import SERVICE
from bot.conversation.usps import (
    DIRECTIONALS,
    STANDALONE_UNITS,
    STATES,
    STRONG_SUFFIXES,
    SUFFIXES,
    UNITS,
    WORDLIKE_STATES,
)

MAX_ANSWER_CHARS = 200  # longer than any address answer: only searched, never tagged whole
MAX_MESSAGE_CHARS = 5000  # search window; cutting only the tail keeps spans valid

_Part = tuple[str, str]  # (field, raw text), fields in _FIELDS order
_FIELDS = ("num", "predir", "pretype", "name", "suffix", "postdir", "unit", "city", "state", "zip")
_CRF_FIELDS = {
    "AddressNumber": "num", "AddressNumberSuffix": "num", "StreetNamePreModifier": "name",
    "StreetNamePreDirectional": "predir", "StreetNamePreType": "pretype", "StreetName": "name",
    "StreetNamePostType": "suffix", "StreetNamePostDirectional": "postdir",
    "OccupancyType": "unit_type", "SubaddressType": "unit_type", "OccupancyIdentifier": "unit_id",
    "SubaddressIdentifier": "unit_id", "PlaceName": "city", "StateName": "state", "ZipCode": "zip",
}

_TOKEN = re.compile(r"[,;&#]|[^\s,;&#]+")
_NUMBER = re.compile(r"\d{1,6}[A-Z]?|\d{1,5}-\d{1,5}[A-Z]?")
_NUMBER_FULL = re.compile(rf"(?:{_NUMBER.pattern})(?: \d/\d)?")  # the tagger keeps "123 1/2"
_ORDINAL = re.compile(r"\d{1,4}(?:ST|ND|RD|TH)")
_UNIT_ID = re.compile(r"[A-Z0-9]{0,4}\d[A-Z0-9-]{0,4}|[A-Z]")
_ZIP = re.compile(r"(\d{5})(?:-?(\d{4}))?")
_EDGE = " ,;.:!?()[]\"'\u2018\u2019\u201c\u201d"
# Words that never belong to a street or city name inside free text; far from every English
# word, just those that would otherwise sit between a number and a suffix ("5 pm on the way").
_STOPWORDS = frozenset(str.split("""
a an the and or but of to in on at by for from with without is are was were be been am pm it its
i im me my we our you your he she his her they their them this that these those there here have
has had need needs get got do does did can could will would should just also too very so if not
no yes about around near up down out over under into than then when what where which who how all
any some more most much many few one two three four five six seven eight nine ten min mins minute
minutes hour hours hr hrs days weeks months years times miles ft feet gallon gallons gal thanks
thank thx ty please pls plz ok okay lol asap today tomorrow tonight now sorry yeah yep sure hi
hello hey mi es en y con por para que
"""))
# The few words an answer itself may trail with ("123 Main St thanks").
_FILLER = frozenset(str.split("""
thanks thank you thx ty please pls plz ok okay lol asap today tomorrow tonight now sorry yes yeah
yep sure hi hello hey is are was
"""))


@dataclass(frozen=True)
class Address:
    """A street address in USPS Publication 28 style."""

    line1: str  # "123 N MAIN ST"
    line2: str | None  # "APT 4B"
    city: str | None  # "SPRINGFIELD"
    state: str | None  # "IL"
    postal_code: str | None  # "62704" or "62704-1234"

    def as_dict(self) -> dict[str, str | None]:
        """The address object the conversation stores and the contract's JSON uses."""
        return {"line1": self.line1, "line2": self.line2, "city": self.city,
                "state": self.state, "postal_code": self.postal_code}

    def one_line(self) -> str:
        """Render as "123 N MAIN ST APT 4B, SPRINGFIELD, IL 62704", skipping missing parts."""
        street = " ".join(p for p in (self.line1, self.line2) if p)
        region = " ".join(p for p in (self.state, self.postal_code) if p)
        return ", ".join(p for p in (street, self.city, region) if p)


@dataclass(frozen=True)
class _Tok:
    raw: str
    key: str  # upper case, edge punctuation and dots removed; "" for commas and the like
    start: int


def _answer(text: str) -> tuple[str | None, str]:
    """The address words of an answer, without chatter, lead-ins and remarks; a unit said first."""
    answer = join_city(blank_remarks(strip_chatter(text[:MAX_MESSAGE_CHARS]) or text))
    for _ in range(2):  # "hi, yes it's at ..."
        answer = LEAD_IN.sub("", answer.strip(), count=1)
    unit, answer = unit_first(answer)
    return unit, re.sub(r"[ \t]+", " ", answer).strip()


def _with_unit(address: Address, unit: str | None) -> Address:
    """The address with a unit said before the street ("Apt 4, 22 Oak St"), if it has none."""
    toks = _tokenize(unit or "")
    found = _unit(toks, 0, strict=False) if toks else None
    line2 = _line2(found[0]) if found else None
    if address.line2 or not line2:
        return address
    return Address(address.line1, line2, address.city, address.state, address.postal_code)


def parse_address(text: str) -> Address | None:
    """Read a whole answer to "What's the service address?"; None without number + street name."""
    unit, answer = _answer(text)
    if 0 < len(answer) <= MAX_ANSWER_CHARS:
        tagged, toks = _tagged(answer), _tokenize(answer)
        scanned = _scan(toks, 0, strict=False) if toks else None
        ruled = scanned[0] if scanned else None
        # the tagger now and then reads "St" as a city, or a state as part of the city
        if tagged and ruled and _evidence(ruled) - _evidence(tagged):
            tagged = None
        address = _assemble(tagged) or _assemble(ruled)
        if address is not None:
            if unit and not (address.city or address.state or address.line1.split()[-1] in
                             SUFFIXES.values()):
                return None  # "apt 4, 2 kids": a unit, then chat
            return _with_unit(address, unit)
    found = extract_address(text)
    return found[0] if found else None


def find_address(text: str) -> Address | None:
    """The first clearly street-shaped address inside a longer message, or None."""
    found = extract_address(text)
    return found[0] if found else None


def extract_address(text: str) -> tuple[Address, int, int] | None:
    """Find the first clearly street-shaped address in free text, with its [start, end) span."""
    clean = join_city(blank_remarks(text[:MAX_MESSAGE_CHARS]))  # same length, same spans
    toks = _tokenize(clean)
    for i, tok in enumerate(toks):
        # after "#" or "Lot" a number is a unit ("Apt #12"), not a house number
        before = _key_at(toks, i - 1)
        unit = before == "#" or UNITS.get(before, "BSMT") not in STANDALONE_UNITS
        scanned = None if unit else _scan(toks, i, strict=True)
        if scanned is None:
            continue
        last = toks[scanned[1] - 1]
        start, end = tok.start, last.start + len(last.raw.rstrip(_EDGE))  # not the full stop
        # the tagger re-reads the span so both entry points label one address the same way
        address = _assemble(_tagged(clean[start:end])) or _assemble(scanned[0])
        if address is not None:
            return _unit_before(toks, i, address, start, end)
    return None


def _unit_before(toks: list[_Tok], i: int, address: Address, start: int,
                 end: int) -> tuple[Address, int, int]:
    """Take in a unit said just before the house number ("Apt 4, 22 Oak St"), span and all."""
    for j in (i - 4, i - 3, i - 2):
        found = _unit(toks, j, strict=True) if j >= 0 and not address.line2 else None
        if not found:
            continue
        after = found[1] + (_key_at(toks, found[1]) in ("AT", "ON"))  # "unit 4 at 300 Bay Rd"
        if _skip_comma(toks, after) == i and (line2 := _line2(found[0])):
            unit = Address(address.line1, line2, address.city, address.state, address.postal_code)
            return unit, toks[j].start, end
    return address, start, end


def _key(raw: str) -> str:
    return raw.strip(_EDGE).replace(".", "").upper()


def _tokenize(text: str) -> list[_Tok]:
    return [_Tok(m[0], _key(m[0]), m.start()) for m in _TOKEN.finditer(text)]


def _key_at(toks: list[_Tok], j: int) -> str:
    return toks[j].key if 0 <= j < len(toks) else ""


def _is_word(key: str) -> bool:
    return key[:1].isalpha() and all(c.isalpha() or c in "'\u2019-" for c in key)


def _tagged(text: str) -> list[_Part] | None:
    """Label the text with the usaddress CRF; None when it holds anything but one street address."""
    try:
        # parse(), not tag(): tag() raises RepeatedLabelError, and _assemble checks order anyway
        labelled = usaddress.parse(text)
    except Exception:  # third-party model: any failure only means "fall back to the rules"
        return None
    parts = [(_CRF_FIELDS.get(label, ""), raw) for raw, label in labelled if _key(raw)]
    # a recipient, PO box, intersection or landmark label: not one plain street address
    return None if any(not field for field, _ in parts) else parts


def _evidence(parts: list[_Part]) -> set[str]:
    """The parts of a reading that are hard to get wrong: a strong suffix, a state."""
    found = {f for f, raw in parts if f != "suffix" or SUFFIXES.get(_key(raw)) in STRONG_SUFFIXES}
    # "County Road 12": the tagger's pre-type holds the suffix word
    return {"suffix" if f == "pretype" else f for f in found} & {"suffix", "state"}


def _scan(toks: list[_Tok], i: int, strict: bool) -> tuple[list[_Part], int] | None:
    """Read an address whose house number is toks[i]: its parts and the index just past it."""
    street = _street(toks, i + 1, strict) if _NUMBER.fullmatch(toks[i].key) else None
    if street is None:
        return None
    parts, j = [("num", toks[i].raw), *street[0]], street[1]
    for _ in range(2):  # "BLDG 2 APT 5" at most
        unit = _unit(toks, j, strict)
        if unit is None:
            break
        parts, j = parts + unit[0], unit[1]
    place = _place(toks, j, strict)
    return (parts + place[0], place[1]) if place else (parts, j)


def _street(toks: list[_Tok], j: int, strict: bool) -> tuple[list[_Part], int] | None:
    parts: list[_Part] = []
    after = _key_at(toks, j + 1)
    # "4 North St" names a street North; "4 North Main St" has a directional
    if _key_at(toks, j) in DIRECTIONALS and after not in SUFFIXES and _is_namey(after):
        parts, j = [("predir", toks[j].raw)], j + 1
    run = _name_run(toks, j, strict)
    cut = _suffix_index(run, strict)
    if cut is not None:
        parts += [("name", t.raw) for t in run[:cut]] + [("suffix", run[cut].raw)]
        j += cut + 1
        post = _key_at(toks, j)
        # "North" may start a city ("North Platte"); only trust a spelled-out one before a break
        if post in DIRECTIONALS and (len(post) <= 2 or not _key_at(toks, j + 1)):
            parts, j = [*parts, ("postdir", toks[j].raw)], j + 1
        return parts, j
    if strict:  # no suffix: in free text only "88 W Elm" (directional + capitalised name) counts
        if not parts or not run or not run[0].raw[0].isupper():
            return None
        run = run[:1]
    return (parts + [("name", t.raw) for t in run], j + len(run)) if run else None


def _is_namey(key: str) -> bool:
    return _is_word(key) or bool(_ORDINAL.fullmatch(key))


def _name_run(toks: list[_Tok], j: int, strict: bool) -> list[_Tok]:
    """Up to five street-name-like words from toks[j]; a suffix, if any, is among them."""
    banned = _STOPWORDS if strict else _FILLER
    run: list[_Tok] = []
    while j < len(toks) and len(run) < 5:
        tok = toks[j]
        if not _is_namey(tok.key) or tok.key.lower() in banned or _unit(toks, j, strict):
            break
        # an upper-case state code ends the name ("42 Elm Springfield IL"), unless also a suffix
        if run and len(tok.raw) == 2 and tok.raw.isupper() and tok.key in STATES.keys() - SUFFIXES:
            break
        run.append(tok)
        j += 1
    return run


def _suffix_index(run: list[_Tok], strict: bool) -> int | None:
    """Where the street suffix is: the first strong one ("100 Forest Hill Rd"), else a weak one."""
    found = [k for k in range(1, len(run)) if run[k].key in SUFFIXES]
    strong = [k for k in found if SUFFIXES[run[k].key] in STRONG_SUFFIXES]
    if strong:
        return strong[0]
    if strict:  # weak suffixes are everyday words ("2 ceiling lights"): want capitals as well
        found = [k for k in found if not any(t.raw[0].islower() for t in run[: k + 1])]
    return found[0] if found else None


def _unit(toks: list[_Tok], j: int, strict: bool) -> tuple[list[_Part], int] | None:
    key = _key_at(toks, j)
    if _ORDINAL.fullmatch(key) and UNITS.get(_key_at(toks, j + 1)) == "FL":  # "3rd floor"
        return [("unit_type", toks[j + 1].raw), ("unit_id", toks[j].raw)], j + 2
    if key != "#" and key not in UNITS:
        return None
    k = j + 2 if key != "#" and _key_at(toks, j + 1) == "#" else j + 1  # "Apt #4"
    ident = _key_at(toks, k)
    # "FL 33101" is Florida and a ZIP, not a floor
    if _UNIT_ID.fullmatch(ident) and not (UNITS.get(key) == "FL" and _ZIP.fullmatch(ident)):
        return [("unit_type", toks[j].raw), ("unit_id", toks[k].raw)], k + 1
    if not strict and UNITS.get(key) in STANDALONE_UNITS:
        return [("unit_type", toks[j].raw)], j + 1
    return None


def _place(toks: list[_Tok], j: int, strict: bool) -> tuple[list[_Part], int] | None:
    """City, state, ZIP after the street; the reading that consumes most wins."""
    comma = j < len(toks) and toks[j].raw in ",;"
    j = _skip_comma(toks, j)
    banned = _STOPWORDS if strict else _FILLER
    words = 0
    while words < 4 and _is_word(_key_at(toks, j + words)):
        if toks[j + words].key.lower() in banned:
            break
        words += 1
    best: tuple[list[_Part], int] | None = None
    for n in range(words, -1, -1):  # fewer city words = longer state name on a tie
        k = _skip_comma(toks, j + n)
        state = _state_len(toks, k)
        z = _skip_comma(toks, k + state)
        has_zip = bool(_ZIP.fullmatch(_key_at(toks, z)))
        end = z + 1 if has_zip else k + state if state else j + n
        if not (state or has_zip) and not (comma and not strict and n == words and n > 0):
            continue  # a bare trailing city needs a comma before it, and only in an answer
        if strict and n == 0 and not has_zip:
            continue  # "Ave, OK?" is not Oklahoma: a lone state needs a ZIP in free text
        if best is None or end >= best[1]:
            parts = [("city", t.raw) for t in toks[j : j + n]]
            parts += [("state", t.raw) for t in toks[k : k + state]]
            best = (parts + ([("zip", toks[z].raw)] if has_zip else []), end)
    return best


def _skip_comma(toks: list[_Tok], j: int) -> int:
    return j + 1 if j < len(toks) and toks[j].raw in ",;" else j


def _state_len(toks: list[_Tok], k: int) -> int:
    """How many tokens at k spell a state ("IL", "Illinois", "New York"); 0 when none."""
    for n in (3, 2, 1):
        seg = toks[k : k + n]
        name = " ".join(t.key for t in seg)
        if len(seg) < n or name not in STATES:
            continue
        # "in", "or", "me" are words; "IN", "OR", "ME" or one before a ZIP are states
        zip_next = _ZIP.fullmatch(_key_at(toks, _skip_comma(toks, k + 1)))
        if name not in WORDLIKE_STATES or seg[0].raw.isupper() or zip_next:
            return n
    return 0


def _assemble(parts: list[_Part] | None) -> Address | None:
    """Normalise labelled parts into an Address; None when any part is implausible."""
    if not parts or parts[0][0] != "num":
        return None
    ranks = [_FIELDS.index(field.split("_")[0]) for field, _ in parts]
    if ranks != sorted(ranks):  # labels out of order: the tagger misread the text
        return None
    fields: dict[str, str] = {}
    street = [p for p in parts if not p[0].startswith("unit")]
    for field, group in groupby(street, key=lambda p: p[0]):
        value = _normalise(field, " ".join(raw for _, raw in group))
        if value is None:
            return None
        fields[field] = value
    line2 = _line2([p for p in parts if p[0].startswith("unit")])
    if "name" not in fields or line2 is None or not _plausible(parts, fields):
        return None
    line1 = " ".join(fields[f] for f in _FIELDS[:6] if f in fields)
    return Address(line1, line2 or None, fields.get("city"), fields.get("state"), fields.get("zip"))


def _plausible(parts: list[_Part], fields: dict[str, str]) -> bool:
    """Reject readings of chat rather than addresses ("2 kids and a dog", "... St or 125 ...")."""
    bare = not fields.keys() & {"suffix", "pretype"}
    if bare and (any(w.lower() in _STOPWORDS for w in fields["name"].split())
                 or SERVICE.search(fields["name"]) or "CLOCK" in fields["name"]):
        return False  # "2 toilets clogged", "3 o'clock": a need or a time, not a street
    # "or", "in", "me" written in lower case are words unless a ZIP follows
    codes = [raw for f, raw in parts if f == "state" and _key(raw) in WORDLIKE_STATES]
    return not codes or codes[0].isupper() or "zip" in fields


def _normalise(field: str, raw: str) -> str | None:
    key = " ".join(k for k in map(_key, raw.split()) if k)
    if field == "num":
        return key if _NUMBER_FULL.fullmatch(key) else None
    if field in ("predir", "postdir"):
        return DIRECTIONALS.get(key)
    if field == "suffix":
        return SUFFIXES.get(key)
    if field == "state":
        return STATES.get(key)
    if field == "zip":
        m = _ZIP.fullmatch(key)
        return (m[1] + (f"-{m[2]}" if m[2] else "")) if m else None
    words = key.split()
    if field == "city" and (key in UNITS or not all(_is_word(w) for w in words)
                            or any(w.lower() in _FILLER for w in words)):
        return None  # "123 Main St thanks", "12 Elm St basement": the tagger's city is junk
    return key if words and all(any(c.isalnum() for c in w) for w in words) else None


def _line2(units: list[_Part]) -> str | None:
    """Render unit parts as "APT 4B", "# 5", "FL 3"; "" when there are none, None when invalid."""
    groups: list[list[str]] = []  # [designator, identifier], "" while not yet seen
    for field, raw in units:
        key = _key(raw)
        if key == "#" or field == "unit_type":
            designator = "#" if key == "#" else UNITS.get(key)
            if designator is None:
                return None
            if groups and not groups[-1][0]:  # "3rd floor": the number came first
                groups[-1][0] = designator
            elif designator != "#" or not groups or groups[-1][1]:  # "Apt #4" needs no "#"
                groups.append([designator, ""])
            continue
        ident = key.lstrip("#")
        ident = ident[:-2] if _ORDINAL.fullmatch(ident) else ident
        if not _UNIT_ID.fullmatch(ident):
            return None
        if groups and not groups[-1][1]:
            groups[-1][1] = ident
        else:
            groups.append(["", ident])
    if any(not i and d not in STANDALONE_UNITS for d, i in groups):
        return None  # "Apt" with no number
    return " ".join(" ".join(p for p in (d or "#", i) if p) for d, i in groups)
