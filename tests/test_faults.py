"""Faults: a damaged row hurts only its team; a database that refuses writes gets a polite
answer and no crash; Slack failing for a while is waited out."""

from __future__ import annotations

import logging

import pytest

from coachbot.core.request import Request
from tests.slack_harness import text_of

# Not moved by the shifted-clock runs: databases and Slack failing, not dates.
pytestmark = pytest.mark.clock_free


def _req(team: str, user: str = "U1") -> Request:
    return Request(team_id=team, user_id=user)


def test_a_corrupt_strategy_affects_only_its_team(coach, caplog):
    for team in ("T1", "T2"):
        coach.command(_req(team), "/coach start")
        coach.message(_req(team), "We are a small shop and we want people to feel welcome here.")
    coach.store.db.execute(
        "UPDATE strategies SET data = '{\"team_id\": 42, broken' WHERE team_id = 'T1'"
    )
    coach.store.db.conn.commit()
    with caplog.at_level(logging.ERROR, logger="coachbot"):
        [reply] = coach.command(_req("T1"), "/coach status")
        [answer] = coach.message(_req("T1"), "Because you get honest advice every day of the week")
    assert "cannot be read right now, so I changed nothing" in reply.text
    assert "cannot be read right now" in answer.text
    assert any("team T1: strategies row cannot be read" in r.getMessage() for r in caplog.records)
    [other] = coach.command(_req("T2"), "/coach status")
    assert "Your strategy" in other.text


def test_a_corrupt_session_restarts_the_conversation_without_losing_answers(coach):
    coach.command(_req("T1"), "/coach start")
    coach.message(_req("T1"), "We are a small shop and we want people to feel welcome here.")
    coach.store.db.execute("UPDATE sessions SET state = 'not json' WHERE team_id = 'T1'")
    coach.store.db.conn.commit()
    [reply] = coach.command(_req("T1"), "/coach start")
    assert "Why would anyone want to follow" in reply.text
    assert (
        coach.store.strategies.get("T1")
        .value("purpose.statement")
        .startswith("We are a small shop")
    )


def test_a_read_only_database_gets_a_polite_answer(coach, caplog):
    coach.command(_req("T1"), "/coach start")
    coach.store.db.execute("PRAGMA query_only = ON")  # as a read-only file or mount would
    with caplog.at_level(logging.ERROR, logger="coachbot"):
        [reply] = coach.message(
            _req("T1"), "We are a small shop and we want people to feel welcome here."
        )
        [review] = coach.command(
            _req("T1"), "/coach review A post about bread, read more at our site"
        )
    assert "storage is refusing writes. Nothing was changed" in reply.text
    assert "storage is refusing writes" in review.text
    assert any("database refused a write" in r.getMessage() for r in caplog.records)
    coach.store.db.execute("PRAGMA query_only = OFF")
    assert coach.store.strategies.get("T1").value("purpose.statement") is None
    [ok] = coach.message(_req("T1"), "We are a small shop and we want people to feel welcome here.")
    assert "✓ Noted" in ok.text


def test_slack_answering_500_for_a_while_is_retried(slack, fake_slack):
    fake_slack.fail_next("chat.postMessage", 500, times=2)  # within the retry handler's budget
    slack.command("start", channel="DU1")
    posts = fake_slack.wait_for("chat.postMessage", count=3)
    assert "Who are you, what do you stand for" in text_of(posts[-1]["blocks"])


def test_slack_not_answering_times_out_and_the_app_carries_on(tmp_path, fake_slack, caplog):
    from tests.slack_harness import SlackApp

    app = SlackApp(tmp_path / "t.db", fake_slack, COACHBOT_SLACK_TIMEOUT=1)
    try:
        fake_slack.hang_next("chat.postMessage", 3, times=3)
        with caplog.at_level(logging.WARNING, logger="coachbot.slack"):
            app.command("start", channel="DU1")
            fake_slack.wait_for("chat.postMessage", count=3, timeout=30)
            fake_slack.settle(quiet=1.5, timeout=30)
        app.command("help")
        assert "/coach start" in text_of(fake_slack.wait_for("response_url", count=1)[-1]["blocks"])
        assert app.store.sessions.get("T1", "U1", "interview") is not None
    finally:
        app.close()
