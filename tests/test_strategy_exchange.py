"""`coachbot export --format json` and `coachbot import FILE`: a strategy moves between
workspaces whole, a bad file is refused with one line naming the field, and
`coachbot review` checks posts against the strategy that was imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Not moved by the shifted-clock runs: the exchange file has no dates.
pytestmark = pytest.mark.clock_free

EXAMPLE = {
    "format": "coachbot-strategy",
    "version": 1,
    "language": "sv",
    "answers": {
        "purpose.statement": "Vi är Länstrafiken Norr och tar människor till skola och jobb.",
        "audience.personas": ["Studenten Sara", "Pendlaren Per"],
        "audience.persona_dislikes[0]": ["att sista bussen går 22.10"],
        "content.tone": ["hjälpsam", "varm"],
        "goals.type[0]": "reach",
        "roles.ad_budget": 0,
    },
}
DISLIKED = "Från 1 mars går sista bussen från universitetet redan 22.10. Vad tycker du?"


def coachbot(db: Path, *args: str, text: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coachbot", *args],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COACHBOT_DB": str(db)},
    )


def write(tmp_path: Path, data: object, name: str = "strategy.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def statuses(result: subprocess.CompletedProcess) -> dict[str, dict]:
    assert result.returncode == 0, result.stderr
    return {c["id"]: c for c in json.loads(result.stdout)["checks"]}


def test_import_then_export_gives_the_same_answers_and_review_uses_them(tmp_path):
    db = tmp_path / "coach.db"
    done = coachbot(db, "import", str(write(tmp_path, EXAMPLE)))
    assert done.returncode == 0, done.stderr
    exported = coachbot(db, "export", "--format", "json")
    assert json.loads(exported.stdout) == EXAMPLE
    checks = statuses(coachbot(db, "review", "--json", text=DISLIKED))
    dislike = checks["audience_fit"]
    assert dislike["status"] == "fail"
    assert (
        "Studenten Sara" in dislike["advice"] and "att sista bussen går 22.10" in dislike["advice"]
    )
    assert checks["purpose_fit"]["status"] != "skip"


def test_review_without_a_stored_strategy_skips_the_strategy_checks(tmp_path):
    checks = statuses(coachbot(tmp_path / "none.db", "review", "--json", text=DISLIKED))
    assert {checks[c]["status"] for c in ("purpose_fit", "audience_fit", "tone_fit")} == {"skip"}
    assert not (tmp_path / "none.db").exists()  # a review creates no database


def test_team_option_picks_the_team_for_import_export_and_review(tmp_path):
    db = tmp_path / "coach.db"
    assert coachbot(db, "import", str(write(tmp_path, EXAMPLE)), "--team", "T42").returncode == 0
    assert json.loads(coachbot(db, "export", "--format", "json").stdout)["answers"] == {}
    team = json.loads(coachbot(db, "export", "--format", "json", "--team", "T42").stdout)
    assert team["answers"] == EXAMPLE["answers"]
    local = statuses(coachbot(db, "review", "--json", text=DISLIKED))
    assert local["audience_fit"]["status"] == "skip"
    assert (
        statuses(coachbot(db, "review", "--json", "--team", "T42", text=DISLIKED))["audience_fit"][
            "status"
        ]
        == "fail"
    )


def _with(**changes) -> dict:
    data = json.loads(json.dumps(EXAMPLE))
    for key, value in changes.items():
        if key == "answers":
            data["answers"].update(value)
        else:
            data[key] = value
    return data


@pytest.mark.parametrize(
    "data, field",
    [
        (_with(format="coachbot-plan"), "format"),
        (_with(version=2), "version"),
        (_with(language="da"), "language"),
        (_with(answers={"audience.favourite_colour": "blue"}), "answers.audience.favourite_colour"),
        (_with(answers={"audience.personas": "Studenten Sara"}), "answers.audience.personas"),
        (_with(answers={"roles.ad_budget": "a lot"}), "answers.roles.ad_budget"),
        (_with(answers={"goals.type[0]": "fame"}), "answers.goals.type[0]"),
        (_with(answers={"audience.persona_dislikes": ["x"]}), "answers.audience.persona_dislikes"),
        ({"format": "coachbot-strategy", "version": 1, "language": "sv"}, "answers"),
    ],
    ids=[
        "format",
        "version",
        "language",
        "unknown-slot",
        "list-as-text",
        "number-as-text",
        "no-such-choice",
        "repeated-slot-without-index",
        "no-answers",
    ],
)
def test_a_bad_file_is_refused_whole_with_one_line_naming_the_field(tmp_path, data, field):
    db = tmp_path / "coach.db"
    assert coachbot(db, "import", str(write(tmp_path, EXAMPLE, "good.json"))).returncode == 0
    refused = coachbot(db, "import", str(write(tmp_path, data)))
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and f": {field}: " in lines[0], refused.stderr
    # Nothing of the bad file was written: the strategy is still the good one.
    assert json.loads(coachbot(db, "export", "--format", "json").stdout) == EXAMPLE


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "strategy.json"
    path.write_text("{not json", "utf-8")
    refused = coachbot(tmp_path / "coach.db", "import", str(path))
    assert refused.returncode == 2 and "file: not JSON" in refused.stderr
