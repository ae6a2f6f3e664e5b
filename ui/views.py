"""What the app's panels show, rendered from the library's objects (no Gradio here)."""

from __future__ import annotations

from interviewer.session.history import Message, SessionRecord
from interviewer.session.models import Turn
from ui.render import escape, strong
from ui.score import score_panel

__all__ = ["chat_messages", "llm_status_line", "resume_offer", "score_panel", "sessions_rows"]

# the History tab: rings thick enough to see, and the transcript's score table's short
# columns kept whole on a phone (only the question wraps)
CSS = """
#plot g.mark-symbol path { stroke-width: 3px; }
#transcript table { display: block; max-width: 100%; overflow-x: auto; }
#transcript th, #transcript td:not(:nth-child(3)) { white-space: nowrap; }
"""

LANG_NAMES = {"any": "any language", "en": "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}


def chat_messages(messages: list[Message]) -> list[dict]:
    return [{"role": m.role, "content": strong(m.text)} for m in messages]


def session_summary(record: SessionRecord, answered: int) -> str:
    """One line naming a session: topics, language, progress, when it started."""
    s = record.settings
    topics = ", ".join(s.topics) or "all topics"
    started = record.started_at.replace("T", " ")[:16]
    return (
        f"{topics} · {LANG_NAMES.get(s.lang, s.lang)} · {answered} of {s.questions} "
        f"answered · started {started}"
    )


def resume_offer(record: SessionRecord | None, answered: int) -> str:
    """The line offering the newest unfinished session after a reload ("" for none)."""
    if record is None:
        return ""
    return f"**Unfinished session:** {escape(session_summary(record, answered))}"


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
