"""Nudges under load and after an outage: a batch longer than the claim lease is not
sent twice, one channel's paced backlog does not hold up other channels, and a
campaign missed for weeks gets only the nudge that still makes sense."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from coachbot.campaigns.scheduler import Pacer, Scheduler
from coachbot.core.coach import Coach
from coachbot.settings import Settings
from coachbot.shell import LOCAL_TEAM
from coachbot.slack.nudges import NudgeSender
from coachbot.store import Store
from tests.slack_harness import text_of
from tests.test_nudges import Outbox, _register


def _due_campaigns(store: Store, owners: list[str], per_owner: int) -> None:
    """Campaigns that ended a month ago, their evaluation due now, one owner each."""
    now = int(time.time()) - 5
    ended = datetime.now(UTC).date() - timedelta(days=40)
    start, end = str(ended), str(ended + timedelta(days=30))
    for owner in owners:
        for n in range(per_owner):
            cid = store.campaigns.add("T1", f"{owner} C{n}", start, end, "UTC", owner)
            store.campaigns.activate(
                "T1", cid, {"plan.kpis": ["Reach: 1"], "plan.owners": [f"@{owner}"]}
            )
            store.nudges.schedule("T1", cid, {"evaluation": now})


class Recorder:
    def __init__(self, pause: float = 0.0):
        self.sent: list[tuple[str, str, float]] = []
        self.lock = threading.Lock()
        self.pause = pause

    def __call__(self, team_id, message) -> None:
        time.sleep(self.pause)  # Slack's own time to answer
        with self.lock:
            self.sent.append((message.channel, message.text, time.monotonic()))


def test_a_batch_longer_than_the_lease_is_not_sent_twice(tmp_path):
    path = tmp_path / "n.db"
    owners = [f"U{n}" for n in range(4)]
    _due_campaigns(Store(path), owners, per_owner=40)
    sent = Recorder()

    def scheduler() -> Scheduler:
        # Its own connection, as a second `coachbot serve` on the same file would have.
        coach = Coach(Store(path), clock=lambda: datetime.now(UTC))
        return Scheduler(coach, sent, pacer=Pacer(gap=0.08), lease_seconds=1)

    first, second = scheduler(), scheduler()
    done = threading.Event()
    runner = threading.Thread(target=lambda: (first.tick(), done.set()))
    runner.start()
    while not sent.sent:  # the first sender has claimed the batch and begun
        time.sleep(0.01)
    while not done.is_set():  # the second sender ticks all along, lease after lease
        second.tick()
        time.sleep(0.1)
    runner.join()
    count = Counter((channel, text) for channel, text, _ in sent.sent)
    assert len(count) == len(owners) * 40  # each nudge went out ...
    assert max(count.values()) == 1  # ... once, though the batch took twice the lease


def test_one_channels_backlog_does_not_hold_up_the_others(tmp_path):
    path = tmp_path / "n.db"
    store = Store(path)
    _due_campaigns(store, ["UBUSY"], per_owner=20)
    quiet = [f"UQ{n:02d}" for n in range(20)]
    _due_campaigns(store, quiet, per_owner=1)
    sent = Recorder(pause=0.01)
    coach = Coach(store, clock=lambda: datetime.now(UTC))
    result = Scheduler(coach, sent, pacer=Pacer(gap=0.1)).tick()
    assert result.sent == 40
    busy = sorted(at for channel, _, at in sent.sent if channel == "UBUSY")
    others = [at for channel, _, at in sent.sent if channel != "UBUSY"]
    assert busy[-1] - busy[0] >= 19 * 0.1 * 0.9  # the busy channel is still paced ...
    assert max(others) < busy[5]  # ... and the rest were not queued behind it


def test_a_campaign_missed_for_weeks_gets_only_its_evaluation(shell, clock):
    campaign = _register(shell)  # 1-24 Dec: kickoff, halfway, evaluation, two reminders
    outbox = Outbox()
    clock.now = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)  # down since before the start
    Scheduler(shell.coach, outbox, pacer=Pacer(gap=0)).tick()
    assert outbox.titles() == ["📊 Time to evaluate Julkampanj"]
    statuses = {
        n["kind"]: n["status"] for n in shell.coach.store.nudges.of(LOCAL_TEAM, campaign.id)
    }
    assert statuses == {
        "kickoff": "obsolete",
        "midway": "obsolete",
        "evaluation": "sent",
        "reminder1": "obsolete",
        "reminder2": "obsolete",
    }


def test_after_a_shorter_outage_the_latest_nudge_that_is_due_goes_alone(shell, clock):
    _register(shell)
    outbox = Outbox()
    clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    Scheduler(shell.coach, outbox, pacer=Pacer(gap=0)).tick()
    clock.now = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)  # halfway and evaluation missed
    Scheduler(shell.coach, outbox, pacer=Pacer(gap=0)).tick()
    assert outbox.titles() == ["🚀 Julkampanj starts today", "📊 Time to evaluate Julkampanj"]


# --- per recipient: a share channel that refuses, Slack's errors, a stalled send ----------

SHARE = "C0SHARE"
OWNER = "U0ANNA01"


def _shared_campaign(store: Store, name: str = "Julkampanj", locale: str = "sv-SE") -> int:
    """A campaign that ended a month ago with its evaluation due now, one owner (who
    speaks `locale` in Slack) and a share channel."""
    ended = datetime.now(UTC).date() - timedelta(days=40)
    cid = store.campaigns.add("T1", name, str(ended), str(ended + timedelta(days=30)), "UTC", OWNER)
    plan = {"plan.kpis": ["Reach: 1"], "plan.owners": [f"@{OWNER}"], "plan.share": f"#{SHARE}"}
    store.campaigns.activate("T1", cid, plan)
    store.teams.save_user("T1", OWNER, locale=locale)
    store.nudges.schedule("T1", cid, {"evaluation": int(time.time()) - 5})
    return cid


def _slack_scheduler(store: Store, fake, lease: int = 300, max_blocks: int | None = None):
    sender = NudgeSender(
        Settings(
            SLACK_BOT_TOKEN="xoxb-test",
            COACHBOT_DB=str(store.path),
            COACHBOT_SLACK_API_URL=fake.url,
        )
    )
    if max_blocks:
        sender.max_blocks = max_blocks
    coach = Coach(store, clock=lambda: datetime.now(UTC))
    return Scheduler(coach, sender, pacer=Pacer(gap=0), lease_seconds=lease)


def _posts_to(fake, channel: str) -> list[dict]:
    return [p for p in fake.of("chat.postMessage") if p["channel"] == channel]


@pytest.mark.parametrize(
    ("error", "says"),
    [
        ("not_in_channel", "Skriv `/invite @coachbot` där"),
        ("channel_not_found", "den är privat och jag har inte bjudits in"),
        ("is_archived", "kanalen är arkiverad"),
        ("account_inactive", "Installera coachen på nytt"),
    ],
)
def test_a_share_channel_that_refuses_is_tried_once_and_the_owner_told_once(
    tmp_path, fake_slack, error, says
):
    store = Store(tmp_path / "n.db")
    cid = _shared_campaign(store)
    fake_slack.refuse(SHARE, error)
    scheduler = _slack_scheduler(store, fake_slack)
    assert scheduler.tick().sent == 1  # refused for good: nothing left to retry
    for _ in range(3):
        store.db.execute("UPDATE nudges SET due_at = 0 WHERE status = 'pending'")
        assert scheduler.tick().claimed == 0
    assert len(_posts_to(fake_slack, SHARE)) == 1
    nudge, notice = (text_of(p["blocks"]) for p in _posts_to(fake_slack, OWNER))
    assert "Dags att utvärdera Julkampanj" in nudge  # the owner's own copy, once
    assert says in notice and f"<#{SHARE}>" in notice and "*Julkampanj*" in notice
    assert [n["status"] for n in store.nudges.of("T1", cid)] == ["sent"]


def test_a_passing_error_retries_only_the_recipient_that_did_not_get_it(tmp_path, fake_slack):
    store = Store(tmp_path / "n.db")
    cid = _shared_campaign(store)
    fake_slack.refuse(SHARE, "ratelimited")  # answered with an error, not a 429 to wait out
    scheduler = _slack_scheduler(store, fake_slack)
    assert scheduler.tick().failed == 1
    assert [n["status"] for n in store.nudges.of("T1", cid)] == ["pending"]
    del fake_slack.refusing[SHARE]
    store.db.execute("UPDATE nudges SET due_at = 0 WHERE status = 'pending'")
    assert scheduler.tick().sent == 1
    assert len(_posts_to(fake_slack, OWNER)) == 1  # not again: it had arrived the first time
    assert len(_posts_to(fake_slack, SHARE)) == 2  # the refused try, then the one that went


def test_the_channel_copy_is_in_the_teams_language(tmp_path, fake_slack):
    store = Store(tmp_path / "n.db")
    _shared_campaign(store, locale="nb-NO")
    _slack_scheduler(store, fake_slack).tick()
    [shared] = _posts_to(fake_slack, SHARE)
    assert "Tid for å evaluere Julkampanj" in text_of(shared["blocks"])  # the owner's, not English
    store.teams.set_language("T1", "sv")
    fake_slack.clear()
    store.db.execute("UPDATE nudges SET status = 'pending', due_at = 0")
    _slack_scheduler(store, fake_slack).tick()
    [shared] = _posts_to(fake_slack, SHARE)
    assert "Dags att utvärdera Julkampanj" in text_of(shared["blocks"])  # the team's choice


def test_a_send_that_stalls_past_the_lease_is_not_repeated(tmp_path, fake_slack):
    """One message per block (each nudge becomes several Slack messages); the very first
    post takes longer than the lease while a second sender ticks all along."""
    path = tmp_path / "n.db"
    _shared_campaign(Store(path))
    fake_slack.hang_next("chat.postMessage", seconds=3.0)  # Slack slow to answer: 3 s
    first = _slack_scheduler(Store(path), fake_slack, lease=2, max_blocks=1)
    second = _slack_scheduler(Store(path), fake_slack, lease=2, max_blocks=1)
    done = threading.Event()
    runner = threading.Thread(target=lambda: (first.tick(), done.set()))
    runner.start()
    fake_slack.wait_for("chat.postMessage")  # the first sender is inside its first send
    while not done.is_set():  # the second sender ticks all along, past the lease
        second.tick()
        time.sleep(0.1)
    runner.join()
    posts = fake_slack.of("chat.postMessage")
    parts = Counter((p["channel"], json.dumps(p["blocks"])) for p in posts)
    assert len(parts) == 3 + 2 + 0  # owner: header, text, buttons; channel: header, text
    assert max(parts.values()) == 1  # each part once, though one send outlasted the lease


HOSTILE = "<!channel> @here <@U0BOSS> <b>Sale</b> &amp; <https://evil.example|bank>"


def _text_objects(node):
    if isinstance(node, dict):
        if node.get("type") in ("mrkdwn", "plain_text") and "text" in node:
            yield node
        for value in node.values():
            yield from _text_objects(value)
    elif isinstance(node, list):
        for item in node:
            yield from _text_objects(item)


def test_a_campaign_name_with_mentions_and_markup_is_inert_in_every_field(tmp_path, fake_slack):
    store = Store(tmp_path / "n.db")
    _shared_campaign(store, name=HOSTILE)
    fake_slack.refuse(SHARE, "not_in_channel")  # the notice carries the name too
    _slack_scheduler(store, fake_slack).tick()
    posts = fake_slack.of("chat.postMessage")
    assert {p["channel"] for p in posts} == {OWNER, SHARE}
    assert len(posts) == 3  # the owner's nudge, the channel copy, the notice
    for post in posts:
        objects = list(_text_objects(post["blocks"]))
        mrkdwn = [o for o in objects if o["type"] == "mrkdwn"]
        assert mrkdwn and all(o.get("verbatim") is True for o in mrkdwn)
        for shown in [post["text"], *(o["text"] for o in mrkdwn)]:
            for live in ("<!channel>", "<!here>", "<@U0BOSS>", "<b>", "<https://"):
                assert live not in shown
        assert any("&lt;!channel&gt;" in o["text"] for o in mrkdwn)  # shown, not pinged
