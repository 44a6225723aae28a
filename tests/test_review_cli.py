"""`coachbot review`: JSON shape, honest output on bad input, and a clear refusal when needed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from coachbot.review import review_post
from coachbot.review.model import CHECK_IDS
from coachbot.review.reviewer import PostTooLong
from coachbot.slack.incoming import unslack

# Not moved by the shifted-clock runs: post review has no dates.
pytestmark = pytest.mark.clock_free

STATUSES = {"pass", "warn", "fail", "skip"}


def run_review(*args: str, text: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coachbot", "review", *args],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_json_shape_is_the_documented_one():
    result = run_review(
        "--json", "--channel", "instagram", text="Which trail do you love most? Tell us!"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"language", "channel", "score", "checks", "metrics"}
    assert data["language"] == "en" and data["channel"] == "instagram"
    assert 0 <= data["score"] <= 100
    assert [c["id"] for c in data["checks"]] == list(CHECK_IDS)
    for check in data["checks"]:
        assert set(check) == {"id", "status", "title", "advice"}
        assert check["status"] in STATUSES and check["advice"]


def test_text_output_reads_a_file_in_its_language(tmp_path):
    post = tmp_path / "post.txt"
    post.write_text("Vilken stig i fjällen är din favorit? Berätta i kommentarerna!")
    result = run_review("--channel", "ig", str(post), text="")
    assert result.returncode == 0
    assert "Granskning av inlägg" in result.stdout and "Poäng:" in result.stdout


def test_empty_input_is_a_usage_error():
    result = run_review(text="   \n")
    assert result.returncode != 0
    assert "Paste the post" in result.stderr


def test_unknown_channel_is_refused_with_the_list():
    result = run_review("--channel", "myspace", text="Hello there, friends of books")
    assert result.returncode == 2 and "instagram" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "🎉🎉🎉🔥",
        "https://example.com https://example.org/x?utm_source=a",
        "<https://example.com/a|Read this> and <@U123> and <!channel>",
        "http://[broken url and www. nothing",
        "Vi ses i helgen! See you this weekend! Vi sees i helga!",
        "\x00\x07 control \u202e characters",
    ],
)
def test_odd_posts_get_honest_output(text):
    result = review_post(text, team_language="en")
    assert [c.id for c in result.checks] == list(CHECK_IDS)
    assert all(c.advice for c in result.checks)


def test_slack_formatting_is_read_as_the_author_wrote_it():
    # Slack's markup is undone where Slack text comes in; the review reads what remains.
    result = review_post(
        unslack(
            "Read it here: <https://example.com/a?utm_source=x&utm_medium=social&utm_campaign=c|our guide>"
        )
    )
    assert result.status("utm_links") == "pass"
    assert result.metrics["links"] == 1


def test_one_hundred_thousand_characters_are_reviewed_and_one_more_refused():
    long_post = ("Boka en tur med oss i fjällen i vinter. " * 2600)[:100_000]
    result = review_post(long_post, channel="facebook", team_language="sv")
    assert result.status("channel_fit") == "fail"
    with pytest.raises(PostTooLong):
        review_post(long_post + "x", channel="facebook")


def test_email_addresses_are_not_links():
    result = review_post("Send your application to jobs@library.example.com by Friday.")
    assert result.status("utm_links") == "skip"
    assert result.metrics["links"] == 0
