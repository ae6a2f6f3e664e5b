"""The trained judge at grading time: label probabilities for (claim, text) pairs.

The model file ships in the package (`judge.pt` beside this module; `python -m
interviewer.judge.train` rebuilds it). It is loaded once per process and run in fp32, in
eval mode: the model that was trained and measured. (Until 2026-12-06 its linear layers
were quantised to int8 at load, per batch: that was ~30% faster, but its labels agreed with
the trained model's on only 63% of 120 answer pairs and a pair's probabilities moved by up
to 0.37 with its batch-mates: docs/decisions.md.) In fp32 a pair's probabilities do not
depend on the batch it is judged in.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from interviewer.judge.pairs import LABELS

DEFAULT_MODEL = Path(__file__).with_name("judge.pt")
ENTAILED, CONTRADICTED, NOT_ADDRESSED = (LABELS.index(k) for k in LABELS)


class ClaimJudge:
    def __init__(self, path: Path = DEFAULT_MODEL, threads: int | None = None):
        self.path = path
        self.threads = threads
        self._loaded = None
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return self.path.is_file()

    def _model(self):
        with self._lock:
            if self._loaded is None:
                import torch

                from interviewer.judge.model import load_judge

                if self.threads:
                    torch.set_num_threads(self.threads)
                self._loaded = load_judge(self.path)
            return self._loaded

    def load(self) -> None:
        """Load the model now (it loads on first use otherwise)."""
        self._model()

    def token_counts(self, texts: list[str]) -> list[int]:
        """Each text's length in the judge's tokens."""
        tok = self._model().tokenizer
        return [len(tok.encode(t)) for t in texts]

    def probabilities(self, pairs: list[tuple[str, str]], batch: int = 32) -> np.ndarray:
        """[len(pairs), 3] probabilities in LABELS order."""
        out = np.zeros((len(pairs), len(LABELS)), dtype=np.float32)
        if not pairs:
            return out
        import torch

        from interviewer.judge.model import batch_tensors, pair_ids

        judge = self._model()
        rows = sorted(
            ((pair_ids(judge.tokenizer, *p), i) for i, p in enumerate(pairs)),
            key=lambda r: (len(r[0]), r[1]),
        )
        with torch.inference_mode():
            for start in range(0, len(rows), batch):
                chunk = rows[start : start + batch]
                ids, mask = batch_tensors([r for r, _ in chunk], judge.tokenizer.pad)
                probs = judge.model(ids, mask).softmax(-1).numpy()
                for (_, i), p in zip(chunk, probs):
                    out[i] = p
        return out


_judges: dict[Path, ClaimJudge] = {}


def default_judge(path: Path = DEFAULT_MODEL) -> ClaimJudge:
    """One judge per model file and process."""
    if path not in _judges:
        _judges[path] = ClaimJudge(path)
    return _judges[path]
