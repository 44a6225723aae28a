"""Install states: anyone may ask for the install page, it costs no row; a state works
once, even when two redirects carry it at the same moment; used ones are swept."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
import time_machine

from coachbot.campaigns.scheduler import Scheduler
from coachbot.core.coach import Coach
from coachbot.slack.oauth_state import SignedOAuthStateStore
from coachbot.store import Store
from tests.slack_harness import SlackApp

# Not moved by the shifted-clock runs: install states expire relative to the clock itself.
pytestmark = pytest.mark.clock_free


def _rows(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM oauth_states_used").fetchone()[0]


def test_install_pages_cost_no_rows_and_acks_stay_fast(tmp_path, fake_slack):
    from cryptography.fernet import Fernet

    app = SlackApp(
        tmp_path / "oauth.db",
        fake_slack,
        SLACK_CLIENT_ID="111.222",
        SLACK_CLIENT_SECRET="shh",
        COACHBOT_ENCRYPTION_KEY=Fernet.generate_key().decode(),
    )
    try:
        for _ in range(300):
            assert app.get("/slack/install").status == 200
        assert _rows(app.store) == 0
        tables = {t.name for t in app.store.db.tables}
        assert "oauth_states" not in tables
    finally:
        app.close()


def test_a_state_is_used_once_even_by_two_redirects_at_the_same_moment(tmp_path):
    store = Store(tmp_path / "s.db")
    states = SignedOAuthStateStore(store, "shh")
    for _ in range(20):
        state = states.issue()
        start = threading.Barrier(2)
        results = []

        def redirect(state=state, start=start, results=results) -> None:
            start.wait()
            results.append(states.consume(state))

        threads = [threading.Thread(target=redirect) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) == [False, True]
    assert states.consume(state) is False  # and later, again, no


def test_forged_foreign_and_expired_states_are_refused(tmp_path):
    store = Store(tmp_path / "s.db")
    states = SignedOAuthStateStore(store, "shh", expiration_seconds=600)
    other = SignedOAuthStateStore(store, "another app's secret")
    assert states.consume("forged") is False
    assert states.consume("") is False
    assert states.consume("é" * 40) is False
    assert states.consume(other.issue()) is False
    state = states.issue()
    tampered = state[:-2] + ("AA" if state[-2:] != "AA" else "BB")
    assert states.consume(tampered) is False
    with time_machine.travel(datetime.now(UTC).timestamp() + 601, tick=False):
        assert states.consume(state) is False
    assert _rows(store) == 0


def test_used_states_are_swept_on_the_scheduler_tick(tmp_path):
    store = Store(tmp_path / "s.db")
    states = SignedOAuthStateStore(store, "shh", expiration_seconds=600)
    assert states.consume(states.issue())
    assert _rows(store) == 1
    now = datetime.now(UTC)
    Scheduler(Coach(store), send=lambda team, message: None, clock=lambda: now).tick()
    assert _rows(store) == 1  # not expired yet: a replay must still be refused
    later = datetime.fromtimestamp(now.timestamp() + 601, UTC)
    Scheduler(Coach(store), send=lambda team, message: None, clock=lambda: later).tick()
    assert _rows(store) == 0
