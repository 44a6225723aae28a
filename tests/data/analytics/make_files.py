"""Writes the sample exports in this folder (run from the repository root:
`.venv/bin/python tests/data/analytics/make_files.py`).

Every file is made up: the columns, layout, encoding and separators follow each tool's
documented export (SOURCES.md says which document), the numbers are invented, and no row
describes a real person or organisation.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).parent
DECEMBER = [date(2026, 12, 1) + timedelta(days=n) for n in range(31)]


def daily(total: int, spread: int, seed: int) -> list[int]:
    """31 invented day values that add up to `total`."""
    values = [max(1, total // 31 + ((n * seed) % spread) - spread // 2) for n in range(31)]
    values[-1] += total - sum(values)
    return values


def ga4() -> None:
    sessions = daily(4812, 90, 37)
    users = daily(3650, 70, 23)
    lines = [
        "# ----------------------------------------",
        "# Traffic acquisition: Session campaign",
        "# Account: Example account",
        "# Property: www.example.se",
        "# ----------------------------------------",
        "#",
        "# All Users",
        "# Start date: 20261201",
        "# End date: 20261231",
        "Date,Session campaign,Sessions,Engaged sessions,Engagement rate,Total users,Key events",
    ]
    for day, s, u in zip(DECEMBER, sessions, users, strict=True):
        engaged = s * 3 // 5
        rate = f"{engaged / s:.4f}"
        lines.append(f"{day:%Y%m%d},julkampanj-2026,{s},{engaged},{rate},{u},{s // 40}")
    for day in DECEMBER:
        lines.append(f"{day:%Y%m%d},(direct),{900 + day.day},{500},0.5556,{700},{12}")
        lines.append(f"{day:%Y%m%d},hostrea-2026,{40 + day.day},{20},0.4878,{35},{1}")
    lines += ["", "# ----------------------------------------", "Date,Sessions", "20261201,1"]
    (HERE / "ga4-export.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def matomo() -> None:
    # The API's CSV: UTF-16LE with a byte-order mark, comma-separated, metric ids as names.
    header = "label,nb_uniq_visitors,nb_visits,nb_actions,nb_users,max_actions,sum_visit_length,bounce_count,nb_visits_converted"
    rows = [
        "julkampanj-2026,3120,4812,11030,0,41,912345,1804,96",
        "hostrea-2026,410,455,1022,0,12,80231,210,4",
        "nyhetsbrev-december,1500,1733,3900,0,25,301002,640,31",
    ]
    text = "\r\n".join([header, *rows]) + "\r\n"
    (HERE / "matomo-campaigns.csv").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))


def matomo_sv() -> None:
    # The interface's export with Swedish column names, re-saved by Excel in a Swedish
    # locale: UTF-8 with BOM, `;` between fields, decimal commas, a space in thousands.
    rows = [
        "Kampanj;Unika besökare;Besök;Åtgärder;Åtgärder per besök;Avvisningsfrekvens",
        "julkampanj-2026;3 120;4 812;11 030;2,29;37 %",
        "hostrea-2026;410;455;1 022;2,25;46 %",
    ]
    (HERE / "matomo-kampanjer-sv.csv").write_bytes("\r\n".join(rows).encode("utf-8-sig") + b"\r\n")


def plausible() -> None:
    visitors = daily(3650, 60, 11)
    visits = daily(4812, 80, 29)
    lines = [
        "date,source,referrer,utm_source,utm_medium,utm_campaign,utm_content,utm_term,pageviews,visitors,visits,visit_duration,bounces"
    ]
    for day, v, s in zip(DECEMBER, visitors, visits, strict=True):
        lines.append(
            f"{day},Instagram,,instagram,social,julkampanj-2026,,,{s * 2},{v},{s},{s * 61},{s // 3}"
        )
        lines.append(f"{day},Google,google.com,,,,,,{300 + day.day},{200},{240},{9000},{80}")
    lines.append("2026-11-30,Instagram,,instagram,social,julkampanj-2026,,,50,20,25,1500,8")
    (HERE / "imported_sources_20261130_20261231.csv").write_text(
        "\n".join(lines) + "\n", encoding="utf-8"
    )
    (HERE / "plausible-utm_campaigns.csv").write_text(
        "name,visitors,bounce_rate,visit_duration\n"
        "julkampanj-2026,3650,38,74\n"
        "hostrea-2026,401,45,52\n",
        encoding="utf-8",
    )


def meta() -> None:
    header = (
        '"Post ID","Page ID","Page name","Title","Description","Duration (sec)","Publish time",'
        '"Caption type","Permalink","Is crosspost","Is share","Post type","Languages",'
        '"Custom labels","Funded content status","Data comment","Date","Views","Reach",'
        '"Reactions, Comments and Shares","Reactions","Comments","Shares","Total clicks",'
        '"Link clicks","Other Clicks"'
    )
    posts = [
        ("11/20/2026 09:00", "Höstrean: sista veckan!", 5200, 4100, 210, 160, 30, 20, 300, 90),
        (
            "12/01/2026 08:30",
            "Julkampanjen börjar idag.\nLäs mer: https://www.example.se/jul?utm_source=facebook&utm_medium=social&utm_campaign=julkampanj-2026",
            9100,
            7400,
            380,
            300,
            50,
            30,
            640,
            210,
        ),
        ("12/08/2026 12:15", "Tre julklappstips från oss", 8800, 7050, 344, 280, 40, 24, 502, 161),
        (
            "12/15/2026 17:45",
            "Vinn en julkorg! Kommentera med ditt bästa julminne",
            12040,
            9930,
            915,
            610,
            280,
            25,
            880,
            250,
        ),
        ("12/22/2026 10:00", "God jul från hela teamet", 6100, 5020, 402, 370, 22, 10, 120, 30),
    ]
    lines = [header]
    for n, (when, text, views, reach, rcs, r, c, s, clicks, link) in enumerate(posts, start=1):
        body = text.replace('"', '""')
        lines.append(
            f'"10{n:04d}","900001","Exempelbutiken","","{body}","","{when}","","https://www.facebook.com/900001/posts/10{n:04d}",'
            f'"No","No","Photos","","","","","Lifetime","{views}","{reach}","{rcs}","{r}","{c}","{s}","{clicks}","{link}","{clicks - link}"'
        )
    (HERE / "meta-content-export.csv").write_bytes("\r\n".join(lines).encode("utf-8-sig") + b"\r\n")


def linkedin() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Metrics"
    sheet.append(["Aggregated metrics for the selected date range, by day (example data)."])
    sheet.append(
        [
            "Date",
            "Impressions (organic)",
            "Impressions (sponsored)",
            "Impressions (total)",
            "Unique impressions (organic)",
            "Clicks (organic)",
            "Clicks (sponsored)",
            "Clicks (total)",
            "Reactions (organic)",
            "Reactions (sponsored)",
            "Reactions (total)",
            "Comments (total)",
            "Reposts (total)",
            "Engagement rate (organic)",
        ]
    )
    impressions = daily(18600, 300, 41)
    clicks = daily(612, 20, 7)
    start = date(2026, 11, 24)
    for n in range(45):
        day = start + timedelta(days=n)
        in_campaign = date(2026, 12, 1) <= day <= date(2026, 12, 31)
        imp = impressions[day.day - 1] if in_campaign else 150 + n
        clk = clicks[day.day - 1] if in_campaign else 3
        sheet.append(
            [
                datetime(day.year, day.month, day.day) if n % 2 else day.strftime("%m/%d/%Y"),
                imp,
                0,
                imp,
                imp * 7 // 10,
                clk,
                0,
                clk,
                imp // 50,
                0,
                imp // 50,
                imp // 400,
                imp // 600,
                round((clk + imp // 50) / imp, 4),
            ]
        )
    followers = book.create_sheet("Followers")
    followers.append(["Date", "Total followers"])
    book.save(HERE / "linkedin-page-content.xlsx")


def unknown_shape() -> None:
    # A team's own spreadsheet: no tool's headers, so the coach asks which column is what.
    rows = [
        "Källa;Kod;Vecka;Visningar (alla);Klick (alla);Kommentar",
        "Instagram;julkampanj-2026;49;10 400;212;bra start",
        "Facebook;julkampanj-2026;49;8 200;140;",
        "Instagram;julkampanj-2026;50;11 950;260;tävlingen",
        "Instagram;hostrea-2026;47;3 000;40;",
    ]
    (HERE / "egen-uppfoljning.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    ga4()
    matomo()
    matomo_sv()
    plausible()
    meta()
    linkedin()
    unknown_shape()
