"""Swedish, Norwegian and English are told apart on short posts; Danish is not Norwegian."""

from __future__ import annotations

import pytest

from coachbot.review import review_post
from coachbot.review.language import detect_language

# Not moved by the shifted-clock runs: post review has no dates.
pytestmark = pytest.mark.clock_free


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Vi har öppet hela helgen. Kom förbi och testa våra nya kängor!", "sv"),
        ("Vilken är din favoritled i fjällen?", "sv"),
        ("Vi har åpent hele helgen. Kom innom og test de nye støvlene våre!", "nb"),
        ("Hvilken tur er din favoritt i fjellet?", "nb"),
        ("Vi har åbent hele weekenden. Kom forbi og prøv vores nye støvler!", "da"),
        ("Tak til alle der kom til vores foredrag i går", "da"),
        ("We are open all weekend. Drop by and try our new boots!", "en"),
    ],
)
def test_detects(text, lang):
    assert detect_language(text, fallback="en").lang == lang


def test_thin_evidence_falls_back_to_the_team_language():
    detected = detect_language("OK 👍", fallback="nb")
    assert detected.lang == "nb" and not detected.confident


def test_advice_is_in_the_users_language_whatever_the_posts():
    result = review_post("Hvilken tur er din favoritt i fjellet?", reply_language="sv")
    assert result.language == "nb"
    assert result.checks[0].title == "Ett budskap"
