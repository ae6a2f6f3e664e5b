"""The rows of a file of answers to grade (`.jsonl` or `.csv`): one row per record, in order.

A JSONL record ends at "\\n" (or "\\r\\n") only: U+2028, U+0085 and the other characters
`str.splitlines` breaks at are text inside a JSON string, and `json.dumps(...,
ensure_ascii=False)` writes them raw. A CSV record may hold quoted newlines; they stay in
the cell. A record that cannot be used still gives a row, holding `_error` (the problem,
with its line) and whatever fields could be read, so that it gets its output row and the
run goes on: invalid JSON, JSON nested too deep, a number of more than 4,300 digits (kept as its digits), an
escaped unpaired surrogate (replaced by U+FFFD in the row kept), a row over
MAX_ROW_CHARS, a CSV record with more cells than the header. Only a file that cannot be
read at all raises InputError.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from functools import partial
from pathlib import Path
from typing import Any, cast

# characters in one row (its fields as JSON): a longer row is an error row, not graded. An
# answer is graded on its first 4,000 characters (grading.text.MAX_ANSWER_CHARS) anyway.
MAX_ROW_CHARS = 64 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads joins escaped pairs: these are lone


class InputError(Exception):
    """The input (or output) file cannot be used at all (exit code 2)."""


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a `.jsonl` or `.csv` file; InputError when the file is unusable."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".csv"):
        raise InputError(f"{path}: unsupported input type {suffix or '(none)'}; use .jsonl or .csv")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte offset {exc.start})") from None
    if suffix == ".jsonl":
        return list(_jsonl_rows(text))
    return list(_csv_rows(text, path))


def _jsonl_rows(text: str):
    for no, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        problem, huge = None, cast(list[str], [])
        try:
            row = json.loads(line, parse_int=partial(_int, huge=huge))
        except json.JSONDecodeError as exc:
            problem = f"not valid JSON ({exc.msg})"
        except RecursionError:
            problem = "not valid JSON (nested too deeply)"
        else:
            if not isinstance(row, dict):
                problem = "not a JSON object"
        if problem:
            yield {"_error": f"line {no}: {problem}"}
            continue
        row = _checked(row, no)
        if huge and "_error" not in row:
            row["_error"] = (
                f"line {no}: a number of more than {_max_digits()} digits (kept as text)"
            )
        yield row


def _max_digits() -> int:
    return sys.get_int_max_str_digits() or 4300


def _int(digits: str, huge: list[str]) -> int | str:
    """An integer; its digits as text past Python's limit, noted in `huge`."""
    if len(digits.lstrip("-")) > _max_digits():
        huge.append(digits)
        return digits
    return int(digits)


def _csv_rows(text: str, path: Path):
    csv.field_size_limit(2**31 - 1)  # cells are limited per row below, with an error row
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"{path}: unreadable CSV header ({exc})") from None
    if not header:
        raise InputError(f"{path}: empty CSV (no header row)")
    while True:
        no = reader.line_num + 1
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            yield {"_error": f"line {no}: unreadable CSV record ({exc})"}
            continue
        if cells is None:
            return
        if not cells:  # a blank line
            continue
        row: dict[str, Any] = dict(zip(header, cells))
        for key in header[len(cells) :]:  # a short record: its missing cells
            row.setdefault(key, None)
        if len(cells) > len(header):
            row["_error"] = f"line {no}: {len(cells)} cells but the header has {len(header)}"
            yield row
            continue
        yield _checked(row, no)


def _checked(row: dict[str, Any], no: int) -> dict[str, Any]:
    """The row, or the row with `_error` when it cannot be graded or written as it is."""
    try:
        text = json.dumps(row, ensure_ascii=False)
    except (ValueError, RecursionError) as exc:  # not reachable from json.loads / csv
        return {"_error": f"line {no}: cannot be written back as JSON ({exc})"}
    if _SURROGATE.search(text):
        where = [k for k, v in row.items() if _SURROGATE.search(json.dumps(v, ensure_ascii=False))]
        row = json.loads(_SURROGATE.sub("\ufffd", text))
        names = ", ".join(map(repr, where)) or "a field name"
        row["_error"] = (
            f"line {no}: an unpaired surrogate (an escape such as \\ud83d alone) in "
            f"{names}; replaced by U+FFFD"
        )
        return row
    if len(text) > MAX_ROW_CHARS:
        longest = max(row, key=lambda k: len(json.dumps(row[k], ensure_ascii=False)))
        row["_error"] = (
            f"line {no}: row too long ({len(text):,} characters, most of them in "
            f"{longest!r}; the limit is {MAX_ROW_CHARS:,})"
        )
    return row
