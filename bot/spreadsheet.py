"""CSV cells a spreadsheet will not run: the one rule both CSV exports use (OWASP CSV injection)."""

from __future__ import annotations

import re

# Excel, LibreOffice and Google Sheets read a cell starting with one of these as a formula
# (tab and carriage return too, since some of them skip leading whitespace).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")  # +15551234567, -3.5: data, not code


def safe_cell(value: object) -> object:
    """`value`, with a leading apostrophe when a spreadsheet would take its text as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) \
            and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: dict[str, object]) -> dict[str, object]:
    """Every cell of a csv.DictWriter row through `safe_cell`."""
    return {key: safe_cell(value) for key, value in row.items()}
