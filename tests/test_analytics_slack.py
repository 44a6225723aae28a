"""An export uploaded in the DM: fetched with the bot token from Slack's file host, read in
memory, shown, and saved after the owner clicks Save; never kept, never sent anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachbot.analytics.table import MAX_BYTES
from coachbot.slack.manifest import manifest
from tests.slack_harness import buttons_in, text_of

# The campaign's dates are fixed and the evaluation is opened by name: no date is read.
pytestmark = pytest.mark.clock_free

DATA = Path(__file__).parent / "data" / "analytics"
PLAN = {
    "plan.goal_type": "reach",
    "plan.kpis": ["Sessions: 4 000", "Total users: 3 000"],
    "plan.channels": ["instagram"],
    "plan.segment": "potential",
    "plan.owners": ["U1"],
    "plan.share": "dm",
}


def evaluating(slack, fake_slack):
    store = slack.store
    campaign = store.campaigns.add("T1", "Julkampanj 2026", "2026-12-01", "2026-12-31", "UTC", "U1")
    store.campaigns.activate("T1", campaign, PLAN)
    slack.command("evaluate Julkampanj 2026 now", channel="DU1")
    fake_slack.wait_for("chat.postMessage")
    fake_slack.clear()


def upload(slack, file: dict, text: str = "") -> None:
    slack.event(
        {
            "type": "message",
            "subtype": "file_share",
            "channel_type": "im",
            "channel": "DU1",
            "user": "U1",
            "text": text,
            "files": [{"id": file["id"], "name": file["name"], "filetype": file["filetype"]}],
            "ts": "1700000200.000100",
        }
    )


def test_an_uploaded_export_is_fetched_shown_and_saved_on_click(slack, fake_slack):
    evaluating(slack, fake_slack)
    data = (DATA / "ga4-export.csv").read_bytes()
    upload(slack, fake_slack.add_file("F1", "ga4-export.csv", data))
    [preview] = fake_slack.wait_for("chat.postMessage")
    shown = text_of(preview["blocks"])
    assert "Sessions from `julkampanj-2026`: 4,812 (target 4,000)" in shown
    assert "from `ga4-export.csv`, rows 1–31" in shown
    # Fetched with the bot token, from the fake's own host; nothing uploaded anywhere.
    [download] = [c for c in fake_slack.calls if c["method"] == "download"]
    assert download["auth"] == "Bearer xoxb-test"
    assert "files.getUploadURLExternal" not in fake_slack.methods()
    state = slack.store.sessions.get("T1", "U1", "evaluation")
    assert "results.actual[0]" not in state["values"]
    [save] = [b for b in buttons_in(preview["blocks"]) if b["value"] == "/coach data save"]
    slack.click(preview, save, channel="DU1")
    fake_slack.wait_for("chat.postMessage", count=2)
    state = slack.store.sessions.get("T1", "U1", "evaluation")
    assert state["values"]["results.actual[0]"] == 4812
    assert state["values"]["results.actual[1]"] == 3650


def test_a_file_over_the_limit_is_refused_before_it_is_fetched(slack, fake_slack):
    evaluating(slack, fake_slack)
    file = fake_slack.add_file("F2", "huge.csv", b"a,b\n1,2\n", size=MAX_BYTES + 1)
    upload(slack, file)
    [reply] = fake_slack.wait_for("chat.postMessage")
    assert "`huge.csv` is 10.1 MB, over the 10 MB I read, so nothing was saved." in text_of(
        reply["blocks"]
    )
    assert "download" not in fake_slack.methods()


def test_a_pdf_gets_one_sentence_and_nothing_is_kept(slack, fake_slack):
    evaluating(slack, fake_slack)
    upload(slack, fake_slack.add_file("F3", "rapport.pdf", b"%PDF-1.7 ...", filetype="pdf"))
    [reply] = fake_slack.wait_for("chat.postMessage")
    assert "`rapport.pdf` is not a table I can read — I found a PDF" in text_of(reply["blocks"])
    assert slack.store.db.execute("SELECT COUNT(*) FROM analytics_pending").fetchone()[0] == 0


def test_the_manifest_asks_for_files_read():
    assert "files:read" in manifest()["oauth_config"]["scopes"]["bot"]
