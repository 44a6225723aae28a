"""The wheel as a new user gets it, run by `make test` after the unit tests.

Builds the wheel, installs it (not editable) into a fresh virtualenv, and from an empty
directory outside the checkout reviews a post with `coachbot review --json -` and runs a
piped `coachbot shell`. Both must work from the wheel's own files, and neither may create
anything in the current directory: the database goes to the per-user data directory, or
to COACHBOT_DB when that is set. pip's cache is reused, so only the first run downloads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
CHECK_IDS = {"one_message", "first_line_hook", "one_cta", "invites_interaction", "user_value"}
STATUSES = {"pass", "warn", "fail", "skip"}
POST = (
    "Vi öppnar nya biblioteket i Gränby på lördag! Kom förbi mellan 10 och 14, "
    "ta med barnen och låna årets första sommarbok. Vilken bok läser du just nu?\n"
)
SHELL_INPUT = "/coach help\n/coach review Come to our open day on Saturday! What do you think?\n"


def run(cmd: list[str | Path], **kwargs) -> subprocess.CompletedProcess[str]:
    """Run a command; on failure show what it printed and stop the smoke run."""
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        sys.exit(
            f"wheel smoke: {' '.join(map(str, cmd))} exited {done.returncode}\n"
            f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
        )
    return done


def expect(condition: bool, what: str) -> None:
    if not condition:
        sys.exit(f"wheel smoke: FAILED: {what}")
    print(f"  ok  {what}")


def shipped_text(lang: str, file: str, *keys: str) -> str:
    with (CHECKOUT / "prompts" / lang / f"{file}.toml").open("rb") as fh:
        node = tomllib.load(fh)
    for key in keys:
        node = node[key]
    return node


def build_and_install(tmp: Path) -> Path:
    """The wheel built from this checkout, installed alone into a new virtualenv."""
    dist = tmp / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", dist, CHECKOUT])
    (wheel,) = dist.glob("coachbot-*.whl")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", venv])
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel])
    return venv


def main() -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="coachbot-wheel-") as name:
        tmp = Path(name)
        venv = build_and_install(tmp)
        coachbot = venv / "bin" / "coachbot"
        cwd = tmp / "somewhere"
        cwd.mkdir()
        data_home = tmp / "xdg-data"
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("COACHBOT_DB", "PYTHONPATH", "VIRTUAL_ENV")
            and not key.startswith("SLACK_")
        }
        env |= {"HOME": str(tmp / "home"), "XDG_DATA_HOME": str(data_home)}
        print(f"wheel smoke: installed into {venv}, running from {cwd}")

        where = run(
            [venv / "bin" / "python", "-c", "import coachbot; print(coachbot.__file__)"],
            cwd=cwd,
            env=env,
        ).stdout.strip()
        expect(Path(where).is_relative_to(venv), f"coachbot is imported from the wheel ({where})")

        review = run([coachbot, "review", "--json", "-"], input=POST, cwd=cwd, env=env)
        result = json.loads(review.stdout)
        ids = {check["id"] for check in result["checks"]}
        expect(result["language"] == "sv", "review --json detects the post's language")
        expect(ids >= CHECK_IDS, "review --json runs the general checks")
        expect(
            {check["status"] for check in result["checks"]} <= STATUSES,
            "every check has a pass/warn/fail/skip status",
        )

        shell = run([coachbot, "shell"], input=SHELL_INPUT, cwd=cwd, env=env)
        welcome = shipped_text("en", "coach", "shell", "welcome").strip().splitlines()[0]
        expect(welcome in shell.stdout, "the shell greets with the shipped welcome text")
        expect("/coach review" in shell.stdout, "/coach help lists the commands")
        expect(shell.stderr == "", f"the shell wrote nothing to stderr ({shell.stderr[:200]!r})")

        expect(list(cwd.iterdir()) == [], "nothing was created in the current directory")
        default_db = data_home / "coachbot" / "coachbot.db"
        expect(default_db.is_file(), "the database is in the per-user data directory")

        chosen = tmp / "chosen" / "team.db"
        run([coachbot, "shell"], input="/coach help\n", cwd=cwd, env=env | {"COACHBOT_DB": chosen})
        expect(chosen.is_file(), "COACHBOT_DB puts the database where it says")
        expect(list(cwd.iterdir()) == [], "still nothing in the current directory")
    print(f"wheel smoke: passed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
