"""Which language a post is in: one of the coach's three (en, sv, nb), or "other".

lingua in low-accuracy mode (n-gram models of up to trigrams: well under a millisecond
per post), asked about the coach's three languages and their neighbours, so that a
German or Finnish post is recognised as such instead of being forced into the nearest of
the three. The coach never answers with a language it does not speak: Nynorsk is read as
Norwegian, and so is a Danish-looking text when Norwegian comes a close second (a few
words such as "nu" or "efter" do not make a Norwegian post Danish). Anything else is
"other", reviewed with the English word lists and a note saying so.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

SPOKEN = {Language.SWEDISH: "sv", Language.BOKMAL: "nb", Language.ENGLISH: "en"}
# Read as Norwegian: the written standard the coach does not have, and its near neighbour.
NORWEGIAN_LIKE = (Language.NYNORSK, Language.DANISH)
NEIGHBOURS = (
    Language.DANISH,
    Language.NYNORSK,
    Language.GERMAN,
    Language.FINNISH,
    Language.FRENCH,
    Language.SPANISH,
    Language.DUTCH,
)
OTHER = "other"
MIN_CONFIDENCE = 0.5
SAMPLE = 160  # characters the detector reads
MIN_MARGIN = 0.15
# Danish first, Norwegian at least this sure: a Norwegian post with Danish-looking words.
DANISH_LOOKING_NORWEGIAN = 0.2


@dataclass(frozen=True)
class Detected:
    lang: str  # "en", "sv", "nb" or "other"
    confident: bool
    scores: tuple[tuple[str, float], ...]

    @property
    def other(self) -> bool:
        return self.lang == OTHER


@cache
def _detector() -> LanguageDetector:
    languages = (*SPOKEN, *NEIGHBOURS)
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _code(language: Language, scores: dict[Language, float]) -> str:
    if language in SPOKEN:
        return SPOKEN[language]
    if language == Language.NYNORSK:
        return "nb"
    if language == Language.DANISH and scores.get(Language.BOKMAL, 0.0) >= (
        DANISH_LOOKING_NORWEGIAN
    ):
        return "nb"
    return OTHER


def detect_language(text: str, fallback: str) -> Detected:
    """The post's language, or `fallback` (one of en, sv, nb) when the evidence is thin."""
    if len(text) > SAMPLE:
        # A few sentences tell the language as well as the whole post, at a fraction of
        # the time; cut at a space so no word is broken.
        text = text[: text.rfind(" ", 0, SAMPLE) if " " in text[:SAMPLE] else SAMPLE]
    values = _detector().compute_language_confidence_values(text)
    raw = {v.language: float(v.value) for v in values}
    merged: dict[str, float] = {}
    for language, value in raw.items():
        code = _code(language, raw)
        merged[code] = merged.get(code, 0.0) + value
    scores = tuple(sorted(merged.items(), key=lambda kv: -kv[1]))
    if not scores:
        return Detected(fallback, False, scores)
    best = scores[0]
    second = scores[1][1] if len(scores) > 1 else 0.0
    if best[1] < MIN_CONFIDENCE or best[1] - second < MIN_MARGIN:
        return Detected(fallback, False, scores)
    return Detected(best[0], True, scores)
