"""Swedish, Norwegian and English are told apart on short posts; anything else is "other".

The coach speaks three languages, so a review never names a fourth: Nynorsk and
Danish-looking Norwegian are Norwegian, and a German or clearly Danish post is "other",
reviewed with the English word lists and a note saying so.
"""

from __future__ import annotations

import pytest

from coachbot.i18n import texts
from coachbot.review import review_post
from coachbot.review.language import detect_language
from coachbot.review.render import review_message

# Not moved by the shifted-clock runs: post review has no dates.
pytestmark = pytest.mark.clock_free


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Vi har öppet hela helgen. Kom förbi och testa våra nya kängor!", "sv"),
        ("Vilken är din favoritled i fjällen?", "sv"),
        ("Vi har åpent hele helgen. Kom innom og test de nye støvlene våre!", "nb"),
        ("Hvilken tur er din favoritt i fjellet?", "nb"),
        # Norwegian with Danish-looking words ("nu", "efter") stays Norwegian.
        (
            "Nu er skiverkstedet åpent igjen efter sommeren! Lever skiene dine uten "
            "timebestilling, så er de klare til helgen. Hva er første tur du skal på i år?",
            "nb",
        ),
        ("Tak til alle der kom til vores foredrag i går", "nb"),
        ("Vi har åbent hele weekenden. Kom forbi og prøv vores nye støvler!", "other"),
        ("Wir haben das ganze Wochenende geöffnet. Kommen Sie vorbei!", "other"),
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


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_a_post_in_another_language_is_reviewed_in_english_with_a_note(lang):
    post = "Wir haben das ganze Wochenende geöffnet. Kommen Sie vorbei und probieren Sie!"
    result = review_post(post, team_language=lang)
    assert result.language == "other"
    assert result.public_json()["language"] == "other"
    shown = str(review_message(result, texts(lang)).blocks)
    assert texts(lang)("review.ui.languages.other") in shown
    assert result.checks[0].title == texts(lang)("review.one_message.title")


def test_norwegian_er_and_de_are_not_counted_as_you():
    # Swedish "er" and "de" would be "you"; in Norwegian they are "is" and "they".
    post = (
        "Vi har verkstedet vårt åpent. Vi er her hver dag, og de ansatte er flinke. Vi fikser alt."
    )
    result = review_post(post, language="nb")
    assert result.status("user_value") == "warn"
    assert "(0 ganger)" in next(c.advice for c in result.checks if c.id == "user_value")
