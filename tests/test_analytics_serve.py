"""An export uploaded in the DM, against the real `coachbot serve` (web process and worker):
fetched, shown, saved after the click, and the file is neither kept nor sent on."""

from __future__ import annotations

import pytest

from tests.serve_harness import until
from tests.slack_harness import buttons_in, text_of
from tests.test_analytics_slack import DATA, PLAN  # the same campaign and export

# Not moved by the shifted-clock runs: the campaign's dates are fixed and it is opened by name.
pytestmark = pytest.mark.clock_free


def test_an_uploaded_export_fills_the_evaluation_through_the_real_server(served, fake_slack):
    store = served.store
    campaign = store.campaigns.add("T1", "Julkampanj 2026", "2026-12-01", "2026-12-31", "UTC", "U1")
    store.campaigns.activate("T1", campaign, PLAN)
    served.command("evaluate Julkampanj 2026 now", channel="DU1")
    fake_slack.wait_for("chat.postMessage")
    file = fake_slack.add_file("F1", "ga4-export.csv", (DATA / "ga4-export.csv").read_bytes())
    served.event(
        {
            "type": "message",
            "subtype": "file_share",
            "channel_type": "im",
            "channel": "DU1",
            "user": "U1",
            "text": "",
            "files": [{"id": "F1", "name": file["name"], "filetype": "csv"}],
            "ts": "1700000300.000100",
        }
    )

    def preview():
        found = [
            p
            for p in fake_slack.of("chat.postMessage")
            if "Sessions from `julkampanj-2026`" in text_of(p.get("blocks") or [])
        ]
        return found[0] if found else None

    shown = until(preview)
    assert "4,812 (target 4,000) — from `ga4-export.csv`, rows 1–31" in text_of(shown["blocks"])
    [save] = [b for b in buttons_in(shown["blocks"]) if b["value"] == "/coach data save"]
    served.click({"ts": "1700000301.000001", **shown}, save, channel="DU1")

    def saved():
        state = store.sessions.get("T1", "U1", "evaluation") or {}
        return state.get("values", {}).get("results.actual[0]") == 4812

    until(saved)
    rows = store.db.execute("SELECT COUNT(*) FROM analytics_pending").fetchone()[0]
    assert rows == 0  # the sums that waited for the yes are gone; the file never was kept
    assert "files.getUploadURLExternal" not in fake_slack.methods()
