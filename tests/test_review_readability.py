"""Readability as LIX reads it: long words are a sign of hard vocabulary, names are not."""

from __future__ import annotations

import pytest

from coachbot.review.checks.readability import lix
from coachbot.review.post import Post

# Not moved by the shifted-clock runs: post review has no dates.
pytestmark = pytest.mark.clock_free


def lix_of(text: str) -> float:
    post = Post.read(text)
    post.lang = "sv"
    return lix(post)


def test_names_do_not_make_a_post_hard_to_read():
    names = "Bussen går från Haparanda via Storgatan och Rådhuset till Kalixvägen i dag."
    words = "Bussen går från hållplatsen via omledningen och vägarbetet till ändhållplatsen i dag."
    assert lix_of(names) < 40 < lix_of(words)


def test_a_long_word_that_starts_the_sentence_still_counts():
    # Capitalised because it starts the sentence, not because it is a name.
    assert lix_of("Ersättningsbussar går i dag.") > lix_of("Bussar går i dag.")
