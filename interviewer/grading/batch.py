"""Grade a file of written answers: one output row per input row, in order, resumable.

Input rows (`.jsonl` or `.csv`) need `question` and `answer`; `id` and `reference` are
optional. With an `AudioAnswers` (grading.audio), a row may give `audio` (a file, relative
to the input file) in place of `answer`: it is graded on the transcript, written as
`transcript`. Without a reference the row is routed to a corpus item by its question and answer
(grading.routing); a row no item is likely enough for is not graded: `score: null`,
`no_reference_match` and the reason in `error`. Output (`.jsonl`) rows are the input fields plus the grade; a row that
cannot be graded (an empty answer among them) gets `score: null` and an `error`. Each row
is written and flushed as soon as it is graded, so a re-run skips the rows already there,
once it has checked they are this input's (grading.output, which also keeps a second run
off the same output). Rows can be graded on several processes (`workers`) or, for graders
waiting on a remote model, several at a time on threads (`concurrency`); the output is the
same.
"""

from __future__ import annotations

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
from interviewer.grading.audio import AudioAnswers
from interviewer.grading.examples import GradedExample
from interviewer.grading.models import Grade
from interviewer.grading.output import check_paths, output_lock, resume_point
from interviewer.grading.parallel import pool_for
from interviewer.grading.peers import PeerBank
from interviewer.grading.routing import Router
from interviewer.grading.rows import InputError, read_rows
from interviewer.rubric.derive import derive_rubric
from interviewer.rubric.loader import RubricBook
from interviewer.rubric.models import Rubric
from interviewer.store.store import ItemStore

# a question is embedded whole to find its item, and the embedder's time grows faster than
# the text (20,000 characters took 49 s here); the corpus's longest question has 240
MAX_QUESTION_CHARS = 2000


class Grader(Protocol):
    name: str

    def grade(self, item: Item, rubric: Rubric, answer: str) -> Grade: ...


@dataclass(frozen=True)
class Target:
    """What one row is graded against."""

    item: Item
    rubric: Rubric
    item_id: str | None  # the corpus item, when matched through the store
    match_score: float | None  # the routing's confidence (0..1), when matched
    flags: tuple[str, ...] = ()


class NoReferenceMatch(LookupError):
    """No corpus item is likely enough to be what the row's question asks."""


def _row_problem(row: dict[str, Any], audio: bool = False) -> str | None:
    """Why the row cannot be graded, or None. `audio`: an `audio` field may stand in for
    the answer."""
    if "_error" in row:
        return row["_error"]
    for key in ("question", "answer"):
        if key == "answer" and audio and AudioAnswers.wanted(row):
            continue
        if not isinstance(row.get(key), str):
            return f"missing or non-text field {key!r}"
    if not row["question"].strip():
        return "empty question"
    if len(row["question"]) > MAX_QUESTION_CHARS:
        return (
            f"question too long ({len(row['question']):,} characters; the limit is "
            f"{MAX_QUESTION_CHARS:,})"
        )
    return None


