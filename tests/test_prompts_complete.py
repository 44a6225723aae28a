"""Every text exists in English, Swedish and Norwegian, with the same placeholders."""

from __future__ import annotations

import re

import pytest

from coachbot import PROMPTS_DIR
from coachbot.core import coach  # noqa: F401  (wires every flow, declaring its conditions)
from coachbot.core.answers import VALIDATORS
from coachbot.core.conditions import CONDITIONS
from coachbot.core.flow import load_flow
from coachbot.i18n import LANGUAGES, catalogue, placeholders, texts
from coachbot.strategy.feedback import RULES

# Not moved by the shifted-clock runs: text catalogues have no dates.
pytestmark = pytest.mark.clock_free

FLOWS = sorted(
    p.name[: -len(".toml")] for p in (PROMPTS_DIR / "flows").iterdir() if p.name.endswith(".toml")
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_exists_in_every_language(lang):
    reference = catalogue("en")
    other = catalogue(lang)
    assert sorted(set(reference) - set(other)) == [], f"{lang} lacks keys"
    assert sorted(set(other) - set(reference)) == [], f"{lang} has keys English lacks"


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_placeholders_match_english(lang):
    reference = catalogue("en")
    for key, text in catalogue(lang).items():
        if isinstance(text, str):
            assert placeholders(text) == placeholders(reference[key]), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_texts_are_not_left_in_english(lang):
    if lang == "en":
        return

    def has_words(text: str) -> bool:
        return len(re.findall(r"[^\W\d_]{3,}", re.sub(r"\{\w+\}", "", text))) >= 2

    same = [
        k
        for k, v in catalogue(lang).items()
        if isinstance(v, str) and len(v) > 30 and has_words(v) and v == catalogue("en")[k]
    ]
    assert same == []


@pytest.mark.parametrize("flow_name", FLOWS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_flow_step_has_its_texts(flow_name, lang):
    texts = catalogue(lang)
    flow = load_flow(flow_name)
    for section in flow.section:
        assert f"{flow_name}.{section.id}.title" in texts
        for step in section.step:
            base = f"{flow_name}.{section.id}.{step.id}"
            assert f"{base}.q" in texts, base
            assert f"{base}.label" in texts, base
            for choice in step.choices:
                assert f"{base}.choice.{choice}" in texts, f"{base}.choice.{choice}"
            if step.for_each:
                assert "{item}" in texts[f"{base}.q"], base


@pytest.mark.parametrize("flow_name", FLOWS)
def test_flows_name_only_known_rules_and_conditions(flow_name):
    flow = load_flow(flow_name)
    for section in flow.section:
        for step in section.step:
            for name in step.feedback:
                assert name in RULES, name
            if step.when:
                assert step.when in CONDITIONS, step.when
            if step.validate_with:
                assert step.validate_with in VALIDATORS, step.validate_with


def test_every_flow_is_checked():
    assert {"interview", "maturity", "campaign", "evaluation"} <= set(FLOWS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rule_has_a_message(lang):
    for name in RULES:
        t = texts(lang)
        assert t.has(f"feedback.{name}") or t.is_plural(f"feedback.{name}"), name


def test_at_least_twenty_feedback_rules():
    assert len(RULES) >= 20
