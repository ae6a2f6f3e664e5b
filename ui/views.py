"""What the app's panels show, rendered from the library's objects (no Gradio here)."""

from __future__ import annotations

from interviewer.session.history import Message
from interviewer.session.models import Turn

_VERDICT = {
    "covered": "✅ covered",
    "partial": "◐ partial",
    "missing": "✗ missing",
    "contradicted": "⚠ wrong",
}


def chat_messages(messages: list[Message]) -> list[dict]:
    return [{"role": m.role, "content": m.text} for m in messages]


def score_panel(turns: list[Turn], llm_unavailable: str | None = None) -> str:
    """The live score panel: the last graded answer point by point, and the session so far.
    `llm_unavailable`: why the LLM could not word the last reply, if it could not."""
    note = (
        [
            f"⚠ `llm_unavailable`: the feedback and follow-up below are template text, "
            f"the score is the rubric grader's ({llm_unavailable.partition(': ')[2][:200]})",
            "",
        ]
        if llm_unavailable
        else []
    )
    if not turns:
        return "\n".join(["### Score", *note, "No answer graded yet."])
    last = turns[-1]
    main = [t for t in turns if t.kind in ("main", "skip")]
    mean = sum(t.score for t in main) / len(main) if main else 0.0
    lines = [
        "### Score",
        f"**Last answer: {last.score}/10**"
        + (f" (max {last.max_score} after hints)" if last.max_score < 10 else ""),
        f"Session: {len(main)} question(s), mean {mean:.1f}/10",
        "",
        *note,
    ]
    if last.kind == "skip":
        lines.append("Skipped.")
    elif last.grade is not None:
        g = last.grade
        if g.flags:
            lines.append("Flags: " + ", ".join(f"`{f}`" for f in g.flags))
            lines.append("")
        lines += ["| key point | verdict | evidence |", "| --- | --- | --- |"]
        for p in g.points:
            evidence = (p.evidence or "").replace("|", "\\|").replace("\n", " ")[:120]
            lines.append(f"| {p.claim.replace('|', '/')} | {_VERDICT[p.verdict]} | {evidence} |")
        if g.misconceptions:
            lines += ["", "Wrong claims: " + "; ".join(g.misconceptions)]
    return "\n".join(lines)


def sessions_rows(records, turns_by_session: dict[str, list[Turn]]) -> list[list]:
    rows = []
    for r in records:
        turns = [t for t in turns_by_session.get(r.id, []) if t.kind in ("main", "skip")]
        mean = round(sum(t.score for t in turns) / len(turns), 1) if turns else None
        rows.append(
            [
                r.id,
                r.started_at.replace("T", " ")[:16],
                "finished" if r.finished else "unfinished",
                len(turns),
                mean,
                ", ".join(r.settings.topics) or "all",
            ]
        )
    return rows


_STATE_MARK = {"off": "○", "starting": "◐", "ready": "●", "unavailable": "⚠"}


def llm_status_line(status) -> str:
    """The LLM's status line under the score panel (`LLMStatus`; None: no LLM)."""
    if status is None:
        return "○ **LLM off**: feedback is template text"
    detail = status.detail[:300].replace("\n", " ")
    return f"{_STATE_MARK.get(status.state, '')} **LLM {status.state}**" + (
        f": {detail}" if detail else ""
    )