class Resolver:
    """Finds the item and rubric a row is graded against, and its answer (`audio`: the
    transcripts of rows answered by an audio file; None: such rows have no answer)."""

    def __init__(
        self,
        store: ItemStore,
        rubrics: RubricBook,
        audio: AudioAnswers | None = None,
        router: Router | None = None,
    ):
        self.store = store
        self.rubrics = rubrics
        self.audio = audio
        self.router = router or Router(store)
        self._routes: dict[tuple[str, str], Any] = {}  # files repeat questions and answers

    def answer(self, row: dict[str, Any]) -> tuple[str, str | None]:
        """The row's answer and, when it was spoken, the transcript it is; ValueError when
        the audio cannot be read."""
        if self.audio is not None and AudioAnswers.wanted(row):
            text = self.audio.text(row["audio"], row.get("question"))
            return text, text
        return row["answer"], None

    def rubric_for(self, item: Item) -> Rubric:
        return self.rubrics.get(item.id) or derive_rubric(item)

    def resolve(self, row: dict[str, Any]) -> Target:
        """The row's target; NoReferenceMatch when no corpus item is likely enough."""
        question = row["question"].strip()
        reference = row.get("reference")
        if isinstance(reference, str) and reference.strip():
            rid = hashlib.sha1(f"{question}\x1f{reference}".encode()).hexdigest()[:10]
            item = Item(
                id=f"input-{rid}",
                question=question,
                answer=reference.strip(),
                source="(input reference)",
                lines=(1, 1),
                section="",
                lang=detect_lang(question + "\n" + reference),
                answer_kind="text",
            )
            return Target(item, derive_rubric(item), None, None)
        answer = row.get("answer") if isinstance(row.get("answer"), str) else ""
        key = (question, answer)
        if key not in self._routes:
            self._routes[key] = self.router.route(question, answer)
        route = self._routes[key]
        if route.item is None:
            best = route.best.question.splitlines()[0][:60] if route.best else ""
            raise NoReferenceMatch(
                f"no_reference_match: no corpus item is likely enough (best {best!r}, "
                f"confidence {route.confidence:.2f} < {self.router.settings.min_confidence}); "
                "give a `reference` to grade this row"
            )
        return Target(route.item, self.rubric_for(route.item), route.item.id, route.confidence)


@dataclass(frozen=True)
class Prepared:
    """A row and what it is graded against, or why it cannot be graded."""

    row: dict[str, Any]
    target: Target | None
    problem: str | None
    answer: str = ""  # what is graded: the row's answer, or its audio's transcript
    transcript: str | None = None  # when the answer was spoken
    flags: tuple[str, ...] = ()  # of a row that cannot be graded


def prepare_row(row: dict[str, Any], resolver: Resolver) -> Prepared:
    """Check the row and find its target (needs the store, so done in the main process)."""
    problem = _row_problem(row, audio=getattr(resolver, "audio", None) is not None)
    if problem is not None:
        return Prepared(row, None, problem)
    try:
        target = resolver.resolve(row)
    except NoReferenceMatch as exc:
        return Prepared(row, None, str(exc), flags=("no_reference_match",))
    except (LookupError, ValueError) as exc:
        return Prepared(row, None, str(exc))
    if target.item.answer_kind == "image":
        return Prepared(row, None, f"item {target.item.id} has only an image as its answer")
    try:
        answer, transcript = resolver.answer(row)
    except ValueError as exc:
        return Prepared(row, None, str(exc))
    if not answer.strip():  # nothing to grade: no score, not a 0 it never earned
        return Prepared(row, None, "empty answer", answer, transcript)
    return Prepared(row, target, None, answer, transcript)


def finish_row(prepared: Prepared, grader: Grader) -> dict[str, Any]:
    """The output row: the input fields plus the grade, or `score: null` and an error."""
    out = {k: v for k, v in prepared.row.items() if k != "_error"}
    if prepared.transcript is not None:
        out["transcript"] = prepared.transcript
    problem, target = prepared.problem, prepared.target
    if target is not None:
        try:
            grade = grader.grade(target.item, target.rubric, prepared.answer)
        except (LookupError, ValueError) as exc:
            problem = str(exc)
    if problem is not None:
        return {
            **out,
            "score": None,
            "max_score": 10.0,
            "points": [],
            "feedback": "",
            "flags": list(prepared.flags),
            "item_id": None,
            "match_score": None,
            "grader": grader.name,
            "error": problem,
        }
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


def read_examples(path: Path, resolver: Resolver) -> list[GradedExample]:
    """Answers already scored by a person (`question`, `answer`, `score`, optional
    `max_score` (default 10) and `reference`), each attached to the item its question
    resolves to as input rows are. InputError naming the row when one is unusable: a
    wrong score would skew every answer that leans on it."""
    examples = []
    for no, row in enumerate(read_rows(path), 1):
        problem = _row_problem(row)
        score, top = row.get("score"), row.get("max_score")
        top = 10 if top in (None, "") else top  # an empty CSV cell: the default
        if problem is None and score in (None, ""):
            problem = "missing field 'score'"
        if problem is None:
            try:
                score, top = float(score), float(top)
            except (TypeError, ValueError):
                problem = f"score {score!r} / max_score {top!r} is not a number"
            else:
                if top <= 0 or not 0 <= score <= top:
                    problem = f"score {score:g} is outside 0..{top:g}"
        if problem is None:
            try:
                target = resolver.resolve(row)
            except (LookupError, ValueError) as exc:
                problem = str(exc)
        if problem is not None:
            raise InputError(f"{path}: example {no}: {problem}")
        examples.append(
            GradedExample(
                target.item.id,
                row["answer"],
                round(10.0 * score / top, 3),
                derived=target.rubric.origin != "authored",
            )
        )
    return examples


