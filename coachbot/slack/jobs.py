"""After-ack work: named jobs, run in the listener's thread or stored for worker processes.

The web process must answer Slack fast, and Slack never resends what it got a 200 for.
So `coachbot serve` writes each job to the `jobs` table before the ack goes out (the
listener runs inline, see `InlineExecutor`) and worker processes claim and run them
(worker.py); jobs left by a process that died are run by the next one. Tests and small
setups run jobs in place. Listeners declare their jobs with `@job`; whoever runs jobs
imports the listeners.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from coachbot.store.repos import NewJob

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
        log.exception("job %s failed for team %s", name, team_of(body))


def team_of(body: dict[str, Any]) -> str | None:
    team = body.get("team")
    return body.get("team_id") or (team.get("id") if isinstance(team, dict) else None)


class InlineExecutor(Executor):
    """Bolt's listener executor for durable jobs: the listener, and the job write in it,
    run in the request's own thread, so they are done before the response is sent."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


_request = threading.local()


def durable_write_failed() -> bool:
    """True when a job of the request this thread is answering could not be stored
    (the web layer then answers 503 instead of 200, so Slack knows it was not taken)."""
    return getattr(_request, "failed", False)


def begin_request() -> None:
    _request.failed = False


class JobWriter:
    """Stores the jobs of concurrent requests together: one thread, one transaction and
    one fsync for every job that arrived while the last one was committed (group commit).
    Each request thread waits for its own job to be committed before its ack goes out.
    Many threads each taking SQLite's write lock in turn would queue behind one another."""

    def __init__(self, store):
        self.store = store
        self.waiting: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._run, name="job-writer", daemon=True).start()

    def add(self, new: NewJob) -> bool:
        done: Future = Future()
        self.waiting.put((new, done))
        return done.result()

    def _run(self) -> None:
        while True:
            batch = [self.waiting.get()]
            while True:
                try:
                    batch.append(self.waiting.get_nowait())
                except queue.Empty:
                    break
            try:
                stored = self.store.jobs.add([new for new, _ in batch])
            except Exception as exc:  # none of them is stored: each request says so
                for _, done in batch:
                    done.set_exception(exc)
                continue
            for (_, done), ok in zip(batch, stored, strict=True):
                done.set_result(ok)


class Dispatcher:
    """Turns a job into a Bolt lazy function: run here, or store it for a worker.

    `doorbell`, when given, is called after a job is stored (it wakes a worker)."""

    def __init__(self, deps, durable: bool = False, doorbell: Callable[[], None] | None = None):
        self.deps = deps
        self.durable = durable
        self.doorbell = doorbell
        self.writer = JobWriter(deps.store) if durable else None

    def lazy(self, name: str) -> Callable[..., None]:
        def lazy_job(body, client, context, respond=None) -> None:
            if not self.durable:
                run_job(self.deps, name, body, client, respond)
                return
            try:
                self.store(name, body, context, respond)
            except Exception:
                _request.failed = True
                log.exception("job %s for team %s could not be stored", name, team_of(body))
                return
            if self.doorbell is not None:
                self.doorbell()

        lazy_job.__name__ = f"job_{name}"
        return lazy_job

    def store(self, name: str, body: dict[str, Any], context, respond: Respond | None) -> bool:
        """Write the job (and, for an event, its delivery key) in one transaction.
        Tokens are not stored: the worker looks them up as the nudge sender does."""
        team = context.team_id or team_of(body)
        user = context.user_id or ""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        payload = {
            "name": name,
            "body": body,
            "response_url": getattr(respond, "response_url", None) if respond else None,
            "enterprise_id": context.enterprise_id,
            "team_id": team,
            "is_enterprise_install": bool(context.is_enterprise_install),
        }
        assert self.writer is not None
        return self.writer.add(
            NewJob(
                team_id=team,
                lane=f"{team}:{user}",
                name=name,
                payload=payload,
                event_key=f"event:{event_id}" if event_id else None,
            )
        )
