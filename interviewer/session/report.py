"""Reports built from turns: the end-of-session report, transcripts (markdown / JSON) and
progress over time."""

from __future__ import annotations

import json
from collections import defaultdict

from interviewer.corpus.lang import to_traditional
from interviewer.session.history import Message, SessionRecord
from interviewer.session.models import SessionReport, StudyItem, TopicScore, Turn
from interviewer.session.topics import topic_label

WEAK_BELOW = 6.0  # a topic averaging under this is listed as weak
STUDY_BELOW = 7.0  # an item scored under this is listed to study


def session_report(session_id: str, turns: list[Turn], library) -> SessionReport:
    graded = [t for t in turns if t.kind in ("main", "skip")]
    by_topic: dict[str, list[float]] = defaultdict(list)
    for t in graded:
        by_topic[t.topic].append(t.score)
    topics = sorted(
        (
            TopicScore(topic=k, questions=len(v), mean=round(sum(v) / len(v), 1))
            for k, v in by_topic.items()
        ),
        key=lambda ts: (ts.mean, ts.topic),
    )
    study = []
    for t in sorted(graded, key=lambda t: t.score):
        if t.score < STUDY_BELOW:
            item = library.get(t.item_id)
            study.append(
                StudyItem(
                    item_id=t.item_id,
                    question=t.question,
                    source=item.source,
                    lines=item.lines,
                    score=t.score,
                )
            )
    scores = [t.score for t in graded]
    return SessionReport(
        session_id=session_id,
        answered=sum(t.kind == "main" for t in graded),
        skipped=sum(t.kind == "skip" for t in graded),
        mean=round(sum(scores) / len(scores), 1) if scores else None,
        topics=topics,
        weakest=[ts.topic for ts in topics if ts.mean < WEAK_BELOW][:3],
        study=study,
    )


_REPORT = {
    "en": (
        "**Session report**",
        "Answered {a}, skipped {s}, mean score {m}/10.",
        "| topic | questions | mean |",
        "Weakest topics: {w}.",
        "Study next:",
        "No questions were answered.",
        "lines",
    ),
    "zh": (
        "**练习报告**",
        "作答 {a} 题，跳过 {s} 题，平均分 {m}/10。",
        "| 主题 | 题数 | 平均分 |",
        "最薄弱的主题：{w}。",
        "接下来复习：",
        "没有作答任何题目。",
        "行",
    ),
}


def report_markdown(r: SessionReport, lang: str) -> str:
    title, summary, header, weak, study, none, lines_word = _REPORT["en" if lang == "en" else "zh"]
    if r.mean is None:
        text = f"{title}\n\n{none}"
    else:
        parts = [
            title,
            "",
            summary.format(a=r.answered, s=r.skipped, m=r.mean),
            "",
            header,
            "| --- | --- | --- |",
        ]
        parts += [f"| {topic_label(t.topic, lang)} | {t.questions} | {t.mean} |" for t in r.topics]
        if r.weakest:
            parts += ["", weak.format(w=", ".join(topic_label(w, lang) for w in r.weakest))]
        if r.study:
            parts += ["", study]
            parts += [
                f"- {s.question} ({s.score}/10) — {s.source}, {lines_word} "
                f"{s.lines[0]}–{s.lines[1]}"
                for s in r.study
            ]
        text = "\n".join(parts)
    return to_traditional(text) if lang == "zh-Hant" else text


def transcript_json(record: SessionRecord, messages: list[Message], turns: list[Turn]) -> str:
    return json.dumps(
        {
            "session": {
                "id": record.id,
                "user": record.user,
                "started_at": record.started_at,
                "ended_at": record.ended_at,
                "settings": record.settings.model_dump(),
            },
            "messages": [{"role": m.role, "text": m.text} for m in messages],
            "turns": [t.model_dump(mode="json") for t in turns],
        },
        ensure_ascii=False,
        indent=2,
    )


def transcript_markdown(record: SessionRecord, messages: list[Message], turns: list[Turn]) -> str:
    out = [
        f"# Interview {record.id}",
        "",
        f"- user: {record.user}",
        f"- started: {record.started_at}",
        f"- ended: {record.ended_at or '(unfinished)'}",
        f"- settings: {record.settings.model_dump_json()}",
        "",
    ]
    for m in messages:
        who = "**You**" if m.role == "user" else "**Interviewer**"
        out += [f"{who}:", "", m.text.replace("\n", "  \n"), ""]
    if turns:
        out += [
            "## Scores",
            "",
            "| # | kind | question | score | max |",
            "| --- | --- | --- | --- | --- |",
        ]
        out += [
            f"| {t.seq} | {t.kind} | {t.question.splitlines()[0][:80]} | {t.score} | {t.max_score} |"
            for t in turns
        ]
    return "\n".join(out) + "\n"


def progress(turns: list[Turn]) -> list[dict]:
    """Mean score per day and topic (main answers and skips), oldest first."""
    acc: dict[tuple[str, str], list[float]] = defaultdict(list)
    for t in turns:
        if t.kind in ("main", "skip"):
            acc[(t.at[:10], t.topic)].append(t.score)
    return [
        {"date": d, "topic": k, "mean": round(sum(v) / len(v), 2), "answers": len(v)}
        for (d, k), v in sorted(acc.items())
    ]
