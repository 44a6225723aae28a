"""After-ack work: named jobs, run in the listener's thread or in worker processes.

The web process must answer Slack fast. Under load, work done after the ack in the
same process competes with the next acks for the interpreter, so `coachbot serve` hands
it to worker processes through a queue (worker.py); tests and small setups run it in
place. Listeners declare their jobs with `@job`; whoever runs jobs imports the listeners.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

log = logging.getLogger("coachbot.slack")

Handler = Callable[[Any, dict[str, Any], WebClient, Respond | None], None]
HANDLERS: dict[str, Handler] = {}


def job(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[name] = fn
        return fn

    return register


def run_job(
    deps, name: str, body: dict[str, Any], client: WebClient, respond: Respond | None
) -> None:
    try:
        HANDLERS[name](deps, body, client, respond)
    except Exception:
        team = body.get("team_id") or (body.get("team") or {}).get("id")
        log.exception("job %s failed for team %s", name, team)


class Dispatcher:
    """Turns a job into a Bolt lazy function: run here, or queue it for a worker."""

    def __init__(self, deps, queue: Any | None = None):
        self.deps = deps
        self.queue = queue

    def lazy(self, name: str) -> Callable[..., None]:
        def lazy_job(body, client, context, respond=None) -> None:
            if self.queue is None:
                run_job(self.deps, name, body, client, respond)
                return
            url = getattr(respond, "response_url", None) if respond else None
            self.queue.put(
                {
                    "name": name,
                    "body": body,
                    "token": context.bot_token or client.token,
                    "response_url": url,
                }
            )

        lazy_job.__name__ = f"job_{name}"
        return lazy_job
