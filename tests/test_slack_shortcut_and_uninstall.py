"""The message shortcut reviews any message; uninstalling removes every row of the team."""

from __future__ import annotations

from coachbot.core.coach import Coach
from coachbot.core.request import Request
from coachbot.store.repos import team_tables
from tests.slack_harness import eventually, text_of


def test_review_with_coach_shortcut(slack, fake_slack):
    payload = {
        "type": "message_action",
        "callback_id": "review_with_coach",
        "team": {"id": "T1"},
        "user": {"id": "U1"},
        "channel": {"id": "C5"},
        "trigger_id": "t",
        "response_url": fake_slack.response_url("shortcut"),
        "message": {
            "type": "message",
            "ts": "1.2",
            "text": "Vilken stig i fjällen är din favorit? Berätta!",
        },
    }
    assert slack.interaction(payload).status == 200
    [answer] = fake_slack.wait_for("response_url")
    assert answer["response_type"] == "ephemeral"
    assert "Post language: Swedish" in text_of(answer["blocks"])


def test_uninstall_removes_every_row_of_that_team_only(slack, fake_slack):
    slack.command("start", channel="DU1")
    fake_slack.wait_for("chat.postMessage")
    slack.dm("We are a bakery and we want our neighbours to feel at home with us.")
    slack.command("review A post about bread", team="T1")
    fake_slack.wait_for("response_url", count=1)
    # Another workspace's rows in the same database (this app serves one workspace: they
    # can only be there from an earlier install), left alone by T1's uninstall.
    other = Request(team_id="T2", user_id="U9", channel_id="C9", in_dm=False)
    Coach(slack.store).review(other, "Another team's post about bread")
    fake_slack.settle()
    assert slack.event({"type": "app_uninstalled"}, team="T1").status == 200
    db = slack.store.db
    assert eventually(lambda: db.execute("SELECT count(*) FROM strategies").fetchone()[0] == 0)
    for table in team_tables(db):
        left = db.execute(f"SELECT count(*) FROM [{table}] WHERE team_id = 'T1'").fetchone()[0]
        assert left == 0, table
    assert db.execute("SELECT count(*) FROM reviews WHERE team_id = 'T2'").fetchone()[0] == 1


def test_tokens_revoked_also_forgets_the_team(slack, fake_slack):
    slack.command("review A post about bread")
    fake_slack.wait_for("response_url")
    slack.event({"type": "tokens_revoked", "tokens": {"bot": ["B1"]}})
    assert eventually(lambda: slack.store.reviews.recent("T1") == [])
