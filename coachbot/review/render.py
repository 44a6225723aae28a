"""A review as a message: the verdict at a glance, then every check."""

from __future__ import annotations

from coachbot.core import messages as ui
from coachbot.i18n import Texts
from coachbot.review.checks.base import platforms
from coachbot.review.model import ReviewResult

_LANGUAGE_LINE = {
    "uncertain": "review.ui.language_uncertain",
    "other": "review.ui.language_other",
}


def review_message(result: ReviewResult, t: Texts) -> ui.Message:
    """Score and the two or three things to fix first; a split if needed; all checks."""
    language = t(f"review.ui.languages.{result.language}")
    context = [
        t(_LANGUAGE_LINE.get(result.language_note or "", "review.ui.language"), language=language),
        t("review.ui.channel", channel=platforms()[result.channel]["name"])
        if result.channel
        else t("review.ui.no_channel"),
    ]
    by_id = {c.id: c for c in result.checks}
    if result.top_fixes:
        fixes = [t("review.ui.fix_first")]
        fixes += [
            f"{n}. *{by_id[i].title}* — {ui.escape(by_id[i].advice)}"
            for n, i in enumerate(result.top_fixes, start=1)
        ]
        verdict = "\n".join(fixes)
    else:
        verdict = t("review.ui.all_good")
    blocks = [
        ui.header(t("review.ui.title")),
        *ui.section(
            f"{t('review.ui.score', score=result.score)}  {score_bar(result.score)}\n{verdict}"
        ),
    ]
    if result.split:
        lines = [t("review.ui.split_title")] + [f"• {ui.escape(p)}" for p in result.split]
        blocks += ui.section("\n".join(lines))
    blocks.append(ui.divider())
    rows = [t("review.ui.all_checks")]
    for check in result.checks:
        mark = t(f"review.ui.status.{check.status}")
        rows.append(f"{mark} *{check.title}* — {ui.escape(check.advice)}")
    blocks += ui.section("\n".join(rows))
    blocks.append(ui.context(" · ".join(context)))
    fallback = f"{t('review.ui.title')}: {result.score}/100"
    return ui.Message(text=fallback, blocks=blocks)


def score_bar(score: int, width: int = 10) -> str:
    filled = round(width * score / 100)
    return "🟩" * filled + "⬜" * (width - filled)
