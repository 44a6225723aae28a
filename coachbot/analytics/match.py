"""Which rows are the campaign's, and what their columns sum to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from coachbot.analytics.cells import Unreadable, date_order, number, to_date
from coachbot.analytics.presets import Recognised
from coachbot.analytics.table import Table, TableError

EXAMPLES = 3


@dataclass
class Selection:
    """The campaign's rows (0-based, in file order) and every column's sum over them."""

    mode: Literal["tag", "dates"]
    rows: list[int]
    sums: dict[int, float] = field(default_factory=dict)  # columns whose every cell is a number
    bad: dict[int, tuple[int, Any]] = field(default_factory=dict)  # column: (row, cell)
    first_day: date | None = None
    last_day: date | None = None


def select(table: Table, found: Recognised, tag: str, start: date, end: date) -> Selection:
    """The rows of the campaign's tag (and its dates, where the file has dates), or those of
    its dates when the file carries no tags; raises TableError when there are none."""
    tag = tag.lower()
    tag_column = found.campaign if found.campaign is not None else _tag_column(table, tag)
    text_columns = found.text or ([] if found.format else _text_columns(table, tag_column))
    days = _days(table, found.date)
    # A tagged link in a post's text says whose it is only where no dates do (a platform
    # export's rows are the account's posts: the campaign's are those of its dates).
    linked = f"utm_campaign={tag}" if days is None else None
    by_tag = []
    for at, row in enumerate(table.rows):
        tagged = tag_column is not None and str(row[tag_column]).strip().lower() == tag
        if tagged or (linked and any(linked in str(row[c]).lower() for c in text_columns)):
            by_tag.append(at)
    in_dates = None if days is None else [at for at, d in days.items() if start <= d <= end]
    if by_tag:
        rows = by_tag if in_dates is None else sorted(set(by_tag) & set(in_dates))
        if not rows:
            dated = [days[a] for a in by_tag if a in days] or [start]
            raise TableError(
                "tag_outside_dates",
                tag=tag,
                first=min(dated),
                last=max(dated),
                start=start,
                end=end,
            )
        mode = "tag"
    elif tag_column is not None:
        values = _examples(table, tag_column)
        raise TableError("no_rows_for_tag", tag=tag, rows=len(table.rows), examples=values)
    elif in_dates is not None:
        if not in_dates:
            raise TableError(
                "no_rows_in_dates",
                rows=len(table.rows),
                first=min(days.values()),
                last=max(days.values()),
                start=start,
                end=end,
            )
        rows, mode = sorted(in_dates), "dates"
    else:
        raise TableError("no_tag_or_dates", tag=tag, rows=len(table.rows))
    chosen = Selection(mode, rows)
    if days:
        picked = [days[a] for a in rows if a in days]
        chosen.first_day, chosen.last_day = min(picked), max(picked)
    skip = {tag_column, found.date, *text_columns}
    for column in range(len(table.header)):
        if column not in skip and table.header[column]:
            _sum(table, rows, column, chosen)
    return chosen


def _sum(table: Table, rows: list[int], column: int, into: Selection) -> None:
    cells = [table.rows[at][column] for at in rows]
    if all(isinstance(c, str) for c in cells):
        joined = "".join(cells)
        if joined.isascii() and joined.isdigit() and all(cells):  # plain whole numbers
            into.sums[column] = float(sum(map(int, cells)))
            return
    total = 0.0
    comma = table.decimal_comma
    for at in rows:
        cell = table.rows[at][column]
        try:
            total += number(cell, comma)
        except Unreadable:
            into.bad[column] = (at, cell)
            return
    if any(str(table.rows[at][column]).strip() for at in rows):
        into.sums[column] = total


def _tag_column(table: Table, tag: str) -> int | None:
    """In a file of unknown shape: the column where the tag is one of the values."""
    for column in range(len(table.header)):
        if any(str(row[column]).strip().lower() == tag for row in table.rows):
            return column
    return None


def _text_columns(table: Table, tag_column: int | None) -> list[int]:
    """In a file of unknown shape: columns of text where a tagged link may be."""
    sample = table.rows[:50]
    return [
        c
        for c in range(len(table.header))
        if c != tag_column and any("utm_campaign=" in str(r[c]).lower() for r in sample)
    ]


def _days(table: Table, column: int | None) -> dict[int, date] | None:
    """Each row's day, for rows that have one; None when the file has no date column."""
    if column is None:
        column = _date_column(table)
        if column is None:
            return None
    order = date_order([row[column] for row in table.rows[:500]])
    days = {}
    seen: dict[object, date | None] = {}  # an export repeats its days on many rows
    for at, row in enumerate(table.rows):
        cell = row[column]
        key = cell if isinstance(cell, str) else repr(cell)
        if key not in seen:
            seen[key] = to_date(cell, order)
        if seen[key] is not None:
            days[at] = seen[key]
    return days or None


def _date_column(table: Table) -> int | None:
    """In a file of unknown shape: the first column whose first rows are all dates."""
    sample = table.rows[:20]
    for column in range(len(table.header)):
        order = date_order([r[column] for r in sample])
        if sample and all(to_date(r[column], order) is not None for r in sample):
            return column
    return None


def _examples(table: Table, column: int) -> list[str]:
    seen: list[str] = []
    for row in table.rows:
        value = str(row[column]).strip()
        if value and value not in seen:
            seen.append(value)
        if len(seen) == EXAMPLES:
            break
    return seen
