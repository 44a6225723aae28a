"""The dialogue engine: (flow, state, input) -> (state, updates, messages), with no I/O.

State is a plain dict kept per (team, user, flow):
  current      the slot being asked, or None when finished
  history      slots answered or skipped, for "back"
  skipped      slots skipped in this pass; they are asked again at the end, once
  second_pass  True once the skipped questions are being asked again
  scope        a section id when editing one section, "slot:<slot>" when fixing one answer,
               "quick" on the quick path (only `quick` steps, in order), else None
  probed       the slot whose weak answer was just followed up (it is asked once more)
  replace      {"slot", "value"}: a new answer waiting for "yes" before it replaces the old
  asked_version the strategy version when the current question was asked
  done         True when the walk is over
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coachbot.core import messages as ui
from coachbot.core.answers import InvalidAnswer, parse_answer
from coachbot.core.flow import ConcreteStep, Flow, expand
from coachbot.i18n import LANGUAGES, Texts, texts
from coachbot.strategy.feedback import RuleInput, run_rules
from coachbot.strategy.weak import kept_as_said, weakness_of


@dataclass(frozen=True)
class AnswerMeta:
    by: str | None
    version: int


@dataclass
class Context:
    """Everything outside the flow the engine needs, passed in (no clock, no database)."""

    lang: str
    today: date
    user_id: str
    version: int = 0
    meta: dict[str, AnswerMeta] = field(default_factory=dict)


@dataclass
class Outcome:
    state: dict[str, Any]
    updates: dict[str, Any] = field(default_factory=dict)
    messages: list[ui.Message] = field(default_factory=list)
    completed_sections: list[str] = field(default_factory=list)
    finished: bool = False


CONTROLS = ("back", "skip", "pause", "keep")
QUICK = "quick"  # the scope of the quick path


def _edit_scope(state: dict[str, Any]) -> bool:
    """Walking a section (or one answer) again, answered or not, rather than what is open."""
    return bool(state.get("scope")) and state["scope"] != QUICK


def _said(text: str, key: str) -> bool:
    """True when text is one of the words of `key` (yes, no) in any language."""
    word = " ".join(text.lower().split()).strip(" .!")
    return any(word in (w.lower() for w in texts(lang).words(key)) for lang in LANGUAGES)


def control_word(text: str) -> str | None:
    """'back', 'skip', 'pause' or 'keep' when text is one of their words in any language."""
    return next((c for c in CONTROLS if _said(text, f"controls.{c}")), None)


def new_state(flow: Flow, values: dict[str, Any], scope: str | None = None) -> dict[str, Any]:
    """A fresh walk: from the first unanswered step, or through one section when editing."""
    state: dict[str, Any] = {
        "current": None,
        "history": [],
        "skipped": [],
        "second_pass": False,
        "scope": scope,
        "asked_version": 0,
        "done": False,
    }
    steps = _steps(flow, state, values)
    if _edit_scope(state):
        state["current"] = steps[0].slot if steps else None
    else:
        state["current"] = next((s.slot for s in steps if s.slot not in values), None)
    state["done"] = state["current"] is None
    return state


def _steps(flow: Flow, state: dict[str, Any], values: dict[str, Any]) -> list[ConcreteStep]:
    steps = expand(flow, values)
    scope = state.get("scope")
    if scope == QUICK:
        steps = [s for s in steps if s.step.quick]
    elif scope and scope.startswith("slot:"):
        steps = [s for s in steps if s.slot == scope[len("slot:") :]]
    elif scope:
        steps = [s for s in steps if s.section == scope]
    return steps


def find_step(flow: Flow, state: dict[str, Any], values: dict[str, Any]) -> ConcreteStep | None:
    """The step being asked now (None when finished or no longer part of the flow)."""
    slot = state.get("current")
    return next((s for s in _steps(flow, state, values) if s.slot == slot), None)


def _next_slot(flow: Flow, state: dict[str, Any], values: dict[str, Any], after: str) -> str | None:
    steps = _steps(flow, state, values)
    slots = [s.slot for s in steps]
    position = slots.index(after) + 1 if after in slots else 0
    if _edit_scope(state):
        return slots[position] if position < len(slots) else None
    skipped = set(state["skipped"])
    ordered = slots[position:] + slots[:position]
    return next((s for s in ordered if s not in values and s not in skipped and s != after), None)


def advance(
    flow: Flow, state: dict[str, Any], values: dict[str, Any], text: str, ctx: Context
) -> Outcome:
    """Take one input for the current step and say what comes next."""
    state = {**state, "history": list(state["history"]), "skipped": list(state["skipped"])}
    t = texts(ctx.lang)
    step = find_step(flow, state, values)
    if step is None:
        # The list this step repeated over shrank, or the walk ended: pick up where sensible.
        fresh = new_state(flow, values, state.get("scope"))
        if fresh["done"]:
            return Outcome(state={**state, "done": True, "current": None}, finished=True)
        state.update(current=fresh["current"], asked_version=ctx.version)
        return Outcome(state=state, messages=[ask(flow, state, values, ctx)])

    control = control_word(text)
    pending = state.pop("replace", None)
    if pending and pending["slot"] != step.slot:
        pending = None
    if control is None and pending and _said(text, "engine.words.no"):
        return _move_on(flow, state, values, step, ctx, [t("engine.kept")])
    if control == "pause":
        return Outcome(state=state, messages=[ui.Message.plain(t("engine.paused"))])
    if control == "back":
        if not state["history"]:
            return Outcome(
                state, messages=[ask_after(flow, state, values, ctx, t("engine.no_back"))]
            )
        state["current"] = state["history"].pop()
        state["asked_version"] = ctx.version
        return Outcome(state=state, messages=[ask(flow, state, values, ctx)])
    if control == "skip":
        if step.slot not in state["skipped"]:
            state["skipped"].append(step.slot)
        return _move_on(flow, state, values, step, ctx, [t("engine.skipped")])
    if control == "keep" and step.slot in values:
        return _move_on(flow, state, values, step, ctx, [t("engine.kept")])

    confirmed = control is None and pending is not None and _said(text, "engine.words.yes")
    if confirmed:
        value = pending["value"]
    else:
        try:
            value = parse_answer(step.step, text, ctx.today, labels=choice_labels(flow, step))
        except InvalidAnswer as problem:
            value = kept_as_said(flow, step, text)  # "-", "?": kept, and followed up below
            if value is None:
                note = "⚠️ " + t(f"errors.{problem.key}", **problem.params)
                return Outcome(state=state, messages=[ask_after(flow, state, values, ctx, note)])

    meta = ctx.meta.get(step.slot)
    if meta and meta.version > state.get("asked_version", 0) and meta.by != ctx.user_id:
        # Someone else answered this since it was asked: show theirs, let this user decide.
        state["asked_version"] = ctx.version
        state["replace"] = {"slot": step.slot, "value": value}  # sent again = replace
        note = t(
            "engine.conflict",
            who=ui.mention(meta.by) if meta.by else "?",
            value=display_value(flow, step, values[step.slot], ctx.lang),
        )
        return Outcome(state=state, messages=[ask_after(flow, state, values, ctx, note)])

    confirmed = confirmed or (pending is not None and pending["value"] == value)
    probed = state.pop("probed", None) == step.slot
    old = values.get(step.slot)
    if step.slot in values and value != old and not confirmed and not probed:
        # Replacing an answer: show both and let the person decide (a button or yes/no).
        state["replace"] = {"slot": step.slot, "value": value}
        return Outcome(state=state, messages=[_confirm_replace(flow, step, old, value, ctx)])

    updated = {**values, step.slot: value}
    shown = display_value(flow, step, value, ctx.lang)
    reason = weakness_of(flow, step, value, updated)
    if reason and not probed:
        # Weak or no answer: keep it, and ask once more, saying why it matters.
        state["probed"] = step.slot
        item = ui.unescape(item_label(flow, step, ctx.lang, updated))
        note = t("engine.saved", value=shown) + "\n🤔 " + t(f"probe.{reason}", item=item)
        state["asked_version"] = ctx.version + 1
        message = ask_after(flow, state, updated, ctx, note)
        return Outcome(state=state, updates={step.slot: value}, messages=[message])

    label = ui.unescape(item_label(flow, step, ctx.lang, updated)) if step.item else None
    fired = run_rules(
        step.step.feedback,
        RuleInput(value, updated, step.slot, step.index, label, ctx.today),
    )
    notes = [t("engine.saved", value=shown)]
    notes += ["💡 " + t(f"feedback.{name}", **params) for name, params in fired]
    if reason:
        notes.append("📌 " + t("engine.kept_open"))
    if step.slot in state["skipped"]:
        state["skipped"].remove(step.slot)
    outcome = _move_on(flow, state, updated, step, ctx, notes)
    outcome.updates = {step.slot: value}
    outcome.state["asked_version"] = ctx.version + 1
    return outcome


def _confirm_replace(
    flow: Flow, step: ConcreteStep, old: Any, new: Any, ctx: Context
) -> ui.Message:
    t = texts(ctx.lang)
    text = t(
        "engine.replace",
        old=display_value(flow, step, old, ctx.lang),
        new=display_value(flow, step, new, ctx.lang),
    )
    yes = ui.Button(t("engine.button.replace"), t.words("engine.words.yes")[0], "primary", "nav")
    no = ui.Button(t("engine.button.keep_old"), t.words("engine.words.no")[0], kind="nav")
    return ui.Message(text=text, blocks=[*ui.section(text), ui.buttons([yes, no], nav=True)])


def _move_on(
    flow: Flow,
    state: dict[str, Any],
    values: dict[str, Any],
    step: ConcreteStep,
    ctx: Context,
    notes: list[str],
) -> Outcome:
    t = texts(ctx.lang)
    state.pop("probed", None)
    state["history"].append(step.slot)
    state["asked_version"] = ctx.version
    nxt = _next_slot(flow, state, values, step.slot)
    second_pass_allowed = not _edit_scope(state)
    if nxt is None and state["skipped"] and not state["second_pass"] and second_pass_allowed:
        state["second_pass"] = True
        pending = [s for s in state["skipped"] if s not in values]
        state["skipped"] = []
        nxt = pending[0] if pending else None
        if nxt:
            notes.append(t("engine.back_to_skipped", count=len(pending)))
    completed = []
    next_step = None
    if nxt is not None:
        state["current"] = nxt
        next_step = find_step(flow, state, values)
    if next_step is None or next_step.section != step.section:
        completed.append(step.section)
    if nxt is None:
        state.update(current=None, done=True)
        return Outcome(
            state=state,
            messages=[_notes_message(notes)],
            completed_sections=completed,
            finished=True,
        )
    if completed:
        # A section ends here: what it leads to (a summary) goes between the two.
        messages = [_notes_message(notes), ask(flow, state, values, ctx)]
    else:
        messages = [ask_after(flow, state, values, ctx, "\n".join(notes))]
    return Outcome(state=state, messages=messages, completed_sections=completed)


def _notes_message(notes: list[str]) -> ui.Message:
    text = "\n".join(notes)
    return ui.Message(text=text, blocks=ui.section(text))


def ask_after(
    flow: Flow, state: dict[str, Any], values: dict[str, Any], ctx: Context, note: str
) -> ui.Message:
    """The current question, preceded by a note (feedback, an error, an opening line)."""
    question = ask(flow, state, values, ctx)
    return ui.Message(text=f"{note}\n{question.text}", blocks=ui.section(note) + question.blocks)


def text_key(flow: Flow, step: ConcreteStep, leaf: str) -> str:
    return f"{flow.name}.{step.section}.{step.step.id}.{leaf}"


def choice_labels(flow: Flow, step: ConcreteStep) -> dict[str, list[str]]:
    """Every language's label for every choice of a step (so any of them can be typed)."""
    out: dict[str, list[str]] = {c: [] for c in step.step.choices}
    for lang in LANGUAGES:
        t = texts(lang)
        for c in step.step.choices:
            key = text_key(flow, step, f"choice.{c}")
            if t.has(key):
                out[c].append(t(key))
    return out


