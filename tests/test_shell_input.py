"""What is typed into the shell is never lost, never crashes it, and never lands as an answer
it was not meant to be: invalid UTF-8, Ctrl-D on a half line, posts of several lines."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from coachbot.i18n import texts
from coachbot.shell import LOCAL_TEAM, Shell, read_inputs
from coachbot.store import Store

pytestmark = pytest.mark.clock_free

PURPOSE = "We run the region's buses and want more people to leave the car at home."
POST = (
    "Nya tider från söndag!\n"
    "\n"
    "Linje 4 går nu var tionde minut i rusningstid.\n"
    "Läs mer: https://example.com/linje4"
)


def _env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "COACHBOT_DB": str(tmp_path / "coach.db")}
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID"):
        env.pop(name, None)
    return env


def _coachbot(tmp_path: Path, *args: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "coachbot", *args],
        input=data,
        capture_output=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        timeout=60,
    )


# --- real processes ------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["shell", "run"])  # run: the shell without Slack credentials
def test_random_bytes_into_the_shell_do_not_crash_it(tmp_path, command):
    noise = random.Random(14).randbytes(2000)
    done = _coachbot(tmp_path, command, data=b"/coach start\n" + noise + b"\n/coach status\n")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    out = done.stdout.decode("utf-8").removeprefix(
        "coachbot: no Slack credentials, starting the local shell\n"
    )
    # The banner comes first, then the coach's answers; the status still answers at the end.
    assert out.startswith(texts("en")("shell.welcome"))
    assert "== Your strategy ==" in out


def test_a_stray_byte_in_a_post_is_kept_as_a_replacement_character(tmp_path):
    post = tmp_path / "post.txt"
    post.write_bytes("Hej v\xe4rlden! Nu kör vi vårrea.".encode("latin-1") + b"\xff\n")
    from_file = _coachbot(tmp_path, "review", str(post), data=b"")
    from_stdin = _coachbot(tmp_path, "review", "-", data=post.read_bytes())
    for done in (from_file, from_stdin):
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        assert b"Traceback" not in done.stderr
        assert "v\ufffdrlden" in done.stdout.decode("utf-8")


def test_a_shell_line_with_a_stray_byte_is_answered_with_the_byte_replaced(tmp_path):
    line = "Vi kör bussar i regionen och vill att fler l\xe4mnar bilen hemma.".encode("latin-1")
    done = _coachbot(tmp_path, "shell", data=b"/coach start\n" + line + b"\n")
    assert done.returncode == 0
    store = Store(tmp_path / "coach.db")
    assert "l\ufffdmnar" in store.strategies.get(LOCAL_TEAM).value("purpose.statement")


class Terminal:
    """`coachbot shell` with a real terminal on its standard input (a pseudo-terminal)."""

    def __init__(self, tmp_path: Path):
        self.master, slave = os.openpty()
        # No echo: what is typed need not be drained from the terminal's other end.
        attrs = termios.tcgetattr(slave)
        attrs[3] &= ~termios.ECHO
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "coachbot", "shell"],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(tmp_path),
            cwd=tmp_path,
        )
        os.close(slave)
        self.output = b""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while chunk := self.proc.stdout.read1(65536):
            self.output += chunk

    def type(self, data: bytes) -> None:
        os.write(self.master, data)

    def wait_for(self, text: str, count: int = 1, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.output.decode("utf-8", "replace")
            if shown.count(text) >= count:
                return shown
            time.sleep(0.02)
        raise AssertionError(f"never saw {text!r} in:\n{self.output.decode('utf-8', 'replace')}")

    def close(self) -> int:
        self.type(b"\x04")  # Ctrl-D on an empty line ends the shell
        code = self.proc.wait(timeout=20)
        os.close(self.master)
        return code


@pytest.fixture
def terminal(tmp_path):
    term = Terminal(tmp_path)
    yield term
    if term.proc.poll() is None:
        term.proc.kill()
        term.proc.wait()


def test_in_a_terminal_the_banner_comes_before_the_first_prompt(terminal):
    shown = terminal.wait_for("> ")
    assert shown.startswith(texts("en")("shell.welcome") + "\n\n> ")
    assert terminal.close() == 0


def test_ctrl_d_on_a_half_typed_line_sends_nothing(terminal, tmp_path):
    terminal.wait_for("> ")
    terminal.type(b"/coach start\n")
    terminal.wait_for("Who are you, what do you stand for")
    terminal.type(PURPOSE.encode() + b"\n")
    terminal.wait_for("Noted")
    terminal.type(b"half a thought")
    terminal.type(b"\x04\x04")  # Ctrl-D twice: the half line, then the end of what was typed
    shown = terminal.wait_for("Not sent")
    assert "“half a thought”" in shown
    terminal.type(b"/coach status\n")
    terminal.wait_for("== Your strategy ==")
    assert terminal.close() == 0
    strategy = Store(tmp_path / "coach.db").strategies.get(LOCAL_TEAM)
    assert strategy.value("purpose.statement") == PURPOSE
    assert "half a thought" not in str(strategy.values())


def test_a_post_pasted_after_review_in_a_terminal_is_reviewed_whole(terminal, tmp_path):
    terminal.wait_for("> ")
    terminal.type(b"/coach start\n")
    terminal.wait_for("Who are you, what do you stand for")
    # One paste: the command and the post, lines arriving together.
    terminal.type(f"/coach review {POST}\n".encode())
    shown = terminal.wait_for("== Post review ==")
    terminal.type(b"/coach status\n")
    shown = terminal.wait_for("== Your strategy ==")
    assert "example.com/linje4" in shown.split("== Post review ==")[1]  # the last line too
    assert "Noted" not in shown
    assert terminal.close() == 0
    assert Store(tmp_path / "coach.db").strategies.get(LOCAL_TEAM).values() == {}


# --- piped input, in process ------------------------------------------------------------


def _run(coach, tmp_path, data: bytes) -> str:
    out = io.StringIO()
    Shell(coach, out, export_dir=tmp_path).run(read_inputs(io.BytesIO(data), False), False)
    return out.getvalue()


@pytest.mark.parametrize(
    ("lang", "review", "done_word"),
    [
        ("en", "review", "== Post review =="),
        ("sv", "granska", "== Granskning av inlägg =="),
        ("nb", "vurder", "== Vurdering av innlegg =="),
    ],
)
def test_review_alone_takes_a_post_of_several_lines_until_a_dot(
    coach, tmp_path, lang, review, done_word
):
    script = f"/coach language {lang}\n/coach start\n/coach {review}\n{POST}\n.\n/coach status\n"
    out = _run(coach, tmp_path, script.encode())
    assert texts(lang)("shell.post_mode") in out
    assert out.count(done_word) == 1
    assert "example.com/linje4" in out.split(done_word)[1]
    assert coach.store.strategies.get(LOCAL_TEAM).values() == {}  # no line became an answer


def test_a_post_still_open_at_the_end_of_input_is_reviewed_and_answers_nothing(coach, tmp_path):
    out = _run(coach, tmp_path, f"/coach start\n/coach review instagram:\n{POST}\n".encode())
    assert out.count("== Post review ==") == 1
    assert "Instagram" in out.split("== Post review ==")[1]
    assert coach.store.strategies.get(LOCAL_TEAM).values() == {}


def test_a_last_piped_line_without_enter_is_not_sent(coach, tmp_path):
    out = _run(coach, tmp_path, f"/coach start\n{PURPOSE}\nhalf".encode())
    assert "Not sent, since the line was not finished with Enter: “half”" in out
    assert coach.store.strategies.get(LOCAL_TEAM).value("purpose.statement") == PURPOSE
    assert "half" not in str(coach.store.strategies.get(LOCAL_TEAM).values())


@pytest.mark.parametrize(
    ("lang", "unwanted"),
    [
        ("en", ["in a DM", "click"]),
        ("sv", ["i ett DM", "klicka", "DM"]),
        ("nb", ["i en DM", "klikk", "DM-en"]),
    ],
)
def test_the_terminal_speaks_of_the_terminal_not_of_slack(coach, tmp_path, lang, unwanted):
    out = _run(coach, tmp_path, f"/coach language {lang}\n/coach help\n/coach start\n".encode())
    out += _run(coach, tmp_path, b"Purpose first\n" * 1 + b"/coach campaign X 1/3 31/3\n")
    for word in unwanted:
        assert word not in out
    assert texts(lang)("shell.instead.input_choice") in out


@pytest.mark.parametrize(
    ("lang", "command", "example"),
    [("sv", "kampanj", "om 2 veckor"), ("nb", "kampanje", "om 2 uker"), ("en", "campaign", "+2w")],
)
def test_the_relative_end_date_in_the_usage_is_explained_and_works(shell, lang, command, example):
    shell.say(f"/coach language {lang}")
    usage = shell.say(f"/coach {command}")
    assert example in usage
    if lang != "en":
        assert "+2w" not in usage
    assert "15" in shell.say(f"/coach {command} Rea 1/3 {example}").split("\n")[0]


def test_a_paste_of_several_lines_in_a_terminal_is_one_answer(terminal, tmp_path):
    terminal.wait_for("> ")
    terminal.type(b"/coach start\n")
    terminal.wait_for("Who are you, what do you stand for")
    terminal.type(b"We run the region's buses.\nWe want more people to leave the car at home.\n")
    shown = terminal.wait_for("Noted")
    terminal.type(b"/coach status\n")
    terminal.wait_for("== Your strategy ==")
    assert terminal.close() == 0
    assert shown.count("Noted") == 1
    strategy = Store(tmp_path / "coach.db").strategies.get(LOCAL_TEAM)
    assert strategy.value("purpose.statement") == (
        "We run the region's buses.\nWe want more people to leave the car at home."
    )
