"""The graded rows of a batch run as a table: the CSV a CSV input gets back (the app's
download, `interviewer grade --csv`) and the app's preview of the first rows. Both are read
from the run's output (`.jsonl`, see grading.batch), so they hold every row, graded in
this run or an earlier one."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from interviewer.grading.output import OUT_FIELDS

# after the input's own columns, in this order
GRADE_COLUMNS = (
    "score",
    "max_score",
    "verdict",
    "error",
    "flags",
    "feedback",
    "item_id",
    "match_score",
    "grader",
    "rubric_version",
    "points",
    "misconceptions",
)
PREVIEW_COLUMNS = ("id", "question", "score", "verdict", "error")
PREVIEW_ROWS = 20
# the guards worth naming beside the points' verdicts (grading.md#guards)
_GUARDS = ("empty", "dont_know", "off_topic", "keyword_list", "injection_suspected", "too_long")
_VERDICTS = (("covered", "covered"), ("partial", "partial"), ("missing", "missing"))
# a cell a spreadsheet would run as a formula (CSV injection) starts with one of these
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def verdict(row: dict[str, Any]) -> str:
    """A graded row in a few words: its key points by verdict, then the guards that
    fired ("2 covered, 1 missing, 1 wrong; off_topic"); "" for a row with an error."""
    if row.get("error") is not None or row.get("score") is None:
        return ""
    counts = Counter(p.get("verdict") for p in row.get("points") or [] if isinstance(p, dict))
    words = [f"{counts[v]} {name}" for v, name in _VERDICTS if counts[v]]
    if counts["contradicted"]:
        words.append(f"{counts['contradicted']} wrong")
    guards = [f for f in _GUARDS if f in (row.get("flags") or [])]
    return ", ".join(words) + ("; " if words and guards else "") + ", ".join(guards)


def graded_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a run's output, in order (a last line cut short by a crash is skipped)."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.endswith("\n"):
                yield json.loads(line)


def preview(path: Path, limit: int = PREVIEW_ROWS) -> list[list[Any]]:
    """The first `limit` rows as PREVIEW_COLUMNS: id, question (cut at 120 characters),
    score, verdict, error."""
    out = []
    for no, row in enumerate(graded_rows(path), 1):
        if no > limit:
            break
        question = row.get("question")
        question = question if isinstance(question, str) else ""
        out.append(
            [
                _text(row.get("id", no)),
                question[:117] + "..." if len(question) > 120 else question,
                row.get("score"),
                verdict(row),
                row.get("error") or "",
            ]
        )
    return out


def write_csv(graded: Path, dest: Path) -> int:
    """The rows of the output `graded` as CSV at `dest`: the input's columns in their
    order, then GRADE_COLUMNS. Lists are joined with "; " (points as JSON); a cell a
    spreadsheet would take for a formula is prefixed with "'". Returns the row count."""
    rows = list(graded_rows(graded))
    inputs: dict[str, None] = {}
    for row in rows:
        inputs.update((k, None) for k in row if k not in OUT_FIELDS)
    header = [*(k for k in inputs if k not in GRADE_COLUMNS), *GRADE_COLUMNS]
    tmp = dest.with_name(dest.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            cells = {**{k: _cell(row.get(k)) for k in inputs}, **_grade_cells(row)}  # grade wins
            writer.writerow([cells.get(k, "") for k in header])
    tmp.replace(dest)
    return len(rows)


def _grade_cells(row: dict[str, Any]) -> dict[str, str]:
    return {
        "score": _number(row.get("score")),
        "max_score": _number(row.get("max_score")),
        "verdict": verdict(row),
        "error": _cell(row.get("error")),
        "flags": "; ".join(map(str, row.get("flags") or [])),
        "feedback": _cell(row.get("feedback")),
        "item_id": _cell(row.get("item_id")),
        "match_score": _number(row.get("match_score")),
        "grader": _cell(row.get("grader")),
        "rubric_version": _cell(row.get("rubric_version")),
        "points": json.dumps(row.get("points") or [], ensure_ascii=False)
        if row.get("points")
        else "",
        "misconceptions": _cell("; ".join(map(str, row.get("misconceptions") or []))),
    }


def _number(value: Any) -> str:
    return "" if value is None else str(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _cell(value: Any) -> str:
    text = _text(value)
    return "'" + text if text.startswith(_FORMULA) else text
