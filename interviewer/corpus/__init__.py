"""Interview notes -> typed question/answer items."""

from interviewer.corpus.items import AnswerKind, Item, Lang
from interviewer.corpus.loader import NoteError, load_note, iter_note_files
from interviewer.corpus.parser import parse_note

__all__ = ["AnswerKind", "Item", "Lang", "NoteError", "iter_note_files", "load_note", "parse_note"]
