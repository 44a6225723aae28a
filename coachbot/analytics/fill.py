"""At evaluation: an export in, the campaign's KPI actuals found, shown, and saved once
the owner says yes. The file is read in memory and dropped; only sums wait for the yes."""

from __future__ import annotations

import logging
import math
import re
from datetime import date
from typing import Any

from coachbot.analytics.match import select
from coachbot.analytics.presets import kpi_metric, norm, recognise, shape, summable
from coachbot.analytics.repo import AnalyticsRepo
from coachbot.analytics.table import MAX_BYTES, Table, TableError, read_table
from coachbot.analytics.tags import campaign_tag
from coachbot.campaigns.model import Campaign
from coachbot.core import messages as ui
from coachbot.core.request import Request
from coachbot.core.session import Sessions
from coachbot.i18n import Texts
from coachbot.store.repos import write_transaction

log = logging.getLogger("coachbot")
ACTIONS = ("save", "cancel", "column")
MAX_CHOICES = 20
MAX_RANGES = 4
_UNSAFE_NAME = re.compile(r"[`*_~<>&\x00-\x1f\x7f]")


def shown_name(name: str) -> str:
    """A file's name as it may appear in a message: no path, no markup, not too long."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _UNSAFE_NAME.sub("", base).strip() or "export"
    return base if len(base) <= 60 else base[:59] + "…"


def row_ranges(rows: list[int]) -> list[list[int]]:
    """0-based row indexes as 1-based [first, last] runs: [0,1,2,5] -> [[1,3],[6,6]]."""
    runs: list[list[int]] = []
    for at in rows:
        if runs and at + 1 == runs[-1][1] + 1:
            runs[-1][1] = at + 1
        else:
            runs.append([at + 1, at + 1])
    return runs


class AnalyticsDesk:
    """`/coach data …` and uploaded files: from an export to a campaign's actuals."""

    def __init__(self, sessions: Sessions, campaigns):
        self.sessions = sessions
        self.store = sessions.store
        self.campaigns = campaigns  # the campaign desk, which owns the evaluation flow
        self.repo = AnalyticsRepo(self.store.connections)

    # --- a file arrives ----------------------------------------------------------------

    def receive(self, req: Request, filename: str, data: bytes, t: Texts) -> list[ui.Message]:
        """Read an export for the campaign being evaluated. Bad input gets one sentence
        and changes nothing; a good one is shown and waits for the owner's yes."""
        name = shown_name(filename)
        campaign = self._campaign(req)
        if campaign is None:
            return [ui.Message.plain(t("analytics.errors.no_campaign"))]
        kpis = campaign.kpis()
        if not kpis:
            return [ui.Message.plain(t("analytics.errors.no_kpis", name=ui.escape(campaign.name)))]
        try:
            pending = self._examine(req, campaign, kpis, read_table(data, name))
        except TableError as problem:
            return [ui.Message.plain(self._problem(problem, name, t))]
        except (ValueError, TypeError, KeyError, IndexError, RecursionError, MemoryError):
            # A file shape no test foresaw: one sentence for the person, the trace for us.
            log.exception("team %s: an export could not be read", req.team_id)
            return [ui.Message.plain(t("analytics.errors.unreadable", file=ui.escape(name)))]
        self.repo.hold(req.team_id, req.user_id, pending)
        return self._next(pending, campaign, t)

    def too_big(self, filename: str, size: int, t: Texts) -> list[ui.Message]:
        """The sentence for a file refused before it was read."""
        problem = TableError("too_big", size=size, max=MAX_BYTES)
        return [ui.Message.plain(self._problem(problem, shown_name(filename), t))]

    def _campaign(self, req: Request) -> Campaign | None:
        """The campaign of the evaluation this person has open, else the one that ended
        last and waits for its evaluation."""
        state = self.store.sessions.get(req.team_id, req.user_id, "evaluation") or {}
        if not state.get("done") and isinstance(state.get("campaign_id"), int):
            campaign = self.store.campaigns.get(req.team_id, state["campaign_id"])
            if campaign is not None and campaign.status == "active":
                return campaign
        today = self.sessions.today(req)
        ended = [
            c
            for c in self.store.campaigns.all(req.team_id, ("active",))
            if c.state(today) == "ended"
        ]
        return max(ended, key=lambda c: (c.end, c.id)) if ended else None

    def _examine(
        self, req: Request, campaign: Campaign, kpis: list[tuple[str, float]], table: Table
    ) -> dict[str, Any]:
        tag = campaign_tag(campaign.name, campaign.id)
        found = recognise(table.header)
        chosen = select(table, found, tag, campaign.start, campaign.end)
        file_shape = shape(table.header)
        memory = self.repo.columns(req.team_id, file_shape)
        numeric = [
            c for c in range(len(table.header)) if c in chosen.sums and summable(table.header[c])
        ]
        entries = []
        for kpi_name, target in kpis:
            entry: dict[str, Any] = {"name": kpi_name, "target": target}
            metric = kpi_metric(kpi_name)
            at = found.metrics.get(metric) if metric else None
            if at is not None:
                entry.update(column=table.header[at], how="preset")
            elif norm(kpi_name) in memory:
                remembered = memory[norm(kpi_name)]
                if remembered is None or remembered in table.header:
                    entry.update(column=remembered, how="memory")
                    at = None if remembered is None else table.header.index(remembered)
            if at is not None:
                if at in chosen.bad:
                    row, cell = chosen.bad[at]
                    raise TableError(
                        "unreadable_number", row=row + 1, value=str(cell), column=entry["column"]
                    )
                entry["value"] = chosen.sums.get(at, 0.0)
            entries.append(entry)
        if not numeric and any("column" not in e for e in entries):
            raise TableError("no_numbers", rows=len(chosen.rows))
        return {
            "campaign_id": campaign.id,
            "file": table.name,
            "shape": file_shape,
            "tool": found.format.tool if found.format else None,
            "mode": chosen.mode,
            "tag": tag,
            "first": chosen.first_day.isoformat() if chosen.first_day else None,
            "last": chosen.last_day.isoformat() if chosen.last_day else None,
            "covers": [d.isoformat() for d in table.covers] if table.covers else None,
            "ranges": row_ranges(chosen.rows),
            "count": len(chosen.rows),
            "columns": [[table.header[c], chosen.sums[c]] for c in numeric][:MAX_CHOICES],
            "kpis": entries,
        }

    # --- /coach data save | cancel | column K C ----------------------------------------

    def command(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        words = rest.split()
        action = words[0].lower() if words else ""
        if action not in ACTIONS:
            return [ui.Message.plain(t("analytics.usage"))]
        pending = self.repo.pending(req.team_id, req.user_id)
        if pending is None:
            return [ui.Message.plain(t("analytics.nothing_waiting"))]
        campaign_id = pending.get("campaign_id")
        campaign = (
            self.store.campaigns.get(req.team_id, campaign_id)
            if isinstance(campaign_id, int)
            else None
        )
        if campaign is None or campaign.status != "active":
            self.repo.drop(req.team_id, req.user_id)
            return [ui.Message.plain(t("analytics.errors.no_campaign"))]
        if action == "cancel":
            self.repo.drop(req.team_id, req.user_id)
            return [ui.Message.plain(t("analytics.cancelled"))]
        try:
            if action == "column":
                return self._choose(req, pending, campaign, words[1:], t)
            return self._save(req, pending, campaign, t)
        except (KeyError, TypeError, ValueError, AttributeError):
            # A waiting import from an older coachbot, or a damaged row: start afresh.
            log.warning("team %s: a waiting import could not be read; dropped", req.team_id)
            self.repo.drop(req.team_id, req.user_id)
            return [ui.Message.plain(t("analytics.nothing_waiting"))]

    def _choose(
        self, req: Request, pending: dict, campaign: Campaign, args: list[str], t: Texts
    ) -> list[ui.Message]:
        kpis, columns = pending["kpis"], pending["columns"]
        try:
            k = int(args[0])
            c = None if args[1] == "-" else int(args[1])
            if not 0 <= k < len(kpis) or (c is not None and not 0 <= c < len(columns)):
                raise ValueError
        except (IndexError, ValueError):
            return self._next(pending, campaign, t, note=t("analytics.ask.again"))
        if c is None:
            kpis[k].update(column=None, how="asked")
        else:
            kpis[k].update(column=columns[c][0], how="asked", value=columns[c][1])
        self.repo.hold(req.team_id, req.user_id, pending)
        return self._next(pending, campaign, t)

    def _save(self, req: Request, pending: dict, campaign: Campaign, t: Texts) -> list[ui.Message]:
        kpis = pending["kpis"]
        if any("column" not in k for k in kpis):
            return self._next(pending, campaign, t)
        actuals = {
            i: _as_number(k["value"]) for i, k in enumerate(kpis) if k.get("column") is not None
        }
        asked = {norm(k["name"]): k["column"] for k in kpis if k.get("how") == "asked"}
        with write_transaction(self.store.db):
            if asked:
                self.repo.remember(req.team_id, pending["shape"], asked)
            self.repo.drop(req.team_id, req.user_id)
            if not actuals:
                return [ui.Message.plain(t("analytics.nothing_to_save"))]
            note = t("analytics.saved", count=len(actuals), name=ui.escape(campaign.name))
            return self.campaigns.fill_actuals(req, campaign, actuals, t, note)

    # --- what is shown -----------------------------------------------------------------

    def _next(
        self, pending: dict, campaign: Campaign, t: Texts, note: str | None = None
    ) -> list[ui.Message]:
        """The next column question, or everything found with Save and Cancel."""
        for k, kpi in enumerate(pending["kpis"]):
            if "column" not in kpi:
                return [self._question(pending, k, t, note)]
        return [self._preview(pending, campaign, t)]

    def _question(self, pending: dict, k: int, t: Texts, note: str | None) -> ui.Message:
        kpi = pending["kpis"][k]
        file = pending["file"]
        text = t("analytics.ask.column", kpi=ui.escape(kpi["name"]), file=ui.escape(file))
        lines = [note, text] if note else [text]
        lines += [
            f"{n}. {ui.escape(column)} — {t.number(_rounded(total))}"
            for n, (column, total) in enumerate(pending["columns"], start=1)
        ]
        buttons = [
            ui.Button(ui.escape(column)[:60], f"/coach data column {k} {n}")
            for n, (column, _) in enumerate(pending["columns"])
        ]
        buttons.append(ui.Button(t("analytics.ask.none"), f"/coach data column {k} -"))
        blocks = [
            *ui.section("\n".join(lines)),
            ui.context(t("analytics.ask.hint", count=pending["count"])),
            ui.buttons(buttons),
        ]
        return ui.Message(text=text, blocks=blocks)

    def _preview(self, pending: dict, campaign: Campaign, t: Texts) -> ui.Message:
        rows = self._rows(pending, t)
        lines = []
        for kpi in pending["kpis"]:
            name = ui.escape(kpi["name"])
            if kpi.get("column") is None:
                lines.append(t("analytics.found.not_in_file", kpi=name))
                continue
            params = {
                "kpi": name,
                "value": t.number(_rounded(kpi["value"])),
                "target": t.number(_rounded(kpi["target"])),
                "file": ui.escape(pending["file"]),
                "rows": rows,
            }
            if pending["mode"] == "tag":
                lines.append(t("analytics.found.by_tag", tag=ui.escape(pending["tag"]), **params))
            else:
                first, last = (date.fromisoformat(pending[k]) for k in ("first", "last"))
                lines.append(
                    t("analytics.found.by_dates", first=t.day(first), last=t.day(last), **params)
                )
            if kpi.get("how") != "preset" and norm(kpi["column"]) != norm(kpi["name"]):
                lines[-1] += " " + t("analytics.found.column", column=ui.escape(kpi["column"]))
        notes = []
        if pending.get("tool"):
            notes.append(t("analytics.found.tool", tool=pending["tool"]))
        if pending.get("covers"):
            first, last = (date.fromisoformat(d) for d in pending["covers"])
            if (first, last) != (campaign.start, campaign.end):
                notes.append(
                    t(
                        "analytics.found.covers",
                        first=t.day(first),
                        last=t.day(last),
                        start=t.day(campaign.start),
                        end=t.day(campaign.end),
                    )
                )
        notes.append(t("analytics.found.confirm"))
        title = t("analytics.found.title", name=ui.escape(campaign.name))
        buttons = [
            ui.Button(t("analytics.button_save"), "/coach data save", "primary"),
            ui.Button(t("analytics.button_cancel"), "/coach data cancel"),
        ]
        blocks = [
            ui.header(title),
            *ui.section("\n".join(lines)),
            ui.context("\n".join(notes)),
            ui.buttons(buttons),
        ]
        return ui.Message(text=title + "\n" + "\n".join(lines), blocks=blocks)

    def _rows(self, pending: dict, t: Texts) -> str:
        runs = pending["ranges"]
        parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs[:MAX_RANGES]]
        if len(runs) > MAX_RANGES:
            parts.append("…")
        return t("analytics.rows", count=pending["count"], ranges=", ".join(parts))

    def _problem(self, problem: TableError, name: str, t: Texts) -> str:
        params: dict[str, Any] = {"file": ui.escape(name)}
        for key, value in problem.params.items():
            if isinstance(value, date):
                params[key] = t.day(value)
            elif key in ("size", "max"):  # in MB, rounded up: a file just over is not "10 MB"
                params[key] = t.number(math.ceil(value / (1024 * 1024) * 10) / 10) + " MB"
            elif key == "examples":
                params[key] = ", ".join(f"“{_cell(v, 40)}”" for v in value) or "–"
            elif isinstance(value, int | float):
                params[key] = t.number(value)
            else:
                params[key] = _cell(value, 60)
        if "rows" in problem.params:
            params["count"] = problem.params["rows"]  # picks the plural form
        key = problem.key
        if key == "not_table":
            params["found"] = t(f"analytics.found_kind.{problem.params.get('found', 'text')}")
        return t(f"analytics.errors.{key}", **params)


def _cell(value: Any, limit: int) -> str:
    """A value from the file, shown in one line: its breaks and controls as spaces."""
    text = " ".join("".join(c if c.isprintable() else " " for c in str(value)).split())
    return ui.escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _rounded(value: float) -> float | int:
    value = round(float(value), 2)
    return int(value) if value.is_integer() else value


def _as_number(value: float) -> int | float:
    return _rounded(value)