def add_peer_answers(
    rows: list[dict[str, Any]],
    grader: Grader,
    resolver: Resolver,
    on_answer: Callable[[], None] | None = None,
) -> PeerBank | None:
    """Give the grader every gradable row of the file whose rubric is derived (no authored
    rubric) as a peer answer (grading.peers), done rows included so that a resumed run
    grades as an uninterrupted one; None when the grader cannot use peers. Embeds the
    answers' sentences, which the grading then finds cached."""
    base = getattr(grader, "base", grader)  # the LLM graders keep the rubric grader as base
    if not hasattr(base, "add_peers"):
        return None
    pairs = []
    for row in rows:
        prepared = prepare_row(row, resolver)
        target = prepared.target
        if target is not None and target.rubric.origin != "authored":
            pairs.append((target.item.id, prepared.answer))
    return base.add_peers(pairs, on_answer=on_answer)


def grade_row(row: dict[str, Any], grader: Grader, resolver: Resolver) -> dict[str, Any]:
    return finish_row(prepare_row(row, resolver), grader)


def _graded(
    rows: list[dict[str, Any]], grader: Grader, resolver: Resolver, workers: int, concurrency: int
) -> Iterator[dict[str, Any]]:
    """Output rows in input order, graded here, on `workers` processes, or `concurrency`
    at a time on threads (for graders that wait on a remote model)."""
    if concurrency > 1:
        shared = _LockedResolver(resolver)
        with ThreadPoolExecutor(concurrency) as threads:
            # duck-typed: _LockedResolver.resolve is Resolver.resolve under a lock
            yield from threads.map(lambda row: grade_row(row, grader, shared), rows)  # type: ignore[arg-type]
        return
    if workers <= 1:
        for row in rows:
            yield grade_row(row, grader, resolver)
        return
    prepared = [prepare_row(row, resolver) for row in rows]
    targets = [(p.target.item, p.target.rubric) for p in prepared if p.target is not None]
    pool = pool_for(grader, targets, workers, len(rows))
    if pool is None:
        for p in prepared:
            yield finish_row(p, grader)
        return
    with pool:
        yield from pool.map(finish_row, prepared)


class _LockedResolver:
    """A resolver shared by worker threads: the store and embedder see one call at a time."""

    def __init__(self, resolver: Resolver):
        self._resolver = resolver
        self._lock = threading.Lock()
        self.audio = resolver.audio

    def resolve(self, row: dict[str, Any]) -> Target:
        with self._lock:
            return self._resolver.resolve(row)

    def answer(self, row: dict[str, Any]) -> tuple[str, str | None]:
        with self._lock:
            return self._resolver.answer(row)


def grade_file(
    input_path: Path,
    output: Path,
    grader: Grader,
    resolver: Resolver,
    on_row: Callable[[], None] | None = None,
    workers: int = 1,
    concurrency: int = 1,
) -> Iterator[dict[str, Any]]:
    """Grade every row not yet in `output`, appending as it goes; yields the new rows.
    With `workers` > 1 the rows are graded on that many processes, same output.
    With `concurrency` > 1 that many rows are graded at once on threads (for graders
    waiting on a remote LLM; the grader must be thread-safe). Rows are written in input
    order either way."""
    rows = read_rows(input_path)
    check_paths(input_path, output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(output):
        done = resume_point(rows, output, input_path)
        with output.open("ab") as fh:
            for result in _graded(rows[done:], grader, resolver, workers, concurrency):
                fh.write((json.dumps(result, ensure_ascii=False) + "\n").encode())
                fh.flush()
                if on_row:
                    on_row()
                yield result
