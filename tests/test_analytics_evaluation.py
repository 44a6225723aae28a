"""An evaluation filled from an analytics export in the shell: what was found is shown,
saved only after the owner says yes, and the comparison uses the imported numbers."""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coachbot import cli
from coachbot.core.coach import Coach
from coachbot.shell import LOCAL_TEAM, LOCAL_USER
from coachbot.store import Store
from tests.conftest import Clock, ShellDriver

# The coach's clock is pinned after the sample files' December: no wall-clock date is read.
pytestmark = pytest.mark.clock_free

DATA = Path(__file__).parent / "data" / "analytics"
AFTER = datetime(2027, 1, 11, 10, 0, tzinfo=UTC)  # a Monday after the campaign
PLAN = ["1", "Sessions: 4 000\nTotal users: 3 000", "1", "3", "me", "dm"]
REVIEW = ["More families in the shop", "1", "The offer", "yes", "One post per gift", "Post earlier"]
NBSP = "\u00a0"


@pytest.fixture
def shell(store: Store, tmp_path: Path) -> ShellDriver:
    return ShellDriver(Coach(store, clock=Clock(AFTER)), tmp_path)


def register(shell, name="Julkampanj 2026", start="2026-12-01", end="2026-12-31", plan=PLAN):
    """A campaign that has ended: its registration goes straight into the evaluation."""
    replies = [shell.say(f"/coach campaign {name} {start} {end}")]
    replies += [shell.say(answer) for answer in plan]
    return replies[-1]


def snapshot(store: Store) -> dict:
    db = store.db
    return {
        t: db.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall()
        for t in db.table_names()
        if not t.startswith("_")
    }


def actuals(shell) -> dict:
    values = (shell.state("evaluation") or {}).get("values", {})
    return {k: v for k, v in values.items() if k.startswith("results.actual")}


def test_the_campaign_shows_its_tag_and_the_evaluation_offers_an_upload(shell):
    reply = register(shell)
    assert "utm_campaign=julkampanj-2026" in reply
    assert "Upload it here (CSV or XLSX)" in reply


def test_numbers_from_a_ga4_export_are_shown_and_saved_only_after_the_yes(shell):
    register(shell)
    preview = shell.say(f"/coach data {DATA / 'ga4-export.csv'}")
    assert (
        "Sessions from `julkampanj-2026`: 4,812 (target 4,000) — from `ga4-export.csv`, rows 1–31"
        in preview
    )
    assert "Total users from `julkampanj-2026`: 3,650 (target 3,000)" in preview
    assert "Read as an export from Google Analytics 4." in preview
    assert actuals(shell) == {}  # shown, not saved
    saved = shell.say("/coach data save")
    assert "Saved 2 numbers for *Julkampanj 2026*" in saved
    assert "What was the campaign's purpose, looking back?" in saved
    assert actuals(shell) == {"results.actual[0]": 4812, "results.actual[1]": 3650}
    for answer in REVIEW[:-1]:
        shell.say(answer)
    summary = shell.say(REVIEW[-1])
    assert "*Sessions*  ▰▰▰▰▰▰▰▰▰▰  4,812 of 4,000 (120 %)" in summary


def test_in_swedish_the_figures_are_written_the_swedish_way(shell):
    shell.say("/coach language sv")
    register(shell)
    preview = shell.say(f"/coach data {DATA / 'ga4-export.csv'}")
    assert f"Sessions från `julkampanj-2026`: 4{NBSP}812 (mål 4{NBSP}000)" in preview
    assert "rad 1–31" in preview


def test_norwegian_export_from_linkedin_by_dates(shell):
    shell.say("/coach language nb")
    register(shell, plan=["1", "Visninger: 15 000", "3", "3", "me", "dm"])
    preview = shell.say(f"/coach data {DATA / 'linkedin-page-content.xlsx'}")
    assert f"Visninger, tir. 1. des.–tor. 31. des.: 18{NBSP}600 (mål 15{NBSP}000)" in preview
    assert "rad 8–38" in preview


