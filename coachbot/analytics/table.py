"""Reading an export as a table: CSV in the encodings and separators the tools and Excel
write, or XLSX. The bytes are read in memory and not kept."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coachbot.analytics.cells import to_date

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 100
HEADER_SEARCH = 20  # rows of notes a sheet may have before its header (LinkedIn has one)
SEPARATORS = (",", ";", "\t", "|")
_GA4_RANGE = re.compile(r"^#\s*(start|end)\s*date\s*:\s*(\d{8})\s*$", re.IGNORECASE)
_DECIMAL_COMMA_CELL = re.compile(r"^-?\d+,\d+$")
_DECIMAL_POINT_CELL = re.compile(r"^-?\d+\.\d+$")


class TableError(Exception):
    """The file cannot be read as a table; `key` names what was found instead."""

    def __init__(self, key: str, **params: Any):
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass
class Table:
    """A header and its rows. CSV cells are strings; XLSX cells keep Excel's own types."""

    name: str
    header: list[str]
    rows: list[list[Any]]
    decimal_comma: bool = False
    # What the file says about itself: GA4's "# Start date: 20261201" lines.
    covers: tuple[date, date] | None = None
    notes: dict[str, Any] = field(default_factory=dict)


def read_table(data: bytes, name: str) -> Table:
    """The table in a file's bytes; raises TableError saying what the file is instead."""
    if not data or not data.strip():
        raise TableError("empty")
    if len(data) > MAX_BYTES:
        raise TableError("too_big", size=len(data), max=MAX_BYTES)
    kind = _binary_kind(data)
    if kind == "zip":
        return _read_xlsx(data, name)
    if kind:
        raise TableError("not_table", found=kind)
    return _read_csv(_decode(data), name)


def _binary_kind(data: bytes) -> str | None:
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "image"
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return None  # a byte-order mark: text
    if b"\x00" in data[:4096]:
        return "binary"
    return None


def _decode(data: bytes) -> str:
    """UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), else the
    Windows code page Excel writes plain "CSV" in."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise TableError("not_table", found="binary") from None
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text or _control_share(text) > 0.01:
        raise TableError("not_table", found="binary")
    return text


def _control_share(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\r\n")
    return controls / max(1, len(sample))


def _read_csv(text: str, name: str) -> Table:
    lines = text.splitlines(keepends=True)
    covers: dict[str, date] = {}
    start = 0
    # Comment lines before the header (GA4), and blank ones.
    while start < len(lines) and (
        not lines[start].strip() or lines[start].lstrip().startswith("#")
    ):
        found = _GA4_RANGE.match(lines[start].strip())
        if found:
            day = to_date(found[2])
            if day:
                covers[found[1].lower()] = day
        start += 1
    body = lines[start:]
    if not body:
        raise TableError("empty")
    separator = _separator(body[0].rstrip("\r\n"))
    if separator is None:
        raise TableError("not_table", found="text")
    try:
        reader = csv.reader(body, delimiter=separator)
        raw = []
        for row in reader:
            if row and row[0].lstrip().startswith("#") and raw:
                break  # GA4 puts a second table after a comment line: the first is ours
            if len(raw) > MAX_ROWS + HEADER_SEARCH:
                raise TableError("too_many_rows", max=MAX_ROWS)
            raw.append(row)
    except csv.Error:
        raise TableError("not_table", found="text") from None
    header_at, header = _header(raw)
    rows = [_fit(r, len(header)) for r in raw[header_at + 1 :] if any(c.strip() for c in r)]
    if not rows:
        raise TableError("no_rows", columns=len(header))
    decimal_comma = separator == ";" or (separator == "\t" and _uses_decimal_comma(rows))
    span = (covers["start"], covers["end"]) if {"start", "end"} <= covers.keys() else None
    return Table(name, header, rows, decimal_comma, span)


def _separator(line: str) -> str | None:
    counts = {s: line.count(s) for s in SEPARATORS}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else None


def _uses_decimal_comma(rows: list[list[Any]]) -> bool:
    cells = [c for r in rows[:200] for c in r if isinstance(c, str)]
    comma = any(_DECIMAL_COMMA_CELL.match(c.strip()) for c in cells)
    point = any(_DECIMAL_POINT_CELL.match(c.strip()) for c in cells)
    return comma and not point


def _header(raw: list[list[Any]]) -> tuple[int, list[str]]:
    """The first row that looks like column names: two or more cells, none a number."""
    for at, row in enumerate(raw[:HEADER_SEARCH]):
        cells = [_text(c) for c in row[:MAX_COLUMNS]]
        filled = [c for c in cells if c]
        if len(filled) >= 2 and not any(_looks_numeric(c) for c in filled):
            return at, cells
    raise TableError("not_table", found="no_header")


def _looks_numeric(cell: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d\s.,]+%?", cell))


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    return " ".join("".join(c if c.isprintable() else " " for c in str(cell)).split())


def _fit(row: list[Any], width: int) -> list[Any]:
    row = list(row[:width])
    if len(row) < width:
        row += [""] * (width - len(row))
    return row


def _read_xlsx(data: bytes, name: str) -> Table:
    """The first sheet with a header and rows; cells as Excel typed them."""
    from openpyxl import load_workbook  # only when a workbook comes in

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any damage inside the zip means: not a workbook
        raise TableError("not_table", found="zip") from None
    try:
        for sheet in book.worksheets:
            try:
                raw = []
                for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
                    if len(raw) > MAX_ROWS + HEADER_SEARCH:
                        raise TableError("too_many_rows", max=MAX_ROWS)
                    raw.append(["" if c is None else c for c in row])
            except TableError:
                raise
            except Exception:  # noqa: BLE001 - a damaged sheet: try the next one
                continue
            try:
                header_at, header = _header(raw)
            except TableError:
                continue
            rows = [
                _fit(r, len(header)) for r in raw[header_at + 1 :] if any(str(c).strip() for c in r)
            ]
            if rows:
                return Table(name, header, rows, decimal_comma=_uses_decimal_comma(rows))
        raise TableError("not_table", found="workbook")
    finally:
        book.close()
