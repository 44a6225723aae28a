"""Plural forms by each language's rules, and numbers, money and dates as people write them."""

from datetime import date

import pytest

from coachbot.i18n import LANGUAGES, catalogue, texts

pytestmark = pytest.mark.clock_free

NBSP = "\u00a0"


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        ("en", "1 KPI lacks", "3 KPIs lack"),
        ("sv", "1 mätpunkt saknar", "3 mätpunkter saknar"),
        ("nb", "1 måltall mangler", "3 måltall mangler"),
    ],
)
def test_a_count_picks_the_plural_form(lang, one, many):
    t = texts(lang)
    assert t("feedback.kpi_no_target", count=1, kpis="x").startswith(one)
    assert t("feedback.kpi_no_target", count=3, kpis="x").startswith(many)


def test_zero_takes_the_plural_in_all_three_languages():
    assert "0 hashtags." in texts("en")(
        "review.channel_fit.fits", count=0, length=1, max=2, channel="X", hashtags=0
    )
    assert "0 hashtaggar." in texts("sv")(
        "review.channel_fit.fits", count=0, length=1, max=2, channel="X", hashtags=0
    )


def test_a_plural_text_without_a_count_is_a_programming_error():
    with pytest.raises(KeyError):
        texts("en")("feedback.kpi_no_target", kpis="x")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_hedges_its_plural_with_brackets(lang):
    hedged = [
        k
        for k, v in catalogue(lang).items()
        if isinstance(v, str)
        and any(mark in v for mark in ("(s)", "(er)", "(ar)", "(r) ", "(n) ", "/frågor"))
    ]
    assert hedged == []


@pytest.mark.parametrize(
    ("lang", "decimal", "thousands", "whole", "cents", "day"),
    [
        ("en", "2.5", "4,812", "15,000 SEK", "15,000.50 NOK", "Fri 25 Dec"),
        ("sv", "2,5", "4 812", "15 000 kr", "15 000,50 Nkr", "fre 25 dec"),
        ("nb", "2,5", "4 812", "15 000 SEK", "15 000,50 kr", "fre. 25. des."),
    ],
)
def test_numbers_money_and_days_in_the_language(lang, decimal, thousands, whole, cents, day):
    t = texts(lang)
    assert t.number(2.5) == decimal
    assert plain(t.number(4812)) == thousands
    assert plain(t.money(15000, "SEK")) == whole
    assert plain(t.money(15000.5, "nok")) == cents
    assert t.day(date(2026, 12, 25)) == day
