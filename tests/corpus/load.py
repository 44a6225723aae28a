"""The labelled review corpus: posts written for it, with the statuses a coach would give."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


@dataclass(frozen=True)
class LabelledPost:
    id: str
    lang: str
    channel: str | None
    text: str
    expect: dict[str, str]
    strategy: dict[str, Any]
    exemplary: bool


def load_corpus() -> list[LabelledPost]:
    with (HERE / "strategies.toml").open("rb") as fh:
        strategies = tomllib.load(fh)
    posts = []
    for path in sorted(HERE.glob("posts_*.toml")):
        lang = path.stem.split("_")[1]
        with path.open("rb") as fh:
            for raw in tomllib.load(fh)["post"]:
                posts.append(
                    LabelledPost(
                        id=raw["id"],
                        lang=lang,
                        channel=raw.get("channel"),
                        text=raw["text"],
                        expect=raw["expect"],
                        strategy=strategies.get(raw.get("strategy", ""), {}),
                        exemplary=raw.get("exemplary", False),
                    )
                )
    return posts


def load_holdout() -> list[LabelledPost]:
    """Posts written after the rules were frozen: reported apart, never tuned against."""
    with (HERE / "holdout.toml").open("rb") as fh:
        raw_posts = tomllib.load(fh)["post"]
    return [
        LabelledPost(
            id=raw["id"],
            lang=raw["lang"],
            channel=raw.get("channel"),
            text=raw["text"],
            expect=raw["expect"],
            strategy={},
            exemplary=False,
        )
        for raw in raw_posts
    ]


def agreement(posts: list[LabelledPost], review) -> dict[str, tuple[int, int, list[str]]]:
    """Per check: (agreeing, labelled, ids that disagree) when `review(post)` runs on each."""
    table: dict[str, tuple[int, int, list[str]]] = {}
    for post in posts:
        result = review(post)
        for check_id, expected in post.expect.items():
            ok, total, wrong = table.get(check_id, (0, 0, []))
            got = result.status(check_id)
            if got == expected:
                table[check_id] = (ok + 1, total + 1, wrong)
            else:
                table[check_id] = (
                    ok,
                    total + 1,
                    [*wrong, f"{post.id}:{check_id}:{got}≠{expected}"],
                )
    return table
