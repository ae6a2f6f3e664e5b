"""One batch-grading run of the web app: the library calls `interviewer grade` makes
(the file's peer answers, then `grade_file`), on a worker thread that stops between two
answers once `stop()` is called: the app's handler does so when Gradio closes it (the
run was cancelled, or the browser tab closed). As a backstop, a run nobody has asked
about (`beat()`) for `stale_after` seconds stops too. What was graded before the stop
stays in the output, so uploading the file again resumes."""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable, Generator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from interviewer.grading.batch import InputError, Resolver, Target, add_peer_answers, grade_file
from interviewer.grading.table import PREVIEW_ROWS, preview, write_csv
from interviewer.session.engine import Kit

log = logging.getLogger(__name__)
STALE_AFTER = 60.0  # seconds without a progress request before a run stops


class Cancelled(Exception):
    """The run was stopped."""


class _BatchGrader:
    """The grader of one run beside live interviews: a twin of the kit's grader (its
    vectors, under the kit's lock) with the run's own peer answers, so that they reach
    neither live interviews nor other runs. Without a twin (a grader that takes no
    peers), the kit's grader as it is."""

    def __init__(self, kit: Kit, check: Callable[[], None]):
        self.kit = kit
        self.check = check
        twin = getattr(kit.grader, "for_batch", None)
        self.twin = twin() if twin is not None else kit.grader
        self.name = self.twin.name
        if hasattr(self.twin, "add_peers"):
            self.add_peers = self._add_peers

    def grade(self, item, rubric, answer):
        with self.kit.grade_lock:
            return self.twin.grade(item, rubric, answer)

    def _add_peers(self, answers, on_answer=None):
        bank = None
        for pair in answers:  # the lock one answer at a time: live answers go between
            self.check()
            with self.kit.grade_lock:
                bank = self.twin.add_peers([pair], on_answer=on_answer)
        return bank


class _StoppableResolver:
    """The resolver under the kit's lock (the store shares the grader's embedder), which
    raises Cancelled once the run is stopped: matching every row to an item is the first
    long step of a big file."""

    def __init__(self, resolver: Resolver, kit: Kit, check: Callable[[], None]):
        self._resolver = resolver
        self._kit = kit
        self._check = check

    def resolve(self, row: dict[str, Any]) -> Target:
        self._check()
        with self._kit.grade_lock:
            return self._resolver.resolve(row)

    def answer(self, row: dict[str, Any]) -> tuple[str, str | None]:
        return self._resolver.answer(row)  # no audio here: the row's written answer


@dataclass
class Progress:
    phase: str = "peers"  # peers -> grading -> done | stopped | failed
    peers: int = 0  # answers read as peers
    graded: int = 0  # rows graded in this run
    failed: int = 0  # of which with an error
    unmatched: int = 0  # of which matching no corpus item (no reference given)
    error: str | None = None


class BatchJob:
    def __init__(
        self,
        kit: Kit,
        resolver: Resolver,
        rows: list[dict[str, Any]],
        source: Path,
        output: Path,
        peers: bool = True,
        stale_after: float = STALE_AFTER,
    ):
        self._stop = threading.Event()
        self.stale_after = stale_after
        self._beat = time.monotonic()
        self.grader = _BatchGrader(kit, self.check)
        # duck-typed as a Resolver: resolve() and answer() are all the batch functions call
        self.resolver = cast(Resolver, _StoppableResolver(resolver, kit, self.check))
        self.rows, self.source, self.output, self.peers = rows, source, output, peers
        self.progress = Progress()
        self._thread = threading.Thread(target=self._run, name="batch-grade", daemon=True)

    def start(self) -> BatchJob:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def beat(self) -> None:
        """Someone still wants this run (called whenever its progress is asked for)."""
        self._beat = time.monotonic()

    def check(self) -> None:
        """Cancelled once stopped or abandoned (no `beat` for `stale_after` seconds)."""
        if self._stop.is_set() or time.monotonic() - self._beat > self.stale_after:
            raise Cancelled

    def wait(self, timeout: float | None = None) -> bool:
        """True once the run has ended."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        p = self.progress
        try:
            if self.peers:
                add_peer_answers(
                    self.rows,
                    self.grader,
                    self.resolver,
                    on_answer=lambda: setattr(p, "peers", p.peers + 1),
                )
            p.phase = "grading"
            rows = grade_file(self.source, self.output, self.grader, self.resolver)
            with closing(cast(Generator[dict[str, Any], None, None], rows)):
                for row in rows:
                    p.graded += 1
                    p.failed += row["error"] is not None
                    p.unmatched += "no_reference_match" in row["flags"]
                    self.check()
            p.phase = "done"
        except Cancelled:
            p.phase = "stopped"
        except InputError as exc:
            p.phase, p.error = "failed", str(exc)
        except Exception as exc:  # shown as one line, never a server path
            log.exception("batch grading failed")
            p.phase, p.error = "failed", f"grading failed ({type(exc).__name__})"


def deliver(output: Path, upload_name: str, folder: Path) -> Path:
    """The graded file the user downloads, in `folder`: CSV for a `.csv` upload (the
    columns of `interviewer grade --csv`), the output's JSONL for a `.jsonl` one."""
    stem = Path(upload_name).stem
    if Path(upload_name).suffix.lower() == ".csv":
        dest = folder / f"{stem}.graded.csv"
        write_csv(output, dest)
    else:
        dest = folder / f"{stem}.graded.jsonl"
        shutil.copyfile(output, dest)
    return dest


def preview_table(output: Path, limit: int = PREVIEW_ROWS) -> list[list[Any]]:
    """The first graded rows (id, question, score, verdict, error); none before any."""
    return preview(output, limit) if output.exists() else []
