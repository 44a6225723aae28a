"""Going back, skipping and returning to skipped questions, pausing, editing a section."""

from __future__ import annotations

from coachbot.i18n import texts
from tests.walkthrough import walk

PURPOSE = "We are a small cooperative bakery and we want neighbours to feel at home with us."
WHY = "Because you learn to bake bread yourself with our weekly tips"


def test_back_returns_to_the_previous_question_with_its_answer(shell):
    shell.say("/coach start")
    shell.say(PURPOSE)
    shown = shell.say("back")
    assert "Who are you, what do you stand for" in shown
    assert "Current answer: We are a small cooperative bakery" in shown
    shell.say("keep")
    assert shell.current_step().slot == "purpose.why_interact"


def test_back_on_the_first_question_says_so(shell):
    shell.say("/coach start")
    assert texts("en")("engine.no_back") in shell.say("back")


def test_skipped_questions_come_back_at_the_end(shell):
    shell.say("/coach start")
    shell.say("skip")
    assert shell.current_step().slot == "purpose.why_interact"
    printed = walk(shell, "en")
    returned = [p for p in printed if "Now the question you skipped" in p]
    assert returned and "Who are you, what do you stand for" in returned[0]
    assert shell.strategy().value("purpose.statement")


def test_skipping_twice_leaves_the_question_open_and_says_how_many(shell):
    shell.say("/coach start full")
    shell.say("skip")
    for _ in range(300):
        state = shell.state()
        if state["done"]:
            break
        step = shell.current_step()
        if step.slot == "purpose.statement":
            last = shell.say("skip")
        else:
            from tests.walkthrough import answer_for

            last = shell.say(answer_for(step, "en"))
    assert "1 question is still open" in last
    status = shell.say("/coach status")
    assert "Purpose: Purpose statement" in status
    # Starting again goes straight to the open question.
    assert "Who are you, what do you stand for" in shell.say("/coach start")


def test_pause_keeps_everything_and_start_resumes(shell):
    shell.say("/coach start")
    shell.say(PURPOSE)
    assert "Paused" in shell.say("pause")
    resumed = shell.say("/coach start")
    assert "Welcome back" in resumed
    assert "Why would anyone want to follow" in resumed
    assert shell.strategy().value("purpose.statement") == PURPOSE


def test_edit_walks_one_section_and_stops_at_its_end(shell):
    shell.say("/coach start full")
    walk(shell, "en")
    first = shell.say("/coach edit roles")
    assert "Who works with social media" in first
    assert "Current answer:" in first
    asked = shell.say("Anna — editor\nOla — Instagram owner\nKim — service")
    assert "Replace it?" in asked
    shell.say("yes")
    while shell.current_step().slot != "roles.revisit":
        shell.say("keep")
    shell.say("+1y")
    done = shell.say("yes")  # the new date replaces the old one once confirmed
    assert "✓ Noted:" in done
    assert shell.state()["done"]
    assert shell.strategy().items("roles.people")[1] == "Ola — Instagram owner"


def test_edit_accepts_section_names_in_any_language(shell):
    assert "Which channels will you use?" in shell.say("/coach edit kanaler")


def test_edit_without_a_known_section_lists_them(shell):
    reply = shell.say("/coach edit nonsense")
    assert "`purpose`" in reply and "`channels`" in reply


def test_a_plain_line_with_nothing_open_points_to_help(shell):
    assert "/coach start" in shell.say("hello?")
