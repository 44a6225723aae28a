"""Two people editing the same strategy never silently overwrite each other."""

from __future__ import annotations

import threading

import pytest

from coachbot.core.coach import Coach
from coachbot.core.request import Request
from coachbot.shell import LOCAL_TEAM
from coachbot.slack.blocks import slack_text
from coachbot.store import Store
from coachbot.store.repos import VersionConflict
from coachbot.strategy.models import Answer
from coachbot.terminal import plain_text

TEAM = "T1"
PURPOSE_A = "We are a small ferry company and we want islanders to feel we are their own boat."
PURPOSE_B = "We are the island ferry, and we exist so that the islands stay alive all year round."


def _req(user: str) -> Request:
    return Request(team_id=TEAM, user_id=user)


def test_second_writer_of_the_same_answer_is_told_and_can_choose(coach):
    anna, olle = _req("UANNA"), _req("UOLLE")
    coach.command(anna, "/coach start")
    coach.command(olle, "/coach start")
    coach.message(anna, PURPOSE_A)
    reply = coach.message(olle, PURPOSE_B)
    # In Slack the other writer is a mention; in the shell, a name.
    assert "<@UANNA> changed this answer while you were on it" in slack_text(reply[0].text)
    assert "@UANNA changed this answer while you were on it" in plain_text(reply[0].text)
    assert coach.store.strategies.get(TEAM).value("purpose.statement") == PURPOSE_A
    # Olle decides to replace it: the second send goes through.
    coach.message(olle, PURPOSE_B)
    assert coach.store.strategies.get(TEAM).value("purpose.statement") == PURPOSE_B


def test_stale_save_raises_version_conflict(store):
    from datetime import UTC, datetime

    fresh = store.strategies.get(TEAM)
    answer = Answer(value="x", at=datetime.now(UTC), version=1)
    store.strategies.save(fresh.model_copy(update={"answers": {"purpose.statement": answer}}))
    with pytest.raises(VersionConflict) as err:
        store.strategies.save(
            fresh.model_copy(update={"answers": {"purpose.why_interact": answer}})
        )
    assert err.value.current.version == 1


def test_parallel_answers_from_many_users_are_all_kept(db_path, clock):
    """Eight users answer different questions at once, each through its own connection."""
    slots = ["purpose.statement", "purpose.why_interact", "purpose.vision_link"]
    errors: list[BaseException] = []

    def user_session(n: int) -> None:
        try:
            coach = Coach(Store(db_path), clock=clock)
            req = _req(f"U{n}")
            coach.command(req, "/coach edit purpose")
            # Users skip to one of three text questions (the third is past a choice).
            for _ in range((0, 1, 3)[n % 3]):
                coach.message(req, "skip")
            coach.message(req, f"Answer number {n} from user {n} about our purpose and people.")
        except BaseException as exc:  # noqa: BLE001 - surfaced below
            errors.append(exc)

    Store(db_path).close()  # migrate once before the threads start
    threads = [threading.Thread(target=user_session, args=(n,)) for n in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    strategy = Store(db_path).strategies.get(TEAM)
    assert all(strategy.value(slot) for slot in slots)
    assert strategy.version >= 3


def test_a_learning_others_keep_overwriting_is_reported_and_kept_for_a_resend(shell, monkeypatch):
    from tests.test_evaluation import PLAN, REVIEW

    shell.say("/coach campaign Autumn 2026-10-01 2026-10-31")
    for answer in PLAN + REVIEW[:-1]:
        shell.say(answer)
    repo = shell.coach.store.strategies
    real_save = repo.save

    def always_beaten(strategy, by=None):
        raise VersionConflict(repo.get(strategy.team_id))

    monkeypatch.setattr(repo, "save", always_beaten)
    assert "please send that again" in shell.say(REVIEW[-1])
    monkeypatch.setattr(repo, "save", real_save)
    assert "Evaluation saved" in shell.say(REVIEW[-1])
    assert [item.text for item in repo.get(LOCAL_TEAM).learnings] == [REVIEW[-1]]
