"""Per-check agreement of the reviewer with the labelled corpus (target: >= 90 % each).

Run: .venv/bin/python bench/review_quality.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coachbot.review import review_post  # noqa: E402
from coachbot.review.model import CHECK_IDS  # noqa: E402
from tests.corpus.load import agreement, load_corpus, load_holdout  # noqa: E402

TARGET = 0.90


def review(post):
    return review_post(
        post.text, channel=post.channel, team_language=post.lang, strategy=post.strategy
    )


def main() -> int:
    posts = load_corpus()
    table = agreement(posts, review)
    langs = sorted({p.lang for p in posts})
    channels = sorted({p.channel for p in posts if p.channel})
    print(
        f"corpus: {len(posts)} posts, languages {', '.join(langs)}, channels {', '.join(channels)}"
    )
    print(f"{'check':22} {'agree':>7} {'labels':>7} {'rate':>7}")
    worst = 1.0
    for check_id in CHECK_IDS:
        ok, total, wrong = table.get(check_id, (0, 0, []))
        rate = ok / total if total else 1.0
        worst = min(worst, rate)
        print(f"{check_id:22} {ok:7} {total:7} {rate:7.0%}  {' '.join(wrong[:4])}")
    exemplary = [p for p in posts if p.exemplary]
    fails = [f"{p.id}:{c.id}" for p in exemplary for c in review(p).checks if c.status == "fail"]
    print(f"exemplary posts: {len(exemplary)}, with a fail: {len(fails)} {' '.join(fails)}")
    print(f"lowest agreement: {worst:.0%} (target {TARGET:.0%})")
    holdout = load_holdout()
    held = agreement(holdout, review)
    ok = sum(v[0] for v in held.values())
    total = sum(v[1] for v in held.values())
    wrong = [w for v in held.values() for w in v[2]]
    print(f"held-out: {len(holdout)} posts, {ok}/{total} labels agree ({ok / total:.0%})")
    for miss in wrong:
        print(f"  held-out disagreement: {miss}")
    return 0 if worst >= TARGET and not fails else 1


if __name__ == "__main__":
    raise SystemExit(main())
