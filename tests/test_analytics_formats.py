"""Each tool's export, in the encodings and separators it and Excel write, is recognised by
its headers and gives the campaign's rows and sums (tests/data/analytics/SOURCES.md says
which document each sample follows)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coachbot.analytics.cells import Unreadable, number, to_date
from coachbot.analytics.match import select
from coachbot.analytics.presets import kpi_metric, recognise
from coachbot.analytics.table import TableError, read_table

pytestmark = pytest.mark.clock_free

DATA = Path(__file__).parent / "data" / "analytics"
TAG = "julkampanj-2026"
DECEMBER = (date(2026, 12, 1), date(2026, 12, 31))


def found(name: str, data: bytes | None = None):
    table = read_table(data if data is not None else (DATA / name).read_bytes(), name)
    seen = recognise(table.header)
    chosen = select(table, seen, TAG, *DECEMBER)
    sums = {table.header[c]: total for c, total in chosen.sums.items()}
    return table, seen, chosen, sums


@pytest.mark.parametrize(
    ("name", "tool", "column", "total", "rows"),
    [
        ("ga4-export.csv", "ga4", "Sessions", 4812, 31),
        ("matomo-campaigns.csv", "matomo", "nb_visits", 4812, 1),
        ("matomo-kampanjer-sv.csv", "matomo", "Besök", 4812, 1),
        ("imported_sources_20261130_20261231.csv", "plausible", "visits", 4812, 31),
        ("plausible-utm_campaigns.csv", "plausible", "visitors", 3650, 1),
        ("meta-content-export.csv", "meta", "Reach", 29400, 4),
        ("linkedin-page-content.xlsx", "linkedin", "Impressions (total)", 18600, 31),
    ],
)
def test_each_tools_export_is_recognised_and_summed_for_the_campaign(
    name, tool, column, total, rows
):
    table, seen, chosen, sums = found(name)
    assert seen.format is not None and seen.format.id == tool
    assert sums[column] == total
    assert len(chosen.rows) == rows


def test_ga4_comment_lines_are_skipped_and_its_date_range_kept():
    table, seen, chosen, _ = found("ga4-export.csv")
    assert table.header[:3] == ["Date", "Session campaign", "Sessions"]
    assert table.covers == DECEMBER
    assert chosen.rows == list(range(31))  # the second table after a `#` line is not read


def test_plausible_rows_of_the_tag_before_the_campaign_are_left_out():
    _, _, chosen, sums = found("imported_sources_20261130_20261231.csv")
    assert chosen.mode == "tag" and chosen.first_day == date(2026, 12, 1)
    assert sums["visitors"] == 3650  # the 30 November row of the same tag is not counted


def test_platform_exports_without_tags_take_the_posts_of_the_campaigns_dates():
    _, _, chosen, sums = found("meta-content-export.csv")
    assert chosen.mode == "dates"
    assert sums["Link clicks"] == 651  # four December posts; the November one is out


def test_linkedin_note_line_before_the_header_and_mixed_date_cells_are_read():
    table, _, chosen, _ = found("linkedin-page-content.xlsx")
    assert table.header[0] == "Date"
    assert (chosen.first_day, chosen.last_day) == DECEMBER


SAMPLE = 'Session campaign,Sessions,Total users\njulkampanj-2026,"4,812",3650\nother,10,5\n'


@pytest.mark.parametrize(
    "encoded",
    [
        SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-8-sig"),
        b"\xff\xfe" + SAMPLE.replace("\n", "\r\n").encode("utf-16-le"),
        b"\xfe\xff" + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 BOM", "utf-16 LE BOM", "utf-16 BE BOM", "cp1252"],
)
def test_every_encoding_excel_and_the_tools_write_reads_the_same(encoded):
    _, _, _, sums = found("export.csv", encoded)
    assert sums["Sessions"] == 4812


def test_semicolons_with_decimal_commas_and_spaces_in_thousands():
    text = "Kampanj;Besök;Unika besökare\njulkampanj-2026;4\u00a0812;2 000,5\n"
    table, seen, _, sums = found("kampanjer.csv", text.encode("utf-8-sig"))
    assert table.decimal_comma and seen.format.id == "matomo"
    assert sums == {"Besök": 4812, "Unika besökare": 2000.5}


def test_excel_unicode_text_is_tab_separated_utf16_with_decimal_commas():
    text = "Kampanj\tBesök\njulkampanj-2026\t12,5\njulkampanj-2026\t2,5\n"
    _, _, _, sums = found("kampanjer.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    assert sums["Besök"] == 15.0


@pytest.mark.parametrize(
    ("cell", "comma", "value"),
    [
        ("4812", False, 4812),
        ("4,812", False, 4812),
        ("4,812.5", False, 4812.5),
        ("4 812", True, 4812),
        ("4\u202f812,5", True, 4812.5),
        ("4.812,5", True, 4812.5),
        ("12,5", True, 12.5),
        ("", False, 0),
        ("–", True, 0),
        (17, False, 17),
    ],
)
def test_numbers_as_the_tools_and_excel_write_them(cell, comma, value):
    assert number(cell, comma) == value


@pytest.mark.parametrize("cell", ["12,5", "n/a", "1e9", "-3", "4 %", "nan", "inf", True, "٣"])
def test_what_is_not_a_summable_number_is_refused(cell):
    with pytest.raises(Unreadable):
        number(cell, decimal_comma=False)


@pytest.mark.parametrize(
    ("cell", "order", "day"),
    [
        ("20261201", "mdy", date(2026, 12, 1)),
        ("2026-12-01T09:30:00", "mdy", date(2026, 12, 1)),
        ("12/01/2026 08:30", "mdy", date(2026, 12, 1)),
        ("01/12/2026", "dmy", date(2026, 12, 1)),
        ("01.12.2026", "mdy", date(2026, 12, 1)),
        ("Lifetime", "mdy", None),
        ("2026-02-30", "mdy", None),
    ],
)
def test_dates_in_the_tools_formats(cell, order, day):
    assert to_date(cell, order) == day


def test_kpi_names_in_any_language_mean_the_same_metric():
    assert kpi_metric("Räckvidd") == kpi_metric("Rekkevidde") == kpi_metric("Reach") == "reach"
    assert kpi_metric("Link clicks") == kpi_metric("Lenkeklikk") == "clicks"
    assert kpi_metric("Engagement rate") is None  # a rate: not summed from rows


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"%PDF-1.7 ...", "not_table"),
        (b"\x89PNG\r\n\x1a\n....", "not_table"),
        (b"PK\x03\x04not really a workbook", "not_table"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "not_table"),
        (b"just one line of prose without any columns", "not_table"),
        (b"Session campaign,Sessions\n", "no_rows"),
        (b"1,2,3\n4,5,6\n", "not_table"),
    ],
)
def test_what_is_not_a_table_says_so(data, key):
    with pytest.raises(TableError) as problem:
        read_table(data, "x.csv")
    assert problem.value.key == key


def test_a_file_with_no_row_for_the_tag_names_what_it_has():
    data = b"Session campaign,Sessions\nhostrea-2026,10\n(direct),900\n"
    with pytest.raises(TableError) as problem:
        found("ga4.csv", data)
    assert problem.value.key == "no_rows_for_tag"
    assert problem.value.params["examples"] == ["hostrea-2026", "(direct)"]
