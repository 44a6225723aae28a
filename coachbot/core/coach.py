"""The coach: one transport-neutral entry point for commands, DM lines and clicks.

Adapters (the Slack app, the terminal shell) turn what arrived into a Request and text,
call `Coach.message` (a `/coach` line or an answer) and render the returned Messages.
The coach routes: each command to its handler, each answer to the open flow, one
person's inputs one at a time, and storage trouble to a polite reply.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from coachbot.analytics.fill import AnalyticsDesk
from coachbot.analytics.tags import running_campaigns
from coachbot.campaigns.desk import CampaignDesk
from coachbot.core import messages as ui
from coachbot.core.answers import clean_text
from coachbot.core.commands import HELP_ORDER, language_named, parse_command, switch
from coachbot.core.request import Request
from coachbot.core.session import Clock, Sessions
from coachbot.core.status import status_message
from coachbot.i18n import Texts, resolve_language, texts
from coachbot.review.render import review_message
from coachbot.review.reviewer import EmptyPost, PostTooLong, review_post, split_channel_prefix
from coachbot.store import Store
from coachbot.store.repos import CorruptData
from coachbot.strategy import export as strategy_export
from coachbot.strategy.interview import Interview
from coachbot.strategy.maturity import MaturityCheck

log = logging.getLogger("coachbot")
Handler = Callable[[Request, str, Texts], list[ui.Message]]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Coach:
    """Everything the coach can do, for any team and user."""

    def __init__(self, store: Store, clock: Clock = utc_now):
        self.store = store
        self.clock = clock
        self.sessions = Sessions(store, clock)
        self.campaigns = CampaignDesk(self.sessions)
        self.analytics = AnalyticsDesk(self.sessions, self.campaigns)
        self.interview = Interview(self.sessions, when_complete=self.campaigns.schedule_revisit)
        self.maturity = MaturityCheck(self.sessions)
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._handlers: dict[str, Handler] = {
            "help": self._help,
            # A plan or evaluation paused last goes on; otherwise the interview.
            "start": lambda req, rest, t: self.campaigns.start_or_resume(
                req, rest, t, self.interview.start
            ),
            "edit": self.interview.edit,
            "status": lambda req, rest, t: [status_message(store, req.team_id, t)],
            "maturity": self.maturity.start,
            "export": self._export,
            "language": self._language,
            "review": self._review,
            "privacy": self._privacy,
            "campaign": self.campaigns.register,
            "campaigns": self.campaigns.listing,
            "evaluate": self.campaigns.evaluate,
            "nudge": self.campaigns.nudge_command,
            "country": self.campaigns.country,
            "data": self.analytics.command,
        }

    # --- entry points ------------------------------------------------------------------

    def language_for(self, req: Request) -> str:
        return self.sessions.language_of(req.team_id, req.user_id, req.locale)

    def language_of(self, team_id: str, user_id: str | None, locale: str | None = None) -> str:
        return self.sessions.language_of(team_id, user_id, locale)

    def today(self, req: Request) -> date:
        return self.sessions.today(req)

    def message(self, req: Request, text: str) -> list[ui.Message]:
        """A line typed or clicked: a `/coach …` command, or an answer to the open question."""
        if text.strip().lower().startswith("/coach"):
            return self.command(req, text)
        with self._user_lock(req), self._guarded(req) as answer:
            answer.extend(self.sessions.answer(req, text, texts(self.language_for(req))))
        return answer

    def analytics_file(self, req: Request, filename: str, data: bytes) -> list[ui.Message]:
        """An analytics export (uploaded, or named in the shell) for the open evaluation."""
        with self._user_lock(req), self._guarded(req) as answer:
            answer.extend(
                self.analytics.receive(req, filename, data, texts(self.language_for(req)))
            )
        return answer

    def command(self, req: Request, text: str) -> list[ui.Message]:
        """A `/coach …` line."""
        with self._user_lock(req), self._guarded(req) as answer:
            answer.extend(self._command(req, text))
        return answer

    def _command(self, req: Request, text: str) -> list[ui.Message]:
        t = texts(self.language_for(req))
        name, word, rest = parse_command(clean_text(text))
        handler = self._handlers.get(name or "")
        if handler is None:
            unknown = ui.Message.plain(t("coach.unknown_command", word=ui.escape(word[:40])))
            return [unknown, *self._help(req, "", t)]
        return handler(req, rest, t)

    def submit_form(
        self, req: Request, flow_name: str, inputs: dict[str, str | None], check_only: bool = False
    ) -> tuple[dict[str, str], list[ui.Message]]:
        """A whole flow answered at once (a Slack modal): ({slot: problem}, messages)."""
        with self._user_lock(req):
            return self.sessions.submit_form(req, flow_name, inputs, check_only)

    def save_section(
        self, req: Request, section: str, base_version: int, inputs: dict[str, str | None]
    ) -> dict[str, str]:
        """A section of the strategy edited in a form: {slot: problem}, or {} when saved."""
        return self.interview.save_section(req, section, base_version, inputs)

    def _user_lock(self, req: Request) -> threading.Lock:
        """One person's inputs are handled one at a time: two quick DMs must not both
        answer the same question (each would read the same session and one be lost)."""
        key = (req.team_id, req.user_id)
        with self._locks_guard:
            return self._locks.setdefault(key, threading.Lock())

    @contextmanager
    def _guarded(self, req: Request) -> Iterator[list[ui.Message]]:
        """Storage trouble becomes a polite answer, with nothing half-saved (each write is
        one transaction) and a log line for whoever runs the coach."""
        answer: list[ui.Message] = []
        try:
            yield answer
        except CorruptData as exc:
            log.error(
                "team %s: %s row cannot be read; other teams are unaffected", exc.team_id, exc.table
            )
            answer[:] = [ui.Message.plain(self._safe_texts(req)("coach.corrupt"))]
        except sqlite3.OperationalError as exc:
            log.error("team %s: database refused a write (%s)", req.team_id, exc)
            answer[:] = [ui.Message.plain(self._safe_texts(req)("coach.storage_down"))]

    def _safe_texts(self, req: Request) -> Texts:
        try:
            return texts(self.language_for(req))
        except Exception:  # the team's own settings may be what cannot be read
            return texts(resolve_language(None, None, req.locale))

    # --- the commands that are not a flow --------------------------------------------

    def _help(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        lines = [t("help.intro"), ""]
        for name in HELP_ORDER:
            word = t.words(f"commands.aliases.{name}")[0]
            lines.append(f"• `/coach {word}` — {t(f'help.{name}')}")
        lines += ["", t("help.dm")]
        text = "\n".join(lines)
        start = ui.Button(t("help.button_start"), "/coach start", "primary")
        blocks = [ui.header(t("help.title")), *ui.section(text), ui.buttons([start])]
        return [ui.Message(text=text, blocks=blocks)]

    def export(self, req: Request, lang: str | None = None) -> ui.Message:
        """The strategy as a Markdown document (a message carrying the file)."""
        [message] = self._export(req, "", texts(lang or self.language_for(req)))
        return message

    def _export(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        strategy = self.store.strategies.get(req.team_id)
        maturity = self.store.maturity.get(req.team_id)
        today = self.today(req)
        document = strategy_export.to_markdown(strategy, t.lang, maturity, today)
        name = strategy_export.file_name(strategy, t.lang, today, rest)
        message = ui.Message.plain(t("export.ready", name=name))
        message.file = ui.FileOut(name=name, content=document, title=t("export.title"))
        return [message]

    def _language(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        lang = language_named(rest)
        if lang is None:
            return [ui.Message.plain(t("language.usage", current=t.lang))]
        self.store.teams.set_language(req.team_id, lang)
        # The language may bring its country's public holidays with it.
        self.campaigns.reschedule(req.team_id, self.today(req))
        return [ui.Message.plain(texts(lang)("language.set"))]

    def _privacy(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        keep = switch(rest)
        if keep is not None:
            self.store.teams.set_keep_post_text(req.team_id, keep)
        elif rest.strip():
            return [ui.Message.plain(t("privacy.usage"))]
        keep = self.store.teams.keeps_post_text(req.team_id)
        return [ui.Message.plain(t("privacy.status_keep" if keep else "privacy.status_drop"))]

    def _review(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        channel, text = split_channel_prefix(rest)
        return self.review(req, text, channel, t)

    def review(
        self, req: Request, text: str, channel: str | None = None, t: Texts | None = None
    ) -> list[ui.Message]:
        """Review a draft for this team: reply in the user's language, keep the verdict."""
        t = t or texts(self.language_for(req))
        if not text.strip():
            return [ui.Message.plain(t("review.ui.usage"))]
        try:
            result = review_post(
                text,
                channel=channel,
                reply_language=t.lang,
                team_language=self.store.teams.language(req.team_id) or t.lang,
                strategy=self.store.strategies.get(req.team_id).values(),
                campaigns=running_campaigns(self.store.campaigns.all(req.team_id), self.today(req)),
            )
        except EmptyPost:
            return [ui.Message.plain(t("review.ui.empty"))]
        except PostTooLong:
            return [ui.Message.plain(t("review.ui.too_long", length=f"{len(text):,}"))]
        keep = self.store.teams.keeps_post_text(req.team_id)
        self.store.reviews.add(
            req.team_id, req.user_id, result.public_json(), text if keep else None
        )
        message = review_message(result, t)
        if keep:
            message.blocks.append(ui.context(t("review.ui.stored_text")))
        return [message]
