"""Post review: a draft checked against the guide's checklist and the team's strategy."""

from coachbot.review.model import CheckResult, ReviewResult
from coachbot.review.reviewer import review_post

__all__ = ["CheckResult", "ReviewResult", "review_post"]
