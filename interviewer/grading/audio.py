"""Answers given as audio files in a batch: a row's `audio` field names a file, relative
to the input file's folder, read into text by a transcriber the caller supplies (the CLI
passes interviewer.voice's). The path is untrusted: an absolute path, `..` or a link that
leads outside that folder is refused, as the row's error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


class AudioAnswers:
    """The transcripts of a batch's `audio` fields, each file read once."""

    def __init__(self, folder: Path, transcribe: Callable[[Path, str | None], str]):
        """`transcribe(path, question)`: the words spoken in the file (the question helps
        with its terms); ValueError when the file is not usable audio."""
        self.folder = folder.resolve()
        self._transcribe = transcribe
        self._done: dict[tuple[str, str | None], str | ValueError] = {}

    @staticmethod
    def wanted(row: dict[str, Any]) -> bool:
        """The row answers by audio: an `audio` path and no written answer."""
        answer = row.get("answer")
        audio = row.get("audio")
        return isinstance(audio, str) and not (isinstance(answer, str) and answer.strip())

    def path_of(self, value: str) -> Path:
        """The file `value` names inside the folder; ValueError when it leads elsewhere."""
        if not value.strip() or "\0" in value:
            raise ValueError(f"audio {value!r}: not a file name")
        given = Path(value)
        if given.is_absolute():
            raise ValueError(
                f"audio {value!r}: an absolute path; give it relative to the input file"
            )
        full = (self.folder / given).resolve()
        if not full.is_relative_to(self.folder):
            raise ValueError(f"audio {value!r}: outside the input file's folder")
        return full

    def text(self, value: str, question: str | None = None) -> str:
        """The words spoken in the file; ValueError (one line, naming `value` as given)
        when it cannot be used."""
        key = (value, question)
        if key not in self._done:
            try:
                path = self.path_of(value)
            except ValueError as exc:
                self._done[key] = exc
            else:
                try:
                    self._done[key] = self._transcribe(path, question)
                except ValueError as exc:  # voice.AudioError is one: "PATH: why"
                    why = str(exc).replace(str(path), repr(value))
                    self._done[key] = ValueError(f"audio {why}")
        got = self._done[key]
        if isinstance(got, ValueError):
            raise got
        return got
