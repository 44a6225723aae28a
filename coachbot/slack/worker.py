"""Worker processes: after-ack jobs from the web process's queue, each on its own core.

A worker imports every listener module itself, so the job table is full whatever else
it happens to import.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from typing import Any

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from coachbot.core.coach import Coach
from coachbot.settings import Settings
from coachbot.slack.client import installation_store_for, web_client
from coachbot.slack.deps import Deps
from coachbot.slack.jobs import run_job
from coachbot.slack.listeners import actions, commands, events, shortcuts, views
from coachbot.store import Store

LISTENERS = (actions, commands, events, shortcuts, views)  # each fills the job table


def worker_main(queue: Any) -> None:
    """A worker process: its own store connection and Slack clients, jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    logging.basicConfig(  # a spawned process starts with none: its lines would be lost
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
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
