"""Nudges arrive when due, once each, late ones say so; snooze, dismiss, crash, uninstall."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coachbot.campaigns.scheduler import Scheduler
from coachbot.core import messages as ui
from coachbot.shell import LOCAL_TEAM

PLAN = ["1", "Reach: 40 000\nLink clicks: 300", "1, 2", "3", "me", "dm"]


class Outbox:
    def __init__(self):
        self.sent = []

    def __call__(self, team_id, message):
        self.sent.append((team_id, message))

    def titles(self):
        return [m.text for _, m in self.sent]


def _register(shell, line="/coach campaign Julkampanj 1 dec 24 dec"):
    shell.say(line)
    for answer in PLAN:
        shell.say(answer)
    [campaign] = shell.coach.store.campaigns.all(LOCAL_TEAM)
    return campaign


def _at(clock, when: datetime):
    clock.now = when


def test_each_nudge_once_at_its_time(shell, clock):
    _register(shell)
    outbox = Outbox()
    scheduler = Scheduler(shell.coach, outbox)
    _at(clock, datetime(2026, 12, 1, 8, 59, tzinfo=UTC))
    assert scheduler.tick().sent == 0
    _at(clock, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    assert scheduler.tick().sent == 1
    assert scheduler.tick().sent == 0  # never twice
    [(team, kickoff)] = outbox.sent
    assert team == LOCAL_TEAM and kickoff.channel == "U-LOCAL"
    assert kickoff.text == "🚀 Julkampanj starts today"
    assert "Reach: 40,000" in str(kickoff.blocks)  # as the reader writes numbers
    for day, title in [
        (12, "⏱️ Halfway through Julkampanj"),
        (25, "📊 Time to evaluate Julkampanj"),
    ]:
        _at(clock, datetime(2026, 12, day, 9, 0, tzinfo=UTC))
        scheduler.tick()
        assert outbox.titles()[-1] == title
    _at(clock, datetime(2027, 1, 5, 9, 0, tzinfo=UTC))
    scheduler.tick()  # both reminders are due by now: the later one supersedes the first
    assert outbox.titles()[-2:] == [
        "📊 Time to evaluate Julkampanj",
        "🔔 Last reminder: evaluate Julkampanj",
    ]
    assert scheduler.tick().sent == 0


def test_evaluation_nudge_has_a_start_button_and_snooze_and_dismiss(shell, clock):
    _register(shell)
    outbox = Outbox()
    _at(clock, datetime(2026, 12, 25, 9, 0, tzinfo=UTC))
    Scheduler(shell.coach, outbox).tick()
    evaluation = outbox.sent[-1][1]
    values = [
        b.value for block in evaluation.blocks if isinstance(block, ui.Buttons) for b in block.items
    ]
    assert values[0].startswith("/coach evaluate ")
    assert [v.split()[-1] for v in values[1:]] == ["1d", "1w", values[3].split()[-1]]


def test_a_nudge_missed_while_down_is_sent_once_and_says_when_it_was_due(shell, clock):
    _register(shell)
    outbox = Outbox()
    _at(clock, datetime(2026, 12, 14, 10, 0, tzinfo=UTC))  # the app was down for two weeks
    result = Scheduler(shell.coach, outbox).tick()
    assert result.sent == 1  # "halfway" supersedes the "starts today" nobody got
    [midway] = (m for _, m in outbox.sent)
    assert midway.text.startswith("⏱️ Halfway through")
    assert "This was due on Sat 12 Dec" in str(midway.blocks)


def test_snooze_and_dismiss(shell, clock):
    campaign = _register(shell)
    outbox = Outbox()
    scheduler = Scheduler(shell.coach, outbox)
    _at(clock, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    scheduler.tick()
    kickoff_id = next(r for r in _rows(shell, campaign) if r[1] == "kickoff")[0]
    assert "Snoozed until tomorrow." in shell.say(f"/coach nudge snooze {kickoff_id} 1d")
    _at(clock, datetime(2026, 12, 2, 8, 59, tzinfo=UTC))
    assert scheduler.tick().sent == 0
    _at(clock, datetime(2026, 12, 2, 9, 1, tzinfo=UTC))
    assert scheduler.tick().sent == 1
    midway_id = next(r for r in _rows(shell, campaign) if r[1] == "midway")[0]
    assert "Dismissed" in shell.say(f"/coach nudge dismiss {midway_id}")
    _at(clock, datetime(2026, 12, 13, 9, 0, tzinfo=UTC))
    assert scheduler.tick().sent == 0
    assert "no longer open" in shell.say(f"/coach nudge dismiss {midway_id}")


def _rows(shell, campaign):
    return shell.coach.store.db.execute(
        "SELECT id, kind, status FROM nudges WHERE campaign_id = ?", [campaign.id]
    ).fetchall()


def test_crash_in_the_middle_of_a_batch_resends_only_after_the_lease(shell, clock):
    _register(shell)
    _at(clock, datetime(2026, 12, 14, 10, 0, tzinfo=UTC))
    store = shell.coach.store
    # A sender claims the due nudge (halfway; it supersedes the kickoff), sends it, and
    # dies before marking it sent.
    claimed = store.nudges.claim_due(int(clock.now.timestamp()))
    assert len(claimed) == 1
    outbox = Outbox()
    restarted = Scheduler(shell.coach, outbox)
    assert restarted.tick().sent == 0  # still leased to the dead sender
    _at(clock, clock.now + timedelta(minutes=6))
    assert restarted.tick().sent == 1  # the documented window: at most this is repeated
    assert restarted.tick().sent == 0


def test_failed_send_is_retried_later(shell, clock):
    _register(shell)
    calls = []

    def flaky(team_id, message):
        calls.append(message)
        if len(calls) == 1:
            raise ConnectionError("slack is down")

    scheduler = Scheduler(shell.coach, flaky)
    _at(clock, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    assert scheduler.tick().failed == 1
    _at(clock, clock.now + timedelta(minutes=3))
    assert scheduler.tick().sent == 1
    assert len(calls) == 2


def test_uninstall_leaves_no_nudges(shell, clock):
    _register(shell)
    shell.coach.store.forget_team(LOCAL_TEAM)
    _at(clock, datetime(2026, 12, 30, 9, 0, tzinfo=UTC))
    assert Scheduler(shell.coach, Outbox()).tick().claimed == 0
    assert shell.coach.store.db.execute("SELECT count(*) FROM nudges").fetchone()[0] == 0


def test_the_shell_shows_due_nudges_before_the_next_line(shell, clock):
    _register(shell)
    _at(clock, datetime(2026, 12, 1, 9, 30, tzinfo=UTC))
    assert "starts today" not in shell.out.getvalue()
    shell.say("/coach campaigns")
    assert "[nudge → U-LOCAL]" in shell.out.getvalue()
    assert "🚀 Julkampanj starts today" in shell.out.getvalue()


def test_new_dates_move_the_pending_nudges(shell, clock):
    campaign = _register(shell)
    reply = shell.say("/coach campaign Julkampanj 8 dec 31 dec")
    assert "*Julkampanj* now runs from Tue 8 Dec to Thu 31 Dec" in reply
    kickoff = next(
        n for n in shell.coach.store.nudges.of(LOCAL_TEAM, campaign.id) if n["kind"] == "kickoff"
    )
    assert datetime.fromtimestamp(kickoff["due_at"], UTC) == datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
    assert len(shell.coach.store.campaigns.all(LOCAL_TEAM)) == 1


def test_strategy_revisit_six_months_after_completion(shell, clock):
    from tests.walkthrough import walk

    shell.say("/coach start")
    walk(shell, "en")
    outbox = Outbox()
    scheduler = Scheduler(shell.coach, outbox)
    _at(clock, datetime(2027, 5, 23, 8, 59, tzinfo=UTC))
    assert scheduler.tick().sent == 0
    _at(clock, datetime(2027, 5, 23, 9, 0, tzinfo=UTC))
    assert scheduler.tick().sent == 1
    assert outbox.titles() == ["🧭 Time to revisit your strategy"]
    [(_, message)] = outbox.sent
    assert message.channel == "U-LOCAL"
    # The next revisit is six months on.
    [row] = shell.coach.store.nudges.of(LOCAL_TEAM, 0)
    assert datetime.fromtimestamp(row["due_at"], UTC).date().isoformat() == "2027-11-23"


def test_pacing_keeps_a_second_between_messages_to_one_channel():
    from coachbot.campaigns.scheduler import Pacer

    slept = []
    pacer = Pacer(gap=1.0, sleep=slept.append)
    for channel in ["C1", "C2", "C1", "C1"]:
        pacer.wait(channel)
    assert len(slept) == 2 and all(0.9 < s <= 1.0 for s in slept)
