"""The candidate's history in SQLite: sessions, chat messages, graded turns and the
engine's state, written as each step happens (one transaction per step), so a crash or a
restart loses nothing and an unfinished session can be resumed."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interviewer.session.lock import SessionLock
from interviewer.session.models import SessionSettings, Turn

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    settings TEXT NOT NULL,
    state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    session_id TEXT NOT NULL REFERENCES sessions(id),
    seq INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    text TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);
CREATE TABLE IF NOT EXISTS turns (
    session_id TEXT NOT NULL REFERENCES sessions(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    hints INTEGER NOT NULL,
    grade TEXT,
    feedback TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user, started_at);
"""


class HistoryError(RuntimeError):
    """The history file cannot be used; `str()` names it, says what happened and what to
    do."""


def history_error(path: Path, exc: sqlite3.Error) -> HistoryError | None:
    """The `HistoryError` for an SQLite error that is about the file, not the query."""
    msg = str(exc)
    low = msg.lower()
    if "not a database" in low or "malformed" in low:
        return HistoryError(
            f"{path}: the history database is damaged ({msg}); move it aside "
            f"(mv {path} {path}.damaged) and a new, empty history is started"
        )
    if "full" in low:
        return HistoryError(
            f"{path}: cannot write the history: the disk is full ({msg}); free some space "
            "and go on: what was saved before is intact"
        )
    if "readonly" in low or "read-only" in low or "unable to open" in low or "i/o" in low:
        return HistoryError(
            f"{path}: cannot write the history ({msg}); check that its folder is writable "
            "and the disk has space"
        )
    return None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SessionRecord:
    id: str
    user: str
    started_at: str
    ended_at: str | None
    settings: SessionSettings
    state: dict[str, Any]

    @property
    def finished(self) -> bool:
        return self.ended_at is not None


@dataclass(frozen=True)
class Message:
    role: str  # "user" | "assistant"
    text: str


class History:
    def __init__(self, path: Path):
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(
                f"{path.parent}: cannot create the history's folder ({exc.strerror})"
            ) from None
        with self._db() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """One connection per call (safe across the UI's worker threads), one
        transaction: committed whole or not at all. A damaged file, a full disk or a
        read-only folder is a `HistoryError` naming the file."""
        try:
            db = sqlite3.connect(self.path, timeout=30)
        except sqlite3.Error as exc:
            raise history_error(self.path, exc) or exc from None
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            with db:
                yield db
        except sqlite3.DatabaseError as exc:
            err = history_error(self.path, exc)
            if err is None:
                raise
            raise err from None
        finally:
            db.close()

    # -- writing ------------------------------------------------------------------------

    def create_session(self, user: str, settings: SessionSettings, state: dict) -> str:
        sid = uuid.uuid4().hex[:12]
        with self._db() as db:
            db.execute(
                "INSERT INTO sessions (id, user, started_at, settings, state) VALUES (?,?,?,?,?)",
                (sid, user, now(), settings.model_dump_json(), json.dumps(state)),
            )
        return sid

    def record(
        self,
        session_id: str,
        state: dict,
        messages: Sequence[Message] = (),
        turn: Turn | None = None,
        finished: bool = False,
    ) -> None:
        """Everything one step changed, in one transaction."""
        with self._db() as db:
            seq = db.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM messages WHERE session_id=?", (session_id,)
            ).fetchone()[0]
            for i, m in enumerate(messages, seq + 1):
                db.execute(
                    "INSERT INTO messages VALUES (?,?,?,?,?)",
                    (session_id, i, m.role, m.text, now()),
                )
            if turn is not None:
                db.execute(
                    "INSERT INTO turns VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        turn.session_id,
                        turn.seq,
                        turn.kind,
                        turn.item_id,
                        turn.topic,
                        turn.question,
                        turn.answer,
                        turn.score,
                        turn.max_score,
                        turn.hints,
                        turn.grade.model_dump_json() if turn.grade else None,
                        turn.feedback,
                        turn.at,
                    ),
                )
            db.execute(
                "UPDATE sessions SET state=?, ended_at=COALESCE(ended_at, ?) WHERE id=?",
                (json.dumps(state), now() if finished else None, session_id),
            )

    def session_lock(self, session_id: str) -> SessionLock:
        """The lock a process holds while it answers `session_id` (not yet taken)."""
        return SessionLock(self.path.parent / "locks", session_id)

    # -- reading ------------------------------------------------------------------------

    def session(self, session_id: str) -> SessionRecord | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM sessions WHERE id=?", (session_id,)).fetchone()
        return _session(row) if row else None

    def sessions(self, user: str, *, unfinished: bool = False) -> list[SessionRecord]:
        """The user's sessions, newest first."""
        sql = "SELECT * FROM sessions WHERE user=?" + (
            " AND ended_at IS NULL" if unfinished else ""
        )
        with self._db() as db:
            rows = db.execute(sql + " ORDER BY started_at DESC, rowid DESC", (user,)).fetchall()
        return [_session(r) for r in rows]

    def messages(self, session_id: str) -> list[Message]:
        with self._db() as db:
            rows = db.execute(
                "SELECT role, text FROM messages WHERE session_id=? ORDER BY seq", (session_id,)
            ).fetchall()
        return [Message(r, t) for r, t in rows]

    def turns(self, *, session_id: str | None = None, user: str | None = None) -> list[Turn]:
        """Turns of one session, or of all a user's sessions, oldest first."""
        if session_id is not None:
            where, args = "t.session_id=?", (session_id,)
        else:
            where, args = "s.user=?", (user,)
        with self._db() as db:
            rows = db.execute(
                "SELECT t.* FROM turns t JOIN sessions s ON s.id=t.session_id "
                f"WHERE {where} ORDER BY t.at, s.started_at, t.seq",
                args,
            ).fetchall()
        return [_turn(r) for r in rows]

    def next_turn_seq(self, session_id: str) -> int:
        with self._db() as db:
            return db.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE session_id=?", (session_id,)
            ).fetchone()[0]


def _session(row) -> SessionRecord:
    sid, user, started, ended, settings, state = row
    return SessionRecord(
        sid, user, started, ended, SessionSettings.model_validate_json(settings), json.loads(state)
    )


def _turn(row) -> Turn:
    keys = (
        "session_id",
        "seq",
        "kind",
        "item_id",
        "topic",
        "question",
        "answer",
        "score",
        "max_score",
        "hints",
        "grade",
        "feedback",
        "at",
    )
    data = dict(zip(keys, row))
    data["grade"] = json.loads(data["grade"]) if data["grade"] else None
    return Turn.model_validate(data)
