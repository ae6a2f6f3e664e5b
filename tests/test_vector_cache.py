"""Vectors kept on disk: the same vectors come back without embedding again, per kind,
and a damaged cache file is set aside, not trusted."""

from __future__ import annotations

import numpy as np

from interviewer.store.vector_cache import PersistentEmbedder


class Counting:
    """The real embedder, counting the texts it had to embed."""

    def __init__(self, inner):
        self.inner, self.name, self.texts = inner, inner.name, 0

    def embed_documents(self, texts):
        self.texts += len(texts)
        return self.inner.embed_documents(texts)

    def embed_questions(self, texts):
        self.texts += len(texts)
        return self.inner.embed_questions(texts)

    def embed_query(self, text):
        self.texts += 1
        return self.inner.embed_query(text)


def test_vectors_survive_a_restart_and_kinds_are_kept_apart(embedder, tmp_path):
    path = tmp_path / "vectors.sqlite3"
    first = Counting(embedder)
    texts = ["What is dropout?", "什么是过拟合？", "What is dropout?"]
    a = PersistentEmbedder(first, path).embed_questions(texts)
    assert first.texts == 2  # the repeat is looked up
    second = Counting(embedder)
    again = PersistentEmbedder(second, path)
    b = again.embed_questions(texts)
    assert second.texts == 0
    np.testing.assert_allclose(a, b, rtol=0, atol=1e-6)
    np.testing.assert_allclose(b[0], embedder.embed_questions(["What is dropout?"])[0], atol=1e-6)
    passage = again.embed_documents(["What is dropout?"])  # another kind: embedded anew
    assert second.texts == 1
    assert not np.allclose(passage[0], b[0])


def test_a_damaged_cache_is_set_aside(embedder, tmp_path):
    path = tmp_path / "vectors.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = PersistentEmbedder(embedder, path)
    assert len(cache.embed_questions(["What is dropout?"])[0]) == 384
    assert (tmp_path / "vectors.damaged").exists()
