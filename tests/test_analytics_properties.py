"""Broken exports, generated: reading never raises anything but a TableError (which
becomes one sentence), and a file either waits whole for the owner's yes or changes nothing."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachbot.analytics.match import select
from coachbot.analytics.presets import recognise
from coachbot.analytics.table import TableError, read_table
from coachbot.core.coach import Coach
from coachbot.store import Store
from tests.conftest import Clock, ShellDriver

pytestmark = pytest.mark.clock_free

DATA = Path(__file__).parent / "data" / "analytics"
SAMPLES = {p.name: p.read_bytes() for p in DATA.iterdir() if p.suffix in (".csv", ".xlsx")}
CELLS = st.one_of(
    st.sampled_from(
        ["julkampanj-2026", "(direct)", "20261205", "12/03/2026", "4 812", "4,812", "1.5", "2,5"]
    ),
    st.sampled_from(["", "-", "n/a", "1e9", "∞", "\u00a0", '"', "#", "\r", "=SUM(A1)", "٣"]),
    st.integers(-10, 10**6).map(str),
    st.text(max_size=12),
)
HEADERS = st.sampled_from(
    ["Session campaign", "Sessions", "Date", "Reach", "label", "nb_visits", "Kod", "Klick", ""]
)
SEPARATORS = st.sampled_from([",", ";", "\t", "|"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])


@st.composite
def tables(draw) -> bytes:
    """Text that looks like an export: a header, rows of mixed cells, any encoding."""
    sep = draw(SEPARATORS)
    width = draw(st.integers(1, 6))
    header = [draw(HEADERS) for _ in range(width)]
    rows = [
        [draw(CELLS) for _ in range(draw(st.integers(0, width + 1)))]
        for _ in range(draw(st.integers(0, 8)))
    ]
    comments = ["# Start date: 20261201", "# End date: 2026", "#"][: draw(st.integers(0, 3))]
    lines = comments + [sep.join(header)] + [sep.join(r) for r in rows]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    return text.encode(draw(ENCODINGS), errors="replace")


@st.composite
def damaged_samples(draw) -> bytes:
    """A real sample file cut, spliced or with bytes changed."""
    data = bytearray(SAMPLES[draw(st.sampled_from(sorted(SAMPLES)))])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        match draw(st.sampled_from(["cut", "flip", "insert", "drop"])):
            case "cut":
                del data[at:]
            case "flip":
                if data:
                    data[at] = draw(st.integers(0, 255))
            case "insert":
                data[at:at] = draw(st.binary(min_size=1, max_size=16))
            case "drop":
                del data[at : at + draw(st.integers(1, 64))]
    return bytes(data)


FILES = st.one_of(st.binary(max_size=2048), tables(), damaged_samples())


@settings(max_examples=300, deadline=None)
@given(FILES)
def test_reading_any_file_raises_nothing_but_a_table_error(data):
    try:
        table = read_table(data, "export.csv")
        select(
            table, recognise(table.header), "julkampanj-2026", date(2026, 12, 1), date(2026, 12, 31)
        )
    except TableError:
        pass


def _state(store: Store) -> dict:
    db = store.db
    return {
        t: db.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall()
        for t in db.table_names()
        if not t.startswith("_")
    }


@pytest.fixture(scope="module")
def evaluating():
    """One coach with a campaign under evaluation, shared by every generated file."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "props.db")
        coach = Coach(store, clock=Clock(datetime(2027, 1, 11, 10, tzinfo=UTC)))
        driver = ShellDriver(coach, Path(tmp))
        driver.say("/coach campaign Julkampanj 2026 2026-12-01 2026-12-31")
        for answer in ["1", "Sessions: 4 000\nReach: 9 000", "1", "3", "me", "dm"]:
            driver.say(answer)
        yield driver
        store.close()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(FILES)
def test_a_file_is_either_held_whole_for_the_yes_or_changes_nothing(evaluating, data):
    coach, req = evaluating.coach, evaluating.shell.request
    coach.analytics.repo.drop(req.team_id, req.user_id)
    before = _state(coach.store)
    [reply] = coach.analytics_file(req, "export.csv", data)
    after = _state(coach.store)
    held = coach.analytics.repo.pending(req.team_id, req.user_id)
    if held is None:
        assert after == before, reply.text
        assert "\n" not in reply.text and reply.text.endswith(".")
    else:
        # Only the waiting sums changed: no actual, no session, no remembered column.
        assert {t: rows for t, rows in after.items() if t != "analytics_pending"} == {
            t: rows for t, rows in before.items() if t != "analytics_pending"
        }
        assert "/coach data " in str(reply.blocks)  # a question, or Save and Cancel
