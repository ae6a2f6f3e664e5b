"""Terminal practice (issue 21, item 6): markdown rendered on a terminal, line editing and a
history of typed answers kept 0600 per data dir; plain text and input() through pipes."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import select
import stat
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from rich.console import Console

from interviewer.cli.terminal import HISTORY_NAME, Terminal, history_file
from interviewer.session.models import Chunk

CLI = [str(Path(sys.executable).parent / "interviewer")]
PROMPT = re.compile(r"^>", re.M)  # prompt_toolkit's "> " (its space is a cursor move)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\r")


def _rendered(*chunks: Chunk) -> str:
    out = io.StringIO()
    term = Terminal(
        console=Console(file=out, force_terminal=True, width=80, color_system=None),
        editing=False,
    )
    term.stream(iter(chunks))
    return ANSI.sub("", out.getvalue())


def test_markdown_is_rendered_not_printed():
    text = _rendered(
        Chunk(message=0, text="**Question 1/2** · Regularization · easy\n\nWhat is "),
        Chunk(message=0, text="dropout?"),
        Chunk(
            message=1,
            text="**Session report**\n\n| topic | questions | mean |\n| --- | --- | --- |\n"
            "| Regularization | 1 | 3.0 |",
        ),
    )
    assert "Question 1/2 · Regularization · easy" in text and "**" not in text
    assert "What is dropout?" in text
    assert "| --- |" not in text and "─" in text  # a drawn table, not pipes
    assert re.search(r"Regularization +1 +3\.0", text)


def test_without_a_terminal_the_markdown_is_text(capsys):
    term = Terminal(editing=False)  # pytest's captured stdout is no terminal
    assert term.console is None
    term.stream(iter([Chunk(message=0, text="**Question 1/1**"), Chunk(message=1, text="x")]))
    assert capsys.readouterr().out == "**Question 1/1**\n\nx\n\n"


def test_the_history_file_is_the_owners_alone(tmp_path):
    path = history_file(tmp_path / "data")
    assert path == tmp_path / "data" / HISTORY_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)
    history_file(tmp_path / "data")  # an older, wider file is narrowed
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


class _Pty:
    """A command on a pseudo-terminal, answering the cursor position requests a real
    terminal answers."""

    def __init__(self, args: list[str], env: dict[str, str]):
        self.fd, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        self.proc = subprocess.Popen(
            args, stdin=child, stdout=child, stderr=subprocess.DEVNULL, env=env, close_fds=True
        )
        os.close(child)
        self.seen = ""

    def read_until(self, needle: str | re.Pattern[str], timeout: float = 300) -> str:
        """What the terminal showed (without its control codes) once `needle` shows."""
        deadline = time.time() + timeout
        while not (
            needle.search(ANSI.sub("", self.seen))
            if isinstance(needle, re.Pattern)
            else needle in ANSI.sub("", self.seen)
        ):
            if time.time() > deadline:
                raise AssertionError(f"never saw {needle!r}; got:\n{ANSI.sub('', self.seen)}")
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536).decode(errors="replace")
            except OSError:  # the command ended
                data = ""
            if not data and self.proc.poll() is not None:
                raise AssertionError(f"ended before {needle!r}:\n{ANSI.sub('', self.seen)}")
            if "\x1b[6n" in data:
                os.write(self.fd, b"\x1b[1;1R")
            self.seen += data
        return ANSI.sub("", self.seen)

    def wait(self, timeout: float = 120) -> int:
        """The exit code, reading what the command shows meanwhile (a full terminal
        buffer would block it)."""
        deadline = time.time() + timeout
        while self.proc.poll() is None and time.time() < deadline:
            if select.select([self.fd], [], [], 0.5)[0]:
                try:
                    self.seen += os.read(self.fd, 65536).decode(errors="replace")
                except OSError:
                    break
        return self.proc.wait(timeout=max(1.0, deadline - time.time()))

    def type(self, keys: str) -> None:
        for key in keys:  # one at a time, as a person types
            os.write(self.fd, key.encode())
            time.sleep(0.05)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        os.close(self.fd)


def test_practice_on_a_terminal_renders_edits_and_remembers(data_env):
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "40"}
    args = [*CLI, "practice", "-n", "2", "--follow-ups", "0", "--lang", "en"]
    term = _Pty(args, env)
    try:
        shown = term.read_until("Question 1/2")
        assert "**Question" not in shown  # rendered bold, not asterisks
        term.read_until(PROMPT, timeout=60)
        # typed "kip", then Home (Ctrl-A) and "s": line editing makes it "skip"
        term.type("kip\x01s\r")
        term.read_until(re.compile(r"Question 2/2[^>]*\n>"))
        assert "Skipped" in term.seen
        term.type("\x04")  # Ctrl-D stops; the session stays unfinished
        assert term.wait() == 0
    finally:
        term.close()
    kept = data_env / HISTORY_NAME
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert "+skip" in kept.read_text(encoding="utf-8").splitlines()

    # the next session: Up brings back the earlier answer
    term = _Pty([*CLI, "practice", "--resume"], env)
    try:
        term.read_until("Question 2/2")
        term.read_until(PROMPT, timeout=60)
        term.type("\x1b[A\r")  # the Up arrow, then Enter
        shown = term.read_until("Session report")
        assert "Answered 0, skipped 2" in shown
        assert not re.search(r"^\| topic", shown, re.M)  # the report's table is drawn
        assert term.wait() == 0
    finally:
        term.close()
