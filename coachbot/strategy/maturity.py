"""Placing a team in one of the four maturity phases (GUIDE.md §B, seed 001)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coachbot.core import messages as ui
from coachbot.core.conditions import condition
from coachbot.core.flow import load_flow
from coachbot.core.request import Request
from coachbot.core.session import FlowHooks, Sessions
from coachbot.i18n import Texts

FLOW = "maturity"

# A phase counts as reached when this share of its characteristics is ticked,
# and every phase before it is reached too.
REACHED_SHARE = 0.6
PHASES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Placement:
    phase: int
    ticked: dict[int, list[str]]
    missing: dict[int, list[str]]

    def share(self, phase: int) -> float:
        total = len(self.ticked[phase]) + len(self.missing[phase])
        return len(self.ticked[phase]) / total if total else 0.0


def _checklist(phase: int) -> list[str]:
    return load_flow(FLOW).find("checklist", f"phase{phase}").choices


def checklist_complete(values: dict[str, Any]) -> bool:
    return all(f"checklist.phase{p}" in values for p in PHASES)


def place(values: dict[str, Any]) -> Placement:
    """The phase a team is in, from its ticked characteristics; phase 1 at the least."""
    ticked: dict[int, list[str]] = {}
    missing: dict[int, list[str]] = {}
    for p in PHASES:
        chosen = set(values.get(f"checklist.phase{p}") or [])
        ticked[p] = [c for c in _checklist(p) if c in chosen]
        missing[p] = [c for c in _checklist(p) if c not in chosen]
    phase = 1
    for p in PHASES:
        total = len(ticked[p]) + len(missing[p])
        if total and len(ticked[p]) / total >= REACHED_SHARE:
            phase = p
        else:
            break
    return Placement(phase=phase, ticked=ticked, missing=missing)


def _placed(values: dict[str, Any]) -> int | None:
    return place(values).phase if checklist_complete(values) else None


@condition
def maturity_in_phase_1(values: dict[str, Any]) -> bool:
    return _placed(values) == 1


@condition
def maturity_in_phase_2(values: dict[str, Any]) -> bool:
    return _placed(values) == 2


@condition
def maturity_in_phase_3(values: dict[str, Any]) -> bool:
    return _placed(values) == 3


class MaturityCheck:
    """`/coach maturity`: the checklist places the team, then questions for the next phase."""

    def __init__(self, sessions: Sessions):
        self.sessions = sessions
        sessions.declare(FLOW, FlowHooks(finished=self.finished, section_done=self.placed))

    def start(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        return self.sessions.open(req, FLOW, t)

    def placed(self, section: str, values: dict[str, Any], t: Texts) -> list[ui.Message]:
        return [result_message(values, t)] if section == "checklist" else []

    def finished(self, req: Request, state, values: dict[str, Any], t: Texts) -> list[ui.Message]:
        placement = place(values)
        self.sessions.store.maturity.save(
            req.team_id,
            placement.phase,
            {"answers": values, "ticked": placement.ticked},
            req.user_id,
        )
        return [ui.Message.plain(t("maturity_done.saved", phase=placement.phase))]


def result_message(values: dict[str, Any], t: Texts) -> ui.Message:
    """Where the checklist places the team, why, and what the next phase asks for."""
    placement = place(values)
    phase = placement.phase
    lines = [
        t("maturity_result.placed", phase=phase, name=t(f"maturity_result.phase{phase}.name")),
        t(f"maturity_result.phase{phase}.about"),
        "",
    ]
    for p in PHASES:
        total = len(placement.ticked[p]) + len(placement.missing[p])
        lines.append(
            t("maturity_result.score", phase=p, ticked=len(placement.ticked[p]), total=total)
        )
    if phase < 4:
        nxt = phase + 1
        shown = len(_checklist(nxt))
        missing = [t(f"maturity.checklist.phase{nxt}.choice.{c}") for c in placement.missing[nxt]]
        lines += ["", t("maturity_result.to_next", phase=nxt)]
        lines += [f"• {m}" for m in missing[:shown]]
        lines += ["", t("maturity_result.prepare")]
    else:
        lines += ["", t("maturity_result.top")]
    text = "\n".join(lines)
    return ui.Message(text=text, blocks=[ui.header(t("maturity_result.title")), *ui.section(text)])
