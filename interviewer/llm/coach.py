"""The coach: feedback and follow-up questions worded by the LLM, in the candidate's
language, naming the concrete missing or wrong point the grade found.

The grade decides what is right and wrong; the LLM only words it, and a follow-up asks
about `grading.focus.biggest_missing`, the point the session engine then grades. When the
LLM fails (or writes in the wrong language, or its follow-up leaves out the point's term),
the coach returns the template text instead and says why: the reason is appended to the
call's `notes` list (safe when sessions share the coach across threads) and kept in
`llm_unavailable` / `fallback_reason` for the last call (for one-thread callers).

Speed on a small local model comes from what the model reads: the prompts open with the
question's context (prompts/coach_context.yaml), which `prepare` sends while the candidate
is still typing, so the model has it cached; after the answer only the grade's few lines are
new, and the follow-up shares everything with the feedback up to its last line. The answer
itself is never sent: the grader has judged it, and nothing in it can steer the model.
"""

from __future__ import annotations

import string
import threading
from collections.abc import Iterable, Iterator

from interviewer.corpus.glossary import default_glossary
from interviewer.corpus.items import Item, Lang
from interviewer.corpus.lang import detect_lang, script_counts, to_simplified, to_traditional
from interviewer.grading.focus import biggest_missing, point_phrase
from interviewer.grading.models import Grade
from interviewer.llm.client import LLM, LLMUnavailable
from interviewer.llm.prompts import load_prompt
from interviewer.rubric.models import KeyPoint, Rubric

LANGUAGE: dict[Lang, str] = {  # what the prompts ask for (the script is converted after)
    "en": "English",
    "zh-Hans": "Chinese",
    "zh-Hant": "Chinese",
}
_TO_ADD = {  # after the model's words when they do not name the point the grade says to add
    "en": "\n\nTo add: {phrase}",
    "zh": "\n\n还要补上：{phrase}",
}
_TEMPLATE_QUESTION = {
    "en": "Your answer did not cover {term}. Can you explain it: {phrase}?",
    "zh": "你的回答没有讲到“{term}”。能具体说说吗：{phrase}？",
}


def _script(text: str, lang: Lang) -> str:
    if lang == "zh-Hant":
        return to_traditional(text)
    return to_simplified(text) if lang == "zh-Hans" else text


def phrase(rubric: Rubric, point_id: str, lang: Lang) -> str:
    """How the point reads in `lang` (a derived rubric's points are reference sentences)."""
    point = next(p for p in rubric.points if p.id == point_id)
    return _script(point_phrase(point, rubric, lang), lang)


def key_term(text: str, question: str) -> str | None:
    """The ML term `text` names that the question does not (else the first it names), as
    written in `text` (lowercased, simplified Chinese); None when it names none."""
    found = default_glossary().surfaces(text)
    asked = {concept for _, concept in default_glossary().surfaces(question)}
    fresh = [surface for surface, concept in found if concept not in asked]
    return (fresh or [s for s, _ in found] or [None])[0]


CHECK_CHARS = 12  # feedback held back until its language can be told (English)
LABELS = string.ascii_uppercase  # a derived rubric has one point per reference claim


def point_labels(rubric: Rubric) -> dict[str, str]:
    """Point id -> the letter the prompts call it by."""
    return {p.id: LABELS[i] for i, p in enumerate(rubric.points)}


def context(item: Item, rubric: Rubric) -> dict:
    """The coach_context prompt's variables: each point in English and Chinese where the
    rubric has both (the answer's language is not known when the context is sent)."""
    points = []
    for p, label in zip(rubric.points, LABELS):
        texts = [p.en[0], p.zh[0]] if rubric.origin != "derived" and p.en and p.zh else [p.claim]
        points.append({"label": label, "text": " / ".join(texts)})
    return {"question": item.question, "points": points}


def _language_told(text: str) -> bool:
    """Enough of the feedback's start to tell its language: two Chinese characters (a
    Chinese token or two), else CHECK_CHARS characters (an English word or three)."""
    return script_counts(text)[0] >= 2 or len(text.strip()) >= CHECK_CHARS


