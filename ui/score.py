"""The live score panel, in the session's language and script: the last graded answer
point by point (a follow-up's one point above the question it followed), and the session
so far. Markdown with a little HTML for the verdict marks, which are drawn by CSS (`CSS`),
so they need no emoji font. No Gradio here."""

from __future__ import annotations

from interviewer.corpus.lang import to_simplified, to_traditional
from interviewer.grading.models import Grade, PointResult
from interviewer.session.models import Turn
from ui.render import clip, escape, strong

EVIDENCE_CHARS = 160  # the longest quote shown under a point

_TEXTS = {
    "en": {
        "title": "Score",
        "none": "No answer graded yet.",
        "last": "Last answer: {score}/10",
        "capped": " (max {max} after hints)",
        "follow_up": "Last answer (follow-up): {score}/10 on this point",
        "question": "Question {n}: {score}/10",
        "session": "Session: {n} question(s), mean {mean}/10",
        "skipped": "Skipped.",
        "flags": "Flags: ",
        "wrong": "Wrong claims: ",
        "covered": "covered",
        "partial": "partial",
        "missing": "missing",
        "contradicted": "wrong",
    },
    "zh": {
        "title": "得分",
        "none": "还没有评分的回答。",
        "last": "上一个回答：{score}/10",
        "capped": "（用了提示，最高 {max}）",
        "follow_up": "上一个回答（追问）：这一点 {score}/10",
        "question": "第 {n} 题：{score}/10",
        "session": "本次练习：{n} 题，平均 {mean}/10",
        "skipped": "已跳过。",
        "flags": "标记：",
        "wrong": "错误说法：",
        "covered": "答到",
        "partial": "部分",
        "missing": "缺少",
        "contradicted": "错误",
    },
}

# the verdict marks: a dot drawn by CSS (filled, half, hollow, crossed), never a glyph
CSS = """
#score ul { list-style: none; padding-left: 0; margin: 0.4em 0; }
#score li { margin: 0.55em 0; overflow-wrap: anywhere; }
#score .verdict { display: inline-block; white-space: nowrap; font-size: 0.8em;
  font-weight: 600; line-height: 1.5; padding: 0 0.5em; margin-right: 0.35em;
  border: 1px solid currentColor; border-radius: 0.75em; vertical-align: 0.1em; }
#score .verdict::before { content: ""; display: inline-block; box-sizing: border-box;
  width: 0.6em; height: 0.6em; margin-right: 0.3em; border-radius: 50%;
  border: 0.12em solid currentColor; vertical-align: -0.02em; }
#score .verdict.covered { color: #15803d; background: rgba(22, 163, 74, 0.1); }
#score .verdict.covered::before { background: currentColor; }
#score .verdict.partial { color: #b45309; background: rgba(217, 119, 6, 0.1); }
#score .verdict.partial::before {
  background: linear-gradient(90deg, currentColor 50%, transparent 50%); }
#score .verdict.missing { color: #6b7280; background: rgba(107, 114, 128, 0.08); }
#score .verdict.contradicted { color: #b91c1c; background: rgba(220, 38, 38, 0.1); }
#score .verdict.contradicted::before { border-radius: 0.1em; transform: rotate(45deg);
  background: currentColor; width: 0.5em; height: 0.5em; }
#score .evidence { display: block; font-size: 0.85em; opacity: 0.75; margin-top: 0.1em; }
"""


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"


def _script(lang: str, text: str) -> str:
    """TEXT in the session's script: traditional for zh-Hant, simplified for zh-Hans."""
    if lang == "zh-Hant":
        return to_traditional(text)
    if lang == "zh-Hans":
        return to_simplified(text)
    return text


def _say(lang: str, key: str, **kw) -> str:
    text = _TEXTS[_lang(lang)][key].format(**kw)
    return to_traditional(text) if lang == "zh-Hant" else text


def verdict_label(verdict: str, lang: str) -> str:
    """A verdict as the panel shows it: a CSS-drawn mark and the word, in LANG."""
    return f'<span class="verdict {verdict}">{_say(lang, verdict)}</span>'


