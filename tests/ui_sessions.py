"""Sessions prepared in the served app's own history, as an earlier visit would have left
them, for browser tests that start from one (a reload, a follow-up). The real store,
rubric grader and template coach, in this process; the session's lock is released before
the browser resumes it."""

from __future__ import annotations

from pathlib import Path

from interviewer.session import Interview, SessionSettings
from interviewer.session.engine import Kit, Library
from interviewer.session.setup import build_kit
from interviewer.store import ItemStore

USER = "local"  # the app's user when nobody logs in


def kit_for(data_dir: Path, embedder) -> Kit:
    return build_kit(ItemStore(data_dir / "store", embedder), data_dir / "history.sqlite3")


def only(kit: Kit, item_id: str) -> Kit:
    """KIT asking only the item ITEM_ID (the same history, rubrics and topic names)."""
    lib = kit.library
    items = [it for it in lib.items if it.id == item_id]
    return Kit(Library(items, lib.rubrics, lib.titles), kit.grader, kit.coach, kit.history)


def chinese_item_with_a_follow_up(kit: Kit):
    """A Chinese item with an authored rubric whose first key point, said alone, is graded
    without a flag that stops a follow-up: (item, rubric, that answer)."""
    from interviewer.session.engine import NO_FOLLOW_UP

    for item in kit.library.items:
        rubric = kit.library.rubrics.get(item.id)
        if item.lang != "zh-Hans" or rubric is None or len(rubric.points) < 3:
            continue
        top = max(rubric.points, key=lambda p: p.weight)
        answer = "；".join(top.zh)
        grade = kit.grade(item, rubric, answer)
        if not NO_FOLLOW_UP & set(grade.flags) and grade.score and grade.score < 8:
            return item, rubric, answer
    raise LookupError("no Chinese item with a follow-up in the corpus")


def answered_session(kit: Kit, item_id: str, settings: SessionSettings, answer: str) -> str:
    """A session asking ITEM_ID first, with ANSWER given, left unfinished (the next
    question, or a follow-up, waits)."""
    with Interview.start(only(kit, item_id), USER, settings, seed=1) as first:
        sid = first.id
    with Interview.resume(kit, sid, USER) as iv:  # the next question from the whole library
        for _ in iv.reply(answer):
            pass
        assert not iv.finished
    return sid
