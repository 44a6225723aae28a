"""Each coaching rule fires when the guide says it should, and stays quiet otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from coachbot.core import engine
from coachbot.core.flow import load_flow
from coachbot.i18n import texts
from coachbot.strategy.feedback import RULES, RuleInput, run_rules

# Not moved by the shifted-clock runs: rules run on a pinned day.
pytestmark = pytest.mark.clock_free

TODAY = date(2026, 11, 23)

# rule, value, other answers, item, should fire
CASES = [
    ("purpose_too_vague", "We sell shoes.", {}, None, True),
    (
        "purpose_too_vague",
        "We are a small shoe shop in Malmö that helps runners find shoes that fit, and we share what we learn.",
        {},
        None,
        False,
    ),
    ("why_is_about_us", "We are the best and our products are great", {}, None, True),
    ("why_is_about_us", "You get honest advice that saves your knees", {}, None, False),
    ("why_is_about_us", "Vi är bäst och våra produkter är fina", {}, None, True),
    ("no_vision_link", "don't know", {}, None, True),
    ("no_vision_link", "Our goal of 20 % more members by 2027", {}, None, False),
    ("not_anchored", "partly", {}, None, True),
    ("not_anchored", "yes", {}, None, False),
    ("too_many_goals", ["a", "b", "c", "d", "e", "f"], {}, None, True),
    ("too_many_goals", ["a", "b", "c"], {}, None, False),
    ("service_goal_positive", "service", {}, "Fewer calls", True),
    ("sales_goal_organic", "sales", {}, "Sell more", True),
    ("sales_goal_organic", "reach", {}, "Be seen", False),
    ("goal_not_measurable", "be more visible", {}, "Visibility", True),
    ("goal_not_measurable", "average reach 15000 per post by June", {}, "Visibility", False),
    ("goal_not_linked", "nothing", {}, "Visibility", True),
    ("kpi_no_target", ["Reach", "Clicks: 300 a month"], {}, None, True),
    ("kpi_no_target", ["Reach: 40000", "Clicks: 300"], {}, None, False),
    ("kpi_vanity_only", ["Followers 5000", "Likes 200"], {}, None, True),
    ("kpi_vanity_only", ["Followers 5000", "Reach 40000"], {}, None, False),
    ("no_campaign_evaluation", "never", {}, None, True),
    ("audience_everyone", "Everyone who likes coffee", {}, None, True),
    ("audience_everyone", "alla som gillar kaffe", {}, None, True),
    ("audience_everyone", "Night-shift nurses who need coffee at 3 am", {}, None, False),
    ("broad_interest", "running", {}, "Tina", True),
    ("broad_interest", "mat", {}, "Tina", True),
    ("broad_interest", "trail running in groups", {}, "Tina", False),
    ("too_few_values", ["Honesty"], {}, None, True),
    ("no_not_ok_rules", [], {}, None, True),
    ("ambassadors_none", [], {}, None, True),
    ("ambassadors_too_many", [f"p{i}" for i in range(20)], {}, None, True),
    ("ambassadors_too_many", [f"p{i}" for i in range(9)], {}, None, False),
    ("too_many_personas", ["a", "b", "c", "d", "e"], {}, None, True),
    ("too_many_personas", ["a", "b", "c", "d"], {}, None, False),
    ("persona_income", "High income, lives in Oslo", {}, "Per", True),
    ("persona_income", "Millennial, small town, nurse", {}, "Per", False),
    ("low_engagement_persona", 1, {}, "Per", True),
    ("low_engagement_persona", 4, {}, "Per", False),
    ("no_dislikes", [], {}, "Per", True),
    ("no_service_work", ["brand", "campaigns"], {}, None, True),
    ("no_service_work", ["brand", "service"], {}, None, False),
    ("awareness_only", ["awareness"], {}, None, True),
    ("awareness_only", ["awareness", "intention"], {}, None, False),
    ("content_types_miss_goals", ["reach"], {"goals.type[0]": "engagement"}, None, True),
    (
        "content_types_miss_goals",
        ["reach", "engagement"],
        {"goals.type[0]": "engagement"},
        None,
        False,
    ),
    ("concept_too_long", " ".join(["word"] * 20), {}, None, True),
    ("concept_too_long", "Every weekend is an expedition", {}, None, False),
    ("tone_too_many", ["a", "b", "c", "d", "e"], {}, None, True),
    ("tone_too_few", ["friendly"], {}, None, True),
    ("no_behind_scenes", "never", {}, None, True),
    ("too_many_channels", ["instagram", "facebook", "linkedin", "tiktok"], {}, None, True),
    ("too_many_channels", ["instagram"], {}, None, False),
    ("frequency_outside_range", 20, {}, "instagram", True),
    ("frequency_outside_range", 1, {}, "instagram", True),
    ("frequency_outside_range", 5, {}, "instagram", False),
    ("owner_missing", "nobody", {}, "instagram", True),
    ("owner_missing", "Anna", {}, "instagram", False),
    ("channels_exceed_people", ["Anna"], {"channels.list": ["instagram", "tiktok"]}, None, True),
    ("channels_exceed_people", ["Anna", "Ola"], {"channels.list": ["instagram"]}, None, False),
    ("lead_ambition_thin_team", ["Anna"], {"purpose.ambition": "lead"}, None, True),
    ("lead_ambition_thin_team", ["Anna"], {"purpose.ambition": "support"}, None, False),
    ("sales_goal_no_budget", 0, {"goals.type[1]": "sales"}, None, True),
    ("sales_goal_no_budget", 5000, {"goals.type[1]": "sales"}, None, False),
    ("sales_goal_no_budget", 0, {"goals.type[0]": "reach"}, None, False),
    ("no_service_plan", "none", {}, None, True),
    ("no_escalation", "-", {}, None, True),
    ("no_escalation", "Call Anna, then the CEO; pause scheduled posts", {}, None, False),
    ("revisit_too_far", "2028-06-01", {}, None, True),
    ("revisit_too_far", "2027-05-01", {}, None, False),
    # Quiet cases for the rules declared as data (prompts/feedback_rules.toml), and their
    # "nothing" words in Swedish and Norwegian.
    ("ambassadors_none", ["Anna at the running club"], {}, None, False),
    ("goal_not_linked", "More members means more people on our trail runs", {}, "X", False),
    ("goal_not_linked", "vet inte", {}, "Synlighet", True),
    ("goal_not_linked", "vet ikke", {}, "Synlighet", True),
    ("no_behind_scenes", "monthly", {}, None, False),
    ("no_campaign_evaluation", "always", {}, None, False),
    ("no_dislikes", ["ads that shout"], {}, "Per", False),
    ("no_not_ok_rules", ["No hate speech"], {}, None, False),
    ("no_service_plan", "hours", {}, None, False),
    ("service_goal_positive", "reach", {}, None, False),
    ("tone_too_few", ["warm", "direct"], {}, None, False),
    ("tone_too_many", ["warm", "direct", "playful", "calm"], {}, None, False),
    ("too_few_values", ["openness", "courage"], {}, None, False),
    ("owner_missing", "ingen", {}, "instagram", True),
    ("no_escalation", "ingenting", {}, None, True),
]


@pytest.mark.parametrize("name, value, others, item, fires", CASES)
def test_rule(name, value, others, item, fires):
    rule_input = RuleInput(value, {**others}, "x.y", 0, item, TODAY)
    fired = run_rules([name], rule_input)
    assert bool(fired) is fires
    if fires:
        # The message renders in every language with the rule's parameters.
        for lang in ("en", "sv", "nb"):
            assert texts(lang)(f"feedback.{name}", **fired[0][1])


def test_every_rule_has_a_firing_case():
    assert {c[0] for c in CASES if c[4]} == set(RULES)


def test_every_rule_has_a_quiet_case():
    assert {c[0] for c in CASES if not c[4]} == set(RULES)


def test_feedback_is_shown_but_the_answer_is_kept(shell):
    shell.say("/coach edit audience")
    first = shell.say("Everyone who likes winter camping")
    assert "Everything for everyone is nothing for anyone" in first  # followed up once
    again = shell.say("Everyone who likes winter camping")
    assert "💡" in again and "“everyone” is nobody in particular" in again
    assert "kept as an open point" in again
    assert shell.strategy().value("audience.community_interest").startswith("Everyone")


def test_feedback_from_earlier_sections_informs_later_ones(shell):
    """A sales goal without ad budget is caught in roles, sections later."""
    shell.say("/coach edit goals")
    shell.say("Sell 200 rentals online")
    shell.say("sales")
    shell.say("/coach edit roles")
    shell.say("Anna — editor")
    assert "You have a sales goal but no ad budget." in shell.say("0")


def test_engine_runs_the_rules_named_in_the_flow():
    flow = load_flow("interview")
    state = engine.new_state(flow, {}, scope="audience")
    ctx = engine.Context(lang="nb", today=TODAY, user_id="U1")
    first = engine.advance(flow, state, {}, "alle som liker kaffe", ctx)
    assert "Alt for alle blir ingenting for noen" in first.messages[0].text
    out = engine.advance(flow, first.state, first.updates, "alle som liker kaffe", ctx)
    assert "«alle» er ingen spesielle" in out.messages[0].text