def _point(p: PointResult, lang: str) -> str:
    claim = strong(escape(_script(lang, p.claim)))
    line = f"- {verdict_label(p.verdict, lang)} {claim}"
    if p.evidence:
        quote = escape(clip(p.evidence, EVIDENCE_CHARS))
        line += f'<span class="evidence">“{quote}”</span>'
    return line


def _points(grade: Grade, lang: str) -> list[str]:
    lines = []
    if grade.flags:
        lines += [_say(lang, "flags") + ", ".join(f"`{f}`" for f in grade.flags), ""]
    lines += [_point(p, lang) for p in grade.points]
    if grade.misconceptions:
        wrong = "; ".join(escape(_script(lang, m)) for m in grade.misconceptions)
        lines += ["", _say(lang, "wrong") + wrong]
    return lines


def _capped(turn: Turn, lang: str) -> str:
    return _say(lang, "capped", max=turn.max_score) if turn.max_score < 10 else ""


def score_panel(
    turns: list[Turn],
    llm_unavailable: str | None = None,
    lang: str = "en",
    follow_point: str | None = None,
) -> str:
    """The panel after TURNS (a session's, oldest first). `llm_unavailable`: why the LLM
    could not word the last reply, if it could not; `lang`: the language of the answers
    (en, zh-Hans, zh-Hant); `follow_point`: the key point a last follow-up was graded on."""
    note = (
        [
            f"⚠ `llm_unavailable`: the feedback and follow-up below are template text, "
            f"the score is the grader's ({llm_unavailable.partition(': ')[2][:200]})",
            "",
        ]
        if llm_unavailable
        else []
    )
    head = f"### {_say(lang, 'title')}"
    if not turns:
        return "\n".join([head, *note, _say(lang, "none")])
    last = turns[-1]
    main = [t for t in turns if t.kind in ("main", "skip")]
    mean = sum(t.score for t in main) / len(main) if main else 0.0
    session = _say(lang, "session", n=len(main), mean=f"{mean:.1f}")
    if last.kind != "follow_up":
        lines = [head, f"**{_say(lang, 'last', score=last.score)}**" + _capped(last, lang)]
        lines += ["", session, "", *note]
        if last.kind == "skip":
            return "\n".join([*lines, _say(lang, "skipped")])
        return "\n".join(lines + (_points(last.grade, lang) if last.grade else []))
    # a follow-up is graded on its one point: that point first, then the question's answer
    lines = [head, f"**{_say(lang, 'follow_up', score=last.score)}**", "", *note]
    point = follow_point or _point_of_score(last)
    if last.grade is not None:
        lines += [_point(p, lang) for p in last.grade.points if p.point == point]
    question = next((t for t in reversed(main) if t.item_id == last.item_id), None)
    if question is not None:
        n = main.index(question) + 1
        title = _say(lang, "question", n=n, score=question.score) + _capped(question, lang)
        lines += ["", f"**{title}**", "", session, ""]
        if question.grade is not None:
            lines += _points(question.grade, lang)
    return "\n".join(lines)


def _point_of_score(turn: Turn) -> str | None:
    """For a follow-up saved without its point (before `follow_graded`): the first point
    whose credit gives the turn's score (the engine scores a follow-up as 10 × credit)."""
    for p in turn.grade.points if turn.grade else []:
        if (round(10 * p.credit, 1) if p.verdict != "contradicted" else 0.0) == turn.score:
            return p.point
    return None


def interview_panel(iv, turns: list[Turn] | None = None) -> str:
    """The panel of a running `Interview`: in its chosen language, or (a session in any
    language) the language of the question last graded."""
    turns = iv.turns() if turns is None else turns
    lang = iv.settings.lang
    if lang == "any":
        try:
            lang = iv.kit.library.get(turns[-1].item_id).lang if turns else iv.lang
        except KeyError:  # the item left the library since
            lang = iv.lang
    return score_panel(turns, iv.llm_unavailable, lang, iv.state.get("follow_graded"))
