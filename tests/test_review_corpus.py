"""The reviewer agrees with the labelled corpus, and never fails an exemplary post."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coachbot.review import review_post
from coachbot.review.model import CHECK_IDS
from tests.corpus.load import agreement, load_corpus

# Not moved by the shifted-clock runs: post review has no dates.
pytestmark = pytest.mark.clock_free

POSTS = load_corpus()


def _review(post):
    return review_post(
        post.text, channel=post.channel, team_language=post.lang, strategy=post.strategy
    )


def test_corpus_covers_three_languages_and_six_channels():
    assert len(POSTS) >= 60
    assert {p.lang for p in POSTS} == {"en", "sv", "nb"}
    assert {p.channel for p in POSTS} >= {
        "instagram",
        "facebook",
        "linkedin",
        "x",
        "tiktok",
        "threads",
    }


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_agreement_per_check_is_at_least_90_percent(check_id):
    ok, total, wrong = agreement(POSTS, _review)[check_id]
    assert total >= 5, f"{check_id} has too few labelled posts"
    assert ok / total >= 0.9, wrong


@pytest.mark.parametrize("post", [p for p in POSTS if p.exemplary], ids=lambda p: p.id)
def test_exemplary_posts_get_no_fail(post):
    assert [c.id for c in _review(post).checks if c.status == "fail"] == []


def test_every_check_id_in_product_md_is_the_reviewers():
    product = Path(__file__).resolve().parents[2] / "shared" / "PRODUCT.md"
    if not product.exists():
        pytest.skip("shared/PRODUCT.md is not beside this checkout")
    section = product.read_text().split("## Review check ids")[1].split("##")[0]
    assert set(re.findall(r"`([a-z_]+)`", section)) - {"skip"} == set(CHECK_IDS)


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_every_check_has_pass_and_non_pass_labels(check_id):
    statuses = {p.expect[check_id] for p in POSTS if check_id in p.expect}
    assert "pass" in statuses and statuses - {"pass"}, statuses
