"""The terminal `interviewer practice` talks through. On a terminal: the interviewer's
markdown is rendered (rich: bold, lists, tables, code), and answers are typed with line
editing and a history of earlier answers (prompt_toolkit; Up recalls, Ctrl-R searches),
kept per data dir in a file only its owner may read. Anything else (a pipe, a file, a
test's captured output) gets the markdown as text and a plain `input()`, as before."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from prompt_toolkit import PromptSession
    from rich.console import Console

    from interviewer.session.models import Chunk

HISTORY_NAME = "practice_history"  # in the data dir


def history_file(data_dir: Path) -> Path:
    """The file of typed answers in `data_dir`, created if need be, mode 0600 (answers
    may say more about their author than they meant to)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / HISTORY_NAME
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    os.chmod(path, 0o600)  # an older, wider file is narrowed too
    return path


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or fake stream
        return False


class Terminal:
    """Reads answers and shows the interviewer's messages. `console`: render markdown on
    it (default: a rich console on stdout when stdout is a terminal); `editing`: read
    with prompt_toolkit (default: when stdin and stdout are terminals)."""

    def __init__(
        self,
        history: Path | None = None,
        *,
        console: Console | None = None,
        editing: bool | None = None,
    ):
        if console is None and _is_tty(sys.stdout):
            from rich.console import Console

            console = Console(highlight=False, soft_wrap=False)
        self.console = console
        if editing is None:
            editing = _is_tty(sys.stdin) and _is_tty(sys.stdout)
        self._prompt: PromptSession[str] | None = None
        if editing:
            from prompt_toolkit import PromptSession
            from prompt_toolkit.history import FileHistory, InMemoryHistory

            kept = FileHistory(str(history)) if history is not None else InMemoryHistory()
            self._prompt = PromptSession(history=kept)

    def read(self, prompt: str = "> ") -> str:
        """One answer; EOFError on end of input or Ctrl-C (the candidate stops)."""
        if self._prompt is None:
            return input(prompt)
        try:
            return self._prompt.prompt(prompt)
        except KeyboardInterrupt:
            raise EOFError from None

    def show(self, text: str) -> None:
        """One whole message."""
        if self.console is None:
            print(text + "\n", flush=True)
        else:
            self.console.print(_markdown(text))
            self.console.print()

    def stream(self, chunks: Iterable[Chunk]) -> None:
        """A reply's messages as they come: text as it arrives; on a terminal, each
        message re-rendered live while it streams, then printed whole."""
        if self.console is None:
            current = 0
            for chunk in chunks:
                if chunk.message != current:
                    print("\n", flush=True)
                    current = chunk.message
                print(chunk.text, end="", flush=True)
            print("\n", flush=True)
            return
        from rich.live import Live

        texts: list[str] = []
        live: Live | None = None
        try:
            for chunk in chunks:
                if chunk.message >= len(texts):
                    if live is not None:
                        live.stop()
                        self.show(texts[-1])
                    texts.append("")
                    live = Live(
                        console=self.console,
                        refresh_per_second=8,
                        transient=True,
                        vertical_overflow="ellipsis",
                    )
                    live.start()
                texts[-1] += chunk.text
                if live is not None:
                    live.update(_markdown(texts[-1]))
        finally:
            if live is not None:
                live.stop()
        if texts:
            self.show(texts[-1])


def _markdown(text: str):
    from rich.markdown import Markdown

    return Markdown(text, code_theme="ansi_dark", inline_code_theme="ansi_dark")
