"""History in SQLite: every step persists, a restart or a crash loses nothing, sessions
resume, transcripts export, users are kept apart. Real store, grader and SQLite."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interviewer.session import History, Interview, SessionSettings, TemplateCoach
from interviewer.session.engine import Kit
from interviewer.session.report import progress, transcript_json, transcript_markdown
from tests.test_session import DROPOUT, PARTIAL, make_kit, parts, replies  # noqa: F401

REPO = Path(__file__).resolve().parent.parent
CLI = [str(Path(sys.executable).parent / "interviewer")]


def reopen(kit: Kit) -> Kit:
    """A new process: new History object on the same file, same library and grader."""
    return Kit(kit.library, kit.grader, TemplateCoach(), History(kit.history.path))


def test_a_restart_loses_nothing_and_the_session_resumes(parts, tmp_path):
    kit = make_kit(parts, tmp_path, only={DROPOUT, "What is batch normalization?"})
    iv = Interview.start(kit, "ann", SessionSettings(questions=2, follow_ups=1), seed=7)
    first_question = iv.state["current"]
    replies(iv, PARTIAL)
    before = iv.transcript()
    state = dict(iv.state)

    kit2 = reopen(kit)
    assert [s.id for s in kit2.history.sessions("ann", unfinished=True)] == [iv.id]
    again = Interview.resume(kit2, iv.id, "ann")
    assert again.transcript() == before and again.state == state
    assert [t.kind for t in again.turns()] == ["main"]
    assert again.turns()[0].item_id == first_question
    replies(again, "skip")  # the pending follow-up
    replies(again, "skip")  # the second question
    assert again.finished and again.report().answered == 1
    assert kit2.history.sessions("ann", unfinished=True) == []
    with pytest.raises(LookupError):
        Interview.resume(kit2, iv.id, "bob")  # another user's session


class CrashingCoach(TemplateCoach):
    def feedback(self, item, rubric, grade, answer, notes=None):
        yield "Score"
        raise KeyboardInterrupt  # the process dies while feedback is being written


def test_a_crash_while_feedback_streams_keeps_the_grade_and_resumes(parts, tmp_path):
    kit = make_kit(parts, tmp_path, coach=CrashingCoach(), only={DROPOUT})
    iv = Interview.start(kit, "ann", SessionSettings(questions=1, follow_ups=0), seed=1)
    with pytest.raises(KeyboardInterrupt):
        replies(iv, PARTIAL)
    kit2 = reopen(kit)
    record = kit2.history.session(iv.id)
    assert record.state["phase"] == "graded"  # graded, next step not taken yet
    (turn,) = kit2.history.turns(session_id=iv.id)
    assert turn.answer == PARTIAL and turn.grade is not None and turn.score > 0
    assert kit2.history.messages(iv.id)[-1].text == PARTIAL  # the answer was kept
    resumed = Interview.resume(kit2, iv.id, "ann")
    assert resumed.finished  # one question: resuming finishes with the report
    assert "Session report" in resumed.transcript()[-1].text


def test_transcripts_export_and_progress_is_per_day_and_topic(parts, tmp_path):
    kit = make_kit(parts, tmp_path, only={DROPOUT})
    iv = Interview.start(kit, "ann", SessionSettings(questions=1, follow_ups=0), seed=1)
    replies(iv, PARTIAL)
    record = kit.history.session(iv.id)
    md = transcript_markdown(record, iv.transcript(), iv.turns())
    assert DROPOUT in md and PARTIAL in md and "| 1 | main |" in md
    data = json.loads(transcript_json(record, iv.transcript(), iv.turns()))
    assert data["session"]["id"] == iv.id and data["turns"][0]["answer"] == PARTIAL
    assert data["turns"][0]["grade"]["points"]
    (row,) = progress(kit.history.turns(user="ann"))
    assert row["topic"] == kit.library.topics[iv.state["current"]]
    assert row["mean"] == iv.turns()[0].score and row["answers"] == 1


def _read_until(proc, needle: str, timeout: float = 300) -> str:
    seen = b""
    fd = proc.stdout.fileno()
    os.set_blocking(fd, False)
    deadline = time.time() + timeout
    while needle.encode() not in seen:
        if time.time() > deadline or proc.poll() is not None:
            raise AssertionError(f"never saw {needle!r}; got:\n{seen.decode(errors='replace')}")
        try:
            seen += os.read(fd, 65536)
        except BlockingIOError:
            time.sleep(0.2)
    return seen.decode(errors="replace")


def test_practice_in_the_terminal_survives_kill_9(data_env):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [*CLI, "practice", "-n", "2", "--follow-ups", "0", "--lang", "en"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    _read_until(proc, "Question 1/2")
    proc.stdin.write(b"Some answer about weights and gradients and training.\n")
    proc.stdin.flush()
    _read_until(proc, "Question 2/2")
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    listing = subprocess.run([*CLI, "history"], capture_output=True, text=True, env=env, check=True)
    (line,) = listing.stdout.splitlines()
    sid = line.split()[0]
    assert "unfinished" in line and "1 questions" in line

    done = subprocess.run(
        [*CLI, "practice", "--resume"],
        input="skip\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "Session report" in done.stdout and "Answered 1, skipped 1" in done.stdout
    out = subprocess.run(
        [*CLI, "history", "--export", sid, "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    data = json.loads(out.stdout)
    assert [t["kind"] for t in data["turns"]] == ["main", "skip"]
    assert data["session"]["ended_at"] is not None


# -- issue 20, item 14: one process at a time answers a session -----------------------------

_HOLD = """
import sys, time
from pathlib import Path
from interviewer.session.history import History
lock = History(Path(sys.argv[1])).session_lock(sys.argv[2]).acquire()
print("held", flush=True)
sys.stdin.read()
"""


def test_a_session_open_in_another_process_is_not_resumed(parts, tmp_path):
    kit = make_kit(parts, tmp_path, only={DROPOUT})
    iv = Interview.start(kit, "ann", SessionSettings(questions=1, follow_ups=0), seed=1)
    iv.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(kit.history.path), iv.id],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=REPO,
    )
    try:
        assert holder.stdout.readline() == b"held\n"
        from interviewer.session.lock import SessionBusy

        with pytest.raises(SessionBusy) as busy:
            Interview.resume(reopen(kit), iv.id, "ann")
        assert str(busy.value) == (
            f"session {iv.id} is open in another process "
            f"(pid {holder.pid}); finish or stop it there first"
        )
    finally:
        holder.communicate(b"", timeout=30)
    again = Interview.resume(reopen(kit), iv.id, "ann")  # the holder is gone: free again
    replies(again, "skip")
    assert again.finished and [t.kind for t in again.turns()] == ["skip"]


def test_two_terminals_resuming_one_session_do_not_both_answer_it(data_env):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    started = subprocess.run(
        [*CLI, "practice", "-n", "2", "--follow-ups", "0", "--lang", "en"],
        input="",
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert started.returncode == 0, started.stderr
    sid = subprocess.run(
        [*CLI, "history"], capture_output=True, text=True, env=env, check=True
    ).stdout.split()[0]
    first = subprocess.Popen(
        [*CLI, "practice", "--resume", sid],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        _read_until(first, "Question 1/2")
        second = subprocess.run(
            [*CLI, "practice", "--resume", sid],
            input="skip\nskip\n",
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        assert second.returncode == 1
        # the one error line (beside practice's line on what the LLM is doing)
        assert (
            f"Error: session {sid} is open in another process "
            f"(pid {first.pid}); finish or stop it there first"
        ) in second.stderr.splitlines()
        assert "Traceback" not in second.stderr
        first.communicate(b"skip\nskip\n", timeout=600)
        assert first.returncode == 0
    finally:
        if first.poll() is None:
            first.kill()
    out = subprocess.run(
        [*CLI, "history", "--export", sid, "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert [t["kind"] for t in json.loads(out.stdout)["turns"]] == ["skip", "skip"]
