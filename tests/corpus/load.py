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


@dataclass(frozen=True)
class RealPost:
    """A post of the extended corpus: good as it is, or with one labelled main fault."""

    id: str
    lang: str
    channel: str | None
    text: str
    strategy: dict[str, Any]
    fault: str | None  # the check a coach would put first on "fix first"; None: a good post


def load_extended(part: str = "extended") -> list[RealPost]:
    """`part` is "extended" (the posts the rules may be tuned on), "extended_holdout" or
    "extended_holdout2" (the held-out parts, never tuned on)."""
    with (HERE / "extended_strategies.toml").open("rb") as fh:
        strategies = tomllib.load(fh)
    with (HERE / f"{part}.toml").open("rb") as fh:
        raw_posts = tomllib.load(fh)["post"]
    return [
        RealPost(
            id=raw["id"],
            lang=raw["lang"],
            channel=raw.get("channel"),
            text=raw["text"],
            strategy=strategies[raw["strategy"]],
            fault=raw.get("fault"),
        )
        for raw in raw_posts
    ]


@dataclass
class Precision:
    """How the review did on the extended corpus: per check and over the whole."""

    flagged: dict[str, list[str]]  # check id -> posts it warned or failed (true or not)
    true: dict[str, list[str]]  # check id -> faulty posts whose main fault it flagged
    missed: dict[str, list[str]]  # check id -> faulty posts of that fault it passed
    good_fail: list[str]  # "post:check" for every fail on a good post
    good_warn: list[str]  # "post:check" for every warn on a good post
    good_posts: int
    good_with_warn: int
    faulty_posts: int
    fix_first_right: int
    fix_first_wrong: list[str]  # "post: first=<check>, labelled <check>"

    def precision(self, check_id: str) -> float | None:
        flagged = self.flagged.get(check_id, [])
        return len(self.true.get(check_id, [])) / len(flagged) if flagged else None

    def recall(self, check_id: str) -> float | None:
        hit = len(self.true.get(check_id, []))
        total = hit + len(self.missed.get(check_id, []))
        return hit / total if total else None


def precision(posts: list[RealPost], review) -> Precision:
    """Good posts count every warn or fail as a false alarm; a faulty post counts only its
    labelled check (its other checks are not labelled)."""
    out = Precision({}, {}, {}, [], [], 0, 0, 0, 0, [])
    for post in posts:
        result = review(post)
        statuses = {c.id: c.status for c in result.checks}
        if post.fault is None:
            out.good_posts += 1
            warned = False
            for check_id, status in statuses.items():
                if status in ("warn", "fail"):
                    out.flagged.setdefault(check_id, []).append(post.id)
                    bucket = out.good_fail if status == "fail" else out.good_warn
                    bucket.append(f"{post.id}:{check_id}")
                    warned = warned or status == "warn"
            out.good_with_warn += warned
            continue
        out.faulty_posts += 1
        status = statuses[post.fault]
        if status in ("warn", "fail"):
            out.flagged.setdefault(post.fault, []).append(post.id)
            out.true.setdefault(post.fault, []).append(post.id)
        else:
            out.missed.setdefault(post.fault, []).append(f"{post.id}({status})")
        first = result.top_fixes[0] if result.top_fixes else None
        if first == post.fault:
            out.fix_first_right += 1
        else:
            out.fix_first_wrong.append(f"{post.id}: first={first}, labelled {post.fault}")
    return out
