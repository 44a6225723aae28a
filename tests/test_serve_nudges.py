"""Nudges and evaluation summaries with a share channel, against the real `coachbot serve`
(its scheduler ticks every 0.2 s): a channel the coach was never invited to gets one try,
the owner gets the nudge once and one notice saying what to do, and an evaluation whose
summary goes to a channel shows it to the evaluator too. One server for the module."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.serve_harness import Served, until
from tests.slack_fake import FakeSlack
from tests.slack_harness import text_of
from tests.test_evaluation import REVIEW as EVALUATION_ANSWERS

ENDED = datetime.now(UTC).date() - timedelta(days=40)  # the server runs on the wall clock


@pytest.fixture(scope="module")
def fake():
    fake = FakeSlack()
    yield fake
    fake.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, fake):
    where = tmp_path_factory.mktemp("serve_nudges")
    served = Served(where / "served.db", fake, where / "serve.log").start()
    yield served
    served.stop()


def _campaign(server, name: str, owner: str, share: str | None, due: bool = True) -> int:
    """A campaign that ended a month ago; its evaluation nudge due now if `due`."""
    store = server.store
    start, end = str(ENDED), str(ENDED + timedelta(days=30))
    cid = store.campaigns.add("T1", name, start, end, "UTC", owner)
    plan = {"plan.kpis": ["Reach: 40 000", "Link clicks: 300"], "plan.owners": [f"@{owner}"]}
    if share:
        plan["plan.share"] = f"#{share}"
    store.campaigns.activate("T1", cid, plan)
    if due:
        store.nudges.schedule("T1", cid, {"evaluation": int(time.time()) - 5})
    return cid


def _posts_to(fake, channel: str) -> list[dict]:
    return [p for p in fake.of("chat.postMessage") if p["channel"] == channel]


def test_a_refusing_share_channel_costs_the_owner_one_dm_and_one_notice(server, fake):
    fake.refuse("C0NOTIN", "not_in_channel")
    server.store.teams.save_user("T1", "U0ANNA01", locale="sv-SE")
    cid = _campaign(server, "Julkampanj", "U0ANNA01", "C0NOTIN")
    until(lambda: [n["status"] for n in server.store.nudges.of("T1", cid)] == ["sent"])
    # Later ticks: another team member's nudge is sent after it, so the scheduler went on.
    later = _campaign(server, "Vårkampanj", "U0OLLE02", None)
    until(lambda: [n["status"] for n in server.store.nudges.of("T1", later)] == ["sent"])
    until(lambda: _posts_to(fake, "U0OLLE02"))
    nudge, notice = (text_of(p["blocks"]) for p in _posts_to(fake, "U0ANNA01"))
    assert "Dags att utvärdera Julkampanj" in nudge
    assert "Skriv `/invite @coachbot` där" in notice and "<#C0NOTIN>" in notice
    [refused] = _posts_to(fake, "C0NOTIN")  # tried once, in the team's language
    assert "Dags att utvärdera Julkampanj" in text_of(refused["blocks"])
    assert "C0NOTIN refused it (not_in_channel)" in server.logged()


def _evaluation_step(server) -> str:
    return json.dumps(server.store.sessions.get("T1", "U1", "evaluation"), sort_keys=True)


ANSWERS = EVALUATION_ANSWERS  # the same evaluation as in-process


def test_an_evaluation_shared_to_a_channel_shows_the_evaluator_the_summary(server, fake):
    fake.refuse("C0RESULTS", "channel_not_found")  # private, and the coach not in it
    cid = _campaign(server, "Autumn", "U1", "C0RESULTS", due=False)
    server.dm(f"/coach evaluate {cid}")
    until(lambda: server.store.sessions.get("T1", "U1", "evaluation"))
    for answer in ANSWERS:
        before = _evaluation_step(server)
        server.dm(answer)
        until(lambda before=before: _evaluation_step(server) != before)
    [summary] = until(
        lambda: [
            p for p in _posts_to(fake, "DU1") if "📊 Evaluation: Autumn" in text_of(p["blocks"])
        ]
    )
    assert "*Reach*  ▰▰▰▰▰▰▰▰▱▱  30,000 of 40,000 (75 %)" in text_of(summary["blocks"])
    [copy] = until(lambda: _posts_to(fake, "C0RESULTS"))
    assert "*Reach*  ▰▰▰▰▰▰▰▰▱▱" in text_of(copy["blocks"])
    [notice] = until(
        lambda: [p for p in _posts_to(fake, "U1") if "<#C0RESULTS>" in text_of(p["blocks"])]
    )
    assert "Type `/invite @coachbot` in the channel" in text_of(notice["blocks"])
