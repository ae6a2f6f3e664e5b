"""The interview engine: ask → answer → grade → feedback → follow-ups → next question,
with the commands skip / hint / repeat / end. Every step is written to the history
before and after the interviewer speaks, so a crash or a restart resumes where it was."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from interviewer.corpus.items import Item
from interviewer.corpus.lang import to_simplified, to_traditional
from interviewer.grading.batch import Grader
from interviewer.grading.focus import biggest_missing, point_phrase
from interviewer.grading.models import Grade
from interviewer.rubric.derive import derive_rubric
from interviewer.rubric.loader import RubricBook
from interviewer.rubric.models import Rubric
from interviewer.session.coach import Coach
from interviewer.session.history import History, Message, SessionRecord
from interviewer.session.lock import SessionLock
from interviewer.session.models import Chunk, Level, SessionReport, SessionSettings, Turn
from interviewer.session.report import report_markdown, session_report
from interviewer.session.selection import choose, item_stats, next_level, topic_means
from interviewer.session.texts import command_of, level_name, offline_markdown, say
from interviewer.session.topics import levels, topic_key, topic_label, topic_of

# no follow-up after these; a follow-up answer is short and about one point, so
# `off_topic` (measured against the whole question) does not stop the next one
NO_FOLLOW_UP = {"empty", "dont_know", "off_topic", "injection_suspected"}
NO_FOLLOW_UP_AFTER_FOLLOW_UP = NO_FOLLOW_UP - {"off_topic"}


@dataclass
class Library:
    """The questions an interview draws on (items with a text answer) and their rubrics."""

    items: list[Item]
    rubrics: RubricBook
    titles: dict[str, str] = field(default_factory=dict)  # note file name -> title

    def __post_init__(self) -> None:
        self.items = [it for it in self.items if it.answer_kind == "text"]
        self._by_id = {it.id: it for it in self.items}
        self._derived: dict[str, Rubric] = {}
        self.topics = {it.id: topic_of(it, self.titles) for it in self.items}
        self.levels: dict[str, Level] = levels(self.items, self.rubric)

    def get(self, item_id: str) -> Item:
        return self._by_id[item_id]

    def rubric(self, item: Item) -> Rubric:
        found = self.rubrics.get(item.id)
        if found is None:
            found = self._derived.get(item.id) or derive_rubric(item)
            self._derived[item.id] = found
        return found

    def topic_names(self) -> list[str]:
        """The topics' keys (their English names), sorted."""
        return sorted(set(self.topics.values()))

    def topic_choices(self, lang: str = "en") -> list[tuple[str, str]]:
        """(name in `lang`, key) of every topic, sorted by name."""
        return sorted((topic_label(k, lang), k) for k in self.topic_names())

    def topic_key(self, name: str) -> str | None:
        """The key of the topic `name` names (its key or its name in any language)."""
        return topic_key(name, self.topic_names())

    def candidates(self, s: SessionSettings) -> list[Item]:
        wanted = {self.topic_key(name) or name for name in s.topics}
        return [
            it
            for it in self.items
            if (not wanted or self.topics[it.id] in wanted)
            and (s.lang == "any" or (it.lang == "en") == (s.lang == "en"))
        ]


@dataclass
class Kit:
    """What an interview needs; built once per process and shared by its sessions."""

    library: Library
    grader: Grader
    coach: Coach
    history: History
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    grade_lock: threading.Lock = field(default_factory=threading.Lock)

    def grade(self, item: Item, rubric: Rubric, answer: str) -> Grade:
        with self.grade_lock:  # the grader's caches are not shared across threads
            return self.grader.grade(item, rubric, answer)


