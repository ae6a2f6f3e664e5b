"""The output file of a batch run: never the input, resumed only when it is this input's.

- OUTPUT may not be INPUT (nor a link to it).
- Before a run appends, every complete line already in OUTPUT must be the output row of
  the input row at the same place: a JSON object with the grade fields and the same input
  fields. Otherwise OUTPUT is another input's grades, or not grades at all, and the run
  stops with one line rather than mixing them or cutting anything.
- A last line without its newline is a row a crash cut short only when it is the start of
  the output row of the next input row; then it is cut off and that row graded again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from interviewer.grading.rows import InputError

# what `batch.finish_row` adds to the input fields; OUT_REQUIRED are in every output row
OUT_FIELDS = frozenset({"score", "max_score", "points", "misconceptions", "feedback", "flags",
                        "item_id", "match_score", "grader", "rubric_version", "error"})
OUT_REQUIRED = frozenset({"score", "max_score", "error", "grader"})


def check_paths(input_path: Path, output: Path) -> None:
    """InputError when OUTPUT is the input file, or a directory."""
    if output.is_dir():
        raise InputError(f"{output}: is a directory; -o needs a file name")
    if output.exists() and input_path.exists() and os.path.samefile(input_path, output):
        raise InputError(f"{output} is the input file: the graded rows need a file of their "
                         "own; choose another -o")


def resume_point(rows: list[dict[str, Any]], output: Path, input_path: Path,
                 cut: bool = True) -> int:
    """How many rows OUTPUT already holds, after cutting off a row a crash left unfinished
    (when `cut`); InputError when OUTPUT holds anything
    but the output rows of `rows`' first rows."""
    if not output.exists():
        return 0
    data = output.read_bytes()
    end = data.rfind(b"\n") + 1
    lines, tail = data[:end].split(b"\n")[:-1], data[end:]
    if len(lines) > len(rows):
        raise InputError(f"{output} has {len(lines)} rows but {input_path} only {len(rows)}: "
                         "is it the output of another input? Choose another -o")
    for no, (line, row) in enumerate(zip(lines, rows), 1):
        if not _is_output_of(line, row):
            raise InputError(f"{output}: line {no} is not the graded row {no} of {input_path}"
                             ": is it the output of another input? Choose another -o")
    if tail:
        if len(lines) == len(rows) or not tail.startswith(_head(rows[len(lines)])[:len(tail)]):
            raise InputError(f"{output}: its last line (no newline) is not a row cut short by "
                             f"a crash while grading {input_path}; choose another -o")
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
    return all(key in got and _dumps(got[key]) == _dumps(value)
               for key, value in row.items() if key not in OUT_FIELDS)


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
