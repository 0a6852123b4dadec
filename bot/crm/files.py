"""Reading an uploaded lead file (CSV or .xlsx) into a header and rows of text cells.

A file that cannot be read as a whole (bad quoting, not a spreadsheet, no header) is an
`Invalid` naming the problem and the line, so that the import stores nothing.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.crm.errors import Invalid

MAX_CELLS = 200


@dataclass
class Sheet:
    """The header cells and an iterator of (line number, cells) for every later row."""

    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    total: int  # rows after the header, for progress


def _encoding(data: bytes) -> str:
    """UTF-8 (a BOM allowed) when the whole file is, else Windows-1252 (Excel's "CSV").

    Checked a block at a time, so that no second copy of a large file is made.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(data), 1 << 20):
            decoder.decode(data[start:start + (1 << 20)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _delimiter(first: str) -> str:
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _csv_rows(data: bytes, encoding: str) -> Iterator[tuple[int, list[str]]]:
    # Decoded as it is read (newline="": the csv module reads \r, \n and quoted newlines).
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="replace", newline="")
    first = text.readline()
    text.seek(0)
    reader = csv.reader(text, delimiter=_delimiter(first.splitlines()[0] if first else ""),
                        strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, [c.strip() for c in cells]
            start = reader.line_num + 1
    except csv.Error as exc:
        raise Invalid(f"line {reader.line_num}: the CSV is malformed ({exc})") from None


def read_csv(data: bytes) -> Sheet:
    """A CSV with a header row; `,`, `;` or tab separated, BOM and quoted newlines allowed.

    Rows are read as they are imported (memory stays flat); a malformed line further down
    raises Invalid then, and the caller's transaction stores nothing.
    """
    if b"\x00" in data[:4096]:
        raise Invalid("the file is not a CSV text file (is it a spreadsheet? save as .xlsx)")
    return _sheet(_csv_rows(data, _encoding(data)), data.count(b"\n"))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone or ZIP typed into a number cell
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _xlsx_rows(sheet: Any) -> Iterator[tuple[int, list[str]]]:
    for n, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield n, [_cell(v) for v in values[:MAX_CELLS]]


def read_xlsx(data: bytes) -> Sheet:
    """The first worksheet of an .xlsx workbook, values (not formulas) as text."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise Invalid(f"the file is not a readable .xlsx workbook ({exc})") from None
    if not book.worksheets:
        raise Invalid("the workbook has no worksheet")
    sheet = book.worksheets[0]
    return _sheet(_xlsx_rows(sheet), int(getattr(sheet, "max_row", 0) or 0))


def _sheet(rows: Iterator[tuple[int, list[str]]], lines: int) -> Sheet:
    for line, header in rows:
        if any(header):  # blank lines above the header are skipped
            return Sheet(header=header, rows=rows, total=max(lines - line, 0))
    raise Invalid("the file is empty: it needs a header row and rows of leads")


def read_file(filename: str, data: bytes) -> Sheet:
    """CSV or .xlsx, told apart by the name and, failing that, by the content."""
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return read_xlsx(data)
    if filename.lower().endswith(".xls"):
        raise Invalid("old .xls workbooks cannot be read: save the file as .xlsx or .csv")
    return read_csv(data)
