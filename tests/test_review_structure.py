"""Each check reads the post's structure: superlatives as claims about the sender, calls
to action as imperatives, emoji as sentence ends, a real tone check, emoji-only posts."""

from __future__ import annotations

import pytest

from coachbot.review import review_post

# Not moved by the shifted-clock runs: post review has no dates.
pytestmark = pytest.mark.clock_free


def check(text: str, check_id: str, lang: str = "sv", strategy: dict | None = None, **kw):
    result = review_post(text, language=lang, strategy=strategy, **kw)
    return next(c for c in result.checks if c.id == check_id)


@pytest.mark.parametrize(
    "text, lang, claim",
    [
        ("På fredag visar vi era bästa bilder från bussen. Skicka in din!", "sv", False),
        ("Vad är ditt bästa tips för en lugn resa?", "sv", False),
        ("Which library has the best reading corner? Tell us.", "en", False),
        ("Vi är Norrlands bästa bussbolag.", "sv", True),
        ("Norges beste sportsbutikk har de beste prisene.", "nb", True),
        # Picking among the readers' things is no claim; "we are the best" still is.
        ("Vi samlar era tips och delar de bästa på fredag.", "sv", False),
        ("Send us your photos: we share the best of them on Friday.", "en", False),
        ("We are the best in the region.", "en", True),
        ("Vi er de beste på ski.", "nb", True),
    ],
)
def test_superlatives_count_only_as_claims_about_the_sender(text, lang, claim):
    assert (check(text, "user_value", lang).status != "pass") == claim


@pytest.mark.parametrize(
    "text, lang, ctas",
    [
        ("We listened to thousands of comments. What should we change next?", "en", 0),
        ("We read every comment on last month's post. When do you send reminders?", "en", 0),
        ("Vi lyssnade på tusentals kommentarer i våras.", "sv", 0),
        ("Boka din plats i dag.", "sv", 1),
        ("Buy now and save 20 %. Order now!", "en", 1),  # one purchase, asked twice
        ("Register for the club, download the list and follow us.", "en", 3),
    ],
)
def test_calls_to_action_are_imperatives_addressed_to_the_reader(text, lang, ctas):
    result = review_post(text, language=lang)
    assert result.metrics["calls_to_action"] == ctas


def test_an_emoji_ends_the_first_sentence():
    post = (
        "På fredag visar vi era bästa bilder från bussen i höstsolen 🍂 Skicka din bild till "
        "oss i ett meddelande, så kanske just din hamnar i flödet!"
    )
    hook = check(post, "first_line_hook", channel="instagram")
    assert hook.status == "pass" and "höstsolen 🍂" in hook.advice and "Skicka" not in hook.advice


def test_the_question_quoted_is_the_one_asked():
    post = "Snö i fjällen i helgen ❄️ Vilken tur planerar du först?"
    asks = check(post, "invites_interaction")
    assert "Vilken tur planerar du först?" in asks.advice and "Snö" not in asks.advice


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_an_emoji_only_post_is_not_a_post_yet(lang):
    result = review_post("🎉🎉🎉", language=lang, channel="instagram")
    assert result.status("first_line_hook") == "fail"
    assert result.top_fixes == ["first_line_hook"]
    assert result.score == 0
    assert {result.status(c) for c in ("one_message", "user_value", "salesy")} == {"skip"}


FUN = {"content.tone": ["Fun", "Playful"]}
MUNICIPALITY = {"content.tone": ["Saklig", "Vänlig"]}
MUSEUM = {"content.tone": ["Nysgjerrig", "Personlig"]}


