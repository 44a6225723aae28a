"""Worker processes: jobs claimed from the `jobs` table, each worker on its own core.

The web process stores a job before its ack and rings a doorbell (a queue whose items
carry nothing); a worker also looks at the table every POLL_SECONDS, which is how jobs
left by a process that died are found. A worker stops taking new work on SIGTERM,
finishes the job in hand and exits; it exits as well when its parent is gone.

A worker imports every listener module itself, so the job table is full whatever else
it happens to import.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue as queues
import signal
import socket
import threading
from contextlib import contextmanager, suppress
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
POLL_SECONDS = 0.5
MAX_ATTEMPTS = 3  # a job whose worker died this often is dropped (it may be what kills it)

log = logging.getLogger("coachbot.slack")


class Worker:
    def __init__(self, settings: Settings, doorbell: Any, parent: int):
        self.settings = settings
        self.doorbell = doorbell
        self.parent = parent
        self.stopping = False
        self.store = Store(settings.db_path)
        self.installations = installation_store_for(settings)
        self.deps = Deps(
            coach=Coach(self.store), store=self.store, installation_store=self.installations
        )
        self.clients: dict[str, WebClient] = {}
        self.me = f"{socket.gethostname()}:{os.getpid()}"

    def run(self) -> None:
        while not self.stopping and os.getppid() == self.parent:
            claimed = self.store.jobs.claim(self.settings.job_lease_seconds, self.me)
            if claimed is None:
                try:
                    self.doorbell.get(timeout=POLL_SECONDS)
                except queues.Empty:
                    continue
                except (EOFError, OSError):  # the web process is gone
                    return
                continue
            self.run_one(claimed)

    def run_one(self, claimed: dict[str, Any]) -> None:
        item = claimed["payload"]
        team = item.get("team_id")
        with self.store.jobs.running(claimed["id"]), self.lease_kept(claimed["id"]):
            if claimed["attempts"] > MAX_ATTEMPTS:
                log.error(
                    "job %s for team %s dropped after %s tries", item["name"], team, MAX_ATTEMPTS
                )
                return
            try:
                client = self.client_for(item)
            except Exception as exc:
                log.warning("job %s for team %s: no token (%s)", item["name"], team, exc)
                return
            url = item.get("response_url")
            respond = Respond(response_url=url) if url else None
            run_job(self.deps, item["name"], item["body"], client, respond)

    def client_for(self, item: dict[str, Any]) -> WebClient:
        """The team's client: the one workspace's token, or the installation's (OAuth)."""
        if self.installations is None:
            token = self.settings.slack_bot_token or ""
        else:
            bot = self.installations.find_bot(
                enterprise_id=item.get("enterprise_id"),
                team_id=item.get("team_id"),
                is_enterprise_install=item.get("is_enterprise_install", False),
            )
            token = bot.bot_token if bot and bot.bot_token else ""
            # A team that is gone (uninstalled) still gets its last job, e.g. forgetting it.
        if token not in self.clients:
            self.clients[token] = web_client(self.settings, token or None)
        return self.clients[token]

    @contextmanager
    def lease_kept(self, job_id: int):
        """Renew the claim while a job runs, so a slow job is not taken by another worker."""
        lease = self.settings.job_lease_seconds
        done = threading.Event()

        def renew() -> None:
            while not done.wait(max(lease / 3, 0.2)):
                try:
                    self.store.jobs.renew(job_id, lease)
                except Exception:
                    log.exception("could not renew the claim on a job")
            self.store.close()  # this thread's own connection

        thread = threading.Thread(target=renew, name="job-lease", daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()


def worker_main(doorbell: Any, parent: int) -> None:
    """A worker process: its own store connection and Slack clients."""
    worker = Worker(Settings(), doorbell, parent)

    def stop(signum, frame) -> None:
        worker.stopping = True

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    signal.signal(signal.SIGTERM, stop)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    worker.run()


def release_dead_claims(store: Store) -> int:
    """Claims held by workers of this host that no longer run (a SIGKILL, a crash): their
    jobs are run again at once. Other hosts' claims wait for their lease to run out."""
    host = socket.gethostname()
    dead = []
    for holder in store.jobs.holders():
        name, _, pid = holder.rpartition(":")
        if name == host and pid.isdigit() and not _alive(int(pid)):
            dead.append(holder)
    return store.jobs.release(dead)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process by that number
        return True
    return True


class WorkerPool:
    """Worker processes woken by one doorbell (spawned: no threads or connections inherited)."""

    def __init__(self, workers: int = 1):
        ctx = multiprocessing.get_context("spawn")
        self.doorbell = ctx.Queue(maxsize=2 * workers)  # one ring wakes one idle worker
        self.processes = [
            ctx.Process(target=worker_main, args=(self.doorbell, os.getpid()), daemon=True)
            for _ in range(workers)
        ]
        for process in self.processes:
            process.start()

    def ring(self) -> None:
        with suppress(queues.Full):  # every worker already has a ring waiting
            self.doorbell.put_nowait(None)

    def stop(self, timeout: float = 5.0) -> None:
        """Fast stop: no new job is taken; the one in hand is finished (within `timeout`,
        else its claim runs out and the next start runs it); the rest wait in the table."""
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.join(timeout)
            if process.is_alive():
                process.kill()
                process.join()