class _Out:
    """The assistant messages of one reply, streamed as chunks."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def say(self, text: str) -> Iterator[Chunk]:
        self.messages.append(text)
        yield Chunk(message=len(self.messages) - 1, text=text)

    def stream(self, pieces: Iterator[str]) -> Iterator[Chunk]:
        self.messages.append("")
        # an empty chunk first: the grade is saved, and a UI can show it before the
        # coach's words (which may wait for the LLM) come
        yield Chunk(message=len(self.messages) - 1, text="")
        for piece in pieces:
            self.messages[-1] += piece
            yield Chunk(message=len(self.messages) - 1, text=piece)

    def add(self, text: str) -> Iterator[Chunk]:
        self.messages[-1] += text
        yield Chunk(message=len(self.messages) - 1, text=text)


class Interview:
    """One session being answered. It holds the session's lock (see `session.lock`) from
    `start` / `resume` until `close()`, the end of a `with` block, or the end of the
    object, so a second process cannot answer the same session meanwhile."""

    def __init__(self, kit: Kit, record: SessionRecord, lock: SessionLock | None = None):
        self.kit = kit
        self.id = record.id
        self.user = record.user
        self.settings = record.settings
        self.state = record.state
        self._lock = lock

    def close(self) -> None:
        """Let other processes answer this session."""
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> "Interview":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def start(
        cls, kit: Kit, user: str, settings: SessionSettings, seed: int | None = None
    ) -> "Interview":
        state = {
            "seed": random.randrange(2**31) if seed is None else seed,
            "asked": [],
            "current": None,
            "phase": "answer",
            "hints": [],
            "follow_asked": [],
            "follow_point": None,
            "follow_text": None,
            "recent": [],
            "level": "medium" if settings.difficulty == "adaptive" else settings.difficulty,
        }
        sid = kit.history.create_session(user, settings, state)
        interview = cls(kit, kit.history.session(sid), kit.history.session_lock(sid).acquire())
        out = _Out()
        for _ in interview._next_question(out):
            pass
        interview._save(out)
        return interview

    @classmethod
    def resume(cls, kit: Kit, session_id: str, user: str) -> "Interview":
        """The session as the history has it; `SessionBusy` when another process has it
        open."""
        record = kit.history.session(session_id)
        if record is None or record.user != user:
            raise LookupError(f"no session {session_id!r} for user {user!r}")
        lock = kit.history.session_lock(session_id).acquire()
        try:
            # read again under the lock: the last holder may have answered meanwhile
            interview = cls(kit, kit.history.session(session_id), lock)
            if interview.state["phase"] == "graded":  # stopped between grade and next question
                out = _Out()
                turn = kit.history.turns(session_id=session_id)[-1]
                for _ in interview._advance(out, turn.grade, turn.answer):
                    pass
                interview._save(out)
        except BaseException:
            lock.release()
            raise
        return interview

    @property
    def finished(self) -> bool:
        return self.state["phase"] == "done"

    @property
    def lang(self) -> str:
        if self.settings.lang != "any":
            return self.settings.lang
        current = self.state.get("current")
        return self.kit.library.get(current).lang if current else "en"

    @property
    def llm_unavailable(self) -> str | None:
        """Why the LLM could not word the last reply (its text came from templates), or
        None when it could or no LLM is used."""
        return next(
            (n for n in self.state.get("coach_notes", []) if n.startswith("llm_unavailable")), None
        )

    def _notes(self) -> list[str]:
        return self.state.setdefault("coach_notes", [])

    def transcript(self) -> list[Message]:
        return self.kit.history.messages(self.id)

    def turns(self) -> list[Turn]:
        return self.kit.history.turns(session_id=self.id)

    def report(self) -> SessionReport:
        return session_report(self.id, self.turns(), self.kit.library)

    # -- a reply ------------------------------------------------------------------------

    def reply(self, text: str) -> Iterator[Chunk]:
        """The interviewer's answer to whatever the candidate typed, streamed."""
        out = _Out()
        self.state["coach_notes"] = []  # why the coach used template text in this reply
        self.kit.history.record(self.id, self.state, [Message("user", text)])
        command, phase = command_of(text), self.state["phase"]
        if phase == "done":
            yield from out.say(say(self.lang, "over"))
        elif command == "end":
            yield from self._finish(out)
        elif command == "repeat":
            yield from out.say(self._prompt())
        elif command == "hint":
            yield from self._hint(out)
        elif command == "skip":
            yield from self._skip(out)
        elif not text.strip():
            yield from out.say(say(self.lang, "empty"))
        elif phase == "follow_up":
            yield from self._follow_up_answer(text, out)
        else:
            yield from self._answer(text, out)
        self._save(out)

    def _answer(self, text: str, out: _Out) -> Iterator[Chunk]:
        item = self._item()
        rubric = self.kit.library.rubric(item)
        grade = self.kit.grade(item, rubric, text)
        cap = self._max_score(rubric)
        score = min(grade.score, cap)
        self.state["recent"].append(score)
        if self.settings.difficulty == "adaptive":
            self.state["level"] = next_level(self.state["level"], self.state["recent"])
        self.state["phase"] = "graded"
        turn = self._turn("main", item, self._question_text(item), text, score, cap, grade)
        self.kit.history.record(self.id, self.state, turn=turn)
        yield from out.stream(self._feedback(item, rubric, grade, text))
        if self.state["hints"]:
            yield from out.add(
                "\n\n" + say(self.lang, "capped", n=len(self.state["hints"]), max=cap, score=score)
            )
        yield from out.say(self._reference(item))
        yield from self._advance(out, grade, text)

    def _feedback(self, item: Item, rubric: Rubric, grade: Grade, answer: str) -> Iterator[str]:
        try:
            for piece in self.kit.coach.feedback(item, rubric, grade, answer, self._notes()):
                yield self._show(piece)
        except Exception:  # noqa: BLE001 - a coach's failure must never lose the grade
            yield self._show(grade.feedback)

    def _follow_up_answer(self, text: str, out: _Out) -> Iterator[Chunk]:
        item = self._item()
        rubric = self.kit.library.rubric(item)
        grade = self.kit.grade(item, rubric, text)
        point = self.state["follow_point"]
        result = next(r for r in grade.points if r.point == point)
        score = round(10 * result.credit, 1) if result.verdict != "contradicted" else 0.0
        self.state.update(phase="graded", follow_graded=point)  # the point the panel shows
        turn = self._turn("follow_up", item, self.state["follow_text"], text, score, 10.0, grade)
        self.kit.history.record(self.id, self.state, turn=turn)
        kp = next(p for p in rubric.points if p.id == point)
        lines = [say(self.lang, "follow_up_score", score=score)]
        if result.verdict != "covered":
            lines.append("→ " + self._show(point_phrase(kp, rubric, self.lang)))
        yield from out.say("\n".join(lines))
        yield from self._advance(out, grade, text, stop=NO_FOLLOW_UP_AFTER_FOLLOW_UP)

    def _advance(
        self, out: _Out, grade: Grade | None, answer: str, stop: set[str] = NO_FOLLOW_UP
    ) -> Iterator[Chunk]:
        """After a graded answer: a follow-up about the biggest missing point, if allowed
        and useful, else the next question."""
        asked = self.state["follow_asked"]
        if (
            grade is not None
            and len(asked) < self.settings.follow_ups
            and not stop & set(grade.flags)
        ):
            item = self._item()
            rubric = self.kit.library.rubric(item)
            point = biggest_missing(grade, rubric, asked)
            question = None
            if point is not None:
                try:
                    question = self.kit.coach.follow_up(
                        item, rubric, grade, answer, list(asked), self._notes()
                    )
                except Exception:  # noqa: BLE001 - no follow-up rather than no interview
                    question = None
            if question:
                question = self._show(question)
                self.state.update(
                    phase="follow_up",
                    follow_point=point.id,
                    follow_text=question,
                    follow_asked=[*asked, point.id],
                )
                yield from out.say(say(self.lang, "follow_up", question=question))
                return
        yield from self._next_question(out)

    def _hint(self, out: _Out) -> Iterator[Chunk]:
        if self.state["phase"] != "answer":
            yield from out.say(self._prompt())
            return
        rubric = self.kit.library.rubric(self._item())
        left = sorted(
            (p for p in rubric.points if p.id not in self.state["hints"]), key=lambda p: -p.weight
        )
        if not left:
            yield from out.say(say(self.lang, "no_hint"))
            return
        self.state["hints"].append(left[0].id)
        yield from out.say(
            say(
                self.lang,
                "hint",
                n=len(self.state["hints"]),
                point=self._show(point_phrase(left[0], rubric, self.lang)),
                max=self._max_score(rubric),
            )
        )

    def _skip(self, out: _Out) -> Iterator[Chunk]:
        item = self._item()
        if self.state["phase"] == "answer":
            cap = self._max_score(self.kit.library.rubric(item))
            self.kit.history.record(
                self.id,
                self.state,
                turn=self._turn("skip", item, self._question_text(item), "", 0.0, cap, None),
            )
            self.state["recent"].append(0.0)
            yield from out.say(say(self.lang, "skipped") + "\n\n" + self._reference(item))
        else:  # a follow-up: show the point and move on
            rubric = self.kit.library.rubric(item)
            kp = next(p for p in rubric.points if p.id == self.state["follow_point"])
            yield from out.say("→ " + self._show(point_phrase(kp, rubric, self.lang)))
        yield from self._next_question(out)

    def _next_question(self, out: _Out) -> Iterator[Chunk]:
        s, st = self.settings, self.state
        if len(st["asked"]) >= s.questions:
            yield from self._finish(out)
            return
        past = self.kit.history.turns(user=self.user)
        lib = self.kit.library
        item = choose(
            lib.candidates(s),
            asked=set(st["asked"]),
            topics=lib.topics,
            levels=lib.levels,
            target=st["level"],
            stats=item_stats(past),
            means=topic_means(past),
            now=self.kit.clock(),
            rng=random.Random(f"{st['seed']}-{len(st['asked'])}"),
        )
        if item is None:
            yield from out.say(say(self.lang, "no_more"))
            yield from self._finish(out)
            return
        st.update(
            asked=[*st["asked"], item.id],
            current=item.id,
            phase="answer",
            hints=[],
            follow_asked=[],
            follow_point=None,
            follow_text=None,
        )
        try:
            self.kit.coach.prepare(item, lib.rubric(item))
        except Exception:  # noqa: BLE001 - a lost warm-up must not stop the interview
            pass
        yield from out.say(
            self._prompt() + ("\n\n" + say(self.lang, "commands") if len(st["asked"]) == 1 else "")
        )

    def _finish(self, out: _Out) -> Iterator[Chunk]:
        self.state.update(phase="done")
        yield from out.say(report_markdown(self.report(), self.lang))

    # -- helpers ------------------------------------------------------------------------

    def _item(self) -> Item:
        return self.kit.library.get(self.state["current"])

    def _max_score(self, rubric: Rubric) -> float:
        shown = sum(p.weight for p in rubric.points if p.id in self.state["hints"])
        return round(10.0 * (1 - shown / rubric.total_weight), 1)

    def _show(self, text: str) -> str:
        """Text in the session's script (simplified / traditional) when one was chosen."""
        if self.settings.lang == "zh-Hant":
            return to_traditional(text)
        if self.settings.lang == "zh-Hans":
            return to_simplified(text)
        return text

    def _question_text(self, item: Item) -> str:
        return offline_markdown(self._show(item.question))

    def _prompt(self) -> str:
        st = self.state
        if st["phase"] == "done" or st["current"] is None:
            return say(self.lang, "over")
        if st["phase"] == "follow_up":
            return say(self.lang, "follow_up", question=st["follow_text"])
        item = self._item()
        lib = self.kit.library
        return say(
            self.lang,
            "question",
            n=len(st["asked"]),
            total=self.settings.questions,
            topic=topic_label(lib.topics[item.id], self.lang),
            level=level_name(self.lang, lib.levels[item.id]),
            question=self._question_text(item),
        )

    def _reference(self, item: Item) -> str:
        return say(
            self.lang,
            "reference",
            source=item.source,
            a=item.lines[0],
            b=item.lines[1],
            answer=offline_markdown(self._show(item.answer)),
        )

    def _turn(
        self,
        kind,
        item: Item,
        question: str,
        answer: str,
        score: float,
        cap: float,
        grade: Grade | None,
    ) -> Turn:
        return Turn(
            session_id=self.id,
            seq=self.kit.history.next_turn_seq(self.id),
            kind=kind,
            item_id=item.id,
            topic=self.kit.library.topics[item.id],
            question=question,
            answer=answer,
            score=score,
            max_score=cap,
            hints=len(self.state["hints"]),
            grade=grade,
            feedback=grade.feedback if grade else "",
            at=self.kit.clock().isoformat(timespec="seconds"),
        )

    def _save(self, out: _Out) -> None:
        self.kit.history.record(
            self.id,
            self.state,
            [Message("assistant", m) for m in out.messages],
            finished=self.finished,
        )
