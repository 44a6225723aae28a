"""Two ways through the interview: the quick path first, then the guide's full depth.

The quick path asks only the steps marked `quick = true` in prompts/flows/interview.toml:
about twenty questions that make a usable one-page strategy. Afterwards `/coach start`
deepens it section by section, in the guide's order; `/coach start full` walks it all.
"""

from __future__ import annotations

from coachbot.core import messages as ui
from coachbot.core.flow import expand, load_flow
from coachbot.i18n import LANGUAGES, Texts, texts
from coachbot.strategy.models import Strategy

# A typical team: two goals, two personas, two channels, two hourglass phases.
TYPICAL = {
    "goals.list": ["a", "b"],
    "audience.personas": ["a", "b"],
    "channels.list": ["instagram", "facebook"],
    "activation.phases": ["awareness", "intention"],
}
# Minutes a person spends per question, reading, thinking and typing: measured by walking
# both paths with realistic answers (bench/interview_paths.py prints the figures).
MINUTES_PER_QUESTION = 0.75


def path_named(text: str) -> str | None:
    """'quick' or 'full' when text names a path in any language."""
    word = " ".join(text.lower().split())
    if not word:
        return None
    for path in ("quick", "full"):
        if any(word in texts(lang).words(f"interview_path.{path}_words") for lang in LANGUAGES):
            return path
    return None


def question_count(quick: bool, values: dict | None = None) -> int:
    steps = expand(load_flow("interview"), values or TYPICAL)
    return sum(1 for s in steps if s.step.quick or not quick)


def minutes(questions: int) -> int:
    return max(5, round(questions * MINUTES_PER_QUESTION / 5) * 5)


def quick_done(strategy: Strategy) -> bool:
    values = strategy.values()
    return all(s.slot in values for s in expand(load_flow("interview"), values) if s.step.quick)


def _command(t: Texts, path: str) -> str:
    start = t.words("commands.aliases.start")[0]
    return f"/coach {start} {t.words(f'interview_path.{path}_words')[0]}"


def opening(t: Texts) -> str:
    """The first `/coach start`: the quick path begins, and the whole guide is offered."""
    quick, full = question_count(True), question_count(False)
    return t(
        "interview_path.offer",
        quick=quick,
        quick_minutes=minutes(quick),
        full=full,
        full_minutes=minutes(full),
        full_command=f"`{_command(t, 'full')}`",
    )


def quick_finished(t: Texts, left: int, points: int) -> ui.Message:
    """The quick path's end: the one-page strategy is there; what deepening means."""
    text = t("interview_path.quick_done", count=left, minutes=minutes(left))
    if points:
        text += "\n" + t("interview_path.quick_done_points", count=points)
    buttons = [
        ui.Button(t("status.button_export"), "/coach export", "primary"),
        ui.Button(t("interview_path.button_deepen"), "/coach start"),
        ui.Button(t("interview_done.button_status"), "/coach status"),
    ]
    return ui.Message(text=text, blocks=[*ui.section(text), ui.buttons(buttons)])
