"""How far each section of the strategy has come."""

from __future__ import annotations

from coachbot.core.flow import Flow, expand
from coachbot.strategy.models import SectionProgress, Strategy


def section_progress(flow: Flow, strategy: Strategy) -> list[SectionProgress]:
    """Answered and total questions per section, in the guide's order."""
    values = strategy.values()
    steps = expand(flow, values)
    out = []
    for section in flow.section_ids():
        mine = [s for s in steps if s.section == section]
        answered = sum(1 for s in mine if s.slot in values)
        out.append(SectionProgress(section=section, answered=answered, total=len(mine)))
    return out
