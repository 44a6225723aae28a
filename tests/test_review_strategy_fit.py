"""Strategy fit by meaning: persona dislikes are phrases, appreciated signals outweigh
them, compounds count as their parts, and every finding quotes the post and the item."""

from __future__ import annotations

import pytest

from coachbot.review import review_post
from coachbot.review.meaning import match
from coachbot.review.post import Post

# Not moved by the shifted-clock runs: post review has no dates.
pytestmark = pytest.mark.clock_free

TRANSIT = {
    "purpose.statement": "Vi är Länstrafiken Norr och tar människor till skola och jobb med buss.",
    "audience.community_appreciated": ["Realtidstips om förseningar"],
    "audience.personas": ["Studenten Sara", "Pendlaren Per"],
    "audience.persona_interest[0]": "Billiga resor till universitetet",
    "audience.persona_dislikes[0]": ["Att sista bussen går 22.10"],
    "audience.persona_interest[1]": "Att komma fram i tid till jobbet",
    "audience.persona_dislikes[1]": ["Förseningar"],
    "audience.community_not_ok": ["Att skylla på resenärerna"],
    "content.tone": ["Hjälpsam", "Varm"],
}
LIBRARY = {
    "purpose.statement": "We are the city library, free for everyone.",
    "audience.personas": ["Student Sam"],
    "audience.persona_interest[0]": "Quiet study places",
    "audience.persona_dislikes[0]": ["Late fees"],
}


def audience(text: str, strategy: dict, lang: str):
    result = review_post(text, language=lang, strategy=strategy)
    return next(c for c in result.checks if c.id == "audience_fit")


@pytest.mark.parametrize(
    "text, strategy, lang, fails",
    [
        # One common word of a dislike is not the dislike.
        (
            "Bussen till universitetet går varje kvart i vinter. Vilken tur tar du?",
            TRANSIT,
            "sv",
            False,
        ),
        # The dislike said as a whole is, whatever the inflection.
        ("Från mars går sista bussen redan 22.10. Vad tycker du?", TRANSIT, "sv", True),
        # A delay tip where delays are disliked but real-time tips appreciated.
        ("Linje 10 har förseningar i kväll. Följ bussen i realtid i appen!", TRANSIT, "sv", False),
        # Taking the disliked thing away speaks to the persona.
        ("We have scrapped late fees for good. What will you borrow next?", LIBRARY, "en", False),
        (
            "Late fees go up to 50p a day from January. Return your books on time.",
            LIBRARY,
            "en",
            True,
        ),
    ],
)
def test_dislikes_are_phrases_and_appreciated_signals_outweigh_them(text, strategy, lang, fails):
    assert (audience(text, strategy, lang).status == "fail") == fails


def test_a_dislike_finding_quotes_the_post_and_the_strategy_item():
    check = audience("Från mars går sista bussen redan 22.10. Vad tycker du?", TRANSIT, "sv")
    assert "Studenten Sara" in check.advice
    assert "Att sista bussen går 22.10" in check.advice  # the item
    assert "sista, bussen" in check.advice  # the post's own words


def test_a_pass_quotes_what_matched_too():
    check = audience("Billiga resor till universitetet hela hösten! Vad tycker du?", TRANSIT, "sv")
    assert check.status == "pass"
    assert "Studenten Sara" in check.advice and "Billiga resor till universitetet" in check.advice


@pytest.mark.parametrize(
    "item, text, lang",
    [
        ("Låg inkomst", "Många med medelinkomst reser med oss", "sv"),  # compound head
        ("Realtidstips", "Följ bussen i realtid", "sv"),  # the item is the compound
        ("Tips om reparasjon", "Vi reparerer glidelåser på verkstedet", "nb"),  # derivation
    ],
)
def test_compounds_and_derivations_count_as_the_word(item, text, lang):
    post = Post.read(text)
    post.lang = lang
    assert match(item, post.terms) is not None


def test_a_post_word_that_is_only_part_of_a_warned_compound_is_no_clash():
    # "Kjøpepress" (pressure to buy) is a community rule; "kjøp" alone is not it.
    strategy = {"audience.community_not_ok": ["Kjøpepress"]}
    check = audience("Kjøp nye ski hos oss før helgen? Fortell hvor du skal!", strategy, "nb")
    assert check.status != "fail"


def test_a_swedish_strategy_fits_an_english_post():
    # A Swedish team writes in English for exchange students: "universitetet" and
    # "university" are the same thing, read each in its own language.
    post = "Extra buses to the university all exam week. Which line do you take?"
    result = review_post(post, team_language="sv", strategy=TRANSIT)
    assert result.language == "en"
    check = next(c for c in result.checks if c.id == "audience_fit")
    assert check.status == "pass" and "Studenten Sara" in check.advice


FJORD = {
    "purpose.statement": "Vi er Fjordbuss og frakter folk mellom byen og bygdene.",
    "audience.community_interest": "At bussen og båten går som den skal",
    "audience.personas": ["Studenten Ola"],
    "audience.persona_interest[0]": "Billige reiser og kveldsavganger",
    "audience.persona_needs[0]": "Å komme hjem etter trening og fest",
    "audience.persona_dislikes[0]": ["At siste buss går før midnatt"],
}


def fjord_audience(text: str):
    result = review_post(text, language="nb", team_language="nb", strategy=FJORD)
    return next(c for c in result.checks if c.id == "audience_fit")


def test_the_communitys_topic_does_not_excuse_a_dislike():
    # "The bus runs" is on topic with every bus dislike: it is no appreciated signal.
    found = fjord_audience("Fra 1. februar går siste buss fra sentrum kl. 23.15 i helgene.")
    assert found.status == "fail"


def test_a_post_that_meets_the_personas_need_is_no_clash():
    text = "Nå går siste buss klokka 01.15 på fredager, så du rekker hjem etter trening og fest."
    assert fjord_audience(text).status == "pass"


def test_a_post_for_a_personas_interest_belongs_on_the_account():
    # Nothing of the purpose statement is here, but the student's study places are.
    result = review_post(
        "Your best study spot in town? Ours is the third floor, open late 📚",
        language="en",
        strategy=LIBRARY,
    )
    assert result.status("purpose_fit") == "pass"


@pytest.mark.parametrize(
    "word, item, lang",
    [("jobbet", "Skola, jobb och fritid", "sv"), ("hemmet", "Ett tryggt hem", "sv")],
)
def test_a_definite_form_means_the_bare_noun(word, item, lang):
    post = Post.read(f"Vi ses på väg till {word} i morgon.")
    post.lang = lang
    found = match(item, post.terms, item_lang=lang)
    assert found is not None and found.words == (word,)
