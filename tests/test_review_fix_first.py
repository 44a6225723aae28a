"""'Fix first' follows the guide's weights: purpose and audience before style, a warn
never above a fail, at most three items; and it is right on real organisations' posts."""

from __future__ import annotations

import pytest

from coachbot.review import review_post
from coachbot.review.reviewer import PRIORITY
from tests.corpus.load import load_extended, precision

# Not moved by the shifted-clock runs: post review has no dates.
pytestmark = pytest.mark.clock_free


def _review(post):
    return review_post(
        post.text, channel=post.channel, team_language=post.lang, strategy=post.strategy
    )


def test_purpose_and_audience_come_before_style():
    assert PRIORITY[:2] == ("purpose_fit", "audience_fit")
    assert PRIORITY.index("one_message") < PRIORITY.index("tone_fit")


def test_a_warn_never_outranks_a_fail_and_there_are_at_most_three():
    strategy = {"purpose.statement": "We are Ledgerly, invoicing software for small firms."}
    post = "Happy Friday everyone!!! Buy pizza, order drinks, book a table, follow us #a #b"
    result = review_post(post, channel="instagram", language="en", strategy=strategy)
    statuses = [result.status(i) for i in result.top_fixes]
    assert len(result.top_fixes) <= 3
    assert "fail" in statuses and "warn" in statuses
    assert statuses == sorted(statuses, key=lambda s: s != "fail")


EXTENDED = load_extended()


def test_good_posts_of_real_organisations_get_no_fail_and_rarely_a_warn():
    found = precision(EXTENDED, _review)
    assert found.good_posts >= 40
    assert found.good_fail == []
    assert found.good_with_warn <= 0.10 * found.good_posts, found.good_warn


def test_fix_first_puts_the_labelled_fault_first_in_nine_of_ten():
    found = precision(EXTENDED, _review)
    assert found.faulty_posts >= 20
    assert found.fix_first_right >= 0.9 * found.faulty_posts, found.fix_first_wrong


def test_the_extended_corpus_covers_three_languages_every_channel_and_its_own_strategies():
    assert {p.lang for p in EXTENDED} == {"en", "sv", "nb"}
    assert {p.channel for p in EXTENDED} == {
        "instagram",
        "facebook",
        "linkedin",
        "x",
        "tiktok",
        "threads",
    }
    for lang in ("en", "sv", "nb"):
        assert len({id(p.strategy) for p in EXTENDED if p.lang == lang}) >= 3


def test_very_hard_language_comes_before_the_long_first_line_it_causes():
    heavy = (
        "The comprehensive digitalisation initiative, encompassing infrastructural "
        "modernisation, organisational restructuring and collaborative partnerships with "
        "educational institutions, constitutes a fundamental transformation of institutional "
        "responsibilities regarding information accessibility. What do you think?"
    )
    assert review_post(heavy, channel="facebook", language="en").top_fixes[0] == "readability"
    # Plain words in one long sentence: the first line is the thing to fix.
    plain = (
        "On the twelfth of November the council met and they looked at the opening hours "
        "of all six of our library branches and then they chose to change some of them "
        "from January, so here is what you need to know. Questions? Ask us."
    )
    assert review_post(plain, channel="facebook", language="en").top_fixes[0] == "first_line_hook"
