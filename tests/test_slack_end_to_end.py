"""A new workspace in Slack: the whole interview in a DM, then a review and an export."""

from __future__ import annotations

from coachbot.core import engine
from coachbot.core.flow import load_flow
from coachbot.strategy.export import open_slots
from tests.slack_harness import eventually, text_of
from tests.walkthrough import answer_for


def test_interview_review_and_export_in_slack(slack, fake_slack):
    fake_slack.users["U1"] = {"locale": "nb-NO", "tz": "Europe/Oslo"}
    slack.command("start full", channel="C1")
    assert eventually(lambda: slack.store.sessions.get("T1", "U1", "interview"))
    flow = load_flow("interview")
    for _ in range(300):
        state = slack.store.sessions.get("T1", "U1", "interview")
        if state["done"]:
            break
        step = engine.find_step(flow, state, slack.store.strategies.get("T1").values())
        slack.dm(answer_for(step, "nb"))
        # Each answer moves the interview on: wait for that, not for a number of messages
        # (one answer may bring two, and the second can arrive after the next answer).
        assert eventually(lambda state=state: _session(slack) != state, timeout=30)
    # The last answer is confirmed, then the completion follows: wait for it, not for a count.
    assert eventually(
        lambda: any(
            "Strategien deres er ferdig" in text_of(p["blocks"])
            for p in fake_slack.of("chat.postMessage")
        ),
        timeout=30,
    )
    assert open_slots(flow, slack.store.strategies.get("T1")) == []

    slack.command("vurder instagram: Hva er din faste frokost før ferga går? Fortell oss!")
    [review] = eventually(
        lambda: [
            r
            for r in fake_slack.of("response_url")
            if "Vurdering av innlegg" in text_of(r["blocks"])
        ],
        timeout=30,
    )
    assert "Vurdering av innlegg" in text_of(review["blocks"])
    assert "Passer formålet deres" in text_of(review["blocks"])

    slack.command("eksporter", channel="C1")
    fake_slack.wait_for("files.completeUploadExternal", timeout=30)
    [upload] = fake_slack.wait_for("upload")
    document = upload["bytes"].decode()
    assert document.startswith("# Strategi for sosiale medier")
    assert "Ingenting — alle spørsmål er besvart." in document


def _session(slack) -> dict:
    return slack.store.sessions.get("T1", "U1", "interview")
