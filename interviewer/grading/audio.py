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

    def __init__(self, folder: Path, transcribe: Callable[[Path], str]):
        self.folder = folder.resolve()
        self._transcribe = transcribe
        self._done: dict[str, str | ValueError] = {}

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

    def text(self, value: str) -> str:
        """The words spoken in the file; ValueError (one line, naming `value` as given)
        when it cannot be used."""
        if value not in self._done:
            try:
                path = self.path_of(value)
            except ValueError as exc:
                self._done[value] = exc
            else:
                try:
                    self._done[value] = self._transcribe(path)
                except ValueError as exc:  # voice.AudioError is one: "PATH: why"
                    why = str(exc).replace(str(path), repr(value))
                    self._done[value] = ValueError(f"audio {why}")
        got = self._done[value]
        if isinstance(got, ValueError):
            raise got
        return got