def display_value(flow: Flow, step: ConcreteStep, value: Any, lang: str) -> str:
    """An answer as the user should see it, escaped for mrkdwn."""
    t = texts(lang)
    if step.step.type in ("choice", "multi"):
        ids = value if isinstance(value, list) else [value]
        labels = [t.get(text_key(flow, step, f"choice.{c}"), c) for c in ids]
        return ui.escape(", ".join(labels)) if labels else "–"
    if isinstance(value, list):
        return ui.escape(", ".join(value)) if value else "–"
    if step.step.type == "number" and isinstance(value, int | float):
        if step.step.money:  # the amount in the language's currency: "15 000 kr"
            return t.money(value, t("engine.currency"))
        if isinstance(value, float):  # a decimal comma where the language has one: "2,5"
            return t.number(value)
    return ui.escape(str(value))


def ask(flow: Flow, state: dict[str, Any], values: dict[str, Any], ctx: Context) -> ui.Message:
    """The current question as a message, with its choices and the way to move around."""
    t = texts(ctx.lang)
    step = find_step(flow, state, values)
    if step is None:
        return ui.Message.plain(t("engine.nothing_to_ask"))
    steps = _steps(flow, state, values)
    in_section = [s for s in steps if s.section == step.section]
    position = in_section.index(step) + 1
    section_no = flow.section_ids().index(step.section) + 1
    blocks: list[ui.Block] = []
    if position == 1 and state.get("probed") != step.slot:  # not again when followed up
        blocks.append(ui.header(t(f"{flow.name}.{step.section}.title")))
        intro_key = f"{flow.name}.{step.section}.intro"
        if t.has(intro_key):
            blocks += ui.section(t(intro_key))
    item = item_label(flow, step, ctx.lang, values)
    question = t(text_key(flow, step, "q"), item=item)
    blocks += ui.section(f"*{question}*")
    hint_key = text_key(flow, step, "hint")
    hints = [t(hint_key, item=item)] if t.has(hint_key) else []
    hints.append(_input_hint(t, step))
    if step.slot in values:
        shown = display_value(flow, step, values[step.slot], ctx.lang)
        hints.append(t("engine.current_answer", value=shown))
    progress = (
        ""
        if len(steps) == 1 and not state["history"]
        else t(
            "engine.progress",
            section=t(f"{flow.name}.{step.section}.title"),
            section_no=section_no,
            sections=len(flow.section),
            position=position,
            count=len(in_section),
        )
    )
    blocks.append(ui.context("\n".join(hints)))
    labels = {c: t(text_key(flow, step, f"choice.{c}")) for c in step.step.choices}
    if step.step.type == "choice":
        blocks.append(
            ui.buttons([ui.Button(labels[c], c, kind="choice") for c in step.step.choices])
        )
    elif step.step.type == "multi":
        done = ui.Button(t("engine.done"), "__multi__")
        blocks.append(ui.checkboxes(list(labels.items()), done, slot=step.slot))
    elif step.step.type == "scale":
        low, high = int(step.step.min or 1), int(step.step.max or 5)
        blocks.append(
            ui.buttons([ui.Button(str(n), str(n), kind="choice") for n in range(low, high + 1)])
        )
    nav = []
    if state["history"]:
        nav.append(ui.Button(t("engine.button.back"), t.words("controls.back")[0], kind="nav"))
    if step.slot in values:
        nav.append(ui.Button(t("engine.button.keep"), t.words("controls.keep")[0], kind="nav"))
    nav.append(ui.Button(t("engine.button.skip"), t.words("controls.skip")[0], kind="nav"))
    nav.append(ui.Button(t("engine.button.pause"), t.words("controls.pause")[0], kind="nav"))
    blocks.append(ui.buttons(nav, nav=True))
    if progress:
        blocks.append(ui.context(progress))
    return ui.Message(text=question, blocks=blocks)


