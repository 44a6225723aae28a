"""The maturity check places a team in a phase, explains why, and prepares the next step."""

from __future__ import annotations

import pytest

from coachbot.shell import LOCAL_TEAM
from coachbot.strategy.maturity import place


def _values(p1: int, p2: int, p3: int, p4: int) -> dict:
    from coachbot.core.flow import load_flow

    flow = load_flow("maturity")
    counts = {1: p1, 2: p2, 3: p3, 4: p4}
    return {
        f"checklist.phase{p}": flow.find("checklist", f"phase{p}").choices[:n]
        for p, n in counts.items()
    }


@pytest.mark.parametrize(
    "ticks, phase",
    [
        ((0, 0, 0, 0), 1),
        ((6, 0, 0, 0), 1),
        ((6, 3, 0, 0), 2),
        ((6, 5, 2, 0), 3),
        ((6, 5, 3, 5), 4),
        ((2, 5, 3, 5), 1),  # later phases do not count without the ground under them
        ((4, 3, 1, 5), 2),
    ],
)
def test_placement(ticks, phase):
    assert place(_values(*ticks)).phase == phase


def test_maturity_flow_through_the_shell(shell):
    opening = shell.say("/coach maturity")
    assert "Phase 1 — storytelling and relationships" in opening
    assert "1. We define our audience by interests" in opening
    shell.say("1, 2, 3, 4, 5")
    shell.say("1, 2, 3")
    shell.say("none")
    result = shell.say("none")
    assert "You are in *phase 2: One message per post*" in result
    assert "Phase 2: 3 of 5 ticked" in result
    assert "To reach phase 3, work on:" in result
    assert "We work with sub-audiences by behaviour type" in result
    # The phase-2 preparation questions follow, then the self-check.
    assert "List the interactions you can track" in result
    shell.say("Link clicks per post\nVideo views")
    shell.say("Retarget people who watched 25 % of the video")
    done = shell.say("1, 3")
    assert "Saved: phase 2" in done
    stored = shell.coach.store.maturity.get(LOCAL_TEAM)
    assert stored["phase"] == 2
    assert stored["answers"]["prepare.self_check"] == ["expression", "attention_span"]
    assert "Maturity: phase 2" in shell.say("/coach status")


def test_maturity_in_norwegian_asks_phase_one_review_questions(shell):
    shell.say("/coach språk nb")
    shell.say("/coach modenhet")
    for _ in range(3):
        shell.say("ingen")
    result = shell.say("ingen")
    assert "Dere er i *fase 1: Historiefortelling og relasjoner*" in result
    assert "Velg en aktivitet fra det siste året" in result
