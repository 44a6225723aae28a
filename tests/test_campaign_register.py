"""Registering a campaign in the shell: read back, plan with KPI targets, nothing half-saved."""

from __future__ import annotations

from datetime import timedelta

from coachbot.i18n import texts
from coachbot.shell import LOCAL_TEAM

PLAN = ["1", "Reach: 40 000\nLink clicks: 300", "1, 2", "3", "me", "dm"]


def _register(shell, line="/coach campaign Julkampanj 1 dec 24 dec"):
    first = shell.say(line)
    replies = [shell.say(answer) for answer in PLAN]
    return first, replies


def test_campaign_is_read_back_planned_and_listed(shell):
    first, replies = _register(shell)
    assert "I read: *Julkampanj*, from Tue 1 Dec to Thu 24 Dec (24 days)." in first
    assert "What is the campaign's goal?" in first
    done = replies[-1]
    assert "*Julkampanj* is registered" in done
    assert "• kick-off: Tue 1 Dec at 09:00" in done
    assert "• evaluation: Fri 25 Dec at 09:00" in done
    listing = shell.say("/coach campaigns")
    assert "*Julkampanj* — planned · Tue 1 Dec → Thu 24 Dec · Reach" in listing
    [campaign] = shell.coach.store.campaigns.all(LOCAL_TEAM)
    assert campaign.kpis() == [("Reach", 40000.0), ("Link clicks", 300.0)]
    kinds = [n["kind"] for n in shell.coach.store.nudges.of(LOCAL_TEAM, campaign.id)]
    assert kinds == ["kickoff", "midway", "evaluation", "reminder1", "reminder2"]


def test_kpi_without_a_number_or_negative_is_refused(shell):
    shell.say("/coach campaign Spring sale 1/3 31/3")
    shell.say("1")
    assert "“Reach: lots” needs a target number" in shell.say("Reach: lots")
    assert "a target cannot be negative" in shell.say("Reach: -5")
    assert "✓ Noted: Reach: 40000" in shell.say("Reach: 40 000")


def test_bad_lines_are_refused_and_nothing_is_saved(shell):
    assert "The end (Tue 1 Dec) comes before the start (Sat 5 Dec)." in shell.say(
        "/coach campaign Test 5/12 1/12"
    )
    assert "not a date in the calendar" in shell.say("/coach campaign Test 31/2 1/3")
    assert "keep it under 120" in shell.say("/coach campaign " + "x" * 5000 + " 1/12 24/12")
    assert "Give a name, a start and an end" in shell.say("/coach campaign")
    assert shell.coach.store.campaigns.all(LOCAL_TEAM, ("draft", "active")) == []


def test_a_campaign_that_is_over_goes_straight_to_evaluation(shell):
    first, replies = _register(shell, "/coach campaign Autumn 2026-10-01 2026-10-31")
    assert "It has already ended" in first
    assert "Let's evaluate *Autumn*" in replies[-1]
    assert "Reach: what was the actual result?" in replies[-1]
    [campaign] = shell.coach.store.campaigns.all(LOCAL_TEAM)
    kinds = [n["kind"] for n in shell.coach.store.nudges.of(LOCAL_TEAM, campaign.id)]
    assert kinds == ["reminder1", "reminder2"]


def test_swedish_command_and_read_back(shell):
    shell.say("/coach språk sv")
    first = shell.say("/coach kampanj Vårrea nästa måndag 1 maj")
    assert "Jag läste: *Vårrea*, från mån 30 nov till lör 1 maj 2027" in first


def test_campaign_texts_use_each_languages_dates_numbers_and_plurals(shell, clock):
    today = clock().date()
    one_day = today + timedelta(days=5)
    assert f"on {texts('en').day(one_day)} only (1 day)." in shell.say(
        f"/coach campaign Flash {one_day.isoformat()} {one_day.isoformat()}"
    )
    shell.say("pause")
    shell.say("/coach språk sv")
    reply = shell.say("/coach kampanj " + "x" * 5000 + " 1/12 24/12")
    assert "Namnet är 5\u00a0000 tecken" in reply
    backwards = shell.say(
        f"/coach kampanj Test {(today + timedelta(days=9)).isoformat()} {today.isoformat()}"
    )
    assert f"Slutet ({texts('sv').day(today)}) kommer före starten" in backwards
    shell.say("/coach språk nb")
    assert "(1 dag)" in shell.say(
        f"/coach kampanje Lyn {one_day.isoformat()} {one_day.isoformat()}"
    )
