"""Feedback a candidate reads: what was covered, missed and wrong, in the answer's language,
pointing at the reference answer in the notes. Written from the grade alone (no LLM)."""

from __future__ import annotations

from interviewer.corpus.items import Item, Lang
from interviewer.corpus.lang import to_traditional
from interviewer.grading.focus import point_phrase
from interviewer.grading.models import Flag, PointResult
from interviewer.rubric.models import Rubric

_TEXT = {
    "en": {
        "score": "Score {score}/10.",
        "covered": "Covered: {items}.",
        "partial": "Partly covered: {items}.",
        "missing": "Missing: {items}.",
        "wrong": "Wrong: {items}.",
        "reference": "Reference answer: {source}, lines {a}-{b}.",
        "sep": "; ",
        "empty": "The answer is empty.",
        "dont_know": 'No answer given ("don\'t know"). Study the reference answer below.',
        "off_topic": "The answer does not address this question.",
        "keyword_list": "A list of terms without explanation earns little: explain how they relate.",
        "padded": "Sentences that add no content do not raise the score.",
        "injection_suspected": "Text addressed to the grader was ignored.",
        "too_long": "Only the first part of this very long answer was graded.",
        "derived_rubric": "(Graded against points taken from the reference answer; no hand-written rubric.)",
    },
    "zh": {
        "score": "得分 {score}/10。",
        "covered": "已答到：{items}。",
        "partial": "部分答到：{items}。",
        "missing": "遗漏：{items}。",
        "wrong": "错误：{items}。",
        "reference": "参考答案：{source} 第 {a}-{b} 行。",
        "sep": "；",
        "empty": "回答为空。",
        "dont_know": "未作答（“不知道”）。请阅读下面的参考答案。",
        "off_topic": "回答没有针对这个问题。",
        "keyword_list": "只列出术语而不解释得分很低：请说明它们之间的关系。",
        "padded": "没有内容的句子不会提高得分。",
        "injection_suspected": "答案中写给评分者的指令已被忽略。",
        "too_long": "回答过长，只评了前面一部分。",
        "derived_rubric": "（按参考答案中的要点评分；此题没有人工编写的评分标准。）",
    },
}

_FLAG_ORDER: tuple[Flag, ...] = (
    "empty",
    "dont_know",
    "off_topic",
    "keyword_list",
    "padded",
    "injection_suspected",
    "too_long",
    "derived_rubric",
)


def _phrase(rubric: Rubric, point_id: str, lang: Lang) -> str:
    return point_phrase(next(p for p in rubric.points if p.id == point_id), rubric, lang)


def write_feedback(
    item: Item,
    rubric: Rubric,
    points: list[PointResult],
    misconceptions: list[str],
    flags: list[Flag],
    score: float,
    lang: Lang,
) -> str:
    t = _TEXT["en" if lang == "en" else "zh"]
    lines = [t["score"].format(score=score)]
    lines += [t[f] for f in _FLAG_ORDER if f in flags]
    for verdict in ("covered", "partial", "missing"):
        chosen = [_phrase(rubric, r.point, lang) for r in points if r.verdict == verdict]
        if chosen:
            lines.append(t[verdict].format(items=t["sep"].join(chosen)))
    wrong = [_misconception_phrase(rubric, claim, lang) for claim in misconceptions]
    if wrong:
        lines.append(t["wrong"].format(items=t["sep"].join(wrong)))
    lines.append(t["reference"].format(source=item.source, a=item.lines[0], b=item.lines[1]))
    text = "\n".join(lines)
    return to_traditional(text) if lang == "zh-Hant" else text


def _misconception_phrase(rubric: Rubric, claim: str, lang: Lang) -> str:
    mis = next(m for m in rubric.misconceptions if m.claim == claim)
    return mis.en[0] if lang == "en" else mis.zh[0]
