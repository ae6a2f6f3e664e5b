"""The coach: feedback and follow-up questions worded by the LLM, in the candidate's
language, naming the concrete missing or wrong point the grade found.

The grade decides what is right and wrong; the LLM only words it, from the grader's facts
(`grading.facts.CoachFacts`), and a follow-up asks about `grading.focus.biggest_missing`,
the point the session engine then grades. Feedback opens with the lead (`lead`): what the
answer got right and the first wrong claim, said from the grade alone, at once. The model
then corrects the wrong claims and explains the missed point; it is not asked to credit
the candidate (a 1.5B model asked to did so for points the grade said were missing). Every
sentence the model writes is checked against the same facts (`grading.faithful`) before
the candidate sees it: a sentence that credits the candidate with something the grader did
not find, or calls a covered point missing, is dropped ("llm_unfaithful: ..."). When the
LLM fails (or writes in the wrong language, or everything it wrote was dropped, or its
follow-up leaves out the point's term or breaks the rules), the coach returns the template
text instead and says why: the reason is appended to the call's `notes` list (safe when
sessions share the coach across threads) and kept in `llm_unavailable` /
`fallback_reason` for the last call.

Speed on a small local model comes from what the model reads: the prompts open with the
question's context (prompts/coach_context.yaml), which `prepare` sends while the candidate
is still typing, so the model has it cached; after the answer only the grade's few lines are
new (point labels, and the sentences stating wrong claims, neutralised and in quotes), and
the follow-up shares everything with the feedback up to its last line. Nothing else of the
answer reaches the model.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

from interviewer.corpus.glossary import default_glossary
from interviewer.corpus.items import Item, Lang
from interviewer.corpus.lang import detect_lang, script_counts, to_simplified
from interviewer.grading.facts import LABELS, CoachFacts, coach_facts, in_script
from interviewer.grading.faithful import check_follow_up, check_sentences
from interviewer.grading.focus import biggest_missing, point_phrase
from interviewer.grading.follow_up import follow_up_term, template_follow_up
from interviewer.grading.models import Grade
from interviewer.llm.client import LLM, LLMStatus, LLMUnavailable, Message, llm_status
from interviewer.llm.prompts import load_prompt, neutralise
from interviewer.llm.reply_stream import finished_sentences, first_paragraph, without_echo
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
_LEAD = {  # what the grade found, said before the model's words (`lead`)
    "en": {
        "one": "You got this right: {phrase}",
        "many": "You got {n} key points right, among them: {phrase}",
        "none": "None of the key points is fully made yet.",
        "quote": "This is not right: “{quote}”.",
        "claim": "One claim is not right: {claim}",
    },
    "zh": {
        "one": "这一点答对了：{phrase}",
        "many": "你答对了{n}个要点，其中：{phrase}",
        "none": "还没有一个要点完整答到。",
        "quote": "这一句不对：“{quote}”。",
        "claim": "有一处说错了：{claim}",
    },
}
LEAD_QUOTE_CHARS = 100  # a wrong sentence quoted in the lead is cut (between words) to this
QUOTE_CHARS = 160  # a wrong claim's sentence is cut to this many characters in the prompt
_script = in_script


def phrase(rubric: Rubric, point_id: str, lang: Lang) -> str:
    """How the point reads in `lang` (a derived rubric's points are reference sentences)."""
    point = next(p for p in rubric.points if p.id == point_id)
    return _script(point_phrase(point, rubric, lang), lang)


def _ended(text: str, en: bool) -> str:
    text = text.strip()
    return (
        text if text.endswith((".", "。", "!", "！", "?", "？")) else text + ("." if en else "。")
    )


def _cut(text: str, limit: int = LEAD_QUOTE_CHARS) -> str:
    """`text` on one line, cut between words (or characters, in Chinese) to `limit`."""
    text = " ".join(text.split()).rstrip("。.")
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,，、") + "…"


def lead(facts: CoachFacts) -> str:
    """What the grade found, said from the grade alone before the model's words: the
    weightiest covered point as the rubric words it (and how many were covered), then the
    first wrong claim in the answer's words; when neither, that no point is fully made.
    The model's words then correct and explain, and need not (may not) credit anyone."""
    en = facts.lang == "en"
    t = _LEAD["en" if en else "zh"]
    parts = []
    if facts.covered:
        best = max(facts.covered, key=lambda p: p.weight)  # (the first of equals)
        n = len(facts.covered)
        parts.append(t["one" if n == 1 else "many"].format(phrase=_ended(best.phrase, en), n=n))
    if facts.wrong:
        wrong = facts.wrong[0]
        if wrong.quote and wrong.quote.strip():
            parts.append(t["quote"].format(quote=_cut(wrong.quote)))
        else:
            parts.append(t["claim"].format(claim=_ended(wrong.claim, en)))
    if not parts:
        parts.append(t["none"])
    return _script(("" if not en else " ").join(parts) + (" " if en else ""), facts.lang)


def key_term(text: str, question: str) -> str | None:
    """The ML term `text` names that the question does not (else the first it names), as
    written in `text` (lowercased, simplified Chinese); None when it names none."""
    found = default_glossary().surfaces(text)
    asked = {concept for _, concept in default_glossary().surfaces(question)}
    fresh = [surface for surface, concept in found if concept not in asked]
    return (fresh or [s for s, _ in found] or [None])[0]


CHECK_CHARS = 12  # feedback held back until its language can be told (English)
# where a sentence may be shown in part, once that part holds up on its own (a comma or
# colon followed by more text: "1,000" and "3:2" are not breaks)
_CLAUSE = re.compile(r"[，、：]|[,:](?=\s)")
_STOP = {"en": ".", "zh": "。"}  # ends a sentence shown in part whose rest was dropped


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


def _quote(text: str | None) -> str:
    text = " ".join(neutralise(text or "").replace('"', "'").split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 3] + "..."


def _insist(messages: list[Message], reminder: str) -> list[Message]:
    """`messages` with `reminder` on a line at the end of the last one."""
    last = messages[-1]
    return [*messages[:-1], Message(role=last.role, content=f"{last.content}\n{reminder}")]


_IN_LANGUAGE = "Write the feedback in {language} only."
_PLAINLY = (  # asked once more when nothing the model wrote held up
    "Speak to the candidate as you, in {language}: in one or two sentences, explain the "
    "point the task names; no letters, no lists, no praise."
)


class LLMCoach:
    def __init__(self, llm: LLM, feedback_tokens: int = 80, question_tokens: int = 48):
        self.llm = llm
        self.name = f"llm-coach:{llm.name}"
        self.feedback_tokens = feedback_tokens
        self.question_tokens = question_tokens
        self.llm_unavailable = False  # the last call fell back because the LLM failed
        self.fallback_reason: str | None = None  # why the last call used template text
        self.opening: str | None = None  # the last feedback's lead (`lead`), if any
        self.worded = False  # the last feedback showed words of the model's
        self.warming = False  # `warm` is running: the model is reading the instructions

    def _fallback(self, reason: str, unavailable: bool, notes: list[str] | None) -> None:
        self.fallback_reason = reason
        self.llm_unavailable = unavailable
        if notes is not None:
            notes.append(reason)

    def _reset(self) -> None:
        self.fallback_reason, self.llm_unavailable = None, False
        self.opening, self.worded = None, False

    # -- the prompts ---------------------------------------------------------------------

    def warm(self) -> None:
        """Have the model read the instructions every task opens with (coach_context's
        system part, the same for every question) before the first question: on a fresh
        local server they are most of the first prompt, which the first answer's feedback
        would otherwise wait for (docs/benchmarks.md times both). LLMUnavailable if the
        model fails; a no-op where `prime` is."""
        shared = load_prompt("coach_context").render(question="", points=[])[:1]
        self.warming = True
        try:
            self.llm.prime(shared)
        finally:
            self.warming = False

    def status(self) -> LLMStatus:
        """The LLM's status for people; "starting" while `warm` runs (the server already
        answers, but the first feedback would wait for the instructions)."""
        if self.warming:
            return LLMStatus("starting", "the local model is reading the coach's instructions")
        return llm_status(self.llm)

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

    @staticmethod
    def _judgement(item: Item, rubric: Rubric, facts: CoachFacts) -> dict:
        """The grader's facts as the task prompts take them: the labels of the points
        covered and missed, the wrong claims with the answer's sentence for each, and the
        point to focus on (the biggest gap) in the answer's language."""
        labels = {p.id: p.label for p in facts.points}
        covered = [p.label for p in facts.covered]
        wrong = [
            {
                "quote": _quote(w.quote) if w.quote else "(not quoted)",
                "claim": w.claim,
                "corrects": labels.get(w.corrects or ""),
            }
            for w in facts.wrong
        ]
        return dict(
            **context(item, rubric),
            language=LANGUAGE[facts.lang],
            covered=covered,
            missing=[p.label for p in facts.missing],
            wrong=wrong,
            focus=labels[facts.focus] if facts.focus else None,
        )

    # -- feedback ------------------------------------------------------------------------

    def feedback(
        self, item: Item, rubric: Rubric, grade: Grade, answer: str, notes: list[str] | None = None
    ) -> Iterator[str]:
        """The feedback, streamed: the lead (what the grade found right and wrong, from the
        grade alone) at once, then the model's words a clause at a time, each checked
        against the grader's facts first; after the lead, the grade's template feedback if
        the LLM fails or nothing it wrote holds up."""
        self._reset()
        facts = coach_facts(item, rubric, grade, answer)
        messages = load_prompt("feedback").render(**self._judgement(item, rubric, facts))
        self.opening = lead(facts)
        yield self.opening  # at once: the model's first words take a second or two
        yield from self._worded(item, rubric, grade, facts, messages, notes, retry=True)

    def _worded(
        self,
        item: Item,
        rubric: Rubric,
        grade: Grade,
        facts: CoachFacts,
        messages: list[Message],
        notes: list[str] | None,
        retry: bool,
    ) -> Iterator[str]:
        """The model's feedback for `messages`, checked as it streams; with `retry`, a
        reply that starts in the wrong language is asked for once more, the language
        insisted on, and one of which nothing held up once more, plainly (nothing of the
        model's has been shown in either case). The lead is shown
        already: when nothing the model wrote holds up, the template feedback follows it."""
        lang = facts.lang
        told, held, said = False, "", ""  # held: text not yet shown (an unfinished sentence)
        shown = 0  # how much of the unfinished sentence (in `held`) is already shown
        dropped: list[str] = []

        def drop(problem) -> None:
            dropped.append(problem.note())
            if notes is not None:
                notes.append(problem.note())

        def show(text: str) -> Iterator[str]:
            nonlocal said
            said += text
            yield text

        def finished(sentence: str, start: int) -> Iterator[str]:
            """A whole sentence, of which `start` characters were already shown: the rest
            if it holds up; else nothing, or a full stop after the part shown."""
            problems = check_sentences(_script(sentence, lang), facts)
            if problems:
                drop(problems[0])
                if start:
                    yield from show(_STOP["en" if lang == "en" else "zh"])
                return
            yield from show(_script(sentence[start:], lang))

        def clause(text: str, start: int) -> tuple[str, int]:
            """The part of an unfinished sentence that can be shown now: up to its last
            clause break, when that much holds up on its own (the break itself waits, so
            a sentence cut short by a later problem ends cleanly); else nothing."""
            cut = max((m.start() for m in _CLAUSE.finditer(text, start)), default=-1)
            if cut <= start or not text[start:cut].strip():
                return "", start
            if check_sentences(_script(text[:cut], lang), facts):
                return "", start
            return _script(text[start:cut], lang), cut

        try:
            stream = self.llm.stream(messages, temperature=0.0, max_tokens=self.feedback_tokens)
            for chunk in first_paragraph(without_echo(stream)):
                held += chunk
                if not told:
                    if not _language_told(held):
                        continue
                    if not _same_language(held, lang):
                        if retry:
                            getattr(stream, "close", lambda: None)()  # ends the generation
                            again = _insist(messages, _IN_LANGUAGE.format(language=LANGUAGE[lang]))
                            yield from self._worded(item, rubric, grade, facts, again, notes, False)
                            return
                        self._fallback("wrong_language", False, notes)
                        yield "\n\n" + grade.feedback
                        return
                    told = True
                done, held = finished_sentences(held)
                for i, sentence in enumerate(done):
                    yield from finished(sentence, shown if i == 0 else 0)
                if done:
                    shown = 0
                part, shown = clause(held, shown)
                if part:
                    yield from show(part)
        except LLMUnavailable as exc:
            self._fallback(f"llm_unavailable: {exc}", True, notes)
            yield "\n\n" + grade.feedback
            return
        if held.strip() and (told or _same_language(held, lang)):
            told = True
            yield from finished(held.rstrip(), shown)
        if said.strip():
            self.worded = True
            if dropped:
                self.fallback_reason = dropped[0]
            yield from self._unnamed_focus(item, rubric, grade, lang, said)
            return
        if retry and dropped:  # nothing shown yet: asked once more, plainly
            again = _insist(messages, _PLAINLY.format(language=LANGUAGE[lang]))
            yield from self._worded(item, rubric, grade, facts, again, notes, False)
            return
        if dropped:
            self.fallback_reason = dropped[0]  # (already in notes)
        else:
            self._fallback("wrong_language" if held.strip() else "llm_empty", False, notes)
        yield "\n\n" + grade.feedback

    @staticmethod
    def _unnamed_focus(
        item: Item, rubric: Rubric, grade: Grade, lang: Lang, said: str
    ) -> Iterator[str]:
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

    # -- follow-up -----------------------------------------------------------------------

    def gap(self, rubric: Rubric, grade: Grade, asked: list[str]) -> KeyPoint | None:
        """The point with the most weight not earned and not among `asked` (point ids);
        None when every point is covered or asked about."""
        return biggest_missing(grade, rubric, asked)

    def follow_up(
        self,
        item: Item,
        rubric: Rubric,
        grade: Grade,
        answer: str,
        asked: list[str],
        notes: list[str] | None = None,
    ) -> str | None:
        """One question about the biggest missing or wrong point not among `asked` (point
        ids), in the answer's language; checked against the grader's facts (never about a
        covered point, never a copy of the answer or of the point's text)."""
        self._reset()
        target = self.gap(rubric, grade, asked)
        if target is None:
            return None
        facts = coach_facts(item, rubric, grade, answer)
        lang = facts.lang
        found = follow_up_term(facts, target.id, answer)
        term = found[0] if found else None
        judgement = self._judgement(item, rubric, facts)
        judgement.update(
            focus=facts.point(target.id).label,
            term=term,
            asked=[p.label for p in facts.points if p.id in asked],
        )
        messages = load_prompt("follow_up").render(**judgement)
        template = template_follow_up(facts, target.id, answer)
        try:
            reply = self.llm.chat(messages, temperature=0.0, max_tokens=self.question_tokens)
        except LLMUnavailable as exc:
            self._fallback(f"llm_unavailable: {exc}", True, notes)
            return template
        question = _script(self._first_question(reply), lang)
        problems = check_follow_up(question, facts, target.id, answer) if question else []
        if not question:
            self._fallback("llm_empty", False, notes)
        elif not question.endswith(("?", "？")):
            self._fallback("not_a_question", False, notes)
        elif not _same_language(question, lang):
            self._fallback("wrong_language", False, notes)
        elif term and _norm(term) not in _norm(question):
            self._fallback("missing_term", False, notes)
        elif problems:
            self._fallback(problems[0].note(), False, notes)
        else:
            return question
        return template

    @staticmethod
    def _first_question(reply: str) -> str:
        lines = [ln.strip().strip('"“”*').strip() for ln in reply.strip().splitlines()]
        lines = [ln for ln in lines if ln]
        if not lines:
            return ""
        text = lines[0]
        for prefix in (
            "Follow-up question:",
            "Follow-up:",
            "Question:",
            "追问：",
            "问题：",
            "問題：",
        ):
            if text.lower().startswith(prefix.lower()):
                text = text[len(prefix) :].strip()
        return text
