"""The rubric grader's text vectors: a bounded cache in front of the embedder (and the
vectors shipped for the default corpus), an answer's whole-answer vector from its
sentences, and the glossary's expansion of an item's texts."""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache

import numpy as np

from interviewer.corpus.glossary import default_glossary
from interviewer.grading.shipped import ShippedVectors
from interviewer.grading.text import word_count
from interviewer.store.embedders import Embedder


class VectorCache:
    """Vectors of texts already seen (rubric phrasings above all), bounded."""

    def __init__(
        self,
        embedder: Embedder,
        size: int = 50_000,
        known: dict[str, np.ndarray] | None = None,
        shipped: ShippedVectors | None = None,
    ):
        self.embedder = embedder
        self._size = size
        self._data: OrderedDict[str, np.ndarray] = OrderedDict(known or {})
        self.shipped = shipped

    def snapshot(self) -> dict[str, np.ndarray]:
        return dict(self._data)

    def get(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._data]
        if missing and self.shipped is not None:
            self._data.update(self.shipped.find(self.embedder.name, missing))
            missing = [t for t in missing if t not in self._data]
        if missing:
            for text, vec in zip(missing, self.embedder.embed_questions(missing)):
                self._data[text] = np.asarray(vec, dtype=np.float32)
            while len(self._data) > self._size:
                self._data.popitem(last=False)
        for t in texts:
            self._data.move_to_end(t)
        return np.stack([self._data[t] for t in texts])


def whole_vector(sent_vecs: np.ndarray, sentences: list[str]) -> np.ndarray:
    """The whole answer's direction: its sentence vectors averaged, each weighted by its
    length in words (as E5 itself mean-pools over tokens), then normalised. Embedding
    the answer once more as one text cost as much as all its sentences together."""
    weights = np.array([max(1, word_count(s)) for s in sentences], dtype=np.float32)
    mean = weights @ sent_vecs
    return mean / max(float(np.linalg.norm(mean)), 1e-12)


@lru_cache(maxsize=20_000)
def expand(text: str) -> str:
    """The glossary's expansion of an item's text (the same for every answer to it, and
    the glossary's scan takes longer than scoring the answer)."""
    return default_glossary().expand(text)