@pytest.mark.parametrize(
    "text, lang, strategy, status",
    [
        ("BUY NOW!!! HUGE SALE ON EVERYTHING!!! DON'T MISS IT!!!", "en", FUN, "fail"),
        ("Which mug is your favourite? 😄 Ours is the one with the cat!", "en", FUN, "pass"),
        ("SNÖRÖJNINGEN ÄR IGÅNG!!! 🎉🎉🎉 NU KÖR VI!!!", "sv", MUNICIPALITY, "fail"),
        (
            "Snöröjningen har börjat. Se när din gata står på tur på kartan.",
            "sv",
            MUNICIPALITY,
            "pass",
        ),
        (
            "Museet holder åpent i henhold til gjeldende åpningstider. Spørsmål rettes til "
            "administrasjonen.",
            "nb",
            MUSEUM,
            "fail",
        ),
    ],
)
def test_tone_is_read_from_the_post(text, lang, strategy, status):
    assert check(text, "tone_fit", lang, strategy).status == status


def test_a_norwegian_wall_of_superlatives_ending_in_a_purchase_call_is_sales():
    post = (
        "Norges beste sportsbutikk har Vossas beste priser på markedsledende ski! "
        "Uslåelige tilbud. Kjøp nå – kun i dag!"
    )
    result = review_post(post, language="nb", strategy={"roles.ad_budget": 0})
    assert result.status("salesy") == "fail"
    assert result.status("user_value") == "fail"


def test_quoted_speech_is_not_the_sender_talking_about_itself():
    text = (
        'Val has volunteered with us for six years. "I come for the people," she says, '
        '"and I stay because I can see what it changes." Could that be you? Tell us.'
    )
    assert check(text, "user_value", "en").status == "pass"
    # Said by the sender itself, the same words are about the sender.
    text = "I come for the people, and I stay because I can see what it changes. We care."
    assert check(text, "user_value", "en").status == "warn"


@pytest.mark.parametrize(
    "channel, status",
    [("x", "pass"), ("facebook", "warn")],  # X is read for news as it happens
)
def test_a_service_update_needs_no_question_where_people_follow_the_news(channel, status):
    text = "Linje 4 kör omväg via Storgatan i dag till klockan 15 på grund av vägarbete."
    assert check(text, "invites_interaction", channel=channel).status == status


def test_a_sales_post_is_no_service_update():
    text = "Köp säsongskort före den 15 mars och spara 30 %."
    assert check(text, "invites_interaction", channel="x").status == "warn"


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Følg bussen i appen, og skriv gjerne her hvis den står fast.", "nb"),
        ("Vet du vem flickan är, skriv till oss.", "sv"),
    ],
)
def test_asking_people_to_write_invites_a_reply(text, lang):
    assert check(text, "invites_interaction", lang).status == "pass"


def test_officialese_is_stiff_even_when_the_sender_says_we():
    strategy = {"content.tone": ["Vennlig", "Leken"]}
    text = (
        "Vi gjør oppmerksom på at verkstedet holder stengt i uke 8 grunnet varetelling. "
        "Henvendelser vedrørende reparasjoner rettes til kundeservice."
    )
    assert check(text, "tone_fit", "nb", strategy).status == "fail"
    text = "Verkstedet er stengt i uke 8 mens vi teller varer. Har du ski inne? Ring oss!"
    assert check(text, "tone_fit", "nb", strategy).status == "pass"


@pytest.mark.parametrize(
    "text, lang, status",
    [
        ("We need rice and nappies. You can drop them at the hall, 9 am to 5 pm.", "en", "pass"),
        ("Vi behöver vantar. Du kan lämna dem i receptionen.", "sv", "pass"),
        ("We need rice and nappies this week.", "en", "warn"),
    ],
)
def test_a_call_said_as_a_possibility_is_a_call_to_action(text, lang, status):
    assert check(text, "one_cta", lang).status == status


@pytest.mark.parametrize(
    "text, status",
    [
        # One thing to do somewhere: the action is the response.
        ("We are low on rice. You can drop it at the hall on Mill Street, 9 am to 5 pm.", "pass"),
        # Nothing asked: a closure notice on Facebook still wants an invitation.
        ("The library is closed on 24 December. We open again on 27 December.", "warn"),
        # With an untagged link it is a traffic post nobody can measure.
        ("Read more about our new range at https://shop.example.com/new", "warn"),
    ],
)
def test_an_activation_post_asks_for_an_action_not_a_reply(text, status):
    assert check(text, "invites_interaction", "en", channel="facebook").status == status
