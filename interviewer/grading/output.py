"""The output file of a batch run: never the input, one run at a time, resumed only when
it is this input's.

- OUTPUT may not be INPUT (nor a link to it).
- A run holds an exclusive lock while it writes OUTPUT (`flock` on `OUTPUT.lock`, which
  holds its pid); a second run on the same OUTPUT stops at once and names the first.
- Before a run appends, every complete line already in OUTPUT must be the output row of
  the input row at the same place: a JSON object with the grade fields and the same input
  fields. Otherwise OUTPUT is another input's grades, or not grades at all, and the run
  stops with one line rather than mixing them or cutting anything.
- A last line without its newline is a row a crash cut short only when it is the start of
  the output row of the next input row; then it is cut off and that row graded again.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from interviewer.grading.rows import InputError

# what `batch.finish_row` adds to the input fields; OUT_REQUIRED are in every output row
OUT_FIELDS = frozenset(
    {
        "score",
        "max_score",
        "points",
        "misconceptions",
        "feedback",
        "flags",
        "item_id",
        "match_score",
        "grader",
        "rubric_version",
        "error",
        "transcript",  # a spoken answer's (grading.audio)
    }
)
OUT_REQUIRED = frozenset({"score", "max_score", "error", "grader"})


class OutputBusy(InputError):
    """Another run is writing the same output file."""


def check_paths(input_path: Path, output: Path) -> None:
    """InputError when OUTPUT is the input file, or a directory."""
    if output.is_dir():
        raise InputError(f"{output}: is a directory; -o needs a file name")
    if output.exists() and input_path.exists() and os.path.samefile(input_path, output):
        raise InputError(
            f"{output} is the input file: the graded rows need a file of their "
            "own; choose another -o"
        )


def output_path(folder: Path, user: str, source: Path) -> Path:
    """Where the app writes the graded rows of an uploaded file for `user`: a folder per
    user, and a file per content, so that uploading the same file again resumes it and
    two users never share one."""
    digest = hashlib.sha1(source.read_bytes()).hexdigest()[:10]
    return folder / _safe_name(user) / f"{_safe_name(source.stem)}-{digest}.graded.jsonl"


def _safe_name(text: str) -> str:
    """A file name made of `text`'s letters and digits plus a hash of it (unique, tame)."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_")[:40] or "_"
    return f"{slug}-{hashlib.sha1(text.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


@contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """Hold the exclusive lock of OUTPUT's writer; OutputBusy when another run holds it."""
    lock_path = output.with_name(output.name + ".lock")
    while True:
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise InputError(f"{output}: cannot write here ({exc.strerror})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise InputError(f"{lock_path}: cannot lock ({exc.strerror})") from None
            raise OutputBusy(
                f"{output} is being written by another run (pid {pid}); wait "
                "for it to finish, or choose another -o"
            ) from None
        try:  # the holder before us may have removed the file between our open and lock
            same = os.stat(lock_path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        with suppress(FileNotFoundError):
            os.unlink(lock_path)  # still holding it: a run that opened this inode retries
        os.close(fd)


def resume_point(
    rows: list[dict[str, Any]], output: Path, input_path: Path, cut: bool = True
) -> int:
    """How many rows OUTPUT already holds, after cutting off a row a crash left unfinished
    (when `cut`; call it holding `output_lock` then); InputError when OUTPUT holds anything
    but the output rows of `rows`' first rows."""
    if not output.exists():
        return 0
    data = output.read_bytes()
    end = data.rfind(b"\n") + 1
    lines, tail = data[:end].split(b"\n")[:-1], data[end:]
    if len(lines) > len(rows):
        raise InputError(
            f"{output} has {len(lines)} rows but {input_path} only {len(rows)}: "
            "is it the output of another input? Choose another -o"
        )
    for no, (line, row) in enumerate(zip(lines, rows), 1):
        if not _is_output_of(line, row):
            raise InputError(
                f"{output}: line {no} is not the graded row {no} of {input_path}"
                ": is it the output of another input? Choose another -o"
            )
    if tail:
        if len(lines) == len(rows) or not tail.startswith(_head(rows[len(lines)])[: len(tail)]):
            raise InputError(
                f"{output}: its last line (no newline) is not a row cut short by "
                f"a crash while grading {input_path}; choose another -o"
            )
        if cut:
            with output.open("r+b") as fh:
                fh.truncate(end)
    return len(lines)


def _is_output_of(line: bytes, row: dict[str, Any]) -> bool:
    try:
        got = json.loads(line)
    except (ValueError, RecursionError):
        return False
    if not isinstance(got, dict) or not OUT_REQUIRED <= got.keys():
        return False
    if "_error" in row:
        return got["error"] is not None and got["score"] is None
    return all(
        key in got and _dumps(got[key]) == _dumps(value)
        for key, value in row.items()
        if key not in OUT_FIELDS
    )


def _head(row: dict[str, Any]) -> bytes:
    """How the output row of `row` begins: its input fields before the first grade field."""
    head = {}
    for key, value in row.items():
        if key == "_error":
            continue
        if key in OUT_FIELDS:
            break
        head[key] = value
    return _dumps(head).encode()[:-1]  # without the closing brace


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
