"""The coach: feedback and follow-up questions worded by the LLM, in the candidate's
language, naming the concrete missing or wrong point the grade found.

The grade decides what is right and wrong; the LLM only words it, and a follow-up asks
about `grading.focus.biggest_missing`, the point the session engine then grades. When the
LLM fails (or writes in the wrong language, or its follow-up leaves out the point's term),
the coach returns the template text instead and says why: the reason is appended to the
call's `notes` list (safe when sessions share the coach across threads) and kept in
`llm_unavailable` / `fallback_reason` for the last call (for one-thread callers).
"""

from __future__ import annotations

from collections.abc import Iterator

from interviewer.corpus.glossary import default_glossary
from interviewer.corpus.items import Item, Lang
from interviewer.corpus.lang import detect_lang, to_simplified, to_traditional
from interviewer.grading.focus import biggest_missing
from interviewer.grading.models import Grade
from interviewer.llm.client import LLM, LLMUnavailable
from interviewer.llm.prompts import load_prompt, wrap_answer
from interviewer.rubric.models import KeyPoint, Rubric

LANGUAGE: dict[Lang, str] = {
    "en": "English",
    "zh-Hans": "Simplified Chinese (简体中文)",
    "zh-Hant": "Traditional Chinese (繁體中文)",
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
    text = point.claim if rubric.origin != "authored" else point.en[0] if lang == "en" else point.zh[0]
    return _script(text, lang)


def key_term(text: str, question: str) -> str | None:
    """The ML term `text` names that the question does not (else the first it names), as
    written in `text` (lowercased, simplified Chinese); None when it names none."""
    found = default_glossary().surfaces(text)
    asked = {concept for _, concept in default_glossary().surfaces(question)}
    fresh = [surface for surface, concept in found if concept not in asked]
    return (fresh or [s for s, _ in found] or [None])[0]


CHECK_CHARS = 40  # feedback held back until its language can be told


def _same_language(text: str, lang: Lang) -> bool:
    """English vs Chinese (the script is converted anyway)."""
    return (detect_lang(text, lang) == "en") == (lang == "en")


def _norm(text: str) -> str:
    return to_simplified(text).casefold()


def answer_lang(item: Item, answer: str) -> Lang:
    return detect_lang(answer, item.lang) if answer.strip() else item.lang


class LLMCoach:
    def __init__(self, llm: LLM, feedback_tokens: int = 160, question_tokens: int = 60):
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

    # -- feedback ------------------------------------------------------------------------

    def feedback(self, item: Item, rubric: Rubric, grade: Grade, answer: str,
                 notes: list[str] | None = None) -> Iterator[str]:
        """The feedback, streamed in chunks; the grade's template feedback if the LLM fails."""
        self._reset()
        lang = answer_lang(item, answer)
        by = {v: [phrase(rubric, r.point, lang) for r in grade.points if r.verdict == v]
              for v in ("covered", "partial", "missing", "contradicted")}
        wrong = by["contradicted"] + [_script(m, lang) for m in self._misconceptions(rubric, grade, lang)]
        messages = load_prompt("feedback").render(
            language=LANGUAGE[lang], question=item.question, reference=item.answer[:600],
            score=grade.score, covered=by["covered"], missing=by["partial"] + by["missing"],
            wrong=wrong, answer_block=wrap_answer(answer)[0])
        sent, held = False, ""  # the first CHECK_CHARS are held back to check the language
        try:
            for chunk in self.llm.stream(messages, temperature=0.0, max_tokens=self.feedback_tokens):
                if sent:
                    yield _script(chunk, lang)
                    continue
                held += chunk
                if len(held.strip()) >= CHECK_CHARS:
                    if not _same_language(held, lang):
                        self._fallback("wrong_language", False, notes)
                        yield grade.feedback
                        return
                    sent = True
                    yield _script(held, lang)
        except LLMUnavailable as exc:
            self._fallback(f"llm_unavailable: {exc}", True, notes)
            yield ("\n\n" if sent else "") + grade.feedback
            return
        if sent:
            return
        if held.strip() and _same_language(held, lang):
            yield _script(held, lang)
        else:
            self._fallback("wrong_language" if held.strip() else "llm_empty", False, notes)
            yield grade.feedback

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
        lang = answer_lang(item, answer)
        point_text = phrase(rubric, target.id, lang)
        asked_texts = [phrase(rubric, pid, lang) for pid in asked
                       if any(p.id == pid for p in rubric.points)]
        term = key_term(point_text, item.question)
        shown_term = _script(term, lang) if term else point_text
        messages = load_prompt("follow_up").render(
            language=LANGUAGE[lang], question=item.question, point=point_text, term=shown_term,
            answer_block=wrap_answer(answer)[0], asked=asked_texts)
        try:
            reply = self.llm.chat(messages, temperature=0.0, max_tokens=self.question_tokens)
        except LLMUnavailable as exc:
            self._fallback(f"llm_unavailable: {exc}", True, notes)
            return self._template(lang, shown_term, point_text)
        question = _script(self._first_question(reply), lang)
        if not question:
            self._fallback("llm_empty", False, notes)
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
