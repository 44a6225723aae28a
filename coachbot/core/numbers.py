"""Numbers as people type them: '40 000', '1,5' (a decimal comma), '2.5'."""

from __future__ import annotations

import re


def normalise_number(text: str) -> str:
    """Spaces (thin, non-breaking) dropped, a lone decimal comma made a point."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text)
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    return cleaned
