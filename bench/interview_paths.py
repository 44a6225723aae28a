"""How long the quick path and the full interview take a person, walked in Swedish.

The quick path is walked with a regional bus company's realistic answers
(tests/walkthrough.py QUICK_SESSION, three weak answers followed up among them); the full
path with the walk-through's answers. For each question the script counts what a person
reads (the question, its hints, the coaching before it, the section summaries; not the
button row and progress line every question repeats) and types, and estimates the time
with stated speeds — a model, not a stopwatch on a person:

  reading   200 words a minute (on-screen text in one's own language, unhurried)
  typing    180 characters a minute (about 36 words a minute, composing, not copying)
  thinking  20 s before a free-text answer, 5 s before a choice, number or date

For the full path, typing is taken at the quick session's average per free-text answer,
since the walk-through's own answers are shorter than people's.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coachbot.core.coach import Coach  # noqa: E402
from coachbot.store import Store  # noqa: E402
from tests.conftest import Clock, ShellDriver  # noqa: E402
from tests.walkthrough import QUICK_SESSION, answer_for  # noqa: E402

READ_WPM = 200
TYPE_CPM = 180
THINK_TEXT_S = 20
THINK_CHOICE_S = 5
FREE_TEXT = ("text", "list")


def _words(text: str) -> int:
    """Words a person reads: not the button row nor the progress line repeated each time."""
    lines = [
        line for line in text.split("\n") if not line.strip().startswith("[") and " · " not in line
    ]
    return len(re.findall(r"\w+", "\n".join(lines)))


def walk(path: str) -> dict:
    """Walk one path in the shell; per kind of question: how many, words read, typed."""
    with tempfile.TemporaryDirectory() as tmp:
        shell = ShellDriver(Coach(Store(Path(tmp) / "bench.db"), clock=Clock()), Path(tmp))
        shell.say("/coach language sv")
        shown = shell.say("/coach starta" if path == "quick" else "/coach starta hel")
        answers = iter(QUICK_SESSION["sv"]) if path == "quick" else None
        f = {k: {"asked": 0, "read": 0, "typed": 0} for k in ("text", "choice")}
        slots: dict[str, str] = {}
        while not shell.state()["done"]:
            step = shell.current_step()
            said = next(answers) if answers else answer_for(step, "sv")
            kind = "text" if step.step.type in FREE_TEXT else "choice"
            slots[step.slot] = kind
            f[kind]["asked"] += 1
            f[kind]["read"] += _words(shown)
            f[kind]["typed"] += len(said)
            shown = shell.say(said)
        f["questions"] = {k: sum(1 for v in slots.values() if v == k) for k in ("text", "choice")}
        return f


def seconds(kind: dict, think: float, typed: float) -> float:
    return 60 * (kind["read"] / READ_WPM + typed / TYPE_CPM) + kind["asked"] * think


def main() -> None:
    quick, full = walk("quick"), walk("full")
    per_answer = quick["text"]["typed"] / quick["text"]["asked"]
    for name, f, typed in (
        ("quick path", quick, quick["text"]["typed"]),
        ("full path", full, full["text"]["asked"] * per_answer),
    ):
        text = seconds(f["text"], THINK_TEXT_S, typed)
        choice = seconds(f["choice"], THINK_CHOICE_S, f["choice"]["typed"])
        asked = f["text"]["asked"] + f["choice"]["asked"]
        q = f["questions"]
        print(
            f"{name}: {q['text'] + q['choice']} questions ({q['text']} free text, "
            f"{q['choice']} choices), {asked - q['text'] - q['choice']} follow-ups; "
            f"{f['text']['read'] + f['choice']['read']} words read -> about "
            f"{(text + choice) / 60:.0f} minutes "
            f"({text / f['text']['asked']:.0f} s a free-text question, "
            f"{choice / max(1, f['choice']['asked']):.0f} s a choice)"
        )
    print(f"a free-text answer in the quick session: {per_answer:.0f} characters on average")


if __name__ == "__main__":
    main()
