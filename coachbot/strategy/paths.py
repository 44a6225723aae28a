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
# Seconds a person spends on a question, reading, thinking and typing, as measured by
# walking both paths with realistic answers (bench/interview_paths.py prints the figures).
SECONDS_FREE_TEXT = 60
SECONDS_CHOICE = 30


def path_named(text: str) -> str | None:
    """'quick' or 'full' when text names a path in any language."""
    word = " ".join(text.lower().split())
    if not word:
        return None
    for path in ("quick", "full"):
        if any(word in texts(lang).words(f"interview_path.{path}_words") for lang in LANGUAGES):
            return path
    return None


def _steps(quick: bool, values: dict | None):
    steps = expand(load_flow("interview"), values or TYPICAL)
    return [s for s in steps if s.step.quick or not quick]


def question_count(quick: bool, values: dict | None = None) -> int:
    return len(_steps(quick, values))


def path_minutes(quick: bool, values: dict | None = None) -> int:
    """About how long a path takes a person, to the nearest five minutes."""
    seconds = sum(
        SECONDS_FREE_TEXT if s.step.type in ("text", "list") else SECONDS_CHOICE
        for s in _steps(quick, values)
    )
    return minutes_rounded(seconds / 60)


def minutes_rounded(minutes: float) -> int:
    return max(5, round(minutes / 5) * 5)


def remaining_minutes(strategy: Strategy) -> int:
    values = strategy.values()
    open_steps = [s for s in expand(load_flow("interview"), values) if s.slot not in values]
    seconds = sum(
        SECONDS_FREE_TEXT if s.step.type in ("text", "list") else SECONDS_CHOICE for s in open_steps
    )
    return minutes_rounded(seconds / 60)


def quick_done(strategy: Strategy) -> bool:
    values = strategy.values()
    return all(s.slot in values for s in expand(load_flow("interview"), values) if s.step.quick)


def _command(t: Texts, path: str) -> str:
    start = t.words("commands.aliases.start")[0]
    return f"/coach {start} {t.words(f'interview_path.{path}_words')[0]}"


def opening(t: Texts) -> str:
    """The first `/coach start`: the quick path begins, and the whole guide is offered."""
    return t(
        "interview_path.offer",
        quick=question_count(True),
        quick_minutes=path_minutes(True),
        full=question_count(False),
        full_minutes=path_minutes(False),
        full_command=f"`{_command(t, 'full')}`",
    )


def quick_finished(t: Texts, strategy: Strategy, left: int, points: int) -> ui.Message:
    """The quick path's end: the one-page strategy is there; what deepening means."""
    text = t("interview_path.quick_done", count=left, minutes=remaining_minutes(strategy))
    if points:
        text += "\n" + t("interview_path.quick_done_points", count=points)
    buttons = [
        ui.Button(t("status.button_export"), "/coach export", "primary"),
        ui.Button(t("interview_path.button_deepen"), "/coach start"),
        ui.Button(t("interview_done.button_status"), "/coach status"),
    ]
    return ui.Message(text=text, blocks=[*ui.section(text), ui.buttons(buttons)])
