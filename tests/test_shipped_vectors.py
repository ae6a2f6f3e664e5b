"""The vectors shipped for the default corpus (`corpus/vectors/`): complete, the embedder's
own, and what spares a first grade from embedding the rubrics. On a CPU whose numerics give
slightly other vectors (the file's probe says so) they are still used, and close."""

from __future__ import annotations

import numpy as np
import pytest

from interviewer.grading.rubric_grader import RubricGrader
from interviewer.grading.shipped import (
    DEFAULT_SHIPPED,
    PROBE_TOLERANCE,
    ShippedVectors,
    write_shipped,
)
from interviewer.grading.text import clean_answer
from interviewer.rubric.derive import derive_rubric
from interviewer.session.setup import default_rubrics
from interviewer.store import ItemStore
from interviewer.store.embedders import Embedder

REBUILD = ".venv/bin/python -m interviewer.grading.shipped"


class Counting(Embedder):
    """The real embedder, recording every text it is asked to embed."""

    def __init__(self, inner: Embedder):
        self.inner, self.name, self.seen = inner, inner.name, []

    def embed_questions(self, texts: list[str]) -> list[list[float]]:
        self.seen += texts
        return self.inner.embed_questions(texts)


@pytest.fixture(scope="module")
def default_targets(built_store_dir, embedder):
    items = ItemStore(built_store_dir, embedder).items()
    book = default_rubrics()
    return items, [(it, book.get(it.id) or derive_rubric(it)) for it in items]


def test_the_file_holds_every_text_the_grader_warms_for_the_default_corpus(
    default_targets, embedder
):
    items, targets = default_targets
    texts = set(RubricGrader(embedder, pool=items).warm_texts(targets))
    found = DEFAULT_SHIPPED.find(embedder.name, sorted(texts))
    missing = texts - found.keys()
    assert not missing, (
        f"{len(missing)} of {len(texts)} texts are not in the shipped vectors "
        f"(a note or rubric changed?); write them again: {REBUILD}"
    )


def test_the_shipped_vectors_are_the_embedders_own(default_targets, embedder):
    items, targets = default_targets
    texts = sorted(set(RubricGrader(embedder, pool=items).warm_texts(targets)))
    sample = texts[:: max(1, len(texts) // 12)]  # long references and short phrasings alike
    stored = DEFAULT_SHIPPED.find(embedder.name, sample)
    fresh = np.array(embedder.embed_questions(sample))
    shipped = np.stack([stored[t] for t in sample])
    same = np.allclose(shipped, fresh, atol=PROBE_TOLERANCE)
    assert DEFAULT_SHIPPED.reproduces(embedder) == same  # the probe's verdict is right
    # on another CPU's numerics (an AMD one without AVX-512 against the Intel one that wrote
    # the file: up to 1.6e-3 per component), still the same vectors to a cosine of 0.9999
    assert np.allclose(shipped, fresh, atol=5e-3)
    assert (np.sum(shipped * fresh, axis=1) > 0.9999).all()


def test_another_model_never_gets_them(default_targets, embedder):
    items, targets = default_targets
    texts = RubricGrader(embedder, pool=items).warm_texts(targets)[:20]
    assert DEFAULT_SHIPPED.find(embedder.name, texts)
    assert DEFAULT_SHIPPED.find("some-other-model", texts) == {}


def test_a_first_grade_embeds_the_answer_only_and_grades_the_same(default_targets, embedder):
    items, targets = default_targets
    item, rubric = next((it, r) for it, r in targets if it.lang == "en" and r.points)
    answer = "It randomly drops units during training. This reduces overfitting."
    shipped, fresh = Counting(embedder), Counting(embedder)

    with_file = RubricGrader(shipped).grade(item, rubric, answer)
    without = RubricGrader(fresh, shipped=None).grade(item, rubric, answer)

    assert set(shipped.seen) == set(clean_answer(answer).sentences)
    assert item.question in fresh.seen  # without the file, the rubric is embedded too
    if DEFAULT_SHIPPED.reproduces(embedder):
        assert with_file == without
    else:  # another CPU's numerics: the same verdicts, a score within rounding
        assert [p.verdict for p in with_file.points] == [p.verdict for p in without.points]
        assert abs(with_file.score - without.score) <= 0.2


class Table(Embedder):
    """An embedder that looks its vectors up (plus `shift`), called `name`."""

    def __init__(self, name: str, vectors: dict[str, np.ndarray], shift: float = 0.0):
        self.name, self.vectors, self.shift = name, vectors, shift

    def embed_questions(self, texts: list[str]) -> list[list[float]]:
        return [(self.vectors[t] + self.shift).tolist() for t in texts]


def test_written_vectors_read_back_and_a_missing_file_holds_none(tmp_path):
    vectors = {"a": np.ones(4, dtype=np.float32) / 2, "b": np.arange(4, dtype=np.float32)}
    write_shipped(tmp_path / "v.npz", "model-x", vectors)
    back = ShippedVectors(tmp_path / "v.npz")
    assert len(back) == 2
    got = back.find("model-x", ["a", "b", "c"])
    assert got.keys() == {"a", "b"} and np.array_equal(got["b"], vectors["b"])
    assert back.reproduces(Table("model-x", vectors))
    # the same model computing slightly other vectors (another CPU's numerics)
    assert not ShippedVectors(tmp_path / "v.npz").reproduces(Table("model-x", vectors, 3e-4))
    assert len(ShippedVectors(tmp_path / "none.npz")) == 0
    assert ShippedVectors(tmp_path / "none.npz").find("model-x", ["a"]) == {}
    assert not ShippedVectors(tmp_path / "none.npz").reproduces(Table("model-x", vectors))
