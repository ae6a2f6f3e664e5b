"""Build the `Kit` an interview runs on from a store: the library (items, rubrics, note
titles), the default grader, a coach and the history."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from interviewer.grading.batch import Grader
from interviewer.grading.judge_grader import default_grader
from interviewer.resources import default_corpus_dir
from interviewer.rubric.loader import RubricBook
from interviewer.session.coach import Coach, TemplateCoach
from interviewer.session.engine import Kit, Library
from interviewer.session.history import History
from interviewer.session.topics import note_title
from interviewer.store.store import ItemStore
from interviewer.store.vector_cache import PersistentEmbedder

if TYPE_CHECKING:
    from interviewer.settings import Settings


def default_rubrics() -> RubricBook:
    return RubricBook.from_dir(default_corpus_dir() / "rubrics")


def library_from_store(store: ItemStore, rubrics: RubricBook | None = None) -> Library:
    titles = {}
    for path in store.paths():
        title = note_title(Path(path))
        if title:
            titles[Path(path).name] = title
    return Library(store.items(), rubrics or default_rubrics(), titles)


def coach_for(settings: Settings) -> Coach:
    """The coach `settings.llm` asks for: template text with no LLM, else the LLM's words
    (with the template as its fallback). Nothing is started here."""
    if settings.llm == "none":
        return TemplateCoach()
    from interviewer.llm import make_llm
    from interviewer.llm.coach import LLMCoach

    # a candidate is waiting: the coach's calls have their own, shorter deadline
    timeout = min(settings.llm_timeout or settings.llm_coach_timeout, settings.llm_coach_timeout)
    return LLMCoach(make_llm(settings, timeout=timeout))


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def connect_coach(coach: Coach, report: Callable[[str], None] = _stderr) -> None:
    """Start the coach's LLM now (the local model server takes seconds to start) and have
    it read the coach's instructions (`LLMCoach.warm`; its time: docs/benchmarks.md), so
    the first feedback does not wait for either, and `report` what it is doing: starting,
    ready, or unavailable and why (the coach then falls back to template text per reply)."""
    llm = getattr(coach, "llm", None)
    if llm is None or not hasattr(llm, "connect"):
        report(f"LLM: off ({getattr(llm, 'name', 'llm = none')}): feedback is template text")
        return
    from interviewer.llm import LLMUnavailable, llm_status

    report(f"LLM: starting {llm.name} ...")
    started = time.perf_counter()
    try:
        llm.connect()
        warm_up = getattr(coach, "warm", None)
        # the instructions every prompt opens with, read once now (a local server)
        if callable(warm_up) and getattr(llm, "prime_cache", False):
            report(f"LLM: {llm.name} answers; reading the coach's instructions ...")
            warm_up()
    except LLMUnavailable as exc:
        report(f"LLM: unavailable ({exc}); feedback is template text until it answers")
        return
    report(f"LLM: ready in {time.perf_counter() - started:.0f} s ({llm_status(llm).detail})")


def build_kit(
    store: ItemStore,
    history_path: Path,
    *,
    grader: Grader | None = None,
    coach: Coach | None = None,
    rubrics: RubricBook | None = None,
    vectors_path: Path | None = None,
    grader_name: str | None = None,
) -> Kit:
    """`vectors_path`: keep the grader's vectors on disk there (see PersistentEmbedder);
    `grader_name`: which grader grades when `grader` is not given ("rubric" or "claim";
    the default grader when None)."""
    library = library_from_store(store, rubrics)
    if grader is None:
        embedder = store.embedder
        if vectors_path is not None:
            embedder = PersistentEmbedder(embedder, vectors_path)
        grader = default_grader(embedder, library.items, grader_name)
    return Kit(library, grader, coach or TemplateCoach(), History(history_path))


def warm(kit: Kit, stop=None) -> None:
    """Compute every rubric's vectors (kept on disk) before candidates answer, and load the
    claim grader's judge. The grading lock is taken per question, so live answers are never
    held up for more than one. (A grader without `prepare` grades a throw-away answer
    instead; the claim grader's judge is not run on one: that took both cores for minutes.
    Until session 25 each question's step listed and copied the whole pool's vectors again.)"""
    prepare = getattr(kit.grader, "prepare", None)
    prepare_pool = getattr(kit.grader, "prepare_pool", None)
    if callable(prepare_pool):
        with kit.grade_lock:
            prepare_pool()
    for item in kit.library.items:
        if stop is not None and stop.is_set():
            return
        if callable(prepare):
            with kit.grade_lock:
                prepare([(item, kit.library.rubric(item))])
        else:
            kit.grade(item, kit.library.rubric(item), "warm-up.")
        time.sleep(0.005)  # let a waiting live answer take the lock first (a step: ~2 ms)
    judge = getattr(kit.grader, "claim_judge", None)
    if judge is not None and judge.available:
        judge.load()
