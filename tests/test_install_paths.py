"""Where coachbot finds its shipped files and keeps its database, in a checkout."""

from __future__ import annotations

import tomllib
from pathlib import Path

from coachbot import DATA_DIR, PROMPTS_DIR
from coachbot.resources import checkout_root, shipped
from coachbot.settings import Settings

CHECKOUT = Path(__file__).resolve().parent.parent


def test_a_checkout_reads_the_repository_folders_and_keeps_its_database_in_data(
    monkeypatch, tmp_path
):
    monkeypatch.delenv("COACHBOT_DB", raising=False)
    monkeypatch.chdir(tmp_path)  # the checkout's database, wherever the command is typed
    assert checkout_root() == CHECKOUT
    assert Settings().db_path == CHECKOUT / "data" / "coachbot.db"
    assert Path(str(PROMPTS_DIR)) == CHECKOUT / "prompts"
    assert Path(str(DATA_DIR)) == CHECKOUT / "data"


def test_coachbot_db_overrides_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv("COACHBOT_DB", str(tmp_path / "team.db"))
    assert Settings().db_path == tmp_path / "team.db"


def test_shipped_folders_read_through_importlib_resources():
    with (shipped("data") / "platforms.toml").open("rb") as fh:
        assert "instagram" in tomllib.load(fh)
    assert {entry.name for entry in shipped("prompts").iterdir()} >= {"en", "sv", "nb", "flows"}
