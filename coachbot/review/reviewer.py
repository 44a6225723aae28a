"""Running a review: read the post, detect its language, run every check, score, advise."""

from __future__ import annotations

import re
from typing import Any

from coachbot.i18n import LANGUAGES, texts
from coachbot.review import lexicon
from coachbot.review.checks import CHECKS, Finding, ReviewContext
from coachbot.review.checks.base import channel_names, platforms
from coachbot.review.checks.calls import distinct_ctas
from coachbot.review.checks.channel import platform_length
from coachbot.review.checks.readability import readability_score, very_hard
from coachbot.review.checks.structure import message_signals
from coachbot.review.language import detect_language
from coachbot.review.model import CHECK_IDS, CheckResult, ReviewResult
from coachbot.review.post import Post

MAX_POST = 100_000
STATUS_VALUE = {"pass": 1.0, "warn": 0.5, "fail": 0.0}
# What to fix first: the guide's order of importance. Purpose and audience come first (a
# post for nobody is not saved by its style), then the message and the reader's value,
# then the form. A warn never outranks a fail; at most MAX_FIXES are shown.
PRIORITY = (
    "purpose_fit",
    "audience_fit",
    "one_message",
    "salesy",
    "user_value",
    "first_line_hook",
    "invites_interaction",
    "one_cta",
    "tone_fit",
    "channel_fit",
    "utm_links",
    "readability",
    "concept_fit",
)
MAX_FIXES = 3
# Checks that read what the post says: without any words there is nothing for them.
NEED_WORDS = frozenset(CHECK_IDS) - {"first_line_hook", "utm_links"}


class EmptyPost(ValueError):
    """There is nothing to review."""


class PostTooLong(ValueError):
    """Longer than any platform allows; refused rather than reviewed."""


def resolve_channel(name: str | None) -> str | None:
    """A platform key from a name or alias ("ig" -> "instagram"); None if unknown."""
    if not name:
        return None
    word = name.strip().lower()
    for key in channel_names():
        facts = platforms()[key]
        if word in (key, facts["name"].lower(), *facts.get("aliases", [])):
            return key
    return None


_CHANNEL_PREFIX = re.compile(r"^\s*([A-Za-z][\w ]{0,14}):\s*", re.UNICODE)


def split_channel_prefix(text: str) -> tuple[str | None, str]:
    """'instagram: text' -> ('instagram', 'text'); otherwise (None, text)."""
    match = _CHANNEL_PREFIX.match(text)
    if match:
        channel = resolve_channel(match[1])
        if channel:
            return channel, text[match.end() :]
    return None, text


def review_post(
    text: str,
    *,
    channel: str | None = None,
    language: str = "auto",
    reply_language: str | None = None,
    team_language: str = "en",  # decides when detection is unsure; None reply: post language
    strategy: dict[str, Any] | None = None,
    strategy_language: str | None = None,  # default: the team's language
    campaigns: list[dict[str, Any]] | None = None,  # running ones, for the utm_links check
) -> ReviewResult:
    """Review one draft; advice in `reply_language` whatever language the post is in."""
    if len(text) > MAX_POST:
        raise PostTooLong(len(text))
    post = Post.read(text, channel)
    if not post.text:
        raise EmptyPost()
    shown_language = language
    if language == "auto":
        detected = detect_language(post.prose, team_language)
        note = None if detected.confident else "uncertain"
        shown_language = detected.lang
        if detected.other:
            # Not a language the coach speaks: reviewed with the English word lists.
            post.lang, note = "en", "other"
        else:
            post.lang = detected.lang
    else:
        post.lang, note = language, None
    facts = platforms()
    ctx = ReviewContext(
        platform=facts.get(channel) if channel else None,
        default_fold=facts["default"]["fold"],
        strategy=strategy or {},
        ad_budget=_number((strategy or {}).get("roles.ad_budget")),
        strategy_lang=_spoken(strategy_language or team_language),
        campaigns=campaigns or [],
    )
    t = texts(reply_language or (shown_language if shown_language in LANGUAGES else team_language))
    results = []
    findings = {}
    for check_id in CHECK_IDS:
        if check_id in NEED_WORDS and not post.has_words:
            finding = Finding("skip", "no_words", {})
            advice = t("review.ui.needs_words")
        else:
            finding = CHECKS[check_id](post, ctx)
            advice = t(f"review.{check_id}.{finding.outcome}", **finding.params)
        findings[check_id] = finding
        results.append(
            CheckResult(
                id=check_id,
                status=finding.status,
                title=t(f"review.{check_id}.title"),
                advice=advice,
            )
        )
    scored = [STATUS_VALUE[r.status] for r in results if r.status != "skip"]
    score = round(100 * sum(scored) / len(scored)) if scored else 0
    by_id = {r.id: r for r in results}
    order = _priority(post, by_id)
    fixes = [by_id[i] for i in order if by_id[i].status == "fail"]
    fixes += [by_id[i] for i in order if by_id[i].status == "warn"]
    return ReviewResult(
        language=shown_language,
        channel=channel,
        score=score,
        checks=results,
        metrics=_metrics(post, ctx),
        top_fixes=[f.id for f in fixes[:MAX_FIXES]],
        split=suggest_split(post) if findings["one_message"].status != "pass" else [],
        language_note=note,
    )


def _priority(post: Post, by_id: dict[str, CheckResult]) -> tuple[str, ...]:
    """PRIORITY, except that very hard language comes before the first line it makes too
    long: shortening that sentence without plainer words fixes nothing."""
    if by_id["readability"].status != "fail" or not very_hard(post):
        return PRIORITY
    rest = [i for i in PRIORITY if i != "readability"]
    at = rest.index("first_line_hook")
    return (*rest[:at], "readability", *rest[at:])


def _spoken(lang: str) -> str | None:
    return lang if lang in LANGUAGES else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _metrics(post: Post, ctx: ReviewContext) -> dict[str, Any]:
    measured = readability_score(post)
    metrics: dict[str, Any] = {
        "characters": len(post.text),
        "words": len(post.words),
        "sentences": len(post.sentences),
        "first_sentence_characters": len(post.first_sentence),
        "links": len(post.urls),
        "hashtags": len(post.hashtags),
        "emoji": post.emoji_count,
        "questions": post.questions,
        "calls_to_action": len(distinct_ctas(post)),
        "message_signals": message_signals(post),
    }
    if measured:
        metrics[measured[0]] = measured[1]
    if ctx.platform:
        metrics["platform_length"] = platform_length(post, ctx.platform)
    return metrics


def suggest_split(post: Post) -> list[str]:
    """Where to cut: one post per paragraph, or per sentence that asks for its own action."""
    if len(post.paragraphs) > 1:
        parts = post.paragraphs
    else:
        sentences = [s for s in _SENTENCE.split(post.text) if lexicon.tokens(s)]
        parts = [s for s in sentences if _asks_for_action(s, post.lang)] or sentences
    pieces = [" ".join(p.split()) for p in parts]
    pieces = [p if len(p) <= 100 else p[:99] + "…" for p in pieces]
    return pieces[:5] if len(pieces) > 1 else []


_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")


def _asks_for_action(sentence: str, lang: str) -> bool:
    return (
        bool(lexicon.find_in_text(sentence, lang, "cta")) or "://" in sentence or "www." in sentence
    )
