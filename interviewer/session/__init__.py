"""The interview: question selection, turns, follow-ups, history. No UI code here; the
Gradio app and `interviewer practice` are thin shells over `Interview`."""

from interviewer.session.coach import Coach, TemplateCoach
from interviewer.session.engine import Interview, Library
from interviewer.session.history import History, HistoryError
from interviewer.session.lock import SessionBusy
from interviewer.session.models import Chunk, SessionReport, SessionSettings, Turn

__all__ = [
    "Chunk",
    "Coach",
    "History",
    "HistoryError",
    "Interview",
    "Library",
    "SessionBusy",
    "SessionReport",
    "SessionSettings",
    "TemplateCoach",
    "Turn",
]
