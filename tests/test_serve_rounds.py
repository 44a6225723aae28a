"""Against the real `coachbot serve`: every subcommand answers, two servers on one database
keep one person's quick answers in order, and an uninstall takes the team's data with it."""

from __future__ import annotations

import pytest

from coachbot.core.commands import SUBCOMMANDS
from tests.serve_harness import Served, until
from tests.slack_harness import text_of

# Not moved by the shifted-clock runs: none of these depends on the date.
pytestmark = pytest.mark.clock_free

# What each subcommand is typed with; the rest need nothing after them.
ARGS = {
    "edit": "purpose",
    "review": "instagram: Snö i fjällen i helgen! Vilken tur planerar du först?",
    "campaign": "",  # alone: the usage line
    "evaluate": "",  # alone: what is due
    "language": "sv",
    "privacy": "off",
    "country": "SE",
    "nudge": "dismiss 1",
}
REPLIES = ("response_url", "chat.postMessage", "chat.postEphemeral", "views.open")


def _replies(fake) -> int:
    return sum(len(fake.of(method)) for method in REPLIES)


def test_every_subcommand_gets_an_answer_and_the_server_logs_no_error(served, fake_slack):
    for name in SUBCOMMANDS:
        before = _replies(fake_slack)
        reply = served.command(f"{name} {ARGS.get(name, '')}".strip(), channel="C1")
        assert reply.status == 200, name
        until(lambda before=before: _replies(fake_slack) > before, timeout=30)
    served.command("export", channel="C1")
    fake_slack.wait_for("files.completeUploadExternal", timeout=30)
    fake_slack.settle()
    logged = served.logged()
    assert "Traceback" not in logged and " ERROR " not in logged, logged[-2000:]


ANSWERS = [
    "We are a ferry café by the quay and we give travellers a warm break before they sail.",
    "Travellers get the ferry's delays first, and a coffee that is ready when they arrive.",
    "2",
    "The region's goal of more travel by ferry, and our own goal of more regular guests.",
    "Kajkaféet",
]
# The quick path's questions of the purpose section, in the order they are asked.
QUICK_PURPOSE = [
    "purpose.statement",
    "purpose.why_interact",
    "purpose.ambition",
    "purpose.vision_link",
    "purpose.organisation",
]


def test_two_servers_on_one_database_keep_one_persons_quick_answers_in_order(tmp_path, fake_slack):
    db = tmp_path / "shared.db"
    first = Served(db, fake_slack, tmp_path / "first.log").start()
    second = Served(db, fake_slack, tmp_path / "second.log").start()
    try:
        first.command("start", channel="DU1")
        until(lambda: first.store.sessions.get("T1", "U1", "interview"))
        # Sent back to back, alternately to both processes, without waiting for the coach.
        for i, answer in enumerate(ANSWERS):
            assert (first if i % 2 == 0 else second).dm(answer).status == 200
        slots = QUICK_PURPOSE

        def saved():
            values = first.store.strategies.get("T1").values()
            return all(values.get(slot) is not None for slot in slots) and values

        values = until(saved, timeout=60)
        assert [values[slot] for slot in slots] == [
            ANSWERS[0],
            ANSWERS[1],
            "support",
            ANSWERS[3],
            ANSWERS[4],
        ]
    finally:
        second.stop()
        first.stop()


def test_an_uninstall_through_the_server_removes_the_team(served, fake_slack):
    served.command("review A post about bread and the quay, with a question: which loaf?")
    [review] = fake_slack.wait_for("response_url", timeout=30)
    assert text_of(review["blocks"])
    served.command("start", channel="DU1")
    until(lambda: served.store.sessions.get("T1", "U1", "interview"))
    assert served.event({"type": "app_uninstalled"}).status == 200
    until(
        lambda: (
            served.store.reviews.recent("T1") == []
            and served.store.sessions.get("T1", "U1", "interview") is None
        )
    )