def test_cancel_keeps_nothing_and_the_typed_path_still_works(shell):
    register(shell)
    shell.say(f"/coach data {DATA / 'matomo-campaigns.csv'}")
    assert "Cancelled — nothing was saved" in shell.say("/coach data cancel")
    assert actuals(shell) == {}
    assert "✓ Noted: 4000" in shell.say("4000")
    assert "/coach data save" not in shell.say("/coach data save")


def test_an_unknown_shape_is_asked_about_once_then_remembered(shell, tmp_path):
    plan = ["1", "Räckvidd: 25 000\nKlick: 500", "1", "3", "me", "dm"]
    register(shell, plan=plan)
    asked = shell.say(f"/coach data {DATA / 'egen-uppfoljning.csv'}")
    assert "Which column of `egen-uppfoljning.csv` is *Räckvidd*?" in asked
    assert "2. Visningar (alla) — 30,550" in asked
    assert "Which column of `egen-uppfoljning.csv` is *Klick*?" in shell.say(
        "/coach data column 0 1"
    )
    preview = shell.say("/coach data column 1 2")
    assert "Räckvidd from `julkampanj-2026`: 30,550 (target 25,000)" in preview
    assert "(column “Visningar (alla)”)" in preview
    shell.say("/coach data save")
    for answer in REVIEW:
        shell.say(answer)
    # The team's next file of the same shape: no questions.
    same_shape = tmp_path / "v2.csv"
    same_shape.write_text(
        "Källa;Kod;Vecka;Visningar (alla);Klick (alla);Kommentar\n"
        "Instagram;varkampanj;12;5 000;90;\nFacebook;varkampanj;13;1 000;10;\n",
        encoding="utf-8",
    )
    register(shell, name="Vårkampanj", start="2026-12-02", end="2026-12-30", plan=plan)
    preview = shell.say(f"/coach data {same_shape}")
    assert "Which column" not in preview
    assert "Räckvidd from `varkampanj`: 6,000 (target 25,000)" in preview
    assert "Klick from `varkampanj`: 100 (target 500)" in preview


def test_the_comparison_with_earlier_campaigns_uses_the_imported_numbers(shell):
    register(shell, name="Hostrea 2026", start="2026-10-01", end="2026-10-31")
    for answer in ["2000", "1500", *REVIEW]:
        shell.say(answer)
    register(shell)
    shell.say(f"/coach data {DATA / 'ga4-export.csv'}")
    shell.say("/coach data save")
    for answer in REVIEW[:-1]:
        shell.say(answer)
    summary = shell.say(REVIEW[-1])
    assert "On average you reached 121 % of your targets" in summary
    assert "your 1 earlier campaign of the same kind or audience reached 50 %" in summary


BAD = [
    ("empty.csv", b"", "`empty.csv` is empty, so nothing was saved."),
    ("report.pdf", b"%PDF-1.4 stuff", "`report.pdf` is not a table I can read — I found a PDF"),
    ("export.zip", b"PK\x03\x04junk", "I found a zip archive (unpack it"),
    (
        "other.csv",
        b"Session campaign,Sessions\nhostrea-2026,10\n",
        "`other.csv` has 1 row, but not for `julkampanj-2026` (its campaign is “hostrea-2026”)",
    ),
    (
        "bad.csv",
        b'Session campaign,Sessions\njulkampanj-2026,10\njulkampanj-2026,"1,2,3"\n',
        "Row 2 of `bad.csv` has “1,2,3” under “Sessions”, which I cannot read as a number",
    ),
    (
        "november.csv",
        b"Date,Sessions,Total users\n20261101,10,5\n20261102,12,6\n",
        "`november.csv` has 2 rows dated",
    ),
    (
        "<script>`*x*`.csv",
        b"no columns here",
        "`scriptx.csv` is not a table I can read — I found text without columns",
    ),
]


