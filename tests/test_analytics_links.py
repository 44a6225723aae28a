"""Links out: while a campaign runs, the review's utm_links check proposes the link tagged
for it and points out links tagged for another campaign, or not at all."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from coachbot.analytics.tags import campaign_tag, slug, tagged_url
from coachbot.core.coach import Coach
from coachbot.review.reviewer import review_post
from coachbot.store import Store
from tests.conftest import Clock, ShellDriver

# The coach's clock is pinned inside the campaign: nothing reads the wall clock's date.
pytestmark = pytest.mark.clock_free

DURING = datetime(2026, 12, 10, 10, 0, tzinfo=UTC)
TEXT = "Årets julklappstips finns på vår sida. Vilket blir ditt val i år?"


@pytest.fixture
def running(store: Store, tmp_path: Path) -> ShellDriver:
    driver = ShellDriver(Coach(store, clock=Clock(DURING)), tmp_path)
    driver.say("/coach campaign Julkampanj 2026 2026-12-01 2026-12-24")
    for answer in ["1", "Sessions: 4 000", "1 2", "3", "me", "dm"]:
        driver.say(answer)
    return driver


def test_an_untagged_link_gets_the_campaigns_tagged_link(running):
    reply = running.say(f"/coach review instagram: {TEXT} https://www.example.se/jul")
    assert "1 link is not tagged for *Julkampanj 2026*, which is running" in reply
    assert (
        "https://www.example.se/jul?utm_source=instagram&utm_medium=social&utm_campaign=julkampanj-2026"
        in reply
    )


def test_a_link_tagged_for_another_campaign_is_pointed_out(running):
    link = "https://www.example.se/rea?id=7&utm_source=facebook&utm_medium=social&utm_campaign=hostrea-2026"
    reply = running.say(f"/coach review {TEXT} {link}")
    assert (
        "is tagged for `hostrea-2026`, but the campaign running now is *Julkampanj 2026*" in reply
    )
    # Without a channel given, the campaign's first channel is the source; other parameters stay.
    assert "rea?id=7&utm_source=instagram&utm_medium=social&utm_campaign=julkampanj-2026" in reply


def test_a_link_tagged_for_the_campaign_passes(running):
    link = tagged_url("https://www.example.se/jul", "instagram", "julkampanj-2026")
    reply = running.say(f"/coach review instagram: {TEXT} {link}")
    assert "The link carries the tag of *Julkampanj 2026* (`julkampanj-2026`). Good." in reply


def test_with_no_campaign_running_the_advice_is_the_general_one(store, tmp_path):
    driver = ShellDriver(Coach(store, clock=Clock(DURING)), tmp_path)
    reply = driver.say(f"/coach review instagram: {TEXT} https://www.example.se/jul")
    assert "utm_campaign=…" in reply and "which is running" not in reply


def test_the_check_keeps_its_id_and_speaks_every_language():
    campaigns = [{"name": "Julekampanje", "tag": "julekampanje", "channels": ["facebook"]}]
    for lang, words in [("sv", "är inte taggad för"), ("nb", "er ikke merket for")]:
        result = review_post(
            f"{TEXT} example.se/jul", reply_language=lang, campaigns=campaigns, channel=None
        )
        [check] = [c for c in result.checks if c.id == "utm_links"]
        assert check.status == "fail" and words in check.advice
        assert "example.se/jul?utm_source=facebook&utm_medium=social&utm_campaign=julekampanje" in (
            check.advice
        )


@pytest.mark.parametrize(
    ("name", "tag"),
    [
        ("Julkampanj 2026", "julkampanj-2026"),
        ("Høstløp på Ås!", "hostlop-pa-as"),
        ("Vår/Sommar  – rea", "var-sommar-rea"),
        ("Æbleskiver & gløgg", "aebleskiver-glogg"),
    ],
)
def test_a_campaigns_tag_is_its_name_as_a_slug(name, tag):
    assert slug(name) == tag


def test_a_name_with_nothing_to_slug_gets_its_id():
    assert campaign_tag("🎄🎁", 12) == "campaign-12"