def _same_language(text: str, lang: Lang) -> bool:
    """English vs Chinese (the script is converted anyway)."""
    return (detect_lang(text, lang) == "en") == (lang == "en")


def _norm(text: str) -> str:
    return to_simplified(text).casefold()


def first_paragraph(chunks: Iterable[str]) -> Iterator[str]:
    """The chunks up to the first line break after some text: feedback is one paragraph,
    and what a small model writes after it repeats, rambles or echoes the prompt's
    layout. The stream is then closed, which ends the generation."""
    text = ""
    for chunk in chunks:
        text += chunk
        start = len(text) - len(text.lstrip())
        stop = text.find("\n", start)
        if stop < 0:
            yield chunk
            continue
        if stop > len(text) - len(chunk):
            yield chunk[: stop - (len(text) - len(chunk))]
        if hasattr(chunks, "close"):
            chunks.close()
        return


class LLMCoach:
    def __init__(self, llm: LLM, feedback_tokens: int = 80, question_tokens: int = 48):
        self.llm = llm
        self.name = f"llm-coach:{llm.name}"
        self.feedback_tokens = feedback_tokens
        self.question_tokens = question_tokens
        self.llm_unavailable = False  # the last call fell back because the LLM failed
        self.fallback_reason: str | None = None  # why the last call used template text

    def _fallback(self, reason: str, unavailable: bool, notes: list[str] | None) -> None:
        self.fallback_reason = reason
        self.llm_unavailable = unavailable
        if notes is not None:
            notes.append(reason)

    def _reset(self) -> None:
        self.fallback_reason, self.llm_unavailable = None, False

    # -- the prompts ---------------------------------------------------------------------

    def prepare(self, item: Item, rubric: Rubric) -> threading.Thread:
        """Send the question's context (no candidate text) in the background, so a local
        model has it cached when the answer comes; a failure here is only a lost warm-up.
        Returns the thread doing it (callers need not wait for it)."""
        messages = load_prompt("coach_context").render(**context(item, rubric))

        def warm() -> None:
            try:
                self.llm.prime(messages)
            except LLMUnavailable:
                pass  # the next real call reports it

        thread = threading.Thread(target=warm, name="coach-prime", daemon=True)
        thread.start()
        return thread

    def _judgement(self, item: Item, rubric: Rubric, grade: Grade, lang: Lang) -> dict:
        """The grade as the task prompts take it: point labels, wrong claims as text, and
        the point to focus on (the biggest gap) in the answer's language."""
        labels = point_labels(rubric)
        verdict = {r.point: r.verdict for r in grade.points}
        wrong = ([phrase(rubric, pid, lang) for pid, v in verdict.items() if v == "contradicted"]
                 + [_script(m, lang) for m in self._misconceptions(rubric, grade, lang)])
        focus = biggest_missing(grade, rubric)
        return dict(
            **context(item, rubric), language=LANGUAGE[lang],
            covered=[labels[p] for p, v in verdict.items() if v == "covered"],
            missing=[labels[p] for p, v in verdict.items() if v != "covered"],
            wrong=wrong, focus=labels[focus.id] if focus else None)

    # -- feedback ------------------------------------------------------------------------

    def feedback(self, item: Item, rubric: Rubric, grade: Grade, answer: str,
                 notes: list[str] | None = None) -> Iterator[str]:
        """The feedback, streamed in chunks; the grade's template feedback if the LLM fails.
        The model gets the grade, not the answer (nothing the candidate wrote can steer it)."""
        self._reset()
        lang = detect_lang(answer, item.lang)
        messages = load_prompt("feedback").render(**self._judgement(item, rubric, grade, lang))
        sent, held = False, ""  # the start is held back until its language can be told
        said = ""  # what the model's words were, as sent
        try:
            stream = self.llm.stream(messages, temperature=0.0, max_tokens=self.feedback_tokens)
            for chunk in first_paragraph(stream):
                if sent:
                    out = _script(chunk, lang)
                    said += out
                    yield out
                    continue
                held += chunk
                if _language_told(held):
                    if not _same_language(held, lang):
                        self._fallback("wrong_language", False, notes)
                        yield grade.feedback
                        return
                    sent, said = True, _script(held, lang)
                    yield said
        except LLMUnavailable as exc:
            self._fallback(f"llm_unavailable: {exc}", True, notes)
            yield ("\n\n" if sent else "") + grade.feedback
            return
        if not sent and held.strip() and _same_language(held, lang):
            sent, said = True, _script(held.strip(), lang)
            yield said
        if sent:
            yield from self._unnamed_focus(item, rubric, grade, lang, said)
        else:
            self._fallback("wrong_language" if held.strip() else "llm_empty", False, notes)
            yield grade.feedback

    @staticmethod
    def _unnamed_focus(item: Item, rubric: Rubric, grade: Grade, lang: Lang,
                       said: str) -> Iterator[str]:
        """The point the grade says to add, as the rubric words it, when the model's words
        do not name its key term (a small model often says only what was right); nothing
        when they do or nothing is missing."""
        focus = biggest_missing(grade, rubric)
        if focus is None:
            return
        text = phrase(rubric, focus.id, lang)
        term = key_term(text, item.question)
        if term is not None and _norm(term) in _norm(said):
            return
        yield _script(_TO_ADD["en" if lang == "en" else "zh"].format(phrase=text), lang)

    @staticmethod
    def _misconceptions(rubric: Rubric, grade: Grade, lang: Lang) -> list[str]:
        return [(m.en[0] if lang == "en" else m.zh[0]) for m in rubric.misconceptions
                if m.claim in grade.misconceptions]

    # -- follow-up -----------------------------------------------------------------------

    def gap(self, rubric: Rubric, grade: Grade, asked: list[str]) -> KeyPoint | None:
        """The point with the most weight not earned and not among `asked` (point ids);
        None when every point is covered or asked about."""
        return biggest_missing(grade, rubric, asked)

    def follow_up(self, item: Item, rubric: Rubric, grade: Grade, answer: str,
                  asked: list[str], notes: list[str] | None = None) -> str | None:
        """One question about the biggest missing or wrong point not among `asked` (point
        ids), in the answer's language."""
        self._reset()
        target = self.gap(rubric, grade, asked)
        if target is None:
            return None
        lang = detect_lang(answer, item.lang)
        point_text = phrase(rubric, target.id, lang)
        labels = point_labels(rubric)
        term = key_term(point_text, item.question)
        shown_term = _script(term, lang) if term else point_text
        judgement = self._judgement(item, rubric, grade, lang)
        judgement.update(focus=labels[target.id], term=shown_term,
                         asked=[labels[pid] for pid in asked if pid in labels])
        messages = load_prompt("follow_up").render(**judgement)
        try:
            reply = self.llm.chat(messages, temperature=0.0, max_tokens=self.question_tokens)
        except LLMUnavailable as exc:
            self._fallback(f"llm_unavailable: {exc}", True, notes)
            return self._template(lang, shown_term, point_text)
        question = _script(self._first_question(reply), lang)
        if not question:
            self._fallback("llm_empty", False, notes)
        elif not question.endswith(("?", "？")):
            self._fallback("not_a_question", False, notes)
        elif not _same_language(question, lang):
            self._fallback("wrong_language", False, notes)
        elif term and _norm(term) not in _norm(question):
            self._fallback("missing_term", False, notes)
        else:
            return question
        return self._template(lang, shown_term, point_text)

    @staticmethod
    def _first_question(reply: str) -> str:
        lines = [ln.strip().strip('"“”*').strip() for ln in reply.strip().splitlines()]
        lines = [ln for ln in lines if ln]
        if not lines:
            return ""
        text = lines[0]
        for prefix in ("Follow-up question:", "Follow-up:", "Question:", "追问：", "问题：", "問題："):
            if text.lower().startswith(prefix.lower()):
                text = text[len(prefix):].strip()
        return text

    @staticmethod
    def _template(lang: Lang, term: str, point_text: str) -> str:
        text = _TEMPLATE_QUESTION["en" if lang == "en" else "zh"].format(
            term=term, phrase=point_text.rstrip("。.?？"))
        return _script(text, lang)