@pytest.mark.parametrize(("name", "data", "said"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_get_one_sentence_and_change_nothing(shell, tmp_path, name, data, said):
    register(shell)
    path = tmp_path / name.replace("/", "_")
    path.write_bytes(data)
    before = snapshot(shell.coach.store)
    [message] = shell.shell.coach.analytics_file(shell.shell.request, name, data)
    assert said in message.text
    assert message.text.count("\n") == 0 and "nothing was saved" in message.text
    assert snapshot(shell.coach.store) == before


def test_a_missing_file_in_the_shell_is_one_sentence(shell, tmp_path):
    register(shell)
    reply = shell.say(f"/coach data {tmp_path / 'nope.csv'}")
    assert "I cannot open `nope.csv` (No such file or directory), so nothing was saved." in reply


def test_data_without_an_evaluation_to_fill(shell):
    reply = shell.say(f"/coach data {DATA / 'ga4-export.csv'}")
    assert "No campaign is waiting for its evaluation" in reply
    assert "There are no numbers from an export waiting for you." in shell.say("/coach data save")


def test_the_kickoff_nudge_gives_the_owners_the_tag(store):
    coach = Coach(store, clock=Clock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC)))
    driver = ShellDriver(coach, Path("."))
    register(driver, start="2026-12-01", end="2026-12-24")
    [campaign] = store.campaigns.all(LOCAL_TEAM)
    row = {"id": 1, "team_id": LOCAL_TEAM, "campaign_id": campaign.id, "kind": "kickoff"}
    row["meant_for"] = int(datetime(2026, 12, 1, 9, tzinfo=UTC).timestamp())
    [nudge] = coach.campaigns.nudge_messages(row, datetime(2026, 12, 1, 9, tzinfo=UTC))
    assert "*The campaign's tag:* `utm_campaign=julkampanj-2026`" in nudge.blocks[1].text


def test_coachbot_evaluate_with_data_on_the_command_line(tmp_path, monkeypatch, capsys):
    db = tmp_path / "cli.db"
    store = Store(db)
    register(ShellDriver(Coach(store, clock=Clock(AFTER)), tmp_path))
    store.close()
    monkeypatch.setenv("COACHBOT_DB", str(db))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"/coach data save\n")))
    code = cli.main(["evaluate", "Julkampanj 2026", "--data", str(DATA / "ga4-export.csv")])
    out = capsys.readouterr().out
    assert code == 0
    assert "Sessions from `julkampanj-2026`: 4,812 (target 4,000)" in out
    assert "Saved 2 numbers for *Julkampanj 2026*" in out
    state = Store(db).sessions.get(LOCAL_TEAM, LOCAL_USER, "evaluation")
    assert state["values"]["results.actual[0]"] == 4812


def test_coachbot_evaluate_with_a_bad_file_exits_2(tmp_path, monkeypatch, capsys):
    db = tmp_path / "cli.db"
    store = Store(db)
    register(ShellDriver(Coach(store, clock=Clock(AFTER)), tmp_path))
    store.close()
    bad = tmp_path / "notes.csv"
    bad.write_text("just words", encoding="utf-8")
    monkeypatch.setenv("COACHBOT_DB", str(db))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert cli.main(["evaluate", "--data", str(bad), "Julkampanj 2026"]) == 2
    assert "`notes.csv` is not a table I can read" in capsys.readouterr().out


def test_forgetting_the_team_removes_its_remembered_columns_and_waiting_sums(shell):
    register(shell, plan=["1", "Räckvidd: 25 000", "1", "3", "me", "dm"])
    shell.say(f"/coach data {DATA / 'egen-uppfoljning.csv'}")
    shell.say("/coach data column 0 1")
    shell.say("/coach data save")
    shell.say(f"/coach data {DATA / 'egen-uppfoljning.csv'}")  # waits again, remembered
    deleted = shell.coach.store.forget_team(LOCAL_TEAM)
    assert deleted["analytics_columns"] == 1 and deleted["analytics_pending"] == 1


def test_a_damaged_waiting_import_is_dropped_not_a_crash(shell):
    register(shell)
    shell.coach.analytics.repo.hold(LOCAL_TEAM, LOCAL_USER, {"campaign_id": 1, "kpis": "x"})
    assert "There are no numbers from an export waiting" in shell.say("/coach data save")
    assert shell.coach.analytics.repo.pending(LOCAL_TEAM, LOCAL_USER) is None
