"""The `coachbot` command: run, serve, shell, review, export, manifest."""

from __future__ import annotations

import argparse
import sys

from coachbot.settings import Settings


def _coach(settings: Settings):
    from coachbot.core.coach import Coach
    from coachbot.store import Store

    return Coach(Store(settings.db_path))


def read_text(file: str | None) -> str:
    """A file's text (standard input for None or "-"), as UTF-8 whatever its bytes: a byte
    that is not UTF-8 becomes a replacement character instead of a crash."""
    from pathlib import Path

    data = sys.stdin.buffer.read() if file in (None, "-") else Path(file).read_bytes()
    return data.decode("utf-8", errors="replace")


def tolerant_output() -> None:
    """A terminal that cannot show a character gets "?" for it rather than a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def cmd_shell(args: argparse.Namespace, settings: Settings) -> int:
    from coachbot.shell import run_shell

    tolerant_output()
    return run_shell(_coach(settings))


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.has_slack:
        print("coachbot: Slack credentials found, starting the Slack app (serve)", flush=True)
        return cmd_serve(args, settings)
    print("coachbot: no Slack credentials, starting the local shell", flush=True)
    return cmd_shell(args, settings)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from coachbot.slack.server import serve

    return serve(settings)


def _local_team(args: argparse.Namespace) -> str:
    """The team `--team` names, or the one the local shell and `coachbot review` use."""
    from coachbot.shell import LOCAL_TEAM

    return args.team or LOCAL_TEAM


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from coachbot.core.request import Request
    from coachbot.shell import LOCAL_TEAM, LOCAL_USER

    if args.format == "json":
        return export_json(args, settings)
    coach = _coach(settings)
    req = Request(team_id=args.team or LOCAL_TEAM, user_id=LOCAL_USER)
    message = coach.export(req, args.lang)
    assert message.file is not None
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(message.file.content)
    else:
        sys.stdout.write(message.file.content)
    return 0


def export_json(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from coachbot.store import Store
    from coachbot.strategy.exchange import to_exchange

    store = Store(settings.db_path)
    team = _local_team(args)
    language = args.lang or store.teams.language(team) or "en"
    document = json.dumps(
        to_exchange(store.strategies.get(team), language), ensure_ascii=False, indent=2
    )
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(document + "\n")
    else:
        print(document)
    return 0


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    """Validate the whole file, then write all of it in one save, or nothing."""
    from datetime import UTC, datetime

    from coachbot.shell import LOCAL_USER
    from coachbot.store import Store
    from coachbot.strategy.exchange import BadExchangeFile, imported, read_exchange

    try:
        text = read_text(args.file)
        file = read_exchange(text)
    except OSError as exc:
        print(f"coachbot import: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    except BadExchangeFile as exc:
        print(f"coachbot import: {args.file}: {exc}", file=sys.stderr)
        return 2
    store = Store(settings.db_path)
    team = _local_team(args)
    current = store.strategies.get(team)
    store.strategies.save(imported(current, file, LOCAL_USER, datetime.now(UTC)), by=LOCAL_USER)
    if not store.teams.language(team):
        store.teams.set_language(team, file.language)
    print(f"coachbot import: {len(file.answers)} answers imported for team {team}")
    return 0


def _stored_strategy(args: argparse.Namespace, settings: Settings) -> tuple[dict, str]:
    """The team's strategy answers and language, if there is a database to read them from
    (a review never creates one)."""
    from pathlib import Path

    from coachbot.store import Store

    if not Path(settings.db_path).exists():
        return {}, "en"
    store = Store(settings.db_path)
    team = _local_team(args)
    return store.strategies.get(team).values(), store.teams.language(team) or "en"


def cmd_review(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from coachbot.i18n import texts
    from coachbot.review.checks.base import channel_names
    from coachbot.review.render import review_message
    from coachbot.review.reviewer import EmptyPost, PostTooLong, resolve_channel, review_post
    from coachbot.terminal import render_lines

    tolerant_output()
    try:
        text = read_text(args.file)
    except OSError as exc:
        print(f"coachbot review: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    channel = resolve_channel(args.channel) if args.channel else None
    if args.channel and channel is None:
        print(
            f"coachbot review: unknown channel {args.channel!r}; one of {', '.join(channel_names())}",
            file=sys.stderr,
        )
        return 2
    post_lang = args.lang or "auto"
    strategy, team_language = _stored_strategy(args, settings)
    try:
        result = review_post(
            text,
            channel=channel,
            language=post_lang,
            reply_language=None if post_lang == "auto" else post_lang,
            team_language=team_language,
            strategy=strategy,
        )
    except EmptyPost:
        print(texts("en")("review.ui.usage"), file=sys.stderr)
        return 2
    except PostTooLong:
        print(texts("en")("review.ui.too_long", length=f"{len(text):,}"), file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.public_json(), ensure_ascii=False, indent=2))
    else:
        reply = result.language if result.language in ("en", "sv", "nb") else team_language
        print("\n".join(render_lines(review_message(result, texts(reply)))))
    return 0


def cmd_manifest(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from coachbot.slack.manifest import manifest

    found = manifest(args.url, socket_mode=args.socket_mode, lang=args.lang)
    print(json.dumps(found, indent=2, ensure_ascii=False))
    return 0


def cmd_forget(args: argparse.Namespace, settings: Settings) -> int:
    from coachbot.store import Store, forget_everything

    # Rows are deleted by team, tokens included: no OAuth variables or key are needed.
    deleted = forget_everything(Store(settings.db_path), None, args.team)
    total = sum(deleted.values())
    detail = ", ".join(f"{table} {n}" for table, n in deleted.items() if n)
    print(f"forgot team {args.team}: {total} rows ({detail or 'none'})")
    return 0


def cmd_newkey(args: argparse.Namespace, settings: Settings) -> int:
    from cryptography.fernet import Fernet

    print(Fernet.generate_key().decode())
    return 0


def cmd_health(args: argparse.Namespace, settings: Settings) -> int:
    """Exit 0 when a running `coachbot serve` answers GET /healthz with 200 (Docker's check)."""
    import urllib.error
    import urllib.request

    if not args.url and (settings.slack_app_token or not settings.slack_signing_secret):
        # Socket Mode and the shell listen on no port: there is nothing to ask.
        print("coachbot health: no HTTP server in this mode, nothing to check")
        return 0
    url = args.url or f"http://127.0.0.1:{settings.port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=args.timeout) as response:
            print(f"coachbot health: {url} answered {response.status}")
            return 0
    except urllib.error.HTTPError as exc:
        print(f"coachbot health: {url} answered {exc.code}", file=sys.stderr)
    except (OSError, ValueError) as exc:
        print(f"coachbot health: {url} unreachable ({exc})", file=sys.stderr)
    return 1


def cmd_evaluate(args: argparse.Namespace, settings: Settings) -> int:
    """The evaluation in this terminal, its numbers from an export when --data names one;
    then the shell goes on (the rest of the evaluation, from standard input)."""
    import os

    from coachbot.core.request import Request
    from coachbot.shell import LOCAL_USER, Shell, read_inputs

    tolerant_output()
    coach = _coach(settings)
    shell = Shell(coach, sys.stdout)
    team = _local_team(args)
    shell.request = Request(team_id=team, user_id=LOCAL_USER, channel_id="D-LOCAL")
    shell.handle(f"/coach evaluate {args.campaign or ''}".strip())
    if args.data:
        shell.handle(f"/coach data {args.data}")
        if coach.analytics.repo.pending(team, LOCAL_USER) is None:
            return 2  # the sentence saying why was printed; nothing was saved
    interactive = sys.stdin.isatty()
    stream = getattr(sys.stdin, "buffer", None) or os.fdopen(
        sys.stdin.fileno(), "rb", closefd=False
    )
    return shell.run(read_inputs(stream, interactive), interactive)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coachbot", description="A social media strategy coach.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="serve when Slack credentials are set, else the shell")
    sub.add_parser("shell", help="the coach in this terminal")
    sub.add_parser("serve", help="the Slack app")
    export = sub.add_parser(
        "export", help="the strategy as a Markdown document, or as an exchange file (json)"
    )
    export.add_argument("--format", choices=["md", "json"], default="md")
    export.add_argument("--lang", choices=["en", "sv", "nb"])
    export.add_argument("--team", help="Slack team id (default: the local shell's team)")
    export.add_argument("--output", "-o", help="write to this file instead of standard output")
    review = sub.add_parser("review", help="review a draft post from a file or standard input")
    review.add_argument(
        "--channel", "-c", help="instagram, facebook, linkedin, x, tiktok or threads"
    )
    review.add_argument(
        "--lang", choices=["auto", "sv", "nb", "en"], help="the post's language (default: detect)"
    )
    review.add_argument("--json", action="store_true", help="print the result as JSON")
    review.add_argument(
        "--team", help="check against this team's strategy (default: the local shell's team)"
    )
    imports = sub.add_parser("import", help="replace a team's strategy with an exchange file")
    imports.add_argument("file", help="a strategy exchange file (coachbot export --format json)")
    imports.add_argument("--team", help="Slack team id (default: the local shell's team)")
    review.add_argument("file", nargs="?", help="a file with the post, or - for standard input")
    forget = sub.add_parser("forget", help="delete every row of one team (and its tokens)")
    forget.add_argument("--team", required=True, help="the Slack team id, e.g. T0123ABCD")
    sub.add_parser("newkey", help="print a new COACHBOT_ENCRYPTION_KEY")
    health = sub.add_parser("health", help="exit 0 when the running server is healthy")
    health.add_argument("--url", help="default: GET /healthz on COACHBOT_PORT of this machine")
    health.add_argument("--timeout", type=float, default=5, help="seconds (default 5)")
    man = sub.add_parser("manifest", help="print the Slack app manifest (JSON)")
    man.add_argument("--url", help="the app's public base URL, e.g. https://coach.example.com")
    man.add_argument("--socket-mode", action="store_true", help="for Socket Mode (no public URL)")
    man.add_argument(
        "--lang", choices=["en", "sv", "nb"], default="en", help="for names shown in Slack"
    )
    evaluate = sub.add_parser(
        "evaluate", help="evaluate a campaign here, its numbers from an analytics export"
    )
    evaluate.add_argument("campaign", nargs="?", help="its name (default: the one that ended)")
    evaluate.add_argument("--data", metavar="FILE", help="an export: CSV or XLSX")
    evaluate.add_argument("--team", help="Slack team id (default: the local shell's team)")
    return parser


COMMANDS = {
    "forget": cmd_forget,
    "newkey": cmd_newkey,
    "manifest": cmd_manifest,
    "run": cmd_run,
    "shell": cmd_shell,
    "serve": cmd_serve,
    "export": cmd_export,
    "review": cmd_review,
    "health": cmd_health,
    "import": cmd_import,
    "evaluate": cmd_evaluate,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings()
    return COMMANDS[args.command](args, settings)