def item_label(
    flow: Flow, step: ConcreteStep, lang: str, values: dict[str, Any] | None = None
) -> str:
    """The item a repeated step is about ("Instagram", "Trail Tina"), ready for mrkdwn.

    A choice the team named itself (the "other" channel) is called by that name."""
    if not step.item or not step.step.for_each:
        return ""
    section, step_id = step.step.for_each.split(".")
    own_name = (values or {}).get(f"{section}.{step.item}_name")
    if isinstance(own_name, str) and own_name.strip():
        return ui.escape(own_name)
    try:
        parent = ConcreteStep(step.step.for_each, section, flow.find(section, step_id))
    except KeyError:  # repeated over values given to the flow, not asked in it
        return ui.escape(step.item)
    if parent.step.choices:
        return display_value(flow, parent, step.item, lang)
    return ui.escape(step.item)


def _input_hint(t: Texts, step: ConcreteStep) -> str:
    s = step.step
    if s.type == "scale":
        return t("input.scale", min=int(s.min or 1), max=int(s.max or 5))
    if s.type == "number":
        return t("input.number")
    if s.type == "list":
        return t("input.list_optional") if s.min_items == 0 else t("input.list")
    if s.type == "multi":
        return t("input.multi_optional") if s.min_items == 0 else t("input.multi")
    return t(f"input.{s.type}")
