"""Which numbers fall under a state mini-TCPA (Florida, Oklahoma), without phonenumbers' geocoder.

The geocoder loads every place name of every country (about 100 MB per process) to answer
one question. These are the shortest prefixes whose English place is "Florida", "Oklahoma"
or ends ", FL" / ", OK"; no longer prefix under them names another place, so "a prefix of the
number is listed" is the geocoder's answer. `derive` recomputes the list from phonenumbers'
data (the tests compare; run it after upgrading phonenumbers).
"""

from __future__ import annotations

import phonenumbers

STRICT_STATES = frozenset({"Florida", "Oklahoma"})
# Uruguay's Florida department (598 435) is listed because the geocoder's name matches too.
STRICT_PREFIXES = frozenset({
    "1239", "1305", "1321", "1324", "1352", "1386", "1405", "1407", "1448", "1539", "1561",
    "1572", "1580", "1645", "1656", "1689", "1727", "1728", "1754", "1772", "1786", "1813",
    "1850", "1863", "1904", "1918", "1941", "1954", "598435"})
_LONGEST = max(len(p) for p in STRICT_PREFIXES)


def is_strict_place(place: str) -> bool:
    """A geocoder description in Florida or Oklahoma."""
    return place in STRICT_STATES or place.endswith((", FL", ", OK"))


def is_strict(number: phonenumbers.PhoneNumber) -> bool:
    """What `is_strict_place(geocoder.description_for_number(number, "en"))` answers."""
    kind = phonenumbers.number_type(number)
    if kind == phonenumbers.PhoneNumberType.UNKNOWN or number.country_code is None or \
            not phonenumbers.is_number_type_geographical(kind, number.country_code):
        return False  # the geocoder names no place (or only the country) for these
    digits = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:]
    return any(digits[:n] in STRICT_PREFIXES for n in range(1, _LONGEST + 1))


def derive() -> tuple[frozenset[str], int]:
    """(STRICT_PREFIXES from phonenumbers' data, longer prefixes under them naming elsewhere)."""
    from phonenumbers.geodata import GEOCODE_DATA  # the 100 MB this module avoids at run time
    from phonenumbers.prefix import _find_lang

    names = {k: _find_lang(v, "en", None, None) for k, v in GEOCODE_DATA.items()}
    strict = {k for k, name in names.items() if name is not None and is_strict_place(name)}
    shortest = frozenset(k for k in strict if not any(k[:i] in strict for i in range(1, len(k))))
    elsewhere = sum(1 for k, name in names.items() if name is not None and k not in strict
                    and any(k[:i] in strict for i in range(1, len(k))))
    return shortest, elsewhere
