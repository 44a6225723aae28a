"""Which language a post is in: Swedish, Norwegian bokmål or English (Danish recognised too).

lingua, restricted to the four candidates and in low-accuracy mode (n-gram models of
up to trigrams: about 20 MB in memory and well under a millisecond per post). When the
best two are close, the team's language decides: Bokmål and Danish are near neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

CODES = {
    Language.SWEDISH: "sv",
    Language.BOKMAL: "nb",
    Language.DANISH: "da",
    Language.ENGLISH: "en",
}
MIN_CONFIDENCE = 0.5
MIN_MARGIN = 0.15


@dataclass(frozen=True)
class Detected:
    lang: str
    confident: bool
    scores: tuple[tuple[str, float], ...]


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*CODES).with_low_accuracy_mode().build()


def detect_language(text: str, fallback: str) -> Detected:
    """The post's language, or `fallback` when the evidence is thin."""
    values = _detector().compute_language_confidence_values(text)
    scores = tuple((CODES[v.language], float(v.value)) for v in values)
    if not scores:
        return Detected(fallback, False, scores)
    best = scores[0]
    second = scores[1][1] if len(scores) > 1 else 0.0
    if best[1] < MIN_CONFIDENCE or best[1] - second < MIN_MARGIN:
        return Detected(fallback, False, scores)
    return Detected(best[0], True, scores)
