"""The strategy as a Markdown document: guide order, answers, and what is still open."""

from __future__ import annotations

import os
import subprocess
import sys

from coachbot.core.flow import load_flow
from coachbot.i18n import texts
from tests.walkthrough import walk


def test_export_in_the_shell_writes_a_document_with_open_parts(shell, tmp_path):
    shell.say("/coach start")
    shell.say(
        "We are a small climbing gym in Trondheim and we want beginners to feel welcome on day one."
    )
    reply = shell.say("/coach export")
    assert "social-media-strategy-" in reply  # no organisation name given yet
    [document] = tmp_path.glob("social-media-strategy-*.md")
    text = document.read_text()
    assert text.startswith("# Social media strategy")
    assert "**Purpose statement:** We are a small climbing gym in Trondheim" in text
    titles = [
        f"## {n}. {texts('en')(f'interview.{s}.title')}"
        for n, s in enumerate(load_flow("interview").section_ids(), 1)
    ]
    positions = [text.index(t) for t in titles]
    assert positions == sorted(positions)
    open_part = text[text.index("## Still open") :]
    assert "Purpose — 5 questions: Why people interact with us, Ambition level" in open_part
    assert "Purpose: Purpose statement" not in open_part


def test_full_export_groups_repeated_answers_under_their_item(shell, tmp_path):
    shell.say("/coach start full")
    walk(shell, "en")
    shell.say("/coach export")
    text = next(tmp_path.glob("social-media-strategy-*.md")).read_text()
    assert "### Weekend Wilma" in text and "### Instagram" in text
    assert "Nothing — every question is answered." in text


def test_export_command_line_in_swedish(tmp_path):
    env = {**os.environ, "COACHBOT_DB": str(tmp_path / "cli.db")}
    result = subprocess.run(
        [sys.executable, "-m", "coachbot", "export", "--format", "md", "--lang", "sv"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Strategi för sociala medier")
    assert "## 1. Syfte" in result.stdout
    assert "## Fortfarande öppet" in result.stdout


def test_user_text_cannot_inject_markdown_headings(shell, tmp_path):
    shell.say("/coach start")
    shell.say("# Hacked heading\nWe are a bakery and we want our neighbours to feel at home.")
    shell.say("/coach export")
    text = next(tmp_path.glob("social-media-strategy-*.md")).read_text()
    assert "\n# Hacked" not in text
