"""Reading note files safely: every way a file can be unusable gets a one-line reason."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

NOTE_SUFFIXES = (".md", ".markdown", ".txt")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class NoteError(Exception):
    """A note file that cannot be used; `str()` is a one-line reason naming the file."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def iter_note_files(path: Path) -> Iterator[Path]:
    """A file as itself; a directory as its note files (recursively, sorted, hidden
    files skipped). A missing path raises `NoteError`. A note-named entry that is not a
    regular file (a broken symlink, a FIFO, a socket) is yielded too, so that `load_note`
    reports it instead of it vanishing without a word."""
    if not path.exists() and not path.is_symlink():
        raise NoteError(path, "no such file or directory")
    if not path.is_dir():
        yield path
        return
    for child in sorted(path.rglob("*")):
        rel = child.relative_to(path)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if child.suffix.lower() in NOTE_SUFFIXES and not child.is_dir():
            yield child


def load_note(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The note's text, or `NoteError` saying why not (missing, too large, empty,
    binary, not UTF-8)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise NoteError(path, f"broken symbolic link (to {os.readlink(path)})") from None
        raise NoteError(path, "no such file") from None
    except OSError as exc:  # a symlink loop, a permission denied on the way
        raise NoteError(path, f"cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        raise NoteError(path, f"not a regular file (a {_kind(st.st_mode)}); not read")
    size = st.st_size
    if size > max_bytes:
        raise NoteError(
            path, f"too large ({size / 2**20:.1f} MiB; the limit is {max_bytes / 2**20:.1f} MiB)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NoteError(path, f"cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise NoteError(path, "empty file")
    if b"\x00" in data[:8192]:
        raise NoteError(path, "binary file (contains NUL bytes), not a text note")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NoteError(
            path,
            f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save it as UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
    ):
        if test(mode):
            return name
    return "special file"
