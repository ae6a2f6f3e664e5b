"""Grade a file of written answers: one output row per input row, in order, resumable.

Input rows (`.jsonl` or `.csv`) need `question` and `answer`; `id` and `reference` are
optional. Without a reference the question is matched to a corpus item through the store;
a weak match is flagged `no_reference_match` and graded against the derived rubric of the
best match. Output (`.jsonl`) rows are the input fields plus the grade. Each row is
written and flushed as soon as it is graded, so a re-run skips the rows already there.
"""

from __future__ import annotations

import csv
import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from interviewer.corpus.items import Item
from interviewer.corpus.lang import detect_lang
from interviewer.grading.models import Grade
from interviewer.rubric.derive import derive_rubric
from interviewer.rubric.loader import RubricBook
from interviewer.rubric.models import Rubric
from interviewer.store.store import ItemStore

# question-to-item similarity below which the match is not trusted; measured by
# evals/match_threshold.py (README, Batch grading)
MATCH_THRESHOLD = 0.88


class InputError(Exception):
    """The input file cannot be read at all (exit code 2)."""


class Grader(Protocol):
    name: str

    def grade(self, item: Item, rubric: Rubric, answer: str) -> Grade: ...


@dataclass(frozen=True)
class Target:
    """What one row is graded against."""

    item: Item
    rubric: Rubric
    item_id: str | None  # the corpus item, when matched through the store
    match_score: float | None
    flags: tuple[str, ...] = ()


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a `.jsonl` or `.csv` file; InputError when the file is unusable."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte offset {exc.start})") from None
    if suffix == ".jsonl":
        rows = []
        for no, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                row = {"_error": f"line {no}: not valid JSON ({exc.msg})"}
            rows.append(row if isinstance(row, dict) else {"_error": f"line {no}: not a JSON object"})
        return rows
    if suffix == ".csv":
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames:
            raise InputError(f"{path}: empty CSV (no header row)")
        return [dict(r) for r in reader]
    raise InputError(f"{path}: unsupported input type {suffix or '(none)'}; use .jsonl or .csv")


def _row_problem(row: dict[str, Any]) -> str | None:
    if "_error" in row:
        return row["_error"]
    for key in ("question", "answer"):
        if not isinstance(row.get(key), str):
            return f"missing or non-text field {key!r}"
    if not row["question"].strip():
        return "empty question"
    return None


class Resolver:
    """Finds the item and rubric a row is graded against."""

    def __init__(self, store: ItemStore, rubrics: RubricBook):
        self.store = store
        self.rubrics = rubrics

    def rubric_for(self, item: Item) -> Rubric:
        return self.rubrics.get(item.id) or derive_rubric(item)

    def resolve(self, row: dict[str, Any]) -> Target:
        question = row["question"].strip()
        reference = row.get("reference")
        if isinstance(reference, str) and reference.strip():
            rid = hashlib.sha1(f"{question}\x1f{reference}".encode()).hexdigest()[:10]
            item = Item(id=f"input-{rid}", question=question, answer=reference.strip(),
                        source="(input reference)", lines=(1, 1), section="",
                        lang=detect_lang(question + "\n" + reference), answer_kind="text")
            return Target(item, derive_rubric(item), None, None)
        hits = self.store.search(question, 1)
        if not hits:
            raise LookupError("no reference given and the store is empty")
        hit = hits[0]
        if hit.score >= MATCH_THRESHOLD:
            return Target(hit.item, self.rubric_for(hit.item), hit.item.id, hit.score)
        return Target(hit.item, derive_rubric(hit.item), hit.item.id, hit.score,
                      ("no_reference_match",))


def grade_row(row: dict[str, Any], grader: Grader, resolver: Resolver | _LockedResolver) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k != "_error"}
    problem = _row_problem(row)
    if problem is None:
        try:
            target = resolver.resolve(row)
            if target.item.answer_kind == "image":
                raise ValueError(f"item {target.item.id} has only an image as its answer")
            grade = grader.grade(target.item, target.rubric, row["answer"])
        except (LookupError, ValueError) as exc:
            problem = str(exc)
    if problem is not None:
        return {**out, "score": None, "max_score": 10.0, "points": [], "feedback": "",
                "flags": [], "item_id": None, "match_score": None, "grader": grader.name,
                "error": problem}
    return {
        **out,
        "score": grade.score,
        "max_score": grade.max_score,
        "points": [p.model_dump() for p in grade.points],
        "misconceptions": grade.misconceptions,
        "feedback": grade.feedback,
        "flags": list(dict.fromkeys([*target.flags, *grade.flags])),
        "item_id": target.item_id,
        "match_score": target.match_score,
        "grader": grade.grader,
        "rubric_version": grade.rubric_version,
        "error": None,
    }


def _done_rows(output: Path) -> int:
    """Complete rows already in OUTPUT; a torn last line (a crash mid-write) is cut off."""
    if not output.exists():
        return 0
    data = output.read_bytes()
    keep = data[: data.rfind(b"\n") + 1]
    if len(keep) != len(data):
        output.write_bytes(keep)
    return keep.count(b"\n")


class _LockedResolver:
    """A resolver shared by worker threads: the store and embedder see one call at a time."""

    def __init__(self, resolver: Resolver):
        self._resolver = resolver
        self._lock = threading.Lock()

    def resolve(self, row: dict[str, Any]) -> Target:
        with self._lock:
            return self._resolver.resolve(row)


def grade_file(
    input_path: Path,
    output: Path,
    grader: Grader,
    resolver: Resolver,
    on_row: Callable[[], None] | None = None,
    workers: int = 1,
) -> Iterator[dict[str, Any]]:
    """Grade every row not yet in `output`, appending as it goes; yields the new rows.

    `workers` > 1 grades that many rows at once (for graders waiting on a remote LLM; the
    grader must be thread-safe); rows are still written in input order."""
    rows = read_rows(input_path)
    done = _done_rows(output)
    if done > len(rows):
        raise InputError(f"{output} has {done} rows but {input_path} only {len(rows)}: "
                         "is it the output of another input?")
    output.parent.mkdir(parents=True, exist_ok=True)
    shared = _LockedResolver(resolver) if workers > 1 else resolver
    with output.open("a", encoding="utf-8") as fh, ThreadPoolExecutor(max(1, workers)) as pool:
        todo = rows[done:]
        results = (pool.map(lambda row: grade_row(row, grader, shared), todo) if workers > 1
                   else (grade_row(row, grader, shared) for row in todo))
        for result in results:
            fh.write(json.dumps(result, ensure_ascii=False) + "\n")
            fh.flush()
            if on_row:
                on_row()
            yield result
