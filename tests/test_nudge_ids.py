"""Nudge ids as people (or their keyboards) type them: no crash, a clear answer."""

from __future__ import annotations


def test_odd_nudge_ids_get_a_clear_answer(shell):
    for line in ("/coach nudge dismiss ²", "/coach nudge snooze ٣ 1d", "/coach nudge dismiss"):
        assert "Use the buttons on a nudge" in shell.say(line), line  # the usage line
    for line in (f"/coach nudge dismiss {10**22}", f"/coach nudge snooze {10**22} 1d"):
        assert "no longer open" in shell.say(line), line
