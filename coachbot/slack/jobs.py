"""After-ack work: named jobs, run in the listener's thread or in worker processes.

The web process must answer Slack fast. Under load, work done after the ack in the
same process competes with the next acks for the interpreter, so `coachbot serve` hands
it to worker processes through a queue; tests and small setups run it in place.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
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


def worker_main(queue: Any) -> None:
    """A worker process: its own store connection and Slack clients, jobs until told to stop."""
    from coachbot.core.coach import Coach
    from coachbot.settings import Settings
    from coachbot.slack.app import web_client
    from coachbot.slack.deps import Deps
    from coachbot.store import Store

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    settings = Settings()
    store = Store(settings.db_path)
    deps = Deps(
        coach=Coach(store), store=store, installation_store=installation_store_for(settings)
    )
    clients: dict[str, WebClient] = {}
    while True:
        try:
            item = queue.get()
        except (EOFError, OSError):  # the web process is gone
            return
        if item is None:
            return
        token = item.get("token") or ""
        client = clients.get(token) or clients.setdefault(
            token, web_client(settings, token or None)
        )
        url = item.get("response_url")
        respond = Respond(response_url=url) if url else None
        run_job(deps, item["name"], item["body"], client, respond)


def installation_store_for(settings):
    """slack_sdk's SQLite store in our database, with tokens encrypted (OAuth mode only)."""
    if not (settings.slack_client_id and settings.slack_client_secret):
        return None
    from slack_sdk.oauth.installation_store.sqlite3 import SQLite3InstallationStore

    from coachbot.slack.tokens import EncryptedInstallationStore, fernet_for

    fernet = fernet_for(settings.encryption_key)
    inner = SQLite3InstallationStore(
        database=str(settings.db_path), client_id=settings.slack_client_id
    )
    return EncryptedInstallationStore(inner, fernet)


class WorkerPool:
    """Worker processes fed by one queue (spawned: no threads or connections inherited)."""

    def __init__(self, workers: int = 1):
        ctx = multiprocessing.get_context("spawn")
        self.queue = ctx.Queue()
        self.processes = [
            ctx.Process(target=worker_main, args=(self.queue,), daemon=True) for _ in range(workers)
        ]
        for process in self.processes:
            process.start()

    def stop(self, timeout: float = 10.0) -> None:
        for _ in self.processes:
            self.queue.put(None)
        for process in self.processes:
            process.join(timeout)
